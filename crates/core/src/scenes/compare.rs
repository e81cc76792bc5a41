//! Comparing runs: one landscape, one shared start, up to [`MAX_RUNNERS`]
//! runs each with its own optimizer and learning rate, stepped together.
//!
//! Each run is a [`Runner`]; what a run will do is its regime, read from a
//! look-ahead of [`HORIZON`] steps through [`crate::sweep::landscape`] (the
//! same walker), redone only when the run's settings, the start or the
//! landscape change. The leaderboard ranks the runs by the steps each took
//! to come within the tolerance of the lowest loss ([`Compare::target`]).
//! Presets set up the chapter's lessons ([`Preset`]); `sweep` has the
//! final loss against η, on the landscape and for the chapter's network.

mod presets;
mod sweeps;

pub use presets::Preset;
pub use sweeps::{chapter_spec, LandscapeSweep, NetworkSweep, SWEEP_POINTS};

use crate::history::LossHistory;
use crate::landscape::{Dims, Landscape, Point, Runner};
use crate::nn::OptimizerConfig;
use crate::regime::Regime;

/// The most runs compared at once.
pub const MAX_RUNNERS: usize = 4;
/// The most steps a compared run takes (each keeps its whole record).
pub const MAX_STEPS: u64 = 100_000;
/// How many steps ahead a run's regime is read.
pub const HORIZON: usize = 1000;
/// A run has reached the bottom once its loss is within this fraction of
/// the way from the lowest loss to the start's loss.
pub const TOLERANCE: f64 = 1e-3;
/// The momentum μ the `momentum` and `nesterov` kinds use.
pub const MOMENTUM: f64 = 0.9;
/// The buckets each run's loss history keeps for the loss plot.
pub const HISTORY_BUCKETS: usize = 512;

/// The optimizer kinds a run may take, by name. `momentum` and `nesterov`
/// are SGD with μ = [`MOMENTUM`]; every other setting is PyTorch's default.
pub const KINDS: [&str; 7] = [
    "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad",
];

/// The optimizer of kind `kind` ([`KINDS`]) with learning rate η.
pub fn optimizer(kind: &str, learning_rate: f64) -> Option<OptimizerConfig> {
    Some(match kind {
        "sgd" => OptimizerConfig::sgd(learning_rate),
        "momentum" => OptimizerConfig::momentum(learning_rate, MOMENTUM, false),
        "nesterov" => OptimizerConfig::momentum(learning_rate, MOMENTUM, true),
        "adam" => OptimizerConfig::adam(learning_rate),
        "adamw" => OptimizerConfig::adamw(learning_rate),
        "rmsprop" => OptimizerConfig::rmsprop(learning_rate),
        "adagrad" => OptimizerConfig::adagrad(learning_rate),
        _ => return None,
    })
}

/// The name of a run's kind ([`KINDS`]): `nesterov` for SGD with Nesterov
/// momentum.
pub fn kind_of(config: &OptimizerConfig) -> &'static str {
    match config {
        OptimizerConfig::Momentum(m) if m.nesterov => "nesterov",
        other => other.kind(),
    }
}

/// Where a run stands on the leaderboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Within the tolerance after this many steps.
    Reached(u64),
    /// Not (yet) within the tolerance.
    Never,
    /// Flown off.
    Diverged,
}

/// One compared run and what its look-ahead says.
#[derive(Clone, Debug)]
struct Entry {
    runner: Runner,
    regime: Regime,
    history: LossHistory,
}

/// What a run of `config` from `start` does over [`HORIZON`] steps.
fn forecast(landscape: &Landscape, start: Point, config: OptimizerConfig) -> Regime {
    crate::sweep::landscape(landscape, start, config, HORIZON, &[config.learning_rate()]).regimes[0]
}

impl Entry {
    fn new(landscape: &Landscape, start: Point, config: OptimizerConfig) -> Self {
        let runner = Runner::new(landscape.clone(), start, config);
        let mut history = LossHistory::with_capacity(HISTORY_BUCKETS);
        history.push(0, runner.loss());
        Self {
            runner,
            regime: forecast(landscape, start, config),
            history,
        }
    }

    /// Takes up to `n` steps, recording their losses in the history.
    fn step(&mut self, n: u64) -> u64 {
        let before = self.runner.steps();
        let taken = self.runner.step(n);
        let losses = self.runner.losses();
        for (k, loss) in losses.iter().enumerate().skip(before as usize + 1) {
            self.history.push(k as u64, *loss);
        }
        taken
    }
}

/// Up to [`MAX_RUNNERS`] runs on one landscape from one start.
#[derive(Clone, Debug)]
pub struct Compare {
    landscape: Landscape,
    start: Point,
    entries: Vec<Entry>,
}

impl Compare {
    /// One SGD run on `landscape` from its default start, at 0.3·η*.
    pub fn new(landscape: Landscape) -> Self {
        let start = landscape.default_start();
        let mut compare = Self {
            landscape,
            start,
            entries: Vec::new(),
        };
        let eta = 0.3 * compare.critical_learning_rate();
        compare.add(OptimizerConfig::sgd(eta));
        compare
    }

    /// A new landscape: every run starts over from its default start, with
    /// the same optimizers and learning rates.
    pub fn set_landscape(&mut self, landscape: Landscape) {
        self.start = landscape.default_start();
        self.landscape = landscape;
        self.rebuild();
    }

    /// A new shared start (b is 0 on a curve); every run starts over.
    pub fn set_start(&mut self, start: Point) {
        let mut start = start;
        if self.landscape.dims() == Dims::One {
            start[1] = 0.0;
        }
        if start.iter().all(|v| v.is_finite()) {
            self.start = start;
        }
        self.rebuild();
    }

    /// Adds a run; false (nothing added) once there are [`MAX_RUNNERS`].
    pub fn add(&mut self, config: OptimizerConfig) -> bool {
        if self.entries.len() >= MAX_RUNNERS {
            return false;
        }
        self.entries
            .push(Entry::new(&self.landscape, self.start, config));
        true
    }

    /// Removes run `i`; false if there is no such run or it is the last one.
    pub fn remove(&mut self, i: usize) -> bool {
        if i >= self.entries.len() || self.entries.len() == 1 {
            return false;
        }
        self.entries.remove(i);
        true
    }

    /// Changes run `i`'s optimizer; it starts over. False if there is no such run.
    pub fn set_config(&mut self, i: usize, config: OptimizerConfig) -> bool {
        let Some(entry) = self.entries.get_mut(i) else {
            return false;
        };
        *entry = Entry::new(&self.landscape, self.start, config);
        true
    }

    /// Replaces every run (at most [`MAX_RUNNERS`] are kept; at least one).
    pub fn set_configs(&mut self, configs: &[OptimizerConfig]) {
        if configs.is_empty() {
            return;
        }
        self.entries = configs
            .iter()
            .take(MAX_RUNNERS)
            .map(|c| Entry::new(&self.landscape, self.start, *c))
            .collect();
    }

    /// Every run back to step 0 from the shared start.
    pub fn reset(&mut self) {
        self.rebuild();
    }

    fn rebuild(&mut self) {
        let configs: Vec<OptimizerConfig> = self.configs();
        self.set_configs(&configs);
    }

    /// Every run takes up to `n` steps together (a run that flew off stays
    /// where it stopped); returns how many steps the longest run took.
    pub fn step(&mut self, n: u64) -> u64 {
        let mut taken = 0;
        for entry in &mut self.entries {
            let room = MAX_STEPS.saturating_sub(entry.runner.steps());
            taken = taken.max(entry.step(n.min(room)));
        }
        taken
    }

    /// Whether no run can take another step.
    pub fn finished(&self) -> bool {
        self.entries
            .iter()
            .all(|e| e.runner.halted() || e.runner.steps() >= MAX_STEPS)
    }

    /// The landscape.
    pub fn landscape(&self) -> &Landscape {
        &self.landscape
    }

    /// The shared start.
    pub fn start(&self) -> Point {
        self.start
    }

    /// The runs, in order.
    pub fn runners(&self) -> impl ExactSizeIterator<Item = &Runner> + '_ {
        self.entries.iter().map(|e| &e.runner)
    }

    /// Run `i`, if there is one.
    pub fn runner(&self, i: usize) -> Option<&Runner> {
        self.entries.get(i).map(|e| &e.runner)
    }

    /// How many runs there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none (never, after [`Compare::new`]).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Run `i`'s loss history (bounded, for the loss plot).
    pub fn history(&self, i: usize) -> Option<&LossHistory> {
        self.entries.get(i).map(|e| &e.history)
    }

    /// The most steps any run has taken.
    pub fn steps(&self) -> u64 {
        self.runners().map(Runner::steps).max().unwrap_or(0)
    }

    /// Each run's optimizer.
    pub fn configs(&self) -> Vec<OptimizerConfig> {
        self.entries.iter().map(|e| e.runner.config()).collect()
    }

    /// What a run of `config` from the shared start would do over
    /// [`HORIZON`] steps.
    pub fn forecast(&self, config: OptimizerConfig) -> Regime {
        forecast(&self.landscape, self.start, config)
    }

    /// What run `i` does over [`HORIZON`] steps from the start.
    pub fn regime(&self, i: usize) -> Option<Regime> {
        self.entries.get(i).map(|e| e.regime)
    }

    /// The critical learning rate η* = 2/λ_max: at the known minimum
    /// nearest the start, else at the start, else 1 (a landscape that
    /// curves down everywhere there).
    pub fn critical_learning_rate(&self) -> f64 {
        let s = self.start;
        let nearest = self.landscape.minima().into_iter().min_by(|a, b| {
            let d = |p: &Point| (p[0] - s[0]).hypot(p[1] - s[1]);
            d(a).total_cmp(&d(b))
        });
        nearest
            .and_then(|m| self.landscape.critical_learning_rate(m))
            .or_else(|| self.landscape.critical_learning_rate(s))
            .filter(|eta| eta.is_finite() && *eta > 0.0)
            .unwrap_or(1.0)
    }

    /// [`SWEEP_POINTS`] runs of `config` around η*, each `steps` steps from
    /// the shared start (see [`LandscapeSweep::new`]).
    pub fn sweep(&self, config: OptimizerConfig, steps: usize) -> LandscapeSweep {
        LandscapeSweep::new(
            &self.landscape,
            self.start,
            config,
            steps,
            self.critical_learning_rate(),
        )
    }

    /// The lowest loss there is to reach: the lowest known minimum's, or
    /// (for a typed formula) the lowest loss any run has seen.
    pub fn floor(&self) -> f64 {
        let known = self
            .landscape
            .minima()
            .into_iter()
            .map(|m| self.landscape.value(m))
            .fold(f64::INFINITY, f64::min);
        if known.is_finite() {
            return known;
        }
        self.entries
            .iter()
            .map(|e| e.runner.lowest_loss())
            .fold(f64::INFINITY, f64::min)
    }

    /// The loss a run must come down to: the floor plus [`TOLERANCE`] of
    /// the way from it to the start's loss.
    pub fn target(&self) -> f64 {
        let floor = self.floor();
        let top = self.landscape.value(self.start);
        floor + TOLERANCE * (top - floor).abs().max(1e-12)
    }

    /// Where run `i` stands.
    pub fn standing(&self, i: usize) -> Option<Standing> {
        let runner = &self.entries.get(i)?.runner;
        if runner.diverged() {
            return Some(Standing::Diverged);
        }
        Some(
            runner
                .first_at_most(self.target())
                .map_or(Standing::Never, Standing::Reached),
        )
    }

    /// The runs' indices, best first: those that reached the target by
    /// steps taken, then those that have not, then those that diverged
    /// (ties in order).
    pub fn leaderboard(&self) -> Vec<usize> {
        let mut order: Vec<(usize, (u8, u64))> = (0..self.entries.len())
            .map(|i| {
                let rank = match self.standing(i) {
                    Some(Standing::Reached(k)) => (0, k),
                    Some(Standing::Never) => (1, 0),
                    _ => (2, 0),
                };
                (i, rank)
            })
            .collect();
        // At most four: an insertion sort (stable), without the general sort's code.
        for k in 1..order.len() {
            let mut j = k;
            while j > 0 && order[j - 1].1 > order[j].1 {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
        order.into_iter().map(|(i, _)| i).collect()
    }
}

#[cfg(test)]
mod tests;
