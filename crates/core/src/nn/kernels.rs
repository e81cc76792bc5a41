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

/// Columns combined linearly, as a layer's matrix products need them:
/// for every unit u < `units`, the N-long column `out[u·n..]` becomes
///
///   out[:,u] = (init[u] + coef(0,u)·cols[:,0]) + coef(1,u)·cols[:,1] + …
///
/// (without `init`: coef(0,u)·cols[:,0] + …), with coef(c,u) =
/// `w[c·by_col + u·by_unit]`, `cols` holding its columns of n one after
/// another. Each element adds its terms in c's order, as
/// `scale_into` then one `axpy` per column would, so the numbers are
/// theirs to the last bit; only the loops are turned around: four units
/// and four samples at a time stay in registers while the columns go by.
#[allow(clippy::too_many_arguments)]
pub(crate) fn combine(
    n: usize,
    cols: &[f64],
    w: &[f64],
    by_col: usize,
    by_unit: usize,
    init: Option<&[f64]>,
    out: &mut [f64],
    units: usize,
) {
    let count = cols.len().checked_div(n).unwrap_or(0);
    let mut u = 0;
    for block in out.chunks_mut(UNITS * n.max(1)).take(units.div_ceil(UNITS)) {
        let here = (units - u).min(UNITS);
        let matrix = Matrix {
            n,
            cols,
            count,
            w,
            by_col,
            by_unit,
        };
        if here == UNITS && block.len() == UNITS * n {
            combine_block::<UNITS>(&matrix, init, u, block);
        } else {
            for (b, column) in block.chunks_mut(n.max(1)).take(here).enumerate() {
                combine_block::<1>(&matrix, init, u + b, column);
            }
        }
        u += here;
    }
}

/// Units combined at once by [`combine`].
const UNITS: usize = 4;

/// The operands of [`combine`].
struct Matrix<'a> {
    n: usize,
    cols: &'a [f64],
    count: usize,
    w: &'a [f64],
    by_col: usize,
    by_unit: usize,
}

impl Matrix<'_> {
    #[inline(always)]
    fn coef(&self, c: usize, u: usize) -> f64 {
        self.w
            .get(c * self.by_col + u * self.by_unit)
            .copied()
            .unwrap_or(0.0)
    }
}

/// Columns whose coefficients [`combine_block`] gathers at once.
const PANEL: usize = 64;

/// [`combine`] for the B units from `u0` on, into `out` (B columns of n),
/// a panel of at most [`PANEL`] columns at a time: the panel's
/// coefficients are gathered once, then every four samples of the B units
/// are summed over the panel in registers (starting from the sums so far,
/// kept in `out`, after the first panel).
#[inline]
fn combine_block<const B: usize>(m: &Matrix<'_>, init: Option<&[f64]>, u0: usize, out: &mut [f64]) {
    let n = m.n;
    if n == 0 || out.len() < B * n {
        return;
    }
    let start: [Option<f64>; B] =
        std::array::from_fn(|b| init.map(|i| i.get(u0 + b).copied().unwrap_or(0.0)));
    if m.count == 0 {
        for (column, s) in out.chunks_mut(n).zip(start) {
            column.fill(s.unwrap_or(0.0));
        }
        return;
    }
    let full = n - n % LANES;
    let mut coefs = [[0.0f64; B]; PANEL];
    let mut c0 = 0;
    while c0 < m.count {
        let width = (m.count - c0).min(PANEL);
        for (dc, row) in coefs.iter_mut().take(width).enumerate() {
            for (b, v) in row.iter_mut().enumerate() {
                *v = m.coef(c0 + dc, u0 + b);
            }
        }
        let coefs = &coefs[..width];
        let Some(panel) = m.cols.get(c0 * n..(c0 + width) * n) else {
            return;
        };
        let first = c0 == 0;
        let mut i = 0;
        while i < full {
            let mut columns = panel.chunks_exact(n).zip(coefs);
            let mut acc: [F64x4; B] = if first {
                let Some((column, co)) = columns.next() else {
                    return;
                };
                let x = F64x4::load(chunk(&column[i..]));
                std::array::from_fn(|b| {
                    let t = F64x4::splat(co[b]).mul(x);
                    match start[b] {
                        Some(s) => F64x4::splat(s).add(t),
                        None => t,
                    }
                })
            } else {
                std::array::from_fn(|b| F64x4::load(chunk(&out[b * n + i..])))
            };
            for (column, co) in columns {
                let x = F64x4::load(chunk(&column[i..]));
                for (a, c) in acc.iter_mut().zip(co) {
                    *a = a.add(F64x4::splat(*c).mul(x));
                }
            }
            for (b, a) in acc.iter().enumerate() {
                if let Some(dst) = out[b * n + i..].first_chunk_mut() {
                    a.store(dst);
                }
            }
            i += LANES;
        }
        for i in full..n {
            for b in 0..B {
                let mut columns = panel.chunks_exact(n).zip(coefs);
                let mut v = if first {
                    let Some((column, co)) = columns.next() else {
                        return;
                    };
                    let t = co[b] * column[i];
                    match start[b] {
                        Some(s) => s + t,
                        None => t,
                    }
                } else {
                    out[b * n + i]
                };
                for (column, co) in columns {
                    v += co[b] * column[i];
                }
                out[b * n + i] = v;
            }
        }
        c0 += width;
    }
}

/// Every dot product of a column of `a` with a column of `b` (columns of
/// n, one after another): `each(j, k, dot(a[:,j], b[:,k]))`, each summed
/// exactly as [`dot`] sums it (so to the last bit), two columns of each
/// at a time so that every load serves two products.
pub(crate) fn dots(n: usize, a: &[f64], b: &[f64], mut each: impl FnMut(usize, usize, f64)) {
    if n == 0 {
        return;
    }
    let (ja, kb) = (a.len() / n, b.len() / n);
    let mut j = 0;
    while j < ja {
        let jn = (ja - j).min(2);
        let mut k = 0;
        while k < kb {
            let kn = (kb - k).min(2);
            if jn == 2 && kn == 2 {
                let r = dot_block(
                    n,
                    [&a[j * n..][..n], &a[(j + 1) * n..][..n]],
                    [&b[k * n..][..n], &b[(k + 1) * n..][..n]],
                );
                for (dj, row) in r.iter().enumerate() {
                    for (dk, v) in row.iter().enumerate() {
                        each(j + dj, k + dk, *v);
                    }
                }
            } else {
                for dj in 0..jn {
                    for dk in 0..kn {
                        let v = dot(&a[(j + dj) * n..][..n], &b[(k + dk) * n..][..n]);
                        each(j + dj, k + dk, v);
                    }
                }
            }
            k += kn;
        }
        j += jn;
    }
}

/// Four dot products of two columns with two, in [`dot`]'s lanes and order.
#[inline(always)]
fn dot_block(n: usize, a: [&[f64]; 2], b: [&[f64]; 2]) -> [[f64; 2]; 2] {
    let zero = F64x4::splat(0.0);
    let mut acc = [[zero; 2]; 2];
    let full = n - n % LANES;
    let mut i = 0;
    while i < full {
        let xa = [
            F64x4::load(chunk(&a[0][i..])),
            F64x4::load(chunk(&a[1][i..])),
        ];
        let xb = [
            F64x4::load(chunk(&b[0][i..])),
            F64x4::load(chunk(&b[1][i..])),
        ];
        for (row, x) in acc.iter_mut().zip(xa) {
            for (v, y) in row.iter_mut().zip(xb) {
                *v = v.add(x.mul(y));
            }
        }
        i += LANES;
    }
    let mut out = [[0.0; 2]; 2];
    for (dj, row) in out.iter_mut().enumerate() {
        for (dk, v) in row.iter_mut().enumerate() {
            let mut tail = 0.0;
            for i in full..n {
                tail += a[dj][i] * b[dk][i];
            }
            *v = acc[dj][dk].total() + tail;
        }
    }
    out
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

    /// y ← y + α·x over the common length.
    fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
        for (y, x) in y.iter_mut().zip(x) {
            *y += alpha * x;
        }
    }

    /// y ← α·x over the common length.
    fn scale_into(alpha: f64, x: &[f64], y: &mut [f64]) {
        for (y, x) in y.iter_mut().zip(x) {
            *y = alpha * x;
        }
    }

    /// Columns of n (column c, row i) that are not round numbers.
    fn columns(n: usize, count: usize, phase: f64) -> Vec<f64> {
        (0..n * count)
            .map(|i| ((i as f64 + phase) * 0.731).sin() * 3.0)
            .collect()
    }

    #[test]
    fn combine_adds_as_scale_and_axpy_do_to_the_last_bit() {
        for n in [0usize, 1, 3, 4, 5, 8, 13] {
            for count in [1usize, 2, 5, 70, 130] {
                for units in [1usize, 3, 4, 5, 9] {
                    let cols = columns(n, count, 0.5);
                    let w = columns(1, count * units, 7.0);
                    let bias = columns(1, units, 3.0);
                    for (by_col, by_unit) in [(units, 1), (1, count)] {
                        for init in [Some(bias.as_slice()), None] {
                            let mut got = vec![f64::NAN; n * units];
                            combine(n, &cols, &w, by_col, by_unit, init, &mut got, units);
                            let mut expected = vec![0.0; n * units];
                            for (u, out) in expected.chunks_exact_mut(n.max(1)).enumerate() {
                                let coef = |c: usize| w[c * by_col + u * by_unit];
                                match init {
                                    Some(b) => {
                                        for (o, x) in out.iter_mut().zip(&cols[..n]) {
                                            *o = b[u] + coef(0) * x;
                                        }
                                    }
                                    None => scale_into(coef(0), &cols[..n], out),
                                }
                                for c in 1..count {
                                    axpy(coef(c), &cols[c * n..(c + 1) * n], out);
                                }
                            }
                            let bits =
                                |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                            assert_eq!(bits(&got), bits(&expected), "{n} {count} {units} {by_col}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn dots_sum_as_dot_does_to_the_last_bit() {
        for n in [1usize, 3, 4, 7, 8, 100] {
            for (ja, kb) in [(1usize, 1usize), (2, 2), (3, 5), (64, 3)] {
                let (a, b) = (columns(n, ja, 0.1), columns(n, kb, 2.0));
                let mut seen = 0;
                dots(n, &a, &b, |j, k, v| {
                    let expected = dot(&a[j * n..(j + 1) * n], &b[k * n..(k + 1) * n]);
                    assert_eq!(v.to_bits(), expected.to_bits(), "{n} {j} {k}");
                    seen += 1;
                });
                assert_eq!(seen, ja * kb);
            }
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
