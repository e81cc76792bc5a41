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
            "optimizer.kind: unknown optimizer \"lbfgs\" \
             (sgd, momentum, adam, adamw, rmsprop, adagrad)",
            Box::new(|v| v["optimizer"]["kind"] = "lbfgs".into()),
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

#[test]
fn types_are_named_with_what_was_found() {
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "spec: expected an object, got an array",
            Box::new(|v| *v = serde_json::json!([1, 2])),
        ),
        (
            "optimizer: expected an object, got 3",
            Box::new(|v| v["optimizer"] = 3.into()),
        ),
        (
            "optimizer.lr: must be a finite number ≥ 0 (got the string \"fast\")",
            Box::new(|v| v["optimizer"]["lr"] = "fast".into()),
        ),
        (
            "model.layers: expected an array of layer sizes, got an object",
            Box::new(|v| v["model"]["layers"] = serde_json::json!({})),
        ),
        (
            "model.layers[1]: must be a positive integer (got -2)",
            Box::new(|v| v["model"]["layers"][1] = (-2).into()),
        ),
        (
            "model.output_activation: expected a string, got 3",
            Box::new(|v| v["model"]["output_activation"] = 3.into()),
        ),
        (
            "data.x[0][0]: expected a number, got the string \"a\"",
            Box::new(|v| v["data"]["x"][0][0] = "a".into()),
        ),
        (
            "loss: expected a string, got null",
            Box::new(|v| v["loss"] = Value::Null),
        ),
        (
            "loss: missing",
            Box::new(|v| {
                if let Some(map) = v.as_object_mut() {
                    map.remove("loss");
                }
            }),
        ),
        (
            "seed: must be a non-negative integer (got -4)",
            Box::new(|v| {
                if let Some(map) = v.as_object_mut() {
                    map.remove("init");
                    map.insert("seed".into(), (-4).into());
                }
            }),
        ),
        (
            "optimizer.betas: expected 2 numbers [β₁, β₂], got 3",
            Box::new(|v| {
                v["optimizer"] =
                    serde_json::json!({"kind": "adam", "lr": 0.1, "betas": [0.9, 0.9, 0.9]});
            }),
        ),
        (
            "optimizer.nesterov: expected true or false, got the string \"yes\"",
            Box::new(|v| {
                v["optimizer"] = serde_json::json!(
                    {"kind": "momentum", "lr": 0.1, "momentum": 0.9, "nesterov": "yes"}
                );
            }),
        ),
    ];
    for (expected, mutate) in cases {
        assert_eq!(error_of(mutate), expected);
    }
}

#[test]
fn the_loss_is_read_and_checked() {
    assert_eq!(
        error_of(|v| v["loss"] = "cross_entropy".into()),
        "loss: unknown loss \"cross_entropy\" (mse)"
    );
    let spec = Spec::from_json(SMALL).expect("valid");
    assert_eq!(spec.loss, Loss::Mse);
}

#[test]
fn unknown_fields_are_ignored_as_before() {
    assert_eq!(
        error_of(|v| {
            v["expected"] = serde_json::json!({"loss": [1.0]});
            v["description"] = "a run".into();
            v["model"]["note"] = "a comment".into();
        }),
        "ok"
    );
}

#[test]
fn numbers_are_read_exactly() {
    let text = SMALL.replace("\"lr\": 0.1", "\"lr\": 0.30000000000000004");
    let spec = Spec::from_json(&text).expect("valid");
    assert_eq!(spec.optimizer, OptimizerConfig::sgd(0.1 + 0.2));
}

#[test]
fn caps_are_checked_before_anything_is_allocated() {
    // The spec that once asked for 200 GB: a 25 000 000-wide input layer.
    let rows: Vec<Value> = (0..1000).map(|i| serde_json::json!([i])).collect();
    let wide = serde_json::json!({
        "model": {"layers": [25_000_000, 1], "output_activation": "identity"},
        "loss": "mse",
        "optimizer": {"kind": "sgd", "lr": 0.1},
        "epochs": 1,
        "data": {"x": rows, "y": rows},
        "seed": 1
    });
    let error = Spec::from_value(&wide).map(|_| ()).err();
    assert_eq!(
        error.map(|e| e.to_string()),
        Some(format!(
            "model.layers: 25000001 parameters, more than the {MAX_PARAMETERS} allowed"
        ))
    );

    // Within the parameter cap, a row's width is checked against the layer
    // sizes before any matrix is built.
    let mut narrow = wide.clone();
    narrow["model"]["layers"] = serde_json::json!([500_000, 1]);
    assert_eq!(
        Spec::from_value(&narrow)
            .map(|_| ())
            .err()
            .map(|e| e.to_string()),
        Some("data.x[0]: expected 500000 value(s) (model.layers[0] = 500000), got 1".into())
    );

    let many: Vec<Value> = (0..=MAX_SAMPLES)
        .map(|_| serde_json::json!([0.0]))
        .collect();
    let samples = error_of(|v| {
        v["data"]["x"] = many.clone().into();
        v["data"]["y"] = many.clone().into();
    });
    assert_eq!(
        samples,
        format!(
            "data.x: at most {MAX_SAMPLES} samples (got {})",
            MAX_SAMPLES + 1
        )
    );

    assert_eq!(error_of(|v| v["epochs"] = MAX_EPOCHS.into()), "ok");
    let heavy = error_of(|v| {
        v["model"]["layers"] = serde_json::json!([1, 10_000, 1]);
        v["epochs"] = MAX_EPOCHS.into();
        v.as_object_mut().map(|map| map.remove("init"));
        v["seed"] = 1.into();
    });
    assert_eq!(
        heavy,
        format!(
            "epochs: 10000000 epochs × 2 samples × 30001 parameters is more than the \
             {MAX_WORK} allowed"
        )
    );
    assert_eq!(
        error_of(|v| v["epochs"] = (MAX_EPOCHS + 1).into()),
        format!("epochs: at most {MAX_EPOCHS} (got {})", MAX_EPOCHS + 1)
    );
}

#[test]
fn network_errors_are_named_by_the_spec_field() {
    let spec = Spec::from_json(SMALL).expect("valid");
    let mut layers = match &spec.init {
        Init::Layers(layers) => layers.clone(),
        Init::Seed(_) => Vec::new(),
    };
    layers[1] = Layer::zeros(3, 1);
    let bad = Spec {
        init: Init::Layers(layers),
        ..spec
    };
    assert_eq!(
        bad.network().err().map(|e| e.to_string()),
        Some("init.layers[1].weight: expected 1×2, got 1×3".into())
    );
}

#[test]
fn batches_are_read_and_checked() {
    let with = |batches: Value| {
        error_of(move |v| {
            v["epochs"] = 2.into();
            v["batches"] = batches.clone();
        })
    };
    assert_eq!(
        with(serde_json::json!({"size": 1, "order": [[1, 0], [0, 1]]})),
        "ok"
    );
    let cases = [
        (
            serde_json::json!({"size": 0, "order": [[1, 0], [0, 1]]}),
            "batches.size: must be a positive integer (got 0)",
        ),
        (
            serde_json::json!({"order": [[1, 0], [0, 1]]}),
            "batches.size: missing",
        ),
        (serde_json::json!({"size": 1}), "batches.order: missing"),
        (
            serde_json::json!({"size": 1, "order": [[1, 0]]}),
            "batches.order: expected 2 orders (one per epoch), got 1",
        ),
        (
            serde_json::json!({"size": 1, "order": [[1, 0], [1, 1]]}),
            "batches.order[1]: not a permutation of 0..1 (1 appears twice)",
        ),
        (
            serde_json::json!({"size": 1, "order": [[1, 0], [0, 2]]}),
            "batches.order[1]: not a permutation of 0..1 (2 is out of range)",
        ),
        (
            serde_json::json!({"size": 1, "order": [[1, 0], [0]]}),
            "batches.order[1]: not a permutation of 0..1 (1 indices for 2 samples)",
        ),
        (
            serde_json::json!({"size": 1, "order": [[1, 0], [0, -1]]}),
            "batches.order[1][1]: must be a non-negative integer (got -1)",
        ),
        (
            serde_json::json!({"size": 1, "order": [[1, 0], 3]}),
            "batches.order[1]: expected an array of sample indices, got 3",
        ),
        (
            serde_json::json!([1]),
            "batches: expected an object, got an array",
        ),
    ];
    for (batches, expected) in cases {
        assert_eq!(with(batches), expected);
    }

    let mut value: Value = serde_json::from_str(SMALL).expect("valid");
    value["epochs"] = 2.into();
    value["batches"] = serde_json::json!({"size": 1, "order": [[1, 0], [0, 1]]});
    let spec = Spec::from_value(&value).expect("valid");
    let run = train(&spec).expect("trains");
    assert_eq!(run.losses.len(), 4);
}
