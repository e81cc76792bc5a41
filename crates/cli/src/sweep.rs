//! `descent sweep`: the loss after a fixed number of steps (a formula) or
//! epochs (a training spec) for log-spaced learning rates, with the regime
//! of each run, as JSON.

use std::path::PathBuf;

use descent_core::spec::MAX_WORK;
use descent_core::{sweep, Landscape, Regime, Spec, Sweep};
use serde::Serialize;

use crate::args::{count, finite, steps};
use crate::error::CliError;
use crate::json;
use crate::optimizer::{self, Flags};
use crate::race::{self, Numbers};
use crate::train::read_spec;

/// The most learning rates one sweep may try.
pub const MAX_COUNT: u64 = 1000;
/// The most steps a formula sweep may take in all (count × steps).
pub const MAX_TOTAL_STEPS: u64 = 100_000_000;

/// `descent sweep (--formula F --start W[,B] --optimizer KIND [flags] [--steps N] | --spec FILE)
/// --lr-from A --lr-to B --count K`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The loss formula, L(w) or f(w, b) (or give --spec).
    #[arg(long, value_name = "F", value_parser = race::formula, allow_hyphen_values = true)]
    formula: Option<Landscape>,
    /// A training spec (the format of tests/fixtures; at most 16 MiB): its
    /// network, data, optimizer and epochs, only the learning rate varied.
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// Where each run starts: W, or W,B for a formula in w and b.
    #[arg(long, value_name = "W[,B]", value_parser = race::point, allow_hyphen_values = true)]
    start: Option<Numbers>,
    #[command(flatten)]
    optimizer: Flags,
    /// Steps per run for a formula, at most 1000000 (default 100).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    steps: Option<u64>,
    /// The smallest learning rate, > 0.
    #[arg(long, value_name = "A", value_parser = positive, allow_negative_numbers = true)]
    lr_from: f64,
    /// The largest learning rate, > 0.
    #[arg(long, value_name = "B", value_parser = positive, allow_negative_numbers = true)]
    lr_to: f64,
    /// How many learning rates, log-spaced from A to B: 1…1000.
    #[arg(long, value_name = "K", value_parser = how_many, allow_negative_numbers = true)]
    count: u64,
}

#[derive(Serialize)]
struct Output {
    #[serde(serialize_with = "json::numbers")]
    lr: Vec<f64>,
    #[serde(serialize_with = "json::numbers")]
    final_loss: Vec<f64>,
    regime: Vec<&'static str>,
}

impl From<Sweep> for Output {
    fn from(sweep: Sweep) -> Self {
        Self {
            lr: sweep.learning_rates,
            final_loss: sweep.final_losses,
            regime: sweep.regimes.into_iter().map(Regime::key).collect(),
        }
    }
}

/// A finite number > 0.
fn positive(text: &str) -> Result<f64, String> {
    finite(text)
        .ok()
        .filter(|x| *x > 0.0)
        .ok_or_else(|| format!("must be a finite number > 0 (got {text:?})"))
}

fn how_many(text: &str) -> Result<u64, String> {
    let k = count(text)?;
    if (1..=MAX_COUNT).contains(&k) {
        Ok(k)
    } else {
        Err(format!("must be 1…{MAX_COUNT} (got {k})"))
    }
}

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &Args) -> Result<String, CliError> {
    let count = usize::try_from(args.count).unwrap_or(usize::MAX);
    let rates = sweep::log_spaced(args.lr_from, args.lr_to, count);
    let sweep = match (&args.formula, &args.spec) {
        (Some(_), Some(_)) => return Err(CliError::new("--spec", "cannot be used with --formula")),
        (None, None) => return Err(CliError::new("--formula", "missing (or --spec FILE)")),
        (Some(landscape), None) => formula_sweep(args, landscape, &rates)?,
        (None, Some(path)) => spec_sweep(args, path, &rates)?,
    };
    Ok(json::to_string(&Output::from(sweep)))
}

fn formula_sweep(args: &Args, landscape: &Landscape, rates: &[f64]) -> Result<Sweep, CliError> {
    let numbers = args
        .start
        .as_ref()
        .ok_or_else(|| CliError::new("--start", "missing"))?;
    let start = race::start(landscape, numbers)?;
    let config = optimizer::config(&args.optimizer, rates.first().copied().unwrap_or(0.0))?;
    let steps = args.steps.unwrap_or(race::DEFAULT_STEPS);
    if steps.saturating_mul(args.count) > MAX_TOTAL_STEPS {
        return Err(CliError::new(
            "--count",
            format!(
                "{} runs × {steps} steps is more than the {MAX_TOTAL_STEPS} steps allowed",
                args.count
            ),
        ));
    }
    let steps = usize::try_from(steps).unwrap_or(usize::MAX);
    Ok(sweep::landscape(landscape, start, config, steps, rates))
}

fn spec_sweep(args: &Args, path: &std::path::Path, rates: &[f64]) -> Result<Sweep, CliError> {
    let mut given = args.optimizer.given();
    if args.start.is_some() {
        given.push("--start");
    }
    if args.steps.is_some() {
        given.push("--steps");
    }
    if let Some(flag) = given.first() {
        return Err(CliError::new(
            *flag,
            "not with --spec (the spec's optimizer and epochs are used; only the learning rate \
             is varied)",
        ));
    }
    let spec = Spec::from_json(&read_spec(path)?)?;
    let parameters: u64 = spec
        .layers
        .windows(2)
        .map(|pair| (pair[0] * pair[1] + pair[1]) as u64)
        .sum();
    let samples = spec.x.nrows() as u64;
    let work = args
        .count
        .saturating_mul(spec.epochs.saturating_add(1))
        .saturating_mul(samples)
        .saturating_mul(parameters);
    if work > MAX_WORK {
        return Err(CliError::new(
            "--count",
            format!(
                "{} runs of the spec's {} epochs × {samples} samples × {parameters} parameters \
                 is more than the {MAX_WORK} allowed",
                args.count, spec.epochs
            ),
        ));
    }
    Ok(sweep::training(&spec, rates)?)
}
