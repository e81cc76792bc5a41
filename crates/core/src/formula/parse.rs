//! Recursive descent from tokens straight to stack-machine code, folding
//! constants as it goes.
//!
//! ```text
//! sum     := product (('+' | '-') product)*
//! product := signed (('*' | '/') signed)*
//! signed  := ('-' | '+') signed | power          -w^2 is −(w²)
//! power   := operand ('^' signed)?               right-associative: 2^3^2 = 2^9
//! operand := number | name | function '(' sum ')' | '(' sum ')'
//! ```
//!
//! Every nested call (a parenthesis, a sign, an exponent) counts one level;
//! more than [`MAX_DEPTH`] is an error, so no input reaches deep recursion.

use super::error::{ErrorKind, FormulaError};
use super::eval::{run, Function, Op};
use super::lex::{Kind, Token};
use super::{Dims, MAX_DEPTH};

/// The largest stack the compiled code may need: [`MAX_DEPTH`] levels of at
/// most three pending operands (sum, product, power) each.
pub(super) const MAX_STACK: usize = 256;

/// What the parser produces.
pub(super) struct Compiled {
    pub code: Vec<Op>,
    /// The most values on the stack at once.
    pub stack: usize,
    /// Whether `b` appears.
    pub uses_b: bool,
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
    depth: usize,
    dims: Dims,
    code: Vec<Op>,
    uses_b: bool,
}

/// Compiles the tokens (ending with [`Kind::End`]) of a formula in `dims`
/// variables.
pub(super) fn compile(tokens: &[Token<'_>], dims: Dims) -> Result<Compiled, FormulaError> {
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
        dims,
        code: Vec::new(),
        uses_b: false,
    };
    if parser.peek().kind == Kind::End {
        return Err(FormulaError::new(ErrorKind::EmptyInput, 0));
    }
    parser.sum()?;
    let next = parser.peek();
    match next.kind {
        Kind::End => {}
        Kind::Close => {
            return Err(FormulaError::new(
                ErrorKind::UnmatchedCloseParen,
                next.position,
            ))
        }
        _ => return Err(expected_operator(next)),
    }
    let stack = max_stack(&parser.code);
    if stack > MAX_STACK {
        return Err(FormulaError::new(ErrorKind::TooDeep, 0));
    }
    Ok(Compiled {
        code: parser.code,
        stack,
        uses_b: parser.uses_b,
    })
}

fn expected_operator(token: Token<'_>) -> FormulaError {
    FormulaError::new(
        ErrorKind::ExpectedOperator(token.text.to_owned()),
        token.position,
    )
}

/// The most values on the stack while `code` runs.
fn max_stack(code: &[Op]) -> usize {
    let (mut depth, mut most) = (0usize, 0usize);
    for op in code {
        depth = depth - op.arity() + 1;
        most = most.max(depth);
    }
    most
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Token<'a> {
        self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Token<'a> {
        let token = self.peek();
        self.at += 1;
        token
    }

    /// One level deeper, at `token`.
    fn enter(&mut self, token: Token<'_>) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FormulaError::new(ErrorKind::TooDeep, token.position));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Appends `op`; when all its operands are constants, replaces them
    /// with the result (computed by the same machine that runs the code).
    fn emit(&mut self, op: Op) {
        let op = match (op, self.code.last()) {
            (Op::Pow, Some(&Op::Const(c))) => {
                self.code.pop();
                power_of(c)
            }
            _ => op,
        };
        let arity = op.arity();
        let start = self.code.len().saturating_sub(arity);
        let constant = self.code.len() >= arity
            && self.code[start..]
                .iter()
                .all(|op| matches!(op, Op::Const(_)));
        if arity > 0 && constant {
            let mut folded: Vec<Op> = self.code.drain(start..).collect();
            folded.push(op);
            let value: f64 = run(&folded, 0.0, 0.0, &mut [0.0; 3]);
            self.code.push(Op::Const(value));
        } else {
            self.code.push(op);
        }
    }

    fn sum(&mut self) -> Result<(), FormulaError> {
        self.product()?;
        loop {
            let op = match self.peek().kind {
                Kind::Plus => Op::Add,
                Kind::Minus => Op::Sub,
                _ => return Ok(()),
            };
            self.bump();
            self.product()?;
            self.emit(op);
        }
    }

    fn product(&mut self) -> Result<(), FormulaError> {
        self.signed()?;
        loop {
            let op = match self.peek().kind {
                Kind::Times => Op::Mul,
                Kind::Divide => Op::Div,
                _ => return Ok(()),
            };
            self.bump();
            self.signed()?;
            self.emit(op);
        }
    }

    fn signed(&mut self) -> Result<(), FormulaError> {
        let token = self.peek();
        let negate = match token.kind {
            Kind::Minus => true,
            Kind::Plus => false,
            _ => return self.power(),
        };
        self.bump();
        self.enter(token)?;
        self.signed()?;
        self.leave();
        if negate {
            self.emit(Op::Neg);
        }
        Ok(())
    }

    fn power(&mut self) -> Result<(), FormulaError> {
        self.operand()?;
        let token = self.peek();
        if token.kind == Kind::Power {
            self.bump();
            self.enter(token)?;
            self.signed()?;
            self.leave();
            self.emit(Op::Pow);
        }
        Ok(())
    }

    fn operand(&mut self) -> Result<(), FormulaError> {
        let token = self.bump();
        match token.kind {
            Kind::Number(value) => self.code.push(Op::Const(value)),
            Kind::Name(name) => self.name(token, name)?,
            Kind::Open => self.group(token)?,
            Kind::End => return Err(FormulaError::new(ErrorKind::UnexpectedEnd, token.position)),
            _ => {
                return Err(FormulaError::new(
                    ErrorKind::UnexpectedToken(token.text.to_owned()),
                    token.position,
                ))
            }
        }
        Ok(())
    }

    /// A variable, a constant or a function call.
    fn name(&mut self, token: Token<'_>, name: &str) -> Result<(), FormulaError> {
        let error = |kind| Err(FormulaError::new(kind, token.position));
        let called = self.peek().kind == Kind::Open;
        match name {
            "w" => self.code.push(Op::W),
            "b" if self.dims == Dims::One => return error(ErrorKind::BVariableInCurve),
            "b" => {
                self.uses_b = true;
                self.code.push(Op::B);
            }
            "pi" => self.code.push(Op::Const(std::f64::consts::PI)),
            "e" => self.code.push(Op::Const(std::f64::consts::E)),
            _ => {
                let function = Function::ALL.iter().find(|(_, n)| *n == name);
                match (function, called) {
                    (Some(&(function, _)), true) => {
                        let open = self.bump();
                        self.group(open)?;
                        self.emit(Op::Call(function));
                    }
                    (Some(_), false) => return error(ErrorKind::ExpectedOpenParen(name.into())),
                    (None, true) => return error(ErrorKind::UnknownFunction(name.into())),
                    (None, false) => return error(ErrorKind::UnknownVariable(name.into())),
                }
            }
        }
        Ok(())
    }

    /// The inside of a parenthesis opened at `open`, and its `)`.
    fn group(&mut self, open: Token<'_>) -> Result<(), FormulaError> {
        self.enter(open)?;
        self.sum()?;
        let close = self.bump();
        match close.kind {
            Kind::Close => {}
            Kind::End => {
                return Err(FormulaError::new(
                    ErrorKind::MissingCloseParen,
                    open.position,
                ))
            }
            _ => return Err(expected_operator(close)),
        }
        self.leave();
        Ok(())
    }
}

/// The instruction for raising to the constant power `c`.
fn power_of(c: f64) -> Op {
    if c.fract() == 0.0 && c.abs() <= 64.0 {
        // An integer of at most 64 in magnitude fits exactly.
        #[allow(clippy::cast_possible_truncation)]
        Op::PowInt(c as i32)
    } else {
        Op::PowConst(c)
    }
}
