//! Tests of `loss_plot`.
use super::*;
use descent_core::{Curve, Descent};

fn svg(run: &Descent) -> (String, LossView) {
    crate::testing::svg((640, 360), |area| {
        draw(
            area,
            run.history(),
            run.steps(),
            &Style::default(),
            &SceneText::default(),
        )
        .expect("draws")
    })
}

#[test]
fn views_grow_in_round_steps() {
    assert_eq!(nice_ceiling(0), 1);
    assert_eq!(nice_ceiling(20), 20);
    assert_eq!(nice_ceiling(21), 50);
    assert_eq!(nice_ceiling(101), 200);
    assert_eq!(nice_ceiling(u64::MAX), u64::MAX);
}

#[test]
fn a_converging_run_stays_on_the_chart() {
    let mut run = Descent::new(Curve::data_mse(), -0.5, 0.01);
    run.step(40);
    let (svg, view) = svg(&run);
    assert_eq!(view.steps, 50);
    assert!(view.top > run.history().first().unwrap_or(0.0));
    assert!(view.bottom <= run.loss());
    assert!(!svg.contains("off the chart"));
    assert!(svg.contains("<polyline"), "the loss line is drawn");
}

#[test]
fn a_diverging_run_climbs_off_the_chart_without_nan() {
    let mut run = Descent::new(Curve::bowl(), 1.0, 3.0);
    run.step(10_000);
    assert!(run.diverged());
    let (svg, view) = svg(&run);
    assert!(svg.contains("off the chart"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert_eq!(view.clamp(f64::NAN), view.top);
    assert_eq!(view.clamp(0.0), view.bottom);
}

#[test]
fn long_runs_draw_a_band_for_oscillations() {
    let mut run = Descent::new(Curve::bowl(), 1.0, 0.999);
    run.step(5000);
    assert!(run.history().stride() > 1);
    let (svg, _) = svg(&run);
    assert!(svg.contains("<polygon"));
}

/// The points of every `<polyline>` in `svg`, one list per line.
fn polylines(svg: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split("<polyline")
        .skip(1)
        .filter_map(|rest| rest.split("points=\"").nth(1)?.split('"').next())
        .map(|points| {
            points
                .split_whitespace()
                .filter_map(|p| p.split_once(','))
                .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                .collect()
        })
        .collect()
}

/// Draws `draw` on a 640 × 360 SVG.
fn picture(draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
    crate::testing::svg((640, 360), draw).0
}

#[test]
fn stretches_drawn_apart_make_the_same_line() {
    for steps in [100u64, 3000] {
        let mut run = Descent::new(Curve::bowl(), 1.0, 0.999);
        run.step(steps);
        let history = run.history();
        let n = history.buckets().len();
        let view = LossView::new(history, run.steps(), (640, 360));
        let (style, text) = (Style::default(), SceneText::default());
        let whole = picture(|area| {
            draw_foreground(area, &view, history, 0, &style, &text).expect("draws");
        });
        let settled = picture(|area| {
            draw_history(area, &view, history, 0..n / 3, &style).expect("draws");
        });
        let moving = picture(|area| {
            draw_foreground(area, &view, history, n / 3, &style, &text).expect("draws");
        });
        let (whole, settled, moving) = (
            polylines(&whole).concat(),
            polylines(&settled).concat(),
            polylines(&moving).concat(),
        );
        assert_eq!(whole.len(), n, "one point per bucket");
        assert_eq!(settled.last(), moving.first(), "the stretches meet");
        assert_eq!([&settled[..], &moving[1..]].concat(), whole);
        let polygons = |svg: &str| svg.matches("<polygon").count();
        if history.stride() > 1 {
            assert_eq!(
                polygons(&picture(|area| {
                    draw_history(area, &view, history, 0..n / 3, &style).expect("draws");
                })),
                1,
                "each stretch has its band"
            );
        }
    }
}

#[test]
fn log_axis_labels() {
    assert_eq!(power_of_ten(0.01), "0.01");
    assert_eq!(power_of_ten(100.0), "100");
    assert_eq!(power_of_ten(1e-5), "10⁻⁵");
    assert_eq!(power_of_ten(1e12), "10¹²");
    assert_eq!(power_of_ten(3.0), "");
}

#[test]
fn zz_probe() {
    for (curve, w, lr, n) in [(Curve::bowl(), 2.0, 0.1, 200u64), (Curve::data_mse(), -0.5, 0.01, 40), (Curve::bowl(), 2.0, 0.3, 10)] {
    let _ = (curve, w, lr);
    let mut history = LossHistory::with_capacity(512);
    for step in 0..n { history.push(step, 10f64.powf(1.0 - 4.0 * step as f64 / (n - 1) as f64)); }
    let (svg, view) = crate::testing::svg((640, 360), |area| {
        draw(area, &history, 40, &Style::default(), &SceneText::default()).expect("draws")
    });
    eprintln!("{view:?}");
    for t in svg.split("text-anchor=\"end\"").skip(1) { eprintln!("{}", t.split('>').nth(1).unwrap_or("")); }
    }
}
