// Classic scrollbars (Firefox without overlay scrollbars, as on most Linux
// and Windows desktops; Chromium showing its scrollbars): a 12–15 px
// scrollbar takes its width from the page, and a light scrollbar inside the
// dark header shows as a white strip.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { LANGS, frames, harness, openChromium as openChromiumIn } from './firefox.mjs';

let h;
let chrome;
before(async () => {
  h = await harness({ prefs: { 'ui.useOverlayScrollbars': 0 } });
  chrome = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    // playwright hides scrollbars in headless Chromium; show them, as a desktop does.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
});
after(async () => {
  await chrome?.close();
  await h?.close();
});

const openChromium = (t, query, size) => openChromiumIn(chrome, h.server, t, query, size);

/**
 * For each pixel row of a PNG (base64) of the header, the share of light
 * pixels, decoded in the page. A scrollbar track across the dark header is a
 * band of rows that are nearly all light; text and outlined buttons are not.
 */
function lightRows(png) {
  return new Promise((done, fail) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.width, img.height];
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(img, 0, 0);
      const { data } = context.getImageData(0, 0, img.width, img.height);
      const rows = [];
      for (let y = 0; y < img.height; y += 1) {
        let light = 0;
        for (let x = 0; x < img.width; x += 1) {
          const i = (y * img.width + x) * 4;
          if (data[i] > 170 && data[i + 1] > 170 && data[i + 2] > 170) light += 1;
        }
        rows.push(light / img.width);
      }
      done(rows);
    };
    img.onerror = () => fail(new Error('screenshot did not decode'));
    img.src = `data:image/png;base64,${png}`;
  });
}

/** The header's box in CSS px, without the page's own vertical scrollbar. */
function headerBox() {
  const r = document.querySelector('header.top').getBoundingClientRect();
  return { x: 0, y: Math.round(r.top), width: document.documentElement.clientWidth, height: Math.floor(r.height) };
}

function buttonRow() {
  const buttons = ['play', 'step', 'reset'].map((name) => document.getElementById(`descent-${name}`));
  const live = document.getElementById('descent-formula-live');
  const box = live.parentElement;
  const card = live.closest('.panel');
  return {
    clientWidth: document.documentElement.clientWidth,
    tops: buttons.map((b) => b.offsetTop),
    row: { scrollWidth: buttons[0].parentElement.scrollWidth, clientWidth: buttons[0].parentElement.clientWidth },
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    live: { scrollWidth: live.scrollWidth, clientWidth: live.clientWidth, box: [box.scrollWidth, box.clientWidth], card: [card.scrollWidth, card.clientWidth] },
  };
}

describe('classic scrollbars', () => {
  test('descent at 1280×720: Play, Step and Reset stay on one row (Firefox and Chromium), in English and Chinese', async (t) => {
    for (const lang of LANGS) {
      // A long number on each side of the live formula: the widest it gets.
      const query = `?scene=descent&lang=${lang}&curve=bumpy&lr=0.123456&start=-2.345678`;
      const ff = await h.open(t, query);
      const ch = await openChromium(t, query, { width: 1280, height: 720 });
      for (const [name, page] of [['Firefox', ff.page], ['Chromium', ch.page]]) {
        const row = await page.evaluate(buttonRow);
        assert.ok(row.clientWidth < 1280, `${name}: the scrollbar takes width (${row.clientWidth} px left)`);
        assert.equal(new Set(row.tops).size, 1, `${name} ${lang}: one row (offsetTop ${row.tops} at ${row.clientWidth} px)`);
        assert.ok(row.row.scrollWidth <= row.row.clientWidth + 1, `${name} ${lang}: the buttons fit their row (${JSON.stringify(row.row)})`);
        assert.ok(row.scrollWidth <= row.innerWidth, `${name}: no horizontal overflow (${row.scrollWidth})`);
        const { live } = row;
        assert.ok(live.scrollWidth <= live.clientWidth + 1 && live.box[0] <= live.box[1] + 1 && live.card[0] <= live.card[1] + 1,
          `${name} ${lang}: the live formula fits its card (${JSON.stringify(live)})`);
      }
      assert.deepEqual([...ff.problems, ...ch.problems], []);
      assert.deepEqual([...ff.foreign, ...ch.foreign], []);
    }
  });

  for (const lang of LANGS) {
    test(`420×800 (${lang}): the nav scrolls sideways, with no white strip across the dark header (Firefox and Chromium)`, async (t) => {
      const query = `?scene=descent&lang=${lang}`;
      const ff = await h.open(t, query, { width: 420, height: 800 });
      const ch = await openChromium(t, query, { width: 420, height: 800 });
      for (const [name, page, shot] of [
        ['Firefox', ff.page, (clip) => ff.page.screenshot({ clip, encoding: 'base64' })],
        ['Chromium', ch.page, async (clip) => (await ch.page.screenshot({ clip })).toString('base64')],
      ]) {
        const nav = await page.evaluate(() => {
          const n = document.querySelector('.scenes');
          return { scrollWidth: n.scrollWidth, clientWidth: n.clientWidth };
        });
        assert.ok(nav.scrollWidth > nav.clientWidth, `${name}: the nav overflows and scrolls (${JSON.stringify(nav)}), so there is a scrollbar to see`);
        const box = await page.evaluate(headerBox);
        assert.ok(box.height > 40, `${name}: header found (${JSON.stringify(box)})`);
        const rows = await page.evaluate(lightRows, await shot(box));
        const light = rows.map((share, y) => ({ y, share: Math.round(share * 100) / 100 })).filter((r) => r.share > 0.6);
        assert.deepEqual(light, [], `${name}: header rows that are mostly light (a white scrollbar strip)`);
      }
      assert.deepEqual([...ff.problems, ...ch.problems], []);
      assert.deepEqual([...ff.foreign, ...ch.foreign], []);
    });
  }
});
