// Headless Chromium for the end-to-end tests: Debian's browser driven by
// playwright-core, every request outside the page's own origin refused and
// recorded, every console error or warning recorded.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.DESCENT_DIST || join(here, '..', '..', 'dist');
export const ARTIFACTS = join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Starts the server and a browser; `open(query, options)` gives a ready page
 * plus the problems it logged, `page(t, query, options)` the same for test
 * `t`, checked and closed when it ends. Call `close()` at the end (or use
 * `sharedHarness()`).
 */
export async function harness({ prefix = '/' } = {}) {
  const server = await serve(DIST, prefix);
  const browser = await launch();
  async function open(query = '', { width = 1280, height = 720, scale = 1, locale = 'en-US', reducedMotion = 'no-preference', hasTouch = false } = {}) {
    const context = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: scale,
      locale,
      reducedMotion,
      hasTouch,
      isMobile: hasTouch,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = [];
    const foreign = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss();
    });
    // Requests outside the page's origin are noted, not intercepted: routing
    // every request through the test process would slow each load severalfold.
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    await page.goto(server.url + query);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || !document.getElementById('fatal').hidden);
    // Two frames, so the first draw has happened.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    return { page, context, problems, foreign };
  }
  /**
   * A page for test `t` (node:test's context): when the test ends, pass or
   * fail, its console errors, page errors and requests outside the page's
   * origin are checked (none allowed unless `allow` matches them) and its
   * context is closed.
   */
  async function page(t, query = '', { allow, ...options } = {}) {
    const opened = await open(query, options);
    t.after(async () => {
      try {
        const problems = allow ? opened.problems.filter((p) => !allow.test(p)) : opened.problems;
        assert.deepEqual(problems, [], `console or page errors on ${query}`);
        assert.deepEqual(opened.foreign, [], `requests outside the page's origin on ${query}`);
      } finally {
        await opened.context.close();
      }
    });
    return opened;
  }
  return {
    server,
    open,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The harness for a whole test file: started before its first test, closed
 * after its last. The object returned stands in for it (`page`, `open`,
 * `server`) from the first test on.
 */
export function sharedHarness(options) {
  const shared = {};
  let h;
  before(async () => {
    h = await harness(options);
    Object.assign(shared, h);
  });
  after(async () => {
    await h?.close();
  });
  return shared;
}

/** The descent scene's state, read from the page. */
export function state(page) {
  return page.evaluate(() => window.descent.state());
}

/** Waits for the next few animation frames. */
export function frames(page, n = 2) {
  return page.evaluate((n) => new Promise((done) => {
    const tick = (k) => (k === 0 ? done() : requestAnimationFrame(() => tick(k - 1)));
    tick(n);
  }), n);
}

/**
 * Counts the pixels of a chart (its background and front layers as the page
 * stacks them, or a single canvas) that are not background white, and the
 * ball-orange and line-blue ones. Reads a copy, so the page's own canvases
 * are never read back.
 */
export async function canvasInk(page, selector) {
  const { ink, orange, blue, width, height, cssWidth, cssHeight } = await chartPixels(page, selector);
  return { ink, orange, blue, width, height, cssWidth, cssHeight };
}

/**
 * Pixels of a chart (both stacked layers) as a fingerprint, to tell whether
 * the picture changed: a hash of the composited RGBA bytes.
 */
export async function canvasHash(page, selector) {
  return (await chartPixels(page, selector)).hash;
}

/** What canvasInk and canvasHash read: the chart composited on a copy, counted and hashed (playwright and puppeteer alike). */
function chartPixels(page, selector) {
  return page.evaluate((selector) => {
    const canvas = document.querySelector(selector);
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const context = copy.getContext('2d', { willReadFrequently: true });
    const back = canvas.classList.contains('chart-front') ? canvas.parentElement.querySelector('.chart-back') : null;
    if (back) context.drawImage(back, 0, 0);
    context.drawImage(canvas, 0, 0);
    const data = context.getImageData(0, 0, copy.width, copy.height).data;
    let ink = 0;
    let orange = 0;
    let blue = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && (r < 235 || g < 235 || b < 235)) ink += 1;
      if (r > 200 && g > 130 && g < 190 && b < 50) orange += 1;
      if (r < 30 && g > 90 && g < 140 && b > 150) blue += 1;
      for (let k = 0; k < 4; k += 1) hash = Math.imul(hash ^ data[i + k], 16777619) >>> 0;
    }
    return { ink, orange, blue, hash, width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
  }, selector);
}

/**
 * Waits until the text of `selector` matches `pattern` (the page updates its
 * words in the next animation frame), then asserts it, so a slow machine
 * gives a clear failure instead of a race.
 */
export async function expectText(page, selector, pattern, timeout = 5000) {
  try {
    await page.waitForFunction(
      ([sel, source, flags]) => {
        const el = document.querySelector(sel);
        return new RegExp(source, flags).test(el ? (el.innerText ?? el.textContent) : '');
      },
      [selector, pattern.source, pattern.flags],
      { timeout },
    );
  } catch {
    // Fall through to the assertion, which names what was there instead.
  }
  const text = await page.locator(selector).evaluate((el) => el.innerText ?? el.textContent);
  if (!pattern.test(text)) throw new Error(`${selector}: ${JSON.stringify(text)} does not match ${pattern}`);
  return text;
}

/** Text that must never appear on the page. */
export const NON_FINITE = /\bNaN\b|Infinity|\binf\b/i;

/**
 * Waits for the notice of refused settings and asserts it names each of
 * `names` as a word; returns its text.
 */
export async function expectNotice(page, names, context = '') {
  const notice = page.locator('#notice');
  await notice.waitFor({ state: 'visible' });
  const text = await notice.innerText();
  for (const name of names) assert.match(text, new RegExp(`\\b${name}\\b`), `${context}${context && ': '}the notice names ${name}`);
  return text;
}

/** Asserts each canvas has `scale` backing pixels per CSS pixel each way. */
export async function expectSharp(page, selectors, scale = 2) {
  for (const selector of selectors) {
    const { width, height, cssWidth, cssHeight } = await canvasInk(page, selector);
    assert.equal(width, cssWidth * scale, `${selector}: backing width`);
    assert.equal(height, cssHeight * scale, `${selector}: backing height`);
  }
}

/** A laptop screen and a phone's (a touch screen). */
export const SCREENS = [
  { width: 1280, height: 720 },
  { width: 390, height: 844, hasTouch: true },
];

/**
 * On each of SCREENS, opens `query` for test `t` of harness `h`, lets
 * `prepare(page, screen)` set the scene up, asserts the page does not
 * scroll sideways and `chart` (`what` in messages) is big (over half the
 * width, at least `minHeight` tall), runs `check(page, screen)` and saves
 * a screenshot `${name}-${width}x${height}.png` in ARTIFACTS.
 */
export async function screenshots(h, t, { query, name, chart, minHeight, what = chart }, prepare, check) {
  for (const screen of SCREENS) {
    const { width, height } = screen;
    const { page } = await h.page(t, query, screen);
    await prepare?.(page, screen);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width}px (${overflow}px over)`);
    const box = await page.locator(chart).boundingBox();
    assert.ok(box.width > width * 0.5 && box.height >= minHeight, `${what} is big at ${width}px`);
    await check?.(page, screen);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`) });
  }
}

/**
 * 3.2 at η from 10⁻⁵ to 10³ (three steps each): for every η, the formula and
 * readout boxes whose content is wider than the box. Works with playwright
 * and puppeteer pages alike.
 */
export async function numbersOverflowing(page) {
  const found = [];
  for (let k = -5; k <= 3; k += 0.5) {
    const eta = 10 ** k;
    await page.evaluate(async (eta) => {
      window.descent.apply({ learningRate: eta, reset: true });
      await window.descent.step(3);
    }, eta);
    await frames(page, 2);
    found.push([eta, await page.evaluate(() => [...document.querySelectorAll('#descent-formula-live, .formula, .readout dd, .regime, #descent-status, #descent-lr-value')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.id || el.className}: ${el.scrollWidth} > ${el.clientWidth} (${el.textContent.trim().slice(0, 60)})`))]);
  }
  return found;
}
