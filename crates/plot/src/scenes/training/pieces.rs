//! Each hidden unit's piece w₂ⱼ·aⱼ(x) of a one-hidden-layer fit, drawn
//! faintly under the fit (the fit is their sum plus b₂): ReLU hinges,
//! tanh and sigmoid S-curves. A highlighted unit is drawn strongly; dead
//! ReLU units (off at every data point) are dashed.

use descent_core::scenes::training::units::{contributions, dead};
use descent_core::Training;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{chart, clamped, Frame, CURVE_SAMPLES};
use crate::{DrawError, Style};

/// The colour of the pieces: a violet that reads apart from the fit's orange.
const PIECE: RGBColor = RGBColor(117, 80, 183);

/// The inputs the pieces are sampled at: the fit's own.
pub(super) fn inputs(frame: &Frame) -> Vec<f64> {
    let (low, high) = frame.x;
    let last = (CURVE_SAMPLES - 1) as f64;
    (0..CURVE_SAMPLES)
        .map(|i| low + (high - low) * i as f64 / last)
        .collect()
}

/// Draws the pieces of `training`'s network (nothing unless it has one
/// hidden layer), `highlight` strongly.
pub fn draw_pieces<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    training: &Training,
    style: &Style,
    highlight: Option<usize>,
) -> Result<(), DrawError> {
    let network = training.network();
    let xs = inputs(frame);
    let Some(pieces) = contributions(network, &xs) else {
        return Ok(());
    };
    let dead = dead(network, training.x().as_slice());
    let mut chart = chart(area, frame, style)?;
    let order = (0..pieces.len())
        .filter(|j| Some(*j) != highlight)
        .chain(highlight.filter(|j| *j < pieces.len()));
    for j in order {
        let strong = Some(j) == highlight;
        let curve: Vec<(f64, f64)> = xs.iter().copied().zip(pieces[j].iter().copied()).collect();
        let (points, _) = clamped(&curve, frame);
        let colour = PIECE.mix(if strong { 0.95 } else { 0.35 });
        let width = style.line(if strong { 2.5 } else { 1.2 });
        if dead.get(j).copied().unwrap_or(false) {
            chart.draw_series(DashedLineSeries::new(
                points,
                style.px(3.0),
                style.px(4.0),
                colour.stroke_width(width),
            ))?;
        } else {
            chart.draw_series(LineSeries::new(points, colour.stroke_width(width)))?;
        }
    }
    Ok(())
}
