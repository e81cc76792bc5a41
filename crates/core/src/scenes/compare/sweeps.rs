//! Final loss against η: for a run's optimizer on the landscape, and for
//! the chapter's network, the latter a few learning rates at a time so a
//! page never waits long in one frame.

use crate::data::{LinearData, CHAPTER_SEED};
use crate::landscape::{Landscape, Point};
use crate::nn::{Activation, Loss, OptimizerConfig};
use crate::spec::{Init, Spec};
use crate::sweep::{self, log_spaced, Sweep};
use nalgebra::DMatrix;

/// How many learning rates a sweep tries.
pub const SWEEP_POINTS: usize = 200;
/// A landscape sweep spans η* ÷ this …
pub const BELOW: f64 = 1000.0;
/// … to η* × this.
pub const ABOVE: f64 = 10.0;

/// A landscape sweep and the η* it is centred on.
#[derive(Clone, Debug, PartialEq)]
pub struct LandscapeSweep {
    /// The runs.
    pub sweep: Sweep,
    /// η* = 2/λ_max where the sweep's runs settle (see
    /// [`super::Compare::critical_learning_rate`]).
    pub critical: f64,
}

impl LandscapeSweep {
    /// [`SWEEP_POINTS`] runs of `config` of `steps` steps from `start`,
    /// η from η*/[`BELOW`] to η*·[`ABOVE`].
    pub fn new(
        landscape: &Landscape,
        start: Point,
        config: OptimizerConfig,
        steps: usize,
        critical: f64,
    ) -> Self {
        let rates = log_spaced(critical / BELOW, critical * ABOVE, SWEEP_POINTS);
        Self {
            sweep: sweep::landscape(landscape, start, config, steps, &rates),
            critical,
        }
    }
}

/// The chapter's program (3.4) as a spec: its 100 points, `Linear(1,10) →
/// ReLU → Linear(10,1)` from seed 42, SGD, 100 epochs, full batch.
pub fn chapter_spec() -> Spec {
    let data = LinearData::generate(CHAPTER_SEED, crate::chapter_data::X.len());
    Spec {
        name: Some("chapter".into()),
        layers: vec![1, 10, 1],
        hidden_activation: Activation::Relu,
        output_activation: Activation::Identity,
        loss: Loss::Mse,
        optimizer: OptimizerConfig::sgd(crate::chapter_data::LEARNING_RATE),
        epochs: 100,
        batches: None,
        x: DMatrix::from_column_slice(data.len(), 1, data.xs()),
        y: DMatrix::from_column_slice(data.len(), 1, data.ys()),
        init: Init::Seed(CHAPTER_SEED),
    }
}

/// A sweep of the chapter's network over η, taken a few rates at a time.
#[derive(Clone, Debug)]
pub struct NetworkSweep {
    spec: Spec,
    rates: Vec<f64>,
    done: Sweep,
}

impl NetworkSweep {
    /// The chapter's network with `config`'s kind, `count` rates from
    /// `from` to `to` (log-spaced); nothing run yet.
    pub fn new(config: OptimizerConfig, from: f64, to: f64, count: usize) -> Self {
        let mut spec = chapter_spec();
        spec.optimizer = config;
        let rates = log_spaced(from, to, count);
        Self {
            spec,
            done: Sweep {
                learning_rates: Vec::with_capacity(rates.len()),
                final_losses: Vec::with_capacity(rates.len()),
                regimes: Vec::with_capacity(rates.len()),
            },
            rates,
        }
    }

    /// Runs the next `n` learning rates (fewer at the end); returns how many ran.
    pub fn advance(&mut self, n: usize) -> usize {
        let from = self.done.learning_rates.len();
        let to = (from + n).min(self.rates.len());
        if from == to {
            return 0;
        }
        let Ok(part) = sweep::training(&self.spec, &self.rates[from..to]) else {
            // The spec is built here and always valid; nothing to add if not.
            self.rates.truncate(from);
            return 0;
        };
        self.done.learning_rates.extend(part.learning_rates);
        self.done.final_losses.extend(part.final_losses);
        self.done.regimes.extend(part.regimes);
        to - from
    }

    /// How many rates have run, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.learning_rates.len(), self.rates.len())
    }

    /// Whether every rate has run.
    pub fn finished(&self) -> bool {
        self.done.learning_rates.len() >= self.rates.len()
    }

    /// What has run so far.
    pub fn sweep(&self) -> &Sweep {
        &self.done
    }

    /// Every rate, run or not.
    pub fn rates(&self) -> &[f64] {
        &self.rates
    }
}
