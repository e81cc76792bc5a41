//! Speed of one full-batch training epoch (forward + backward + SGD update)
//! of the chapter's network: 1 → 10 ReLU → 1 on 100 samples.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use descent_core::{OptimizerConfig, Training};

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
}

// The group is a function criterion_main! calls; criterion gives it no doc.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, epoch);
}
use group::benches;
criterion_main!(benches);
