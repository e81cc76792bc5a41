//! Landscapes: parameters → loss, gradient and Hessian, for any run to
//! descend. A landscape is a 1-D curve L(w) (3.2's [`Curve`]s or a typed
//! formula) or a 2-D surface f(w, b) (the built-in [`Surface`]s or a typed
//! formula). Points are `[w, b]`; a curve ignores b, and its gradient and
//! Hessian have 0 in b's places.
//!
//! [`Runner`] descends one with any optimizer (the same
//! [`crate::nn::Optimizer`] that trains the networks, on a tensor of the
//! parameters); `crate::sweep` runs many learning rates.

pub(crate) mod run;
mod surface;

pub use run::{Runner, MAX_STEPS};
pub use surface::{LineMse, Surface, ROSENBROCK_STEEPNESS};

use crate::curve::{Curve, FORMULA_START, FORMULA_VIEW};
pub use crate::formula::Dims;
use crate::formula::{Derivatives, Formula, FormulaError};

/// A point (w, b) of parameter space.
pub type Point = [f64; 2];

/// What a picture of a landscape shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// The range of w, `(low, high)`.
    pub w: (f64, f64),
    /// The range of b, for a surface.
    pub b: Option<(f64, f64)>,
}

impl View {
    /// The larger of the two widths (the scale of "nearby" for a run).
    pub fn width(&self) -> f64 {
        let w = self.w.1 - self.w.0;
        self.b.map_or(w, |(low, high)| w.max(high - low))
    }
}

/// A loss over one or two parameters.
#[derive(Clone, Debug, PartialEq)]
pub enum Landscape {
    /// One of 3.2's curves L(w).
    Curve(Curve),
    /// A built-in surface f(w, b).
    Surface(Surface),
    /// A typed formula, L(w) or f(w, b).
    Formula(Formula),
}

impl Landscape {
    /// The built-in landscapes, by name: 3.2's curves, then the surfaces.
    pub const NAMES: [&'static str; 8] = [
        Curve::NAMES[0],
        Curve::NAMES[1],
        Curve::NAMES[2],
        Surface::NAMES[0],
        Surface::NAMES[1],
        Surface::NAMES[2],
        Surface::NAMES[3],
        Surface::NAMES[4],
    ];

    /// A built-in landscape by name ([`Landscape::NAMES`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Curve::from_name(name)
            .map(Landscape::Curve)
            .or_else(|| Surface::from_name(name).map(Landscape::Surface))
    }

    /// A typed formula: a surface when it uses `b`, else a curve.
    pub fn formula(text: &str) -> Result<Self, FormulaError> {
        Formula::detect(text).map(Landscape::Formula)
    }

    /// The name ([`Landscape::NAMES`], or `formula`).
    pub fn name(&self) -> &'static str {
        match self {
            Landscape::Curve(c) => c.name(),
            Landscape::Surface(s) => s.name(),
            Landscape::Formula(_) => "formula",
        }
    }

    /// One parameter (w) or two (w, b).
    pub fn dims(&self) -> Dims {
        match self {
            Landscape::Curve(_) => Dims::One,
            Landscape::Surface(_) => Dims::Two,
            Landscape::Formula(f) => f.dims(),
        }
    }

    /// The loss at `p`.
    pub fn value(&self, p: Point) -> f64 {
        match self {
            Landscape::Curve(c) => c.value(p[0]),
            Landscape::Surface(s) => s.derivatives(p).value,
            Landscape::Formula(f) => f.value(p[0], p[1]),
        }
    }

    /// The loss and its gradient at `p`.
    pub fn gradient(&self, p: Point) -> (f64, [f64; 2]) {
        match self {
            Landscape::Curve(c) => (c.value(p[0]), [c.slope(p[0]), 0.0]),
            Landscape::Surface(s) => {
                let d = s.derivatives(p);
                (d.value, d.gradient)
            }
            Landscape::Formula(f) => f.gradient(p[0], p[1]),
        }
    }

    /// The loss, its gradient and its Hessian at `p`.
    pub fn derivatives(&self, p: Point) -> Derivatives {
        match self {
            Landscape::Curve(c) => Derivatives {
                value: c.value(p[0]),
                gradient: [c.slope(p[0]), 0.0],
                hessian: [[c.curvature(p[0]), 0.0], [0.0, 0.0]],
            },
            Landscape::Surface(s) => s.derivatives(p),
            Landscape::Formula(f) => {
                let mut d = f.derivatives(p[0], p[1]);
                if f.dims() == Dims::One {
                    // Whatever b's places computed (0·∞ at a singular point).
                    d.gradient[1] = 0.0;
                    d.hessian = [[d.hessian[0][0], 0.0], [0.0, 0.0]];
                }
                d
            }
        }
    }

    /// The critical learning rate at `p`: η* = 2/λ_max of the Hessian,
    /// when that largest curvature is positive (`None` where the landscape
    /// curves down in every direction, or is flat). Near a minimum, plain
    /// gradient descent converges below η* and is pushed out above it.
    pub fn critical_learning_rate(&self, p: Point) -> Option<f64> {
        let d = self.derivatives(p);
        let largest = match self.dims() {
            Dims::One => d.hessian[0][0],
            Dims::Two => largest_eigenvalue(d.hessian),
        };
        (largest > 0.0).then(|| 2.0 / largest)
    }

    /// The ranges a picture of the landscape shows.
    pub fn view(&self) -> View {
        match self {
            Landscape::Curve(c) => View {
                w: c.view(),
                b: None,
            },
            Landscape::Surface(s) => {
                let [w, b] = s.view();
                View { w, b: Some(b) }
            }
            Landscape::Formula(f) => View {
                w: FORMULA_VIEW,
                b: (f.dims() == Dims::Two).then_some(FORMULA_VIEW),
            },
        }
    }

    /// Where a run starts unless the user picks a point.
    pub fn default_start(&self) -> Point {
        match self {
            Landscape::Curve(c) => [c.default_start(), 0.0],
            Landscape::Surface(s) => s.default_start(),
            Landscape::Formula(f) => match f.dims() {
                Dims::One => [FORMULA_START, 0.0],
                Dims::Two => [FORMULA_START, 1.5],
            },
        }
    }

    /// The local minima where they are known in closed form (none for a
    /// typed formula).
    pub fn minima(&self) -> Vec<Point> {
        match self {
            Landscape::Curve(c) => c.minima().into_iter().map(|m| [m, 0.0]).collect(),
            Landscape::Surface(s) => s.minima(),
            Landscape::Formula(_) => Vec::new(),
        }
    }
}

/// The eigenvalues of a symmetric 2×2 matrix, smallest first.
pub fn eigenvalues(h: [[f64; 2]; 2]) -> [f64; 2] {
    let mean = 0.5 * (h[0][0] + h[1][1]);
    let half_gap = (0.5 * (h[0][0] - h[1][1])).hypot(h[0][1]);
    [mean - half_gap, mean + half_gap]
}

/// The largest eigenvalue of a symmetric 2×2 matrix: the largest
/// curvature in any direction.
pub fn largest_eigenvalue(h: [[f64; 2]; 2]) -> f64 {
    eigenvalues(h)[1]
}

#[cfg(test)]
mod tests;
