// End-to-end: the training scene's playground (3.4) — its settings, the
// units' pieces of the fit, the network diagram and the PyTorch script —
// in headless Chromium, against the release build in dist/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NON_FINITE, canvasHash, canvasInk, frames, sharedHarness, state } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const h = sharedHarness();

/** What `descent pytorch --chapter` prints (built binary, same CARGO_TARGET_DIR). */
function chapterScript(dtype) {
  return execFileSync('cargo', ['run', '-q', '-p', 'descent-cli', '--', 'pytorch', '--chapter', '--dtype', dtype], { cwd: ROOT, encoding: 'utf8', env: process.env });
}

function open(t, query = '', options = {}) {
  return h.page(t, `?scene=training${query}`, options);
}

const step = (page, n) => page.evaluate((n) => window.descent.step(n), n);

/** Sets η to the slider's stop `index` (0: the smallest, 'max': the largest), as a user would. */
function setRateStop(page, index) {
  return page.evaluate((index) => {
    const slider = document.querySelector('#training-lr');
    slider.value = index === 'max' ? slider.max : String(index);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
}

/** Changes setting `name` in the settings card, as a user would. */
async function choose(page, name, value) {
  const card = page.locator('#training-settings');
  if (!(await card.evaluate((d) => d.open))) await page.locator('#training-settings > summary').click();
  if (name === 'outlier') await page.locator('#training-set-outlier').setChecked(Boolean(value));
  else await page.locator(`#training-set-${name}`).selectOption(String(value));
  await frames(page, 2);
}

async function sceneText(page) {
  return page.locator('#scene').innerText();
}

describe('training playground', () => {
  test("the defaults are the chapter's settings and print the chapter's lines", async (t) => {
    const { page } = await open(t);
    const s = await state(page);
    assert.deepEqual(s.setup, { data: 'line', noise: 1, points: 100, outlier: false, layers: 1, width: 10, act: 'relu', opt: 'sgd', decay: 'default', batch: 'full' });
    assert.deepEqual(s.sizes, [1, 10, 1]);
    await step(page, 100);
    const after = await state(page);
    assert.equal(after.console[0], 'Epoch 20, Loss: 1.2027');
    assert.equal(after.console[4], 'Epoch 100, Loss: 0.8179');
    // The link of the chapter's run carries none of the playground's settings: they are at their defaults.
    const link = await page.evaluate(() => Object.fromEntries(window.descent.link()));
    for (const name of ['data', 'noise', 'points', 'outlier', 'layers', 'width', 'act', 'opt', 'decay', 'batch']) assert.equal(link[name], undefined, name);
  });

  test('every data set, depth, width and activation trains without NaN text at both ends of the slider', async (t) => {
    const { page } = await open(t);
    const configs = [];
    for (const data of ['line', 'sine', 'abs', 'step', 'quadratic']) configs.push({ data });
    for (const layers of [1, 2, 3]) for (const act of ['relu', 'tanh', 'sigmoid']) for (const width of [1, 64]) configs.push({ layers, act, width });
    for (const opt of ['momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad']) configs.push({ opt, batch: 16 });
    for (const config of configs) {
      for (const [name, value] of Object.entries(config)) await choose(page, name, value);
      for (const stop of [0, 'max']) {
        await setRateStop(page, stop);
        await page.locator('#training-reset').click();
        await step(page, 60);
        await frames(page, 3);
        const s = await state(page);
        const where = `${JSON.stringify(s.setup)} at η = ${s.learningRate}`;
        assert.ok(s.epochs > 0, `${where}: it trained`);
        assert.doesNotMatch(await sceneText(page), NON_FINITE, `${where}: no NaN or Infinity on the page`);
        assert.ok(s.diverged || Number.isFinite(s.loss), `${where}: a finite loss unless diverging (${s.loss})`);
      }
    }
  });

  test('the settings round-trip through the address', async (t) => {
    const query = '&data=sine&noise=0.5&points=200&outlier=1&layers=2&width=16&act=tanh&opt=adamw&decay=0.001&batch=32&lr=0.005';
    const { page } = await open(t, query);
    const s = await state(page);
    assert.deepEqual(s.setup, { data: 'sine', noise: 0.5, points: 200, outlier: true, layers: 2, width: 16, act: 'tanh', opt: 'adamw', decay: 0.001, batch: 32 });
    assert.deepEqual(s.sizes, [1, 16, 16, 1]);
    for (const [name, value] of [['data', 'sine'], ['points', '200'], ['layers', '2'], ['width', '16'], ['act', 'tanh'], ['opt', 'adamw'], ['decay', '0.001'], ['batch', '32']]) {
      assert.equal(await page.locator(`#training-set-${name}`).inputValue(), value, `${name} shown`);
    }
    assert.equal(await page.locator('#training-set-outlier').isChecked(), true);
    await step(page, 7);
    const link = await page.evaluate(() => new URLSearchParams(window.descent.link()).toString());
    const again = await open(t, `&${link}`);
    await again.page.waitForFunction(() => window.descent.state().epochs === 7);
    const back = await state(again.page);
    assert.deepEqual(back.setup, s.setup);
    assert.equal(back.loss, (await state(page)).loss, 'the same run, to the last bit');
    assert.match(await page.locator('#training-settings-line').innerText(), /sine · 16×16 tanh · AdamW · batches of 32/);
  });

  test('refused values fall back and are named; a value off the menu gets its own entry', async (t) => {
    const { page } = await open(t, '&width=7&layers=9&act=elu');
    const s = await state(page);
    assert.equal(s.setup.width, 7);
    assert.equal(s.setup.layers, 1);
    assert.equal(s.setup.act, 'relu');
    assert.equal(await page.locator('#training-set-width').inputValue(), '7');
    assert.deepEqual((await page.evaluate(() => window.descent.refused)).sort(), ['act', 'layers']);
  });

  test('changing a setting re-initialises and says so; η stays live without a reset', async (t) => {
    const { page } = await open(t);
    await step(page, 30);
    await choose(page, 'layers', 2);
    let s = await state(page);
    assert.equal(s.epochs, 0);
    assert.equal(s.reinit, 'training_layers');
    assert.match(await page.locator('#training-status').innerText(), /Re-initialised[\s\S]*Hidden layers changed/);
    await step(page, 5);
    await setRateStop(page, 2);
    s = await state(page);
    assert.equal(s.epochs, 5, 'η changes nothing else');
    assert.doesNotMatch(await page.locator('#training-status').innerText(), /Re-initialised/);
  });

  test("each unit's piece is drawn, they sum to the fit, and a focused unit lights its piece", async (t) => {
    const { page } = await open(t, '&act=tanh&width=8');
    await step(page, 40);
    for (const x of [-9, -2.5, 0, 3.3, 9.9]) {
      const { fit, sum } = await page.evaluate((x) => window.descent.pieceSum(x), x);
      assert.ok(Math.abs(fit - sum) <= 1e-9 * (1 + Math.abs(fit)), `at x = ${x}: Σ pieces + b₂ = ${sum}, ŷ = ${fit}`);
    }
    const withPieces = await canvasHash(page, '#training-fit-canvas');
    await page.locator('#training-pieces').setChecked(false);
    await frames(page, 3);
    const without = await canvasHash(page, '#training-fit-canvas');
    assert.notEqual(withPieces, without, 'the pieces are pixels on the chart');
    await page.locator('#training-pieces').setChecked(true);
    assert.equal(await page.locator('.training-unit').count(), 8);
    await page.locator('.training-unit[data-unit="3"]').focus();
    await frames(page, 3);
    assert.notEqual(await canvasHash(page, '#training-fit-canvas'), withPieces, 'the focused unit is drawn strongly');
    assert.equal(await page.locator('.training-unit.current').getAttribute('data-unit'), '3');
    const ink = await canvasInk(page, '#training-network-canvas');
    assert.ok(ink.ink > 500, `the network diagram is drawn (${ink.ink} pixels)`);
  });

  test('dead ReLU units are marked; deeper networks have no pieces but a diagram', async (t) => {
    const { page } = await open(t);
    const dead = await page.locator('.training-unit.dead').count();
    assert.ok(dead >= 1, `the chapter's initial network has dead units (${dead})`);
    assert.match(await page.locator('.training-unit.dead').first().innerText(), /dead/);
    await choose(page, 'layers', 3);
    assert.equal(await page.locator('.training-unit').count(), 0);
    assert.match(await page.locator('#training-units-hint').innerText(), /one hidden layer/);
    assert.equal(await page.evaluate(() => window.descent.pieceSum(1)), undefined);
    const ink = await canvasInk(page, '#training-network-canvas');
    assert.ok(ink.ink > 500, `the diagram of 1 → 10 → 10 → 10 → 1 is drawn (${ink.ink})`);
  });

  test("the code panel shows the chapter's script, float32 or float64, and copies it", async (t) => {
    const { page, context } = await open(t);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const shown = () => page.evaluate(() => window.descent.script());
    assert.equal(await shown(), chapterScript('float32'));
    assert.equal(await page.locator('#training-script code').textContent(), chapterScript('float32'), 'the panel holds the script, line for line');
    await page.locator('#training-code-copy').click();
    await page.waitForFunction(() => document.querySelector('#training-code-copy').dataset.copied);
    assert.equal(await page.locator('#training-code-copy').getAttribute('data-copied'), chapterScript('float32'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), chapterScript('float32'));
    await page.locator('#training-code-f64').setChecked(true);
    assert.equal(await shown(), chapterScript('float64'));
    await setRateStop(page, 0);
    assert.match(await shown(), /optim\.SGD\(model\.parameters\(\), lr=0\.001\)/, 'the script follows η');
    await choose(page, 'opt', 'adam');
    assert.match(await shown(), /optim\.Adam\(model\.parameters\(\), lr=0\.001\)/);
  });

  test("the code panel lights the lines of the loop's current stage", async (t) => {
    // No threshold: at 1000 epochs/s the run must not stop (and light the check) while it is read.
    const { page } = await open(t, '&threshold=off');
    await frames(page, 3);
    let s = await state(page);
    assert.equal(s.stage, 'init');
    assert.deepEqual(s.code.map((l) => l.trim()).filter((l) => /^(model|criterion|optimizer) =/.test(l)), ['model = SimpleNN()', 'criterion = nn.MSELoss()', 'optimizer = optim.SGD(model.parameters(), lr=0.01)']);
    const expected = {
      forward: ['predictions = model(X_train)'],
      loss: ['loss = criterion(predictions, y_train)'],
      backward: ['optimizer.zero_grad()', 'loss.backward()'],
      update: ['optimizer.step()'],
      check: ['if (epoch + 1) % 20 == 0:', "print(f'Epoch {epoch+1}, Loss: {loss.item():.4f}')"],
    };
    await page.evaluate(() => {
      window.descent.setSpeed(0.5);
      window.descent.play(true);
    });
    for (const [stage, lines] of Object.entries(expected)) {
      // The stage as the last drawn frame marked it, and the lines lit with it.
      const lit = await page.waitForFunction(({ stage, first }) => {
        const s = window.descent.state();
        return s.stage === stage && s.code[0]?.trim() === first && s.code.map((l) => l.trim());
      }, { stage, first: lines[0] }, { timeout: 8000 });
      assert.deepEqual(await lit.jsonValue(), lines, `${stage} lights its lines`);
    }
    await page.evaluate(() => window.descent.setSpeed(1000));
    const body = await page.waitForFunction(() => {
      const s = window.descent.state();
      return s.stage === 'running' && s.code.length > 2 && s.code.map((l) => l.trim());
    });
    assert.deepEqual(await body.jsonValue(), [...expected.forward, ...expected.loss, ...expected.backward, ...expected.update], 'running: the loop body');
  });

  test('Escape closes the settings card; the card does not cover the controls when closed', async (t) => {
    const { page } = await open(t);
    await page.locator('#training-settings > summary').click();
    assert.equal(await page.locator('#training-set-data').isVisible(), true);
    await page.locator('#training-set-data').focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#training-set-data').isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  });
});
