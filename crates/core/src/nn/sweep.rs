//! A pass for `[1, H, 1]` networks with ReLU hidden units (the chapter's
//! 1 → 10 → 1) that costs O(N + H·log N) instead of O(N·H).
//!
//! With one input, hidden unit j is on exactly where z1 = b1_j + W1_j·x > 0:
//! a half-line of x. With the samples sorted by x once, each unit's
//! active samples are a prefix or a suffix of that order, found by binary
//! search with the very comparison the elementwise pass makes. Between
//! consecutive cuts the same units are on, so there the network is the
//! line ŷ = b2 + A·x + B with A = Σ W2_j·W1_j and B = Σ W2_j·b1_j over the
//! units that are on; and every sum backpropagation needs over a unit's
//! active samples is a prefix or suffix sum:
//! - ∂L/∂b1_j = W2_j · Σ ∂L/∂z2
//! - ∂L/∂W1_j = W2_j · Σ ∂L/∂z2 · x
//! - ∂L/∂W2_j = Σ ∂L/∂z2 · a1_j = W1_j · Σ ∂L/∂z2 · x + b1_j · Σ ∂L/∂z2
//!
//! This is the same math as the elementwise pass, added in another order:
//! results agree with it (and with PyTorch) to rounding, not bit for bit.
//! Parameters, a loss or gradients that are not finite make the pass
//! decline, so that NaN and ∞ flow exactly as in the elementwise pass.

use super::activation::Activation;
use super::fast::Output;
use super::layer::Layer;
use super::Gradients;

/// The samples sorted by x, made once for a data set.
#[derive(Clone, Debug)]
pub(crate) struct Sorted {
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Sorted {
    /// The samples (x, y) in increasing x; `None` when there are none or an
    /// x is not finite (the elementwise pass handles those).
    pub(crate) fn new(x: &[f64], y: &[f64]) -> Option<Self> {
        if x.is_empty() || x.len() != y.len() || !x.iter().all(|v| v.is_finite()) {
            return None;
        }
        let mut samples: Vec<(f64, f64)> = x.iter().copied().zip(y.iter().copied()).collect();
        heap_sort_by_x(&mut samples);
        Some(Self {
            x: samples.iter().map(|s| s.0).collect(),
            y: samples.iter().map(|s| s.1).collect(),
        })
    }
}

/// The per-sample buffers of the pass, reused from epoch to epoch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    output: Output,
    /// Σ ∂L/∂z2 and Σ ∂L/∂z2·x over the samples before k (`prefix_*[k]`)
    /// and from k on (`suffix_*[k]`), k = 0 … N.
    prefix_g: Vec<f64>,
    prefix_gx: Vec<f64>,
    suffix_g: Vec<f64>,
    suffix_gx: Vec<f64>,
    /// Each unit's active samples, [from, to).
    active: Vec<(usize, usize)>,
    /// Where the set of active units changes, in increasing order.
    cuts: Vec<usize>,
}

impl Scratch {
    fn fit(&mut self, samples: usize) {
        self.output.fit(samples);
        for sums in [
            &mut self.prefix_g,
            &mut self.prefix_gx,
            &mut self.suffix_g,
            &mut self.suffix_gx,
        ] {
            sums.resize(samples + 1, 0.0);
        }
    }
}

/// Sorts samples by x in place, in O(N log N) with little code (the
/// standard library's sorts are several kilobytes of wasm each).
fn heap_sort_by_x(samples: &mut [(f64, f64)]) {
    fn sift_down(heap: &mut [(f64, f64)], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= heap.len() {
                return;
            }
            if child + 1 < heap.len() && heap[child].0 < heap[child + 1].0 {
                child += 1;
            }
            if heap[root].0 >= heap[child].0 {
                return;
            }
            heap.swap(root, child);
            root = child;
        }
    }
    for root in (0..samples.len() / 2).rev() {
        sift_down(samples, root);
    }
    for end in (1..samples.len()).rev() {
        samples.swap(0, end);
        sift_down(&mut samples[..end], 0);
    }
}

/// Sorts a few values in place (a network has a few dozen cuts at most).
fn insertion_sort(values: &mut [usize]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values[j - 1] > values[j] {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The samples [from, to) on which `b1 + w1·x > 0`, a prefix or a suffix of
/// the sorted `x`.
fn active_range(x: &[f64], w1: f64, b1: f64) -> (usize, usize) {
    let on = |x: &f64| b1 + w1 * x > 0.0;
    if w1 > 0.0 {
        // off, …, off, on, …, on
        (x.partition_point(|v| !on(v)), x.len())
    } else if w1 < 0.0 {
        // on, …, on, off, …, off
        (0, x.partition_point(on))
    } else if b1 > 0.0 {
        (0, x.len())
    } else {
        (0, 0)
    }
}

/// The pass: writes ∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2 into `gradients` and
/// returns the loss. Returns `None` — the caller then makes the elementwise
/// pass — when the layers are not `[1, H, 1]`, a parameter is not finite,
/// or the loss or a gradient came out not finite.
pub(crate) fn loss_and_gradients(
    layers: &[Layer],
    f_output: Activation,
    samples: &Sorted,
    scratch: &mut Scratch,
    gradients: &mut Gradients,
) -> Option<f64> {
    let [l1, l2] = layers else {
        return None;
    };
    let (w1, b1) = (l1.weight.as_slice(), l1.bias.as_slice());
    let (w2, b2) = (l2.weight.as_slice(), l2.bias.as_slice());
    let finite = |s: &[f64]| s.iter().all(|v| v.is_finite());
    let units = w1.len();
    if b1.len() != units || w2.len() != units || b2.len() != 1 {
        return None;
    }
    if !(finite(w1) && finite(b1) && finite(w2) && finite(b2)) {
        return None;
    }
    let b2 = b2[0];
    let (x, y) = (samples.x.as_slice(), samples.y.as_slice());
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    scratch.fit(n);
    let Scratch {
        output,
        prefix_g,
        prefix_gx,
        suffix_g,
        suffix_gx,
        active,
        cuts,
    } = scratch;

    // Which samples each unit is on for, and where the set of units that
    // are on changes.
    active.clear();
    active.extend(w1.iter().zip(b1).map(|(w, b)| active_range(x, *w, *b)));
    // Each unit's range is a prefix or a suffix: it adds one cut at most.
    cuts.clear();
    cuts.extend([0, n]);
    cuts.extend(
        active
            .iter()
            .flat_map(|&(from, to)| [from, to])
            .filter(|&cut| cut != 0 && cut != n),
    );
    insertion_sort(cuts);

    // Forward: between cuts the network is a line, z2 = b2 + (A·x + B).
    for run in cuts.windows(2) {
        let (from, to) = (run[0], run[1]);
        if from == to {
            continue;
        }
        let (mut slope, mut offset) = (0.0, 0.0);
        for (&(lo, hi), ((w1_j, b1_j), w2_j)) in active.iter().zip(w1.iter().zip(b1).zip(w2)) {
            if lo <= from && to <= hi {
                slope += w2_j * w1_j;
                offset += w2_j * b1_j;
            }
        }
        for (z2, x) in output.z2[from..to].iter_mut().zip(&x[from..to]) {
            *z2 = b2 + (slope * x + offset);
        }
    }

    let loss = output.loss(f_output, y);

    // Σ ∂L/∂z2 and Σ ∂L/∂z2·x over every prefix and every suffix
    let g = output.grad_z2.as_slice();
    // (four independent running sums in one loop, from both ends at once).
    prefix_g[0] = 0.0;
    prefix_gx[0] = 0.0;
    suffix_g[n] = 0.0;
    suffix_gx[n] = 0.0;
    let (mut before, mut after) = ((0.0, 0.0), (0.0, 0.0));
    let forward = (prefix_g[1..].iter_mut().zip(&mut prefix_gx[1..])).zip(g.iter().zip(x));
    let backward = (suffix_g[..n].iter_mut().zip(&mut suffix_gx[..n]))
        .zip(g.iter().zip(x))
        .rev();
    for (((pg, pgx), (g, x)), ((sg, sgx), (g_end, x_end))) in forward.zip(backward) {
        before = (before.0 + g, before.1 + g * x);
        after = (after.0 + g_end, after.1 + g_end * x_end);
        (*pg, *pgx) = before;
        (*sg, *sgx) = after;
    }

    let [grad_w1, grad_b1, grad_w2, grad_b2] = gradients.tensors_mut() else {
        return None;
    };
    // ∂L/∂b2 = Σ ∂L/∂z2
    if let Some(gb2) = grad_b2.first_mut() {
        *gb2 = prefix_g[n];
    }
    let units = active.iter().zip(w1.iter().zip(b1).zip(w2));
    let grads = grad_w1
        .iter_mut()
        .zip(grad_b1.iter_mut())
        .zip(grad_w2.iter_mut());
    for ((&(from, to), ((w1_j, b1_j), w2_j)), ((gw1, gb1), gw2)) in units.zip(grads) {
        // Σ ∂L/∂z2 and Σ ∂L/∂z2·x over the unit's active samples
        let (g, gx) = if from == to {
            (0.0, 0.0)
        } else if from == 0 {
            (prefix_g[to], prefix_gx[to])
        } else {
            (suffix_g[from], suffix_gx[from])
        };
        *gb1 = w2_j * g;
        *gw1 = w2_j * gx;
        *gw2 = w1_j * gx + b1_j * g;
    }
    // Near overflow, sums taken in another order overflow differently: leave
    // such a pass to the elementwise one, which adds as PyTorch does.
    let all_finite = loss.is_finite() && gradients.tensors().flatten().all(|g| g.is_finite());
    all_finite.then_some(loss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_on_for_a_prefix_or_a_suffix_of_the_sorted_samples() {
        let x = [-3.0, -1.0, -0.5, 0.0, 0.5, 2.0];
        assert_eq!(active_range(&x, 2.0, 1.0), (3, 6), "on where x > −0.5");
        assert_eq!(active_range(&x, -1.0, 0.0), (0, 3), "on where x < 0");
        assert_eq!(active_range(&x, 0.0, 0.3), (0, 6));
        assert_eq!(active_range(&x, 0.0, 0.0), (0, 0), "z = 0 is off");
        assert_eq!(active_range(&x, 1.0, 0.0), (4, 6), "z = 0 at x = 0 is off");
        assert_eq!(active_range(&x, 1e-300, -1.0), (6, 6));
    }

    #[test]
    fn samples_sort_by_x_whatever_their_order() {
        for n in [0usize, 1, 2, 7, 100, 257] {
            let mut samples: Vec<(f64, f64)> = (0..n)
                .map(|i| (((i * 37) % 11) as f64 - 5.0, i as f64))
                .collect();
            let mut expected = samples.clone();
            expected.sort_by(|a, b| a.0.total_cmp(&b.0));
            heap_sort_by_x(&mut samples);
            let xs = |s: &[(f64, f64)]| s.iter().map(|p| p.0).collect::<Vec<_>>();
            assert_eq!(xs(&samples), xs(&expected), "{n}");
            let mut ys: Vec<f64> = samples.iter().map(|p| p.1).collect();
            ys.sort_by(f64::total_cmp);
            assert_eq!(
                ys,
                (0..n).map(|i| i as f64).collect::<Vec<_>>(),
                "pairs kept"
            );
        }
    }

    #[test]
    fn cuts_are_put_in_order() {
        let mut cuts = [5, 0, 100, 5, 3, 99, 0];
        insertion_sort(&mut cuts);
        assert_eq!(cuts, [0, 0, 3, 5, 5, 99, 100]);
    }

    #[test]
    fn samples_are_sorted_once_and_bad_inputs_are_declined() {
        let sorted = Sorted::new(&[2.0, -1.0, 0.5], &[20.0, -10.0, 5.0]).expect("finite");
        assert_eq!(sorted.x, [-1.0, 0.5, 2.0]);
        assert_eq!(sorted.y, [-10.0, 5.0, 20.0]);
        assert!(Sorted::new(&[1.0, f64::NAN], &[0.0, 0.0]).is_none());
        assert!(Sorted::new(&[], &[]).is_none());
    }
}
