//! `descent sweep`: formulas and specs over log-spaced learning rates, and
//! one line with exit code 2 for bad input.

mod common;

use common::{assert_bad_input, fixture, numbers, stdout_json};
use serde_json::json;

#[test]
fn sweep_a_formula_over_log_spaced_rates() {
    let out = stdout_json(&[
        "sweep",
        "--formula",
        "w^2",
        "--start",
        "1",
        "--optimizer",
        "sgd",
        "--steps",
        "200",
        "--lr-from",
        "0.01",
        "--lr-to",
        "2",
        "--count",
        "8",
    ]);
    let lr = numbers(&out["lr"]);
    assert_eq!((lr.len(), lr[0], lr[7]), (8, 0.01, 2.0));
    for pair in lr.windows(2) {
        assert!((pair[1] / pair[0] - (200f64).powf(1.0 / 7.0)).abs() < 1e-12);
    }
    assert_eq!(
        out["regime"],
        json!([
            "too_slow",
            "too_slow",
            "too_slow",
            "converging",
            "converging",
            "converging",
            "oscillating",
            "diverging"
        ])
    );
    assert_eq!(numbers(&out["final_loss"]).len(), 8);
}

#[test]
fn sweep_a_spec_varies_only_its_learning_rate() {
    let spec = fixture("seed_chapter3.json");
    let out = stdout_json(&[
        "sweep",
        "--spec",
        &spec.to_string_lossy(),
        "--lr-from",
        "0.01",
        "--lr-to",
        "0.1",
        "--count",
        "5",
    ]);
    let regimes = out["regime"].as_array().expect("regime");
    assert_eq!(regimes[0], json!("too_slow"));
    assert_eq!(regimes[4], json!("diverging"));
    let final_loss = numbers(&out["final_loss"]);
    assert!(
        (final_loss[0] - 0.816_383_458_979).abs() < 1e-9,
        "the chapter's run"
    );
    assert!(final_loss[4].is_infinite());
}

#[test]
fn bad_sweep_input_is_one_line_naming_the_flag_and_the_position() {
    // Each case: the arguments, split at spaces, and how the error starts.
    let cases = [
        (
            "sweep --lr-from 0.1 --lr-to 1 --count 3",
            "--formula: missing (or --spec FILE)",
        ),
        (
            "sweep --formula w --spec s.json --lr-from 0.1 --lr-to 1 --count 3",
            "--spec: cannot be used with --formula",
        ),
        (
            "sweep --spec s.json --optimizer sgd --lr-from 0.1 --lr-to 1 --count 3",
            "--optimizer: not with --spec",
        ),
        (
            "sweep --formula w --start 1 --optimizer sgd --lr-from 0 --lr-to 1 --count 3",
            "--lr-from: must be a finite number > 0",
        ),
        (
            "sweep --formula w --start 1 --optimizer sgd --lr-from 0.1 --lr-to 1 --count 0",
            "--count: must be 1…1000",
        ),
        (
            "sweep --formula sin(w --start 1 --optimizer sgd --lr-from 0.1 --lr-to 1 --count 3",
            "--formula: missing ')' for the '(' at position 3",
        ),
        (
            "sweep --spec /nonexistent/spec.json --lr-from 0.1 --lr-to 1 --count 3",
            "--spec: cannot read",
        ),
    ];
    for (args, message) in cases {
        assert_bad_input(&args.split(' ').collect::<Vec<_>>(), message);
    }
}
