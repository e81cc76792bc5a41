// End-to-end: the training-loop scene (3.4) in headless Chromium, against
// the release build in dist/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NON_FINITE, canvasInk, expectNotice, expectSharp, expectText, frames, screenshots, sharedHarness, state } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const h = sharedHarness();

/** What `descent chapter` prints, one string per line (built binary, same CARGO_TARGET_DIR). */
function chapterLines() {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'descent-cli', '--', 'chapter'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: process.env,
  });
  return out.trim().split('\n');
}

/** The training scene for test `t`, with `query` added to its address. */
function open(t, query = '', options = {}) {
  return h.page(t, `?scene=training${query}`, options);
}

/**
 * Runs `n` epochs through the scene's handle. They go through the kit's
 * per-frame budget, so this waits for the frames that ran them; resolves
 * to how many ran.
 */
function step(page, n) {
  return page.evaluate((n) => window.descent.step(n), n);
}

function consoleLines(page) {
  return page.locator('#training-console .line').allInnerTexts();
}

/** Plays at 1000 epochs/s until `predicate(state)` holds. */
async function playUntil(page, predicate) {
  await page.evaluate(() => {
    window.descent.setSpeed(1000);
    window.descent.play(true);
  });
  await page.waitForFunction(`(${predicate})(window.descent.state())`, null, { timeout: 10_000 });
  await frames(page, 3);
}

/** A hash of a canvas's pixels, to tell two drawings apart. */
function canvasHash(page, selector) {
  return page.evaluate((selector) => {
    // Read a copy of both layers, so the page's canvases are never read back.
    const canvas = document.querySelector(selector);
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(canvas.parentElement.querySelector('.chart-back'), 0, 0);
    context.drawImage(canvas, 0, 0);
    const data = context.getImageData(0, 0, copy.width, copy.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
    return hash;
  }, selector);
}

function currentStages(page) {
  return page.locator('.flowchart [aria-current="step"]').evaluateAll((nodes) => nodes.map((n) => n.dataset.stage));
}

describe('training scene', () => {
  test('with seed 42 and η = 0.01 the console prints exactly what `descent chapter` prints', async (t) => {
    const expected = chapterLines();
    assert.equal(expected.length, 5);
    assert.equal(expected[0], 'Epoch 20, Loss: 1.2027');
    const { page } = await open(t);
    const s0 = await state(page);
    assert.equal(s0.seed, 42);
    assert.equal(s0.learningRate, 0.01);
    assert.equal(s0.epochs, 0);
    assert.equal(await step(page, 100), 100);
    await frames(page, 3);
    assert.deepEqual(await consoleLines(page), expected);
    const s = await state(page);
    assert.equal(s.epochs, 100);
    assert.equal(s.loss.toFixed(4), '0.8179');
    await expectText(page, '#training-out-epoch', /^100$/);
    await expectText(page, '[data-live="loss"]', /^0\.8179$/);
    await expectText(page, '[data-live="eta"]', /^0\.01$/);

    const fit = await canvasInk(page, '#training-fit-canvas');
    assert.ok(fit.ink > 5_000, `the fit canvas has ink (${fit.ink})`);
    assert.ok(fit.orange > 300, `the network's curve is drawn (${fit.orange} px)`);
    assert.ok((await canvasInk(page, '#training-loss-canvas')).blue > 100, 'the loss line is drawn');
  });

  test('played at full speed, the chapter lines come first and the run stops at the default threshold', async (t) => {
    const expected = chapterLines();
    const { page } = await open(t);
    await playUntil(page, (s) => s.done);
    const lines = await consoleLines(page);
    assert.deepEqual(lines.slice(0, 5), expected);
    const s = await state(page);
    assert.equal(s.threshold, 0.8);
    assert.ok(s.loss < 0.8 && s.epochs > 100, `stopped below 0.8 after the chapter's 100 epochs (${s.epochs})`);
    assert.equal(lines[5], `Epoch ${s.epochs}, Loss: ${s.loss.toFixed(4)}`);
    assert.match(lines[6], /^# .*training complete/);
  });

  test('the slider changes η live, without resetting the epoch count', async (t) => {
    const { page } = await open(t);
    await step(page, 30);
    const before = await state(page);
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const after = await state(page);
    assert.equal(after.learningRate, 0.015);
    assert.equal(after.epochs, 30, 'no reset');
    assert.equal(after.loss, before.loss);
    await expectText(page, '#training-lr-value', /η = 0\.015/);
    await step(page, 30);

    const fresh = await open(t);
    await step(fresh.page, 60);
    const changed = await state(page);
    const unchanged = await state(fresh.page);
    assert.equal(changed.epochs, 60);
    assert.notEqual(changed.loss, unchanged.loss, 'a different η, a different run');
  });

  test('η = 0.05: the page says "diverging", never NaN or ∞, the charts stay drawn, reset recovers', async (t) => {
    const { page } = await open(t, '&lr=0.05');
    await playUntil(page, (s) => s.halted);
    const s = await state(page);
    assert.ok(s.diverged && s.epochs < 20, `diverged quickly (${s.epochs} epochs)`);
    assert.equal(s.playing, false);
    await expectText(page, '#training-status .regime-name', /^Diverging$/);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
    const lines = await consoleLines(page);
    assert.match(lines.at(-2), new RegExp(`^Epoch ${s.epochs}, Loss: overflow$`));
    assert.match(lines.at(-1), /^# diverging/);
    const fit = await canvasInk(page, '#training-fit-canvas');
    assert.ok(fit.blue > 200 && fit.ink > 5_000, 'the data are still drawn');
    assert.ok(fit.orange > 100, 'the curve is still drawn, at the edge');
    assert.ok((await canvasInk(page, '#training-loss-canvas')).ink > 2_000, 'the loss plot is not blank');

    // Play does nothing on a run that has blown up; Reset brings it back.
    await page.getByRole('button', { name: 'Play' }).click();
    assert.equal((await state(page)).playing, false);
    await page.getByRole('button', { name: 'Reset' }).click();
    await frames(page, 2);
    const reset = await state(page);
    assert.equal(reset.epochs, 0);
    assert.equal(reset.diverged, false);
    assert.deepEqual(await consoleLines(page), []);
    const slider = page.getByRole('slider', { name: 'Learning rate' });
    await slider.focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft');
    assert.equal((await state(page)).learningRate, 0.01);
    await step(page, 20);
    await frames(page, 2);
    assert.deepEqual(await consoleLines(page), ['Epoch 20, Loss: 1.2027']);
    assert.doesNotMatch(await page.locator('#training-status .regime-name').innerText(), /Diverging/);
  });

  test('η above 0.05 (0.07, 0.1) diverges just as cleanly', async (t) => {
    for (const lr of ['0.07', '0.1']) {
      const { page } = await open(t, `&lr=${lr}`);
      await playUntil(page, (s) => s.halted);
      const s = await state(page);
      assert.ok(s.diverged && s.epochs < 20, `η = ${lr}: diverged quickly (${s.epochs} epochs)`);
      await expectText(page, '#training-status .regime-name', /^Diverging$/);
      assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
      assert.ok((await canvasInk(page, '#training-fit-canvas')).ink > 5_000, 'the fit chart is drawn');
      assert.ok((await canvasInk(page, '#training-loss-canvas')).ink > 2_000, 'the loss plot is drawn');
    }
  });

  test('the slider\'s "diverges" mark is where the network diverges: from its start, and after training at 0.01', async (t) => {
    const { page } = await open(t);
    const { rates, mark } = await page.evaluate(async () => {
      const m = await import('./www/scenes/training/settings.js');
      return { rates: m.RATES, mark: m.DIVERGING_RATE };
    });
    const runs = await page.evaluate(([rates]) => rates.map((lr) => [0, 20, 100, 500].map((before) => {
      const s = new window.wasmBindings.TrainingSession(42, 0.01, undefined);
      s.step(before);
      s.setLearningRate(lr);
      s.step(1000);
      const diverged = s.diverged;
      s.free();
      return diverged;
    })), [rates]);
    rates.forEach((lr, i) => {
      for (const diverged of runs[i]) assert.equal(diverged, lr >= mark, `η = ${lr}: diverged ${diverged}, the mark says ${lr >= mark}`);
    });
    await expectText(page, '#training-lr-diverge', new RegExp(`≥ ${mark} diverges`));
  });

  test('the threshold stops training at the first epoch whose loss is below it', async (t) => {
    const free = await open(t, '&threshold=off');
    // One epoch at a time, each awaited (it runs in a frame), read after it ran.
    const losses = await free.page.evaluate(async () => {
      const seen = [];
      for (let i = 0; i < 120; i += 1) {
        await window.descent.step(1);
        seen.push(window.descent.state().loss);
      }
      return seen;
    });
    const first = losses.findIndex((l) => l < 0.9) + 1;
    assert.ok(first > 60 && first < 100, `the chapter's run crosses 0.9 at epoch ${first}`);

    const { page } = await open(t, '&threshold=0.9');
    await playUntil(page, (s) => s.done);
    const s = await state(page);
    assert.equal(s.epochs, first);
    assert.equal(s.loss, losses[first - 1]);
    assert.equal(s.stage, 'done');
    assert.deepEqual(await currentStages(page), ['done']);
    await expectText(page, '#training-status .regime-name', /^Training complete$/);
    assert.equal((await consoleLines(page)).at(-2), `Epoch ${first}, Loss: ${losses[first - 1].toFixed(4)}`);
    await frames(page, 10);
    assert.equal((await state(page)).epochs, first, 'it stays stopped');

    // Lowering the bar lets the loop go on.
    await page.getByLabel('Stop when').selectOption('off');
    await page.getByRole('button', { name: 'Step' }).click();
    assert.equal((await state(page)).epochs, first + 1);
  });

  test('new seed draws new data and starts over', async (t) => {
    // No threshold: a random seed's run may be below L < 0.8 before epoch 20.
    const { page } = await open(t, '&threshold=off');
    await step(page, 10);
    await frames(page, 2);
    const before = await canvasHash(page, '#training-fit-canvas');
    await page.getByRole('button', { name: 'New seed' }).click();
    await frames(page, 3);
    const s = await state(page);
    assert.notEqual(s.seed, 42);
    assert.equal(s.epochs, 0);
    assert.equal(s.learningRate, 0.01, 'η is kept');
    assert.notEqual(await canvasHash(page, '#training-fit-canvas'), before);
    assert.match(await page.locator('#training-out-seed').innerText(), new RegExp(`^${s.seed}$`));
    await step(page, 20);
    await frames(page, 2);
    const [line] = await consoleLines(page);
    assert.match(line, /^Epoch 20, Loss: \d+\.\d{4}$/);
    assert.notEqual(line, 'Epoch 20, Loss: 1.2027');
    // Seeds come from the browser's random source: another click, another seed.
    const seeds = new Set([s.seed]);
    for (let i = 0; i < 3; i += 1) {
      await page.getByRole('button', { name: 'New seed' }).click();
      await frames(page, 2);
      seeds.add((await state(page)).seed);
    }
    assert.ok(seeds.size >= 3 && !seeds.has(42), `seeds ${[...seeds].join(', ')}`);
  });

  test('the flowchart marks the current stage and walks through the loop when slow', async (t) => {
    const { page } = await open(t, '&speed=1');
    assert.deepEqual(await currentStages(page), ['init']);
    await page.getByRole('button', { name: 'Step' }).click();
    await frames(page, 2);
    assert.deepEqual(await currentStages(page), ['check']);
    assert.equal(await page.locator('.training-math tr.current').count(), 0);

    await page.getByRole('button', { name: 'Play' }).click();
    const seen = new Set();
    const rows = new Set();
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      const stages = await currentStages(page);
      assert.equal(stages.length, 1, 'exactly one current stage');
      seen.add(stages[0]);
      const row = await page.locator('.training-math tr.current').evaluateAll((n) => n.map((r) => r.dataset.stage));
      for (const r of row) rows.add(r);
      await page.waitForTimeout(40);
    }
    for (const stage of ['forward', 'loss', 'backward', 'update', 'check']) assert.ok(seen.has(stage), `saw ${stage}: ${[...seen]}`);
    assert.ok(rows.has('forward') && rows.has('loss') && rows.has('update'), 'the formulas light with their stage');
    assert.ok((await state(page)).epochs >= 2);

    await page.evaluate(() => window.descent.setSpeed(100));
    await frames(page, 3);
    assert.equal((await state(page)).stage, 'running');
    assert.equal(await page.locator('.flowchart.running').count(), 1);
    await expectText(page, '#training-flow-title', /running, 100 epochs\/s/);
  });

  test('keyboard: Space plays and pauses, → steps, R resets; typing and buttons are left alone', async (t) => {
    const { page } = await open(t);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal((await state(page)).epochs, 2);
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, true);
    await page.keyboard.press('Space');
    assert.equal((await state(page)).playing, false);
    await page.keyboard.press('r');
    assert.equal((await state(page)).epochs, 0);

    // Space on a focused button presses that button only.
    await page.getByRole('button', { name: 'Step' }).focus();
    await page.keyboard.press('Space');
    const s = await state(page);
    assert.equal(s.epochs, 1);
    assert.equal(s.playing, false);
    const outline = await page.getByRole('button', { name: 'Step' }).evaluate((n) => getComputedStyle(n).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    // Keys typed into the threshold select do not reset the run.
    await page.getByLabel('Stop when').focus();
    await page.keyboard.press('r');
    assert.equal((await state(page)).epochs, 1);
  });

  test('the old names `loop` and `training-loop` open the scene', async (t) => {
    for (const name of ['loop', 'training-loop']) {
      const { page } = await h.page(t, `?scene=${name}&seed=7`);
      assert.equal(await page.locator('#training-heading').count(), 1, name);
      assert.equal(await page.evaluate(() => window.descent.scene), 'training', name);
      assert.equal((await state(page)).seed, 7, `${name}: the address's settings are read`);
    }
  });

  test('a bad address falls back with a visible notice; good settings are taken', async (t) => {
    const { page } = await open(t, '&seed=abc&lr=-1&speed=3&threshold=zero');
    await expectNotice(page, ['seed', 'lr', 'speed', 'threshold']);
    const s = await state(page);
    assert.deepEqual([s.seed, s.learningRate, s.speed, s.threshold], [42, 0.01, 20, 0.8]);

    const good = await open(t, '&seed=7&lr=0.02&speed=50&threshold=off');
    const g = await state(good.page);
    assert.deepEqual([g.seed, g.learningRate, g.speed, g.threshold], [7, 0.02, 50, undefined]);
    assert.equal(await good.page.locator('#notice').isVisible(), false);
  });

  test('in Chinese: the chapter’s words, the same console lines', async (t) => {
    const { page } = await open(t, '&lang=zh');
    assert.equal(await page.locator('#training-heading').innerText(), '完整训练流程');
    assert.match(await page.locator('.flowchart').textContent(), /前向传播[\s\S]*反向传播/);
    await step(page, 40);
    await frames(page, 2);
    assert.deepEqual(await consoleLines(page), ['Epoch 20, Loss: 1.2027', 'Epoch 40, Loss: 1.0303']);
    await expectText(page, '.question summary', /为什么需要计算梯度/);
    assert.match(await page.locator('#training-answer').textContent(), /31 个参数[\s\S]*10³¹/);
  });

  test('switching language rewords the page and the console notes, not the chapter lines', async (t) => {
    const { page } = await open(t, '&threshold=1.2');
    await playUntil(page, (s) => s.done);
    const before = await consoleLines(page);
    assert.match(before.at(-1), /^# loss .* < 1\.2: training complete/);
    await page.getByRole('button', { name: /Switch to Chinese/ }).click();
    await frames(page, 2);
    const after = await consoleLines(page);
    assert.deepEqual(after.slice(0, -1), before.slice(0, -1), 'Python prints the same in any language');
    assert.match(after.at(-1), /^# 损失 .* < 1\.2：第 \d+ 轮训练完成$/);
    await expectText(page, '#training-status .regime-name', /^训练完成$/);
    assert.match(await page.locator('.flowchart [data-stage="check"]').getAttribute('aria-label'), /损失足够小？ — L < 1\.2/);
    assert.doesNotMatch(await page.locator('body').innerText(), NON_FINITE);
    for (const selector of ['.training-flow', '.training-controls', '#training-console', '#training-loss-canvas']) {
      const b = await page.locator(selector).boundingBox();
      assert.ok(b.y + b.height <= 720, `${selector} stays above the fold in Chinese`);
    }
  });

  test('sharp on HiDPI screens', async (t) => {
    const { page } = await open(t, '', { scale: 2 });
    await expectSharp(page, ['#training-fit-canvas', '#training-loss-canvas']);
  });

  test('screenshots at 1280×720 and 390×844, laid out without overflow', async (t) => {
    const spec = { query: '?scene=training', name: 'training', chart: '#training-fit-canvas', minHeight: 220, what: 'the fit' };
    const prepare = async (page) => {
      await step(page, 100);
      await frames(page, 10);
    };
    const above = ['#training-fit-canvas', '.flowchart', '#training-console', '#training-loss-canvas', '#training-play'];
    await screenshots(h, t, spec, prepare, async (page, { width, height }) => {
      if (width <= 1000) return;
      for (const id of above) {
        const b = await page.locator(id).boundingBox();
        assert.ok(b.y + b.height <= height, `${id} is above the fold`);
      }
    });
  });
});

describe('training scene defaults', () => {
  test('at the default speed the console prints its first line at once and the chapter\'s run ends within seconds', async (t) => {
    const { page } = await open(t, '&threshold=off');
    const s = await state(page);
    assert.equal(s.speed, 20, '20 epochs a second: Epoch 20 after one second, epoch 100 after five');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => window.descent.state().console.length >= 1, null, { timeout: 4000 });
    await page.waitForFunction(() => window.descent.state().epochs >= 100, null, { timeout: 15000 });
    assert.match((await state(page)).console[0], /^Epoch 20, Loss: /);
  });
});
