//! The contour map's values and colours: a grid of the landscape's values
//! over the view, cut into bands on a log-like scale (so the floor of a
//! valley is as detailed as its walls), each band one colour of a light
//! sequential ramp under which the runs' paths stay readable.

use descent_core::landscape::View;
use descent_core::Landscape;
use plotters::style::RGBColor;

/// How many colour bands the map has.
pub const BANDS: usize = 14;

/// The ramp the bands are taken from, low to high: deep blue through teal
/// and sand to near white (light enough for dark paths on top).
const RAMP: [(f64, [f64; 3]); 4] = [
    (0.0, [40.0, 80.0, 150.0]),
    (0.35, [90.0, 160.0, 190.0]),
    (0.7, [215.0, 220.0, 190.0]),
    (1.0, [250.0, 248.0, 240.0]),
];

/// Band `k`'s colour (0: lowest).
pub fn band_colour(k: usize) -> RGBColor {
    let t = k.min(BANDS - 1) as f64 / (BANDS - 1) as f64;
    let i = RAMP
        .iter()
        .rposition(|(at, _)| *at <= t)
        .unwrap_or(0)
        .min(RAMP.len() - 2);
    let ((a, ca), (b, cb)) = (RAMP[i], RAMP[i + 1]);
    let f = ((t - a) / (b - a)).clamp(0.0, 1.0);
    let mix = |j: usize| (ca[j] + f * (cb[j] - ca[j])).round() as u8;
    RGBColor(mix(0), mix(1), mix(2))
}

/// The landscape's values on a grid over a view, and their bands.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueGrid {
    /// Cells across (w) and down (b).
    pub cols: usize,
    /// Rows.
    pub rows: usize,
    /// Each cell's band, row by row from the top (highest b) down.
    pub bands: Vec<u8>,
    /// The lowest and highest finite value on the grid.
    pub range: (f64, f64),
}

impl ValueGrid {
    /// `cols` × `rows` cells over `view` (a surface's: w and b), each
    /// valued at its centre. Non-finite values fall in the top band.
    pub fn new(landscape: &Landscape, view: &View, cols: usize, rows: usize) -> Self {
        let (cols, rows) = (cols.clamp(2, 1024), rows.clamp(2, 1024));
        let (w, b) = (view.w, view.b.unwrap_or((-1.0, 1.0)));
        let mut values = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            let bv = b.1 - (b.1 - b.0) * (r as f64 + 0.5) / rows as f64;
            for c in 0..cols {
                let wv = w.0 + (w.1 - w.0) * (c as f64 + 0.5) / cols as f64;
                values.push(landscape.value([wv, bv]));
            }
        }
        let (low, high) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                (l.min(*v), h.max(*v))
            });
        let (low, high) = if low <= high { (low, high) } else { (0.0, 1.0) };
        let scale = band_scale(low, high);
        let bands = values.iter().map(|v| scale(*v)).collect();
        Self {
            cols,
            rows,
            bands,
            range: (low, high),
        }
    }

    /// The band of cell (col, row).
    pub fn band(&self, col: usize, row: usize) -> u8 {
        self.bands[row * self.cols + col]
    }
}

/// The band of a value between `low` and `high`: ln(1 + (v − low)/s) with s
/// a thousandth of the span, cut into [`BANDS`] equal steps.
fn band_scale(low: f64, high: f64) -> impl Fn(f64) -> u8 {
    let span = (high - low).max(1e-300);
    let s = span / 1000.0;
    let top = (1.0 + span / s).ln();
    move |v: f64| {
        if !v.is_finite() {
            return (BANDS - 1) as u8;
        }
        let t = (1.0 + (v - low).max(0.0) / s).ln() / top;
        ((t * BANDS as f64).floor() as usize).min(BANDS - 1) as u8
    }
}
