//! Replays every PyTorch run in `tests/fixtures/formulas/*.json` (made by
//! `tests/fixtures/generate_formulas.py`: torch.optim on one float64 tensor
//! of the parameters) with the core's formulas, landscapes and optimizers,
//! and checks every point, every loss and the divergence flag.

mod common;

use common::number;

use descent_core::{Landscape, OptimizerConfig, Runner};
use serde_json::Value;

/// Relative agreement asked of every number (PyTorch's autograd and the
/// core's dual numbers round differently in the last bits).
const RELATIVE: f64 = 1e-12;

/// `scale` is the size of the numbers around (a coordinate passing near 0
/// is compared to the run's scale, not to itself).
fn close(got: f64, want: f64, scale: f64) -> bool {
    common::close(got, want, RELATIVE, want.abs().max(scale), 0.0)
}

fn config(optimizer: &Value) -> OptimizerConfig {
    let lr = optimizer["lr"].as_f64().expect("lr");
    match optimizer["kind"].as_str().expect("kind") {
        "sgd" => OptimizerConfig::sgd(lr),
        "momentum" => OptimizerConfig::momentum(
            lr,
            optimizer["momentum"].as_f64().expect("momentum"),
            optimizer["nesterov"].as_bool().expect("nesterov"),
        ),
        "adam" => OptimizerConfig::Adam(descent_core::nn::optimizer::Adam {
            beta1: optimizer["betas"][0].as_f64().expect("beta1"),
            beta2: optimizer["betas"][1].as_f64().expect("beta2"),
            eps: optimizer["eps"].as_f64().expect("eps"),
            ..descent_core::nn::optimizer::Adam::new(lr)
        }),
        other => panic!("unknown optimizer {other}"),
    }
}

fn landscape(fixture: &Value) -> Landscape {
    match (fixture["formula"].as_str(), fixture["landscape"].as_str()) {
        (Some(text), _) => Landscape::formula(text).unwrap_or_else(|e| panic!("{text}: {e}")),
        (None, Some(name)) => Landscape::from_name(name).expect("a built-in landscape"),
        _ => panic!("a formula or a landscape"),
    }
}

#[test]
fn every_formula_run_matches_pytorch() {
    let paths = common::fixtures("formulas");
    assert!(paths.len() >= 6, "fixtures found: {paths:?}");
    let (mut runs, mut optimizers) = (0, std::collections::BTreeSet::new());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable");
        let fixture: Value = serde_json::from_str(&text).expect("JSON");
        let name = fixture["name"].as_str().expect("name").to_owned();
        let landscape = landscape(&fixture);
        let dims = fixture["dims"].as_u64().expect("dims") as usize;
        assert_eq!(landscape.dims().count(), dims, "{name}: dims");
        let start: Vec<f64> = fixture["start"]
            .as_array()
            .expect("start")
            .iter()
            .map(number)
            .collect();
        let start = [start[0], start.get(1).copied().unwrap_or(0.0)];
        let steps = fixture["steps"].as_u64().expect("steps");
        for spec in fixture["runs"].as_array().expect("runs") {
            let config = config(&spec["optimizer"]);
            let expected = &spec["expected"];
            let label = format!("{name} {config:?}");
            let mut run = Runner::new(landscape.clone(), start, config);
            run.step(steps);

            let losses: Vec<f64> = expected["loss"]
                .as_array()
                .expect("loss")
                .iter()
                .map(number)
                .collect();
            assert_eq!(run.losses().len(), losses.len(), "{label}: how many losses");
            let loss_scale = losses[0].abs();
            for (k, (got, want)) in run.losses().iter().zip(&losses).enumerate() {
                assert!(
                    close(*got, *want, 1e-3 * loss_scale),
                    "{label}: loss[{k}] = {got}, PyTorch {want}"
                );
            }
            let points = expected["trajectory"].as_array().expect("trajectory");
            let scale = start[0].abs().max(start[1].abs()).max(1.0);
            for (k, (got, want)) in run.trajectory().iter().zip(points).enumerate() {
                let want = want.as_array().expect("point");
                assert_eq!(want.len(), dims);
                for (i, want) in want.iter().enumerate() {
                    let want = number(want);
                    assert!(
                        close(got[i], want, scale),
                        "{label}: trajectory[{k}][{i}] = {}, PyTorch {want}",
                        got[i]
                    );
                }
            }
            assert_eq!(
                run.diverged(),
                expected["diverged"].as_bool().expect("diverged"),
                "{label}: diverged"
            );
            runs += 1;
            optimizers.insert(match config {
                OptimizerConfig::Momentum(m) if m.nesterov => "nesterov",
                other => other.kind(),
            });
        }
    }
    assert!(runs >= 20, "{runs} runs");
    assert_eq!(
        optimizers.len(),
        4,
        "SGD, momentum, Nesterov and Adam: {optimizers:?}"
    );
}
