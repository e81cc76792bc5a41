//! Data sets for the training playground: a target function y = f(x) on
//! one input, sampled at n points with Gaussian noise of standard
//! deviation σ, optionally with one point moved far off (the outlier).
//!
//! | name        | f(x)              | x drawn from          | y roughly in |
//! | ----------- | ----------------- | --------------------- | ------------ |
//! | `line`      | 2x + 1            | 5·N(0, 1) (the chapter's) | [−25, 25] |
//! | `sine`      | 5·sin(x/2)        | U[−10, 10)            | [−5, 5]      |
//! | `abs`       | \|x\|             | U[−10, 10)            | [0, 10]      |
//! | `step`      | −5 for x < 0, 5 for x ≥ 0 | U[−10, 10)    | {−5, 5}      |
//! | `quadratic` | x²/10             | U[−10, 10)            | [0, 10]      |
//!
//! The recipe, for every kind: one generator (this crate's `StdRng`) seeded
//! with the seed draws x₁…xₙ first, then ε₁…εₙ ~ N(0, 1), and
//! yᵢ = f(xᵢ) + σ·εᵢ. So σ only scales the same noise, σ = 0 gives exact
//! function values, and `line` with σ = 1 is the chapter's recipe
//! [`LinearData::generate`] for any seed. At the defaults (`line`, n = 100,
//! σ = 1, seed 42) the points are the chapter's own, exactly as PyTorch drew
//! them ([`chapter_data`]); `line` at seed 42 and n = 100 with another σ keeps
//! the chapter's x and scales the chapter's noise yᵢ − (2xᵢ + 1).
//!
//! The outlier is the point whose x is nearest to [`OUTLIER_X`] (the first
//! of equals), its y moved by [`OUTLIER_SHIFT`]; the number of points stays n.

use std::fmt;

use nalgebra::DMatrix;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, StandardNormal};

use crate::chapter_data;
use crate::data::{LinearData, CHAPTER_SEED};

/// The fewest points a data set may have.
pub const MIN_POINTS: usize = 2;
/// The most points a data set may have.
pub const MAX_POINTS: usize = 1000;
/// The largest noise σ a data set may have.
pub const MAX_NOISE: f64 = 10.0;
/// The points of a data set unless told otherwise (the chapter's 100).
pub const DEFAULT_POINTS: usize = 100;
/// The noise σ unless told otherwise (the chapter's 1).
pub const DEFAULT_NOISE: f64 = 1.0;
/// The outlier is the point whose x is nearest to this.
pub const OUTLIER_X: f64 = 5.0;
/// How far the outlier's y is moved: 15 below where it was.
pub const OUTLIER_SHIFT: f64 = -15.0;
/// Where x is drawn from for every kind but `line`: U[low, high).
pub const X_RANGE: (f64, f64) = (-10.0, 10.0);

/// Which target function y = f(x) a data set samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DataKind {
    /// The chapter's y = 2x + 1, x = 5·N(0, 1).
    #[default]
    Line,
    /// y = 5·sin(x/2), x in [−10, 10): a little over one and a half periods.
    Sine,
    /// y = |x|, x in [−10, 10): one kink, at 0.
    Abs,
    /// y = −5 for x < 0 and 5 for x ≥ 0, x in [−10, 10).
    Step,
    /// y = x²/10, x in [−10, 10).
    Quadratic,
}

impl DataKind {
    /// Every kind, in the order a menu lists them.
    pub const ALL: [DataKind; 5] = [
        DataKind::Line,
        DataKind::Sine,
        DataKind::Abs,
        DataKind::Step,
        DataKind::Quadratic,
    ];

    /// The URL-safe name: `line`, `sine`, `abs`, `step`, `quadratic`.
    pub fn name(self) -> &'static str {
        match self {
            DataKind::Line => "line",
            DataKind::Sine => "sine",
            DataKind::Abs => "abs",
            DataKind::Step => "step",
            DataKind::Quadratic => "quadratic",
        }
    }

    /// Looks a kind up by its name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The target function without noise, f(x).
    pub fn f(self, x: f64) -> f64 {
        match self {
            DataKind::Line => 2.0 * x + 1.0,
            DataKind::Sine => 5.0 * (x / 2.0).sin(),
            DataKind::Abs => x.abs(),
            DataKind::Step if x < 0.0 => -5.0,
            DataKind::Step => 5.0,
            DataKind::Quadratic => x * x / 10.0,
        }
    }

    /// f written out: `y = 2x + 1`, `y = 5·sin(x/2)`, …
    pub fn formula(self) -> &'static str {
        match self {
            DataKind::Line => "y = 2x + 1",
            DataKind::Sine => "y = 5·sin(x/2)",
            DataKind::Abs => "y = |x|",
            DataKind::Step => "y = −5 (x < 0), 5 (x ≥ 0)",
            DataKind::Quadratic => "y = x²/10",
        }
    }

    /// One x drawn as this kind draws them.
    fn draw_x(self, rng: &mut StdRng) -> f64 {
        match self {
            DataKind::Line => 5.0 * normal(rng),
            _ => X_RANGE.0 + (X_RANGE.1 - X_RANGE.0) * rng.random::<f64>(),
        }
    }
}

fn normal(rng: &mut StdRng) -> f64 {
    StandardNormal.sample(rng)
}

/// A value of a [`DataRecipe`] out of its range, naming the field:
/// displays as one line `points: must be between 2 and 1000 (got 1)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    field: &'static str,
    problem: String,
}

impl DataError {
    /// The field: `points` or `noise`.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for DataError {}

/// How to make a data set: which function, how many points, how much
/// noise, whether there is an outlier, and the seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataRecipe {
    /// The target function.
    pub kind: DataKind,
    /// n, from [`MIN_POINTS`] to [`MAX_POINTS`].
    pub points: usize,
    /// σ of the Gaussian noise added to each y, from 0 to [`MAX_NOISE`].
    pub noise: f64,
    /// Whether one point is moved far off (see the module's notes).
    pub outlier: bool,
    /// The seed of the draws.
    pub seed: u64,
}

impl Default for DataRecipe {
    fn default() -> Self {
        Self::chapter()
    }
}

impl DataRecipe {
    /// `kind` with the chapter's settings: 100 points, σ = 1, no outlier,
    /// seed 42.
    pub fn new(kind: DataKind) -> Self {
        Self {
            kind,
            points: DEFAULT_POINTS,
            noise: DEFAULT_NOISE,
            outlier: false,
            seed: CHAPTER_SEED,
        }
    }

    /// The chapter's data: `line` at the defaults.
    pub fn chapter() -> Self {
        Self::new(DataKind::Line)
    }

    /// Whether this recipe makes the chapter's own 100 points.
    pub fn is_chapter(&self) -> bool {
        *self == Self::chapter()
    }

    /// Checks the ranges: n in [`MIN_POINTS`]..=[`MAX_POINTS`], σ a finite
    /// number in [0, [`MAX_NOISE`]].
    pub fn check(&self) -> Result<(), DataError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(DataError {
                field: "points",
                problem: format!(
                    "must be between {MIN_POINTS} and {MAX_POINTS} (got {})",
                    self.points
                ),
            });
        }
        if !(self.noise.is_finite() && (0.0..=MAX_NOISE).contains(&self.noise)) {
            return Err(DataError {
                field: "noise",
                problem: format!("must be between 0 and {MAX_NOISE} (got {})", self.noise),
            });
        }
        Ok(())
    }

    /// The data set, after [`check`](Self::check).
    pub fn generate(&self) -> Result<DataSet, DataError> {
        self.check()?;
        let n = self.points;
        let (xs, mut ys) = if self.kind == DataKind::Line
            && self.seed == CHAPTER_SEED
            && n == chapter_data::X.len()
        {
            self.chapter_points()
        } else {
            let mut rng = StdRng::seed_from_u64(self.seed);
            let xs: Vec<f64> = (0..n).map(|_| self.kind.draw_x(&mut rng)).collect();
            let ys = xs
                .iter()
                .map(|&x| self.kind.f(x) + self.noise * normal(&mut rng))
                .collect();
            (xs, ys)
        };
        let outlier = self.outlier.then(|| nearest(&xs, OUTLIER_X));
        if let Some(i) = outlier {
            ys[i] += OUTLIER_SHIFT;
        }
        Ok(DataSet {
            recipe: *self,
            xs,
            ys,
            outlier,
        })
    }

    /// The chapter's x, and its y with the chapter's noise scaled by σ
    /// (σ = 1: the chapter's y to the last bit).
    fn chapter_points(&self) -> (Vec<f64>, Vec<f64>) {
        let xs = chapter_data::X.to_vec();
        let ys = if self.noise == 1.0 {
            chapter_data::Y.to_vec()
        } else {
            xs.iter()
                .zip(chapter_data::Y)
                .map(|(&x, y)| {
                    let f = DataKind::Line.f(x);
                    f + self.noise * (y - f)
                })
                .collect()
        };
        (xs, ys)
    }
}

/// The index of the value nearest to `target` (the first of equals).
fn nearest(values: &[f64], target: f64) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if (v - target).abs() < (values[best] - target).abs() {
            best = i;
        }
    }
    best
}

/// Points (xᵢ, yᵢ) made by a [`DataRecipe`].
#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    recipe: DataRecipe,
    xs: Vec<f64>,
    ys: Vec<f64>,
    outlier: Option<usize>,
}

impl DataSet {
    /// The chapter's 100 points.
    pub fn chapter() -> Self {
        let recipe = DataRecipe::chapter();
        let (xs, ys) = recipe.chapter_points();
        Self {
            recipe,
            xs,
            ys,
            outlier: None,
        }
    }

    /// The recipe it was made from.
    pub fn recipe(&self) -> &DataRecipe {
        &self.recipe
    }

    /// The inputs xᵢ, in the order drawn.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The targets yᵢ.
    pub fn ys(&self) -> &[f64] {
        &self.ys
    }

    /// The points (xᵢ, yᵢ).
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.xs.iter().copied().zip(self.ys.iter().copied())
    }

    /// The number of points n.
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether there are no points (never, for a checked recipe).
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The index of the outlier, when the recipe asked for one.
    pub fn outlier(&self) -> Option<usize> {
        self.outlier
    }

    /// The inputs as a training matrix, n × 1.
    pub fn x_matrix(&self) -> DMatrix<f64> {
        DMatrix::from_column_slice(self.len(), 1, &self.xs)
    }

    /// The targets as a training matrix, n × 1.
    pub fn y_matrix(&self) -> DMatrix<f64> {
        DMatrix::from_column_slice(self.len(), 1, &self.ys)
    }

    /// The same points as a [`LinearData`] (for the line-fitting scenes).
    pub fn linear(&self) -> LinearData {
        LinearData::new(self.xs.clone(), self.ys.clone())
    }
}

#[cfg(test)]
mod tests;
