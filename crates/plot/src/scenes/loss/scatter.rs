//! The data scatter with the line ŷ = w·x + b, every residual drawn as a
//! vertical segment from the point to the line and as a square on it: the
//! square's side is the residual's on-screen length, so its area is what
//! the MSE adds up (squares are drawn in pixels so they look square).

use descent_core::scenes::loss::LineFit;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{short, LossText, INK, LARGEST, OUTLIER, SQUARED};
use crate::chart::{draw_axes, Axes, Margins};
use crate::{clamp_finite, DrawError, Frame, PixelRect, Style};

/// The inputs shown, (low, high).
pub const X_RANGE: (f64, f64) = (-12.0, 12.0);
/// The targets shown, (low, high).
pub const Y_RANGE: (f64, f64) = (-26.0, 26.0);
/// Where the line's two drag handles sit, as inputs x.
pub const HANDLE_X: [f64; 2] = [-9.0, 9.0];

const MARGIN: f64 = 10.0;
const LABEL_X: f64 = 40.0;
const LABEL_Y: f64 = 46.0;
const POINT_RADIUS: f64 = 4.5;
const HANDLE_RADIUS: f64 = 8.0;

/// Where the scatter sits: its plotting rectangle in backend pixels.
/// Equal frames mean an equal background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScatterFrame {
    /// Backend size of the whole picture, (width, height).
    pub size: (u32, u32),
    /// The plotting rectangle, in backend pixels.
    pub plot: PixelRect,
}

impl ScatterFrame {
    /// The linear frame of the scatter: [`X_RANGE`] × [`Y_RANGE`] in `plot`.
    fn linear(&self) -> Frame {
        Frame {
            size: self.size,
            x: X_RANGE,
            y: Y_RANGE,
            plot: self.plot,
        }
    }

    /// The backend pixel of the data point (x, y).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        self.linear().to_pixel(x, y)
    }

    /// The data point (x, y) under backend pixel (px, py); not clamped.
    pub fn to_data(&self, px: f64, py: f64) -> (f64, f64) {
        self.linear().value_at(px, py)
    }

    /// The pixel of the line's handle `which` (0 left, 1 right), kept inside
    /// the plot.
    pub fn handle(&self, fit: &LineFit, which: usize) -> (f64, f64) {
        let x = HANDLE_X[which.min(1)];
        let y = clamp_finite(fit.line().predict(x), Y_RANGE.0, Y_RANGE.1);
        self.to_pixel(x, y)
    }

    /// The pixel `(x, y)` kept inside the plotting rectangle.
    fn inside(&self, x: f64, y: f64) -> (i32, i32) {
        let p = self.plot;
        (
            clamp_finite(x, f64::from(p.left), f64::from(p.right)).round() as i32,
            clamp_finite(y, f64::from(p.top), f64::from(p.bottom)).round() as i32,
        )
    }
}

const MARGINS: Margins = Margins::new(MARGIN, LABEL_X, LABEL_Y);

/// Draws what does not move: the axes and grid. Returns the frame.
pub fn draw_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    text: &LossText,
) -> Result<ScatterFrame, DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let mut chart = MARGINS.linear(area, style, X_RANGE, Y_RANGE)?;
    let frame = ScatterFrame {
        size: area.dim_in_pixel(),
        plot: PixelRect::of(chart.plotting_area()),
    };
    let format = |v: &f64| short(*v);
    draw_axes(
        &mut chart,
        style,
        &Axes::alike((7, 6), (&text.x_axis, &text.y_axis), &format),
    )?;
    Ok(frame)
}

/// Draws what moves: the squares and segments of the residuals, the line
/// with its handles, the points, the outlier and the largest error's label.
pub fn draw_foreground<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &ScatterFrame,
    fit: &LineFit,
    style: &Style,
    text: &LossText,
) -> Result<(), DrawError> {
    let line = fit.line();
    let largest = fit.largest_residual();
    let outlier = fit.outlier_index();
    let points: Vec<(f64, f64)> = fit.points().collect();

    let label_font = (FontFamily::SansSerif, style.font(13.0)).into_font();
    // A legend in the top-left corner, under everything else: what the
    // squares are, and the largest error, named and measured.
    let mut rows = vec![(SQUARED, text.squares.clone())];
    if let Some(i) = largest {
        let (x, y) = points[i];
        let e = y - line.predict(x); // e = y − ŷ
        rows.push((LARGEST, format!("{}: e = {}", text.largest, short(e))));
    }
    let row_height = style.offset(19.0);
    let swatch = style.offset(11.0);
    let pad = style.offset(6.0);
    let width = rows
        .iter()
        .map(|(_, label)| style.text_width(label, 13.0))
        .max()
        .unwrap_or(0)
        + swatch
        + 3 * pad;
    let (left, top) = (frame.plot.left + pad, frame.plot.top + pad);
    area.draw(&Rectangle::new(
        [
            (left, top),
            (left + width, top + row_height * rows.len() as i32 + pad),
        ],
        WHITE.mix(0.88).filled(),
    ))?;
    for (k, (colour, label)) in rows.into_iter().enumerate() {
        let y = top + pad + row_height * k as i32;
        let square = [(left + pad, y + 2), (left + pad + swatch, y + 2 + swatch)];
        area.draw(&Rectangle::new(square, colour.mix(0.35).filled()))?;
        area.draw(&Rectangle::new(square, colour.stroke_width(style.px(1.0))))?;
        area.draw(&Text::new(
            label,
            (left + 2 * pad + swatch, y),
            label_font.clone().color(&INK),
        ))?;
    }
    // Squares next, so segments, line and points stay visible on top.
    for (i, &(x, y)) in points.iter().enumerate() {
        let (px, py) = frame.to_pixel(x, y);
        let (_, ly) = frame.to_pixel(x, line.predict(x));
        let side = clamp_finite((py - ly).abs(), 0.0, 1e6); // side = |eᵢ| on screen
        let across = if px + side <= f64::from(frame.plot.right) {
            px + side
        } else {
            px - side
        };
        let corner_a = frame.inside(px, py);
        let corner_b = frame.inside(across, ly);
        let colour = if Some(i) == largest { LARGEST } else { SQUARED };
        let fill = if Some(i) == largest { 0.30 } else { 0.16 };
        area.draw(&Rectangle::new(
            [corner_a, corner_b],
            colour.mix(fill).filled(),
        ))?;
        area.draw(&Rectangle::new(
            [corner_a, corner_b],
            colour.mix(0.75).stroke_width(style.px(1.0)),
        ))?;
    }
    // Residual segments from each point to the line.
    for &(x, y) in &points {
        let (px, py) = frame.to_pixel(x, y);
        let (_, ly) = frame.to_pixel(x, line.predict(x));
        area.draw(&PathElement::new(
            vec![frame.inside(px, py), frame.inside(px, ly)],
            INK.mix(0.8).stroke_width(style.line(1.5)),
        ))?;
    }

    // The line ŷ = w·x + b, drawn between the plot's left and right edges.
    let ends = [X_RANGE.0, X_RANGE.1].map(|x| {
        let (px, py) = frame.to_pixel(x, line.predict(x));
        frame.inside(px, py)
    });
    area.draw(&PathElement::new(
        ends.to_vec(),
        INK.stroke_width(style.line(3.0)),
    ))?;
    for (i, &(x, y)) in points.iter().enumerate() {
        let (px, py) = frame.to_pixel(x, y);
        let at = frame.inside(px, py);
        if Some(i) == outlier {
            let r = style.offset(POINT_RADIUS * 1.8);
            let diamond = vec![
                (at.0, at.1 - r),
                (at.0 + r, at.1),
                (at.0, at.1 + r),
                (at.0 - r, at.1),
            ];
            area.draw(&Polygon::new(diamond.clone(), OUTLIER.filled()))?;
            area.draw(&PathElement::new(
                [diamond.clone(), vec![diamond[0]]].concat(),
                INK.stroke_width(style.px(1.5)),
            ))?;
            let label = &text.outlier;
            area.draw(&Text::new(
                label.clone(),
                (
                    at.0 - style.text_width(label, 13.0) / 2,
                    at.1 + r + style.offset(4.0),
                ),
                label_font.clone().color(&OUTLIER),
            ))?;
        } else {
            area.draw(&Circle::new(at, style.px(POINT_RADIUS), INK.filled()))?;
        }
    }

    // The handles last, so no point hides them.
    for which in 0..2 {
        let (hx, hy) = frame.handle(fit, which);
        let centre = frame.inside(hx, hy);
        let r = style.px(HANDLE_RADIUS);
        area.draw(&Circle::new(centre, r, WHITE.filled()))?;
        area.draw(&Circle::new(centre, r, INK.stroke_width(style.px(2.5))))?;
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::scenes::loss::Line;

    fn svg(fit: &LineFit) -> (String, ScatterFrame) {
        let text = LossText::default();
        crate::testing::svg((720, 420), |area| {
            let frame = draw_background(area, &Style::default(), &text).expect("background");
            draw_foreground(area, &frame, fit, &Style::default(), &text).expect("foreground");
            frame
        })
    }

    /// (width, height) of every residual square filled with `colour` (e.g.
    /// "#0072B2"); the legend's swatches (opacity 0.35) are left out.
    fn filled_rects(svg: &str, colour: &str) -> Vec<(f64, f64)> {
        svg.split("<rect")
            .skip(1)
            .filter_map(|r| r.split('>').next())
            .filter(|r| {
                r.contains(&format!("fill=\"{colour}\"")) && !r.contains("opacity=\"0.35\"")
            })
            .filter_map(|r| {
                let attr = |name: &str| -> Option<f64> {
                    let start = r.find(&format!(" {name}=\""))? + name.len() + 3;
                    r[start..].split('"').next()?.parse().ok()
                };
                Some((attr("width")?, attr("height")?))
            })
            .collect()
    }

    #[test]
    fn every_residual_is_a_square_as_tall_as_its_error() {
        let fit = LineFit::chapter(Line::new(1.4, 3.0));
        let (svg, frame) = svg(&fit);
        let mut squares = filled_rects(&svg, "#0072B2");
        squares.extend(filled_rects(&svg, "#E69F00"));
        assert_eq!(squares.len(), fit.len(), "one square per point");
        let unit = f64::from(frame.plot.bottom - frame.plot.top) / (Y_RANGE.1 - Y_RANGE.0);
        let mut expected: Vec<f64> = fit.residuals().map(|e| e.abs() * unit).collect();
        let mut sides: Vec<f64> = squares.iter().map(|(_, h)| *h).collect();
        expected.sort_by(f64::total_cmp);
        sides.sort_by(f64::total_cmp);
        for ((w, h), _) in squares.iter().zip(0..) {
            assert!((w - h).abs() <= 1.0, "square: {w} × {h}");
        }
        for (side, e) in sides.iter().zip(&expected) {
            assert!((side - e).abs() <= 1.5, "side {side} vs |e|·scale {e}");
        }
        assert!(svg.contains("largest error: e ="));
    }

    #[test]
    fn the_outlier_is_labelled_and_its_square_is_the_largest() {
        let mut fit = LineFit::chapter(Line::new(2.0, 1.0));
        fit.set_outlier(true);
        let (svg, _) = svg(&fit);
        assert!(svg.contains("outlier"));
        let orange = filled_rects(&svg, "#E69F00");
        let blue = filled_rects(&svg, "#0072B2");
        assert_eq!(orange.len(), 1);
        let biggest_blue = blue.iter().map(|(_, h)| *h).fold(0.0, f64::max);
        assert!(
            orange[0].1 > 8.0 * biggest_blue,
            "{orange:?} vs {biggest_blue}"
        );
    }

    #[test]
    fn lines_far_off_stay_inside_the_plot_and_draw_no_nan() {
        let fit = LineFit::chapter(Line::new(5.0, 12.0));
        let (svg, frame) = svg(&fit);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let (hx, hy) = frame.handle(&fit, 1);
        assert!(frame.plot.contains(hx, hy) || hy <= f64::from(frame.plot.top) + 1.0);
    }

    #[test]
    fn to_data_inverts_to_pixel() {
        let fit = LineFit::chapter(Line::new(2.0, 1.0));
        let (_, frame) = svg(&fit);
        for (x, y) in [(0.0, 0.0), (-9.0, 12.5), (10.0, -20.0)] {
            let (px, py) = frame.to_pixel(x, y);
            let (dx, dy) = frame.to_data(px, py);
            assert!((dx - x).abs() < 1e-9 && (dy - y).abs() < 1e-9);
        }
    }
}
