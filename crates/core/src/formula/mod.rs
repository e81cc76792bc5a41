//! Loss formulas typed by a teacher: a curve L(w) or a surface f(w, b), with
//! exact value, gradient and Hessian.
//!
//! The grammar: numbers (`2`, `0.5`, `1e-3`, `.5`), the variables `w` and
//! `b`, `+ - * / ^` (`^` binds tightest and is right-associative, `**` is
//! the same; a sign binds below `^`, so `-w^2` is −(w²) and `2^-1` is ½),
//! parentheses, the constants `pi` and `e` and the functions of
//! [`FUNCTIONS`]. Multiplication is always written: `2w` is an error
//! ("expected an operator"). At most [`MAX_CHARS`] characters and
//! [`MAX_DEPTH`] levels of nesting; nothing a user types can overflow the
//! stack or take long to refuse.
//!
//! A formula is compiled once into a flat list of stack-machine
//! instructions (constants folded) and then evaluated without allocating:
//! [`Formula::value`], [`Formula::gradient`] (dual numbers) or
//! [`Formula::derivatives`] (second-order dual numbers). Outside a
//! function's domain (`log` or `sqrt` of a negative number) the value is
//! NaN, never a panic; `abs` has slope sign(w), 0 at 0, and curvature 0.

mod dual;
mod error;
mod eval;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

pub use error::{ErrorKind, FormulaError};

use dual::{Dual, HyperDual};
use eval::{run, Op, Scalar};

/// The most characters a formula may have.
pub const MAX_CHARS: usize = 500;
/// The deepest nesting of parentheses, signs and exponents.
pub const MAX_DEPTH: usize = 64;
/// The functions, by name.
pub const FUNCTIONS: [&str; 9] = [
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid",
];

/// How many variables a formula is a function of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dims {
    /// A curve L(w).
    One,
    /// A surface f(w, b).
    Two,
}

impl Dims {
    /// 1 or 2.
    pub fn count(self) -> usize {
        match self {
            Dims::One => 1,
            Dims::Two => 2,
        }
    }
}

/// A value with its gradient and Hessian at a point (w, b). For a curve the
/// entries for b are 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Derivatives {
    /// f(w, b)
    pub value: f64,
    /// [∂f/∂w, ∂f/∂b]
    pub gradient: [f64; 2],
    /// [[∂²f/∂w², ∂²f/∂w∂b], [∂²f/∂b∂w, ∂²f/∂b²]]
    pub hessian: [[f64; 2]; 2],
}

/// A compiled formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    text: String,
    dims: Dims,
    code: Vec<Op>,
    stack: usize,
}

impl Formula {
    /// Reads a curve L(w): `b` is an error ([`ErrorKind::BVariableInCurve`]).
    pub fn curve(text: &str) -> Result<Self, FormulaError> {
        Self::parse(text, Dims::One)
    }

    /// Reads a surface f(w, b) (which need not use `b`).
    pub fn surface(text: &str) -> Result<Self, FormulaError> {
        Self::parse(text, Dims::Two)
    }

    /// Reads a formula as a surface when it uses `b`, else as a curve.
    pub fn detect(text: &str) -> Result<Self, FormulaError> {
        let mut formula = Self::surface(text)?;
        if !formula.code.contains(&Op::B) {
            formula.dims = Dims::One;
        }
        Ok(formula)
    }

    /// Reads `text` as a formula in `dims` variables.
    pub fn parse(text: &str, dims: Dims) -> Result<Self, FormulaError> {
        if text.chars().nth(MAX_CHARS).is_some() {
            return Err(FormulaError::new(ErrorKind::TooLong, MAX_CHARS));
        }
        let tokens = lex::tokens(text)?;
        let compiled = parse::compile(&tokens, dims)?;
        debug_assert!(dims == Dims::Two || !compiled.uses_b);
        Ok(Self {
            text: text.to_owned(),
            dims,
            code: compiled.code,
            stack: compiled.stack,
        })
    }

    /// The formula as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A curve or a surface.
    pub fn dims(&self) -> Dims {
        self.dims
    }

    /// How many instructions the compiled code has (constants folded).
    pub fn len(&self) -> usize {
        self.code.len()
    }

    /// Whether the compiled code is empty (never, for a parsed formula).
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// Runs the code on numbers of type `S`, on a stack just large enough
    /// (one interpreter per number type; only the stack's size varies).
    fn run<S: Scalar>(&self, w: f64, b: f64) -> S {
        let zero = S::constant(0.0);
        match self.stack {
            0..=8 => run(&self.code, w, b, &mut [zero; 8]),
            9..=32 => run(&self.code, w, b, &mut [zero; 32]),
            _ => run(&self.code, w, b, &mut [zero; parse::MAX_STACK]),
        }
    }

    /// f(w, b) (`b` is ignored by a curve).
    pub fn value(&self, w: f64, b: f64) -> f64 {
        self.run::<f64>(w, b)
    }

    /// f(w, b) and [∂f/∂w, ∂f/∂b].
    pub fn gradient(&self, w: f64, b: f64) -> (f64, [f64; 2]) {
        let d: Dual = self.run(w, b);
        (d.v, d.g)
    }

    /// f(w, b), its gradient and its Hessian.
    pub fn derivatives(&self, w: f64, b: f64) -> Derivatives {
        let d: HyperDual = self.run(w, b);
        let [ww, wb, bb] = d.h;
        Derivatives {
            value: d.v,
            gradient: d.g,
            hessian: [[ww, wb], [wb, bb]],
        }
    }
}

impl std::fmt::Display for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Formula {
    type Err = FormulaError;

    /// As [`Formula::detect`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::detect(text)
    }
}
