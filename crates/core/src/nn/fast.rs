//! A fused pass for networks of shape `[1, H, 1]` (the chapter's
//! 1 → 10 → 1). Per hidden unit it makes one elementwise pass forward
//! (z1, a1 and its share of z2) and one backward (∂L/∂a1, ∂L/∂z1), leaving
//! the sums over samples to the kernels. It stores the same intermediates as
//! the general pass and adds in the same order (z2 = b2 + Σ_j W2[j]·a1[:,j]
//! over j in order, the same reduction kernels), so its results are the
//! general pass's to the last bit, in fewer passes over memory.

use super::activation::Activation;
use super::kernels::{dot, sum};
use super::network::{Layer, LayerTrace};

/// Whether `layers` has the shape `[1, H, 1]` this pass handles.
pub(crate) fn applies(layers: &[Layer]) -> bool {
    matches!(layers, [hidden, output] if hidden.inputs() == 1 && output.outputs() == 1)
}

/// The fused pass; returns the loss. `x`, `y` are the N-long columns, `hidden`
/// and `output` the traces of the two layers, sized for N samples.
pub(crate) fn forward_backward(
    layers: &[Layer],
    f_hidden: Activation,
    f_output: Activation,
    x: &[f64],
    y: &[f64],
    hidden: &mut LayerTrace,
    output: &mut LayerTrace,
) -> f64 {
    let [l1, l2] = layers else {
        return f64::NAN;
    };
    let n = x.len().min(y.len()).max(1);
    let w1 = l1.weight.as_slice();
    let b1 = l1.bias.as_slice();
    let w2 = l2.weight.as_slice();
    let b2 = l2.bias.as_slice().first().copied().unwrap_or(0.0);

    // Forward, unit by unit: z1[:,j] = b1_j + W1[j]·x, a1[:,j] = f(z1[:,j]),
    // z2 += W2[j]·a1[:,j] (z2 starts at b2)
    let z2 = output.z.as_mut_slice();
    z2.fill(b2);
    let units = hidden
        .z
        .as_mut_slice()
        .chunks_exact_mut(n)
        .zip(hidden.a.as_mut_slice().chunks_exact_mut(n))
        .zip(w1.iter().zip(b1).zip(w2));
    for ((z1, a1), ((w1_j, b1_j), w2_j)) in units {
        match f_hidden {
            Activation::Relu => unit_forward(z1, a1, z2, x, *w1_j, *b1_j, *w2_j, |z| {
                Activation::Relu.apply(z)
            }),
            Activation::Identity => unit_forward(z1, a1, z2, x, *w1_j, *b1_j, *w2_j, |z| z),
            f => unit_forward(z1, a1, z2, x, *w1_j, *b1_j, *w2_j, |z| f.apply(z)),
        }
    }

    // ŷ = f(z2); L = Σ(ŷ − y)²/N; ∂L/∂ŷ = (ŷ − y)·2/N; ∂L/∂z2 = ∂L/∂ŷ · f′(z2)
    let LayerTrace {
        z: z2,
        a: y_hat,
        grad_a: grad_y_hat,
        grad_z: grad_z2,
        grad_weight: grad_w2,
        grad_bias: grad_b2,
    } = output;
    f_output.forward(z2.as_slice(), y_hat.as_mut_slice());
    let diff = grad_y_hat.as_mut_slice();
    for ((d, p), t) in diff.iter_mut().zip(y_hat.as_slice()).zip(y) {
        *d = p - t;
    }
    let count = n as f64;
    let loss = dot(diff, diff) / count;
    let norm = 2.0 / count;
    for d in diff.iter_mut() {
        *d *= norm;
    }
    f_output.backward(
        z2.as_slice(),
        y_hat.as_slice(),
        grad_y_hat.as_slice(),
        grad_z2.as_mut_slice(),
    );
    let grad_z2 = grad_z2.as_slice();
    // ∂L/∂b2 = Σ ∂L/∂z2
    if let Some(gb2) = grad_b2.as_mut_slice().first_mut() {
        *gb2 = sum(grad_z2);
    }

    // Backward, unit by unit
    let LayerTrace {
        z: z1,
        a: a1,
        grad_a: grad_a1,
        grad_z: grad_z1,
        grad_weight: grad_w1,
        grad_bias: grad_b1,
    } = hidden;
    let columns = z1
        .as_slice()
        .chunks_exact(n)
        .zip(a1.as_slice().chunks_exact(n))
        .zip(grad_a1.as_mut_slice().chunks_exact_mut(n))
        .zip(grad_z1.as_mut_slice().chunks_exact_mut(n));
    let grads = grad_w2
        .as_mut_slice()
        .iter_mut()
        .zip(grad_w1.as_mut_slice().iter_mut())
        .zip(grad_b1.as_mut_slice().iter_mut());
    for ((((z1, a1), ga1), gz1), (((gw2, gw1), gb1), w2_j)) in columns.zip(grads.zip(w2)) {
        // ∂L/∂W2[j] = Σ ∂L/∂z2 · a1[:,j]
        *gw2 = dot(grad_z2, a1);
        // ∂L/∂a1 = ∂L/∂z2 · W2[j]; ∂L/∂z1 = ∂L/∂a1 · f′(z1), as in Activation::backward
        match f_hidden {
            Activation::Relu => unit_backward(z1, a1, ga1, gz1, grad_z2, *w2_j, |z, _, g| {
                super::kernels::relu_gate(z, g)
            }),
            Activation::Sigmoid => unit_backward(z1, a1, ga1, gz1, grad_z2, *w2_j, |_, a, g| {
                g * (1.0 - a) * a
            }),
            Activation::Tanh => unit_backward(z1, a1, ga1, gz1, grad_z2, *w2_j, |_, a, g| {
                g * (1.0 - a * a)
            }),
            Activation::Identity => unit_backward(z1, a1, ga1, gz1, grad_z2, *w2_j, |_, _, g| g),
        }
        // ∂L/∂b1[j] = Σ ∂L/∂z1; ∂L/∂W1[j] = Σ ∂L/∂z1 · x
        *gb1 = sum(gz1);
        *gw1 = dot(gz1, x);
    }
    loss
}

/// One hidden unit forward over all samples, in one elementwise pass.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn unit_forward(
    z1: &mut [f64],
    a1: &mut [f64],
    z2: &mut [f64],
    x: &[f64],
    w1_j: f64,
    b1_j: f64,
    w2_j: f64,
    f: impl Fn(f64) -> f64,
) {
    for (((z1, a1), z2), x) in z1.iter_mut().zip(a1.iter_mut()).zip(z2.iter_mut()).zip(x) {
        let z = b1_j + w1_j * x;
        let a = f(z);
        *z1 = z;
        *a1 = a;
        *z2 += w2_j * a;
    }
}

/// One hidden unit backward over all samples, in one elementwise pass:
/// ∂L/∂a1 = W2[j]·∂L/∂z2 and ∂L/∂z1 = `gate(z1, a1, ∂L/∂a1)`.
#[inline(always)]
fn unit_backward(
    z1: &[f64],
    a1: &[f64],
    grad_a1: &mut [f64],
    grad_z1: &mut [f64],
    grad_z2: &[f64],
    w2_j: f64,
    gate: impl Fn(f64, f64, f64) -> f64,
) {
    let columns = z1
        .iter()
        .zip(a1)
        .zip(grad_a1.iter_mut())
        .zip(grad_z1.iter_mut());
    for ((((z, a), ga), gz), g2) in columns.zip(grad_z2) {
        let g = w2_j * g2;
        *ga = g;
        *gz = gate(*z, *a, g);
    }
}
