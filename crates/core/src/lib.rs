//! The math of Descent: loss curves, gradient descent, data.
//!
//! Conventions:
//! - all numbers are `f64`;
//! - loss is the mean over samples × outputs, as PyTorch's `nn.MSELoss()`;
//! - η (`learning_rate`) multiplies the gradient in every update
//!   W_new = W_old − η·∂L/∂W;
//! - nothing here panics on bad numbers: divergence and NaN are state
//!   (`diverged`, [`Regime::Diverging`]), never errors.
//!
//! This crate knows nothing about browsers, plotting or files.

//!
//! Modules, lowest first: `chapter_data`, `data`, `datasets` (the
//! playground's data sets), `history`, `curve`, `nn`
//! (networks, backprop, optimizers), `training` (step-by-step sessions, full batch or in mini-batches),
//! `spec` (the training-spec format), and `scenes`, one module per scene
//! with the math that scene shows: `loss` (3.1), `descent` (3.2),
//! `backprop` (3.3), `training` (3.4), and `export` (a spec as a PyTorch
//! script). A module only uses modules listed before it.

pub mod chapter_data;
pub mod curve;
pub mod data;
pub mod datasets;
pub mod export;
pub mod history;
pub mod nn;
pub mod scenes;
pub mod spec;
pub mod training;

pub use curve::Curve;
pub use data::LinearData;
pub use datasets::{DataKind, DataRecipe, DataSet};
pub use history::{Bucket, LossHistory};
pub use nn::{Activation, Layer, LayerTrace, Loss, Network, Optimizer, OptimizerConfig, Trace};
pub use scenes::descent::{Descent, Regime};
pub use spec::{train, Init, Spec, SpecError};
pub use training::{BatchError, Batches, TrainResult, Training};
