//! The playground's data sets are learnable: the chapter's network at a
//! sensible learning rate fits each of them visibly.

use descent_core::datasets::{DataKind, DataRecipe};
use descent_core::{Activation, Network, OptimizerConfig, Training};

/// The last loss of the chapter's 1 → 10 ReLU → 1 network (seed 42)
/// trained on `kind` (100 points, σ = 0.3) with `optimizer`, and var(y).
fn fit(kind: DataKind, optimizer: OptimizerConfig, epochs: u64) -> (f64, f64) {
    let data = DataRecipe {
        noise: 0.3,
        ..DataRecipe::new(kind)
    }
    .generate()
    .expect("in range");
    let mean = data.ys().iter().sum::<f64>() / 100.0;
    let variance = data.ys().iter().map(|y| (y - mean).powi(2)).sum::<f64>() / 100.0;
    let network =
        Network::seeded(&[1, 10, 1], Activation::Relu, Activation::Identity, 42).expect("sizes");
    let training =
        Training::new(network, optimizer, data.x_matrix(), data.y_matrix()).expect("shapes");
    let result = training.run(epochs);
    assert!(!result.diverged, "{kind:?}");
    (result.losses[result.losses.len() - 1], variance)
}

#[test]
fn the_chapters_network_fits_every_kind() {
    // What predicting the mean would leave is var(y); the network does
    // much better, with the chapter's SGD η = 0.01 as well as with Adam.
    for kind in DataKind::ALL {
        let (sgd, variance) = fit(kind, OptimizerConfig::sgd(0.01), 1000);
        assert!(
            sgd < 0.15 * variance,
            "{kind:?}: SGD {sgd}, var(y) {variance}"
        );
        let (adam, _) = fit(kind, OptimizerConfig::adam(0.01), 500);
        assert!(
            adam < 0.07 * variance,
            "{kind:?}: Adam {adam}, var(y) {variance}"
        );
    }
}
