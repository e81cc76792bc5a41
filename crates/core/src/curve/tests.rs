use super::*;

/// The chapter's bumpy ground as a formula.
const BUMPY: &str = "w^4/4 - w^2 + 0.35*w + 1.6";
/// The bumpy ground with ripples: more pits and peaks.
const WIGGLY: &str = "w^4/4 - w^2 + 0.35*w + 1.6 + sin(5*w)/10";

fn all_curves() -> Vec<Curve> {
    Curve::NAMES
        .iter()
        .map(|name| Curve::from_name(name).expect("known name"))
        .chain([
            Curve::Bowl {
                curvature: 0.3,
                center: -4.0,
            },
            Curve::formula(WIGGLY).expect("a formula"),
        ])
        .collect()
}

#[test]
fn derivatives_match_central_differences() {
    for curve in all_curves() {
        let (low, high) = curve.view();
        for i in 0..=40 {
            let w = low + (high - low) * f64::from(i) / 40.0;
            let h = 1e-5;
            let slope = (curve.value(w + h) - curve.value(w - h)) / (2.0 * h);
            let curvature = (curve.slope(w + h) - curve.slope(w - h)) / (2.0 * h);
            let scale = 1.0 + curve.slope(w).abs();
            assert!(
                (slope - curve.slope(w)).abs() < 1e-6 * scale,
                "{curve:?} L′({w})"
            );
            let scale = 1.0 + curve.curvature(w).abs();
            assert!(
                (curvature - curve.curvature(w)).abs() < 1e-6 * scale,
                "{curve:?} L″({w})"
            );
        }
    }
}

#[test]
fn minima_are_flat_and_curve_upward() {
    for curve in all_curves() {
        for m in curve.minima() {
            assert!(curve.slope(m).abs() < 1e-9, "{curve:?} at {m}");
            assert!(curve.curvature(m) > 0.0);
        }
        for p in curve.maxima() {
            assert!(curve.slope(p).abs() < 1e-9);
            assert!(curve.curvature(p) < 0.0);
        }
    }
}

#[test]
fn bumpy_has_one_peak_between_two_valleys_of_different_depth() {
    let curve = Curve::Bumpy;
    let [left, right] = curve.minima()[..] else {
        panic!("two minima expected")
    };
    let peak = curve.maxima()[0];
    assert!(left < peak && peak < right);
    assert!(
        curve.value(left) < curve.value(right),
        "left is the deeper pit"
    );
    assert!(curve.value(peak) > curve.value(right));
    assert!(
        curve.value(left) > 0.0,
        "positive for the log-scale loss plot"
    );
    assert_eq!(curve.global_minimum(), left);
    assert_eq!(curve.basin_minimum(curve.default_start()), Some(right));
    assert_eq!(curve.basin_minimum(-2.0), Some(left));
}

#[test]
fn data_mse_matches_the_definition() {
    let Curve::DataMse(data) = Curve::data_mse() else {
        unreachable!()
    };
    let curve = Curve::DataMse(data.clone());
    for w in [-1.0, 0.5, 2.0, 3.7] {
        let direct =
            data.points().map(|(x, y)| (y - w * x).powi(2)).sum::<f64>() / data.len() as f64;
        assert!((curve.value(w) - direct).abs() < 1e-10 * direct);
    }
    // y ≈ 2x + 1: the best slope through the origin is close to 2.
    assert!((curve.global_minimum() - 2.0).abs() < 0.1);
}

#[test]
fn critical_learning_rate_is_two_over_curvature() {
    let curve = Curve::Bowl {
        curvature: 4.0,
        center: 1.0,
    };
    assert_eq!(curve.critical_learning_rate(-3.0), Some(0.5));
    assert_eq!(Curve::bowl().critical_learning_rate(0.3), Some(1.0));
}

#[test]
fn names_round_trip() {
    for name in Curve::NAMES {
        assert_eq!(Curve::from_name(name).map(|c| c.name()), Some(name));
    }
    assert_eq!(Curve::from_name("saddle"), None);
}

#[test]
fn a_typed_curve_is_its_formula_with_exact_derivatives() {
    let typed = Curve::formula(BUMPY).expect("reads");
    assert_eq!(typed.name(), "formula");
    assert_eq!(typed.formula_text(), Some(BUMPY));
    assert_eq!(Curve::Bumpy.formula_text(), None);
    for i in 0..=24 {
        let w = -3.0 + 0.25 * f64::from(i);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
        assert!(close(typed.value(w), Curve::Bumpy.value(w)), "L({w})");
        assert!(close(typed.slope(w), Curve::Bumpy.slope(w)), "L′({w})");
        assert!(
            close(typed.curvature(w), Curve::Bumpy.curvature(w)),
            "L″({w})"
        );
    }
    for (found, known) in [
        (typed.minima(), Curve::Bumpy.minima()),
        (typed.maxima(), Curve::Bumpy.maxima()),
    ] {
        assert_eq!(found.len(), known.len());
        for (f, k) in found.iter().zip(&known) {
            assert!((f - k).abs() < 1e-12, "{f} vs {k}");
        }
    }
    assert_eq!(typed.view(), FORMULA_VIEW);
    assert_eq!(typed.default_start(), FORMULA_START);
    assert_eq!(
        typed.basin_minimum(2.1),
        Some(typed.minima()[1]),
        "the right pit"
    );
}

#[test]
fn the_critical_rate_of_a_typed_parabola_is_two_over_its_curvature() {
    // L = a·w²/2 has L″ = a everywhere: η* = 2/a.
    for a in [0.5, 1.0, 2.0, 7.3, 48.3] {
        let curve = Curve::formula(&format!("{a}*w^2/2")).expect("reads");
        let minima = curve.minima();
        assert_eq!(minima.len(), 1, "a={a}");
        assert!(minima[0].abs() < 1e-12, "the minimum at 0: {}", minima[0]);
        assert!(curve.maxima().is_empty());
        for w in [-2.5, 0.1, 2.9] {
            let critical = curve.critical_learning_rate(w).expect("a pit");
            assert!((critical - 2.0 / a).abs() < 1e-12 * (2.0 / a), "a={a}");
        }
    }
    // Shifted: the minimum at 1.
    let curve = Curve::formula("3*(w-1)^2").expect("reads");
    assert!((curve.minima()[0] - 1.0).abs() < 1e-12);
    assert_eq!(curve.critical_learning_rate(-2.0), Some(2.0 / 6.0));
}

#[test]
fn typed_curves_without_a_minimum_name_no_pit_and_no_critical_rate() {
    for text in ["w", "-w^2", "exp(-w)", "1", "w^3"] {
        let curve = Curve::formula(text).expect("reads");
        assert!(curve.minima().is_empty(), "{text}");
        for w in [-2.0, 0.0, 2.0] {
            assert_eq!(curve.basin_minimum(w), None, "{text} at {w}");
            assert_eq!(curve.critical_learning_rate(w), None, "{text} at {w}");
        }
    }
    assert_eq!(Curve::formula("-w^2").expect("reads").maxima().len(), 1);
    // A pit on one side of a peak, none beyond it.
    let curve = Curve::formula("w^3 - 3*w").expect("reads");
    let ([pit], [peak]) = (&curve.minima()[..], &curve.maxima()[..]) else {
        panic!("one pit and one peak")
    };
    assert!((pit - 1.0).abs() < 1e-12 && (peak + 1.0).abs() < 1e-12);
    assert_eq!(curve.basin_minimum(0.0), Some(*pit));
    assert_eq!(curve.basin_minimum(-2.0), None, "left of the peak");
    assert!((curve.critical_learning_rate(2.0).expect("a pit") - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn flat_bottomed_pits_and_domains_are_handled() {
    // w⁴: a minimum where L″ = 0, so no η* by 2/L″.
    let quartic = Curve::formula("w^4").expect("reads");
    assert_eq!(quartic.minima().len(), 1);
    assert_eq!(quartic.critical_learning_rate(1.0), None);
    // |w|: a kink, found at the kink.
    let kink = Curve::formula("abs(w - 0.3)").expect("reads");
    assert!((kink.minima()[0] - 0.3).abs() < 1e-12);
    // log is NaN left of 0: L = w − log(w) has its pit at 1, nothing else.
    let log = Curve::formula("w - log(w)").expect("reads");
    let [pit] = log.minima()[..] else {
        panic!("one pit: {:?}", log.minima())
    };
    assert!((pit - 1.0).abs() < 1e-12);
    assert!(log.maxima().is_empty());
}

#[test]
fn a_bad_formula_is_an_error_with_its_position() {
    let error = Curve::formula("w^2 + )").expect_err("refused");
    assert_eq!((error.kind.code(), error.position), ("unexpected_token", 6));
    let error = Curve::formula("w + b").expect_err("a curve has only w");
    assert_eq!(
        (error.kind.code(), error.position),
        ("b_variable_in_curve", 4)
    );
}
