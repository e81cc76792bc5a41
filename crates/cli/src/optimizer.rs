//! The optimizer flags `race` and `sweep` share, and the one place that
//! turns a kind and its flags into the core's [`OptimizerConfig`]: a new
//! kind in the core is one more arm in [`config`].

use descent_core::nn::OptimizerConfig;

use crate::args::finite;
use crate::error::CliError;

/// PyTorch's defaults: momentum μ for `--optimizer momentum` (which
/// PyTorch has none of; 0.9 is the common choice), Adam's betas and ε.
const DEFAULT_MOMENTUM: f64 = 0.9;
const DEFAULT_BETAS: (f64, f64) = (0.9, 0.999);
const DEFAULT_EPS: f64 = 1e-8;

/// `--optimizer KIND [--momentum M] [--nesterov] [--betas B1,B2] [--eps E]`.
#[derive(Debug, clap::Args)]
pub struct Flags {
    /// The optimizer, as torch.optim: sgd, momentum (SGD with momentum) or adam.
    #[arg(long, value_name = "KIND", value_parser = kind)]
    pub optimizer: Option<String>,
    /// Momentum μ ≥ 0 for --optimizer momentum (default 0.9).
    #[arg(long, value_name = "M", value_parser = non_negative, allow_negative_numbers = true)]
    pub momentum: Option<f64>,
    /// Nesterov's variant, for --optimizer momentum.
    #[arg(long)]
    pub nesterov: bool,
    /// Adam's β₁,β₂, each in [0, 1) (default 0.9,0.999).
    #[arg(long, value_name = "B1,B2", value_parser = betas, allow_hyphen_values = true)]
    pub betas: Option<(f64, f64)>,
    /// Adam's ε ≥ 0 (default 1e-8).
    #[arg(long, value_name = "E", value_parser = non_negative, allow_negative_numbers = true)]
    pub eps: Option<f64>,
}

impl Flags {
    /// The flags given, by name (for refusing them where they do not apply).
    pub fn given(&self) -> Vec<&'static str> {
        [
            (self.optimizer.is_some(), "--optimizer"),
            (self.momentum.is_some(), "--momentum"),
            (self.nesterov, "--nesterov"),
            (self.betas.is_some(), "--betas"),
            (self.eps.is_some(), "--eps"),
        ]
        .into_iter()
        .filter_map(|(given, name)| given.then_some(name))
        .collect()
    }
}

/// The optimizer the flags describe, with learning rate `lr`. A flag that
/// does not belong to the kind is refused, naming it.
pub fn config(flags: &Flags, lr: f64) -> Result<OptimizerConfig, CliError> {
    let kind = flags
        .optimizer
        .as_deref()
        .ok_or_else(|| CliError::new("--optimizer", "missing"))?;
    let refuse = |flag: &str, given: bool| {
        if given {
            Err(CliError::new(
                flag,
                format!("does not apply to --optimizer {kind}"),
            ))
        } else {
            Ok(())
        }
    };
    let momentum_flags = flags.momentum.is_some() || flags.nesterov;
    let adam_flags = [
        (flags.betas.is_some(), "--betas"),
        (flags.eps.is_some(), "--eps"),
    ];
    match kind {
        "sgd" => {
            refuse("--momentum", flags.momentum.is_some())?;
            refuse("--nesterov", flags.nesterov)?;
            for (given, flag) in adam_flags {
                refuse(flag, given)?;
            }
            Ok(OptimizerConfig::sgd(lr))
        }
        "momentum" => {
            for (given, flag) in adam_flags {
                refuse(flag, given)?;
            }
            Ok(OptimizerConfig::momentum(
                lr,
                flags.momentum.unwrap_or(DEFAULT_MOMENTUM),
                flags.nesterov,
            ))
        }
        "adam" => {
            refuse(
                if flags.momentum.is_some() {
                    "--momentum"
                } else {
                    "--nesterov"
                },
                momentum_flags,
            )?;
            let (beta1, beta2) = flags.betas.unwrap_or(DEFAULT_BETAS);
            Ok(OptimizerConfig::Adam {
                lr,
                beta1,
                beta2,
                eps: flags.eps.unwrap_or(DEFAULT_EPS),
            })
        }
        other => Err(CliError::new(
            "--optimizer",
            format!("{other:?} is not available from the command line yet"),
        )),
    }
}

/// One of the core's optimizer kinds.
fn kind(text: &str) -> Result<String, String> {
    if OptimizerConfig::KINDS.contains(&text) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "unknown optimizer {text:?} ({})",
            OptimizerConfig::KINDS.join(", ")
        ))
    }
}

/// A finite number ≥ 0.
fn non_negative(text: &str) -> Result<f64, String> {
    finite(text)
        .ok()
        .filter(|x| *x >= 0.0)
        .ok_or_else(|| format!("must be a finite number ≥ 0 (got {text:?})"))
}

/// `B1,B2`, each in [0, 1).
fn betas(text: &str) -> Result<(f64, f64), String> {
    let bad = || format!("expected B1,B2, two numbers in [0, 1) (got {text:?})");
    let (first, second) = text.split_once(',').ok_or_else(bad)?;
    let beta = |t: &str| {
        finite(t)
            .ok()
            .filter(|b| (0.0..1.0).contains(b))
            .ok_or_else(bad)
    };
    Ok((beta(first)?, beta(second)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(kind: &str) -> Flags {
        Flags {
            optimizer: Some(kind.to_owned()),
            momentum: None,
            nesterov: false,
            betas: None,
            eps: None,
        }
    }

    #[test]
    fn every_core_kind_maps_to_its_config() {
        for kind in OptimizerConfig::KINDS {
            let config = config(&flags(kind), 0.1).expect(kind);
            assert_eq!(config.kind(), kind);
            assert_eq!(config.learning_rate(), 0.1);
        }
        let nesterov = Flags {
            momentum: Some(0.5),
            nesterov: true,
            ..flags("momentum")
        };
        assert_eq!(
            config(&nesterov, 0.2),
            Ok(OptimizerConfig::momentum(0.2, 0.5, true))
        );
        assert_eq!(
            config(&flags("adam"), 0.3),
            Ok(OptimizerConfig::adam(0.3)),
            "PyTorch's defaults"
        );
    }

    #[test]
    fn flags_of_another_kind_are_refused_by_name() {
        let sgd_with_betas = Flags {
            betas: Some((0.9, 0.99)),
            ..flags("sgd")
        };
        let e = config(&sgd_with_betas, 0.1).expect_err("betas with sgd");
        assert_eq!(e.to_string(), "--betas: does not apply to --optimizer sgd");
        let adam_nesterov = Flags {
            nesterov: true,
            ..flags("adam")
        };
        assert!(config(&adam_nesterov, 0.1)
            .expect_err("nesterov")
            .to_string()
            .starts_with("--nesterov"));
        assert_eq!(betas("0.9,0.999"), Ok((0.9, 0.999)));
        assert!(betas("0.9").is_err() && betas("1,0.5").is_err() && betas("a,b").is_err());
        assert!(kind("rmsprop").is_err());
    }
}
