use super::*;
use descent_core::scenes::backprop::{ChainParameters, Example};

fn chain() -> ChainRule {
    ChainRule::new(ChainParameters::default(), Example::default()).expect("valid")
}

fn svg(revealed: usize, size: (u32, u32)) -> String {
    let (out, ()) = crate::testing::svg(size, |area| {
        draw(
            area,
            &chain(),
            revealed,
            &Style::default(),
            &GraphText::default(),
        )
        .expect("draws");
    });
    out
}

/// The text of every `<text>` element with its (x, y) and whether it is bold.
fn texts(svg: &str) -> Vec<(String, f64, f64, bool)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let attr = |name: &str| -> Option<f64> {
                let start = t.find(&format!(" {name}=\""))? + name.len() + 3;
                t[start..].split('"').next()?.parse().ok()
            };
            let body = t.split('>').nth(1)?.split('<').next()?.trim().to_owned();
            Some((body, attr("x")?, attr("y")?, t.contains("bold")))
        })
        .collect()
}

#[test]
fn nodes_show_their_forward_values() {
    let svg = svg(0, (800, 340));
    let words: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    for name in ["x", "z₁", "a₁", "z₂", "ŷ", "L", "W₁", "b₁", "W₂", "b₂", "y"] {
        assert!(words.iter().any(|w| w == name), "node {name}");
    }
    let f = chain().forward();
    let text = GraphText::default();
    for v in [1.5, f.a1, f.y_hat, f.loss, 0.8, -0.2] {
        assert!(words.contains(&number(v, &text)), "value {v}");
    }
    assert!(
        !words.iter().any(|w| w.contains('∂')),
        "no factor before the walk"
    );
}

#[test]
fn each_step_adds_its_factor_and_emphasises_only_it() {
    let c = chain();
    let text = GraphText::default();
    for revealed in 1..=Factor::WALK.len() {
        let found = texts(&svg(revealed, (800, 340)));
        for (i, factor) in Factor::WALK.iter().enumerate() {
            let label = found.iter().find(|t| t.0 == symbol(*factor));
            assert_eq!(label.is_some(), i < revealed, "{factor:?} at {revealed}");
            if let Some(label) = label {
                assert_eq!(label.3, i + 1 == revealed, "only the newest is bold");
                let value = number(c.factor(*factor), &text);
                assert!(found.iter().any(|t| t.0 == value), "{factor:?} = {value}");
            }
        }
    }
}

#[test]
fn everything_stays_inside_wide_and_tall_pictures() {
    for size in [(760, 340), (370, 540), (1200, 420)] {
        let svg = svg(Factor::WALK.len(), size);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        for (word, x, y, _) in texts(&svg) {
            assert!(
                x > 0.0 && x < f64::from(size.0) && y > 0.0 && y < f64::from(size.1),
                "{word} at {x},{y} in {size:?}"
            );
        }
    }
}

#[test]
fn the_current_factor_is_drawn_in_the_warning_colour() {
    let palette = Style::default().palette().tangent;
    let colour = format!("#{:02X}{:02X}{:02X}", palette.0, palette.1, palette.2);
    assert!(!svg(0, (800, 340)).to_uppercase().contains(&colour));
    assert!(svg(2, (800, 340)).to_uppercase().contains(&colour));
}

#[test]
fn numbers_read_like_the_page() {
    let text = GraphText::default();
    assert_eq!(number(-0.07942580728, &text), "−0.07943");
    assert_eq!(number(1.5, &text), "1.5");
    assert_eq!(number(0.19866773, &text), "0.1987");
    assert_eq!(number(f64::NAN, &text), "overflow");
    assert_eq!(number(0.0, &text), "0");
}

/// A rectangle (left, top, right, bottom) in pixels.
type Rect = (f64, f64, f64, f64);

/// The box around each drawn text (with its words) and the box around each
/// rounded rectangle (node or badge), from an SVG of the graph.
fn text_and_boxes(svg: &str) -> (Vec<(String, Rect)>, Vec<Rect>) {
    let texts = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            let attr = |name: &str| -> Option<&str> {
                let start = t.find(&format!(" {name}=\""))? + name.len() + 3;
                t[start..].split('"').next()
            };
            let number = |name: &str| -> Option<f64> { attr(name)?.parse().ok() };
            let body = t.split('>').nth(1)?.split('<').next()?.trim().to_owned();
            // The SVG backend writes font sizes 1.24 times smaller than a canvas.
            let px = number("font-size")? * 1.24;
            let width = geometry::text_width(&body, px, t.contains("bold"));
            let (x, y) = (number("x")?, number("y")?);
            let left = match attr("text-anchor")? {
                "middle" => x - width / 2.0,
                "end" => x - width,
                _ => x,
            };
            Some((body, (left, y - px / 2.0, left + width, y + px / 2.0)))
        })
        .collect();
    let boxes = svg
        .split("<polygon")
        .skip(1)
        .filter_map(|p| {
            let start = p.find(" points=\"")? + 9;
            let points: Vec<(f64, f64)> = p[start..]
                .split('"')
                .next()?
                .split_whitespace()
                .filter_map(|xy| {
                    let (x, y) = xy.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            // Arrow heads are triangles; node and badge outlines are rounded.
            (points.len() > 8).then(|| {
                points.iter().fold(
                    (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                    |(l, t, r, b), &(x, y)| (l.min(x), t.min(y), r.max(x), b.max(y)),
                )
            })
        })
        .collect();
    (texts, boxes)
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn inside(inner: Rect, outer: Rect, margin: f64) -> bool {
    inner.0 >= outer.0 + margin
        && inner.1 >= outer.1 + margin
        && inner.2 <= outer.2 - margin
        && inner.3 <= outer.3 - margin
}

#[test]
fn long_values_fit_their_boxes_and_no_text_overlaps_another() {
    // Values after an update (and a large one), every factor and product shown.
    let chain = ChainRule::new(
        ChainParameters {
            w1: 0.8384,
            b1: -0.1744,
            w2: -9.876,
            b2: -0.2086,
        },
        Example { x: 9.876, y: 1.0 },
    )
    .expect("valid");
    let projector = Style::new(1.0, true);
    let cases = [
        ((700, 360), projector),
        ((720, 380), projector),
        ((700, 240), Style::default()),
        ((1200, 420), Style::default()),
        ((370, 440), Style::default()),
        ((370, 520), Style::default()),
        ((370, 440), Style::new(2.0, false)),
    ];
    for (size, style) in cases {
        let size = if style.scale == 2.0 {
            (size.0 * 2, size.1 * 2)
        } else {
            size
        };
        for revealed in [0, 6, 7, Factor::WALK.len()] {
            let (svg, ()) = crate::testing::svg(size, |area| {
                draw(area, &chain, revealed, &style, &GraphText::default()).expect("draws");
            });
            let case = format!("{size:?} present={} step {revealed}", style.present);
            let (texts, boxes) = text_and_boxes(&svg);
            assert!(texts.len() >= 22 && boxes.len() >= 11, "{case}");
            let margin = f64::from(style.px(1.5));
            for (i, (word, rect)) in texts.iter().enumerate() {
                assert!(
                    rect.0 >= 0.0
                        && rect.1 >= 0.0
                        && rect.2 <= f64::from(size.0)
                        && rect.3 <= f64::from(size.1),
                    "{case}: {word} {rect:?} leaves the picture"
                );
                for (other, r) in &texts[i + 1..] {
                    assert!(
                        !overlap(*rect, *r),
                        "{case}: {word} {rect:?} on {other} {r:?}"
                    );
                }
                for b in &boxes {
                    assert!(
                        inside(*rect, *b, margin) || !overlap(*rect, *b),
                        "{case}: {word} {rect:?} crosses the edge of the box {b:?}"
                    );
                }
            }
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    assert!(!overlap(*a, *b), "{case}: boxes {a:?} and {b:?} overlap");
                }
            }
        }
    }
}
