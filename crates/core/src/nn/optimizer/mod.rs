//! Optimizers with `torch.optim` 2.x's exact update rules: SGD (with
//! momentum and Nesterov), Adam, AdamW, RMSprop and Adagrad, each with
//! PyTorch's weight decay; no dampening, `maximize` or `amsgrad`.
//!
//! With g = ∂L/∂p for a parameter p and learning rate η:
//! - SGD: p ← p − η·g
//! - momentum (μ): v ← μ·v + g (v ← g on the first step), p ← p − η·v;
//!   Nesterov: p ← p − η·(g + μ·v) with the new v
//! - Adam (β₁, β₂, ε), t = 1, 2, …: m ← m + (1 − β₁)(g − m), v ← β₂·v + (1 − β₂)·g²,
//!   p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
//! - AdamW (λ): p ← p·(1 − η·λ), then Adam's step
//! - RMSprop (α, ε, μ): s ← α·s + (1 − α)·g², d = √s + ε (centered:
//!   ḡ ← α·ḡ + (1 − α)·g, d = √(s − ḡ²) + ε), p ← p − η·g/d; with μ > 0,
//!   b ← μ·b + g/d, p ← p − η·b
//! - Adagrad (ε, lr_decay): η_t = η / (1 + (t − 1)·lr_decay), s ← s + g²
//!   (s starting at `initial_accumulator_value`), p ← p − η_t·g/(√s + ε)
//! - weight decay λ, every kind but AdamW: g ← g + λ·p before the rest.
//!
//! The hyper-parameters are [`OptimizerConfig`], one struct per kind
//! (`config.rs`); the rules, written once per kind, are in `rules.rs`, and
//! [`Optimizer::step_tensors`] is the one place they are applied, to a
//! network's tensors or to any others (a curve's `[w]`, a surface's `[w, b]`).

use super::gradients::Gradients;
use super::network::Network;

mod config;
mod rules;

pub use config::{Adagrad, Adam, Momentum, OptimizerConfig, RmsProp, Sgd};

/// One parameter tensor's state: up to three buffers of its length, empty
/// when the kind does not use them.
/// - momentum: [v, –, –]
/// - Adam, AdamW: [m, v, –]
/// - RMSprop: [s, b (μ > 0), ḡ (centered)]
/// - Adagrad: [s, –, –]
type Slots = [Vec<f64>; 3];

/// An optimizer with its state (velocities, moments or sums), shaped like
/// the parameters it was made for.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    config: OptimizerConfig,
    steps: u64,
    /// One entry per parameter tensor.
    state: Vec<Slots>,
}

impl Optimizer {
    /// A fresh optimizer (no state yet) for `network`'s parameters.
    pub fn new(config: OptimizerConfig, network: &Network) -> Self {
        Self::for_tensors(
            config,
            network
                .layers()
                .iter()
                .flat_map(|l| [l.weight.len(), l.bias.len()]),
        )
    }

    /// A fresh optimizer for any parameters: one tensor of each given length
    /// (a curve's [w], a surface's [w, b], or a network's W₀, b₀, W₁, …).
    pub fn for_tensors(config: OptimizerConfig, lengths: impl IntoIterator<Item = usize>) -> Self {
        let state = lengths
            .into_iter()
            .map(|n| {
                let [first, second, third] = Self::used(&config);
                let buffer = |used: Option<f64>| used.map_or_else(Vec::new, |v| vec![v; n]);
                [buffer(first), buffer(second), buffer(third)]
            })
            .collect();
        Self {
            config,
            steps: 0,
            state,
        }
    }

    /// Which of a tensor's three buffers `config` uses, with its value
    /// before the first step.
    fn used(config: &OptimizerConfig) -> [Option<f64>; 3] {
        match config {
            OptimizerConfig::Sgd(_) => [None; 3],
            OptimizerConfig::Momentum(_) => [Some(0.0), None, None],
            OptimizerConfig::Adam(_) | OptimizerConfig::AdamW(_) => [Some(0.0), Some(0.0), None],
            OptimizerConfig::RmsProp(c) => [
                Some(0.0),
                (c.momentum > 0.0).then_some(0.0),
                c.centered.then_some(0.0),
            ],
            OptimizerConfig::Adagrad(c) => [Some(c.initial_accumulator_value), None, None],
        }
    }

    /// The optimizer's kind and hyper-parameters.
    pub fn config(&self) -> OptimizerConfig {
        self.config
    }

    /// Changes η for the following steps, keeping the state.
    pub fn set_learning_rate(&mut self, lr: f64) {
        self.config = self.config.with_learning_rate(lr);
    }

    /// Updates taken so far (Adam's and Adagrad's t after the last update).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Forgets velocities, moments and sums, as a new optimizer would.
    pub fn reset(&mut self) {
        self.steps = 0;
        let used = Self::used(&self.config);
        for slots in &mut self.state {
            for (buffer, start) in slots.iter_mut().zip(used) {
                buffer.fill(start.unwrap_or(0.0));
            }
        }
    }

    /// One update of every parameter of `network` from `gradients` (which
    /// must come from a pass through this network).
    pub fn step(&mut self, network: &mut Network, gradients: &Gradients) {
        let params = network
            .parameters_mut()
            .flat_map(|(weight, bias)| [weight, bias]);
        self.step_tensors(params, gradients.tensors());
    }

    /// One update of the parameter tensors `params` from their gradients
    /// `grads`, in the order and lengths the optimizer was made for.
    pub fn step_tensors<'p, 'g>(
        &mut self,
        params: impl Iterator<Item = &'p mut [f64]>,
        grads: impl Iterator<Item = &'g [f64]>,
    ) {
        self.steps += 1;
        let t = self.steps;
        for ((p, g), [first, second, third]) in params.zip(grads).zip(&mut self.state) {
            match &self.config {
                OptimizerConfig::Sgd(c) => rules::sgd(c, p, g),
                OptimizerConfig::Momentum(c) => rules::momentum(c, t == 1, p, g, first),
                OptimizerConfig::Adam(c) => rules::adam(c, false, t, p, g, first, second),
                OptimizerConfig::AdamW(c) => rules::adam(c, true, t, p, g, first, second),
                OptimizerConfig::RmsProp(c) => rules::rmsprop(c, p, g, first, second, third),
                OptimizerConfig::Adagrad(c) => rules::adagrad(c, t, p, g, first),
            }
        }
    }
}

#[cfg(test)]
mod tests;
