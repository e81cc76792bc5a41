//! Section 3.4: the chapter's training loop held for JavaScript, the view
//! that draws its data with the network's fitted curve, and the loss plot
//! of a run.

use descent_core::scenes::training::playground::Playground;
use descent_core::scenes::training::{ConsoleLine, TrainingLoop};
use wasm_bindgen::prelude::*;

use super::{learning_rate, next_id};
use crate::charts::loss::history_csv;

mod fit;
mod setup;

pub use fit::{FitView, NetworkView};

/// A network learning a data set one epoch at a time (section 3.4): at
/// the defaults the chapter's 1 → 10 ReLU → 1 learning y = 2x + 1 + noise
/// with SGD, full batch; otherwise the playground's settings.
#[wasm_bindgen]
#[derive(Debug)]
pub struct TrainingSession {
    run: TrainingLoop,
    setup: Playground,
    seed: u32,
    learning_rate: f64,
    id: u32,
}

fn threshold(value: Option<f64>) -> Result<Option<f64>, JsError> {
    match value {
        Some(t) if !(t.is_finite() && t > 0.0) => Err(JsError::new(&format!(
            "threshold: must be a finite number > 0, or absent for none (got {t})"
        ))),
        other => Ok(other),
    }
}

/// One console line as a plain object `{epoch, loss, text}`; `text` is the
/// chapter's line, absent when the loss is too large or not finite to print
/// with four decimals (the page words those itself).
fn console_entry(line: &ConsoleLine) -> Result<JsValue, JsError> {
    let entry = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&entry, &JsValue::from_str(key), &value)
            .map(|_| ())
            .map_err(|_| JsError::new("cannot build a console line"))
    };
    set("epoch", JsValue::from_f64(line.epoch as f64))?;
    set("loss", JsValue::from_f64(line.loss))?;
    if let Some(text) = line.text() {
        set("text", JsValue::from_str(&text))?;
    }
    Ok(entry.into())
}

impl TrainingSession {
    /// A session at epoch 0 for `setup`.
    fn from_setup(setup: Playground, threshold: Option<f64>) -> Result<Self, JsError> {
        let training = setup.training().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Self {
            run: TrainingLoop::new(training, threshold),
            seed: u32::try_from(setup.seed).unwrap_or(u32::MAX),
            learning_rate: setup.learning_rate,
            id: next_id(),
            setup,
        })
    }
}

#[wasm_bindgen]
impl TrainingSession {
    /// The chapter's settings at epoch 0 on the data and initial weights of
    /// `seed` (42: the chapter's own), with learning rate η and an optional
    /// threshold: the run stops at the first epoch whose loss is below it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        seed: u32,
        learning_rate_value: f64,
        threshold_value: Option<f64>,
    ) -> Result<TrainingSession, JsError> {
        let eta = learning_rate(learning_rate_value)?;
        let setup = Playground {
            learning_rate: eta,
            ..Playground::chapter_seeded(u64::from(seed))
        };
        Self::from_setup(setup, threshold(threshold_value)?)
    }

    /// Runs up to `n` epochs; returns how many ran (fewer once the loss is
    /// small enough or the run has overflowed).
    pub fn step(&mut self, n: u32) -> u32 {
        self.run.step(u64::from(n)) as u32
    }

    /// Changes η for the following epochs, without a reset.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, value: f64) -> Result<(), JsError> {
        let eta = learning_rate(value)?;
        self.run.set_learning_rate(eta);
        self.learning_rate = eta;
        self.setup.learning_rate = eta;
        Ok(())
    }

    /// Sets the "loss small enough" threshold (absent: none), without a reset.
    #[wasm_bindgen(js_name = setThreshold)]
    pub fn set_threshold(&mut self, value: Option<f64>) -> Result<(), JsError> {
        self.run.set_threshold(threshold(value)?);
        Ok(())
    }

    /// Back to epoch 0: the initial weights, an empty console; η is kept.
    pub fn reset(&mut self) {
        self.run.reset();
    }

    /// The seed of the data and the initial weights.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> u32 {
        self.seed
    }

    /// Epochs run so far.
    #[wasm_bindgen(getter)]
    pub fn epochs(&self) -> f64 {
        self.run.training().epochs() as f64
    }

    /// The loss computed in the last epoch (before its update); absent at epoch 0.
    #[wasm_bindgen(getter)]
    pub fn loss(&self) -> Option<f64> {
        self.run.training().loss()
    }

    /// The learning rate η.
    #[wasm_bindgen(getter, js_name = learningRate)]
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// The threshold, absent when there is none.
    #[wasm_bindgen(getter)]
    pub fn threshold(&self) -> Option<f64> {
        self.run.threshold()
    }

    /// Whether the last loss is below the threshold (training is complete).
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.run.done()
    }

    /// Whether the loss has blown up (above 10³⁰ or not finite).
    #[wasm_bindgen(getter)]
    pub fn diverged(&self) -> bool {
        self.run.training().diverged()
    }

    /// Whether the run stopped at a loss that is not finite.
    #[wasm_bindgen(getter)]
    pub fn halted(&self) -> bool {
        self.run.training().halted()
    }

    /// How many weights and biases the network has (31 for 1 → 10 → 1).
    #[wasm_bindgen(getter, js_name = parameterCount)]
    pub fn parameter_count(&self) -> u32 {
        self.run.training().network().parameter_count() as u32
    }

    /// The loss history as CSV: `step,loss,min,max`, one row per kept
    /// bucket (step k: the loss at epoch k + 1, computed after k updates;
    /// long runs keep one row for several epochs, with their lowest and
    /// highest loss).
    #[wasm_bindgen(js_name = lossCsv)]
    pub fn loss_csv(&self) -> String {
        history_csv(self.run.training().history())
    }

    /// How many samples the data has.
    #[wasm_bindgen(getter)]
    pub fn samples(&self) -> u32 {
        self.run.training().x().nrows() as u32
    }

    /// The console lines of the epochs after `epoch`, oldest first, as
    /// `{epoch, loss, text}` objects (only the new ones: a few per call).
    #[wasm_bindgen(js_name = consoleSince)]
    pub fn console_since(&self, epoch: f64) -> Result<Vec<JsValue>, JsError> {
        let after = if epoch.is_finite() && epoch > 0.0 {
            epoch as u64
        } else {
            0
        };
        self.run.console_since(after).map(console_entry).collect()
    }
}
