//! The compiled formula: a flat list of stack-machine instructions, run on
//! plain numbers (the value), on dual numbers (value and gradient) or on
//! second-order dual numbers (value, gradient and Hessian), all exact.
//!
//! A number type carries, for a quantity u(w, b): u, ∂u/∂w, ∂u/∂b and (second
//! order) ∂²u/∂w², ∂²u/∂w∂b, ∂²u/∂b². Each instruction applies the chain
//! rule: for u = f(a), ∇u = f′(a)·∇a and ∇²u = f′(a)·∇²a + f″(a)·∇a ∇aᵀ.

/// A function of the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    Sin,
    Cos,
    Tan,
    Exp,
    Log,
    Sqrt,
    Abs,
    Tanh,
    Sigmoid,
}

impl Function {
    /// Every function with its name, in the order of [`super::FUNCTIONS`].
    pub(super) const ALL: [(Function, &'static str); 9] = [
        (Function::Sin, "sin"),
        (Function::Cos, "cos"),
        (Function::Tan, "tan"),
        (Function::Exp, "exp"),
        (Function::Log, "log"),
        (Function::Sqrt, "sqrt"),
        (Function::Abs, "abs"),
        (Function::Tanh, "tanh"),
        (Function::Sigmoid, "sigmoid"),
    ];

    /// f(x).
    fn value(self, x: f64) -> f64 {
        match self {
            Function::Sin => x.sin(),
            Function::Cos => x.cos(),
            Function::Tan => x.tan(),
            Function::Exp => x.exp(),
            Function::Log => x.ln(),
            Function::Sqrt => x.sqrt(),
            Function::Abs => x.abs(),
            Function::Tanh => x.tanh(),
            Function::Sigmoid => 1.0 / (1.0 + (-x).exp()),
        }
    }

    /// [f(x), f′(x), f″(x)]. Outside the domain (log, sqrt of a negative
    /// number) all three are NaN; |x| has slope sign(x), 0 at 0, and
    /// curvature 0, as PyTorch's `abs` backward.
    fn derivatives(self, x: f64) -> [f64; 3] {
        let y = self.value(x);
        match self {
            Function::Sin => [y, x.cos(), -y],
            Function::Cos => [y, -x.sin(), -y],
            // tan′ = 1 + tan², tan″ = 2·tan·(1 + tan²)
            Function::Tan => [y, 1.0 + y * y, 2.0 * y * (1.0 + y * y)],
            Function::Exp => [y, y, y],
            Function::Log => [y, 1.0 / x, -1.0 / (x * x)],
            // √′ = 1/(2√x), √″ = −1/(4·x·√x)
            Function::Sqrt => [y, 0.5 / y, -0.25 / (x * y)],
            Function::Abs => {
                let sign = if x > 0.0 {
                    1.0
                } else if x < 0.0 {
                    -1.0
                } else {
                    // 0 at 0, NaN stays NaN
                    x * 0.0
                };
                [y, sign, 0.0 * x]
            }
            // tanh′ = 1 − tanh², tanh″ = −2·tanh·(1 − tanh²)
            Function::Tanh => [y, 1.0 - y * y, -2.0 * y * (1.0 - y * y)],
            // σ′ = σ(1 − σ), σ″ = σ(1 − σ)(1 − 2σ)
            Function::Sigmoid => {
                let slope = y * (1.0 - y);
                [y, slope, slope * (1.0 - 2.0 * y)]
            }
        }
    }
}

/// One instruction: pushes a value or replaces the top one or two.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Op {
    Const(f64),
    W,
    B,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    /// a^b with b depending on the variables.
    Pow,
    /// a^c for a constant c that is a small integer.
    PowInt(i32),
    /// a^c for any other constant c.
    PowConst(f64),
    Call(Function),
}

impl Op {
    /// How many values the instruction takes off the stack.
    pub(super) fn arity(self) -> usize {
        match self {
            Op::Const(_) | Op::W | Op::B => 0,
            Op::Neg | Op::PowInt(_) | Op::PowConst(_) | Op::Call(_) => 1,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow => 2,
        }
    }
}

/// [xᶜ, c·xᶜ⁻¹, c(c − 1)·xᶜ⁻²], a zero coefficient giving 0 (so x¹ has
/// curvature 0 even at x = 0).
fn power_derivatives(x: f64, c: f64, integer: Option<i32>) -> [f64; 3] {
    let pow = |k: i32| match integer {
        Some(n) => x.powi(n - k),
        None => x.powf(c - f64::from(k)),
    };
    let term = |coefficient: f64, k: i32| {
        if coefficient == 0.0 {
            0.0
        } else {
            coefficient * pow(k)
        }
    };
    [pow(0), term(c, 1), term(c * (c - 1.0), 2)]
}

/// The partial derivatives of aᵇ: [value, ∂a, ∂b, ∂a∂a, ∂a∂b, ∂b∂b].
fn pow_partials(a: f64, b: f64) -> [f64; 6] {
    let value = a.powf(b);
    // 0ᵇ for b ≥ 0 does not move with b (PyTorch's convention too), where
    // ln 0 = −∞ would say NaN.
    let ln = if a == 0.0 && b >= 0.0 { 0.0 } else { a.ln() };
    let [_, da, daa] = power_derivatives(a, b, None);
    let db = value * ln;
    // ∂²/∂a∂b aᵇ = aᵇ⁻¹·(1 + b·ln a)
    let dab = a.powf(b - 1.0) * (1.0 + b * ln);
    [value, da, db, daa, dab, db * ln]
}

/// A number the machine computes with: f64 here, the dual numbers in
/// `dual.rs`.
pub(super) trait Scalar: Copy {
    fn constant(c: f64) -> Self;
    /// Variable `index` (0: w, 1: b) at `value`.
    fn variable(index: usize, value: f64) -> Self;
    fn value(self) -> f64;
    fn add(self, other: Self) -> Self;
    fn sub(self, other: Self) -> Self;
    fn neg(self) -> Self;
    fn mul(self, other: Self) -> Self;
    fn div(self, other: Self) -> Self;
    /// f(self) given [f, f′, f″] at self's value.
    fn chain(self, f: [f64; 3]) -> Self;
    /// g(self, other) given g's value and partials (as [`pow_partials`]).
    fn chain2(self, other: Self, g: [f64; 6]) -> Self;

    fn call(self, function: Function) -> Self {
        self.chain(function.derivatives(self.value()))
    }
    fn pow_const(self, c: f64, integer: Option<i32>) -> Self {
        self.chain(power_derivatives(self.value(), c, integer))
    }
    fn pow(self, other: Self) -> Self {
        self.chain2(other, pow_partials(self.value(), other.value()))
    }
}

impl Scalar for f64 {
    fn constant(c: f64) -> Self {
        c
    }
    fn variable(_: usize, value: f64) -> Self {
        value
    }
    fn value(self) -> f64 {
        self
    }
    fn add(self, other: Self) -> Self {
        self + other
    }
    fn sub(self, other: Self) -> Self {
        self - other
    }
    fn neg(self) -> Self {
        -self
    }
    fn mul(self, other: Self) -> Self {
        self * other
    }
    fn div(self, other: Self) -> Self {
        self / other
    }
    fn chain(self, f: [f64; 3]) -> Self {
        f[0]
    }
    fn chain2(self, _: Self, g: [f64; 6]) -> Self {
        g[0]
    }
    // Only the value: no derivatives to pay for.
    fn call(self, function: Function) -> Self {
        function.value(self)
    }
    fn pow_const(self, c: f64, integer: Option<i32>) -> Self {
        match integer {
            Some(n) => self.powi(n),
            None => self.powf(c),
        }
    }
    fn pow(self, other: Self) -> Self {
        self.powf(other)
    }
}

/// Runs `code` at (w, b) on a stack of `N` values (`N` ≥ the code's depth).
pub(super) fn run<S: Scalar>(code: &[Op], w: f64, b: f64, stack: &mut [S]) -> S {
    let mut top = 0;
    for &op in code {
        let value = match op {
            Op::Const(c) => S::constant(c),
            Op::W => S::variable(0, w),
            Op::B => S::variable(1, b),
            Op::Neg => stack[top - 1].neg(),
            Op::PowInt(n) => stack[top - 1].pow_const(f64::from(n), Some(n)),
            Op::PowConst(c) => stack[top - 1].pow_const(c, None),
            Op::Call(f) => stack[top - 1].call(f),
            Op::Add => stack[top - 2].add(stack[top - 1]),
            Op::Sub => stack[top - 2].sub(stack[top - 1]),
            Op::Mul => stack[top - 2].mul(stack[top - 1]),
            Op::Div => stack[top - 2].div(stack[top - 1]),
            Op::Pow => stack[top - 2].pow(stack[top - 1]),
        };
        top -= op.arity();
        stack[top] = value;
        top += 1;
    }
    stack[0]
}
