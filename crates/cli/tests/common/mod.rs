//! What the command-line tests share: running the binary, reading its JSON,
//! and checking a refusal.

#![allow(dead_code, reason = "each test file uses some of these")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs the built binary with `args`.
pub fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// Runs the built binary with `args`, which must succeed.
pub fn succeeded(args: &[&str]) -> Output {
    let output = descent(args);
    assert!(
        output.status.success(),
        "{args:?}: exit {:?}, stderr {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The JSON a successful run prints.
pub fn stdout_json(args: &[&str]) -> Value {
    json_of(&succeeded(args))
}

/// The JSON `output` of a successful run holds.
pub fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}, stderr {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// A JSON array of numbers, "inf", "-inf" or "nan".
pub fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| match v {
            Value::String(s) if s == "inf" => f64::INFINITY,
            Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
            Value::String(s) if s == "nan" => f64::NAN,
            v => v.as_f64().expect("a number"),
        })
        .collect()
}

/// Checks that `args` are refused with one line starting with
/// `descent: {message}`, exit code 2 and nothing on stdout.
pub fn assert_bad_input(args: &[&str], message: &str) {
    let output = descent(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "{args:?}: one line, got {stderr:?}"
    );
    assert!(
        stderr.starts_with(&format!("descent: {message}")),
        "{args:?}: {stderr:?} should start with {message:?}"
    );
    assert!(output.stdout.is_empty());
}
