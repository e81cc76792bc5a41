//! Tests of `line_fit`.
use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12 * (1.0 + b.abs())
}

/// Three points and the line ŷ = x: residuals 1, −2, 0.
fn three() -> LineFit {
    LineFit::new(
        vec![(0.0, 1.0), (1.0, -1.0), (2.0, 2.0)],
        Line::new(1.0, 0.0),
    )
}

#[test]
fn residuals_and_losses_by_hand() {
    let fit = three();
    assert_eq!(fit.residuals().collect::<Vec<_>>(), vec![1.0, -2.0, 0.0]);
    assert!(close(fit.mse(), 5.0 / 3.0), "(1 + 4 + 0)/3");
    assert!(close(fit.mae(), 1.0), "(1 + 2 + 0)/3");
    assert_eq!(fit.largest_residual(), Some(1));
    assert_eq!(fit.total(PointLoss::Squared), 5.0);
}

#[test]
fn each_loss_has_its_derivative_and_the_kink_has_none() {
    for e in [-2.5, -0.1, 0.3, 4.0] {
        assert_eq!(PointLoss::Squared.slope(e), Some(2.0 * e));
        assert_eq!(PointLoss::Absolute.slope(e), Some(e.signum()));
        // Central differences agree away from the kink.
        let h = 1e-6;
        for loss in [PointLoss::Squared, PointLoss::Absolute] {
            let numeric = (loss.value(e + h) - loss.value(e - h)) / (2.0 * h);
            assert!((numeric - loss.slope(e).unwrap_or(f64::NAN)).abs() < 1e-6);
        }
    }
    assert_eq!(PointLoss::Squared.slope(0.0), Some(0.0));
    assert_eq!(PointLoss::Absolute.slope(0.0), None);
    assert_eq!(PointLoss::Squared.value(-3.0), 9.0);
    assert_eq!(PointLoss::Absolute.value(-3.0), 3.0);
}

#[test]
fn least_squares_by_hand() {
    // Points (0, 1), (1, 3), (2, 2): x̄ = 1, ȳ = 2, cov = 1, var = 2.
    let fit = LineFit::new(
        vec![(0.0, 1.0), (1.0, 3.0), (2.0, 2.0)],
        Line::new(0.0, 0.0),
    );
    let best = fit.least_squares();
    assert!(close(best.w, 0.5) && close(best.b, 1.5), "{best:?}");
    // No nearby line does better.
    let mse_at = |w: f64, b: f64| {
        let mut f = fit.clone();
        f.set_line(Line::new(w, b));
        f.mse()
    };
    let best_mse = mse_at(best.w, best.b);
    for (dw, db) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
        assert!(mse_at(best.w + dw, best.b + db) > best_mse);
    }
}

#[test]
fn the_chapter_subset_fits_close_to_y_equals_2x_plus_1() {
    let fit = LineFit::chapter(Line::new(0.0, 0.0));
    assert_eq!(fit.len(), SUBSET);
    let best = fit.least_squares();
    assert!(
        (best.w - 2.0).abs() < 0.1 && (best.b - 1.0).abs() < 0.6,
        "{best:?}"
    );
    let mut fitted = fit.clone();
    fitted.set_line(best);
    assert!(
        fitted.mse() < 1.0,
        "noise of variance about 1: {}",
        fitted.mse()
    );
}

#[test]
fn the_outlier_raises_the_mse_far_more_than_the_mae() {
    let mut fit = LineFit::chapter(Line::new(2.0, 1.0));
    let effect = fit.outlier_effect();
    let before = (fit.mse(), fit.mae());
    fit.set_outlier(true);
    assert_eq!(fit.len(), SUBSET + 1);
    assert_eq!(fit.outlier_index(), Some(SUBSET));
    assert_eq!(fit.largest_residual(), Some(SUBSET));
    assert!(close(effect.mse_factor, fit.mse() / before.0));
    assert!(close(effect.mae_factor, fit.mae() / before.1));
    assert!(effect.mse_factor > 3.0 * effect.mae_factor, "{effect:?}");
    // On y = 2x + 1 the outlier's residual is −14: 196 of Σe².
    assert!(close(
        effect.mse_share,
        196.0 / fit.total(PointLoss::Squared)
    ));
    assert!(effect.mse_share > 0.9 && effect.mae_share < effect.mse_share);
    // The least-squares line is pulled towards the outlier.
    assert!(fit.least_squares().b < LineFit::chapter(Line::new(0.0, 0.0)).least_squares().b);
}

#[test]
fn dragging_one_end_pivots_about_the_other() {
    let line = Line::new(1.0, 2.0);
    let moved = line.pivot(-8.0, (8.0, 26.0));
    assert!(close(moved.predict(-8.0), line.predict(-8.0)));
    assert!(close(moved.predict(8.0), 26.0));
    assert_eq!(line.pivot(3.0, (3.0, 9.0)), line, "no slope through one x");
    assert_eq!(line.pivot(0.0, (1.0, f64::NAN)), line);
}

#[test]
fn lines_stay_inside_the_ranges() {
    let mut fit = three();
    fit.set_line(Line::new(100.0, f64::NAN));
    assert_eq!(fit.line(), Line::new(SLOPE_RANGE.1, 0.0));
    fit.set_line(Line::new(f64::NEG_INFINITY, -50.0));
    assert_eq!(fit.line(), Line::new(SLOPE_RANGE.0, INTERCEPT_RANGE.0));
    let empty = LineFit::new(Vec::new(), Line::new(1.0, 1.0));
    assert_eq!(
        (empty.mse(), empty.mae(), empty.largest_residual()),
        (0.0, 0.0, None)
    );
    assert_eq!(empty.least_squares(), Line::new(0.0, 0.0));
}
