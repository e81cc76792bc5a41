//! Training, one optimizer step at a time (section 3.4): full batch, or in
//! mini-batches given as data ([`Batches`]).
//!
//! Each full-batch epoch is the chapter's loop body:
//! ```text
//! outputs = model(X); loss = criterion(outputs, y)    forward, loss recorded
//! optimizer.zero_grad(); loss.backward()              backward
//! optimizer.step()                                    update
//! ```
//! With mini-batches each epoch visits the samples in its order, in
//! consecutive batches of k, and takes that loop body once per batch, on
//! the batch alone. Either way one loss is recorded per step: the loss
//! **before** its update (of the whole data, or of the batch), so the
//! first recorded loss is at the initial weights. A run stops at, and
//! records, its first non-finite loss, without updating; it is `diverged`
//! when any loss was non-finite or above [`LOSS_LIMIT`]. Nothing panics on
//! bad numbers.

use nalgebra::DMatrix;

use crate::chapter_data;
use crate::data::LinearData;
use crate::history::{LossHistory, LOSS_LIMIT};
use crate::nn::pass::Workspace;
use crate::nn::{Activation, Gradients, Network, Optimizer, OptimizerConfig, ShapeError};

mod batches;

use batches::MiniBatches;
pub use batches::{BatchError, Batches};

/// A training session: network, optimizer, data and where the run is.
#[derive(Clone, Debug)]
pub struct Training {
    initial: Network,
    network: Network,
    optimizer: Optimizer,
    x: DMatrix<f64>,
    y: DMatrix<f64>,
    workspace: Workspace,
    /// `None`: full batch.
    batches: Option<Box<MiniBatches>>,
    steps: u64,
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
            batches: None,
            steps: 0,
            last_loss: None,
            diverged: false,
            halted: false,
            history: LossHistory::default(),
        }
    }

    /// The same session at step 0, training in `batches` instead of full
    /// batch (the batches must be for this session's N samples).
    pub fn with_batches(mut self, batches: Batches) -> Result<Self, BatchError> {
        if batches.samples() != self.x.nrows() {
            return Err(BatchError::Samples {
                expected: self.x.nrows(),
                got: batches.samples(),
            });
        }
        self.batches = Some(Box::new(MiniBatches::new(
            batches,
            &self.initial,
            &self.x,
            &self.y,
        )));
        self.reset();
        Ok(self)
    }

    /// The mini-batches, or `None` for full batch.
    pub fn batches(&self) -> Option<&Batches> {
        self.batches.as_deref().map(MiniBatches::batches)
    }

    /// Optimizer steps per epoch: 1 for full batch, ⌈N / k⌉ in mini-batches.
    pub fn steps_per_epoch(&self) -> u64 {
        self.batches().map_or(1, Batches::steps_per_epoch)
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

    /// One optimizer step: forward → loss (recorded) → backward → update,
    /// on the whole data (full batch: an epoch) or on the next mini-batch.
    /// Returns the recorded loss, or `None` when the run has stopped at a
    /// non-finite loss (then nothing happens), or in mini-batches with no
    /// orders at all.
    pub fn update(&mut self) -> Option<f64> {
        if self.halted {
            return None;
        }
        let loss = match &mut self.batches {
            None => self.workspace.pass(&self.network, &self.x, &self.y),
            Some(batches) => batches.pass(&self.network, &self.x, &self.y)?,
        };
        self.history.push(self.steps, loss);
        self.steps += 1;
        self.last_loss = Some(loss);
        if !loss.is_finite() {
            self.halted = true;
            self.diverged = true;
            return Some(loss);
        }
        if loss > LOSS_LIMIT {
            self.diverged = true;
        }
        let gradients = match &self.batches {
            None => self.workspace.gradients(),
            Some(batches) => batches.gradients(),
        };
        self.optimizer.step(&mut self.network, gradients);
        Some(loss)
    }

    /// One epoch: one full-batch step, or the mini-batch steps left in the
    /// current epoch. Returns the last recorded loss, or `None` when no
    /// step was taken.
    pub fn epoch(&mut self) -> Option<f64> {
        let mut loss = self.update()?;
        while self.batches.as_ref().is_some_and(|b| b.mid_epoch()) {
            match self.update() {
                Some(next) => loss = next,
                None => break,
            }
        }
        Some(loss)
    }

    /// Up to `n` optimizer steps (full batch: epochs); returns how many
    /// were taken (fewer only when the run stopped at a non-finite loss).
    pub fn step(&mut self, n: u64) -> u64 {
        up_to(n, || self.update())
    }

    /// Back to step 0: the initial weights, a fresh optimizer, the first
    /// batch of the first epoch, no history.
    pub fn reset(&mut self) {
        self.network = self.initial.clone();
        self.optimizer.reset();
        self.workspace = Workspace::new(&self.network, &self.x, &self.y);
        if let Some(batches) = &mut self.batches {
            batches.reset(&self.network, &self.x, &self.y);
        }
        self.steps = 0;
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

    /// The gradients of the last step (of its batch), at the weights
    /// *before* its update (zeros before the first step).
    pub fn gradients(&self) -> &Gradients {
        match &self.batches {
            None => self.workspace.gradients(),
            Some(batches) => batches.gradients(),
        }
    }

    /// Epochs begun so far; full batch, one per loss recorded.
    pub fn epochs(&self) -> u64 {
        self.batches.as_ref().map_or(self.steps, |b| b.epochs())
    }

    /// Optimizer steps taken so far (= losses recorded).
    pub fn steps(&self) -> u64 {
        self.steps
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
    /// The loss of each step before its update (one per epoch full batch,
    /// one per batch in mini-batches), up to and including the first
    /// non-finite one.
    pub losses: Vec<f64>,
    /// The network after the last update.
    pub network: Network,
    /// Whether any loss was non-finite or above [`LOSS_LIMIT`].
    pub diverged: bool,
}

impl Training {
    /// Runs up to `epochs` more epochs' worth of steps, recording every
    /// loss, and hands back the losses and the final weights.
    pub fn run(mut self, epochs: u64) -> TrainResult {
        let steps = epochs.saturating_mul(self.steps_per_epoch());
        // Reserve for the steps asked, up to a million (more grows as it goes).
        let mut losses = Vec::with_capacity(usize::try_from(steps.min(1 << 20)).unwrap_or(0));
        for _ in 0..steps {
            match self.update() {
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
/// many times it ran.
pub(crate) fn up_to(n: u64, mut epoch: impl FnMut() -> Option<f64>) -> u64 {
    let mut done = 0;
    while done < n && epoch().is_some() {
        done += 1;
    }
    done
}

#[cfg(test)]
mod tests;
