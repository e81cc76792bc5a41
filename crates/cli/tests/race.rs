//! `descent race`: its JSON, PyTorch runs replayed through the command
//! line, and one line with exit code 2 for bad input.

mod common;

use common::{assert_bad_input, fixture, numbers, stdout_json};
use serde_json::{json, Value};

#[test]
fn race_prints_each_point_with_the_loss_before_its_step() {
    let out = stdout_json(&[
        "race",
        "--formula",
        "w^2 + b^2",
        "--start",
        "1,-2",
        "--optimizer",
        "sgd",
        "--lr",
        "0.25",
        "--steps",
        "3",
    ]);
    let keys: Vec<&String> = out.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["diverged", "loss", "trajectory"]);
    assert_eq!(
        out["trajectory"],
        json!([[1.0, -2.0], [0.5, -1.0], [0.25, -0.5], [0.125, -0.25]])
    );
    assert_eq!(numbers(&out["loss"]), [5.0, 1.25, 0.3125, 0.078125]);
    assert_eq!(out["diverged"], json!(false));

    // A curve: one number per point.
    let out = stdout_json(&[
        "race",
        "--formula",
        "-w^2 + 4",
        "--start=-1",
        "--optimizer",
        "momentum",
        "--lr",
        "0.1",
        "--steps",
        "5",
    ]);
    let trajectory = out["trajectory"].as_array().expect("trajectory");
    assert_eq!(trajectory.len(), 6);
    assert!(trajectory
        .iter()
        .all(|p| p.as_array().map(Vec::len) == Some(1)));
}

#[test]
fn race_stops_at_the_first_non_finite_loss() {
    let out = stdout_json(&[
        "race",
        "--formula",
        "w^4",
        "--start",
        "2",
        "--optimizer",
        "sgd",
        "--lr",
        "0.5",
        "--steps",
        "50",
    ]);
    assert_eq!(out["diverged"], json!(true));
    let loss = out["loss"].as_array().expect("loss");
    assert_eq!(loss.len(), 6, "5 steps, then the loss overflows");
    assert_eq!(loss.last(), Some(&json!("inf")));
    assert_eq!(out["trajectory"].as_array().map(Vec::len), Some(6));
}

/// The flags that reproduce a fixture's optimizer.
fn optimizer_flags(optimizer: &Value) -> Vec<String> {
    let mut flags = vec![
        "--optimizer".to_owned(),
        optimizer["kind"].as_str().expect("kind").to_owned(),
        "--lr".to_owned(),
        optimizer["lr"].to_string(),
    ];
    if let Some(mu) = optimizer.get("momentum") {
        flags.extend(["--momentum".to_owned(), mu.to_string()]);
        if optimizer["nesterov"] == json!(true) {
            flags.push("--nesterov".to_owned());
        }
    }
    if let Some(betas) = optimizer.get("betas") {
        flags.extend([
            "--betas".to_owned(),
            format!("{},{}", betas[0], betas[1]),
            "--eps".to_owned(),
            optimizer["eps"].to_string(),
        ]);
    }
    flags
}

#[test]
fn race_replays_pytorch_runs() {
    for name in ["rosenbrock", "bumpy_sin", "bowl_diverges"] {
        let path = fixture(&format!("formulas/{name}.json"));
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("JSON");
        let start: Vec<String> = fixture["start"]
            .as_array()
            .expect("start")
            .iter()
            .map(Value::to_string)
            .collect();
        for run in fixture["runs"].as_array().expect("runs") {
            let mut args: Vec<String> = [
                "race",
                "--formula",
                fixture["formula"].as_str().expect("formula"),
            ]
            .map(str::to_owned)
            .to_vec();
            args.extend(["--start".to_owned(), start.join(",")]);
            args.extend(["--steps".to_owned(), fixture["steps"].to_string()]);
            args.extend(optimizer_flags(&run["optimizer"]));
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = stdout_json(&refs);
            let expected = &run["expected"];
            assert_eq!(out["diverged"], expected["diverged"], "{name}");
            let (got, want) = (numbers(&out["loss"]), numbers(&expected["loss"]));
            assert_eq!(got.len(), want.len(), "{name} {args:?}");
            for (g, w) in got.iter().zip(&want) {
                let close = g == w || (g - w).abs() <= 1e-12 * w.abs().max(1e-3 * want[0].abs());
                assert!(close, "{name} {args:?}: {g} vs {w}");
            }
        }
    }
}

#[test]
fn bad_race_input_is_one_line_naming_the_flag_and_the_position() {
    fn race<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["race", "--optimizer", "sgd", "--lr", "0.1"];
        args.extend_from_slice(extra);
        args
    }
    // Each case: the arguments, split at spaces, and how the error starts.
    let cases = [
        (
            "race --optimizer sgd --lr 0.1 --formula 2w --start 1",
            "--formula: expected an operator before 'w' at position 1",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula foo(w) --start 1",
            "--formula: unknown function 'foo' at position 0",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula x^2 --start 1",
            "--formula: unknown name 'x' at position 0",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start 1,2",
            "--start: the formula has only the variable w",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w*b --start 1",
            "--start: the formula uses w and b",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start a",
            "--start: expected a number",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start 1,2,3",
            "--start: expected W or W,B",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2",
            "--start: missing",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start 1 --betas 0.9,0.99",
            "--betas: does not apply to --optimizer sgd",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start 1 --momentum 0.9",
            "--momentum: does not apply",
        ),
        (
            "race --formula w^2 --start 1 --lr 0.1",
            "--optimizer: missing",
        ),
        (
            "race --formula w^2 --start 1 --optimizer lbfgs --lr 1",
            "--optimizer: unknown optimizer \"lbfgs\"",
        ),
        (
            "race --formula w^2 --start 1 --optimizer adam --lr 1 --betas 1,0.9",
            "--betas: expected B1,B2",
        ),
        (
            "race --optimizer sgd --lr 0.1 --formula w^2 --start 1 --lr 2",
            "--lr: given more than once",
        ),
    ];
    for (args, message) in cases {
        assert_bad_input(&args.split(' ').collect::<Vec<_>>(), message);
    }
    // Arguments with spaces in them, or empty.
    let cases = [
        (
            race(&["--formula", "(w + 1))", "--start", "1"]),
            "--formula: unmatched ')' at position 7",
        ),
        (
            race(&["--formula", "w + )", "--start", "1"]),
            "--formula: unexpected ')' at position 4",
        ),
        (
            race(&["--formula", "", "--start", "1"]),
            "--formula: the formula is empty",
        ),
    ];
    for (args, message) in cases {
        assert_bad_input(&args, message);
    }
    let deep = format!("{}w", "(".repeat(100));
    assert_bad_input(
        &race(&["--formula", &deep, "--start", "1"]),
        "--formula: nested more than 64 levels deep at position 64",
    );
    let long = "w+".repeat(50_000);
    assert_bad_input(
        &race(&["--formula", &long, "--start", "1"]),
        "--formula: the formula is longer than 500 characters",
    );
}
