// Section 3.3: backpropagation on the chapter's 2-layer sigmoid network,
// one chain-rule factor at a time.
//
// Rust holds the example, the walk and the last update (BackpropSession) and
// draws the graph (GraphView); this module holds what is the scene's own:
// its markup, its settings, editing the example and η, and its words. The
// kit (www/kit/) runs the frames, the keys, locks and the host API.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';
import { numberIn } from '../../kit/fields.js';
import { announce } from '../../kit/announce.js';
import { keyboardScroll } from '../../controls/scroll-focus.js';
import { PRODUCTS, SYMBOL, forwardStages, localFormula, productNumbers, updateNumbers } from './math.js';
import { FIELDS, MAX_LEARNING_RATE, TEMPLATE } from './template.js';
import { showText } from '../../kit/readout.js';

const DEFAULT_LEARNING_RATE = 1;
/** Finite differences "agree" with the chain rule to this absolute error. */
const AGREEMENT = 1e-6;

/** Parameter name → its symbol. */
const SYMBOLS = Object.fromEntries(FIELDS.map(({ name, symbol }) => [name, symbol]));
/** The further updates whose loss the scene shows. */
const AHEAD = [1, 2, 5, 10];

/**
 * What one update did to the loss, in words. A fall into saturation (ŷ
 * pinned near 0 or 1, σ′(z₂) < 10⁻³) is called out, not celebrated; "did
 * not change (η = 0)" only when η was 0.
 */
function verdict(before, after, eta, saturation) {
  const percent = formatNumber((Math.abs(after - before) / before) * 100, 3);
  if (eta === 0) return t('backprop_loss_same');
  if (saturation) {
    const end = saturation === 'one' ? '1' : '0';
    return t(after < before ? 'backprop_loss_fell_saturated' : 'backprop_loss_saturated', { percent, end });
  }
  if (after < before) return t('backprop_loss_fell', { percent });
  if (after > before) return t('backprop_loss_rose', { percent });
  return t('backprop_loss_unchanged', { eta: formatNumber(eta) });
}

/** Graph word → i18n key. */
const GRAPH_WORDS = {
  forward: 'backprop_legend_forward',
  backward: 'backprop_legend_backward',
  overflow: 'chart_overflow',
};

/** @type {import('../../kit/scene.js').SceneDefinition} */
export const scene = {
  name: 'backprop',
  markup: () => TEMPLATE,
  settings: (wasm) => {
    const defaults = wasm.BackpropSession.defaults();
    return {
      ...Object.fromEntries(FIELDS.map(({ name, min, max }, i) => [name, { parse: numberIn(min, max), fallback: defaults[i] }])),
      lr: { parse: numberIn(0, MAX_LEARNING_RATE), fallback: DEFAULT_LEARNING_RATE },
    };
  },
  controls: {
    step: { label: 'backprop_step_backward', keys: ['ArrowRight'] },
    back: { label: 'backprop_previous', keys: ['ArrowLeft'] },
    all: { label: 'backprop_show_all', keys: ['a', 'A'] },
    reset: { label: 'backprop_reset', keys: ['r', 'R'] },
    values: { label: 'backprop_values' },
    example: { label: 'backprop_new_example' },
    lr: { label: 'backprop_learning_rate' },
    update: { label: 'backprop_update', keys: ['u', 'U'] },
  },
  host: { learningRate: 'lr' },
  progress: 'step',
  mount,
};

function mount({ root, wasm, settings, controls, changed }) {
  const $ = (id) => root.querySelector(`#backprop-${id}`);
  const el = {
    canvas: $('canvas'),
    stages: $('stages'),
    step: $('step'),
    previous: $('previous'),
    all: $('all'),
    reset: $('reset'),
    next: $('new'),
    progress: $('progress'),
    invalid: $('invalid'),
    current: $('current'),
    currentTitle: root.querySelector('.backprop-current-title'),
    currentExplain: root.querySelector('.backprop-current-explain'),
    local: $('local'),
    lr: $('lr'),
    apply: $('apply'),
    lossBefore: $('loss-before'),
    lossAfter: $('loss-after'),
    updateVerdict: $('update-verdict'),
    updateAhead: $('update-ahead'),
    updateRange: $('update-range'),
    updateRules: $('update-rules'),
  };
  const inputs = Object.fromEntries(FIELDS.map(({ name }) => [name, $(name)]));
  /** Each final gradient's block and the nodes in it that change. */
  const products = Object.fromEntries(Object.keys(PRODUCTS).map((key) => [key, {
    block: root.querySelector(`[data-product="${key}"]`),
    live: root.querySelector(`[data-live="${key}"]`),
    fd: root.querySelector(`[data-fd="${key}"]`),
    verdict: root.querySelector(`[data-verdict="${key}"]`),
  }]));

  const start = FIELDS.map(({ name }) => settings[name]);
  const session = new wasm.BackpropSession(start);
  const view = new wasm.GraphView(el.canvas);
  const state = {
    learningRate: settings.lr,
    /** What the readout last wrote, by key (so an unchanged readout touches no DOM). */
    shown: {},
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

  function setValues(values) {
    session.setValues(values);
    fillInputs(values);
    changed();
  }

  // Editing a value: applied when it is a number in range, else marked.
  function onValueInput() {
    const problems = [];
    const values = FIELDS.map(({ name, symbol, min, max }) => {
      const input = inputs[name];
      const v = input.value.trim() === '' ? NaN : Number(input.value);
      const ok = Number.isFinite(v) && v >= min && v <= max;
      if (ok) input.removeAttribute('aria-invalid');
      else {
        input.setAttribute('aria-invalid', 'true');
        problems.push(t('backprop_value_invalid', { name: symbol, min, max }));
      }
      return v;
    });
    el.invalid.hidden = problems.length === 0;
    el.invalid.textContent = problems.join(' ');
    if (problems.length === 0) {
      session.setValues(values);
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
    controls.setDisabled(el.apply, !ok);
    changed();
  }
  el.lr.addEventListener('input', onLearningRate);

  /** η from a host page (already checked against the address's rules). */
  function setLearningRate(eta) {
    el.lr.value = String(eta);
    onLearningRate();
  }

  /** A fresh example with readable values: x in ±3, y in [0, 1], weights in ±2. */
  function newExample() {
    const pick = (low, high, step) => Math.round((low + Math.random() * (high - low)) / step) * step;
    const tidy = (v) => Number(v.toFixed(2));
    setValues([pick(-3, 3, 0.1), pick(0, 1, 0.05), pick(-2, 2, 0.1), pick(-1, 1, 0.1), pick(-2, 2, 0.1), pick(-1, 1, 0.1)].map(tidy));
  }

  // One action per keyed control; a button and its key do the same.
  const actions = {
    step() {
      session.stepBackward();
      changed();
    },
    back() {
      session.previousStep();
      changed();
    },
    all() {
      session.showAll();
      changed();
    },
    reset: () => setValues(start),
    update() {
      // Disabled: locked, or η is not a valid number.
      if (el.apply.disabled) return;
      session.applyUpdate(state.learningRate);
      // The inputs show 4 decimals; the session keeps the exact values until one is edited.
      fillInputs(FIELDS.map(({ name }) => Number(value(name).toFixed(4))));
      changed();
    },
  };
  el.step.addEventListener('click', actions.step);
  el.previous.addEventListener('click', actions.back);
  el.all.addEventListener('click', actions.all);
  el.reset.addEventListener('click', actions.reset);
  el.apply.addEventListener('click', actions.update);
  el.next.addEventListener('click', newExample);

  // Wide formulas scroll sideways; each takes a tab stop while it overflows (decided after layout, not here).
  keyboardScroll([...root.querySelectorAll('.backprop-scroll')]);

  /** Sets text only when it changed, so an unchanged readout touches no layout (kit/readout.js). */
  const show = (node, key, text) => showText(state.shown, node, key, text);
  /** The same for markup. */
  function showMarkup(node, key, markup) {
    if (state.shown[key] === markup) return;
    state.shown[key] = markup;
    node.innerHTML = markup;
  }

  function showWalk() {
    const revealed = session.revealed;
    const total = session.walkLength;
    show(el.progress, 'progress', revealed === 0
      ? t('backprop_progress_start')
      : revealed === total
        ? `${t('backprop_progress', { n: revealed, total })} · ${t('backprop_progress_done')}`
        : t('backprop_progress', { n: revealed, total }));
    controls.setDisabled(el.step, revealed === total);
    controls.setDisabled(el.previous, revealed === 0);
    controls.setDisabled(el.all, revealed === total);

    const current = revealed > 0 ? session.stepKey(revealed - 1) : null;
    el.current.dataset.step = current ?? '';
    if (current) {
      const title = t('backprop_progress', { n: revealed, total });
      const explain = t(`backprop_explain_${current}`);
      show(el.currentTitle, 'current-title', title);
      showMarkup(el.local, 'local', localFormula(current, session.stepValue(revealed - 1), value));
      show(el.currentExplain, 'current-explain', explain);
      announce(`${title}: ${formatNumber(session.stepValue(revealed - 1))}. ${explain}`, { urgent: true });
    } else {
      show(el.currentTitle, 'current-title', t('backprop_progress_start'));
      showMarkup(el.local, 'local', '');
      show(el.currentExplain, 'current-explain', t('backprop_current_none'));
    }
    el.local.hidden = !current;

    for (const [key, { block, live, fd, verdict }] of Object.entries(products)) {
      const i = indexOf(key);
      const found = i < revealed;
      block.classList.toggle('current', key === current);
      block.classList.toggle('found', found);
      showMarkup(live, `live-${key}`, productNumbers(key, known, found ? session.stepValue(i) : undefined));
      if (found) {
        const estimate = session.finiteDifference(i);
        const agrees = Math.abs(estimate - session.stepValue(i)) < AGREEMENT;
        show(fd, `fd-${key}`, `≈ ${formatNumber(estimate)}`);
        show(verdict, `verdict-${key}`, agrees ? `✓ ${t('backprop_agrees')}` : `✗ ${t('backprop_differs')}`);
        verdict.dataset.agrees = String(agrees);
      } else {
        show(fd, `fd-${key}`, '');
        show(verdict, `verdict-${key}`, t('backprop_not_yet'));
        delete verdict.dataset.agrees;
      }
    }
  }

  function showForward() {
    showMarkup(el.stages, 'stages', forwardStages(value).map((m) => `<math class="stage">${m}</math>`).join('<span class="backprop-arrow" aria-hidden="true">→</span>'));
  }

  function showUpdate() {
    const eta = formatNumber(state.learningRate);
    show(el.apply, 'apply', t('backprop_apply_named', { eta: el.lr.getAttribute('aria-invalid') === 'true' ? '?' : eta }));
    if (session.hasUpdate) {
      const before = session.lossBefore;
      const after = value('loss');
      show(el.lossBefore, 'loss-before', formatNumber(before));
      show(el.lossAfter, 'loss-after', formatNumber(after));
      const usedEta = session.updateLearningRate;
      const saturation = session.saturation;
      show(el.updateVerdict, 'update-verdict', verdict(before, after, usedEta, saturation));
      // A fall into saturation is no success: not shown as one.
      el.updateVerdict.dataset.fell = String(after < before && !saturation);
      const ahead = session.lossesAhead(AHEAD.at(-1));
      show(el.updateAhead, 'update-ahead', ahead.length < AHEAD.at(-1) ? '' : t('backprop_losses_ahead', {
        eta: formatNumber(usedEta),
        ...Object.fromEntries(AHEAD.map((n) => [`l${n}`, formatNumber(ahead[n - 1])])),
      }));
      const beyond = session.beyondInputRange;
      show(el.updateRange, 'update-range', beyond === ''
        ? ''
        : t('backprop_update_beyond_range', { names: beyond.split(' ').map((name) => SYMBOLS[name]).join(', ') }));
      showMarkup(el.updateRules, 'update-rules', [1, 2].map((i) => {
        const w = `w${i}`;
        return `<p><math>${updateNumbers(i, session.valueBefore(w), usedEta, session.gradientBefore(w), value(w))}</math></p>`;
      }).join(''));
    } else {
      show(el.lossBefore, 'loss-before', formatNumber(value('loss')));
      show(el.lossAfter, 'loss-after', t('backprop_no_update_yet'));
      show(el.updateVerdict, 'update-verdict', '');
      show(el.updateAhead, 'update-ahead', '');
      show(el.updateRange, 'update-range', '');
      delete el.updateVerdict.dataset.fell;
      showMarkup(el.updateRules, 'update-rules', '');
    }
  }

  fillInputs(start);
  el.lr.value = String(settings.lr);

  return {
    actions,
    /** Reveals up to `n` more steps of the walk; returns how many (0 once it is complete). */
    advance(n) {
      const count = Math.max(0, Math.min(n, session.walkLength - session.revealed));
      for (let i = 0; i < count; i += 1) session.stepBackward();
      if (count > 0) changed();
      return count;
    },
    draw({ dirty }) {
      if (!dirty) return false;
      view.draw(session);
      return true;
    },
    readout() {
      showForward();
      showWalk();
      showUpdate();
    },
    relabel() {
      for (const [key, word] of Object.entries(GRAPH_WORDS)) view.setText(key, t(word));
      if (!el.invalid.hidden) onValueInput();
      state.shown = {};
    },
    setPresent(on) {
      view.setPresent(on);
    },
    /** The settings a link carries: the values as the session holds them, and η. */
    values() {
      return { ...Object.fromEntries(FIELDS.map(({ name }) => [name, value(name)])), lr: state.learningRate };
    },
    progress: () => session.revealed,
    set(name, v) {
      if (name === 'lr') setLearningRate(v);
    },
    /** Back to the address's example (η stays). */
    reset: actions.reset,
    charts: () => [el.canvas],
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
        saturation: session.saturation ?? null,
        symbols: Object.keys(SYMBOL),
      };
    },
  };
}
