//! Section 3.2: a gradient-descent run held for JavaScript, and the view
//! that draws its ball on the loss curve.

use descent_core::scenes::descent::Outcome;
use descent_core::{Curve, Descent};
use descent_plot::scenes::descent;
use descent_plot::{Frame, SceneText};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{error_object, learning_rate, next_id};
use crate::charts::loss::{history_csv, LossView};
use crate::surface;
use crate::view::{plot_hits, view_settings, BackgroundKey, FramedLayer, View};

/// A run of gradient descent on one of the 1-D curves (section 3.2).
#[wasm_bindgen]
#[derive(Debug)]
pub struct DescentSession {
    pub(crate) run: Descent,
    curve_id: u32,
}

#[wasm_bindgen]
impl DescentSession {
    /// A run on the curve called `curve`, from `start` (the curve's default
    /// start when absent or not finite) with learning rate η.
    #[wasm_bindgen(constructor)]
    pub fn new(
        curve: &str,
        start: Option<f64>,
        learning_rate_value: f64,
    ) -> Result<DescentSession, JsError> {
        let curve = Curve::from_name(curve).ok_or_else(|| {
            JsError::new(&format!(
                "curve: unknown curve \"{curve}\" ({})",
                Curve::NAMES.join(", ")
            ))
        })?;
        let start = start
            .filter(|s| s.is_finite())
            .unwrap_or_else(|| curve.default_start());
        Ok(Self {
            run: Descent::new(curve, start, learning_rate(learning_rate_value)?),
            curve_id: next_id(),
        })
    }

    /// Switches to a typed curve L(w) (the comparison's grammar; `b` is an
    /// error) and starts over from `start` (the typed curves' default start
    /// when absent), keeping η. Returns `null`, or for a formula that cannot
    /// be read an object `{ code, position, detail }` — and the curve stays
    /// as it was.
    #[wasm_bindgen(js_name = setFormula)]
    pub fn set_formula(&mut self, text: &str, start: Option<f64>) -> JsValue {
        match Curve::formula(text) {
            Ok(curve) => {
                let start = start
                    .filter(|s| s.is_finite())
                    .unwrap_or_else(|| curve.default_start());
                self.run = Descent::new(curve, start, self.run.learning_rate());
                self.curve_id = next_id();
                JsValue::NULL
            }
            Err(error) => error_object(&error),
        }
    }

    /// The typed formula, for a typed curve.
    #[wasm_bindgen(getter)]
    pub fn formula(&self) -> Option<String> {
        self.run.curve().formula_text().map(str::to_owned)
    }

    /// How many local minima the curve has in its view (a typed one may
    /// have none).
    #[wasm_bindgen(getter, js_name = minimumCount)]
    pub fn minimum_count(&self) -> u32 {
        self.run.curve().minima().len() as u32
    }

    /// Whether the run heads for no minimum: it rolls away downhill, or
    /// flies off from a valley without one (its regime is then
    /// `diverging`, though η is not the reason).
    #[wasm_bindgen(getter, js_name = noMinimum)]
    pub fn no_minimum(&self) -> bool {
        self.run.no_minimum_ahead()
    }

    /// Takes up to `n` steps; returns how many were taken (fewer once diverged).
    pub fn step(&mut self, n: u32) -> u32 {
        self.run.step(u64::from(n)) as u32
    }

    /// Changes η without a reset: the ball stays where it is.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, value: f64) -> Result<(), JsError> {
        self.run.set_learning_rate(learning_rate(value)?);
        Ok(())
    }

    /// Starts over from `start` (the previous start when absent).
    pub fn reset(&mut self, start: Option<f64>) {
        let start = start.filter(|s| s.is_finite()).unwrap_or(self.run.start());
        self.run.reset(start);
    }

    /// The loss history as CSV: `step,loss,min,max`, one row per kept bucket
    /// (every step while the run is short; for long runs each row covers
    /// several steps, with the lowest and highest loss among them).
    #[wasm_bindgen(js_name = lossCsv)]
    pub fn loss_csv(&self) -> String {
        history_csv(self.run.history())
    }

    /// The curve's name.
    #[wasm_bindgen(getter)]
    pub fn curve(&self) -> String {
        self.run.curve().name().to_owned()
    }

    /// The current weight w.
    #[wasm_bindgen(getter)]
    pub fn w(&self) -> f64 {
        self.run.w()
    }

    /// Where the run started.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> f64 {
        self.run.start()
    }

    /// L(w) at the current weight (may be huge once diverged).
    #[wasm_bindgen(getter)]
    pub fn loss(&self) -> f64 {
        self.run.loss()
    }

    /// ∂L/∂w at the current weight.
    #[wasm_bindgen(getter)]
    pub fn gradient(&self) -> f64 {
        self.run.gradient()
    }

    /// The learning rate η.
    #[wasm_bindgen(getter, js_name = learningRate)]
    pub fn learning_rate(&self) -> f64 {
        self.run.learning_rate()
    }

    /// Steps taken since the start.
    #[wasm_bindgen(getter)]
    pub fn steps(&self) -> f64 {
        self.run.steps() as f64
    }

    /// What a long run does with the current η: `still` (η = 0), `too_slow`,
    /// `converging`, `oscillating` (settles, jumping over the minimum),
    /// `bouncing` (bounded, never settles) or `diverging`.
    #[wasm_bindgen(getter)]
    pub fn regime(&self) -> String {
        self.run.regime().key().to_owned()
    }

    /// η* = 2 / L″(w_min) for the minimum of the ball's valley; `undefined`
    /// when the valley has none (or its L″ is not positive).
    #[wasm_bindgen(getter, js_name = criticalLearningRate)]
    pub fn critical_learning_rate(&self) -> Option<f64> {
        self.run.critical_learning_rate()
    }

    /// The minimum the run settles at; `undefined` when it bounces for
    /// ever, flies off or η = 0.
    #[wasm_bindgen(getter, js_name = targetMinimum)]
    pub fn target_minimum(&self) -> Option<f64> {
        self.run.target_minimum()
    }

    /// Whether the run settles at the lowest minimum of the curve.
    #[wasm_bindgen(getter, js_name = targetIsGlobal)]
    pub fn target_is_global(&self) -> bool {
        self.run.target_minimum() == Some(self.run.curve().global_minimum())
    }

    /// Whether the run comes to rest at a minimum.
    #[wasm_bindgen(getter)]
    pub fn settles(&self) -> bool {
        self.run.target_minimum().is_some()
    }

    /// The range of w a run that never settles bounces in, `[low, high]`
    /// (two points for a 2-cycle; empty unless the regime is `bouncing`).
    #[wasm_bindgen(getter)]
    pub fn band(&self) -> Vec<f64> {
        match self.run.outcome() {
            Outcome::Bounces { low, high } => vec![low, high],
            _ => Vec::new(),
        }
    }

    /// Whether the run has flown off and stopped.
    #[wasm_bindgen(getter)]
    pub fn diverged(&self) -> bool {
        self.run.diverged()
    }

    /// Whether the ball has come to rest in a pit.
    #[wasm_bindgen(getter, js_name = atRest)]
    pub fn at_rest(&self) -> bool {
        self.run.at_rest()
    }
}

/// Whether `text` reads as a curve L(w): `null`, or the error as an object
/// `{ code, position, detail }` (the address's check of a typed curve).
#[wasm_bindgen(js_name = curveFormulaError)]
pub fn curve_formula_error(text: &str) -> JsValue {
    Curve::formula(text).map_or_else(|error| error_object(&error), |_| JsValue::NULL)
}

/// For Rust only (the browser tests), not exported to JS.
impl DescentSession {
    /// The lowest weight the picture shows.
    #[must_use]
    pub fn view_low(&self) -> f64 {
        self.run.curve().view().0
    }
}

/// The ball on its loss curve, on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CurveView {
    view: View<SceneText>,
    layer: FramedLayer<BackgroundKey, Frame>,
}

#[wasm_bindgen]
impl CurveView {
    /// A view drawing on `canvas`, with what does not move on
    /// `background`, a canvas the page stacks under it.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, background: HtmlCanvasElement) -> CurveView {
        Self {
            view: View::new(canvas),
            layer: FramedLayer::new(background),
        }
    }

    /// Draws the run with the ball `progress` (0 → 1) of the way through its last step.
    pub fn draw(&mut self, session: &DescentSession, progress: f64) -> Result<(), JsError> {
        let (size, style) = self.view.fit();
        let run = &session.run;
        let key = self
            .view
            .background_key(session.curve_id.into(), size, &style);
        let text = &self.view.text;
        let frame = self
            .layer
            .refresh(key, size, "curve view has no frame", |area| {
                descent::draw_background(area, run.curve(), &style, text)
            })?;
        self.view.draw_front(|area, text| {
            descent::draw_foreground(area, &frame, run, progress, &style, text)
        })
    }

    /// The weight under CSS x-coordinate `x` (relative to the canvas), kept in view.
    #[wasm_bindgen(js_name = weightAt)]
    pub fn weight_at(&self, x: f64) -> Option<f64> {
        let frame = self.layer.frame()?;
        Some(
            frame
                .point_at(x * surface::scale_of(&self.view.canvas), 0.0)
                .0,
        )
    }

    /// Whether CSS point (x, y) is on or near the ball (for dragging).
    #[wasm_bindgen(js_name = isOnBall)]
    pub fn is_on_ball(&self, session: &DescentSession, x: f64, y: f64) -> bool {
        let Some(frame) = self.layer.frame() else {
            return false;
        };
        let scale = surface::scale_of(&self.view.canvas);
        let run = &session.run;
        let (bx, by) = frame.to_pixel(run.w(), run.loss());
        let (dx, dy) = (x * scale - bx, y * scale - by);
        (dx * dx + dy * dy).sqrt() <= 24.0 * scale
    }

    /// The ball's centre in CSS pixels relative to the canvas, `[x, y]`
    /// (empty before the first draw).
    #[wasm_bindgen(js_name = ballPosition)]
    pub fn ball_position(&self, session: &DescentSession) -> Vec<f64> {
        let Some(frame) = self.layer.frame() else {
            return Vec::new();
        };
        let scale = surface::scale_of(&self.view.canvas);
        let run = &session.run;
        let (x, y) = frame.to_pixel(run.w(), run.loss());
        vec![x / scale, y / scale]
    }
}

plot_hits!(CurveView);
view_settings!(
    CurveView,
    "Sets a word drawn in the chart (`weight_axis`, `loss_axis`, `global_minimum`, `local_minimum`, `peak`, `off_chart`)."
);

#[wasm_bindgen]
impl LossView {
    /// Draws the loss history of a gradient-descent session.
    pub fn draw(&mut self, session: &DescentSession) -> Result<(), JsError> {
        self.draw_history(
            session.run.history(),
            session.run.steps(),
            session.run.diverged(),
        )
    }
}
