//! One run: a landscape, a start and an optimizer, step by step, exactly as
//! `torch.optim` updates a tensor of the parameters whose loss is the
//! landscape:
//! ```text
//! loss = f(p); record p and loss; stop if loss is not finite
//! loss.backward(); optimizer.step()
//! ```
//! so `trajectory[k]` is where `losses[k]` was evaluated (`trajectory[0]`
//! is the start) and, after n steps, both hold n + 1 entries — or fewer when
//! the run stopped at its first non-finite loss, which is recorded.

use crate::history::LOSS_LIMIT;
use crate::nn::{Optimizer, OptimizerConfig};
use crate::regime::{read_path, Move, Regime};

use super::{Landscape, Point};

/// The most steps a [`Runner`] takes (its record is kept in full).
pub const MAX_STEPS: u64 = 1_000_000;

/// The moving part of a run: where it is, the loss and gradient there, and
/// the optimizer's state. The runner and the sweeps share it, so both step
/// exactly alike.
#[derive(Clone, Debug)]
pub(crate) struct Walker {
    dims: usize,
    pub position: Point,
    pub loss: f64,
    gradient: Point,
    optimizer: Optimizer,
    previous: Point,
}

impl Walker {
    /// At `start` (unused coordinates set to 0), its loss evaluated.
    pub fn new(landscape: &Landscape, start: Point, config: OptimizerConfig) -> Self {
        let dims = landscape.dims().count();
        let mut position = start;
        position[dims..].fill(0.0);
        let (loss, gradient) = landscape.gradient(position);
        Self {
            dims,
            position,
            loss,
            gradient,
            optimizer: Optimizer::for_tensors(config, [dims]),
            previous: [0.0; 2],
        }
    }

    /// One optimizer step from the gradient here, then the loss and
    /// gradient at the new point. Returns the move.
    pub fn step(&mut self, landscape: &Landscape) -> Move {
        let before = self.position;
        let dims = self.dims;
        self.optimizer.step_tensors(
            std::iter::once(&mut self.position[..dims]),
            std::iter::once(&self.gradient[..dims]),
        );
        (self.loss, self.gradient) = landscape.gradient(self.position);
        let delta = [self.position[0] - before[0], self.position[1] - before[1]];
        let moved = Move::of(&delta, &self.previous);
        self.previous = delta;
        moved
    }
}

/// A run on a landscape, recorded in full.
#[derive(Clone, Debug)]
pub struct Runner {
    landscape: Landscape,
    config: OptimizerConfig,
    start: Point,
    walker: Walker,
    trajectory: Vec<Point>,
    losses: Vec<f64>,
    /// Kept as the run goes, so asking costs the same at any step:
    /// whether a loss went beyond ±[`LOSS_LIMIT`], the lowest finite loss,
    /// and each new lowest loss with its step ([`Runner::first_at_most`]).
    flown: bool,
    lowest: f64,
    records: Vec<(u64, f64)>,
}

impl Runner {
    /// A run of `config` on `landscape` from `start`, at step 0 (the start's
    /// loss recorded). For a curve, b is set to 0.
    pub fn new(landscape: Landscape, start: Point, config: OptimizerConfig) -> Self {
        let walker = Walker::new(&landscape, start, config);
        let mut run = Self {
            start: walker.position,
            trajectory: vec![walker.position],
            losses: Vec::with_capacity(64),
            landscape,
            config,
            walker,
            flown: false,
            lowest: f64::INFINITY,
            records: Vec::new(),
        };
        run.trajectory.reserve(64);
        run.record(run.walker.loss);
        run
    }

    /// Adds `loss` to the record and to what is kept about it.
    fn record(&mut self, loss: f64) {
        let step = self.losses.len() as u64;
        self.losses.push(loss);
        self.flown |= loss.abs() > LOSS_LIMIT;
        if loss.is_finite() {
            self.lowest = self.lowest.min(loss);
        }
        // A new lowest loss (the first one that is a number counts).
        let lower = self.records.last().map_or(!loss.is_nan(), |r| loss < r.1);
        if lower {
            self.records.push((step, loss));
        }
    }

    /// Takes up to `n` steps; returns how many were taken: fewer only when
    /// the run has stopped at a non-finite loss or reached [`MAX_STEPS`].
    pub fn step(&mut self, n: u64) -> u64 {
        let mut taken = 0;
        while taken < n && !self.halted() && self.steps() < MAX_STEPS {
            self.walker.step(&self.landscape);
            self.trajectory.push(self.walker.position);
            self.record(self.walker.loss);
            taken += 1;
        }
        taken
    }

    /// Back to step 0 from `start`, with a fresh optimizer.
    pub fn reset(&mut self, start: Point) {
        *self = Self::new(self.landscape.clone(), start, self.config);
    }

    /// The landscape.
    pub fn landscape(&self) -> &Landscape {
        &self.landscape
    }

    /// The optimizer and its settings.
    pub fn config(&self) -> OptimizerConfig {
        self.config
    }

    /// Where the run started.
    pub fn start(&self) -> Point {
        self.start
    }

    /// Steps taken.
    pub fn steps(&self) -> u64 {
        self.losses.len() as u64 - 1
    }

    /// The current point (the last of the trajectory).
    pub fn position(&self) -> Point {
        self.walker.position
    }

    /// The loss at the current point.
    pub fn loss(&self) -> f64 {
        self.walker.loss
    }

    /// Every point where a loss was evaluated, the start first.
    pub fn trajectory(&self) -> &[Point] {
        &self.trajectory
    }

    /// The loss at each point of the trajectory.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// Whether the run stopped at a non-finite loss (it takes no more steps).
    pub fn halted(&self) -> bool {
        !self.walker.loss.is_finite()
    }

    /// Whether any loss was non-finite or beyond ±[`LOSS_LIMIT`].
    pub fn diverged(&self) -> bool {
        self.halted() || self.flown
    }

    /// The lowest finite loss so far (infinite if there is none).
    pub fn lowest_loss(&self) -> f64 {
        self.lowest
    }

    /// The first step whose loss was at most `target`, if any: what
    /// `losses().iter().position(|l| *l <= target)` says, found among the
    /// run's new lowest losses (a binary search, however long the run).
    pub fn first_at_most(&self, target: f64) -> Option<u64> {
        if target.is_nan() {
            return None;
        }
        // The record's losses fall strictly: those above the target come first.
        let k = self.records.partition_point(|r| r.1 > target);
        self.records.get(k).map(|r| r.0)
    }

    /// How the run has behaved so far, read from its record.
    pub fn regime(&self) -> Regime {
        read_path(
            self.config.learning_rate(),
            &self.losses,
            &self.trajectory,
            self.landscape.view().width(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Landscape, Runner, LOSS_LIMIT};
    use crate::nn::OptimizerConfig;
    use proptest::prelude::*;

    /// A loss: mostly ordinary numbers, sometimes huge, infinite or NaN.
    fn loss() -> impl Strategy<Value = f64> {
        prop_oneof![
            8 => -10.0..10.0f64,
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            1 => Just(2.0 * LOSS_LIMIT),
        ]
    }

    proptest! {
        /// What is kept as the run goes answers as a scan of the whole record would.
        #[test]
        fn kept_answers_match_a_scan_of_the_record(
            losses in prop::collection::vec(loss(), 1..60),
            targets in prop::collection::vec(loss(), 1..8),
        ) {
            let landscape = Landscape::from_name("bumpy").expect("known name");
            let mut run = Runner::new(landscape, [0.5, 0.0], OptimizerConfig::sgd(0.01));
            run.losses.clear();
            run.records.clear();
            run.lowest = f64::INFINITY;
            for l in &losses {
                run.record(*l);
            }
            for t in targets {
                let scanned = losses.iter().position(|l| *l <= t).map(|k| k as u64);
                prop_assert_eq!(run.first_at_most(t), scanned, "target {}", t);
            }
            let flown = losses.iter().any(|l| l.abs() > LOSS_LIMIT);
            prop_assert_eq!(run.flown, flown);
            let lowest = losses.iter().copied().filter(|l| l.is_finite()).fold(f64::INFINITY, f64::min);
            prop_assert_eq!(run.lowest_loss().to_bits(), lowest.to_bits());
        }
    }
}
