//! The sweep chart: the loss after a fixed number of steps against η, both
//! on log scales; the background shaded by what each η's run did (with a
//! legend), η* marked, and each run's own η marked in its colour and shape.
//! Losses of runs that flew off are drawn at the top edge.

use descent_core::{Regime, Sweep};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{draw_marker, run_colour, CompareText};
use crate::chart::{draw_axes, Axes, Margins};
use crate::loss_plot::power_of_ten;
use crate::{clamp_finite, DrawError, PixelRect, Style};

/// What the sweep chart marks besides the sweep.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SweepMarks {
    /// η*, a dashed line.
    pub critical: Option<f64>,
    /// Each run's index and η.
    pub runs: Vec<(usize, f64)>,
}

/// Where the sweep chart sits, to turn a click into a learning rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepFrame {
    /// The learning rates shown, (low, high).
    pub rates: (f64, f64),
    /// The plotting rectangle, backend pixels.
    pub plot: PixelRect,
}

impl SweepFrame {
    /// The learning rate under backend x-coordinate `x`, kept in range.
    pub fn rate_at(&self, x: f64) -> f64 {
        let p = self.plot;
        let f = ((x - f64::from(p.left)) / f64::from((p.right - p.left).max(1))).clamp(0.0, 1.0);
        let (a, b) = (self.rates.0.ln(), self.rates.1.ln());
        (a + f * (b - a)).exp()
    }

    /// The backend x-coordinate of learning rate `eta`.
    pub fn x_of(&self, eta: f64) -> f64 {
        let p = self.plot;
        let (a, b) = (self.rates.0.ln(), self.rates.1.ln());
        let f = (eta.ln() - a) / (b - a);
        f64::from(p.left) + f.clamp(0.0, 1.0) * f64::from(p.right - p.left)
    }
}

/// A regime's shade in the sweep chart (light; the legend names it).
pub fn regime_colour(regime: Regime) -> RGBColor {
    match regime {
        Regime::Still => RGBColor(225, 225, 225),
        Regime::TooSlow => RGBColor(200, 225, 245),
        Regime::Converging => RGBColor(195, 235, 210),
        Regime::Oscillating => RGBColor(245, 235, 175),
        Regime::Bouncing => RGBColor(250, 210, 160),
        Regime::Diverging => RGBColor(245, 190, 180),
    }
}

const MARGINS: Margins = Margins::new(12.0, 44.0, 62.0);
/// Room above the plot for the legend, CSS pixels.
const LEGEND: f64 = 26.0;

/// The loss range: from the decade below the lowest final loss to the
/// decade above the highest of the runs that did not fly off.
fn loss_range(sweep: &Sweep) -> (f64, f64) {
    let usable = |l: &f64| l.is_finite() && *l > 0.0;
    let all = sweep.final_losses.iter().filter(|l| usable(l));
    let low = all.clone().fold(f64::INFINITY, |m, l| m.min(*l));
    let high = sweep
        .final_losses
        .iter()
        .zip(&sweep.regimes)
        .filter(|(l, r)| usable(l) && **r != Regime::Diverging)
        .fold(f64::NEG_INFINITY, |m, (l, _)| m.max(*l));
    if !low.is_finite() {
        return (1e-3, 1e3);
    }
    let high = if high.is_finite() { high } else { low * 10.0 };
    let bottom = low.log10().floor().max(-30.0);
    let top = (high.log10().ceil() + 1.0).max(bottom + 2.0).min(30.0);
    (10f64.powf(bottom), 10f64.powf(top))
}

/// Draws the sweep chart; returns its frame.
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sweep: &Sweep,
    marks: &SweepMarks,
    style: &Style,
    text: &CompareText,
) -> Result<SweepFrame, DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let rates = &sweep.learning_rates;
    let (Some(&first), Some(&last)) = (rates.first(), rates.last()) else {
        return Ok(SweepFrame {
            rates: (1e-3, 1.0),
            plot: PixelRect::of(area),
        });
    };
    let (x0, x1) = if first < last {
        (first, last)
    } else {
        (first, first * 10.0)
    };
    let (y0, y1) = loss_range(sweep);
    let rows = legend_rows(area, sweep, style, text);
    let mut chart = MARGINS
        .builder(area, style)
        .margin_top(style.px(MARGINS.margin + LEGEND * rows as f64))
        .margin_right(style.px(26.0))
        .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())?;
    draw_axes(
        &mut chart,
        style,
        &Axes {
            labels: (6, 6),
            captions: (&text.rate_axis, &text.final_loss_axis),
            format: (&|v| short(*v), &|v| power_of_ten(*v)),
        },
    )?;
    // Shading over the grid: each η's share of the axis in its regime's
    // colour, in backend pixels, each band reaching the next (no seams).
    let plot = PixelRect::of(chart.plotting_area());
    let edge = |i: usize| -> i32 {
        match i {
            0 => plot.left,
            i if i >= rates.len() => plot.right,
            i => {
                chart
                    .backend_coord(&((rates[i - 1] * rates[i]).sqrt(), y0))
                    .0
            }
        }
    };
    for i in 0..rates.len() {
        area.draw(&Rectangle::new(
            [(edge(i), plot.top), (edge(i + 1), plot.bottom)],
            regime_colour(sweep.regimes[i]).filled(),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        rates
            .iter()
            .zip(&sweep.final_losses)
            .map(|(r, l)| (*r, clamp_finite(*l, y0, y1))),
        palette.curve.stroke_width(style.line(2.5)),
    ))?;
    if let Some(c) = marks.critical.filter(|c| *c > x0 && *c < x1) {
        chart.draw_series(DashedLineSeries::new(
            [(c, y0), (c, y1)],
            style.px(7.0),
            style.px(5.0),
            palette.axis.stroke_width(style.line(2.0)),
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            text.critical.clone(),
            (c, y1),
            style
                .label_font()
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Top,
                )),
        )))?;
    }
    let edge_style = palette.ball_edge.stroke_width(style.px(1.5));
    for &(i, eta) in &marks.runs {
        if eta > 0.0 && eta.is_finite() {
            let at = (eta.clamp(x0, x1), y0);
            let (x, y) = chart.backend_coord(&at);
            let dy = style.offset(12.0 + 18.0 * i as f64);
            let fill = run_colour(i, style).filled();
            draw_marker(area, (x, y - dy), i, style.offset(7.0), fill, edge_style)?;
        }
    }
    let frame = SweepFrame {
        rates: (x0, x1),
        plot: PixelRect::of(chart.plotting_area()),
    };
    draw_legend(area, sweep, &frame, style, text)?;
    Ok(frame)
}

/// The regimes the sweep shows, each with the width of its swatch and word.
fn legend_items<'t, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sweep: &Sweep,
    style: &Style,
    text: &'t CompareText,
) -> Vec<(Regime, &'t str, i32)> {
    let font = style.label_font();
    Regime::ALL
        .into_iter()
        .filter(|r| sweep.regimes.contains(r))
        .map(|regime| {
            let word = text.regime(regime);
            let (w, _) = area.estimate_text_size(word, &font).unwrap_or((60, 0));
            (regime, word, style.offset(19.0) + w as i32)
        })
        .collect()
}

/// How many lines the legend takes in the picture's width.
fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sweep: &Sweep,
    style: &Style,
    text: &CompareText,
) -> usize {
    let room = area.dim_in_pixel().0 as i32 - style.offset(MARGINS.label_y + 2.0 * MARGINS.margin);
    let (mut rows, mut x) = (1, 0);
    for (_, _, width) in legend_items(area, sweep, style, text) {
        if x > 0 && x + width > room {
            rows += 1;
            x = 0;
        }
        x += width + style.offset(14.0);
    }
    rows
}

/// The regimes the sweep shows, as swatches with their names above the
/// plot, on as many lines as they need.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sweep: &Sweep,
    frame: &SweepFrame,
    style: &Style,
    text: &CompareText,
) -> Result<(), DrawError> {
    let font = style.label_font();
    let left = frame.plot.left;
    let (mut x, mut y) = (left, style.offset(MARGINS.margin / 2.0));
    let swatch = style.offset(14.0);
    for (regime, word, width) in legend_items(area, sweep, style, text) {
        if x > left && x + width > frame.plot.right {
            x = left;
            y += style.offset(LEGEND);
        }
        area.draw(&Rectangle::new(
            [(x, y), (x + swatch, y + swatch)],
            regime_colour(regime).filled(),
        ))?;
        area.draw(&Rectangle::new(
            [(x, y), (x + swatch, y + swatch)],
            style.palette().axis.stroke_width(1),
        ))?;
        area.draw(&Text::new(
            word.to_owned(),
            (x + swatch + style.offset(5.0), y),
            font.clone(),
        ))?;
        x += width + style.offset(14.0);
    }
    Ok(())
}

/// A learning rate on the axis: 0.001, 0.01 … in short form.
fn short(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return String::new();
    }
    let e = v.log10();
    if (e - e.round()).abs() < 1e-6 {
        power_of_ten(v)
    } else {
        let digits = (-(e.floor()) as i32 + 1).clamp(0, 8) as usize;
        format!("{v:.digits$}")
    }
}
