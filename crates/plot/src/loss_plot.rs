//! The loss-vs-step plot with a logarithmic loss axis.
//!
//! The view grows in steps (1-2-5 steps on the step axis, whole decades on
//! the loss axis), so the background changes rarely and can be cached. The
//! loss axis reaches one decade above the starting loss, and up to the
//! decade above the highest loss so far: a diverging run is a line rising
//! to the top, decade after decade, until it passes [`LOSS_LIMIT`]. Losses
//! beyond that (or not finite) are clamped to the top, where an arrow and
//! the words "off the chart" mark them.

use std::ops::Range;

use descent_core::history::LOSS_LIMIT;
use descent_core::LossHistory;
use plotters::coord::combinators::WithKeyPoints;
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
/// How many decades below the starting loss's top the axis may reach at most.
const MAX_DECADES: i32 = 12;
/// The most loss-axis ticks drawn.
const MAX_TICKS: i32 = 8;

/// The highest decade the loss axis reaches: 10^30, [`LOSS_LIMIT`].
fn top_limit_exp() -> i32 {
    LOSS_LIMIT.log10().round() as i32
}

impl LossView {
    /// The view for a history whose last step is `steps`: from the decade
    /// below its lowest loss to the decade above its highest (at least one
    /// decade above the first loss, at most [`LOSS_LIMIT`]). One pass over
    /// the kept buckets (a few hundred at most).
    pub fn new(history: &LossHistory, steps: u64, size: (u32, u32)) -> Self {
        let usable = |l: &f64| l.is_finite() && *l > 0.0;
        let first = history.first().filter(usable).unwrap_or(1.0);
        let (lowest, highest) = history
            .buckets()
            .iter()
            .flat_map(|b| [b.min, b.max, b.last])
            .filter(usable)
            .fold((first, first), |(low, high), l| (low.min(l), high.max(l)));
        let start_top = first.log10().ceil() as i32 + 1;
        let top_exp = start_top
            .max(highest.log10().ceil() as i32)
            .min(top_limit_exp());
        let bottom_exp =
            (lowest.log10().floor() as i32).clamp(start_top - MAX_DECADES, top_exp - 2);
        Self {
            size,
            steps: nice_ceiling(steps.max(MIN_STEPS)),
            bottom: 10f64.powi(bottom_exp),
            top: 10f64.powi(top_exp),
        }
    }

    /// The view that holds every one of `histories` (each as
    /// [`LossView::new`] would show it alone), the longest's last step `steps`.
    pub fn spanning(histories: &[&LossHistory], steps: u64, size: (u32, u32)) -> Self {
        let mut views = histories.iter().map(|h| Self::new(h, steps, size));
        let Some(first) = views.next() else {
            return Self::new(&LossHistory::with_capacity(1), steps, size);
        };
        views.fold(first, |a, b| Self {
            size,
            steps: a.steps.max(b.steps),
            bottom: a.bottom.min(b.bottom),
            top: a.top.max(b.top),
        })
    }

    /// `loss` inside the view: non-finite and huge values at the top, zero
    /// and tiny values at the bottom.
    pub fn clamp(&self, loss: f64) -> f64 {
        clamp_finite(loss, self.bottom, self.top)
    }

    /// Whether `loss` lies beyond the top (or is not finite): the run has
    /// left the chart.
    pub fn is_off_chart(&self, loss: f64) -> bool {
        !loss.is_finite() || loss > self.top
    }

    /// The loss axis's ticks, lowest first: powers of ten from the top
    /// down, every 1, 2, 3, 5 or 10 decades so that at most eight are drawn.
    /// The top is always a tick.
    pub fn ticks(&self) -> Vec<f64> {
        let (bottom, top) = (exponent(self.bottom), exponent(self.top));
        let decades = (top - bottom).max(1);
        let every = [1, 2, 3, 5, 10]
            .into_iter()
            .find(|k| decades / k < MAX_TICKS)
            .unwrap_or(decades);
        let mut ticks: Vec<f64> = (0..=decades / every)
            .map(|i| 10f64.powi(top - i * every))
            .collect();
        ticks.reverse();
        ticks
    }
}

/// The exponent of a power of ten.
fn exponent(power: f64) -> i32 {
    power.log10().round() as i32
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
/// The off-chart arrow's head (its circumradius) and shaft, CSS pixels.
const ARROW_HEAD: f64 = 9.0;
const ARROW_SHAFT: f64 = 26.0;
const MARGIN_RIGHT: f64 = 26.0;
const LABEL_X: f64 = 44.0;
const LABEL_Y: f64 = 62.0;

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, WithKeyPoints<LogCoord<f64>>>,
>;

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
        .build_cartesian_2d(
            0.0..view.steps as f64,
            (view.bottom..view.top)
                .log_scale()
                .with_key_points(view.ticks()),
        )?)
}

/// The loss axis's caption for a plot `height` backend pixels tall: all of
/// it ("loss (log scale)") when it fits along the axis, else the words
/// before the bracket ("loss"; the ticks 0.1, 1, 10 say the scale).
fn loss_caption<'t>(caption: &'t str, height: u32, style: &Style) -> &'t str {
    let fits =
        |text: &str| i64::from(style.text_width(text, Style::CAPTION_CSS)) <= i64::from(height);
    if fits(caption) {
        return caption;
    }
    // Only a bracket that starts a note: " (" or "（", not the one in "L(w)".
    let note = caption.find(" (").or_else(|| caption.find('（'));
    note.map_or(caption, |at| caption[..at].trim_end())
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
    let caption = loss_caption(
        &text.loss_axis,
        chart.plotting_area().dim_in_pixel().1,
        style,
    );
    draw_axes(
        &mut chart,
        style,
        &Axes {
            // the loss axis has its own ticks (`LossView::ticks`)
            labels: (6, MAX_TICKS as usize),
            captions: (&text.step_axis, caption),
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
    let colour = style.palette().curve;
    draw_stretches(area, view, &[(history, range, colour)], style)
}

/// Draws stretches of several histories, each `(history, buckets, colour)`
/// as [`draw_history`] draws one: the settled part of a plot of several
/// runs, on its background.
pub fn draw_stretches<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    stretches: &[(&LossHistory, Range<usize>, RGBColor)],
    style: &Style,
) -> Result<(), DrawError> {
    let mut chart = chart(area, view, style)?;
    for (history, range, colour) in stretches {
        stretch(&mut chart, view, history, range.clone(), style, *colour)?;
    }
    Ok(())
}

/// One run's line on a plot of several ([`draw_lines`]).
#[derive(Debug)]
pub struct Line<'a> {
    /// Its loss history.
    pub history: &'a LossHistory,
    /// Its colour.
    pub colour: RGBColor,
    /// Whether it flew off (its end is marked "off the chart").
    pub diverged: bool,
    /// The first bucket drawn: those before it are already on the
    /// background ([`draw_stretches`]); 0 draws the line in full.
    pub from: usize,
}

/// Draws several runs' histories from each line's `from` on, each in its
/// colour and ending in a dot (an arrow up where it left the chart), on a
/// plot whose axes [`draw_background`] drew.
pub fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    lines: &[Line<'_>],
    style: &Style,
    text: &SceneText,
) -> Result<(), DrawError> {
    let mut chart = chart(area, view, style)?;
    for line in lines {
        let buckets = line.history.buckets();
        stretch(
            &mut chart,
            view,
            line.history,
            line.from..buckets.len(),
            style,
            line.colour,
        )?;
        if let Some(last) = buckets.last() {
            chart.draw_series(std::iter::once(Circle::new(
                (last.last_step as f64, view.clamp(last.last)),
                style.px(5.0),
                line.colour.filled(),
            )))?;
        }
    }
    let off = lines.iter().find_map(|line| {
        let buckets = line.history.buckets();
        let first_off = buckets.iter().find(|b| view.is_off_chart(b.max));
        first_off
            .map(|b| (b.last_step as f64, view.top))
            .or_else(|| {
                let last = buckets.last().filter(|_| line.diverged)?;
                Some((last.last_step as f64, view.clamp(last.last)))
            })
    });
    if let Some(at) = off {
        let text_dx = off_chart_text_dx(at.0, view, style);
        let mark = OffChart {
            at,
            marker_dy: style.offset(ARROW_HEAD),
            marker_size: style.px(ARROW_HEAD),
            text_dx,
            label: format!("↑ {}", text.off_chart),
        };
        draw_off_chart(&mut chart, mark, style)?;
    }
    Ok(())
}

fn stretch<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    view: &LossView,
    history: &LossHistory,
    range: Range<usize>,
    style: &Style,
    colour: RGBColor,
) -> Result<(), DrawError> {
    let all = history.buckets();
    let end = range.end.min(all.len());
    let start = range.start.min(end);
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
            colour.mix(0.18).filled(),
        )))?;
    }
    let line = &all[start.saturating_sub(1)..end];
    if line.len() > 1 {
        chart.draw_series(LineSeries::new(
            line.iter().map(|b| (x(b.last_step), view.clamp(b.last))),
            colour.stroke_width(style.line(2.5)),
        ))?;
    }
    Ok(())
}

/// Draws what moves: the history from bucket `from` on (the buckets before
/// it are on the background) and the current point. Where the run left the
/// chart (a loss beyond the top or not finite), or at the line's end when
/// the run `diverged` (the core's verdict, which may come before the loss
/// leaves the chart), an arrow points up from the line's top end, with the
/// words "off the chart".
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LossView,
    history: &LossHistory,
    from: usize,
    diverged: bool,
    style: &Style,
    text: &SceneText,
) -> Result<(), DrawError> {
    let mut chart = chart(area, view, style)?;
    let buckets = history.buckets();
    let colour = style.palette().curve;
    stretch(
        &mut chart,
        view,
        history,
        from..buckets.len(),
        style,
        colour,
    )?;
    let palette = style.palette();
    let x = |step: u64| step as f64;

    if let Some(last) = buckets.last() {
        chart.draw_series(std::iter::once(Circle::new(
            (x(last.last_step), view.clamp(last.last)),
            style.px(5.0),
            palette.ball.filled(),
        )))?;
    }
    let first_off = buckets.iter().find(|b| view.is_off_chart(b.max));
    let top_end = first_off.map(|b| (x(b.last_step), view.top)).or_else(|| {
        let last = buckets.last().filter(|_| diverged)?;
        Some((x(last.last_step), view.clamp(last.last)))
    });
    if let Some(at) = top_end {
        let text_dx = off_chart_text_dx(at.0, view, style);
        // The arrow: a shaft up from the line's end, the mark's triangle its
        // head, its tip at most at the top edge.
        let room = chart.backend_coord(&at).1 - chart.backend_coord(&(at.0, view.top)).1;
        let (head, shaft) = (style.offset(ARROW_HEAD), style.offset(ARROW_SHAFT));
        let tip = -(room.min(head + shaft));
        chart.draw_series(std::iter::once(
            EmptyElement::at(at)
                + PathElement::new(
                    [(0, tip + head + shaft), (0, tip + head)],
                    palette.warning.stroke_width(style.line(2.5)),
                ),
        ))?;
        let mark = OffChart {
            at,
            marker_dy: tip + head,
            marker_size: style.px(ARROW_HEAD),
            text_dx,
            label: format!("↑ {}", text.off_chart),
        };
        draw_off_chart(&mut chart, mark, style)?;
    }
    Ok(())
}

/// Where an off-chart label starts, from its mark at step `x`: to the left
/// in the right part of the plot, else to the right.
fn off_chart_text_dx(x: f64, view: &LossView, style: &Style) -> i32 {
    if x > 0.6 * view.steps as f64 {
        -style.offset(120.0)
    } else {
        style.offset(12.0)
    }
}

/// Draws the whole plot of a run, marked as flown off if it `diverged`.
pub fn draw_run<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history: &LossHistory,
    steps: u64,
    diverged: bool,
    style: &Style,
    text: &SceneText,
) -> Result<LossView, DrawError> {
    let view = LossView::new(history, steps, area.dim_in_pixel());
    draw_background(area, &view, style, text)?;
    draw_foreground(area, &view, history, 0, diverged, style, text)?;
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
