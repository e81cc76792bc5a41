// Firefox ESR: comparing runs, in English and in Chinese — each preset
// clicked shows its lesson, a click on the sweep sets the run's η, and a
// typed formula (good, then bad) behaves as in Chromium
// (tests/e2e/compare.test.mjs holds the fuller checks).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LANGS, NON_FINITE, frames, harness, state } from './firefox.mjs';

let h;
before(async () => {
  h = await harness();
});
after(async () => {
  await h?.close();
});

/** Takes `n` steps through the kit and waits for the picture. */
async function steps(page, n) {
  await page.evaluate((n) => window.descent.step(n), n);
  await frames(page, 3);
  return state(page);
}

function clean({ problems, foreign }) {
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
}

describe('comparing runs in Firefox', () => {
  for (const lang of LANGS) {
    test(`the three presets, clicked, show their lessons (${lang})`, async (t) => {
      const opened = await h.open(t, `?scene=compare&lang=${lang}`);
      const { page } = opened;

      await page.click('#compare-preset-table');
      let s = await steps(page, 200);
      const regimes = s.runners.map((r) => r.regime);
      assert.equal(new Set(regimes).size, 3, `the table: ${regimes}`);
      assert.equal(regimes[0], 'too_slow');
      const rows = await page.$$eval('.runner:not([hidden]) .runner-regime', (nodes) => nodes.map((n) => n.textContent));
      assert.equal(new Set(rows).size, 3, `the rows say so: ${rows}`);

      await page.click('#compare-preset-optimizers');
      s = await steps(page, 400);
      const ends = s.runners.map((r) => r.w);
      assert.ok(ends[1] < -1 && ends[2] < -1 && ends[0] > 1 && ends[3] > 1, `momentum and Nesterov cross, SGD and Adam stay: ${ends}`);

      await page.click('#compare-preset-ravine');
      s = await steps(page, 100);
      assert.equal(s.landscape, 'line-mse');
      const best = 1.0356739113518192;
      const [sgd, momentum] = s.runners;
      assert.ok(Math.abs(sgd.b - best) > 2 * Math.abs(momentum.b - best), `SGD b ${sgd.b}, momentum b ${momentum.b}`);

      assert.doesNotMatch(await page.evaluate(() => document.body.innerText), NON_FINITE);
      clean(opened);
    });

    test(`a click on the sweep sets the η; a typed formula, then a bad one (${lang})`, async (t) => {
      const opened = await h.open(t, `?scene=compare&landscape=bowl&lang=${lang}`);
      const { page } = opened;
      const target = 0.05;
      const x = await page.evaluate((eta) => window.descent.sweepX(eta), target);
      await page.evaluate(() => document.getElementById('compare-sweep-canvas').scrollIntoView({ block: 'center' }));
      const box = await (await page.$('#compare-sweep-canvas')).boundingBox();
      await page.mouse.click(box.x + x, box.y + box.height / 2);
      await frames(page, 3);
      const eta = (await state(page)).runners[0].learningRate;
      assert.ok(Math.abs(eta / target - 1) < 0.03, `clicked η ${eta}`);

      await page.select('#compare-landscape', 'formula');
      const type = async (text) => {
        await page.evaluate(() => { document.getElementById('compare-formula').value = ''; });
        await page.type('#compare-formula', text);
        await page.keyboard.press('Enter');
        await frames(page, 3);
      };
      await type('(w-1)^2 + 0.5');
      let s = await state(page);
      assert.equal(s.formula, '(w-1)^2 + 0.5');
      assert.ok(Math.abs(s.criticalLearningRate - 1) < 1e-9, 'η* of (w−1)² is 1');
      await type('w^2 + 2w');
      s = await state(page);
      assert.equal(s.formula, '(w-1)^2 + 0.5', 'the last good formula stays');
      const message = await page.$eval('#compare-formula-error .message', (n) => n.textContent);
      assert.match(message, lang === 'en' ? /character 8/ : /第 8 个字符/, message);
      clean(opened);
    });
  }
});
