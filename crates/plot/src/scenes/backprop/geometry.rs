//! Where the graph's parts go, in backend pixels.
//!
//! Positions are given along the chain (node index: x = 0 … L = 5) and across
//! it (CSS pixels from the chain's centre line; negative towards the
//! parameters, positive towards the backward factors). A wide picture maps
//! "along" to x and "across" to y; a tall one the other way round.

use super::Node;
use crate::Style;

/// A point in backend pixels.
pub type Point = (f64, f64);

/// The graph's placement on one picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Chain top → bottom (tall pictures) instead of left → right.
    pub vertical: bool,
    /// Backend pixel where "along" 0 − ½ pitch begins.
    start: f64,
    /// Backend pixels between neighbouring chain nodes.
    pitch: f64,
    /// Backend pixel of the chain's centre line across.
    center: f64,
    style: Style,
    /// Half the width and height of each node's box (by [`Node`] index).
    halves: [Point; 11],
    /// The CSS font size of each node's value, shrunk where it is long.
    value_sizes: [f64; 11],
}

/// CSS font sizes of a node's name (on the chain, beside it), value and badges.
pub const NAME_SIZE: (f64, f64) = (16.0, 14.0);
pub const VALUE_SIZE: f64 = 14.0;
/// Values never shrink below this (projector mode keeps its 20 px floor).
const MIN_VALUE_SIZE: f64 = 10.0;

/// Across offsets (CSS px) of a wide and a tall layout.
struct Lanes {
    parameters: f64,
    arrow: f64,
    label: f64,
    /// Where W and b sit along, relative to the z they feed.
    weight_along: f64,
    bias_along: f64,
}

const WIDE: Lanes = Lanes {
    parameters: -96.0,
    arrow: 38.0,
    label: 78.0,
    weight_along: 0.0,
    bias_along: 0.92,
};

const TALL: Lanes = Lanes {
    parameters: -112.0,
    arrow: 56.0,
    label: 110.0,
    weight_along: 0.0,
    bias_along: 0.6,
};

impl Layout {
    /// The layout for a picture of `size` backend pixels.
    /// `value` gives the text of each node's value (its box is sized to it).
    pub fn new(size: (u32, u32), style: &Style, value: impl Fn(Node) -> String) -> Self {
        let (w, h) = (f64::from(size.0), f64::from(size.1));
        let vertical = w < 1.15 * h;
        let margin = f64::from(style.px(8.0));
        let (length, breadth) = if vertical { (h, w) } else { (w, h) };
        let pitch = ((length - 2.0 * margin) / 6.0).max(1.0);
        let shift = if vertical { -8.0 } else { 10.0 };
        let mut layout = Self {
            vertical,
            start: margin,
            pitch,
            center: breadth / 2.0 + signed(style, shift),
            style: *style,
            halves: [(0.0, 0.0); 11],
            value_sizes: [VALUE_SIZE; 11],
        };
        for node in Node::ALL {
            let (half, size) = layout.fit(node, &value(node));
            layout.halves[node as usize] = half;
            layout.value_sizes[node as usize] = size;
        }
        layout
    }

    /// The box of `node` around its name and `value`, and the value's font
    /// size: as wide as the text needs, but (along a wide chain) never longer
    /// than the room between neighbours, the font shrinking instead.
    fn fit(&self, node: Node, value: &str) -> (Point, f64) {
        let s = &self.style;
        let on_chain = node.on_chain();
        let (w, h) = if on_chain { (42.0, 24.0) } else { (28.0, 21.0) };
        let (w, h) = (f64::from(s.px(w)), f64::from(s.px(h)));
        let pad = f64::from(s.px(5.0));
        let name_size = if on_chain { NAME_SIZE.0 } else { NAME_SIZE.1 };
        let name = text_width(node.name(), s.font(name_size), true);
        let needed = |size: f64| name.max(text_width(value, s.font(size), false)) / 2.0 + pad;
        if self.vertical {
            // Neighbouring boxes keep a gap for the arrows.
            let room = self.pitch * if on_chain { 0.38 } else { 0.28 };
            return ((w.max(needed(VALUE_SIZE)), h.min(room)), VALUE_SIZE);
        }
        // As long as the default (or the usual room), longer only for long text.
        let w = w
            .min(self.pitch * 0.38)
            .max(needed(VALUE_SIZE))
            .min(self.pitch * 0.42);
        let mut size = VALUE_SIZE;
        while needed(size) > w && size > MIN_VALUE_SIZE {
            size -= 0.5;
        }
        ((w, h), size)
    }

    /// The CSS font size of `node`'s value.
    pub fn value_size(&self, node: Node) -> f64 {
        self.value_sizes[node as usize]
    }

    fn lanes(&self) -> &'static Lanes {
        if self.vertical {
            &TALL
        } else {
            &WIDE
        }
    }

    /// The backend pixel at `along` (node index) and `across` (CSS px).
    pub fn at(&self, along: f64, across: f64) -> Point {
        let a = self.start + (along + 0.5) * self.pitch;
        let c = self.center + signed(&self.style, across);
        if self.vertical {
            (c, a)
        } else {
            (a, c)
        }
    }

    /// Half the width and height of `node`'s box, in backend pixels.
    pub fn half_size(&self, node: Node) -> Point {
        self.halves[node as usize]
    }

    fn place(&self, node: Node) -> (f64, f64) {
        let lanes = self.lanes();
        let p = lanes.parameters;
        match node {
            Node::X => (0.0, 0.0),
            Node::Z1 => (1.0, 0.0),
            Node::A1 => (2.0, 0.0),
            Node::Z2 => (3.0, 0.0),
            Node::YHat => (4.0, 0.0),
            Node::Loss => (5.0, 0.0),
            Node::W1 => (1.0 + lanes.weight_along, p),
            Node::B1 => (1.0 + lanes.bias_along, p),
            Node::W2 => (3.0 + lanes.weight_along, p),
            Node::B2 => (3.0 + lanes.bias_along, p),
            Node::Y => (5.0, p),
        }
    }

    /// The centre of `node`'s box.
    pub fn node(&self, node: Node) -> Point {
        let (along, across) = self.place(node);
        self.at(along, across)
    }

    /// The forward edge from → to, clipped to the two boxes.
    pub fn edge(&self, from: Node, to: Node) -> (Point, Point) {
        let (a, b) = (self.node(from), self.node(to));
        let gap = f64::from(self.style.px(3.0));
        (
            clip(a, b, self.half_size(from), gap),
            clip(b, a, self.half_size(to), gap),
        )
    }

    /// The backward arrow beside the edge from → to, pointing from `to` back to `from`.
    pub fn backward_arrow(&self, from: Node, to: Node) -> Option<(Point, Point)> {
        let (a, b) = self.edge(from, to);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length = dx.hypot(dy);
        if length < 1.0 {
            return None;
        }
        let (ux, uy) = (dx / length, dy / length);
        let inset = 0.12 * length;
        let (a, b) = (
            (a.0 + ux * inset, a.1 + uy * inset),
            (b.0 - ux * inset, b.1 - uy * inset),
        );
        let offset = if from.on_chain() {
            signed(&self.style, self.lanes().arrow)
        } else {
            f64::from(self.style.px(11.0))
        };
        // Chain edges: into the factor lane; side edges: to the edge's left.
        let (nx, ny) = if from.on_chain() {
            if self.vertical {
                (1.0, 0.0)
            } else {
                (0.0, 1.0)
            }
        } else {
            (uy, -ux)
        };
        let shift = |p: Point| (p.0 + nx * offset, p.1 + ny * offset);
        Some((shift(b), shift(a)))
    }

    /// Where the factor of the edge from → to is written.
    pub fn factor_label(&self, from: Node, to: Node) -> Point {
        let (along_from, _) = self.place(from);
        let (along_to, _) = self.place(to);
        if from.on_chain() {
            self.at((along_from + along_to) / 2.0, self.lanes().label)
        } else if self.vertical {
            // In the parameters' lane, above the weight.
            self.at(along_to - 0.6, self.lanes().parameters)
        } else {
            // Between the parameters and the chain, left of the weight's edge.
            self.at(along_to - 0.55, -48.0)
        }
    }

    /// Where the operation of a forward edge (σ, the loss) is written.
    pub fn operation_label(&self, from: Node, to: Node) -> Point {
        let (along_from, _) = self.place(from);
        let (along_to, _) = self.place(to);
        let across = if self.vertical { -30.0 } else { -13.0 };
        self.at((along_from + along_to) / 2.0, across)
    }

    /// Where the final gradient ∂L/∂W of `weight` is written.
    pub fn gradient_badge(&self, weight: Node) -> Point {
        let p = self.lanes().parameters;
        match (self.vertical, weight == Node::W1) {
            // Tall: in the parameters' lane, above W1 / below b2.
            (true, true) => self.at(-0.2, p),
            (true, false) => self.at(4.2, p),
            // Wide: left of W1 (above x) / right of b2's edge, below y's lane.
            (false, true) => self.at(0.0, p),
            (false, false) => self.at(4.35, -48.0),
        }
    }

    /// The legend's first line start and the distance between its lines.
    pub fn legend(&self) -> (Point, f64) {
        if self.vertical {
            (self.at(0.0, 52.0), f64::from(self.style.px(22.0)))
        } else {
            // Under x, left of the first factor: the one free corner.
            let (_, y) = self.at(0.0, 35.0);
            ((self.start, y), signed(&self.style, 14.5))
        }
    }
}

/// Half the width and height of a badge showing `symbol` over `value`.
pub fn badge_half(symbol: &str, value: &str, bold: bool, style: &Style) -> Point {
    let font = style.font(VALUE_SIZE);
    let widest = text_width(symbol, font, bold).max(text_width(value, font, bold));
    (
        widest / 2.0 + f64::from(style.px(6.0)),
        f64::from(style.px(20.0)),
    )
}

/// A generous estimate of how wide `text` is in a sans-serif font of `px`
/// backend pixels (DejaVu Sans widths, the widest common one; bold 10 % more).
/// Plotters' own estimate counts bytes, so "−" or "₁" would come out 3 wide.
pub fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ' ' | '\'' | 'I' => 0.32,
            'f' | 't' | 'r' | '/' | '(' | ')' | '-' | '₀'..='₉' | 'ₐ'..='ₜ' => 0.42,
            'm' | 'w' | 'M' | 'W' => 1.0,
            '0'..='9' | 'a'..='z' => 0.64,
            '−' | '+' | '=' | '×' => 0.84,
            'A'..='Z' => 0.78,
            c if u32::from(c) >= 0x2E80 => 1.0,
            _ => 0.72,
        })
        .sum();
    ems * px * if bold { 1.1 } else { 1.0 }
}

/// `css` CSS pixels in backend pixels, keeping the sign.
fn signed(style: &Style, css: f64) -> f64 {
    let magnitude = f64::from(style.px(css.abs()));
    if css < 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// Where the segment from the centre `a` towards `b` leaves a box of
/// half-size `half` around `a`, moved `gap` further.
fn clip(a: Point, b: Point, half: Point, gap: f64) -> Point {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy);
    if length < 1e-9 {
        return a;
    }
    let tx = if dx.abs() > 1e-9 {
        half.0 / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        half.1 / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty) + gap / length;
    (a.0 + dx * t.min(1.0), a.1 + dy * t.min(1.0))
}

/// The shaft's end and the triangle of an arrow head of length `head` at `b`.
pub fn arrow_head(a: Point, b: Point, head: f64) -> (Point, Vec<(i32, i32)>) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / length, dy / length);
    let head = head.min(0.6 * length);
    let base = (b.0 - ux * head, b.1 - uy * head);
    let wing = 0.5 * head;
    let tip = vec![
        pixel(b),
        pixel((base.0 + uy * wing, base.1 - ux * wing)),
        pixel((base.0 - uy * wing, base.1 + ux * wing)),
    ];
    (base, tip)
}

/// A rounded rectangle around `center` as a closed polygon.
pub fn rounded_rect(center: Point, half: Point, radius: f64) -> Vec<(i32, i32)> {
    let r = radius.min(half.0).min(half.1);
    let corners = [
        (center.0 + half.0 - r, center.1 - half.1 + r, -90.0),
        (center.0 + half.0 - r, center.1 + half.1 - r, 0.0),
        (center.0 - half.0 + r, center.1 + half.1 - r, 90.0),
        (center.0 - half.0 + r, center.1 - half.1 + r, 180.0),
    ];
    let mut points: Vec<(i32, i32)> = corners
        .iter()
        .flat_map(|(cx, cy, start)| {
            (0..=4).map(move |i| {
                let angle = (start + 22.5 * f64::from(i)).to_radians();
                pixel((cx + r * angle.cos(), cy + r * angle.sin()))
            })
        })
        .collect();
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    points
}

/// A point rounded to whole backend pixels.
pub fn pixel(p: Point) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}
