//! Full-batch training, one epoch at a time (section 3.4).
//!
//! Each epoch is the chapter's loop body:
//! ```text
//! outputs = model(X); loss = criterion(outputs, y)    forward, loss recorded
//! optimizer.zero_grad(); loss.backward()              backward
//! optimizer.step()                                    update
//! ```
//! The loss of an epoch is the loss **before** its update, so the first
//! recorded loss is the loss at the initial weights. A run stops at, and
//! records, its first non-finite loss, without updating; it is `diverged`
//! when any loss was non-finite or above [`LOSS_LIMIT`]. Nothing panics on
//! bad numbers.

use nalgebra::DMatrix;

use crate::chapter_data;
use crate::data::LinearData;
use crate::history::{LossHistory, LOSS_LIMIT};
use crate::nn::pass::Workspace;
use crate::nn::{Activation, Gradients, Network, Optimizer, OptimizerConfig, ShapeError};

/// A training session: network, optimizer, data and where the run is.
#[derive(Clone, Debug)]
pub struct Training {
    initial: Network,
    network: Network,
    optimizer: Optimizer,
    x: DMatrix<f64>,
    y: DMatrix<f64>,
    workspace: Workspace,
    epoch: u64,
    last_loss: Option<f64>,
    diverged: bool,
    halted: bool,
    history: LossHistory,
}

impl Training {
    /// A session at epoch 0. `x` is N × n_in and `y` N × n_out (rows are
    /// samples, N ≥ 1).
    pub fn new(
        network: Network,
        optimizer: OptimizerConfig,
        x: DMatrix<f64>,
        y: DMatrix<f64>,
    ) -> Result<Self, ShapeError> {
        network.check_inputs(&x)?;
        network.check_targets(&y, x.nrows())?;
        Ok(Self::build(network, optimizer, x, y))
    }

    /// A session from parts whose shapes are known to fit.
    fn build(
        network: Network,
        optimizer: OptimizerConfig,
        x: DMatrix<f64>,
        y: DMatrix<f64>,
    ) -> Self {
        Self {
            optimizer: Optimizer::new(optimizer, &network),
            workspace: Workspace::new(&network, &x, &y),
            initial: network.clone(),
            network,
            x,
            y,
            epoch: 0,
            last_loss: None,
            diverged: false,
            halted: false,
            history: LossHistory::default(),
        }
    }

    /// The chapter's program: its 100 points, `Linear(1,10) → ReLU →
    /// Linear(10,1)` with PyTorch's initial weights (seed 42), SGD with
    /// η = 0.01. [`Training::step`]`(100)` reproduces its printed losses.
    pub fn chapter() -> Self {
        Self::chapter_seeded(
            crate::data::CHAPTER_SEED,
            OptimizerConfig::sgd(chapter_data::LEARNING_RATE),
        )
    }

    /// The chapter's recipe from another seed: 100 points y = 2x + 1 + noise
    /// ([`LinearData::generate`]) and a 1 → 10 ReLU → 1 network
    /// ([`Network::seeded`]). Seed 42 is the chapter's exact run.
    pub fn chapter_seeded(seed: u64, optimizer: OptimizerConfig) -> Self {
        let data = LinearData::generate(seed, chapter_data::X.len());
        let x = DMatrix::from_column_slice(data.len(), 1, data.xs());
        let y = DMatrix::from_column_slice(data.len(), 1, data.ys());
        let network = Network::seeded(&[1, 10, 1], Activation::Relu, Activation::Identity, seed)
            .unwrap_or_else(|_| Network::chapter());
        Self::build(network, optimizer, x, y)
    }

    /// One full-batch epoch: forward → loss (recorded) → backward → update.
    /// Returns the recorded loss, or `None` when the run has stopped at a
    /// non-finite loss (then nothing happens).
    pub fn epoch(&mut self) -> Option<f64> {
        if self.halted {
            return None;
        }
        let loss = self.workspace.pass(&self.network, &self.x, &self.y);
        self.history.push(self.epoch, loss);
        self.epoch += 1;
        self.last_loss = Some(loss);
        if !loss.is_finite() {
            self.halted = true;
            self.diverged = true;
            return Some(loss);
        }
        if loss > LOSS_LIMIT {
            self.diverged = true;
        }
        self.optimizer
            .step(&mut self.network, self.workspace.gradients());
        Some(loss)
    }

    /// Up to `n` epochs; returns how many were run (fewer only when the run
    /// stopped at a non-finite loss).
    pub fn step(&mut self, n: u64) -> u64 {
        up_to(n, || self.epoch())
    }

    /// Back to epoch 0: the initial weights, a fresh optimizer, no history.
    pub fn reset(&mut self) {
        self.network = self.initial.clone();
        self.optimizer.reset();
        self.workspace = Workspace::new(&self.network, &self.x, &self.y);
        self.epoch = 0;
        self.last_loss = None;
        self.diverged = false;
        self.halted = false;
        self.history.clear();
    }

    /// Changes η for the following epochs, keeping weights and optimizer state.
    pub fn set_learning_rate(&mut self, lr: f64) {
        self.optimizer.set_learning_rate(lr);
    }

    /// The network with its current weights (after the last update).
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network as it was at epoch 0.
    pub fn initial_network(&self) -> &Network {
        &self.initial
    }

    /// The optimizer and its state.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// Inputs, N × n_in.
    pub fn x(&self) -> &DMatrix<f64> {
        &self.x
    }

    /// Targets, N × n_out.
    pub fn y(&self) -> &DMatrix<f64> {
        &self.y
    }

    /// The gradients of the last epoch, at the weights *before* its update
    /// (zeros before the first epoch).
    pub fn gradients(&self) -> &Gradients {
        self.workspace.gradients()
    }

    /// Epochs run so far (= losses recorded).
    pub fn epochs(&self) -> u64 {
        self.epoch
    }

    /// The last recorded loss.
    pub fn loss(&self) -> Option<f64> {
        self.last_loss
    }

    /// Whether any loss was non-finite or above [`LOSS_LIMIT`].
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// Whether the run stopped at a non-finite loss (no more epochs run).
    pub fn halted(&self) -> bool {
        self.halted
    }

    /// The decimated loss history; step k holds the loss after k updates
    /// (step 0: at the initial weights).
    pub fn history(&self) -> &LossHistory {
        &self.history
    }
}

/// The outcome of [`Training::run`]: every loss and the final weights.
#[derive(Clone, Debug)]
pub struct TrainResult {
    /// The loss of each epoch before its update, up to and including the
    /// first non-finite one.
    pub losses: Vec<f64>,
    /// The network after the last update.
    pub network: Network,
    /// Whether any loss was non-finite or above [`LOSS_LIMIT`].
    pub diverged: bool,
}

impl Training {
    /// Runs up to `epochs` more epochs, recording every loss, and hands
    /// back the losses and the final weights.
    pub fn run(mut self, epochs: u64) -> TrainResult {
        // Reserve for the epochs asked, up to a million (more grows as it goes).
        let mut losses = Vec::with_capacity(usize::try_from(epochs.min(1 << 20)).unwrap_or(0));
        for _ in 0..epochs {
            match self.epoch() {
                Some(loss) => losses.push(loss),
                None => break,
            }
        }
        TrainResult {
            losses,
            diverged: self.diverged,
            network: self.network,
        }
    }
}

/// Runs `epoch` up to `n` times, stopping at the first `None`; returns how
/// many epochs ran.
pub(crate) fn up_to(n: u64, mut epoch: impl FnMut() -> Option<f64>) -> u64 {
    let mut done = 0;
    while done < n && epoch().is_some() {
        done += 1;
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_prints_the_chapters_losses() {
        let mut training = Training::chapter();
        let mut printed = Vec::new();
        for epoch in 1..=chapter_data::EPOCHS {
            let loss = training.epoch().unwrap_or(f64::NAN);
            if epoch % 20 == 0 {
                printed.push(format!("Epoch {epoch}, Loss: {loss:.4}"));
            }
        }
        assert_eq!(
            printed,
            [
                "Epoch 20, Loss: 1.2027",
                "Epoch 40, Loss: 1.0303",
                "Epoch 60, Loss: 0.9236",
                "Epoch 80, Loss: 0.8581",
                "Epoch 100, Loss: 0.8179"
            ]
        );
    }

    #[test]
    fn a_large_learning_rate_stops_without_panicking() {
        let mut training = Training::chapter();
        training.set_learning_rate(0.05);
        let done = training.step(1000);
        assert!(done < 1000);
        assert!(training.diverged() && training.halted());
        assert!(training.loss().is_some_and(|l| !l.is_finite()));
        assert_eq!(training.step(5), 0);
        training.reset();
        training.set_learning_rate(0.01);
        assert_eq!(training.step(10), 10);
        assert!(!training.diverged());
    }

    #[test]
    fn history_stays_bounded() {
        let mut training = Training::chapter_seeded(3, OptimizerConfig::adam(0.01));
        training.step(5000);
        assert!(training.history().buckets().len() <= training.history().capacity());
        assert_eq!(
            training.history().first(),
            Some(training.history().buckets()[0].first)
        );
        assert!(training.loss().is_some_and(|l| l < 5.0));
    }
}
