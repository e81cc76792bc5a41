//! Speed of learning-rate sweeps: 200 log-spaced η × 200 steps on typed
//! formulas and a built-in surface (the page's budget is 20 ms in wasm),
//! and the chapter's network over 50 η × 100 epochs.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use descent_core::sweep::{self, log_spaced};
use descent_core::{Landscape, OptimizerConfig, Spec};

const FORMULAS: [(&str, &str); 3] = [
    ("bumpy curve", "w^4/4 - w^2 + 0.35*w + 1.6 + sin(5*w)/10"),
    ("rosenbrock formula", "(1 - w)^2 + 10*(b - w^2)^2"),
    (
        "chapter mse formula",
        "24.17*w^2 + 0.598*w*b + b^2 - 9.67*w - 3.27*b + 4.6",
    ),
];

fn sweeps(c: &mut Criterion) {
    let rates = log_spaced(1e-4, 1.0, 200);
    let mut landscapes: Vec<(String, Landscape)> = FORMULAS
        .iter()
        .map(|(name, text)| {
            (
                (*name).to_owned(),
                Landscape::formula(text).expect("parses"),
            )
        })
        .collect();
    landscapes.push((
        "rosenbrock built-in".to_owned(),
        Landscape::from_name("rosenbrock").expect("known"),
    ));
    for (name, landscape) in &landscapes {
        let start = landscape.default_start();
        for config in [OptimizerConfig::sgd(0.0), OptimizerConfig::adam(0.0)] {
            c.bench_function(
                &format!("sweep/{name}/{} 200 η × 200 steps", config.kind()),
                |b| b.iter(|| black_box(sweep::landscape(landscape, start, config, 200, &rates))),
            );
        }
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed_chapter3.json"
    );
    let spec = Spec::from_json(&std::fs::read_to_string(path).expect("fixture")).expect("spec");
    let rates = log_spaced(0.01, 0.1, 50);
    c.bench_function("sweep/chapter network/50 η × 100 epochs", |b| {
        b.iter(|| black_box(sweep::training(&spec, &rates)));
    });
}

// The group is a function criterion_main! calls; criterion gives it no doc.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, sweeps);
}
use group::benches;
criterion_main!(benches);
