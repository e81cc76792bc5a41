//! Dual numbers: a quantity u(w, b) with its gradient, and with its
//! gradient and Hessian, each operation applying the chain rule exactly.

use super::eval::Scalar;

/// u with its gradient ∇u = (∂u/∂w, ∂u/∂b).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Dual {
    pub v: f64,
    pub g: [f64; 2],
}

impl Scalar for Dual {
    fn constant(c: f64) -> Self {
        Self { v: c, g: [0.0; 2] }
    }
    fn variable(index: usize, value: f64) -> Self {
        let mut g = [0.0; 2];
        g[index] = 1.0;
        Self { v: value, g }
    }
    fn value(self) -> f64 {
        self.v
    }
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            g: [self.g[0] + o.g[0], self.g[1] + o.g[1]],
        }
    }
    fn sub(self, o: Self) -> Self {
        Self {
            v: self.v - o.v,
            g: [self.g[0] - o.g[0], self.g[1] - o.g[1]],
        }
    }
    fn neg(self) -> Self {
        Self {
            v: -self.v,
            g: [-self.g[0], -self.g[1]],
        }
    }
    fn mul(self, o: Self) -> Self {
        let g = |i: usize| self.g[i] * o.v + self.v * o.g[i];
        Self {
            v: self.v * o.v,
            g: [g(0), g(1)],
        }
    }
    fn div(self, o: Self) -> Self {
        let v = self.v / o.v;
        let g = |i: usize| (self.g[i] - v * o.g[i]) / o.v;
        Self { v, g: [g(0), g(1)] }
    }
    fn chain(self, f: [f64; 3]) -> Self {
        Self {
            v: f[0],
            g: [f[1] * self.g[0], f[1] * self.g[1]],
        }
    }
    fn chain2(self, o: Self, p: [f64; 6]) -> Self {
        let g = |i: usize| p[1] * self.g[i] + p[2] * o.g[i];
        Self {
            v: p[0],
            g: [g(0), g(1)],
        }
    }
}

/// u with its gradient and Hessian, stored as [∂ww, ∂wb, ∂bb].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct HyperDual {
    pub v: f64,
    pub g: [f64; 2],
    pub h: [f64; 3],
}

/// The (i, j) index pairs of the stored Hessian entries.
const PAIRS: [(usize, usize); 3] = [(0, 0), (0, 1), (1, 1)];

impl Scalar for HyperDual {
    fn constant(c: f64) -> Self {
        Self {
            v: c,
            g: [0.0; 2],
            h: [0.0; 3],
        }
    }
    fn variable(index: usize, value: f64) -> Self {
        let mut g = [0.0; 2];
        g[index] = 1.0;
        Self {
            v: value,
            g,
            h: [0.0; 3],
        }
    }
    fn value(self) -> f64 {
        self.v
    }
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            g: [0, 1].map(|i| self.g[i] + o.g[i]),
            h: [0, 1, 2].map(|k| self.h[k] + o.h[k]),
        }
    }
    fn sub(self, o: Self) -> Self {
        self.add(o.neg())
    }
    fn neg(self) -> Self {
        Self {
            v: -self.v,
            g: self.g.map(|x| -x),
            h: self.h.map(|x| -x),
        }
    }
    fn mul(self, o: Self) -> Self {
        let (a, b) = (self, o);
        Self {
            v: a.v * b.v,
            g: [0, 1].map(|i| a.g[i] * b.v + a.v * b.g[i]),
            h: [0, 1, 2].map(|k| {
                let (i, j) = PAIRS[k];
                a.h[k] * b.v + a.g[i] * b.g[j] + a.g[j] * b.g[i] + a.v * b.h[k]
            }),
        }
    }
    fn div(self, o: Self) -> Self {
        // q = a/b: q·b = a, differentiated once and twice.
        let (a, b) = (self, o);
        let v = a.v / b.v;
        let g = [0, 1].map(|i| (a.g[i] - v * b.g[i]) / b.v);
        let h = [0, 1, 2].map(|k| {
            let (i, j) = PAIRS[k];
            (a.h[k] - g[i] * b.g[j] - b.g[i] * g[j] - v * b.h[k]) / b.v
        });
        Self { v, g, h }
    }
    fn chain(self, f: [f64; 3]) -> Self {
        Self {
            v: f[0],
            g: self.g.map(|x| f[1] * x),
            h: [0, 1, 2].map(|k| {
                let (i, j) = PAIRS[k];
                f[1] * self.h[k] + f[2] * (self.g[i] * self.g[j])
            }),
        }
    }
    fn chain2(self, o: Self, p: [f64; 6]) -> Self {
        let (a, b) = (self, o);
        let [v, da, db, daa, dab, dbb] = p;
        Self {
            v,
            g: [0, 1].map(|i| da * a.g[i] + db * b.g[i]),
            h: [0, 1, 2].map(|k| {
                let (i, j) = PAIRS[k];
                da * a.h[k]
                    + db * b.h[k]
                    + daa * (a.g[i] * a.g[j])
                    + dab * (a.g[i] * b.g[j] + b.g[i] * a.g[j])
                    + dbb * (b.g[i] * b.g[j])
            }),
        }
    }
}
