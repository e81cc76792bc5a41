//! The update rules, one function per kind, each updating one parameter
//! tensor p from its gradient g and that tensor's state. Only
//! [`super::Optimizer::step_tensors`] calls them.
//!
//! Each line is `torch.optim`'s single-tensor code (what runs on a CPU)
//! written out per element in PyTorch's order of operations:
//! `a.add(b, alpha=c)` is a + c·b, `a.addcmul(b, c, value=v)` is
//! a + (v·b)·c, `a.addcdiv(b, c, value=v)` is a + (v·b)/c, and `lerp` is
//! [`lerp`].

use super::config::{Adagrad, Adam, Momentum, RmsProp, Sgd};

/// The gradient with weight decay λ: `grad.add(param, alpha=λ)`, skipped
/// when λ = 0 as PyTorch does (so that 0·∞ never makes a NaN).
#[inline]
fn decayed(g: f64, p: f64, weight_decay: f64) -> f64 {
    if weight_decay == 0.0 {
        g
    } else {
        g + weight_decay * p
    }
}

/// `torch.lerp(start, end, weight)`: start + w·(end − start) for |w| < 0.5,
/// else end − (end − start)·(1 − w).
#[inline]
pub(super) fn lerp(start: f64, end: f64, weight: f64) -> f64 {
    if weight.abs() < 0.5 {
        start + weight * (end - start)
    } else {
        end - (end - start) * (1.0 - weight)
    }
}

/// p ← p − η·(g + λ·p)
pub(super) fn sgd(c: &Sgd, p: &mut [f64], g: &[f64]) {
    for (p, g) in p.iter_mut().zip(g) {
        // W_new = W_old − η·∂L/∂W
        let g = decayed(*g, *p, c.weight_decay);
        *p += -c.lr * g;
    }
}

/// v ← μ·v + g (v ← g on the first step); p ← p − η·v, or p − η·(g + μ·v)
/// with Nesterov; with μ = 0, p ← p − η·g.
pub(super) fn momentum(c: &Momentum, first_step: bool, p: &mut [f64], g: &[f64], v: &mut [f64]) {
    for ((p, g), v) in p.iter_mut().zip(g).zip(v.iter_mut()) {
        let g = decayed(*g, *p, c.weight_decay);
        if c.momentum == 0.0 {
            *p += -c.lr * g;
            continue;
        }
        *v = if first_step { g } else { c.momentum * *v + g };
        let direction = if c.nesterov { g + c.momentum * *v } else { *v };
        *p += -c.lr * direction;
    }
}

/// Adam's step t (from 1) on one tensor with moments m and v; `decoupled`
/// is AdamW's weight decay p ← p·(1 − η·λ) instead of g ← g + λ·p.
pub(super) fn adam(
    c: &Adam,
    decoupled: bool,
    t: u64,
    p: &mut [f64],
    g: &[f64],
    m: &mut [f64],
    v: &mut [f64],
) {
    // Python floats: beta ** step with step a float.
    let t = t as f64;
    let bias_correction1 = 1.0 - c.beta1.powf(t);
    let bias_correction2 = 1.0 - c.beta2.powf(t);
    let step_size = c.lr / bias_correction1;
    let bias_correction2_sqrt = bias_correction2.sqrt();
    let shrink = 1.0 - c.lr * c.weight_decay;
    for (((p, g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
        let g = if !decoupled {
            decayed(*g, *p, c.weight_decay)
        } else {
            if c.weight_decay != 0.0 {
                *p *= shrink;
            }
            *g
        };
        // m = β₁·m + (1 − β₁)·g, as PyTorch's lerp
        *m = lerp(*m, g, 1.0 - c.beta1);
        // v = β₂·v + (1 − β₂)·g²
        *v = *v * c.beta2 + (1.0 - c.beta2) * g * g;
        // p −= η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
        let denom = v.sqrt() / bias_correction2_sqrt + c.eps;
        *p += (-step_size * *m) / denom;
    }
}

/// RMSprop on one tensor: mean square s, and when asked the momentum
/// buffer b (μ > 0) and the mean gradient ḡ (centered); buffers not asked
/// for are empty.
pub(super) fn rmsprop(
    c: &RmsProp,
    p: &mut [f64],
    g: &[f64],
    square_avg: &mut [f64],
    buffer: &mut [f64],
    grad_avg: &mut [f64],
) {
    let mut buffer = buffer.iter_mut();
    let mut grad_avg = grad_avg.iter_mut();
    for ((p, g), s) in p.iter_mut().zip(g).zip(square_avg.iter_mut()) {
        let g = decayed(*g, *p, c.weight_decay);
        // s = α·s + (1 − α)·g²
        *s = *s * c.alpha + (1.0 - c.alpha) * g * g;
        let avg = match grad_avg.next() {
            Some(mean) if c.centered => {
                // ḡ = α·ḡ + (1 − α)·g; d = √(s − ḡ²) + ε
                *mean = lerp(*mean, g, 1.0 - c.alpha);
                (*s + (-*mean) * *mean).sqrt() + c.eps
            }
            _ => s.sqrt() + c.eps,
        };
        match buffer.next() {
            Some(b) if c.momentum > 0.0 => {
                // b = μ·b + g/d; p −= η·b
                *b = *b * c.momentum + g / avg;
                *p += -c.lr * *b;
            }
            // p −= η·g/d
            _ => *p += (-c.lr * g) / avg,
        }
    }
}

/// Adagrad's step t (from 1) on one tensor with its sum of squares.
pub(super) fn adagrad(c: &Adagrad, t: u64, p: &mut [f64], g: &[f64], sum: &mut [f64]) {
    // Python floats: lr / (1 + (step − 1)·lr_decay).
    let clr = c.lr / (1.0 + (t as f64 - 1.0) * c.lr_decay);
    for ((p, g), s) in p.iter_mut().zip(g).zip(sum.iter_mut()) {
        let g = decayed(*g, *p, c.weight_decay);
        // s = s + g²; p −= η_t·g/(√s + ε)
        *s += g * g;
        let std = s.sqrt() + c.eps;
        *p += (-clr * g) / std;
    }
}
