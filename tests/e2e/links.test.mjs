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

  test('a bad progress value falls back to the start, with a notice', async (t) => {
    const { page } = await h.page(t, '?scene=descent&step=-4');
    assert.equal((await state(page)).steps, 0);
    assert.match(await page.locator('#notice').innerText(), /\bstep\b/);
  });
});
