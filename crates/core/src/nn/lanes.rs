//! Four `f64` lanes in two SIMD registers, for the kernels' inner loops:
//! `wide`'s `f64x2` is SSE2 on x86-64 (always there), SIMD128 on wasm32 when
//! built with `+simd128`, and a plain pair elsewhere. Every operation is lane
//! by lane and rounds as the scalar one does, so results do not depend on
//! which is used.
//!
//! tanh is computed here too, in lanes ([`tanh`] is one lane of the same
//! code), so the elementwise passes need no call per sample.

use wide::{f64x2, u64x2, CmpGt};

/// tanh(x) for |x| beyond this is 1 to the last bit (tanh(22) = 1 − 1.6e-19).
const TANH_LIMIT: f64 = 22.0;
/// 1.5·2⁵²: added to a number below 2⁵¹ in size, rounds it to an integer
/// and leaves that integer in the low bits.
const ROUND_SHIFT: f64 = 6_755_399_441_055_744.0;
/// ln 2 in two parts (6.93147180369123816490e-1 and 1.90821492927058770002e-10,
/// as fdlibm splits it); the first has 21 trailing zero bits, so k·LN2_HI
/// is exact for the k here.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1/n! for n = 2 … 13: the Taylor series of eʳ − 1 = r + r²/2! + … + r¹³/13!,
/// whose next term is below 2⁻⁵⁶·|r| for |r| ≤ ln 2 / 2.
const EXPM1_TAYLOR: [f64; 12] = [
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// tanh(x), within a few units in the last place of the correctly rounded
/// value; tanh(±0) = ±0, tanh(±∞) = ±1, NaN stays NaN. The same on every
/// platform (plain IEEE operations, no fused multiply-add), and the same
/// in a lane of [`F64x4::tanh`].
#[inline(never)]
pub(crate) fn tanh(x: f64) -> f64 {
    F64x2::splat(x).tanh().lo()
}

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
    fn mul(self, o: Self) -> Self {
        Self(self.0 * o.0)
    }
    /// tanh in each lane: tanh|x| = e/(e + 2) with e = e^(2|x|) − 1, then
    /// x's sign. e = 2ᵏ·p + (2ᵏ − 1), where 2|x| = k·ln 2 + r, |r| ≤ ln 2 / 2,
    /// and p = eʳ − 1 from its Taylor series, so e keeps its relative
    /// precision however small |x| is.
    #[inline(always)]
    fn tanh(self) -> Self {
        let x = self.0;
        let limit = f64x2::splat(TANH_LIMIT);
        let a = x.abs();
        // min(|x|, 22); NaN fails the test and stays NaN
        let a = a.cmp_gt(limit).blend(limit, a);
        let t = a + a;
        let shift = f64x2::splat(ROUND_SHIFT);
        let rounded = t * f64x2::splat(std::f64::consts::LOG2_E) + shift;
        let k = rounded - shift;
        let r = (t - k * f64x2::splat(LN2_HI)) - k * f64x2::splat(LN2_LO);
        let mut q = f64x2::splat(0.0);
        for c in EXPM1_TAYLOR.iter().rev() {
            q = (q + f64x2::splat(*c)) * r;
        }
        let p = (q + f64x2::ONE) * r;
        // 2ᵏ: k + 1023 in the exponent field (k sits in `rounded`'s low bits)
        let bits: u64x2 = bytemuck::cast(rounded);
        let two_k: f64x2 = bytemuck::cast((bits + u64x2::splat(1023)) << 52);
        let e = two_k * p + (two_k - f64x2::ONE);
        Self((e / (e + f64x2::splat(2.0))).copysign(x))
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
    pub(crate) fn mul(self, o: Self) -> Self {
        Self(self.0.mul(o.0), self.1.mul(o.1))
    }

    /// [`tanh`] in each lane (one copy of the code, called from each pass:
    /// inlined into every one it costs the page's wasm several kilobytes).
    #[inline(never)]
    pub(crate) fn tanh(self) -> Self {
        Self(self.0.tanh(), self.1.tanh())
    }
}

#[cfg(test)]
mod tests {
    use super::{tanh, F64x4};

    /// |got − expected| in units of the last place of `expected`.
    fn ulps(got: f64, expected: f64) -> f64 {
        let ulp = f64::from_bits(expected.abs().to_bits() + 1) - expected.abs();
        (got - expected).abs() / ulp
    }

    #[test]
    fn tanh_is_within_a_few_ulps_everywhere_and_keeps_the_special_values() {
        let mut worst = 0.0f64;
        let mut x = 1e-300;
        while x < 30.0 {
            for v in [x, -x, x * 1.000_000_7, x * 0.999_999_3] {
                worst = worst.max(ulps(tanh(v), v.tanh()));
            }
            x *= 1.001;
        }
        for i in 0..200_000 {
            let v = f64::from(i) * 1e-4 - 10.0;
            worst = worst.max(ulps(tanh(v), v.tanh()));
        }
        assert!(worst <= 4.0, "{worst} ulps");
        assert_eq!(tanh(0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(tanh(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(tanh(5e-324), 5e-324);
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert_eq!(tanh(1e300), 1.0);
        assert_eq!(tanh(-25.0), -1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert!(tanh(-f64::NAN).is_nan());
        let mut lanes = [0.0; 4];
        F64x4::load(&[0.3, -2.0, 1e-9, f64::NAN])
            .tanh()
            .store(&mut lanes);
        assert_eq!(lanes[..3], [tanh(0.3), tanh(-2.0), tanh(1e-9)]);
        assert!(lanes[3].is_nan());
    }

    fn lanes(v: F64x4) -> [f64; 4] {
        let mut out = [0.0; 4];
        v.store(&mut out);
        out
    }

    #[test]
    fn lanes_round_as_scalars() {
        let (a, b) = (
            F64x4::load(&[0.1, -3.0, 1e300, 2.0]),
            F64x4::load(&[0.2, 7.5, 1e300, -0.5]),
        );
        assert_eq!(lanes(a.add(b)), [0.1 + 0.2, 4.5, 2e300, 1.5]);
        assert_eq!(lanes(a.mul(b)), [0.1 * 0.2, -22.5, f64::INFINITY, -1.0]);
        assert_eq!(
            F64x4::load(&[1.0, 1e-17, 2.0, 3.0]).total(),
            (1.0 + 2.0) + (1e-17 + 3.0)
        );
    }
}
