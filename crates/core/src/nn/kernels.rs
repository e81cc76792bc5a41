//! Small dense kernels on contiguous columns, written so that the compiler
//! vectorises them: several independent accumulators for reductions, plain
//! elementwise loops otherwise. Networks here are small (tens of units,
//! hundreds of samples), where these beat a general matrix product.

use super::lanes::F64x4;

/// Lanes of the multi-accumulator reductions: sample i is summed in lane
/// i mod 4 while whole chunks of 4 remain, the rest in order after them.
pub(crate) const LANES: usize = 4;

/// The first `LANES` values of `s` as an array (`s` has at least that many).
#[inline(always)]
pub(crate) fn chunk(s: &[f64]) -> &[f64; LANES] {
    match s.first_chunk() {
        Some(c) => c,
        None => &[0.0; LANES],
    }
}

/// Σ aᵢ·bᵢ over the common length.
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = F64x4::splat(0.0);
    let mut chunks_a = a.chunks_exact(LANES);
    let mut chunks_b = b.chunks_exact(LANES);
    for (ca, cb) in (&mut chunks_a).zip(&mut chunks_b) {
        acc = acc.add(F64x4::load(chunk(ca)).mul(F64x4::load(chunk(cb))));
    }
    let mut tail = 0.0;
    for (x, y) in chunks_a.remainder().iter().zip(chunks_b.remainder()) {
        tail += x * y;
    }
    acc.total() + tail
}

/// Σ aᵢ.
#[inline]
pub(crate) fn sum(a: &[f64]) -> f64 {
    let mut acc = F64x4::splat(0.0);
    let mut chunks = a.chunks_exact(LANES);
    for c in &mut chunks {
        acc = acc.add(F64x4::load(chunk(c)));
    }
    let mut tail = 0.0;
    for x in chunks.remainder() {
        tail += x;
    }
    acc.total() + tail
}

/// ∂L/∂a passed through where z > 0, exactly 0 elsewhere (even for ∞ or NaN
/// gradients, as PyTorch's `threshold_backward`); branch-free.
#[inline(always)]
pub(crate) fn relu_gate(z: f64, grad_a: f64) -> f64 {
    let keep = u64::from(z > 0.0).wrapping_neg();
    f64::from_bits(grad_a.to_bits() & keep)
}

/// y ← y + α·x over the common length.
#[inline]
pub(crate) fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

/// y ← α·x over the common length.
#[inline]
pub(crate) fn scale_into(alpha: f64, x: &[f64], y: &mut [f64]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y = alpha * x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_agree_with_plain_loops() {
        for n in [0usize, 1, 7, 8, 9, 100] {
            let a: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
            let b: Vec<f64> = (0..n).map(|i| (i as f64 * 0.11).cos()).collect();
            let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-12);
            assert!((sum(&a) - a.iter().sum::<f64>()).abs() < 1e-12);
            let mut y = b.clone();
            axpy(2.0, &a, &mut y);
            assert!(y
                .iter()
                .zip(&a)
                .zip(&b)
                .all(|((y, a), b)| *y == b + 2.0 * a));
        }
    }

    #[test]
    fn relu_gate_passes_only_where_z_is_positive() {
        assert_eq!(relu_gate(0.5, -3.0), -3.0);
        assert_eq!(relu_gate(0.0, 2.0), 0.0);
        assert_eq!(relu_gate(-1.0, f64::INFINITY), 0.0);
        assert_eq!(relu_gate(f64::NAN, 2.0), 0.0);
        assert!(relu_gate(1.0, f64::NAN).is_nan());
    }
}
