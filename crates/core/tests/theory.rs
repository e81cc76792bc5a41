//! Runs on quadratics checked against their theory, not against the code's
//! own output: plain gradient descent on a 2-D quadratic with curvatures
//! λ₁ < λ₂, and heavy-ball momentum's asymptotic rate.

use descent_core::{Landscape, OptimizerConfig, Regime, Runner};

/// f(w, b) = ½(λ₁w² + λ₂b²) with λ₁ = 0.5, λ₂ = 4, typed as a formula.
const LAMBDA: [f64; 2] = [0.5, 4.0];
const QUADRATIC: &str = "0.25*w^2 + 2*b^2";

fn run(config: OptimizerConfig, start: [f64; 2], steps: u64) -> Runner {
    let landscape = Landscape::formula(QUADRATIC).expect("parses");
    let mut run = Runner::new(landscape, start, config);
    run.step(steps);
    run
}

#[test]
fn each_coordinate_shrinks_by_exactly_one_minus_eta_lambda_per_step() {
    for eta in [0.05, 0.3, 0.45, 0.55, 0.7] {
        let run = run(OptimizerConfig::sgd(eta), [1.5, -0.8], 60);
        for (i, lambda) in LAMBDA.into_iter().enumerate() {
            // e_{k+1} = (1 − η·λᵢ)·e_k, the minimum being 0.
            let factor = 1.0 - eta * lambda;
            for pair in run.trajectory().windows(2) {
                let (before, after) = (pair[0][i], pair[1][i]);
                assert!(
                    (after - factor * before).abs() <= 1e-15 * before.abs(),
                    "η={eta} coordinate {i}: {after} vs {factor}·{before}"
                );
                assert!(
                    ((after / before).abs() - factor.abs()).abs() < 1e-14,
                    "shrinks by |1 − ηλ|"
                );
            }
        }
    }
}

#[test]
fn sgd_converges_exactly_when_eta_is_below_two_over_the_largest_curvature() {
    let critical = 2.0 / LAMBDA[1];
    let landscape = Landscape::formula(QUADRATIC).expect("parses");
    assert_eq!(landscape.critical_learning_rate([0.3, 0.2]), Some(critical));
    for fraction in [0.1, 0.5, 0.9, 0.99, 1.01, 1.1, 1.5] {
        let eta = fraction * critical;
        let run = run(OptimizerConfig::sgd(eta), [1.5, -0.8], 3000);
        let p = run.position();
        let converged = p[0].hypot(p[1]) < 1e-6;
        assert_eq!(
            converged,
            fraction < 1.0,
            "η = {fraction}·η*: ended at {p:?}"
        );
        assert_eq!(
            run.regime() == Regime::Diverging,
            fraction > 1.0,
            "η = {fraction}·η*: {:?}",
            run.regime()
        );
    }
}

/// The spectral radius of heavy ball's iteration matrix on curvature λ,
/// [[1 + μ − ηλ, −μ], [1, 0]] (p_{k+1} = (1 + μ − ηλ)·p_k − μ·p_{k−1}): the
/// larger modulus of the roots of z² − (1 + μ − ηλ)·z + μ.
fn spectral_radius(eta: f64, mu: f64, lambda: f64) -> f64 {
    let trace = 1.0 + mu - eta * lambda;
    let discriminant = trace * trace - 4.0 * mu;
    if discriminant < 0.0 {
        // Complex pair: |z|² = det = μ.
        mu.sqrt()
    } else {
        let root = discriminant.sqrt();
        ((trace + root) / 2.0)
            .abs()
            .max(((trace - root) / 2.0).abs())
    }
}

#[test]
fn heavy_ball_converges_at_the_spectral_radius_of_its_iteration_matrix() {
    let lambda = 2.0;
    for (eta, mu) in [
        (0.1, 0.9),  // complex roots: √μ
        (0.3, 0.5),  // complex roots
        (0.05, 0.3), // real roots, overdamped
        (0.02, 0.1), // real roots
        (0.9, 0.2),  // real roots, one negative: alternating
        (1.1, 0.3),  // near the edge of stability, 2(1 + μ)/λ = 1.3
    ] {
        let rho = spectral_radius(eta, mu, lambda);
        assert!(rho < 1.0);
        // Enough steps for the slowest mode to dominate, not so many that
        // the error reaches the subnormals.
        let steps = ((300.0 * 10f64.ln()) / -rho.ln()).min(4000.0) as usize;
        let landscape = Landscape::formula("w^2").expect("parses");
        let mut run = Runner::new(
            landscape,
            [1.0, 0.0],
            OptimizerConfig::momentum(eta, mu, false),
        );
        run.step(steps as u64);
        let ws: Vec<f64> = run.trajectory().iter().map(|p| p[0].abs()).collect();
        // The envelope: the largest |w| over a window of 40 steps, early and late.
        let envelope = |end: usize| ws[end - 40..end].iter().fold(0.0f64, |m, w| m.max(*w));
        let (early, late) = (steps / 3, steps);
        let measured = (envelope(late) / envelope(early)).powf(1.0 / (late - early) as f64);
        assert!(
            (measured - rho).abs() < 2e-3 * rho,
            "η={eta} μ={mu}: measured {measured}, spectral radius {rho}"
        );
    }
}
