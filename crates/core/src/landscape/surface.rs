//! The built-in loss surfaces f(w, b), each with its exact gradient and
//! Hessian, a view, a start and (where closed-form) its minima.

use crate::curve::Curve;
use crate::data::LinearData;
use crate::formula::Derivatives;

/// The steepness of [`Surface::Rosenbrock`]'s valley walls: 10 rather than
/// the usual 100, so that plain gradient descent crawls along the valley
/// in hundreds of steps, not tens of thousands.
pub const ROSENBROCK_STEEPNESS: f64 = 10.0;

/// The sums the MSE of the line ŷ = w·x + b needs: means of x, y, x², xy, y².
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineMse {
    /// mean(x)
    pub mean_x: f64,
    /// mean(y)
    pub mean_y: f64,
    /// mean(x²)
    pub mean_xx: f64,
    /// mean(x·y)
    pub mean_xy: f64,
    /// mean(y²)
    pub mean_yy: f64,
}

impl LineMse {
    /// The sums of a data set.
    pub fn of(data: &LinearData) -> Self {
        let n = data.len().max(1) as f64;
        let (sx, sy) = data
            .points()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        Self {
            mean_x: sx / n,
            mean_y: sy / n,
            mean_xx: data.mean_xx,
            mean_xy: data.mean_xy,
            mean_yy: data.mean_yy,
        }
    }

    /// The least-squares line (w*, b*), where the gradient vanishes.
    pub fn best_line(&self) -> [f64; 2] {
        let variance = self.mean_xx - self.mean_x * self.mean_x;
        let w = (self.mean_xy - self.mean_x * self.mean_y) / variance;
        [w, self.mean_y - w * self.mean_x]
    }
}

/// A loss surface over two parameters (w, b).
#[derive(Clone, Debug, PartialEq)]
pub enum Surface {
    /// The MSE of the line ŷ = w·x + b on data: mean((y − w·x − b)²), a
    /// paraboloid with Hessian [[2·mean(x²), 2·mean(x)], [2·mean(x), 2]].
    /// On the chapter's data its curvature along w is about 25× that
    /// along b, so gradient descent zigzags.
    LineMse(LineMse),
    /// A round bowl w² + b²: curvature 2 in every direction, η* = 1.
    RoundBowl,
    /// A saddle w² − b²: a minimum along w, a maximum along b at (0, 0).
    Saddle,
    /// Rosenbrock's banana valley (1 − w)² + 10·(b − w²)² with its minimum
    /// at (1, 1) ([`ROSENBROCK_STEEPNESS`]).
    Rosenbrock,
    /// Two pits of different depth and the pass between them:
    /// L(w) + (b − w/2)² with L the chapter's bumpy curve, so the pits sit
    /// at (m, m/2) for each minimum m of L and the pass at its peak.
    TwoPits,
}

impl Surface {
    /// The surfaces, by their URL and CLI names.
    pub const NAMES: [&'static str; 5] =
        ["line-mse", "round-bowl", "saddle", "rosenbrock", "two-pits"];

    /// The MSE of ŷ = w·x + b on the chapter's 100 points.
    pub fn line_mse() -> Self {
        Surface::LineMse(LineMse::of(&LinearData::chapter()))
    }

    /// Looks a surface up by name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "line-mse" => Some(Self::line_mse()),
            "round-bowl" => Some(Surface::RoundBowl),
            "saddle" => Some(Surface::Saddle),
            "rosenbrock" => Some(Surface::Rosenbrock),
            "two-pits" => Some(Surface::TwoPits),
            _ => None,
        }
    }

    /// The surface's name, as accepted by [`Surface::from_name`].
    pub fn name(&self) -> &'static str {
        match self {
            Surface::LineMse(_) => "line-mse",
            Surface::RoundBowl => "round-bowl",
            Surface::Saddle => "saddle",
            Surface::Rosenbrock => "rosenbrock",
            Surface::TwoPits => "two-pits",
        }
    }

    /// f(w, b), its gradient and its Hessian.
    pub fn derivatives(&self, [w, b]: [f64; 2]) -> Derivatives {
        let (value, gradient, hessian) = match self {
            Surface::LineMse(s) => (
                // mean(y²) − 2w·mean(xy) − 2b·mean(y) + w²·mean(x²) + 2wb·mean(x) + b²
                s.mean_yy - 2.0 * w * s.mean_xy - 2.0 * b * s.mean_y
                    + w * w * s.mean_xx
                    + 2.0 * w * b * s.mean_x
                    + b * b,
                [
                    2.0 * (w * s.mean_xx + b * s.mean_x - s.mean_xy),
                    2.0 * (w * s.mean_x + b - s.mean_y),
                ],
                [[2.0 * s.mean_xx, 2.0 * s.mean_x], [2.0 * s.mean_x, 2.0]],
            ),
            Surface::RoundBowl => (w * w + b * b, [2.0 * w, 2.0 * b], [[2.0, 0.0], [0.0, 2.0]]),
            Surface::Saddle => (
                w * w - b * b,
                [2.0 * w, -2.0 * b],
                [[2.0, 0.0], [0.0, -2.0]],
            ),
            Surface::Rosenbrock => {
                let a = ROSENBROCK_STEEPNESS;
                let valley = b - w * w;
                (
                    (1.0 - w).powi(2) + a * valley * valley,
                    [-2.0 * (1.0 - w) - 4.0 * a * w * valley, 2.0 * a * valley],
                    [
                        [2.0 - 4.0 * a * valley + 8.0 * a * w * w, -4.0 * a * w],
                        [-4.0 * a * w, 2.0 * a],
                    ],
                )
            }
            Surface::TwoPits => {
                let ground = Curve::Bumpy;
                let across = b - 0.5 * w;
                (
                    ground.value(w) + across * across,
                    [ground.slope(w) - across, 2.0 * across],
                    [[ground.curvature(w) + 0.5, -1.0], [-1.0, 2.0]],
                )
            }
        };
        Derivatives {
            value,
            gradient,
            hessian,
        }
    }

    /// The ranges of w and of b a picture of the surface shows.
    pub fn view(&self) -> [(f64, f64); 2] {
        match self {
            Surface::LineMse(s) => {
                let [w, b] = s.best_line();
                [(w - 3.0, w + 3.0), (b - 4.0, b + 4.0)]
            }
            Surface::RoundBowl | Surface::Saddle => [(-2.0, 2.0), (-2.0, 2.0)],
            Surface::Rosenbrock => [(-2.0, 2.0), (-1.0, 3.0)],
            Surface::TwoPits => [(-2.4, 2.4), (-1.8, 1.8)],
        }
    }

    /// Where a run starts unless the user picks a point.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            Surface::LineMse(s) => {
                let [w, b] = s.best_line();
                [w - 2.5, b + 3.0]
            }
            Surface::RoundBowl => [-1.6, 1.2],
            // Almost on the ridge line b = 0: it comes in, then slides off.
            Surface::Saddle => [-1.8, 0.05],
            Surface::Rosenbrock => [-1.5, 2.0],
            // On the right slope, in the shallower pit's valley.
            Surface::TwoPits => [2.1, -1.2],
        }
    }

    /// The local minima, closed-form (the bumpy curve's by bisection).
    pub fn minima(&self) -> Vec<[f64; 2]> {
        match self {
            Surface::LineMse(s) => vec![s.best_line()],
            Surface::RoundBowl => vec![[0.0, 0.0]],
            Surface::Saddle => Vec::new(),
            Surface::Rosenbrock => vec![[1.0, 1.0]],
            Surface::TwoPits => on_two_pits_floor(Curve::Bumpy.minima()),
        }
    }

    /// The saddle points (passes between valleys).
    pub fn saddles(&self) -> Vec<[f64; 2]> {
        match self {
            Surface::Saddle => vec![[0.0, 0.0]],
            Surface::TwoPits => on_two_pits_floor(Curve::Bumpy.maxima()),
            _ => Vec::new(),
        }
    }
}

/// Points of the bumpy curve's w laid on the two-pits floor line b = w/2.
fn on_two_pits_floor(ws: Vec<f64>) -> Vec<[f64; 2]> {
    ws.into_iter().map(|w| [w, 0.5 * w]).collect()
}
