// End-to-end: the layout in front of a class, in a course page and on a
// phone. Projector mode at 1280×720 puts each scene on one screen (3.3 at
// every step of its walk, the example's values and the update behind two
// buttons; 3.2 on a typed curve with its formula box) with type of 22 px
// and up, and the 3.4 flowchart's words of 20 px and up inside their boxes;
// the normal view at 1280×720 has every control above the fold; an
// embedded scene (comparing runs too) fits its iframe without a scrollbar
// at 720×460, 800×600 and 1000×620; a phone shows the picture with the
// control that changes it, all five scenes in the navigation, and no key
// hints. Comparing runs, whose loss plot, board and sweep sit below its
// picture, has its own projector check: the picture and every control of
// the runs on one screen. Screenshots in tests/e2e/artifacts/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, DIST, expectText, frames, launch, sharedHarness } from './browser.mjs';
import { serve } from './server.mjs';

import { BACKPROP_SCREEN, CONTROLS, EMBEDDED, LANGS, PHONE, PICTURE, SCENES, VIEWS, address, assertInView, boxes, elsewhere, smallestText } from './screens.mjs';

const h = sharedHarness();

describe('projector mode at 1280×720', () => {
  for (const lang of LANGS) {
    for (const scene of [...SCENES, ...Object.keys(VIEWS)]) {
      test(`${scene} (${lang}): on one screen, type of 22 px and up`, async (t) => {
        const { page } = await h.page(t, `${address(scene)}&lang=${lang}&present=1`, { width: 1280, height: 720 });
        await frames(page, 3);
        const { scrollHeight, scrollWidth, innerHeight, innerWidth } = await page.evaluate(() => ({
          scrollHeight: document.documentElement.scrollHeight,
          scrollWidth: document.documentElement.scrollWidth,
          innerHeight,
          innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `no sideways scrolling (${scrollWidth} > ${innerWidth})`);
        assert.ok(scrollHeight <= innerHeight, `no vertical scrolling (${scrollHeight} > ${innerHeight})`);
        const extra = scene === 'backprop' ? BACKPROP_SCREEN : [];
        assertInView(await page.evaluate(boxes, [PICTURE[scene], ...CONTROLS[scene], ...extra]), 1280, 720, `${scene}/${lang}`);
        const min = await page.evaluate(smallestText);
        assert.ok(min.size >= 22, `the smallest text is ${min.size} px: ${min.element}`);
        await page.screenshot({ path: join(ARTIFACTS, `layout-present-${scene}-${lang}-1280x720.png`) });
      });
    }
  }
});

describe('projector mode at 1280×720: 3.3 walked and 3.4 flowchart', () => {
  for (const lang of LANGS) {
    test(`backprop (${lang}): one screen at every step of the walk, the values and the update a button away`, async (t) => {
      const { page } = await h.page(t, `?scene=backprop&lang=${lang}&present=1`, { width: 1280, height: 720 });
      const fits = () => page.evaluate(() => {
        const info = document.querySelector('.backprop-info');
        return { scrollHeight: document.documentElement.scrollHeight, info: info.scrollHeight - info.clientHeight };
      });
      for (let step = 0; ; step++) {
        const m = await fits();
        assert.ok(m.scrollHeight <= 720, `step ${step}: no vertical scrolling (${m.scrollHeight} > 720)`);
        assert.ok(m.info <= 0, `step ${step}: the current factor and the products fit their column (${m.info} px over)`);
        assertInView(await page.evaluate(boxes, ['#backprop-canvas', ...CONTROLS.backprop, ...BACKPROP_SCREEN]), 1280, 720, `${lang} step ${step}`);
        if (await page.locator('#backprop-step').isDisabled()) break;
        assert.ok(step < 20, 'the walk ends');
        await page.locator('#backprop-step').click();
        await frames(page, 2); // the step is drawn and the buttons follow
      }
      for (const [toggle, inside] of [[0, '#backprop-x'], [1, '#backprop-apply']]) {
        assert.equal(await page.locator(inside).isVisible(), false, `${inside} folded away`);
        await page.locator('.backprop-more-toggle').nth(toggle).click();
        await frames(page, 1);
        assertInView(await page.evaluate(boxes, [inside]), 1280, 720, `${lang}: ${inside} once its button is pressed`);
        const min = await page.evaluate(smallestText);
        assert.ok(min.size >= 22, `with ${inside} open, the smallest text is ${min.size} px: ${min.element}`);
      }
      await page.locator('#backprop-apply').click();
      // The readout follows in the next frame.
      await expectText(page, '#backprop-loss-after', /\d/);
      await page.screenshot({ path: join(ARTIFACTS, `layout-present-backprop-update-${lang}-1280x720.png`) });
    });

    test(`training (${lang}): the flowchart's words are 20 px and up, inside their boxes`, async (t) => {
      const { page } = await h.page(t, `?scene=training&lang=${lang}&present=1`, { width: 1280, height: 720 });
      await frames(page, 2);
      const texts = await page.evaluate(() => {
        const svg = document.querySelector('svg.flowchart');
        const viewBox = svg.viewBox.baseVal;
        // The drawing's scale on the screen: the smaller of the two (preserveAspectRatio "meet").
        const r = svg.getBoundingClientRect();
        const scale = Math.min(r.width / viewBox.width, r.height / viewBox.height);
        return [...svg.querySelectorAll('text')].filter((el) => el.checkVisibility() && el.textContent.trim()).map((el) => {
          const box = el.getBoundingClientRect();
          const shape = el.closest('.stage')?.querySelector('.shape').getBoundingClientRect();
          return {
            text: el.textContent,
            size: parseFloat(getComputedStyle(el).fontSize) * scale,
            ctm: parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a,
            box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
            shape: shape && { left: shape.left, right: shape.right, top: shape.top, bottom: shape.bottom },
          };
        });
      });
      assert.equal(texts.filter((x) => x.shape).length, 14, 'a name and a line under it in each of the seven stages');
      assert.equal(texts.filter((x) => !x.shape).length, 2, 'yes and no');
      for (const x of texts) {
        assert.ok(x.size >= 20 && x.ctm >= 20, `“${x.text}” is ${x.size.toFixed(1)} px on the screen (${x.ctm.toFixed(1)} by its transform)`);
        if (!x.shape) continue;
        const inside = x.box.left >= x.shape.left && x.box.right <= x.shape.right && x.box.top >= x.shape.top && x.box.bottom <= x.shape.bottom;
        assert.ok(inside, `“${x.text}” inside its stage (${JSON.stringify(x)})`);
      }
    });
  }
});

describe('normal view at 1280×720', () => {
  for (const lang of LANGS) {
    test(`every scene's controls above the fold (${lang})`, async (t) => {
      for (const scene of [...SCENES, ...Object.keys(VIEWS)]) {
        const { page, context } = await h.page(t, `${address(scene)}&lang=${lang}`, { width: 1280, height: 720 });
        // A control only another view shows is checked in that view.
        const controls = await page.evaluate((skip) => [...document.querySelectorAll('main [data-control]')].filter((el) => !skip.includes(el.dataset.control)).map((el, i) => {
          // A control folded in a closed <details> is one click away: its summary must be in view.
          const folded = el.closest('details:not([open])');
          const r = (folded ? folded.querySelector('summary') : el).getBoundingClientRect();
          return { selector: `${el.dataset.control} (#${i})`, top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), visible: (folded ? folded.querySelector('summary') : el).checkVisibility() };
        }), elsewhere(scene));
        assert.ok(controls.length >= 4, `${scene}: its controls found`);
        assertInView(controls, 1280, 720, `${scene}/${lang}`);
        await context.close();
      }
    });
  }
});

describe('embedded in an iframe', () => {
  /** A course page with one iframe, sized by the address: /course.html?w=720&h=460&src=… */
  const COURSE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>course</title><link rel="icon" href="data:,">
<style>body { margin: 0; } iframe { border: 0; display: block; }</style></head><body>
<iframe id="scene" title="scene"></iframe>
<script>
  const q = new URLSearchParams(location.search);
  const frame = document.getElementById('scene');
  frame.style.width = q.get('w') + 'px';
  frame.style.height = q.get('h') + 'px';
  frame.src = '/descent/' + q.get('src');
</script></body></html>`;
  let site;
  let browser;
  before(async () => {
    site = await serve(DIST, '/descent/', { '/course.html': COURSE });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const SIZES = [[720, 460], [800, 600], [1000, 620]];
  /** The README's snippet: a notice strip names the hidden and locked controls. */
  const README = '?scene=descent&embed=1&lang=zh&curve=bowl&hide=speed,curve&lock=lr';
  const queries = [...[...EMBEDDED, ...Object.keys(VIEWS)].flatMap((scene) => LANGS.map((lang) => [`${scene}/${lang}`, `${address(scene)}&embed=1&lang=${lang}`])), ['README snippet', README]];

  for (const [width, height] of SIZES) {
    test(`every scene fits a ${width}×${height} frame without a scrollbar`, async (t) => {
      const context = await browser.newContext({ viewport: { width: width + 40, height: height + 40 } });
      t.after(() => context.close());
      const problems = [];
      for (const [name, query] of queries) {
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${name}: ${m.text()}`));
        page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
        await page.route('**/*', (route) => (route.request().url().startsWith(site.origin) ? route.continue() : route.abort()));
        await page.goto(`${site.origin}/course.html?w=${width}&h=${height}&src=${encodeURIComponent(query)}`);
        const frame = await (await page.waitForSelector('#scene')).contentFrame();
        await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true');
        await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const m = await frame.evaluate(() => {
          const d = document.documentElement;
          return { scrollHeight: d.scrollHeight, clientHeight: d.clientHeight, scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
        });
        assert.equal(m.clientWidth, width, `${name}: the frame is ${width} px wide`);
        assert.ok(m.scrollHeight <= m.clientHeight, `${name} at ${width}×${height}: no vertical scrollbar (${JSON.stringify(m)})`);
        assert.ok(m.scrollWidth <= m.clientWidth, `${name} at ${width}×${height}: no horizontal scrollbar (${JSON.stringify(m)})`);
        const scene = query.match(/scene=(\w+)/)[1];
        const picture = await frame.evaluate(boxes, [PICTURE[scene]]);
        assertInView(picture, width, height, `${name} at ${width}×${height}`);
        assert.ok(picture[0].right - picture[0].left > width * 0.35, `${name}: the picture takes a good part of the frame`);
        if (width === 720 && query !== README) {
          await (await page.$('#scene')).screenshot({ path: join(ARTIFACTS, `layout-embed-${name.replace('/', '-')}-720x460.png`) });
        }
        await page.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('projector mode at 1280×720: comparing runs', () => {
  for (const lang of LANGS) {
    test(`compare (${lang}): the picture and the runs' controls on one screen, four runs, type of 20 px and up`, async (t) => {
      const { page } = await h.page(t, `?scene=compare&lang=${lang}&present=1&preset=optimizers`, { width: 1280, height: 720 });
      await frames(page, 3);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1280, `no sideways scrolling (${width})`);
      const rows = [0, 1, 2, 3].flatMap((i) => [`#compare-kind-${i}`, `#compare-lr-${i}`, `#compare-remove-${i}`, `#compare-regime-${i}`]);
      assertInView(await page.evaluate(boxes, [PICTURE.compare, ...CONTROLS.compare, '#compare-add', ...rows]), 1280, 720, `compare/${lang}`);
      const min = await page.evaluate(() => {
        let least = { size: Infinity };
        for (const el of document.querySelectorAll('.compare-controls :is(label, button, select, output, span, li)')) {
          if (!el.checkVisibility() || el.closest('[aria-hidden]') || el.getBoundingClientRect().bottom > innerHeight) continue;
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
          if (!own && el.tagName !== 'SELECT') continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < least.size) least = { size, element: `${el.tagName.toLowerCase()}#${el.id} “${el.textContent.trim().slice(0, 30)}”` };
        }
        return least;
      });
      assert.ok(min.size >= 20, `the smallest text is ${min.size} px: ${min.element}`);
      await page.screenshot({ path: join(ARTIFACTS, `layout-present-compare-${lang}-1280x720.png`) });
    });
  }
});

describe('phone at 390×844', () => {
  for (const lang of LANGS) {
    for (const scene of [...EMBEDDED, ...Object.keys(VIEWS)]) {
      test(`${scene} (${lang}): the picture with its control, five scenes in the navigation, no key hints`, async (t) => {
        const { page } = await h.page(t, `${address(scene)}&lang=${lang}`, { width: 390, height: 844, hasTouch: true });
        await frames(page, 2);
        const controls = PHONE[scene] ?? [CONTROLS[scene][0], CONTROLS[scene].at(-1)];
        assertInView(await page.evaluate(boxes, [PICTURE[scene], ...controls]), 390, 844, `${scene}/${lang}`);
        const links = await page.evaluate(() => [...document.querySelectorAll('nav.scenes a')].map((a, i) => {
          const r = a.getBoundingClientRect();
          return { selector: `${a.dataset.scene} (#${i})`, top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), visible: a.checkVisibility() };
        }));
        assert.equal(links.length, 5, 'five scene links');
        assertInView(links, 390, 844, `${scene}/${lang} navigation`);
        const hints = await page.evaluate(() => [...document.querySelectorAll('.shortcuts, .keys-hint, [data-i18n="backprop_keys"]')].filter((el) => el.checkVisibility()).map((el) => el.textContent));
        assert.deepEqual(hints, [], 'no key hints without a keyboard');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
        await page.screenshot({ path: join(ARTIFACTS, `layout-phone-${scene}-${lang}-390x844.png`) });
      });
    }
  }
  test('with a keyboard and a mouse, the key hints are there', async (t) => {
    const { page } = await h.page(t, '?scene=backprop', { width: 1280, height: 720 });
    assert.equal(await page.locator('[data-i18n="backprop_keys"]').isVisible(), true);
    assert.equal(await page.locator('.shortcuts').isVisible(), true);
  });
});
