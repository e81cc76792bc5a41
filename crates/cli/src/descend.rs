//! `descent descend`: gradient descent on a 1-D loss curve, as JSON.

use descent_core::{Curve, Descent};
use serde::Serialize;

use crate::args::{finite, learning_rate, steps};
use crate::json;

/// Steps taken unless `--steps` says otherwise.
pub const DEFAULT_STEPS: u64 = 50;
/// The most steps one run may print (or one figure may draw).
pub const MAX_STEPS: u64 = 1_000_000;

/// A curve by name.
pub fn curve(name: &str) -> Result<Curve, String> {
    Curve::from_name(name)
        .ok_or_else(|| format!("unknown curve {name:?} ({})", Curve::NAMES.join(", ")))
}

/// `descent descend --curve NAME --lr X [--start W] [--steps N]`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The loss curve: data-mse, bumpy or bowl.
    #[arg(long, value_name = "NAME", value_parser = curve)]
    curve: Curve,
    /// The learning rate η ≥ 0.
    #[arg(long, value_name = "X", value_parser = learning_rate, allow_negative_numbers = true)]
    lr: f64,
    /// Where to start (default: the curve's usual start).
    #[arg(long, value_name = "W", value_parser = finite, allow_negative_numbers = true)]
    start: Option<f64>,
    /// How many steps, at most 1000000 (default 50).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    steps: Option<u64>,
}

#[derive(Serialize)]
struct Point {
    step: u64,
    #[serde(serialize_with = "json::number")]
    w: f64,
    #[serde(serialize_with = "json::number")]
    loss: f64,
}

impl Point {
    fn of(run: &Descent) -> Self {
        Self {
            step: run.steps(),
            w: run.w(),
            loss: run.loss(),
        }
    }
}

#[derive(Serialize)]
struct Output<'a> {
    curve: &'a str,
    #[serde(serialize_with = "json::number")]
    learning_rate: f64,
    #[serde(serialize_with = "json::number")]
    start: f64,
    #[serde(serialize_with = "json::number")]
    critical_learning_rate: f64,
    regime: &'static str,
    diverged: bool,
    steps: u64,
    trajectory: Vec<Point>,
}

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: Args) -> String {
    let (curve, learning_rate) = (args.curve, args.lr);
    let start = args.start.unwrap_or_else(|| curve.default_start());
    let steps = args.steps.unwrap_or(DEFAULT_STEPS);

    let mut run = Descent::new(curve.clone(), start, learning_rate);
    let mut trajectory = vec![Point::of(&run)];
    let mut taken = 0;
    while taken < steps && run.step(1) == 1 {
        taken += 1;
        trajectory.push(Point::of(&run));
    }
    json::to_string(&Output {
        curve: curve.name(),
        learning_rate,
        start,
        // Every built-in curve has a pit with L″ > 0 in every valley.
        critical_learning_rate: run.critical_learning_rate().unwrap_or(f64::NAN),
        regime: run.regime().key(),
        diverged: run.diverged(),
        steps: taken,
        trajectory,
    })
}
