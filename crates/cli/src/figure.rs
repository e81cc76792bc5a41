//! `descent figure SCENE`: a scene's picture as SVG, for slides and printed
//! course notes, drawn by the same `descent-plot` code the page uses. One
//! subcommand per scene, each with only its own flags; the older spelling
//! `figure --scene SCENE` is rewritten to it before parsing.

use descent_core::nn::OptimizerConfig;
use descent_core::scenes::backprop::{ChainParameters, ChainRule, Example, Factor};
use descent_core::scenes::compare::{Compare, Preset};
use descent_core::scenes::loss::{Line, LineFit};
use descent_core::{Curve, Descent, Landscape, Training};
use descent_plot::scenes::compare::{self, CompareText};
use descent_plot::scenes::loss::{curves, scatter, LossText};
use descent_plot::scenes::{backprop, descent, training};
use descent_plot::{loss_plot, DrawError, SceneText, Style};
use plotters::prelude::*;

use crate::args::{count, finite, learning_rate, steps};
use crate::error::CliError;

/// The scenes, by their subcommand names (`loop` is also accepted for
/// `training`, the page's old name for it).
const SCENES: [&str; 5] = ["loss", "descent", "backprop", "training", "compare"];
/// The largest picture side, in pixels.
const MAX_SIDE: u32 = 8000;

/// `descent figure SCENE --out FILE.svg [--width PX --height PX] [settings]`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    scene: Scene,
}

/// One subcommand per scene.
#[derive(Debug, clap::Subcommand)]
enum Scene {
    /// 3.1: the line, its residual squares, and the loss of one error.
    Loss(LossArgs),
    /// 3.2: the ball on its curve after --steps steps, and the loss plot.
    Descent(DescentArgs),
    /// 3.3: the network graph with the first --revealed chain-rule steps shown.
    Backprop(BackpropArgs),
    /// 3.4: the chapter's network after --epochs epochs, and its loss plot.
    #[command(alias = "loop")]
    Training(TrainingArgs),
    /// Comparing runs: a preset's runs after --steps steps, and their loss plot.
    Compare(CompareArgs),
}

/// The flags every scene takes.
#[derive(Debug, clap::Args)]
struct Page {
    /// The SVG file to write.
    #[arg(long, value_name = "FILE.svg", value_parser = svg_name)]
    out: String,
    /// Width in pixels, 100…8000.
    #[arg(long, value_name = "PX", value_parser = side, default_value = "1200")]
    width: u32,
    /// Height in pixels, 100…8000.
    #[arg(long, value_name = "PX", value_parser = side, default_value = "450")]
    height: u32,
}

#[derive(Debug, clap::Args)]
struct LossArgs {
    #[command(flatten)]
    page: Page,
    /// The line's slope w (default 1.7).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    w: Option<f64>,
    /// The line's intercept b (default 2.5).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    b: Option<f64>,
    /// 1 to add the chapter's outlier, 0 not to (default 0).
    #[arg(long, value_name = "0|1", value_parser = outlier)]
    outlier: Option<bool>,
}

#[derive(Debug, clap::Args)]
struct DescentArgs {
    #[command(flatten)]
    page: Page,
    /// The loss curve: data-mse, bumpy or bowl (default data-mse).
    #[arg(long, value_name = "NAME", value_parser = crate::descend::curve)]
    curve: Option<Curve>,
    /// The learning rate η ≥ 0 (default 0.3·η* at the start).
    #[arg(long, value_name = "X", value_parser = learning_rate, allow_negative_numbers = true)]
    lr: Option<f64>,
    /// Where to start (default: the curve's usual start).
    #[arg(long, value_name = "W", value_parser = finite, allow_negative_numbers = true)]
    start: Option<f64>,
    /// Steps to take before drawing, at most 1000000 (default 10).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    steps: Option<u64>,
}

#[derive(Debug, clap::Args)]
struct BackpropArgs {
    #[command(flatten)]
    page: Page,
    /// The example's input x.
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    x: Option<f64>,
    /// The example's target y, in [0, 1].
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    y: Option<f64>,
    /// How many chain-rule steps to show, 0…8 (default 8).
    #[arg(long, value_name = "N", value_parser = count, allow_negative_numbers = true)]
    revealed: Option<u64>,
}

#[derive(Debug, clap::Args)]
struct TrainingArgs {
    #[command(flatten)]
    page: Page,
    /// The seed of the data and the initial weights (default 42, the chapter's).
    #[arg(long, value_parser = count, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// The learning rate η ≥ 0 (default 0.01).
    #[arg(long, value_name = "X", value_parser = learning_rate, allow_negative_numbers = true)]
    lr: Option<f64>,
    /// Epochs to train before drawing, at most 1000000 (default 100).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    epochs: Option<u64>,
}

fn svg_name(text: &str) -> Result<String, String> {
    if text.ends_with(".svg") {
        Ok(text.to_owned())
    } else {
        Err(format!("must end in .svg (got {text:?})"))
    }
}

fn side(text: &str) -> Result<u32, String> {
    let value = count(text)?;
    u32::try_from(value)
        .ok()
        .filter(|v| (100..=MAX_SIDE).contains(v))
        .ok_or_else(|| format!("must be 100…{MAX_SIDE} pixels (got {value})"))
}

fn outlier(text: &str) -> Result<bool, String> {
    match text {
        "0" => Ok(false),
        "1" => Ok(true),
        other => Err(format!("must be 0 or 1 (got {other:?})")),
    }
}

/// `figure … --scene NAME …` as `figure NAME …`, so both spellings reach
/// the same subcommand; other arguments pass through unchanged.
pub fn scene_as_subcommand(mut args: Vec<String>) -> Result<Vec<String>, CliError> {
    if args.first().map(String::as_str) != Some("figure") {
        return Ok(args);
    }
    let next = args.get(1).map(String::as_str);
    let is_scene = |name: &str| SCENES.contains(&name) || name == "loop";
    if next.is_none_or(|a| is_scene(a) || a == "help" || a == "--help" || a == "-h") {
        return Ok(args);
    }
    let scenes = SCENES.join(", ");
    let position = args
        .iter()
        .position(|a| a == "--scene" || a.starts_with("--scene="));
    let Some(i) = position else {
        if next.is_some_and(|a| a.starts_with('-')) {
            return Err(CliError::new(
                "--scene",
                format!("missing (figure needs a scene: {scenes})"),
            ));
        }
        return Ok(args);
    };
    let flag = args.remove(i);
    let name = match flag.strip_prefix("--scene=") {
        Some(name) => name.to_owned(),
        None if i < args.len() => args.remove(i),
        None => return Err(CliError::new("--scene", "missing value")),
    };
    if !is_scene(&name) {
        return Err(CliError::new(
            "--scene",
            format!("unknown scene {name:?} ({scenes})"),
        ));
    }
    args.insert(1, name);
    Ok(args)
}

/// Writes the figure; returns a one-line confirmation.
#[derive(Debug, clap::Args)]
struct CompareArgs {
    #[command(flatten)]
    page: Page,
    /// The lesson: table, optimizers or ravine (default table).
    #[arg(long, value_name = "NAME", value_parser = preset)]
    preset: Option<Preset>,
    /// The landscape for the table (default bumpy; the other lessons choose theirs).
    #[arg(long, value_name = "NAME", value_parser = landscape)]
    landscape: Option<String>,
    /// Steps to take before drawing, at most 100000 (default 100).
    #[arg(long, value_name = "N", value_parser = steps, allow_negative_numbers = true)]
    steps: Option<u64>,
}

fn preset(text: &str) -> Result<Preset, String> {
    Preset::from_name(text)
        .ok_or_else(|| format!("unknown preset {text:?} (table, optimizers, ravine)"))
}

fn landscape(text: &str) -> Result<String, String> {
    Landscape::from_name(text)
        .map(|_| text.to_owned())
        .ok_or_else(|| {
            format!(
                "unknown landscape {text:?} ({})",
                Landscape::NAMES.join(", ")
            )
        })
}

fn draw_compare(args: &CompareArgs, area: &Area) -> Result<(), CliError> {
    let name = args.landscape.as_deref().unwrap_or("bumpy");
    let start = Landscape::from_name(name).unwrap_or(Landscape::Curve(Curve::Bumpy));
    let mut runs = Compare::new(start);
    runs.apply(args.preset.unwrap_or(Preset::Table));
    runs.step(args.steps.unwrap_or(100));
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let frame = compare::draw_background(&left, runs.landscape(), &style, &CompareText::default())
        .map_err(drawing)?;
    compare::draw_foreground(&left, &frame, &runs, &style).map_err(drawing)?;
    let histories: Vec<_> = (0..runs.len()).filter_map(|i| runs.history(i)).collect();
    let view = loss_plot::LossView::spanning(&histories, runs.steps(), right.dim_in_pixel());
    let text = SceneText {
        loss_axis: "loss".into(),
        ..SceneText::default()
    };
    loss_plot::draw_background(&right, &view, &style, &text).map_err(drawing)?;
    let lines: Vec<loss_plot::Line<'_>> = histories
        .iter()
        .enumerate()
        .map(|(i, history)| loss_plot::Line {
            history,
            colour: compare::run_colour(i, &style),
            diverged: runs.runner(i).is_some_and(descent_core::Runner::diverged),
            from: 0,
        })
        .collect();
    loss_plot::draw_lines(&right, &view, &lines, &style, &text).map_err(drawing)
}

pub fn run(args: &Args) -> Result<String, CliError> {
    let (name, page) = match &args.scene {
        Scene::Loss(a) => ("loss", &a.page),
        Scene::Descent(a) => ("descent", &a.page),
        Scene::Backprop(a) => ("backprop", &a.page),
        Scene::Training(a) => ("training", &a.page),
        Scene::Compare(a) => ("compare", &a.page),
    };
    let out = page.out.as_str();
    let size = (page.width, page.height);
    let drawn = {
        let area = SVGBackend::new(out, size).into_drawing_area();
        match &args.scene {
            Scene::Loss(a) => draw_loss(a, &area),
            Scene::Descent(a) => draw_descent(a, &area),
            Scene::Backprop(a) => draw_backprop(a, &area),
            Scene::Training(a) => draw_training(a, &area),
            Scene::Compare(a) => draw_compare(a, &area),
        }
        .and_then(|()| {
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
        "wrote {out} ({}×{} px, scene {name})\n",
        size.0, size.1
    ))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

#[allow(
    clippy::needless_pass_by_value,
    reason = "a `map_err` callback takes the error by value"
)]
fn drawing(e: DrawError) -> CliError {
    CliError::new("--out", e.to_string())
}

fn draw_descent(args: &DescentArgs, area: &Area) -> Result<(), CliError> {
    let curve = args.curve.clone().unwrap_or_else(Curve::data_mse);
    let start = args.start.unwrap_or_else(|| curve.default_start());
    let lr = args
        .lr
        .or_else(|| curve.critical_learning_rate(start).map(|c| 0.3 * c))
        .unwrap_or(0.1);
    let mut run = Descent::new(curve, start, lr);
    run.step(args.steps.unwrap_or(10));
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let text = SceneText {
        loss_axis: "loss".into(),
        ..SceneText::default()
    };
    descent::draw(&left, &run, 1.0, &style, &SceneText::default()).map_err(drawing)?;
    loss_plot::draw_run(
        &right,
        run.history(),
        run.steps(),
        run.diverged(),
        &style,
        &text,
    )
    .map_err(drawing)?;
    Ok(())
}

fn draw_loss(args: &LossArgs, area: &Area) -> Result<(), CliError> {
    let w = args.w.unwrap_or(1.7);
    let b = args.b.unwrap_or(2.5);
    let mut fit = LineFit::chapter(Line::new(w, b).clamped());
    fit.set_outlier(args.outlier.unwrap_or(false));
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

fn draw_backprop(args: &BackpropArgs, area: &Area) -> Result<(), CliError> {
    let mut example = Example::default();
    example.x = args.x.unwrap_or(example.x);
    example.y = args.y.unwrap_or(example.y);
    let chain = ChainRule::new(ChainParameters::default(), example)
        .map_err(|e| CliError::new(format!("--{}", e.path()), e.problem()))?;
    let walk = Factor::WALK.len();
    let revealed = match args.revealed {
        None => walk,
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| *n <= walk)
            .ok_or_else(|| {
                CliError::new("--revealed", format!("at most {walk} steps (got {n})"))
            })?,
    };
    backprop::draw(
        area,
        &chain,
        revealed,
        &Style::default(),
        &backprop::GraphText::default(),
    )
    .map_err(drawing)
}

fn draw_training(args: &TrainingArgs, area: &Area) -> Result<(), CliError> {
    let seed = args.seed.unwrap_or(descent_core::data::CHAPTER_SEED);
    let lr = args.lr.unwrap_or(0.01);
    let mut training = Training::chapter_seeded(seed, OptimizerConfig::sgd(lr));
    training.step(args.epochs.unwrap_or(100));
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 12);
    let style = Style::default();
    let text = SceneText {
        step_axis: "epoch".into(),
        loss_axis: "loss".into(),
        ..SceneText::default()
    };
    training::draw(&left, &training, &style, &training::FitText::default()).map_err(drawing)?;
    loss_plot::draw_run(
        &right,
        training.history(),
        training.epochs(),
        training.diverged(),
        &style,
        &text,
    )
    .map_err(drawing)?;
    Ok(())
}
