//! Section 3.1: loss functions.
//!
//! Two pictures: [`scatter`] (the points, the line ŷ = w·x + b the user
//! moves, every residual as a vertical segment and a square whose side is
//! its on-screen length) and [`curves`] (the loss of one error, e² and |e|,
//! above their derivatives 2e and sign(e), with every residual marked).
//! Each splits into a cacheable background and a foreground.

use plotters::style::RGBColor;

use crate::words::words;

pub mod curves;
pub mod scatter;

words! {
    /// Words drawn in the 3.1 pictures, in the page's language.
    pub struct LossText {
        /// Caption of the input axis.
        x_axis: "input x",
        /// Caption of the target axis.
        y_axis: "target y",
        /// Label of the outlier point.
        outlier: "outlier",
        /// Label of the point farthest from the line.
        largest: "largest error",
        /// Legend of the residual squares.
        squares: "error² (one square per point)",
        /// Caption of the error axis, e = y − ŷ.
        error_axis: "error e = y − ŷ",
        /// Caption of the loss-of-one-error axis.
        loss_axis: "loss",
        /// Caption of the derivative axis.
        slope_axis: "derivative",
        /// Label of the curve e².
        squared: "e² (MSE)",
        /// Label of the curve |e|.
        absolute: "|e| (MAE)",
        /// Label of the line 2e.
        squared_slope: "2e",
        /// Label of the steps sign(e).
        absolute_slope: "sign(e)",
        /// The note at the kink of |e|.
        kink: "not differentiable at 0",
        /// Label for values beyond a chart.
        off_chart: "off the chart",
    }
}

/// The squared loss (MSE): Okabe–Ito blue; drawn solid, with circles.
const SQUARED: RGBColor = RGBColor(0, 114, 178);
/// The absolute loss (MAE): Okabe–Ito bluish green; drawn dashed, with squares.
const ABSOLUTE: RGBColor = RGBColor(0, 158, 115);
/// The point farthest from the line: Okabe–Ito orange, with a label.
const LARGEST: RGBColor = RGBColor(230, 159, 0);
/// The outlier: Okabe–Ito vermillion, drawn as a diamond, with a label.
const OUTLIER: RGBColor = RGBColor(213, 94, 0);
/// Data points and the line.
const INK: RGBColor = RGBColor(20, 32, 46);

/// `v` with at most two decimals, for labels ("-0" never shown).
fn short(v: f64) -> String {
    let s = format!("{:.2}", crate::clamp_finite(v, -1e9, 1e9));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.replace('-', "−")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Words;

    #[test]
    fn chart_words_can_be_replaced_by_key() {
        let mut text = LossText::default();
        assert!(text.set("kink", "在 0 处不可导"));
        assert_eq!(text.kink, "在 0 处不可导");
        assert!(!text.set("nonsense", "x"));
    }

    #[test]
    fn short_numbers_for_labels() {
        assert_eq!(short(5.2049), "5.2");
        assert_eq!(short(-0.001), "0");
        assert_eq!(short(-14.0), "−14");
        assert_eq!(short(f64::NAN), "1000000000");
    }
}
