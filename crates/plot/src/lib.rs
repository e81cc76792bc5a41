//! Every chart and scene picture of Descent, drawn with plotters.
//!
//! All drawing is generic over plotters' [`DrawingBackend`]: the page draws on
//! a canvas, native tests and the CLI draw SVG. Sizes in a [`Style`] are CSS
//! pixels; [`Style::scale`] (the device-pixel ratio) turns them into backend
//! pixels, and it is applied here and nowhere else. Nothing drawn is ever
//! NaN or ∞: values beyond a view are clamped to its edge and marked.
//!
//! Scenes split their pictures into a *background* (axes, curves: redrawn
//! only when its [`frame`](Frame) changes) and a
//! *foreground* (what moves each frame), so a page can cache the first.

use plotters::prelude::*;

mod chart;
pub mod loss_plot;
pub mod scenes;
pub mod style;
mod words;

pub use style::{Palette, SceneText, Style};
pub use words::Words;

#[cfg(test)]
pub(crate) mod testing {
    use plotters::coord::Shift;
    use plotters::prelude::*;

    /// What `draw` draws on an SVG of `size` (in pixels), and what it returned.
    pub(crate) fn svg<T>(
        size: (u32, u32),
        draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> T,
    ) -> (String, T) {
        let mut out = String::new();
        let value = {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            let value = draw(&area);
            area.present().expect("presents");
            value
        };
        (out, value)
    }

    /// The (cx, cy) of every SVG circle of radius `r`.
    pub(crate) fn circles(svg: &str, r: f64) -> Vec<(f64, f64)> {
        svg.split("<circle")
            .skip(1)
            .filter_map(|c| {
                let attr = |name: &str| -> Option<f64> {
                    let start = c.find(&format!("{name}=\""))? + name.len() + 2;
                    c[start..].split('"').next()?.parse().ok()
                };
                (attr("r")? == r).then(|| Some((attr("cx")?, attr("cy")?)))?
            })
            .collect()
    }
}

/// A drawing failed in the backend (the canvas or SVG writer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        DrawError(error.to_string())
    }
}

/// A rectangle in backend pixels: the plotting area of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PixelRect {
    /// Left edge.
    pub left: i32,
    /// Top edge.
    pub top: i32,
    /// Right edge (exclusive).
    pub right: i32,
    /// Bottom edge (exclusive).
    pub bottom: i32,
}

impl PixelRect {
    /// The rectangle a drawing area covers (for a chart: its plotting area).
    pub fn of<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
        area: &DrawingArea<DB, CT>,
    ) -> Self {
        let (xs, ys) = area.get_pixel_range();
        Self {
            left: xs.start,
            top: ys.start,
            right: xs.end,
            bottom: ys.end,
        }
    }

    /// Whether the backend pixel (x, y) lies inside.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= f64::from(self.left)
            && x < f64::from(self.right)
            && y >= f64::from(self.top)
            && y < f64::from(self.bottom)
    }
}

/// Where a chart with linear axes sits in its picture: the ranges it shows
/// and its plotting rectangle. Equal frames mean an equal background, so a
/// page may cache it; the frame maps values to pixels and back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Backend size of the whole picture, (width, height).
    pub size: (u32, u32),
    /// The x values shown, (low, high).
    pub x: (f64, f64),
    /// The y values shown, (low, high).
    pub y: (f64, f64),
    /// The plotting rectangle inside the picture, in backend pixels.
    pub plot: PixelRect,
}

impl Frame {
    /// The backend pixel of the point (x, y).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        let p = self.plot;
        (
            f64::from(p.left) + fx * f64::from(p.right - p.left),
            f64::from(p.bottom) - fy * f64::from(p.bottom - p.top),
        )
    }

    /// The point (x, y) under backend pixel (px, py), beyond the view where
    /// the pixel is outside the plotting rectangle.
    pub fn value_at(&self, px: f64, py: f64) -> (f64, f64) {
        let p = self.plot;
        let fx = (px - f64::from(p.left)) / f64::from((p.right - p.left).max(1));
        let fy = (f64::from(p.bottom) - py) / f64::from((p.bottom - p.top).max(1));
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        )
    }

    /// The point (x, y) under backend pixel (px, py), kept inside the view.
    pub fn point_at(&self, px: f64, py: f64) -> (f64, f64) {
        let (x, y) = self.value_at(px, py);
        (
            clamp_finite(x, self.x.0, self.x.1),
            clamp_finite(y, self.y.0, self.y.1),
        )
    }

    /// The point (x, y) kept inside the view, and whether it had to be moved.
    pub fn clamp(&self, x: f64, y: f64) -> ((f64, f64), bool) {
        let cx = clamp_finite(x, self.x.0, self.x.1);
        let cy = clamp_finite(y, self.y.0, self.y.1);
        ((cx, cy), cx != x || cy != y)
    }
}

/// The house look of every chart's grid and axes: a light grid, axes and
/// labels in the axis colour, label and caption fonts at the style's size.
pub fn house_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    style: &Style,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
    DB: DrawingBackend,
{
    chart::mesh_look(mesh, style, style.label_font(), style.caption_font())
}

/// `value` kept inside `[low, high]`; NaN goes to `high` (an undefined
/// value is drawn as "off the chart", never as nothing).
pub fn clamp_finite(value: f64, low: f64, high: f64) -> f64 {
    if value.is_nan() {
        high
    } else {
        value.clamp(low, high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_never_returns_non_finite_values() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e308, -3.0, 0.5] {
            let c = clamp_finite(v, 0.0, 1.0);
            assert!((0.0..=1.0).contains(&c), "{v} → {c}");
        }
        assert_eq!(clamp_finite(f64::NAN, 0.0, 1.0), 1.0);
    }
}
