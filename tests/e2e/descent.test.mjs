// End-to-end: the gradient-descent scene in headless Chromium, against the
// release build in dist/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ARTIFACTS, NON_FINITE, canvasInk, expectNotice, expectSharp, expectText, frames, numbersOverflowing, screenshots, sharedHarness, state } from './browser.mjs';

const h = sharedHarness();

/** Clicks Step `n` times and returns the state after each click. */
async function stepTimes(page, n) {
  const states = [];
  for (let i = 0; i < n; i += 1) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    states.push(await state(page));
  }
  return states;
}

/** The regime's name, once the page has drawn the latest step. */
async function regimeLabel(page) {
  await frames(page, 2);
  return page.locator('#descent-regime .regime-name').innerText();
}

describe('gradient-descent scene', () => {
  test('loads cleanly and draws the ball and the loss plot', async (t) => {
    const { page } = await h.page(t);
    await stepTimes(page, 3);
    await frames(page, 30);
    const curve = await canvasInk(page, '#descent-curve-canvas');
    const loss = await canvasInk(page, '#descent-loss-canvas');
    assert.ok(curve.ink > 5_000, `curve canvas has ink (${curve.ink})`);
    assert.ok(curve.orange > 100, `the orange ball is drawn (${curve.orange} px)`);
    assert.ok(curve.blue > 500, `the blue curve is drawn (${curve.blue} px)`);
    assert.ok(loss.ink > 5_000, `loss canvas has ink (${loss.ink})`);
    assert.ok(loss.blue > 50, `the loss line is drawn (${loss.blue} px)`);
    const s = await state(page);
    assert.equal(s.curve, 'data-mse');
    assert.equal(s.steps, 3);
    await expectText(page, '#descent-out-step', /^3$/);
  });

  test('the slider changes η without a reset, and with it the trajectory', async (t) => {
    const { page } = await h.page(t, '?curve=bumpy');
    const before = (await stepTimes(page, 3)).at(-1);
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.focus();
    for (let i = 0; i < 15; i += 1) await page.keyboard.press('ArrowRight');
    const retuned = await state(page);
    assert.ok(retuned.learningRate > before.learningRate * 1.3, 'η went up');
    assert.equal(retuned.steps, before.steps, 'no reset');
    assert.equal(retuned.w, before.w, 'the ball stayed put');
    const changed = (await stepTimes(page, 3)).at(-1);

    const fresh = await h.page(t, '?curve=bumpy');
    const unchanged = (await stepTimes(fresh.page, 6)).at(-1);
    assert.notEqual(changed.w, unchanged.w, 'a different η, a different trajectory');
    assert.match(await page.locator('#descent-lr-value').innerText(), new RegExp(String(retuned.learningRate)));
  });

  test('η well below η*: the loss falls monotonically, "too slow" or "converging"', async (t) => {
    for (const [lr, label] of [['0.005', 'Too slow'], ['0.3', 'Converging']]) {
      const { page } = await h.page(t, `?curve=bowl&start=2&lr=${lr}`);
      const s0 = await state(page);
      assert.equal(s0.criticalLearningRate, 1, 'bowl of curvature 2: η* = 1');
      const losses = [s0.loss, ...(await stepTimes(page, 8)).map((s) => s.loss)];
      for (let i = 1; i < losses.length; i += 1) assert.ok(losses[i] < losses[i - 1], `falls at step ${i}`);
      assert.equal(await regimeLabel(page), label);
    }
  });

  test('η between η*/2 and η*: "oscillating", and the loss still falls', async (t) => {
    const { page } = await h.page(t, '?curve=bowl&start=2&lr=0.8');
    const states = [await state(page), ...(await stepTimes(page, 8))];
    for (let i = 1; i < states.length; i += 1) {
      assert.ok(states[i].loss < states[i - 1].loss, `loss falls at step ${i}`);
      assert.ok(states[i].w * states[i - 1].w < 0, `jumps over the minimum at step ${i}`);
    }
    assert.equal(await regimeLabel(page), 'Oscillating');
  });

  test('η above η*: "diverging" within a few steps, no NaN or ∞, charts drawn, reset recovers', async (t) => {
    const { page } = await h.page(t, '?curve=bowl&start=2&lr=1.2&speed=1000');
    await stepTimes(page, 2);
    assert.equal(await regimeLabel(page), 'Diverging');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => window.descent.state().diverged, null, { timeout: 10_000 });
    await frames(page, 5);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, NON_FINITE);
    await expectText(page, '#descent-status', /flew off/);
    assert.ok((await canvasInk(page, '#descent-curve-canvas')).orange > 50, 'the ball is still drawn, at the edge');
    assert.ok((await canvasInk(page, '#descent-loss-canvas')).ink > 5_000, 'the loss plot is not blank');

    // Extreme values stay finite on the page too.
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.focus();
    await page.keyboard.press('End');
    await frames(page, 5);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);

    // A run that flew off cannot go on: it stops playing by itself.
    assert.equal((await state(page)).playing, false);
    await expectText(page, '#descent-play', /^Play$/);
    await page.getByRole('button', { name: 'Reset' }).click();
    await frames(page, 2);
    let s = await state(page);
    assert.equal(s.diverged, false);
    assert.equal(s.steps, 0);
    assert.equal(s.w, 2);
    await slider.focus();
    await page.keyboard.press('Home');
    await stepTimes(page, 3);
    s = await state(page);
    assert.ok(s.loss < 4 && s.loss > 0, 'back to descending');
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
  });

  test('keyboard: arrows move the slider, Space toggles play', async (t) => {
    const { page } = await h.page(t, '?curve=bumpy');
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.focus();
    const eta0 = (await state(page)).learningRate;
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const eta1 = (await state(page)).learningRate;
    assert.ok(eta1 < eta0, 'left lowers η');
    await page.keyboard.press('ArrowUp');
    assert.ok((await state(page)).learningRate > eta1, 'up raises η');
    assert.equal((await state(page)).playing, false);
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, true);
    await page.waitForFunction(() => window.descent.state().steps > 0);
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, false);
    await expectFocusVisible(page, slider);
  });

  test('clicking the curve, or dragging the ball by touch, picks the start', async (t) => {
    for (const [width, height, touch] of [[1280, 720, false], [390, 844, true]]) {
      const { page } = await h.page(t, '?curve=bowl&start=2', { width, height, hasTouch: touch });
      await stepTimes(page, 2);
      const canvas = page.locator('#descent-curve-canvas');
      const box = await canvas.boundingBox();
      // The bowl's view is symmetric about its minimum at 0: a point left of centre is w < 0.
      const target = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.5 };
      if (touch) await page.touchscreen.tap(target.x, target.y);
      else await page.mouse.click(target.x, target.y);
      await frames(page, 2);
      const s = await state(page);
      assert.equal(s.steps, 0, 'a new start resets the run');
      assert.ok(s.w < -0.3, `the ball moved left of the minimum (w = ${s.w})`);
      assert.equal(s.playing, false);
      if (!touch) {
        // Drag from the ball to the right.
        const from = await page.evaluate(() => window.descent.ballPosition());
        await page.mouse.move(box.x + from.x, box.y + from.y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.8, box.y + from.y, { steps: 5 });
        await page.mouse.up();
        assert.ok((await state(page)).w > 0.5, 'dragged to the right of the minimum');
      }
    }
  });

  test('touch: a tap on the learning-rate slider sets η there', async (t) => {
    const { page } = await h.page(t, '?curve=bowl&start=2&lr=0.3', { width: 390, height: 844, hasTouch: true });
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    const before = (await state(page)).learningRate;
    await page.touchscreen.tap(box.x + box.width * 0.95, box.y + box.height / 2);
    await frames(page, 2);
    const after = await state(page);
    assert.ok(after.learningRate > 2 * before, `η went from ${before} to ${after.learningRate}`);
    assert.equal(after.steps, 0);
    await expectText(page, '#descent-regime .regime-name', /^Diverging$/);
  });

  test('reduced motion: each step shows its result at once, without the rolling tween', async (t) => {
    const orangeAtBall = (page) => page.evaluate(() => {
      const { x, y } = window.descent.ballPosition();
      const canvas = document.querySelector('#descent-curve-canvas');
      const scale = canvas.width / canvas.clientWidth;
      const [r, g, b] = canvas.getContext('2d').getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
      return r > 200 && g > 130 && g < 190 && b < 50;
    });
    for (const [reducedMotion, expected] of [['reduce', true], ['no-preference', false]]) {
      const { page } = await h.page(t, '?curve=bowl&start=2&lr=0.3', { reducedMotion });
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await frames(page, 2);
      assert.equal(await orangeAtBall(page), expected, `${reducedMotion}: the ball ${expected ? 'is' : 'is not yet'} at its new place`);
    }
  });

  test('a bad address falls back with a visible notice', async (t) => {
    const { page } = await h.page(t, '?lr=abc&curve=saddle&start=1e999');
    await expectNotice(page, ['lr', 'curve', 'start']);
    const s = await state(page);
    assert.equal(s.curve, 'data-mse');
    assert.equal(s.learningRate, 0.01);
  });

  test('the loss plot, drawn a stretch at a time as the run goes, equals the plot drawn at once', async (t) => {
    // Closed stretches of the line move to the background as the run goes;
    // a language switch redraws the chart whole. The pixels must agree.
    const { page } = await h.page(t, '?curve=bumpy&lr=0.5&start=-2.3&speed=1000', { scale: 2 });
    await page.evaluate(() => window.descent.play(true));
    await page.waitForFunction(() => window.descent.state().steps > 3000);
    await page.evaluate(() => window.descent.play(false));
    await frames(page, 3);
    // Both pictures stay in the page; only the counts come back.
    const snapshot = () => page.evaluate(() => {
      const front = document.querySelector('#descent-loss-canvas');
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [front.width, front.height];
      const context = copy.getContext('2d', { willReadFrequently: true });
      context.drawImage(front.parentElement.querySelector('.chart-back'), 0, 0);
      context.drawImage(front, 0, 0);
      (window.__snapshots ||= []).push(context.getImageData(0, 0, copy.width, copy.height).data);
    });
    await snapshot();
    await page.evaluate(() => window.descent.relabel());
    await frames(page, 3);
    await snapshot();
    const { line, differ } = await page.evaluate(() => {
      const [inStretches, atOnce] = window.__snapshots;
      let line = 0;
      let differ = 0;
      for (let i = 0; i < atOnce.length; i += 4) {
        if (atOnce[i] < 30 && atOnce[i + 1] > 90 && atOnce[i + 2] > 150) line += 1;
        const gap = Math.max(...[0, 1, 2].map((c) => Math.abs(atOnce[i + c] - inStretches[i + c])));
        if (gap > 40) differ += 1;
      }
      return { line, differ };
    });
    assert.ok(line > 1_000, `the line is drawn (${line} px)`);
    assert.ok(differ < line * 0.01, `${differ} of ${line} line pixels differ`);
  });

  test('the update rule shows the live numbers: W_new = W_old − η × ∂L/∂W', async (t) => {
    const { page } = await h.page(t, '?curve=bowl&start=2&lr=0.3');
    for (let i = 0; i < 3; i += 1) {
      const s = await state(page);
      const live = async (key) => Number((await page.locator(`#descent-formula-live [data-live="${key}"]`).textContent()).replace('−', '-'));
      await expectText(page, '#descent-formula-live [data-live="w"]', new RegExp(`^${String(Number(s.w.toPrecision(4)))}`));
      const [next, w, eta, gradient] = [await live('next'), await live('w'), await live('eta'), await live('gradient')];
      assert.ok(Math.abs(w - s.w) <= 1e-3 * Math.abs(s.w), `W_old ${w} is the ball's w ${s.w}`);
      assert.equal(eta, s.learningRate);
      assert.ok(Math.abs(gradient - s.gradient) <= 1e-3 * Math.abs(s.gradient), `∂L/∂W ${gradient} vs ${s.gradient}`);
      assert.ok(Math.abs(next - (s.w - s.learningRate * s.gradient)) <= 1e-3 * Math.abs(next), 'W_new = W_old − η·∂L/∂W');
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await frames(page, 2);
      const after = await state(page);
      assert.ok(Math.abs(after.w - next) <= 1e-3 * Math.abs(next), 'the step lands where the rule said');
    }
  });

  test('η* is marked on the slider where the slider would set η = η*', async (t) => {
    // On the bowl L = w², η* = 2 / L″ = 1; with η = 1 the thumb stands at η*.
    const { page } = await h.page(t, '?curve=bowl&lr=1');
    const s = await state(page);
    assert.equal(s.criticalLearningRate, 1);
    const { fraction, track, mark } = await page.evaluate(() => {
      const slider = document.querySelector('#descent-lr');
      const box = (el) => el.getBoundingClientRect();
      const m = box(document.querySelector('#descent-lr-critical'));
      return { fraction: slider.value / slider.max, track: { left: box(slider).left, width: box(slider).width }, mark: m.left + m.width / 2 };
    });
    const thumbCentre = track.left + 8 + fraction * (track.width - 16);
    assert.ok(Math.abs(mark - thumbCentre) <= 4, `mark at ${mark.toFixed(1)} px, η* on the scale at ${thumbCentre.toFixed(1)} px`);
    assert.ok(fraction > 0.5 && fraction < 1, 'the slider reaches below and above η*');
  });

  test('in Chinese, the regimes use the chapter\'s words', async (t) => {
    const cases = [['0.005', '太小 · 收敛极慢'], ['0.3', '适中 · 快速收敛'], ['0.8', '偏大 · 震荡收敛'], ['1.2', '太大 · 发散']];
    for (const [lr, label] of cases) {
      const { page } = await h.page(t, `?curve=bowl&start=2&lr=${lr}&lang=zh`);
      for (let i = 0; i < 2; i += 1) await page.locator('#descent-step').click();
      await expectText(page, '#descent-regime .regime-name', new RegExp(`^${label}$`));
    }
  });

  test('the README example bounces between two points: "bouncing", never "diverging", in both languages', async (t) => {
    // ?scene=descent&curve=bumpy&lr=0.5&start=-2: η is above the left valley's η*,
    // yet the ball bounces between the same two points for ever.
    const words = {
      en: { label: 'Too large: bounces, never settles', status: /^Bouncing between w = [-−]1\.71 and w = [-−]1\.1\d*:/ },
      zh: { label: '太大 · 来回震荡不收敛', status: /^在 w = [-−]1\.71 与 w = [-−]1\.1\d* 之间来回跳动/ },
    };
    for (const [lang, { label, status }] of Object.entries(words)) {
      const { page } = await h.page(t, `?scene=descent&curve=bumpy&lr=0.5&start=-2&speed=1000&lang=${lang}`);
      const s0 = await state(page);
      assert.ok(s0.learningRate > s0.criticalLearningRate, 'η above η*');
      assert.equal(s0.regime, 'bouncing');
      assert.equal(s0.settles, false);
      assert.equal(s0.targetMinimum, null, 'no minimum is the target');
      assert.equal(await regimeLabel(page), label);
      await expectText(page, '#descent-status', status);
      await page.locator('#descent-regime').screenshot({ path: join(ARTIFACTS, `descent-bouncing-${lang}.png`) });
      // A long run agrees: bounded, never flown off, and still bouncing.
      await page.evaluate(() => window.descent.play(true));
      await page.waitForFunction(() => window.descent.state().steps > 2000);
      await page.evaluate(() => window.descent.play(false));
      const s = await state(page);
      assert.equal(s.diverged, false);
      assert.ok(s.w > -1.72 && s.w < -1.09, `w = ${s.w} inside the two points`);
      assert.equal(await regimeLabel(page), label);
      assert.doesNotMatch(await page.locator('#descent-regime').innerText(), /Diverging|发散/);
    }
  });

  test('while the run diverges the status never names a minimum, before and after it flies off', async (t) => {
    for (const [lang, names] of [['en', /minimum|Heading|At rest/], ['zh', /极小值|滚向|停在/]]) {
      const { page } = await h.page(t, `?curve=bowl&start=2&lr=1.2&lang=${lang}`);
      for (let i = 0; i < 60 && !(await state(page)).diverged; i += 1) {
        assert.equal((await state(page)).regime, 'diverging');
        await frames(page, 1);
        assert.doesNotMatch(await page.locator('#descent-status').innerText(), names, `${lang} at step ${(await state(page)).steps}`);
        await page.evaluate(() => window.descent.step(5));
      }
      await page.waitForFunction(() => window.descent.state().diverged);
      await frames(page, 2);
      const status = await page.locator('#descent-status').innerText();
      assert.doesNotMatch(status, names);
      assert.match(status, lang === 'en' ? /flew off/ : /飞出去/);
      assert.equal((await state(page)).targetMinimum, null);
    }
  });

  test('η = 0: "the weight never changes", never "at rest" on a slope', async (t) => {
    for (const [lang, label] of [['en', 'η = 0: the weight never changes'], ['zh', 'η = 0 · 权重永远不变']]) {
      const { page } = await h.page(t, `?curve=bumpy&lr=0&start=-2.4&lang=${lang}`);
      await stepTimes(page, lang === 'en' ? 3 : 0);
      const s = await state(page);
      assert.equal(s.w, -2.4, 'the weight never changes');
      assert.equal(s.regime, 'still');
      assert.equal(await regimeLabel(page), label);
      assert.doesNotMatch(await page.locator('#descent-status').innerText(), /At rest|lowest pit|停在|坑底/);
    }
  });

  test('the speed is steps per second, whatever the frame rate', async (t) => {
    const { page } = await h.page(t, '?curve=bowl&start=2&lr=0.001&speed=20');
    await page.evaluate(() => window.descent.play(true));
    const started = await page.evaluate(() => [performance.now(), window.descent.state().steps]);
    await page.waitForTimeout(2500);
    const ended = await page.evaluate(() => [performance.now(), window.descent.state().steps]);
    const rate = ((ended[1] - started[1]) * 1000) / (ended[0] - started[0]);
    // Generous bounds: a slow machine drops frames, the steps owed still come.
    assert.ok(rate > 14 && rate < 26, `${rate.toFixed(1)} steps per second at speed 20`);
  });

  test('a resized window redraws the charts at the new size', async (t) => {
    const { page } = await h.page(t, '?curve=bumpy', { width: 1280, height: 720 });
    const wide = await canvasInk(page, '#descent-curve-canvas');
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction((width) => document.querySelector('#descent-curve-canvas').width !== width, wide.width);
    await frames(page, 3);
    const narrow = await canvasInk(page, '#descent-curve-canvas');
    assert.ok(narrow.width < wide.width, `backing store follows the box (${wide.width} → ${narrow.width})`);
    assert.equal(narrow.width, narrow.cssWidth, 'one backing pixel per CSS pixel at DPR 1');
    assert.ok(narrow.ink > 5_000 && narrow.orange > 100, 'axes, curve and ball drawn again');
    const back = await page.evaluate(() => {
      const front = document.querySelector('#descent-curve-canvas');
      const back = front.parentElement.querySelector('.chart-back');
      return [back.width, back.height, front.width, front.height];
    });
    assert.deepEqual(back.slice(0, 2), back.slice(2), 'the background layer was resized with it');
  });

  test('sharp on HiDPI screens', async (t) => {
    const { page } = await h.page(t, '', { scale: 2 });
    await expectSharp(page, ['#descent-curve-canvas']);
  });

  test('screenshots at 1280×720 and 390×844, laid out without overflow', async (t) => {
    const spec = { query: '?curve=bumpy', name: 'descent', chart: '#descent-curve-canvas', minHeight: 200, what: 'the ball scene' };
    await screenshots(h, t, spec, async (page) => {
      await stepTimes(page, 4);
      await frames(page, 30);
    });
  });
});

async function expectFocusVisible(page, locator) {
  await locator.focus();
  const outline = await locator.evaluate((node) => getComputedStyle(node).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
}

describe('numbers for people', () => {
  test('after convergence the live formula shows 0 with a note, not floating-point dust', async (t) => {
    for (const lang of ['en', 'zh']) {
      const { page } = await h.page(t, `?scene=descent&curve=bowl&start=2&lr=0.3&lang=${lang}`);
      await page.evaluate(() => window.descent.step(400));
      await page.waitForFunction(() => window.descent.state().steps === 400);
      await frames(page, 3);
      const formula = await page.locator('#descent-formula-live').textContent();
      assert.doesNotMatch(formula, /10[⁻¹²³⁴⁵⁶⁷⁸⁹⁰]{2,}/, `no dust: ${formula}`);
      assert.equal(await page.locator('#descent-converged').isVisible(), true, 'the converged note');
      // Before convergence, no note.
      await page.evaluate(() => window.descent.apply({ reset: true }));
      await frames(page, 3);
      assert.equal(await page.locator('#descent-converged').isVisible(), false);
    }
  });
});

describe('nothing overflows', () => {
  test('the live formula and the readouts fit their cards at every η from 10⁻⁵ to 10³, in both languages', async (t) => {
    for (const lang of ['en', 'zh']) {
      for (const curve of ['bumpy', 'data-mse']) {
        const { page } = await h.page(t, `?scene=descent&curve=${curve}&start=-2&lang=${lang}`);
        for (const [eta, over] of await numbersOverflowing(page)) assert.deepEqual(over, [], `${curve}, η = ${eta}, ${lang}`);
      }
    }
  });
});
