//! The training playground's settings (section 3.4): a data set, the
//! hidden layers, the activation, the optimizer and the batch, each with
//! a seed. At [`Playground::chapter`] the run is the chapter's program to
//! the last bit; every other setting is drawn from the same seed, so a
//! link gives the same run again.
//!
//! The playground's run and the PyTorch script of it come from one
//! [`Spec`] ([`Playground::spec`]), so they cannot disagree.

use std::fmt;

use crate::datasets::{DataError, DataRecipe};
use crate::nn::optimizer::{Adagrad, Adam, Momentum, RmsProp, Sgd};
use crate::nn::{Activation, Loss, Network, OptimizerConfig};
use crate::spec::{Init, Spec, SpecError};
use crate::training::{Batches, Training};

/// The most hidden layers.
pub const MAX_LAYERS: usize = 3;
/// The most units in a hidden layer.
pub const MAX_WIDTH: usize = 64;
/// How many shuffled orders mini-batches cycle through (epoch e uses
/// order e mod this), so a script stays short for any run length.
pub const BATCH_ORDERS: usize = 10;
/// The momentum μ of `momentum` and `nesterov` (PyTorch's SGD has none by
/// default; 0.9 is the usual choice).
pub const MOMENTUM: f64 = 0.9;
/// The epochs a script runs: the chapter's 100.
pub const SCRIPT_EPOCHS: u64 = 100;

/// The optimizers a playground offers, by their URL-safe names.
pub const OPTIMIZERS: [&str; 7] = [
    "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad",
];

/// A playground setting out of range, naming it: `width: must be between 1
/// and 64 (got 0)`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundError {
    field: &'static str,
    problem: String,
}

impl PlaygroundError {
    fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }

    /// The setting: `layers`, `width`, `activation`, `optimizer`, `decay`,
    /// `batch`, `points`, `noise` or `spec`.
    pub fn field(&self) -> &'static str {
        self.field
    }
}

impl fmt::Display for PlaygroundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for PlaygroundError {}

impl From<DataError> for PlaygroundError {
    fn from(e: DataError) -> Self {
        Self::new(e.field(), e.problem())
    }
}

impl From<SpecError> for PlaygroundError {
    fn from(e: SpecError) -> Self {
        Self::new("spec", e.to_string())
    }
}

/// The optimizer `name` (one of [`OPTIMIZERS`]) with learning rate η and
/// PyTorch's defaults, its weight decay λ when `decay` is given (else
/// PyTorch's default: 0.01 for AdamW, none for the others).
pub fn optimizer(name: &str, lr: f64, decay: Option<f64>) -> Option<OptimizerConfig> {
    let mut config = match name {
        "sgd" => OptimizerConfig::sgd(lr),
        "momentum" => OptimizerConfig::momentum(lr, MOMENTUM, false),
        "nesterov" => OptimizerConfig::momentum(lr, MOMENTUM, true),
        "adam" => OptimizerConfig::adam(lr),
        "adamw" => OptimizerConfig::adamw(lr),
        "rmsprop" => OptimizerConfig::rmsprop(lr),
        "adagrad" => OptimizerConfig::adagrad(lr),
        _ => return None,
    };
    if let Some(lambda) = decay {
        match &mut config {
            OptimizerConfig::Sgd(Sgd { weight_decay, .. })
            | OptimizerConfig::Momentum(Momentum { weight_decay, .. })
            | OptimizerConfig::Adam(Adam { weight_decay, .. })
            | OptimizerConfig::AdamW(Adam { weight_decay, .. })
            | OptimizerConfig::RmsProp(RmsProp { weight_decay, .. })
            | OptimizerConfig::Adagrad(Adagrad { weight_decay, .. }) => *weight_decay = lambda,
        }
    }
    Some(config)
}

/// Everything a playground run is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// The data set (its seed is the data's).
    pub data: DataRecipe,
    /// Hidden layers, 1 to [`MAX_LAYERS`].
    pub layers: usize,
    /// Units per hidden layer, 1 to [`MAX_WIDTH`].
    pub width: usize,
    /// The hidden layers' activation (the output is the identity).
    pub activation: Activation,
    /// One of [`OPTIMIZERS`].
    pub optimizer: String,
    /// η.
    pub learning_rate: f64,
    /// Weight decay λ; `None`: the optimizer's PyTorch default.
    pub decay: Option<f64>,
    /// Mini-batches of this size (shuffled from the seed); `None`: full batch.
    pub batch: Option<usize>,
    /// The seed of the initial weights and the batches' orders.
    pub seed: u64,
}

impl Default for Playground {
    fn default() -> Self {
        Self::chapter()
    }
}

impl Playground {
    /// The chapter's program: its data, 1 → 10 ReLU → 1, SGD η = 0.01,
    /// full batch, seed 42.
    pub fn chapter() -> Self {
        Self::chapter_seeded(crate::data::CHAPTER_SEED)
    }

    /// The chapter's settings with data and weights drawn from `seed`
    /// (what [`Training::chapter_seeded`] trains).
    pub fn chapter_seeded(seed: u64) -> Self {
        Self {
            data: DataRecipe {
                seed,
                ..DataRecipe::chapter()
            },
            layers: 1,
            width: 10,
            activation: Activation::Relu,
            optimizer: "sgd".to_owned(),
            learning_rate: crate::chapter_data::LEARNING_RATE,
            decay: None,
            batch: None,
            seed,
        }
    }

    /// The layer sizes `[1, width × layers, 1]`.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![1];
        sizes.extend(std::iter::repeat_n(self.width, self.layers));
        sizes.push(1);
        sizes
    }

    /// Checks every setting; the first one out of range is named.
    pub fn check(&self) -> Result<(), PlaygroundError> {
        self.data.check()?;
        if !(1..=MAX_LAYERS).contains(&self.layers) {
            let got = self.layers;
            return Err(PlaygroundError::new(
                "layers",
                format!("must be between 1 and {MAX_LAYERS} (got {got})"),
            ));
        }
        if !(1..=MAX_WIDTH).contains(&self.width) {
            let got = self.width;
            return Err(PlaygroundError::new(
                "width",
                format!("must be between 1 and {MAX_WIDTH} (got {got})"),
            ));
        }
        if self.activation == Activation::Identity {
            return Err(PlaygroundError::new(
                "activation",
                "must be relu, tanh or sigmoid",
            ));
        }
        if !(self.learning_rate.is_finite() && self.learning_rate >= 0.0) {
            let got = self.learning_rate;
            return Err(PlaygroundError::new(
                "lr",
                format!("must be a finite number ≥ 0 (got {got})"),
            ));
        }
        if let Some(lambda) = self.decay.filter(|l| !(l.is_finite() && *l >= 0.0)) {
            return Err(PlaygroundError::new(
                "decay",
                format!("must be a finite number ≥ 0 (got {lambda})"),
            ));
        }
        if self.batch == Some(0) {
            return Err(PlaygroundError::new("batch", "must be at least 1 (got 0)"));
        }
        if !OPTIMIZERS.contains(&self.optimizer.as_str()) {
            return Err(PlaygroundError::new(
                "optimizer",
                format!(
                    "must be one of {} (got \"{}\")",
                    OPTIMIZERS.join(", "),
                    self.optimizer
                ),
            ));
        }
        Ok(())
    }

    /// The optimizer with its hyper-parameters.
    pub fn optimizer_config(&self) -> Result<OptimizerConfig, PlaygroundError> {
        self.check()?;
        optimizer(&self.optimizer, self.learning_rate, self.decay)
            .ok_or_else(|| PlaygroundError::new("optimizer", "unknown"))
    }

    /// The run as a spec of `epochs` epochs: the data, the initial weights
    /// (drawn from the seed), the optimizer and the batches.
    pub fn spec(&self, epochs: u64) -> Result<Spec, PlaygroundError> {
        let optimizer = self.optimizer_config()?;
        let data = self.data.generate()?;
        let sizes = self.sizes();
        let network = Network::seeded(&sizes, self.activation, Activation::Identity, self.seed)
            .map_err(|e| PlaygroundError::new("spec", e.to_string()))?;
        let batches = match self.batch {
            None => None,
            Some(size) => Some(
                Batches::shuffled(size, data.len(), BATCH_ORDERS, self.seed)
                    .map_err(|e| PlaygroundError::new("batch", e.to_string()))?,
            ),
        };
        Ok(Spec {
            name: None,
            layers: sizes,
            hidden_activation: self.activation,
            output_activation: Activation::Identity,
            loss: Loss::Mse,
            optimizer,
            epochs,
            batches,
            x: data.x_matrix(),
            y: data.y_matrix(),
            init: Init::Layers(network.layers().to_vec()),
        })
    }

    /// A training session at epoch 0.
    pub fn training(&self) -> Result<Training, PlaygroundError> {
        Ok(self.spec(SCRIPT_EPOCHS)?.training()?)
    }
}

#[cfg(test)]
mod tests;
