//! `descent chapter`: the chapter's own training program and its output.

use descent_core::chapter_data::EPOCHS;
use descent_core::scenes::training::{chapter_line, TrainingLoop};

/// Runs the chapter's program (seed 42 data and weights, SGD η = 0.01, 100
/// epochs) and returns its five lines `Epoch 20, Loss: 1.2027` …; the loss
/// printed at epoch k is the one computed in epoch k, before its update.
/// The page's console (scene 3.4) prints the same lines from the same loop.
pub fn run() -> String {
    let mut run = TrainingLoop::chapter();
    run.step(EPOCHS as u64);
    run.console_since(0)
        .map(|line| chapter_line(line.epoch, line.loss) + "\n")
        .collect()
}
