//! What the fixture replays share: finding the JSON files and reading
//! their numbers.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The `*.json` files in `tests/fixtures/<dir>` (the project's, `""` for
/// the folder itself), sorted by name.
pub fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
}

/// A fixture number: a JSON number, or "inf" / "-inf" / "nan".
pub fn number(value: &Value) -> f64 {
    match value {
        Value::Number(n) => n.as_f64().expect("f64"),
        Value::String(s) if s == "inf" => f64::INFINITY,
        Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
        Value::String(s) if s == "nan" => f64::NAN,
        other => panic!("not a fixture number: {other}"),
    }
}

/// Equal where not finite (both NaN, or the same infinity), else within
/// `rel` of `scale` plus `abs`.
pub fn close(got: f64, want: f64, rel: f64, scale: f64, abs: f64) -> bool {
    if !want.is_finite() || !got.is_finite() {
        return got.is_nan() && want.is_nan() || got == want;
    }
    (got - want).abs() <= rel * scale + abs
}
