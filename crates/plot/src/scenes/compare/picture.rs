//! The runs' picture: a curve with a ball per run, or a contour map with a
//! path per run. Axes, the curve or the map and the minima are the
//! background; the runs, their trails and the shared start the foreground.

use descent_core::landscape::Dims;
use descent_core::scenes::compare::Compare;
use descent_core::Landscape;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::contour::{band_colour, ValueGrid};
use super::{draw_marker, run_colour, CompareText};
use crate::chart::{draw_axes, Axes, Margins};
use crate::{DrawError, Frame, Style};

const MARGINS: Margins = Margins::new(12.0, 44.0, 58.0);
/// The most points of a path drawn (longer paths are thinned evenly).
const PATH_POINTS: usize = 1500;
/// How many earlier positions a ball's trail shows.
const TRAIL: usize = 24;
/// The contour map's cell, CSS pixels.
const CELL: f64 = 4.0;

/// The frame of `landscape`'s picture on a `size` picture: w across, and
/// up the losses (a curve) or b (a surface).
pub fn map_frame(landscape: &Landscape, size: (u32, u32), style: &Style) -> Frame {
    let view = landscape.view();
    let y = match view.b {
        Some(b) if is_map(landscape) => b,
        _ => loss_range(landscape, view.w),
    };
    Frame {
        size,
        x: view.w,
        y,
        plot: MARGINS.plot_rect(size, style),
    }
}

/// Whether `landscape` is drawn as a contour map of (w, b) rather than a curve.
pub fn is_map(landscape: &Landscape) -> bool {
    landscape.dims() == Dims::Two
}

/// Where position `p` is drawn in `frame`, kept inside the view: (w, L(w))
/// on a curve, (w, b) on a map.
pub fn place(frame: &Frame, landscape: &Landscape, p: [f64; 2]) -> (f64, f64) {
    let y = if is_map(landscape) {
        p[1]
    } else {
        landscape.value(p)
    };
    frame.clamp(p[0], y).0
}

/// The range of losses a curve's picture shows, with room above and below.
fn loss_range(landscape: &Landscape, w: (f64, f64)) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..=200 {
        let v = landscape.value([w.0 + (w.1 - w.0) * f64::from(i) / 200.0, 0.0]);
        if v.is_finite() {
            low = low.min(v);
            high = high.max(v);
        }
    }
    if low > high {
        return (0.0, 1.0);
    }
    let span = (high - low).max(1e-9);
    (low - 0.12 * span, high + 0.12 * span)
}

fn tick(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".into()
    } else if r.abs() >= 1000.0 || r.abs() < 0.01 {
        format!("{r:.0e}")
    } else {
        format!("{r}")
    }
}

/// Draws the axes, the curve or the contour map, and the known minima.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    landscape: &Landscape,
    style: &Style,
    text: &CompareText,
) -> Result<Frame, DrawError> {
    let palette = style.palette();
    let (mut chart, frame) = MARGINS.background(
        area,
        style,
        map_frame(landscape, area.dim_in_pixel(), style),
    )?;
    let captions = if is_map(landscape) {
        (&text.weight_axis, &text.bias_axis)
    } else {
        (&text.weight_axis, &text.loss_axis)
    };
    let format = |v: &f64| tick(*v);
    draw_axes(
        &mut chart,
        style,
        &Axes::alike((7, 6), (captions.0, captions.1), &format),
    )?;
    if is_map(landscape) {
        draw_map(area, landscape, &frame, style)?;
    } else {
        let (low, high) = frame.x;
        let samples = (0..=400).map(|i| {
            let w = low + (high - low) * f64::from(i) / 400.0;
            frame.clamp(w, landscape.value([w, 0.0])).0
        });
        chart.draw_series(LineSeries::new(
            samples,
            palette.curve.stroke_width(style.line(3.0)),
        ))?;
    }
    let size = style.px(7.0) as i32;
    for m in landscape.minima() {
        let at = place(&frame, landscape, m);
        let dy = if is_map(landscape) {
            0
        } else {
            style.offset(10.0)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at(at)
                + Cross::new((0, dy), size, palette.minimum.stroke_width(style.px(3.0)))
                + Text::new(
                    text.minimum.clone(),
                    (style.offset(10.0), dy + style.offset(4.0)),
                    style.label_font().color(&palette.minimum),
                ),
        ))?;
    }
    Ok(frame)
}

/// The filled contour map over the plotting area, in backend pixels: one
/// rectangle per run of equal-band cells in a row, each reaching the next
/// one's edge (no seams between them).
fn draw_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    landscape: &Landscape,
    frame: &Frame,
    style: &Style,
) -> Result<(), DrawError> {
    let cell = style.px(CELL).max(1) as i32;
    let p = frame.plot;
    let cols = ((p.right - p.left) / cell).max(2) as usize;
    let rows = ((p.bottom - p.top) / cell).max(2) as usize;
    let view = descent_core::landscape::View {
        w: frame.x,
        b: Some(frame.y),
    };
    let grid = ValueGrid::new(landscape, &view, cols, rows);
    let x_at = |c: usize| p.left + ((p.right - p.left) as usize * c / cols) as i32;
    let y_at = |r: usize| p.top + ((p.bottom - p.top) as usize * r / rows) as i32;
    for r in 0..rows {
        let mut c = 0;
        while c < cols {
            let band = grid.band(c, r);
            let mut end = c + 1;
            while end < cols && grid.band(end, r) == band {
                end += 1;
            }
            area.draw(&Rectangle::new(
                [(x_at(c), y_at(r)), (x_at(end), y_at(r + 1))],
                band_colour(usize::from(band)).filled(),
            ))?;
            c = end;
        }
    }
    Ok(())
}

/// Draws every run of `compare`: on a curve its ball and trail, on a map
/// its path; the shared start as a ring. Runs are drawn last first, so run
/// 1 is on top.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    compare: &Compare,
    style: &Style,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let landscape = compare.landscape();
    let mut chart = MARGINS.framed(area, style, frame)?;
    let start = place(frame, landscape, compare.start());
    chart.draw_series(std::iter::once(Circle::new(
        start,
        style.px(11.0),
        palette.axis.stroke_width(style.line(2.0)),
    )))?;
    let runs: Vec<_> = compare.runners().enumerate().collect();
    // Runs at the same spot are stacked upwards, run 1 lowest, so each shows.
    let radius = style.offset(8.0);
    let mut centres: Vec<(i32, i32)> = Vec::with_capacity(runs.len());
    for (_, run) in &runs {
        let (x, mut y) = chart.backend_coord(&place(frame, landscape, run.position()));
        while centres
            .iter()
            .any(|c| (c.0 - x).abs() < 2 * radius && (c.1 - y).abs() < 2 * radius)
        {
            y -= 2 * radius + style.offset(2.0);
        }
        centres.push((x, y));
    }
    for (i, run) in runs.into_iter().rev() {
        let colour = run_colour(i, style);
        let trajectory = run.trajectory();
        if is_map(landscape) {
            let stride = trajectory.len().div_ceil(PATH_POINTS).max(1);
            let mut path: Vec<(f64, f64)> = trajectory
                .iter()
                .step_by(stride)
                .map(|p| place(frame, landscape, *p))
                .collect();
            path.push(place(frame, landscape, run.position()));
            chart.draw_series(std::iter::once(PathElement::new(
                path.clone(),
                WHITE.mix(0.8).stroke_width(style.line(2.5) + style.px(2.0)),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                path,
                colour.stroke_width(style.line(2.5)),
            )))?;
        } else {
            let from = trajectory.len().saturating_sub(TRAIL + 1);
            let trail = &trajectory[from..trajectory.len().saturating_sub(1)];
            let n = trail.len().max(1) as f64;
            chart.draw_series(trail.iter().enumerate().map(|(k, p)| {
                Circle::new(
                    place(frame, landscape, *p),
                    style.px(3.5),
                    colour.mix(0.2 + 0.5 * k as f64 / n).filled(),
                )
            }))?;
        }
        let edge = palette.ball_edge.stroke_width(style.px(1.5));
        draw_marker(area, centres[i], i, radius, colour.filled(), edge)?;
    }
    Ok(())
}
