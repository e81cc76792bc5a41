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

pub mod chain_rule;
pub mod chapter_data;
pub mod chapter_run;
pub mod curve;
pub mod data;
pub mod descent;
pub mod history;
pub mod line_fit;
pub mod nn;
pub mod spec;
pub mod training;

pub use curve::Curve;
pub use data::LinearData;
pub use descent::{Descent, Regime};
pub use history::{Bucket, LossHistory};
pub use nn::{Activation, Layer, LayerTrace, Loss, Network, Optimizer, OptimizerConfig, Trace};
pub use spec::{Init, Spec, SpecError};
pub use training::{train, TrainResult, Training};
