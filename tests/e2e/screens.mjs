// What the layout checks share, in Chromium (tests/e2e/layout.test.mjs) and
// in Firefox (tests/firefox/screens.test.mjs): each scene's picture and the
// controls that change it, and the measures read in the page.

import assert from 'node:assert/strict';

export const SCENES = ['loss', 'descent', 'backprop', 'training'];
/** Every scene a course page may embed: the chapter's four and comparing runs. */
export const EMBEDDED = [...SCENES, 'compare'];
export const LANGS = ['en', 'zh'];
/**
 * Views checked like a scene of their own: the scene, what the address adds,
 * and the controls (`data-control` names) only that view shows (3.2 on a
 * typed curve shows its formula box).
 */
export const VIEWS = { 'descent-formula': { scene: 'descent', query: '&curve=formula', only: ['formula'] } };
/** The controls scene `name` shows only in another of its views. */
export const elsewhere = (name) => (VIEWS[name] ? [] : Object.values(VIEWS).filter((v) => v.scene === name).flatMap((v) => v.only));
/** The address of a scene or a view (without `lang` and the rest). */
export const address = (name) => `?scene=${VIEWS[name]?.scene ?? name}${VIEWS[name]?.query ?? ''}`;
/** Each scene's main picture, and the controls that change it. */
export const PICTURE = { loss: '#loss-scatter', descent: '#descent-curve-canvas', 'descent-formula': '#descent-curve-canvas', backprop: '#backprop-canvas', training: '#training-fit-canvas', compare: '#compare-map-canvas' };
export const CONTROLS = {
  loss: ['#loss-w', '#loss-b'],
  descent: ['#descent-lr', '#descent-play', '#descent-step'],
  'descent-formula': ['#descent-lr', '#descent-play', '#descent-step', '#descent-curve', '#descent-formula'],
  backprop: ['#backprop-step', '#backprop-reset'],
  training: ['#training-lr', '#training-play', '#training-step'],
  compare: ['#compare-landscape', '#compare-preset-table', '#compare-lr-0', '#compare-play', '#compare-step', '#compare-reset', '#compare-speed'],
};
/** On a phone, the controls under the picture that play it (comparing runs: its run buttons first). */
export const PHONE = { compare: ['#compare-play', '#compare-step', '#compare-reset'] };
/** What 3.3's one screen must hold, besides the graph and the step buttons. */
export const BACKPROP_SCREEN = ['[data-control="back"]', '[data-control="all"]', '#backprop-progress', '#backprop-current', '[data-product="dL_dW2"]', '[data-product="dL_dW1"]'];

/** In the page: the boxes of `selectors` (each its first match) against the viewport. */
export function boxes(selectors) {
  return selectors.map((selector) => {
    const el = document.querySelector(selector);
    if (!el) return { selector, missing: true };
    const r = el.getBoundingClientRect();
    return { selector, top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), visible: el.checkVisibility() };
  });
}

export function assertInView(list, width, height, where) {
  for (const b of list) {
    assert.ok(!b.missing, `${where}: ${b.selector} is on the page`);
    assert.ok(b.visible, `${where}: ${b.selector} is visible`);
    assert.ok(b.top >= 0 && b.bottom <= height && b.left >= 0 && b.right <= width, `${where}: ${b.selector} inside the ${width}×${height} viewport (${JSON.stringify(b)})`);
  }
}

/** In the page: the smallest computed font size of visible text in the scene, and where. */
export function smallestText() {
  const sample = 'p, label, button, dt, dd, output, summary, figcaption, th, td, li, legend, h2, select, span, strong';
  let min = { size: Infinity };
  for (const el of document.querySelectorAll(`main :is(${sample})`)) {
    if (!el.checkVisibility() || el.closest('math, svg, .visually-hidden, .training-hidden, caption')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own && el.tagName !== 'SELECT') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min.size) min = { size, element: `${el.tagName.toLowerCase()}.${el.className} “${el.textContent.trim().slice(0, 30)}”` };
  }
  return min;
}

