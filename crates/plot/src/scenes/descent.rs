//! Section 3.2: the ball on the loss curve.
//!
//! The background is the curve with its minima and peaks; the foreground is
//! the ball, its recent trail, the tangent line whose slope is the gradient
//! ∂L/∂w, and a dashed hop to where the next step will land.

use descent_core::{Curve, Descent};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::{draw_axes, draw_off_chart, Axes, Margins, OffChart};
use crate::{clamp_finite, DrawError, Frame, SceneText, Style};

/// The frame of `curve`'s picture at `size` (backend pixels): the curve's
/// view of w, and its losses with room above and below for the marks.
pub fn curve_frame(curve: &Curve, size: (u32, u32), style: &Style) -> Frame {
    let x = curve.view();
    let (low, high) = x;
    let (mut y_low, mut y_high) = (f64::INFINITY, f64::NEG_INFINITY);
    // Only finite heights count (a typed curve may be NaN or ∞ somewhere).
    for i in 0..=200 {
        let y = curve.value(low + (high - low) * f64::from(i) / 200.0);
        if y.is_finite() {
            y_low = y_low.min(y);
            y_high = y_high.max(y);
        }
    }
    if y_low > y_high {
        (y_low, y_high) = (0.0, 1.0);
    }
    let span = (y_high - y_low).max(1e-9);
    let plot = MARGINS.plot_rect(size, style);
    // Below the lowest pit: a fifth of the curve's span, and at least
    // room for the minimum's marker and name, however short the picture.
    let top = y_high + 0.16 * span;
    let room = f64::from(style.offset(MINIMUM_ROOM)) / f64::from((plot.bottom - plot.top).max(1));
    let mut low = y_low - 0.2 * span;
    if room < 0.9 {
        low = low.min((y_low - room * top) / (1.0 - room));
    }
    Frame {
        size,
        x,
        y: (low, top),
        plot,
    }
}

const MARGIN: f64 = 12.0;
/// Height under a minimum for its marker and its name.
const MINIMUM_ROOM: f64 = 42.0;
const LABEL_X: f64 = 44.0;
const LABEL_Y: f64 = 58.0;
const BALL_RADIUS: f64 = 9.0;
const TANGENT_HALF_LENGTH: f64 = 70.0;

const MARGINS: Margins = Margins::new(MARGIN, LABEL_X, LABEL_Y);

/// Draws what does not move: axes, the curve, its minima and peaks.
/// Returns the frame the foreground must be drawn with.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &Curve,
    style: &Style,
    text: &SceneText,
) -> Result<Frame, DrawError> {
    let palette = style.palette();
    let (mut chart, frame) =
        MARGINS.background(area, style, curve_frame(curve, area.dim_in_pixel(), style))?;
    let label_font = style.label_font();
    let format = |v: &f64| format_tick(*v);
    draw_axes(
        &mut chart,
        style,
        &Axes::alike((7, 6), (&text.weight_axis, &text.loss_axis), &format),
    )?;

    // The curve, broken where it is not a number (outside a typed
    // formula's domain).
    let (low, high) = frame.x;
    let mut samples = (0..=400).map(|i| {
        let w = low + (high - low) * f64::from(i) / 400.0;
        (w, curve.value(w))
    });
    loop {
        let piece: Vec<(f64, f64)> = samples
            .by_ref()
            .skip_while(|(_, y)| y.is_nan())
            .take_while(|(_, y)| !y.is_nan())
            .map(|(w, y)| (w, clamp_finite(y, frame.y.0, frame.y.1)))
            .collect();
        if piece.is_empty() {
            break;
        }
        chart.draw_series(LineSeries::new(
            piece,
            palette.curve.stroke_width(style.line(3.0)),
        ))?;
    }

    let minima = curve.minima();
    let global = curve.global_minimum();
    let marker = style.px(7.0) as i32;
    for m in &minima {
        let label = if minima.len() == 1 || *m == global {
            &text.global_minimum
        } else {
            &text.local_minimum
        };
        let point = (*m, curve.value(*m));
        chart.draw_series(std::iter::once(
            EmptyElement::at(point)
                + TriangleMarker::new((0, style.offset(10.0)), marker, palette.minimum.filled())
                + Text::new(
                    label.clone(),
                    (-style.text_width(label, 13.0) / 2, style.offset(20.0)),
                    label_font.clone().color(&palette.minimum),
                ),
        ))?;
    }
    for p in curve.maxima() {
        let point = (p, curve.value(p));
        let label = &text.peak;
        chart.draw_series(std::iter::once(
            EmptyElement::at(point)
                + Cross::new(
                    (0, -style.offset(10.0)),
                    marker / 2 + 1,
                    palette.axis.stroke_width(style.px(2.0)),
                )
                + Text::new(
                    label.clone(),
                    (-style.text_width(label, 13.0) / 2, -style.offset(32.0)),
                    label_font.clone(),
                ),
        ))?;
    }
    Ok(frame)
}

/// Draws what moves: the trail, the next step's hop, the tangent and the ball
/// part way (`progress` from 0 to 1) from the previous position to the current one.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    run: &Descent,
    progress: f64,
    style: &Style,
    text: &SceneText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let curve = run.curve();
    let mut chart = MARGINS.framed(area, style, frame)?;
    let plotting = chart.plotting_area().clone();

    // Trail: older positions fainter.
    let trail: Vec<f64> = run.trail().collect();
    let n = trail.len().saturating_sub(1).max(1) as f64;
    for (i, w) in trail.iter().enumerate().take(trail.len().saturating_sub(1)) {
        let (point, _) = frame.clamp(*w, curve.value(*w));
        let alpha = 0.15 + 0.45 * i as f64 / n;
        plotting.draw(&Circle::new(
            point,
            style.px(3.5),
            palette.ball.mix(alpha).filled(),
        ))?;
    }

    let (w_ball, y_ball) = ball_point(curve, run.previous_w(), run.w(), progress, frame);
    let (ball, off_chart) = frame.clamp(w_ball, y_ball);
    let settled = progress >= 1.0;

    // The hop the next step will make: W_new = W_old − η·∂L/∂W.
    if settled && !run.diverged() {
        let next = run.w() - run.learning_rate() * run.gradient();
        if next.is_finite() && (next - run.w()).abs() > 1e-9 * (frame.x.1 - frame.x.0) {
            let path: Vec<(f64, f64)> = (0..=24)
                .map(|i| {
                    let (w, y) = ball_point(curve, run.w(), next, f64::from(i) / 24.0, frame);
                    frame.clamp(w, y).0
                })
                .collect();
            chart.draw_series(DashedLineSeries::new(
                path,
                style.px(6.0),
                style.px(5.0),
                palette.tangent.mix(0.7).stroke_width(style.line(1.5)),
            ))?;
            let (landing, landing_off) = frame.clamp(next, curve.value(next));
            if !landing_off {
                plotting.draw(&Circle::new(
                    landing,
                    style.px(BALL_RADIUS * 0.7),
                    palette.tangent.stroke_width(style.line(2.0)),
                ))?;
            }
        }
    }

    // Tangent at the ball: its slope is the gradient.
    if !off_chart {
        let w = if settled { run.w() } else { ball.0 };
        let slope = curve.slope(w);
        let segment = tangent_segment(frame, w, curve.value(w), slope, style);
        chart.draw_series(LineSeries::new(
            segment,
            palette.tangent.stroke_width(style.line(2.5)),
        ))?;
    }

    // The ball.
    let radius = style.px(BALL_RADIUS);
    plotting.draw(&Circle::new(ball, radius, palette.ball.filled()))?;
    plotting.draw(&Circle::new(
        ball,
        radius,
        palette.ball_edge.stroke_width(style.px(2.0)),
    ))?;
    if off_chart {
        let pointing_up = y_ball > frame.y.1 || y_ball.is_nan();
        let text_dx = if ball.0 >= frame.x.1 {
            -style.offset(110.0)
        } else {
            style.offset(14.0)
        };
        let mark = OffChart {
            at: ball,
            marker_dy: if pointing_up { style.offset(20.0) } else { 0 },
            marker_size: style.px(8.0),
            text_dx,
            label: text.off_chart.clone(),
        };
        draw_off_chart(&mut chart, mark, style)?;
    }
    Ok(())
}

/// Draws the whole scene: background and foreground.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &Descent,
    progress: f64,
    style: &Style,
    text: &SceneText,
) -> Result<Frame, DrawError> {
    let frame = draw_background(area, run.curve(), style, text)?;
    draw_foreground(area, &frame, run, progress, style, text)?;
    Ok(frame)
}

/// Where the ball is drawn part way through a step from `from` to `to`
/// (`progress` 0 → 1, eased). A short step rolls along the curve; a long one
/// is a hop whose arc clears the ground in between, so an overshoot is seen
/// jumping across the valley.
pub fn ball_point(curve: &Curve, from: f64, to: f64, progress: f64, frame: &Frame) -> (f64, f64) {
    let (low, high) = frame.x;
    let width = high - low;
    let from = clamp_finite(from, low - width, high + width);
    let to = clamp_finite(to, low - width, high + width);
    let t = clamp_finite(progress, 0.0, 1.0);
    let e = t * t * (3.0 - 2.0 * t);
    let w = from + (to - from) * e;
    if (to - from).abs() <= 0.05 * width {
        return (w, curve.value(w));
    }
    let (y_from, y_to) = (curve.value(from), curve.value(to));
    let line = |s: f64| y_from + (y_to - y_from) * s;
    let clearance = (0..=24)
        .map(|i| {
            let s = f64::from(i) / 24.0;
            curve.value(from + (to - from) * s) - line(s)
        })
        .fold(0.0, f64::max)
        + 0.08 * (frame.y.1 - frame.y.0);
    let y = line(e) + 4.0 * e * (1.0 - e) * clearance;
    (w, y.max(curve.value(w)))
}

/// The ends of a tangent of fixed on-screen length through (w, y) with `slope`.
fn tangent_segment(frame: &Frame, w: f64, y: f64, slope: f64, style: &Style) -> Vec<(f64, f64)> {
    let p = frame.plot;
    // Pixels per unit along each axis.
    let sx = f64::from(p.right - p.left) / (frame.x.1 - frame.x.0);
    let sy = f64::from(p.bottom - p.top) / (frame.y.1 - frame.y.0);
    let (dx, dy) = (sx, slope * sy);
    let norm = (dx * dx + dy * dy).sqrt();
    if !norm.is_finite() || norm == 0.0 {
        return Vec::new();
    }
    let half = f64::from(style.px(TANGENT_HALF_LENGTH));
    let dw = half * dx / norm / sx;
    [-1.0, 1.0]
        .iter()
        .map(|s| {
            let w2 = w + s * dw;
            frame.clamp(w2, y + slope * (w2 - w)).0
        })
        .collect()
}

/// A short tick label: at most three decimals, exponents for huge or tiny values.
pub fn format_tick(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        return format!("{v:.0e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests;
