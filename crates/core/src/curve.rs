//! One-dimensional loss curves L(w) with exact first and second derivatives.
//!
//! Section 3.2 of the chapter pictures gradient descent as a ping-pong ball
//! rolling on bumpy ground. Each [`Curve`] is such a ground: `value` is the
//! height L(w), `slope` is L′(w) (the gradient the ball feels) and `curvature`
//! is L″(w), which decides the largest learning rate that still converges.
//!
//! Besides the chapter's grounds, a curve may be a formula a teacher types
//! ([`TypedCurve`], in `typed.rs`): the same parser and exact derivatives as
//! the comparison's formulas, with its minima and peaks found in its view.

mod typed;

pub use typed::{TypedCurve, FORMULA_START, FORMULA_VIEW};

use crate::data::LinearData;
use crate::formula::FormulaError;

/// How [`Curve::Bumpy`] is tilted: the left valley is the deeper one.
const BUMPY_TILT: f64 = 0.35;
/// Lifts [`Curve::Bumpy`] so that its lowest point stays above zero (the loss
/// plot has a logarithmic axis).
const BUMPY_LIFT: f64 = 1.6;

/// A loss curve L(w) over one weight w.
#[derive(Clone, Debug, PartialEq)]
pub enum Curve {
    /// A plain quadratic bowl L(w) = (a/2)·(w − c)², curvature `a` everywhere.
    Bowl {
        /// L″(w) = a, so gradient descent converges exactly when η < 2/a.
        curvature: f64,
        /// The minimum c.
        center: f64,
    },
    /// The chapter's bumpy ground: one peak and two valleys of different depth,
    /// L(w) = w⁴/4 − w² + 0.35·w + 1.6. The left valley (w ≈ −1.49) is the
    /// global minimum, the right one (w ≈ 1.32) a shallower local minimum.
    Bumpy,
    /// The mean squared error of the line ŷ = w·x on data (section 3.1):
    /// L(w) = (1/n)·Σ(yᵢ − w·xᵢ)², a parabola whose curvature 2·mean(x²)
    /// comes from the data.
    DataMse(LinearData),
    /// A typed formula L(w), with exact L′ and L″ (dual numbers).
    Formula(TypedCurve),
}

impl Curve {
    /// The curves the page offers, by their URL and CLI names.
    pub const NAMES: [&'static str; 3] = ["data-mse", "bumpy", "bowl"];

    /// The standard bowl: curvature 2, minimum at 0, so η* = 1.
    pub fn bowl() -> Self {
        Curve::Bowl {
            curvature: 2.0,
            center: 0.0,
        }
    }

    /// The MSE of ŷ = w·x on the chapter's own data.
    pub fn data_mse() -> Self {
        Curve::DataMse(LinearData::chapter())
    }

    /// Looks a curve up by name (`data-mse`, `bumpy`, `bowl`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "data-mse" => Some(Self::data_mse()),
            "bumpy" => Some(Curve::Bumpy),
            "bowl" => Some(Self::bowl()),
            _ => None,
        }
    }

    /// A typed formula L(w) ([`crate::formula`]'s grammar; `b` is an error).
    pub fn formula(text: &str) -> Result<Self, FormulaError> {
        TypedCurve::parse(text).map(Curve::Formula)
    }

    /// The curve's name, as accepted by [`Curve::from_name`]; `formula` for
    /// a typed one.
    pub fn name(&self) -> &'static str {
        match self {
            Curve::Bowl { .. } => "bowl",
            Curve::Bumpy => "bumpy",
            Curve::DataMse(_) => "data-mse",
            Curve::Formula(_) => "formula",
        }
    }

    /// The typed formula, for a [`Curve::Formula`].
    pub fn formula_text(&self) -> Option<&str> {
        match self {
            Curve::Formula(typed) => Some(typed.text()),
            _ => None,
        }
    }

    /// The height L(w).
    pub fn value(&self, w: f64) -> f64 {
        match self {
            Curve::Bowl { curvature, center } => 0.5 * curvature * (w - center).powi(2),
            // L(w) = w⁴/4 − w² + t·w + lift
            Curve::Bumpy => 0.25 * w.powi(4) - w * w + BUMPY_TILT * w + BUMPY_LIFT,
            // L(w) = mean(y²) − 2w·mean(xy) + w²·mean(x²)
            Curve::DataMse(d) => d.mean_yy - 2.0 * w * d.mean_xy + w * w * d.mean_xx,
            Curve::Formula(typed) => typed.value(w),
        }
    }

    /// The slope L′(w) = ∂L/∂w.
    pub fn slope(&self, w: f64) -> f64 {
        match self {
            // L′(w) = a·(w − c)
            Curve::Bowl { curvature, center } => curvature * (w - center),
            // L′(w) = w³ − 2w + t
            Curve::Bumpy => w.powi(3) - 2.0 * w + BUMPY_TILT,
            // L′(w) = 2w·mean(x²) − 2·mean(xy) = −(2/n)·Σ xᵢ(yᵢ − w·xᵢ)
            Curve::DataMse(d) => 2.0 * w * d.mean_xx - 2.0 * d.mean_xy,
            Curve::Formula(typed) => typed.slope(w),
        }
    }

    /// The curvature L″(w).
    pub fn curvature(&self, w: f64) -> f64 {
        match self {
            Curve::Bowl { curvature, .. } => *curvature,
            // L″(w) = 3w² − 2
            Curve::Bumpy => 3.0 * w * w - 2.0,
            // L″(w) = 2·mean(x²)
            Curve::DataMse(d) => 2.0 * d.mean_xx,
            Curve::Formula(typed) => typed.curvature(w),
        }
    }

    /// The range of w a picture of this curve shows, `(low, high)`.
    pub fn view(&self) -> (f64, f64) {
        match self {
            Curve::Bowl { curvature, center } => {
                let half = 3.0 * (2.0 / curvature).sqrt();
                (center - half, center + half)
            }
            Curve::Bumpy => (-2.4, 2.4),
            Curve::DataMse(d) => {
                let best = d.best_slope();
                (best - 3.0, best + 3.0)
            }
            Curve::Formula(_) => FORMULA_VIEW,
        }
    }

    /// Where a new run starts unless the user picks a point.
    pub fn default_start(&self) -> f64 {
        let (low, high) = self.view();
        match self {
            // On the right slope: the ball settles in the shallower right pit.
            Curve::Bumpy => 2.1,
            Curve::Formula(_) => FORMULA_START,
            _ => low + 0.1 * (high - low),
        }
    }

    /// All local minima, left to right (a typed curve's: those in its view;
    /// maybe none).
    pub fn minima(&self) -> Vec<f64> {
        match self {
            Curve::Bowl { center, .. } => vec![*center],
            Curve::Bumpy => {
                let [left, _, right] = bumpy_critical_points();
                vec![left, right]
            }
            Curve::DataMse(d) => vec![d.best_slope()],
            Curve::Formula(typed) => typed.minima().to_vec(),
        }
    }

    /// All local maxima, left to right (the peaks between valleys).
    pub fn maxima(&self) -> Vec<f64> {
        match self {
            Curve::Bumpy => vec![bumpy_critical_points()[1]],
            Curve::Formula(typed) => typed.maxima().to_vec(),
            _ => Vec::new(),
        }
    }

    /// The lowest point: the global minimum.
    pub fn global_minimum(&self) -> f64 {
        self.minima()
            .into_iter()
            .min_by(|a, b| self.value(*a).total_cmp(&self.value(*b)))
            .unwrap_or(0.0)
    }

    /// The minimum whose valley holds `w`: the pit a ball at `w` rolls into
    /// when the steps are small. Valleys are separated by the peaks; a
    /// valley with no minimum (downhill out of the view, on a typed curve)
    /// gives `None`. Every built-in curve has a minimum in every valley.
    pub fn basin_minimum(&self, w: f64) -> Option<f64> {
        let peaks = self.maxima();
        let left = peaks.iter().copied().rev().find(|p| w > *p);
        let right = peaks.iter().copied().find(|p| w <= *p);
        self.minima()
            .into_iter()
            .find(|m| left.is_none_or(|p| *m > p) && right.is_none_or(|p| *m < p))
    }

    /// The critical learning rate η* = 2 / L″(w_min) of the valley holding `w`:
    /// near that minimum, steps with η < η* converge and steps with η > η*
    /// are pushed further out each time. `None` when the valley has no
    /// minimum, or its L″ is not positive (a flat-bottomed pit like w⁴ or
    /// |w|, where no η is too large near the bottom by this measure).
    pub fn critical_learning_rate(&self, w: f64) -> Option<f64> {
        let curvature = self.curvature(self.basin_minimum(w)?);
        let critical = 2.0 / curvature;
        (curvature > 0.0 && critical.is_finite()).then_some(critical)
    }
}

/// The three critical points of the bumpy curve, roots of w³ − 2w + t = 0:
/// left minimum, peak, right minimum.
fn bumpy_critical_points() -> [f64; 3] {
    let slope = |w: f64| w.powi(3) - 2.0 * w + BUMPY_TILT;
    // Each root is bracketed: the cubic changes sign on each interval.
    [(-2.0, -1.0), (-0.5, 0.8), (0.8, 2.0)].map(|(mut low, mut high)| {
        for _ in 0..80 {
            let mid = 0.5 * (low + high);
            if slope(low) * slope(mid) <= 0.0 {
                high = mid;
            } else {
                low = mid;
            }
        }
        0.5 * (low + high)
    })
}

#[cfg(test)]
mod tests;
