//! `descent train --spec` with every optimizer kind and with mini-batches:
//! PyTorch's losses from the fixtures, and one line naming the field for a
//! field the kind does not take or an order that is not a permutation.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::descent;
use serde_json::{json, Value};

/// A fixture's JSON.
fn fixture(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(common::fixture(name)).expect("fixture"))
        .expect("JSON")
}

/// Writes `spec` into this process's scratch directory as `name`.
fn write(name: &str, spec: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("descent-cli-kinds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, spec.to_string()).expect("write");
    path
}

fn train(path: &Path) -> Output {
    descent(&["train", "--spec", &path.to_string_lossy()])
}

#[test]
fn new_kinds_and_mini_batches_reproduce_pytorch() {
    for name in [
        "rmsprop_tanh_deep.json",
        "adamw_abs.json",
        "minibatch_momentum_chapter.json",
    ] {
        let spec = fixture(name);
        let output = train(&write(name, &spec));
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let out: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        let got = out["loss"].as_array().expect("loss");
        let want = spec["expected"]["loss"].as_array().expect("expected loss");
        assert_eq!(got.len(), want.len(), "{name}: one loss per step");
        for (k, (g, w)) in got.iter().zip(want).enumerate() {
            let (g, w) = (g.as_f64().expect("number"), w.as_f64().expect("number"));
            assert!(
                (g - w).abs() <= 1e-9 * w.abs(),
                "{name}: loss[{k}] {g} vs {w}"
            );
        }
        assert_eq!(out["diverged"], spec["expected"]["diverged"], "{name}");
    }
}

#[test]
fn a_field_of_another_kind_or_a_bad_order_exits_2_naming_it() {
    let mut adamw = fixture("adamw_abs.json");
    adamw["optimizer"]["momentum"] = json!(0.9);
    let mut order = fixture("minibatch_momentum_chapter.json");
    order["batches"]["order"][3][5] = order["batches"]["order"][3][0].clone();
    let repeated = order["batches"]["order"][3][0].clone();
    let cases = [
        (
            "adamw.json",
            adamw,
            "optimizer.momentum: not a field of the adamw optimizer".to_owned(),
        ),
        (
            "order.json",
            order,
            format!("batches.order[3]: not a permutation of 0..99 ({repeated} appears twice)"),
        ),
    ];
    for (name, spec, message) in cases {
        let output = train(&write(name, &spec));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr:?}");
        assert!(
            stderr.starts_with(&format!("descent: {message}")),
            "{name}: {stderr:?}"
        );
        assert!(output.stdout.is_empty(), "{name}");
    }
}
