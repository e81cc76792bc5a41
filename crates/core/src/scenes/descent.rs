//! Section 3.2: gradient descent on a one-dimensional [`Curve`], one step
//! at a time.
//!
//! Each step is the chapter's update W_new = W_old − η·∂L/∂W. A run never
//! fails: when a step leaves the numbers behind (w or L(w) non-finite, or
//! beyond [`W_LIMIT`] / [`LOSS_LIMIT`]) the run stops and is marked
//! diverged. Learning rates are not validated here beyond that: a negative
//! or non-finite η is the caller's to refuse.
//!
//! The regime is read from what the run will do, not only from η·L″: on a
//! curve that is not a parabola a learning rate above η* may leave the ball
//! bouncing inside a valley for ever (a 2-cycle, or a chaotic band) without
//! blowing up. [`forecast`] looks ahead up to [`LOOK_AHEAD_STEPS`] steps of
//! the same update; a [`Descent`] keeps the forecast of its current η and
//! the weight it had when η or the start last changed (the orbit, and so its
//! outcome, is the same from every later point of it).

use std::collections::VecDeque;

use crate::curve::Curve;
use crate::history::LossHistory;
pub use crate::history::LOSS_LIMIT;
/// The regimes and cut-offs shared with every other run: |w| beyond
/// [`W_LIMIT`] has flown off; settled means within [`SETTLE_TOLERANCE`] of
/// the view's width of the minimum, |L′(w)|/max(1, L″(w_min)) too.
pub use crate::regime::{Regime, SETTLE_TOLERANCE, TOO_SLOW_BELOW, W_LIMIT};

/// How many past positions the trail keeps.
pub const TRAIL_LENGTH: usize = 24;
/// How many future steps [`forecast`] simulates at most.
pub const LOOK_AHEAD_STEPS: u64 = 20_000;
/// A run still unsettled after the look-ahead whose loss fell at every one of
/// its last this many steps is on its way down, only slowly.
const STILL_FALLING_STEPS: u64 = 1_000;
/// The bouncing band is the range of w over the look-ahead's last this many steps.
const BAND_STEPS: u64 = 1_000;

/// What a long run does from a given weight with a given η.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// η = 0: the weight never changes.
    Still,
    /// Comes to rest at the local minimum `minimum`; `overshoots` when its
    /// last steps jump across it (alternating sides while closing in).
    Settles {
        /// The minimum w it settles at.
        minimum: f64,
        /// Whether the final approach crosses the minimum at each step.
        overshoots: bool,
    },
    /// Stays bounded without settling, with w inside `[low, high]`: two
    /// points for a 2-cycle, a band for chaotic bouncing.
    Bounces {
        /// The lowest w of the bouncing.
        low: f64,
        /// The highest w of the bouncing.
        high: f64,
    },
    /// |w| or L grows past [`W_LIMIT`] / [`LOSS_LIMIT`].
    Diverges,
    /// Keeps going downhill with no minimum ahead: out of the view and
    /// heading further out, or in a valley without a minimum (a typed curve
    /// like `w`, `-w^2` or `exp(-w)`), slowly enough not to fly off within
    /// the look-ahead.
    RollsAway,
}

impl Outcome {
    /// The minimum the run settles at, if it settles.
    pub fn minimum(self) -> Option<f64> {
        match self {
            Outcome::Settles { minimum, .. } => Some(minimum),
            _ => None,
        }
    }
}

/// One update W_new = W_old − η·∂L/∂W: the new weight, its loss, and whether
/// the step has flown off (either non-finite or past the cut-offs).
fn update(curve: &Curve, w: f64, learning_rate: f64) -> (f64, f64, bool) {
    // W_new = W_old − η·∂L/∂W
    let next = w - learning_rate * curve.slope(w);
    let loss = curve.value(next);
    let flown_off =
        !next.is_finite() || !loss.is_finite() || next.abs() > W_LIMIT || loss > LOSS_LIMIT;
    (next, loss, flown_off)
}

/// The local minima of a curve with what [`forecast`] asks of them each step.
struct Pits<'a> {
    curve: &'a Curve,
    learning_rate: f64,
    /// Each minimum m with L″(m).
    minima: Vec<(f64, f64)>,
    /// [`SETTLE_TOLERANCE`] times the view's width.
    tolerance: f64,
}

impl<'a> Pits<'a> {
    fn new(curve: &'a Curve, learning_rate: f64) -> Self {
        let (low, high) = curve.view();
        Self {
            curve,
            learning_rate,
            minima: curve
                .minima()
                .into_iter()
                .map(|m| (m, curve.curvature(m)))
                .collect(),
            tolerance: SETTLE_TOLERANCE * (high - low),
        }
    }

    /// The local minimum `w` has settled at, if any: within tolerance of it
    /// in w and in slope, and staying there (the minimum attracts with this
    /// η, or the update leaves w exactly where it is).
    fn settled_at(&self, w: f64) -> Option<f64> {
        let &(m, curvature) = self
            .minima
            .iter()
            .find(|(m, _)| (w - m).abs() <= self.tolerance)?;
        let flat = self.curve.slope(w).abs() <= self.tolerance * curvature.max(1.0);
        // |1 − η·L″(m)| < 1: nearby points are pulled in, not pushed out.
        let stable = self.learning_rate * curvature < 2.0;
        (flat && (stable || update(self.curve, w, self.learning_rate).0 == w)).then_some(m)
    }

    /// The minimum a run confined to `[low, high]` sits at: an unstable
    /// minimum the update cannot leave, rounding keeping w within a few units
    /// in the last place of it.
    fn trapping(&self, low: f64, high: f64) -> Option<f64> {
        self.minima
            .iter()
            .map(|(m, _)| *m)
            .find(|m| (low - m).abs() <= self.tolerance && (high - m).abs() <= self.tolerance)
    }

    /// The outcome of a run that stays within `[low, high]` for ever.
    fn confined(&self, low: f64, high: f64) -> Outcome {
        match self.trapping(low, high) {
            Some(minimum) => Outcome::Settles {
                minimum,
                overshoots: false,
            },
            None => Outcome::Bounces { low, high },
        }
    }
}

/// What gradient descent on `curve` from `w` with learning rate η does in the
/// long run, from at most [`LOOK_AHEAD_STEPS`] steps of the same update the
/// run takes. An orbit that repeats a weight exactly (a cycle in floating
/// point, found as Brent does) is confined for ever; a run still unsettled
/// at the end whose loss kept falling is counted as settling, slowly, in the
/// valley it is in.
pub fn forecast(curve: &Curve, w: f64, learning_rate: f64) -> Outcome {
    if learning_rate == 0.0 {
        return Outcome::Still;
    }
    let pits = Pits::new(curve, learning_rate);
    let (mut w, mut previous) = (w, w);
    let mut loss = curve.value(w);
    let mut last_rise = 0;
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut anchor = w;
    for step in 1..=LOOK_AHEAD_STEPS {
        if let Some(minimum) = pits.settled_at(w) {
            let overshoots = (previous - minimum) * (w - minimum) < 0.0;
            return Outcome::Settles {
                minimum,
                overshoots,
            };
        }
        let (next, next_loss, flown_off) = update(curve, w, learning_rate);
        if flown_off {
            return Outcome::Diverges;
        }
        if next == anchor {
            // A cycle: its range is that of one turn.
            let (mut low, mut high, mut at) = (next, next, update(curve, next, learning_rate).0);
            while at != next {
                low = low.min(at);
                high = high.max(at);
                at = update(curve, at, learning_rate).0;
            }
            return pits.confined(low, high);
        }
        if step.is_power_of_two() {
            anchor = next;
        }
        if next_loss >= loss {
            last_rise = step;
        }
        if step > LOOK_AHEAD_STEPS - BAND_STEPS {
            low = low.min(next);
            high = high.max(next);
        }
        (previous, w, loss) = (w, next, next_loss);
    }
    if pits.trapping(low, high).is_none() && LOOK_AHEAD_STEPS - last_rise >= STILL_FALLING_STEPS {
        let (view_low, view_high) = curve.view();
        let slope = curve.slope(w);
        let leaving = (w < view_low && slope > 0.0) || (w > view_high && slope < 0.0);
        match curve.basin_minimum(w).filter(|_| !leaving) {
            Some(minimum) => Outcome::Settles {
                minimum,
                overshoots: (previous - minimum) * (w - minimum) < 0.0,
            },
            None => Outcome::RollsAway,
        }
    } else {
        pits.confined(low, high)
    }
}

/// A gradient-descent run on a curve.
#[derive(Clone, Debug)]
pub struct Descent {
    curve: Curve,
    start: f64,
    learning_rate: f64,
    w: f64,
    previous_w: f64,
    steps: u64,
    diverged: bool,
    history: LossHistory,
    trail: VecDeque<f64>,
    outcome: Outcome,
    /// The weight the outcome was looked ahead from.
    forecast_from: f64,
}

impl Descent {
    /// A run on `curve` from `start` with learning rate η. A non-finite start
    /// falls back to the curve's default start.
    pub fn new(curve: Curve, start: f64, learning_rate: f64) -> Self {
        let mut run = Self {
            curve,
            start,
            learning_rate,
            w: start,
            previous_w: start,
            steps: 0,
            diverged: false,
            history: LossHistory::default(),
            trail: VecDeque::with_capacity(TRAIL_LENGTH),
            outcome: Outcome::Still,
            forecast_from: start,
        };
        run.reset(start);
        run
    }

    /// Starts over from `start`, keeping the curve and the learning rate.
    pub fn reset(&mut self, start: f64) {
        let start = if start.is_finite() {
            start
        } else {
            self.curve.default_start()
        };
        self.start = start;
        self.w = start;
        self.previous_w = start;
        self.steps = 0;
        self.diverged = false;
        self.history.clear();
        self.trail.clear();
        self.trail.push_back(start);
        self.history.push(0, self.curve.value(start));
        self.outcome = forecast(&self.curve, start, self.learning_rate);
        self.forecast_from = start;
    }

    /// Changes η for the following steps; the ball stays where it is.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.learning_rate = learning_rate;
        self.outcome = forecast(&self.curve, self.w, learning_rate);
        self.forecast_from = self.w;
    }

    /// Takes up to `n` steps and returns how many were taken: fewer than `n`
    /// only when the run has diverged.
    pub fn step(&mut self, n: u64) -> u64 {
        let mut taken = 0;
        while taken < n && !self.diverged {
            let (next, loss, flown_off) = update(&self.curve, self.w, self.learning_rate);
            self.steps += 1;
            taken += 1;
            self.history.push(self.steps, loss);
            if flown_off {
                self.diverged = true;
            }
            if next.is_finite() {
                self.previous_w = self.w;
                self.w = next;
                if self.trail.len() == TRAIL_LENGTH {
                    self.trail.pop_front();
                }
                self.trail.push_back(next);
            }
        }
        taken
    }

    /// The curve being descended.
    pub fn curve(&self) -> &Curve {
        &self.curve
    }

    /// Where the run started.
    pub fn start(&self) -> f64 {
        self.start
    }

    /// The learning rate η.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// The current weight w (always finite).
    pub fn w(&self) -> f64 {
        self.w
    }

    /// The weight before the last step.
    pub fn previous_w(&self) -> f64 {
        self.previous_w
    }

    /// L(w) at the current weight; may be huge or infinite once diverged.
    pub fn loss(&self) -> f64 {
        self.curve.value(self.w)
    }

    /// ∂L/∂w at the current weight.
    pub fn gradient(&self) -> f64 {
        self.curve.slope(self.w)
    }

    /// Steps taken since the start.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Whether the run has flown off and stopped.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The minimum the ball is heading to: where the look-ahead settles,
    /// `None` when it bounces for ever, flies off or η = 0.
    pub fn target_minimum(&self) -> Option<f64> {
        if self.diverged {
            return None;
        }
        self.outcome.minimum()
    }

    /// What the run does in the long run with the current η, looked ahead
    /// from the weight it had when η or the start last changed.
    pub fn outcome(&self) -> Outcome {
        if self.diverged {
            Outcome::Diverges
        } else {
            self.outcome
        }
    }

    /// η* = 2 / L″(w_min) for the minimum of the valley the ball is in (the
    /// theory's mark; the regime comes from the run). `None` when that
    /// valley has no minimum or the minimum's L″ is not positive.
    pub fn critical_learning_rate(&self) -> Option<f64> {
        self.curve.critical_learning_rate(self.w)
    }

    /// Whether the run heads for no minimum at all: it rolls away downhill,
    /// or flies off from a valley that has no minimum (so "too large" is not
    /// the reason). Always false on the built-in curves.
    pub fn no_minimum_ahead(&self) -> bool {
        match self.outcome() {
            Outcome::RollsAway => true,
            Outcome::Diverges => self.curve.basin_minimum(self.forecast_from).is_none(),
            _ => false,
        }
    }

    /// How the run behaves with the current η, from its [`Outcome`]
    /// ([`Outcome::RollsAway`] counts as diverging; see
    /// [`Descent::no_minimum_ahead`]); split by speed, η·L″(w_min) < [`TOO_SLOW_BELOW`], when it settles without
    /// overshooting.
    pub fn regime(&self) -> Regime {
        match self.outcome() {
            Outcome::Still => Regime::Still,
            Outcome::Settles {
                overshoots: true, ..
            } => Regime::Oscillating,
            // On the way to a minimum without overshooting, each step removes
            // about η·L″(w_min) of the remaining distance.
            Outcome::Settles { minimum, .. } => {
                Regime::settling(false, self.learning_rate * self.curve.curvature(minimum))
            }
            Outcome::Bounces { .. } => Regime::Bouncing,
            // w runs off without bound: slowly, but for ever.
            Outcome::Diverges | Outcome::RollsAway => Regime::Diverging,
        }
    }

    /// Whether the ball has come to rest in the pit it settles in: within a
    /// millionth of the view of it, and the next step would move it by less.
    pub fn at_rest(&self) -> bool {
        let Some(minimum) = self.target_minimum() else {
            return false;
        };
        let (low, high) = self.curve.view();
        let tolerance = 1e-6 * (high - low);
        let next_move = (self.learning_rate * self.gradient()).abs();
        (self.w - minimum).abs() < tolerance && next_move < tolerance
    }

    /// The decimated loss history, step 0 being the start.
    pub fn history(&self) -> &LossHistory {
        &self.history
    }

    /// The last positions of the ball, oldest first, the current one last.
    pub fn trail(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.trail.iter().copied()
    }
}

#[cfg(test)]
mod tests;
