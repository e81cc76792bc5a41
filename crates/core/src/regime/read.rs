//! The regime of a run read from its record: any optimizer, on a landscape
//! or a network.
//!
//! 3.2's ball looks ahead until its run settles, cycles or flies off; a
//! sweep over learning rates cannot afford that, so here the regime comes
//! from the run as recorded: its losses and its moves (how far the
//! parameters went at each step, and whether the step turned back). The
//! last half of the moves is cut into [`WINDOWS`] windows and each window's
//! largest move compared:
//! - every move in the last window below the tolerance: the run has come to
//!   rest, and is read over the moves before it did;
//! - the largest moves shrink from window to window: it settles, at the
//!   rate they shrink by ([`Regime::settling`]); it overshoots when a move
//!   of the last window turns back;
//! - they grow and at least double over the tail: it diverges;
//! - anything else (equal, or up and down): it bounces when its moves turn
//!   back, and it is sliding off for ever (diverging) when none does.
//!
//! Non-finite losses, or losses or coordinates beyond the cut-offs, are
//! divergence whatever the record shows before them.

use super::{Regime, LOSS_LIMIT, SETTLE_TOLERANCE, W_LIMIT};

/// How many windows the record's last half is cut into.
pub const WINDOWS: usize = 6;
/// The fewest moves a record is read over by windows: one per window and
/// as many before.
const FEWEST_MOVES: usize = 2 * WINDOWS;

/// One step's move of the parameters.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Move {
    /// Its length |Δθ| (Euclidean, over every parameter).
    pub size: f64,
    /// Whether it turns back from the move before: Δθₖ·Δθₖ₋₁ < 0.
    pub turns: bool,
}

impl Move {
    /// The move `delta` after the move `previous` (all zeros before the
    /// first move).
    pub fn of(delta: &[f64], previous: &[f64]) -> Self {
        let size = delta.iter().map(|d| d * d).sum::<f64>().sqrt();
        let dot: f64 = delta.iter().zip(previous).map(|(d, p)| d * p).sum();
        Self {
            size,
            turns: dot < 0.0,
        }
    }
}

/// A finished run as [`read`] sees it.
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    /// η; 0 is [`Regime::Still`].
    pub learning_rate: f64,
    /// ℓ₀, ℓ₁, … the loss at each recorded point (the last may be
    /// non-finite, where the run stopped).
    pub losses: &'a [f64],
    /// The moves between recorded points, one fewer than `losses` (or as
    /// many, the last one not followed by a loss).
    pub moves: &'a [Move],
    /// The largest |coordinate| the run reached.
    pub farthest: f64,
    /// The width of the view: moves below [`SETTLE_TOLERANCE`] times it are
    /// rest.
    pub scale: f64,
}

impl Record<'_> {
    fn flown_off(&self) -> bool {
        !self.farthest.is_finite()
            || self.farthest > W_LIMIT
            || self
                .losses
                .iter()
                .any(|l| !l.is_finite() || l.abs() > LOSS_LIMIT)
    }

    fn moves(&self) -> &[Move] {
        let n = self.losses.len().saturating_sub(1).min(self.moves.len());
        &self.moves[..n]
    }
}

/// The regime of a run that went along `path` (2-D points) with `losses`
/// at its points, read with learning rate η on a view `scale` wide.
pub fn read_path(learning_rate: f64, losses: &[f64], path: &[[f64; 2]], scale: f64) -> Regime {
    let mut previous = [0.0; 2];
    let moves: Vec<Move> = path
        .windows(2)
        .map(|p| {
            let delta = [p[1][0] - p[0][0], p[1][1] - p[0][1]];
            let moved = Move::of(&delta, &previous);
            previous = delta;
            moved
        })
        .collect();
    let farthest = path
        .iter()
        .fold(0.0, |m: f64, p| m.max(p[0].abs()).max(p[1].abs()));
    read(&Record {
        learning_rate,
        losses,
        moves: &moves,
        farthest,
        scale,
    })
}

/// The regime a recorded run shows (see the module's description).
pub fn read(record: &Record) -> Regime {
    if record.learning_rate == 0.0 {
        return Regime::Still;
    }
    if record.flown_off() {
        return Regime::Diverging;
    }
    let moves = record.moves();
    let tolerance = SETTLE_TOLERANCE * record.scale;
    let active = moves
        .iter()
        .rposition(|m| m.size > tolerance)
        .map_or(0, |k| k + 1);
    let window = (moves.len() / 2 / WINDOWS).max(1);
    if active + window <= moves.len() {
        // At rest for at least the last window: read the moves until then.
        return settled(&moves[..active]);
    }
    if moves.len() < FEWEST_MOVES {
        return short(record.losses, moves);
    }
    let peaks = window_peaks(moves, window);
    let shrinking = peaks.windows(2).all(|p| p[1] < p[0]);
    let growing = peaks.windows(2).all(|p| p[1] > p[0]);
    let (first, last) = (peaks[0], peaks[WINDOWS - 1]);
    if growing && last > 2.0 * first {
        Regime::Diverging
    } else if shrinking {
        let overshoots = moves[moves.len() - window..].iter().any(|m| m.turns);
        Regime::settling(overshoots, removed(first, last, window))
    } else if moves[moves.len() - WINDOWS * window..]
        .iter()
        .any(|m| m.turns)
    {
        Regime::Bouncing
    } else {
        // Never slowing down, never turning back: sliding off for ever.
        Regime::Diverging
    }
}

/// The largest move in each of the [`WINDOWS`] windows of `window` moves
/// that end the record.
fn window_peaks(moves: &[Move], window: usize) -> [f64; WINDOWS] {
    let from = moves.len() - WINDOWS * window;
    let mut peaks = [0.0; WINDOWS];
    for (j, peak) in peaks.iter_mut().enumerate() {
        let start = from + j * window;
        *peak = moves[start..start + window]
            .iter()
            .fold(0.0, |m, mv| mv.size.max(m));
    }
    peaks
}

/// The fraction of the remaining distance removed per step when the largest
/// moves shrink from `first` to `last` over `WINDOWS − 1` windows.
fn removed(first: f64, last: f64, window: usize) -> f64 {
    let steps = ((WINDOWS - 1) * window) as f64;
    1.0 - (last / first).powf(1.0 / steps)
}

/// A run that came to rest after the moves `active`.
fn settled(active: &[Move]) -> Regime {
    if active.len() < 2 {
        // Still from the start, or there in one move.
        return Regime::settling(false, 1.0);
    }
    let window = (active.len() / 2 / WINDOWS).max(1);
    let recent = active.len().saturating_sub(window)..active.len();
    // The first move turns back from nothing.
    let overshoots = active[recent.start.max(1)..recent.end]
        .iter()
        .any(|m| m.turns);
    if active.len() < FEWEST_MOVES {
        return Regime::settling(overshoots, 1.0);
    }
    let peaks = window_peaks(active, window);
    Regime::settling(
        overshoots,
        removed(peaks[0], peaks[WINDOWS - 1], window).max(0.0),
    )
}

/// Too few moves to read windows: settling when the loss did not rise,
/// overshooting when a move turned back, diverging when the loss rose.
fn short(losses: &[f64], moves: &[Move]) -> Regime {
    let (first, last) = (losses[0], losses[losses.len() - 1]);
    if last > first {
        return Regime::Diverging;
    }
    let overshoots = moves.iter().skip(1).any(|m| m.turns);
    Regime::settling(overshoots, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gradient descent on L = (a/2)·w² from w = 1, `steps` steps.
    fn bowl(a: f64, eta: f64, steps: usize) -> Regime {
        let mut w = 1.0f64;
        let (mut losses, mut positions) = (Vec::new(), Vec::new());
        for _ in 0..=steps {
            losses.push(0.5 * a * w * w);
            positions.push([w, 0.0]);
            w -= eta * a * w;
        }
        read_path(eta, &losses, &positions, 6.0)
    }

    #[test]
    fn on_the_parabola_the_record_reads_as_the_theory() {
        for a in [0.5, 2.0, 48.3] {
            for steps in [200, 2000] {
                for gain in [
                    0.0, 0.02, 0.05, 0.2, 0.5, 0.9, 1.0, 1.2, 1.5, 1.95, 2.0, 2.1, 4.0,
                ] {
                    let theory = Regime::classify(gain / a, a);
                    assert_eq!(bowl(a, gain / a, steps), theory, "a={a} η·a={gain}");
                }
            }
        }
    }

    #[test]
    fn non_finite_or_huge_is_diverging_and_short_records_still_read() {
        let record = Record {
            learning_rate: 1.0,
            losses: &[1.0, 10.0, f64::INFINITY],
            moves: &[Move::default(); 2],
            farthest: 1.0,
            scale: 1.0,
        };
        assert_eq!(read(&record), Regime::Diverging);
        let going = Move {
            size: 0.5,
            turns: false,
        };
        let falling = Record {
            losses: &[1.0, 0.5, 0.3],
            moves: &[going; 2],
            ..record
        };
        assert_eq!(read(&falling), Regime::Converging);
        let turning = [
            going,
            Move {
                turns: true,
                ..going
            },
        ];
        assert_eq!(
            read(&Record {
                moves: &turning,
                ..falling
            }),
            Regime::Oscillating
        );
        assert_eq!(
            read(&Record {
                farthest: 2e12,
                ..falling
            }),
            Regime::Diverging
        );
        assert_eq!(
            read(&Record {
                losses: &[1.0, 2.0, 3.0],
                ..falling
            }),
            Regime::Diverging
        );
        let still = Record {
            losses: &[2.0],
            moves: &[],
            ..record
        };
        assert_eq!(read(&still), Regime::Converging, "no move at all");
        assert_eq!(
            read(&Record {
                learning_rate: 0.0,
                ..still
            }),
            Regime::Still
        );
    }

    #[test]
    fn sliding_down_a_slope_for_ever_diverges() {
        // L = w: every step moves by η the same way.
        let positions: Vec<[f64; 2]> = (0..200).map(|k| [-0.1 * f64::from(k), 0.0]).collect();
        let losses: Vec<f64> = positions.iter().map(|p| p[0]).collect();
        assert_eq!(read_path(0.1, &losses, &positions, 6.0), Regime::Diverging);
    }

    #[test]
    fn a_chaotic_band_bounces() {
        // The logistic map x → 3.9·x·(1 − x): bounded, never settling.
        let mut x = 0.3f64;
        let positions: Vec<[f64; 2]> = (0..400)
            .map(|_| {
                x = 3.9 * x * (1.0 - x);
                [x, 0.0]
            })
            .collect();
        let losses: Vec<f64> = positions.iter().map(|p| p[0] * p[0]).collect();
        assert_eq!(read_path(0.5, &losses, &positions, 1.0), Regime::Bouncing);
    }
}
