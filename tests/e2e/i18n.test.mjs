// End-to-end: every scene in Chinese shows no English string from the
// tables (visible text, accessible names, titles and options alike).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRINGS } from '../../www/i18n.js';
import { sharedHarness } from './browser.mjs';

const h = sharedHarness();

/** The fixed parts of an English string (placeholders cut out), long enough to be telling. */
function fragments(text) {
  return text.split(/\{\w+\}/).map((part) => part.trim()).filter((part) => part.length >= 8 && /[a-z]{3}/i.test(part));
}

for (const scene of ['loss', 'descent', 'backprop', 'training']) {
  test(`${scene} in Chinese shows no English from the string tables`, async (t) => {
    const { page } = await h.page(t, `?scene=${scene}&lang=zh`);
    const shown = await page.evaluate(() => {
      const parts = [document.body.innerText, document.title];
      for (const el of document.querySelectorAll('[aria-label], [title], [aria-valuetext]')) {
        parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.getAttribute('aria-valuetext') ?? '');
      }
      for (const option of document.querySelectorAll('option')) parts.push(option.textContent);
      return parts.join('\n');
    });
    const leftovers = [];
    for (const [key, english] of Object.entries(STRINGS.en)) {
      if (STRINGS.zh[key] === english) continue;
      for (const fragment of fragments(english)) {
        if (!STRINGS.zh[key].includes(fragment) && shown.includes(fragment)) leftovers.push(`${key}: ${fragment}`);
      }
    }
    assert.deepEqual(leftovers, []);
    assert.match(shown, /[\u4e00-\u9fff]{4}/, 'Chinese text is shown');
  });
}
