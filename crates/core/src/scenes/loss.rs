//! Section 3.1: a line ŷ = w·x + b through a few points, and the two losses
//! the chapter compares, the mean squared error (MSE) and the mean absolute
//! error (MAE).
//!
//! Conventions:
//! - the residual (error) of point i is eᵢ = yᵢ − ŷᵢ: positive when the
//!   point lies above the line;
//! - MSE = (1/n)·Σ eᵢ², MAE = (1/n)·Σ |eᵢ|, means over the n points shown
//!   (the outlier included when it is switched on);
//! - the slope w and the intercept b stay inside [`SLOPE_RANGE`] and
//!   [`INTERCEPT_RANGE`], the ranges the scene lets people choose from.

use crate::chapter_data;

/// How many of the chapter's points the scene shows (the first ones).
pub const SUBSET: usize = 12;

/// The point added by "add an outlier": (x, y) = (5, −3), 14 below the
/// chapter's true line y = 2x + 1.
pub const OUTLIER: (f64, f64) = (5.0, -3.0);

/// The slopes w a line may have, (low, high).
pub const SLOPE_RANGE: (f64, f64) = (-1.0, 5.0);

/// The intercepts b a line may have, (low, high).
pub const INTERCEPT_RANGE: (f64, f64) = (-12.0, 12.0);

/// A straight line ŷ = w·x + b.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// The slope w.
    pub w: f64,
    /// The intercept b.
    pub b: f64,
}

impl Line {
    /// The line ŷ = w·x + b.
    pub fn new(w: f64, b: f64) -> Self {
        Self { w, b }
    }

    /// The prediction ŷ at input x.
    pub fn predict(&self, x: f64) -> f64 {
        self.w * x + self.b // ŷ = w·x + b
    }

    /// The line through `moved` that keeps its height at `fixed_x`: what
    /// dragging one end of the line does. Unchanged when `moved` lies at
    /// `fixed_x` or is not finite.
    pub fn pivot(&self, fixed_x: f64, moved: (f64, f64)) -> Line {
        let (x, y) = moved;
        let dx = x - fixed_x;
        if !(dx.is_finite() && y.is_finite()) || dx.abs() < 1e-9 {
            return *self;
        }
        let fixed_y = self.predict(fixed_x);
        let w = (y - fixed_y) / dx; // w = Δŷ / Δx
        Line::new(w, fixed_y - w * fixed_x) // b = ŷ − w·x
    }

    /// The line with w and b kept inside the scene's ranges (NaN goes to
    /// the middle of its range).
    pub fn clamped(&self) -> Line {
        Line::new(
            clamp_into(self.w, SLOPE_RANGE),
            clamp_into(self.b, INTERCEPT_RANGE),
        )
    }
}

fn clamp_into(v: f64, (low, high): (f64, f64)) -> f64 {
    if v.is_nan() {
        (low + high) / 2.0
    } else {
        v.clamp(low, high)
    }
}

/// The loss of one residual e, each with its derivative beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointLoss {
    /// e², the term of the MSE.
    Squared,
    /// |e|, the term of the MAE.
    Absolute,
}

impl PointLoss {
    /// The loss of residual `e`.
    pub fn value(self, e: f64) -> f64 {
        match self {
            PointLoss::Squared => e * e,    // e²
            PointLoss::Absolute => e.abs(), // |e|
        }
    }

    /// The derivative with respect to e, or `None` where there is none:
    /// |e| has a kink at e = 0 (its slope jumps from −1 to +1).
    pub fn slope(self, e: f64) -> Option<f64> {
        match self {
            PointLoss::Squared => Some(2.0 * e), // d(e²)/de = 2e
            PointLoss::Absolute if e == 0.0 => None,
            PointLoss::Absolute => Some(e.signum()), // d|e|/de = sign(e)
        }
    }
}

/// How much switching the outlier on raises each loss, at the same line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutlierEffect {
    /// MSE with the outlier ÷ MSE without it.
    pub mse_factor: f64,
    /// MAE with the outlier ÷ MAE without it.
    pub mae_factor: f64,
    /// The outlier's share of Σ eᵢ² (0 to 1).
    pub mse_share: f64,
    /// The outlier's share of Σ |eᵢ| (0 to 1).
    pub mae_share: f64,
}

/// Points, an optional outlier, and the line fitted to them.
#[derive(Clone, Debug, PartialEq)]
pub struct LineFit {
    points: Vec<(f64, f64)>,
    outlier: bool,
    line: Line,
}

impl LineFit {
    /// The line `line` (kept inside the ranges) over `points`, outlier off.
    pub fn new(points: Vec<(f64, f64)>, line: Line) -> Self {
        Self {
            points,
            outlier: false,
            line: line.clamped(),
        }
    }

    /// The first [`SUBSET`] points of the chapter's data (y = 2x + 1 + noise).
    pub fn chapter(line: Line) -> Self {
        let points = chapter_data::X
            .iter()
            .zip(chapter_data::Y.iter())
            .take(SUBSET)
            .map(|(x, y)| (*x, *y))
            .collect();
        Self::new(points, line)
    }

    /// The current line.
    pub fn line(&self) -> Line {
        self.line
    }

    /// Moves the line (kept inside the ranges).
    pub fn set_line(&mut self, line: Line) {
        self.line = line.clamped();
    }

    /// Whether the outlier is among the points.
    pub fn has_outlier(&self) -> bool {
        self.outlier
    }

    /// Adds ([`OUTLIER`]) or removes the outlier.
    pub fn set_outlier(&mut self, on: bool) {
        self.outlier = on;
    }

    /// The points shown, (xᵢ, yᵢ): the data, then the outlier when on.
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.points
            .iter()
            .copied()
            .chain(self.outlier.then_some(OUTLIER))
    }

    /// n, the number of points shown.
    pub fn len(&self) -> usize {
        self.points.len() + usize::from(self.outlier)
    }

    /// Whether no point is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The outlier's index among [`LineFit::points`], when it is on.
    pub fn outlier_index(&self) -> Option<usize> {
        self.outlier.then_some(self.points.len())
    }

    /// The residuals eᵢ = yᵢ − ŷᵢ, in the order of [`LineFit::points`].
    pub fn residuals(&self) -> impl Iterator<Item = f64> + '_ {
        let line = self.line;
        self.points().map(move |(x, y)| y - line.predict(x)) // eᵢ = yᵢ − ŷᵢ
    }

    /// Σ loss(eᵢ) over the points shown.
    pub fn total(&self, loss: PointLoss) -> f64 {
        self.residuals().map(|e| loss.value(e)).sum()
    }

    /// (1/n)·Σ loss(eᵢ): the MSE for [`PointLoss::Squared`], the MAE for
    /// [`PointLoss::Absolute`]; 0 with no points.
    pub fn mean(&self, loss: PointLoss) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.total(loss) / self.len() as f64
        }
    }

    /// MSE = (1/n)·Σ(yᵢ − ŷᵢ)².
    pub fn mse(&self) -> f64 {
        self.mean(PointLoss::Squared)
    }

    /// MAE = (1/n)·Σ|yᵢ − ŷᵢ|.
    pub fn mae(&self) -> f64 {
        self.mean(PointLoss::Absolute)
    }

    /// The index of the point farthest from the line (the first of equals).
    pub fn largest_residual(&self) -> Option<usize> {
        self.residuals()
            .enumerate()
            .fold(None, |best: Option<(usize, f64)>, (i, e)| match best {
                Some((_, b)) if b >= e.abs() => best,
                _ => Some((i, e.abs())),
            })
            .map(|(i, _)| i)
    }

    /// The least-squares line, the w and b minimising the MSE over the
    /// points shown (3.1.3: min over W, b of Loss(W, b)):
    /// w = cov(x, y) / var(x), b = ȳ − w·x̄. Kept inside the ranges; with
    /// all x equal the line is flat through ȳ.
    pub fn least_squares(&self) -> Line {
        let n = self.len().max(1) as f64;
        let (sx, sy) = self
            .points()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        let (mx, my) = (sx / n, sy / n);
        let (cov, var) = self.points().fold((0.0, 0.0), |(c, v), (x, y)| {
            (c + (x - mx) * (y - my), v + (x - mx) * (x - mx))
        });
        let w = if var > 1e-12 { cov / var } else { 0.0 };
        Line::new(w, my - w * mx).clamped()
    }

    /// What the outlier does to the MSE and the MAE at the current line:
    /// the losses with it divided by the losses without it.
    pub fn outlier_effect(&self) -> OutlierEffect {
        let mut with = self.clone();
        with.set_outlier(true);
        let mut without = self.clone();
        without.set_outlier(false);
        let e = OUTLIER.1 - self.line.predict(OUTLIER.0); // e = y − ŷ of the outlier
        let share = |loss: PointLoss| {
            let total = with.total(loss);
            if total > 0.0 {
                loss.value(e) / total
            } else {
                0.0
            }
        };
        OutlierEffect {
            mse_factor: with.mse() / without.mse(),
            mae_factor: with.mae() / without.mae(),
            mse_share: share(PointLoss::Squared),
            mae_share: share(PointLoss::Absolute),
        }
    }
}

#[cfg(test)]
mod tests;
