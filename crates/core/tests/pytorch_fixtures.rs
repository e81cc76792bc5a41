//! Replays every PyTorch reference run in `tests/fixtures/*.json` (every
//! optimizer kind, full batch and mini-batches) and checks the losses, one
//! per step, final weights and divergence against PyTorch's float64 run
//! tightly, and the losses against its float32 run loosely.

mod common;

use common::number;
use std::path::Path;

use descent_core::{train, Spec};
use serde_json::Value;

fn close(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    common::close(got, want, rel, want.abs(), abs)
}

#[test]
fn every_fixture_matches_pytorch() {
    let paths = common::fixtures("");
    assert!(paths.len() >= 17, "fixtures found: {paths:?}");
    let mut kinds = std::collections::BTreeSet::new();
    let mut batched = 0;
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("readable");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        let spec = Spec::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let result = train(&spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = &value["expected"];
        kinds.insert(spec.optimizer.kind());
        batched += usize::from(spec.batches.is_some());

        let want: Vec<f64> = expected["loss"]
            .as_array()
            .expect("loss")
            .iter()
            .map(number)
            .collect();
        assert_eq!(result.losses.len(), want.len(), "{name}: number of losses");
        for (epoch, (got, want)) in result.losses.iter().zip(&want).enumerate() {
            assert!(
                close(*got, *want, 1e-9, 0.0),
                "{name}: loss[{epoch}] = {got}, PyTorch {want}"
            );
        }
        // float32 drifts from float64 by about 1e-5 at most while both are finite.
        let f32_losses = expected["loss_f32"].as_array().expect("loss_f32");
        for (step, (got, want)) in result.losses.iter().zip(f32_losses).enumerate() {
            let want = number(want);
            if got.is_finite() && want.is_finite() {
                assert!(
                    close(*got, want, 1e-4, 0.0),
                    "{name}: loss[{step}] = {got}, PyTorch float32 {want}"
                );
            }
        }
        assert_eq!(
            result.diverged,
            expected["diverged"].as_bool().expect("diverged"),
            "{name}: diverged"
        );

        let layers = expected["final"]["layers"].as_array().expect("final");
        assert_eq!(
            layers.len(),
            result.network.layers().len(),
            "{name}: layers"
        );
        for (l, (want, got)) in layers.iter().zip(result.network.layers()).enumerate() {
            for (j, row) in want["weight"]
                .as_array()
                .expect("weight")
                .iter()
                .enumerate()
            {
                for (k, w) in row.as_array().expect("row").iter().enumerate() {
                    let (got, want) = (got.weight[(j, k)], number(w));
                    assert!(
                        close(got, want, 1e-9, 1e-12),
                        "{name}: final layers[{l}].weight[{j}][{k}] = {got}, PyTorch {want}"
                    );
                }
            }
            for (j, b) in want["bias"].as_array().expect("bias").iter().enumerate() {
                let (got, want) = (got.bias[j], number(b));
                assert!(
                    close(got, want, 1e-9, 1e-12),
                    "{name}: final layers[{l}].bias[{j}] = {got}, PyTorch {want}"
                );
            }
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        {
            let mut all = descent_core::OptimizerConfig::KINDS.to_vec();
            all.sort_unstable();
            all
        },
        "every optimizer kind has a fixture"
    );
    assert!(batched >= 3, "mini-batch fixtures: {batched}");
}

/// The chapter's numbers built into the core (`chapter_data.rs`, used by the
/// page and `descent chapter`) are the fixture's, bit for bit.
#[test]
fn the_built_in_chapter_run_is_the_fixtures() {
    use descent_core::chapter_data as chapter;
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed_chapter3.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let fixture: Value = serde_json::from_str(&text).expect("JSON");
    let column = |rows: &Value| -> Vec<f64> {
        rows.as_array()
            .expect("rows")
            .iter()
            .map(|row| number(&row[0]))
            .collect()
    };
    let flat = |values: &Value| -> Vec<f64> {
        values
            .as_array()
            .expect("values")
            .iter()
            .map(number)
            .collect()
    };
    assert_eq!(column(&fixture["data"]["x"]), chapter::X);
    assert_eq!(column(&fixture["data"]["y"]), chapter::Y);
    let layers = &fixture["init"]["layers"];
    assert_eq!(column(&layers[0]["weight"]), chapter::HIDDEN_WEIGHT);
    assert_eq!(flat(&layers[0]["bias"]), chapter::HIDDEN_BIAS);
    assert_eq!(flat(&layers[1]["weight"][0]), chapter::OUTPUT_WEIGHT);
    assert_eq!(flat(&layers[1]["bias"]), chapter::OUTPUT_BIAS);
    assert_eq!(number(&fixture["optimizer"]["lr"]), chapter::LEARNING_RATE);
    assert_eq!(fixture["epochs"].as_u64(), Some(chapter::EPOCHS as u64));
}
