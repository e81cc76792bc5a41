//! A curve L(w) typed as a formula: its value, L′ and L″ are the formula's
//! own, exact (dual numbers), and its minima and peaks are the points of its
//! view where L′ changes sign, found on a fine grid and refined by bisection.

use crate::formula::{Formula, FormulaError};

/// The range of w a typed formula is shown over (a curve, or each axis of a
/// surface).
pub const FORMULA_VIEW: (f64, f64) = (-3.0, 3.0);
/// Where a run on a typed curve starts unless the user picks a point.
pub const FORMULA_START: f64 = 2.0;
/// How many intervals of the view the sign of L′ is looked at on.
const GRID: u32 = 1200;
/// Bisection halvings at most (far below a double's resolution of the view).
const HALVINGS: u32 = 80;

/// A typed curve with its critical points.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedCurve {
    formula: Formula,
    minima: Vec<f64>,
    maxima: Vec<f64>,
}

/// −1, 0 or +1; `None` for NaN.
fn sign(x: f64) -> Option<i8> {
    if x.is_nan() {
        None
    } else if x > 0.0 {
        Some(1)
    } else if x < 0.0 {
        Some(-1)
    } else {
        Some(0)
    }
}

impl TypedCurve {
    /// Reads `text` as a curve L(w).
    pub fn parse(text: &str) -> Result<Self, FormulaError> {
        Formula::curve(text).map(Self::new)
    }

    /// The curve of `formula` (a curve in w; b, if any, is taken as 0).
    pub fn new(formula: Formula) -> Self {
        let mut curve = Self {
            formula,
            minima: Vec::new(),
            maxima: Vec::new(),
        };
        curve.find_critical_points();
        curve
    }

    /// The formula as typed.
    pub fn text(&self) -> &str {
        self.formula.text()
    }

    /// The compiled formula.
    pub fn formula(&self) -> &Formula {
        &self.formula
    }

    // Value, slope and curvature all come from one evaluation on
    // second-order dual numbers: 3.2 evaluates a curve a few hundred times a
    // redraw and once a step, and the page's wasm then holds one of the
    // formula's three evaluators instead of all three.

    /// L(w).
    pub fn value(&self, w: f64) -> f64 {
        self.formula.derivatives(w, 0.0).value
    }

    /// L′(w).
    pub fn slope(&self, w: f64) -> f64 {
        self.formula.derivatives(w, 0.0).gradient[0]
    }

    /// L″(w).
    pub fn curvature(&self, w: f64) -> f64 {
        self.formula.derivatives(w, 0.0).hessian[0][0]
    }

    /// The local minima in the view, left to right.
    pub fn minima(&self) -> &[f64] {
        &self.minima
    }

    /// The local maxima in the view, left to right.
    pub fn maxima(&self) -> &[f64] {
        &self.maxima
    }

    /// The sign of L′(w), `None` where L or L′ is not a finite number
    /// (outside a function's domain, where dual numbers still carry a
    /// slope: log's 1/w left of 0).
    fn slope_sign(&self, w: f64) -> Option<i8> {
        let d = self.formula.derivatives(w, 0.0);
        let (value, slope) = (d.value, d.gradient[0]);
        if value.is_finite() && slope.is_finite() {
            sign(slope)
        } else {
            None
        }
    }

    /// Every sign change of L′ on the grid: from − to + a minimum, from + to
    /// − a peak. Zeros of L′ without a change of sign (w³ at 0) are neither;
    /// across points where L or L′ is not finite nothing is found.
    fn find_critical_points(&mut self) {
        let (low, high) = FORMULA_VIEW;
        let at = |i: u32| low + (high - low) * f64::from(i) / f64::from(GRID);
        // The last grid point with a non-zero slope: where and which sign.
        let mut last: Option<(f64, i8)> = None;
        for i in 0..=GRID {
            let w = at(i);
            match self.slope_sign(w) {
                None => last = None,
                Some(0) => {}
                Some(s) => {
                    if let Some((from, previous)) = last.filter(|(_, p)| *p != s) {
                        if let Some(root) = self.bisect(from, w, previous) {
                            if previous < 0 {
                                self.minima.push(root);
                            } else {
                                self.maxima.push(root);
                            }
                        }
                    }
                    last = Some((w, s));
                }
            }
        }
    }

    /// The point in `[from, to]` where L′ turns from the sign `left` to the
    /// other one (`None` if L′ is NaN on the way).
    fn bisect(&self, mut from: f64, mut to: f64, left: i8) -> Option<f64> {
        for _ in 0..HALVINGS {
            let mid = 0.5 * (from + to);
            if mid <= from || mid >= to {
                break;
            }
            match self.slope_sign(mid)? {
                0 => return Some(mid),
                s if s == left => from = mid,
                _ => to = mid,
            }
        }
        // The end whose slope is smaller: on a kink (|w|) the kink itself.
        Some(if self.slope(from).abs() <= self.slope(to).abs() {
            from
        } else {
            to
        })
    }
}
