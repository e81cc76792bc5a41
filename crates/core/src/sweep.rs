//! Learning-rate sweeps: the loss after a fixed number of steps (or epochs)
//! for many log-spaced η, and the regime each run shows — the picture of
//! where "too small" ends and the cliff begins.
//!
//! A landscape sweep steps every run exactly as a [`Runner`] would (the same
//! walker) into buffers allocated once per sweep, so a step allocates
//! nothing. A network sweep trains the spec's network once per η, only the
//! learning rate changed.

use crate::landscape::run::Walker;
use crate::landscape::{Landscape, Point};
use crate::nn::OptimizerConfig;
use crate::regime::{read, Move, Record, Regime};
use crate::spec::{Spec, SpecError};

#[cfg(doc)]
use crate::landscape::Runner;

/// The outcome of a sweep, one entry per learning rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// The learning rates, as given.
    pub learning_rates: Vec<f64>,
    /// The loss after the last step (the first non-finite loss, where a run
    /// stopped early).
    pub final_losses: Vec<f64>,
    /// What each run did.
    pub regimes: Vec<Regime>,
}

impl Sweep {
    fn with_capacity(n: usize) -> Self {
        Self {
            learning_rates: Vec::with_capacity(n),
            final_losses: Vec::with_capacity(n),
            regimes: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, learning_rate: f64, final_loss: f64, regime: Regime) {
        self.learning_rates.push(learning_rate);
        self.final_losses.push(final_loss);
        self.regimes.push(regime);
    }

    /// The smallest learning rate whose run diverged, if any.
    pub fn first_diverging(&self) -> Option<f64> {
        self.regimes
            .iter()
            .position(|r| *r == Regime::Diverging)
            .map(|i| self.learning_rates[i])
    }
}

/// `count` learning rates from `from` to `to`, evenly spaced on a log
/// scale (both ends included; one value is `from`). Both must be positive.
pub fn log_spaced(from: f64, to: f64, count: usize) -> Vec<f64> {
    if count < 2 {
        return vec![from; count];
    }
    let ratio = (to / from).ln();
    let last = (count - 1) as f64;
    (0..count)
        .map(|i| match i {
            0 => from,
            i if i == count - 1 => to,
            i => from * (ratio * i as f64 / last).exp(),
        })
        .collect()
}

/// Runs `config` with each learning rate for `steps` steps on `landscape`
/// from `start`. The optimizer's other settings (momentum, betas, ε) stay.
pub fn landscape(
    landscape: &Landscape,
    start: Point,
    config: OptimizerConfig,
    steps: usize,
    learning_rates: &[f64],
) -> Sweep {
    let mut sweep = Sweep::with_capacity(learning_rates.len());
    let mut trail = Trail::with_capacity(steps);
    let scale = landscape.view().width();
    for &lr in learning_rates {
        let mut walker = Walker::new(landscape, start, config.with_learning_rate(lr));
        trail.restart(reach(walker.position));
        trail.losses.push(walker.loss);
        while trail.moves.len() < steps && walker.loss.is_finite() {
            trail.moves.push(walker.step(landscape));
            trail.losses.push(walker.loss);
            trail.farthest = trail.farthest.max(reach(walker.position));
        }
        sweep.push(lr, walker.loss, trail.regime(lr, scale));
    }
    sweep
}

/// One run's losses and moves as it goes, and the largest |coordinate| it
/// reached: buffers kept from run to run of a sweep.
struct Trail {
    losses: Vec<f64>,
    moves: Vec<Move>,
    farthest: f64,
}

impl Trail {
    /// Room for runs of `steps` steps (at most 2²⁰ kept ahead).
    fn with_capacity(steps: usize) -> Self {
        Self {
            losses: Vec::with_capacity(steps.saturating_add(1).min(1 << 20)),
            moves: Vec::with_capacity(steps.min(1 << 20)),
            farthest: 0.0,
        }
    }

    /// Empty, for a run that starts `farthest` out.
    fn restart(&mut self, farthest: f64) {
        self.losses.clear();
        self.moves.clear();
        self.farthest = farthest;
    }

    /// What the run did, read with learning rate `lr` on a view `scale` wide.
    fn regime(&self, learning_rate: f64, scale: f64) -> Regime {
        read(&Record {
            learning_rate,
            losses: &self.losses,
            moves: &self.moves,
            farthest: self.farthest,
            scale,
        })
    }
}

fn reach(p: Point) -> f64 {
    p[0].abs().max(p[1].abs())
}

/// Trains the network of `spec` for its epochs with each learning rate
/// (everything else as the spec says). The final loss is the loss at the
/// weights after the last update; the regime is read from the losses and
/// the moves of all the parameters together.
pub fn training(spec: &Spec, learning_rates: &[f64]) -> Result<Sweep, SpecError> {
    let mut sweep = Sweep::with_capacity(learning_rates.len());
    let epochs = usize::try_from(spec.epochs).unwrap_or(usize::MAX);
    let template = spec.training()?;
    let count = template.network().parameter_count();
    let (mut before, mut now) = (vec![0.0; count], vec![0.0; count]);
    let (mut delta, mut previous) = (vec![0.0; count], vec![0.0; count]);
    let mut trail = Trail::with_capacity(epochs);
    for &lr in learning_rates {
        let mut training = template.clone();
        training.set_learning_rate(lr);
        previous.fill(0.0);
        copy_parameters(&training, &mut before);
        let scale = before.iter().fold(1.0, |m: f64, p| m.max(p.abs()));
        trail.restart(0.0);
        // One epoch more than the spec's: its loss is the loss after the
        // last update (its own update is not looked at).
        for epoch in 0..=epochs {
            let Some(loss) = training.epoch() else { break };
            trail.losses.push(loss);
            if epoch == epochs || !loss.is_finite() {
                break;
            }
            copy_parameters(&training, &mut now);
            for ((d, n), b) in delta.iter_mut().zip(&now).zip(&before) {
                *d = n - b;
            }
            trail.moves.push(Move::of(&delta, &previous));
            trail.farthest = now.iter().fold(trail.farthest, |m, p| m.max(p.abs()));
            std::mem::swap(&mut previous, &mut delta);
            std::mem::swap(&mut before, &mut now);
        }
        let last = trail.losses.last().copied().unwrap_or(f64::NAN);
        sweep.push(lr, last, trail.regime(lr, scale));
    }
    Ok(sweep)
}

/// Every weight and bias of the session's network, in order, into `out`.
fn copy_parameters(training: &crate::Training, out: &mut [f64]) {
    let layers = training.network().layers();
    let values = layers
        .iter()
        .flat_map(|l| l.weight.iter().chain(l.bias.iter()));
    for (slot, value) in out.iter_mut().zip(values) {
        *slot = *value;
    }
}

#[cfg(test)]
mod tests;
