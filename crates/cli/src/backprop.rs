//! `descent backprop`: the chain rule on the chapter's 1 → 1 → 1 sigmoid
//! network for one example, every factor and gradient as JSON.

use descent_core::scenes::backprop::{ChainParameters, ChainRule, Example, Factor, Forward};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::args::{finite, learning_rate};
use crate::error::CliError;
use crate::json::{self, Number};

/// `descent backprop [--x X] [--y Y] [--w1 W] [--b1 B] [--w2 W] [--b2 B] [--lr X]`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The example's input x (default 1.5).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    x: Option<f64>,
    /// The example's target y, in [0, 1] (default 1).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    y: Option<f64>,
    /// W1 (default 0.8).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    w1: Option<f64>,
    /// b1 (default -0.2).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    b1: Option<f64>,
    /// W2 (default 1.2).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    w2: Option<f64>,
    /// b2 (default 0.1).
    #[arg(long, value_parser = finite, allow_negative_numbers = true)]
    b2: Option<f64>,
    /// The learning rate of the one update (default 1).
    #[arg(long, value_parser = learning_rate, allow_negative_numbers = true)]
    lr: Option<f64>,
}

#[derive(Serialize)]
struct Parameters {
    #[serde(serialize_with = "json::number")]
    w1: f64,
    #[serde(serialize_with = "json::number")]
    b1: f64,
    #[serde(serialize_with = "json::number")]
    w2: f64,
    #[serde(serialize_with = "json::number")]
    b2: f64,
}

impl From<ChainParameters> for Parameters {
    fn from(ChainParameters { w1, b1, w2, b2 }: ChainParameters) -> Self {
        Self { w1, b1, w2, b2 }
    }
}

#[derive(Serialize)]
struct ForwardJson {
    #[serde(serialize_with = "json::number")]
    z1: f64,
    #[serde(serialize_with = "json::number")]
    a1: f64,
    #[serde(serialize_with = "json::number")]
    z2: f64,
    #[serde(serialize_with = "json::number")]
    y_hat: f64,
    #[serde(serialize_with = "json::number")]
    loss: f64,
}

impl From<Forward> for ForwardJson {
    fn from(f: Forward) -> Self {
        Self {
            z1: f.z1,
            a1: f.a1,
            z2: f.z2,
            y_hat: f.y_hat,
            loss: f.loss,
        }
    }
}

/// Every factor of the walk, keyed as [`Factor::key`], in the walk's order.
struct Factors<'a>(&'a ChainRule);

impl Serialize for Factors<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(Factor::WALK.len()))?;
        for factor in Factor::WALK {
            map.serialize_entry(factor.key(), &Number(self.0.factor(factor)))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
#[allow(non_snake_case)]
struct Gradients {
    #[serde(serialize_with = "json::number")]
    dL_dW2: f64,
    #[serde(serialize_with = "json::number")]
    dL_dW1: f64,
    #[serde(serialize_with = "json::number")]
    dL_db2: f64,
    #[serde(serialize_with = "json::number")]
    dL_db1: f64,
}

#[derive(Serialize)]
#[allow(non_snake_case)]
struct FiniteDifferences {
    #[serde(serialize_with = "json::number")]
    dL_dW2: f64,
    #[serde(serialize_with = "json::number")]
    dL_dW1: f64,
}

#[derive(Serialize)]
struct Update {
    #[serde(serialize_with = "json::number")]
    learning_rate: f64,
    parameters: Parameters,
    #[serde(serialize_with = "json::number")]
    loss_before: f64,
    #[serde(serialize_with = "json::number")]
    loss_after: f64,
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(serialize_with = "json::number")]
    x: f64,
    #[serde(serialize_with = "json::number")]
    y: f64,
    parameters: Parameters,
    forward: ForwardJson,
    factors: Factors<'a>,
    gradients: Gradients,
    finite_differences: FiniteDifferences,
    update: Update,
}

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &Args) -> Result<String, CliError> {
    let (p, e) = (ChainParameters::default(), Example::default());
    let example = Example {
        x: args.x.unwrap_or(e.x),
        y: args.y.unwrap_or(e.y),
    };
    let parameters = ChainParameters {
        w1: args.w1.unwrap_or(p.w1),
        b1: args.b1.unwrap_or(p.b1),
        w2: args.w2.unwrap_or(p.w2),
        b2: args.b2.unwrap_or(p.b2),
    };
    let learning_rate = args.lr.unwrap_or(1.0);
    let chain = ChainRule::new(parameters, example)
        .map_err(|e| CliError::new(format!("--{}", e.path()), e.problem()))?;
    let forward = chain.forward();
    let next = chain.updated(learning_rate);
    let loss_after = ChainRule::new(next, example).map_or(f64::NAN, |after| after.forward().loss);
    Ok(json::to_string(&Output {
        x: example.x,
        y: example.y,
        parameters: parameters.into(),
        forward: forward.into(),
        factors: Factors(&chain),
        gradients: Gradients {
            dL_dW2: chain.factor(Factor::LossByW2),
            dL_dW1: chain.factor(Factor::LossByW1),
            dL_db2: chain.grad_b2(),
            dL_db1: chain.grad_b1(),
        },
        finite_differences: FiniteDifferences {
            dL_dW2: chain.finite_difference(Factor::LossByW2),
            dL_dW1: chain.finite_difference(Factor::LossByW1),
        },
        update: Update {
            learning_rate,
            parameters: next.into(),
            loss_before: forward.loss,
            loss_after,
        },
    }))
}
