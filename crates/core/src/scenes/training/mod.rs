//! The chapter's training loop with its stopping rule and its console
//! (section 3.4.1):
//!
//! ```text
//! 1. initialise W, b → 2. forward → 3. loss L → 4. backward → 5. update
//!        ↑                                                        │
//!        └──────────── no ── loss small enough? ── yes → done ◄───┘
//! ```
//!
//! Epochs are counted from 1, as the chapter prints them: the loss of
//! epoch k is the k-th recorded loss, computed **before** that epoch's
//! update. The console keeps the chapter's line `Epoch k, Loss: …` every
//! [`PRINT_EVERY`] epochs, plus the line of the epoch where the run stopped.

use std::collections::VecDeque;

use nalgebra::DMatrix;

use crate::nn::Network;
use crate::training::{up_to, Training};

pub mod playground;
pub mod units;

/// Every how many epochs the chapter's program prints a line.
pub const PRINT_EVERY: u64 = 20;

/// Losses at or above this are too long for `{:.4}` to be read at a glance
/// (a page shows them in scientific notation instead).
pub const READABLE_LIMIT: f64 = 1e6;

/// How many console lines a run keeps (older ones are dropped).
pub const CONSOLE_CAPACITY: usize = 400;

/// The chapter's line for the loss computed in epoch `epoch`:
/// `print(f'Epoch {epoch+1}, Loss: {loss.item():.4f}')`.
pub fn chapter_line(epoch: u64, loss: f64) -> String {
    format!("Epoch {epoch}, Loss: {loss:.4}")
}

/// One line of the console: the loss computed in epoch `epoch` (1-based).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConsoleLine {
    /// The epoch, counted from 1.
    pub epoch: u64,
    /// The loss L computed in that epoch, before its update (may be ∞ or NaN).
    pub loss: f64,
}

impl ConsoleLine {
    /// Whether the loss is a finite number below [`READABLE_LIMIT`].
    pub fn readable(&self) -> bool {
        self.loss.is_finite() && self.loss.abs() < READABLE_LIMIT
    }

    /// The chapter's text of this line, when the loss is [`readable`](Self::readable).
    pub fn text(&self) -> Option<String> {
        self.readable().then(|| chapter_line(self.epoch, self.loss))
    }
}

/// A training run that stops once its loss is small enough, with the
/// chapter's console.
#[derive(Clone, Debug)]
pub struct TrainingLoop {
    training: Training,
    threshold: Option<f64>,
    console: VecDeque<ConsoleLine>,
}

impl TrainingLoop {
    /// A loop around `training` (rewound to epoch 0) that stops at the first
    /// epoch whose loss is below `threshold` (never when `None`).
    pub fn new(mut training: Training, threshold: Option<f64>) -> Self {
        training.reset();
        Self {
            training,
            threshold: threshold.filter(|t| t.is_finite()),
            console: VecDeque::new(),
        }
    }

    /// The chapter's program: its data, weights and SGD η = 0.01, no threshold.
    pub fn chapter() -> Self {
        Self::new(Training::chapter(), None)
    }

    /// One pass around the loop: forward → loss → backward → update, then
    /// the check "loss small enough?". Returns the loss of this epoch, or
    /// `None` when the run is [`done`](Self::done) or has
    /// [`halted`](Training::halted) (then nothing happens).
    pub fn epoch(&mut self) -> Option<f64> {
        if self.done() {
            return None;
        }
        let loss = self.training.epoch()?;
        let epoch = self.training.epochs();
        if epoch.is_multiple_of(PRINT_EVERY) || self.done() || self.training.halted() {
            if self.console.len() == CONSOLE_CAPACITY {
                self.console.pop_front();
            }
            self.console.push_back(ConsoleLine { epoch, loss });
        }
        Some(loss)
    }

    /// Up to `n` epochs; returns how many were run (fewer once the loss is
    /// small enough or the run has halted).
    pub fn step(&mut self, n: u64) -> u64 {
        up_to(n, || self.epoch())
    }

    /// Whether the last loss is below the threshold: "loss small enough? — yes".
    pub fn done(&self) -> bool {
        match (self.threshold, self.training.loss()) {
            (Some(threshold), Some(loss)) => loss < threshold,
            _ => false,
        }
    }

    /// The threshold, if any.
    pub fn threshold(&self) -> Option<f64> {
        self.threshold
    }

    /// Sets the threshold (`None`: train until paused); the run goes on from
    /// where it is, and is done at once if its last loss is already below.
    pub fn set_threshold(&mut self, threshold: Option<f64>) {
        self.threshold = threshold.filter(|t| t.is_finite());
    }

    /// Changes η for the following epochs without a reset.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.training.set_learning_rate(learning_rate);
    }

    /// Back to epoch 0 (the initial weights), with an empty console.
    pub fn reset(&mut self) {
        self.training.reset();
        self.console.clear();
    }

    /// The training run.
    pub fn training(&self) -> &Training {
        &self.training
    }

    /// The console lines of epochs after `epoch`, oldest first (at most
    /// [`CONSOLE_CAPACITY`] are kept).
    pub fn console_since(&self, epoch: u64) -> impl Iterator<Item = &ConsoleLine> {
        let start = self.console.partition_point(|line| line.epoch <= epoch);
        self.console.range(start..)
    }
}

/// The network's curve ŷ = f(x) at `samples` evenly spaced inputs from
/// `x_range.0` to `x_range.1` (both included); empty when the network does
/// not take exactly one input or `samples` < 2. Values may be ∞ or NaN for a
/// diverged network.
pub fn fitted_curve(network: &Network, x_range: (f64, f64), samples: usize) -> Vec<(f64, f64)> {
    if samples < 2 {
        return Vec::new();
    }
    let (low, high) = x_range;
    let last = (samples - 1) as f64;
    let xs: Vec<f64> = (0..samples)
        .map(|i| low + (high - low) * i as f64 / last)
        .collect();
    let inputs = DMatrix::from_column_slice(samples, 1, &xs);
    // ŷ = W⁽²⁾·ReLU(W⁽¹⁾·x + b⁽¹⁾) + b⁽²⁾, one row per input.
    match network.predict(&inputs) {
        Ok(outputs) if outputs.ncols() == 1 => {
            xs.into_iter().zip(outputs.iter().copied()).collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::OptimizerConfig;

    fn texts(run: &TrainingLoop) -> Vec<String> {
        run.console_since(0).filter_map(ConsoleLine::text).collect()
    }

    #[test]
    fn the_chapter_prints_its_five_lines() {
        let mut run = TrainingLoop::chapter();
        assert_eq!(run.step(100), 100);
        assert_eq!(
            texts(&run),
            [
                "Epoch 20, Loss: 1.2027",
                "Epoch 40, Loss: 1.0303",
                "Epoch 60, Loss: 0.9236",
                "Epoch 80, Loss: 0.8581",
                "Epoch 100, Loss: 0.8179"
            ]
        );
        let later: Vec<u64> = run.console_since(60).map(|l| l.epoch).collect();
        assert_eq!(later, [80, 100]);
        assert_eq!(run.console_since(100).count(), 0);
    }

    #[test]
    fn the_threshold_stops_at_the_first_epoch_below_it() {
        let mut free = Training::chapter();
        let losses: Vec<f64> = (0..300).filter_map(|_| free.epoch()).collect();
        for threshold in [1.0, 0.9, 0.8] {
            let first = losses
                .iter()
                .position(|l| *l < threshold)
                .map(|i| i as u64 + 1);
            let mut run = TrainingLoop::new(Training::chapter(), Some(threshold));
            let taken = run.step(1000);
            assert_eq!(Some(taken), first, "threshold {threshold}");
            assert!(run.done());
            assert_eq!(run.step(10), 0, "a finished run stays put");
            let last = run.console_since(0).last().copied();
            assert_eq!(
                last.map(|l| l.epoch),
                first,
                "the stopping epoch is printed"
            );
        }
        let mut run = TrainingLoop::new(Training::chapter(), Some(0.8));
        run.step(1000);
        run.set_threshold(None);
        assert!(!run.done());
        assert_eq!(run.step(5), 5, "lowering the bar lets it go on");
    }

    #[test]
    fn divergence_halts_with_an_unreadable_last_line() {
        let mut run = TrainingLoop::new(
            Training::chapter_seeded(42, OptimizerConfig::sgd(0.05)),
            Some(0.8),
        );
        let taken = run.step(1000);
        assert!(taken < 20);
        assert!(run.training().diverged() && run.training().halted());
        let last = run.console_since(0).last().copied();
        assert!(last.is_some_and(|l| l.epoch == taken && !l.readable() && l.text().is_none()));
        run.reset();
        run.set_learning_rate(0.01);
        assert_eq!(run.step(20), 20);
        assert_eq!(texts(&run), ["Epoch 20, Loss: 1.2027"]);
    }

    #[test]
    fn the_fitted_curve_spans_the_range_and_matches_predict() {
        let run = TrainingLoop::chapter();
        let network = run.training().network();
        let curve = fitted_curve(network, (-2.0, 3.0), 11);
        assert_eq!(curve.len(), 11);
        assert_eq!((curve[0].0, curve[10].0), (-2.0, 3.0));
        let one = network
            .predict(&DMatrix::from_column_slice(1, 1, &[0.5]))
            .map(|m| m[(0, 0)]);
        assert_eq!(one.ok(), Some(curve[5].1));
        assert!(fitted_curve(network, (0.0, 1.0), 1).is_empty());
    }

    #[test]
    fn the_console_stays_bounded() {
        let mut run = TrainingLoop::chapter();
        run.step(PRINT_EVERY * (CONSOLE_CAPACITY as u64 + 10));
        assert_eq!(run.console_since(0).count(), CONSOLE_CAPACITY);
        assert_eq!(
            run.console_since(0).next().map(|l| l.epoch),
            Some(PRINT_EVERY * 11)
        );
    }
}
