use proptest::prelude::*;

use super::*;

fn value(text: &str, w: f64, b: f64) -> f64 {
    Formula::surface(text)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .value(w, b)
}

fn error(text: &str) -> (ErrorKind, usize) {
    let e = Formula::surface(text).expect_err(text);
    (e.kind, e.position)
}

#[test]
fn precedence_and_associativity() {
    let (w, b) = (1.7f64, -0.6f64);
    let table: &[(&str, f64)] = &[
        ("-w^2", -(w * w)),
        ("2^3^2", 512.0),
        ("-2^2", -4.0),
        ("(-2)^2", 4.0),
        ("w-b-1", (w - b) - 1.0),
        ("w/b/2", (w / b) / 2.0),
        ("sin(w)^2", w.sin().powi(2)),
        ("2*-w", -2.0 * w),
        ("2^-1", 0.5),
        ("-w*b", -w * b),
        ("w^-b", w.powf(-b)),
        ("2*w^2", 2.0 * w * w),
        ("w+b*2", w + 2.0 * b),
        ("(w+b)*2", (w + b) * 2.0),
        ("w^2^0.5", w.powf(2f64.sqrt())),
        ("--w", w),
        ("+w", w),
        ("w--b", w + b),
        ("w**2", w * w),
    ];
    for &(text, want) in table {
        let got = value(text, w, b);
        assert!(
            (got - want).abs() <= 1e-15 * want.abs().max(1.0),
            "{text}: {got} vs {want}"
        );
    }
    // No implicit multiplication.
    assert_eq!(error("2w^0").0, ErrorKind::ExpectedOperator("w".into()));
}

#[test]
fn numbers_constants_and_functions() {
    let table: &[(&str, f64)] = &[
        (".5", 0.5),
        ("1e-3", 1e-3),
        ("1E3", 1000.0),
        ("2.", 2.0),
        ("2e3", 2000.0),
        ("2.5e+1", 25.0),
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("e^1", std::f64::consts::E),
        ("sigmoid(0)", 0.5),
        ("abs(-3)", 3.0),
        ("sqrt(4)", 2.0),
        ("exp(0)", 1.0),
        ("log(e)", 1.0),
        ("tanh(0)", 0.0),
        ("cos(0) + sin(0) + tan(0)", 1.0),
        ("2 \u{2212} 3 × 4 · 2 ÷ 8", -1.0),
    ];
    for &(text, want) in table {
        assert!((value(text, 0.0, 0.0) - want).abs() < 1e-15, "{text}");
    }
    assert!(value("sqrt(w)", -1.0, 0.0).is_nan());
    assert!(value("log(w)", -1.0, 0.0).is_nan());
    assert_eq!(value("log(w)", 0.0, 0.0), f64::NEG_INFINITY);
    let d = Formula::curve("sqrt(w) + log(w)")
        .expect("parses")
        .derivatives(-2.0, 0.0);
    assert!(d.value.is_nan() && d.gradient[0].is_nan() && d.hessian[0][0].is_nan());
    // Constants are folded: 2^3^2 is one instruction.
    assert_eq!(Formula::curve("2^3^2*w").expect("parses").len(), 3);
    assert_eq!(
        FUNCTIONS.to_vec(),
        eval::Function::ALL.map(|(_, n)| n).to_vec()
    );
}

#[test]
fn abs_has_slope_sign_and_no_curvature() {
    let f = Formula::curve("abs(w)").expect("parses");
    for (w, slope) in [(-2.0, -1.0), (0.0, 0.0), (3.0, 1.0)] {
        let d = f.derivatives(w, 0.0);
        assert_eq!((d.gradient[0], d.hessian[0][0]), (slope, 0.0), "w={w}");
    }
}

#[test]
fn exact_derivatives_of_known_functions() {
    let f = Formula::surface("w^3*b + sin(w*b) + exp(b)/w").expect("parses");
    let (w, b) = (1.3f64, 0.4f64);
    let d = f.derivatives(w, b);
    let gw = 3.0 * w * w * b + b * (w * b).cos() - b.exp() / (w * w);
    let gb = w.powi(3) + w * (w * b).cos() + b.exp() / w;
    let hww = 6.0 * w * b - b * b * (w * b).sin() + 2.0 * b.exp() / w.powi(3);
    let hwb = 3.0 * w * w + (w * b).cos() - w * b * (w * b).sin() - b.exp() / (w * w);
    let hbb = -w * w * (w * b).sin() + b.exp() / w;
    let close = |a: f64, b: f64| (a - b).abs() < 1e-13 * b.abs().max(1.0);
    assert!(
        close(d.gradient[0], gw) && close(d.gradient[1], gb),
        "{d:?}"
    );
    assert!(close(d.hessian[0][0], hww) && close(d.hessian[1][1], hbb));
    assert!(close(d.hessian[0][1], hwb) && d.hessian[0][1] == d.hessian[1][0]);
    assert_eq!(f.gradient(w, b), (d.value, d.gradient));
    assert_eq!(f.value(w, b), d.value);
}

#[test]
fn every_error_names_its_place() {
    use ErrorKind as K;
    let table: Vec<(&str, K, usize)> = vec![
        ("", K::EmptyInput, 0),
        ("   ", K::EmptyInput, 0),
        ("w + )", K::UnexpectedToken(")".into()), 4),
        ("(w + 1))", K::UnmatchedCloseParen, 7),
        ("2w", K::ExpectedOperator("w".into()), 1),
        ("(w)(b)", K::ExpectedOperator("(".into()), 3),
        ("w 2", K::ExpectedOperator("2".into()), 2),
        ("(w 2)", K::ExpectedOperator("2".into()), 3),
        ("sin(w", K::MissingCloseParen, 3),
        ("((w)", K::MissingCloseParen, 0),
        ("w +", K::UnexpectedEnd, 3),
        ("(", K::UnexpectedEnd, 1),
        ("foo(w)", K::UnknownFunction("foo".into()), 0),
        ("x + 1", K::UnknownVariable("x".into()), 0),
        ("w2", K::UnknownVariable("w2".into()), 0),
        ("sin w", K::ExpectedOpenParen("sin".into()), 0),
        ("1 + 1e999", K::NumberTooLarge("1e999".into()), 4),
        ("w²", K::UnexpectedChar('²'), 1),
        ("w = 1", K::UnexpectedChar('='), 2),
        (".", K::UnexpectedChar('.'), 0),
        ("w * * 2", K::UnexpectedToken("*".into()), 4),
        ("sin()", K::UnexpectedToken(")".into()), 4),
        ("w ^ ^ 2", K::UnexpectedToken("^".into()), 4),
        // Positions count characters, not bytes: − is three bytes.
        ("\u{2212}w + γ", K::UnexpectedChar('γ'), 5),
    ];
    for (text, kind, position) in table {
        assert_eq!(error(text), (kind, position), "{text:?}");
    }
    let e = Formula::curve("w + b").expect_err("b in a curve");
    assert_eq!((e.kind.clone(), e.position), (K::BVariableInCurve, 4));
    assert_eq!(e.kind.code(), "b_variable_in_curve");
    let e = Formula::surface("(w + 1))").expect_err("unmatched");
    assert_eq!(e.to_string(), "unmatched ')' at position 7");
    let e = Formula::surface("w + )").expect_err("unexpected");
    assert_eq!(e.to_string(), "unexpected ')' at position 4");
    assert_eq!(e.kind.code(), "unexpected_token");
    assert_eq!(e.kind.detail().as_deref(), Some(")"));
}

#[test]
fn long_and_deep_input_is_refused_without_recursing() {
    let ok = format!("{}w{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert!(Formula::curve(&ok).is_ok());
    let deep = format!(
        "{}w{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(error(&deep), (ErrorKind::TooDeep, MAX_DEPTH));
    let signs = format!("{}w", "-".repeat(MAX_DEPTH + 1));
    assert_eq!(error(&signs), (ErrorKind::TooDeep, MAX_DEPTH));
    let powers = format!("{}2", "2^".repeat(MAX_DEPTH + 1));
    assert_eq!(error(&powers), (ErrorKind::TooDeep, 2 * MAX_DEPTH + 1));
    let functions = format!(
        "{}w{}",
        "sin(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(error(&functions).0, ErrorKind::TooDeep);

    let long = "w+".repeat(250) + "w";
    assert_eq!(error(&long), (ErrorKind::TooLong, MAX_CHARS));
    let started = std::time::Instant::now();
    for huge in [
        "(".repeat(100_000),
        "w+".repeat(50_000),
        "é".repeat(100_000),
    ] {
        assert_eq!(error(&huge), (ErrorKind::TooLong, MAX_CHARS));
    }
    assert!(started.elapsed().as_millis() < 500, "refused quickly");
    // The longest allowed formula still parses and runs.
    let longest = format!("{} w^2", "w+".repeat(248));
    assert_eq!(longest.chars().count(), MAX_CHARS);
    let f = Formula::curve(&longest).expect("500 characters");
    assert_eq!(f.value(1.0, 0.0), 249.0);
}

/// A random formula tree, printed with as few parentheses as the grammar
/// allows.
#[derive(Clone, Debug)]
enum Tree {
    W,
    B,
    Number(f64),
    Neg(Box<Tree>),
    Binary(char, Box<Tree>, Box<Tree>),
    Call(&'static str, Box<Tree>),
}

impl Tree {
    /// 1 sum, 2 product, 3 signed, 4 power, 5 operand.
    fn level(&self) -> u8 {
        match self {
            Tree::Binary('+' | '-', ..) => 1,
            Tree::Binary('*' | '/', ..) => 2,
            Tree::Neg(_) => 3,
            Tree::Binary(..) => 4,
            _ => 5,
        }
    }

    fn print(&self, at_least: u8) -> String {
        if self.level() < at_least {
            return format!("({})", self.print(0));
        }
        match self {
            Tree::W => "w".into(),
            Tree::B => "b".into(),
            Tree::Number(x) => format!("{x}"),
            Tree::Neg(x) => format!("-{}", x.print(3)),
            Tree::Binary(op, l, r) => {
                let (left, right) = match op {
                    '+' | '-' => (1, 2),
                    '*' | '/' => (2, 3),
                    _ => (5, 3),
                };
                format!("{} {op} {}", l.print(left), r.print(right))
            }
            Tree::Call(name, x) => format!("{name}({})", x.print(0)),
        }
    }

    fn eval(&self, w: f64, b: f64) -> f64 {
        match self {
            Tree::W => w,
            Tree::B => b,
            Tree::Number(x) => *x,
            Tree::Neg(x) => -x.eval(w, b),
            Tree::Binary(op, l, r) => {
                let (l, r) = (l.eval(w, b), r.eval(w, b));
                match op {
                    '+' => l + r,
                    '-' => l - r,
                    '*' => l * r,
                    '/' => l / r,
                    _ => l.powf(r),
                }
            }
            Tree::Call(name, x) => {
                let x = x.eval(w, b);
                match *name {
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "tan" => x.tan(),
                    "exp" => x.exp(),
                    "log" => x.ln(),
                    "sqrt" => x.sqrt(),
                    "abs" => x.abs(),
                    "tanh" => x.tanh(),
                    _ => 1.0 / (1.0 + (-x).exp()),
                }
            }
        }
    }
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        Just(Tree::W),
        Just(Tree::B),
        prop::sample::select(vec![0.5, 1.0, 2.0, 3.0, 0.25, 1.5]).prop_map(Tree::Number),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|x| Tree::Neg(Box::new(x))),
            (
                prop::sample::select(vec!['+', '-', '*', '/']),
                inner.clone(),
                inner.clone()
            )
                .prop_map(|(op, l, r)| Tree::Binary(op, Box::new(l), Box::new(r))),
            // Powers by small constants, and the odd variable exponent.
            (
                inner.clone(),
                prop::sample::select(vec![2.0, 3.0, 0.5, -1.0])
            )
                .prop_map(|(l, c)| Tree::Binary(
                    '^',
                    Box::new(l),
                    Box::new(Tree::Number(c))
                )),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| Tree::Binary(
                '^',
                Box::new(l),
                Box::new(r)
            )),
            (prop::sample::select(FUNCTIONS.to_vec()), inner)
                .prop_map(|(name, x)| Tree::Call(name, Box::new(x))),
        ]
    })
}

/// Central differences of `f` at `x` with steps h and h/2, if they agree
/// (the function is smooth and well-conditioned there).
fn central(f: impl Fn(f64) -> f64, x: f64) -> Option<f64> {
    let h = 1e-4 * x.abs().max(1.0);
    let d = |h: f64| (f(x + h) - f(x - h)) / (2.0 * h);
    let (coarse, fine) = (d(h), d(h / 2.0));
    let scale = 1.0 + fine.abs() + f(x).abs();
    (coarse.is_finite() && fine.is_finite() && (coarse - fine).abs() < 1e-7 * scale).then_some(fine)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn printed_trees_parse_back_with_exact_derivatives(
        tree in tree(),
        w in -2.0f64..2.0,
        b in -2.0f64..2.0,
    ) {
        let text = tree.print(0);
        let f = Formula::surface(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let want = tree.eval(w, b);
        let got = f.value(w, b);
        let same = (got.is_nan() && want.is_nan())
            || got == want
            || (got - want).abs() <= 1e-12 * want.abs().max(1.0);
        prop_assert!(same, "{}: {} vs {}", text, got, want);

        let d = f.derivatives(w, b);
        prop_assert!(d.value.to_bits() == got.to_bits() || got.is_nan());
        let (value, gradient) = f.gradient(w, b);
        prop_assert!(value.to_bits() == got.to_bits() || got.is_nan());
        prop_assert!(d.hessian[0][1].to_bits() == d.hessian[1][0].to_bits());
        if !d.value.is_finite() {
            return Ok(());
        }
        // Where the exact derivative is not finite the point is singular
        // (0⁻¹ in some factor); elsewhere it must match the differences.
        let close = |fd: f64, exact: f64| {
            !exact.is_finite() || (fd - exact).abs() <= 1e-5 * (1.0 + exact.abs() + d.value.abs())
        };
        let at = [w, b];
        for i in 0..2 {
            let along = |t: f64| {
                let mut p = at;
                p[i] = t;
                p
            };
            prop_assert!(gradient[i].to_bits() == d.gradient[i].to_bits() || d.gradient[i].is_nan());
            if let Some(fd) = central(|t| { let p = along(t); f.value(p[0], p[1]) }, at[i]) {
                prop_assert!(close(fd, d.gradient[i]), "{}: ∂{} {} vs {}", text, i, fd, d.gradient[i]);
            }
            for j in 0..2 {
                let slope = |t: f64| { let p = along(t); f.gradient(p[0], p[1]).1[j] };
                if let Some(fd) = central(slope, at[i]) {
                    prop_assert!(close(fd, d.hessian[i][j]), "{}: ∂{}∂{} {} vs {}", text, i, j, fd, d.hessian[i][j]);
                }
            }
        }
    }
}
