//! Activation functions f(z), each with its derivative f′ right beside it.

/// An elementwise activation a = f(z).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// f(z) = max(0, z); f′(z) = 1 for z > 0, else 0 (the slope at exactly
    /// 0 is 0, as in PyTorch).
    Relu,
    /// σ(z) = 1 / (1 + e^(−z)); σ′(z) = σ(z)·(1 − σ(z)).
    Sigmoid,
    /// tanh(z); tanh′(z) = 1 − tanh²(z).
    Tanh,
    /// f(z) = z; f′(z) = 1.
    Identity,
}

impl Activation {
    /// Every activation, in the order the spec format lists them.
    pub const ALL: [Activation; 4] = [
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Identity,
    ];

    /// The name in the spec format: `relu`, `sigmoid`, `tanh`, `identity`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Identity => "identity",
        }
    }

    /// Looks an activation up by name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// a = f(z).
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            // max(0, z); NaN stays NaN
            // (NaN fails `<=` and is kept; one comparison, so loops vectorise)
            #[allow(clippy::neg_cmp_op_on_partial_ord)]
            Activation::Relu => {
                if !(z <= 0.0) {
                    z
                } else {
                    0.0
                }
            }
            // σ(z) = 1 / (1 + e^(−z))
            Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
            // computed in lanes by the same code as the passes' (lanes.rs)
            Activation::Tanh => super::lanes::tanh(z),
            Activation::Identity => z,
        }
    }

    /// f′(z), given z and a = f(z). Sigmoid and tanh use a, as PyTorch's
    /// backward does: σ′ = a·(1 − a), tanh′ = 1 − a².
    #[inline]
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            // slope 1 right of 0, 0 at and left of 0
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            // σ′(z) = σ(z)·(1 − σ(z))
            Activation::Sigmoid => (1.0 - a) * a,
            // tanh′(z) = 1 − tanh²(z)
            Activation::Tanh => 1.0 - a * a,
            Activation::Identity => 1.0,
        }
    }

    /// f′(z) from z alone.
    pub fn slope(self, z: f64) -> f64 {
        self.derivative(z, self.apply(z))
    }

    /// ∂L/∂z = ∂L/∂a · f′(z), elementwise over matching slices, in PyTorch's
    /// order of operations (`grad·(1 − a)·a` for sigmoid, `grad·(1 − a²)`
    /// for tanh).
    pub(crate) fn backward(self, z: &[f64], a: &[f64], grad_a: &[f64], grad_z: &mut [f64]) {
        match self {
            Activation::Relu => {
                for ((gz, ga), z) in grad_z.iter_mut().zip(grad_a).zip(z) {
                    *gz = super::kernels::relu_gate(*z, *ga);
                }
            }
            Activation::Sigmoid => {
                for ((gz, ga), a) in grad_z.iter_mut().zip(grad_a).zip(a) {
                    *gz = ga * (1.0 - a) * a;
                }
            }
            Activation::Tanh => {
                for ((gz, ga), a) in grad_z.iter_mut().zip(grad_a).zip(a) {
                    *gz = ga * (1.0 - a * a);
                }
            }
            Activation::Identity => grad_z.copy_from_slice(grad_a),
        }
    }

    /// a = f(z), elementwise over matching slices.
    pub(crate) fn forward(self, z: &[f64], a: &mut [f64]) {
        match self {
            Activation::Identity => a.copy_from_slice(z),
            Activation::Relu => {
                for (a, z) in a.iter_mut().zip(z) {
                    *a = Activation::Relu.apply(*z);
                }
            }
            Activation::Tanh => {
                use super::kernels::{chunk, LANES};
                let mut a_chunks = a.chunks_exact_mut(LANES);
                let mut z_chunks = z.chunks_exact(LANES);
                for (a, z) in (&mut a_chunks).zip(&mut z_chunks) {
                    if let Some(a) = a.first_chunk_mut() {
                        super::lanes::F64x4::load(chunk(z)).tanh().store(a);
                    }
                }
                let tails = a_chunks
                    .into_remainder()
                    .iter_mut()
                    .zip(z_chunks.remainder());
                for (a, z) in tails {
                    *a = super::lanes::tanh(*z);
                }
            }
            f => {
                for (a, z) in a.iter_mut().zip(z) {
                    *a = f.apply(*z);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences() {
        for f in Activation::ALL {
            for i in -40..=40 {
                let z = f64::from(i) * 0.1 + 0.013;
                let h = 1e-6;
                let numeric = (f.apply(z + h) - f.apply(z - h)) / (2.0 * h);
                assert!((numeric - f.slope(z)).abs() < 1e-8, "{f:?} at {z}");
            }
        }
    }

    #[test]
    fn relu_slope_at_zero_is_zero_and_nan_propagates() {
        assert_eq!(Activation::Relu.slope(0.0), 0.0);
        assert_eq!(Activation::Relu.apply(-0.0), 0.0);
        assert!(Activation::Relu.apply(f64::NAN).is_nan());
        let mut a = [0.0; 3];
        Activation::Relu.forward(&[f64::NAN, -1.0, 2.0], &mut a);
        assert!(a[0].is_nan());
        assert_eq!(&a[1..], &[0.0, 2.0]);
    }

    #[test]
    fn names_round_trip() {
        for f in Activation::ALL {
            assert_eq!(Activation::from_name(f.name()), Some(f));
        }
        assert_eq!(Activation::from_name("swish"), None);
    }
}
