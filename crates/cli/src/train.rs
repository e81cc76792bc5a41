//! `descent train --spec FILE`: trains a network described in the fixture
//! format and prints every loss and the final weights as JSON.

use std::io::Read;
use std::path::{Path, PathBuf};

use descent_core::{train, Spec};
use serde::Serialize;

use crate::error::CliError;
use crate::json;

/// The largest spec file read (the course's are a few KB).
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// `descent train --spec FILE`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec: a JSON file in the format of tests/fixtures (at most 16 MiB).
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
}

#[derive(Serialize)]
struct LayerJson {
    #[serde(serialize_with = "json::rows")]
    weight: Vec<Vec<f64>>,
    #[serde(serialize_with = "json::numbers")]
    bias: Vec<f64>,
}

#[derive(Serialize)]
struct Weights {
    layers: Vec<LayerJson>,
}

#[derive(Serialize)]
struct Output {
    #[serde(serialize_with = "json::numbers")]
    loss: Vec<f64>,
    #[serde(rename = "final")]
    weights: Weights,
    diverged: bool,
}

/// Reads a regular file of at most [`MAX_SPEC_BYTES`]; a device, a FIFO or
/// a directory is refused before it is opened, so nothing blocks or runs
/// on forever.
pub fn read_spec(path: &Path) -> Result<String, CliError> {
    let cannot = |e: &dyn std::fmt::Display| {
        CliError::new(
            "--spec",
            format!("cannot read {:?}: {e}", path.display().to_string()),
        )
    };
    let regular = |metadata: &std::fs::Metadata| {
        if !metadata.is_file() {
            return Err(cannot(&"not a regular file"));
        }
        if metadata.len() > MAX_SPEC_BYTES {
            return Err(cannot(&format!("larger than {MAX_SPEC_BYTES} bytes")));
        }
        Ok(())
    };
    regular(&std::fs::metadata(path).map_err(|e| cannot(&e))?)?;
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    // The file it opened, should the path have changed in between.
    regular(&file.metadata().map_err(|e| cannot(&e))?)?;
    let mut text = String::new();
    file.take(MAX_SPEC_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| cannot(&e))?;
    if text.len() as u64 > MAX_SPEC_BYTES {
        return Err(cannot(&format!("larger than {MAX_SPEC_BYTES} bytes")));
    }
    Ok(text)
}

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &Args) -> Result<String, CliError> {
    let text = read_spec(&args.spec)?;
    let spec = Spec::from_json(&text)?;
    let result = train(&spec)?;
    let layers = result
        .network
        .layers()
        .iter()
        .map(|layer| LayerJson {
            weight: layer.weight_rows(),
            bias: layer.bias.iter().copied().collect(),
        })
        .collect();
    Ok(json::to_string(&Output {
        loss: result.losses,
        weights: Weights { layers },
        diverged: result.diverged,
    }))
}
