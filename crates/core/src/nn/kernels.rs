//! Small dense kernels on contiguous columns, written so that the compiler
//! vectorises them: several independent accumulators for reductions, plain
//! elementwise loops otherwise. Networks here are small (tens of units,
//! hundreds of samples), where these beat a general matrix product.

/// Lanes of the multi-accumulator reductions.
const LANES: usize = 8;

/// Σ aᵢ·bᵢ over the common length.
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f64; LANES];
    let mut chunks_a = a.chunks_exact(LANES);
    let mut chunks_b = b.chunks_exact(LANES);
    for (ca, cb) in (&mut chunks_a).zip(&mut chunks_b) {
        if let (Ok(ca), Ok(cb)) = (<&[f64; LANES]>::try_from(ca), <&[f64; LANES]>::try_from(cb)) {
            acc = std::array::from_fn(|i| acc[i] + ca[i] * cb[i]);
        }
    }
    let mut tail = 0.0;
    for (x, y) in chunks_a.remainder().iter().zip(chunks_b.remainder()) {
        tail += x * y;
    }
    reduce(acc) + tail
}

/// Σ aᵢ.
#[inline]
pub(crate) fn sum(a: &[f64]) -> f64 {
    let mut acc = [0.0f64; LANES];
    let mut chunks = a.chunks_exact(LANES);
    for c in &mut chunks {
        if let Ok(c) = <&[f64; LANES]>::try_from(c) {
            acc = std::array::from_fn(|i| acc[i] + c[i]);
        }
    }
    let tail: f64 = chunks.remainder().iter().sum();
    reduce(acc) + tail
}

/// ∂L/∂a passed through where z > 0, exactly 0 elsewhere (even for ∞ or NaN
/// gradients, as PyTorch's `threshold_backward`); branch-free.
#[inline(always)]
pub(crate) fn relu_gate(z: f64, grad_a: f64) -> f64 {
    let keep = u64::from(z > 0.0).wrapping_neg();
    f64::from_bits(grad_a.to_bits() & keep)
}

#[inline(always)]
fn reduce(acc: [f64; LANES]) -> f64 {
    // lanes (0,1), (2,3), (4,5), (6,7) form SSE2 vectors: add them vector-wise
    ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]))
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
