//! The network as a diagram (TensorFlow Playground's view): one column of
//! units per layer, an edge for each weight, its width by |w| and its
//! colour by sign (blue positive, orange negative; dashed when negative,
//! so the sign never rests on colour alone). Dead hidden units of a
//! one-layer ReLU network are drawn hollow. A wide network draws only its
//! [`MAX_EDGES`] largest weights.

use descent_core::scenes::training::units::dead;
use descent_core::Training;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::{DrawError, Style};

/// The most edges drawn: the largest |w| (so a 3 × 64 network stays quick).
pub const MAX_EDGES: usize = 400;
const POSITIVE: RGBColor = RGBColor(0, 114, 178);
const NEGATIVE: RGBColor = RGBColor(213, 94, 0);

/// One edge: from (layer, unit) to (layer + 1, unit), with its weight.
struct Edge {
    layer: usize,
    from: usize,
    to: usize,
    weight: f64,
}

/// Draws `training`'s network filling `area`; `highlight` is a hidden unit
/// of the first hidden layer to ring.
pub fn draw_diagram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    training: &Training,
    style: &Style,
    highlight: Option<usize>,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let network = training.network();
    let sizes = network.sizes();
    let (w, h) = area.dim_in_pixel();
    let pad = f64::from(style.offset(14.0));
    let columns = sizes.len().max(2) - 1;
    let x_of = |l: usize| pad + (f64::from(w) - 2.0 * pad) * l as f64 / columns as f64;
    let y_of = |l: usize, j: usize| {
        let n = sizes[l] as f64;
        let top = pad;
        let span = f64::from(h) - 2.0 * pad;
        top + span * (j as f64 + 0.5) / n
    };
    let at = |l: usize, j: usize| (x_of(l).round() as i32, y_of(l, j).round() as i32);

    let mut edges: Vec<Edge> = Vec::new();
    for (l, layer) in network.layers().iter().enumerate() {
        let weight = &layer.weight;
        for to in 0..weight.nrows() {
            for from in 0..weight.ncols() {
                let value = weight[(to, from)];
                if value.is_finite() {
                    edges.push(Edge {
                        layer: l,
                        from,
                        to,
                        weight: value,
                    });
                }
            }
        }
    }
    if edges.len() > MAX_EDGES {
        edges.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        edges.truncate(MAX_EDGES);
    }
    let largest = edges.iter().map(|e| e.weight.abs()).fold(1e-12, f64::max);
    // Small weights first, so the large ones lie on top.
    edges.sort_by(|a, b| a.weight.abs().total_cmp(&b.weight.abs()));
    for edge in &edges {
        let share = (edge.weight.abs() / largest).clamp(0.0, 1.0);
        let colour = if edge.weight >= 0.0 {
            POSITIVE
        } else {
            NEGATIVE
        };
        let stroke = colour
            .mix(0.25 + 0.7 * share)
            .stroke_width(style.px(0.5 + 4.5 * share));
        let (a, b) = (at(edge.layer, edge.from), at(edge.layer + 1, edge.to));
        if edge.weight >= 0.0 {
            area.draw(&PathElement::new(vec![a, b], stroke))?;
        } else {
            for piece in dashes(a, b, f64::from(style.px(9.0)), f64::from(style.px(5.0))) {
                area.draw(&PathElement::new(piece, stroke))?;
            }
        }
    }

    let dead = dead(network, training.x().as_slice());
    let tallest = sizes.iter().copied().max().unwrap_or(1).max(1) as f64;
    let span = f64::from(h) - 2.0 * pad;
    let radius = (span / tallest * 0.38).clamp(1.5, f64::from(style.px(9.0))) as i32;
    for (l, &n) in sizes.iter().enumerate() {
        for j in 0..n {
            let centre = at(l, j);
            let hollow = l == 1 && dead.get(j).copied().unwrap_or(false);
            let fill = if hollow {
                palette.background.filled()
            } else {
                palette.axis.mix(0.85).filled()
            };
            area.draw(&Circle::new(centre, radius, fill))?;
            area.draw(&Circle::new(
                centre,
                radius,
                palette.axis.stroke_width(style.px(1.0)),
            ))?;
            if l == 1 && Some(j) == highlight {
                area.draw(&Circle::new(
                    centre,
                    radius + style.offset(4.0),
                    palette.ball.stroke_width(style.px(3.0)),
                ))?;
            }
        }
    }
    Ok(())
}

/// The dashes of the segment a → b: `on` pixels drawn, `off` left out.
fn dashes(a: (i32, i32), b: (i32, i32), on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let length = dx.hypot(dy);
    if length < 1.0 {
        return Vec::new();
    }
    let point = |t: f64| {
        let t = t.min(length) / length;
        (a.0 + (dx * t).round() as i32, a.1 + (dy * t).round() as i32)
    };
    let mut out = Vec::new();
    let mut t = 0.0;
    while t < length {
        out.push(vec![point(t), point(t + on)]);
        t += on + off;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_and_weight_is_drawn_without_nan() {
        let training = Training::chapter();
        let (svg, ()) = crate::testing::svg((300, 200), |area| {
            draw_diagram(area, &training, &Style::default(), Some(1)).expect("draws");
        });
        // 1 + 10 + 1 units, each filled and outlined, plus the ring.
        assert_eq!(svg.matches("<circle").count(), 2 * 12 + 1);
        assert!(!svg.contains("NaN"));
    }
}
