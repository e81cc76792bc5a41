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

/// Run `run`'s path on a map as drawn: every stride-th point of its
/// trajectory and its position, with each point closer than three pixels
/// to the last one kept dropped (the newest stays the path's end, so it
/// meets the ball). A point that close adds nothing to the picture but
/// stroking time: a run that settles would otherwise stroke its last
/// thousand points on one spot.
fn map_path(
    frame: &Frame,
    landscape: &Landscape,
    run: &descent_core::Runner,
    style: &Style,
) -> MapPath {
    let trajectory = run.trajectory();
    let stride = trajectory.len().div_ceil(PATH_POINTS).max(1);
    let near = i64::from(style.px(3.0));
    let mut path: Vec<(f64, f64)> = Vec::with_capacity(PATH_POINTS + 1);
    let mut pixels: Vec<(i32, i32)> = Vec::with_capacity(PATH_POINTS + 1);
    let points = trajectory.iter().step_by(stride).copied();
    for p in points.chain(std::iter::once(run.position())) {
        let at = place(frame, landscape, p);
        let pixel = pixel_of(frame, at);
        let apart = pixels.last().is_none_or(|q| {
            let (dx, dy) = (i64::from(pixel.0 - q.0), i64::from(pixel.1 - q.1));
            dx * dx + dy * dy > near * near
        });
        if apart {
            path.push(at);
            pixels.push(pixel);
        } else if let (Some(end), Some(end_pixel)) = (path.last_mut(), pixels.last_mut()) {
            *end = at;
            *end_pixel = pixel;
        }
    }
    MapPath {
        points: path,
        pixels,
    }
}

/// A run's path as a map draws it ([`map_path`]).
struct MapPath {
    points: Vec<(f64, f64)>,
    pixels: Vec<(i32, i32)>,
}

/// The backend pixel of point `at` of `frame`, rounded.
fn pixel_of(frame: &Frame, at: (f64, f64)) -> (i32, i32) {
    let (x, y) = frame.to_pixel(at.0, at.1);
    (x.round() as i32, y.round() as i32)
}

/// Where each run's marker sits, backend pixels: at its position, except
/// that runs at the same spot are stacked upwards, run 1 lowest, so each
/// shows.
fn marker_centres(frame: &Frame, compare: &Compare, style: &Style) -> Vec<(i32, i32)> {
    let radius = style.offset(8.0);
    let mut centres: Vec<(i32, i32)> = Vec::with_capacity(compare.len());
    for run in compare.runners() {
        let (x, mut y) = pixel_of(frame, place(frame, compare.landscape(), run.position()));
        while centres
            .iter()
            .any(|c| (c.0 - x).abs() < 2 * radius && (c.1 - y).abs() < 2 * radius)
        {
            y -= 2 * radius + style.offset(2.0);
        }
        centres.push((x, y));
    }
    centres
}

/// What a map's foreground shows, in backend pixels: the start, each run's
/// path and marker. Two equal keys mean the same picture, so a page need
/// not redraw it; `None` for a curve (its trails fade as the runs go).
pub fn foreground_key(frame: &Frame, compare: &Compare, style: &Style) -> Option<Vec<i32>> {
    let landscape = compare.landscape();
    if !is_map(landscape) {
        return None;
    }
    let start = pixel_of(frame, place(frame, landscape, compare.start()));
    let mut key = vec![start.0, start.1];
    for (run, centre) in compare.runners().zip(marker_centres(frame, compare, style)) {
        let pixels = map_path(frame, landscape, run, style).pixels;
        key.extend([centre.0, centre.1, pixels.len() as i32]);
        key.extend(pixels.iter().flat_map(|p| [p.0, p.1]));
    }
    Some(key)
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
    let radius = style.offset(8.0);
    let centres = marker_centres(frame, compare, style);
    let runs: Vec<_> = compare.runners().enumerate().collect();
    for (i, run) in runs.into_iter().rev() {
        let colour = run_colour(i, style);
        let trajectory = run.trajectory();
        if is_map(landscape) {
            let path = map_path(frame, landscape, run, style).points;
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
