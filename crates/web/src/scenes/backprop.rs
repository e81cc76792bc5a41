//! Section 3.3: the chain rule on the chapter's 1 → 1 → 1 sigmoid network,
//! walked backwards one factor at a time, held for JavaScript, and the view
//! that draws its graph.
//!
//! Steps are numbered 0 … 7 in the order of [`Factor::WALK`]: the six local
//! derivatives ∂L/∂ŷ, ∂ŷ/∂z2, ∂z2/∂W2, ∂z2/∂a1, ∂a1/∂z1, ∂z1/∂W1, then the
//! products ∂L/∂W2 and ∂L/∂W1.

use descent_core::scenes::backprop::{ChainParameters, ChainRule, Example, Factor};
use descent_plot::scenes::backprop::{self, GraphText};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::draw_error;
use crate::layer::backend;
use crate::view::{view_settings, View};

/// The last gradient-descent update: the pass it started from and its η.
#[derive(Clone, Debug)]
struct Update {
    before: ChainRule,
    learning_rate: f64,
}

/// One example on the scalar network, the backward walk through it and the
/// last update (section 3.3).
#[wasm_bindgen]
#[derive(Debug)]
pub struct BackpropSession {
    chain: ChainRule,
    revealed: usize,
    update: Option<Update>,
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "a `map_err` callback takes the error by value"
)]
fn value_error(e: descent_core::scenes::backprop::ValueError) -> JsError {
    JsError::new(&e.to_string())
}

/// The pass for `values` = [x, y, W1, b1, W2, b2] (the order of `defaults`).
fn chain(values: &[f64]) -> Result<ChainRule, JsError> {
    let &[x, y, w1, b1, w2, b2] = values else {
        return Err(JsError::new(&format!(
            "values: six numbers x, y, W1, b1, W2, b2 (got {})",
            values.len()
        )));
    };
    ChainRule::new(ChainParameters { w1, b1, w2, b2 }, Example { x, y }).map_err(value_error)
}

fn factor_at(index: u32) -> Result<Factor, JsError> {
    Factor::WALK
        .get(index as usize)
        .copied()
        .ok_or_else(|| JsError::new(&format!("step: no step {index} (0 … 7)")))
}

#[wasm_bindgen]
impl BackpropSession {
    /// The pass for example (x, y) with parameters W1, b1, W2, b2, given
    /// as `[x, y, W1, b1, W2, b2]`; the walk not yet begun. Errors name the
    /// value (|·| ≤ 10, y in [0, 1]).
    #[wasm_bindgen(constructor)]
    pub fn new(values: &[f64]) -> Result<BackpropSession, JsError> {
        Ok(Self {
            chain: chain(values)?,
            revealed: 0,
            update: None,
        })
    }

    /// The scene's default example and parameters.
    #[wasm_bindgen(js_name = defaults)]
    pub fn defaults() -> Vec<f64> {
        let (p, e) = (ChainParameters::default(), Example::default());
        vec![e.x, e.y, p.w1, p.b1, p.w2, p.b2]
    }

    /// Replaces the example and parameters (`[x, y, W1, b1, W2, b2]`);
    /// restarts the walk and forgets the update.
    #[wasm_bindgen(js_name = setValues)]
    pub fn set_values(&mut self, values: &[f64]) -> Result<(), JsError> {
        self.chain = chain(values)?;
        self.revealed = 0;
        self.update = None;
        Ok(())
    }

    /// Shows the next step of the walk; returns how many are shown.
    #[wasm_bindgen(js_name = stepBackward)]
    pub fn step_backward(&mut self) -> u32 {
        self.revealed = (self.revealed + 1).min(Factor::WALK.len());
        self.revealed as u32
    }

    /// Hides the last step shown (goes back one step); returns how many are shown.
    #[wasm_bindgen(js_name = previousStep)]
    pub fn previous_step(&mut self) -> u32 {
        self.revealed = self.revealed.saturating_sub(1);
        self.revealed as u32
    }

    /// Shows every step.
    #[wasm_bindgen(js_name = showAll)]
    pub fn show_all(&mut self) {
        self.revealed = Factor::WALK.len();
    }

    /// One gradient-descent step with learning rate η on W1, b1, W2, b2;
    /// the walk restarts on the new values.
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update(&mut self, learning_rate: f64) -> Result<(), JsError> {
        if !(learning_rate.is_finite() && learning_rate >= 0.0) {
            return Err(JsError::new(&format!(
                "learning rate: must be a finite number ≥ 0 (got {learning_rate})"
            )));
        }
        // The new values may leave the ±10 of typed values: the update is shown as it is.
        let next = self
            .chain
            .after_update(learning_rate)
            .map_err(value_error)?;
        let before = std::mem::replace(&mut self.chain, next);
        self.update = Some(Update {
            before,
            learning_rate,
        });
        self.revealed = 0;
        Ok(())
    }

    /// How many steps of the walk are shown (0 … 8).
    #[wasm_bindgen(getter)]
    pub fn revealed(&self) -> u32 {
        self.revealed as u32
    }

    /// How many steps the walk has (8).
    #[wasm_bindgen(getter, js_name = walkLength)]
    pub fn walk_length(&self) -> u32 {
        Factor::WALK.len() as u32
    }

    /// The name of step `index`: `dL_dyhat`, `dyhat_dz2`, `dz2_dW2`,
    /// `dz2_da1`, `da1_dz1`, `dz1_dW1`, `dL_dW2`, `dL_dW1`.
    #[wasm_bindgen(js_name = stepKey)]
    pub fn step_key(&self, index: u32) -> Result<String, JsError> {
        Ok(factor_at(index)?.key().to_owned())
    }

    /// The number of step `index` (a local derivative or a product).
    #[wasm_bindgen(js_name = stepValue)]
    pub fn step_value(&self, index: u32) -> Result<f64, JsError> {
        Ok(self.chain.factor(factor_at(index)?))
    }

    /// The central finite-difference estimate for step `index` when it is a
    /// final gradient (NaN otherwise).
    #[wasm_bindgen(js_name = finiteDifference)]
    pub fn finite_difference(&self, index: u32) -> Result<f64, JsError> {
        Ok(self.chain.finite_difference(factor_at(index)?))
    }

    /// A named value: `x`, `y`, `w1`, `b1`, `w2`, `b2` (current), `z1`, `a1`,
    /// `z2`, `yHat`, `loss` (forward), `dL_db1`, `dL_db2` (bias gradients).
    pub fn value(&self, name: &str) -> Result<f64, JsError> {
        let (p, e, f) = (
            self.chain.parameters(),
            self.chain.example(),
            self.chain.forward(),
        );
        Ok(match name {
            "x" => e.x,
            "y" => e.y,
            "w1" => p.w1,
            "b1" => p.b1,
            "w2" => p.w2,
            "b2" => p.b2,
            "z1" => f.z1,
            "a1" => f.a1,
            "z2" => f.z2,
            "yHat" => f.y_hat,
            "loss" => f.loss,
            "dL_db1" => self.chain.grad_b1(),
            "dL_db2" => self.chain.grad_b2(),
            other => return Err(JsError::new(&format!("value: unknown name \"{other}\""))),
        })
    }

    /// Whether an update has been applied to these values.
    #[wasm_bindgen(getter, js_name = hasUpdate)]
    pub fn has_update(&self) -> bool {
        self.update.is_some()
    }

    /// The loss before the last update (NaN when there was none).
    #[wasm_bindgen(getter, js_name = lossBefore)]
    pub fn loss_before(&self) -> f64 {
        self.update
            .as_ref()
            .map_or(f64::NAN, |u| u.before.forward().loss)
    }

    /// `one` or `zero` when ŷ is pinned near 1 or 0 (σ′(z2) < 10⁻³, the
    /// gradients through it almost vanished); `undefined` otherwise.
    #[wasm_bindgen(getter)]
    pub fn saturation(&self) -> Option<String> {
        self.chain.saturation().map(|s| s.key().to_owned())
    }

    /// The loss after each of `updates` further updates with the last
    /// update's η, from the current values (empty when there was none).
    #[wasm_bindgen(js_name = lossesAhead)]
    pub fn losses_ahead(&self, updates: u32) -> Vec<f64> {
        self.update.as_ref().map_or_else(Vec::new, |u| {
            self.chain.losses_ahead(u.learning_rate, updates as usize)
        })
    }

    /// The parameters an update took beyond ±10, the range of typed values,
    /// space-separated (`w1 b2`; empty when none).
    #[wasm_bindgen(getter, js_name = beyondInputRange)]
    pub fn beyond_input_range(&self) -> String {
        self.chain.beyond_input_range().join(" ")
    }

    /// The learning rate of the last update (NaN when there was none).
    #[wasm_bindgen(getter, js_name = updateLearningRate)]
    pub fn update_learning_rate(&self) -> f64 {
        self.update.as_ref().map_or(f64::NAN, |u| u.learning_rate)
    }

    /// A parameter (`w1`, `b1`, `w2`, `b2`) before the last update (NaN when there was none).
    #[wasm_bindgen(js_name = valueBefore)]
    pub fn value_before(&self, name: &str) -> Result<f64, JsError> {
        let Some(update) = &self.update else {
            return Ok(f64::NAN);
        };
        let p = update.before.parameters();
        Ok(match name {
            "w1" => p.w1,
            "b1" => p.b1,
            "w2" => p.w2,
            "b2" => p.b2,
            other => {
                return Err(JsError::new(&format!(
                    "value: unknown parameter \"{other}\""
                )))
            }
        })
    }

    /// ∂L/∂W (`w1`, `w2`) or ∂L/∂b (`b1`, `b2`) the last update used (NaN when there was none).
    #[wasm_bindgen(js_name = gradientBefore)]
    pub fn gradient_before(&self, name: &str) -> Result<f64, JsError> {
        let Some(update) = &self.update else {
            return Ok(f64::NAN);
        };
        let chain = &update.before;
        Ok(match name {
            "w1" => chain.factor(Factor::LossByW1),
            "b1" => chain.grad_b1(),
            "w2" => chain.factor(Factor::LossByW2),
            "b2" => chain.grad_b2(),
            other => {
                return Err(JsError::new(&format!(
                    "gradient: unknown parameter \"{other}\""
                )))
            }
        })
    }
}

/// The graph of a [`BackpropSession`] on a page canvas.
#[wasm_bindgen]
#[derive(Debug)]
pub struct GraphView {
    view: View<GraphText>,
}

#[wasm_bindgen]
impl GraphView {
    /// A view drawing on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> GraphView {
        Self {
            view: View::new(canvas),
        }
    }

    /// Draws the graph with the session's shown steps.
    pub fn draw(&self, session: &BackpropSession) -> Result<(), JsError> {
        let (_, style) = self.view.fit();
        let area = backend(&self.view.canvas)?.into_drawing_area();
        backprop::draw(
            &area,
            &session.chain,
            session.revealed,
            &style,
            &self.view.text,
        )
        .map_err(draw_error)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))
    }
}

view_settings!(
    GraphView,
    "Sets a word drawn in the graph (`forward`, `backward`, `overflow`)."
);
