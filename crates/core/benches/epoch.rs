//! Speed of one full-batch training epoch (forward + backward + optimizer
//! update): the chapter's network, 1 → 10 ReLU → 1 on 100 samples, and the
//! playground's 1 → 64 → 64 → 1 tanh on 1 000 points of its sine data set
//! (the networks tests/bench/tfjs.mjs times against TensorFlow.js).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use descent_core::scenes::training::playground::Playground;
use descent_core::{Activation, DataKind, DataRecipe, OptimizerConfig, Training};

/// The playground at data=sine, points=1000, layers=2, width=64, act=tanh
/// (noise 1, seed 42, full batch) with optimizer `name` at η.
fn tanh_64_64(name: &str, learning_rate: f64) -> Training {
    let setup = Playground {
        data: DataRecipe {
            kind: DataKind::Sine,
            points: 1000,
            noise: 1.0,
            outlier: false,
            seed: 42,
        },
        layers: 2,
        width: 64,
        activation: Activation::Tanh,
        optimizer: name.to_owned(),
        learning_rate,
        decay: None,
        batch: None,
        seed: 42,
    };
    match setup.training() {
        Ok(training) => training,
        Err(e) => panic!("the playground's settings: {e}"),
    }
}

fn epoch(c: &mut Criterion) {
    let mut training = Training::chapter();
    c.bench_function(
        "training/chapter 1-10-1 relu, 100 samples/1 epoch sgd",
        |b| b.iter(|| black_box(training.epoch())),
    );
    let mut training = Training::chapter_seeded(42, OptimizerConfig::adam(0.01));
    c.bench_function(
        "training/chapter 1-10-1 relu, 100 samples/1 epoch adam",
        |b| b.iter(|| black_box(training.epoch())),
    );
    let mut training = tanh_64_64("sgd", 0.01);
    c.bench_function(
        "training/playground 1-64-64-1 tanh, 1000 samples/1 epoch sgd",
        |b| b.iter(|| black_box(training.epoch())),
    );
    let mut training = tanh_64_64("adam", 0.01);
    c.bench_function(
        "training/playground 1-64-64-1 tanh, 1000 samples/1 epoch adam",
        |b| b.iter(|| black_box(training.epoch())),
    );
}

// The group is a function criterion_main! calls; criterion gives it no doc.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, epoch);
}
use group::benches;
criterion_main!(benches);
