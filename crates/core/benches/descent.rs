//! Speed of gradient-descent stepping on the 1-D curves.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use descent_core::{Curve, Descent};

fn stepping(c: &mut Criterion) {
    for name in Curve::NAMES {
        let curve = Curve::from_name(name).expect("known curve");
        c.bench_function(&format!("descent/{name}/1000 steps"), |b| {
            b.iter_batched_ref(
                || Descent::new(curve.clone(), curve.default_start(), 1e-4),
                |run| black_box(run.step(1000)),
                criterion::BatchSize::SmallInput,
            );
        });
    }
}

// The group is a function criterion_main! calls; criterion gives it no doc.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, stepping);
}
use group::benches;
criterion_main!(benches);
