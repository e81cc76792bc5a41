//! Tests of `network`.
use super::*;
use crate::nn::pass::Workspace;
use crate::nn::Gradients;

/// The chapter's 2-layer sigmoid net on one sample, by hand:
/// z1 = W1·x + b1, a1 = σ(z1), z2 = W2·a1 + b2, ŷ = σ(z2), L = (ŷ − y)².
#[test]
fn sigmoid_chain_rule_by_hand() {
    let sigma = |z: f64| 1.0 / (1.0 + (-z).exp());
    let (w1, b1, w2, b2, x, y) = (0.5, -0.2, 1.5, 0.1, 0.8, 1.0);
    let z1 = w1 * x + b1;
    let a1 = sigma(z1);
    let z2 = w2 * a1 + b2;
    let y_hat = sigma(z2);
    // ∂L/∂ŷ = 2(ŷ − y); ∂L/∂z2 = ∂L/∂ŷ · σ'(z2); ∂L/∂W2 = ∂L/∂z2 · a1
    let d_yhat = 2.0 * (y_hat - y);
    let d_z2 = d_yhat * y_hat * (1.0 - y_hat);
    let d_w2 = d_z2 * a1;
    // ∂L/∂a1 = ∂L/∂z2 · W2; ∂L/∂z1 = ∂L/∂a1 · σ'(z1); ∂L/∂W1 = ∂L/∂z1 · x
    let d_z1 = d_z2 * w2 * a1 * (1.0 - a1);
    let d_w1 = d_z1 * x;

    let network = Network::new(
        vec![
            Layer::new(
                DMatrix::from_element(1, 1, w1),
                DVector::from_element(1, b1),
            ),
            Layer::new(
                DMatrix::from_element(1, 1, w2),
                DVector::from_element(1, b2),
            ),
        ],
        Activation::Sigmoid,
        Activation::Sigmoid,
    )
    .expect("chains");
    let trace = network
        .trace(
            &DMatrix::from_element(1, 1, x),
            &DMatrix::from_element(1, 1, y),
        )
        .expect("fits");
    let close = |a: f64, b: f64| (a - b).abs() < 1e-15;
    assert!(close(trace.loss(), (y_hat - y).powi(2)));
    assert!(close(trace.layers()[1].z()[0], z2));
    assert!(close(trace.layers()[0].a()[0], a1));
    assert!(close(trace.layers()[1].grad_weight()[0], d_w2));
    assert!(close(trace.layers()[1].grad_bias()[0], d_z2));
    assert!(close(trace.layers()[0].grad_weight()[0], d_w1));
    assert!(close(trace.layers()[0].grad_bias()[0], d_z1));
}

/// A `[1, units, 1]` network, data and the general pass's loss and gradients.
fn case(
    units: usize,
    samples: usize,
    seed: u64,
    hidden: Activation,
    output: Activation,
) -> (Network, DMatrix<f64>, DMatrix<f64>, f64, Gradients) {
    let network = Network::seeded(&[1, units, 1], hidden, output, seed).expect("ok");
    let x = DMatrix::from_fn(samples, 1, |i, _| (i as f64 * 0.7).sin() * 3.0);
    let y = DMatrix::from_fn(samples, 1, |i, _| (i as f64 * 0.3).cos());
    let mut general = Trace::new(network.layers(), samples);
    let loss = network.general_forward_backward(&x, &y, &mut general);
    (network, x, y, loss, Gradients::of(&general))
}

const CASES: [(usize, usize, u64); 5] =
    [(10, 100, 42), (3, 8, 1), (7, 13, 2), (1, 5, 3), (4, 1, 4)];
const OUTPUTS: [Activation; 3] = [Activation::Identity, Activation::Sigmoid, Activation::Relu];

#[test]
fn the_training_pass_agrees_with_the_general_one_to_rounding() {
    // ReLU networks take the sweep over sorted samples, the others the
    // general pass itself; either way the numbers are the general pass's.
    for (units, samples, seed) in CASES {
        for hidden in Activation::ALL {
            for output in OUTPUTS {
                let (network, x, y, loss, expected) = case(units, samples, seed, hidden, output);
                let mut workspace = Workspace::new(&network, &x, &y);
                let got = workspace.pass(&network, &x, &y);
                let case = format!("{units} {samples} {hidden:?} {output:?}");
                assert!(
                    (got - loss).abs() <= 1e-14 * loss.abs(),
                    "loss {case}: {got} vs {loss}"
                );
                let scale = expected
                    .tensors()
                    .flatten()
                    .fold(0.0f64, |m, g| m.max(g.abs()));
                for (g, e) in workspace
                    .gradients()
                    .tensors()
                    .flatten()
                    .zip(expected.tensors().flatten())
                {
                    assert!((g - e).abs() <= 1e-13 * scale, "{case}: {g} vs {e}");
                }
            }
        }
    }
}

#[test]
fn the_sweep_leaves_parameters_that_are_not_finite_to_the_elementwise_pass() {
    let (mut network, x, y, _, _) = case(10, 100, 42, Activation::Relu, Activation::Identity);
    let mut workspace = Workspace::new(&network, &x, &y);
    for bad in [f64::NAN, f64::INFINITY] {
        network.set_weight(1, 0, 3, bad);
        let loss = workspace.pass(&network, &x, &y);
        let mut general = Trace::new(network.layers(), 100);
        let expected = network.general_forward_backward(&x, &y, &mut general);
        assert_eq!(loss.is_nan(), expected.is_nan(), "{bad}");
        assert_eq!(
            loss.to_bits(),
            expected.to_bits(),
            "{bad}: as the elementwise pass"
        );
    }
}

#[test]
fn shapes_are_checked_in_the_networks_terms() {
    let bad = Network::new(
        vec![Layer::zeros(1, 10), Layer::zeros(3, 1)],
        Activation::Relu,
        Activation::Identity,
    );
    let message = bad.as_ref().map(|_| ()).err().map(ToString::to_string);
    assert_eq!(
        message.as_deref(),
        Some("layer 1 weight: expected 1×10, got 1×3")
    );
    assert_eq!(
        bad.err(),
        Some(ShapeError::Unchained {
            layer: 1,
            outputs: 1,
            expected: 10,
            got: 3
        })
    );
    let network = Network::chapter();
    assert_eq!(
        network.predict(&DMatrix::zeros(4, 2)).err(),
        Some(ShapeError::InputWidth {
            expected: 1,
            got: 2
        })
    );
    assert_eq!(
        network.predict(&DMatrix::zeros(0, 1)).err(),
        Some(ShapeError::NoSamples)
    );
    assert_eq!(
        network
            .predict(&DMatrix::zeros(4, 1))
            .map(|p| p.shape())
            .ok(),
        Some((4, 1))
    );
}

#[test]
fn seeded_follows_the_pytorch_recipe() {
    let a = Network::seeded(&[3, 5, 2], Activation::Tanh, Activation::Identity, 7).expect("ok");
    let b = Network::seeded(&[3, 5, 2], Activation::Tanh, Activation::Identity, 7).expect("ok");
    assert_eq!(a, b);
    assert_eq!(a.sizes(), vec![3, 5, 2]);
    for layer in a.layers() {
        let bound = 1.0 / (layer.inputs() as f64).sqrt();
        assert!(layer
            .weight
            .iter()
            .chain(layer.bias.iter())
            .all(|w| w.abs() <= bound));
    }
    let chapter = Network::seeded(&[1, 10, 1], Activation::Relu, Activation::Identity, 42);
    assert_eq!(chapter.ok(), Some(Network::chapter()));
    assert!(Network::seeded(&[1], Activation::Relu, Activation::Identity, 1).is_err());
    assert!(Network::seeded(&[1, 0, 1], Activation::Relu, Activation::Identity, 1).is_err());
}

mod training_pass {
    use super::*;
    use proptest::prelude::*;

    /// A weight, often a round number (0 and repeated values put kinks on samples).
    fn weight() -> impl Strategy<Value = f64> {
        prop_oneof![
            -2.0f64..2.0,
            prop::sample::select(vec![0.0, 0.5, -0.5, 1.0, -1.0])
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Whichever pass a training epoch takes (the sweep over sorted
        /// samples for ReLU, the general one otherwise), its loss and
        /// gradients are the general pass's to rounding.
        #[test]
        fn agrees_with_the_general_pass(
            units in 1usize..=12,
            hidden in prop::sample::select(Activation::ALL.to_vec()),
            output in prop::sample::select(vec![Activation::Identity, Activation::Sigmoid, Activation::Tanh]),
            params in prop::collection::vec(weight(), 3 * 12 + 1),
            xs in prop::collection::vec(prop_oneof![-3.0f64..3.0, prop::sample::select(vec![0.0, 1.0, -1.0, 2.0])], 1..60),
            seed in 0u64..1000,
        ) {
            let layers = vec![
                Layer::new(
                    DMatrix::from_column_slice(units, 1, &params[..units]),
                    DVector::from_column_slice(&params[units..2 * units]),
                ),
                Layer::new(
                    DMatrix::from_row_slice(1, units, &params[2 * units..3 * units]),
                    DVector::from_element(1, params[3 * units]),
                ),
            ];
            let network = Network::new(layers, hidden, output).expect("[1, H, 1]");
            let n = xs.len();
            let x = DMatrix::from_column_slice(n, 1, &xs);
            let y = DMatrix::from_fn(n, 1, |i, _| ((i as u64 * 7 + seed) % 13) as f64 / 6.5 - 1.0);
            let mut general = Trace::new(network.layers(), n);
            let expected = network.general_forward_backward(&x, &y, &mut general);
            let mut workspace = Workspace::new(&network, &x, &y);
            let loss = workspace.pass(&network, &x, &y);
            prop_assert!((loss - expected).abs() <= 1e-13 * expected.abs().max(1e-300), "loss {} vs {}", loss, expected);
            let want = Gradients::of(&general);
            let scale = want.tensors().flatten().fold(0.0f64, |m, g| m.max(g.abs()));
            for (g, e) in workspace.gradients().tensors().flatten().zip(want.tensors().flatten()) {
                prop_assert!((g - e).abs() <= 1e-12 * scale, "{} vs {} (scale {})", g, e, scale);
            }
        }
    }
}
