use super::*;

/// A quadratic with curvature a, minimum at 0.
fn bowl(a: f64) -> Curve {
    Curve::Bowl {
        curvature: a,
        center: 0.0,
    }
}

/// Positions w₀, w₁, … wₙ of a run.
fn trajectory(a: f64, eta: f64, n: usize) -> Vec<f64> {
    let mut run = Descent::new(bowl(a), 1.0, eta);
    let mut ws = vec![run.w()];
    for _ in 0..n {
        run.step(1);
        ws.push(run.w());
    }
    ws
}

// Theory: on L = (a/2)w², w_{k+1} = (1 − η·a)·w_k. So η < 1/a shrinks w
// without changing its sign, 1/a < η < 2/a flips the sign and shrinks it,
// η > 2/a flips it and grows it.
const CURVATURES: [f64; 4] = [0.5, 1.0, 3.0, 48.3];

#[test]
fn below_one_over_a_descends_monotonically() {
    for a in CURVATURES {
        for fraction in [0.05, 0.5, 0.95] {
            let ws = trajectory(a, fraction / a, 60);
            let losses: Vec<f64> = ws.iter().map(|w| 0.5 * a * w * w).collect();
            assert!(ws.iter().all(|w| *w >= 0.0), "never crosses the minimum");
            assert!(
                losses.windows(2).all(|p| p[1] < p[0]),
                "a={a} η={fraction}/a"
            );
        }
    }
}

#[test]
fn between_one_and_two_over_a_oscillates_and_converges() {
    for a in CURVATURES {
        for fraction in [1.1, 1.5, 1.95] {
            let ws = trajectory(a, fraction / a, 400);
            let early = &ws[..60];
            assert!(
                early.windows(2).all(|p| p[0] * p[1] < 0.0),
                "sign flips each step"
            );
            assert!(early.windows(2).all(|p| p[1].abs() < p[0].abs()), "shrinks");
            assert!(ws[400].abs() < 1e-3, "converges");
            let run = Descent::new(bowl(a), 1.0, fraction / a);
            assert_eq!(run.regime(), Regime::Oscillating);
        }
    }
}

#[test]
fn above_two_over_a_diverges_and_stops() {
    for a in CURVATURES {
        for fraction in [2.05, 3.0, 1e6] {
            let mut run = Descent::new(bowl(a), 1.0, fraction / a);
            assert_eq!(run.regime(), Regime::Diverging);
            let taken = run.step(100_000);
            assert!(run.diverged(), "a={a} η={fraction}/a");
            assert!(taken < 100_000, "the run stops");
            assert!(run.w().is_finite());
            assert_eq!(run.step(10), 0, "a diverged run takes no more steps");
        }
    }
}

#[test]
fn critical_learning_rate_is_two_over_a_and_regimes_follow_it() {
    for a in CURVATURES {
        let run = Descent::new(bowl(a), 1.0, 0.5);
        assert!((run.critical_learning_rate().expect("a pit") - 2.0 / a).abs() < 1e-15);
        for (fraction, regime) in [
            (0.01, Regime::TooSlow),
            (0.3, Regime::Converging),
            (1.0, Regime::Converging),
            (1.5, Regime::Oscillating),
            (2.5, Regime::Diverging),
        ] {
            let run = Descent::new(bowl(a), 1.0, fraction / a);
            assert_eq!(run.regime(), regime, "a={a} η·a={fraction}");
        }
    }
}

#[test]
fn changing_the_learning_rate_keeps_the_position() {
    let mut run = Descent::new(Curve::Bumpy, 2.0, 0.01);
    run.step(5);
    let (w, steps) = (run.w(), run.steps());
    run.set_learning_rate(0.2);
    assert_eq!((run.w(), run.steps()), (w, steps));
    run.step(1);
    assert!((run.w() - (w - 0.2 * Curve::Bumpy.slope(w))).abs() < 1e-15);
}

#[test]
fn bumpy_ground_ball_settles_in_the_pit_of_its_side() {
    let curve = Curve::Bumpy;
    let [left, right] = curve.minima()[..] else {
        unreachable!()
    };
    let mut run = Descent::new(curve.clone(), 2.1, 0.05);
    run.step(2000);
    assert!((run.w() - right).abs() < 1e-9, "started right: local pit");
    assert!(run.at_rest());
    let mut run = Descent::new(curve, -0.5, 0.05);
    run.step(2000);
    assert!((run.w() - left).abs() < 1e-9, "started left: global pit");
}

#[test]
fn a_huge_learning_rate_never_yields_nan_positions() {
    for name in Curve::NAMES {
        let curve = Curve::from_name(name).expect("known");
        for eta in [1e3, 1e30, 1e300, f64::MAX] {
            let mut run = Descent::new(curve.clone(), curve.default_start(), eta);
            run.step(1000);
            assert!(run.diverged(), "{name} η={eta}");
            assert!(run.w().is_finite());
            assert_eq!(run.regime(), Regime::Diverging);
        }
    }
}

#[test]
fn reset_recovers_from_divergence() {
    let mut run = Descent::new(Curve::bowl(), 1.0, 5.0);
    run.step(500);
    assert!(run.diverged());
    run.set_learning_rate(0.1);
    run.reset(1.0);
    assert!(!run.diverged());
    assert_eq!(run.steps(), 0);
    assert_eq!(run.history().buckets().len(), 1);
    run.step(10);
    assert!(run.loss() < 1.0);
}

/// What a long run of the plain stepper does, read off its trajectory.
#[derive(Debug, PartialEq)]
enum Truth {
    Diverged,
    Settled { minimum: f64, overshot: bool },
    Bounded { distinct: usize },
}

const TRUTH_STEPS: usize = 40_000;

/// Runs `TRUTH_STEPS` steps and says what happened: flown off; within
/// 10⁻⁶ of a minimum for the last 100 steps (and whether, within 10⁻⁴ of
/// it, consecutive steps fell on opposite sides); or neither.
fn truth(curve: &Curve, start: f64, eta: f64) -> Truth {
    let mut run = Descent::new(curve.clone(), start, eta);
    let mut ws = vec![run.w()];
    for _ in 0..TRUTH_STEPS {
        run.step(1);
        ws.push(run.w());
    }
    if run.diverged() {
        return Truth::Diverged;
    }
    let settled = curve
        .minima()
        .into_iter()
        .find(|m| ws[ws.len() - 100..].iter().all(|w| (w - m).abs() < 1e-6));
    if let Some(minimum) = settled {
        let offsets: Vec<f64> = ws.iter().map(|w| w - minimum).collect();
        let overshot = offsets
            .windows(2)
            .any(|p| p.iter().all(|d| d.abs() > 1e-12 && d.abs() < 1e-4) && p[0] * p[1] < 0.0);
        return Truth::Settled { minimum, overshot };
    }
    // Distinct to 10⁻⁹: rounding makes a 2-cycle flicker in its last bits.
    #[allow(clippy::cast_possible_truncation)]
    let mut tail: Vec<i64> = ws[ws.len() - 1000..]
        .iter()
        .map(|w| (w * 1e9).round() as i64)
        .collect();
    tail.sort_unstable();
    tail.dedup();
    Truth::Bounded {
        distinct: tail.len(),
    }
}

/// Whether the classifier's regime and target describe the true outcome.
fn agrees(run: &Descent, truth: &Truth) -> bool {
    let (regime, target) = (run.regime(), run.target_minimum());
    match *truth {
        Truth::Diverged => regime == Regime::Diverging && target.is_none(),
        Truth::Bounded { .. } => regime == Regime::Bouncing && target.is_none(),
        Truth::Settled { minimum, overshot } => {
            let label = if overshot {
                regime == Regime::Oscillating
            } else {
                matches!(regime, Regime::TooSlow | Regime::Converging)
            };
            label && target == Some(minimum)
        }
    }
}

/// Checks the label at step 0 and after a few steps against the truth.
fn check(curve: &Curve, start: f64, eta: f64) -> Truth {
    let truth = truth(curve, start, eta);
    let mut run = Descent::new(curve.clone(), start, eta);
    for steps in [0, 1, 7, 50] {
        run.step(steps);
        assert!(
            agrees(&run, &truth),
            "{} from {start} with η={eta}, after {} steps: label {:?} heading for {:?}, \
             but a long run {truth:?}",
            curve.name(),
            run.steps(),
            run.regime(),
            run.target_minimum(),
        );
    }
    truth
}

#[test]
fn the_label_agrees_with_long_runs_across_the_slider() {
    let mut seen = [0; 4];
    for name in Curve::NAMES {
        let curve = Curve::from_name(name).expect("known");
        let (low, high) = curve.view();
        let width = high - low;
        let mut starts = vec![
            curve.default_start(),
            low + 0.05 * width,
            high - 0.05 * width,
            low + 0.43 * width,
        ];
        starts.extend(curve.minima());
        starts.extend(curve.maxima().iter().map(|p| p + 1e-3));
        for &start in &starts {
            // The slider's range: η*/100 … 4·η*, 200 log-spaced values.
            let critical = curve.critical_learning_rate(start).expect("a pit");
            for i in 0..200 {
                let eta = critical / 100.0 * 400f64.powf(f64::from(i) / 199.0);
                seen[match check(&curve, start, eta) {
                    Truth::Diverged => 0,
                    Truth::Settled {
                        overshot: false, ..
                    } => 1,
                    Truth::Settled { overshot: true, .. } => 2,
                    Truth::Bounded { .. } => 3,
                }] += 1;
            }
        }
    }
    // The sweep meets every outcome, or it would prove little.
    assert!(seen.iter().all(|n| *n > 20), "outcomes seen: {seen:?}");
}

#[test]
fn the_readme_example_bounces_between_two_points() {
    // ?scene=descent&curve=bumpy&lr=0.5&start=-2: above η* of the left
    // valley, yet bounded for ever.
    let truth = check(&Curve::Bumpy, -2.0, 0.5);
    assert_eq!(truth, Truth::Bounded { distinct: 2 }, "a 2-cycle");
    let run = Descent::new(Curve::Bumpy, -2.0, 0.5);
    assert!(Some(run.learning_rate()) > run.critical_learning_rate());
    assert_eq!(run.regime(), Regime::Bouncing);
    assert_eq!(run.regime().key(), "bouncing");
    let Outcome::Bounces { low, high } = run.outcome() else {
        panic!("bounces: {:?}", run.outcome())
    };
    assert!((low + 1.709).abs() < 1e-3 && (high + 1.097).abs() < 1e-3);
    assert_eq!(run.target_minimum(), None);
}

#[test]
fn a_chaotic_band_bounces_without_settling_or_flying_off() {
    for (start, eta) in [(-2.0, 0.9), (2.1, 0.65)] {
        let truth = check(&Curve::Bumpy, start, eta);
        let Truth::Bounded { distinct } = truth else {
            panic!("bounded expected: {truth:?}")
        };
        assert!(distinct > 500, "chaotic: {distinct} distinct points");
        let run = Descent::new(Curve::Bumpy, start, eta);
        assert_eq!(run.regime(), Regime::Bouncing);
    }
}

#[test]
fn the_target_is_the_pit_the_run_reaches_not_the_valley_it_starts_in() {
    // From the right slope with η = 0.4 the first jump crosses the peak.
    let curve = Curve::Bumpy;
    let [left, right] = curve.minima()[..] else {
        unreachable!()
    };
    assert_eq!(curve.basin_minimum(2.1), Some(right));
    let truth = check(&curve, 2.1, 0.4);
    assert!(matches!(truth, Truth::Settled { minimum, .. } if minimum == left));
    assert_eq!(Descent::new(curve, 2.1, 0.4).target_minimum(), Some(left));
}

#[test]
fn eta_zero_never_moves_and_is_never_at_rest_on_a_slope() {
    for name in Curve::NAMES {
        let curve = Curve::from_name(name).expect("known");
        let mut run = Descent::new(curve.clone(), curve.view().0 + 0.1, 0.0);
        run.step(100);
        assert_eq!(run.w(), curve.view().0 + 0.1, "the weight never changes");
        assert_eq!(run.regime(), Regime::Still);
        assert_eq!(run.target_minimum(), None);
        assert!(!run.at_rest());
    }
}

#[test]
fn a_diverging_run_names_no_target() {
    let mut run = Descent::new(Curve::bowl(), 2.0, 1.5);
    assert_eq!(run.regime(), Regime::Diverging, "before it has flown off");
    assert_eq!(run.target_minimum(), None);
    run.step(10_000);
    assert!(run.diverged());
    assert_eq!(run.target_minimum(), None);
    assert!(!run.at_rest());
}

#[test]
fn on_the_quadratic_the_long_run_follows_the_theory() {
    // Bowl L = (a/2)w²: converges for η < 2/a, oscillates for 1/a < η < 2/a,
    // diverges above 2/a, and η = 2/a exactly is the 2-cycle w → −w.
    for a in CURVATURES {
        let curve = bowl(a);
        for fraction in [
            0.005, 0.05, 0.3, 0.9, 1.0, 1.1, 1.5, 1.9, 1.99, 2.01, 2.5, 4.0,
        ] {
            let eta = fraction / a;
            let truth = check(&curve, 1.0, eta);
            let theory = Regime::classify(eta, a);
            let run = Descent::new(curve.clone(), 1.0, eta);
            assert_eq!(run.regime(), theory, "a={a} η·a={fraction}");
            let expected = match theory {
                Regime::Diverging => matches!(truth, Truth::Diverged),
                Regime::Oscillating => {
                    matches!(truth, Truth::Settled { overshot: true, .. })
                }
                _ => matches!(
                    truth,
                    Truth::Settled {
                        overshot: false,
                        ..
                    }
                ),
            };
            assert!(expected, "a={a} η·a={fraction}: {truth:?}");
        }
        let run = Descent::new(curve.clone(), 1.0, 2.0 / a);
        assert_eq!(run.regime(), Regime::Bouncing, "η = η*: w → −w for ever");
        assert_eq!(check(&curve, 1.0, 2.0 / a), Truth::Bounded { distinct: 2 });
    }
}

#[test]
fn memory_stays_bounded_over_a_million_steps() {
    let mut run = Descent::new(Curve::data_mse(), 0.0, 0.001);
    run.step(1_000_000);
    assert_eq!(run.steps(), 1_000_000);
    assert!(run.history().buckets().len() <= run.history().capacity());
    assert_eq!(run.trail().len(), TRAIL_LENGTH);
}

/// A typed curve.
fn typed(text: &str) -> Curve {
    Curve::formula(text).expect("reads")
}

#[test]
fn on_a_typed_parabola_the_regimes_follow_two_over_a() {
    for a in [0.5, 2.0, 7.3] {
        let curve = typed(&format!("{a}*w^2/2"));
        let run = Descent::new(curve.clone(), 1.0, 0.1);
        let critical = run.critical_learning_rate().expect("a pit");
        assert!((critical - 2.0 / a).abs() < 1e-12 * critical);
        for (fraction, regime) in [
            (0.01, Regime::TooSlow),
            (0.3, Regime::Converging),
            (1.5, Regime::Oscillating),
            (2.5, Regime::Diverging),
        ] {
            let run = Descent::new(curve.clone(), 1.0, fraction / a);
            assert_eq!(run.regime(), regime, "a={a} η·a={fraction}");
            assert!(!run.no_minimum_ahead());
        }
    }
}

#[test]
fn the_ball_reaches_the_pit_of_a_typed_curve() {
    let curve = typed("w^4/4 - w^2 + 0.35*w + 1.6");
    let right = curve.minima()[1];
    let mut run = Descent::new(curve.clone(), 2.1, 0.05);
    assert_eq!(run.target_minimum(), Some(right));
    run.step(2000);
    assert!((run.w() - right).abs() < 1e-9);
    assert!(run.at_rest());
    // The same long-run truth as the built-in curves, across the slider.
    for start in [2.1, -2.0, 0.5] {
        let critical = curve.critical_learning_rate(start).expect("a pit");
        for i in 0..40 {
            let eta = critical / 100.0 * 400f64.powf(f64::from(i) / 39.0);
            check(&curve, start, eta);
        }
    }
}

#[test]
fn with_no_minimum_ahead_the_run_says_so_and_stays_finite() {
    for (text, start) in [
        ("w", 2.0),
        ("-w^2", 2.0),
        ("exp(-w)", 2.0),
        ("w^3 - 3*w", -2.0),
    ] {
        for eta in [1e-4, 0.01, 0.3, 5.0] {
            let mut run = Descent::new(typed(text), start, eta);
            assert!(
                run.no_minimum_ahead(),
                "{text} η={eta}: {:?}",
                run.outcome()
            );
            assert_eq!(run.regime(), Regime::Diverging);
            assert_eq!(run.target_minimum(), None);
            assert_eq!(run.critical_learning_rate(), None);
            run.step(5000);
            assert!(run.w().is_finite(), "{text} η={eta}");
            assert!(!run.at_rest());
        }
    }
    // Right of the peak the pit is ahead.
    let run = Descent::new(typed("w^3 - 3*w"), 0.5, 0.05);
    assert!(!run.no_minimum_ahead());
    assert!((run.target_minimum().expect("settles") - 1.0).abs() < 1e-12);
}
