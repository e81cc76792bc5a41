// End-to-end: links that keep their place. The address bar follows the
// view, and a link carries the run's progress (3.2's steps, 3.3's position
// in the backward walk, 3.4's epochs), so a reopened link shows the same
// picture, not step 0.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { harness, state } from './browser.mjs';

let h;
before(async () => {
  h = await harness();
});
after(async () => {
  await h?.close();
});

/** Per scene: the address, how to make progress, what must come back. */
const CASES = {
  descent: {
    query: '?scene=descent&curve=bumpy&lr=0.05&start=-1.5',
    advance: async (page) => {
      for (let i = 0; i < 7; i += 1) await page.locator('#descent-step').click();
    },
    field: 'step',
    progress: 'steps',
    same: (s) => [s.steps, s.w, s.loss, s.learningRate],
  },
  backprop: {
    query: '?scene=backprop&w1=0.7',
    advance: async (page) => {
      for (let i = 0; i < 3; i += 1) await page.locator('#backprop-step').click();
    },
    field: 'step',
    progress: 'revealed',
    same: (s) => [s.revealed, s.current, s.values.w1],
  },
  training: {
    query: '?scene=training&seed=7&threshold=off',
    advance: async (page) => {
      for (let i = 0; i < 5; i += 1) await page.locator('#training-step').click();
    },
    field: 'epoch',
    progress: 'epochs',
    same: (s) => [s.epochs, s.loss, s.console],
  },
};

describe('links that keep their place', () => {
  for (const [scene, spec] of Object.entries(CASES)) {
    test(`${scene}: the address follows the view and a reopened link shows the same progress`, async (t) => {
      const first = await h.page(t, spec.query);
      await spec.advance(first.page);
      const before = await state(first.page);
      // The address bar follows within about a second.
      const progress = before[spec.progress];
      assert.ok(progress > 0);
      await first.page.waitForFunction(([field, n]) => new URLSearchParams(location.search).get(field) === String(n), [spec.field, progress], { timeout: 5000 });
      const address = await first.page.evaluate(() => location.href);
      const params = new URL(address).searchParams;
      assert.equal(params.get('scene'), scene);
      assert.ok(Number(params.get(spec.field)) > 0, `${address} carries the progress`);

      const second = await h.page(t, address.slice(h.server.url.length));
      await second.page.waitForFunction(([key, n]) => window.descent.state()[key] === n, [spec.progress, progress]);
      assert.deepEqual(spec.same(await state(second.page)), spec.same(before));
      assert.equal(await second.page.locator('#notice').isVisible(), false, 'nothing refused');

      // Copy link carries the same.
      await second.page.getByRole('button', { name: 'Copy link' }).click();
      await second.page.locator('#copy-link[data-link]').waitFor({ state: 'attached' });
      const copied = new URL(await second.page.locator('#copy-link').getAttribute('data-link'));
      assert.equal(copied.searchParams.get(spec.field), params.get(spec.field));
    });
  }

  // η changed in the middle of a run: the link carries the earlier values
  // (`history=until:η,…`), so the reopened run takes its steps with them
  // and lands on the same numbers, not on a replay at today's η.
  const MID_RUN = {
    descent: { query: '?scene=descent&curve=bumpy&lr=0.02&start=-1.5', slider: '#descent-lr', button: '#descent-step', same: (s) => [s.steps, s.w, s.loss, s.learningRate] },
    training: { query: '?scene=training&seed=7&threshold=off', slider: '#training-lr', button: '#training-step', same: (s) => [s.epochs, s.loss, s.console] },
  };
  for (const [scene, spec] of Object.entries(MID_RUN)) {
    test(`${scene}: a link made after η changed mid-run replays each step at the η it used`, async (t) => {
      const first = await h.page(t, spec.query);
      const step = async (n) => {
        for (let i = 0; i < n; i += 1) await first.page.locator(spec.button).click();
      };
      const nudge = async (by) => {
        await first.page.locator(spec.slider).focus();
        for (let i = 0; i < Math.abs(by); i += 1) await first.page.keyboard.press(by > 0 ? 'ArrowRight' : 'ArrowLeft');
      };
      await step(3);
      await nudge(4);
      await step(2);
      await nudge(-7);
      await step(3);
      await nudge(2); // changed again after the last step: the next steps would use it
      const before = await state(first.page);
      // The address bar follows (within about a second) with the η history.
      await first.page.waitForFunction(() => (new URLSearchParams(location.search).get('history') ?? '').split(',').length === 3, null, { timeout: 5000 });
      const address = await first.page.evaluate(() => location.href);
      const history = new URL(address).searchParams.get('history');
      const second = await h.page(t, address.slice(h.server.url.length));
      await second.page.waitForFunction((n) => window.descent.state().steps === n || window.descent.state().epochs === n, before.steps ?? before.epochs);
      assert.deepEqual(spec.same(await state(second.page)), spec.same(before));
      assert.equal(await second.page.locator('#notice').isVisible(), false, 'nothing refused');
      // And the reopened page's own address carries the same history.
      await second.page.waitForFunction((h) => new URLSearchParams(location.search).get('history') === h, history, { timeout: 5000 });
    });
  }

  test('a history that does not fit its progress is refused, with a notice', async (t) => {
    for (const history of ['9:0.1', '2:0.1,2:0.2', '1:x', '1:0.1:3', '0:0.1']) {
      const { page } = await h.page(t, `?scene=descent&curve=bumpy&lr=0.05&step=5&history=${encodeURIComponent(history)}`);
      await page.waitForFunction(() => window.descent.state().steps === 5);
      assert.equal((await state(page)).learningRate, 0.05, `${history}: the steps use today's η`);
      assert.match(await page.locator('#notice').innerText(), /\bhistory\b/, history);
    }
  });

  test('a bad progress value falls back to the start, with a notice', async (t) => {
    const { page } = await h.page(t, '?scene=descent&step=-4');
    assert.equal((await state(page)).steps, 0);
    assert.match(await page.locator('#notice').innerText(), /\bstep\b/);
  });
});
