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
        let minimum = curve.basin_minimum(w);
        Outcome::Settles {
            minimum,
            overshoots: (previous - minimum) * (w - minimum) < 0.0,
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
    }

    /// Changes η for the following steps; the ball stays where it is.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.learning_rate = learning_rate;
        self.outcome = forecast(&self.curve, self.w, learning_rate);
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
    /// theory's mark; the regime comes from the run).
    pub fn critical_learning_rate(&self) -> f64 {
        self.curve.critical_learning_rate(self.w)
    }

    /// How the run behaves with the current η, from its [`Outcome`]; split by
    /// speed, η·L″(w_min) < [`TOO_SLOW_BELOW`], when it settles without
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
            Outcome::Diverges => Regime::Diverging,
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
mod tests {
    use super::*;

    /// A quadratic with curvature a, minimum at 0.
    fn bowl(a: f64) -> Curve {
        Curve::Bowl {
            curvature: a,
            center: 0.0,
        }
    }

    /// Positions w₀, w₁, … wₙ of a run.
    fn trajectory(a: f64, eta: f64, n: usize) -> Vec<f64> {
        let mut run = Descent::new(bowl(a), 1.0, eta);
        let mut ws = vec![run.w()];
        for _ in 0..n {
            run.step(1);
            ws.push(run.w());
        }
        ws
    }

    // Theory: on L = (a/2)w², w_{k+1} = (1 − η·a)·w_k. So η < 1/a shrinks w
    // without changing its sign, 1/a < η < 2/a flips the sign and shrinks it,
    // η > 2/a flips it and grows it.
    const CURVATURES: [f64; 4] = [0.5, 1.0, 3.0, 48.3];

    #[test]
    fn below_one_over_a_descends_monotonically() {
        for a in CURVATURES {
            for fraction in [0.05, 0.5, 0.95] {
                let ws = trajectory(a, fraction / a, 60);
                let losses: Vec<f64> = ws.iter().map(|w| 0.5 * a * w * w).collect();
                assert!(ws.iter().all(|w| *w >= 0.0), "never crosses the minimum");
                assert!(
                    losses.windows(2).all(|p| p[1] < p[0]),
                    "a={a} η={fraction}/a"
                );
            }
        }
    }

    #[test]
    fn between_one_and_two_over_a_oscillates_and_converges() {
        for a in CURVATURES {
            for fraction in [1.1, 1.5, 1.95] {
                let ws = trajectory(a, fraction / a, 400);
                let early = &ws[..60];
                assert!(
                    early.windows(2).all(|p| p[0] * p[1] < 0.0),
                    "sign flips each step"
                );
                assert!(early.windows(2).all(|p| p[1].abs() < p[0].abs()), "shrinks");
                assert!(ws[400].abs() < 1e-3, "converges");
                let run = Descent::new(bowl(a), 1.0, fraction / a);
                assert_eq!(run.regime(), Regime::Oscillating);
            }
        }
    }

    #[test]
    fn above_two_over_a_diverges_and_stops() {
        for a in CURVATURES {
            for fraction in [2.05, 3.0, 1e6] {
                let mut run = Descent::new(bowl(a), 1.0, fraction / a);
                assert_eq!(run.regime(), Regime::Diverging);
                let taken = run.step(100_000);
                assert!(run.diverged(), "a={a} η={fraction}/a");
                assert!(taken < 100_000, "the run stops");
                assert!(run.w().is_finite());
                assert_eq!(run.step(10), 0, "a diverged run takes no more steps");
            }
        }
    }

    #[test]
    fn critical_learning_rate_is_two_over_a_and_regimes_follow_it() {
        for a in CURVATURES {
            let run = Descent::new(bowl(a), 1.0, 0.5);
            assert!((run.critical_learning_rate() - 2.0 / a).abs() < 1e-15);
            for (fraction, regime) in [
                (0.01, Regime::TooSlow),
                (0.3, Regime::Converging),
                (1.0, Regime::Converging),
                (1.5, Regime::Oscillating),
                (2.5, Regime::Diverging),
            ] {
                let run = Descent::new(bowl(a), 1.0, fraction / a);
                assert_eq!(run.regime(), regime, "a={a} η·a={fraction}");
            }
        }
    }

    #[test]
    fn changing_the_learning_rate_keeps_the_position() {
        let mut run = Descent::new(Curve::Bumpy, 2.0, 0.01);
        run.step(5);
        let (w, steps) = (run.w(), run.steps());
        run.set_learning_rate(0.2);
        assert_eq!((run.w(), run.steps()), (w, steps));
        run.step(1);
        assert!((run.w() - (w - 0.2 * Curve::Bumpy.slope(w))).abs() < 1e-15);
    }

    #[test]
    fn bumpy_ground_ball_settles_in_the_pit_of_its_side() {
        let curve = Curve::Bumpy;
        let [left, right] = curve.minima()[..] else {
            unreachable!()
        };
        let mut run = Descent::new(curve.clone(), 2.1, 0.05);
        run.step(2000);
        assert!((run.w() - right).abs() < 1e-9, "started right: local pit");
        assert!(run.at_rest());
        let mut run = Descent::new(curve, -0.5, 0.05);
        run.step(2000);
        assert!((run.w() - left).abs() < 1e-9, "started left: global pit");
    }

    #[test]
    fn a_huge_learning_rate_never_yields_nan_positions() {
        for name in Curve::NAMES {
            let curve = Curve::from_name(name).expect("known");
            for eta in [1e3, 1e30, 1e300, f64::MAX] {
                let mut run = Descent::new(curve.clone(), curve.default_start(), eta);
                run.step(1000);
                assert!(run.diverged(), "{name} η={eta}");
                assert!(run.w().is_finite());
                assert_eq!(run.regime(), Regime::Diverging);
            }
        }
    }

    #[test]
    fn reset_recovers_from_divergence() {
        let mut run = Descent::new(Curve::bowl(), 1.0, 5.0);
        run.step(500);
        assert!(run.diverged());
        run.set_learning_rate(0.1);
        run.reset(1.0);
        assert!(!run.diverged());
        assert_eq!(run.steps(), 0);
        assert_eq!(run.history().buckets().len(), 1);
        run.step(10);
        assert!(run.loss() < 1.0);
    }

    /// What a long run of the plain stepper does, read off its trajectory.
    #[derive(Debug, PartialEq)]
    enum Truth {
        Diverged,
        Settled { minimum: f64, overshot: bool },
        Bounded { distinct: usize },
    }

    const TRUTH_STEPS: usize = 40_000;

    /// Runs `TRUTH_STEPS` steps and says what happened: flown off; within
    /// 10⁻⁶ of a minimum for the last 100 steps (and whether, within 10⁻⁴ of
    /// it, consecutive steps fell on opposite sides); or neither.
    fn truth(curve: &Curve, start: f64, eta: f64) -> Truth {
        let mut run = Descent::new(curve.clone(), start, eta);
        let mut ws = vec![run.w()];
        for _ in 0..TRUTH_STEPS {
            run.step(1);
            ws.push(run.w());
        }
        if run.diverged() {
            return Truth::Diverged;
        }
        let settled = curve
            .minima()
            .into_iter()
            .find(|m| ws[ws.len() - 100..].iter().all(|w| (w - m).abs() < 1e-6));
        if let Some(minimum) = settled {
            let offsets: Vec<f64> = ws.iter().map(|w| w - minimum).collect();
            let overshot = offsets
                .windows(2)
                .any(|p| p.iter().all(|d| d.abs() > 1e-12 && d.abs() < 1e-4) && p[0] * p[1] < 0.0);
            return Truth::Settled { minimum, overshot };
        }
        // Distinct to 10⁻⁹: rounding makes a 2-cycle flicker in its last bits.
        #[allow(clippy::cast_possible_truncation)]
        let mut tail: Vec<i64> = ws[ws.len() - 1000..]
            .iter()
            .map(|w| (w * 1e9).round() as i64)
            .collect();
        tail.sort_unstable();
        tail.dedup();
        Truth::Bounded {
            distinct: tail.len(),
        }
    }

    /// Whether the classifier's regime and target describe the true outcome.
    fn agrees(run: &Descent, truth: &Truth) -> bool {
        let (regime, target) = (run.regime(), run.target_minimum());
        match *truth {
            Truth::Diverged => regime == Regime::Diverging && target.is_none(),
            Truth::Bounded { .. } => regime == Regime::Bouncing && target.is_none(),
            Truth::Settled { minimum, overshot } => {
                let label = if overshot {
                    regime == Regime::Oscillating
                } else {
                    matches!(regime, Regime::TooSlow | Regime::Converging)
                };
                label && target == Some(minimum)
            }
        }
    }

    /// Checks the label at step 0 and after a few steps against the truth.
    fn check(curve: &Curve, start: f64, eta: f64) -> Truth {
        let truth = truth(curve, start, eta);
        let mut run = Descent::new(curve.clone(), start, eta);
        for steps in [0, 1, 7, 50] {
            run.step(steps);
            assert!(
                agrees(&run, &truth),
                "{} from {start} with η={eta}, after {} steps: label {:?} heading for {:?}, \
                 but a long run {truth:?}",
                curve.name(),
                run.steps(),
                run.regime(),
                run.target_minimum(),
            );
        }
        truth
    }

    #[test]
    fn the_label_agrees_with_long_runs_across_the_slider() {
        let mut seen = [0; 4];
        for name in Curve::NAMES {
            let curve = Curve::from_name(name).expect("known");
            let (low, high) = curve.view();
            let width = high - low;
            let mut starts = vec![
                curve.default_start(),
                low + 0.05 * width,
                high - 0.05 * width,
                low + 0.43 * width,
            ];
            starts.extend(curve.minima());
            starts.extend(curve.maxima().iter().map(|p| p + 1e-3));
            for &start in &starts {
                // The slider's range: η*/100 … 4·η*, 200 log-spaced values.
                let critical = curve.critical_learning_rate(start);
                for i in 0..200 {
                    let eta = critical / 100.0 * 400f64.powf(f64::from(i) / 199.0);
                    seen[match check(&curve, start, eta) {
                        Truth::Diverged => 0,
                        Truth::Settled {
                            overshot: false, ..
                        } => 1,
                        Truth::Settled { overshot: true, .. } => 2,
                        Truth::Bounded { .. } => 3,
                    }] += 1;
                }
            }
        }
        // The sweep meets every outcome, or it would prove little.
        assert!(seen.iter().all(|n| *n > 20), "outcomes seen: {seen:?}");
    }

    #[test]
    fn the_readme_example_bounces_between_two_points() {
        // ?scene=descent&curve=bumpy&lr=0.5&start=-2: above η* of the left
        // valley, yet bounded for ever.
        let truth = check(&Curve::Bumpy, -2.0, 0.5);
        assert_eq!(truth, Truth::Bounded { distinct: 2 }, "a 2-cycle");
        let run = Descent::new(Curve::Bumpy, -2.0, 0.5);
        assert!(run.learning_rate() > run.critical_learning_rate());
        assert_eq!(run.regime(), Regime::Bouncing);
        assert_eq!(run.regime().key(), "bouncing");
        let Outcome::Bounces { low, high } = run.outcome() else {
            panic!("bounces: {:?}", run.outcome())
        };
        assert!((low + 1.709).abs() < 1e-3 && (high + 1.097).abs() < 1e-3);
        assert_eq!(run.target_minimum(), None);
    }

    #[test]
    fn a_chaotic_band_bounces_without_settling_or_flying_off() {
        for (start, eta) in [(-2.0, 0.9), (2.1, 0.65)] {
            let truth = check(&Curve::Bumpy, start, eta);
            let Truth::Bounded { distinct } = truth else {
                panic!("bounded expected: {truth:?}")
            };
            assert!(distinct > 500, "chaotic: {distinct} distinct points");
            let run = Descent::new(Curve::Bumpy, start, eta);
            assert_eq!(run.regime(), Regime::Bouncing);
        }
    }

    #[test]
    fn the_target_is_the_pit_the_run_reaches_not_the_valley_it_starts_in() {
        // From the right slope with η = 0.4 the first jump crosses the peak.
        let curve = Curve::Bumpy;
        let [left, right] = curve.minima()[..] else {
            unreachable!()
        };
        assert_eq!(curve.basin_minimum(2.1), right);
        let truth = check(&curve, 2.1, 0.4);
        assert!(matches!(truth, Truth::Settled { minimum, .. } if minimum == left));
        assert_eq!(Descent::new(curve, 2.1, 0.4).target_minimum(), Some(left));
    }

    #[test]
    fn eta_zero_never_moves_and_is_never_at_rest_on_a_slope() {
        for name in Curve::NAMES {
            let curve = Curve::from_name(name).expect("known");
            let mut run = Descent::new(curve.clone(), curve.view().0 + 0.1, 0.0);
            run.step(100);
            assert_eq!(run.w(), curve.view().0 + 0.1, "the weight never changes");
            assert_eq!(run.regime(), Regime::Still);
            assert_eq!(run.target_minimum(), None);
            assert!(!run.at_rest());
        }
    }

    #[test]
    fn a_diverging_run_names_no_target() {
        let mut run = Descent::new(Curve::bowl(), 2.0, 1.5);
        assert_eq!(run.regime(), Regime::Diverging, "before it has flown off");
        assert_eq!(run.target_minimum(), None);
        run.step(10_000);
        assert!(run.diverged());
        assert_eq!(run.target_minimum(), None);
        assert!(!run.at_rest());
    }

    #[test]
    fn on_the_quadratic_the_long_run_follows_the_theory() {
        // Bowl L = (a/2)w²: converges for η < 2/a, oscillates for 1/a < η < 2/a,
        // diverges above 2/a, and η = 2/a exactly is the 2-cycle w → −w.
        for a in CURVATURES {
            let curve = bowl(a);
            for fraction in [
                0.005, 0.05, 0.3, 0.9, 1.0, 1.1, 1.5, 1.9, 1.99, 2.01, 2.5, 4.0,
            ] {
                let eta = fraction / a;
                let truth = check(&curve, 1.0, eta);
                let theory = Regime::classify(eta, a);
                let run = Descent::new(curve.clone(), 1.0, eta);
                assert_eq!(run.regime(), theory, "a={a} η·a={fraction}");
                let expected = match theory {
                    Regime::Diverging => matches!(truth, Truth::Diverged),
                    Regime::Oscillating => {
                        matches!(truth, Truth::Settled { overshot: true, .. })
                    }
                    _ => matches!(
                        truth,
                        Truth::Settled {
                            overshot: false,
                            ..
                        }
                    ),
                };
                assert!(expected, "a={a} η·a={fraction}: {truth:?}");
            }
            let run = Descent::new(curve.clone(), 1.0, 2.0 / a);
            assert_eq!(run.regime(), Regime::Bouncing, "η = η*: w → −w for ever");
            assert_eq!(check(&curve, 1.0, 2.0 / a), Truth::Bounded { distinct: 2 });
        }
    }

    #[test]
    fn memory_stays_bounded_over_a_million_steps() {
        let mut run = Descent::new(Curve::data_mse(), 0.0, 0.001);
        run.step(1_000_000);
        assert_eq!(run.steps(), 1_000_000);
        assert!(run.history().buckets().len() <= run.history().capacity());
        assert_eq!(run.trail().len(), TRAIL_LENGTH);
    }
}
