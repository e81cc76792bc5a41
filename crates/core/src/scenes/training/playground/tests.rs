use super::*;
use crate::datasets::DataKind;
use crate::export::pytorch::{chapter_script, script, Dtype, ScriptOptions};
use crate::scenes::training::TrainingLoop;

#[test]
fn the_chapters_settings_are_the_chapters_run() {
    let mut run = Playground::chapter().training().expect("valid");
    let mut chapter = Training::chapter();
    assert_eq!(run.step(100), 100);
    chapter.step(100);
    assert_eq!(run.loss(), chapter.loss());
    assert_eq!(run.network(), chapter.network());
    for seed in [0, 7, 999_999] {
        let mut a = Playground::chapter_seeded(seed).training().expect("valid");
        let mut b = Training::chapter_seeded(seed, OptimizerConfig::sgd(0.01));
        a.step(30);
        b.step(30);
        assert_eq!(a.loss(), b.loss(), "seed {seed}");
    }
}

#[test]
fn the_chapters_settings_write_the_chapters_script() {
    let setup = Playground::chapter();
    let spec = setup.spec(SCRIPT_EPOCHS).expect("valid");
    for dtype in Dtype::ALL {
        let options = ScriptOptions {
            dtype,
            data: Some(setup.data),
        };
        assert_eq!(
            script(&spec, &options).expect("writes"),
            chapter_script(dtype)
        );
    }
}

#[test]
fn every_setting_trains_and_writes_a_script() {
    for kind in DataKind::ALL {
        for optimizer in OPTIMIZERS {
            for (layers, width) in [(1, 1), (2, 8), (3, 4)] {
                let setup = Playground {
                    data: DataRecipe {
                        points: 40,
                        outlier: true,
                        ..DataRecipe::new(kind)
                    },
                    layers,
                    width,
                    activation: Activation::Tanh,
                    optimizer: optimizer.to_owned(),
                    learning_rate: 0.01,
                    decay: Some(1e-3),
                    batch: Some(16),
                    seed: 3,
                };
                let mut run = TrainingLoop::new(setup.training().expect("valid"), None);
                assert_eq!(run.step(5), 5, "{kind:?} {optimizer}");
                assert!(run.training().loss().is_some_and(f64::is_finite));
                assert_eq!(run.training().steps(), 15, "three batches an epoch");
                let spec = setup.spec(SCRIPT_EPOCHS).expect("valid");
                let text = script(&spec, &ScriptOptions::new(Dtype::Float32)).expect("writes");
                assert!(text.contains("batch_orders[epoch % 10]"));
                assert!(text.contains("weight_decay=0.001"), "{optimizer}:\n{text}");
            }
        }
    }
}

#[test]
fn out_of_range_settings_are_named() {
    let bad = |change: fn(&mut Playground)| {
        let mut setup = Playground::chapter();
        change(&mut setup);
        setup.training().map(|_| ()).map_err(|e| e.field())
    };
    assert_eq!(bad(|s| s.layers = 4), Err("layers"));
    assert_eq!(bad(|s| s.width = 0), Err("width"));
    assert_eq!(bad(|s| s.width = 65), Err("width"));
    assert_eq!(
        bad(|s| s.activation = Activation::Identity),
        Err("activation")
    );
    assert_eq!(bad(|s| s.optimizer = "lbfgs".into()), Err("optimizer"));
    assert_eq!(bad(|s| s.decay = Some(f64::NAN)), Err("decay"));
    assert_eq!(bad(|s| s.batch = Some(0)), Err("batch"));
    assert_eq!(bad(|s| s.data.points = 1), Err("points"));
    assert_eq!(bad(|s| s.learning_rate = -1.0), Err("lr"));
    assert_eq!(bad(|_| ()), Ok(()));
}

#[test]
fn optimizers_keep_pytorchs_defaults_unless_told() {
    assert_eq!(
        optimizer("adamw", 0.1, None).map(|o| o.weight_decay()),
        Some(0.01)
    );
    assert_eq!(
        optimizer("adam", 0.1, None).map(|o| o.weight_decay()),
        Some(0.0)
    );
    assert_eq!(
        optimizer("sgd", 0.1, Some(0.5)).map(|o| o.weight_decay()),
        Some(0.5)
    );
    assert!(optimizer("nope", 0.1, None).is_none());
}
