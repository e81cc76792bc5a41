//! The `optimizer` object: a kind, the fields that kind takes — as
//! `torch.optim`'s keyword arguments, with PyTorch's defaults for those
//! left out and its own range checks — and nothing else: a field of
//! another kind (`momentum` for `adam`) is refused, as PyTorch refuses an
//! unexpected keyword, rather than silently ignored.

use super::{de, required, SpecError};
use crate::nn::optimizer::{Adagrad, Adam, Momentum, RmsProp, Sgd};
use crate::nn::OptimizerConfig;

/// The fields each kind takes besides `kind`; `None` for an unknown kind.
pub(super) fn fields(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "sgd" => &["lr", "weight_decay"],
        "momentum" => &["lr", "momentum", "nesterov", "weight_decay"],
        "adam" | "adamw" => &["lr", "betas", "eps", "weight_decay"],
        "rmsprop" => &["lr", "alpha", "eps", "weight_decay", "momentum", "centered"],
        "adagrad" => &[
            "lr",
            "lr_decay",
            "weight_decay",
            "initial_accumulator_value",
            "eps",
        ],
        _ => return None,
    })
}

/// The optimizer from its fields as read (`map`) and the names of every
/// field the object has (`keys`).
pub(super) fn optimizer<'k>(
    map: de::Optimizer,
    keys: impl IntoIterator<Item = &'k str>,
) -> Result<OptimizerConfig, SpecError> {
    let de::Text(kind) = required(map.kind, "optimizer.kind")?;
    let de::NonNegative(lr) = required(map.lr, "optimizer.lr")?;
    let Some(allowed) = fields(&kind) else {
        return Err(SpecError::new(
            "optimizer.kind",
            format!(
                "unknown optimizer {kind:?} ({})",
                OptimizerConfig::KINDS.join(", ")
            ),
        ));
    };
    if let Some(stray) = keys
        .into_iter()
        .find(|key| *key != "kind" && !allowed.contains(key))
    {
        return Err(SpecError::new(
            format!("optimizer.{stray}"),
            format!(
                "not a field of the {kind} optimizer (its fields: kind, {})",
                allowed.join(", ")
            ),
        ));
    }
    let or = |value: Option<de::NonNegative>, default: f64| value.map_or(default, |v| v.0);
    let flag = |value: Option<de::Flag>| value.is_some_and(|de::Flag(on)| on);
    let weight_decay = or(map.weight_decay, 0.0);
    Ok(match kind.as_str() {
        "sgd" => OptimizerConfig::Sgd(Sgd { lr, weight_decay }),
        "momentum" => {
            let de::NonNegative(momentum) = required(map.momentum, "optimizer.momentum")?;
            let nesterov = flag(map.nesterov);
            if nesterov && momentum == 0.0 {
                return Err(SpecError::new(
                    "optimizer.nesterov",
                    "needs a momentum above 0",
                ));
            }
            OptimizerConfig::Momentum(Momentum {
                lr,
                momentum,
                nesterov,
                weight_decay,
            })
        }
        "adam" | "adamw" => {
            let defaults = if kind == "adam" {
                Adam::new(lr)
            } else {
                Adam::decoupled(lr)
            };
            let (beta1, beta2) = match map.betas.map(|list| list.0) {
                None => (defaults.beta1, defaults.beta2),
                Some(betas) => match betas[..] {
                    [de::Beta(beta1), de::Beta(beta2)] => (beta1, beta2),
                    _ => {
                        return Err(SpecError::new(
                            "optimizer.betas",
                            format!("expected 2 numbers [β₁, β₂], got {}", betas.len()),
                        ))
                    }
                },
            };
            let adam = Adam {
                lr,
                beta1,
                beta2,
                eps: or(map.eps, defaults.eps),
                weight_decay: or(map.weight_decay, defaults.weight_decay),
            };
            if kind == "adam" {
                OptimizerConfig::Adam(adam)
            } else {
                OptimizerConfig::AdamW(adam)
            }
        }
        "rmsprop" => {
            let defaults = RmsProp::new(lr);
            OptimizerConfig::RmsProp(RmsProp {
                lr,
                alpha: or(map.alpha, defaults.alpha),
                eps: or(map.eps, defaults.eps),
                weight_decay,
                momentum: or(map.momentum, defaults.momentum),
                centered: flag(map.centered),
            })
        }
        _ => {
            let defaults = Adagrad::new(lr);
            OptimizerConfig::Adagrad(Adagrad {
                lr,
                lr_decay: or(map.lr_decay, defaults.lr_decay),
                weight_decay,
                initial_accumulator_value: or(
                    map.initial_accumulator_value,
                    defaults.initial_accumulator_value,
                ),
                eps: or(map.eps, defaults.eps),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::spec::Spec;

    /// The optimizer read from a small spec with `optimizer` as given.
    fn read(optimizer: &Value) -> Result<OptimizerConfig, String> {
        let spec = json!({
            "model": {"layers": [1, 1], "output_activation": "identity"},
            "loss": "mse",
            "optimizer": optimizer.clone(),
            "epochs": 1,
            "data": {"x": [[0.0]], "y": [[1.0]]},
            "seed": 1
        });
        Spec::from_value(&spec)
            .map(|spec| spec.optimizer)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_kind_has_its_fields() {
        for kind in OptimizerConfig::KINDS {
            assert!(fields(kind).is_some_and(|f| f.contains(&"lr")), "{kind}");
        }
    }

    #[test]
    fn left_out_fields_take_pytorchs_defaults() {
        let cases = [
            (json!({"kind": "sgd", "lr": 0.1}), OptimizerConfig::sgd(0.1)),
            (
                json!({"kind": "adam", "lr": 0.1}),
                OptimizerConfig::adam(0.1),
            ),
            (
                json!({"kind": "adamw", "lr": 0.1}),
                OptimizerConfig::adamw(0.1),
            ),
            (
                json!({"kind": "rmsprop", "lr": 0.1}),
                OptimizerConfig::rmsprop(0.1),
            ),
            (
                json!({"kind": "adagrad", "lr": 0.1}),
                OptimizerConfig::adagrad(0.1),
            ),
            (
                json!({"kind": "momentum", "lr": 0.1, "momentum": 0.9}),
                OptimizerConfig::momentum(0.1, 0.9, false),
            ),
        ];
        for (optimizer, expected) in cases {
            assert_eq!(read(&optimizer), Ok(expected));
        }
        assert_eq!(OptimizerConfig::adamw(0.1).weight_decay(), 0.01);
    }

    #[test]
    fn every_field_is_read() {
        let rmsprop = json!({"kind": "rmsprop", "lr": 0.1, "alpha": 0.9, "eps": 1e-6,
                             "weight_decay": 0.01, "momentum": 0.5, "centered": true});
        assert_eq!(
            read(&rmsprop),
            Ok(OptimizerConfig::RmsProp(RmsProp {
                lr: 0.1,
                alpha: 0.9,
                eps: 1e-6,
                weight_decay: 0.01,
                momentum: 0.5,
                centered: true
            }))
        );
        let adagrad = json!({"kind": "adagrad", "lr": 0.1, "lr_decay": 0.2, "eps": 1e-6,
                             "weight_decay": 0.01, "initial_accumulator_value": 0.3});
        assert_eq!(
            read(&adagrad),
            Ok(OptimizerConfig::Adagrad(Adagrad {
                lr: 0.1,
                lr_decay: 0.2,
                weight_decay: 0.01,
                initial_accumulator_value: 0.3,
                eps: 1e-6
            }))
        );
        let adamw = json!({"kind": "adamw", "lr": 0.1, "betas": [0.8, 0.9], "eps": 1e-6,
                           "weight_decay": 0.0});
        assert_eq!(
            read(&adamw),
            Ok(OptimizerConfig::AdamW(Adam {
                lr: 0.1,
                beta1: 0.8,
                beta2: 0.9,
                eps: 1e-6,
                weight_decay: 0.0
            }))
        );
        let momentum = json!({"kind": "momentum", "lr": 0.1, "momentum": 0.9,
                              "nesterov": true, "weight_decay": 0.2});
        assert_eq!(
            read(&momentum),
            Ok(OptimizerConfig::Momentum(Momentum {
                lr: 0.1,
                momentum: 0.9,
                nesterov: true,
                weight_decay: 0.2
            }))
        );
    }

    #[test]
    fn ranges_are_pytorchs_and_errors_name_the_field() {
        let cases = [
            (
                json!({"kind": "sgd", "lr": 0.1, "weight_decay": -0.1}),
                "optimizer.weight_decay: must be a finite number ≥ 0 (got -0.1)",
            ),
            (
                json!({"kind": "rmsprop", "lr": 0.1, "alpha": -1}),
                "optimizer.alpha: must be a finite number ≥ 0 (got -1)",
            ),
            (
                json!({"kind": "rmsprop", "lr": 0.1, "momentum": "high"}),
                "optimizer.momentum: must be a finite number ≥ 0 (got the string \"high\")",
            ),
            (
                json!({"kind": "rmsprop", "lr": 0.1, "centered": 1}),
                "optimizer.centered: expected true or false, got 1",
            ),
            (
                json!({"kind": "adagrad", "lr": 0.1, "lr_decay": -0.5}),
                "optimizer.lr_decay: must be a finite number ≥ 0 (got -0.5)",
            ),
            (
                json!({"kind": "adagrad", "lr": 0.1, "initial_accumulator_value": -1}),
                "optimizer.initial_accumulator_value: must be a finite number ≥ 0 (got -1)",
            ),
            (
                json!({"kind": "adagrad", "lr": 0.1, "eps": -1e-10}),
                "optimizer.eps: must be a finite number ≥ 0 (got -1e-10)",
            ),
            (
                json!({"kind": "adamw", "lr": 0.1, "betas": [0.9, 1.0]}),
                "optimizer.betas[1]: must be in [0, 1) (got 1)",
            ),
        ];
        for (optimizer, expected) in cases {
            assert_eq!(read(&optimizer), Err(expected.to_owned()));
        }
    }

    #[test]
    fn fields_of_another_kind_are_refused() {
        let cases = [
            (
                json!({"kind": "sgd", "lr": 0.1, "momentum": 0.9}),
                "optimizer.momentum: not a field of the sgd optimizer \
                 (its fields: kind, lr, weight_decay)",
            ),
            (
                json!({"kind": "adam", "lr": 0.1, "centered": true}),
                "optimizer.centered: not a field of the adam optimizer \
                 (its fields: kind, lr, betas, eps, weight_decay)",
            ),
            (
                json!({"kind": "rmsprop", "lr": 0.1, "betas": [0.9, 0.99]}),
                "optimizer.betas: not a field of the rmsprop optimizer \
                 (its fields: kind, lr, alpha, eps, weight_decay, momentum, centered)",
            ),
            (
                json!({"kind": "adagrad", "lr": 0.1, "dampening": 0}),
                "optimizer.dampening: not a field of the adagrad optimizer \
                 (its fields: kind, lr, lr_decay, weight_decay, initial_accumulator_value, eps)",
            ),
        ];
        for (optimizer, expected) in cases {
            assert_eq!(read(&optimizer), Err(expected.to_owned()));
        }
    }
}
