//! The command line's grammar (clap derive) and the one-line errors it
//! reports: every clap error becomes `FLAG: problem`, as the subcommands'
//! own errors are, so a script sees one shape of failure.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};

use crate::error::CliError;
use crate::{backprop, descend, figure, pytorch, race, sweep, train};

const AFTER_HELP: &str = "\
Non-finite numbers are written as the strings \"inf\", \"-inf\", \"nan\".
Bad input prints one line `descent: FIELD: PROBLEM` and exits with code 2.";

/// descent: gradient descent and training from the terminal (chapter 3)
#[derive(Debug, Parser)]
#[command(name = "descent", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands, one module each.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Gradient descent on a 1-D loss curve; prints JSON: curve,
    /// learning_rate, start, critical_learning_rate and regime (at the end of
    /// the run), diverged, steps, trajectory.
    Descend(descend::Args),
    /// One optimizer (torch.optim: sgd, momentum, adam) on a typed loss
    /// formula L(w) or f(w, b); prints JSON: trajectory (the point of each
    /// loss, the start first), loss (before each step), diverged. Stops at
    /// the first non-finite loss.
    Race(race::Args),
    /// The loss after --steps steps of a formula (or a spec's epochs) for
    /// --count learning rates log-spaced from --lr-from to --lr-to; prints
    /// JSON: lr, final_loss, regime.
    Sweep(sweep::Args),
    /// Trains the network a spec file describes (the format of
    /// tests/fixtures; `expected` is ignored); prints JSON: loss (one per
    /// epoch, before its update), final (the weights after the last update),
    /// diverged.
    Train(train::Args),
    /// The chain rule on the 1 -> 1 -> 1 sigmoid network for one example;
    /// prints JSON: forward values, the six local factors and the products
    /// dL_dW2, dL_dW1, central finite differences, one gradient-descent update.
    Backprop(backprop::Args),
    /// Runs the chapter's program (seed 42, SGD lr 0.01, 100 epochs) and
    /// prints its five lines `Epoch 20, Loss: 1.2027` ...
    Chapter,
    /// Draws a scene as SVG with the page's own drawing code
    /// (`figure SCENE --out FILE.svg`, or `figure --scene SCENE --out FILE.svg`).
    Figure(figure::Args),
    /// Prints a spec (or, without --spec, the chapter's settings) as a
    /// PyTorch script that runs on its own: the chapter's program with the
    /// data, initial weights, optimizer and mini-batches written out; it
    /// prints `Epoch 20, Loss: ...` as `descent train` computes it.
    Pytorch(pytorch::Args),
}

/// The subcommand names, for the error when none or another is given.
const COMMANDS: &str = "descend, race, sweep, train, backprop, chapter, figure, pytorch, help";

/// Parses the arguments after the program name. `Ok(Err(text))` is help or
/// version text to print (exit code 0).
pub fn parse(args: Vec<String>) -> Result<Result<Cli, String>, CliError> {
    let args = figure::scene_as_subcommand(args)?;
    match Cli::try_parse_from(std::iter::once("descent".to_owned()).chain(args)) {
        Ok(cli) => Ok(Ok(cli)),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            Ok(Err(e.render().to_string()))
        }
        Err(e) => Err(one_line(&e)),
    }
}

/// The flag a clap error is about, without its value name (`--lr`).
fn flag(e: &clap::Error) -> Option<String> {
    match e.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.split_whitespace().next().map(str::to_owned),
        ContextValue::Strings(list) => list
            .first()
            .and_then(|s| s.split_whitespace().next())
            .map(str::to_owned),
        _ => None,
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        _ => None,
    }
}

/// A clap error as `FLAG: problem`.
fn one_line(e: &clap::Error) -> CliError {
    let field = flag(e);
    let command = || flag(e).unwrap_or_else(|| "command".to_owned());
    match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            CliError::new(
                "command",
                format!("missing (one of {COMMANDS}; see descent --help)"),
            )
        }
        ErrorKind::InvalidSubcommand => CliError::new(
            context(e, ContextKind::InvalidSubcommand).unwrap_or_else(command),
            format!("unknown command (one of {COMMANDS})"),
        ),
        ErrorKind::UnknownArgument => {
            let name = field.unwrap_or_else(|| "argument".to_owned());
            let problem = if name.starts_with('-') {
                "unknown flag for this command (see its --help)"
            } else {
                "unexpected argument (flags only; see --help)"
            };
            CliError::new(name, problem)
        }
        ErrorKind::ArgumentConflict => {
            // A flag against another one, or against itself given again.
            let other = context(e, ContextKind::PriorArg)
                .and_then(|prior| prior.split_whitespace().next().map(str::to_owned))
                .filter(|prior| Some(prior) != flag(e).as_ref());
            match other {
                Some(other) => CliError::new(command(), format!("cannot be used with {other}")),
                None => CliError::new(command(), "given more than once"),
            }
        }
        ErrorKind::MissingRequiredArgument => CliError::new(command(), "missing"),
        ErrorKind::InvalidValue | ErrorKind::NoEquals
            if context(e, ContextKind::InvalidValue).is_none_or(|v| v.is_empty()) =>
        {
            CliError::new(command(), "missing value")
        }
        ErrorKind::ValueValidation => {
            let problem = e
                .source()
                .map_or_else(|| "invalid value".to_owned(), ToString::to_string);
            CliError::new(command(), problem)
        }
        _ => {
            // Anything else: clap's own words, first line, without its prefix.
            let text = e.render().to_string();
            let line = text.lines().next().unwrap_or("invalid arguments");
            CliError::new(command(), line.trim_start_matches("error: "))
        }
    }
}

/// A finite number.
pub fn finite(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(format!("must be a finite number (got {text:?})")),
        Err(_) => Err(format!("expected a number, got {text:?}")),
    }
}

/// A learning rate: a finite number ≥ 0.
pub fn learning_rate(text: &str) -> Result<f64, String> {
    finite(text)
        .ok()
        .filter(|lr| *lr >= 0.0)
        .ok_or_else(|| format!("must be a finite number ≥ 0 (got {text:?})"))
}

/// A non-negative integer.
pub fn count(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| format!("must be a non-negative integer (got {text:?})"))
}

/// A number of steps or epochs: at most [`descend::MAX_STEPS`].
pub fn steps(text: &str) -> Result<u64, String> {
    let steps = count(text)?;
    if steps > descend::MAX_STEPS {
        return Err(format!("at most {} (got {steps})", descend::MAX_STEPS));
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> String {
        match parse(args.iter().map(|s| (*s).to_owned()).collect()) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn clap_errors_are_one_line_naming_the_flag() {
        assert_eq!(error(&["descend", "--curve", "bowl", "--lr", "1"]), "ok");
        assert_eq!(
            error(&["descend", "--curve", "bowl", "--lr=-2"]),
            "--lr: must be a finite number ≥ 0 (got \"-2\")"
        );
        assert!(
            error(&["descend", "--curve", "bowl", "--lr", "1", "--c", "1"])
                .starts_with("--c: unknown flag")
        );
        assert_eq!(
            error(&["descend", "--curve", "bowl", "--lr"]),
            "--lr: missing value"
        );
        assert_eq!(
            error(&["descend", "--lr", "1", "--lr", "2", "--curve", "bowl"]),
            "--lr: given more than once"
        );
        assert!(error(&["descend", "x"]).starts_with("x: unexpected argument"));
        assert_eq!(error(&["descend", "--lr", "1"]), "--curve: missing");
        assert!(error(&["nope"]).starts_with("nope: unknown command"));
        assert!(error(&[]).starts_with("command: missing"));
        assert_eq!(
            error(&["descend", "--curve", "bowl", "--lr", "1", "--steps", "1000001"]),
            "--steps: at most 1000000 (got 1000001)"
        );
    }

    #[test]
    fn help_and_version_are_text_to_print() {
        for args in [
            &["--help"][..],
            &["help"],
            &["figure", "loss", "--help"],
            &["--version"],
        ] {
            let parsed = parse(args.iter().map(|s| (*s).to_owned()).collect());
            assert!(matches!(parsed, Ok(Err(_))), "{args:?}");
        }
    }
}
