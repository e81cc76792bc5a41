//! The PyTorch export against real PyTorch: for each case in
//! `tests/fixtures/export/` the spec file, the script made from it and
//! what torch 2.15.0 printed running that script (`run.sh` there records
//! them). The spec and the script must be what the core makes today, byte
//! for byte, and the core's own run of the spec must print what torch
//! printed: the float64 runs to every printed digit; the chapter's float32
//! run prints the chapter's own five lines.
//!
//! With `DESCENT_RECORD_EXPORT=1` the specs and scripts are written
//! instead of compared (the first step of `run.sh`).

use std::path::{Path, PathBuf};

use descent_core::datasets::{DataKind, DataRecipe};
use descent_core::export::pytorch::{expected_output, script, Dtype, ScriptOptions};
use descent_core::{Activation, Batches, Init, Network, OptimizerConfig, Spec};
use serde_json::{json, Value};

/// What the chapter's program prints (its float32 run).
const CHAPTER_OUTPUT: &str = "Epoch 20, Loss: 1.2027\nEpoch 40, Loss: 1.0303\n\
                              Epoch 60, Loss: 0.9236\nEpoch 80, Loss: 0.8581\n\
                              Epoch 100, Loss: 0.8179\n";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/export")
}

fn recording() -> bool {
    std::env::var_os("DESCENT_RECORD_EXPORT").is_some_and(|v| v == "1")
}

/// A recorded case: a spec, where its data came from, and the dtypes its
/// script was run in.
struct Case {
    name: &'static str,
    spec: Spec,
    data: DataRecipe,
    dtypes: &'static [Dtype],
}

/// The sine case: 200 points of 5·sin(x/2) with σ = 0.3, 1 → 16 → 16 → 1
/// tanh from this crate's seed 42, Adam η = 0.01, mini-batches of 20
/// shuffled from seed 42, 60 epochs.
fn sine_adam() -> Case {
    let data = DataRecipe {
        kind: DataKind::Sine,
        points: 200,
        noise: 0.3,
        outlier: false,
        seed: 42,
    };
    let set = data.generate().expect("in range");
    let layers = vec![1, 16, 16, 1];
    let network =
        Network::seeded(&layers, Activation::Tanh, Activation::Identity, 42).expect("sizes");
    Case {
        name: "sine_adam",
        spec: Spec {
            name: Some("sine_adam".to_owned()),
            layers,
            hidden_activation: Activation::Tanh,
            output_activation: Activation::Identity,
            optimizer: OptimizerConfig::adam(0.01),
            epochs: 60,
            batches: Some(Batches::shuffled(20, 200, 60, 42).expect("valid")),
            x: set.x_matrix(),
            y: set.y_matrix(),
            init: Init::Layers(network.layers().to_vec()),
            ..Spec::chapter()
        },
        data,
        dtypes: &[Dtype::Float64],
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "chapter",
            spec: Spec::chapter(),
            data: DataRecipe::chapter(),
            dtypes: &[Dtype::Float32, Dtype::Float64],
        },
        sine_adam(),
    ]
}

/// `spec` in the format of `tests/fixtures` (every weight given).
fn spec_json(spec: &Spec) -> String {
    let rows = |m: &nalgebra::DMatrix<f64>| -> Vec<Vec<f64>> {
        m.row_iter()
            .map(|row| row.iter().copied().collect())
            .collect()
    };
    let network = spec.network().expect("valid");
    let layers: Vec<Value> = network
        .layers()
        .iter()
        .map(|layer| json!({"weight": layer.weight_rows(), "bias": layer.bias.as_slice()}))
        .collect();
    let optimizer = match spec.optimizer {
        OptimizerConfig::Sgd(sgd) => json!({"kind": "sgd", "lr": sgd.lr}),
        OptimizerConfig::Adam(adam) => json!({"kind": "adam", "lr": adam.lr}),
        other => panic!("no case uses {other:?}"),
    };
    let mut value = json!({
        "name": spec.name,
        "model": {
            "layers": spec.layers,
            "hidden_activation": spec.hidden_activation.name(),
            "output_activation": spec.output_activation.name(),
        },
        "loss": "mse",
        "optimizer": optimizer,
        "epochs": spec.epochs,
        "data": {"x": rows(&spec.x), "y": rows(&spec.y)},
        "init": {"layers": layers},
    });
    if let Some(batches) = &spec.batches {
        value["batches"] = json!({"size": batches.size(), "order": batches.orders()});
    }
    serde_json::to_string(&value).expect("JSON") + "\n"
}

fn script_name(case: &Case, dtype: Dtype) -> String {
    format!("{}_{}.py", case.name, dtype.name())
}

fn read(name: &str) -> String {
    let path = dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn options(case: &Case, dtype: Dtype) -> ScriptOptions {
    ScriptOptions {
        dtype,
        data: Some(case.data),
    }
}

#[test]
fn the_stored_specs_and_scripts_are_what_the_core_makes() {
    for case in cases() {
        let spec_name = format!("{}.json", case.name);
        if recording() {
            std::fs::write(dir().join(&spec_name), spec_json(&case.spec)).expect("written");
        }
        let stored = read(&spec_name);
        assert!(stored == spec_json(&case.spec), "{spec_name} differs");
        let spec = Spec::from_json(&stored).unwrap_or_else(|e| panic!("{spec_name}: {e}"));
        assert_eq!(spec, case.spec, "{spec_name}");
        for &dtype in case.dtypes {
            let made = script(&spec, &options(&case, dtype)).expect("valid");
            let name = script_name(&case, dtype);
            if recording() {
                std::fs::write(dir().join(&name), &made).expect("written");
            }
            assert!(
                read(&name) == made,
                "{name} differs from what the core makes"
            );
        }
    }
}

#[test]
fn the_core_prints_what_torch_printed() {
    if recording() {
        return;
    }
    for case in cases() {
        let ours = expected_output(&case.spec).expect("valid");
        for &dtype in case.dtypes {
            let name = format!("{}_{}.txt", case.name, dtype.name());
            let torch = read(&name);
            assert!(!torch.is_empty(), "{name}");
            match dtype {
                Dtype::Float64 => assert_eq!(ours, torch, "{name}"),
                Dtype::Float32 => {
                    assert_eq!(case.name, "chapter");
                    assert_eq!(torch, CHAPTER_OUTPUT, "{name}");
                    assert_eq!(ours, CHAPTER_OUTPUT);
                }
            }
        }
    }
}

#[test]
fn the_chapter_script_from_its_spec_is_the_chapter_script() {
    // Read from the file alone, without the recipe, the chapter's data
    // are still recognised: the CLI's `pytorch --spec` makes the same text.
    let spec = Spec::from_json(&read("chapter.json")).expect("valid");
    for dtype in [Dtype::Float32, Dtype::Float64] {
        let made = script(&spec, &ScriptOptions::new(dtype)).expect("valid");
        assert!(made == read(&format!("chapter_{}.py", dtype.name())));
    }
}
