//! Runs `descent backprop`: the chain-rule factors multiply to the
//! gradients, finite differences agree, the update lowers the loss, and bad
//! values are one line on stderr with exit code 2.

use std::process::{Command, Output};

use serde_json::Value;

fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let output = descent(args);
    assert!(
        output.status.success(),
        "stderr {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

#[test]
fn factors_multiply_to_the_gradients_and_match_finite_differences() {
    for args in [
        &["backprop"][..],
        &[
            "backprop",
            "--x",
            "-2",
            "--y",
            "0",
            "--w1",
            "0.3",
            "--w2=-1.5",
        ][..],
    ] {
        let out = json(args);
        let f = &out["factors"];
        let product = |keys: &[&str]| keys.iter().map(|k| num(&f[*k])).product::<f64>();
        let w2 = num(&out["gradients"]["dL_dW2"]);
        let w1 = num(&out["gradients"]["dL_dW1"]);
        assert_eq!(num(&f["dL_dW2"]), w2);
        assert!((product(&["dL_dyhat", "dyhat_dz2", "dz2_dW2"]) - w2).abs() < 1e-15);
        assert!(
            (product(&["dL_dyhat", "dyhat_dz2", "dz2_da1", "da1_dz1", "dz1_dW1"]) - w1).abs()
                < 1e-15
        );
        assert!((num(&out["finite_differences"]["dL_dW2"]) - w2).abs() < 1e-6);
        assert!((num(&out["finite_differences"]["dL_dW1"]) - w1).abs() < 1e-6);
        let update = &out["update"];
        assert!(num(&update["loss_after"]) < num(&update["loss_before"]));
        assert_eq!(num(&update["loss_before"]), num(&out["forward"]["loss"]));
    }
}

#[test]
fn defaults_are_the_scenes_example() {
    let out = json(&["backprop"]);
    assert_eq!(num(&out["x"]), 1.5);
    assert_eq!(num(&out["parameters"]["w1"]), 0.8);
    // z1 = 0.8 · 1.5 − 0.2 = 1
    assert!((num(&out["forward"]["z1"]) - 1.0).abs() < 1e-15);
    assert_eq!(num(&out["factors"]["dz1_dW1"]), 1.5);
    assert_eq!(num(&out["factors"]["dz2_da1"]), 1.2);
    // W2 ← W2 − η·∂L/∂W2 with η = 1
    let w2 = num(&out["update"]["parameters"]["w2"]);
    assert!((w2 - (1.2 - num(&out["gradients"]["dL_dW2"]))).abs() < 1e-15);
}

#[test]
fn bad_values_are_one_line_and_exit_2() {
    for (args, flag) in [
        (&["backprop", "--w2", "abc"][..], "--w2: "),
        (&["backprop", "--y", "2"][..], "--y: "),
        (&["backprop", "--b1", "50"][..], "--b1: "),
        (&["backprop", "--lr", "-1"][..], "--lr: "),
        (&["backprop", "--z", "1"][..], "--z: unknown flag"),
    ] {
        let output = descent(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with(&format!("descent: {flag}")) && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty());
    }
}
