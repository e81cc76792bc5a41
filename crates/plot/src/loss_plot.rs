//! The loss-vs-step plot with a logarithmic loss axis.
//!
//! The view grows in steps (1-2-5 steps on the step axis, whole decades on
//! the loss axis), so the background changes rarely and can be cached. The
//! loss axis reaches one decade above the starting loss: a diverging run
//! climbs off the top, where it is clamped and marked.

use std::ops::Range;

use descent_core::LossHistory;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::{draw_axes, draw_off_chart, Axes, Margins, OffChart};
use crate::{clamp_finite, DrawError, PixelRect, SceneText, Style};

/// The ranges of a loss plot. Equal views mean an equal background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossView {
    /// Backend size of the picture, (width, height).
    pub size: (u32, u32),
    /// The last step shown (the axis starts at 0).
    pub steps: u64,
    /// The lowest loss shown (a power of ten).
    pub bottom: f64,
    /// The highest loss shown (a power of ten).
    pub top: f64,
}

/// The fewest steps the step axis shows.
const MIN_STEPS: u64 = 20;
/// How many decades below the top the axis may reach at most.
const MAX_DECADES: i32 = 12;

impl LossView {
    /// The view for a history whose last step is `steps`.
    pub fn new(history: &LossHistory, steps: u64, size: (u32, u32)) -> Self {
        let first = history
            .first()
            .filter(|l| l.is_finite() && *l > 0.0)
            .unwrap_or(1.0);
        let top_exp = first.log10().ceil() as i32 + 1;
        let lowest = history
            .buckets()
            .iter()
            .map(|b| b.min)
            .filter(|l| l.is_finite() && *l > 0.0)
            .fold(first, f64::min);
        let bottom_exp = (lowest.log10().floor() as i32).clamp(top_exp - MAX_DECADES, top_exp - 2);
        Self {
            size,
            steps: nice_ceiling(steps.max(MIN_STEPS)),
            bottom: 10f64.powi(bottom_exp),
            top: 10f64.powi(top_exp),
        }
    }

    /// `loss` inside the view: non-finite and huge values at the top, zero
    /// and tiny values at the bottom.
    pub fn clamp(&self, loss: f64) -> f64 {
        clamp_finite(loss, self.bottom, self.top)
    }
}

/// The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ `n`.
pub fn nice_ceiling(n: u64) -> u64 {
    let mut decade = 1u64;
    loop {
        for m in [1u64, 2, 5] {
            match m.checked_mul(decade) {
                Some(candidate) if candidate >= n => return candidate,
                Some(_) => {}
                None => return u64::MAX,
            }
        }
        match decade.checked_mul(10) {
            Some(next) => decade = next,
            None => return u64::MAX,
        }
    }
}

const MARGIN: f64 = 12.0;
const MARGIN_RIGHT: f64 = 26.0;
const LABEL_X: f64 = 44.0;
const LABEL_Y: f64 = 62.0;

type Chart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, LogCoord<f64>>>;

fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    view: &LossView,
    style: &Style,
) -> Result<Chart<'a, DB>, DrawError> {
    let margins = Margins {
        margin: MARGIN,
        label_x: LABEL_X,
        label_y: LABEL_Y,
    };
    Ok(margins
        .builder(area, style)
        // room for half of the last step label ("50000"), centred on the axis end
        .margin_right(style.px(MARGIN_RIGHT))
        .build_cartesian_2d(0.0..view.steps as f64, (view.bottom..view.top).log_scale())?)
}

/// Draws the axes. Returns the plotting rectangle.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    style: &Style,
    text: &SceneText,
) -> Result<PixelRect, DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let mut chart = chart(area, view, style)?;
    let decades = (view.top / view.bottom).log10().round() as usize;
    draw_axes(
        &mut chart,
        style,
        &Axes {
            labels: (6, decades.clamp(2, 7) + 1),
            captions: (&text.step_axis, &text.loss_axis),
            format: (&|v| format!("{v:.0}"), &|v| power_of_ten(*v)),
        },
    )?;
    Ok(PixelRect::of(chart.plotting_area()))
}

/// Draws the buckets `range` of the history: the band between each bucket's
/// lowest and highest loss once buckets hold several steps, and the line
/// through each bucket's last loss, joined to the bucket before the range.
/// Stretches drawn one after another make one picture: their bands abut and
/// their lines meet.
pub fn draw_history<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    history: &LossHistory,
    range: Range<usize>,
    style: &Style,
) -> Result<(), DrawError> {
    stretch(&mut chart(area, view, style)?, view, history, range, style)
}

fn stretch<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    view: &LossView,
    history: &LossHistory,
    range: Range<usize>,
    style: &Style,
) -> Result<(), DrawError> {
    let all = history.buckets();
    let end = range.end.min(all.len());
    let start = range.start.min(end);
    let palette = style.palette();
    let x = |step: u64| step as f64;

    let band = &all[start..end];
    if history.stride() > 1 && !band.is_empty() {
        let upper = band.iter().map(|b| (x(b.last_step), view.clamp(b.max)));
        let lower = band
            .iter()
            .rev()
            .map(|b| (x(b.first_step), view.clamp(b.min)));
        let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            palette.curve.mix(0.18).filled(),
        )))?;
    }
    let line = &all[start.saturating_sub(1)..end];
    if line.len() > 1 {
        chart.draw_series(LineSeries::new(
            line.iter().map(|b| (x(b.last_step), view.clamp(b.last))),
            palette.curve.stroke_width(style.px(2.5)),
        ))?;
    }
    Ok(())
}

/// Draws what moves: the history from bucket `from` on (the buckets before
/// it are on the background), the current point, and a mark where the run
/// first left the chart.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    history: &LossHistory,
    from: usize,
    style: &Style,
    text: &SceneText,
) -> Result<(), DrawError> {
    let mut chart = chart(area, view, style)?;
    let buckets = history.buckets();
    stretch(&mut chart, view, history, from..buckets.len(), style)?;
    let palette = style.palette();
    let x = |step: u64| step as f64;

    if let Some(last) = buckets.last() {
        chart.draw_series(std::iter::once(Circle::new(
            (x(last.last_step), view.clamp(last.last)),
            style.px(5.0),
            palette.ball.filled(),
        )))?;
    }
    let off_chart = |l: f64| !l.is_finite() || l > view.top;
    if let Some(first_off) = buckets.iter().find(|b| off_chart(b.max)) {
        let right_half = x(first_off.last_step) > 0.6 * view.steps as f64;
        let text_dx = if right_half {
            -style.offset(120.0)
        } else {
            style.offset(12.0)
        };
        let mark = OffChart {
            at: (x(first_off.last_step), view.top),
            marker_dy: style.offset(10.0),
            text_dx,
            label: format!("↑ {}", text.off_chart),
        };
        draw_off_chart(&mut chart, mark, style)?;
    }
    Ok(())
}

/// Draws the whole plot.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history: &LossHistory,
    steps: u64,
    style: &Style,
    text: &SceneText,
) -> Result<LossView, DrawError> {
    let view = LossView::new(history, steps, area.dim_in_pixel());
    draw_background(area, &view, style, text)?;
    draw_foreground(area, &view, history, 0, style, text)?;
    Ok(view)
}

/// A tick label on the log axis: 0.01, 0.1, 1, 10, 100, or 10ⁿ beyond.
pub fn power_of_ten(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return String::new();
    }
    let exponent = v.log10().round() as i32;
    if (10f64.powi(exponent) - v).abs() > 1e-6 * v {
        return String::new();
    }
    match exponent {
        -2..=2 => format!("{}", 10f64.powi(exponent)),
        _ => {
            let digits: String = exponent
                .to_string()
                .chars()
                .map(|c| match c {
                    '-' => '⁻',
                    d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                        [d as usize - '0' as usize],
                })
                .collect();
            format!("10{digits}")
        }
    }
}

#[cfg(test)]
mod tests;
