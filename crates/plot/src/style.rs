//! Sizes, colours and the words drawn inside charts.

use plotters::style::{FontFamily, IntoFont, RGBColor, TextStyle};

use crate::words::words;

/// How big and how bold to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Backend pixels per CSS pixel (the device-pixel ratio; 1 for SVG).
    pub scale: f64,
    /// Projector mode: larger type, thicker lines, higher contrast.
    pub present: bool,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            scale: 1.0,
            present: false,
        }
    }
}

impl Style {
    /// A style for a surface with `scale` backend pixels per CSS pixel.
    /// Non-finite or non-positive scales fall back to 1.
    pub fn new(scale: f64, present: bool) -> Self {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale.clamp(0.5, 8.0)
        } else {
            1.0
        };
        Self { scale, present }
    }

    /// A length of `css` CSS pixels in backend pixels, at least 1.
    pub fn px(&self, css: f64) -> u32 {
        let boost = if self.present {
            Self::PRESENT_BOOST
        } else {
            1.0
        };
        (css * boost * self.scale).round().max(1.0) as u32
    }

    /// Like [`Style::px`], signed, for coordinates.
    pub fn offset(&self, css: f64) -> i32 {
        self.px(css) as i32
    }

    /// A font size of `css` CSS pixels in backend pixels. In projector mode
    /// type is larger and never below [`Style::PRESENT_MIN_FONT`], so every
    /// word on a chart reads from the back of a room.
    pub fn font(&self, css: f64) -> f64 {
        let css = if self.present {
            (css * 1.35).max(Self::PRESENT_MIN_FONT)
        } else {
            css
        };
        css * self.scale
    }

    /// The width of a line that shows data (a curve, a fit, the loss line,
    /// residuals, the tangent) of `css` CSS pixels, in backend pixels. In
    /// projector mode lines are thicker and never below
    /// [`Style::PRESENT_MIN_LINE`]. Grid, axes and leader lines take
    /// [`Style::px`].
    pub fn line(&self, css: f64) -> u32 {
        if self.present {
            let css = (css * Self::PRESENT_BOOST).max(Self::PRESENT_MIN_LINE);
            (css * self.scale).ceil() as u32
        } else {
            self.px(css)
        }
    }

    /// How much longer lengths are in projector mode.
    const PRESENT_BOOST: f64 = 1.5;

    /// The smallest font in projector mode, CSS pixels.
    pub const PRESENT_MIN_FONT: f64 = 20.0;

    /// The thinnest data line in projector mode, CSS pixels.
    pub const PRESENT_MIN_LINE: f64 = 3.0;

    /// Tick labels and other small chart words, in the axis colour.
    ///
    /// Fonts are named by `FontFamily::SansSerif` throughout, never by the
    /// string: plotters reads a family name with `to_lowercase`, which links
    /// the Unicode case tables into the wasm (8.5 KB gzipped).
    pub fn label_font(&self) -> TextStyle<'static> {
        (FontFamily::SansSerif, self.font(13.0))
            .into_font()
            .color(&self.palette().axis)
    }

    /// Roughly how wide `text` is at `css` CSS pixels of type, in backend
    /// pixels: CJK characters are square, Latin ones about half as wide.
    pub fn text_width(&self, text: &str, css: f64) -> i32 {
        let ems: f64 = text
            .chars()
            .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 })
            .sum();
        (ems * self.font(css)).round() as i32
    }

    /// The size of axis captions, in CSS pixels.
    pub const CAPTION_CSS: f64 = 14.0;

    /// Axis captions, in the axis colour.
    pub fn caption_font(&self) -> TextStyle<'static> {
        (FontFamily::SansSerif, self.font(Self::CAPTION_CSS))
            .into_font()
            .color(&self.palette().axis)
    }

    /// The colours to draw with.
    pub fn palette(&self) -> Palette {
        if self.present {
            Palette::HIGH_CONTRAST
        } else {
            Palette::STANDARD
        }
    }
}

/// Colours, from the Okabe–Ito palette (safe for colour-blind viewers);
/// meaning is never carried by colour alone (shapes and labels go with it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Chart background.
    pub background: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axis lines and tick labels.
    pub axis: RGBColor,
    /// The loss curve and loss line.
    pub curve: RGBColor,
    /// The ball.
    pub ball: RGBColor,
    /// The ball's outline.
    pub ball_edge: RGBColor,
    /// The tangent (gradient) line.
    pub tangent: RGBColor,
    /// Minima markers.
    pub minimum: RGBColor,
    /// Warnings: values off the chart, divergence.
    pub warning: RGBColor,
}

impl Palette {
    /// For screens.
    pub const STANDARD: Palette = Palette {
        background: RGBColor(255, 255, 255),
        grid: RGBColor(232, 236, 241),
        axis: RGBColor(71, 85, 105),
        curve: RGBColor(0, 114, 178),
        ball: RGBColor(230, 159, 0),
        ball_edge: RGBColor(90, 60, 0),
        tangent: RGBColor(213, 94, 0),
        minimum: RGBColor(0, 158, 115),
        warning: RGBColor(213, 94, 0),
    };

    /// For projectors: darker lines, stronger contrast.
    pub const HIGH_CONTRAST: Palette = Palette {
        background: RGBColor(255, 255, 255),
        grid: RGBColor(210, 214, 220),
        axis: RGBColor(0, 0, 0),
        curve: RGBColor(0, 80, 140),
        ball: RGBColor(230, 159, 0),
        ball_edge: RGBColor(0, 0, 0),
        tangent: RGBColor(170, 60, 0),
        minimum: RGBColor(0, 110, 80),
        warning: RGBColor(170, 60, 0),
    };
}

words! {
    /// Words drawn inside charts, in the page's language.
    pub struct SceneText {
        /// Caption of the weight axis.
        weight_axis: "weight w",
        /// Caption of the loss axis.
        loss_axis: "loss L(w)",
        /// Caption of the step axis.
        step_axis: "step",
        /// Label of the lowest minimum.
        global_minimum: "global minimum",
        /// Label of a higher minimum.
        local_minimum: "local minimum",
        /// Label of a peak.
        peak: "peak",
        /// Label for values above the chart.
        off_chart: "off the chart",
    }
}
