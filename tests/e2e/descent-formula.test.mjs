// End-to-end: 3.2 on a typed curve L(w) — the curve picker's "custom
// formula", its box and inline error (the comparison's grammar and error
// display), the regimes around η* = 2/L″ from the formula's exact second
// derivative, the address round trip, hostile text, curves with no minimum,
// and the layout at 1280×720 and 390×844 in both languages.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NON_FINITE, canvasHash, canvasInk, expectNotice, expectText, frames, numbersOverflowing, screenshots, sharedHarness, state } from './browser.mjs';
import { STRINGS } from '../../www/i18n.js';

const h = sharedHarness();
const BUMPY = 'w^4/4 - w^2 + 0.35*w + 1.6';
const HOSTILE = '<img src=x onerror=alert(1)>';
const q = (text) => encodeURIComponent(text);

/** Types `text` in the formula box and presses Enter; waits for the frames that draw it. */
async function typeFormula(page, text) {
  const box = page.locator('#descent-formula');
  await box.fill(text);
  await box.press('Enter');
  await frames(page, 3);
}

/** The regime's name, once the page has drawn the latest state. */
async function regimeLabel(page) {
  await frames(page, 2);
  return page.locator('#descent-regime .regime-name').innerText();
}

describe('3.2 on a typed curve', () => {
  for (const lang of ['en', 'zh']) {
    const words = STRINGS[lang];
    test(`${lang}: choosing the custom formula shows a labelled box with the bumpy curve; a typed formula takes over`, async (t) => {
      const { page } = await h.page(t, `?curve=bowl&lang=${lang}`);
      assert.equal(await page.locator('#descent-formula').isVisible(), false, 'no box for a built-in curve');
      const before = await canvasHash(page, '#descent-curve-canvas');
      await page.getByRole('combobox', { name: words.descent_curve, exact: true }).selectOption('formula');
      await frames(page, 3);
      const box = page.getByRole('textbox', { name: words.descent_formula, exact: true });
      assert.equal(await box.isVisible(), true, 'the box shows, by its label');
      assert.equal(await box.inputValue(), BUMPY, 'the chapter\'s bumpy ground, written as a formula');
      let s = await state(page);
      assert.equal(s.curve, 'formula');
      assert.equal(s.formula, BUMPY);
      assert.notEqual(await canvasHash(page, '#descent-curve-canvas'), before, 'the picture is the typed curve');

      // Keyboard only: focus the box, type, Enter.
      await box.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('3*w^2/2 + 1');
      await page.keyboard.press('Enter');
      await frames(page, 3);
      s = await state(page);
      assert.equal(s.formula, '3*w^2/2 + 1');
      assert.ok(Math.abs(s.criticalLearningRate - 2 / 3) < 1e-9, `η* = 2/L″ = 2/3 (${s.criticalLearningRate})`);
      assert.equal(s.steps, 0, 'a new curve starts over');
      await expectText(page, '#descent-out-critical', /^0\.667$/);
      const ink = await canvasInk(page, '#descent-curve-canvas');
      assert.ok(ink.blue > 500 && ink.orange > 100, `the curve and the ball are drawn (${JSON.stringify(ink)})`);
      assert.doesNotMatch(await page.locator('main').innerText(), NON_FINITE);
    });

    test(`${lang}: a bad formula shows its error at the position and keeps the last curve`, async (t) => {
      // Without the ball's tween, so the picture is still when it is compared.
      const { page } = await h.page(t, `?curve=formula&formula=${q('w^2')}&lang=${lang}`, { reducedMotion: 'reduce' });
      await page.locator('#descent-step').click();
      await frames(page, 3);
      const before = { hash: await canvasHash(page, '#descent-curve-canvas'), state: await state(page) };
      await typeFormula(page, 'w^2 + )');
      const error = page.locator('#descent-formula-error');
      assert.equal(await error.isVisible(), true, 'the error shows');
      assert.equal(await page.locator('#descent-formula-error mark.at').innerText(), ')', 'the character at fault is marked');
      const message = await page.locator('#descent-formula-error .message').innerText();
      assert.equal(message, words.formula_error_unexpected_token.replace('{position}', '7').replaceAll('{detail}', ')'));
      assert.equal(await page.locator('#descent-formula').getAttribute('aria-invalid'), 'true');
      const after = await state(page);
      assert.deepEqual([after.formula, after.steps, after.w], [before.state.formula, before.state.steps, before.state.w], 'the run is the last good one');
      assert.equal(after.formulaError, true);
      assert.equal(await canvasHash(page, '#descent-curve-canvas'), before.hash, 'the curve canvas is unchanged, pixel for pixel');
      // Fixed, the error goes and the new curve comes.
      await typeFormula(page, 'w^2 + 1');
      assert.equal(await error.isVisible(), false);
      assert.equal((await state(page)).formula, 'w^2 + 1');
      assert.equal(await page.locator('#descent-formula').getAttribute('aria-invalid'), null);
    });
  }

  test('the regime labels change with η around η* = 2/a on L = a·w²/2', async (t) => {
    const { page } = await h.page(t, `?curve=formula&formula=${q('4*w^2/2')}&start=2`);
    const s = await state(page);
    assert.ok(Math.abs(s.criticalLearningRate - 0.5) < 1e-12, `η* = 2/4 (${s.criticalLearningRate})`);
    assert.equal(await page.locator('#descent-lr-critical').isVisible(), true, 'η* is marked on the slider');
    for (const [eta, label] of [[0.005, 'Too slow'], [0.1, 'Converging'], [0.4, 'Oscillating'], [0.6, 'Diverging']]) {
      await page.evaluate((eta) => window.descent.apply({ learningRate: eta, reset: true }), eta);
      assert.equal(await regimeLabel(page), label, `η = ${eta}`);
      await expectText(page, '#descent-regime .regime-ratio', new RegExp(`η = ${eta / 0.5} × η\\*`));
    }
    // The update rule's live numbers follow the formula's slope: L′(2) = 8.
    await page.evaluate(() => window.descent.apply({ learningRate: 0.1, reset: true }));
    await frames(page, 2);
    assert.equal(await page.locator('[data-live="gradient"]').textContent(), '8');
    assert.equal(await page.locator('[data-live="next"]').textContent(), '1.2');
  });

  test('the ball reaches the minimum, and the live loss plot follows', async (t) => {
    const { page } = await h.page(t, `?curve=formula&formula=${q('(w-1)^2 + 0.5')}&lr=0.3&start=-2`);
    const lossBefore = await canvasHash(page, '#descent-loss-canvas');
    await page.evaluate(() => window.descent.step(200));
    await frames(page, 3);
    const s = await state(page);
    assert.ok(Math.abs(s.w - 1) < 1e-9, `at the minimum w = 1 (${s.w})`);
    assert.ok(Math.abs(s.targetMinimum - 1) < 1e-9);
    await expectText(page, '#descent-status', new RegExp(STRINGS.en.descent_status_at_rest_global.replace(/[().]/g, '\\$&')));
    assert.notEqual(await canvasHash(page, '#descent-loss-canvas'), lossBefore, 'the loss plot drew the run');
  });

  test('a bumpy typed curve: dragging the start picks the valley, the local pit is named', async (t) => {
    const { page } = await h.page(t, `?curve=formula&formula=${q(BUMPY)}&lr=0.05`);
    await page.evaluate(() => window.descent.step(400));
    await expectText(page, '#descent-status', /not the lowest one/);
    const box = await page.locator('#descent-curve-canvas').boundingBox();
    // A click a fifth of the way across: the left valley.
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height / 2);
    const s = await state(page);
    assert.ok(s.w < -1, `the ball starts on the left (${s.w})`);
    await page.evaluate(() => window.descent.step(400));
    await expectText(page, '#descent-status', /lowest pit/);
  });

  for (const text of ['w', '-w^2', 'exp(-w)']) {
    test(`no minimum in view (${text}): a clear message, no η*, no NaN, the curve drawn`, async (t) => {
      const { page } = await h.page(t, `?curve=formula&formula=${q(text)}`);
      assert.equal(await regimeLabel(page), STRINGS.en.descent_regime_no_minimum);
      await expectText(page, '#descent-status', /no pit ahead/);
      await expectText(page, '#descent-out-critical', /^none$/);
      assert.equal(await page.locator('#descent-lr-critical').isVisible(), false, 'no η* to mark');
      const s = await state(page);
      assert.equal(s.criticalLearningRate, null);
      assert.equal(s.noMinimum, true);
      await page.evaluate(() => window.descent.step(3000));
      await frames(page, 3);
      assert.doesNotMatch(await page.locator('main').innerText(), NON_FINITE);
      assert.ok((await canvasInk(page, '#descent-curve-canvas')).blue > 300, 'the curve is drawn');
      assert.ok((await canvasInk(page, '#descent-loss-canvas')).ink > 2000, 'the loss plot is drawn');
      assert.equal(await regimeLabel(page), STRINGS.en.descent_regime_no_minimum);
    });
  }

  test('hostile text is inert: typed or in the address, it is only ever text', async (t) => {
    const { page, problems } = await h.page(t, '?curve=formula');
    await typeFormula(page, HOSTILE);
    assert.equal(await page.locator('#descent-formula-error').isVisible(), true);
    assert.equal(await page.locator('#descent-formula-error mark.at').innerText(), '<');
    assert.equal(await page.locator('#descent-formula-error .formula-echo').innerText(), HOSTILE, 'echoed as text');
    assert.equal(await page.locator('main img').count(), 0, 'no element made from it');
    assert.equal((await state(page)).formula, BUMPY, 'the curve stays');

    const second = await h.page(t, `?curve=formula&formula=${q(HOSTILE)}`);
    await expectNotice(second.page, ['formula']);
    assert.equal(await second.page.locator('main img').count(), 0);
    assert.equal((await state(second.page)).formula, BUMPY, 'a bad formula in the address falls back to the default one');
    await frames(second.page, 10);
    assert.deepEqual(problems, [], 'no dialog, no error');
  });

  test('a bad formula in the address falls back with a visible notice', async (t) => {
    const { page } = await h.page(t, `?curve=formula&formula=${q('w + b')}&lang=zh`);
    await expectNotice(page, ['formula']);
    const s = await state(page);
    assert.equal(s.curve, 'formula');
    assert.equal(s.formula, BUMPY);
  });

  test('the address round trip: Copy link and a reopened link agree', async (t) => {
    const text = 'w^2/2 + sin(3*w)/4';
    const first = await h.page(t, '?curve=bowl&lang=zh');
    await first.page.locator('#descent-curve').selectOption('formula');
    await typeFormula(first.page, text);
    await first.page.evaluate(() => window.descent.apply({ learningRate: 0.4 }));
    for (let i = 0; i < 4; i += 1) await first.page.locator('#descent-step').click();
    await first.page.waitForFunction((text) => new URLSearchParams(location.search).get('formula') === text, text, { timeout: 5000 });
    await first.page.getByRole('button', { name: '复制链接' }).click();
    const link = await first.page.locator('#copy-link').getAttribute('data-link');
    const params = new URL(link).searchParams;
    assert.equal(params.get('curve'), 'formula');
    assert.equal(params.get('formula'), text);
    // The address follows the view at most once a second: it comes to say what the link says.
    await first.page.waitForFunction((search) => location.search === search, new URL(link).search, { timeout: 5000 }).catch(() => {});
    assert.equal(new URL(link).search, new URL(await first.page.evaluate(() => location.href)).search, 'the link is the address');
    const before = await state(first.page);
    const second = await h.page(t, link.slice(h.server.url.length));
    const after = await state(second.page);
    for (const key of ['curve', 'formula', 'learningRate', 'steps', 'w', 'regime']) assert.deepEqual(after[key], before[key], key);
    assert.equal(await second.page.locator('#descent-formula').inputValue(), text);
  });

  test('lock= and hide= reach the formula box', async (t) => {
    const locked = await h.page(t, `?curve=formula&formula=${q('w^2')}&lock=formula`);
    const box = locked.page.locator('#descent-formula');
    assert.equal(await box.isVisible(), true);
    assert.equal(await box.isDisabled(), true);
    assert.match(await locked.page.locator('#notice').innerText(), /Formula L\(w\)/);
    const hidden = await h.page(t, `?curve=formula&formula=${q('w^2')}&hide=formula`);
    assert.equal(await hidden.page.locator('#descent-formula').isVisible(), false);
    assert.equal((await state(hidden.page)).formula, 'w^2', 'the typed curve still runs');
  });

  test('the live formula and the readouts fit their cards at every η, on typed curves, in both languages', async (t) => {
    for (const lang of ['en', 'zh']) {
      for (const text of [BUMPY, '-w^2']) {
        const { page, context } = await h.page(t, `?curve=formula&formula=${q(text)}&start=-2&lang=${lang}`);
        for (const [eta, over] of await numbersOverflowing(page)) assert.deepEqual(over, [], `${text}, η = ${eta}, ${lang}`);
        assert.doesNotMatch(await page.locator('main').innerText(), NON_FINITE);
        await context.close();
      }
    }
  });

  for (const lang of ['en', 'zh']) {
    test(`${lang}: screenshots at 1280×720 and 390×844 with a typed curve, laid out without overflow`, async (t) => {
      await screenshots(
        h,
        t,
        { query: `?curve=formula&formula=${q(BUMPY + ' + sin(5*w)/10')}&lang=${lang}`, name: `descent-formula-${lang}`, chart: '#descent-curve-canvas', minHeight: 200, what: 'the curve' },
        async (page) => {
          await page.locator('#descent-step').click();
          await frames(page, 3);
        },
        async (page, { width }) => {
          const box = await page.locator('#descent-formula').boundingBox();
          assert.ok(box && box.width >= Math.min(240, width * 0.6), `the box is wide enough to type in (${JSON.stringify(box)})`);
          const over = await page.evaluate(() => [...document.querySelectorAll('.descent-formula, .descent-formula *')]
            .filter((el) => el.checkVisibility() && el.scrollWidth > el.clientWidth + 1 && !el.matches('.formula-echo, input'))
            .map((el) => el.className || el.tagName));
          assert.deepEqual(over, [], 'nothing in the box overflows');
          assert.doesNotMatch(await page.locator('main').innerText(), NON_FINITE);
        },
      );
    });
  }
});
