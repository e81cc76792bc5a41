//! `descent figure`: each scene as SVG through the page's drawing code.

use std::process::Command;

fn descent(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn every_scene_draws_an_svg_without_non_finite_numbers() {
    let dir = std::env::temp_dir().join(format!("descent-figure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cases: [(&str, &[&str], &str); 7] = [
        (
            "descent",
            &["--curve", "bumpy", "--lr", "0.5", "--steps", "3"],
            "local minimum",
        ),
        (
            "descent",
            &["--curve", "bowl", "--lr", "5", "--steps", "500"],
            "off the chart",
        ),
        ("loss", &["--outlier", "1"], "largest error"),
        ("backprop", &["--revealed", "8"], "∂L/∂W₁"),
        ("loop", &["--epochs", "50"], "epoch"),
        (
            "compare",
            &["--preset", "ravine", "--steps", "100"],
            "bias b",
        ),
        ("compare", &["--landscape", "data-mse"], "minimum"),
    ];
    for (i, (scene, settings, expected)) in cases.iter().enumerate() {
        let out = dir.join(format!("{scene}-{i}.svg"));
        let out_text = out.to_string_lossy().into_owned();
        let mut args = vec!["figure", "--scene", scene, "--out", &out_text];
        args.extend_from_slice(settings);
        let run = descent(&args);
        assert!(
            run.status.success(),
            "{scene}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let svg = std::fs::read_to_string(&out).expect("written");
        assert!(svg.starts_with("<svg"), "{scene}");
        assert!(svg.contains(expected), "{scene} shows {expected:?}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{scene}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_figure_requests_exit_2_naming_the_flag_and_write_nothing() {
    let leftover = std::path::Path::new("a.svg");
    for (args, field) in [
        (&["figure", "--out", "a.svg"][..], "--scene"),
        (
            &["figure", "--scene", "nope", "--out", "a.svg"][..],
            "--scene",
        ),
        (
            &["figure", "--scene", "loss", "--out", "a.png"][..],
            "--out",
        ),
        (
            &[
                "figure", "--scene", "loss", "--out", "a.svg", "--width", "5",
            ][..],
            "--width",
        ),
        (
            &[
                "figure", "--scene", "descent", "--out", "a.svg", "--lr", "-1",
            ][..],
            "--lr",
        ),
        (
            &[
                "figure",
                "--scene",
                "backprop",
                "--out",
                "a.svg",
                "--revealed",
                "9",
            ][..],
            "--revealed",
        ),
        (
            &[
                "figure",
                "--scene",
                "loss",
                "--out",
                "a.svg",
                "--outlier",
                "yes",
            ][..],
            "--outlier",
        ),
    ] {
        let run = descent(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(field), "{args:?}: {stderr}");
        assert!(!leftover.exists(), "{args:?} left a file behind");
    }
}
