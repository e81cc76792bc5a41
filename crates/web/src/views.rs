//! Charts on page canvases. Each view caches its background (axes, curve)
//! in an off-screen layer and redraws only what moves.

use descent_plot::loss_plot::{self, LossView as LossRanges};
use descent_plot::scenes::descent::{self, CurveFrame};
use descent_plot::{SceneText, Style};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::layer::{backend, Layer};
use crate::session::DescentSession;
use crate::surface;

fn draw_error(e: descent_plot::DrawError) -> JsError {
    JsError::new(&e.to_string())
}

/// Sets one chart word; unknown keys are refused.
fn set_text(text: &mut SceneText, key: &str, value: &str) -> Result<(), JsError> {
    if text.set(key, value) {
        Ok(())
    } else {
        Err(JsError::new(&format!("chart text: unknown key {key:?}")))
    }
}

/// What the curve background depends on: curve, size, scale, projector mode, words.
#[derive(Debug, PartialEq)]
struct CurveKey(&'static str, (u32, u32), u64, bool, u32);

/// The ball on its loss curve, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CurveView {
    canvas: HtmlCanvasElement,
    layer: Layer<CurveKey>,
    frame: Option<CurveFrame>,
    text: SceneText,
    text_version: u32,
    present: bool,
}

#[wasm_bindgen]
impl CurveView {
    /// A view drawing on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<CurveView, JsError> {
        Ok(Self {
            canvas,
            layer: Layer::new()?,
            frame: None,
            text: SceneText::default(),
            text_version: 0,
            present: false,
        })
    }

    /// Sets a word drawn in the chart (`weight_axis`, `loss_axis`,
    /// `global_minimum`, `local_minimum`, `peak`, `off_chart`).
    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        set_text(&mut self.text, key, value)?;
        self.text_version = self.text_version.wrapping_add(1);
        Ok(())
    }

    /// Projector mode: larger type and thicker lines.
    #[wasm_bindgen(js_name = setPresent)]
    pub fn set_present(&mut self, present: bool) {
        self.present = present;
    }

    /// Draws the run with the ball `progress` (0 → 1) of the way through its last step.
    pub fn draw(&mut self, session: &DescentSession, progress: f64) -> Result<(), JsError> {
        let (size, style) = surface::fit(&self.canvas, self.present);
        let run = &session.run;
        let key = CurveKey(
            run.curve().name(),
            size,
            style.scale.to_bits(),
            self.present,
            self.text_version,
        );
        let text = &self.text;
        if let Some(frame) = self.layer.refresh(key, size, |area| {
            descent::draw_background(area, run.curve(), &style, text).map_err(draw_error)
        })? {
            self.frame = Some(frame);
        }
        let frame = self
            .frame
            .ok_or_else(|| JsError::new("curve view has no frame"))?;
        self.layer.blit(&self.canvas)?;
        let area = backend(&self.canvas)?.into_drawing_area();
        descent::draw_foreground(&area, &frame, run, progress, &style, text).map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }

    /// The weight under CSS x-coordinate `x` (relative to the canvas), kept in view.
    #[wasm_bindgen(js_name = weightAt)]
    pub fn weight_at(&self, x: f64) -> Option<f64> {
        let frame = self.frame?;
        Some(frame.weight_at(x * surface::scale_of(&self.canvas)))
    }

    /// Whether CSS point (x, y) is on or near the ball (for dragging).
    #[wasm_bindgen(js_name = isOnBall)]
    pub fn is_on_ball(&self, session: &DescentSession, x: f64, y: f64) -> bool {
        let Some(frame) = self.frame else {
            return false;
        };
        let scale = surface::scale_of(&self.canvas);
        let run = &session.run;
        let (bx, by) = frame.to_pixel(run.w(), run.loss());
        let (dx, dy) = (x * scale - bx, y * scale - by);
        (dx * dx + dy * dy).sqrt() <= 24.0 * scale
    }

    /// Whether CSS point (x, y) lies inside the plotting area.
    #[wasm_bindgen(js_name = isInPlot)]
    pub fn is_in_plot(&self, x: f64, y: f64) -> bool {
        let scale = surface::scale_of(&self.canvas);
        self.frame
            .is_some_and(|f| f.plot.contains(x * scale, y * scale))
    }
}

/// The loss-vs-step plot on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct LossView {
    canvas: HtmlCanvasElement,
    layer: Layer<(LossRangesKey, bool, u32)>,
    text: SceneText,
    text_version: u32,
    present: bool,
}

/// [`LossRanges`] compared bit for bit.
#[derive(Debug, PartialEq)]
struct LossRangesKey((u32, u32), u64, u64, u64, u64);

impl LossRangesKey {
    fn of(view: &LossRanges, style: &Style) -> Self {
        Self(
            view.size,
            view.steps,
            view.bottom.to_bits(),
            view.top.to_bits(),
            style.scale.to_bits(),
        )
    }
}

#[wasm_bindgen]
impl LossView {
    /// A view drawing on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<LossView, JsError> {
        Ok(Self {
            canvas,
            layer: Layer::new()?,
            text: SceneText::default(),
            text_version: 0,
            present: false,
        })
    }

    /// Sets a word drawn in the chart (`step_axis`, `loss_axis`, `off_chart`).
    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        set_text(&mut self.text, key, value)?;
        self.text_version = self.text_version.wrapping_add(1);
        Ok(())
    }

    /// Projector mode: larger type and thicker lines.
    #[wasm_bindgen(js_name = setPresent)]
    pub fn set_present(&mut self, present: bool) {
        self.present = present;
    }

    /// Draws the session's loss history.
    pub fn draw(&mut self, session: &DescentSession) -> Result<(), JsError> {
        let (size, style) = surface::fit(&self.canvas, self.present);
        let run = &session.run;
        let view = LossRanges::new(run.history(), run.steps(), size);
        let key = (
            LossRangesKey::of(&view, &style),
            self.present,
            self.text_version,
        );
        let text = &self.text;
        self.layer.refresh(key, size, |area| {
            loss_plot::draw_background(area, &view, &style, text).map_err(draw_error)
        })?;
        self.layer.blit(&self.canvas)?;
        let area = backend(&self.canvas)?.into_drawing_area();
        loss_plot::draw_foreground(&area, &view, run.history(), &style, text)
            .map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }
}
