//! Training specs: the JSON format of the PyTorch reference runs in
//! `tests/fixtures/` (see its README), read with serde into the types below
//! so that every error names the field it is about.
//!
//! ```text
//! { "model": {"layers": [n_in, hidden…, n_out],
//!             "hidden_activation": "relu"|"sigmoid"|"tanh"|"identity",
//!             "output_activation": …},
//!   "loss": "mse",
//!   "optimizer": {"kind": "sgd"|"momentum"|"adam"|"adamw"|"rmsprop"|"adagrad",
//!                 "lr": η, "weight_decay": λ,               (every kind; 0, adamw 0.01)
//!                 "momentum": μ, "nesterov": bool,          (momentum)
//!                 "betas": [β₁, β₂], "eps": ε,              (adam, adamw)
//!                 "alpha": α, "eps": ε, "momentum": μ,
//!                 "centered": bool,                         (rmsprop)
//!                 "lr_decay": d, "eps": ε,
//!                 "initial_accumulator_value": s₀},         (adagrad)
//!   "epochs": int,
//!   "batches": {"size": k, "order": [[permutation of 0..N−1] per epoch]},  (optional)
//!   "data": {"x": [[…] per sample], "y": [[…] per sample]},
//!   "init": {"layers": [{"weight": [[…] per unit], "bias": […]}, …]}  or  "seed": int }
//! ```
//!
//! Every optimizer field but `kind`, `lr` and `momentum`'s `momentum` may
//! be left out and takes `torch.optim`'s default; the ranges are PyTorch's
//! own checks (every number ≥ 0, 0 ≤ β < 1, Nesterov only with μ > 0). The
//! optimizer object takes only its kind's fields (`spec/optimizer.rs`); other
//! objects ignore fields they do not know (`name`, `description`,
//! `expected`), as PyTorch's generator does. Without `batches` a run is
//! full batch. `hidden_activation` may be left out when there is no hidden
//! layer. Numbers are read exactly as written (`float_roundtrip`).
//!
//! Reading happens in two steps: serde checks every value's type and range
//! where it stands ([`de`], with the path from `serde_path_to_error`), then
//! [`Spec::from_value`] checks how the values fit together — sizes against
//! data and weights, and the caps ([`MAX_PARAMETERS`], [`MAX_SAMPLES`],
//! [`MAX_EPOCHS`], [`MAX_WORK`]) — before any matrix is allocated.

use std::fmt;

use nalgebra::DMatrix;
use serde_json::Value;

use crate::nn::shape::parameter_count;
use crate::nn::{Activation, Layer, Loss, Network, OptimizerConfig, ShapeError};
use crate::training::{BatchError, Batches, TrainResult, Training};

mod chapter;
mod de;
mod layers;
mod optimizer;

/// The most epochs a spec may ask for ([`train`] keeps every loss).
pub const MAX_EPOCHS: u64 = 10_000_000;
/// The most weights and biases a spec's network may have (the chapter's has 31).
pub const MAX_PARAMETERS: usize = 1_000_000;
/// The most samples a spec's data may have (the chapter's has 100).
pub const MAX_SAMPLES: usize = 100_000;
/// The most work one spec may ask for, as epochs × samples × parameters
/// (about a minute of training natively; the chapter's run is 310 000).
pub const MAX_WORK: u64 = 100_000_000_000;

/// A problem with a spec, naming the field: displays as one line
/// `path: problem`, for example
/// `optimizer.lr: must be a finite number ≥ 0 (got -1)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    path: String,
    problem: String,
}

impl SpecError {
    /// An error about the field at `path` (dotted, with `[i]` for indices).
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            problem: problem.into(),
        }
    }

    /// The field path, e.g. `init.layers[1].weight`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// A network's shape error, named by the spec field it comes from.
    fn of_shape(e: ShapeError) -> Self {
        let path = match e {
            ShapeError::NoLayers => "init.layers".to_owned(),
            ShapeError::TooFewSizes { .. } | ShapeError::TooManyParameters { .. } => {
                "model.layers".to_owned()
            }
            ShapeError::ZeroSize { index } => format!("model.layers[{index}]"),
            ShapeError::EmptyWeight { layer, .. } | ShapeError::Unchained { layer, .. } => {
                format!("init.layers[{layer}].weight")
            }
            ShapeError::BiasLength { layer, .. } => format!("init.layers[{layer}].bias"),
            ShapeError::NoSamples | ShapeError::InputWidth { .. } => "data.x".to_owned(),
            ShapeError::TargetCount { .. } | ShapeError::TargetWidth { .. } => "data.y".to_owned(),
        };
        Self::new(path, e.problem())
    }
}

impl SpecError {
    /// A mini-batch error, named by the spec field it comes from.
    fn of_batches(e: BatchError) -> Self {
        let path = match (&e, e.order()) {
            (BatchError::ZeroSize, _) => "batches.size".to_owned(),
            (_, Some(order)) => format!("batches.order[{order}]"),
            (_, None) => "batches.order".to_owned(),
        };
        Self::new(path, e.problem())
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever the parts contain.
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        write!(f, "{}: {}", one_line(&self.path), one_line(&self.problem))
    }
}

impl std::error::Error for SpecError {}

/// Where the initial weights come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Init {
    /// Given layer by layer.
    Layers(Vec<Layer>),
    /// Drawn with [`Network::seeded`].
    Seed(u64),
}

/// A training run: model, loss, optimizer, epochs, data, initial weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The run's `name`, if it has one.
    pub name: Option<String>,
    /// Layer sizes `[n_in, hidden…, n_out]`.
    pub layers: Vec<usize>,
    /// Activation of the hidden layers.
    pub hidden_activation: Activation,
    /// Activation of the output layer.
    pub output_activation: Activation,
    /// The loss.
    pub loss: Loss,
    /// The optimizer.
    pub optimizer: OptimizerConfig,
    /// Epochs to train.
    pub epochs: u64,
    /// Mini-batches, one order per epoch; `None`: full batch.
    pub batches: Option<Batches>,
    /// Inputs, N × n_in.
    pub x: DMatrix<f64>,
    /// Targets, N × n_out.
    pub y: DMatrix<f64>,
    /// Initial weights.
    pub init: Init,
}

impl Spec {
    /// Parses and checks a spec from JSON text.
    pub fn from_json(text: &str) -> Result<Self, SpecError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| SpecError::new("spec", format!("invalid JSON ({e})")))?;
        Self::from_value(&value)
    }

    /// Checks a spec already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Self, SpecError> {
        let de::Object(root) = serde_path_to_error::deserialize::<_, de::Object<de::Root>>(value)
            .map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { "spec".to_owned() } else { path };
            SpecError::new(path, e.into_inner().to_string())
        })?;
        let keys = value
            .get("optimizer")
            .and_then(Value::as_object)
            .map(|map| map.keys().map(String::as_str).collect::<Vec<_>>())
            .unwrap_or_default();
        root.check(&keys)
    }

    /// The initial network.
    pub fn network(&self) -> Result<Network, SpecError> {
        match &self.init {
            Init::Layers(layers) => {
                let network = Network::new(
                    layers.clone(),
                    self.hidden_activation,
                    self.output_activation,
                )
                .map_err(SpecError::of_shape)?;
                if network.sizes() != self.layers {
                    return Err(SpecError::new(
                        "init.layers",
                        format!(
                            "sizes {:?} do not match model.layers {:?}",
                            network.sizes(),
                            self.layers
                        ),
                    ));
                }
                Ok(network)
            }
            Init::Seed(seed) => Network::seeded(
                &self.layers,
                self.hidden_activation,
                self.output_activation,
                *seed,
            )
            .map_err(SpecError::of_shape),
        }
    }

    /// A training session at step 0.
    pub fn training(&self) -> Result<Training, SpecError> {
        let training = Training::new(
            self.network()?,
            self.optimizer,
            self.x.clone(),
            self.y.clone(),
        )
        .map_err(SpecError::of_shape)?;
        match &self.batches {
            None => Ok(training),
            Some(batches) => training
                .with_batches(batches.clone())
                .map_err(SpecError::of_batches),
        }
    }
}

/// Trains as `spec` says, recording every loss.
pub fn train(spec: &Spec) -> Result<TrainResult, SpecError> {
    Ok(spec.training()?.run(spec.epochs))
}

fn missing(path: &str) -> SpecError {
    SpecError::new(path, "missing")
}

fn required<T>(value: Option<T>, path: &str) -> Result<T, SpecError> {
    value.ok_or_else(|| missing(path))
}

impl de::Root {
    /// How the values fit together, then the spec; `optimizer_keys` are
    /// the names of the optimizer's fields.
    fn check(self, optimizer_keys: &[&str]) -> Result<Spec, SpecError> {
        let model = required(self.model, "model")?.0;
        let layers = sizes(required(model.layers, "model.layers")?.0)?;
        let hidden_activation = match model.hidden_activation {
            Some(de::Named(activation)) => activation,
            None if layers.len() > 2 => return Err(missing("model.hidden_activation")),
            None => Activation::Identity,
        };
        let de::Named(output_activation) =
            required(model.output_activation, "model.output_activation")?;
        let de::Named(loss) = required(self.loss, "loss")?;
        let optimizer = optimizer::optimizer(
            required(self.optimizer, "optimizer")?.0,
            optimizer_keys.iter().copied(),
        )?;
        let de::Count(epochs) = required(self.epochs, "epochs")?;
        if epochs > MAX_EPOCHS {
            return Err(SpecError::new(
                "epochs",
                format!("at most {MAX_EPOCHS} (got {epochs})"),
            ));
        }

        let data = required(self.data, "data")?.0;
        let (n_in, n_out) = (layers[0], layers[layers.len() - 1]);
        let x = required(data.x, "data.x")?.0;
        if x.is_empty() {
            return Err(SpecError::new("data.x", "needs at least one sample"));
        }
        if x.len() > MAX_SAMPLES {
            return Err(SpecError::new(
                "data.x",
                format!("at most {MAX_SAMPLES} samples (got {})", x.len()),
            ));
        }
        let y = required(data.y, "data.y")?.0;
        if y.len() != x.len() {
            return Err(SpecError::new(
                "data.y",
                format!(
                    "expected {} rows (as many as data.x), got {}",
                    x.len(),
                    y.len()
                ),
            ));
        }
        let samples = x.len() as u64;
        let parameters = parameter_count(&layers) as u64;
        let work = epochs.saturating_mul(samples).saturating_mul(parameters);
        if work > MAX_WORK {
            return Err(SpecError::new(
                "epochs",
                format!(
                    "{epochs} epochs × {samples} samples × {parameters} parameters is more \
                     than the {MAX_WORK} allowed"
                ),
            ));
        }
        let batches = match self.batches {
            Some(de::Object(batches)) => Some(read_batches(batches, epochs, x.len())?),
            None => None,
        };
        let x = layers::rows(&x, "data.x", n_in, "model.layers[0]")?;
        let y = layers::rows(&y, "data.y", n_out, "the last of model.layers")?;

        let init = match (self.init, self.seed) {
            (Some(de::Object(init)), _) => Init::Layers(layers::init_layers(init, &layers)?),
            (None, Some(de::Count(seed))) => Init::Seed(seed),
            (None, None) => {
                return Err(SpecError::new(
                    "init",
                    "missing (give init.layers, or a seed to draw them)",
                ))
            }
        };

        Ok(Spec {
            name: self
                .name
                .as_ref()
                .and_then(Value::as_str)
                .map(str::to_owned),
            layers,
            hidden_activation,
            output_activation,
            loss,
            optimizer,
            epochs,
            batches,
            x,
            y,
            init,
        })
    }
}

/// `batches`: a size, and one order per epoch, each a permutation of the
/// `samples` indices.
fn read_batches(batches: de::Batches, epochs: u64, samples: usize) -> Result<Batches, SpecError> {
    let de::Size(size) = required(batches.size, "batches.size")?;
    let orders = required(batches.order, "batches.order")?.0;
    if orders.len() as u64 != epochs {
        return Err(SpecError::new(
            "batches.order",
            format!(
                "expected {epochs} orders (one per epoch), got {}",
                orders.len()
            ),
        ));
    }
    let orders = orders
        .into_iter()
        .map(|order| {
            order
                .0
                .into_iter()
                .map(|de::Count(i)| usize::try_from(i).unwrap_or(usize::MAX))
                .collect()
        })
        .collect();
    Batches::new(size, orders, samples).map_err(SpecError::of_batches)
}

/// Layer sizes: at least two, at most [`MAX_PARAMETERS`] parameters (each
/// size is positive already).
fn sizes(list: Vec<de::Size>) -> Result<Vec<usize>, SpecError> {
    let sizes: Vec<usize> = list.into_iter().map(|de::Size(s)| s).collect();
    crate::nn::shape::check_sizes(&sizes).map_err(SpecError::of_shape)?;
    let parameters = parameter_count(&sizes);
    if parameters > MAX_PARAMETERS {
        return Err(SpecError::new(
            "model.layers",
            format!("{parameters} parameters, more than the {MAX_PARAMETERS} allowed"),
        ));
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests;
