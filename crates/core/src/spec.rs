//! Training specs: the JSON format of the PyTorch reference runs in
//! `tests/fixtures/` (see its README), read by hand from `serde_json::Value`
//! so that every error names the field it is about.
//!
//! ```text
//! { "model": {"layers": [n_in, hidden…, n_out],
//!             "hidden_activation": "relu"|"sigmoid"|"tanh"|"identity",
//!             "output_activation": …},
//!   "loss": "mse",
//!   "optimizer": {"kind": "sgd"|"momentum"|"adam", "lr": η,
//!                 "momentum": μ, "nesterov": bool,          (momentum)
//!                 "betas": [β₁, β₂], "eps": ε},             (adam, optional)
//!   "epochs": int,
//!   "data": {"x": [[…] per sample], "y": [[…] per sample]},
//!   "init": {"layers": [{"weight": [[…] per unit], "bias": […]}, …]}  or  "seed": int }
//! ```
//!
//! Other fields (`name`, `description`, `expected`) are ignored.
//! `hidden_activation` may be left out when there is no hidden layer.

use std::fmt;

use nalgebra::{DMatrix, DVector};
use serde_json::{Map, Value};

use crate::nn::network::check_sizes;
use crate::nn::{Activation, Layer, Loss, Network, OptimizerConfig};
use crate::training::Training;

/// The most epochs a spec may ask for ([`crate::train`] keeps every loss).
pub const MAX_EPOCHS: u64 = 10_000_000;

/// A problem with a spec (or with shapes handed to a network), naming the
/// field: displays as one line `path: problem`, for example
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
    /// Full-batch epochs to train.
    pub epochs: u64,
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
        let root = object(value, "spec")?;
        let name = root.get("name").and_then(Value::as_str).map(str::to_owned);

        let model = object(required(root, "", "model")?, "model")?;
        let layers = sizes(required(model, "model", "layers")?)?;
        let hidden_activation = if layers.len() > 2 || model.contains_key("hidden_activation") {
            activation(
                required(model, "model", "hidden_activation")?,
                "model.hidden_activation",
            )?
        } else {
            Activation::Identity
        };
        let output_activation = activation(
            required(model, "model", "output_activation")?,
            "model.output_activation",
        )?;

        let loss_name = string(required(root, "", "loss")?, "loss")?;
        let loss = Loss::from_name(loss_name).ok_or_else(|| {
            SpecError::new(
                "loss",
                format!(
                    "unknown loss {loss_name:?} ({})",
                    names(Loss::ALL.map(Loss::name))
                ),
            )
        })?;

        let optimizer = optimizer(required(root, "", "optimizer")?)?;

        let epochs_value = required(root, "", "epochs")?;
        let epochs = epochs_value.as_u64().ok_or_else(|| {
            SpecError::new(
                "epochs",
                format!("must be a non-negative integer (got {epochs_value})"),
            )
        })?;
        if epochs > MAX_EPOCHS {
            return Err(SpecError::new(
                "epochs",
                format!("at most {MAX_EPOCHS} (got {epochs})"),
            ));
        }

        let data = object(required(root, "", "data")?, "data")?;
        let n_in = layers[0];
        let n_out = layers[layers.len() - 1];
        let x = rows(
            required(data, "data", "x")?,
            "data.x",
            None,
            n_in,
            "model.layers[0]",
        )?;
        let y = rows(
            required(data, "data", "y")?,
            "data.y",
            Some(x.nrows()),
            n_out,
            "the last of model.layers",
        )?;

        let init = match (root.get("init"), root.get("seed")) {
            (Some(init), _) => Init::Layers(init_layers(init, &layers)?),
            (None, Some(seed)) => Init::Seed(seed.as_u64().ok_or_else(|| {
                SpecError::new(
                    "seed",
                    format!("must be a non-negative integer (got {seed})"),
                )
            })?),
            (None, None) => {
                return Err(SpecError::new(
                    "init",
                    "missing (give init.layers, or a seed to draw them)",
                ))
            }
        };

        Ok(Self {
            name,
            layers,
            hidden_activation,
            output_activation,
            loss,
            optimizer,
            epochs,
            x,
            y,
            init,
        })
    }

    /// The initial network.
    pub fn network(&self) -> Result<Network, SpecError> {
        match &self.init {
            Init::Layers(layers) => {
                let network = Network::new(
                    layers.clone(),
                    self.hidden_activation,
                    self.output_activation,
                )?;
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
            ),
        }
    }

    /// A training session at epoch 0.
    pub fn training(&self) -> Result<Training, SpecError> {
        Training::new(
            self.network()?,
            self.optimizer,
            self.x.clone(),
            self.y.clone(),
        )
    }
}

/// `parent.key`, or `key` at the root.
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// What kind of JSON value this is, for error messages.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn names<const N: usize>(list: [&str; N]) -> String {
    list.join(", ")
}

fn required<'a>(
    object: &'a Map<String, Value>,
    parent: &str,
    key: &str,
) -> Result<&'a Value, SpecError> {
    object
        .get(key)
        .ok_or_else(|| SpecError::new(join(parent, key), "missing"))
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, SpecError> {
    value
        .as_object()
        .ok_or_else(|| SpecError::new(path, format!("expected an object, got {}", kind(value))))
}

fn array<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Vec<Value>, SpecError> {
    value
        .as_array()
        .ok_or_else(|| SpecError::new(path, format!("expected {what}, got {}", kind(value))))
}

fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, SpecError> {
    value
        .as_str()
        .ok_or_else(|| SpecError::new(path, format!("expected a string, got {}", kind(value))))
}

fn number(value: &Value, path: &str) -> Result<f64, SpecError> {
    value
        .as_f64()
        .filter(|v| v.is_finite())
        .ok_or_else(|| SpecError::new(path, format!("expected a number, got {}", kind(value))))
}

/// A finite number ≥ 0.
fn non_negative(value: &Value, path: &str) -> Result<f64, SpecError> {
    match value.as_f64() {
        Some(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(SpecError::new(
            path,
            format!("must be a finite number ≥ 0 (got {})", kind(value)),
        )),
    }
}

fn activation(value: &Value, path: &str) -> Result<Activation, SpecError> {
    let name = string(value, path)?;
    Activation::from_name(name).ok_or_else(|| {
        SpecError::new(
            path,
            format!(
                "unknown activation {name:?} ({})",
                names(Activation::ALL.map(Activation::name))
            ),
        )
    })
}

fn sizes(value: &Value) -> Result<Vec<usize>, SpecError> {
    let path = "model.layers";
    let list = array(value, path, "an array of layer sizes")?;
    let sizes = list
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_u64()
                .and_then(|s| usize::try_from(s).ok())
                .filter(|s| *s > 0)
                .ok_or_else(|| {
                    SpecError::new(
                        format!("{path}[{i}]"),
                        format!("must be a positive integer (got {})", kind(v)),
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    check_sizes(&sizes)?;
    Ok(sizes)
}

fn optimizer(value: &Value) -> Result<OptimizerConfig, SpecError> {
    let path = "optimizer";
    let map = object(value, path)?;
    let kind_name = string(required(map, path, "kind")?, "optimizer.kind")?;
    let lr = non_negative(required(map, path, "lr")?, "optimizer.lr")?;
    match kind_name {
        "sgd" => Ok(OptimizerConfig::Sgd { lr }),
        "momentum" => {
            let momentum = non_negative(required(map, path, "momentum")?, "optimizer.momentum")?;
            let nesterov = match map.get("nesterov") {
                None => false,
                Some(v) => v.as_bool().ok_or_else(|| {
                    SpecError::new(
                        "optimizer.nesterov",
                        format!("expected true or false, got {}", kind(v)),
                    )
                })?,
            };
            if nesterov && momentum == 0.0 {
                return Err(SpecError::new(
                    "optimizer.nesterov",
                    "needs a momentum above 0",
                ));
            }
            Ok(OptimizerConfig::Momentum {
                lr,
                momentum,
                nesterov,
            })
        }
        "adam" => {
            let (beta1, beta2) = match map.get("betas") {
                None => (0.9, 0.999),
                Some(v) => {
                    let betas = array(v, "optimizer.betas", "an array [β₁, β₂]")?;
                    if betas.len() != 2 {
                        return Err(SpecError::new(
                            "optimizer.betas",
                            format!("expected 2 numbers [β₁, β₂], got {}", betas.len()),
                        ));
                    }
                    let beta = |i: usize| -> Result<f64, SpecError> {
                        let path = format!("optimizer.betas[{i}]");
                        let b = number(&betas[i], &path)?;
                        if (0.0..1.0).contains(&b) {
                            Ok(b)
                        } else {
                            Err(SpecError::new(path, format!("must be in [0, 1) (got {b})")))
                        }
                    };
                    (beta(0)?, beta(1)?)
                }
            };
            let eps = match map.get("eps") {
                None => 1e-8,
                Some(v) => non_negative(v, "optimizer.eps")?,
            };
            Ok(OptimizerConfig::Adam {
                lr,
                beta1,
                beta2,
                eps,
            })
        }
        other => Err(SpecError::new(
            "optimizer.kind",
            format!(
                "unknown optimizer {other:?} ({})",
                names(OptimizerConfig::KINDS)
            ),
        )),
    }
}

/// A list of numbers of length `width`.
fn vector(value: &Value, path: &str, width: usize, why: &str) -> Result<Vec<f64>, SpecError> {
    let list = array(value, path, "an array of numbers")?;
    if list.len() != width {
        return Err(SpecError::new(
            path,
            format!("expected {width} value(s){why}, got {}", list.len()),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| number(v, &format!("{path}[{i}]")))
        .collect()
}

/// Data rows (one per sample), each of `width` numbers; `count` rows when given.
fn rows(
    value: &Value,
    path: &str,
    count: Option<usize>,
    width: usize,
    width_from: &str,
) -> Result<DMatrix<f64>, SpecError> {
    let list = array(value, path, "an array of rows, one per sample")?;
    match count {
        None if list.is_empty() => {
            return Err(SpecError::new(path, "needs at least one sample"));
        }
        Some(n) if list.len() != n => {
            return Err(SpecError::new(
                path,
                format!("expected {n} rows (as many as data.x), got {}", list.len()),
            ));
        }
        _ => {}
    }
    let why = format!(" ({width_from} = {width})");
    let mut values = Vec::with_capacity(list.len() * width);
    for (i, row) in list.iter().enumerate() {
        values.extend(vector(row, &format!("{path}[{i}]"), width, &why)?);
    }
    Ok(DMatrix::from_row_slice(list.len(), width, &values))
}

fn init_layers(value: &Value, sizes: &[usize]) -> Result<Vec<Layer>, SpecError> {
    let init = object(value, "init")?;
    let list = array(
        required(init, "init", "layers")?,
        "init.layers",
        "an array of layers",
    )?;
    let expected = sizes.len() - 1;
    if list.len() != expected {
        return Err(SpecError::new(
            "init.layers",
            format!(
                "expected {expected} layer(s) (one per pair in model.layers), got {}",
                list.len()
            ),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(l, layer)| {
            let path = format!("init.layers[{l}]");
            let (inputs, outputs) = (sizes[l], sizes[l + 1]);
            let map = object(layer, &path)?;
            let weight_path = format!("{path}.weight");
            let weight_rows = array(
                required(map, &path, "weight")?,
                &weight_path,
                "an array of rows, one per unit",
            )?;
            let widths: Vec<Option<usize>> = weight_rows
                .iter()
                .map(|r| r.as_array().map(Vec::len))
                .collect();
            let uniform = widths.windows(2).all(|w| w[0] == w[1]);
            if weight_rows.len() != outputs || (uniform && widths.first() != Some(&Some(inputs))) {
                let got_cols = widths.first().copied().flatten().unwrap_or(0);
                return Err(SpecError::new(
                    weight_path,
                    format!(
                        "expected {outputs}×{inputs}, got {}×{got_cols}",
                        weight_rows.len()
                    ),
                ));
            }
            let mut weight = Vec::with_capacity(outputs * inputs);
            for (j, row) in weight_rows.iter().enumerate() {
                weight.extend(vector(
                    row,
                    &format!("{weight_path}[{j}]"),
                    inputs,
                    &format!(" (model.layers[{l}] = {inputs})"),
                )?);
            }
            let bias = vector(
                required(map, &path, "bias")?,
                &format!("{path}.bias"),
                outputs,
                &format!(" (model.layers[{}] = {outputs})", l + 1),
            )?;
            Ok(Layer::new(
                DMatrix::from_row_slice(outputs, inputs, &weight),
                DVector::from_vec(bias),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests;
