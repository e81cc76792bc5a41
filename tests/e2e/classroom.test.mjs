// End-to-end: what a teacher relies on in class, for all four scenes —
// accessibility (axe-core) in both languages and in projector mode, copied
// links that reopen the same view, embedding with hidden and locked
// controls, projector mode, the host-page hooks, downloads, and screenshots
// of each scene in Chinese on a projector and embedded in a course page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ARTIFACTS, NON_FINITE, canvasInk, expectText, frames, sharedHarness, state } from './browser.mjs';
import { STRINGS } from '../../www/i18n.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Per scene: a non-default address, a change made through the controls, the
 * state fields a copied link must reproduce, the controls to hide and lock
 * when embedded (with an element inside each), a text that projector mode
 * must enlarge, and the scene's first chart.
 */
const SCENES = {
  loss: {
    query: 'w=0.8&b=1.5&outlier=1',
    async change(page) {
      await page.locator('#loss-w').focus();
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
      await page.locator('#loss-outlier').uncheck();
    },
    changed: (s) => Math.abs(s.w - 0.83) < 1e-9 && s.outlier === false,
    keys: ['w', 'b', 'outlier', 'mse', 'mae', 'largestIndex'],
    hide: { fit: '#loss-best', outlier: '#loss-outlier' },
    lock: { w: '#loss-w', b: '#loss-b' },
    text: '.loss-effect',
    chart: '#loss-scatter',
  },
  descent: {
    query: 'curve=bumpy&lr=0.35&start=-0.8&speed=10',
    async change(page) {
      await page.locator('#descent-speed').focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('#descent-curve').selectOption('bowl');
    },
    changed: (s) => s.speed === 20 && s.curve === 'bowl',
    keys: ['curve', 'learningRate', 'w', 'speed', 'steps', 'regime'],
    hide: { speed: '#descent-speed', curve: '#descent-curve' },
    lock: { lr: '#descent-lr', reset: '#descent-reset' },
    text: '.regime-name',
    chart: '#descent-curve-canvas',
  },
  backprop: {
    query: 'x=1.5&y=0.2&w1=0.7&b2=-0.4&lr=0.5',
    async change(page) {
      await page.locator('#backprop-w2').fill('-1.3');
      await page.locator('#backprop-lr').fill('2.5');
    },
    changed: (s) => s.values.w2 === -1.3 && s.learningRate === 2.5,
    keys: ['values', 'gradients', 'learningRate', 'revealed', 'hasUpdate'],
    hide: { example: '#backprop-new', update: '#backprop-apply' },
    lock: { step: '#backprop-step', values: '#backprop-x' },
    text: '.backprop-progress',
    chart: '#backprop-canvas',
  },
  training: {
    query: 'seed=7&lr=0.02&speed=5&threshold=0.9',
    async change(page) {
      await page.locator('#training-lr').focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('#training-threshold').selectOption('1');
      await page.locator('#training-speed').focus();
      await page.keyboard.press('ArrowLeft');
    },
    changed: (s) => s.learningRate === 0.03 && s.threshold === 1 && s.speed === 2,
    keys: ['seed', 'learningRate', 'threshold', 'speed', 'epochs', 'loss', 'diverged'],
    hide: { seed: '#training-seed', threshold: '#training-threshold' },
    lock: { lr: '#training-lr', reset: '#training-reset' },
    text: '.regime-name',
    chart: '#training-fit-canvas',
  },
};

const h = sharedHarness();

const isPresent = (page) => page.evaluate(() => document.documentElement.classList.contains('present'));

describe('classroom: every scene', () => {
  test('accessibility: no axe-core violations in both languages, in projector mode and embedded', async (t) => {
    const axe = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    const views = [
      ['en', ''],
      ['zh', ''],
      ['zh', '&present=1'],
      ['en', '&embed=1', { width: 800, height: 600 }],
    ];
    for (const scene of Object.keys(SCENES)) {
      for (const [lang, extra, size] of views) {
        const { page, context } = await h.page(t, `?scene=${scene}&lang=${lang}${extra}`, size);
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(summary, [], `${scene} in ${lang}${extra}`);
        await context.close(); // sixteen pages: none kept open once done
      }
    }
  });

  test('a copied link reopens exactly the same view, after changes made in the page', async (t) => {
    for (const [scene, spec] of Object.entries(SCENES)) {
      const first = await h.page(t, `?scene=${scene}&${spec.query}&lang=zh`);
      await spec.change(first.page);
      await frames(first.page, 2);
      const before = await state(first.page);
      assert.ok(spec.changed(before), `${scene}: the change took (${JSON.stringify(before).slice(0, 300)})`);
      await first.page.getByRole('button', { name: '复制链接' }).click();
      await first.page.locator('#copy-link[data-link]').waitFor({ state: 'attached' });
      const link = await first.page.locator('#copy-link').getAttribute('data-link');
      assert.ok(link.startsWith(h.server.url), link);
      assert.equal(new URL(link).searchParams.get('scene'), scene);
      const second = await h.page(t, link.slice(h.server.url.length));
      const after = await state(second.page);
      for (const key of spec.keys) assert.deepEqual(after[key], before[key], `${scene}: ${key}`);
      assert.equal(await second.page.evaluate(() => document.documentElement.lang), 'zh-CN');
      assert.equal(await second.page.locator('#notice').isVisible(), false, `${scene}: nothing refused`);
      // Eight pages in all: none kept open once done.
      await first.context.close();
      await second.context.close();
    }
  });

  test('embedded with ?hide= and ?lock=: no page chrome, named controls hidden or disabled', async (t) => {
    for (const [scene, spec] of Object.entries(SCENES)) {
      const hide = Object.keys(spec.hide).join(',');
      const lock = Object.keys(spec.lock).join(',');
      const { page } = await h.page(t, `?scene=${scene}&embed=1&hide=${hide}&lock=${lock}`, { width: 800, height: 600 });
      assert.equal(await page.locator('header.top').isVisible(), false, `${scene}: header hidden`);
      assert.equal(await page.locator('#scene-tools').isVisible(), false, `${scene}: downloads hidden`);
      for (const [name, selector] of Object.entries(spec.hide)) {
        assert.equal(await page.locator(`[data-control="${name}"]`).count() > 0, true, `${scene}: a control named ${name}`);
        assert.equal(await page.locator(selector).isVisible(), false, `${scene}: ${name} hidden`);
      }
      for (const [name, selector] of Object.entries(spec.lock)) {
        assert.equal(await page.locator(`[data-control="${name}"]`).count() > 0, true, `${scene}: a control named ${name}`);
        assert.equal(await page.locator(selector).isDisabled(), true, `${scene}: ${name} locked`);
      }
    }
  });

  test('locked controls stay locked, and their keys do nothing', async (t) => {
    // 3.3: the scene enables and disables its step buttons as the walk moves.
    const bp = await h.page(t, '?scene=backprop&lock=step,update');
    await bp.page.locator('body').press('ArrowRight');
    assert.equal((await state(bp.page)).revealed, 0, 'ArrowRight: no step');
    await bp.page.getByRole('button', { name: 'Show all' }).click();
    await bp.page.getByRole('button', { name: 'Back one step' }).click();
    await frames(bp.page, 2);
    assert.equal(await bp.page.locator('#backprop-step').isDisabled(), true, 'step still locked');
    await bp.page.locator('#backprop-lr').fill('3');
    await frames(bp.page, 2);
    assert.equal(await bp.page.locator('#backprop-apply').isDisabled(), true, 'update still locked');
    await bp.page.evaluate(() => document.activeElement.blur());
    await bp.page.locator('body').press('u');
    assert.equal((await state(bp.page)).hasUpdate, false, 'U: no update');

    // 3.4: R does not reset when reset is locked; Space does not play when play is hidden.
    const loop = await h.page(t, '?scene=training&lock=reset&hide=play');
    await loop.page.getByRole('button', { name: 'Step', exact: true }).click();
    await loop.page.evaluate(() => document.activeElement.blur());
    await loop.page.locator('body').press('r');
    await loop.page.locator('body').press(' ');
    await frames(loop.page, 2);
    const s = await state(loop.page);
    assert.equal(s.epochs, 1, 'R: no reset');
    assert.equal(s.playing, false, 'Space: no play');

    // 3.1: a locked slope freezes the line against dragging too.
    const loss = await h.page(t, '?scene=loss&lock=w');
    const before = await state(loss.page);
    const box = await loss.page.locator('#loss-scatter').boundingBox();
    const [hx, hy] = before.handles[1];
    await loss.page.mouse.move(box.x + hx, box.y + hy);
    await loss.page.mouse.down();
    await loss.page.mouse.move(box.x + hx, box.y + hy - 60, { steps: 4 });
    await loss.page.mouse.up();
    const after = await state(loss.page);
    assert.deepEqual([after.w, after.b], [before.w, before.b]);
  });

  test('each scene answers one of the chapter\'s thought questions, in both languages', async (t) => {
    // The chapter's three questions: why gradients, too large or small η, the chain rule.
    const asked = { loss: 'loss_question', descent: 'descent_question', backprop: 'backprop_question', training: 'training_question' };
    const answers = { loss: 'loss_answer', descent: 'descent_answer', backprop: 'backprop_answer', training: 'training_answer' };
    const seen = new Set();
    for (const lang of ['en', 'zh']) {
      for (const scene of Object.keys(SCENES)) {
        const { page, context } = await h.page(t, `?scene=${scene}&lang=${lang}`);
        const details = page.locator('details.question');
        assert.equal(await details.count(), 1, `${scene}: one question`);
        const summary = details.locator('summary');
        assert.equal(await summary.innerText(), STRINGS[lang][asked[scene]], `${scene}: the chapter's question`);
        assert.equal(await details.locator('p').isVisible(), false, 'folded until asked');
        await summary.click();
        const answer = await details.locator('p').innerText();
        // The loop's answer counts this network's own parameters: 31 of them, 10³¹ guesses.
        const expected = STRINGS[lang][answers[scene]].replace('{n}', '31').replace('{power}', '³¹');
        assert.equal(answer, expected, `${scene} (${lang})`);
        seen.add(STRINGS.en[asked[scene]]);
        await context.close(); // eight pages: none kept open once done
      }
    }
    assert.equal(seen.size, 3, 'all three of the chapter\'s questions are answered');
  });

  test('projector mode: larger text and thicker lines; the P key toggles it in every scene', async (t) => {
    for (const [scene, spec] of Object.entries(SCENES)) {
      const { page } = await h.page(t, `?scene=${scene}`);
      const size = () => page.evaluate((selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize), spec.text);
      const heading = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.scene h1')).fontSize));
      const normal = { text: await size(), heading: await heading(), ink: (await canvasInk(page, spec.chart)).ink };
      await page.getByRole('button', { name: 'Projector' }).click();
      await frames(page, 3);
      assert.equal(await isPresent(page), true, scene);
      assert.ok((await size()) > normal.text * 1.1, `${scene}: larger text`);
      assert.ok((await heading()) > normal.heading * 1.1, `${scene}: larger heading`);
      assert.ok((await canvasInk(page, spec.chart)).ink > normal.ink * 1.1, `${scene}: thicker lines`);
      // P toggles it back, whichever scene handles keys of its own.
      await page.locator('body').press('p');
      assert.equal(await isPresent(page), false, `${scene}: P leaves`);
      await page.locator('body').press('P');
      assert.equal(await isPresent(page), true, `${scene}: P enters`);
      assert.equal(await page.locator('#present-toggle').getAttribute('aria-pressed'), 'true');
    }
  });

  test('host-page hooks: apply(), onChange(), settings() and charts()', async (t) => {
    // 3.4: η, play and reset from a host; listeners hear each epoch.
    const loop = await h.page(t, '?scene=training&speed=50');
    await loop.page.evaluate(() => {
      window.heard = [];
      window.descent.onChange((s) => window.heard.push(s.epochs));
      window.descent.apply({ learningRate: 0.03, playing: true });
    });
    await loop.page.waitForFunction(() => window.descent.state().epochs >= 5);
    let s = await state(loop.page);
    assert.equal(s.learningRate, 0.03);
    assert.ok((await loop.page.evaluate(() => window.heard.length)) > 0, 'listeners called');
    await expectText(loop.page, '#training-lr-value', /^η = 0\.03$/);
    await loop.page.evaluate(() => window.descent.apply({ playing: false, reset: true, learningRate: 'a lot' }));
    s = await state(loop.page);
    assert.deepEqual([s.epochs, s.playing, s.learningRate], [0, false, 0.03]);
    assert.deepEqual(await loop.page.evaluate(() => window.descent.settings()), { seed: 42, lr: 0.03, speed: 50, threshold: 0.8 });
    assert.equal(await loop.page.evaluate(() => window.descent.charts().length), 2);

    // 3.3: η and reset (back to the address's values).
    const bp = await h.page(t, '?scene=backprop&w1=0.5');
    await bp.page.evaluate(() => {
      window.heard = 0;
      window.descent.onChange(() => { window.heard += 1; });
      window.descent.apply({ learningRate: 3 });
    });
    await bp.page.getByRole('button', { name: /Apply update/ }).click();
    await frames(bp.page, 2);
    s = await state(bp.page);
    assert.equal(s.learningRate, 3);
    assert.equal(s.hasUpdate, true);
    assert.notEqual(s.values.w1, 0.5);
    assert.ok((await bp.page.evaluate(() => window.heard)) > 0, 'listeners called');
    await bp.page.evaluate(() => window.descent.apply({ reset: true }));
    await frames(bp.page, 2);
    s = await state(bp.page);
    assert.deepEqual([s.values.w1, s.hasUpdate], [0.5, false]);

    // 3.1: reset returns to the opened line.
    const loss = await h.page(t, '?scene=loss&w=1&b=2');
    await loss.page.getByRole('button', { name: /best fit/i }).click();
    assert.notEqual((await state(loss.page)).w, 1);
    await loss.page.evaluate(() => window.descent.apply({ reset: true }));
    s = await state(loss.page);
    assert.deepEqual([s.w, s.b], [1, 2]);
    assert.deepEqual(await loss.page.evaluate(() => window.descent.settings()), { w: 1, b: 2, outlier: false });
  });

  test('3.4 downloads: the CSV matches the run, the PNG holds both charts', async (t) => {
    // No threshold, so the long run below is not cut short.
    const { page } = await h.page(t, '?scene=training&threshold=off');
    for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.evaluate(() => window.descent.step(35));
    await frames(page, 2);
    const download = async (name) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return readFile(await file.path());
    };
    let s = await state(page);
    let rows = (await download('Save loss history (CSV)')).toString('utf8').trim().split('\n');
    assert.equal(rows[0], 'step,loss,min,max');
    assert.equal(rows.length - 1, s.epochs, 'one row per epoch recorded');
    const losses = rows.slice(1).map((row, k) => {
      const [step, loss, min, max] = row.split(',').map(Number);
      assert.deepEqual([step, min, max], [k, loss, loss], row);
      return loss;
    });
    // The chapter's console lines print the same losses: epoch N is row N − 1.
    assert.ok(s.console.length > 0);
    for (const line of s.console) {
      const [, n, printed] = line.match(/^Epoch (\d+), Loss: ([\d.]+)$/);
      assert.equal(losses[n - 1].toFixed(4), printed, line);
    }
    assert.equal(Number(rows.at(-1).split(',')[1]), s.loss, 'the last row is the current loss');

    // A long run keeps fewer rows, each covering several epochs.
    await page.evaluate(() => window.descent.step(3000));
    await frames(page, 2);
    s = await state(page);
    rows = (await download('Save loss history (CSV)')).toString('utf8').trim().split('\n');
    assert.equal(s.epochs, 3040);
    assert.ok(rows.length - 1 < s.epochs && rows.length > 100, `${rows.length} rows`);
    const last = rows.at(-1).split(',').map(Number);
    assert.equal(last[0], s.epochs - 1);
    assert.equal(last[1], s.loss);
    for (const row of rows.slice(1)) {
      const [, loss, min, max] = row.split(',').map(Number);
      assert.ok(min <= loss && loss <= max, row);
    }
    assert.doesNotMatch(rows.join('\n'), NON_FINITE);

    const png = await download('Save charts (PNG)');
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    const canvases = await page.evaluate(() => window.descent.charts().reduce((w, c) => w + c.width, 0));
    assert.ok(png.readUInt32BE(16) >= canvases, 'both charts side by side');
  });

  test('screenshots: each scene in Chinese on a projector, and embedded', async (t) => {
    for (const scene of Object.keys(SCENES)) {
      const zh = await h.page(t, `?scene=${scene}&lang=zh&present=1`, { width: 1280, height: 720 });
      await frames(zh.page, 3);
      assert.doesNotMatch(await zh.page.locator('body').innerText(), NON_FINITE);
      await zh.page.screenshot({ path: join(ARTIFACTS, `${scene}-zh-present-1280x720.png`) });
      await zh.context.close(); // eight pages: none kept open once done

      const embedded = await h.page(t, `?scene=${scene}&embed=1`, { width: 800, height: 600 });
      await frames(embedded.page, 3);
      const overflow = await embedded.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${scene}: no sideways scrolling when embedded (${overflow}px)`);
      await embedded.page.screenshot({ path: join(ARTIFACTS, `${scene}-embed-800x600.png`) });
      await embedded.context.close();
    }
  });
});
