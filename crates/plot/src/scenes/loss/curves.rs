//! The loss of one error e, e² and |e| (top), above their derivatives 2e and
//! sign(e) (bottom), over e ∈ [−R, R]. Every residual of the fit is marked
//! on each curve; the largest one is ringed. The reach R grows in steps
//! (3, 6, 12, 24, 48) so the background changes rarely.

use descent_core::scenes::loss::{LineFit, PointLoss};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{short, LossText, ABSOLUTE, INK, LARGEST, SQUARED};
use crate::chart::{mesh_look, LinearChart, Margins};
use crate::{clamp_finite, DrawError, Style};

/// The reaches the error axis can have.
pub const REACHES: [f64; 5] = [3.0, 6.0, 12.0, 24.0, 48.0];

/// The smallest reach R of [`REACHES`] that shows an error of size `largest`
/// (the last one when none does; errors beyond it are marked off the chart).
pub fn reach_for(largest: f64) -> f64 {
    REACHES
        .iter()
        .copied()
        .find(|r| largest.abs() * 1.05 <= *r)
        .unwrap_or(REACHES[REACHES.len() - 1])
}

const MARGIN: f64 = 8.0;
/// Height of the strip above each chart that names its two curves.
const LEGEND: f64 = 20.0;
const LABEL_X: f64 = 34.0;
const TOP_LABEL_X: f64 = 6.0;
const LABEL_Y: f64 = 46.0;

/// The two charts of the picture for reach `reach`: values on top, derivatives below.
fn charts<'a, DB: DrawingBackend>(
    halves: &'a (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>),
    reach: f64,
    style: &Style,
) -> Result<(LinearChart<'a, DB>, LinearChart<'a, DB>), DrawError> {
    // The top chart shares the bottom one's e axis: its ticks carry no numbers.
    let chart = |half, label_x, low: f64, high: f64| {
        let margins = Margins {
            margin: MARGIN,
            label_x,
            label_y: LABEL_Y,
        };
        margins
            .builder(half, style)
            .margin_top(style.px(MARGIN + LEGEND))
            .build_cartesian_2d(-reach..reach, low..high)
    };
    let top = chart(
        &halves.0,
        TOP_LABEL_X,
        -0.04 * reach * reach,
        1.12 * reach * reach,
    )?;
    let bottom = chart(&halves.1, LABEL_X, -2.3 * reach, 2.3 * reach)?;
    Ok((top, bottom))
}

/// The two halves, split so that both charts get the same plot height (the
/// bottom one also carries the e axis's numbers and name).
fn split<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let height = area.dim_in_pixel().1;
    let axis = style.px(LABEL_X - TOP_LABEL_X).min(height / 3);
    area.split_vertically((height - axis) / 2)
}

/// How many y ticks fit a chart of plot height `plot` (backend pixels):
/// `most` when there is room, fewer (at least 2) so numbers never touch.
fn y_ticks(plot: i32, most: usize, style: &Style) -> usize {
    let line = style.font(12.0) * 1.5;
    let fit = (f64::from(plot.max(0)) / line).floor() as usize + 1;
    fit.clamp(2, most)
}

/// Draws what does not move: both axes, e² and |e|, 2e and sign(e) with
/// the jump of sign(e) at 0 marked as not differentiable.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    reach: f64,
    style: &Style,
    text: &LossText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let halves = split(area, style);
    let (mut top, mut bottom) = charts(&halves, reach, style)?;
    let label_font = (FontFamily::SansSerif, style.font(12.0))
        .into_font()
        .color(&palette.axis);
    let desc_font = (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette.axis);
    for (chart, y_desc, x_desc, most) in [
        (&mut top, &text.loss_axis, None, 5),
        (&mut bottom, &text.slope_axis, Some(&text.error_axis), 3),
    ] {
        let plot = chart.plotting_area().dim_in_pixel().1;
        let y_labels = y_ticks(i32::try_from(plot).unwrap_or(i32::MAX), most, style);
        let mut mesh = chart.configure_mesh();
        mesh_look(&mut mesh, style, label_font.clone(), desc_font.clone())
            .x_labels(7)
            .y_labels(y_labels)
            .y_desc(y_desc.as_str())
            .y_label_formatter(&|v| short(*v));
        if let Some(x_desc) = x_desc {
            mesh.x_desc(x_desc.as_str())
                .x_label_formatter(&|v| short(*v));
        } else {
            mesh.x_label_formatter(&|_| String::new());
        }
        mesh.draw()?;
    }

    let samples = |loss: PointLoss| {
        (0..=240).map(move |i| {
            let e = -reach + 2.0 * reach * f64::from(i) / 240.0;
            (e, loss.value(e))
        })
    };
    let thick = style.line(3.0);
    top.draw_series(LineSeries::new(
        samples(PointLoss::Squared),
        SQUARED.stroke_width(thick),
    ))?;
    top.draw_series(DashedLineSeries::new(
        samples(PointLoss::Absolute),
        style.px(9.0),
        style.px(5.0),
        ABSOLUTE.stroke_width(thick),
    ))?;

    // d(e²)/de = 2e: one straight line through 0.
    bottom.draw_series(LineSeries::new(
        [(-reach, -2.0 * reach), (reach, 2.0 * reach)],
        SQUARED.stroke_width(thick),
    ))?;
    // d|e|/de = sign(e): −1 left of 0, +1 right of 0, undefined at 0.
    for side in [-1.0, 1.0] {
        bottom.draw_series(DashedLineSeries::new(
            [(0.0, side), (side * reach, side)],
            style.px(9.0),
            style.px(5.0),
            ABSOLUTE.stroke_width(thick),
        ))?;
    }
    bottom.draw_series(DashedLineSeries::new(
        [(0.0, -1.0), (0.0, 1.0)],
        style.px(2.0),
        style.px(3.0),
        ABSOLUTE.stroke_width(style.line(1.5)),
    ))?;
    for side in [-1.0, 1.0] {
        bottom.draw_series(std::iter::once(Circle::new(
            (0.0, side),
            style.px(4.5),
            ABSOLUTE.stroke_width(style.line(2.0)),
        )))?;
    }

    // Names: a strip above each chart, clear of the curves and of every
    // residual drawn on them. (Where the bottom strip's names end, and its
    // text row, for the kink's note.)
    let (mut legend_end, mut legend_row) = (0, 0);
    for (chart, high, names) in [
        (
            &top,
            1.12 * reach * reach,
            [
                (&text.squared, SQUARED, false),
                (&text.absolute, ABSOLUTE, true),
            ],
        ),
        (
            &bottom,
            2.3 * reach,
            [
                (&text.squared_slope, SQUARED, false),
                (&text.absolute_slope, ABSOLUTE, true),
            ],
        ),
    ] {
        let (left, plot_top) = chart.backend_coord(&(-reach, high));
        legend_row = plot_top - style.offset(LEGEND / 2.0 + 2.0) - style.offset(8.0);
        let y = plot_top - style.offset(LEGEND / 2.0 + 2.0);
        let mut x = left + style.offset(4.0);
        for (name, colour, dashed) in names {
            let sample = style.offset(24.0);
            let stroke = colour.stroke_width(style.px(3.0));
            if dashed {
                for (from, to) in [(0, 9), (14, 24)] {
                    let (from, to) = (style.offset(f64::from(from)), style.offset(f64::from(to)));
                    area.draw(&PathElement::new(
                        vec![(x + from, y), (x + to.min(sample), y)],
                        stroke,
                    ))?;
                }
            } else {
                area.draw(&PathElement::new(vec![(x, y), (x + sample, y)], stroke))?;
            }
            let words = (FontFamily::SansSerif, style.font(13.0))
                .into_font()
                .color(&colour);
            let at = (x + sample + style.offset(6.0), y - style.offset(8.0));
            area.draw(&Text::new(name.clone(), at, words))?;
            x = at.0 + style.text_width(name, 13.0) + style.offset(18.0);
        }
        legend_end = x;
    }
    // The kink of |e|: its slope jumps at 0. The note sits in the top-left
    // corner of the derivative chart (2e and sign(e) are negative there,
    // so it is always free), with a leader to the jump; when the chart is
    // too short for a line of words above the curves (projector mode on a
    // small screen), it sits after the names in the strip above the chart.
    let kink_font = (FontFamily::SansSerif, style.font(12.5))
        .into_font()
        .color(&INK);
    let (corner_x, corner_y) = bottom.backend_coord(&(-reach, 2.3 * reach));
    let (right_x, _) = bottom.backend_coord(&(reach, 0.0));
    let (jump_x, jump_y) = bottom.backend_coord(&(0.0, 1.0));
    let note_width = style.text_width(&text.kink, 12.5);
    let line = (style.font(12.5) * 1.3) as i32;
    let short = jump_y - corner_y < 2 * line;
    let in_strip = short && legend_end + note_width <= right_x;
    let note = if in_strip {
        (legend_end, legend_row)
    } else {
        (corner_x + style.offset(8.0), corner_y + style.offset(4.0))
    };
    if short && !in_strip {
        // No room anywhere for words that would not cross a curve: the
        // jump keeps its open circle and the words are left out.
        return kink_marker(&mut top, style);
    }
    area.draw(&Text::new(text.kink.clone(), note, kink_font))?;
    // The leader leaves the note below its middle when there is height for
    // it, else from its right end.
    let below = (
        (note.0 + note_width / 2).min(jump_x - style.offset(4.0)),
        note.1 + style.offset(17.0),
    );
    let beside = (
        note.0 + note_width + style.offset(4.0),
        note.1 + style.offset(8.0),
    );
    let leader_start = if jump_y - below.1 > style.offset(8.0) {
        Some(below)
    } else if jump_x - beside.0 > style.offset(8.0) {
        Some(beside)
    } else {
        None
    };
    if let Some(start) = leader_start {
        area.draw(&PathElement::new(
            vec![
                start,
                (jump_x - style.offset(3.0), jump_y - style.offset(5.0)),
            ],
            INK.mix(0.6).stroke_width(style.px(1.0)),
        ))?;
    }
    kink_marker(&mut top, style)
}

/// The marker under e = 0 on the loss chart, where |e| has its kink.
fn kink_marker<DB: DrawingBackend>(
    top: &mut LinearChart<'_, DB>,
    style: &Style,
) -> Result<(), DrawError> {
    top.draw_series(std::iter::once(
        EmptyElement::at((0.0, 0.0))
            + TriangleMarker::new((0, style.offset(9.0)), style.px(5.0) as i32, INK.filled()),
    ))?;
    Ok(())
}

/// Draws what moves: every residual eᵢ on e² and |e| and on 2e and sign(e);
/// the largest ringed and named; errors beyond the reach at the edge, marked.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    reach: f64,
    fit: &LineFit,
    style: &Style,
    text: &LossText,
) -> Result<(), DrawError> {
    let halves = split(area, style);
    let (top, bottom) = charts(&halves, reach, style)?;
    let largest = fit.largest_residual();
    let residuals: Vec<f64> = fit.residuals().collect();
    let r = style.px(4.0) as i32;
    let mut off_chart = false;
    for (i, &e) in residuals.iter().enumerate() {
        let shown = clamp_finite(e, -reach, reach);
        off_chart |= shown != e;
        let squared = (shown, PointLoss::Squared.value(shown));
        let absolute = (shown, PointLoss::Absolute.value(shown));
        let squared_slope = (shown, PointLoss::Squared.slope(shown).unwrap_or(0.0));
        let absolute_slope = (shown, PointLoss::Absolute.slope(shown).unwrap_or(0.0));
        if Some(i) == largest {
            // A guide through both charts at the largest error.
            for (chart, low, high) in [
                (&top, -0.04 * reach * reach, 1.12 * reach * reach),
                (&bottom, -2.3 * reach, 2.3 * reach),
            ] {
                chart.plotting_area().draw(&PathElement::new(
                    vec![(shown, low), (shown, high)],
                    LARGEST.stroke_width(style.line(1.5)),
                ))?;
            }
            for (chart, point) in [
                (&top, squared),
                (&top, absolute),
                (&bottom, squared_slope),
                (&bottom, absolute_slope),
            ] {
                chart.plotting_area().draw(&Circle::new(
                    point,
                    style.px(8.0),
                    LARGEST.stroke_width(style.line(3.0)),
                ))?;
            }
        }
        for (chart, point) in [(&top, squared), (&bottom, squared_slope)] {
            chart
                .plotting_area()
                .draw(&Circle::new(point, r as u32, SQUARED.filled()))?;
        }
        for (chart, (x, y)) in [(&top, absolute), (&bottom, absolute_slope)] {
            let (px, py) = chart.backend_coord(&(x, y));
            area.draw(&Rectangle::new(
                [(px - r, py - r), (px + r, py + r)],
                ABSOLUTE.filled(),
            ))?;
        }
    }
    if let Some(i) = largest {
        let e = residuals[i];
        let shown = clamp_finite(e, -reach, reach);
        let label = format!("{}: e = {}", text.largest, short(e));
        let width = style.text_width(&label, 13.0);
        let (px, _) = top.backend_coord(&(shown, 0.0));
        let (_, py) = top.backend_coord(&(0.0, 1.12 * reach * reach));
        let x0 = if shown > 0.0 {
            px - width - style.offset(8.0)
        } else {
            px + style.offset(8.0)
        };
        let font = (FontFamily::SansSerif, style.font(13.0))
            .into_font()
            .color(&INK);
        area.draw(&Text::new(label, (x0, py + style.offset(4.0)), font))?;
    }
    if off_chart {
        let (px, py) = bottom.backend_coord(&(-reach, -2.3 * reach));
        let font = (FontFamily::SansSerif, style.font(12.0))
            .into_font()
            .color(&style.palette().warning);
        area.draw(&Text::new(
            format!("◀ ▶ {}", text.off_chart),
            (px + style.offset(6.0), py - style.offset(20.0)),
            font,
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
