//! `descent pytorch`: the scripts of `tests/fixtures/export/` (the ones
//! real PyTorch ran), from the chapter's settings or a spec file, and one
//! line on stderr with exit code 2 for bad input.

mod common;

use common::{assert_bad_input, fixture, succeeded};

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

fn stdout(args: &[&str]) -> String {
    let output = succeeded(args);
    assert!(output.stderr.is_empty());
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_chapters_settings_are_the_recorded_scripts() {
    let float32 = read("export/chapter_float32.py");
    let float64 = read("export/chapter_float64.py");
    assert!(stdout(&["pytorch"]) == float32);
    assert!(stdout(&["pytorch", "--chapter"]) == float32);
    assert!(stdout(&["pytorch", "--chapter", "--dtype", "float32"]) == float32);
    assert!(stdout(&["pytorch", "--dtype", "float64"]) == float64);
    // From a spec file with the chapter's numbers: the same script.
    for spec in ["export/chapter.json", "seed_chapter3.json"] {
        let path = fixture(spec).to_string_lossy().into_owned();
        assert!(stdout(&["pytorch", "--spec", &path]) == float32, "{spec}");
        assert!(stdout(&["pytorch", "--spec", &path, "--dtype=float64"]) == float64);
    }
}

#[test]
fn a_spec_file_gives_the_recorded_script_but_for_the_data_comment() {
    // The file does not say how its data were made: the comment above
    // them says only how many there are.
    let path = fixture("export/sine_adam.json")
        .to_string_lossy()
        .into_owned();
    let got = stdout(&["pytorch", "--spec", &path, "--dtype", "float64"]);
    let recorded = read("export/sine_adam_float64.py");
    let comment = "# 生成训练数据: y = 5·sin(x/2) + 噪声 (σ = 0.3)\n\
                   # (x ∈ [-10, 10), 200 个点, 种子 42; 原样写出)\n";
    assert!(recorded.contains(comment));
    assert!(got == recorded.replacen(comment, "# 训练数据: 200 个样本, 原样写出\n", 1));
}

#[test]
fn bad_input_is_one_line_naming_the_flag_or_field() {
    assert_bad_input(
        &["pytorch", "--dtype", "float16"],
        "--dtype: must be float32 or float64 (got \"float16\")",
    );
    assert_bad_input(&["pytorch", "--dtype"], "--dtype: missing value");
    assert_bad_input(
        &["pytorch", "--chapter", "--spec", "x.json"],
        "--chapter: cannot be used with --spec",
    );
    assert_bad_input(
        &["pytorch", "--spec", "/nonexistent/spec.json"],
        "--spec: cannot read",
    );
    assert_bad_input(
        &["pytorch", "--lr", "0.1"],
        "--lr: unknown flag for this command",
    );

    let dir = std::env::temp_dir().join(format!("descent-pytorch-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut spec: serde_json::Value =
        serde_json::from_str(&read("export/chapter.json")).expect("JSON");
    spec["optimizer"]["lr"] = serde_json::json!(-1);
    let bad = dir.join("bad_lr.json");
    std::fs::write(&bad, spec.to_string()).expect("write");
    assert_bad_input(
        &["pytorch", "--spec", &bad.to_string_lossy()],
        "optimizer.lr: must be a finite number ≥ 0 (got -1)",
    );
    spec["optimizer"]["lr"] = serde_json::json!(0.01);
    spec["init"]["layers"][1]["bias"] = serde_json::json!([0.0, 1.0]);
    let bad = dir.join("bad_bias.json");
    std::fs::write(&bad, spec.to_string()).expect("write");
    assert_bad_input(
        &["pytorch", "--spec", &bad.to_string_lossy()],
        "init.layers[1].bias:",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_names_the_flags() {
    let help = stdout(&["pytorch", "--help"]);
    for flag in ["--spec", "--chapter", "--dtype"] {
        assert!(help.contains(flag), "{help}");
    }
    assert!(stdout(&["--help"]).contains("pytorch"));
}
