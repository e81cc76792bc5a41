//! `descent pytorch [--spec FILE | --chapter] [--dtype float32|float64]`:
//! prints a spec as a PyTorch script that runs on its own — the chapter's
//! program with the spec's data, initial weights, network, optimizer,
//! epochs and mini-batches written out — made by
//! `descent_core::export::pytorch`. Without `--spec`, the chapter's settings.

use std::path::PathBuf;

use descent_core::export::pytorch::{chapter_script, script, Dtype, ScriptOptions};
use descent_core::Spec;

use crate::error::CliError;
use crate::train::read_spec;

/// `descent pytorch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec: a JSON file in the format of tests/fixtures (at most 16
    /// MiB; `expected` is ignored). Without it, the chapter's settings.
    #[arg(long, value_name = "FILE", conflicts_with = "chapter")]
    spec: Option<PathBuf>,
    /// The chapter's settings: its data and initial weights, 1 -> 10 ReLU
    /// -> 1, SGD lr 0.01, 100 epochs (the default without --spec).
    #[arg(long)]
    chapter: bool,
    /// What the script computes in: float32 (PyTorch's default, the
    /// chapter's) or float64 (what descent computes in).
    #[arg(long, value_name = "DTYPE", default_value = "float32", value_parser = dtype)]
    dtype: Dtype,
}

/// A dtype by name.
fn dtype(text: &str) -> Result<Dtype, String> {
    Dtype::from_name(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = Dtype::ALL.map(Dtype::name).to_vec();
        format!("must be {} (got {text:?})", names.join(" or "))
    })
}

/// Runs the subcommand and returns the script to print.
pub fn run(args: &Args) -> Result<String, CliError> {
    let Some(path) = &args.spec else {
        return Ok(chapter_script(args.dtype));
    };
    let spec = Spec::from_json(&read_spec(path)?)?;
    Ok(script(&spec, &ScriptOptions::new(args.dtype))?)
}
