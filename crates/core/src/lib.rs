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
//! playground's data sets), `history`, `formula` (typed loss formulas with
//! exact derivatives), `curve` (3.2's curves, a typed one too), `regime`
//! (the regimes every run is described by, and how to read one from a run's
//! record), `nn` (networks, backprop,
//! optimizers), `training` (step-by-step sessions, full batch or in
//! mini-batches), `spec` (the training-spec format), `landscape` (curves and
//! surfaces to descend with any optimizer), `sweep` (many learning rates at
//! once), `scenes`, one module per scene with the math that scene shows:
//! `loss` (3.1), `descent` (3.2), `backprop` (3.3), `training` (3.4), `compare` (runs side by side), and
//! `export` (a spec as a PyTorch script). A module only uses modules listed
//! before it.

pub mod chapter_data;
pub mod curve;
pub mod data;
pub mod datasets;
pub mod export;
pub mod formula;
pub mod history;
pub mod landscape;
pub mod nn;
pub mod regime;
pub mod scenes;
pub mod spec;
pub mod sweep;
pub mod training;

pub use curve::Curve;
pub use data::LinearData;
pub use datasets::{DataKind, DataRecipe, DataSet};
pub use formula::{Formula, FormulaError};
pub use history::{Bucket, LossHistory};
pub use landscape::{Landscape, Runner, Surface};
pub use nn::{Activation, Layer, LayerTrace, Loss, Network, Optimizer, OptimizerConfig, Trace};
pub use regime::Regime;
pub use scenes::descent::Descent;
pub use spec::{train, Init, Spec, SpecError};
pub use sweep::Sweep;
pub use training::{BatchError, Batches, TrainResult, Training};
