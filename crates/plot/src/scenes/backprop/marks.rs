//! The graph's marks: arrows, centred labels, two-line badges, numbers.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::geometry::{self, Point};
use super::{Emphasis, GraphText};
use crate::{DrawError, Style};

/// A two-line label (symbol over value) in a rounded box.
pub(super) fn badge<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: Point,
    symbol: &str,
    value: &str,
    emphasis: Emphasis,
    style: &Style,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let (edge, width, fill) = match emphasis {
        Emphasis::Current => (palette.tangent, 3.0, RGBColor(253, 236, 229)),
        _ => (palette.curve, 1.4, RGBColor(255, 255, 255)),
    };
    let bold = emphasis == Emphasis::Current;
    let half = geometry::badge_half(symbol, value, bold, style);
    let outline = geometry::rounded_rect(at, half, f64::from(style.px(6.0)));
    area.draw(&Polygon::new(outline.clone(), fill.filled()))?;
    area.draw(&PathElement::new(
        outline,
        edge.stroke_width(style.px(width)),
    ))?;
    let ink = if bold { palette.tangent } else { palette.axis };
    let gap = f64::from(style.px(9.0));
    let size = geometry::VALUE_SIZE;
    label(area, symbol, (at.0, at.1 - gap), size, bold, ink, style)?;
    label(area, value, (at.0, at.1 + gap), size, bold, ink, style)
}

/// A straight arrow from `a` to `b` with a filled head at `b`.
pub(super) fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: Point,
    b: Point,
    colour: RGBColor,
    width: f64,
    style: &Style,
) -> Result<(), DrawError> {
    let head = f64::from(style.px(7.0 + width));
    let (shaft_end, tip) = geometry::arrow_head(a, b, head);
    area.draw(&PathElement::new(
        vec![geometry::pixel(a), geometry::pixel(shaft_end)],
        colour.stroke_width(style.line(width)),
    ))?;
    area.draw(&Polygon::new(tip, colour.filled()))?;
    Ok(())
}

/// Centred text of `size` CSS pixels.
pub(super) fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    words: &str,
    at: Point,
    size: f64,
    bold: bool,
    colour: RGBColor,
    style: &Style,
) -> Result<(), DrawError> {
    let font = (FontFamily::SansSerif, style.font(size)).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    let font = font
        .color(&colour)
        .pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(words.to_owned(), geometry::pixel(at), font))?;
    Ok(())
}

/// A number with 4 significant digits and a true minus sign, like the page;
/// `overflow` in place of NaN or ∞.
pub fn number(v: f64, text: &GraphText) -> String {
    if !v.is_finite() {
        return text.overflow.clone();
    }
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let s = if !(1e-4..1e6).contains(&a) {
        format!("{v:.2e}")
    } else {
        let decimals = (3 - a.log10().floor() as i32).clamp(0, 8) as usize;
        let s = format!("{v:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    };
    s.replace('-', "−")
}
