//! The optimizer as `torch.optim` is called: `optim.SGD(model.parameters(),
//! lr=0.01)` and the like.

use super::super::python::{boolean, float};
use crate::nn::optimizer::{Adagrad, Adam, RmsProp};
use crate::nn::OptimizerConfig;

/// `optim.X(model.parameters(), lr=…, …)`: `lr`, then each keyword whose
/// value is not `torch.optim`'s default, in the order of torch's signature.
pub(super) fn optimizer_call(config: &OptimizerConfig) -> String {
    let mut args = vec![format!("lr={}", float(config.learning_rate()))];
    let mut keyword = |name: &str, value: String| args.push(format!("{name}={value}"));
    let class = match *config {
        OptimizerConfig::Sgd(sgd) => {
            if sgd.weight_decay != 0.0 {
                keyword("weight_decay", float(sgd.weight_decay));
            }
            "SGD"
        }
        OptimizerConfig::Momentum(m) => {
            keyword("momentum", float(m.momentum));
            if m.weight_decay != 0.0 {
                keyword("weight_decay", float(m.weight_decay));
            }
            if m.nesterov {
                keyword("nesterov", boolean(true).to_owned());
            }
            "SGD"
        }
        OptimizerConfig::Adam(adam) => {
            adam_keywords(&adam, &Adam::new(adam.lr), &mut keyword);
            "Adam"
        }
        OptimizerConfig::AdamW(adam) => {
            adam_keywords(&adam, &Adam::decoupled(adam.lr), &mut keyword);
            "AdamW"
        }
        OptimizerConfig::RmsProp(r) => {
            let d = RmsProp::new(r.lr);
            changed_keywords(
                &[
                    ("alpha", r.alpha, d.alpha),
                    ("eps", r.eps, d.eps),
                    ("weight_decay", r.weight_decay, d.weight_decay),
                    ("momentum", r.momentum, d.momentum),
                ],
                &mut keyword,
            );
            if r.centered {
                keyword("centered", boolean(true).to_owned());
            }
            "RMSprop"
        }
        OptimizerConfig::Adagrad(g) => {
            let d = Adagrad::new(g.lr);
            changed_keywords(
                &[
                    ("lr_decay", g.lr_decay, d.lr_decay),
                    ("weight_decay", g.weight_decay, d.weight_decay),
                    (
                        "initial_accumulator_value",
                        g.initial_accumulator_value,
                        d.initial_accumulator_value,
                    ),
                    ("eps", g.eps, d.eps),
                ],
                &mut keyword,
            );
            "Adagrad"
        }
    };
    format!("optim.{class}(model.parameters(), {})", args.join(", "))
}

/// `name=value` for each (name, value, torch's default) whose value is not the default.
fn changed_keywords(list: &[(&str, f64, f64)], keyword: &mut impl FnMut(&str, String)) {
    for &(name, value, default) in list {
        if value != default {
            keyword(name, float(value));
        }
    }
}

/// Adam's and AdamW's keywords that differ from `defaults`.
fn adam_keywords(adam: &Adam, defaults: &Adam, keyword: &mut impl FnMut(&str, String)) {
    if (adam.beta1, adam.beta2) != (defaults.beta1, defaults.beta2) {
        keyword(
            "betas",
            format!("({}, {})", float(adam.beta1), float(adam.beta2)),
        );
    }
    if adam.eps != defaults.eps {
        keyword("eps", float(adam.eps));
    }
    if adam.weight_decay != defaults.weight_decay {
        keyword("weight_decay", float(adam.weight_decay));
    }
}
