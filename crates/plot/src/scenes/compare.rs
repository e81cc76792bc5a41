//! Comparing runs: several runs on one landscape — balls on a curve or
//! paths on a contour map — and the final loss against η.
//!
//! Each run has its own colour (Okabe–Ito) and its own shape, so no run is
//! told apart by colour alone. The landscape's picture is a background
//! (the curve, or the filled contour map computed here from a grid of the
//! landscape's values) cached by the page until the landscape or the view
//! changes; the runs are the foreground.

mod contour;
mod picture;
mod sweep;

pub use contour::{band_colour, ValueGrid, BANDS};
pub use picture::{draw_background, draw_foreground, foreground_key, is_map, map_frame, place};
pub use sweep::{draw_sweep, regime_colour, SweepFrame, SweepMarks};

use plotters::prelude::*;

use crate::words::words;

/// The runs' colours, in order (Okabe–Ito: orange, sky blue, bluish
/// green, reddish purple).
pub const RUN_COLOURS: [RGBColor; 4] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
];

/// The runs' darker colours for projectors.
pub const RUN_COLOURS_DARK: [RGBColor; 4] = [
    RGBColor(200, 120, 0),
    RGBColor(0, 114, 178),
    RGBColor(0, 120, 85),
    RGBColor(170, 70, 130),
];

/// A run's marker shape, in the runs' order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// ●
    Circle,
    /// ■
    Square,
    /// ▲
    Triangle,
    /// ◆
    Diamond,
}

/// The runs' shapes, in order.
pub const RUN_SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
];

/// Run `i`'s colour in `style`.
pub fn run_colour(i: usize, style: &crate::Style) -> RGBColor {
    let colours = if style.present {
        RUN_COLOURS_DARK
    } else {
        RUN_COLOURS
    };
    colours[i % colours.len()]
}

/// Draws run `i`'s marker centred on backend pixel `at` of `area`, radius
/// `r` backend pixels.
pub(crate) fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    at: (i32, i32),
    i: usize,
    r: i32,
    fill: ShapeStyle,
    edge: ShapeStyle,
) -> Result<(), crate::DrawError> {
    let (x, y) = at;
    let outline = |points: Vec<(i32, i32)>| -> Result<(), crate::DrawError> {
        area.draw(&Polygon::new(points.clone(), fill))?;
        let mut closed = points.clone();
        closed.push(points[0]);
        area.draw(&PathElement::new(closed, edge))?;
        Ok(())
    };
    match RUN_SHAPES[i % RUN_SHAPES.len()] {
        Shape::Circle => {
            area.draw(&Circle::new(at, r, fill))?;
            area.draw(&Circle::new(at, r, edge))?;
        }
        Shape::Square => {
            let s = (f64::from(r) * 0.85) as i32;
            outline(vec![
                (x - s, y - s),
                (x + s, y - s),
                (x + s, y + s),
                (x - s, y + s),
            ])?;
        }
        Shape::Triangle => {
            let r = (f64::from(r) * 1.25) as i32;
            let w = (f64::from(r) * 0.87) as i32;
            outline(vec![(x, y - r), (x + w, y + r / 2), (x - w, y + r / 2)])?;
        }
        Shape::Diamond => {
            let r = (f64::from(r) * 1.2) as i32;
            outline(vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)])?;
        }
    }
    Ok(())
}

words! {
    /// Words drawn in the comparison's pictures, in the page's language.
    pub struct CompareText {
        /// Caption of the weight axis.
        weight_axis: "weight w",
        /// Caption of the bias axis (a surface's second parameter).
        bias_axis: "bias b",
        /// Caption of the loss axis.
        loss_axis: "loss",
        /// Caption of the learning-rate axis.
        rate_axis: "learning rate η",
        /// Caption of the sweep's loss axis.
        final_loss_axis: "loss after the steps",
        /// Label of a minimum.
        minimum: "minimum",
        /// Label of the critical learning rate.
        critical: "η*",
        /// Label for values beyond the chart.
        off_chart: "off the chart",
        /// The regimes, for the sweep's legend.
        regime_still: "still",
        /// …
        regime_too_slow: "too slow",
        /// …
        regime_converging: "converging",
        /// …
        regime_oscillating: "oscillating",
        /// …
        regime_bouncing: "bouncing",
        /// …
        regime_diverging: "diverging",
    }
}

impl CompareText {
    /// The word for a regime.
    pub fn regime(&self, regime: descent_core::Regime) -> &str {
        use descent_core::Regime;
        match regime {
            Regime::Still => &self.regime_still,
            Regime::TooSlow => &self.regime_too_slow,
            Regime::Converging => &self.regime_converging,
            Regime::Oscillating => &self.regime_oscillating,
            Regime::Bouncing => &self.regime_bouncing,
            Regime::Diverging => &self.regime_diverging,
        }
    }
}

#[cfg(test)]
mod tests;
