//! What one full-batch pass leaves behind: per layer z, a, ∂L/∂a, ∂L/∂z,
//! ∂L/∂W, ∂L/∂b, and the loss. Filled by `Network`'s passes.

use nalgebra::{DMatrix, DVector};

use super::layer::Layer;

/// Everything one forward and backward pass computes for one layer, for N
/// samples (rows).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerTrace {
    pub(crate) z: DMatrix<f64>,
    pub(crate) a: DMatrix<f64>,
    pub(crate) grad_a: DMatrix<f64>,
    pub(crate) grad_z: DMatrix<f64>,
    pub(crate) grad_weight: DMatrix<f64>,
    pub(crate) grad_bias: DVector<f64>,
}

impl LayerTrace {
    pub(super) fn new(layer: &Layer, samples: usize) -> Self {
        let out = layer.outputs();
        Self {
            z: DMatrix::zeros(samples, out),
            a: DMatrix::zeros(samples, out),
            grad_a: DMatrix::zeros(samples, out),
            grad_z: DMatrix::zeros(samples, out),
            grad_weight: DMatrix::zeros(out, layer.inputs()),
            grad_bias: DVector::zeros(out),
        }
    }

    /// Pre-activations z = a_prev·Wᵀ + b (N × out).
    pub fn z(&self) -> &DMatrix<f64> {
        &self.z
    }

    /// Activations a = f(z) (N × out); the last layer's is ŷ.
    pub fn a(&self) -> &DMatrix<f64> {
        &self.a
    }

    /// ∂L/∂a (N × out).
    pub fn grad_a(&self) -> &DMatrix<f64> {
        &self.grad_a
    }

    /// ∂L/∂z = ∂L/∂a · f′(z) (N × out).
    pub fn grad_z(&self) -> &DMatrix<f64> {
        &self.grad_z
    }

    /// ∂L/∂W (out × in, shaped like the weight).
    pub fn grad_weight(&self) -> &DMatrix<f64> {
        &self.grad_weight
    }

    /// ∂L/∂b (out).
    pub fn grad_bias(&self) -> &DVector<f64> {
        &self.grad_bias
    }
}

/// The intermediates of one full-batch forward and backward pass: per layer
/// z, a, ∂L/∂a, ∂L/∂z, ∂L/∂W, ∂L/∂b, and the loss. Also the reusable
/// workspace of a training session, so a pass allocates nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub(super) layers: Vec<LayerTrace>,
    pub(super) samples: usize,
    pub(super) loss: f64,
}

impl Trace {
    /// A zeroed trace for a network's `layers` and `samples` rows; loss NaN
    /// until a pass.
    pub fn new(layers: &[Layer], samples: usize) -> Self {
        Self {
            layers: layers
                .iter()
                .map(|layer| LayerTrace::new(layer, samples))
                .collect(),
            samples,
            loss: f64::NAN,
        }
    }

    pub(super) fn fits(&self, layers: &[Layer], samples: usize) -> bool {
        self.samples == samples
            && self.layers.len() == layers.len()
            && self
                .layers()
                .iter()
                .zip(layers)
                .all(|(t, l)| t.grad_weight.shape() == l.weight.shape())
    }

    /// The number of samples N.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Per-layer intermediates, input side first.
    pub fn layers(&self) -> &[LayerTrace] {
        &self.layers
    }

    /// Layer `l`'s intermediates.
    pub fn layer(&self, l: usize) -> Option<&LayerTrace> {
        self.layers.get(l)
    }

    /// The loss of the pass (NaN before any pass).
    pub fn loss(&self) -> f64 {
        self.loss
    }

    /// ŷ, the last layer's activations (N × n_out).
    pub fn output(&self) -> &DMatrix<f64> {
        static EMPTY: std::sync::OnceLock<DMatrix<f64>> = std::sync::OnceLock::new();
        match self.layers.last() {
            Some(last) => &last.a,
            None => EMPTY.get_or_init(|| DMatrix::zeros(0, 0)),
        }
    }
}
