use super::*;

fn sigma(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn chain(parameters: ChainParameters, example: Example) -> ChainRule {
    ChainRule::new(parameters, example).expect("valid values")
}

/// Relative closeness, with an absolute floor for values near 0.
fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + a.abs().max(b.abs()))
}

fn cases() -> Vec<(ChainParameters, Example)> {
    let mut cases = vec![(ChainParameters::default(), Example::default())];
    for (i, (x, y)) in [(-2.0, 0.0), (0.3, 0.9), (4.0, 0.2), (-0.7, 1.0)]
        .into_iter()
        .enumerate()
    {
        let k = i as f64;
        cases.push((
            ChainParameters {
                w1: 1.3 - 0.9 * k,
                b1: 0.4 * k - 0.5,
                w2: -1.1 + 0.8 * k,
                b2: 0.2 - 0.3 * k,
            },
            Example { x, y },
        ));
    }
    cases
}

#[test]
fn forward_values_follow_the_chapters_formulas() {
    let c = chain(ChainParameters::default(), Example::default());
    let f = c.forward();
    // z1 = W1·x + b1 = 0.8·1.5 − 0.2 = 1
    assert!(close(f.z1, 1.0, 1e-15));
    assert!(close(f.a1, sigma(1.0), 1e-15));
    assert!(close(f.z2, 1.2 * sigma(1.0) + 0.1, 1e-15));
    assert!(close(f.y_hat, sigma(f.z2), 1e-15));
    assert!(close(f.loss, (1.0 - f.y_hat).powi(2), 1e-15));
    // Non-trivial numbers: nothing is 0, 1 or saturated.
    for factor in Factor::WALK {
        let v = c.factor(factor);
        assert!(
            v.is_finite() && v.abs() > 1e-3 && (v.abs() - 1.0).abs() > 1e-3,
            "{factor:?} = {v}"
        );
    }
}

#[test]
fn local_factors_are_the_derivatives_by_hand() {
    for (p, e) in cases() {
        let c = chain(p, e);
        let f = c.forward();
        assert!(close(
            c.factor(Factor::LossByOutput),
            -2.0 * (e.y - f.y_hat),
            1e-15
        ));
        assert!(close(
            c.factor(Factor::OutputByZ2),
            f.y_hat * (1.0 - f.y_hat),
            1e-15
        ));
        assert_eq!(c.factor(Factor::Z2ByW2), f.a1);
        assert_eq!(c.factor(Factor::Z2ByA1), p.w2);
        assert!(close(c.factor(Factor::A1ByZ1), f.a1 * (1.0 - f.a1), 1e-15));
        assert_eq!(c.factor(Factor::Z1ByW1), e.x);
    }
}

#[test]
fn the_product_of_factors_is_the_traces_gradient() {
    for (p, e) in cases() {
        let c = chain(p, e);
        let (w2, w1) = (c.factor(Factor::LossByW2), c.factor(Factor::LossByW1));
        assert!(
            close(w2, c.trace_grad_w2(), 1e-14),
            "{w2} vs {}",
            c.trace_grad_w2()
        );
        assert!(
            close(w1, c.trace_grad_w1(), 1e-14),
            "{w1} vs {}",
            c.trace_grad_w1()
        );
    }
}

#[test]
fn finite_differences_agree_to_1e_6() {
    for (p, e) in cases() {
        let c = chain(p, e);
        for factor in [Factor::LossByW2, Factor::LossByW1] {
            let (exact, numeric) = (c.factor(factor), c.finite_difference(factor));
            assert!(
                (exact - numeric).abs() < 1e-6,
                "{factor:?}: {exact} vs {numeric}"
            );
        }
        assert!(c.finite_difference(Factor::Z2ByA1).is_nan());
    }
}

#[test]
fn a_small_update_lowers_the_loss() {
    for (p, e) in cases() {
        let c = chain(p, e);
        let after = chain(c.updated(0.5), e);
        assert!(after.forward().loss < c.forward().loss, "{p:?} {e:?}");
    }
    let c = chain(ChainParameters::default(), Example::default());
    let next = c.updated(1.0);
    assert!(close(next.w2, 1.2 - c.factor(Factor::LossByW2), 1e-15));
    assert!(close(next.b1, -0.2 - c.grad_b1(), 1e-15));
}

#[test]
fn the_walk_lists_six_factors_then_two_products() {
    let keys: Vec<&str> = Factor::WALK.iter().map(|f| f.key()).collect();
    assert_eq!(
        keys,
        [
            "dL_dyhat",
            "dyhat_dz2",
            "dz2_dW2",
            "dz2_da1",
            "da1_dz1",
            "dz1_dW1",
            "dL_dW2",
            "dL_dW1"
        ]
    );
    assert_eq!(Factor::WALK.iter().filter(|f| f.is_product()).count(), 2);
    assert_eq!(Factor::LossByW1.path().len(), 5);
}

#[test]
fn bad_values_name_their_field() {
    let p = ChainParameters::default();
    let e = Example::default();
    let field = |p, e| ChainRule::new(p, e).err().map(|err| err.path().to_owned());
    assert_eq!(
        field(ChainParameters { w2: f64::NAN, ..p }, e),
        Some("w2".into())
    );
    assert_eq!(
        field(ChainParameters { b1: 11.0, ..p }, e),
        Some("b1".into())
    );
    assert_eq!(
        field(
            p,
            Example {
                x: f64::INFINITY,
                ..e
            }
        ),
        Some("x".into())
    );
    assert_eq!(field(p, Example { y: 1.5, ..e }), Some("y".into()));
    assert_eq!(field(p, e), None);
}

#[test]
fn an_update_may_leave_the_typed_range_and_keeps_its_arithmetic() {
    // η = 100 on the defaults pushes b2 to ≈ 10.96, past ±10.
    let before = chain(ChainParameters::default(), Example::default());
    let after = before.after_update(100.0).expect("finite values");
    let (old, new) = (before.parameters(), after.parameters());
    assert!(new.b2 > MAX_MAGNITUDE, "b2 = {}", new.b2);
    assert_eq!(after.beyond_input_range(), vec!["b2"]);
    assert!(before.beyond_input_range().is_empty());
    // W_new = W_old − η·∂L/∂W, unclamped.
    assert_eq!(new.w2, old.w2 - 100.0 * before.factor(Factor::LossByW2));
    assert_eq!(new.b2, old.b2 - 100.0 * before.grad_b2());
    assert_eq!(new, before.updated(100.0));
    // Typing such a value is still refused.
    assert!(ChainRule::new(new, Example::default()).is_err());
}

#[test]
fn a_huge_step_pins_y_hat_at_one_and_the_gradients_vanish() {
    let before = chain(ChainParameters::default(), Example::default());
    assert_eq!(before.saturation(), None);
    let after = before.after_update(100.0).expect("finite values");
    assert_eq!(after.saturation(), Some(Saturation::One));
    let f = after.forward();
    assert!(
        f.y_hat > 0.999 && f.z2 > 6.9,
        "ŷ = {} at z2 = {}",
        f.y_hat,
        f.z2
    );
    // σ′(z2) = ŷ(1 − ŷ) < 10⁻³, so ∂L/∂W2 has almost vanished.
    assert!(after.factor(Factor::OutputByZ2) < SATURATED_BELOW);
    assert!(after.factor(Factor::LossByW2).abs() < 1e-5 * before.factor(Factor::LossByW2).abs());
    // y = 0 with a large positive z2: pinned at the wrong end.
    let wrong = chain(
        ChainParameters {
            b2: 9.0,
            ..ChainParameters::default()
        },
        Example { x: 1.5, y: 0.0 },
    );
    assert_eq!(wrong.saturation(), Some(Saturation::One));
    let low = chain(
        ChainParameters {
            b2: -9.0,
            ..ChainParameters::default()
        },
        Example::default(),
    );
    assert_eq!(low.saturation(), Some(Saturation::Zero));
}

#[test]
fn losses_ahead_are_those_of_repeated_updates() {
    let start = chain(ChainParameters::default(), Example::default());
    for eta in [0.5, 1.0, 100.0] {
        let ahead = start.losses_ahead(eta, 10);
        assert_eq!(ahead.len(), 10);
        let mut run = start.clone();
        for loss in &ahead {
            run = run.after_update(eta).expect("finite");
            assert_eq!(*loss, run.forward().loss);
        }
    }
    // Once pinned, further updates barely move the loss.
    let pinned = start.after_update(100.0).expect("finite");
    let ahead = pinned.losses_ahead(100.0, 10);
    let now = pinned.forward().loss;
    assert!(
        ahead.iter().all(|l| (l - now).abs() < now),
        "{now} then {ahead:?}"
    );
}
