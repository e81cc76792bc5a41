// A range input on a logarithmic scale: positions 0…STEPS map to values
// low·(high/low)^(position/STEPS), rounded to three significant digits.

export const STEPS = 200;

export function valueAt(position, low, high) {
  const p = Math.min(Math.max(position, 0), STEPS) / STEPS;
  return roundSignificant(low * Math.pow(high / low, p), 3);
}

export function positionOf(value, low, high) {
  if (!(value > 0)) return 0;
  const p = Math.log(value / low) / Math.log(high / low);
  return Math.round(Math.min(Math.max(p, 0), 1) * STEPS);
}

/** Where `value` sits along the track, 0 (left) to 1 (right), unclamped. */
export function fraction(value, low, high) {
  return Math.log(value / low) / Math.log(high / low);
}

function roundSignificant(v, digits) {
  if (!Number.isFinite(v) || v === 0) return v;
  const scale = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return Math.round(v * scale) / scale;
}
