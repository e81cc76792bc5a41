//! Splits a formula into tokens, each with its position (0-based index in
//! characters).

use super::error::{ErrorKind, FormulaError};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind<'a> {
    /// A number as written: `2`, `0.5`, `1e-3`, `.5`.
    Number(f64),
    /// A name: a variable, a constant or a function.
    Name(&'a str),
    /// `+`
    Plus,
    /// `-` (also `−`, U+2212)
    Minus,
    /// `*` (also `×` and `·`)
    Times,
    /// `/` (also `÷`)
    Divide,
    /// `^` (also `**`)
    Power,
    /// `(`
    Open,
    /// `)`
    Close,
    /// The end of the input.
    End,
}

/// A token, where it starts, and how it was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Token<'a> {
    pub kind: Kind<'a>,
    /// Index of its first character.
    pub position: usize,
    /// The text it was read from.
    pub text: &'a str,
}

/// The tokens of `text`, ending with one [`Kind::End`] at the character
/// count.
pub(super) fn tokens(text: &str) -> Result<Vec<Token<'_>>, FormulaError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().enumerate().peekable();
    let mut count = 0;
    while let Some((position, (start, c))) = chars.next() {
        count = position + 1;
        let single = |kind| Token {
            kind,
            position,
            text: &text[start..start + c.len_utf8()],
        };
        let token = match c {
            c if c.is_whitespace() => continue,
            '+' => single(Kind::Plus),
            '-' | '\u{2212}' => single(Kind::Minus),
            '*' if matches!(chars.peek(), Some((_, (_, '*')))) => {
                chars.next();
                count += 1;
                Token {
                    kind: Kind::Power,
                    position,
                    text: &text[start..start + 2],
                }
            }
            '*' | '×' | '·' => single(Kind::Times),
            '/' | '÷' => single(Kind::Divide),
            '^' => single(Kind::Power),
            '(' => single(Kind::Open),
            ')' => single(Kind::Close),
            c if c.is_ascii_digit() || c == '.' => {
                let end = number_end(text, start);
                if end == start {
                    return Err(FormulaError::new(ErrorKind::UnexpectedChar(c), position));
                }
                let written = &text[start..end];
                let value = decimal(written);
                if !value.is_finite() {
                    return Err(FormulaError::new(
                        ErrorKind::NumberTooLarge(written.to_owned()),
                        position,
                    ));
                }
                skip_to(&mut chars, end, &mut count);
                Token {
                    kind: Kind::Number(value),
                    position,
                    text: written,
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let end = text[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(text.len(), |n| start + n);
                skip_to(&mut chars, end, &mut count);
                let name = &text[start..end];
                Token {
                    kind: Kind::Name(name),
                    position,
                    text: name,
                }
            }
            other => {
                return Err(FormulaError::new(
                    ErrorKind::UnexpectedChar(other),
                    position,
                ))
            }
        };
        out.push(token);
    }
    out.push(Token {
        kind: Kind::End,
        position: count,
        text: "",
    });
    Ok(out)
}

/// Moves `chars` on to byte offset `end`, counting the characters.
fn skip_to<I: Iterator<Item = (usize, (usize, char))>>(
    chars: &mut std::iter::Peekable<I>,
    end: usize,
    count: &mut usize,
) {
    while let Some((position, (at, _))) = chars.peek() {
        if *at >= end {
            break;
        }
        *count = position + 1;
        chars.next();
    }
}

/// The byte offset where the number starting at `start` ends: digits, an
/// optional `.` and digits (at least one digit in all), then an optional
/// exponent `e`/`E`, a sign and digits — only when digits follow, so `2e`
/// is the number 2 and the name `e`.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits(start);
    let mut any = i > start;
    if i < bytes.len() && bytes[i] == b'.' {
        let after = digits(i + 1);
        any |= after > i + 1;
        i = after;
    }
    if !any {
        return start;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        let after = digits(j);
        if after > j {
            i = after;
        }
    }
    i
}

/// Powers of ten that are exact doubles.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of a number as [`number_end`] delimits it (digits, an optional
/// `.` and digits, an optional exponent).
///
/// Correctly rounded — the double nearest the decimal, as `str::parse`
/// gives — whenever its significant digits fit in 2⁵³ and its power of ten
/// is within ±22 (or its digits absorb the excess): every number a formula
/// is likely to hold (`0.35`, `1e-3`, `2.5e10`). Beyond that, within a few
/// units in the last place. Written out rather than `str::parse` because the
/// standard library's general algorithm carries a 10 KB table of powers of
/// five into the page's wasm.
fn decimal(written: &str) -> f64 {
    let (digits, exponent) = match written.find(['e', 'E']) {
        Some(at) => (&written[..at], &written[at + 1..]),
        None => (written, ""),
    };
    let mut mantissa: u64 = 0;
    let mut exp10: i64 = 0;
    let mut exact = true;
    let mut after_point = false;
    for b in digits.bytes() {
        if b == b'.' {
            after_point = true;
            continue;
        }
        let d = u64::from(b - b'0');
        if mantissa < (u64::MAX - 9) / 10 {
            mantissa = mantissa * 10 + d;
            if after_point {
                exp10 -= 1;
            }
        } else {
            // Digits beyond 19 only round: keep their place, not their value.
            exact &= d == 0;
            if !after_point {
                exp10 += 1;
            }
        }
    }
    let (sign, magnitude) = match exponent.as_bytes().first() {
        Some(b'-') => (-1, &exponent[1..]),
        Some(b'+') => (1, &exponent[1..]),
        _ => (1, exponent),
    };
    let written_exp = magnitude
        .bytes()
        .fold(0i64, |e, b| (e * 10 + i64::from(b - b'0')).min(100_000));
    exp10 += sign * written_exp;
    if mantissa == 0 {
        return 0.0;
    }
    const MAX_EXACT: u64 = 1 << 53;
    if exact && mantissa <= MAX_EXACT {
        // Clinger's fast path: both factors exact, so one rounding.
        if (0..=22).contains(&exp10) {
            return mantissa as f64 * EXACT_POWERS[exp10 as usize];
        }
        if (-22..0).contains(&exp10) {
            return mantissa as f64 / EXACT_POWERS[(-exp10) as usize];
        }
        // 12e30 is 12000000000e22: move the excess into the digits while they stay exact.
        let mut m = mantissa;
        let mut e = exp10;
        while e > 22 && m <= MAX_EXACT / 10 {
            m *= 10;
            e -= 1;
        }
        if (0..=22).contains(&e) {
            return m as f64 * EXACT_POWERS[e as usize];
        }
    }
    let e = i32::try_from(exp10.clamp(-400, 400)).unwrap_or(0);
    // Past 10^±308 in two steps, so 1e-320 is a subnormal and not 0.
    let half = e / 2;
    mantissa as f64 * 10f64.powi(half) * 10f64.powi(e - half)
}

#[cfg(test)]
mod number_tests {
    use super::decimal;

    #[test]
    fn numbers_a_formula_holds_are_the_nearest_double() {
        let mut cases = vec![
            "0",
            "2",
            "0.5",
            ".5",
            "5.",
            "1e-3",
            "1E3",
            "2.5e10",
            "0.35",
            "1.6",
            "0.1",
            "0.2",
            "0.3",
            "3.141592653589793",
            "2.718281828459045",
            "123456789012345",
            "9007199254740992",
            "1e22",
            "1e23",
            "12e30",
            "1e-22",
            "0.000001",
            "4.9406564584124654e-324",
            "1.7976931348623157e308",
            "00012.5000",
            "1e0",
            "7e-5",
        ];
        // Integers times powers of ten from -22 to 22, and decimals with two places.
        let generated: Vec<String> = (0..3000)
            .flat_map(|m| (-22..=22).step_by(7).map(move |e| format!("{m}e{e}")))
            .chain((0..3000).map(|m| format!("{}", f64::from(m) / 100.0)))
            .collect();
        cases.extend(generated.iter().map(String::as_str));
        for text in cases {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            let got = decimal(text);
            let fast = !text.contains("e-324") && !text.contains("e308") && !text.contains("1e23");
            if fast {
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "{text}: {got} against {want}"
                );
            } else {
                assert!(
                    (got - want).abs() <= want.abs() * 4.0 * f64::EPSILON,
                    "{text}: {got} against {want}"
                );
            }
        }
    }

    #[test]
    fn long_or_extreme_numbers_are_within_a_few_ulps() {
        for text in [
            "0.12345678901234567890123",
            "98765432109876543210",
            "1e300",
            "3e-300",
            "1e-320",
            "123.456e-200",
            "1e400",
            "1e-400",
            "0.0000000000000000000000000001",
        ] {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            let got = decimal(text);
            if want.is_infinite() || want == 0.0 {
                assert_eq!(got, want, "{text}");
            } else if want.is_normal() {
                assert!(
                    (got - want).abs() <= want.abs() * 8.0 * f64::EPSILON,
                    "{text}: {got} against {want}"
                );
            } else {
                assert!((got - want).abs() <= 1e-322, "{text}: {got} against {want}");
            }
        }
    }
}
