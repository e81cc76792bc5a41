//! Tests of `curves`.
use super::*;
use descent_core::scenes::loss::Line;

fn svg(fit: &LineFit) -> String {
    let reach = reach_for(fit.residuals().fold(0.0, |m: f64, e| m.max(e.abs())));
    let text = LossText::default();
    let (out, ()) = crate::testing::svg((520, 480), |area| {
        draw_background(area, reach, &Style::default(), &text).expect("background");
        draw_foreground(area, reach, fit, &Style::default(), &text).expect("foreground");
    });
    out
}

#[test]
fn the_reach_grows_in_steps_to_hold_the_largest_error() {
    assert_eq!(reach_for(0.4), 3.0);
    assert_eq!(reach_for(2.9), 6.0);
    assert_eq!(reach_for(-10.0), 12.0);
    assert_eq!(reach_for(1e6), 48.0);
    assert_eq!(reach_for(f64::NAN), 48.0);
}

#[test]
fn both_losses_their_derivatives_and_the_kink_are_named() {
    let svg = svg(&LineFit::chapter(Line::new(2.0, 1.0)));
    for word in [
        "e² (MSE)",
        "|e| (MAE)",
        "2e",
        "sign(e)",
        "not differentiable at 0",
        "largest error: e =",
    ] {
        assert!(svg.contains(word), "{word}");
    }
    assert!(!svg.contains("off the chart"));
    assert!(!svg.contains("NaN"));
}

#[test]
fn every_residual_is_marked_on_each_curve() {
    let fit = LineFit::chapter(Line::new(1.8, 2.0));
    let svg = svg(&fit);
    // Two filled circles (e², 2e) per residual in the MSE colour, two
    // squares (|e|, sign e) in the MAE colour.
    assert_eq!(filled(&svg, "<circle", "#0072B2"), 2 * fit.len());
    assert_eq!(filled(&svg, "<rect", "#009E73"), 2 * fit.len());
}

/// How many `element`s of the SVG are filled with `colour`.
fn filled(svg: &str, element: &str, colour: &str) -> usize {
    let fill = format!("fill=\"{colour}\"");
    svg.split(element)
        .skip(1)
        .filter(|e| e.split('>').next().is_some_and(|head| head.contains(&fill)))
        .count()
}

#[test]
fn errors_beyond_the_last_reach_are_marked_off_the_chart() {
    let svg = svg(&LineFit::new(
        vec![(0.0, 90.0), (1.0, 1.0)],
        Line::new(0.0, 0.0),
    ));
    assert!(svg.contains("off the chart"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}
