// Firefox ESR: every scene, in English and in Chinese, at 1280×720, against
// the release build in dist/: loads cleanly, draws every chart, answers the
// keyboard, never shows NaN or ∞ even at a huge learning rate. Saves a
// screenshot of each into tests/e2e/artifacts/firefox-<scene>-<lang>.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, LANGS, NON_FINITE, SCENES, canvasHash, canvasInk, frames, harness, state, waitForState } from './firefox.mjs';

let h;
before(async () => {
  h = await harness();
});
after(async () => {
  await h?.close();
});

/** Focuses the page itself (no control), so the scene's keys apply. */
async function focusBody(page) {
  await page.evaluate(() => {
    document.activeElement?.blur();
    document.body.focus();
  });
}

/**
 * The keyboard check of each scene: how to give it focus, which key, which
 * state field must move, and which chart must change.
 */
const KEYBOARD = {
  loss: {
    focus: (page) => page.focus('[data-control="w"] input[type=range]'),
    key: 'ArrowRight',
    presses: 5,
    field: 'w',
    chart: '#loss-scatter',
  },
  descent: { focus: focusBody, key: 'ArrowRight', presses: 1, field: 'steps', from: 0, to: 1, chart: '#descent-curve-canvas' },
  backprop: { focus: focusBody, key: 'ArrowRight', presses: 1, field: 'revealed', from: 0, to: 1, chart: '#backprop-canvas' },
  training: { focus: focusBody, key: 'ArrowRight', presses: 1, field: 'epochs', from: 0, to: 1, chart: '#training-fit-canvas' },
  compare: { focus: focusBody, key: 'ArrowRight', presses: 1, field: 'steps', from: 0, to: 1, chart: '#compare-map-canvas' },
};

/** Ids of every chart on the page (the front canvas of a stacked pair, or a lone canvas). */
function chartIds(page) {
  return page.evaluate(() => [...document.querySelectorAll('#scene canvas:not(.chart-back)')].map((c) => c.id || '(no id)'));
}

describe('Firefox: every scene, English and Chinese, 1280×720', () => {
  for (const scene of SCENES) {
    for (const lang of LANGS) {
      test(`${scene} (${lang}): loads cleanly, every chart inked, no horizontal overflow, the keyboard changes the picture`, async (t) => {
        const { page, problems, foreign } = await h.open(t, `?scene=${scene}&lang=${lang}`);
        assert.deepEqual(problems, [], 'no console error or warning, no page error');
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en', 'page language');
        assert.equal(await page.evaluate(() => window.descent.scene), scene);
        await frames(page, 3);

        const ids = await chartIds(page);
        assert.ok(ids.length >= 1, `${scene} has charts (${ids})`);
        for (const id of ids) {
          assert.notEqual(id, '(no id)', 'every chart canvas has an id');
          const ink = await canvasInk(page, `#${id}`);
          assert.ok(ink.width > 0 && ink.height > 0 && ink.cssWidth > 0, `#${id} has a size (${JSON.stringify(ink)})`);
          assert.ok(ink.ink > 2_000, `#${id} is drawn (${ink.ink} non-white px)`);
        }
        await page.screenshot({ path: join(ARTIFACTS, `firefox-${scene}-${lang}.png`) });
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        assert.ok(widths[0] <= widths[1], `no horizontal overflow (scrollWidth ${widths[0]} > innerWidth ${widths[1]})`);

        // The scene's main control, by keyboard.
        const k = KEYBOARD[scene];
        const before = await state(page);
        const pictureBefore = await canvasHash(page, k.chart);
        if (k.from !== undefined) assert.equal(before[k.field], k.from, `${k.field} starts at ${k.from}`);
        await k.focus(page);
        for (let i = 0; i < k.presses; i += 1) await page.keyboard.press(k.key);
        await frames(page, 3);
        const after = await state(page);
        if (k.to !== undefined) assert.equal(after[k.field], k.to, `${k.key} moves ${k.field} to ${k.to}`);
        else assert.ok(after[k.field] > before[k.field], `${k.key} raises ${k.field} (${before[k.field]} → ${after[k.field]})`);
        assert.notEqual(await canvasHash(page, k.chart), pictureBefore, `${k.chart} changed`);

        assert.doesNotMatch(await page.evaluate(() => document.body.innerText), NON_FINITE);
        assert.deepEqual(problems, [], 'no console error or warning, no page error');
        assert.deepEqual(foreign, [], 'no request outside the page’s origin');
      });
    }
  }
});

describe('Firefox: a huge learning rate shows no NaN or Infinity', () => {
  /** Per scene: the address, and what to do so that the numbers blow up. */
  const HUGE = {
    loss: { query: '?scene=loss&w=50&b=-50', run: async () => {} },
    descent: {
      query: '?scene=descent&lr=1000&curve=bumpy',
      run: async (page) => {
        await focusBody(page);
        await page.keyboard.press(' ');
        await waitForState(page, (s) => s.steps > 0);
        await new Promise((done) => setTimeout(done, 1000));
        const s = await state(page);
        assert.ok(s.steps > 0, `it ran (${s.steps} steps)`);
        assert.ok(s.diverged, 'and diverged');
      },
    },
    backprop: {
      query: '?scene=backprop&lr=100',
      // η = 100, the field's maximum: the update takes b2 to 10.96, past the
      // ±10 of typed values; it is applied and shown, never thrown.
      run: async (page) => {
        const before = await state(page);
        await focusBody(page);
        await page.keyboard.press('U');
        await frames(page, 3);
        assert.notDeepEqual(await state(page), before, 'U applied the update');
      },
    },
    training: {
      query: '?scene=training&lr=10',
      run: async (page) => {
        await page.evaluate(() => window.descent.step(50));
        await frames(page, 3);
        const s = await state(page);
        assert.ok(s.epochs > 0, `it trained (${s.epochs} epochs)`);
        assert.ok(s.diverged, 'and diverged');
      },
    },
    compare: {
      query: '?scene=compare&landscape=bowl&runners=sgd:1000,adam:1000,momentum:1000',
      run: async (page) => {
        await page.evaluate(() => window.descent.step(100));
        await frames(page, 3);
        const s = await state(page);
        assert.ok(s.steps > 0, `it ran (${s.steps} steps)`);
        assert.ok(s.runners[0].diverged, 'and diverged');
      },
    },
  };
  for (const scene of SCENES) {
    for (const lang of LANGS) {
      test(`${scene} (${lang})`, async (t) => {
        const { page, problems, foreign } = await h.open(t, `${HUGE[scene].query}&lang=${lang}`);
        await HUGE[scene].run(page);
        await frames(page, 3);
        const text = await page.evaluate(() => document.body.innerText);
        assert.doesNotMatch(text, NON_FINITE);
        for (const id of await chartIds(page)) {
          assert.ok((await canvasInk(page, `#${id}`)).ink > 2_000, `#${id} is still drawn`);
        }
        assert.deepEqual(problems, []);
        assert.deepEqual(foreign, []);
      });
    }
  }
});
