//! Tests of `optimizer`: each rule against its formula written out.

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
    let configs = [
        OptimizerConfig::sgd(0.1),
        OptimizerConfig::momentum(0.1, 0.9, true),
        OptimizerConfig::adam(0.1),
        OptimizerConfig::adamw(0.1),
        OptimizerConfig::rmsprop(0.1),
        OptimizerConfig::adagrad(0.1),
    ];
    for config in configs {
        assert_eq!(config.with_learning_rate(0.3).learning_rate(), 0.3);
        assert!(OptimizerConfig::KINDS.contains(&config.kind()));
    }
    let kinds: Vec<&str> = configs.iter().map(OptimizerConfig::kind).collect();
    assert_eq!(kinds, OptimizerConfig::KINDS);
}

/// Steps `config` on the loss L(p) = 0.75·Σ (p − 1)² with one tensor
/// [p₀, p₁] (g = 1.5·(p − 1)), returning p after each step.
fn quadratic(config: OptimizerConfig, steps: usize) -> Vec<[f64; 2]> {
    let mut p = vec![3.0, -0.5];
    let mut optimizer = Optimizer::for_tensors(config, [2]);
    (0..steps)
        .map(|_| {
            let g: Vec<f64> = p.iter().map(|p| 1.5 * (p - 1.0)).collect();
            optimizer.step_tensors(std::iter::once(p.as_mut_slice()), std::iter::once(&g[..]));
            [p[0], p[1]]
        })
        .collect()
}

fn assert_follows(got: &[[f64; 2]], mut rule: impl FnMut(usize, usize, f64, f64) -> f64) {
    let mut p = [3.0f64, -0.5];
    for (step, got) in got.iter().enumerate() {
        for i in 0..2 {
            let g = 1.5 * (p[i] - 1.0);
            p[i] = rule(step, i, p[i], g);
            assert!(
                (got[i] - p[i]).abs() <= 1e-13 * p[i].abs().max(1.0),
                "step {step}, p[{i}]: {} ≠ {}",
                got[i],
                p[i]
            );
        }
    }
}

#[test]
fn sgd_and_momentum_add_weight_decay_to_the_gradient() {
    let (lr, wd, mu) = (0.1, 0.2, 0.9);
    let got = quadratic(
        OptimizerConfig::Sgd(Sgd {
            lr,
            weight_decay: wd,
        }),
        6,
    );
    assert_follows(&got, |_, _, p, g| p - lr * (g + wd * p));

    for nesterov in [false, true] {
        let config = Momentum {
            weight_decay: wd,
            ..Momentum::new(lr, mu, nesterov)
        };
        let got = quadratic(OptimizerConfig::Momentum(config), 6);
        let mut v = [0.0f64; 2];
        assert_follows(&got, |step, i, p, g| {
            let g = g + wd * p;
            v[i] = if step == 0 { g } else { mu * v[i] + g };
            p - lr * if nesterov { g + mu * v[i] } else { v[i] }
        });
    }
}

#[test]
fn adam_and_adamw_place_weight_decay_differently() {
    let (lr, wd) = (0.05, 0.3);
    for decoupled in [false, true] {
        let adam = Adam {
            weight_decay: wd,
            ..Adam::new(lr)
        };
        let config = if decoupled {
            OptimizerConfig::AdamW(adam)
        } else {
            OptimizerConfig::Adam(adam)
        };
        let got = quadratic(config, 8);
        let (mut m, mut v) = ([0.0f64; 2], [0.0f64; 2]);
        assert_follows(&got, |step, i, p, g| {
            let t = (step + 1) as i32;
            let (p, g) = if decoupled {
                (p * (1.0 - lr * wd), g)
            } else {
                (p, g + wd * p)
            };
            m[i] = 0.9 * m[i] + 0.1 * g;
            v[i] = 0.999 * v[i] + 0.001 * g * g;
            let m_hat = m[i] / (1.0 - 0.9f64.powi(t));
            let v_hat = v[i] / (1.0 - 0.999f64.powi(t));
            p - lr * m_hat / (v_hat.sqrt() + 1e-8)
        });
    }
    assert_eq!(OptimizerConfig::adamw(0.1).weight_decay(), 0.01);
}

#[test]
fn rmsprop_matches_the_rule_in_every_variant() {
    let (lr, alpha, wd) = (0.01, 0.9, 0.1);
    for (momentum, centered) in [(0.0, false), (0.0, true), (0.8, false), (0.8, true)] {
        let config = RmsProp {
            alpha,
            weight_decay: wd,
            momentum,
            centered,
            ..RmsProp::new(lr)
        };
        let got = quadratic(OptimizerConfig::RmsProp(config), 8);
        let (mut s, mut mean, mut b) = ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
        assert_follows(&got, |_, i, p, g| {
            let g = g + wd * p;
            s[i] = alpha * s[i] + (1.0 - alpha) * g * g;
            mean[i] = alpha * mean[i] + (1.0 - alpha) * g;
            let d = if centered {
                (s[i] - mean[i] * mean[i]).sqrt()
            } else {
                s[i].sqrt()
            } + 1e-8;
            if momentum > 0.0 {
                b[i] = momentum * b[i] + g / d;
                p - lr * b[i]
            } else {
                p - lr * g / d
            }
        });
    }
}

#[test]
fn adagrad_decays_its_rate_and_starts_from_its_accumulator() {
    let (lr, decay, start, wd) = (0.5, 0.1, 0.25, 0.05);
    let config = Adagrad {
        lr_decay: decay,
        initial_accumulator_value: start,
        weight_decay: wd,
        ..Adagrad::new(lr)
    };
    let got = quadratic(OptimizerConfig::Adagrad(config), 8);
    let mut s = [start; 2];
    assert_follows(&got, |step, i, p, g| {
        let g = g + wd * p;
        s[i] += g * g;
        let clr = lr / (1.0 + step as f64 * decay);
        p - clr * g / (s[i].sqrt() + 1e-10)
    });
}

#[test]
fn reset_restores_the_first_state() {
    for config in [
        OptimizerConfig::adagrad(0.1),
        OptimizerConfig::Adagrad(Adagrad {
            initial_accumulator_value: 0.5,
            ..Adagrad::new(0.1)
        }),
        OptimizerConfig::RmsProp(RmsProp {
            momentum: 0.5,
            centered: true,
            ..RmsProp::new(0.1)
        }),
        OptimizerConfig::adamw(0.1),
        OptimizerConfig::momentum(0.1, 0.9, false),
    ] {
        let fresh = Optimizer::for_tensors(config, [2, 3]);
        let mut used = fresh.clone();
        let mut p = [vec![1.0, 2.0], vec![0.5, -1.0, 3.0]];
        let g = [vec![0.3, -0.2], vec![1.0, 0.1, -0.4]];
        used.step_tensors(
            p.iter_mut().map(Vec::as_mut_slice),
            g.iter().map(Vec::as_slice),
        );
        assert_ne!(used, fresh, "{config:?}");
        used.reset();
        assert_eq!(used, fresh, "{config:?}");
    }
}

#[test]
fn momentum_zero_is_plain_sgd_as_in_pytorch() {
    // No velocity at μ = 0: an infinite gradient is not turned into 0·∞.
    let mut p = vec![1.0];
    let mut optimizer = Optimizer::for_tensors(OptimizerConfig::momentum(0.1, 0.0, false), [1]);
    optimizer.step_tensors(
        std::iter::once(p.as_mut_slice()),
        std::iter::once(&[2.0][..]),
    );
    assert_eq!(p, [1.0 - 0.1 * 2.0]);
}
