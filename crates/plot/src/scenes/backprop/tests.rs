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
