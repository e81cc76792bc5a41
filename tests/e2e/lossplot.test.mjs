// 3.2's loss plot follows a diverging run: the top of its loss axis rises a
// whole decade at a time as the loss climbs, and the upper part of the chart
// fills with the line instead of the line lying flat along the ceiling.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { ARTIFACTS, canvasInk, frames, sharedHarness, state } from './browser.mjs';

const h = sharedHarness();
const DIVERGING = '?scene=descent&curve=bowl&start=2&lr=1.2';

/** The loss plot's top of range, as last drawn. */
const topLoss = (page) => page.evaluate(() => window.descent.topLoss());

/** Blue (loss line) pixels in the upper third of the loss plot, both layers composited. */
function upperBlue(page) {
  return page.evaluate(() => {
    const front = window.descent.charts()[1];
    const back = front.parentElement.querySelector('.chart-back');
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [front.width, front.height];
    const context = copy.getContext('2d', { willReadFrequently: true });
    if (back) context.drawImage(back, 0, 0);
    context.drawImage(front, 0, 0);
    const rows = Math.floor(copy.height / 3);
    const data = context.getImageData(0, 0, copy.width, rows).data;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 30 && data[i + 1] > 60 && data[i + 1] < 140 && data[i + 2] > 120) blue += 1;
    }
    return blue;
  });
}

test('a diverging run raises the top of the loss plot decade by decade', async (t) => {
  const { page } = await h.page(t, DIVERGING);
  await frames(page);
  const tops = [await topLoss(page)];
  const blues = [await upperBlue(page)];
  for (let i = 0; i < 8; i += 1) {
    await page.evaluate(() => window.descent.step(5));
    await frames(page, 3);
    tops.push(await topLoss(page));
    blues.push(await upperBlue(page));
  }
  for (const top of tops) {
    assert.ok(Number.isFinite(top) && top > 0, `a finite top: ${tops}`);
    assert.ok(Math.abs(Math.log10(top) - Math.round(Math.log10(top))) < 1e-9, `a power of ten: ${top}`);
  }
  for (let i = 1; i < tops.length; i += 1) assert.ok(tops[i] >= tops[i - 1], `never falls: ${tops}`);
  assert.ok(tops.at(-1) >= tops[0] * 1e6, `the top rose by at least 10⁶: ${tops}`);
  assert.ok(blues.at(-1) > blues[0] + 50, `the line climbs into the upper third: ${blues}`);
});

test('a diverged run ends in an arrow up and the mark, in both modes', async (t) => {
  for (const [name, query] of [['normal', DIVERGING], ['present', `${DIVERGING}&present=1`]]) {
    const { page } = await h.page(t, query);
    await page.evaluate(() => window.descent.step(1000));
    await frames(page, 3);
    const s = await state(page);
    assert.equal(s.diverged, true, `${name}: the run diverged`);
    const top = await topLoss(page);
    assert.ok(top >= 1e20 && Number.isFinite(top), `${name}: the axis followed the loss: ${top}`);
    const { orange } = await canvasInk(page, '#descent-loss-canvas');
    assert.ok(orange > 0, `${name}: the current point is drawn`);
    const chart = page.locator('#descent-loss-canvas');
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `lossplot-diverged-${name}-page.png`) });
    await chart.locator('..').screenshot({ path: join(ARTIFACTS, `lossplot-diverged-${name}.png`) });
  }
});
