//! `descent figure`: a scene's picture as SVG, for slides and printed course
//! notes, drawn by the same `descent-plot` code the page uses.

use descent_core::chain_rule::{ChainParameters, ChainRule, Example, Factor};
use descent_core::line_fit::{Line, LineFit};
use descent_core::nn::OptimizerConfig;
use descent_core::{Curve, Descent, Training};
use descent_plot::scenes::loss::{curves, scatter, LossText};
use descent_plot::scenes::{backprop, descent, training};
use descent_plot::{loss_plot, DrawError, SceneText, Style};
use plotters::prelude::*;

use crate::args::{finite, Flags};
use crate::error::CliError;

const SCENES: &str = "loss, descent, backprop, loop";
const FLAGS: [&str; 16] = [
    "--scene",
    "--out",
    "--width",
    "--height",
    "--curve",
    "--lr",
    "--start",
    "--steps",
    "--w",
    "--b",
    "--outlier",
    "--revealed",
    "--seed",
    "--epochs",
    "--x",
    "--y",
];
/// The largest picture side, in pixels.
const MAX_SIDE: u64 = 8000;

/// Writes the figure; returns a one-line confirmation.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let flags = Flags::parse("figure", args, &FLAGS)?;
    let scene = flags.required("--scene", &format!("a scene: {SCENES}"))?;
    let out = flags.required("--out", "a file name ending in .svg")?;
    if !out.ends_with(".svg") {
        return Err(CliError::new(
            "--out",
            format!("must end in .svg (got {out:?})"),
        ));
    }
    let side = |flag: &str, default: u64| -> Result<u32, CliError> {
        let value = flags.count(flag)?.unwrap_or(default);
        if !(100..=MAX_SIDE).contains(&value) {
            return Err(CliError::new(
                flag,
                format!("must be 100…{MAX_SIDE} pixels (got {value})"),
            ));
        }
        Ok(value as u32)
    };
    let size = (side("--width", 1200)?, side("--height", 450)?);
    let draw = match scene {
        "descent" => draw_descent,
        "loss" => draw_loss,
        "backprop" => draw_backprop,
        "loop" => draw_loop,
        other => {
            return Err(CliError::new(
                "--scene",
                format!("unknown scene {other:?} ({SCENES})"),
            ))
        }
    };
    let drawn = {
        let area = SVGBackend::new(out, size).into_drawing_area();
        draw(&flags, &area).and_then(|()| {
            area.present()
                .map_err(|e| CliError::new("--out", format!("cannot write {out:?}: {e}")))
        })
    };
    if drawn.is_err() {
        // A refused setting leaves no half-written figure behind.
        let _ = std::fs::remove_file(out);
    }
    drawn?;
    Ok(format!(
        "wrote {out} ({}×{} px, scene {scene})\n",
        size.0, size.1
    ))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn drawing(e: DrawError) -> CliError {
    CliError::new("--out", e.to_string())
}

fn learning_rate(flags: &Flags, default: f64) -> Result<f64, CliError> {
    match flags.text("--lr") {
        None => Ok(default),
        Some(text) => finite("--lr", text)
            .ok()
            .filter(|lr| *lr >= 0.0)
            .ok_or_else(|| {
                CliError::new(
                    "--lr",
                    format!("must be a finite number ≥ 0 (got {text:?})"),
                )
            }),
    }
}

/// 3.2: the ball on its curve after `--steps` steps, and the loss plot.
fn draw_descent(flags: &Flags, area: &Area) -> Result<(), CliError> {
    let name = flags.text("--curve").unwrap_or("data-mse");
    let curve = Curve::from_name(name).ok_or_else(|| {
        CliError::new(
            "--curve",
            format!("unknown curve {name:?} ({})", Curve::NAMES.join(", ")),
        )
    })?;
    let start = flags
        .finite("--start")?
        .unwrap_or_else(|| curve.default_start());
    let lr = learning_rate(flags, 0.3 * curve.critical_learning_rate(start))?;
    let steps = flags.count("--steps")?.unwrap_or(10).min(1_000_000);
    let mut run = Descent::new(curve, start, lr);
    run.step(steps);
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let text = SceneText {
        loss_axis: "loss".into(),
        ..SceneText::default()
    };
    descent::draw(&left, &run, 1.0, &style, &SceneText::default()).map_err(drawing)?;
    loss_plot::draw(&right, run.history(), run.steps(), &style, &text).map_err(drawing)?;
    Ok(())
}

/// 3.1: the line, its residual squares, and the loss of one error.
fn draw_loss(flags: &Flags, area: &Area) -> Result<(), CliError> {
    let w = flags.finite("--w")?.unwrap_or(1.7);
    let b = flags.finite("--b")?.unwrap_or(2.5);
    let outlier = match flags.text("--outlier").unwrap_or("0") {
        "0" => false,
        "1" => true,
        other => {
            return Err(CliError::new(
                "--outlier",
                format!("must be 0 or 1 (got {other:?})"),
            ))
        }
    };
    let mut fit = LineFit::chapter(Line::new(w, b).clamped());
    fit.set_outlier(outlier);
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let text = LossText::default();
    let frame = scatter::draw_background(&left, &style, &text).map_err(drawing)?;
    scatter::draw_foreground(&left, &frame, &fit, &style, &text).map_err(drawing)?;
    let reach = curves::reach_for(fit.residuals().fold(0.0, |m: f64, e| m.max(e.abs())));
    curves::draw_background(&right, reach, &style, &text).map_err(drawing)?;
    curves::draw_foreground(&right, reach, &fit, &style, &text).map_err(drawing)?;
    Ok(())
}

/// 3.3: the network graph with the first `--revealed` chain-rule steps shown.
fn draw_backprop(flags: &Flags, area: &Area) -> Result<(), CliError> {
    let mut example = Example::default();
    example.x = flags.finite("--x")?.unwrap_or(example.x);
    example.y = flags.finite("--y")?.unwrap_or(example.y);
    let chain = ChainRule::new(ChainParameters::default(), example)
        .map_err(|e| CliError::new(e.path(), e.problem()))?;
    let revealed = flags
        .count("--revealed")?
        .unwrap_or(Factor::WALK.len() as u64);
    if revealed > Factor::WALK.len() as u64 {
        return Err(CliError::new(
            "--revealed",
            format!("at most {} steps (got {revealed})", Factor::WALK.len()),
        ));
    }
    backprop::draw(
        area,
        &chain,
        revealed as usize,
        &Style::default(),
        &Default::default(),
    )
    .map_err(drawing)
}

/// 3.4: the chapter's network after `--epochs` epochs, and its loss plot.
fn draw_loop(flags: &Flags, area: &Area) -> Result<(), CliError> {
    let seed = flags
        .count("--seed")?
        .unwrap_or(descent_core::data::CHAPTER_SEED);
    let lr = learning_rate(flags, 0.01)?;
    let epochs = flags.count("--epochs")?.unwrap_or(100).min(1_000_000);
    let mut training = Training::chapter_seeded(seed, OptimizerConfig::Sgd { lr });
    training.step(epochs);
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let text = SceneText {
        step_axis: "epoch".into(),
        loss_axis: "loss".into(),
        ..SceneText::default()
    };
    training::draw(&left, &training, &style, &Default::default()).map_err(drawing)?;
    loss_plot::draw(&right, training.history(), training.epochs(), &style, &text)
        .map_err(drawing)?;
    Ok(())
}
