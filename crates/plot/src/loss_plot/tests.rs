//! Tests of `loss_plot`.
use super::*;
use descent_core::{Curve, Descent};

fn svg(run: &Descent) -> (String, LossView) {
    crate::testing::svg((640, 360), |area| {
        draw_run(
            area,
            run.history(),
            run.steps(),
            run.diverged(),
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
            draw_foreground(area, &view, history, 0, false, &style, &text).expect("draws");
        });
        let settled = picture(|area| {
            draw_history(area, &view, history, 0..n / 3, &style).expect("draws");
        });
        let moving = picture(|area| {
            draw_foreground(area, &view, history, n / 3, false, &style, &text).expect("draws");
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
    for (curve, w, lr, n) in [
        (Curve::bowl(), 2.0, 0.1, 200u64),
        (Curve::data_mse(), -0.5, 0.01, 40),
        (Curve::bowl(), 2.0, 0.3, 10),
    ] {
        let _ = (curve, w, lr);
        let mut history = LossHistory::with_capacity(512);
        for step in 0..n {
            history.push(step, 10f64.powf(1.0 - 4.0 * step as f64 / (n - 1) as f64));
        }
        let (svg, view) = crate::testing::svg((640, 360), |area| {
            draw_run(
                area,
                &history,
                40,
                false,
                &Style::default(),
                &SceneText::default(),
            )
            .expect("draws")
        });
        eprintln!("{view:?}");
        for t in svg.split("text-anchor=\"end\"").skip(1) {
            eprintln!("{}", t.split('>').nth(1).unwrap_or(""));
        }
    }
}

/// The loss axis's tick labels of `svg` (right-aligned text), top first.
fn loss_labels(svg: &str) -> Vec<String> {
    let mut labels: Vec<(f64, String)> = svg
        .split("<text")
        .skip(1)
        .filter(|t| t.contains("text-anchor=\"end\""))
        .filter_map(|t| {
            let y = t.split("y=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let label = t.split('>').nth(1)?.split('<').next()?.trim().to_string();
            Some((y, label))
        })
        .collect();
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    labels.into_iter().map(|(_, label)| label).collect()
}

/// The value a tick label stands for: "0.01", "100", "10⁻³", "10¹²".
fn label_value(label: &str) -> f64 {
    match label
        .strip_prefix("10")
        .filter(|rest| !rest.is_empty() && !rest.starts_with(['0', '.']))
    {
        Some(exponent) => {
            let digits: String = exponent
                .chars()
                .map(|c| match c {
                    '⁻' => '-',
                    c => char::from_digit(
                        "⁰¹²³⁴⁵⁶⁷⁸⁹"
                            .chars()
                            .position(|d| d == c)
                            .expect("a superscript") as u32,
                        10,
                    )
                    .expect("a digit"),
                })
                .collect();
            10f64.powi(digits.parse().expect("an exponent"))
        }
        None => label.parse().expect("a number"),
    }
}

fn history_of(losses: impl IntoIterator<Item = f64>) -> LossHistory {
    let mut history = LossHistory::default();
    for (step, loss) in losses.into_iter().enumerate() {
        history.push(step as u64, loss);
    }
    history
}

fn svg_of(history: &LossHistory, style: &Style) -> (String, LossView) {
    let steps = history.buckets().last().map_or(0, |b| b.last_step);
    crate::testing::svg((640, 360), |area| {
        draw_run(area, history, steps, false, style, &SceneText::default()).expect("draws")
    })
}

/// Like [`svg_of`], for a run judged diverged.
fn svg_of_diverged(history: &LossHistory, style: &Style) -> (String, LossView) {
    let steps = history.buckets().last().map_or(0, |b| b.last_step);
    crate::testing::svg((640, 360), |area| {
        draw_run(area, history, steps, true, style, &SceneText::default()).expect("draws")
    })
}

#[test]
fn the_loss_axis_follows_a_climbing_loss() {
    let before: Vec<f64> = (0..20).map(|k| 4.0 * 1.1f64.powi(k)).collect();
    let top_before =
        label_value(&loss_labels(&svg_of(&history_of(before.clone()), &Style::default()).0)[0]);
    // … and on, until the loss has grown by 10⁶.
    let climbed = before
        .iter()
        .copied()
        .chain((0..20).map(|k| 4.0 * 10f64.powf(6.0 * f64::from(k + 1) / 20.0)));
    let (svg, view) = svg_of(&history_of(climbed), &Style::default());
    let labels = loss_labels(&svg);
    let top_after = label_value(&labels[0]);
    assert!(
        top_after > top_before,
        "{top_after} > {top_before}: {labels:?}"
    );
    assert!(
        top_after >= 4e6,
        "the top tick is above the highest loss: {labels:?}"
    );
    assert_eq!(top_after, view.top, "the top of the axis is a tick");
    assert!(
        !svg.contains("off the chart"),
        "a climb below the limit stays on the chart"
    );
    // The line reaches up to the top (its highest point within a few pixels).
    let line = polylines(&svg).concat();
    let highest = line.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let lowest = line.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    assert!(
        lowest - highest > 150.0,
        "the line rises across the chart: {highest}..{lowest}"
    );
}

#[test]
fn the_loss_axis_grows_a_whole_decade_at_a_time() {
    let view = |high: f64| LossView::new(&history_of([4.0, high]), 1, (640, 360)).top;
    assert_eq!(view(4.0), 100.0, "one decade above the start");
    assert_eq!(view(200.0), 1000.0);
    assert_eq!(view(900.0), 1000.0, "the same decade: the same background");
    assert_eq!(view(1e40), 1e30, "never beyond the limit");
    assert_eq!(
        view(f64::INFINITY),
        100.0,
        "non-finite losses do not stretch it"
    );
}

#[test]
fn ticks_are_labelled_below_one() {
    let history = history_of((0..=40).map(|k| 10f64.powf(1.0 - f64::from(k) / 10.0)));
    let (svg, view) = svg_of(&history, &Style::default());
    assert_eq!((view.bottom, view.top), (1e-3, 100.0));
    let labels = loss_labels(&svg);
    assert_eq!(labels, ["100", "10", "1", "0.1", "0.01", "10⁻³"]);
}

#[test]
fn ticks_are_powers_of_ten_from_the_top_at_most_eight() {
    for (bottom, top) in [(1e-3, 100.0), (1.0, 1e30), (1e-10, 100.0), (1e18, 1e30)] {
        let view = LossView {
            size: (640, 360),
            steps: 20,
            bottom,
            top,
        };
        let ticks = view.ticks();
        assert_eq!(ticks.last(), Some(&top), "{ticks:?}");
        assert!(ticks.len() <= 8 && ticks.len() >= 3, "{ticks:?}");
        assert!(
            ticks
                .iter()
                .all(|t| *t >= bottom * 0.999 && !power_of_ten(*t).is_empty()),
            "{ticks:?}"
        );
    }
}

/// The (x1, y1, x2, y2) of every vertical `<polyline>` stroked in `colour`.
fn vertical_strokes(svg: &str, colour: &str) -> Vec<(f64, f64, f64)> {
    svg.split("<polyline")
        .skip(1)
        .filter(|p| p.contains(&format!("stroke=\"{colour}\"")))
        .filter_map(|p| {
            let points = polylines(&format!("<polyline{p}")).concat();
            match points[..] {
                [(x1, y1), (x2, y2)] if x1 == x2 => Some((x1, y1, y2)),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn a_diverged_run_ends_in_an_arrow_up() {
    let warning = "#D55E00";
    let mut run = Descent::new(Curve::bowl(), 2.0, 1.2);
    run.step(10_000);
    assert!(run.diverged());
    let (svg, view) = svg(&run);
    assert!(view.top >= 1e20, "the axis climbed with the loss: {view:?}");
    let line: Vec<(f64, f64)> = svg
        .split("<polyline")
        .skip(1)
        .filter(|p| p.contains("stroke=\"#0072B2\""))
        .flat_map(|p| polylines(&format!("<polyline{p}")).concat())
        .collect();
    let top_end = line
        .iter()
        .copied()
        .fold((0.0, f64::INFINITY), |a, p| if p.1 < a.1 { p } else { a });
    let arrows = vertical_strokes(&svg, warning);
    assert_eq!(arrows.len(), 1, "one arrow: {arrows:?}");
    let (x, from, to) = arrows[0];
    assert!(to < from, "it points up");
    assert!(
        (x - top_end.0).abs() <= 1.0 && (from - top_end.1) <= 40.0,
        "at the line's top end {top_end:?}: {arrows:?}"
    );
    assert!(svg.contains("off the chart") && !svg.contains("NaN") && !svg.contains("inf"));

    let mut calm = Descent::new(Curve::bowl(), 2.0, 0.1);
    calm.step(100);
    assert!(
        vertical_strokes(&self::svg(&calm).0, warning).is_empty(),
        "no arrow when the run stays on the chart"
    );
}

#[test]
fn projector_mode_draws_large_words_and_thick_lines() {
    let ratio = 2.0;
    let style = Style::new(ratio, true);
    let mut run = Descent::new(Curve::bowl(), 2.0, 1.2);
    run.step(10_000);
    let (svg, _) = svg_of_diverged(run.history(), &style);
    // plotters' SVG writer divides a font's size by 1.24 (the canvas draws it
    // as given, in pixels), so the size drawn on a canvas is 1.24 × this.
    let sizes: Vec<f64> = svg
        .split("font-size=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect();
    assert!(
        sizes.len() > 8,
        "tick labels, captions and the mark: {sizes:?}"
    );
    for size in &sizes {
        assert!(size * 1.24 >= 20.0 * ratio - 1e-9, "{size}: {sizes:?}");
    }
    let curve = format!("stroke=\"#{:02X}{:02X}{:02X}\"", 0, 80, 140);
    let widths: Vec<f64> = svg
        .split("<polyline")
        .skip(1)
        .filter(|p| p.contains(&curve) || p.contains("stroke=\"#AA3C00\""))
        .filter_map(|p| {
            p.split("stroke-width=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert!(widths.len() >= 2, "the loss line and the arrow: {widths:?}");
    assert!(widths.iter().all(|w| *w >= 3.0 * ratio), "{widths:?}");
    // Normal mode keeps today's sizes.
    let (normal, _) = svg_of(run.history(), &Style::new(ratio, false));
    assert!(normal.contains(&format!("font-size=\"{}\"", 13.0 * ratio / 1.24)));
}

#[test]
fn the_loss_caption_is_shortened_only_when_it_does_not_fit_along_its_axis() {
    let style = Style::default();
    assert_eq!(
        loss_caption("loss (log scale)", 400, &style),
        "loss (log scale)"
    );
    assert_eq!(loss_caption("loss (log scale)", 60, &style), "loss");
    assert_eq!(loss_caption("损失（对数坐标）", 60, &style), "损失");
    assert_eq!(loss_caption("loss", 10, &style), "loss");
    assert_eq!(loss_caption("loss L(w)", 10, &style), "loss L(w)");
    // A tall plot draws the whole caption, a short one does not.
    let run = Descent::new(Curve::data_mse(), -0.5, 0.01);
    let text = SceneText {
        loss_axis: "loss (log scale)".to_owned(),
        ..SceneText::default()
    };
    let drawn = |height| {
        crate::testing::svg((640, height), |area| {
            draw_run(
                area,
                run.history(),
                run.steps(),
                run.diverged(),
                &style,
                &text,
            )
            .expect("draws")
        })
        .0
    };
    assert!(drawn(400).contains("loss (log scale)"));
    assert!(!drawn(110).contains("log scale"));
}
