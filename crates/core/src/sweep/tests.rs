use super::*;
use crate::landscape::Runner;
use crate::Curve;

fn chapter_spec() -> Spec {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed_chapter3.json"
    );
    let text = std::fs::read_to_string(path).expect("the chapter's fixture");
    Spec::from_json(&text).expect("a valid spec")
}

#[test]
fn log_spaced_rates_keep_their_ends_and_a_constant_ratio() {
    let rates = log_spaced(1e-3, 10.0, 5);
    assert_eq!(rates.first(), Some(&1e-3));
    assert_eq!(rates.last(), Some(&10.0));
    for pair in rates.windows(2) {
        assert!((pair[1] / pair[0] - 10.0).abs() < 1e-12, "{rates:?}");
    }
    assert_eq!(log_spaced(0.5, 2.0, 1), vec![0.5]);
    assert!(log_spaced(0.5, 2.0, 0).is_empty());
    let down = log_spaced(1.0, 0.01, 3);
    assert!((down[1] - 0.1).abs() < 1e-15);
}

#[test]
fn a_sweep_is_the_runs_it_stands_for() {
    let landscapes = [
        Landscape::from_name("two-pits").expect("known"),
        Landscape::formula("w^4/4 - w^2 + 0.35*w + 1.6 + sin(5*w)/10").expect("parses"),
    ];
    for landscape in landscapes {
        let start = landscape.default_start();
        for config in [
            OptimizerConfig::sgd(0.0),
            OptimizerConfig::momentum(0.0, 0.9, true),
            OptimizerConfig::adam(0.0),
        ] {
            let rates = log_spaced(1e-3, 3.0, 25);
            let sweep = super::landscape(&landscape, start, config, 150, &rates);
            assert_eq!(sweep.learning_rates, rates);
            for (i, &lr) in rates.iter().enumerate() {
                let mut run = Runner::new(landscape.clone(), start, config.with_learning_rate(lr));
                run.step(150);
                let (got, want) = (sweep.final_losses[i], run.loss());
                assert!(
                    got.to_bits() == want.to_bits(),
                    "{config:?} η={lr}: {got} vs {want}"
                );
                assert_eq!(sweep.regimes[i], run.regime(), "{config:?} η={lr}");
            }
        }
    }
}

#[test]
fn on_a_parabola_the_sweep_reads_as_the_theory() {
    // L = (a/2)·w² with a = 2: η* = 1.
    let bowl = Landscape::Curve(Curve::bowl());
    let rates = log_spaced(1e-3, 4.0, 60);
    let sweep = super::landscape(&bowl, [1.0, 0.0], OptimizerConfig::sgd(0.0), 200, &rates);
    for (i, &lr) in rates.iter().enumerate() {
        let theory = Regime::classify(lr, 2.0);
        assert_eq!(sweep.regimes[i], theory, "η={lr}");
        // Each step multiplies w by (1 − 2η): after 200 steps L = (1 − 2η)⁴⁰⁰.
        let want = (1.0 - 2.0 * lr).powi(400);
        let got = sweep.final_losses[i];
        if want < 1e300 {
            assert!(
                (got - want).abs() <= 1e-9 * want + 1e-300,
                "η={lr}: {got} vs {want}"
            );
        }
    }
    assert!(sweep
        .first_diverging()
        .is_some_and(|lr| lr > 1.0 && lr < 1.2));
}

#[test]
fn the_chapters_network_falls_off_its_cliff_near_0_032() {
    let spec = chapter_spec();
    let rates = log_spaced(0.01, 0.1, 91);
    let sweep = training(&spec, &rates).expect("trains");
    // η = 0.01 is the chapter's run: the loss after its 100 updates.
    assert!((sweep.final_losses[0] - 0.816_383_458_979).abs() < 1e-9);
    assert_eq!(sweep.regimes[0], Regime::TooSlow);
    // The best final loss comes just below η ≈ 0.017; above it the runs
    // overshoot, then bounce, and from η ≈ 0.032 they blow up within the
    // 100 epochs (the chapter's warning example, η = 0.05, is well past it).
    let best = (0..rates.len())
        .min_by(|&i, &j| sweep.final_losses[i].total_cmp(&sweep.final_losses[j]))
        .map(|i| rates[i]);
    assert!(
        best.is_some_and(|lr| (0.016..0.018).contains(&lr)),
        "{best:?}"
    );
    let cliff = sweep.first_diverging().expect("diverges somewhere");
    assert!((0.0316..0.0325).contains(&cliff), "{cliff}");
    assert!(rates
        .iter()
        .zip(&sweep.regimes)
        .filter(|(lr, _)| **lr >= 0.0325)
        .all(|(_, r)| *r == Regime::Diverging));
    assert!(sweep.final_losses[rates.len() - 1].is_infinite());
    // The run at η = 0.05 is the fixture's diverging run.
    let at_005 = training(&spec, &[0.05]).expect("trains");
    assert_eq!(at_005.regimes, [Regime::Diverging]);
}
