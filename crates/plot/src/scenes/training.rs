//! Section 3.4: the chapter's data and the network's fitted curve.
//!
//! The background is the scatter of the 100 points (xᵢ, yᵢ) and the curve
//! of the network as initialised (dashed); the foreground is the curve
//! ŷ = f(x) of the network with its current weights, sampled at
//! [`CURVE_SAMPLES`] inputs ([`fitted_curve`]). Predictions beyond the view (a diverging run)
//! are clamped to its edge and marked "off the chart".

use descent_core::scenes::training::fitted_curve;
use descent_core::Training;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::{draw_axes, Axes, LinearChart, Margins};
use crate::scenes::descent::format_tick;
use crate::{clamp_finite, DrawError, Frame, PixelRect, Style};

mod diagram;
mod legend;
mod pieces;

pub use diagram::draw_diagram;
use legend::draw_legend;
pub use legend::FitText;
pub use pieces::draw_pieces;

/// How many inputs the fitted curve is sampled at.
pub const CURVE_SAMPLES: usize = 200;

const MARGIN: f64 = 12.0;
const LABEL_X: f64 = 40.0;
const LABEL_Y: f64 = 46.0;
/// Radius of a data point, CSS pixels.
pub(crate) const POINT_RADIUS: f64 = 3.5;
/// How far (a fraction of the view's height) a curve may poke out of the
/// view before it is marked "off the chart" (it is clamped either way).
const OFF_CHART_SLACK: f64 = 0.05;

/// The frame of `training`'s data on a `size` picture: the data's extent
/// with a little room around it (the plotting rectangle is measured when
/// the chart is built).
pub fn fit_frame(training: &Training, size: (u32, u32)) -> Frame {
    let extent = |values: &[f64], below: f64, above: f64| {
        let (low, high) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(*v), hi.max(*v))
            });
        if low > high {
            return (-1.0, 1.0);
        }
        let span = (high - low).max(1e-9);
        (low - below * span, high + above * span)
    };
    Frame {
        size,
        x: extent(training.x().as_slice(), 0.04, 0.04),
        y: extent(training.y().as_slice(), 0.08, 0.22),
        plot: PixelRect {
            left: 0,
            top: 0,
            right: size.0 as i32,
            bottom: size.1 as i32,
        },
    }
}

const MARGINS: Margins = Margins::new(MARGIN, LABEL_X, LABEL_Y);

fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    frame: &Frame,
    style: &Style,
) -> Result<LinearChart<'a, DB>, DrawError> {
    MARGINS.framed(area, style, frame)
}

/// `curve` kept inside the frame, and whether it left the view by more than
/// [`OFF_CHART_SLACK`] of its height (or was not finite), which is worth a mark.
fn clamped(curve: &[(f64, f64)], frame: &Frame) -> (Vec<(f64, f64)>, bool) {
    let (low, high) = frame.y;
    let slack = OFF_CHART_SLACK * (high - low);
    let mut off_chart = false;
    let points = curve
        .iter()
        .map(|(x, y)| {
            off_chart |= !(low - slack..=high + slack).contains(y);
            (*x, clamp_finite(*y, low, high))
        })
        .collect();
    (points, off_chart)
}

/// Draws what stays put for a data set: axes, the points, the curve of the
/// network as initialised and the legend. Returns the frame to draw the
/// foreground with.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    training: &Training,
    style: &Style,
    text: &FitText,
) -> Result<Frame, DrawError> {
    let palette = style.palette();
    let (mut chart, frame) =
        MARGINS.background(area, style, fit_frame(training, area.dim_in_pixel()))?;
    let format = |v: &f64| format_tick(*v);
    draw_axes(
        &mut chart,
        style,
        &Axes::alike((8, 6), (&text.x_axis, &text.y_axis), &format),
    )?;

    let (initial, _) = clamped(
        &fitted_curve(training.initial_network(), frame.x, CURVE_SAMPLES),
        &frame,
    );
    chart.draw_series(DashedLineSeries::new(
        initial,
        style.px(6.0),
        style.px(5.0),
        palette.axis.mix(0.7).stroke_width(style.line(1.5)),
    ))?;

    let point_style = palette.curve.mix(0.6).filled();
    let points = training
        .x()
        .iter()
        .zip(training.y().iter())
        .filter(|(x, y)| x.is_finite() && y.is_finite());
    chart.draw_series(
        points.map(|(x, y)| Circle::new((*x, *y), style.px(POINT_RADIUS), point_style)),
    )?;

    draw_legend(area, &frame, style, text)?;
    Ok(frame)
}

/// Draws what moves: the current network's curve ŷ = f(x), with a mark when
/// part of it lies beyond the view.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    training: &Training,
    style: &Style,
    text: &FitText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let mut chart = chart(area, frame, style)?;
    let (curve, off_chart) = clamped(
        &fitted_curve(training.network(), frame.x, CURVE_SAMPLES),
        frame,
    );
    chart.draw_series(LineSeries::new(
        curve.iter().copied(),
        palette.ball.stroke_width(style.line(3.0)),
    ))?;
    if off_chart {
        let font = (FontFamily::SansSerif, style.font(14.0))
            .into_font()
            .color(&palette.warning);
        let at = (
            frame.plot.right - style.offset(150.0),
            frame.plot.top + style.offset(12.0),
        );
        area.draw(&TriangleMarker::new(
            (at.0 - style.offset(12.0), at.1 + style.offset(8.0)),
            style.px(7.0) as i32,
            palette.warning.filled(),
        ))?;
        area.draw(&Text::new(text.off_chart.clone(), at, font))?;
    }
    Ok(())
}

/// Draws the whole picture: background and foreground.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    training: &Training,
    style: &Style,
    text: &FitText,
) -> Result<Frame, DrawError> {
    let frame = draw_background(area, training, style, text)?;
    draw_foreground(area, &frame, training, style, text)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::circles;
    use descent_core::OptimizerConfig;

    fn svg(training: &Training) -> (String, Frame) {
        crate::testing::svg((800, 450), |area| {
            draw(area, training, &Style::default(), &FitText::default()).expect("draws")
        })
    }

    #[test]
    fn every_point_is_drawn_where_it_is() {
        let training = Training::chapter();
        let (svg, frame) = svg(&training);
        let drawn = circles(&svg, 4.0);
        // 100 data points plus the legend's sample point.
        assert_eq!(drawn.len(), 101);
        let (x, y) = (training.x()[(7, 0)], training.y()[(7, 0)]);
        let expected = frame.to_pixel(x, y);
        assert!(
            drawn
                .iter()
                .any(|(cx, cy)| (cx - expected.0).abs() <= 1.5 && (cy - expected.1).abs() <= 1.5),
            "point 7 at {expected:?}"
        );
        for word in ["data y = 2x + 1 + noise", "network ŷ", "at initialisation"] {
            assert!(svg.contains(word), "legend has {word}");
        }
        assert!(!svg.contains("off the chart"));
    }

    #[test]
    fn the_fitted_curve_follows_the_network() {
        let mut training = Training::chapter();
        training.step(200);
        let frame = fit_frame(&training, (800, 450));
        let curve = fitted_curve(training.network(), frame.x, CURVE_SAMPLES);
        assert_eq!(curve.len(), CURVE_SAMPLES);
        // After training, the curve is close to the line y = 2x + 1.
        for (x, y) in &curve {
            assert!((y - (2.0 * x + 1.0)).abs() < 3.0, "ŷ({x}) = {y}");
        }
        let (a, b) = (curve[0].0, curve[CURVE_SAMPLES - 1].0);
        assert_eq!((a, b), frame.x);
    }

    #[test]
    fn a_diverged_network_is_drawn_at_the_edge_without_nan() {
        let mut training = Training::chapter_seeded(42, OptimizerConfig::sgd(0.05));
        training.step(1000);
        assert!(training.halted());
        let (svg, _) = svg(&training);
        assert!(svg.contains("off the chart"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(svg.contains("<polyline"), "the curve is still drawn");
    }

    #[test]
    fn one_hidden_layer_draws_a_piece_per_unit() {
        let mut setup = descent_core::scenes::training::playground::Playground::chapter();
        // tanh units are never dead (dead ones are dashed: many segments).
        setup.activation = descent_core::Activation::Tanh;
        let training = setup.training().expect("valid");
        let (svg, frame) = svg(&training);
        let before = svg.matches("<polyline").count();
        let (with, _) = crate::testing::svg((800, 450), |area| {
            draw(area, &training, &Style::default(), &FitText::default()).expect("draws");
            draw_pieces(area, &frame, &training, &Style::default(), Some(2)).expect("draws");
        });
        let pieces = with.matches("<polyline").count() - before;
        assert_eq!(pieces, 10, "one curve per hidden unit");
        assert!(!with.contains("NaN"));
    }

    #[test]
    fn other_seeds_draw_other_data() {
        let a = svg(&Training::chapter()).0;
        let b = svg(&Training::chapter_seeded(7, OptimizerConfig::sgd(0.01))).0;
        assert_ne!(a, b);
    }
}
