// Headless Firefox ESR for the Firefox end-to-end tests: Debian's
// firefox-esr driven by puppeteer-core over WebDriver BiDi (no CDP, no
// downloaded browser). Every request outside the page's own origin is refused
// and recorded, every console error or warning and page error recorded.
//
// One browser per test file (a launch takes 5–11 s), a fresh browser context
// per test: `const { page, problems, foreign } = await h.open(t, query)`
// closes its context when the test ends, passed or failed.

import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { serve } from '../e2e/server.mjs';
import { ARTIFACTS, DIST, frames } from '../e2e/browser.mjs';

export { ARTIFACTS, DIST, NON_FINITE, canvasHash, canvasInk, frames } from '../e2e/browser.mjs';
mkdirSync(ARTIFACTS, { recursive: true });

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const SCENES = ['loss', 'descent', 'backprop', 'training', 'compare'];
export const LANGS = ['en', 'zh'];

export function launchFirefox(prefs = {}) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Sizes come from setViewport below: puppeteer's own call needs a BiDi
    // command ESR lacks.
    defaultViewport: null,
    extraPrefsFirefox: { 'ui.useOverlayScrollbars': 1, 'ui.prefersReducedMotion': 0, ...prefs },
  });
}

/**
 * Sets the page's viewport. puppeteer's page.setViewport also sends
 * emulation.setScreenOrientationOverride, which Firefox ESR 140 does not
 * know ("unknown command"), so this sends only browsingContext.setViewport.
 */
export async function setViewport(page, width, height) {
  await page.mainFrame().browsingContext.setViewport({ viewport: { width, height }, devicePixelRatio: 1 });
  await page.waitForFunction((w, h) => innerWidth === w && innerHeight === h, { timeout: 5000 }, width, height);
}

/**
 * Starts the server and Firefox. `open(t, query, { width, height })` gives a
 * ready page plus the problems it logged; its context is closed when the
 * test `t` ends. Call `close()` at the end of the file.
 */
export async function harness({ prefix = '/', prefs } = {}) {
  const server = await serve(DIST, prefix);
  let browser;
  try {
    browser = await launchFirefox(prefs);
  } catch (error) {
    await server.close();
    throw error;
  }

  async function open(t, query = '', { width = 1280, height = 720 } = {}) {
    const context = await browser.createBrowserContext();
    t.after(() => context.close().catch(() => {}));
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = [];
    const foreign = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warn') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message ?? error}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    // Requests outside the page's origin are noted, not intercepted (as in Chromium's harness).
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    await setViewport(page, width, height);
    await page.goto(server.url + query);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || !document.getElementById('fatal').hidden);
    const fatal = await page.evaluate(() => (document.getElementById('fatal').hidden ? '' : document.getElementById('fatal').innerText));
    if (fatal) problems.push(`fatal banner: ${fatal}`);
    // Two frames, so the first draw has happened.
    await frames(page, 2);
    return { page, context, problems, foreign };
  }

  return {
    server,
    browser,
    open,
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** The scene's state, read from the page. */
export function state(page) {
  return page.evaluate(() => window.descent.state());
}

/** Waits until `predicate(state)` holds (a function source run in the page). */
export function waitForState(page, predicate, timeout = 10_000) {
  return page.waitForFunction(`(${predicate})(window.descent.state())`, { timeout });
}

/**
 * Opens `query` from `server` in a Chromium `browser` (playwright-core) at
 * width × height, for comparing layouts; its context is closed when `t` ends.
 */
export async function openChromium(browser, server, t, query, { width = 1280, height = 720 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  t.after(() => context.close().catch(() => {}));
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + '/') || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.goto(server.url + query);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await frames(page, 3);
  return { page, problems, foreign };
}
