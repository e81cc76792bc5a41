//! Backpropagation agrees with central finite differences of the loss, for
//! random networks (1–4 layers, widths 1–5, any activations), inputs and
//! weights.

use descent_core::{Activation, Layer, Network};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// How close to a ReLU kink a pre-activation may be before finite
/// differences stop meaning anything there.
const KINK_MARGIN: f64 = 1e-4;
const H: f64 = 1e-6;

fn activation() -> impl Strategy<Value = Activation> {
    prop::sample::select(Activation::ALL.to_vec())
}

/// (sizes, hidden, output, samples, flat parameters, flat x, flat y)
type Case = (
    Vec<usize>,
    Activation,
    Activation,
    usize,
    Vec<f64>,
    Vec<f64>,
    Vec<f64>,
);

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(1usize..=5, 2..=5),
        activation(),
        activation(),
        1usize..=4,
    )
        .prop_flat_map(|(sizes, hidden, output, samples)| {
            let parameters: usize = sizes.windows(2).map(|p| p[0] * p[1] + p[1]).sum();
            let n_in = sizes[0];
            let n_out = sizes[sizes.len() - 1];
            (
                Just(sizes),
                Just(hidden),
                Just(output),
                Just(samples),
                prop::collection::vec(-1.5f64..1.5, parameters),
                prop::collection::vec(-2.0f64..2.0, samples * n_in),
                prop::collection::vec(-1.0f64..1.0, samples * n_out),
            )
        })
}

fn build(sizes: &[usize], hidden: Activation, output: Activation, flat: &[f64]) -> Network {
    let mut rest = flat;
    let layers = sizes
        .windows(2)
        .map(|pair| {
            let (inputs, outputs) = (pair[0], pair[1]);
            let (w, tail) = rest.split_at(inputs * outputs);
            let (b, tail) = tail.split_at(outputs);
            rest = tail;
            Layer::new(
                DMatrix::from_row_slice(outputs, inputs, w),
                DVector::from_column_slice(b),
            )
        })
        .collect();
    Network::new(layers, hidden, output).expect("chained layers")
}

fn loss(network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) -> f64 {
    network.trace(x, y).expect("fits").loss()
}

/// Whether some ReLU pre-activation sits within the margin of its kink.
fn near_kink(network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) -> bool {
    let trace = network.trace(x, y).expect("fits");
    trace.layers().iter().enumerate().any(|(l, layer)| {
        network.activation(l) == Activation::Relu && layer.z().iter().any(|z| z.abs() < KINK_MARGIN)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn backprop_matches_central_differences(
        (sizes, hidden, output, samples, params, xs, ys) in case()
    ) {
        let network = build(&sizes, hidden, output, &params);
        let x = DMatrix::from_row_slice(samples, sizes[0], &xs);
        let y = DMatrix::from_row_slice(samples, sizes[sizes.len() - 1], &ys);
        prop_assume!(!near_kink(&network, &x, &y));
        let trace = network.trace(&x, &y).expect("fits");

        for (l, layer) in network.layers().iter().enumerate() {
            let grads = &trace.layers()[l];
            for j in 0..layer.outputs() {
                for k in 0..layer.inputs() {
                    let w = layer.weight[(j, k)];
                    let mut plus = network.clone();
                    let mut minus = network.clone();
                    prop_assert!(plus.set_weight(l, j, k, w + H) && minus.set_weight(l, j, k, w - H));
                    // A step may cross a kink: skip that one comparison.
                    if near_kink(&plus, &x, &y) || near_kink(&minus, &x, &y) {
                        continue;
                    }
                    let numeric = (loss(&plus, &x, &y) - loss(&minus, &x, &y)) / (2.0 * H);
                    let analytic = grads.grad_weight()[(j, k)];
                    prop_assert!(
                        (numeric - analytic).abs() <= 1e-6 * (1.0 + analytic.abs()),
                        "∂L/∂W{}[{},{}]: backprop {} vs numeric {}", l, j, k, analytic, numeric
                    );
                }
                let b = layer.bias[j];
                let mut plus = network.clone();
                let mut minus = network.clone();
                prop_assert!(plus.set_bias(l, j, b + H) && minus.set_bias(l, j, b - H));
                if near_kink(&plus, &x, &y) || near_kink(&minus, &x, &y) {
                    continue;
                }
                let numeric = (loss(&plus, &x, &y) - loss(&minus, &x, &y)) / (2.0 * H);
                let analytic = grads.grad_bias()[j];
                prop_assert!(
                    (numeric - analytic).abs() <= 1e-6 * (1.0 + analytic.abs()),
                    "∂L/∂b{}[{}]: backprop {} vs numeric {}", l, j, analytic, numeric
                );
            }
        }
    }
}
