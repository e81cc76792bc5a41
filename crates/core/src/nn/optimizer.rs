//! Optimizers with PyTorch's exact update rules (`torch.optim.SGD`, `Adam`;
//! no weight decay, no dampening).
//!
//! With g = ∂L/∂p for a parameter p and learning rate η:
//! - SGD: p ← p − η·g
//! - momentum (μ): v ← μ·v + g (v ← g on the first step), p ← p − η·v;
//!   Nesterov: p ← p − η·(g + μ·v) with the new v
//! - Adam (β₁, β₂, ε), t = 1, 2, …: m ← m + (1 − β₁)(g − m), v ← β₂·v + (1 − β₂)·g²,
//!   p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)

use super::gradients::Gradients;
use super::network::Network;

/// Which optimizer and its hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerConfig {
    /// Plain gradient descent, `optim.SGD(lr)`.
    Sgd {
        /// η
        lr: f64,
    },
    /// `optim.SGD(lr, momentum, nesterov)`.
    Momentum {
        /// η
        lr: f64,
        /// μ, how much of the previous velocity is kept.
        momentum: f64,
        /// Nesterov's look-ahead variant.
        nesterov: bool,
    },
    /// `optim.Adam(lr, betas, eps)`.
    Adam {
        /// η
        lr: f64,
        /// β₁, decay of the first moment m.
        beta1: f64,
        /// β₂, decay of the second moment v.
        beta2: f64,
        /// ε, added to √v̂.
        eps: f64,
    },
}

impl OptimizerConfig {
    /// The kinds, by their spec-format names.
    pub const KINDS: [&'static str; 3] = ["sgd", "momentum", "adam"];

    /// Plain SGD with learning rate η.
    pub fn sgd(lr: f64) -> Self {
        OptimizerConfig::Sgd { lr }
    }

    /// SGD with momentum μ (Nesterov or not).
    pub fn momentum(lr: f64, momentum: f64, nesterov: bool) -> Self {
        OptimizerConfig::Momentum {
            lr,
            momentum,
            nesterov,
        }
    }

    /// Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.
    pub fn adam(lr: f64) -> Self {
        OptimizerConfig::Adam {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        }
    }

    /// The kind's name: `sgd`, `momentum` or `adam`.
    pub fn kind(&self) -> &'static str {
        match self {
            OptimizerConfig::Sgd { .. } => "sgd",
            OptimizerConfig::Momentum { .. } => "momentum",
            OptimizerConfig::Adam { .. } => "adam",
        }
    }

    /// The learning rate η.
    pub fn learning_rate(&self) -> f64 {
        match *self {
            OptimizerConfig::Sgd { lr }
            | OptimizerConfig::Momentum { lr, .. }
            | OptimizerConfig::Adam { lr, .. } => lr,
        }
    }

    /// The same optimizer with learning rate η.
    pub fn with_learning_rate(mut self, eta: f64) -> Self {
        match &mut self {
            OptimizerConfig::Sgd { lr }
            | OptimizerConfig::Momentum { lr, .. }
            | OptimizerConfig::Adam { lr, .. } => *lr = eta,
        }
        self
    }
}

/// An optimizer with its state (velocities or moments), shaped like the
/// network it was made for.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    config: OptimizerConfig,
    steps: u64,
    /// Momentum's v or Adam's m, one buffer per weight and per bias.
    first: Vec<Vec<f64>>,
    /// Adam's v.
    second: Vec<Vec<f64>>,
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
        let lengths: Vec<usize> = lengths.into_iter().collect();
        let buffers = |needed: bool| -> Vec<Vec<f64>> {
            if needed {
                lengths.iter().map(|&n| vec![0.0; n]).collect()
            } else {
                Vec::new()
            }
        };
        let (first, second) = match config {
            OptimizerConfig::Sgd { .. } => (buffers(false), buffers(false)),
            OptimizerConfig::Momentum { .. } => (buffers(true), buffers(false)),
            OptimizerConfig::Adam { .. } => (buffers(true), buffers(true)),
        };
        Self {
            config,
            steps: 0,
            first,
            second,
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

    /// Updates taken so far (Adam's t after the last update).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Forgets velocities and moments, as a new optimizer would.
    pub fn reset(&mut self) {
        self.steps = 0;
        for buffer in self.first.iter_mut().chain(&mut self.second) {
            buffer.fill(0.0);
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
        match self.config {
            OptimizerConfig::Sgd { lr } => {
                for (p, g) in params.zip(grads) {
                    // W_new = W_old − η·∂L/∂W
                    for (p, g) in p.iter_mut().zip(g) {
                        *p += -lr * g;
                    }
                }
            }
            OptimizerConfig::Momentum {
                lr,
                momentum,
                nesterov,
            } => {
                let first_step = self.steps == 1;
                for ((p, g), v) in params.zip(grads).zip(&mut self.first) {
                    for ((p, g), v) in p.iter_mut().zip(g).zip(v.iter_mut()) {
                        // v = μ·v + g (v = g on the first step)
                        *v = if first_step { *g } else { momentum * *v + g };
                        // p −= η·(g + μ·v) with Nesterov, p −= η·v without
                        let direction = if nesterov { g + momentum * *v } else { *v };
                        *p += -lr * direction;
                    }
                }
            }
            OptimizerConfig::Adam {
                lr,
                beta1,
                beta2,
                eps,
            } => {
                let t = self.steps as f64;
                let bias_correction1 = 1.0 - beta1.powf(t);
                let bias_correction2 = 1.0 - beta2.powf(t);
                let step_size = lr / bias_correction1;
                let bias_correction2_sqrt = bias_correction2.sqrt();
                for (((p, g), m), v) in params.zip(grads).zip(&mut self.first).zip(&mut self.second)
                {
                    for (((p, g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut())
                    {
                        // m = β₁·m + (1 − β₁)·g, as PyTorch's lerp: m + (1 − β₁)(g − m)
                        *m += (1.0 - beta1) * (g - *m);
                        // v = β₂·v + (1 − β₂)·g²
                        *v = *v * beta2 + (1.0 - beta2) * g * g;
                        // p −= η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
                        let denom = v.sqrt() / bias_correction2_sqrt + eps;
                        *p += -step_size * (*m / denom);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use nalgebra::{DMatrix, DVector};

    use super::*;
    use crate::nn::{Activation, Layer};

    /// One identity layer ŷ = w·x + b on the single sample x = 1, y = 0.
    fn single() -> (Network, DMatrix<f64>, DMatrix<f64>) {
        let network = Network::new(
            vec![Layer::new(
                DMatrix::from_element(1, 1, 1.0),
                DVector::from_element(1, 0.5),
            )],
            Activation::Identity,
            Activation::Identity,
        )
        .expect("one layer");
        (
            network,
            DMatrix::from_element(1, 1, 1.0),
            DMatrix::zeros(1, 1),
        )
    }

    fn run(config: OptimizerConfig, steps: usize) -> Vec<(f64, f64)> {
        let (mut network, x, y) = single();
        let mut optimizer = Optimizer::new(config, &network);
        let mut out = Vec::new();
        for _ in 0..steps {
            let trace = network.trace(&x, &y).expect("fits");
            optimizer.step(&mut network, &Gradients::of(&trace));
            out.push((network.layers()[0].weight[0], network.layers()[0].bias[0]));
        }
        out
    }

    // ŷ = w + b, L = (w + b)², g_w = g_b = 2(w + b).
    #[test]
    fn momentum_matches_the_rule() {
        let (lr, mu) = (0.1, 0.9);
        for nesterov in [false, true] {
            let got = run(OptimizerConfig::momentum(lr, mu, nesterov), 5);
            let (mut w, mut b, mut v) = (1.0f64, 0.5f64, 0.0f64);
            for (k, (gw, gb)) in got.into_iter().enumerate() {
                let g = 2.0 * (w + b);
                v = if k == 0 { g } else { mu * v + g };
                let d = if nesterov { g + mu * v } else { v };
                w -= lr * d;
                b -= lr * d;
                assert!((gw - w).abs() < 1e-15 && (gb - b).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn adam_matches_the_rule() {
        let got = run(OptimizerConfig::adam(0.1), 5);
        let (mut w, mut b, mut m, mut v) = (1.0f64, 0.5f64, 0.0f64, 0.0f64);
        for (k, (gw, gb)) in got.into_iter().enumerate() {
            let t = (k + 1) as i32;
            let g = 2.0 * (w + b);
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            let m_hat = m / (1.0 - 0.9f64.powi(t));
            let v_hat = v / (1.0 - 0.999f64.powi(t));
            w -= 0.1 * m_hat / (v_hat.sqrt() + 1e-8);
            b -= 0.1 * m_hat / (v_hat.sqrt() + 1e-8);
            assert!((gw - w).abs() < 1e-12 && (gb - b).abs() < 1e-12, "{gw} {w}");
        }
    }

    #[test]
    fn learning_rate_round_trips() {
        for config in [
            OptimizerConfig::sgd(0.1),
            OptimizerConfig::momentum(0.1, 0.9, true),
            OptimizerConfig::adam(0.1),
        ] {
            assert_eq!(config.with_learning_rate(0.3).learning_rate(), 0.3);
            assert!(OptimizerConfig::KINDS.contains(&config.kind()));
        }
    }
}
