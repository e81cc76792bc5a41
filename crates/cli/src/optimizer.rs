//! The optimizer flags `race` and `sweep` share, and the one place that
//! turns a kind and its flags into the core's [`OptimizerConfig`]: a new
//! kind in the core is one more arm in [`config`].

use descent_core::nn::OptimizerConfig;

use crate::args::finite;
use crate::error::CliError;

/// Momentum μ for `--optimizer momentum` when none is given (PyTorch has no
/// default; 0.9 is the common choice). Every other default is PyTorch's own.
const DEFAULT_MOMENTUM: f64 = 0.9;

/// `--optimizer KIND` and the hyper-parameter flags of the kinds.
#[derive(Debug, clap::Args)]
pub struct Flags {
    /// The optimizer, as torch.optim: sgd, momentum (SGD with momentum), adam, adamw, rmsprop or adagrad.
    #[arg(long, value_name = "KIND", value_parser = kind)]
    pub optimizer: Option<String>,
    /// Momentum μ ≥ 0, for momentum (default 0.9) and rmsprop (default 0).
    #[arg(long, value_name = "M", value_parser = non_negative, allow_negative_numbers = true)]
    pub momentum: Option<f64>,
    /// Nesterov's variant, for --optimizer momentum.
    #[arg(long)]
    pub nesterov: bool,
    /// β₁,β₂ of adam and adamw, each in [0, 1) (default 0.9,0.999).
    #[arg(long, value_name = "B1,B2", value_parser = betas, allow_hyphen_values = true)]
    pub betas: Option<(f64, f64)>,
    /// ε ≥ 0 of adam, adamw, rmsprop (default 1e-8) and adagrad (default 1e-10).
    #[arg(long, value_name = "E", value_parser = non_negative, allow_negative_numbers = true)]
    pub eps: Option<f64>,
    /// Weight decay λ ≥ 0, for every kind (default 0; adamw 0.01).
    #[arg(long = "weight-decay", value_name = "L", value_parser = non_negative, allow_negative_numbers = true)]
    pub weight_decay: Option<f64>,
    /// RMSprop's smoothing α ≥ 0 (default 0.99).
    #[arg(long, value_name = "A", value_parser = non_negative, allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// RMSprop's centered variant.
    #[arg(long)]
    pub centered: bool,
    /// Adagrad's learning-rate decay ≥ 0 (default 0).
    #[arg(long = "lr-decay", value_name = "D", value_parser = non_negative, allow_negative_numbers = true)]
    pub lr_decay: Option<f64>,
    /// Adagrad's initial accumulator value ≥ 0 (default 0).
    #[arg(long = "initial-accumulator", value_name = "V", value_parser = non_negative, allow_negative_numbers = true)]
    pub initial_accumulator: Option<f64>,
}

impl Flags {
    /// The hyper-parameter flags given (not `--optimizer`), by name.
    fn hyper_parameters(&self) -> Vec<&'static str> {
        [
            (self.momentum.is_some(), "--momentum"),
            (self.nesterov, "--nesterov"),
            (self.betas.is_some(), "--betas"),
            (self.eps.is_some(), "--eps"),
            (self.weight_decay.is_some(), "--weight-decay"),
            (self.alpha.is_some(), "--alpha"),
            (self.centered, "--centered"),
            (self.lr_decay.is_some(), "--lr-decay"),
            (self.initial_accumulator.is_some(), "--initial-accumulator"),
        ]
        .into_iter()
        .filter_map(|(given, name)| given.then_some(name))
        .collect()
    }

    /// The flags given, by name (for refusing them where they do not apply).
    pub fn given(&self) -> Vec<&'static str> {
        let mut given = self.hyper_parameters();
        if self.optimizer.is_some() {
            given.insert(0, "--optimizer");
        }
        given
    }
}

/// The flags each kind takes, besides `--optimizer`.
fn flags_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "sgd" => &["--weight-decay"],
        "momentum" => &["--momentum", "--nesterov", "--weight-decay"],
        "adam" | "adamw" => &["--betas", "--eps", "--weight-decay"],
        "rmsprop" => &[
            "--alpha",
            "--eps",
            "--weight-decay",
            "--momentum",
            "--centered",
        ],
        "adagrad" => &[
            "--lr-decay",
            "--weight-decay",
            "--initial-accumulator",
            "--eps",
        ],
        _ => &[],
    }
}

/// The optimizer the flags describe, with learning rate `lr`, PyTorch's
/// defaults for what is not given. A flag that does not belong to the kind
/// is refused, naming it.
pub fn config(flags: &Flags, lr: f64) -> Result<OptimizerConfig, CliError> {
    let kind = flags
        .optimizer
        .as_deref()
        .ok_or_else(|| CliError::new("--optimizer", "missing"))?;
    if let Some(flag) = flags
        .hyper_parameters()
        .into_iter()
        .find(|flag| !flags_of(kind).contains(flag))
    {
        return Err(CliError::new(
            flag,
            format!("does not apply to --optimizer {kind}"),
        ));
    }
    let mut config = match kind {
        "sgd" => OptimizerConfig::sgd(lr),
        "momentum" => OptimizerConfig::momentum(
            lr,
            flags.momentum.unwrap_or(DEFAULT_MOMENTUM),
            flags.nesterov,
        ),
        "adam" => OptimizerConfig::adam(lr),
        "adamw" => OptimizerConfig::adamw(lr),
        "rmsprop" => OptimizerConfig::rmsprop(lr),
        "adagrad" => OptimizerConfig::adagrad(lr),
        other => {
            return Err(CliError::new(
                "--optimizer",
                format!("unknown optimizer {other:?}"),
            ))
        }
    };
    match &mut config {
        OptimizerConfig::Sgd(c) => set(&mut c.weight_decay, flags.weight_decay),
        OptimizerConfig::Momentum(c) => set(&mut c.weight_decay, flags.weight_decay),
        OptimizerConfig::Adam(c) | OptimizerConfig::AdamW(c) => {
            if let Some((beta1, beta2)) = flags.betas {
                (c.beta1, c.beta2) = (beta1, beta2);
            }
            set(&mut c.eps, flags.eps);
            set(&mut c.weight_decay, flags.weight_decay);
        }
        OptimizerConfig::RmsProp(c) => {
            set(&mut c.alpha, flags.alpha);
            set(&mut c.eps, flags.eps);
            set(&mut c.weight_decay, flags.weight_decay);
            set(&mut c.momentum, flags.momentum);
            c.centered = flags.centered;
        }
        OptimizerConfig::Adagrad(c) => {
            set(&mut c.lr_decay, flags.lr_decay);
            set(&mut c.weight_decay, flags.weight_decay);
            set(&mut c.initial_accumulator_value, flags.initial_accumulator);
            set(&mut c.eps, flags.eps);
        }
    }
    if let OptimizerConfig::Momentum(c) = config {
        if c.nesterov && c.momentum <= 0.0 {
            return Err(CliError::new("--nesterov", "needs --momentum above 0"));
        }
    }
    Ok(config)
}

/// Sets `field` to `value` when one was given.
fn set(field: &mut f64, value: Option<f64>) {
    if let Some(value) = value {
        *field = value;
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
            weight_decay: None,
            alpha: None,
            centered: false,
            lr_decay: None,
            initial_accumulator: None,
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
        assert!(kind("lbfgs").is_err());
        let rmsprop = Flags {
            momentum: Some(0.5),
            centered: true,
            alpha: Some(0.9),
            ..flags("rmsprop")
        };
        let OptimizerConfig::RmsProp(c) = config(&rmsprop, 0.1).expect("rmsprop") else {
            panic!("rmsprop")
        };
        assert!(c.centered && c.momentum == 0.5 && c.alpha == 0.9 && c.eps == 1e-8);
        let adagrad_alpha = Flags {
            alpha: Some(0.9),
            ..flags("adagrad")
        };
        assert_eq!(
            config(&adagrad_alpha, 0.1).expect_err("alpha").to_string(),
            "--alpha: does not apply to --optimizer adagrad"
        );
        let OptimizerConfig::AdamW(c) = config(&flags("adamw"), 0.1).expect("adamw") else {
            panic!("adamw")
        };
        assert_eq!(c.weight_decay, 0.01, "PyTorch's AdamW default");
    }
}
