//! `descent backprop`: the chain rule on the chapter's 1 → 1 → 1 sigmoid
//! network for one example, every factor and gradient as JSON.

use descent_core::chain_rule::{ChainParameters, ChainRule, Example, Factor};

use crate::args::Flags;
use crate::error::CliError;
use crate::json;

/// Runs the subcommand and returns the JSON to print.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let flags = Flags::parse(
        "backprop",
        args,
        &["--x", "--y", "--w1", "--b1", "--w2", "--b2", "--lr"],
    )?;
    let (p, e) = (ChainParameters::default(), Example::default());
    let example = Example {
        x: flags.finite("--x")?.unwrap_or(e.x),
        y: flags.finite("--y")?.unwrap_or(e.y),
    };
    let parameters = ChainParameters {
        w1: flags.finite("--w1")?.unwrap_or(p.w1),
        b1: flags.finite("--b1")?.unwrap_or(p.b1),
        w2: flags.finite("--w2")?.unwrap_or(p.w2),
        b2: flags.finite("--b2")?.unwrap_or(p.b2),
    };
    let learning_rate = flags.finite("--lr")?.unwrap_or(1.0);
    if learning_rate < 0.0 {
        return Err(CliError::new(
            "--lr",
            format!("must be a finite number ≥ 0 (got {learning_rate})"),
        ));
    }
    let chain = ChainRule::new(parameters, example)
        .map_err(|e| CliError::new(format!("--{}", e.path()), e.problem()))?;
    let forward = chain.forward();
    let factors: Vec<(&str, String)> = Factor::WALK
        .iter()
        .map(|f| (f.key(), json::number(chain.factor(*f))))
        .collect();
    let next = chain.updated(learning_rate);
    let loss_after = ChainRule::new(next, example).map_or(f64::NAN, |after| after.forward().loss);
    Ok(json::object(&[
        ("x", json::number(example.x)),
        ("y", json::number(example.y)),
        ("parameters", parameters_json(parameters)),
        (
            "forward",
            json::object(&[
                ("z1", json::number(forward.z1)),
                ("a1", json::number(forward.a1)),
                ("z2", json::number(forward.z2)),
                ("y_hat", json::number(forward.y_hat)),
                ("loss", json::number(forward.loss)),
            ]),
        ),
        ("factors", json::object(&factors)),
        (
            "gradients",
            json::object(&[
                ("dL_dW2", json::number(chain.factor(Factor::LossByW2))),
                ("dL_dW1", json::number(chain.factor(Factor::LossByW1))),
                ("dL_db2", json::number(chain.grad_b2())),
                ("dL_db1", json::number(chain.grad_b1())),
            ]),
        ),
        (
            "finite_differences",
            json::object(&[
                (
                    "dL_dW2",
                    json::number(chain.finite_difference(Factor::LossByW2)),
                ),
                (
                    "dL_dW1",
                    json::number(chain.finite_difference(Factor::LossByW1)),
                ),
            ]),
        ),
        (
            "update",
            json::object(&[
                ("learning_rate", json::number(learning_rate)),
                ("parameters", parameters_json(next)),
                ("loss_before", json::number(forward.loss)),
                ("loss_after", json::number(loss_after)),
            ]),
        ),
    ]))
}

fn parameters_json(p: ChainParameters) -> String {
    json::object(&[
        ("w1", json::number(p.w1)),
        ("b1", json::number(p.b1)),
        ("w2", json::number(p.w2)),
        ("b2", json::number(p.b2)),
    ])
}
