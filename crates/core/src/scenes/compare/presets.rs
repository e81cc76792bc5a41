//! The chapter's lessons, each a set of runs on a landscape.

use crate::landscape::Landscape;
use crate::nn::OptimizerConfig;
use crate::regime::Regime;

use super::{optimizer, Compare};

/// A set of runs that shows one lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The chapter's table (3.2.3) on the current landscape: plain gradient
    /// descent with η too small, about right and too large, as
    /// [`TABLE_FACTORS`] of η*. In a ravine (line-mse, Rosenbrock) the
    /// middle row is too slow as well: no single η suits both directions.
    Table,
    /// On the bumpy curve from its right slope: SGD settles in the shallow
    /// pit; momentum, Nesterov and Adam carry over the peak into the deeper one.
    Optimizers,
    /// On the line-MSE surface, whose curvature along w is about 25× that
    /// along b: SGD, its η held below η* by the steep walls (it overshoots
    /// across them), crawls along b; momentum gathers speed along b and
    /// Adam scales each direction's step, so both are nearer after 100 steps.
    Ravine,
}

/// The table's learning rates as fractions of η*, each row tried in turn
/// until its run shows its regime: too small (too slow), about right
/// (anything but the other two), too large (diverging or bouncing).
pub const TABLE_FACTORS: [&[f64]; 3] = [
    &[0.02, 0.005, 0.001],
    &[0.5, 0.8, 0.95, 0.3, 0.2],
    &[1.3, 2.0, 4.0, 10.0],
];

/// The start of [`Preset::Optimizers`] on the bumpy curve.
pub const OPTIMIZERS_START: f64 = 2.1;
/// The learning rate every run of [`Preset::Optimizers`] takes.
pub const OPTIMIZERS_RATE: f64 = 0.15;
/// SGD's learning rate in [`Preset::Ravine`], as a fraction of η*: above
/// η*/2, so it zigzags across the steep direction.
pub const RAVINE_SGD_FACTOR: f64 = 0.6;
/// Momentum's learning rate in [`Preset::Ravine`], as a fraction of η*
/// (smaller than SGD's: it still goes faster along b).
pub const RAVINE_MOMENTUM_FACTOR: f64 = 0.5;
/// Adam's learning rate in [`Preset::Ravine`].
pub const RAVINE_ADAM_RATE: f64 = 0.2;

impl Preset {
    /// The presets, by their URL names.
    pub const NAMES: [&'static str; 3] = ["table", "optimizers", "ravine"];

    /// A preset by name ([`Preset::NAMES`]).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "table" => Some(Preset::Table),
            "optimizers" => Some(Preset::Optimizers),
            "ravine" => Some(Preset::Ravine),
            _ => None,
        }
    }

    /// The name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Table => "table",
            Preset::Optimizers => "optimizers",
            Preset::Ravine => "ravine",
        }
    }
}

impl Compare {
    /// Sets up `preset`. [`Preset::Table`] keeps the landscape and the start;
    /// the others set their own.
    pub fn apply(&mut self, preset: Preset) {
        match preset {
            Preset::Table => {
                let critical = self.critical_learning_rate();
                let regime = |f: f64| self.forecast(OptimizerConfig::sgd(f * critical));
                let pick = |row: &[f64], fits: &dyn Fn(Regime) -> bool| {
                    row.iter()
                        .copied()
                        .find(|f| fits(regime(*f)))
                        .unwrap_or(row[0])
                };
                let small = pick(TABLE_FACTORS[0], &|r| r == Regime::TooSlow);
                let large = pick(TABLE_FACTORS[2], &|r| {
                    matches!(r, Regime::Diverging | Regime::Bouncing)
                });
                let (low, high) = (regime(small), regime(large));
                let right = pick(TABLE_FACTORS[1], &|r| r != low && r != high);
                let configs = [small, right, large].map(|f| OptimizerConfig::sgd(f * critical));
                self.set_configs(&configs);
            }
            Preset::Optimizers => {
                if let Some(bumpy) = Landscape::from_name("bumpy") {
                    self.set_landscape(bumpy);
                }
                self.set_start([OPTIMIZERS_START, 0.0]);
                let configs = ["sgd", "momentum", "nesterov", "adam"]
                    .map(|k| optimizer(k, OPTIMIZERS_RATE).unwrap_or(OptimizerConfig::sgd(0.0)));
                self.set_configs(&configs);
            }
            Preset::Ravine => {
                if let Some(surface) = Landscape::from_name("line-mse") {
                    self.set_landscape(surface);
                }
                let critical = self.critical_learning_rate();
                self.set_configs(&[
                    OptimizerConfig::sgd(RAVINE_SGD_FACTOR * critical),
                    OptimizerConfig::momentum(
                        RAVINE_MOMENTUM_FACTOR * critical,
                        super::MOMENTUM,
                        false,
                    ),
                    OptimizerConfig::adam(RAVINE_ADAM_RATE),
                ]);
            }
        }
    }
}
