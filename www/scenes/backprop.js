// Section 3.3: backpropagation on the chapter's 2-layer sigmoid network,
// one chain-rule factor at a time.
//
// Rust holds the example, the walk and the last update (BackpropSession) and
// draws the graph (GraphView); this module owns the page: buttons and keys
// change the session, the frame callback redraws when something changed.

import { applyTo, t } from '../i18n.js';
import { formatNumber } from '../format.js';
import { numberIn, readSettings } from '../url.js';
import { keyboardScroll } from '../controls/scroll-focus.js';
import { announce } from '../shell/announce.js';
import { PRODUCTS, SYMBOL, UPDATE_RULE, forwardStages, localFormula, productNumbers, productSymbols, updateNumbers } from './backprop-math.js';

/** The editable values: URL name, label symbol, range. */
const FIELDS = [
  { name: 'x', label: 'x', min: -10, max: 10 },
  { name: 'y', label: 'y', min: 0, max: 1 },
  { name: 'w1', label: 'W₁', min: -10, max: 10 },
  { name: 'b1', label: 'b₁', min: -10, max: 10 },
  { name: 'w2', label: 'W₂', min: -10, max: 10 },
  { name: 'b2', label: 'b₂', min: -10, max: 10 },
];
const DEFAULT_LEARNING_RATE = 1;
const MAX_LEARNING_RATE = 100;
/** Finite differences "agree" with the chain rule to this absolute error. */
const AGREEMENT = 1e-6;

const valueInputs = FIELDS.map(({ name, label, min, max }) => `
        <div class="bp-value">
          <label for="bp-${name}">${label}</label>
          <input type="number" id="bp-${name}" inputmode="decimal" step="0.1" min="${min}" max="${max}">
        </div>`).join('');

const productBlock = (key) => `
        <div class="bp-product" data-product="${key}">
          <math display="block" class="rule">${productSymbols(key)}</math>
          <div class="bp-scroll"><math display="block" class="rule live" data-live="${key}"></math></div>
          <p class="bp-check" data-check="${key}"><span data-i18n="bp_finite_difference"></span> <strong data-fd="${key}"></strong> <span class="bp-verdict" data-verdict="${key}"></span></p>
        </div>`;

const TEMPLATE = `
<section class="scene scene-backprop" aria-labelledby="bp-heading">
  <div class="scene-head">
    <h1 id="bp-heading" data-i18n="bp_heading"></h1>
    <p class="intro" data-i18n="bp_intro"></p>
  </div>
  <div class="bp-grid">
    <figure class="panel bp-graph">
      <canvas id="bp-canvas" class="chart" role="img" data-i18n-aria-label="bp_canvas"></canvas>
      <figcaption class="bp-forward">
        <h2 data-i18n="bp_forward"></h2>
        <div class="bp-stages" id="bp-stages"></div>
      </figcaption>
    </figure>
    <div class="panel bp-controls">
      <div class="buttons">
        <button type="button" id="bp-step" class="primary" data-control="step" data-i18n="bp_step_backward" aria-keyshortcuts="ArrowRight"></button>
        <button type="button" id="bp-previous" data-control="back" data-i18n="bp_previous" aria-keyshortcuts="ArrowLeft"></button>
        <button type="button" id="bp-all" data-control="all" data-i18n="bp_show_all" aria-keyshortcuts="A"></button>
        <button type="button" id="bp-reset" data-control="reset" data-i18n="bp_reset" aria-keyshortcuts="R"></button>
      </div>
      <p id="bp-progress" class="bp-progress" aria-live="polite"></p>
      <fieldset class="bp-values" data-control="values">
        <legend data-i18n="bp_values"></legend>
        <div class="bp-value-row">${valueInputs}
          <button type="button" id="bp-new" data-control="example" data-i18n="bp_new_example"></button>
        </div>
        <p id="bp-invalid" class="bp-invalid" role="alert" hidden></p>
      </fieldset>
      <p class="hint" data-i18n="bp_keys"></p>
    </div>
    <div class="panel info bp-info">
      <div id="bp-current" class="bp-current" aria-live="polite">
        <p class="bp-current-title"></p>
        <div class="bp-scroll"><math display="block" class="rule live" id="bp-local"></math></div>
        <p class="bp-current-explain"></p>
      </div>
      <div class="bp-chain">
        <h2 data-i18n="bp_backward"></h2>${productBlock('dL_dW2')}${productBlock('dL_dW1')}
      </div>
      <div class="bp-update">
        <h2 data-i18n="bp_update"></h2>
        <div class="bp-update-row">
          <div class="bp-value bp-lr" data-control="lr">
            <label for="bp-lr" data-i18n="bp_learning_rate"></label>
            <input type="number" id="bp-lr" inputmode="decimal" step="0.1" min="0" max="${MAX_LEARNING_RATE}">
          </div>
          <button type="button" id="bp-apply" data-control="update" aria-keyshortcuts="U"></button>
        </div>
        <math display="block" class="rule">${UPDATE_RULE}</math>
        <p class="control-hint" data-i18n="bp_update_hint"></p>
        <dl class="readout bp-losses">
          <div><dt data-i18n="bp_loss_before"></dt><dd id="bp-loss-before"></dd></div>
          <div><dt data-i18n="bp_loss_after"></dt><dd id="bp-loss-after"></dd></div>
        </dl>
        <p id="bp-update-verdict" class="bp-update-verdict"></p>
        <div class="bp-scroll bp-update-rules" id="bp-update-rules"></div>
      </div>
    </div>
  </div>
  <details class="panel question">
    <summary data-i18n="bp_question"></summary>
    <p data-i18n="bp_answer"></p>
  </details>
</section>`;

export function mount(root, wasm, params) {
  root.insertAdjacentHTML('beforeend', TEMPLATE);
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    canvas: $('bp-canvas'),
    stages: $('bp-stages'),
    step: $('bp-step'),
    previous: $('bp-previous'),
    all: $('bp-all'),
    reset: $('bp-reset'),
    next: $('bp-new'),
    progress: $('bp-progress'),
    invalid: $('bp-invalid'),
    currentTitle: root.querySelector('.bp-current-title'),
    currentExplain: root.querySelector('.bp-current-explain'),
    local: $('bp-local'),
    lr: $('bp-lr'),
    apply: $('bp-apply'),
    lossBefore: $('bp-loss-before'),
    lossAfter: $('bp-loss-after'),
    updateVerdict: $('bp-update-verdict'),
    updateRules: $('bp-update-rules'),
  };
  const inputs = Object.fromEntries(FIELDS.map(({ name }) => [name, $(`bp-${name}`)]));

  const defaults = wasm.BackpropSession.defaults();
  const schema = Object.fromEntries(FIELDS.map(({ name, min, max }, i) => [name, { parse: numberIn(min, max), fallback: defaults[i] }]));
  schema.lr = { parse: numberIn(0, MAX_LEARNING_RATE), fallback: DEFAULT_LEARNING_RATE };
  const { settings, refused } = readSettings(params, schema);
  const start = FIELDS.map(({ name }) => settings[name]);

  const session = new wasm.BackpropSession(...start);
  const view = new wasm.GraphView(el.canvas);
  const state = {
    learningRate: settings.lr,
    dirty: true,
    /** Called with the state after each change (host pages). */
    listeners: [],
  };

  /** Whether a button is out of use: locked or hidden by the embedding page (?lock=, ?hide=). */
  const blocked = (node) => node.dataset.locked === 'true' || Boolean(node.closest('[hidden]'));
  /** Disables a button for the scene's own reasons; a locked one stays disabled. */
  const setDisabled = (node, disabled) => {
    node.disabled = disabled || node.dataset.locked === 'true';
  };

  const value = (name) => session.value(name);
  /** Index of the step with `key` in the walk. */
  const indexOf = (key) => {
    for (let i = 0; i < session.walkLength; i += 1) if (session.stepKey(i) === key) return i;
    return -1;
  };
  const known = (key) => {
    const i = indexOf(key);
    return i < session.revealed ? session.stepValue(i) : undefined;
  };

  function fillInputs(values) {
    FIELDS.forEach(({ name }, i) => {
      inputs[name].value = String(values[i]);
      inputs[name].removeAttribute('aria-invalid');
    });
    el.invalid.hidden = true;
  }

  function changed() {
    state.dirty = true;
  }

  function setValues(values) {
    session.setValues(...values);
    fillInputs(values);
    changed();
  }

  // Editing a value: applied when it is a number in range, else marked.
  function onValueInput() {
    const problems = [];
    const values = FIELDS.map(({ name, label, min, max }) => {
      const input = inputs[name];
      const v = input.value.trim() === '' ? NaN : Number(input.value);
      const ok = Number.isFinite(v) && v >= min && v <= max;
      if (ok) input.removeAttribute('aria-invalid');
      else {
        input.setAttribute('aria-invalid', 'true');
        problems.push(t('bp_value_invalid', { name: label, min, max }));
      }
      return v;
    });
    el.invalid.hidden = problems.length === 0;
    el.invalid.textContent = problems.join(' ');
    if (problems.length === 0) {
      session.setValues(...values);
      changed();
    }
  }
  for (const input of Object.values(inputs)) input.addEventListener('input', onValueInput);

  function onLearningRate() {
    const v = el.lr.value.trim() === '' ? NaN : Number(el.lr.value);
    const ok = Number.isFinite(v) && v >= 0 && v <= MAX_LEARNING_RATE;
    if (ok) {
      state.learningRate = v;
      el.lr.removeAttribute('aria-invalid');
    } else el.lr.setAttribute('aria-invalid', 'true');
    setDisabled(el.apply, !ok);
    changed();
  }
  el.lr.addEventListener('input', onLearningRate);

  /** A fresh example with readable values: x in ±3, y in [0, 1], weights in ±2. */
  function newExample() {
    const pick = (low, high, step) => Math.round((low + Math.random() * (high - low)) / step) * step;
    const tidy = (v) => Number(v.toFixed(2));
    setValues([pick(-3, 3, 0.1), pick(0, 1, 0.05), pick(-2, 2, 0.1), pick(-1, 1, 0.1), pick(-2, 2, 0.1), pick(-1, 1, 0.1)].map(tidy));
  }

  const actions = {
    step: () => { session.stepBackward(); changed(); },
    previous: () => { session.previousStep(); changed(); },
    all: () => { session.showAll(); changed(); },
    reset: () => setValues(start),
    apply: () => {
      if (el.apply.disabled) return;
      session.applyUpdate(state.learningRate);
      // The inputs show 4 decimals; the session keeps the exact values until one is edited.
      fillInputs(FIELDS.map(({ name }) => Number(value(name).toFixed(4))));
      changed();
    },
  };
  el.step.addEventListener('click', actions.step);
  el.previous.addEventListener('click', actions.previous);
  el.all.addEventListener('click', actions.all);
  el.reset.addEventListener('click', actions.reset);
  el.apply.addEventListener('click', actions.apply);
  el.next.addEventListener('click', newExample);

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest?.('input, select, textarea')) return;
    const [action, button] = {
      ArrowRight: [actions.step, el.step],
      ArrowLeft: [actions.previous, el.previous],
      a: [actions.all, el.all],
      A: [actions.all, el.all],
      r: [actions.reset, el.reset],
      R: [actions.reset, el.reset],
      u: [actions.apply, el.apply],
      U: [actions.apply, el.apply],
    }[event.key] ?? [];
    if (action && !blocked(button)) {
      event.preventDefault();
      action();
    }
  }
  document.addEventListener('keydown', onKey);

  const fitFormulas = keyboardScroll([...root.querySelectorAll('.bp-scroll')]);

  const resize = new ResizeObserver(changed);
  resize.observe(el.canvas);

  function relabel() {
    applyTo(root);
    view.setText('forward', t('bp_legend_forward'));
    view.setText('backward', t('bp_legend_backward'));
    view.setText('overflow', t('overflow'));
    if (!el.invalid.hidden) onValueInput();
    changed();
  }

  function showWalk() {
    const revealed = session.revealed;
    const total = session.walkLength;
    el.progress.textContent = revealed === 0
      ? t('bp_progress_start')
      : revealed === total
        ? `${t('bp_progress', { n: revealed, total })} · ${t('bp_progress_done')}`
        : t('bp_progress', { n: revealed, total });
    setDisabled(el.step, revealed === total);
    setDisabled(el.previous, revealed === 0);
    setDisabled(el.all, revealed === total);

    const current = revealed > 0 ? session.stepKey(revealed - 1) : null;
    root.querySelector('#bp-current').dataset.step = current ?? '';
    if (current) {
      el.currentTitle.textContent = t('bp_progress', { n: revealed, total });
      el.local.innerHTML = localFormula(current, session.stepValue(revealed - 1), value);
      el.currentExplain.textContent = t(`bp_explain_${current}`);
      announce(`${el.currentTitle.textContent}: ${formatNumber(session.stepValue(revealed - 1))}. ${el.currentExplain.textContent}`, { urgent: true });
    } else {
      el.currentTitle.textContent = t('bp_progress_start');
      el.local.innerHTML = '';
      el.currentExplain.textContent = t('bp_current_none');
    }
    el.local.hidden = !current;

    for (const key of Object.keys(PRODUCTS)) {
      const i = indexOf(key);
      const found = i < revealed;
      const block = root.querySelector(`[data-product="${key}"]`);
      block.classList.toggle('current', key === current);
      block.classList.toggle('found', found);
      root.querySelector(`[data-live="${key}"]`).innerHTML = productNumbers(key, known, found ? session.stepValue(i) : undefined);
      const fd = root.querySelector(`[data-fd="${key}"]`);
      const verdict = root.querySelector(`[data-verdict="${key}"]`);
      if (found) {
        const estimate = session.finiteDifference(i);
        const agrees = Math.abs(estimate - session.stepValue(i)) < AGREEMENT;
        fd.textContent = `≈ ${formatNumber(estimate)}`;
        verdict.textContent = agrees ? `✓ ${t('bp_agrees')}` : `✗ ${t('bp_differs')}`;
        verdict.dataset.agrees = String(agrees);
      } else {
        fd.textContent = '';
        verdict.textContent = t('bp_not_yet');
        delete verdict.dataset.agrees;
      }
    }
  }

  function showForward() {
    el.stages.innerHTML = forwardStages(value).map((m) => `<math class="stage">${m}</math>`).join('<span class="bp-arrow" aria-hidden="true">→</span>');
  }

  function showUpdate() {
    const eta = formatNumber(state.learningRate);
    el.apply.textContent = t('bp_apply_named', { eta: el.lr.getAttribute('aria-invalid') === 'true' ? '?' : eta });
    if (session.hasUpdate) {
      const before = session.lossBefore;
      const after = value('loss');
      el.lossBefore.textContent = formatNumber(before);
      el.lossAfter.textContent = formatNumber(after);
      const percent = formatNumber((Math.abs(after - before) / before) * 100, 3);
      el.updateVerdict.textContent = after < before
        ? t('bp_loss_fell', { percent })
        : after > before ? t('bp_loss_rose', { percent }) : t('bp_loss_same');
      el.updateVerdict.dataset.fell = String(after < before);
      const usedEta = session.updateLearningRate;
      el.updateRules.innerHTML = [1, 2].map((i) => {
        const w = `w${i}`;
        const old = session.valueBefore(w);
        return `<p><math>${updateNumbers(i, old, usedEta, session.gradientBefore(w), value(w))}</math></p>`;
      }).join('');
    } else {
      el.lossBefore.textContent = formatNumber(value('loss'));
      el.lossAfter.textContent = t('bp_no_update_yet');
      el.updateVerdict.textContent = '';
      delete el.updateVerdict.dataset.fell;
      el.updateRules.innerHTML = '';
    }
  }

  function frame() {
    if (state.dirty) {
      state.dirty = false;
      view.draw(session);
      showForward();
      showWalk();
      showUpdate();
      fitFormulas();
      if (state.listeners.length) {
        const snapshot = api.state();
        for (const listener of state.listeners) listener(snapshot);
      }
    }
    requestAnimationFrame(frame);
  }

  fillInputs(start);
  el.lr.value = String(settings.lr);
  relabel();
  requestAnimationFrame(frame);

  /** η from a host page or the address: a finite number in [0, MAX_LEARNING_RATE]. */
  function setLearningRate(eta) {
    if (!(Number.isFinite(eta) && eta >= 0 && eta <= MAX_LEARNING_RATE)) return;
    el.lr.value = String(eta);
    onLearningRate();
  }

  const api = {
    refused,
    relabel,
    /** The settings a shared link carries: the values as the session holds them, and η. */
    settings() {
      return { ...Object.fromEntries(FIELDS.map(({ name }) => [name, value(name)])), lr: state.learningRate };
    },
    setPresent(on) {
      view.setPresent(on);
      changed();
    },
    /** Settings from a host page: { learningRate, reset }; this scene has no run to play. */
    apply(message) {
      if ('learningRate' in message) setLearningRate(Number(message.learningRate));
      if (message.reset === true) actions.reset();
    },
    onChange(listener) {
      state.listeners.push(listener);
    },
    charts() {
      return [el.canvas];
    },
    /** Takes `n` backward steps now. */
    step(n) {
      for (let i = 0; i < n; i += 1) session.stepBackward();
      changed();
    },
    // The shell's hooks for animated scenes: this scene has no run to play.
    play() {},
    setSpeed() {},
    timeFrames() {
      return () => [];
    },
    state() {
      const revealed = session.revealed;
      const steps = [];
      for (let i = 0; i < revealed; i += 1) steps.push({ key: session.stepKey(i), value: session.stepValue(i) });
      const gradient = (key) => session.stepValue(indexOf(key));
      return {
        revealed,
        walkLength: session.walkLength,
        current: revealed > 0 ? session.stepKey(revealed - 1) : null,
        steps,
        values: Object.fromEntries(['x', 'y', 'w1', 'b1', 'w2', 'b2', 'z1', 'a1', 'z2', 'yHat', 'loss'].map((n) => [n, value(n)])),
        gradients: { dL_dW2: gradient('dL_dW2'), dL_dW1: gradient('dL_dW1') },
        finiteDifferences: { dL_dW2: session.finiteDifference(indexOf('dL_dW2')), dL_dW1: session.finiteDifference(indexOf('dL_dW1')) },
        learningRate: state.learningRate,
        hasUpdate: session.hasUpdate,
        lossBefore: session.hasUpdate ? session.lossBefore : null,
        symbols: Object.keys(SYMBOL),
      };
    },
  };
  return api;
}
