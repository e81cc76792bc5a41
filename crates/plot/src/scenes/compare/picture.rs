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
use crate::chart::{draw_axes, Axes, LinearChart, Margins};
use crate::{clamp_finite, DrawError, PixelRect, Style};

/// Where the picture sits: its ranges and plotting rectangle. Equal frames
/// mean an equal background (for the same landscape).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFrame {
    /// Backend size of the picture.
    pub size: (u32, u32),
    /// The weights shown.
    pub x: (f64, f64),
    /// The losses shown (a curve) or the biases shown (a surface).
    pub y: (f64, f64),
    /// The plotting rectangle, backend pixels.
    pub plot: PixelRect,
    /// A surface (w, b) rather than a curve.
    pub two_d: bool,
}

const MARGINS: Margins = Margins {
    margin: 12.0,
    label_x: 44.0,
    label_y: 58.0,
};
/// The most points of a path drawn (longer paths are thinned evenly).
const PATH_POINTS: usize = 1500;
/// How many earlier positions a ball's trail shows.
const TRAIL: usize = 24;
/// The contour map's cell, CSS pixels.
const CELL: f64 = 4.0;

impl MapFrame {
    /// The frame for `landscape` on a `size` picture.
    pub fn new(landscape: &Landscape, size: (u32, u32), style: &Style) -> Self {
        let view = landscape.view();
        let two_d = landscape.dims() == Dims::Two;
        let y = match view.b {
            Some(b) if two_d => b,
            _ => loss_range(landscape, view.w),
        };
        let (left, bottom) = (style.offset(MARGINS.label_y), style.offset(MARGINS.label_x));
        let margin = style.offset(MARGINS.margin);
        Self {
            size,
            x: view.w,
            y,
            plot: PixelRect {
                left: margin + left,
                top: margin,
                right: size.0 as i32 - margin,
                bottom: size.1 as i32 - margin - bottom,
            },
            two_d,
        }
    }

    /// The backend pixel of (x, y) in the frame's ranges.
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let p = self.plot;
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            f64::from(p.left) + fx * f64::from(p.right - p.left),
            f64::from(p.bottom) - fy * f64::from(p.bottom - p.top),
        )
    }

    /// The point (w, b) under backend pixel (x, y), kept inside the view
    /// (b is the loss's value for a curve; callers use w only).
    pub fn point_at(&self, x: f64, y: f64) -> [f64; 2] {
        let p = self.plot;
        let fx = ((x - f64::from(p.left)) / f64::from((p.right - p.left).max(1))).clamp(0.0, 1.0);
        let fy = ((f64::from(p.bottom) - y) / f64::from((p.bottom - p.top).max(1))).clamp(0.0, 1.0);
        [
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        ]
    }

    fn clamp(&self, x: f64, y: f64) -> (f64, f64) {
        (
            clamp_finite(x, self.x.0, self.x.1),
            clamp_finite(y, self.y.0, self.y.1),
        )
    }

    /// Where run position `p` is drawn: (w, L(w)) on a curve, (w, b) on a map.
    fn place(&self, landscape: &Landscape, p: [f64; 2]) -> (f64, f64) {
        if self.two_d {
            self.clamp(p[0], p[1])
        } else {
            self.clamp(p[0], landscape.value(p))
        }
    }
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

fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    frame: &MapFrame,
    style: &Style,
) -> Result<LinearChart<'a, DB>, DrawError> {
    MARGINS.linear(area, style, frame.x, frame.y)
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
) -> Result<MapFrame, DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let mut frame = MapFrame::new(landscape, area.dim_in_pixel(), style);
    let mut chart = chart(area, &frame, style)?;
    frame.plot = PixelRect::of(chart.plotting_area());
    let captions = if frame.two_d {
        (&text.weight_axis, &text.bias_axis)
    } else {
        (&text.weight_axis, &text.loss_axis)
    };
    let format = |v: &f64| tick(*v);
    draw_axes(
        &mut chart,
        style,
        &Axes {
            labels: (7, 6),
            captions: (captions.0, captions.1),
            format: (&format, &format),
        },
    )?;
    if frame.two_d {
        draw_map(area, landscape, &frame, style)?;
    } else {
        let (low, high) = frame.x;
        let samples = (0..=400).map(|i| {
            let w = low + (high - low) * f64::from(i) / 400.0;
            frame.clamp(w, landscape.value([w, 0.0]))
        });
        chart.draw_series(LineSeries::new(
            samples,
            palette.curve.stroke_width(style.line(3.0)),
        ))?;
    }
    let size = style.px(7.0) as i32;
    for m in landscape.minima() {
        let at = frame.place(landscape, m);
        let dy = if frame.two_d { 0 } else { style.offset(10.0) };
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
    frame: &MapFrame,
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
    frame: &MapFrame,
    compare: &Compare,
    style: &Style,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let landscape = compare.landscape();
    let mut chart = chart(area, frame, style)?;
    let start = frame.place(landscape, compare.start());
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
        let (x, mut y) = chart.backend_coord(&frame.place(landscape, run.position()));
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
        if frame.two_d {
            let stride = trajectory.len().div_ceil(PATH_POINTS).max(1);
            let mut path: Vec<(f64, f64)> = trajectory
                .iter()
                .step_by(stride)
                .map(|p| frame.place(landscape, *p))
                .collect();
            path.push(frame.place(landscape, run.position()));
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
                    frame.place(landscape, *p),
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
