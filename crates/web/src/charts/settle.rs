//! Which buckets of a loss history a chart's background already shows.
//! A loss line is drawn in two parts: its closed buckets (which no longer
//! change) settle on the background a stretch at a time, and each frame
//! draws only the buckets after them on the front, so a long run costs a
//! frame no more than a short one.

use std::ops::Range;

use descent_core::{Bucket, LossHistory};
use descent_plot::loss_plot::LossView as LossRanges;
use descent_plot::Style;

/// Once this many closed buckets are drawn in front, they move to the
/// background.
const SETTLE_EVERY: usize = 16;

/// A loss plot's ranges and scale compared bit for bit: the key of its
/// background.
#[derive(Debug, PartialEq)]
pub(crate) struct LossRangesKey((u32, u32), u64, u64, u64, u64);

impl LossRangesKey {
    pub(crate) fn of(view: &LossRanges, style: &Style) -> Self {
        Self(
            view.size,
            view.steps,
            view.bottom.to_bits(),
            view.top.to_bits(),
            style.scale.to_bits(),
        )
    }
}

/// The buckets of one history drawn on a background, as they were when drawn.
#[derive(Debug, Default)]
pub(crate) struct Settled(Vec<Bucket>);

/// How many of `history`'s buckets are closed: all but the last, which may
/// still take in more steps.
fn closed(history: &LossHistory) -> usize {
    history.buckets().len().saturating_sub(1)
}

impl Settled {
    /// How many buckets the background shows: the front draws from here.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the background still shows the start of `history` as it is
    /// now (not after a reset, or once buckets merged as the run grew).
    pub(crate) fn holds(&self, history: &LossHistory) -> bool {
        still_settled(&self.0, &history.buckets()[..closed(history)])
    }

    /// The closed buckets a fresh background draws, all of them; they count
    /// as settled from now on.
    pub(crate) fn restart(&mut self, history: &LossHistory) -> Range<usize> {
        let end = closed(history);
        self.0 = history.buckets()[..end].to_vec();
        0..end
    }

    /// The buckets due to move to the background, if a stretch of them is
    /// ready; they count as settled from now on.
    pub(crate) fn due(&mut self, history: &LossHistory) -> Option<Range<usize>> {
        let (from, end) = (self.0.len(), closed(history));
        if end < from + SETTLE_EVERY {
            return None;
        }
        self.0.extend_from_slice(&history.buckets()[from..end]);
        Some(from..end)
    }
}

/// Whether the buckets drawn on the background still begin `closed`, bit
/// for bit (NaN included).
fn still_settled(settled: &[Bucket], closed: &[Bucket]) -> bool {
    let bits = |b: &Bucket| {
        [
            b.first_step,
            b.last_step,
            b.first.to_bits(),
            b.last.to_bits(),
            b.min.to_bits(),
            b.max.to_bits(),
        ]
    };
    settled.len() <= closed.len() && settled.iter().zip(closed).all(|(a, b)| bits(a) == bits(b))
}

#[cfg(test)]
mod tests {
    use super::{still_settled, Settled, SETTLE_EVERY};
    use descent_core::LossHistory;

    fn run(lr: f64, steps: u64) -> LossHistory {
        let mut history = LossHistory::with_capacity(64);
        for step in 0..steps {
            history.push(step, (1.0 - lr).powi(step as i32));
        }
        history
    }

    #[test]
    fn settled_buckets_are_noticed_when_the_history_changes_under_them() {
        let history = run(0.1, 40);
        let settled = history.buckets()[..20].to_vec();
        assert!(
            still_settled(&settled, run(0.1, 50).buckets()),
            "more steps of the same run"
        );
        assert!(
            !still_settled(&settled, run(0.2, 50).buckets()),
            "a reset with another η"
        );
        assert!(
            !still_settled(&settled, run(0.1, 10).buckets()),
            "a reset, fewer steps"
        );
        assert!(
            !still_settled(&settled, run(0.1, 200).buckets()),
            "buckets merged"
        );
        let mut nan = LossHistory::with_capacity(64);
        nan.push(0, f64::NAN);
        nan.push(1, 1.0);
        assert!(
            still_settled(&nan.buckets()[..1], nan.buckets()),
            "NaN equals itself here"
        );
        assert!(still_settled(&[], history.buckets()));
    }

    #[test]
    fn stretches_settle_in_order_and_leave_the_open_bucket_in_front() {
        let mut settled = Settled::default();
        assert_eq!(settled.restart(&run(0.1, 5)), 0..4);
        assert_eq!(settled.due(&run(0.1, 5 + SETTLE_EVERY as u64 - 1)), None);
        let longer = run(0.1, 5 + SETTLE_EVERY as u64);
        assert_eq!(settled.due(&longer), Some(4..4 + SETTLE_EVERY));
        assert_eq!(settled.len(), longer.buckets().len() - 1);
        assert!(settled.holds(&longer));
        assert!(!settled.holds(&run(0.2, 40)));
    }
}
