//! What can be wrong with a formula, where, and how to say it.

use std::fmt;

use super::{FUNCTIONS, MAX_CHARS, MAX_DEPTH};

/// What is wrong, as a machine code the page translates ([`ErrorKind::code`])
/// with the text it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Nothing but spaces.
    EmptyInput,
    /// More than [`MAX_CHARS`] characters.
    TooLong,
    /// Parentheses, signs or powers nested more than [`MAX_DEPTH`] deep.
    TooDeep,
    /// A character that is not part of the grammar (`²`, `,`, `=` …).
    UnexpectedChar(char),
    /// A token where a number, variable, function or `(` should be (`)`,
    /// an operator): the token as written.
    UnexpectedToken(String),
    /// Two operands side by side (`2w`, `(w)(b)`): the second one as
    /// written. Multiplication is written `*`.
    ExpectedOperator(String),
    /// A `)` that closes nothing.
    UnmatchedCloseParen,
    /// A `(` that is never closed; the position is the `(`'s.
    MissingCloseParen,
    /// The formula ends where an operand should follow (`w +`).
    UnexpectedEnd,
    /// A name followed by `(` that is not a function: the name.
    UnknownFunction(String),
    /// A name that is not `w`, `b`, `pi` or `e`: the name.
    UnknownVariable(String),
    /// `b` in a curve L(w), which has only the variable `w`.
    BVariableInCurve,
    /// A function name not followed by `(` (`sin w`): the name.
    ExpectedOpenParen(String),
    /// A number too large for a double (`1e999`): the number as written.
    NumberTooLarge(String),
}

impl ErrorKind {
    /// A stable identifier for translations: `empty_input`, `too_long`,
    /// `too_deep`, `unexpected_char`, `unexpected_token`,
    /// `expected_operator`, `unmatched_close_paren`, `missing_close_paren`,
    /// `unexpected_end`, `unknown_function`, `unknown_variable`,
    /// `b_variable_in_curve`, `expected_open_paren`, `number_too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::TooLong => "too_long",
            ErrorKind::TooDeep => "too_deep",
            ErrorKind::UnexpectedChar(_) => "unexpected_char",
            ErrorKind::UnexpectedToken(_) => "unexpected_token",
            ErrorKind::ExpectedOperator(_) => "expected_operator",
            ErrorKind::UnmatchedCloseParen => "unmatched_close_paren",
            ErrorKind::MissingCloseParen => "missing_close_paren",
            ErrorKind::UnexpectedEnd => "unexpected_end",
            ErrorKind::UnknownFunction(_) => "unknown_function",
            ErrorKind::UnknownVariable(_) => "unknown_variable",
            ErrorKind::BVariableInCurve => "b_variable_in_curve",
            ErrorKind::ExpectedOpenParen(_) => "expected_open_paren",
            ErrorKind::NumberTooLarge(_) => "number_too_large",
        }
    }

    /// The text the error is about (a character, token, name or number as
    /// written), if any.
    pub fn detail(&self) -> Option<String> {
        match self {
            ErrorKind::UnexpectedChar(c) => Some(c.to_string()),
            ErrorKind::UnexpectedToken(s)
            | ErrorKind::ExpectedOperator(s)
            | ErrorKind::UnknownFunction(s)
            | ErrorKind::UnknownVariable(s)
            | ErrorKind::ExpectedOpenParen(s)
            | ErrorKind::NumberTooLarge(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// A formula that cannot be read: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Where: the index of the character it is about, 0-based, counted in
    /// characters (not bytes); the character count for the end.
    pub position: usize,
}

impl FormulaError {
    pub(super) fn new(kind: ErrorKind, position: usize) -> Self {
        Self { kind, position }
    }
}

impl fmt::Display for FormulaError {
    /// In English, one line, e.g. `unexpected ')' at position 7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.position;
        match &self.kind {
            ErrorKind::EmptyInput => write!(f, "the formula is empty"),
            ErrorKind::TooLong => write!(
                f,
                "the formula is longer than {MAX_CHARS} characters (from position {at})"
            ),
            ErrorKind::TooDeep => {
                write!(
                    f,
                    "nested more than {MAX_DEPTH} levels deep at position {at}"
                )
            }
            ErrorKind::UnexpectedChar(c) => {
                write!(f, "unexpected character '{c}' at position {at}")
            }
            ErrorKind::UnexpectedToken(t) => write!(f, "unexpected '{t}' at position {at}"),
            ErrorKind::ExpectedOperator(t) => write!(
                f,
                "expected an operator before '{t}' at position {at} (write 2*w, not 2w)"
            ),
            ErrorKind::UnmatchedCloseParen => write!(f, "unmatched ')' at position {at}"),
            ErrorKind::MissingCloseParen => {
                write!(f, "missing ')' for the '(' at position {at}")
            }
            ErrorKind::UnexpectedEnd => {
                write!(f, "the formula ends too early at position {at}")
            }
            ErrorKind::UnknownFunction(name) => write!(
                f,
                "unknown function '{name}' at position {at} (known: {})",
                FUNCTIONS.join(", ")
            ),
            ErrorKind::UnknownVariable(name) => write!(
                f,
                "unknown name '{name}' at position {at} (the variables are w and b, \
                 the constants pi and e)"
            ),
            ErrorKind::BVariableInCurve => write!(
                f,
                "'b' at position {at}: a curve L(w) has only the variable w"
            ),
            ErrorKind::ExpectedOpenParen(name) => {
                write!(f, "expected '(' after '{name}' at position {at}")
            }
            ErrorKind::NumberTooLarge(n) => {
                write!(f, "the number '{n}' at position {at} is too large")
            }
        }
    }
}

impl std::error::Error for FormulaError {}
