//! Section 3.3: the chapter's 2-layer sigmoid network as a computation graph,
//! x → z1 → a1 → z2 → ŷ → L with W1, b1, W2, b2 and the target y feeding in.
//!
//! Nodes are rounded boxes with their name and forward value; forward edges
//! point from the input towards the loss. The backward walk adds its factors
//! one at a time, each under (or beside) the edge it differentiates, with an
//! arrow pointing back towards the input. The factor just added is drawn in
//! the warning colour *and* with a thick outline, a thick edge and bold type,
//! so it is found without telling colours apart. The two final gradients
//! appear as badges beside W2 and W1, their whole path highlighted.
//!
//! Wide pictures lay the chain out left → right; tall ones (phones) top →
//! bottom, with the parameters on the left and the backward factors on the right.

use descent_core::scenes::backprop::{ChainRule, Factor};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{DrawError, Style};

mod geometry;
mod marks;

use geometry::Layout;
pub use marks::number;
use marks::{arrow, badge, label};

use crate::words::words;

words! {
    /// Words drawn in the graph, in the page's language.
    pub struct GraphText {
        /// Legend of the forward arrows.
        forward: "forward pass",
        /// Legend of the backward arrows.
        backward: "backward pass",
        /// Shown in place of a number that is not finite.
        overflow: "overflow",
    }
}

/// The graph's nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    X,
    Z1,
    A1,
    Z2,
    YHat,
    Loss,
    W1,
    B1,
    W2,
    B2,
    Y,
}

impl Node {
    const ALL: [Node; 11] = [
        Node::X,
        Node::Z1,
        Node::A1,
        Node::Z2,
        Node::YHat,
        Node::Loss,
        Node::W1,
        Node::B1,
        Node::W2,
        Node::B2,
        Node::Y,
    ];

    fn name(self) -> &'static str {
        match self {
            Node::X => "x",
            Node::Z1 => "z₁",
            Node::A1 => "a₁",
            Node::Z2 => "z₂",
            Node::YHat => "ŷ",
            Node::Loss => "L",
            Node::W1 => "W₁",
            Node::B1 => "b₁",
            Node::W2 => "W₂",
            Node::B2 => "b₂",
            Node::Y => "y",
        }
    }

    /// Whether the node sits on the main chain (else it feeds in from the side).
    fn on_chain(self) -> bool {
        matches!(
            self,
            Node::X | Node::Z1 | Node::A1 | Node::Z2 | Node::YHat | Node::Loss
        )
    }

    fn value(self, chain: &ChainRule) -> f64 {
        let (p, e, f) = (chain.parameters(), chain.example(), chain.forward());
        match self {
            Node::X => e.x,
            Node::Z1 => f.z1,
            Node::A1 => f.a1,
            Node::Z2 => f.z2,
            Node::YHat => f.y_hat,
            Node::Loss => f.loss,
            Node::W1 => p.w1,
            Node::B1 => p.b1,
            Node::W2 => p.w2,
            Node::B2 => p.b2,
            Node::Y => e.y,
        }
    }
}

/// The forward edges, from → to, with the operation drawn beside some.
const EDGES: [(Node, Node, &str); 10] = [
    (Node::X, Node::Z1, ""),
    (Node::W1, Node::Z1, ""),
    (Node::B1, Node::Z1, ""),
    (Node::Z1, Node::A1, "σ"),
    (Node::A1, Node::Z2, ""),
    (Node::W2, Node::Z2, ""),
    (Node::B2, Node::Z2, ""),
    (Node::Z2, Node::YHat, "σ"),
    (Node::YHat, Node::Loss, ""),
    (Node::Y, Node::Loss, ""),
];

/// The edge a local factor differentiates: ∂to/∂from.
fn edge_of(factor: Factor) -> Option<(Node, Node)> {
    Some(match factor {
        Factor::LossByOutput => (Node::YHat, Node::Loss),
        Factor::OutputByZ2 => (Node::Z2, Node::YHat),
        Factor::Z2ByW2 => (Node::W2, Node::Z2),
        Factor::Z2ByA1 => (Node::A1, Node::Z2),
        Factor::A1ByZ1 => (Node::Z1, Node::A1),
        Factor::Z1ByW1 => (Node::W1, Node::Z1),
        Factor::LossByW2 | Factor::LossByW1 => return None,
    })
}

/// The factor's name as drawn.
pub fn symbol(factor: Factor) -> &'static str {
    match factor {
        Factor::LossByOutput => "∂L/∂ŷ",
        Factor::OutputByZ2 => "∂ŷ/∂z₂",
        Factor::Z2ByW2 => "∂z₂/∂W₂",
        Factor::Z2ByA1 => "∂z₂/∂a₁",
        Factor::A1ByZ1 => "∂a₁/∂z₁",
        Factor::Z1ByW1 => "∂z₁/∂W₁",
        Factor::LossByW2 => "∂L/∂W₂",
        Factor::LossByW1 => "∂L/∂W₁",
    }
}

/// How a part of the graph is drawn at this point of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emphasis {
    Plain,
    Shown,
    Current,
}

/// Draws the graph with the first `revealed` steps of [`Factor::WALK`] shown
/// (the last of them emphasised).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chain: &ChainRule,
    revealed: usize,
    style: &Style,
    text: &GraphText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let layout = Layout::new(area.dim_in_pixel(), style, |node| {
        number(node.value(chain), text)
    });
    let revealed = revealed.min(Factor::WALK.len());
    let shown = &Factor::WALK[..revealed];
    let current = shown.last().copied();
    let on_current_path = |edge: (Node, Node)| {
        current.is_some_and(|c| c.path().iter().any(|f| edge_of(*f) == Some(edge)))
    };

    // Forward edges, thick where the current factor or product runs.
    for (from, to, operation) in EDGES {
        let emphasis = if on_current_path((from, to)) {
            Emphasis::Current
        } else {
            Emphasis::Plain
        };
        let (a, b) = layout.edge(from, to);
        let colour = match emphasis {
            Emphasis::Current => palette.tangent,
            _ => palette.axis,
        };
        let width = if emphasis == Emphasis::Current {
            4.0
        } else {
            1.6
        };
        arrow(area, a, b, colour, width, style)?;
        if !operation.is_empty() {
            let at = layout.operation_label(from, to);
            label(area, operation, at, 13.0, false, palette.axis, style)?;
        }
    }

    // Nodes.
    for node in Node::ALL {
        let on_path = current.is_some_and(|c| {
            c.path()
                .iter()
                .filter_map(|f| edge_of(*f))
                .any(|(a, b)| a == node || b == node)
        });
        let emphasis = match current {
            Some(Factor::LossByW2) if node == Node::W2 => Emphasis::Current,
            Some(Factor::LossByW1) if node == Node::W1 => Emphasis::Current,
            Some(c) if !c.is_product() && on_path => Emphasis::Shown,
            _ => Emphasis::Plain,
        };
        draw_node(area, &layout, node, chain, emphasis, style, text)?;
    }

    // Backward factors, each beside its edge, pointing back.
    for factor in shown.iter().filter(|f| !f.is_product()) {
        let Some((from, to)) = edge_of(*factor) else {
            continue;
        };
        let emphasis = if Some(*factor) == current {
            Emphasis::Current
        } else {
            Emphasis::Shown
        };
        let colour = match emphasis {
            Emphasis::Current => palette.tangent,
            _ => palette.curve,
        };
        let width = if emphasis == Emphasis::Current {
            3.0
        } else {
            1.8
        };
        if let Some((a, b)) = layout.backward_arrow(from, to) {
            arrow(area, a, b, colour, width, style)?;
        }
        let value = number(chain.factor(*factor), text);
        let at = layout.factor_label(from, to);
        badge(area, at, symbol(*factor), &value, emphasis, style)?;
    }

    // Final gradients beside their weights.
    for factor in shown.iter().filter(|f| f.is_product()) {
        let weight = if *factor == Factor::LossByW2 {
            Node::W2
        } else {
            Node::W1
        };
        let emphasis = if Some(*factor) == current {
            Emphasis::Current
        } else {
            Emphasis::Shown
        };
        let value = number(chain.factor(*factor), text);
        badge(
            area,
            layout.gradient_badge(weight),
            symbol(*factor),
            &value,
            emphasis,
            style,
        )?;
    }

    legend(area, &layout, style, text)
}

fn draw_node<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    node: Node,
    chain: &ChainRule,
    emphasis: Emphasis,
    style: &Style,
    text: &GraphText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let center = layout.node(node);
    let half = layout.half_size(node);
    let (fill, edge) = match node {
        Node::W1 | Node::B1 | Node::W2 | Node::B2 => (RGBColor(232, 246, 240), palette.minimum),
        Node::Loss => (RGBColor(255, 244, 222), palette.ball_edge),
        Node::X | Node::Y => (RGBColor(241, 244, 248), palette.axis),
        _ => (RGBColor(233, 243, 250), palette.curve),
    };
    let (edge, width) = match emphasis {
        Emphasis::Current => (palette.tangent, 4.0),
        Emphasis::Shown => (edge, 2.6),
        Emphasis::Plain => (edge, 1.5),
    };
    let outline = geometry::rounded_rect(center, half, f64::from(style.px(8.0)));
    area.draw(&Polygon::new(outline.clone(), fill.filled()))?;
    area.draw(&PathElement::new(
        outline,
        edge.stroke_width(style.px(width)),
    ))?;
    let gap = f64::from(style.px(if node.on_chain() { 9.0 } else { 8.0 }));
    let size = if node.on_chain() {
        geometry::NAME_SIZE.0
    } else {
        geometry::NAME_SIZE.1
    };
    label(
        area,
        node.name(),
        (center.0, center.1 - gap),
        size,
        true,
        palette.axis,
        style,
    )?;
    let value = number(node.value(chain), text);
    label(
        area,
        &value,
        (center.0, center.1 + gap),
        layout.value_size(node),
        false,
        palette.axis,
        style,
    )
}

fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    style: &Style,
    text: &GraphText,
) -> Result<(), DrawError> {
    let palette = style.palette();
    let (start, step) = layout.legend();
    let length = f64::from(style.px(20.0));
    for (i, (words, colour)) in [
        (&text.forward, palette.axis),
        (&text.backward, palette.curve),
    ]
    .into_iter()
    .enumerate()
    {
        let y = start.1 + step * i as f64;
        let (a, b) = if i == 0 {
            ((start.0, y), (start.0 + length, y))
        } else {
            ((start.0 + length, y), (start.0, y))
        };
        arrow(area, a, b, colour, 1.8, style)?;
        let font = (FontFamily::SansSerif, style.font(12.5))
            .into_font()
            .color(&palette.axis)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let x = start.0 + length + f64::from(style.px(6.0));
        area.draw(&Text::new(words.clone(), (x as i32, y as i32), font))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
