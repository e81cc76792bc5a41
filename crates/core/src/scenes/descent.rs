//! Section 3.2: gradient descent on a one-dimensional [`Curve`], one step
//! at a time.
//!
//! Each step is the chapter's update W_new = W_old − η·∂L/∂W. A run never
//! fails: when a step leaves the numbers behind (w or L(w) non-finite, or
//! beyond [`W_LIMIT`] / [`LOSS_LIMIT`]) the run stops and is marked
//! diverged. Learning rates are not validated here beyond that: a negative
//! or non-finite η is the caller's to refuse.

use std::collections::VecDeque;

use crate::curve::Curve;
use crate::history::LossHistory;
pub use crate::history::LOSS_LIMIT;

/// |w| above this counts as flown off.
pub const W_LIMIT: f64 = 1e12;
/// How many past positions the trail keeps.
pub const TRAIL_LENGTH: usize = 24;
/// Below η·L″(w_min) = this, convergence takes hundreds of steps: "too slow".
pub const TOO_SLOW_BELOW: f64 = 0.1;

/// How a run with the current learning rate behaves, in the chapter's words
/// (section 3.2.3). With a = L″ at the minimum ahead and η* = 2/a:
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    /// η < η*/20: each step removes less than a tenth of the distance (太小 · 收敛极慢).
    TooSlow,
    /// η*/20 ≤ η ≤ η*/2: steady descent without overshooting (适中 · 快速收敛).
    Converging,
    /// η*/2 < η < η*: every step jumps over the minimum, but by less each time.
    Oscillating,
    /// η ≥ η*, or the run has flown off: the jumps grow (太大 · 发散).
    Diverging,
}

impl Regime {
    /// All regimes, slowest first.
    pub const ALL: [Regime; 4] = [
        Regime::TooSlow,
        Regime::Converging,
        Regime::Oscillating,
        Regime::Diverging,
    ];

    /// A stable identifier: `too_slow`, `converging`, `oscillating`, `diverging`.
    pub fn key(self) -> &'static str {
        match self {
            Regime::TooSlow => "too_slow",
            Regime::Converging => "converging",
            Regime::Oscillating => "oscillating",
            Regime::Diverging => "diverging",
        }
    }

    /// The regime of learning rate η on a valley of curvature a, from the theory
    /// of the quadratic: the distance to the minimum is multiplied by
    /// (1 − η·a) each step.
    pub fn classify(learning_rate: f64, curvature: f64) -> Regime {
        let gain = learning_rate * curvature;
        if !gain.is_finite() || gain >= 2.0 {
            Regime::Diverging
        } else if gain > 1.0 {
            Regime::Oscillating
        } else if gain < TOO_SLOW_BELOW {
            Regime::TooSlow
        } else {
            Regime::Converging
        }
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
    }

    /// Changes η for the following steps; the ball stays where it is.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.learning_rate = learning_rate;
    }

    /// Takes up to `n` steps and returns how many were taken: fewer than `n`
    /// only when the run has diverged.
    pub fn step(&mut self, n: u64) -> u64 {
        let mut taken = 0;
        while taken < n && !self.diverged {
            // W_new = W_old − η·∂L/∂W
            let next = self.w - self.learning_rate * self.curve.slope(self.w);
            let loss = self.curve.value(next);
            self.steps += 1;
            taken += 1;
            let flown_off =
                !next.is_finite() || !loss.is_finite() || next.abs() > W_LIMIT || loss > LOSS_LIMIT;
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

    /// The minimum the ball is heading to: the one of the valley it is in.
    pub fn target_minimum(&self) -> f64 {
        self.curve.basin_minimum(self.w)
    }

    /// η* = 2 / L″(w_min) for the minimum ahead.
    pub fn critical_learning_rate(&self) -> f64 {
        self.curve.critical_learning_rate(self.w)
    }

    /// How the run behaves with the current η (always `Diverging` once diverged).
    pub fn regime(&self) -> Regime {
        if self.diverged {
            return Regime::Diverging;
        }
        let curvature = self.curve.curvature(self.target_minimum());
        Regime::classify(self.learning_rate, curvature)
    }

    /// Whether the ball has come to rest in a pit: the next step would move it
    /// by less than a millionth of the view.
    pub fn at_rest(&self) -> bool {
        let (low, high) = self.curve.view();
        let next_move = (self.learning_rate * self.gradient()).abs();
        !self.diverged && next_move < 1e-6 * (high - low) && self.regime() != Regime::Diverging
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

    #[test]
    fn memory_stays_bounded_over_a_million_steps() {
        let mut run = Descent::new(Curve::data_mse(), 0.0, 0.001);
        run.step(1_000_000);
        assert_eq!(run.steps(), 1_000_000);
        assert!(run.history().buckets().len() <= run.history().capacity());
        assert_eq!(run.trail().len(), TRAIL_LENGTH);
    }
}
