//! Runs the built `descent` binary: the chapter's output, training against
//! the PyTorch fixture, the descend JSON, and one line on stderr with exit
//! code 2 for every kind of bad input.

mod common;

use std::path::PathBuf;

use common::{descent, fixture, json_of as stdout_json};
use serde_json::{json, Value};

#[test]
fn chapter_prints_the_chapters_five_lines() {
    let output = descent(&["chapter"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Epoch 20, Loss: 1.2027\n\
         Epoch 40, Loss: 1.0303\n\
         Epoch 60, Loss: 0.9236\n\
         Epoch 80, Loss: 0.8581\n\
         Epoch 100, Loss: 0.8179\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn train_reproduces_the_pytorch_losses() {
    let path = fixture("seed_chapter3.json");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("JSON");
    let out = stdout_json(&descent(&["train", "--spec", &path.to_string_lossy()]));
    let got = out["loss"].as_array().expect("loss array");
    let want = expected["expected"]["loss"]
        .as_array()
        .expect("expected loss");
    assert_eq!(got.len(), want.len());
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        let (g, w) = (g.as_f64().expect("number"), w.as_f64().expect("number"));
        assert!((g - w).abs() <= 1e-9 * w.abs(), "loss[{k}] {g} vs {w}");
    }
    assert_eq!(out["diverged"], json!(false));
    let layers = out["final"]["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[0]["weight"].as_array().map(Vec::len), Some(10));
    assert_eq!(layers[1]["weight"][0].as_array().map(Vec::len), Some(10));
}

#[test]
fn train_reports_divergence_with_non_finite_strings() {
    let dir = scratch_dir();
    let mut spec: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("seed_chapter3.json")).expect("fixture"),
    )
    .expect("JSON");
    spec["optimizer"]["lr"] = json!(0.05);
    let path = dir.join("diverging.json");
    std::fs::write(&path, spec.to_string()).expect("write");
    let out = stdout_json(&descent(&["train", "--spec", &path.to_string_lossy()]));
    assert_eq!(out["diverged"], json!(true));
    let losses = out["loss"].as_array().expect("loss");
    assert!(losses.len() < 100);
    assert!(matches!(losses.last(), Some(Value::String(s)) if s == "inf" || s == "nan"));
}

#[test]
fn descend_classifies_and_stops_diverging_runs() {
    let out = stdout_json(&descent(&["descend", "--curve", "bowl", "--lr", "1.5"]));
    assert_eq!(out["regime"], json!("diverging"));
    assert_eq!(out["diverged"], json!(true));
    assert_eq!(out["curve"], json!("bowl"));
    assert_eq!(out["critical_learning_rate"], json!(1.0));
    let text = out.to_string().to_lowercase();
    assert!(!text.contains("nan"), "{text}");
    let steps = out["steps"].as_u64().expect("steps");
    assert_eq!(
        out["trajectory"].as_array().map(Vec::len),
        Some(steps as usize + 1)
    );

    let out = stdout_json(&descent(&[
        "descend", "--curve", "bowl", "--lr", "0.1", "--start", "2", "--steps", "30",
    ]));
    assert_eq!(out["regime"], json!("converging"));
    assert_eq!(out["diverged"], json!(false));
    assert_eq!(out["steps"], json!(30));
    let trajectory = out["trajectory"].as_array().expect("trajectory");
    assert_eq!(trajectory[0], json!({"step": 0, "w": 2.0, "loss": 4.0}));
    let last = trajectory.last().and_then(|p| p["w"].as_f64()).expect("w");
    assert!(last.abs() < 2.0 * 0.8f64.powi(29));
}

#[test]
fn help_prints_usage() {
    for args in [&["--help"][..], &["help"], &["descend", "--help"]] {
        let output = descent(args);
        assert!(output.status.success());
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage:"));
    }
}

/// A fresh directory for this test process's mutated specs.
fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("descent-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn assert_bad_input(case: &str, args: &[&str], field: &str) {
    let output = descent(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{case}: exit code; stderr {stderr}"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "{case}: one line, got {stderr:?}"
    );
    assert!(stderr.starts_with("descent: "), "{case}: {stderr}");
    assert!(
        stderr.contains(field),
        "{case}: {stderr:?} should name {field}"
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(output.stdout.is_empty(), "{case}: nothing on stdout");
}

#[test]
fn bad_arguments_exit_2_naming_the_flag() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("no command", &[], "command"),
        ("unknown command", &["frobnicate"], "frobnicate"),
        (
            "unknown flag",
            &["descend", "--curve", "bowl", "--lr", "0.1", "--speed", "2"],
            "--speed",
        ),
        (
            "missing value",
            &["descend", "--curve", "bowl", "--lr"],
            "--lr",
        ),
        ("missing curve", &["descend", "--lr", "0.1"], "--curve"),
        ("missing lr", &["descend", "--curve", "bowl"], "--lr"),
        (
            "non-number lr",
            &["descend", "--curve", "bowl", "--lr", "fast"],
            "--lr",
        ),
        (
            "negative lr",
            &["descend", "--curve", "bowl", "--lr", "-1"],
            "--lr",
        ),
        (
            "infinite lr",
            &["descend", "--curve", "bowl", "--lr", "inf"],
            "--lr",
        ),
        (
            "nan lr",
            &["descend", "--curve", "bowl", "--lr=nan"],
            "--lr",
        ),
        (
            "unknown curve",
            &["descend", "--curve", "saddle", "--lr", "0.1"],
            "--curve",
        ),
        (
            "non-number start",
            &["descend", "--curve", "bowl", "--lr", "0.1", "--start", "x"],
            "--start",
        ),
        (
            "fractional steps",
            &[
                "descend", "--curve", "bowl", "--lr", "0.1", "--steps", "2.5",
            ],
            "--steps",
        ),
        (
            "negative steps",
            &["descend", "--curve", "bowl", "--lr", "0.1", "--steps", "-3"],
            "--steps",
        ),
        (
            "flag twice",
            &[
                "descend", "--curve", "bowl", "--curve", "bumpy", "--lr", "0.1",
            ],
            "--curve",
        ),
        ("stray argument", &["descend", "bowl"], "bowl"),
        ("chapter takes no flags", &["chapter", "--lr", "1"], "--lr"),
        ("train without spec", &["train"], "--spec"),
        (
            "unreadable spec",
            &["train", "--spec", "/nonexistent/descent/spec.json"],
            "--spec",
        ),
    ];
    for (case, args, field) in cases {
        assert_bad_input(case, args, field);
    }
}

type Mutation = fn(&mut Value);

fn remove(value: &mut Value, key: &str) {
    if let Some(map) = value.as_object_mut() {
        map.remove(key);
    }
}

#[test]
fn bad_specs_exit_2_naming_the_field() {
    let base: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("seed_chapter3.json")).expect("fixture"),
    )
    .expect("JSON");
    let dir = scratch_dir();

    let invalid = dir.join("invalid.json");
    std::fs::write(&invalid, "{\"model\": [1, 2,\n").expect("write");
    assert_bad_input(
        "invalid JSON",
        &["train", "--spec", &invalid.to_string_lossy()],
        "spec",
    );

    // A number too big for f64 is refused by the JSON reader, with its place.
    let huge = dir.join("huge.json");
    let text = serde_json::to_string(&base).expect("JSON");
    std::fs::write(&huge, text.replacen("\"lr\":0.01", "\"lr\":1e999", 1)).expect("write");
    assert_bad_input(
        "an lr beyond f64",
        &["train", "--spec", &huge.to_string_lossy()],
        "spec: invalid JSON (number out of range at line 1 column",
    );

    let cases: &[(&str, Mutation, &str)] = &[
        (
            "negative lr",
            |s| s["optimizer"]["lr"] = json!(-1),
            "optimizer.lr",
        ),
        (
            "lr as text",
            |s| s["optimizer"]["lr"] = json!("fast"),
            "optimizer.lr",
        ),
        (
            "infinite lr",
            |s| s["optimizer"]["lr"] = json!("inf"),
            "optimizer.lr",
        ),
        (
            "lr not a number",
            |s| s["optimizer"]["lr"] = json!("nan"),
            "optimizer.lr",
        ),
        (
            "missing lr",
            |s| remove(&mut s["optimizer"], "lr"),
            "optimizer.lr",
        ),
        (
            "unknown optimizer",
            |s| s["optimizer"]["kind"] = json!("lbfgs"),
            "optimizer.kind",
        ),
        (
            "momentum without μ",
            |s| s["optimizer"]["kind"] = json!("momentum"),
            "optimizer.momentum",
        ),
        (
            "adam beta of 1",
            |s| s["optimizer"] = json!({"kind": "adam", "lr": 0.1, "betas": [1.0, 0.9]}),
            "optimizer.betas[0]",
        ),
        (
            "unknown activation",
            |s| s["model"]["hidden_activation"] = json!("swish"),
            "model.hidden_activation",
        ),
        (
            "output activation wrong type",
            |s| s["model"]["output_activation"] = json!(3),
            "model.output_activation",
        ),
        ("unknown loss", |s| s["loss"] = json!("mae"), "loss"),
        ("negative epochs", |s| s["epochs"] = json!(-1), "epochs"),
        ("fractional epochs", |s| s["epochs"] = json!(2.5), "epochs"),
        (
            "too many epochs",
            |s| s["epochs"] = json!(1_000_000_000_000u64),
            "epochs",
        ),
        ("missing model", |s| remove(s, "model"), "model"),
        (
            "layer size zero",
            |s| s["model"]["layers"] = json!([1, 0, 1]),
            "model.layers[1]",
        ),
        (
            "init weight shape",
            |s| s["init"]["layers"][1]["weight"] = json!([[1.0, 2.0, 3.0]]),
            "init.layers[1].weight",
        ),
        (
            "init bias length",
            |s| s["init"]["layers"][0]["bias"] = json!([0.0]),
            "init.layers[0].bias",
        ),
        (
            "init layer count",
            |s| s["model"]["layers"] = json!([1, 10, 10, 1]),
            "init.layers",
        ),
        (
            "x width",
            |s| s["data"]["x"][0] = json!([1.0, 2.0]),
            "data.x[0]",
        ),
        ("y rows", |s| s["data"]["y"] = json!([[1.0]]), "data.y"),
        (
            "y width",
            |s| s["model"]["layers"] = json!([1, 10, 2]),
            "data.y[0]",
        ),
        ("no init nor seed", |s| remove(s, "init"), "init"),
        (
            "bad seed",
            |s| {
                remove(s, "init");
                s["seed"] = json!(-4);
            },
            "seed",
        ),
        ("not an object", |s| *s = json!([1, 2, 3]), "spec"),
    ];
    for (i, (case, mutate, field)) in cases.iter().enumerate() {
        let mut spec = base.clone();
        mutate(&mut spec);
        let path = dir.join(format!("case{i}.json"));
        std::fs::write(&path, spec.to_string()).expect("write");
        assert_bad_input(case, &["train", "--spec", &path.to_string_lossy()], field);
    }

    // A seed instead of init is fine.
    let mut seeded = base.clone();
    remove(&mut seeded, "init");
    seeded["seed"] = json!(7);
    seeded["epochs"] = json!(5);
    let path = dir.join("seeded.json");
    std::fs::write(&path, seeded.to_string()).expect("write");
    let out = stdout_json(&descent(&["train", "--spec", &path.to_string_lossy()]));
    assert_eq!(out["loss"].as_array().map(Vec::len), Some(5));
}
