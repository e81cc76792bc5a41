//! How a run behaves, in the chapter's words (section 3.2.3): too slow,
//! converging, oscillating, bouncing for ever, diverging.
//!
//! The regime is one vocabulary for every run: 3.2's ball on a curve reads
//! it from its look-ahead (`scenes::descent`), a recorded run of any
//! optimizer on any landscape or network from what the record shows
//! ([`read`]). Both end in [`Regime::settling`] when the run settles, so
//! "too slow" means the same thing everywhere: each step removes less than
//! [`TOO_SLOW_BELOW`] of the remaining distance.

mod read;

pub use read::{read, read_path, Move, Record, WINDOWS};

/// A loss above this counts as flown off (re-exported from `history`).
pub use crate::history::LOSS_LIMIT;

/// |w| (or any coordinate) above this counts as flown off.
pub const W_LIMIT: f64 = 1e12;
/// Below this fraction of the remaining distance removed per step (η·L″(w_min)
/// on a parabola), convergence takes hundreds of steps: "too slow".
pub const TOO_SLOW_BELOW: f64 = 0.1;
/// Settled: within this fraction of the view's width of a resting point.
pub const SETTLE_TOLERANCE: f64 = 1e-9;

/// How a run with a given learning rate behaves. With a = L″ at the minimum
/// the run settles in:
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    /// η = 0: the weight never changes.
    Still,
    /// Settles without jumping over the minimum, η·a < 0.1: each step removes
    /// less than a tenth of the distance (太小 · 收敛极慢).
    TooSlow,
    /// Settles without jumping over the minimum, η·a ≥ 0.1 (适中 · 快速收敛).
    Converging,
    /// Settles, its last steps jumping over the minimum by less each time
    /// (on a parabola: η*/2 < η < η*).
    Oscillating,
    /// Stays bounded but never settles: a 2-cycle or a chaotic band inside a
    /// valley (太大 · 来回震荡不收敛).
    Bouncing,
    /// |w| or L grows past the cut-offs, or the run has flown off (太大 · 发散).
    Diverging,
}

impl Regime {
    /// All regimes, slowest first.
    pub const ALL: [Regime; 6] = [
        Regime::Still,
        Regime::TooSlow,
        Regime::Converging,
        Regime::Oscillating,
        Regime::Bouncing,
        Regime::Diverging,
    ];

    /// A stable identifier: `still`, `too_slow`, `converging`, `oscillating`,
    /// `bouncing`, `diverging`.
    pub fn key(self) -> &'static str {
        match self {
            Regime::Still => "still",
            Regime::TooSlow => "too_slow",
            Regime::Converging => "converging",
            Regime::Oscillating => "oscillating",
            Regime::Bouncing => "bouncing",
            Regime::Diverging => "diverging",
        }
    }

    /// The regime of learning rate η on a parabola of curvature a, from its
    /// theory: the distance to the minimum is multiplied by (1 − η·a) each
    /// step, so η·a = 2 is a 2-cycle and anything above diverges. On other
    /// curves this is only the theory near the minimum; what a run does is
    /// read from the run (3.2's look-ahead, or [`read`]).
    pub fn classify(learning_rate: f64, curvature: f64) -> Regime {
        let gain = learning_rate * curvature;
        if learning_rate == 0.0 {
            Regime::Still
        } else if !gain.is_finite() || gain > 2.0 {
            Regime::Diverging
        } else if gain == 2.0 {
            Regime::Bouncing
        } else if gain > 1.0 {
            Regime::Oscillating
        } else {
            Regime::settling(false, gain)
        }
    }

    /// The regime of a run that settles: [`Regime::Oscillating`] when its last
    /// steps jump over the point it settles at, otherwise split by speed —
    /// [`Regime::TooSlow`] when each step removes less than
    /// [`TOO_SLOW_BELOW`] of the remaining distance (`removed_per_step`, η·a
    /// on a parabola), [`Regime::Converging`] when more.
    pub fn settling(overshoots: bool, removed_per_step: f64) -> Regime {
        if overshoots {
            Regime::Oscillating
        } else if removed_per_step < TOO_SLOW_BELOW {
            Regime::TooSlow
        } else {
            Regime::Converging
        }
    }
}
