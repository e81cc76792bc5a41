use descent_core::scenes::compare::{Compare, Preset};
use descent_core::{Landscape, OptimizerConfig, Regime};

use super::*;
use crate::testing::svg;
use crate::Style;

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn a_surface_is_a_filled_contour_map_with_each_path_on_it() {
    let mut compare = Compare::new(Landscape::from_name("bowl").expect("known"));
    compare.apply(Preset::Ravine);
    compare.step(60);
    let style = Style::default();
    let text = CompareText::default();
    let (out, frame) = svg((640, 420), |area| {
        let frame = draw_background(area, compare.landscape(), &style, &text).expect("draws");
        draw_foreground(area, &frame, &compare, &style).expect("draws");
        frame
    });
    assert!(is_map(compare.landscape()));
    let bands = (0..BANDS)
        .filter(|k| out.contains(&hex(band_colour(*k))))
        .count();
    assert!(bands >= 8, "{bands} bands");
    assert!(out.matches("<rect").count() > 100);
    for i in 0..3 {
        assert!(out.contains(&hex(run_colour(i, &style))), "run {i}");
    }
    assert!(out.contains("<polyline"));
    // The paths end where the runs are, inside the plot.
    for run in compare.runners() {
        let p = run.position();
        let (x, y) = frame.to_pixel(p[0], p[1]);
        assert!(frame.plot.contains(x, y), "{p:?}");
        let back = frame.point_at(x, y);
        assert!((back.0 - p[0]).abs() < 1e-9 && (back.1 - p[1]).abs() < 1e-9);
    }
    assert!(!out.contains("NaN") && !out.contains("inf"));
}

#[test]
fn a_curve_has_a_ball_of_its_own_shape_and_colour_per_run() {
    let mut compare = Compare::new(Landscape::from_name("bowl").expect("known"));
    compare.apply(Preset::Optimizers);
    compare.step(30);
    let style = Style::new(2.0, true);
    let (out, ()) = svg((1000, 600), |area| {
        let frame = draw_background(area, compare.landscape(), &style, &CompareText::default())
            .expect("draws");
        draw_foreground(area, &frame, &compare, &style).expect("draws");
    });
    assert!(!is_map(compare.landscape()));
    for i in 0..4 {
        assert!(out.contains(&hex(run_colour(i, &style))), "run {i}");
    }
    assert!(out.contains("<polygon"), "triangle and diamond");
    // Projector mode at scale 2: no word below 20 CSS px (plotters' SVG
    // writer divides a font's size by 1.24; a canvas draws it as given).
    let sizes: Vec<f64> = out
        .split("font-size=\"")
        .skip(1)
        .filter_map(|s| {
            s.split('"')
                .next()?
                .trim_end_matches("px")
                .parse::<f64>()
                .ok()
        })
        .map(|s| s * 1.24)
        .collect();
    assert!(
        !sizes.is_empty() && sizes.iter().all(|s| *s >= 39.99),
        "{sizes:?}"
    );
}

#[test]
fn the_sweep_chart_shades_regimes_and_marks_eta_star_and_the_runs() {
    let compare = Compare::new(Landscape::from_name("bowl").expect("known"));
    let critical = compare.critical_learning_rate();
    let sweep = compare.sweep(OptimizerConfig::sgd(0.0), 200);
    let marks = SweepMarks {
        critical: Some(critical),
        runs: vec![(0, 0.3), (1, 100.0)],
    };
    let text = CompareText::default();
    let (out, frame) = svg((700, 380), |area| {
        draw_sweep(area, &sweep.sweep, &marks, &Style::default(), &text).expect("draws")
    });
    for regime in [Regime::TooSlow, Regime::Diverging] {
        assert!(out.contains(&hex(regime_colour(regime))), "{regime:?}");
        assert!(out.contains(text.regime(regime)), "{regime:?}");
    }
    assert!(out.contains("η*"));
    let x = frame.x_of(critical);
    assert!((frame.rate_at(x) / critical - 1.0).abs() < 1e-9);
    assert!(!out.contains("NaN"));
}

#[test]
fn a_map_of_a_formula_that_blows_up_has_no_non_finite_numbers() {
    let landscape = Landscape::formula("exp(w*b*40) + 1/w").expect("parses");
    let view = landscape.view();
    let grid = ValueGrid::new(&landscape, &view, 50, 40);
    assert_eq!(grid.bands.len(), 2000);
    assert!(grid.bands.iter().all(|b| usize::from(*b) < BANDS));
    let compare = Compare::new(landscape);
    let (out, _) = svg((300, 200), |area| {
        let frame = draw_background(
            area,
            compare.landscape(),
            &Style::default(),
            &CompareText::default(),
        )
        .expect("draws");
        draw_foreground(area, &frame, &compare, &Style::default()).expect("draws");
    });
    assert!(!out.contains("NaN") && !out.contains("inf"));
}
