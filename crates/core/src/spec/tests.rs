//! Tests of `spec`.
use super::*;

const SMALL: &str = r#"{
    "model": {"layers": [1, 2, 1], "hidden_activation": "tanh", "output_activation": "identity"},
    "loss": "mse",
    "optimizer": {"kind": "sgd", "lr": 0.1},
    "epochs": 3,
    "data": {"x": [[0.0], [1.0]], "y": [[1.0], [2.0]]},
    "init": {"layers": [{"weight": [[0.5], [-0.5]], "bias": [0.0, 0.1]},
                        {"weight": [[1.0, 2.0]], "bias": [0.0]}]}
}"#;

fn error_of(mutate: impl Fn(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(SMALL).expect("valid");
    mutate(&mut value);
    match Spec::from_value(&value) {
        Ok(_) => "ok".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_valid_spec_parses() {
    let spec = Spec::from_json(SMALL).expect("valid");
    assert_eq!(spec.layers, vec![1, 2, 1]);
    assert_eq!(spec.hidden_activation, Activation::Tanh);
    assert_eq!(spec.x.shape(), (2, 1));
    let network = spec.network().expect("chains");
    assert_eq!(network.layers()[1].weight[(0, 1)], 2.0);
    assert_eq!(network.layers()[0].weight[(1, 0)], -0.5);
}

#[test]
fn errors_name_the_field() {
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutation)> =
        vec![
        (
            "optimizer.lr: must be a finite number ≥ 0 (got -1)",
            Box::new(|v| v["optimizer"]["lr"] = (-1).into()),
        ),
        (
            "init.layers[1].weight: expected 1×2, got 1×3",
            Box::new(|v| v["init"]["layers"][1]["weight"] = serde_json::json!([[1, 2, 3]])),
        ),
        (
            "model.hidden_activation: unknown activation \"swish\" (relu, sigmoid, tanh, identity)",
            Box::new(|v| v["model"]["hidden_activation"] = "swish".into()),
        ),
        (
            "optimizer.kind: unknown optimizer \"rmsprop\" (sgd, momentum, adam)",
            Box::new(|v| v["optimizer"]["kind"] = "rmsprop".into()),
        ),
        ("loss: unknown loss \"mae\" (mse)", Box::new(|v| v["loss"] = "mae".into())),
        (
            "epochs: must be a non-negative integer (got 1.5)",
            Box::new(|v| v["epochs"] = 1.5.into()),
        ),
        (
            "data.y: expected 2 rows (as many as data.x), got 1",
            Box::new(|v| v["data"]["y"] = serde_json::json!([[1.0]])),
        ),
        (
            "data.x[1]: expected 1 value(s) (model.layers[0] = 1), got 2",
            Box::new(|v| v["data"]["x"][1] = serde_json::json!([1.0, 2.0])),
        ),
        ("model.layers: missing", Box::new(|v| v["model"] = serde_json::json!({}))),
        (
            "init.layers[0].bias: expected 2 value(s) (model.layers[1] = 2), got 1",
            Box::new(|v| v["init"]["layers"][0]["bias"] = serde_json::json!([0.0])),
        ),
    ];
    for (expected, mutate) in cases {
        assert_eq!(error_of(mutate), expected);
    }
    let invalid = Spec::from_json("{").map(|_| ()).err();
    assert!(invalid.is_some_and(|e| e.path() == "spec" && !e.to_string().contains('\n')));
}

#[test]
fn a_seed_may_replace_init() {
    let spec = error_of(|v| {
        if let Some(map) = v.as_object_mut() {
            map.remove("init");
            map.insert("seed".into(), 7.into());
        }
    });
    assert_eq!(spec, "ok");
    let missing = error_of(|v| {
        if let Some(map) = v.as_object_mut() {
            map.remove("init");
        }
    });
    assert!(missing.starts_with("init: missing"));
}
