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
                let value: f64 = written
                    .parse()
                    .map_err(|_| FormulaError::new(ErrorKind::UnexpectedChar(c), position))?;
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
