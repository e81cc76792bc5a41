//! A fused pass for networks of shape `[1, H, 1]` (the chapter's
//! 1 → 10 → 1) that computes only what a training epoch needs: the loss and
//! ∂L/∂W, ∂L/∂b of both layers. Per hidden unit it makes one elementwise
//! pass forward (a1[:,j] and its share of z2) and one backward, which sums
//! ∂L/∂W2[j], ∂L/∂b1[j] and ∂L/∂W1[j] at once without storing ∂L/∂a1 or
//! ∂L/∂z1.
//!
//! It adds in the general pass's order (z2 = b2 + Σ_j W2[j]·a1[:,j] over j
//! in order; every sum over samples with the lanes of [`super::kernels`]),
//! so its numbers are the general pass's to the last bit.

use super::activation::Activation;
use super::kernels::{chunk, dot, sum, LANES};
use super::lanes::F64x4;
use super::layer::Layer;
use super::Gradients;

/// Whether `layers` has the shape `[1, H, 1]` this pass handles.
pub(crate) fn applies(layers: &[Layer]) -> bool {
    matches!(layers, [hidden, output] if hidden.inputs() == 1 && output.outputs() == 1)
}

/// The per-sample buffers of the fused pass, reused from epoch to epoch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    /// a1, one column of N per hidden unit.
    a1: Vec<f64>,
    output: Output,
}

impl Scratch {
    fn fit(&mut self, samples: usize, units: usize) {
        self.a1.resize(samples * units, 0.0);
        self.output.fit(samples);
    }
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

/// The fused pass: writes ∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2 into `gradients`
/// and returns the loss. `x`, `y` are the N-long columns (N ≥ 1).
pub(crate) fn loss_and_gradients(
    layers: &[Layer],
    f_hidden: Activation,
    f_output: Activation,
    x: &[f64],
    y: &[f64],
    scratch: &mut Scratch,
    gradients: &mut Gradients,
) -> f64 {
    let [l1, l2] = layers else {
        return f64::NAN;
    };
    let n = x.len().min(y.len()).max(1);
    let (x, y) = (&x[..n.min(x.len())], &y[..n.min(y.len())]);
    let w1 = l1.weight.as_slice();
    let b1 = l1.bias.as_slice();
    let w2 = l2.weight.as_slice();
    let b2 = l2.bias.as_slice().first().copied().unwrap_or(0.0);
    scratch.fit(n, w1.len());
    let Scratch { a1, output } = scratch;

    // Forward, unit by unit: a1[:,j] = f(b1_j + W1[j]·x), z2 += W2[j]·a1[:,j]
    // (z2 starts at b2)
    output.z2.fill(b2);
    let units = a1.chunks_exact_mut(n).zip(w1.iter().zip(b1).zip(w2));
    for (a1, ((w1_j, b1_j), w2_j)) in units {
        unit_forward(
            a1,
            &mut output.z2,
            x,
            *w1_j,
            *b1_j,
            *w2_j,
            |z| match f_hidden {
                Activation::Relu => z.relu(),
                Activation::Tanh => z.tanh(),
                Activation::Identity => z,
                f => z.map(|v| f.apply(v)),
            },
        );
    }

    let loss = output.loss(f_output, y);
    let grad_z2 = output.grad_z2.as_slice();

    let [grad_w1, grad_b1, grad_w2, grad_b2] = gradients.tensors_mut() else {
        return f64::NAN;
    };
    // ∂L/∂b2 = Σ ∂L/∂z2
    if let Some(gb2) = grad_b2.first_mut() {
        *gb2 = sum(grad_z2);
    }
    // Backward, unit by unit: ∂L/∂a1 = ∂L/∂z2 · W2[j], ∂L/∂z1 = ∂L/∂a1 · f′(z1)
    // (from a1 alone: relu passes where a1 > 0, which is where z1 > 0)
    let grads = grad_w2
        .iter_mut()
        .zip(grad_w1.iter_mut().zip(grad_b1.iter_mut()));
    let one = F64x4::splat(1.0);
    for ((a1, w2_j), (gw2, (gw1, gb1))) in a1.chunks_exact(n).zip(w2).zip(grads) {
        (*gw2, *gb1, *gw1) = unit_backward(a1, x, grad_z2, *w2_j, |a, g| match f_hidden {
            Activation::Relu => a.where_positive(g),
            // ∂L/∂a1 · (1 − a1) · a1
            Activation::Sigmoid => g.mul(one.sub(a)).mul(a),
            // ∂L/∂a1 · (1 − a1²)
            Activation::Tanh => g.mul(one.sub(a.mul(a))),
            Activation::Identity => g,
        });
    }
    loss
}

/// One hidden unit forward over all samples, in one elementwise pass:
/// z1 = b1 + W1·x, a1 = f(z1), z2 += W2·a1.
#[inline]
fn unit_forward(
    a1: &mut [f64],
    z2: &mut [f64],
    x: &[f64],
    w1_j: f64,
    b1_j: f64,
    w2_j: f64,
    f: impl Fn(F64x4) -> F64x4,
) {
    let (w1, b1, w2) = (F64x4::splat(w1_j), F64x4::splat(b1_j), F64x4::splat(w2_j));
    let mut a_chunks = a1.chunks_exact_mut(LANES);
    let mut z_chunks = z2.chunks_exact_mut(LANES);
    let mut x_chunks = x.chunks_exact(LANES);
    for ((a1, z2), x) in (&mut a_chunks).zip(&mut z_chunks).zip(&mut x_chunks) {
        let (Some(a1), Some(z2)) = (a1.first_chunk_mut(), z2.first_chunk_mut()) else {
            continue;
        };
        let a = f(b1.add(w1.mul(F64x4::load(chunk(x)))));
        a.store(a1);
        F64x4::load(z2).add(w2.mul(a)).store(z2);
    }
    let tails = a_chunks
        .into_remainder()
        .iter_mut()
        .zip(z_chunks.into_remainder())
        .zip(x_chunks.remainder());
    for ((a1, z2), x) in tails {
        let a = f(F64x4::splat(b1_j + w1_j * x)).first();
        *a1 = a;
        *z2 += w2_j * a;
    }
}

/// One hidden unit backward over all samples, in one elementwise pass.
/// Returns (∂L/∂W2[j], ∂L/∂b1[j], ∂L/∂W1[j]) =
/// (Σ ∂L/∂z2·a1, Σ ∂L/∂z1, Σ ∂L/∂z1·x) with ∂L/∂z1 = `gate(a1, W2[j]·∂L/∂z2)`,
/// each summed in the lanes of [`dot`] and [`sum`].
#[inline]
fn unit_backward(
    a1: &[f64],
    x: &[f64],
    grad_z2: &[f64],
    w2_j: f64,
    gate: impl Fn(F64x4, F64x4) -> F64x4,
) -> (f64, f64, f64) {
    let w2 = F64x4::splat(w2_j);
    let zero = F64x4::splat(0.0);
    let (mut sum_w2, mut sum_b1, mut sum_w1) = (zero, zero, zero);
    let mut a_chunks = a1.chunks_exact(LANES);
    let mut x_chunks = x.chunks_exact(LANES);
    let mut g_chunks = grad_z2.chunks_exact(LANES);
    for ((a, x), g) in (&mut a_chunks).zip(&mut x_chunks).zip(&mut g_chunks) {
        let (a, x, g) = (
            F64x4::load(chunk(a)),
            F64x4::load(chunk(x)),
            F64x4::load(chunk(g)),
        );
        sum_w2 = sum_w2.add(g.mul(a));
        let grad_z1 = gate(a, w2.mul(g));
        sum_b1 = sum_b1.add(grad_z1);
        sum_w1 = sum_w1.add(grad_z1.mul(x));
    }
    let (mut w2_tail, mut b1_tail, mut w1_tail) = (0.0, 0.0, 0.0);
    let tails = a_chunks
        .remainder()
        .iter()
        .zip(x_chunks.remainder())
        .zip(g_chunks.remainder());
    for ((a, x), g) in tails {
        w2_tail += g * a;
        let grad_z1 = gate(F64x4::splat(*a), F64x4::splat(w2_j * g)).first();
        b1_tail += grad_z1;
        w1_tail += grad_z1 * x;
    }
    (
        sum_w2.total() + w2_tail,
        sum_b1.total() + b1_tail,
        sum_w1.total() + w1_tail,
    )
}
