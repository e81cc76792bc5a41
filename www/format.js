// Numbers for people: never "NaN" or "Infinity" on the page, never
// floating-point dust where a value is zero for every purpose, and one
// formatter for every number a scene shows. (Numbers keep to one line: the
// page sets `white-space: nowrap` on every element that shows one.)

import { t } from './i18n.js';

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/**
 * `v` with about `digits` significant digits; huge and tiny values as
 * a × 10ⁿ. With `zeroBelow`, any |v| under it is written 0 (the run has
 * converged: what is left is rounding, not meaning).
 */
export function formatNumber(v, digits = 4, zeroBelow = 0) {
  if (typeof v !== 'number' || Number.isNaN(v) || !Number.isFinite(v)) return t('chart_overflow');
  if (v === 0 || Math.abs(v) < zeroBelow) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) {
    const [mantissa, exponent] = v.toExponential(digits - 2).split('e');
    const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
    return `${mantissa}×10${power}`;
  }
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return v.toFixed(Math.min(decimals, 8)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A step count with thousands grouped by commas (1,234,567). */
export function formatCount(n) {
  if (!Number.isFinite(n)) return t('chart_overflow');
  const whole = Math.round(n);
  if (Math.abs(whole) >= 1e21) return formatNumber(whole);
  return String(whole).replace(/\B(?=(\d{3})+$)/g, ',');
}
