//! `descent`: gradient descent and training from the terminal.
//!
//! Subcommands live in their own modules (`descend`, `train`, `backprop`, `chapter`);
//! this file only dispatches and reports. Bad input never panics: it prints
//! one line `descent: <field>: <problem>` on stderr and exits with code 2.

mod args;
mod backprop;
mod chapter;
mod descend;
mod error;
mod figure;
mod json;
mod train;

use std::io::Write;
use std::process::ExitCode;

use error::CliError;

const USAGE: &str = "\
descent: gradient descent and training from the terminal (chapter 3)

Usage:
  descent descend --curve NAME --lr X [--start W] [--steps N]
      Gradient descent on a 1-D loss curve, NAME one of data-mse, bumpy,
      bowl. --start defaults to the curve's usual start, --steps to 50.
      Prints JSON: curve, learning_rate, start, critical_learning_rate and
      regime (at the end of the run), diverged, steps, trajectory.
  descent train --spec FILE
      Trains the network FILE describes (the format of tests/fixtures;
      `expected` is ignored). Prints JSON: loss (one per epoch, before its
      update), final (the weights after the last update), diverged.
  descent backprop [--x X] [--y Y] [--w1 W] [--b1 B] [--w2 W] [--b2 B] [--lr X]
      The chain rule on the 1 -> 1 -> 1 sigmoid network for one example
      (defaults x 1.5, y 1, w1 0.8, b1 -0.2, w2 1.2, b2 0.1, lr 1). Prints
      JSON: forward values, the six local factors and the products dL_dW2,
      dL_dW1, central finite differences, one gradient-descent update.
  descent chapter
      Runs the chapter's program (seed 42, SGD lr 0.01, 100 epochs) and
      prints its five lines `Epoch 20, Loss: 1.2027` ...
  descent figure --scene NAME --out FILE.svg [--width PX --height PX] [settings]
      Draws a scene as SVG with the page's own drawing code. NAME is loss
      (--w --b --outlier 0|1), descent (--curve --lr --start --steps),
      backprop (--x --y --revealed 0..8) or loop (--seed --lr --epochs).
  descent help | --help | -h
      Shows this text.

Non-finite numbers are written as the strings \"inf\", \"-inf\", \"nan\".
Bad input prints one line `descent: FIELD: PROBLEM` and exits with code 2.
";

const COMMANDS: &str = "descend, train, backprop, chapter, figure, help";

/// What to print on stdout, or the error to report.
fn dispatch(args: &[String]) -> Result<String, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::new(
            "command",
            format!("missing (one of {COMMANDS}; see descent --help)"),
        ));
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(USAGE.to_owned());
    }
    match command.as_str() {
        "help" | "--help" | "-h" => Ok(USAGE.to_owned()),
        "descend" => descend::run(rest).map(|json| json + "\n"),
        "train" => train::run(rest).map(|json| json + "\n"),
        "backprop" => backprop::run(rest).map(|json| json + "\n"),
        "chapter" => chapter::run(rest),
        "figure" => figure::run(rest),
        other => Err(CliError::new(
            other,
            format!("unknown command (one of {COMMANDS})"),
        )),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = dispatch(&args).and_then(|out| {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| CliError::new("stdout", e.to_string()))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Nothing more can be done if stderr is gone too.
            let _ = writeln!(std::io::stderr(), "descent: {e}");
            ExitCode::from(2)
        }
    }
}
