//! Tests of `descent`.
use super::*;
use descent_core::Curve;

fn svg(run: &Descent, progress: f64) -> (String, Frame) {
    crate::testing::svg((800, 450), |area| {
        draw(
            area,
            run,
            progress,
            &Style::default(),
            &SceneText::default(),
        )
        .expect("draws")
    })
}

fn circles(svg: &str, r: u32) -> Vec<(f64, f64)> {
    crate::testing::circles(svg, f64::from(r))
}

#[test]
fn the_ball_sits_on_the_curve_where_the_run_is() {
    let mut run = Descent::new(Curve::Bumpy, 2.1, 0.05);
    run.step(3);
    let (svg, frame) = svg(&run, 1.0);
    let balls = circles(&svg, 9);
    assert!(!balls.is_empty(), "a ball is drawn");
    let expected = frame.to_pixel(run.w(), run.loss());
    let (x, y) = balls[balls.len() - 1];
    assert!(
        (x - expected.0).abs() <= 2.0 && (y - expected.1).abs() <= 2.0,
        "{x},{y} vs {expected:?}"
    );
    assert!(
        svg.contains("global minimum") && svg.contains("local minimum") && svg.contains("peak")
    );
}

#[test]
fn diverged_runs_draw_no_nan_and_mark_the_ball_off_the_chart() {
    let mut run = Descent::new(Curve::bowl(), 1.0, 50.0);
    run.step(1000);
    assert!(run.diverged());
    for progress in [0.0, 0.5, 1.0] {
        let (svg, frame) = svg(&run, progress);
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "no non-finite numbers"
        );
        assert!(svg.contains("off the chart"));
        let (x, y) = circles(&svg, 9)[0];
        assert!(frame.plot.contains(x, y) || (x - f64::from(frame.plot.right)).abs() < 2.0);
    }
}

#[test]
fn an_overshoot_hops_above_the_valley() {
    let curve = Curve::bowl();
    let frame = curve_frame(&curve, (800, 450), &Style::default());
    // From w = 1 to w = −0.8 the straight line would pass through the valley.
    let (w, y) = ball_point(&curve, 1.0, -0.8, 0.5, &frame);
    assert!(w.abs() < 0.2);
    assert!(
        y > curve.value(1.0) * 0.5,
        "the ball flies over the minimum: y = {y}"
    );
    // A small step rolls along the ground.
    let (w, y) = ball_point(&curve, 1.0, 0.95, 0.5, &frame);
    assert!((y - curve.value(w)).abs() < 1e-12);
    // The ends are the positions themselves.
    assert_eq!(
        ball_point(&curve, 1.0, -0.8, 1.0, &frame),
        (-0.8, curve.value(-0.8))
    );
}

#[test]
fn point_at_inverts_to_pixel() {
    let frame = curve_frame(&Curve::data_mse(), (640, 360), &Style::new(2.0, false));
    for w in [0.0, 1.0, 2.0, 3.5] {
        let (x, _) = frame.to_pixel(w, 0.0);
        assert!((frame.point_at(x, 0.0).0 - w).abs() < 1e-9);
    }
    assert_eq!(frame.point_at(-1e9, 0.0).0, frame.x.0);
}

#[test]
fn tick_labels_are_short() {
    assert_eq!(format_tick(0.5), "0.5");
    assert_eq!(format_tick(2.0), "2");
    assert_eq!(format_tick(1.23456), "1.235");
    assert_eq!(format_tick(250000.0), "2e5");
    assert_eq!(format_tick(-0.0001), "-1e-4");
}

#[test]
fn typed_curves_draw_without_nan_even_without_a_pit_or_off_their_domain() {
    for text in ["w", "-w^2", "w - log(w)", "log(-1)", "exp(9*w)"] {
        let curve = Curve::formula(text).expect("reads");
        let mut run = Descent::new(curve, 2.0, 0.1);
        run.step(20);
        let (svg, _) = svg(&run, 0.5);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{text}");
        assert!(
            svg.contains("<polyline") || svg.contains("<path"),
            "{text}: a curve"
        );
    }
}
