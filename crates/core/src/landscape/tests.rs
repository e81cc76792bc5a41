use super::*;
use crate::nn::OptimizerConfig;
use crate::regime::Regime;

fn every_landscape() -> Vec<Landscape> {
    let mut all: Vec<Landscape> = Landscape::NAMES
        .iter()
        .map(|n| Landscape::from_name(n).expect("known name"))
        .collect();
    for text in [
        "w^4/4 - w^2 + sin(3*w)/5",
        "(w - 1)^2 + 3*(b + w/2)^2 + abs(b)/10",
    ] {
        all.push(Landscape::formula(text).expect("parses"));
    }
    all
}

/// A grid of points across the landscape's view.
fn grid(landscape: &Landscape) -> Vec<Point> {
    let view = landscape.view();
    let (bl, bh) = view.b.unwrap_or((0.0, 0.0));
    let mut points = Vec::new();
    for i in 0..=12 {
        for j in 0..=12 {
            let t = |k: i32, (low, high): (f64, f64)| low + (high - low) * f64::from(k) / 12.0;
            // Off the grid lines by a little, away from abs's kink at b = 0.
            points.push([t(i, view.w) + 1e-3, t(j, (bl, bh)) + 1.3e-3]);
        }
    }
    points
}

#[test]
fn derivatives_match_central_differences() {
    for landscape in every_landscape() {
        let dims = landscape.dims().count();
        for p in grid(&landscape) {
            let d = landscape.derivatives(p);
            assert_eq!(landscape.value(p), d.value);
            assert_eq!(landscape.gradient(p), (d.value, d.gradient));
            for i in 0..dims {
                let h = 1e-5;
                let (mut up, mut down) = (p, p);
                up[i] += h;
                down[i] -= h;
                let slope = (landscape.value(up) - landscape.value(down)) / (2.0 * h);
                let scale = 1.0 + d.gradient[i].abs() + d.value.abs() * 1e-3;
                assert!(
                    (slope - d.gradient[i]).abs() < 1e-6 * scale,
                    "{} ∂{i} at {p:?}: {slope} vs {}",
                    landscape.name(),
                    d.gradient[i]
                );
                for j in 0..dims {
                    let curvature =
                        (landscape.gradient(up).1[j] - landscape.gradient(down).1[j]) / (2.0 * h);
                    let scale = 1.0 + d.hessian[i][j].abs();
                    assert!(
                        (curvature - d.hessian[i][j]).abs() < 1e-5 * scale,
                        "{} ∂{i}∂{j} at {p:?}",
                        landscape.name()
                    );
                }
            }
            if dims == 1 {
                assert_eq!(d.gradient[1], 0.0);
                assert_eq!(d.hessian[1], [0.0, 0.0]);
            }
        }
    }
}

#[test]
fn minima_are_flat_and_curve_upward_and_passes_are_saddles() {
    for landscape in every_landscape() {
        for m in landscape.minima() {
            let d = landscape.derivatives(m);
            assert!(
                d.gradient.iter().all(|g| g.abs() < 1e-9),
                "{} at {m:?}",
                landscape.name()
            );
            let [low, _] = eigenvalues(d.hessian);
            let positive = match landscape.dims() {
                Dims::One => d.hessian[0][0] > 0.0,
                Dims::Two => low > 0.0,
            };
            assert!(positive, "{} at {m:?}: {:?}", landscape.name(), d.hessian);
        }
    }
    for surface in [Surface::Saddle, Surface::TwoPits] {
        for p in surface.saddles() {
            let d = surface.derivatives(p);
            assert!(d.gradient.iter().all(|g| g.abs() < 1e-9));
            let [low, high] = eigenvalues(d.hessian);
            assert!(low < 0.0 && high > 0.0, "{surface:?} at {p:?}");
        }
    }
    // Two pits of different depth, the left one deeper, above the pass's height.
    let pits = Surface::TwoPits;
    let [left, right] = pits.minima()[..] else {
        panic!("two pits")
    };
    let pass = pits.saddles()[0];
    let height = |p| pits.derivatives(p).value;
    assert!(height(left) < height(right) && height(right) < height(pass));
    assert!(height(left) > 0.0, "positive for a log-scale loss plot");
    let start = pits.default_start();
    assert!(start[0] > pass[0], "starts on the shallower pit's side");
}

#[test]
fn the_chapter_mse_is_24_times_steeper_along_w_than_along_b() {
    let Surface::LineMse(sums) = Surface::line_mse() else {
        unreachable!()
    };
    let h = Surface::line_mse().derivatives([0.0, 0.0]).hessian;
    // ∂²/∂w² = 2·mean(x²), ∂²/∂b² = 2: the ratio is mean(x²) of the data
    // drawn as 5·N(0, 1), so about 25; on the chapter's 100 points, 24.17.
    let ratio = h[0][0] / h[1][1];
    assert!((ratio - 24.169_258_584).abs() < 1e-8, "{ratio}");
    assert_eq!(ratio, sums.mean_xx);
    // The principal curvatures differ a little more (mean(x) ≈ 0.30 tilts
    // them): λ_max/λ_min ≈ 24.27, and η* = 2/λ_max ≈ 0.0414.
    let [low, high] = eigenvalues(h);
    assert!((high / low - 24.2666).abs() < 1e-3, "{}", high / low);
    let landscape = Landscape::Surface(Surface::line_mse());
    let eta = landscape
        .critical_learning_rate([0.0, 0.0])
        .expect("convex");
    assert!((eta - 0.041_368).abs() < 1e-6, "{eta}");
    // The minimum is the least-squares line, close to y = 2x + 1.
    let [w, b] = sums.best_line();
    assert!((w - 2.0).abs() < 0.1 && (b - 1.0).abs() < 0.2, "{w} {b}");
    // The 1-D data-mse curve is this surface's b = 0 section.
    let curve = Landscape::Curve(crate::Curve::data_mse());
    for w in [-1.0, 0.5, 2.5] {
        let (on_curve, on_surface) = (curve.value([w, 0.0]), landscape.value([w, 0.0]));
        assert!((on_curve - on_surface).abs() < 1e-12 * on_curve);
    }
}

#[test]
fn critical_learning_rate_is_two_over_the_largest_curvature() {
    let bowl = Landscape::from_name("round-bowl").expect("known");
    assert_eq!(bowl.critical_learning_rate([0.3, -1.0]), Some(1.0));
    let saddle = Landscape::from_name("saddle").expect("known");
    assert_eq!(saddle.critical_learning_rate([0.0, 0.0]), Some(1.0));
    let cap = Landscape::formula("-(w^2 + b^2)").expect("parses");
    assert_eq!(cap.critical_learning_rate([0.0, 0.0]), None, "curves down");
    let curve = Landscape::formula("3*w^2").expect("parses");
    assert_eq!(curve.critical_learning_rate([5.0, 0.0]), Some(2.0 / 6.0));
    assert_eq!(largest_eigenvalue([[1.0, 2.0], [2.0, 1.0]]), 3.0);
}

#[test]
fn names_views_and_starts() {
    for name in Landscape::NAMES {
        let landscape = Landscape::from_name(name).expect("known");
        assert_eq!(landscape.name(), name);
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "URL-safe"
        );
        let view = landscape.view();
        let start = landscape.default_start();
        assert!(view.w.0 < start[0] && start[0] < view.w.1, "{name}");
        if let Some((low, high)) = view.b {
            assert!(low < start[1] && start[1] < high, "{name}");
        }
        assert_eq!(view.b.is_some(), landscape.dims() == Dims::Two);
    }
    assert_eq!(Landscape::from_name("formula"), None);
    assert_eq!(Landscape::formula("w^2").map(|l| l.dims()), Ok(Dims::One));
    assert_eq!(Landscape::formula("w*b").map(|l| l.dims()), Ok(Dims::Two));
}

#[test]
fn a_run_records_each_point_with_its_loss_and_stops_at_the_first_non_finite_loss() {
    let bowl = Landscape::from_name("round-bowl").expect("known");
    let mut run = Runner::new(bowl.clone(), [1.0, -2.0], OptimizerConfig::sgd(0.25));
    assert_eq!(run.trajectory(), &[[1.0, -2.0]]);
    assert_eq!(run.losses(), &[5.0]);
    assert_eq!(run.step(3), 3);
    // p ← p − η·2p = p/2 each step.
    assert_eq!(run.trajectory()[3], [0.125, -0.25]);
    assert_eq!(run.losses()[3], 0.125 * 0.125 + 0.0625);
    assert!(!run.diverged());

    // 1/w at w = 0 is +∞: the loss is recorded and the run stops there.
    let mut run = Runner::new(
        Landscape::formula("1/w").expect("parses"),
        [-1.0, 0.0],
        OptimizerConfig::sgd(1.0),
    );
    // w ← w + 1/w² : −1 → 0, where 1/w = +∞.
    assert_eq!(run.step(10), 1);
    assert_eq!(run.trajectory(), &[[-1.0, 0.0], [0.0, 0.0]]);
    assert_eq!(run.losses()[1], f64::INFINITY);
    assert!(run.halted() && run.diverged());
    assert_eq!(run.step(5), 0);
    assert_eq!(run.regime(), Regime::Diverging);
    run.reset([-2.0, 0.0]);
    assert_eq!((run.steps(), run.halted()), (0, false));
}

#[test]
fn a_formula_runs_exactly_as_the_built_in_it_spells() {
    for config in [
        OptimizerConfig::sgd(0.1),
        OptimizerConfig::momentum(0.05, 0.9, true),
        OptimizerConfig::adam(0.1),
    ] {
        let mut built_in = Runner::new(Landscape::Surface(Surface::RoundBowl), [-1.6, 1.2], config);
        let mut typed = Runner::new(
            Landscape::formula("w^2 + b^2").expect("parses"),
            [-1.6, 1.2],
            config,
        );
        built_in.step(200);
        typed.step(200);
        assert_eq!(built_in.trajectory(), typed.trajectory(), "{config:?}");
        assert_eq!(built_in.losses(), typed.losses());
        assert_eq!(built_in.regime(), typed.regime());
    }
}

#[test]
fn runs_on_the_surfaces_behave_as_taught() {
    let run = |name: &str, config: OptimizerConfig, steps: u64| {
        let landscape = Landscape::from_name(name).expect("known");
        let start = landscape.default_start();
        let mut run = Runner::new(landscape, start, config);
        run.step(steps);
        run
    };
    // The chapter's MSE: with η = 0.01 plain SGD crawls along b (η·λ_min ≈
    // 0.02 of the distance per step), momentum 0.8 goes √0.8 ≈ 0.89 a step.
    let sgd = run("line-mse", OptimizerConfig::sgd(0.01), 400);
    let momentum = run("line-mse", OptimizerConfig::momentum(0.01, 0.8, false), 400);
    let best = Surface::line_mse().minima()[0];
    assert!(distance_to(momentum.position(), best) < 1e-9 * distance_to(sgd.position(), best));
    assert_eq!(sgd.regime(), Regime::TooSlow);
    assert_eq!(momentum.regime(), Regime::Oscillating);
    assert_eq!(
        run("line-mse", OptimizerConfig::sgd(1.05 * 0.041_368), 400).regime(),
        Regime::Diverging
    );
    // Rosenbrock: Adam reaches the valley's end.
    let adam = run("rosenbrock", OptimizerConfig::adam(0.05), 3000);
    assert!(
        distance_to(adam.position(), [1.0, 1.0]) < 0.05,
        "{:?}",
        adam.position()
    );
    // The saddle: it comes in along w, then slides off along b for ever.
    let saddle = run("saddle", OptimizerConfig::sgd(0.1), 2000);
    assert!(saddle.diverged() && saddle.regime() == Regime::Diverging);
    // Two pits: small steps keep to the shallower pit, big ones find the deeper.
    let pits = Surface::TwoPits.minima();
    let small = run("two-pits", OptimizerConfig::sgd(0.1), 3000);
    assert!(distance_to(small.position(), pits[1]) < 1e-6);
    assert_eq!(small.regime(), Regime::Converging);
    let big = run("two-pits", OptimizerConfig::sgd(0.3), 3000);
    assert!(distance_to(big.position(), pits[0]) < 1e-6);
    assert_eq!(big.regime(), Regime::Oscillating);
    assert_eq!(
        run("two-pits", OptimizerConfig::sgd(0.5), 3000).regime(),
        Regime::Bouncing
    );
    assert_eq!(
        run("two-pits", OptimizerConfig::sgd(0.6), 3000).regime(),
        Regime::Diverging
    );
}

fn distance_to(p: Point, q: Point) -> f64 {
    (p[0] - q[0]).hypot(p[1] - q[1])
}
