//! Four `f64` lanes in two SIMD registers, for the kernels' inner loops:
//! `wide`'s `f64x2` is SSE2 on x86-64 (always there), SIMD128 on wasm32 when
//! built with `+simd128`, and a plain pair elsewhere. Every operation is lane
//! by lane and rounds as the scalar one does, so results do not depend on
//! which is used.

use wide::{f64x2, CmpGt, CmpLe};

/// One register: two lanes.
#[derive(Clone, Copy, Debug)]
struct F64x2(f64x2);

impl F64x2 {
    #[inline(always)]
    fn new(lo: f64, hi: f64) -> Self {
        Self(f64x2::new([lo, hi]))
    }
    #[inline(always)]
    fn splat(v: f64) -> Self {
        Self(f64x2::splat(v))
    }
    #[inline(always)]
    fn lo(self) -> f64 {
        self.0.as_array_ref()[0]
    }
    #[inline(always)]
    fn hi(self) -> f64 {
        self.0.as_array_ref()[1]
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Self(self.0 + o.0)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Self(self.0 - o.0)
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Self(self.0 * o.0)
    }
    /// `o` where `self > 0`, +0 elsewhere (NaN fails the test), bitwise.
    #[inline(always)]
    fn where_positive(self, o: Self) -> Self {
        Self(self.0.cmp_gt(f64x2::ZERO) & o.0)
    }
    /// max(0, self) with NaN kept: `self` unless `self ≤ 0`.
    #[inline(always)]
    fn relu(self) -> Self {
        Self(self.0.cmp_le(f64x2::ZERO).blend(f64x2::ZERO, self.0))
    }
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self::new(f(self.lo()), f(self.hi()))
    }
}

/// Four `f64` lanes, two registers of [`F64x2`]. A sum kept in lanes adds
/// them up as `(l0 + l2) + (l1 + l3)` ([`F64x4::total`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct F64x4(F64x2, F64x2);

impl F64x4 {
    /// All lanes `v`.
    #[inline(always)]
    pub(crate) fn splat(v: f64) -> Self {
        Self(F64x2::splat(v), F64x2::splat(v))
    }

    /// Lanes `s[0..4]`.
    #[inline(always)]
    pub(crate) fn load(s: &[f64; 4]) -> Self {
        Self(F64x2::new(s[0], s[1]), F64x2::new(s[2], s[3]))
    }

    /// Writes the lanes to `s[0..4]`.
    #[inline(always)]
    pub(crate) fn store(self, s: &mut [f64; 4]) {
        *s = [self.0.lo(), self.0.hi(), self.1.lo(), self.1.hi()];
    }

    /// The first lane.
    #[inline(always)]
    pub(crate) fn first(self) -> f64 {
        self.0.lo()
    }

    /// (l0 + l2) + (l1 + l3): the two registers added, then their halves.
    #[inline(always)]
    pub(crate) fn total(self) -> f64 {
        let pair = self.0.add(self.1);
        pair.lo() + pair.hi()
    }

    #[inline(always)]
    pub(crate) fn add(self, o: Self) -> Self {
        Self(self.0.add(o.0), self.1.add(o.1))
    }

    #[inline(always)]
    pub(crate) fn sub(self, o: Self) -> Self {
        Self(self.0.sub(o.0), self.1.sub(o.1))
    }

    #[inline(always)]
    pub(crate) fn mul(self, o: Self) -> Self {
        Self(self.0.mul(o.0), self.1.mul(o.1))
    }

    /// `o` where `self > 0`, +0 elsewhere (NaN fails the test), bitwise.
    #[inline(always)]
    pub(crate) fn where_positive(self, o: Self) -> Self {
        Self(self.0.where_positive(o.0), self.1.where_positive(o.1))
    }

    /// max(0, self) with NaN kept: `self` unless `self ≤ 0`.
    #[inline(always)]
    pub(crate) fn relu(self) -> Self {
        Self(self.0.relu(), self.1.relu())
    }

    /// `f` on each lane (for functions without a vector form).
    #[inline(always)]
    pub(crate) fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self(self.0.map(&f), self.1.map(&f))
    }
}

#[cfg(test)]
mod tests {
    use super::F64x4;

    fn lanes(v: F64x4) -> [f64; 4] {
        let mut out = [0.0; 4];
        v.store(&mut out);
        out
    }

    #[test]
    fn lanes_round_as_scalars_and_keep_relus_rules() {
        let (a, b) = (
            F64x4::load(&[0.1, -3.0, 1e300, 2.0]),
            F64x4::load(&[0.2, 7.5, 1e300, -0.5]),
        );
        assert_eq!(lanes(a.add(b)), [0.1 + 0.2, 4.5, 2e300, 1.5]);
        assert_eq!(lanes(a.mul(b)), [0.1 * 0.2, -22.5, f64::INFINITY, -1.0]);
        assert_eq!(lanes(a.sub(b))[0], 0.1 - 0.2);
        let z = lanes(F64x4::load(&[f64::NAN, -0.0, -2.0, 3.0]).relu());
        assert!(z[0].is_nan());
        assert_eq!(
            z[1..].iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            [0, 0, 3.0f64.to_bits()]
        );
        let gated = lanes(
            F64x4::load(&[f64::NAN, 2.0, 0.0, -1.0]).where_positive(F64x4::load(&[
                5.0,
                f64::NAN,
                1.0,
                1.0,
            ])),
        );
        assert_eq!(gated[0].to_bits(), 0);
        assert!(gated[1].is_nan());
        assert_eq!(
            gated[2..].iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            [0, 0]
        );
        assert_eq!(lanes(F64x4::splat(4.0).map(f64::sqrt)), [2.0; 4]);
        assert_eq!(
            F64x4::load(&[1.0, 1e-17, 2.0, 3.0]).total(),
            (1.0 + 2.0) + (1e-17 + 3.0)
        );
        assert_eq!(F64x4::splat(7.0).first(), 7.0);
    }
}
