//! `descent train --spec FILE`: trains a network described in the fixture
//! format and prints every loss and the final weights as JSON.

use descent_core::{train, Spec};

use crate::args::Flags;
use crate::error::CliError;
use crate::json;

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let flags = Flags::parse("train", args, &["--spec"])?;
    let path = flags.required("--spec", "a spec file")?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new("--spec", format!("cannot read {path:?}: {e}")))?;
    let spec = Spec::from_json(&text)?;
    let result = train(&spec)?;
    let layers = result.network.layers().iter().map(|layer| {
        json::object(&[
            (
                "weight",
                json::array(
                    layer
                        .weight_rows()
                        .into_iter()
                        .map(|row| json::array(row.into_iter().map(json::number))),
                ),
            ),
            (
                "bias",
                json::array(layer.bias.iter().copied().map(json::number)),
            ),
        ])
    });
    Ok(json::object(&[
        (
            "loss",
            json::array(result.losses.iter().copied().map(json::number)),
        ),
        ("final", json::object(&[("layers", json::array(layers))])),
        ("diverged", result.diverged.to_string()),
    ]))
}
