// End-to-end: the backpropagation scene in headless Chromium, against the
// release build in dist/, its numbers checked against the core through the
// `descent backprop` command.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, NON_FINITE, canvasInk, expectNotice, expectSharp, frames, screenshots, sharedHarness, state } from './browser.mjs';
import { formatNumber } from '../../www/format.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WALK = ['dL_dyhat', 'dyhat_dz2', 'dz2_dW2', 'dz2_da1', 'da1_dz1', 'dz1_dW1', 'dL_dW2', 'dL_dW1'];

/** The core's numbers for the same example, from the `descent` binary. */
function core(flags = []) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'descent-cli', '--', 'backprop', ...flags], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** Canvas pixels in the vermillion of the current factor (read from a copy, so the page's canvas is read back only once). */
function vermillion(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('#backprop-canvas');
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(canvas, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] > 190 && data[i + 1] > 70 && data[i + 1] < 120 && data[i + 2] < 40) n += 1;
    }
    return n;
  });
}

const text = (page, selector) => page.locator(selector).innerText();
/** Text of MathML (not an HTML element, so no innerText). */
const mathText = async (page, selector) => (await page.locator(selector).textContent()).trim();
const stepButton = (page) => page.getByRole('button', { name: 'Step backward', exact: true });

const h = sharedHarness();
let defaults;
before(() => {
  defaults = core();
});

describe('backprop scene', () => {
  test('loads cleanly, draws the graph and shows the forward values', async (t) => {
    const { page } = await h.page(t, '?scene=backprop');
    const ink = await canvasInk(page, '#backprop-canvas');
    assert.ok(ink.ink > 5_000, `the graph is drawn (${ink.ink} px)`);
    assert.ok(ink.blue > 200, `node outlines in blue (${ink.blue} px)`);
    assert.equal(await vermillion(page), 0, 'nothing highlighted before the walk');
    const s = await state(page);
    assert.equal(s.revealed, 0);
    for (const [name, key] of [['z1', 'z1'], ['a1', 'a1'], ['z2', 'z2'], ['yHat', 'y_hat'], ['loss', 'loss']]) {
      assert.equal(s.values[name], defaults.forward[key], `${name} from the core`);
    }
    const forward = await text(page, '#backprop-stages');
    for (const v of [defaults.forward.a1, defaults.forward.y_hat, defaults.forward.loss]) {
      assert.ok(forward.includes(formatNumber(v)), `forward pass shows ${formatNumber(v)}`);
    }
  });

  test('stepping backward shows each factor in order with the core’s number, highlighted', async (t) => {
    const { page } = await h.page(t, '?scene=backprop');
    for (let i = 0; i < WALK.length; i += 1) {
      await stepButton(page).click();
      await frames(page, 2);
      const s = await state(page);
      assert.equal(s.revealed, i + 1);
      assert.equal(s.current, WALK[i], `step ${i + 1} is ${WALK[i]}`);
      assert.deepEqual(s.steps.map((step) => step.key), WALK.slice(0, i + 1), 'in the chapter’s order');
      const expected = defaults.factors[WALK[i]];
      assert.equal(s.steps[i].value, expected, `${WALK[i]} equals the core’s`);
      assert.match(await text(page, '.backprop-current-title'), new RegExp(`Step ${i + 1} of 8`));
      assert.equal(await mathText(page, '#backprop-local .result'), formatNumber(expected), `${WALK[i]} shown with its number`);
      assert.ok((await vermillion(page)) > 300, `the factor’s part of the graph is highlighted at step ${i + 1}`);
    }
    assert.equal(await stepButton(page).isDisabled(), true, 'the walk ends after ∂L/∂W1');
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('final gradients equal the core’s, with agreeing finite differences beside them', async (t) => {
    const flags = ['--x', '-2', '--y', '0.25', '--w1', '0.3', '--b1', '0.5', '--w2', '-1.5', '--b2', '0.2'];
    const expected = core(flags);
    const { page } = await h.page(t, '?scene=backprop&x=-2&y=0.25&w1=0.3&b1=0.5&w2=-1.5&b2=0.2');
    for (const key of ['dL_dW2', 'dL_dW1']) {
      assert.match(await text(page, `[data-verdict="${key}"]`), /not yet found/);
    }
    await page.getByRole('button', { name: 'Show all' }).click();
    await frames(page, 2);
    const s = await state(page);
    for (const key of ['dL_dW2', 'dL_dW1']) {
      const exact = expected.gradients[key];
      assert.equal(s.gradients[key], exact, `${key} as the core computes it`);
      assert.equal(await mathText(page, `[data-live="${key}"] .result`), formatNumber(exact), `${key} on the page`);
      const estimate = expected.finite_differences[key];
      assert.ok(Math.abs(s.finiteDifferences[key] - exact) < 1e-6, `${key}: finite difference agrees`);
      assert.equal(await text(page, `[data-fd="${key}"]`), `≈ ${formatNumber(estimate)}`);
      assert.match(await text(page, `[data-verdict="${key}"]`), /✓ agrees/);
    }
    // The live product multiplies the displayed factors.
    const product = await mathText(page, '[data-live="dL_dW1"]');
    for (const k of ['dL_dyhat', 'dyhat_dz2', 'dz2_da1', 'da1_dz1', 'dz1_dW1']) {
      assert.ok(product.includes(formatNumber(expected.factors[k])), `${k} in the product`);
    }
  });

  test('one gradient-descent update lowers the loss and shows it before and after', async (t) => {
    const expected = core(['--lr', '2']);
    const { page } = await h.page(t, '?scene=backprop');
    await page.getByRole('button', { name: 'Show all' }).click();
    const lr = page.getByLabel('Learning rate η');
    await lr.fill('2');
    await frames(page, 2);
    await page.getByRole('button', { name: 'Apply update (η = 2)' }).click();
    await frames(page, 2);
    const s = await state(page);
    assert.equal(s.hasUpdate, true);
    assert.equal(s.lossBefore, expected.update.loss_before);
    assert.equal(s.values.loss, expected.update.loss_after);
    assert.ok(s.values.loss < s.lossBefore, 'the loss fell');
    for (const p of ['w1', 'b1', 'w2', 'b2']) assert.equal(s.values[p], expected.update.parameters[p], `${p} updated as the core`);
    assert.equal(await text(page, '#backprop-loss-before'), formatNumber(expected.update.loss_before));
    assert.equal(await text(page, '#backprop-loss-after'), formatNumber(expected.update.loss_after));
    assert.match(await text(page, '#backprop-update-verdict'), /The loss fell by/);
    assert.ok((await mathText(page, '#backprop-update-rules')).includes(formatNumber(expected.update.parameters.w2)));
    assert.equal(s.revealed, 0, 'a new walk starts on the new weights');
    assert.equal(await page.locator('#backprop-w2').inputValue(), String(Number(expected.update.parameters.w2.toFixed(4))));

    // A learning rate out of range is refused, not applied.
    await lr.fill('-1');
    await frames(page, 2);
    assert.equal(await page.getByRole('button', { name: /Apply update/ }).isDisabled(), true);
    assert.equal(await lr.getAttribute('aria-invalid'), 'true');
  });

  test('keyboard: arrows step, A shows all, U updates, R resets; focus is visible', async (t) => {
    const { page } = await h.page(t, '?scene=backprop');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    assert.equal((await state(page)).revealed, 3);
    await page.keyboard.press('ArrowLeft');
    assert.equal((await state(page)).revealed, 2);
    await page.keyboard.press('a');
    assert.equal((await state(page)).revealed, 8);
    await page.keyboard.press('u');
    assert.equal((await state(page)).hasUpdate, true);
    await page.keyboard.press('r');
    const reset = await state(page);
    assert.equal(reset.revealed, 0);
    assert.equal(reset.hasUpdate, false);
    assert.equal(reset.values.w1, 0.8);

    const button = stepButton(page);
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal((await state(page)).revealed, 1);
    assert.notEqual(await button.evaluate((node) => getComputedStyle(node).outlineStyle), 'none', 'focus is visible');
    // Arrows inside a number field edit it and do not step.
    const x = page.getByLabel('x', { exact: true });
    await x.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal((await state(page)).revealed, 1);
  });

  test('editing the example recomputes everything; bad values are marked, not used', async (t) => {
    const { page } = await h.page(t, '?scene=backprop');
    await page.keyboard.press('ArrowRight');
    await page.getByLabel('W₂', { exact: true }).fill('-0.7');
    await frames(page, 2);
    let s = await state(page);
    assert.equal(s.values.w2, -0.7);
    assert.equal(s.revealed, 0, 'the walk restarts');
    assert.equal(s.gradients.dL_dW2, core(['--w2', '-0.7']).gradients.dL_dW2);
    await page.getByLabel('y', { exact: true }).fill('3');
    await frames(page, 2);
    s = await state(page);
    assert.equal(s.values.y, 1, 'out of range: not applied');
    assert.equal(await page.getByLabel('y', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.match(await text(page, '#backprop-invalid'), /y must be a number from 0 to 1/);
    await page.getByRole('button', { name: 'New example' }).click();
    await frames(page, 2);
    s = await state(page);
    assert.ok(s.values.y >= 0 && s.values.y <= 1 && Math.abs(s.values.x) <= 3);
    assert.equal(await page.locator('#backprop-invalid').isHidden(), true);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('a bad address falls back with a visible notice', async (t) => {
    const { page } = await h.page(t, '?scene=backprop&w1=abc&y=2&lr=-3');
    await expectNotice(page, ['w1', 'y', 'lr']);
    const s = await state(page);
    assert.equal(s.values.w1, 0.8);
    assert.equal(s.values.y, 1);
    assert.equal(s.learningRate, 1);
  });

  test('speaks Chinese with the chapter’s terms', async (t) => {
    const { page } = await h.page(t, '?scene=backprop&lang=zh');
    assert.match(await text(page, '#backprop-heading'), /反向传播/);
    assert.match(await text(page, '#backprop-heading'), /链式法则/);
    await page.getByRole('button', { name: '反向一步' }).click();
    await frames(page, 2);
    assert.match(await text(page, '.backprop-current-title'), /第 1 步，共 8 步/);
    assert.match(await text(page, '.question summary'), /链式法则在反向传播中起什么作用/);
    await page.locator('#lang-switch').click();
    await frames(page, 2);
    assert.match(await text(page, '.backprop-current-title'), /Step 1 of 8/, 'switching language relabels the walk');
    assert.equal((await state(page)).revealed, 1, 'and keeps its place');
  });

  test('a huge η that saturates σ is called out, not celebrated, in both languages; the update past ±10 is applied', async (t) => {
    const words = {
      en: { pinned: /only because ŷ is now pinned at ≈ 1.*gradients have almost vanished/, ahead: /^Loss after more updates with η = 100: after 1 → .+, 2 → .+, 5 → .+, 10 → .+\.$/, range: /b₂ past ±10/ },
      zh: { pinned: /只是因为 ŷ 已被钉在 ≈ 1.*梯度几乎消失/, ahead: /^用 η = 100 继续更新后的损失：1 次后 → .+，2 次 → .+，5 次 → .+，10 次 → .+。$/, range: /b₂ 推出了/ },
    };
    for (const [lang, { pinned, ahead, range }] of Object.entries(words)) {
      const { page } = await h.page(t, `?scene=backprop&lr=100&lang=${lang}`);
      const before = await state(page);
      await page.keyboard.press('U');
      await frames(page, 2);
      const s = await state(page);
      assert.equal(s.hasUpdate, true, 'U applied the update');
      assert.ok(s.values.b2 > 10, `b2 = ${s.values.b2}, past the typed range, not clamped`);
      assert.equal(s.saturation, 'one');
      // W_new = W_old − η·g, the numbers the page shows.
      const rules = await mathText(page, '#backprop-update-rules');
      assert.ok(rules.includes(formatNumber(s.values.w2)), `W₂'s rule shows the new W₂ (${rules})`);
      assert.ok(s.values.w2 !== before.values.w2);
      const verdict = await text(page, '#backprop-update-verdict');
      assert.match(verdict, pinned);
      assert.doesNotMatch(verdict, /^The loss fell by \S+ %\.$|^损失下降了 \S+ %。$/, 'not the plain success sentence');
      assert.notEqual(await page.locator('#backprop-update-verdict').getAttribute('data-fell'), 'true', 'not coloured as a success');
      assert.match(await text(page, '#backprop-update-ahead'), ahead);
      assert.match(await text(page, '#backprop-update-range'), range);
      await page.locator('.backprop-update').screenshot({ path: join(ARTIFACTS, `backprop-saturated-${lang}.png`) });
      assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
    }
  });

  test('"the loss did not change (η = 0)" is said only when η = 0', async (t) => {
    for (const lr of ['50', '100']) {
      const { page } = await h.page(t, `?scene=backprop&lr=${lr}`);
      for (let i = 0; i < 3; i += 1) {
        await page.keyboard.press('U');
        await frames(page, 2);
        const verdict = await text(page, '#backprop-update-verdict');
        assert.doesNotMatch(verdict, /η = 0/, `η = ${lr}, update ${i + 1}: ${verdict}`);
        assert.ok(verdict.length > 0);
      }
    }
    const { page } = await h.page(t, '?scene=backprop&lr=0');
    await page.keyboard.press('U');
    await frames(page, 2);
    assert.equal(await text(page, '#backprop-update-verdict'), 'The loss did not change (η = 0).');
  });

  test('sharp on HiDPI screens', async (t) => {
    const { page } = await h.page(t, '?scene=backprop', { scale: 2 });
    await expectSharp(page, ['#backprop-canvas']);
  });

  test('screenshots at 1280×720 and 390×844, laid out without overflow', async (t) => {
    const spec = { query: '?scene=backprop', name: 'backprop', chart: '#backprop-canvas', minHeight: 230, what: 'the graph' };
    // Most of the walk on the laptop, its start on the phone.
    const prepare = async (page, { width }) => {
      for (let i = 0; i < (width > 1000 ? 7 : 3); i += 1) await stepButton(page).click();
      await frames(page, 3);
    };
    await screenshots(h, t, spec, prepare, async (page, { width, height }) => {
      const button = await stepButton(page).boundingBox();
      if (width > 1000) assert.ok(button.y + button.height <= height, 'Step backward is above the fold');
      await page.evaluate(() => scrollTo(0, 0));
    });
  });
});
