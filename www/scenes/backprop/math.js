// Section 3.3: the MathML of the backprop scene (symbols, the chain-rule
// products, each factor's local formula), filled with numbers from wasm.

import { formatNumber } from '../../format.js';

const sub = (name, i) => `<msub><mi>${name}</mi><mn>${i}</mn></msub>`;
const yHat = '<mover accent="true"><mi>y</mi><mo>^</mo></mover>';
const d = (inner) => `<mrow><mo>∂</mo>${inner}</mrow>`;
const frac = (top, bottom) => `<mfrac>${d(top)}${d(bottom)}</mfrac>`;

/** The MathML symbol of every node. */
export const NODE = {
  x: '<mi>x</mi>',
  y: '<mi>y</mi>',
  z1: sub('z', 1),
  a1: sub('a', 1),
  z2: sub('z', 2),
  yHat,
  L: '<mi>L</mi>',
  W1: sub('W', 1),
  b1: sub('b', 1),
  W2: sub('W', 2),
  b2: sub('b', 2),
};

/** ∂top/∂bottom of every step of the walk. */
export const SYMBOL = {
  dL_dyhat: frac(NODE.L, NODE.yHat),
  dyhat_dz2: frac(NODE.yHat, NODE.z2),
  dz2_dW2: frac(NODE.z2, NODE.W2),
  dz2_da1: frac(NODE.z2, NODE.a1),
  da1_dz1: frac(NODE.a1, NODE.z1),
  dz1_dW1: frac(NODE.z1, NODE.W1),
  dL_dW2: frac(NODE.L, NODE.W2),
  dL_dW1: frac(NODE.L, NODE.W1),
};

/** The factors each final gradient multiplies, in the chapter's order. */
export const PRODUCTS = {
  dL_dW2: ['dL_dyhat', 'dyhat_dz2', 'dz2_dW2'],
  dL_dW1: ['dL_dyhat', 'dyhat_dz2', 'dz2_da1', 'da1_dz1', 'dz1_dW1'],
};

const mn = (v) => `<mn>${formatNumber(v)}</mn>`;
/** A number in parentheses when negative, so products read unambiguously. */
const factor = (v) => (v < 0 ? `<mrow><mo>(</mo>${mn(v)}<mo>)</mo></mrow>` : mn(v));
const dot = '<mo>·</mo>';

/** The symbolic product ∂L/∂W = ∂L/∂ŷ · … for `key`. */
export function productSymbols(key) {
  return `${SYMBOL[key]}<mo>=</mo>${PRODUCTS[key].map((k) => SYMBOL[k]).join(dot)}`;
}

/**
 * The same product with numbers: the factors found so far (`known(k)` gives
 * a number or undefined) and "?" for the rest; the result once `total` is known.
 */
export function productNumbers(key, known, total) {
  const parts = PRODUCTS[key].map((k) => {
    const v = known(k);
    return v === undefined ? '<mi class="pending">?</mi>' : factor(v);
  });
  const result = total === undefined ? '<mi class="pending">?</mi>' : `<mn class="result">${formatNumber(total)}</mn>`;
  return `<mo>=</mo>${parts.join('<mo>×</mo>')}<mo>=</mo>${result}`;
}

/** The local formula of one step with its live numbers (`v` reads session values). */
export function localFormula(key, value, v) {
  const eq = '<mo>=</mo>';
  const result = `<mn class="result">${formatNumber(value)}</mn>`;
  switch (key) {
    case 'dL_dyhat':
      // ∂L/∂ŷ = −2(y − ŷ)
      return `${SYMBOL[key]}${eq}<mo>−</mo><mn>2</mn><mrow><mo>(</mo>${NODE.y}<mo>−</mo>${yHat}<mo>)</mo></mrow>${eq}<mo>−</mo><mn>2</mn><mrow><mo>(</mo>${mn(v('y'))}<mo>−</mo>${mn(v('yHat'))}<mo>)</mo></mrow>${eq}${result}`;
    case 'dyhat_dz2':
      // ∂ŷ/∂z2 = σ′(z2) = ŷ(1 − ŷ)
      return `${SYMBOL[key]}${eq}<mi>σ</mi><mo>′</mo><mrow><mo>(</mo>${NODE.z2}<mo>)</mo></mrow>${eq}${yHat}<mrow><mo>(</mo><mn>1</mn><mo>−</mo>${yHat}<mo>)</mo></mrow>${eq}${mn(v('yHat'))}<mo>×</mo><mrow><mo>(</mo><mn>1</mn><mo>−</mo>${mn(v('yHat'))}<mo>)</mo></mrow>${eq}${result}`;
    case 'dz2_dW2':
      return `${SYMBOL[key]}${eq}${NODE.a1}${eq}${result}`;
    case 'dz2_da1':
      return `${SYMBOL[key]}${eq}${NODE.W2}${eq}${result}`;
    case 'da1_dz1':
      // ∂a1/∂z1 = σ′(z1) = a1(1 − a1)
      return `${SYMBOL[key]}${eq}<mi>σ</mi><mo>′</mo><mrow><mo>(</mo>${NODE.z1}<mo>)</mo></mrow>${eq}${NODE.a1}<mrow><mo>(</mo><mn>1</mn><mo>−</mo>${NODE.a1}<mo>)</mo></mrow>${eq}${mn(v('a1'))}<mo>×</mo><mrow><mo>(</mo><mn>1</mn><mo>−</mo>${mn(v('a1'))}<mo>)</mo></mrow>${eq}${result}`;
    case 'dz1_dW1':
      return `${SYMBOL[key]}${eq}${NODE.x}${eq}${result}`;
    default:
      // A final gradient: its product is spelled out in the backward-pass panel.
      return `${SYMBOL[key]}${eq}${result}`;
  }
}

/**
 * The forward pass x → z1 = W1·x + b1 → a1 = σ(z1) → z2 = W2·a1 + b2 → ŷ = σ(z2) → L,
 * one MathML row per stage, each with its live numbers (`v` reads session values).
 */
export function forwardStages(v) {
  const eq = '<mo>=</mo>';
  return [
    `${NODE.x}${eq}${mn(v('x'))}`,
    `${NODE.z1}${eq}${NODE.W1}<mo>·</mo>${NODE.x}<mo>+</mo>${NODE.b1}${eq}${mn(v('w1'))}<mo>·</mo>${factor(v('x'))}<mo>+</mo>${factor(v('b1'))}${eq}${mn(v('z1'))}`,
    `${NODE.a1}${eq}<mi>σ</mi><mrow><mo>(</mo>${NODE.z1}<mo>)</mo></mrow>${eq}${mn(v('a1'))}`,
    `${NODE.z2}${eq}${NODE.W2}<mo>·</mo>${NODE.a1}<mo>+</mo>${NODE.b2}${eq}${mn(v('w2'))}<mo>·</mo>${mn(v('a1'))}<mo>+</mo>${factor(v('b2'))}${eq}${mn(v('z2'))}`,
    `${yHat}${eq}<mi>σ</mi><mrow><mo>(</mo>${NODE.z2}<mo>)</mo></mrow>${eq}${mn(v('yHat'))}`,
    `${NODE.L}${eq}<msup><mrow><mo>(</mo>${NODE.y}<mo>−</mo>${yHat}<mo>)</mo></mrow><mn>2</mn></msup>${eq}<msup><mrow><mo>(</mo>${mn(v('y'))}<mo>−</mo>${mn(v('yHat'))}<mo>)</mo></mrow><mn>2</mn></msup>${eq}${mn(v('loss'))}`,
  ];
}

/** The chapter's update rule W_new = W_old − η·∂L/∂W. */
export const UPDATE_RULE = `<msub><mi>W</mi><mtext>new</mtext></msub><mo>=</mo><msub><mi>W</mi><mtext>old</mtext></msub><mo>−</mo><mi>η</mi><mo>·</mo><mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>W</mi></mrow></mfrac>`;

/** The update of weight W_i with numbers: W_i ← W_old − η × ∂L/∂W_i = W_new. */
export function updateNumbers(i, before, eta, gradient, after) {
  return `${sub('W', i)}<mo>←</mo>${mn(before)}<mo>−</mo>${mn(eta)}<mo>×</mo>${factor(gradient)}<mo>=</mo><mn class="result">${formatNumber(after)}</mn>`;
}
