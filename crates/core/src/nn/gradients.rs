//! ∂L/∂W and ∂L/∂b of every layer: all that an update needs from a pass.

use super::network::Network;
use super::trace::Trace;

/// The gradients of a network's parameters, one tensor per weight and per
/// bias in the order W₀, b₀, W₁, b₁, …; each W flattened column-major as
/// the nalgebra matrices (out × in).
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    tensors: Vec<Vec<f64>>,
}

impl Gradients {
    /// Zeros, shaped like `network`'s parameters.
    pub fn zeros(network: &Network) -> Self {
        Self {
            tensors: network
                .layers()
                .iter()
                .flat_map(|l| [vec![0.0; l.weight.len()], vec![0.0; l.bias.len()]])
                .collect(),
        }
    }

    /// The gradients a full pass left in `trace`.
    pub fn of(trace: &Trace) -> Self {
        Self {
            tensors: trace
                .layers()
                .iter()
                .flat_map(|l| {
                    [
                        l.grad_weight().as_slice().to_vec(),
                        l.grad_bias().as_slice().to_vec(),
                    ]
                })
                .collect(),
        }
    }

    /// Copies the gradients of `trace` in (a trace of the same network).
    pub(crate) fn copy_from(&mut self, trace: &Trace) {
        let sources = trace
            .layers()
            .iter()
            .flat_map(|l| [l.grad_weight().as_slice(), l.grad_bias().as_slice()]);
        for (tensor, source) in self.tensors.iter_mut().zip(sources) {
            for (g, s) in tensor.iter_mut().zip(source) {
                *g = *s;
            }
        }
    }

    /// ∂L/∂W of layer `l` (out × in, column-major).
    pub fn weight(&self, l: usize) -> Option<&[f64]> {
        self.tensors.get(2 * l).map(Vec::as_slice)
    }

    /// ∂L/∂b of layer `l`.
    pub fn bias(&self, l: usize) -> Option<&[f64]> {
        self.tensors.get(2 * l + 1).map(Vec::as_slice)
    }

    /// Every tensor, W₀, b₀, W₁, b₁, …
    pub fn tensors(&self) -> impl Iterator<Item = &[f64]> {
        self.tensors.iter().map(Vec::as_slice)
    }

    pub(crate) fn tensors_mut(&mut self) -> &mut [Vec<f64>] {
        &mut self.tensors
    }
}
