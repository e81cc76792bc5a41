//! Comparing runs: up to four optimizers on one landscape from one start,
//! held for JavaScript, with the sweeps of final loss against η.

mod views;

pub use views::{CompareLossView, CompareView, SweepView};

use descent_core::scenes::compare::{
    kind_of, optimizer, Compare, LandscapeSweep, NetworkSweep, Preset, Standing, MAX_RUNNERS,
};
use descent_core::Landscape;
use wasm_bindgen::prelude::*;

use super::{error_object, learning_rate, next_id};

/// The network sweep's range of η.
const NETWORK_RATES: (f64, f64) = (1e-4, 1.0);

/// Runs compared on one landscape (the `compare` scene).
#[wasm_bindgen]
#[derive(Debug)]
pub struct CompareSession {
    pub(crate) compare: Compare,
    /// The typed formula, when the landscape is one.
    formula: Option<String>,
    pub(crate) landscape_id: u32,
    pub(crate) sweep: Option<LandscapeSweep>,
    /// Bumped whenever the sweep is recomputed.
    pub(crate) sweep_version: u32,
    pub(crate) network: Option<NetworkSweep>,
    pub(crate) network_version: u32,
}

fn config(kind: &str, lr: f64) -> Result<descent_core::OptimizerConfig, JsError> {
    optimizer(kind, learning_rate(lr)?).ok_or_else(|| {
        JsError::new(&format!(
            "optimizer: unknown kind \"{kind}\" ({})",
            descent_core::scenes::compare::KINDS.join(", ")
        ))
    })
}

#[wasm_bindgen]
impl CompareSession {
    /// One SGD run on the landscape called `landscape` (`curveNames` and
    /// `surfaceNames`).
    #[wasm_bindgen(constructor)]
    pub fn new(landscape: &str) -> Result<CompareSession, JsError> {
        Ok(Self {
            compare: Compare::new(named(landscape)?),
            formula: None,
            landscape_id: next_id(),
            sweep: None,
            sweep_version: 0,
            network: None,
            network_version: 0,
        })
    }

    /// Switches to the built-in landscape `name`; every run starts over
    /// from its default start.
    #[wasm_bindgen(js_name = setLandscape)]
    pub fn set_landscape(&mut self, name: &str) -> Result<(), JsError> {
        let landscape = named(name)?;
        self.take(landscape, None);
        Ok(())
    }

    /// Switches to a typed formula (a surface when it uses b). Returns
    /// `null`, or for a formula that cannot be read an object `{ code,
    /// position, detail }` — and the landscape stays as it was.
    #[wasm_bindgen(js_name = setFormula)]
    pub fn set_formula(&mut self, text: &str) -> JsValue {
        match Landscape::formula(text) {
            Ok(landscape) => {
                self.take(landscape, Some(text.to_owned()));
                JsValue::NULL
            }
            Err(error) => error_object(&error),
        }
    }

    fn take(&mut self, landscape: Landscape, formula: Option<String>) {
        self.compare.set_landscape(landscape);
        self.formula = formula;
        self.landscape_id = next_id();
        self.sweep = None;
    }

    /// The landscape's name (`formula` for a typed one).
    #[wasm_bindgen(getter)]
    pub fn landscape(&self) -> String {
        self.compare.landscape().name().to_owned()
    }

    /// The typed formula, if the landscape is one.
    #[wasm_bindgen(getter)]
    pub fn formula(&self) -> Option<String> {
        self.formula.clone()
    }

    /// 1 for a curve L(w), 2 for a surface f(w, b).
    #[wasm_bindgen(getter)]
    pub fn dims(&self) -> u32 {
        self.compare.landscape().dims().count() as u32
    }

    /// The shared start, `[w, b]`.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> Vec<f64> {
        self.compare.start().to_vec()
    }

    /// Moves the shared start; every run starts over.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w: f64, b: f64) {
        self.compare.set_start([w, b]);
        self.sweep = None;
    }

    /// Moves the shared start back to the landscape's default; every run starts over.
    #[wasm_bindgen(js_name = resetStart)]
    pub fn reset_start(&mut self) {
        self.compare
            .set_start(self.compare.landscape().default_start());
        self.sweep = None;
    }

    /// Sets up a preset (`table`, `optimizers`, `ravine`).
    #[wasm_bindgen(js_name = applyPreset)]
    pub fn apply_preset(&mut self, name: &str) -> Result<(), JsError> {
        let preset = Preset::from_name(name).ok_or_else(|| {
            JsError::new(&format!(
                "preset: unknown preset \"{name}\" ({})",
                Preset::NAMES.join(", ")
            ))
        })?;
        let before = self.compare.landscape().clone();
        self.compare.apply(preset);
        if *self.compare.landscape() != before {
            self.formula = None;
            self.landscape_id = next_id();
        }
        self.sweep = None;
        Ok(())
    }

    /// Adds a run of `kind` with learning rate η; false once there are four.
    #[wasm_bindgen(js_name = addRunner)]
    pub fn add_runner(&mut self, kind: &str, lr: f64) -> Result<bool, JsError> {
        Ok(self.compare.add(config(kind, lr)?))
    }

    /// Removes run `i`; false if there is none or it is the last.
    #[wasm_bindgen(js_name = removeRunner)]
    pub fn remove_runner(&mut self, i: usize) -> bool {
        self.compare.remove(i)
    }

    /// Changes run `i`'s optimizer and η; it starts over.
    #[wasm_bindgen(js_name = setRunner)]
    pub fn set_runner(&mut self, i: usize, kind: &str, lr: f64) -> Result<bool, JsError> {
        Ok(self.compare.set_config(i, config(kind, lr)?))
    }

    /// Every run takes up to `n` steps; returns the most any took.
    pub fn step(&mut self, n: u32) -> u32 {
        self.compare.step(u64::from(n)) as u32
    }

    /// Every run back to step 0.
    pub fn reset(&mut self) {
        self.compare.reset();
    }

    /// Whether no run can step any more.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.compare.finished()
    }

    /// The most steps any run has taken.
    #[wasm_bindgen(getter)]
    pub fn steps(&self) -> f64 {
        self.compare.steps() as f64
    }

    /// How many runs there are (1–4).
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> usize {
        self.compare.len()
    }

    /// The most runs there may be.
    #[wasm_bindgen(getter, js_name = maxRunners)]
    pub fn max_runners(&self) -> usize {
        MAX_RUNNERS
    }

    /// η* = 2/λ_max at the minimum nearest the start.
    #[wasm_bindgen(getter, js_name = criticalLearningRate)]
    pub fn critical_learning_rate(&self) -> f64 {
        self.compare.critical_learning_rate()
    }

    /// Run `i`'s kind (`sgd`, `momentum`, `nesterov`, `adam`, …).
    pub fn kind(&self, i: usize) -> Option<String> {
        Some(kind_of(&self.compare.runner(i)?.config()).to_owned())
    }

    /// Run `i`'s η.
    #[wasm_bindgen(js_name = learningRate)]
    pub fn learning_rate(&self, i: usize) -> Option<f64> {
        Some(self.compare.runner(i)?.config().learning_rate())
    }

    /// What run `i` does over its look-ahead (`too_slow`, …, `diverging`).
    pub fn regime(&self, i: usize) -> Option<String> {
        Some(self.compare.regime(i)?.key().to_owned())
    }

    /// Run `i`'s loss now (may be huge or not finite once it flew off).
    pub fn loss(&self, i: usize) -> Option<f64> {
        Some(self.compare.runner(i)?.loss())
    }

    /// Run `i`'s position `[w, b]`.
    pub fn position(&self, i: usize) -> Vec<f64> {
        self.compare
            .runner(i)
            .map_or_else(Vec::new, |r| r.position().to_vec())
    }

    /// Run `i`'s steps taken.
    #[wasm_bindgen(js_name = stepsOf)]
    pub fn steps_of(&self, i: usize) -> Option<f64> {
        Some(self.compare.runner(i)?.steps() as f64)
    }

    /// Whether run `i` flew off.
    pub fn diverged(&self, i: usize) -> bool {
        self.compare
            .runner(i)
            .is_some_and(descent_core::Runner::diverged)
    }

    /// The step at which run `i` first came within the tolerance of the
    /// lowest loss; `undefined` if it has not (or flew off).
    #[wasm_bindgen(js_name = reachedAt)]
    pub fn reached_at(&self, i: usize) -> Option<f64> {
        match self.compare.standing(i)? {
            Standing::Reached(k) => Some(k as f64),
            _ => None,
        }
    }

    /// The loss a run must come down to, to count as arrived.
    #[wasm_bindgen(getter)]
    pub fn target(&self) -> f64 {
        self.compare.target()
    }

    /// The runs' indices, best first.
    pub fn leaderboard(&self) -> Vec<u32> {
        self.compare
            .leaderboard()
            .into_iter()
            .map(|i| i as u32)
            .collect()
    }

    /// Sweeps run `i`'s optimizer over 200 learning rates around η*, each
    /// run `steps` steps from the shared start. Returns the smallest η that
    /// diverged, if any.
    #[wasm_bindgen(js_name = computeSweep)]
    pub fn compute_sweep(&mut self, i: usize, steps: u32) -> Option<f64> {
        let config = self.compare.runner(i)?.config();
        let sweep = self.compare.sweep(config, steps as usize);
        let cliff = sweep.sweep.first_diverging();
        self.sweep = Some(sweep);
        self.sweep_version = self.sweep_version.wrapping_add(1);
        cliff
    }

    /// Whether the sweep is out of date (the landscape, start or runs changed).
    #[wasm_bindgen(getter, js_name = sweepStale)]
    pub fn sweep_stale(&self) -> bool {
        self.sweep.is_none()
    }

    /// The sweep's learning rates (empty before the first sweep).
    #[wasm_bindgen(js_name = sweepRates)]
    pub fn sweep_rates(&self) -> Vec<f64> {
        self.sweep
            .as_ref()
            .map_or_else(Vec::new, |s| s.sweep.learning_rates.clone())
    }

    /// Starts a sweep of the chapter's network with optimizer `kind`.
    #[wasm_bindgen(js_name = startNetworkSweep)]
    pub fn start_network_sweep(&mut self, kind: &str, count: usize) -> Result<(), JsError> {
        let config = config(kind, 0.0)?;
        let (from, to) = NETWORK_RATES;
        self.network = Some(NetworkSweep::new(config, from, to, count.clamp(2, 400)));
        self.network_version = self.network_version.wrapping_add(1);
        Ok(())
    }

    /// Runs the next `n` learning rates of the network sweep; how many ran.
    #[wasm_bindgen(js_name = advanceNetworkSweep)]
    pub fn advance_network_sweep(&mut self, n: usize) -> usize {
        let ran = self.network.as_mut().map_or(0, |s| s.advance(n));
        if ran > 0 {
            self.network_version = self.network_version.wrapping_add(1);
        }
        ran
    }

    /// The network sweep's progress, `[done, total]` (`[0, 0]` before it starts).
    #[wasm_bindgen(js_name = networkProgress)]
    pub fn network_progress(&self) -> Vec<u32> {
        let (done, total) = self.network.as_ref().map_or((0, 0), NetworkSweep::progress);
        vec![done as u32, total as u32]
    }

    /// The smallest η whose network run diverged so far, if any.
    #[wasm_bindgen(getter, js_name = networkCliff)]
    pub fn network_cliff(&self) -> Option<f64> {
        self.network.as_ref()?.sweep().first_diverging()
    }

    /// Every run's losses as CSV: `step,run,kind,lr,loss`.
    #[wasm_bindgen(js_name = lossCsv)]
    pub fn loss_csv(&self) -> String {
        let mut csv = String::from("step,run,kind,lr,loss\n");
        for (i, run) in self.compare.runners().enumerate() {
            let (kind, lr) = (kind_of(&run.config()), run.config().learning_rate());
            for (k, loss) in run.losses().iter().enumerate() {
                csv.push_str(&format!("{k},{},{kind},{lr},{loss}\n", i + 1));
            }
        }
        csv
    }
}

fn named(name: &str) -> Result<Landscape, JsError> {
    Landscape::from_name(name).ok_or_else(|| {
        JsError::new(&format!(
            "landscape: unknown landscape \"{name}\" ({})",
            Landscape::NAMES.join(", ")
        ))
    })
}

/// The built-in landscapes a comparison may take, by name: 3.2's curves, then the surfaces.
#[wasm_bindgen(js_name = landscapeNames)]
pub fn landscape_names() -> Vec<String> {
    Landscape::NAMES.iter().map(|n| (*n).to_owned()).collect()
}

/// The optimizer kinds a run may take.
#[wasm_bindgen(js_name = optimizerKinds)]
pub fn optimizer_kinds() -> Vec<String> {
    descent_core::scenes::compare::KINDS
        .iter()
        .map(|n| (*n).to_owned())
        .collect()
}
