// End-to-end: a course page's `?lock=` and `?hide=` for every scene, driven
// by one table of scenes × controls × keys. Each lockable control, locked
// and then hidden, is out of use — its inputs disabled or hidden, and every
// key that acts like it does nothing — and a notice names what is fixed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { frames, harness, state } from './browser.mjs';
import { STRINGS } from '../../www/i18n.js';
import { SETUP_CONTROLS } from '../../www/scenes/training/setup.js';

/**
 * Per scene, per control: the i18n key of its name in the notice; the keys
 * that act like it; `prepare(page)` puts the scene where the key would
 * change something (through other, live controls); `watch(state)` picks
 * what the key would change.
 */
const TABLE = {
  loss: {
    w: { label: 'loss_slope' },
    b: { label: 'loss_intercept' },
    fit: { label: 'loss_best_fit' },
    outlier: { label: 'loss_outlier' },
  },
  descent: {
    lr: { label: 'learning_rate' },
    play: { label: 'play', keys: [' '], watch: (s) => [s.playing, s.steps] },
    step: { label: 'step', keys: ['ArrowRight'], watch: (s) => s.steps },
    reset: {
      label: 'reset',
      keys: ['r', 'R'],
      prepare: (page) => page.locator('#descent-step').click(),
      watch: (s) => s.steps,
    },
    speed: { label: 'speed' },
    curve: { label: 'descent_curve' },
    formula: { label: 'descent_formula' },
  },
  backprop: {
    step: { label: 'backprop_step_backward', keys: ['ArrowRight'], watch: (s) => s.revealed },
    back: {
      label: 'backprop_previous',
      keys: ['ArrowLeft'],
      prepare: (page) => page.locator('#backprop-all').click(),
      watch: (s) => s.revealed,
    },
    all: { label: 'backprop_show_all', keys: ['a', 'A'], watch: (s) => s.revealed },
    reset: {
      label: 'backprop_reset',
      keys: ['r', 'R'],
      prepare: async (page) => {
        await page.locator('#backprop-w1').fill('1.25');
      },
      watch: (s) => s.values.w1,
    },
    values: { label: 'backprop_values' },
    example: { label: 'backprop_new_example' },
    lr: { label: 'backprop_learning_rate' },
    update: { label: 'backprop_update', keys: ['u', 'U'], watch: (s) => s.hasUpdate },
  },
  training: {
    lr: { label: 'learning_rate' },
    play: { label: 'play', keys: [' '], watch: (s) => [s.playing, s.epochs] },
    step: { label: 'training_step', keys: ['ArrowRight'], watch: (s) => s.epochs },
    reset: {
      label: 'reset',
      keys: ['r', 'R'],
      prepare: (page) => page.locator('#training-step').click(),
      watch: (s) => s.epochs,
    },
    speed: { label: 'speed' },
    seed: { label: 'training_new_seed' },
    threshold: { label: 'training_threshold' },
    // The set-up's menus, each a control of its own.
    ...SETUP_CONTROLS,
  },
  compare: {
    landscape: { label: 'compare_landscape' },
    formula: { label: 'compare_formula' },
    presets: { label: 'compare_presets' },
    lr: { label: 'learning_rate' },
    runners: { label: 'compare_runners' },
    play: { label: 'play', keys: [' '], watch: (s) => [s.playing, s.steps] },
    step: { label: 'step', keys: ['ArrowRight'], watch: (s) => s.steps },
    reset: {
      label: 'reset',
      keys: ['r', 'R'],
      prepare: (page) => page.locator('#compare-step').click(),
      watch: (s) => s.steps,
    },
    speed: { label: 'speed' },
    start: { label: 'compare_start' },
    sweep: { label: 'compare_sweep_title' },
  },
};

let h;
before(async () => {
  h = await harness();
});
after(async () => {
  await h?.close();
});

/** Every input, button and select of control `name`: all disabled (locked) or none visible (hidden). */
async function controlInputs(page, name) {
  return page.evaluate((name) => {
    const boxes = [...document.querySelectorAll(`#scene [data-control="${name}"]`)];
    const inputs = boxes.flatMap((box) => (box.matches('input, select, button') ? [box] : [...box.querySelectorAll('input, select, button')]));
    return {
      boxes: boxes.length,
      inputs: inputs.length,
      disabled: inputs.filter((el) => el.disabled).length,
      visible: boxes.filter((el) => el.checkVisibility()).length,
    };
  }, name);
}

/** Presses each key with the focus on the page (not on any control) and checks nothing changed. */
async function keysDoNothing(page, scene, name, control, how) {
  for (const key of control.keys ?? []) {
    const before = control.watch(await state(page));
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await frames(page, 4);
    assert.deepEqual(control.watch(await state(page)), before, `${scene}: ${how} ${name}: key ${JSON.stringify(key)} did something`);
  }
}

describe('locked and hidden controls, by one table', () => {
  test('the table names every lockable control of every scene, and nothing else', async (t) => {
    for (const [scene, controls] of Object.entries(TABLE)) {
      const { page } = await h.page(t, `?scene=${scene}`);
      const named = await page.evaluate(() => [...new Set([...document.querySelectorAll('#scene [data-control]')].map((el) => el.dataset.control))]);
      assert.deepEqual(named.sort(), Object.keys(controls).sort(), `${scene}: data-control names`);
      assert.deepEqual(await page.evaluate(() => window.descent.controls), Object.keys(controls), `${scene}: the scene's own list`);
    }
  });

  for (const [scene, controls] of Object.entries(TABLE)) {
    test(`${scene}: every control locked, then hidden; the keys of each do nothing`, async (t) => {
      // Controls without keys: all locked in one page, all hidden in another.
      const keyless = Object.keys(controls).filter((name) => !controls[name].keys);
      if (keyless.length) {
        const locked = await h.page(t, `?scene=${scene}&lock=${keyless.join(',')}`);
        const notice = await locked.page.locator('#notice').innerText();
        for (const name of keyless) {
          const inputs = await controlInputs(locked.page, name);
          assert.ok(inputs.boxes > 0 && inputs.inputs > 0, `${scene}: ${name} exists`);
          assert.equal(inputs.disabled, inputs.inputs, `${scene}: every input of ${name} disabled`);
          assert.ok(notice.includes(STRINGS.en[controls[name].label]), `${scene}: the notice names ${name}: ${notice}`);
        }
        await locked.context.close();
        const hidden = await h.page(t, `?scene=${scene}&hide=${keyless.join(',')}`);
        for (const name of keyless) assert.equal((await controlInputs(hidden.page, name)).visible, 0, `${scene}: ${name} hidden`);
        await hidden.context.close();
      }
      // Controls with keys: one at a time, so the others can set the scene up.
      for (const [name, control] of Object.entries(controls)) {
        if (!control.keys) continue;
        for (const how of ['lock', 'hide']) {
          const { page, context } = await h.page(t, `?scene=${scene}&${how}=${name}`);
          const inputs = await controlInputs(page, name);
          assert.ok(inputs.boxes > 0 && inputs.inputs > 0, `${scene}: ${name} exists`);
          if (how === 'lock') {
            assert.equal(inputs.disabled, inputs.inputs, `${scene}: every input of ${name} disabled`);
            const notice = await page.locator('#notice').innerText();
            assert.ok(notice.includes(STRINGS.en[control.label]), `${scene}: the notice names ${name}: ${notice}`);
          } else {
            assert.equal(inputs.visible, 0, `${scene}: ${name} hidden`);
          }
          await control.prepare?.(page);
          await frames(page, 3);
          await keysDoNothing(page, scene, name, control, how === 'lock' ? 'locked' : 'hidden');
          await context.close();
        }
      }
    });
  }

  test('the notice lists every locked control in the page\'s language', async (t) => {
    for (const [scene, controls] of Object.entries(TABLE)) {
      const { page } = await h.page(t, `?scene=${scene}&lang=zh&lock=${Object.keys(controls).join(',')}`);
      const notice = await page.locator('#notice').innerText();
      for (const control of Object.values(controls)) {
        assert.ok(notice.includes(STRINGS.zh[control.label]), `${scene}: ${STRINGS.zh[control.label]} in ${notice}`);
      }
      assert.ok(!/[A-Za-z]{4,}/.test(notice), `${scene}: all in Chinese: ${notice}`);
    }
  });

  test('unlocked, the same keys act (so the checks above can fail)', async (t) => {
    for (const [scene, controls] of Object.entries(TABLE)) {
      for (const [name, control] of Object.entries(controls)) {
        if (!control.keys) continue;
        const { page, context } = await h.page(t, `?scene=${scene}`);
        for (const key of control.keys) {
          await control.prepare?.(page);
          await frames(page, 3);
          const before = control.watch(await state(page));
          await page.evaluate(() => document.activeElement?.blur());
          await page.keyboard.press(key === ' ' ? 'Space' : key);
          await frames(page, 4);
          assert.notDeepEqual(control.watch(await state(page)), before, `${scene}: key ${JSON.stringify(key)} acts like ${name}`);
          // Undo what the key started (a run playing), so the next key starts from rest.
          await page.evaluate(() => {
            window.descent.play(false);
            window.descent.apply({ reset: true });
          });
        }
        await context.close();
      }
    }
  });
});
