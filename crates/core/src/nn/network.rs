//! A fully connected network, its forward pass and backpropagation.
//!
//! Shapes (N samples, layer l with `in` inputs and `out` units):
//! - `x`: N × n_in, one row per sample; `y`: N × n_out;
//! - W_l: out × in (as `nn.Linear.weight`), b_l: out;
//! - z_l, a_l, ∂L/∂a_l, ∂L/∂z_l: N × out;
//! - ∂L/∂W_l: out × in, ∂L/∂b_l: out.
//!
//! The chain rule, layer by layer from the output back (chapter 3.3):
//! - ∂L/∂ŷ = 2(ŷ − y)/(N·n_out)                         (MSE, ŷ = a_L)
//! - ∂L/∂z_l = ∂L/∂a_l · f′(z_l)                          (elementwise)
//! - ∂L/∂W_l = (∂L/∂z_l)ᵀ · a_{l−1}                        (summed over samples)
//! - ∂L/∂b_l = Σ_samples ∂L/∂z_l
//! - ∂L/∂a_{l−1} = ∂L/∂z_l · W_l

use nalgebra::{DMatrix, DVector};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::activation::Activation;
use super::kernels::{combine, dot, dots, sum};
use super::layer::Layer;
use super::shape::{check_sizes, ShapeError, MAX_PARAMETERS};
use super::trace::{LayerTrace, Trace};
use crate::chapter_data;
use crate::data::CHAPTER_SEED;

/// A fully connected network: layers, the hidden layers' activation and the
/// output layer's activation.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
    hidden: Activation,
    output: Activation,
}

impl Network {
    /// A network from its layers, checking that they chain: every layer's
    /// input count is the previous layer's unit count, every bias matches its
    /// weight, no size is zero, at most [`MAX_PARAMETERS`] parameters.
    pub fn new(
        layers: Vec<Layer>,
        hidden: Activation,
        output: Activation,
    ) -> Result<Self, ShapeError> {
        if layers.is_empty() {
            return Err(ShapeError::NoLayers);
        }
        let mut parameters = 0usize;
        for (i, layer) in layers.iter().enumerate() {
            if layer.outputs() == 0 || layer.inputs() == 0 {
                return Err(ShapeError::EmptyWeight {
                    layer: i,
                    outputs: layer.outputs(),
                    inputs: layer.inputs(),
                });
            }
            if let Some(previous) = i.checked_sub(1).map(|p| &layers[p]) {
                if layer.inputs() != previous.outputs() {
                    return Err(ShapeError::Unchained {
                        layer: i,
                        outputs: layer.outputs(),
                        expected: previous.outputs(),
                        got: layer.inputs(),
                    });
                }
            }
            if layer.bias.len() != layer.outputs() {
                return Err(ShapeError::BiasLength {
                    layer: i,
                    expected: layer.outputs(),
                    got: layer.bias.len(),
                });
            }
            parameters = parameters.saturating_add(layer.weight.len() + layer.bias.len());
        }
        if parameters > MAX_PARAMETERS {
            return Err(ShapeError::TooManyParameters { parameters });
        }
        Ok(Self {
            layers,
            hidden,
            output,
        })
    }

    /// The chapter's network `Linear(1, 10) → ReLU → Linear(10, 1)` with the
    /// very initial weights PyTorch drew after `torch.manual_seed(42)`.
    pub fn chapter() -> Self {
        let hidden = Layer::new(
            DMatrix::from_column_slice(10, 1, &chapter_data::HIDDEN_WEIGHT),
            DVector::from_column_slice(&chapter_data::HIDDEN_BIAS),
        );
        let output = Layer::new(
            DMatrix::from_row_slice(1, 10, &chapter_data::OUTPUT_WEIGHT),
            DVector::from_column_slice(&chapter_data::OUTPUT_BIAS),
        );
        Self {
            layers: vec![hidden, output],
            hidden: Activation::Relu,
            output: Activation::Identity,
        }
    }

    /// A network of the given sizes `[n_in, hidden…, n_out]` drawn with
    /// PyTorch's default `nn.Linear` recipe, W and b ~ U(−1/√fan_in, 1/√fan_in),
    /// from this crate's own generator seeded with `seed` (layer by layer,
    /// weight rows then bias). Seed 42 with sizes `[1, 10, 1]` gives the
    /// chapter's exact weights ([`Network::chapter`]); other seeds do not
    /// reproduce PyTorch's generator. Sizes are checked first (see
    /// [`check_sizes`]), so nothing is allocated for sizes that are refused.
    pub fn seeded(
        sizes: &[usize],
        hidden: Activation,
        output: Activation,
        seed: u64,
    ) -> Result<Self, ShapeError> {
        check_sizes(sizes)?;
        if seed == CHAPTER_SEED && sizes == [1, 10, 1] {
            let mut network = Self::chapter();
            network.hidden = hidden;
            network.output = output;
            return Ok(network);
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (inputs, outputs) = (pair[0], pair[1]);
                let bound = 1.0 / (inputs as f64).sqrt();
                let mut draw = || bound * (2.0 * rng.random::<f64>() - 1.0);
                let weight: Vec<f64> = (0..inputs * outputs).map(|_| draw()).collect();
                let bias: Vec<f64> = (0..outputs).map(|_| draw()).collect();
                Layer::new(
                    DMatrix::from_row_slice(outputs, inputs, &weight),
                    DVector::from_vec(bias),
                )
            })
            .collect();
        Self::new(layers, hidden, output)
    }

    /// The layer sizes `[n_in, hidden…, n_out]`.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = Vec::with_capacity(self.layers.len() + 1);
        sizes.push(self.inputs());
        sizes.extend(self.layers.iter().map(Layer::outputs));
        sizes
    }

    /// The number of inputs n_in.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, Layer::inputs)
    }

    /// The number of outputs n_out.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, Layer::outputs)
    }

    /// The layers, input side first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The activation of the hidden layers.
    pub fn hidden_activation(&self) -> Activation {
        self.hidden
    }

    /// The activation of the output layer.
    pub fn output_activation(&self) -> Activation {
        self.output
    }

    /// The activation of layer `l` (the last layer uses the output activation).
    pub fn activation(&self, l: usize) -> Activation {
        if l + 1 >= self.layers.len() {
            self.output
        } else {
            self.hidden
        }
    }

    /// The number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weight.len() + l.bias.len())
            .sum()
    }

    /// Sets `W_l[j, k]`; returns false (and changes nothing) when out of range.
    pub fn set_weight(&mut self, l: usize, j: usize, k: usize, value: f64) -> bool {
        match self
            .layers
            .get_mut(l)
            .and_then(|layer| layer.weight.get_mut((j, k)))
        {
            Some(w) => {
                *w = value;
                true
            }
            None => false,
        }
    }

    /// Sets `b_l[j]`; returns false (and changes nothing) when out of range.
    pub fn set_bias(&mut self, l: usize, j: usize, value: f64) -> bool {
        match self
            .layers
            .get_mut(l)
            .and_then(|layer| layer.bias.get_mut(j))
        {
            Some(b) => {
                *b = value;
                true
            }
            None => false,
        }
    }

    /// Mutable access for the optimizer (shapes cannot change through it).
    pub(crate) fn parameters_mut(&mut self) -> impl Iterator<Item = (&mut [f64], &mut [f64])> {
        self.layers
            .iter_mut()
            .map(|l| (l.weight.as_mut_slice(), l.bias.as_mut_slice()))
    }

    /// Checks that `x` (N × n_in, N ≥ 1) fits the network.
    pub fn check_inputs(&self, x: &DMatrix<f64>) -> Result<(), ShapeError> {
        if x.nrows() == 0 {
            return Err(ShapeError::NoSamples);
        }
        if x.ncols() != self.inputs() {
            return Err(ShapeError::InputWidth {
                expected: self.inputs(),
                got: x.ncols(),
            });
        }
        Ok(())
    }

    /// Checks that `y` (N × n_out) matches the network and `samples` rows.
    pub fn check_targets(&self, y: &DMatrix<f64>, samples: usize) -> Result<(), ShapeError> {
        if y.nrows() != samples {
            return Err(ShapeError::TargetCount {
                expected: samples,
                got: y.nrows(),
            });
        }
        if y.ncols() != self.outputs() {
            return Err(ShapeError::TargetWidth {
                expected: self.outputs(),
                got: y.ncols(),
            });
        }
        Ok(())
    }

    /// ŷ for inputs `x` (N × n_in): the network's output, N × n_out.
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ShapeError> {
        self.check_inputs(x)?;
        let mut trace = Trace::new(&self.layers, x.nrows());
        self.forward_unchecked(x, &mut trace);
        Ok(trace.output().clone())
    }

    /// Forward pass, loss and backward pass on (x, y), every intermediate
    /// kept in a new [`Trace`].
    pub fn trace(&self, x: &DMatrix<f64>, y: &DMatrix<f64>) -> Result<Trace, ShapeError> {
        let mut trace = Trace::new(&self.layers, x.nrows());
        self.forward_backward(x, y, &mut trace)?;
        Ok(trace)
    }

    /// Forward pass, loss and backward pass on (x, y) into `trace`, which is
    /// reshaped first if it does not fit. Returns the loss.
    pub fn forward_backward(
        &self,
        x: &DMatrix<f64>,
        y: &DMatrix<f64>,
        trace: &mut Trace,
    ) -> Result<f64, ShapeError> {
        self.check_inputs(x)?;
        self.check_targets(y, x.nrows())?;
        if !trace.fits(&self.layers, x.nrows()) {
            *trace = Trace::new(&self.layers, x.nrows());
        }
        Ok(self.general_forward_backward(x, y, trace))
    }

    /// The pass [`Network::forward_backward`] makes once shapes are known to
    /// fit (`x`: N × n_in with N ≥ 1, `y`: N × n_out, `trace` for N samples),
    /// layer by layer, for any shape. With shapes that do not fit the
    /// numbers are meaningless but nothing panics.
    pub(crate) fn general_forward_backward(
        &self,
        x: &DMatrix<f64>,
        y: &DMatrix<f64>,
        trace: &mut Trace,
    ) -> f64 {
        self.forward_unchecked(x, trace);
        let loss = mse_into(trace, y);
        self.backward_unchecked(x, trace);
        loss
    }

    /// z_l = a_{l−1}·W_lᵀ + b_l, a_l = f(z_l) for every layer.
    fn forward_unchecked(&self, x: &DMatrix<f64>, trace: &mut Trace) {
        let n = x.nrows().max(1);
        for (l, layer) in self.layers.iter().enumerate() {
            let Some((before, current)) = split_at(&mut trace.layers, l) else {
                return;
            };
            let input = input_of(before, x);
            let w = layer.weight.as_slice();
            let out = layer.outputs();
            let f = self.activation(l);
            let LayerTrace { z, a, .. } = current;
            // z[:,j] = b_j + Σ_k W[j,k]·a_prev[:,k], k in order (W is
            // column-major: W[j,k] = w[k·out + j]), then a[:,j] = f(z[:,j])
            combine(
                n,
                input,
                w,
                out,
                1,
                Some(layer.bias.as_slice()),
                z.as_mut_slice(),
                out,
            );
            let columns = z
                .as_slice()
                .chunks_exact(n)
                .zip(a.as_mut_slice().chunks_exact_mut(n));
            for (z_col, a_col) in columns {
                f.forward(z_col, a_col);
            }
        }
    }

    /// Backpropagation from ∂L/∂ŷ (already in the last layer's `grad_a`).
    fn backward_unchecked(&self, x: &DMatrix<f64>, trace: &mut Trace) {
        let n = x.nrows().max(1);
        for (l, layer) in self.layers.iter().enumerate().rev() {
            let Some((before, current)) = split_at(&mut trace.layers, l) else {
                return;
            };
            let input = input_of(before, x);
            let out = layer.outputs();
            let f = self.activation(l);
            let LayerTrace {
                z,
                a,
                grad_a,
                grad_z,
                grad_weight,
                grad_bias,
            } = current;
            let grad_w = grad_weight.as_mut_slice();
            let columns = grad_z
                .as_mut_slice()
                .chunks_exact_mut(n)
                .zip(z.as_slice().chunks_exact(n))
                .zip(a.as_slice().chunks_exact(n))
                .zip(grad_a.as_slice().chunks_exact(n));
            for (j, (((gz_col, z_col), a_col), ga_col)) in columns.enumerate() {
                // ∂L/∂z_l = ∂L/∂a_l · f′(z_l)
                f.backward(z_col, a_col, ga_col, gz_col);
                // ∂L/∂b_l[j] = Σ_n ∂L/∂z_l[n,j]
                if let Some(gb) = grad_bias.get_mut(j) {
                    *gb = sum(gz_col);
                }
            }
            let grad_z = grad_z.as_slice();
            // ∂L/∂W_l[j,k] = Σ_n ∂L/∂z_l[n,j] · a_{l−1}[n,k]
            dots(n, grad_z, input, |j, k, v| {
                if let Some(g) = grad_w.get_mut(k * out + j) {
                    *g = v;
                }
            });
            // ∂L/∂a_{l−1}[:,k] = Σ_j ∂L/∂z_l[:,j] · W_l[j,k], j in order
            if let Some(previous) = before.last_mut() {
                let inputs = layer.inputs();
                combine(
                    n,
                    grad_z,
                    layer.weight.as_slice(),
                    1,
                    out,
                    None,
                    previous.grad_a.as_mut_slice(),
                    inputs,
                );
            }
        }
    }
}

/// Layer `l`'s trace and the traces of the layers before it.
fn split_at(layers: &mut [LayerTrace], l: usize) -> Option<(&mut [LayerTrace], &mut LayerTrace)> {
    let (before, rest) = layers.split_at_mut(l);
    rest.first_mut().map(|current| (before, current))
}

/// What the layer after `before` reads: the last activations, or x.
fn input_of<'a>(before: &'a [LayerTrace], x: &'a DMatrix<f64>) -> &'a [f64] {
    before
        .last()
        .map_or(x.as_slice(), |previous| previous.a.as_slice())
}

/// L = Σ(ŷ − y)²/(N·n_out) into `trace.loss`, and ∂L/∂ŷ = 2(ŷ − y)/(N·n_out)
/// into the last layer's `grad_a` (as PyTorch: (ŷ − y) · 2/numel).
fn mse_into(trace: &mut Trace, y: &DMatrix<f64>) -> f64 {
    let Some(last) = trace.layers.last_mut() else {
        return f64::NAN;
    };
    let count = y.len().max(1) as f64;
    let diff = last.grad_a.as_mut_slice();
    for ((d, a), y) in diff.iter_mut().zip(last.a.as_slice()).zip(y.as_slice()) {
        *d = a - y;
    }
    let loss = dot(diff, diff) / count;
    let norm = 2.0 / count;
    for d in diff.iter_mut() {
        *d *= norm;
    }
    trace.loss = loss;
    loss
}

#[cfg(test)]
mod tests;
