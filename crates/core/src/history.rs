//! Loss history with bounded memory.
//!
//! A run may take millions of steps; the plot needs only a few hundred
//! points. [`LossHistory`] keeps at most [`LossHistory::capacity`] buckets.
//! Each bucket covers `stride` consecutive steps and remembers the first,
//! last, lowest and highest loss among them, so an oscillation stays visible
//! as a band after the buckets are merged. When the buckets are full,
//! neighbours are merged pairwise and the stride doubles.

/// A loss above this counts as flown off: the run is marked diverged
/// (gradient descent on a curve and training alike).
pub const LOSS_LIMIT: f64 = 1e30;

/// Losses of a range of consecutive steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    /// The first step in the bucket.
    pub first_step: u64,
    /// The last step in the bucket.
    pub last_step: u64,
    /// The loss at `first_step`.
    pub first: f64,
    /// The loss at `last_step`.
    pub last: f64,
    /// The lowest loss in the bucket (non-finite losses are ignored here).
    pub min: f64,
    /// The highest loss in the bucket; +∞ if any loss was not finite.
    pub max: f64,
}

impl Bucket {
    fn single(step: u64, loss: f64) -> Self {
        let high = if loss.is_finite() {
            loss
        } else {
            f64::INFINITY
        };
        Self {
            first_step: step,
            last_step: step,
            first: loss,
            last: loss,
            min: high,
            max: high,
        }
    }

    fn absorb(&mut self, later: &Bucket) {
        self.last_step = later.last_step;
        self.last = later.last;
        self.min = self.min.min(later.min);
        self.max = self.max.max(later.max);
    }
}

/// The decimated loss history of one run.
#[derive(Clone, Debug)]
pub struct LossHistory {
    buckets: Vec<Bucket>,
    stride: u64,
    capacity: usize,
}

impl Default for LossHistory {
    fn default() -> Self {
        Self::with_capacity(512)
    }
}

impl LossHistory {
    /// An empty history that keeps at most `capacity` buckets (at least 2).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            buckets: Vec::with_capacity(capacity.max(2)),
            stride: 1,
            capacity: capacity.max(2),
        }
    }

    /// The most buckets kept at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many steps one closed bucket covers now.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// Records the loss at `step`. Steps must be pushed in increasing order.
    pub fn push(&mut self, step: u64, loss: f64) {
        let point = Bucket::single(step, loss);
        match self.buckets.last_mut() {
            Some(open) if open.last_step - open.first_step + 1 < self.stride => open.absorb(&point),
            _ => {
                if self.buckets.len() == self.capacity {
                    self.merge_pairs();
                    return self.push(step, loss);
                }
                self.buckets.push(point);
            }
        }
    }

    fn merge_pairs(&mut self) {
        let merged: Vec<Bucket> = self
            .buckets
            .chunks(2)
            .map(|pair| {
                let mut bucket = pair[0];
                if let Some(second) = pair.get(1) {
                    bucket.absorb(second);
                }
                bucket
            })
            .collect();
        self.buckets = merged;
        self.stride *= 2;
    }

    /// The buckets, oldest first.
    pub fn buckets(&self) -> &[Bucket] {
        &self.buckets
    }

    /// The most recent loss recorded.
    pub fn last(&self) -> Option<f64> {
        self.buckets.last().map(|b| b.last)
    }

    /// The first loss recorded.
    pub fn first(&self) -> Option<f64> {
        self.buckets.first().map(|b| b.first)
    }

    /// The highest finite-or-infinite loss recorded (see [`Bucket::max`]).
    pub fn max(&self) -> Option<f64> {
        self.buckets.iter().map(|b| b.max).reduce(f64::max)
    }

    /// The lowest loss recorded.
    pub fn min(&self) -> Option<f64> {
        self.buckets.iter().map(|b| b.min).reduce(f64::min)
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.buckets.clear();
        self.stride = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_step_until_full() {
        let mut history = LossHistory::with_capacity(8);
        for step in 0..8 {
            history.push(step, step as f64);
        }
        assert_eq!(history.buckets().len(), 8);
        assert_eq!(history.stride(), 1);
        assert!(history
            .buckets()
            .iter()
            .all(|b| b.first_step == b.last_step));
    }

    #[test]
    fn a_million_steps_stay_within_capacity_and_keep_the_envelope() {
        let mut history = LossHistory::with_capacity(100);
        // A period-2 oscillation: decimation must not alias it away.
        for step in 0..1_000_000u64 {
            let loss = if step % 2 == 0 { 1.0 } else { 3.0 };
            history.push(step, loss);
        }
        assert!(history.buckets().len() <= 100);
        assert!(history
            .buckets()
            .iter()
            .all(|b| b.min == 1.0 && b.max == 3.0));
        assert_eq!(history.buckets()[0].first_step, 0);
        assert_eq!(history.buckets().last().map(|b| b.last_step), Some(999_999));
        assert_eq!(history.last(), Some(3.0));
        // Buckets tile the steps without gaps.
        for pair in history.buckets().windows(2) {
            assert_eq!(pair[0].last_step + 1, pair[1].first_step);
        }
    }

    #[test]
    fn non_finite_losses_count_as_infinitely_high() {
        let mut history = LossHistory::with_capacity(4);
        history.push(0, 2.0);
        history.push(1, f64::NAN);
        assert_eq!(history.max(), Some(f64::INFINITY));
        assert_eq!(history.min(), Some(2.0));
    }
}
