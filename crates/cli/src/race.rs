//! `descent race`: one optimizer on a typed loss formula, exactly as
//! torch.optim updates a tensor of the parameters whose loss is the
//! formula; every point and loss as JSON.

use descent_core::landscape::{Dims, Point};
use descent_core::{Landscape, Runner};
use serde::Serialize;

use crate::args::{finite, learning_rate, steps};
use crate::error::CliError;
use crate::json;
use crate::optimizer::{self, Flags};

/// Steps taken unless `--steps` says otherwise.
pub const DEFAULT_STEPS: u64 = 100;

/// `descent race --formula F --start W[,B] --optimizer KIND --lr X [flags] [--steps N]`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The loss: L(w), or f(w, b) when it uses b (e.g. "(1-w)^2 + 10*(b-w^2)^2").
    #[arg(long, value_name = "F", value_parser = formula, allow_hyphen_values = true)]
    formula: Landscape,
    /// Where to start: W for a formula in w, W,B for one in w and b.
    #[arg(long, value_name = "W[,B]", value_parser = point, allow_hyphen_values = true)]
    start: Numbers,
    #[command(flatten)]
    optimizer: Flags,
    /// The learning rate η ≥ 0.
    #[arg(long, value_name = "X", value_parser = learning_rate, allow_negative_numbers = true)]
    lr: f64,
    /// How many steps, at most 1000000 (default 100).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    steps: Option<u64>,
}

/// A formula, as a landscape; its errors name their position.
pub fn formula(text: &str) -> Result<Landscape, String> {
    Landscape::formula(text).map_err(|e| e.to_string())
}

/// The numbers of `--start`, one value for clap.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbers(pub Vec<f64>);

/// `W` or `W,B`: one or two finite numbers.
pub fn point(text: &str) -> Result<Numbers, String> {
    let parts: Vec<&str> = text.split(',').collect();
    if parts.len() > 2 {
        return Err(format!("expected W or W,B (got {text:?})"));
    }
    parts
        .into_iter()
        .map(finite)
        .collect::<Result<_, _>>()
        .map(Numbers)
}

/// The start as a point of `landscape`: as many numbers as it has
/// parameters.
pub fn start(landscape: &Landscape, Numbers(numbers): &Numbers) -> Result<Point, CliError> {
    match (landscape.dims(), &numbers[..]) {
        (Dims::One, [w]) => Ok([*w, 0.0]),
        (Dims::Two, [w, b]) => Ok([*w, *b]),
        (Dims::One, _) => Err(CliError::new(
            "--start",
            format!(
                "the formula has only the variable w: give one number W (got {})",
                numbers.len()
            ),
        )),
        (Dims::Two, _) => Err(CliError::new(
            "--start",
            format!(
                "the formula uses w and b: give two numbers W,B (got {})",
                numbers.len()
            ),
        )),
    }
}

#[derive(Serialize)]
struct Output {
    #[serde(serialize_with = "json::rows")]
    trajectory: Vec<Vec<f64>>,
    #[serde(serialize_with = "json::numbers")]
    loss: Vec<f64>,
    diverged: bool,
}

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: Args) -> Result<String, CliError> {
    let start = start(&args.formula, &args.start)?;
    let config = optimizer::config(&args.optimizer, args.lr)?;
    let dims = args.formula.dims().count();
    let mut run = Runner::new(args.formula, start, config);
    run.step(args.steps.unwrap_or(DEFAULT_STEPS));
    Ok(json::to_string(&Output {
        trajectory: run
            .trajectory()
            .iter()
            .map(|p| p[..dims].to_vec())
            .collect(),
        loss: run.losses().to_vec(),
        diverged: run.diverged(),
    }))
}
