// End-to-end: the loss-functions scene (3.1) in headless Chromium, against
// the release build in dist/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NON_FINITE, canvasInk, expectNotice, expectSharp, expectText, frames, screenshots, sharedHarness, state } from './browser.mjs';

const h = sharedHarness();

/** MSE and MAE of the line (w, b) over the points, computed here, independently of the page. */
function losses({ xs, ys }, w, b) {
  const errors = xs.map((x, i) => ys[i] - (w * x + b));
  const n = errors.length;
  return {
    mse: errors.reduce((s, e) => s + e * e, 0) / n,
    mae: errors.reduce((s, e) => s + Math.abs(e), 0) / n,
    errors,
  };
}

/** The number shown in the element matching `selector`. */
async function shownNumber(page, selector) {
  const text = await page.locator(selector).textContent();
  return Number(text.replace('−', '-'));
}

function close(actual, expected, relative = 2e-3) {
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected)), `${actual} ≈ ${expected}`);
}

describe('loss-functions scene', () => {
  test('loads cleanly; MSE and MAE on the page match an independent computation', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=1.5&b=2');
    const s = await state(page);
    assert.equal(s.n, 12);
    assert.equal(s.w, 1.5);
    assert.equal(s.b, 2);
    assert.equal(s.xs.length, 12);
    const expected = losses(s, 1.5, 2);
    close(await shownNumber(page, '[data-live="mse"]'), expected.mse);
    close(await shownNumber(page, '[data-live="mae"]'), expected.mae);
    close(s.mse, expected.mse, 1e-12);
    close(s.mae, expected.mae, 1e-12);
    // The sum over n in the formula.
    close(await shownNumber(page, '[data-live="sum-squared"]'), expected.mse * 12);
    await expectText(page, '[data-live="n-squared"]', /^12$/);
    const largest = expected.errors.reduce((m, e) => (Math.abs(e) > Math.abs(m) ? e : m), 0);
    close(s.largestResidual, largest, 1e-12);
    await expectText(page, '#loss-w-value', /w = 1\.5/);
    assert.equal(await page.locator('math').count() >= 4, true, 'formulas are MathML');
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('both canvases have ink, and the squares grow as the line moves away', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=1&b=5');
    await frames(page, 3);
    const far = await canvasInk(page, '#loss-scatter');
    const curves = await canvasInk(page, '#loss-curves');
    assert.ok(far.ink > 10_000, `scatter has ink (${far.ink})`);
    assert.ok(curves.ink > 10_000, `curves have ink (${curves.ink})`);
    assert.ok(curves.blue > 500, `the e² curve and 2e line are drawn (${curves.blue} px)`);
    assert.ok(curves.orange > 30, `the largest error is ringed (${curves.orange} px)`);
    await page.getByRole('button', { name: 'Best fit' }).click();
    await frames(page, 3);
    const near = await canvasInk(page, '#loss-scatter');
    assert.ok(far.ink > near.ink * 1.5, `big errors, big squares (${far.ink} vs ${near.ink} px)`);
  });

  test('keyboard on the sliders changes w and b, and the losses follow', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=2&b=1');
    const slope = page.getByRole('slider', { name: 'slope w' });
    await slope.focus();
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
    let s = await state(page);
    close(s.w, 2.1, 1e-9);
    const intercept = page.getByRole('slider', { name: 'intercept b' });
    await intercept.focus();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowLeft');
    s = await state(page);
    close(s.b, 0.8, 1e-9);
    await frames(page, 2);
    const expected = losses(s, s.w, s.b);
    close(await shownNumber(page, '[data-live="mse"]'), expected.mse);
    close(await shownNumber(page, '[data-live="mae"]'), expected.mae);
    const outline = await intercept.evaluate((node) => getComputedStyle(node).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
  });

  test('best fit lowers the MSE below every nearby line', async (t) => {
    const { page } = await h.page(t, '?scene=loss');
    const before = await state(page);
    await page.getByRole('button', { name: 'Best fit' }).click();
    await frames(page, 2);
    const s = await state(page);
    assert.ok(s.mse < before.mse / 5, `${s.mse} vs ${before.mse}`);
    for (const [dw, db] of [[0.01, 0], [-0.01, 0], [0, 0.05], [0, -0.05]]) {
      assert.ok(losses(s, s.w + dw, s.b + db).mse > s.mse, `(${dw}, ${db}) is worse`);
    }
    close(await shownNumber(page, '[data-live="mse"]'), s.mse);
  });

  test('the outlier raises the MSE by a far larger factor than the MAE', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=2&b=1');
    const before = await state(page);
    await page.getByLabel('Add an outlier').check();
    await frames(page, 2);
    const s = await state(page);
    assert.equal(s.outlier, true);
    assert.equal(s.n, 13);
    const expected = losses(s, 2, 1);
    close(s.mse, expected.mse, 1e-12);
    const mseFactor = s.mse / before.mse;
    const maeFactor = s.mae / before.mae;
    assert.ok(mseFactor > 3 * maeFactor, `MSE ×${mseFactor} vs MAE ×${maeFactor}`);
    close(s.mseFactor, mseFactor, 1e-9);
    assert.equal(s.largestIndex, 12, 'the outlier is the largest error');
    const effect = await page.locator('#loss-effect').innerText();
    assert.match(effect, new RegExp(`MSE ×${s.mseFactor.toPrecision(3).replace(/\.?0+$/, '')}`));
    assert.ok(s.reach >= 12, 'the error axis widens to show the outlier');
    close(await shownNumber(page, '[data-live="mse"]'), expected.mse);
    await expectText(page, '[data-live="n-absolute"]', /^13$/);
    await page.getByLabel('Add an outlier').uncheck();
    assert.equal((await state(page)).n, 12);
  });

  test('dragging the line with the mouse: a handle tilts it, the body shifts it', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=1&b=0');
    const box = await page.locator('#loss-scatter').boundingBox();
    let s = await state(page);
    const [hx, hy] = s.handles[1];
    await page.mouse.move(box.x + hx, box.y + hy);
    await page.mouse.down();
    await page.mouse.move(box.x + hx, box.y + hy - 40, { steps: 5 });
    await page.mouse.up();
    s = await state(page);
    assert.ok(s.w > 1.2, `tilted up: w = ${s.w}`);
    const w = s.w;
    // The body: halfway between the handles, a little off the line.
    const [lx, ly] = s.handles[0];
    const [rx, ry] = s.handles[1];
    const [mx, my] = [(lx + rx) / 2, (ly + ry) / 2 + 6];
    await page.mouse.move(box.x + mx, box.y + my);
    await page.mouse.down();
    await page.mouse.move(box.x + mx, box.y + my - 30, { steps: 5 });
    await page.mouse.up();
    s = await state(page);
    close(s.w, w, 1e-9);
    assert.ok(s.b > 1, `shifted up: b = ${s.b}`);
    const slider = Number(await page.locator('#loss-b').inputValue());
    assert.ok(Math.abs(slider - s.b) < 0.06, 'the slider follows the drag');
  });

  test('touch dragging on a phone moves the line', async (t) => {
    const { page, context } = await h.page(t, '?scene=loss&w=2&b=1', { width: 390, height: 844, hasTouch: true });
    const s0 = await state(page);
    const box = await page.locator('#loss-scatter').boundingBox();
    const [hx, hy] = s0.handles[0];
    // Real touches through the browser's input pipeline: Chromium turns them into pointer events.
    const cdp = await context.newCDPSession(page);
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + hx, y: box.y + y, id: 1 }],
    });
    await touch('touchStart', hy);
    for (const dy of [8, 16, 24, 32]) await touch('touchMove', hy + dy);
    await touch('touchEnd', hy + 32);
    await frames(page, 2);
    const s = await state(page);
    assert.ok(s.w > s0.w, `lowering the left end raises the slope: ${s0.w} → ${s.w}`);
    assert.equal(s.dragging, false);
  });

  test('a bad address falls back with a visible notice', async (t) => {
    const { page } = await h.page(t, '?scene=loss&w=abc&b=99&outlier=2');
    await expectNotice(page, ['w', 'b', 'outlier']);
    const s = await state(page);
    assert.equal(s.w, 1.7);
    assert.equal(s.b, 2.5);
    assert.equal(s.outlier, false);
  });

  test('the address can switch the outlier on; Chinese uses the chapter\'s terms', async (t) => {
    const { page } = await h.page(t, '?scene=loss&outlier=1&lang=zh');
    assert.equal((await state(page)).outlier, true);
    assert.equal(await page.getByLabel('加入一个离群点').isChecked(), true);
    const text = await page.locator('body').innerText();
    for (const term of ['损失函数', '均方误差', '处处可导', '惩罚大误差', '斜率 w', '截距 b']) assert.ok(text.includes(term), term);
    assert.doesNotMatch(text, NON_FINITE);
  });

  test('sharp on HiDPI screens', async (t) => {
    const { page } = await h.page(t, '?scene=loss', { scale: 2 });
    await expectSharp(page, ['#loss-scatter', '#loss-curves']);
  });

  test('screenshots at 1280×720 and 390×844, laid out without overflow', async (t) => {
    const spec = { query: '?scene=loss&outlier=1', name: 'loss', chart: '#loss-scatter', minHeight: 240, what: 'the scatter' };
    await screenshots(h, t, spec, (page) => frames(page, 5), async (page, { width, height }) => {
      if (width > 1000) {
        const controls = await page.locator('.loss-controls').boundingBox();
        assert.ok(controls.y + controls.height <= height, 'the controls are above the fold');
      }
      assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
    });
  });
});
