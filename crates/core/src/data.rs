//! Data sets: the chapter's y = 2x + 1 + noise, exactly as PyTorch drew it,
//! and the same recipe drawn from any other seed.

use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};

use crate::chapter_data;

/// The seed of the chapter's program (`torch.manual_seed(42)`).
pub const CHAPTER_SEED: u64 = 42;

/// Points (xᵢ, yᵢ) for fitting a line, with the sums the MSE curve needs.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearData {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// mean(x²)
    pub mean_xx: f64,
    /// mean(x·y)
    pub mean_xy: f64,
    /// mean(y²)
    pub mean_yy: f64,
}

impl LinearData {
    /// Builds the data set from matching inputs and targets. Lengths must be
    /// equal and non-zero; extra values of the longer slice are ignored.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>) -> Self {
        let n = xs.len().min(ys.len()).max(1);
        let mean = |f: &dyn Fn(f64, f64) -> f64| {
            xs.iter().zip(&ys).map(|(x, y)| f(*x, *y)).sum::<f64>() / n as f64
        };
        let mean_xx = mean(&|x, _| x * x);
        let mean_xy = mean(&|x, y| x * y);
        let mean_yy = mean(&|_, y| y * y);
        Self {
            xs,
            ys,
            mean_xx,
            mean_xy,
            mean_yy,
        }
    }

    /// The chapter's 100 points: `X = randn(100,1)·5`, `y = 2X + 1 + randn(100,1)`
    /// with `torch.manual_seed(42)`, the very numbers PyTorch produced.
    pub fn chapter() -> Self {
        Self::new(chapter_data::X.to_vec(), chapter_data::Y.to_vec())
    }

    /// The chapter's recipe from another seed: x = 5·N(0, 1), y = 2x + 1 + N(0, 1).
    /// Seed 42 gives the chapter's exact data; other seeds use this crate's
    /// own generator (PyTorch's generator is not reproduced).
    pub fn generate(seed: u64, n: usize) -> Self {
        if seed == CHAPTER_SEED && n == chapter_data::X.len() {
            return Self::chapter();
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
        let xs: Vec<f64> = (0..n).map(|_| 5.0 * normal()).collect();
        let ys = xs.iter().map(|x| 2.0 * x + 1.0 + normal()).collect();
        Self::new(xs, ys)
    }

    /// The slope w minimising mean((y − w·x)²): mean(xy) / mean(x²).
    pub fn best_slope(&self) -> f64 {
        if self.mean_xx > 0.0 {
            self.mean_xy / self.mean_xx
        } else {
            0.0
        }
    }

    /// The points (xᵢ, yᵢ).
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.xs.iter().copied().zip(self.ys.iter().copied())
    }

    /// The inputs xᵢ.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The targets yᵢ.
    pub fn ys(&self) -> &[f64] {
        &self.ys
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.xs.len().min(self.ys.len())
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_data_follows_the_recipe() {
        let data = LinearData::generate(7, 2000);
        assert_eq!(data.len(), 2000);
        // var(x) = 25, so mean(x²) ≈ 25; residual y − 2x − 1 has variance ≈ 1.
        assert!((data.mean_xx - 25.0).abs() < 2.5, "{}", data.mean_xx);
        let residual = data
            .points()
            .map(|(x, y)| (y - 2.0 * x - 1.0).powi(2))
            .sum::<f64>()
            / 2000.0;
        assert!((residual - 1.0).abs() < 0.15, "{residual}");
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        assert_eq!(LinearData::generate(3, 50), LinearData::generate(3, 50));
        assert_ne!(LinearData::generate(3, 50), LinearData::generate(4, 50));
    }

    #[test]
    fn seed_42_is_the_chapters_data() {
        let data = LinearData::generate(CHAPTER_SEED, 100);
        assert_eq!(data.xs()[0], 9.634576797485352);
        assert_eq!(data, LinearData::chapter());
    }
}
