// End-to-end: comparing runs in headless Chromium, against the release build
// in dist/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NON_FINITE, canvasHash, canvasInk, expectText, frames, sharedHarness, state } from './browser.mjs';

const h = sharedHarness();

/** Takes `n` steps through the kit and waits for the picture. */
async function steps(page, n) {
  await page.evaluate((n) => window.descent.step(n), n);
  await frames(page, 3);
  return state(page);
}

/** Applies a formula by typing it and pressing Enter. */
async function typeFormula(page, text) {
  await page.locator('#compare-landscape').selectOption('formula');
  const box = page.locator('#compare-formula');
  await box.fill(text);
  await box.press('Enter');
  await frames(page, 3);
}

describe('comparing runs', () => {
  test('loads cleanly and draws the runs, the loss lines and the sweep', async (t) => {
    const { page } = await h.page(t, '?scene=compare');
    const s = await steps(page, 20);
    assert.equal(s.landscape, 'bumpy');
    assert.equal(s.runners.length, 1);
    for (const chart of ['#compare-map-canvas', '#compare-loss-canvas', '#compare-sweep-canvas']) {
      const ink = await canvasInk(page, chart);
      assert.ok(ink.ink > 3000, `${chart} has ink (${ink.ink})`);
    }
    assert.equal(s.sweep.rates.length, 200);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('the table: three learning rates, three different regimes', async (t) => {
    for (const landscape of ['bumpy', 'data-mse', 'bowl', 'round-bowl']) {
      const { page } = await h.page(t, `?scene=compare&landscape=${landscape}&preset=table`);
      const s = await steps(page, 200);
      const regimes = s.runners.map((r) => r.regime);
      assert.equal(new Set(regimes).size, 3, `${landscape}: ${regimes}`);
      assert.equal(regimes[0], 'too_slow', landscape);
      assert.ok(['diverging', 'bouncing'].includes(regimes[2]), `${landscape}: ${regimes}`);
      const rows = await page.locator('.runner:not([hidden]) .runner-regime').allInnerTexts();
      assert.equal(new Set(rows).size, 3, `${landscape}: the rows say so (${rows})`);
    }
  });

  test('the ravine: after 100 steps SGD is farther from the best b than momentum', async (t) => {
    const { page } = await h.page(t, '?scene=compare&preset=ravine');
    const s = await steps(page, 100);
    assert.equal(s.landscape, 'line-mse');
    const [sgd, momentum, adam] = s.runners;
    assert.deepEqual([sgd.kind, momentum.kind, adam.kind], ['sgd', 'momentum', 'adam']);
    const best = 1.0356739113518192;
    assert.ok(Math.abs(sgd.b - best) > 2 * Math.abs(momentum.b - best), `SGD b ${sgd.b}, momentum b ${momentum.b}`);
    assert.ok(Math.abs(sgd.b - best) > Math.abs(adam.b - best), `SGD b ${sgd.b}, Adam b ${adam.b}`);
  });

  test('the optimizers on bumpy ground: momentum and Nesterov leave the shallow pit', async (t) => {
    const { page } = await h.page(t, '?scene=compare&preset=optimizers');
    const s = await steps(page, 400);
    const ends = s.runners.map((r) => r.w);
    assert.ok(ends[0] > 1 && ends[3] > 1, `SGD and Adam stay right: ${ends}`);
    assert.ok(ends[1] < -1 && ends[2] < -1, `momentum and Nesterov cross: ${ends}`);
    assert.deepEqual(s.leaderboard.slice(2).sort(), [0, 3]);
    const board = await page.locator('#compare-board li').allInnerTexts();
    assert.equal(board.length, 4);
  });

  test('the sweep falls off its cliff at η* within one sample, and a click sets the η', async (t) => {
    for (const landscape of ['bowl', 'data-mse', 'round-bowl']) {
      const { page } = await h.page(t, `?scene=compare&landscape=${landscape}`);
      const s = await state(page);
      const { rates, cliff } = s.sweep;
      const i = rates.indexOf(cliff);
      assert.ok(i > 0, `${landscape}: a cliff (${cliff})`);
      const critical = s.criticalLearningRate;
      assert.ok(rates[i - 1] <= critical * 1.0001 && cliff <= critical * (rates[1] / rates[0]) ** 1.0001, `${landscape}: cliff ${cliff}, η* ${critical}`);
    }
    const { page } = await h.page(t, '?scene=compare&landscape=bowl');
    const target = 0.05;
    const x = await page.evaluate((eta) => window.descent.sweepX(eta), target);
    await page.locator('#compare-sweep-canvas').scrollIntoViewIfNeeded();
    const box = await page.locator('#compare-sweep-canvas').boundingBox();
    await page.mouse.click(box.x + x, box.y + box.height / 2);
    await frames(page, 3);
    const eta = (await state(page)).runners[0].learningRate;
    assert.ok(Math.abs(eta / target - 1) < 0.03, `clicked η ${eta}`);
    await expectText(page, '#compare-lr-value-0', /η = 0\.0(49|5)/);
  });

  test('a formula typed in English and in Chinese; a bad one shows where and keeps the curve', async (t) => {
    for (const lang of ['en', 'zh']) {
      const { page } = await h.page(t, `?scene=compare&lang=${lang}`);
      await typeFormula(page, '(w-1)^2 + 0.5');
      let s = await state(page);
      assert.equal(s.landscape, 'formula', lang);
      assert.equal(s.formula, '(w-1)^2 + 0.5');
      assert.ok(Math.abs(s.criticalLearningRate - 1) < 1e-9, `${lang}: η* of (w−1)² is 1`);
      await typeFormula(page, 'w^2 + 2w');
      s = await state(page);
      assert.equal(s.formula, '(w-1)^2 + 0.5', `${lang}: the last good formula stays`);
      const error = page.locator('#compare-formula-error');
      await error.waitFor({ state: 'visible' });
      const message = await error.locator('.message').innerText();
      assert.match(message, lang === 'en' ? /character 8/ : /第 8 个字符/, message);
      assert.equal(await error.locator('mark').innerText(), 'w');
      assert.equal(await page.locator('#compare-formula').getAttribute('aria-invalid'), 'true');
      await typeFormula(page, 'w^2 + b^2');
      s = await state(page);
      assert.equal(s.dims, 2, `${lang}: a surface`);
      assert.ok(await error.isHidden());
      // The formula travels in the link.
      const link = await page.evaluate(() => new URLSearchParams(window.descent.link()).get('formula'));
      assert.equal(link, 'w^2 + b^2');
    }
    const { page } = await h.page(t, `?scene=compare&landscape=formula&formula=${encodeURIComponent('sin(3*w) + w^2')}`);
    assert.equal((await state(page)).formula, 'sin(3*w) + w^2');
  });

  test('hostile text in the formula is inert', async (t) => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { page, problems } = await h.page(t, `?scene=compare&landscape=formula&formula=${encodeURIComponent(hostile)}`);
    await typeFormula(page, hostile);
    assert.equal(await page.locator('#scene img').count(), 0, 'no element made from the text');
    const echo = await page.locator('#compare-formula-error .formula-echo').innerText();
    assert.equal(echo.trim(), hostile);
    await frames(page, 5);
    assert.deepEqual(problems.filter((p) => p.startsWith('dialog')), []);
    assert.equal((await state(page)).landscape, 'bumpy');
  });

  test('the contour map is drawn and each path lies on it', async (t) => {
    const { page } = await h.page(t, '?scene=compare&landscape=round-bowl&runners=sgd:0.1,adam:0.1');
    const before = await canvasHash(page, '#compare-map-canvas');
    // The map's colours differ across it: sample the background layer.
    const spread = await page.evaluate(() => {
      const back = document.querySelector('#compare-map-canvas').parentElement.querySelector('.chart-back');
      const context = back.getContext('2d');
      const row = context.getImageData(0, Math.round(back.height / 2), back.width, 1).data;
      const colours = new Set();
      for (let k = 1; k < 10; k += 1) {
        const i = 4 * Math.round((back.width * k) / 10);
        colours.add(`${row[i]},${row[i + 1]},${row[i + 2]}`);
      }
      return colours.size;
    });
    assert.ok(spread >= 5, `${spread} colours across the map`);
    await steps(page, 30);
    assert.notEqual(await canvasHash(page, '#compare-map-canvas'), before, 'the paths moved');
    const box = await page.locator('#compare-map-canvas').boundingBox();
    for (const i of [0, 1]) {
      const { x, y } = await page.evaluate((i) => window.descent.runnerPixel(i), i);
      assert.ok(x > 0 && y > 0 && x < box.width && y < box.height, `run ${i} at (${x}, ${y}) on the map`);
    }
    // Clicking the map moves the shared start to the point under the pointer.
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await frames(page, 2);
    const s = await state(page);
    assert.ok(s.start.w < 0 && s.start.b > 0, `start (${s.start.w}, ${s.start.b})`);
    assert.ok(s.runners.every((r) => r.steps === 0));
  });

  test('a huge η says diverging, never NaN', async (t) => {
    const { page } = await h.page(t, '?scene=compare&landscape=bowl&runners=sgd:1000,adam:1000');
    const s = await steps(page, 300);
    assert.equal(s.runners[0].regime, 'diverging');
    assert.ok(s.runners[0].diverged);
    await expectText(page, '#compare-regime-0', /Diverging/);
    await expectText(page, '#compare-board', /flew off/);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('runs are added up to four and removed; the link carries them', async (t) => {
    const { page } = await h.page(t, '?scene=compare&landscape=bowl');
    for (let i = 0; i < 5; i += 1) if (await page.locator('#compare-add').isEnabled()) await page.locator('#compare-add').click();
    let s = await state(page);
    assert.equal(s.runners.length, 4);
    assert.ok(await page.locator('#compare-add').isDisabled());
    await page.locator('#compare-kind-3').selectOption('rmsprop');
    await page.locator('#compare-remove-1').click();
    s = await state(page);
    assert.deepEqual(s.runners.map((r) => r.kind), ['sgd', 'adam', 'rmsprop']);
    const runners = await page.evaluate(() => new URLSearchParams(window.descent.link()).get('runners'));
    assert.match(runners, /^sgd:[\d.]+,adam:[\d.]+,rmsprop:[\d.]+$/);
    const again = await h.page(t, `?scene=compare&landscape=bowl&runners=${runners}`);
    assert.deepEqual((await state(again.page)).runners.map((r) => r.kind), ['sgd', 'adam', 'rmsprop']);
  });

  test('the host sets run 1’s learning rate', async (t) => {
    const { page } = await h.page(t, '?scene=compare&landscape=bowl');
    const problems = await page.evaluate(() => window.descent.apply({ learningRate: 0.25 }));
    assert.deepEqual(problems, []);
    await frames(page, 2);
    assert.equal((await state(page)).runners[0].learningRate, 0.25);
  });

  test('the network sweep runs across frames with a progress note', async (t) => {
    const { page } = await h.page(t, '?scene=compare');
    const stop = await page.evaluateHandle(() => window.descent.timeFrames());
    // Every frame's progress, from the change on: the sweep is spread over frames.
    const seen = await page.evaluate(async () => {
      const select = document.querySelector('#compare-sweep-of');
      select.value = 'network';
      select.dispatchEvent(new Event('change'));
      const out = [];
      const notes = new Set();
      for (let k = 0; k < 600; k += 1) {
        await new Promise((done) => requestAnimationFrame(done));
        const [done, total] = window.descent.state().network.progress;
        out.push(done);
        notes.add(document.querySelector('#compare-sweep-note').textContent);
        if (total > 0 && done >= total) break;
      }
      return { out, notes: [...notes] };
    });
    const times = await stop.evaluate((f) => f());
    const partial = new Set(seen.out.filter((d) => d > 0 && d < 200));
    assert.ok(partial.size >= 3, `spread over frames: ${seen.out.join(' ')}`);
    assert.equal(seen.out.at(-1), 200);
    assert.ok(seen.notes.some((n) => /Training the network once per η: \d+ of 200/.test(n)), seen.notes.join(' | '));
    // Each frame takes a few η, within a budget (timings are in BENCHMARKS.md;
    // on a loaded machine a frame may still be slow, so only the spread is checked).
    assert.ok(times.length >= 3, `${times.length} frames timed`);
    await frames(page, 3);
    const s = await state(page);
    assert.ok(s.network.cliff > 0.01 && s.network.cliff < 1, `network cliff ${s.network.cliff}`);
    await expectText(page, '#compare-sweep-note', /training diverges/);
  });

  test('the pictures drawn as the runs go equal the pictures drawn at once', async (t) => {
    // The loss lines settle on the background a stretch at a time, and the
    // map's front is left alone while no run moves by a pixel; a language
    // switch redraws both whole. The pixels must agree.
    const { page } = await h.page(t, '?scene=compare&landscape=two-pits&runners=sgd:0.003,momentum:0.01,adam:0.05,rmsprop:0.01&speed=1000', { scale: 2 });
    await page.evaluate(() => window.descent.play(true));
    await page.waitForFunction(() => window.descent.state().steps > 3000);
    await page.evaluate(() => window.descent.play(false));
    await frames(page, 3);
    // Each chart's background and front, composed; the pictures stay in the page.
    const snapshot = () => page.evaluate(() => {
      for (const id of ['compare-map-canvas', 'compare-loss-canvas']) {
        const front = document.getElementById(id);
        const copy = document.createElement('canvas');
        [copy.width, copy.height] = [front.width, front.height];
        const context = copy.getContext('2d', { willReadFrequently: true });
        const back = front.parentElement.querySelector('.chart-back');
        context.drawImage(back, 0, 0);
        const plain = context.getImageData(0, 0, copy.width, copy.height).data;
        context.drawImage(front, 0, 0);
        ((window.__snapshots ||= {})[id] ||= []).push({ plain, both: context.getImageData(0, 0, copy.width, copy.height).data });
      }
    });
    await snapshot();
    await page.evaluate(() => window.descent.relabel());
    await frames(page, 3);
    await snapshot();
    const counts = await page.evaluate(() => Object.fromEntries(Object.entries(window.__snapshots).map(([id, [asRun, atOnce]]) => {
      const gap = (a, b, i) => Math.max(...[0, 1, 2].map((c) => Math.abs(a[i + c] - b[i + c])));
      let ink = 0;
      let differ = 0;
      for (let i = 0; i < atOnce.both.length; i += 4) {
        // What the runs add: on the map the front (paths, markers); on the
        // loss plot, whose settled lines are on the background, the
        // coloured pixels (the axes and words are grey).
        const p = atOnce.both;
        const coloured = Math.max(p[i], p[i + 1], p[i + 2]) - Math.min(p[i], p[i + 1], p[i + 2]) > 60;
        if (id === 'compare-loss-canvas' ? coloured : gap(atOnce.both, atOnce.plain, i) > 40) ink += 1;
        if (gap(atOnce.both, asRun.both, i) > 40) differ += 1;
      }
      return [id, { ink, differ }];
    })));
    for (const [id, { ink, differ }] of Object.entries(counts)) {
      assert.ok(ink > 1_000, `${id}: the runs are drawn (${ink} px)`);
      assert.ok(differ < ink * 0.02, `${id}: ${differ} of ${ink} pixels differ`);
    }
  });
});
