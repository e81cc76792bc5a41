//! `descent chapter`: the chapter's own training program and its output.

use descent_core::chapter_data::EPOCHS;
use descent_core::Training;

use crate::args::Flags;
use crate::error::CliError;

/// Every how many epochs the chapter's program prints.
const PRINT_EVERY: usize = 20;

/// Runs the chapter's program (seed 42 data and weights, SGD η = 0.01, 100
/// epochs) and returns its five lines `Epoch 20, Loss: 1.2027` …; the loss
/// printed at epoch k is the one computed in epoch k, before its update.
pub fn run(args: &[String]) -> Result<String, CliError> {
    Flags::parse("chapter", args, &[])?;
    let mut training = Training::chapter();
    let mut out = String::new();
    for epoch in 1..=EPOCHS {
        let Some(loss) = training.epoch() else {
            break;
        };
        if epoch % PRINT_EVERY == 0 {
            out.push_str(&format!("Epoch {epoch}, Loss: {loss:.4}\n"));
        }
    }
    Ok(out)
}
