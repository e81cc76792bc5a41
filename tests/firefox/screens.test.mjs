// Firefox ESR in front of a class and in a course page, as Chromium is
// checked in tests/e2e/layout.test.mjs: projector mode at 1280×720 puts
// each scene (and 3.2 on a typed curve, its formula box too) on one screen
// with its picture and the controls that change it, and type of 22 px and
// up; an embedded scene (the chapter's four, comparing runs, and 3.2 on a
// typed curve) fits frames of 720×460, 800×600 and 1000×620 without a
// scrollbar. (An iframe's inside is a viewport of its size, so the embed
// page is opened at that size.)

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, frames, harness } from './firefox.mjs';
import { BACKPROP_SCREEN, CONTROLS, EMBEDDED, LANGS, PICTURE, SCENES, VIEWS, address, assertInView, boxes, smallestText } from '../e2e/screens.mjs';

let h;
before(async () => {
  h = await harness();
});
after(async () => {
  await h?.close();
});

function page() {
  const d = document.documentElement;
  return { scrollHeight: d.scrollHeight, clientHeight: d.clientHeight, scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
}

describe('Firefox: projector mode at 1280×720', () => {
  for (const scene of [...SCENES, ...Object.keys(VIEWS)]) {
    test(`${scene}: one screen in both languages, type of 22 px and up`, async (t) => {
      for (const lang of LANGS) {
        const { page: p, problems } = await h.open(t, `${address(scene)}&lang=${lang}&present=1`, { width: 1280, height: 720 });
        await frames(p, 3);
        const m = await p.evaluate(page);
        assert.ok(m.scrollWidth <= m.clientWidth, `${scene}/${lang}: no sideways scrolling (${JSON.stringify(m)})`);
        assert.ok(m.scrollHeight <= 720, `${scene}/${lang}: no vertical scrolling (${JSON.stringify(m)})`);
        const extra = scene === 'backprop' ? BACKPROP_SCREEN : [];
        assertInView(await p.evaluate(boxes, [PICTURE[scene], ...CONTROLS[scene], ...extra]), 1280, 720, `Firefox ${scene}/${lang}`);
        const min = await p.evaluate(smallestText);
        assert.ok(min.size >= 22, `${scene}/${lang}: the smallest text is ${min.size} px: ${min.element}`);
        await p.screenshot({ path: join(ARTIFACTS, `firefox-present-${scene}-${lang}-1280x720.png`) });
        assert.deepEqual(problems, []);
      }
    });
  }
});

describe('Firefox: embedded', () => {
  for (const [width, height] of [[720, 460], [800, 600], [1000, 620]]) {
    test(`every scene fits a ${width}×${height} frame without a scrollbar, in both languages`, async (t) => {
      for (const scene of [...EMBEDDED, ...Object.keys(VIEWS)]) {
        for (const lang of LANGS) {
          const where = `${scene}/${lang} at ${width}×${height}`;
          const { page: p, problems } = await h.open(t, `${address(scene)}&embed=1&lang=${lang}`, { width, height });
          await frames(p, 2);
          const m = await p.evaluate(page);
          assert.ok(m.scrollHeight <= m.clientHeight, `${where}: no vertical scrollbar (${JSON.stringify(m)})`);
          assert.ok(m.scrollWidth <= m.clientWidth, `${where}: no horizontal scrollbar (${JSON.stringify(m)})`);
          const picture = await p.evaluate(boxes, [PICTURE[scene]]);
          assertInView(picture, width, height, where);
          assert.ok(picture[0].right - picture[0].left > width * 0.35, `${where}: the picture takes a good part of the frame`);
          if (width === 720) await p.screenshot({ path: join(ARTIFACTS, `firefox-embed-${scene}-${lang}-720x460.png`) });
          assert.deepEqual(problems, []);
          await p.close();
        }
      }
    });
  }
});
