//! What the sweep (`sweep.rs`) shares with the shape it takes: whether a
//! network is `[1, H, 1]` (the chapter's 1 → 10 → 1), and its output unit's
//! columns and loss, ŷ = f(z2), L = Σ(ŷ − y)²/N and the gradients back to z2.
//! (A fused elementwise pass for this shape once lived here too; it gave the
//! general pass's numbers bit for bit at 1.6× fewer instructions, which no
//! scene could show, so the general pass now takes every network the sweep
//! does not.)

use super::activation::Activation;
use super::kernels::dot;
use super::layer::Layer;

/// Whether `layers` has the shape `[1, H, 1]` this pass handles.
pub(crate) fn applies(layers: &[Layer]) -> bool {
    matches!(layers, [hidden, output] if hidden.inputs() == 1 && output.outputs() == 1)
}

/// The output unit's N-long columns: z2, ŷ, ∂L/∂ŷ and ∂L/∂z2.
#[derive(Clone, Debug, Default)]
pub(crate) struct Output {
    pub(crate) z2: Vec<f64>,
    y_hat: Vec<f64>,
    grad_y_hat: Vec<f64>,
    pub(crate) grad_z2: Vec<f64>,
}

impl Output {
    pub(crate) fn fit(&mut self, samples: usize) {
        for column in [
            &mut self.z2,
            &mut self.y_hat,
            &mut self.grad_y_hat,
            &mut self.grad_z2,
        ] {
            column.resize(samples, 0.0);
        }
    }

    /// The output unit and the loss over the N samples, from `z2`: ŷ = f(z2),
    /// L = Σ(ŷ − y)²/N, ∂L/∂ŷ = (ŷ − y)·2/N and ∂L/∂z2 = ∂L/∂ŷ · f′(z2).
    /// Returns L.
    pub(crate) fn loss(&mut self, f_output: Activation, y: &[f64]) -> f64 {
        let Self {
            z2,
            y_hat,
            grad_y_hat,
            grad_z2,
        } = self;
        f_output.forward(z2, y_hat);
        for ((d, p), t) in grad_y_hat.iter_mut().zip(y_hat.iter()).zip(y) {
            *d = p - t;
        }
        let count = z2.len().max(1) as f64;
        let loss = dot(grad_y_hat, grad_y_hat) / count;
        let norm = 2.0 / count;
        for d in grad_y_hat.iter_mut() {
            *d *= norm;
        }
        f_output.backward(z2, y_hat, grad_y_hat, grad_z2);
        loss
    }
}
