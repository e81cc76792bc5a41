//! Tests of `training`.

use super::*;

#[test]
fn chapter_prints_the_chapters_losses() {
    let mut training = Training::chapter();
    let mut printed = Vec::new();
    for epoch in 1..=chapter_data::EPOCHS {
        let loss = training.epoch().unwrap_or(f64::NAN);
        if epoch % 20 == 0 {
            printed.push(format!("Epoch {epoch}, Loss: {loss:.4}"));
        }
    }
    assert_eq!(
        printed,
        [
            "Epoch 20, Loss: 1.2027",
            "Epoch 40, Loss: 1.0303",
            "Epoch 60, Loss: 0.9236",
            "Epoch 80, Loss: 0.8581",
            "Epoch 100, Loss: 0.8179"
        ]
    );
}

#[test]
fn a_large_learning_rate_stops_without_panicking() {
    let mut training = Training::chapter();
    training.set_learning_rate(0.05);
    let done = training.step(1000);
    assert!(done < 1000);
    assert!(training.diverged() && training.halted());
    assert!(training.loss().is_some_and(|l| !l.is_finite()));
    assert_eq!(training.step(5), 0);
    training.reset();
    training.set_learning_rate(0.01);
    assert_eq!(training.step(10), 10);
    assert!(!training.diverged());
}

#[test]
fn history_stays_bounded() {
    let mut training = Training::chapter_seeded(3, OptimizerConfig::adam(0.01));
    training.step(5000);
    assert!(training.history().buckets().len() <= training.history().capacity());
    assert_eq!(
        training.history().first(),
        Some(training.history().buckets()[0].first)
    );
    assert!(training.loss().is_some_and(|l| l < 5.0));
}

/// The chapter's session in batches of `size`, each epoch in the order
/// (7·i + epoch) mod 100.
fn chapter_in_batches(size: usize, epochs: usize, optimizer: OptimizerConfig) -> Training {
    let orders = (0..epochs)
        .map(|e| (0..100).map(|i| (7 * i + e) % 100).collect())
        .collect();
    let batches = Batches::new(size, orders, 100).expect("permutations");
    Training::chapter_seeded(42, optimizer)
        .with_batches(batches)
        .expect("100 samples")
}

#[test]
fn mini_batches_take_one_step_per_batch_on_the_batch_alone() {
    let mut training = chapter_in_batches(30, 2, OptimizerConfig::sgd(0.001));
    assert_eq!(training.steps_per_epoch(), 4);
    let order: Vec<usize> = training
        .batches()
        .map(|b| b.orders()[0].clone())
        .unwrap_or_default();
    let mut network = training.network().clone();
    let mut optimizer = Optimizer::new(OptimizerConfig::sgd(0.001), &network);
    for (step, batch) in order.chunks(30).enumerate() {
        let rows = |m: &DMatrix<f64>| DMatrix::from_fn(batch.len(), 1, |r, _| m[(batch[r], 0)]);
        let trace = network
            .trace(&rows(training.x()), &rows(training.y()))
            .expect("fits");
        let want = trace.loss();
        optimizer.step(&mut network, &Gradients::of(&trace));
        let got = training.update().unwrap_or(f64::NAN);
        assert!(
            (got - want).abs() <= 1e-12 * want,
            "step {step}: {got} ≠ {want}"
        );
        assert_eq!(training.epochs(), 1);
        for (a, b) in training.network().layers().iter().zip(network.layers()) {
            assert!((&a.weight - &b.weight).amax() < 1e-12);
        }
    }
    // The last batch had 10 samples; the next step begins epoch 2.
    assert_eq!(training.steps(), 4);
    training.update();
    assert_eq!((training.steps(), training.epochs()), (5, 2));
    assert_eq!(training.epoch().map(f64::is_finite), Some(true));
    assert_eq!((training.steps(), training.epochs()), (8, 2));
}

#[test]
fn mini_batches_cycle_reset_and_run_whole_epochs() {
    let run = chapter_in_batches(20, 3, OptimizerConfig::adam(0.01)).run(3);
    assert_eq!(run.losses.len(), 15);
    let mut training = chapter_in_batches(20, 3, OptimizerConfig::adam(0.01));
    assert_eq!(training.step(15), 15);
    assert_eq!(training.network(), &run.network);
    // Past the last order, the orders start again.
    assert_eq!(training.step(10), 10);
    assert_eq!(training.epochs(), 5);
    training.reset();
    assert_eq!((training.steps(), training.epochs()), (0, 0));
    let again = training.run(3);
    assert_eq!(again.losses, run.losses);
}

#[test]
fn mini_batches_stop_at_the_first_non_finite_loss() {
    let mut training = chapter_in_batches(7, 50, OptimizerConfig::sgd(0.5));
    let done = training.step(10_000);
    assert!(done < 50 * 15, "{done}");
    assert!(training.halted() && training.diverged());
    assert!(training.loss().is_some_and(|l| !l.is_finite()));
    assert_eq!(training.update(), None);
    assert_eq!(training.epoch(), None);
}

#[test]
fn one_batch_of_everything_in_order_is_full_batch() {
    // A [1, 3, 2, 1] network takes the general pass either way: the same
    // numbers to the last bit.
    let x = DMatrix::from_fn(12, 1, |i, _| i as f64 / 4.0 - 1.5);
    let y = x.map(f64::sin);
    let network =
        Network::seeded(&[1, 3, 2, 1], Activation::Tanh, Activation::Identity, 9).expect("sizes");
    let config = OptimizerConfig::rmsprop(0.01);
    let full = Training::new(network.clone(), config, x.clone(), y.clone()).expect("fits");
    let batches = Batches::new(100, vec![(0..12).collect(); 20], 12).expect("in order");
    let batched = Training::new(network, config, x, y)
        .map(|t| t.with_batches(batches).expect("12 samples"))
        .expect("fits");
    let (full, batched) = (full.run(20), batched.run(20));
    assert_eq!(full.losses, batched.losses);
    assert_eq!(full.network, batched.network);
}

#[test]
fn batches_are_checked() {
    let n = 5;
    let cases = [
        (0, vec![vec![0, 1, 2, 3, 4]], "must be at least 1"),
        (
            2,
            vec![vec![0, 1, 2, 3, 4], vec![0, 1, 2, 3]],
            "order[1]: not a permutation of 0..4 (4 indices for 5 samples)",
        ),
        (
            2,
            vec![vec![0, 1, 2, 3, 5]],
            "order[0]: not a permutation of 0..4 (5 is out of range)",
        ),
        (
            2,
            vec![vec![0, 1, 3, 3, 4]],
            "order[0]: not a permutation of 0..4 (3 appears twice)",
        ),
    ];
    for (size, orders, expected) in cases {
        assert_eq!(
            Batches::new(size, orders, n)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(expected.to_owned())
        );
    }
    let other = Batches::new(2, vec![vec![1, 0]], 2).expect("valid");
    assert_eq!(
        Training::chapter()
            .with_batches(other)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err("made for 2 samples, the data has 100".to_owned())
    );
}

#[test]
fn shuffled_batches_are_permutations_fixed_by_their_seed() {
    let batches = Batches::shuffled(20, 50, 4, 7).expect("valid");
    assert_eq!(batches.orders().len(), 4);
    assert_eq!(batches.steps_per_epoch(), 3);
    for order in batches.orders() {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }
    assert_ne!(batches.orders()[0], batches.orders()[1]);
    assert_eq!(batches, Batches::shuffled(20, 50, 4, 7).expect("valid"));
    assert_ne!(batches, Batches::shuffled(20, 50, 4, 8).expect("valid"));
    assert_eq!(Batches::shuffled(0, 50, 4, 7), Err(BatchError::ZeroSize));
}
