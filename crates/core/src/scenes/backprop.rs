//! Section 3.3: the chain rule, one factor at a time, on the chapter's
//! 2-layer sigmoid network with one unit per layer.
//!
//! The network (layers `[1, 1, 1]`, σ on both layers) and one training
//! example (x, y):
//!
//! x → z1 = W1·x + b1 → a1 = σ(z1) → z2 = W2·a1 + b2 → ŷ = σ(z2) → L = (y − ŷ)²
//!
//! (the MSE with n = 1). Every number comes from the core's [`Network`] and
//! its [`Trace`]; this module only names the local derivatives the chapter
//! multiplies, in the order backpropagation meets them:
//!
//! - ∂L/∂W2 = ∂L/∂ŷ · ∂ŷ/∂z2 · ∂z2/∂W2
//! - ∂L/∂W1 = ∂L/∂ŷ · ∂ŷ/∂z2 · ∂z2/∂a1 · ∂a1/∂z1 · ∂z1/∂W1
//!
//! and checks them against central finite differences of the loss.

use std::fmt;

use nalgebra::{DMatrix, DVector};

use crate::nn::{Activation, Layer, LayerTrace, Network, ShapeError, Trace};

/// The step of the central finite differences (L(W + h) − L(W − h)) / 2h.
pub const FINITE_DIFFERENCE_STEP: f64 = 1e-6;

/// The largest |x|, |W| or |b| accepted, so that σ never saturates to 0 or 1
/// exactly and every number stays readable.
pub const MAX_MAGNITUDE: f64 = 10.0;

/// σ′(z2) = ŷ(1 − ŷ) below this: ŷ is pinned near 0 or 1 and every gradient
/// through it has almost vanished.
pub const SATURATED_BELOW: f64 = 1e-3;

/// Which end of σ's range ŷ is pinned to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Saturation {
    /// ŷ ≈ 0 (z2 far below 0).
    Zero,
    /// ŷ ≈ 1 (z2 far above 0).
    One,
}

impl Saturation {
    /// `zero` or `one`.
    pub fn key(self) -> &'static str {
        match self {
            Saturation::Zero => "zero",
            Saturation::One => "one",
        }
    }
}

/// A value the chain cannot take: which one (`x`, `y`, `w1`, `b1`, `w2`,
/// `b2`) and why. Displays as one line `name: problem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    path: &'static str,
    problem: String,
}

impl ValueError {
    /// The value's name (`x`, `y`, `w1`, `b1`, `w2`, `b2`; `network` for a
    /// shape, which the 1 → 1 → 1 chain never has wrong).
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl std::error::Error for ValueError {}

impl From<ShapeError> for ValueError {
    fn from(e: ShapeError) -> Self {
        Self {
            path: "network",
            problem: e.to_string(),
        }
    }
}

/// The four parameters of the 1 → 1 → 1 network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChainParameters {
    /// W1, the hidden layer's weight.
    pub w1: f64,
    /// b1, the hidden layer's bias.
    pub b1: f64,
    /// W2, the output layer's weight.
    pub w2: f64,
    /// b2, the output layer's bias.
    pub b2: f64,
}

impl Default for ChainParameters {
    /// W1 = 0.8, b1 = −0.2, W2 = 1.2, b2 = 0.1.
    fn default() -> Self {
        Self {
            w1: 0.8,
            b1: -0.2,
            w2: 1.2,
            b2: 0.1,
        }
    }
}

/// One training example (x, y); y is a target for a sigmoid output, in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Example {
    /// The input x.
    pub x: f64,
    /// The target y.
    pub y: f64,
}

impl Default for Example {
    /// x = 1.5, y = 1.
    fn default() -> Self {
        Self { x: 1.5, y: 1.0 }
    }
}

/// One step of the backward walk: a local derivative, or a product of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Factor {
    /// ∂L/∂ŷ = −2(y − ŷ), at the loss.
    LossByOutput,
    /// ∂ŷ/∂z2 = σ′(z2) = ŷ(1 − ŷ).
    OutputByZ2,
    /// ∂z2/∂W2 = a1.
    Z2ByW2,
    /// ∂z2/∂a1 = W2.
    Z2ByA1,
    /// ∂a1/∂z1 = σ′(z1) = a1(1 − a1).
    A1ByZ1,
    /// ∂z1/∂W1 = x.
    Z1ByW1,
    /// ∂L/∂W2, the product of the first three factors.
    LossByW2,
    /// ∂L/∂W1, the product of the five factors on the path to W1.
    LossByW1,
}

impl Factor {
    /// The backward walk, in the order it is shown: the six local
    /// derivatives from the loss back to W1, then the two products.
    pub const WALK: [Factor; 8] = [
        Factor::LossByOutput,
        Factor::OutputByZ2,
        Factor::Z2ByW2,
        Factor::Z2ByA1,
        Factor::A1ByZ1,
        Factor::Z1ByW1,
        Factor::LossByW2,
        Factor::LossByW1,
    ];

    /// A stable name for pages and JSON: `dL_dyhat`, `dyhat_dz2`, `dz2_dW2`,
    /// `dz2_da1`, `da1_dz1`, `dz1_dW1`, `dL_dW2`, `dL_dW1`.
    pub fn key(self) -> &'static str {
        match self {
            Factor::LossByOutput => "dL_dyhat",
            Factor::OutputByZ2 => "dyhat_dz2",
            Factor::Z2ByW2 => "dz2_dW2",
            Factor::Z2ByA1 => "dz2_da1",
            Factor::A1ByZ1 => "da1_dz1",
            Factor::Z1ByW1 => "dz1_dW1",
            Factor::LossByW2 => "dL_dW2",
            Factor::LossByW1 => "dL_dW1",
        }
    }

    /// Whether this step is a product of local derivatives (a final gradient).
    pub fn is_product(self) -> bool {
        matches!(self, Factor::LossByW2 | Factor::LossByW1)
    }

    /// The local derivatives multiplied into a product (the factor itself
    /// when it is local).
    pub fn path(self) -> &'static [Factor] {
        match self {
            Factor::LossByOutput => &[Factor::LossByOutput],
            Factor::OutputByZ2 => &[Factor::OutputByZ2],
            Factor::Z2ByW2 => &[Factor::Z2ByW2],
            Factor::Z2ByA1 => &[Factor::Z2ByA1],
            Factor::A1ByZ1 => &[Factor::A1ByZ1],
            Factor::Z1ByW1 => &[Factor::Z1ByW1],
            Factor::LossByW2 => &[Factor::LossByOutput, Factor::OutputByZ2, Factor::Z2ByW2],
            Factor::LossByW1 => &[
                Factor::LossByOutput,
                Factor::OutputByZ2,
                Factor::Z2ByA1,
                Factor::A1ByZ1,
                Factor::Z1ByW1,
            ],
        }
    }
}

/// The forward values of one pass: z1, a1, z2, ŷ and L.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forward {
    /// z1 = W1·x + b1.
    pub z1: f64,
    /// a1 = σ(z1).
    pub a1: f64,
    /// z2 = W2·a1 + b2.
    pub z2: f64,
    /// ŷ = σ(z2).
    pub y_hat: f64,
    /// L = (y − ŷ)².
    pub loss: f64,
}

/// One forward and backward pass of the scalar chain, every factor named.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainRule {
    parameters: ChainParameters,
    example: Example,
    forward: Forward,
    /// The core's own backward pass, for the gradients of the biases and as
    /// a check on the products.
    trace: Trace,
    network: Network,
}

impl ChainRule {
    /// The pass for `parameters` on `example`. Errors name the field
    /// (`x`, `y`, `w1`, `b1`, `w2`, `b2`) when a value is not finite, or out
    /// of range (|·| ≤ [`MAX_MAGNITUDE`], y in [0, 1]).
    pub fn new(parameters: ChainParameters, example: Example) -> Result<Self, ValueError> {
        check(parameters, example)?;
        Self::pass(parameters, example)
    }

    /// The pass after one gradient-descent step with learning rate η
    /// ([`ChainRule::updated`]). The new parameters may leave the
    /// ±[`MAX_MAGNITUDE`] range, which is for typed values; an error only
    /// when one is not finite.
    pub fn after_update(&self, learning_rate: f64) -> Result<Self, ValueError> {
        let parameters = self.updated(learning_rate);
        let ChainParameters { w1, b1, w2, b2 } = parameters;
        for (name, value) in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)] {
            if !value.is_finite() {
                return Err(ValueError {
                    path: name,
                    problem: format!("the update made it {value}"),
                });
            }
        }
        Self::pass(parameters, self.example)
    }

    /// The loss after each of `updates` further updates with the same η:
    /// element k is L after k + 1 updates (shorter if an update fails).
    pub fn losses_ahead(&self, learning_rate: f64, updates: usize) -> Vec<f64> {
        let mut losses = Vec::with_capacity(updates);
        let mut chain = self.clone();
        for _ in 0..updates {
            let Ok(next) = chain.after_update(learning_rate) else {
                break;
            };
            losses.push(next.forward.loss);
            chain = next;
        }
        losses
    }

    /// Whether ŷ is pinned near 0 or 1: σ′(z2) < [`SATURATED_BELOW`].
    pub fn saturation(&self) -> Option<Saturation> {
        if self.factor(Factor::OutputByZ2) >= SATURATED_BELOW {
            None
        } else if self.forward.z2 > 0.0 {
            Some(Saturation::One)
        } else {
            Some(Saturation::Zero)
        }
    }

    /// The names (`w1`, `b1`, `w2`, `b2`) of the parameters beyond
    /// ±[`MAX_MAGNITUDE`], the range of typed values (only an update puts
    /// them there).
    pub fn beyond_input_range(&self) -> Vec<&'static str> {
        let ChainParameters { w1, b1, w2, b2 } = self.parameters;
        [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]
            .into_iter()
            .filter(|(_, value)| value.abs() > MAX_MAGNITUDE)
            .map(|(name, _)| name)
            .collect()
    }

    /// The forward and backward pass, values already checked.
    fn pass(parameters: ChainParameters, example: Example) -> Result<Self, ValueError> {
        let network = network(parameters)?;
        let (x, y) = sample(example);
        let trace = network.trace(&x, &y)?;
        let hidden = trace.layer(0).ok_or_else(missing_layer)?;
        let output = trace.layer(1).ok_or_else(missing_layer)?;
        let forward = Forward {
            z1: hidden.z()[(0, 0)],
            a1: hidden.a()[(0, 0)],
            z2: output.z()[(0, 0)],
            y_hat: output.a()[(0, 0)],
            loss: trace.loss(),
        };
        Ok(Self {
            parameters,
            example,
            forward,
            trace,
            network,
        })
    }

    /// The parameters W1, b1, W2, b2.
    pub fn parameters(&self) -> ChainParameters {
        self.parameters
    }

    /// The training example (x, y).
    pub fn example(&self) -> Example {
        self.example
    }

    /// z1, a1, z2, ŷ and L.
    pub fn forward(&self) -> Forward {
        self.forward
    }

    /// The number for one step of the walk.
    pub fn factor(&self, factor: Factor) -> f64 {
        let Forward { a1, y_hat, .. } = self.forward;
        match factor {
            // ∂L/∂ŷ = −2(y − ŷ), as the core's MSE: 2(ŷ − y)/n with n = 1
            Factor::LossByOutput => self.trace_value(1, |l| l.grad_a()[(0, 0)]),
            // ∂ŷ/∂z2 = σ′(z2) = ŷ(1 − ŷ)
            Factor::OutputByZ2 => Activation::Sigmoid.derivative(self.forward.z2, y_hat),
            // ∂z2/∂W2 = a1
            Factor::Z2ByW2 => a1,
            // ∂z2/∂a1 = W2
            Factor::Z2ByA1 => self.parameters.w2,
            // ∂a1/∂z1 = σ′(z1) = a1(1 − a1)
            Factor::A1ByZ1 => Activation::Sigmoid.derivative(self.forward.z1, a1),
            // ∂z1/∂W1 = x
            Factor::Z1ByW1 => self.example.x,
            // ∂L/∂W2 = ∂L/∂ŷ · ∂ŷ/∂z2 · ∂z2/∂W2, and likewise ∂L/∂W1
            Factor::LossByW2 | Factor::LossByW1 => {
                factor.path().iter().map(|f| self.factor(*f)).product()
            }
        }
    }

    /// ∂L/∂W2 as the core's backward pass computed it (layer by layer).
    pub fn trace_grad_w2(&self) -> f64 {
        self.trace_value(1, |l| l.grad_weight()[(0, 0)])
    }

    /// ∂L/∂W1 as the core's backward pass computed it.
    pub fn trace_grad_w1(&self) -> f64 {
        self.trace_value(0, |l| l.grad_weight()[(0, 0)])
    }

    /// ∂L/∂b2 = ∂L/∂ŷ · ∂ŷ/∂z2 · 1, from the core's backward pass.
    pub fn grad_b2(&self) -> f64 {
        self.trace_value(1, |l| l.grad_bias()[0])
    }

    /// ∂L/∂b1 = ∂L/∂ŷ · ∂ŷ/∂z2 · ∂z2/∂a1 · ∂a1/∂z1 · 1, from the core's backward pass.
    pub fn grad_b1(&self) -> f64 {
        self.trace_value(0, |l| l.grad_bias()[0])
    }

    /// The central finite-difference estimate of ∂L/∂W for a final gradient
    /// (`LossByW2` or `LossByW1`): (L(W + h) − L(W − h)) / 2h with
    /// h = [`FINITE_DIFFERENCE_STEP`], each L from the network's own pass.
    /// NaN for a local factor.
    pub fn finite_difference(&self, factor: Factor) -> f64 {
        let layer = match factor {
            Factor::LossByW2 => 1,
            Factor::LossByW1 => 0,
            _ => return f64::NAN,
        };
        let h = FINITE_DIFFERENCE_STEP;
        let loss_with = |delta: f64| {
            let mut network = self.network.clone();
            let w = network
                .layers()
                .get(layer)
                .map_or(f64::NAN, |l| l.weight[(0, 0)]);
            network.set_weight(layer, 0, 0, w + delta);
            let (x, y) = sample(self.example);
            network.trace(&x, &y).map_or(f64::NAN, |t| t.loss())
        };
        // ∂L/∂W ≈ (L(W + h) − L(W − h)) / 2h
        (loss_with(h) - loss_with(-h)) / (2.0 * h)
    }

    /// The parameters after one gradient-descent step with learning rate η:
    /// W ← W − η·∂L/∂W for W1, b1, W2, b2.
    pub fn updated(&self, learning_rate: f64) -> ChainParameters {
        let p = self.parameters;
        ChainParameters {
            // W1 ← W1 − η·∂L/∂W1
            w1: p.w1 - learning_rate * self.factor(Factor::LossByW1),
            // b1 ← b1 − η·∂L/∂b1
            b1: p.b1 - learning_rate * self.grad_b1(),
            // W2 ← W2 − η·∂L/∂W2
            w2: p.w2 - learning_rate * self.factor(Factor::LossByW2),
            // b2 ← b2 − η·∂L/∂b2
            b2: p.b2 - learning_rate * self.grad_b2(),
        }
    }

    fn trace_value(&self, layer: usize, read: impl Fn(&LayerTrace) -> f64) -> f64 {
        self.trace.layer(layer).map_or(f64::NAN, read)
    }
}

/// The 1 → 1 → 1 network with σ on both layers.
pub fn network(parameters: ChainParameters) -> Result<Network, ShapeError> {
    let layer =
        |w: f64, b: f64| Layer::new(DMatrix::from_element(1, 1, w), DVector::from_element(1, b));
    Network::new(
        vec![
            layer(parameters.w1, parameters.b1),
            layer(parameters.w2, parameters.b2),
        ],
        Activation::Sigmoid,
        Activation::Sigmoid,
    )
}

fn sample(example: Example) -> (DMatrix<f64>, DMatrix<f64>) {
    (
        DMatrix::from_element(1, 1, example.x),
        DMatrix::from_element(1, 1, example.y),
    )
}

fn missing_layer() -> ValueError {
    ValueError {
        path: "network",
        problem: "expected two layers".into(),
    }
}

/// Checks every value: finite, |·| ≤ [`MAX_MAGNITUDE`], y in [0, 1].
fn check(parameters: ChainParameters, example: Example) -> Result<(), ValueError> {
    let ChainParameters { w1, b1, w2, b2 } = parameters;
    for (name, value) in [
        ("x", example.x),
        ("w1", w1),
        ("b1", b1),
        ("w2", w2),
        ("b2", b2),
    ] {
        if !(value.is_finite() && value.abs() <= MAX_MAGNITUDE) {
            return Err(ValueError {
                path: name,
                problem: format!(
                    "must be a number from −{MAX_MAGNITUDE} to {MAX_MAGNITUDE} (got {value})"
                ),
            });
        }
    }
    if !(0.0..=1.0).contains(&example.y) {
        return Err(ValueError {
            path: "y",
            problem: format!(
                "must be a number from 0 to 1, the range of σ (got {})",
                example.y
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
