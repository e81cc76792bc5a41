//! The words of the fit picture and its legend.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Frame, POINT_RADIUS};
use crate::{DrawError, Style};

use crate::words::words;

words! {
    /// Words drawn in the fit picture, in the page's language.
    pub struct FitText {
        /// Caption of the input axis.
        x_axis: "x",
        /// Caption of the output axis.
        y_axis: "y",
        /// Legend entry of the data points.
        data: "data y = 2x + 1 + noise",
        /// Legend entry of the current network's curve.
        network: "network ŷ",
        /// Legend entry of the network as initialised.
        initial: "at initialisation",
        /// Label for predictions beyond the view.
        off_chart: "off the chart",
    }
}

/// The legend in the top-left corner of the plotting area: a point, a solid
/// and a dashed line, each with its words (so no entry relies on colour).
pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    style: &Style,
    text: &FitText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let font = (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette.axis);
    let left = frame.plot.left + style.offset(12.0);
    let row = style.offset(20.0);
    let top = frame.plot.top + style.offset(14.0);
    let swatch = style.offset(22.0);
    let text_at = |i: i32| {
        (
            left + swatch + style.offset(8.0),
            top + i * row - style.offset(8.0),
        )
    };

    area.draw(&Circle::new(
        (left + swatch / 2, top),
        style.px(POINT_RADIUS),
        palette.curve.mix(0.6).filled(),
    ))?;
    area.draw(&Text::new(text.data.clone(), text_at(0), font.clone()))?;

    area.draw(&PathElement::new(
        vec![(left, top + row), (left + swatch, top + row)],
        palette.ball.stroke_width(style.line(3.0)),
    ))?;
    area.draw(&Text::new(text.network.clone(), text_at(1), font.clone()))?;

    let dash = style.offset(6.0);
    for start in [left, left + dash + style.offset(4.0)] {
        area.draw(&PathElement::new(
            vec![(start, top + 2 * row), (start + dash, top + 2 * row)],
            palette.axis.mix(0.7).stroke_width(style.line(1.5)),
        ))?;
    }
    area.draw(&Text::new(text.initial.clone(), text_at(2), font))?;
    Ok(())
}
