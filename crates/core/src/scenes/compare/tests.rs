use super::*;

fn on(name: &str) -> Compare {
    Compare::new(Landscape::from_name(name).expect("a built-in landscape"))
}

#[test]
fn the_table_shows_three_regimes_on_every_curve_and_simple_surface() {
    for name in ["data-mse", "bumpy", "bowl", "round-bowl", "two-pits"] {
        let mut compare = on(name);
        compare.apply(Preset::Table);
        let regimes: Vec<Regime> = (0..3)
            .map(|i| compare.regime(i).expect("three runs"))
            .collect();
        assert_eq!(regimes[0], Regime::TooSlow, "{name}: {regimes:?}");
        assert!(
            matches!(regimes[2], Regime::Diverging | Regime::Bouncing),
            "{name}: {regimes:?}"
        );
        assert!(
            regimes[1] != regimes[0] && regimes[1] != regimes[2],
            "{name}: {regimes:?}"
        );
        let rates: Vec<f64> = compare
            .configs()
            .iter()
            .map(OptimizerConfig::learning_rate)
            .collect();
        assert!(
            rates[0] < rates[1] && rates[1] < rates[2],
            "{name}: {rates:?}"
        );
        // What the look-ahead says is what the runs do.
        compare.step(HORIZON as u64);
        assert_eq!(compare.standing(2), Some(Standing::Diverged), "{name}");
    }
}

#[test]
fn momentum_and_nesterov_leave_the_shallow_pit_sgd_and_adam_stay() {
    let mut compare = on("data-mse");
    compare.apply(Preset::Optimizers);
    assert_eq!(compare.landscape().name(), "bumpy");
    let kinds: Vec<&str> = compare.configs().iter().map(kind_of).collect();
    assert_eq!(kinds, ["sgd", "momentum", "nesterov", "adam"]);
    compare.step(500);
    let ends: Vec<f64> = compare.runners().map(|r| r.position()[0]).collect();
    let Landscape::Curve(curve) = compare.landscape() else {
        panic!("a curve")
    };
    let [deep, shallow] = [curve.minima()[0], curve.minima()[1]];
    assert!((ends[0] - shallow).abs() < 1e-3, "{ends:?}");
    assert!((ends[1] - deep).abs() < 1e-3, "{ends:?}");
    assert!((ends[2] - deep).abs() < 1e-3, "{ends:?}");
    assert!((ends[3] - shallow).abs() < 1e-2, "{ends:?}");
    // The two that found the deeper pit lead the board.
    let board = compare.leaderboard();
    assert_eq!(&board[2..], &[0, 3], "{board:?}");
}

#[test]
fn in_the_ravine_sgd_crawls_along_b_and_momentum_and_adam_do_not() {
    let mut compare = on("bowl");
    compare.apply(Preset::Ravine);
    assert_eq!(compare.landscape().name(), "line-mse");
    compare.step(100);
    let best = compare.landscape().minima()[0];
    let off_b: Vec<f64> = compare
        .runners()
        .map(|r| (r.position()[1] - best[1]).abs())
        .collect();
    assert!(off_b[0] > 2.0 * off_b[1], "{off_b:?}");
    assert!(off_b[0] > 2.0 * off_b[2], "{off_b:?}");
    // SGD zigzags: its steps in w turn back.
    let sgd = compare.runner(0).expect("SGD");
    let turns = sgd
        .trajectory()
        .windows(3)
        .take(5)
        .filter(|p| (p[1][0] - p[0][0]) * (p[2][0] - p[1][0]) < 0.0)
        .count();
    assert!(turns >= 3, "{turns}");
}

#[test]
fn runs_are_added_up_to_four_and_never_all_removed() {
    let mut compare = on("bowl");
    assert_eq!(compare.len(), 1);
    for kind in ["momentum", "adam", "rmsprop"] {
        assert!(compare.add(optimizer(kind, 0.1).expect("a kind")));
    }
    assert!(!compare.add(OptimizerConfig::sgd(0.1)));
    assert_eq!(compare.len(), MAX_RUNNERS);
    assert!(compare.remove(1));
    assert!(!compare.remove(7));
    while compare.len() > 1 {
        compare.remove(0);
    }
    assert!(!compare.remove(0));
    assert!(optimizer("lbfgs", 0.1).is_none());
    for kind in KINDS {
        assert_eq!(kind_of(&optimizer(kind, 0.1).expect("a kind")), kind);
    }
}

#[test]
fn the_leaderboard_ranks_by_steps_then_never_then_diverged() {
    let mut compare = on("bowl");
    compare.set_configs(&[
        OptimizerConfig::sgd(3.0),
        OptimizerConfig::sgd(0.001),
        OptimizerConfig::sgd(0.2),
        OptimizerConfig::sgd(0.5),
    ]);
    compare.step(200);
    assert_eq!(compare.standing(0), Some(Standing::Diverged));
    assert_eq!(compare.standing(1), Some(Standing::Never));
    assert_eq!(compare.standing(3), Some(Standing::Reached(1)));
    let Some(Standing::Reached(k)) = compare.standing(2) else {
        panic!("η = 0.2 reaches the bottom")
    };
    assert!(k > 1 && k < 200, "{k}");
    assert_eq!(compare.leaderboard(), [3, 2, 1, 0]);
    // A diverged run stops; the others go on, and nothing is NaN.
    compare.step(10_000);
    assert!(compare.runners().all(|r| r.steps() <= MAX_STEPS));
}

#[test]
fn a_new_start_or_landscape_starts_every_run_over_with_its_settings() {
    let mut compare = on("bowl");
    compare.add(OptimizerConfig::adam(0.05));
    compare.step(10);
    compare.set_start([1.0, 5.0]);
    assert_eq!(compare.start(), [1.0, 0.0]);
    assert!(compare
        .runners()
        .all(|r| r.steps() == 0 && r.start() == [1.0, 0.0]));
    compare.set_start([f64::NAN, 0.0]);
    assert_eq!(compare.start(), [1.0, 0.0]);
    let configs = compare.configs();
    compare.set_landscape(Landscape::formula("w^2 + 3*b^2").expect("parses"));
    assert_eq!(compare.configs(), configs);
    assert_eq!(compare.start(), compare.landscape().default_start());
    // A formula has no known minima: the floor is the lowest loss seen.
    compare.step(300);
    assert!(compare.floor() < 1e-6);
    assert!(matches!(compare.standing(0), Some(Standing::Reached(_))));
}

#[test]
fn the_landscape_sweep_falls_off_its_cliff_at_eta_star() {
    for name in ["bowl", "data-mse", "round-bowl", "line-mse"] {
        let compare = on(name);
        let critical = compare.critical_learning_rate();
        let sweep = compare.sweep(OptimizerConfig::sgd(0.0), 200);
        assert_eq!(sweep.sweep.learning_rates.len(), SWEEP_POINTS);
        let cliff = sweep.sweep.first_diverging().expect("a cliff");
        let rates = &sweep.sweep.learning_rates;
        let i = rates.iter().position(|r| *r == cliff).expect("a rate");
        assert!(
            rates[i - 1] <= critical * 1.0001,
            "{name}: {cliff} vs {critical}"
        );
        assert!(
            rates[i.saturating_sub(2)] < critical && cliff / critical < 1.1,
            "{name}: {cliff} vs {critical}"
        );
    }
}

#[test]
fn the_network_sweep_runs_a_few_rates_at_a_time_and_matches_one_sweep() {
    let mut chunked = NetworkSweep::new(OptimizerConfig::sgd(0.0), 1e-4, 1.0, 12);
    assert_eq!(chunked.progress(), (0, 12));
    while chunked.advance(5) > 0 {}
    assert!(chunked.finished());
    let whole = crate::sweep::training(&chapter_spec(), chunked.rates()).expect("a valid spec");
    assert_eq!(chunked.sweep(), &whole);
    // The chapter's η = 0.01 trains; η = 1 flies off.
    let at = |eta: f64| {
        let i = whole
            .learning_rates
            .iter()
            .position(|r| (r / eta - 1.0).abs() < 0.5);
        whole.regimes[i.expect("a rate near")]
    };
    assert_ne!(at(1e-2), Regime::Diverging);
    assert_eq!(at(1.0), Regime::Diverging);
}

#[test]
fn the_chapters_spec_is_the_chapters_training() {
    let mut from_spec = chapter_spec().training().expect("a valid spec");
    let mut chapter = crate::Training::chapter();
    for _ in 0..5 {
        assert_eq!(from_spec.epoch(), chapter.epoch());
    }
}
