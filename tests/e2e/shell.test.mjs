// End-to-end: what the page shell gives every scene — shareable links,
// hostile addresses, embedding with postMessage, projector mode, downloads,
// serving from a sub-path, accessibility (axe-core) and no foreign requests.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ARTIFACTS, DIST, NON_FINITE, canvasInk, expectNotice, frames, harness, launch, sharedHarness, state } from './browser.mjs';
import { serve } from './server.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

const h = sharedHarness();

describe('page shell', () => {
  test('a copied link reopens exactly the same view', async (t) => {
    const query = '?scene=descent&curve=bumpy&lr=0.35&start=-0.8&speed=10&lang=zh&present=1';
    const first = await h.page(t, query);
    await first.page.getByRole('button', { name: '复制链接' }).click();
    const link = await first.page.locator('#copy-link').getAttribute('data-link');
    assert.ok(link.startsWith(h.server.url), link);
    const before = await state(first.page);
    const second = await h.page(t, link.slice(h.server.url.length));
    const after = await state(second.page);
    for (const key of ['curve', 'learningRate', 'w', 'speed', 'steps', 'regime']) assert.equal(after[key], before[key], key);
    assert.equal(await second.page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await second.page.evaluate(() => document.documentElement.classList.contains('present')), true);
  });

  test('the navigation goes from scene to scene, keeping language and projector mode', async (t) => {
    const { page } = await h.page(t, '?scene=loss&lang=zh&present=1');
    const headings = { descent: '#descent-heading', backprop: '#backprop-heading', training: '#training-heading', loss: '#loss-heading' };
    for (const [scene, heading] of Object.entries(headings)) {
      await page.locator(`.scenes a[data-scene="${scene}"]`).click();
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('scene'), scene);
      assert.equal(url.searchParams.get('lang'), 'zh');
      assert.ok(await page.locator(heading).isVisible(), `${scene}: its heading is shown`);
      assert.equal(await page.locator(`.scenes a[data-scene="${scene}"]`).getAttribute('aria-current'), 'page');
      assert.equal(await page.locator('.scenes a[aria-current]').count(), 1);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('present')), true);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    }
  });

  test('hostile addresses fall back with a notice and inject nothing, on every scene', async (t) => {
    const attacks = ['<script>window.hacked=1</script>', '"><img src=x onerror="window.hacked=1">', 'abc', '-1', '1e999', 'NaN'];
    const shellNames = ['lang', 'present', 'embed', 'hide', 'lock'];
    const sceneNames = {
      loss: ['w', 'b', 'outlier'],
      descent: ['curve', 'lr', 'start', 'speed'],
      backprop: ['x', 'y', 'w1', 'b1', 'w2', 'b2', 'lr'],
      training: ['seed', 'lr', 'speed', 'threshold'],
    };
    // An unknown scene name falls back to the default scene.
    const unknown = await h.page(t, `?scene=${encodeURIComponent(attacks[1])}`);
    await expectNotice(unknown.page, []);
    assert.equal(await unknown.page.evaluate(() => window.descent.scene), 'descent');
    await unknown.context.close(); // twenty-five pages: none kept open once done
    for (const [scene, names] of Object.entries(sceneNames)) {
      for (const attack of attacks) {
        const query = `?scene=${scene}&` + [...shellNames, ...names].map((n) => `${n}=${encodeURIComponent(attack)}`).join('&');
        const { page, context } = await h.page(t, query);
        // "-1" is a fair value for some settings (w, b, x …); the others never are.
        await expectNotice(page, attack === '-1' ? [] : names, `${scene}: ${attack}`);
        const injected = await page.evaluate(() => ({
          hacked: window.hacked === 1,
          images: document.querySelectorAll('img').length,
          scripts: [...document.scripts].filter((s) => s.textContent.includes('hacked')).length,
        }));
        assert.deepEqual(injected, { hacked: false, images: 0, scripts: 0 }, `${scene}: ${attack}`);
        assert.equal(await page.evaluate(() => window.descent.scene), scene);
        assert.equal(typeof (await state(page)), 'object', 'the scene still answers');
        assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
        if (scene === 'descent') {
          assert.equal((await state(page)).curve, 'data-mse', 'defaults in force');
          await page.getByRole('button', { name: 'Step', exact: true }).click();
          assert.equal((await state(page)).steps, 1, 'the page still works');
        }
        await context.close();
      }
    }
  });

  test('embedded in an iframe: chrome hidden, controls hidden or locked, postMessage both ways', async (t) => {
    const example = await readFile(join(ROOT, 'examples', 'embed.html'), 'utf8');
    // The course page and Descent on one static host, as a course site would have them.
    const site = await serve(DIST, '/descent/', { '/week3.html': example.replaceAll('DESCENT_URL', '/descent/') });
    const browser = await launch();
    t.after(async () => {
      await browser.close();
      await site.close();
    });
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
    await page.goto(`${site.origin}/week3.html`);
    const frame = page.frameLocator('#descent');
    await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    assert.equal(await frame.locator('header.top').isVisible(), false, 'no page chrome');
    assert.equal(await frame.locator('#descent-speed').isVisible(), false, 'speed hidden');
    assert.equal(await frame.locator('#descent-curve').isVisible(), false, 'curve hidden');
    assert.equal(await frame.locator('#descent-lr').isDisabled(), true, 'learning rate locked');
    const box = await frame.locator('#descent-curve-canvas').boundingBox();
    const frameBox = await page.locator('#descent').boundingBox();
    assert.ok(box.width > frameBox.width * 0.5, 'the scene fills the frame');
    await page.waitForFunction(() => window.received.some((m) => m.type === 'descent:ready'));

    await page.getByRole('button', { name: /η = 1\.2/ }).click();
    await page.waitForFunction(() => window.received.some((m) => m.type === 'descent:diverged'), null, { timeout: 20_000 });
    const received = await page.evaluate(() => window.received);
    assert.ok(received.some((m) => m.type === 'descent:regime' && m.regime === 'diverging'));
    assert.ok(received.some((m) => m.type === 'descent:state' && m.state.learningRate === 1.2));

    await page.getByRole('button', { name: /η = 0\.8/ }).click();
    await page.waitForFunction(() => window.received.at(-1).state.regime === 'oscillating' && window.received.at(-1).state.steps > 3);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForFunction(() => window.received.at(-1).state.playing === false);
    const width = (await frame.locator('body').boundingBox()).width;
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(300);
    assert.ok((await frame.locator('#descent-curve-canvas').boundingBox()).width < width, 'follows the iframe size');
    await page.screenshot({ path: join(ARTIFACTS, 'embedded-iframe.png') });
    assert.deepEqual(problems, []);
  });

  test('projector mode: button, key P and ?present=1 give larger type and thicker lines', async (t) => {
    const { page } = await h.page(t, '?scene=descent&curve=bumpy');
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.regime-name')).fontSize));
    const normal = await size();
    const inkNormal = (await canvasInk(page, '#descent-curve-canvas')).ink;
    await page.getByRole('button', { name: 'Projector' }).click();
    await frames(page, 3);
    assert.ok((await size()) > normal * 1.1, 'larger type');
    assert.ok((await canvasInk(page, '#descent-curve-canvas')).ink > inkNormal * 1.15, 'thicker lines');
    assert.equal(await page.locator('#present-toggle').getAttribute('aria-pressed'), 'true');
    await page.locator('body').press('p');
    assert.equal(await page.locator('#present-toggle').getAttribute('aria-pressed'), 'false');
    const zh = await h.page(t, '?scene=descent&curve=bumpy&lang=zh&present=1');
    await zh.page.screenshot({ path: join(ARTIFACTS, 'descent-zh-present-1280x720.png') });
  });

  test('downloads: the charts as PNG and the loss history as CSV', async (t) => {
    const { page } = await h.page(t, '?scene=descent&curve=bowl&start=2&lr=0.3');
    for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save loss history (CSV)' }).click()]);
    const text = await readFile(await csv.path(), 'utf8');
    const rows = text.trim().split('\n');
    assert.equal(rows[0], 'step,loss,min,max');
    assert.equal(rows.length, 7, 'a header and steps 0…5');
    // On the bowl L = w², w_k = 2·0.4^k: step 5 has loss 4·0.4^10.
    const [step, loss] = rows[6].split(',').map(Number);
    assert.equal(step, 5);
    assert.ok(Math.abs(loss - 4 * 0.4 ** 10) < 1e-12);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save charts (PNG)' }).click()]);
    const bytes = await readFile(await png.path());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    const width = bytes.readUInt32BE(16);
    const canvases = await page.evaluate(() => [...document.querySelectorAll('canvas.chart-front')].reduce((w, c) => w + c.width, 0));
    assert.ok(width >= canvases, 'both charts side by side');
    // Each chart is whole in the file: its background (axes, curve) and its front (the ball).
    const drawn = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const sheet = document.createElement('canvas');
      [sheet.width, sheet.height] = [image.width, image.height];
      const context = sheet.getContext('2d', { willReadFrequently: true });
      context.drawImage(image, 0, 0);
      const curveWidth = document.querySelector('#descent-curve-canvas').width;
      const data = context.getImageData(0, 0, curveWidth, image.height).data;
      let ink = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (r < 235 || g < 235 || b < 235) ink += 1;
        if (r > 200 && g > 130 && g < 190 && b < 50) orange += 1;
      }
      return { ink, orange };
    }, bytes.toString('base64'));
    assert.ok(drawn.ink > 5_000, `the curve chart's axes and curve are in the PNG (${drawn.ink} px)`);
    assert.ok(drawn.orange > 50, `and its ball (${drawn.orange} px)`);
  });

  test('live numbers reach screen readers through one polite, throttled live region', async (t) => {
    const region = (page) => page.locator('#announcer');
    const cases = [
      ['descent', '?scene=descent&curve=bowl&start=2&lr=0.3', async (page) => {
        await page.getByRole('slider', { name: 'Learning rate' }).focus();
        for (let i = 0; i < 30; i += 1) await page.keyboard.press('ArrowRight');
      }, /Oscillating|Diverging/],
      ['loss', '?scene=loss', async (page) => page.getByRole('button', { name: 'Best fit' }).click(), /MSE = [\d.]+, MAE = [\d.]+/],
      ['backprop', '?scene=backprop', async (page) => page.getByRole('button', { name: 'Step backward' }).click(), /∂L\/∂ŷ|1/],
      ['training', '?scene=training', async (page) => page.getByRole('button', { name: 'Step', exact: true }).click(), /Epoch|epoch|loss/i],
    ];
    for (const [scene, query, act, expected] of cases) {
      const { page } = await h.page(t, query);
      assert.equal(await region(page).getAttribute('aria-live'), 'polite');
      await act(page);
      await page.waitForFunction(() => document.getElementById('announcer').textContent.trim() !== '', null, { timeout: 8000 });
      assert.match(await region(page).textContent(), expected, scene);
    }
  });

  test('accessibility: no axe-core violations, in both languages', async (t) => {
    const axe = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    for (const scene of ['descent']) {
      for (const lang of ['en', 'zh']) {
        const { page } = await h.page(t, `?scene=${scene}&lang=${lang}`);
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(summary, [], `${scene} in ${lang}`);
      }
    }
  });
});

describe('served from a sub-path', () => {
  test('dist/ works unchanged under /course/week3/descent/', async (t) => {
    const nested = await harness({ prefix: '/course/week3/descent/' });
    // Hooks run in order: the harness closes first, then the page's checks
    // (closing its context again is harmless).
    t.after(() => nested.close());
    const { page } = await nested.page(t, '?scene=descent');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    assert.equal((await state(page)).steps, 1);
    assert.ok((await canvasInk(page, '#descent-curve-canvas')).orange > 50);
  });
});
