//! Tests of `datasets`.
use super::*;

fn make(kind: DataKind, points: usize, noise: f64, seed: u64) -> DataSet {
    DataRecipe {
        kind,
        points,
        noise,
        outlier: false,
        seed,
    }
    .generate()
    .expect("in range")
}

#[test]
fn the_default_is_the_chapters_data_to_the_last_bit() {
    let data = DataRecipe::default().generate().expect("in range");
    assert!(data.recipe().is_chapter());
    assert_eq!(data.xs(), chapter_data::X);
    assert_eq!(data.ys(), chapter_data::Y);
    assert_eq!(data, DataSet::chapter());
    assert_eq!(data.linear(), LinearData::chapter());
    assert_eq!(data.outlier(), None);
}

#[test]
fn same_recipe_same_points_other_seed_other_points() {
    for kind in DataKind::ALL {
        assert_eq!(make(kind, 50, 0.5, 3), make(kind, 50, 0.5, 3), "{kind:?}");
        assert_ne!(make(kind, 50, 0.5, 3).xs(), make(kind, 50, 0.5, 4).xs());
    }
}

#[test]
fn sizes_follow_the_recipe_and_the_caps_are_errors_naming_the_field() {
    for kind in DataKind::ALL {
        for n in [MIN_POINTS, 7, 100, MAX_POINTS] {
            let data = make(kind, n, 1.0, 1);
            assert_eq!((data.len(), data.ys().len()), (n, n), "{kind:?}");
            assert_eq!(data.x_matrix().shape(), (n, 1));
            assert_eq!(data.y_matrix().shape(), (n, 1));
        }
    }
    let error = |recipe: DataRecipe| recipe.generate().map(|_| ()).map_err(|e| e.to_string());
    let line = DataRecipe::chapter();
    for (recipe, message) in [
        (
            DataRecipe { points: 1, ..line },
            "points: must be between 2 and 1000 (got 1)",
        ),
        (
            DataRecipe {
                points: 1001,
                ..line
            },
            "points: must be between 2 and 1000 (got 1001)",
        ),
        (
            DataRecipe {
                noise: -0.1,
                ..line
            },
            "noise: must be between 0 and 10 (got -0.1)",
        ),
        (
            DataRecipe {
                noise: f64::NAN,
                ..line
            },
            "noise: must be between 0 and 10 (got NaN)",
        ),
        (
            DataRecipe {
                noise: 10.5,
                ..line
            },
            "noise: must be between 0 and 10 (got 10.5)",
        ),
    ] {
        assert_eq!(error(recipe), Err(message.to_owned()));
    }
}

#[test]
fn noise_zero_gives_the_functions_exact_values() {
    for kind in DataKind::ALL {
        for seed in [42, 5] {
            let data = make(kind, 100, 0.0, seed);
            for (x, y) in data.points() {
                assert_eq!(y, kind.f(x), "{kind:?} at x = {x}");
            }
        }
    }
    // The chapter's x, on the line itself.
    let line = make(DataKind::Line, 100, 0.0, 42);
    assert_eq!(line.xs(), chapter_data::X);
}

#[test]
fn noise_scales_the_same_draws() {
    for kind in DataKind::ALL {
        let (a, b) = (make(kind, 30, 0.5, 9), make(kind, 30, 2.0, 9));
        assert_eq!(a.xs(), b.xs());
        for ((x, ya), yb) in a.points().zip(b.ys()) {
            let (ea, eb) = (ya - kind.f(x), yb - kind.f(x));
            assert!((eb - 4.0 * ea).abs() < 1e-12, "{kind:?}: {ea} {eb}");
        }
    }
    // The noise is N(0, σ²).
    let data = make(DataKind::Sine, 1000, 2.0, 1);
    let residuals: Vec<f64> = data
        .points()
        .map(|(x, y)| y - DataKind::Sine.f(x))
        .collect();
    let variance = residuals.iter().map(|e| e * e).sum::<f64>() / 1000.0;
    assert!((variance - 4.0).abs() < 0.5, "{variance}");
}

#[test]
fn the_line_is_the_chapters_recipe_for_every_seed() {
    for (seed, n) in [(7, 100), (42, 50), (3, 2)] {
        let data = make(DataKind::Line, n, 1.0, seed);
        assert_eq!(data.linear(), LinearData::generate(seed, n), "seed {seed}");
    }
}

#[test]
fn x_stays_in_its_range() {
    for kind in [
        DataKind::Sine,
        DataKind::Abs,
        DataKind::Step,
        DataKind::Quadratic,
    ] {
        let data = make(kind, 1000, 1.0, 2);
        assert!(data.xs().iter().all(|x| (X_RANGE.0..X_RANGE.1).contains(x)));
        let low = data.xs().iter().copied().fold(f64::INFINITY, f64::min);
        let high = data.xs().iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(low < -9.5 && high > 9.5, "{kind:?}: [{low}, {high}]");
    }
}

#[test]
fn the_outlier_moves_the_point_nearest_x_5_and_only_it() {
    for kind in DataKind::ALL {
        let plain = make(kind, 100, 1.0, 42);
        let recipe = DataRecipe {
            outlier: true,
            ..*plain.recipe()
        };
        let with = recipe.generate().expect("in range");
        let i = with.outlier().expect("an outlier");
        assert_eq!(with.xs(), plain.xs());
        assert_eq!(with.ys()[i], plain.ys()[i] + OUTLIER_SHIFT);
        for (j, (a, b)) in with.ys().iter().zip(plain.ys()).enumerate() {
            assert!(j == i || a == b);
        }
        let distance = (with.xs()[i] - OUTLIER_X).abs();
        assert!(plain.xs().iter().all(|x| (x - OUTLIER_X).abs() >= distance));
        assert_eq!(with, recipe.generate().expect("in range"));
    }
}

#[test]
fn names_are_url_safe_and_round_trip() {
    for kind in DataKind::ALL {
        let name = kind.name();
        assert!(name.bytes().all(|b| b.is_ascii_lowercase()), "{name}");
        assert_eq!(DataKind::from_name(name), Some(kind));
    }
    assert_eq!(DataKind::from_name("Sine"), None);
}
