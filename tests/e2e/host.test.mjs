// End-to-end: a host page driving an embedded scene, including a hostile
// or careless one, and a page whose program fails to load. The host API
// takes only what the address would take, spreads asked-for steps over
// frames (a page never freezes), queues messages sent before it is ready,
// and answers `descent:get` with the request's id. A failed load says what
// is wrong, in the page's language, and tells the host.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, launch } from './browser.mjs';
import { serve } from './server.mjs';

/** A host page: the scene in an iframe; every message from it is kept in `window.heard`. */
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head>
<body><iframe id="scene" title="scene" style="width:900px;height:640px;border:0"></iframe>
<script>
  window.heard = [];
  addEventListener('message', (event) => window.heard.push(event.data));
  const frame = document.getElementById('scene');
  window.send = (message) => frame.contentWindow.postMessage(message, '*');
  window.open_ = (query, early) => {
    window.heard = [];
    frame.src = '/descent/' + query;
    if (!early) return;
    // Messages sent as soon as the page's first script has run, long before the scene is ready.
    const poll = () => {
      let booted = false;
      try {
        booted = Boolean(frame.contentWindow.descentBoot) && frame.contentWindow.location.pathname.startsWith('/descent/');
      } catch {}
      if (!booted) return setTimeout(poll, 1);
      window.sentBeforeReady = frame.contentDocument.documentElement.dataset.ready !== 'true';
      early.forEach(window.send);
    };
    poll();
  };
</script></body></html>`;

let site;
let browser;
before(async () => {
  site = await serve(DIST, '/descent/', { '/host.html': HOST });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** The host page, opened for test `t`; problems in it or its frame fail the test. */
async function hostPage(t) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.route('**/*', (route) => (route.request().url().startsWith(site.origin) ? route.continue() : route.abort()));
  await page.goto(`${site.origin}/host.html`);
  t.after(async () => {
    try {
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
  const heard = (type) => page.evaluate((type) => window.heard.filter((m) => m && m.type === type), type);
  const waitFor = (type, count = 1, timeout = 10_000) => page.waitForFunction(
    ([type, count]) => window.heard.filter((m) => m && m.type === type).length >= count, [type, count], { timeout },
  );
  const open = async (query, early) => {
    await page.evaluate(([query, early]) => window.open_(query, early), [query, early]);
    await waitFor('descent:ready');
  };
  const send = (message) => page.evaluate((message) => window.send(message), message);
  /** Sends descent:get with `id` and gives the state of the reply that carries it. */
  const get = async (id) => {
    await send({ type: 'descent:get', id });
    await page.waitForFunction((id) => window.heard.some((m) => m.type === 'descent:state' && m.id === id), id);
    return (await heard('descent:state')).find((m) => m.id === id).state;
  };
  return { page, heard, waitFor, open, send, get };
}

describe('host pages', () => {
  test('a burst of steps is spread over frames: the page keeps answering while it works', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=training&embed=1&threshold=off');
    await host.send({ type: 'descent:set', learningRate: 0 });
    await host.send({ type: 'descent:step', count: 1_000_000 });
    // A frozen page could not answer at all; this one answers while the epochs are still being taken.
    const during = await host.get('during');
    assert.ok(during.epochs < 1_000_000, `answered mid-run at epoch ${during.epochs}`);
    // 10 000 more requests of a million: at most a million steps may wait, the rest are refused.
    await host.page.evaluate(() => {
      for (let i = 0; i < 10_000; i += 1) window.send({ type: 'descent:step', count: 1_000_000 });
    });
    await host.waitFor('descent:refused', 9_000, 20_000);
    const refused = await host.heard('descent:refused');
    assert.ok(refused.every((m) => m.field === 'count' && /too many steps waiting/.test(m.reason)), JSON.stringify(refused[0]));
    const still = await host.get('still');
    assert.ok(still.epochs >= during.epochs, 'still answering');
    await host.send({ type: 'descent:reset' });
    const reset = await host.get('reset');
    assert.equal(reset.epochs, 0, 'reset drops the waiting steps');
  });

  test('every event the README promises arrives within a second of the change', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=descent&embed=1&curve=bowl&start=2&lr=0.3');
    // Stamp every message as it arrives, in the host's clock.
    await host.page.evaluate(() => {
      window.stamped = [];
      addEventListener('message', (event) => window.stamped.push({ type: event.data.type, at: performance.now(), state: event.data.state }));
    });
    const sent = await host.page.evaluate(() => {
      window.send({ type: 'descent:set', learningRate: 1.2, speed: 50, playing: true });
      return performance.now();
    });
    await host.page.waitForFunction(() => window.stamped.some((m) => m.type === 'descent:diverged'), null, { timeout: 5000 });
    const stamped = await host.page.evaluate(() => window.stamped);
    const first = (type) => stamped.find((m) => m.type === type);
    // η = 1.2 on the bowl (a = 2): the regime changes at once; at 50 steps/s the run passes |w| = 10¹² (about 80 steps) in under two seconds.
    assert.ok(first('descent:regime').at - sent < 1000, `regime after ${first('descent:regime').at - sent} ms`);
    assert.equal(first('descent:regime').state.regime, 'diverging');
    const states = stamped.filter((m) => m.type === 'descent:state');
    const divergedState = states.find((m) => m.state.diverged);
    const diverged = first('descent:diverged');
    // The page noticed divergence when its first state says so, or earlier; the event comes within a second of it.
    const noticed = Math.min(diverged.at, divergedState?.at ?? Infinity);
    assert.ok(diverged.at - noticed < 1000, `diverged ${diverged.at - noticed} ms after the page knew`);
    assert.equal(diverged.state.diverged, true);
    // While the run changes, state messages follow it at least once a second.
    const gaps = states.slice(1).map((m, i) => m.at - states[i].at);
    assert.ok(states.length >= 2 && Math.max(...gaps) < 1000, `state gaps ${gaps.map(Math.round)}`);
  });

  test('3.3 takes no more steps than its walk has', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=backprop&embed=1');
    await host.send({ type: 'descent:step', count: 1_000_000 });
    await host.page.waitForTimeout(300);
    const s = await host.get('walk');
    assert.equal(s.revealed, s.walkLength);
  });

  test('values the address would refuse are refused, and nothing changes', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=descent&embed=1&lr=0.02');
    const counts = [Infinity, -5, '10', {}, 0, 1.5, null, 2_000_000];
    for (const count of counts) await host.send({ type: 'descent:step', count });
    const rates = [null, '', false, '0x10', 'NaN', {}, [], 'Infinity', -1, '1e999'];
    for (const learningRate of rates) await host.send({ type: 'descent:set', learningRate });
    await host.send({ type: 'descent:set', playing: 'yes' });
    await host.waitFor('descent:refused', counts.length + rates.length + 1);
    const s = await host.get('after');
    assert.equal(s.steps, 0, 'no step taken');
    assert.equal(s.learningRate, 0.02, 'η unchanged');
    assert.equal(s.playing, false);
    const refused = await host.heard('descent:refused');
    assert.deepEqual(refused.map((m) => m.field), [...counts.map(() => 'count'), ...rates.map(() => 'learningRate'), 'playing']);
    // What the address takes, the host may set.
    await host.send({ type: 'descent:set', learningRate: '0.5' });
    await host.send({ type: 'descent:set', learningRate: 0.25, playing: false });
    await host.send({ type: 'descent:step', count: 3 });
    await host.page.waitForTimeout(200);
    const later = await host.get('later');
    assert.deepEqual([later.learningRate, later.steps], [0.25, 3]);
  });

  test('a scene name that is not a scene is refused; a real switch keeps the page settings', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=descent&embed=1&present=1&lang=zh&hide=speed&lock=reset');
    for (const scene of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '../x']) {
      await host.send({ type: 'descent:set', scene });
    }
    await host.waitFor('descent:refused', 5);
    assert.equal((await host.heard('descent:ready')).length, 1, 'no reload');
    await host.page.evaluate(() => { window.heard = []; });
    await host.send({ type: 'descent:set', scene: 'loop' });
    await host.waitFor('descent:ready');
    const [ready] = await host.heard('descent:ready');
    assert.equal(ready.scene, 'training', 'the old name opens 3.4');
    const frame = host.page.frameLocator('#scene');
    const query = new URLSearchParams(await frame.locator('html').evaluate(() => location.search));
    assert.deepEqual(
      ['scene', 'lang', 'present', 'embed', 'hide', 'lock'].map((k) => query.get(k)),
      ['training', 'zh', '1', '1', 'speed', 'reset'],
    );
    assert.equal(await frame.locator('html').evaluate((el) => el.classList.contains('present')), true);
    assert.equal(await frame.locator('#training-reset').isDisabled(), true);
    assert.equal(await frame.locator('[data-control="speed"]').isVisible(), false);
  });

  test('messages sent before the scene is ready are kept and applied', async (t) => {
    const host = await hostPage(t);
    await host.open('?scene=descent&embed=1', [
      { type: 'descent:set', learningRate: 0.123 },
      { type: 'descent:step', count: 2 },
      { type: 'descent:get', id: 7 },
    ]);
    await host.page.waitForFunction(() => window.heard.some((m) => m.type === 'descent:state' && m.id === 7));
    assert.equal(await host.page.evaluate(() => window.sentBeforeReady), true, 'sent before the scene was ready');
    await host.page.waitForTimeout(200);
    const s = await host.get('check');
    assert.deepEqual([s.learningRate, s.steps], [0.123, 2]);
    // Periodic state messages carry no id; the replies do.
    const states = await host.heard('descent:state');
    assert.ok(states.some((m) => m.id === undefined));
  });
});

describe('a page that cannot run', () => {
  /** Opens the scene with the wasm answered by `respond(route)`. */
  async function broken(t, { respond, init, lang = 'en', scene = 'descent', file = '.wasm' }) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    t.after(() => context.close());
    if (init) await page.addInitScript(init);
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(site.origin)) return route.abort();
      if (respond && url.endsWith(file)) return respond(route);
      return route.continue();
    });
    await page.goto(`${site.origin}/host.html`);
    await page.evaluate(([lang, scene]) => window.open_(`?scene=${scene}&lang=${lang}`), [lang, scene]);
    const frame = page.frameLocator('#scene');
    await frame.locator('#fatal').waitFor({ state: 'visible' });
    await page.waitForFunction(() => window.heard.some((m) => m.type === 'descent:failed'));
    const failed = await page.evaluate(() => window.heard.find((m) => m.type === 'descent:failed'));
    return { text: await frame.locator('#fatal').innerText(), loading: await frame.locator('.loading').count(), failed };
  }

  const wasmFile = async () => {
    const { readdir } = await import('node:fs/promises');
    const name = (await readdir(DIST)).find((f) => /^descent-web-[0-9a-f]+_bg\.wasm$/.test(f));
    return readFile(join(DIST, name));
  };

  test('a missing, corrupt or truncated wasm file: a message on the page and for the host', async (t) => {
    const bytes = await wasmFile();
    const cases = [
      ['missing', (route) => route.fulfill({ status: 404, body: 'not found' })],
      ['corrupt', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('this is not wasm at all') })],
      ['truncated', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: bytes.subarray(0, bytes.length >> 1) })],
    ];
    for (const [name, respond] of cases) {
      const { text, loading, failed } = await broken(t, { respond });
      assert.match(text, /could not load its program/, name);
      assert.equal(loading, 0, `${name}: no "Loading…" left`);
      assert.equal(failed.reason, 'load', name);
    }
    const zh = await broken(t, { respond: cases[0][1], lang: 'zh' });
    assert.match(zh.text, /页面程序加载失败/);
  });

  test("the comparison's own module missing or broken: the same message, in the comparison", async (t) => {
    for (const [file, respond] of [
      ['descent-web-compare_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' })],
      ['descent-web-compare.js', (route) => route.fulfill({ status: 404, body: 'not found' })],
      ['descent-web-compare_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') })],
    ]) {
      const { text, loading, failed } = await broken(t, { respond, scene: 'compare', file });
      assert.match(text, /could not load its program/, file);
      assert.equal(loading, 0, `${file}: no "Loading…" left`);
      assert.equal(failed.reason, 'load', file);
    }
  });

  test('no WebAssembly, or none with SIMD: this browser cannot run the page', async (t) => {
    for (const init of [
      () => { delete window.WebAssembly; },
      () => { WebAssembly.validate = () => false; },
    ]) {
      const { text, failed } = await broken(t, { init });
      assert.match(text, /This browser cannot run this page/);
      assert.equal(failed.reason, 'unsupported');
    }
  });
});
