// Firefox ESR lays the page out as Chromium does: measured in both, against
// the release build in dist/. Firefox draws MathML taller and wider than
// Chromium; classic scrollbars take 12–15 px of the width; the header is
// dark (its scrollbar strip is checked in scrollbars.test.mjs).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch as launchChromium, numbersOverflowing } from '../e2e/browser.mjs';
import { LANGS, frames, harness, openChromium as openChromiumIn } from './firefox.mjs';

let h;
let chromium;
before(async () => {
  h = await harness();
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await h?.close();
});

const openChromium = (t, query, size) => openChromiumIn(chromium, h.server, t, query, size);

/** What the layout checks read, the same function in both browsers. */
function measure() {
  const root = document.documentElement;
  const top = (el) => Math.round(el.getBoundingClientRect().top + scrollY);
  const out = { scrollWidth: root.scrollWidth, innerWidth, clientWidth: root.clientWidth };
  // 3.2: the buttons' row, and the live formula in its card.
  const buttons = ['play', 'step', 'reset'].map((name) => document.querySelector(`.scene-descent [data-control="${name}"], #descent-${name}`));
  if (buttons.every(Boolean)) {
    out.buttonTops = buttons.map((b) => b.offsetTop);
    out.buttonsBox = { scrollWidth: buttons[0].parentElement.scrollWidth, clientWidth: buttons[0].parentElement.clientWidth };
  }
  const live = document.getElementById('descent-formula-live');
  if (live) {
    const container = live.parentElement;
    const card = live.closest('.panel');
    const right = Math.max(...[...live.children].map((c) => c.getBoundingClientRect().right));
    out.live = {
      height: Math.round(live.getBoundingClientRect().height),
      scrollWidth: live.scrollWidth,
      clientWidth: live.clientWidth,
      container: { scrollWidth: container.scrollWidth, clientWidth: container.clientWidth },
      card: { scrollWidth: card.scrollWidth, clientWidth: card.clientWidth },
      // How far the formula's last glyph reaches past its container's inner edge (≤ 0 fits).
      overhang: Math.round(right - (container.getBoundingClientRect().right - parseFloat(getComputedStyle(container).paddingRight))),
    };
  }
  // 3.1: where each card starts.
  const cards = [...document.querySelectorAll('.scene-loss .panel, #scene-tools')];
  out.cards = cards.map((el) => ({ name: el.className.split(' ').filter((c) => c !== 'panel')[0] || el.id, top: top(el) }));
  // Every math on the page: its height (Firefox's MathML is taller).
  out.math = [...document.querySelectorAll('math')].map((m) => Math.round(m.getBoundingClientRect().height));
  return out;
}

function assertNoHorizontalOverflow(m, where) {
  assert.ok(m.scrollWidth <= m.innerWidth, `${where}: no horizontal overflow (scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth})`);
}

function assertDescentFits(m, where) {
  assert.ok(m.buttonTops, `${where}: found Play, Step, Reset`);
  assert.equal(new Set(m.buttonTops).size, 1, `${where}: Play, Step and Reset on one row (offsetTop ${m.buttonTops})`);
  assert.ok(m.buttonsBox.scrollWidth <= m.buttonsBox.clientWidth + 1, `${where}: the buttons fit their row (${JSON.stringify(m.buttonsBox)})`);
  const { live } = m;
  assert.ok(live.container.scrollWidth <= live.container.clientWidth + 1, `${where}: the live formula does not overflow its box (${JSON.stringify(live)})`);
  assert.ok(live.card.scrollWidth <= live.card.clientWidth + 1, `${where}: nor its card (${JSON.stringify(live)})`);
  assert.ok(live.scrollWidth <= live.clientWidth + 1, `${where}: the live formula is not cut (${JSON.stringify(live)})`);
  assert.ok(live.overhang <= 1, `${where}: its last glyph is inside the card (${live.overhang} px past)`);
}

describe('Firefox layout at 1280×720, as in Chromium', () => {
  // (At 1268 px, what classic scrollbars leave of 1280: scrollbars.test.mjs.)
  for (const width of [1280]) {
    test(`descent at ${width} px: Play, Step, Reset on one row and the live formula inside its card (Firefox and Chromium)`, async (t) => {
      for (const lang of LANGS) {
        // A long number on each side of the formula: the widest it gets.
        const query = `?scene=descent&lang=${lang}&curve=bumpy&lr=0.123456&start=-2.345678`;
        const ff = await h.open(t, query, { width, height: 720 });
        await ff.page.evaluate(() => window.descent.step(3));
        await frames(ff.page, 3);
        const firefox = await ff.page.evaluate(measure);
        assertDescentFits(firefox, `Firefox ${width}/${lang}`);
        assertNoHorizontalOverflow(firefox, `Firefox ${width}/${lang}`);
        const ch = await openChromium(t, query, { width, height: 720 });
        await ch.page.evaluate(() => window.descent.step(3));
        await frames(ch.page, 3);
        const chrome = await ch.page.evaluate(measure);
        assertDescentFits(chrome, `Chromium ${width}/${lang}`);
        // The live formula is one line in both: Firefox's is no taller than Chromium's by more than a few px.
        assert.ok(firefox.live.height <= chrome.live.height + 12, `live formula height: Firefox ${firefox.live.height} vs Chromium ${chrome.live.height} px`);
        assert.deepEqual([...ff.problems, ...ch.problems], []);
        assert.deepEqual([...ff.foreign, ...ch.foreign], []);
      }
    });
  }

  test('loss: the cards start within 20 px of where Chromium puts them, in English and Chinese', async (t) => {
    for (const lang of LANGS) {
      const query = `?scene=loss&lang=${lang}`;
      const ff = await h.open(t, query);
      const firefox = await ff.page.evaluate(measure);
      const ch = await openChromium(t, query);
      const chrome = await ch.page.evaluate(measure);
      assert.deepEqual(firefox.cards.map((c) => c.name), chrome.cards.map((c) => c.name), 'the same cards');
      assert.ok(firefox.cards.length >= 5, `cards found (${JSON.stringify(firefox.cards)})`);
      const shifts = firefox.cards.map((c, i) => ({ card: c.name, firefox: c.top, chromium: chrome.cards[i].top, shift: c.top - chrome.cards[i].top }));
      for (const s of shifts) assert.ok(Math.abs(s.shift) <= 20, `${lang}: ${s.card} is ${s.shift} px lower in Firefox (${JSON.stringify(shifts)})`);
      assertNoHorizontalOverflow(firefox, `Firefox loss/${lang}`);
      assertNoHorizontalOverflow(chrome, `Chromium loss/${lang}`);
      assert.deepEqual([...ff.problems, ...ch.problems], []);
    }
  });
});

describe('numbers never break the layout in Firefox', () => {
  test('3.2: the live formula and the readouts fit their cards at every η from 10⁻⁵ to 10³, in both languages', async (t) => {
    for (const lang of LANGS) {
      // The built-in curves, a typed one, and a typed one with no minimum.
      for (const curve of ['bumpy', 'data-mse', `formula&formula=${encodeURIComponent('w^4/4 - w^2 + sin(5*w)/10')}`, 'formula&formula=-w%5E2']) {
        const { page, problems } = await h.open(t, `?scene=descent&curve=${curve}&start=-2&lang=${lang}`);
        for (const [eta, over] of await numbersOverflowing(page)) assert.deepEqual(over, [], `${curve}, η = ${eta}, ${lang}`);
        assert.deepEqual(problems, [], `${curve}/${lang}`);
      }
    }
  });
});
