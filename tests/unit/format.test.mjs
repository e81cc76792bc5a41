// Numbers for people: grouping, significant digits, never NaN or Infinity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatNumber } from '../../www/format.js';

test('counts are grouped by thousands', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1000), '1,000');
  assert.equal(formatCount(125065), '125,065');
  assert.equal(formatCount(1234567.4), '1,234,567');
  assert.equal(formatCount(-45000), '-45,000');
  assert.equal(formatCount(1e21), formatNumber(1e21));
});

test('non-finite numbers never show as NaN or Infinity', () => {
  for (const v of [NaN, Infinity, -Infinity, undefined, 'x']) {
    assert.doesNotMatch(formatNumber(v), /NaN|Infinity/);
    if (typeof v === 'number') assert.doesNotMatch(formatCount(v), /NaN|Infinity/);
  }
});

test('numbers keep about four significant digits, with powers of ten beyond', () => {
  assert.equal(formatNumber(1.23456), '1.235');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(123.456), '123.5');
  assert.equal(formatNumber(2.5e7), '2.50×10⁷');
  assert.equal(formatNumber(-3e-6), '-3.00×10⁻⁶');
});

test('below a tolerance a value is 0, not floating-point dust', () => {
  assert.equal(formatNumber(3.23e-31, 4, 1e-12), '0');
  assert.equal(formatNumber(-2.69e-29, 4, 1e-12), '0');
  assert.equal(formatNumber(2e-12, 4, 1e-12), '2.00×10⁻¹²');
  assert.equal(formatNumber(-2.69e-29), '-2.69×10⁻²⁹', 'without a tolerance, as it is');
});
