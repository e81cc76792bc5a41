//! The loss-vs-step plot on a page canvas, shared by the scenes.

use descent_core::LossHistory;
use descent_plot::loss_plot::{self, LossView as LossRanges};
use descent_plot::{SceneText, Style};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{draw_error, set_text};
use crate::layer::{backend, Layer};
use crate::scenes::descent::DescentSession;
use crate::surface;

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

    /// Draws the loss history of a gradient-descent session.
    pub fn draw(&mut self, session: &DescentSession) -> Result<(), JsError> {
        self.draw_history(session.run.history(), session.run.steps())
    }
}

impl LossView {
    /// Draws `history`, whose last step is `steps`.
    pub(crate) fn draw_history(
        &mut self,
        history: &LossHistory,
        steps: u64,
    ) -> Result<(), JsError> {
        let (size, style) = surface::fit(&self.canvas, self.present);
        let view = LossRanges::new(history, steps, size);
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
        loss_plot::draw_foreground(&area, &view, history, &style, text).map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }
}
