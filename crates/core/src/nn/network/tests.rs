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

#[test]
fn the_fused_pass_equals_the_general_one_bit_for_bit() {
    for (units, samples, seed) in [(10, 100, 42), (3, 8, 1), (7, 13, 2), (1, 5, 3), (4, 1, 4)] {
        for hidden in Activation::ALL {
            for output in [Activation::Identity, Activation::Sigmoid, Activation::Relu] {
                let network = Network::seeded(&[1, units, 1], hidden, output, seed).expect("ok");
                let x = DMatrix::from_fn(samples, 1, |i, _| (i as f64 * 0.7).sin() * 3.0);
                let y = DMatrix::from_fn(samples, 1, |i, _| (i as f64 * 0.3).cos());
                let mut fused = Workspace::new(&network, samples);
                let mut general = Trace::new(&network, samples);
                let a = fused.pass(&network, &x, &y);
                let b = network.general_forward_backward(&x, &y, &mut general);
                let case = format!("{units} {samples} {hidden:?} {output:?}");
                assert_eq!(a.to_bits(), b.to_bits(), "loss {case}");
                let bits = |g: &Gradients| -> Vec<u64> {
                    g.tensors().flatten().map(|v| v.to_bits()).collect()
                };
                assert_eq!(
                    bits(fused.gradients()),
                    bits(&Gradients::of(&general)),
                    "{case}"
                );
                if units == 10 {
                    let moving = fused.gradients().tensors().flatten().filter(|g| **g != 0.0);
                    assert!(
                        moving.count() > 10,
                        "{case}: a pass that computes something"
                    );
                }
            }
        }
    }
}

#[test]
fn shapes_are_checked_with_field_paths() {
    let bad = Network::new(
        vec![Layer::zeros(1, 10), Layer::zeros(3, 1)],
        Activation::Relu,
        Activation::Identity,
    );
    let message = bad.map(|_| ()).err().map(|e| e.to_string());
    assert_eq!(
        message.as_deref(),
        Some("init.layers[1].weight: expected 1×10, got 1×3")
    );
    let network = Network::chapter();
    assert!(network.predict(&DMatrix::zeros(4, 2)).is_err());
    assert!(network.predict(&DMatrix::zeros(0, 1)).is_err());
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
