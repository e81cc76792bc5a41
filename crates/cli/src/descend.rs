//! `descent descend`: gradient descent on a 1-D loss curve, as JSON.

use descent_core::{Curve, Descent};

use crate::args::Flags;
use crate::error::CliError;
use crate::json;

/// Steps taken unless `--steps` says otherwise.
pub const DEFAULT_STEPS: u64 = 50;
/// The most steps one run may print.
pub const MAX_STEPS: u64 = 1_000_000;

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let flags = Flags::parse("descend", args, &["--curve", "--lr", "--start", "--steps"])?;
    let names = Curve::NAMES.join(", ");
    let name = flags.required("--curve", &format!("a curve: {names}"))?;
    let curve = Curve::from_name(name)
        .ok_or_else(|| CliError::new("--curve", format!("unknown curve {name:?} ({names})")))?;
    let lr_text = flags.required("--lr", "a learning rate")?;
    let learning_rate = crate::args::finite("--lr", lr_text)
        .ok()
        .filter(|lr| *lr >= 0.0)
        .ok_or_else(|| {
            CliError::new(
                "--lr",
                format!("must be a finite number ≥ 0 (got {lr_text:?})"),
            )
        })?;
    let start = flags
        .finite("--start")?
        .unwrap_or_else(|| curve.default_start());
    let steps = flags.count("--steps")?.unwrap_or(DEFAULT_STEPS);
    if steps > MAX_STEPS {
        return Err(CliError::new(
            "--steps",
            format!("at most {MAX_STEPS} (got {steps})"),
        ));
    }

    let mut run = Descent::new(curve.clone(), start, learning_rate);
    let point = |run: &Descent| {
        json::object(&[
            ("step", run.steps().to_string()),
            ("w", json::number(run.w())),
            ("loss", json::number(run.loss())),
        ])
    };
    let mut trajectory = vec![point(&run)];
    let mut taken = 0;
    while taken < steps && run.step(1) == 1 {
        taken += 1;
        trajectory.push(point(&run));
    }
    Ok(json::object(&[
        ("curve", json::string(curve.name())),
        ("learning_rate", json::number(learning_rate)),
        ("start", json::number(start)),
        (
            "critical_learning_rate",
            json::number(run.critical_learning_rate()),
        ),
        ("regime", json::string(run.regime().key())),
        ("diverged", run.diverged().to_string()),
        ("steps", taken.to_string()),
        ("trajectory", json::array(trajectory)),
    ]))
}
