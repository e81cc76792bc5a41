//! Fully connected networks, backpropagation and optimizers (sections 3.3–3.4).
//!
//! Conventions, shared with PyTorch so that runs can be checked against it
//! number for number (see `tests/fixtures/README.md`):
//! - a batch is a matrix with **one row per sample**: inputs `x` are N × n_in,
//!   targets `y` are N × n_out;
//! - layer l computes z_l = a_{l−1}·W_lᵀ + b_l and a_l = f(z_l), with
//!   `weight` W_l of shape (out, in) as `nn.Linear.weight` and `bias` b_l of
//!   length out; a_0 = x and ŷ = a_L;
//! - hidden layers share one activation, the output layer has its own;
//! - the loss is [`Loss::Mse`], the mean over samples × outputs.
//!
//! Nothing here panics on bad numbers: NaN and ∞ flow through and are
//! caught by a training session as divergence. Shapes that do not fit are
//! a [`ShapeError`], in the network's own terms.

pub mod activation;
mod fast;
pub mod gradients;
mod kernels;
mod lanes;
pub mod layer;
pub mod network;
pub mod optimizer;
pub(crate) mod pass;
pub mod shape;
mod sweep;
pub mod trace;

pub use activation::Activation;
pub use gradients::Gradients;
pub use layer::Layer;
pub use network::Network;
pub use optimizer::{Optimizer, OptimizerConfig};
pub use shape::{ShapeError, MAX_PARAMETERS};
pub use trace::{LayerTrace, Trace};

/// The loss function comparing ŷ with y.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Loss {
    /// Mean squared error as `nn.MSELoss()`: L = Σ(ŷ − y)² / (N·n_out),
    /// so ∂L/∂ŷ = 2(ŷ − y)/(N·n_out).
    #[default]
    Mse,
}

impl Loss {
    /// Every loss, by the names the spec format accepts.
    pub const ALL: [Loss; 1] = [Loss::Mse];

    /// The loss's name in the spec format (`mse`).
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
        }
    }

    /// Looks a loss up by name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|loss| loss.name() == name)
    }
}
