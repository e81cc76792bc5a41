// Comparing runs: up to four optimizers on one landscape from one start,
// their losses, who arrives first, and the final loss against η.
//
// Rust holds the runs (CompareSession) and draws (CompareView,
// CompareLossView, SweepView); this module holds the markup, the settings,
// the runner rows, the formula box and the words. The kit runs the frames,
// the speed, the keys, locks and the host API.

import { t } from '../../i18n.js';
import { formatCount, formatNumber } from '../../format.js';
import { fraction, positionOf, valueAt } from '../../controls/log-slider.js';
import { backOf, labelLossPlot } from '../../controls/chart.js';
import { announce } from '../../kit/announce.js';
import { PLAYER_CONTROLS } from '../../kit/controls.js';
import { MARKERS, MAX_RUNNERS, SPEEDS, TEMPLATE } from './template.js';
import { settings } from './settings.js';
import { formulaError } from '../../controls/formula.js';
import { benchHooks, boardText, renderBoard } from './board.js';
import { sweepPanel } from './sweep.js';
import { showText } from '../../kit/readout.js';

// Each run's η slider spans η* ÷ RANGE_BELOW … η* × RANGE_ABOVE (the sweep's range).
const RANGE_BELOW = 1000;
const RANGE_ABOVE = 10;
/** The kinds added runs take, in turn. */
const ADD_KINDS = ['momentum', 'adam', 'nesterov', 'rmsprop'];

/** Chart word → i18n key. */
const MAP_WORDS = {
  weight_axis: 'descent_weight_axis',
  bias_axis: 'compare_bias_axis',
  loss_axis: 'chart_loss_axis',
  minimum: 'compare_minimum',
};
const SWEEP_WORDS = {
  rate_axis: 'compare_rate_axis',
  final_loss_axis: 'compare_final_loss_axis',
  critical: 'compare_critical',
  off_chart: 'chart_off_chart',
  regime_still: 'compare_regime_still',
  regime_too_slow: 'compare_regime_too_slow',
  regime_converging: 'compare_regime_converging',
  regime_oscillating: 'compare_regime_oscillating',
  regime_bouncing: 'compare_regime_bouncing',
  regime_diverging: 'compare_regime_diverging',
};

/** @type {import('../../kit/scene.js').SceneDefinition} */
export const scene = {
  name: 'compare',
  // crates/web-compare: the chapter's scenes never download it.
  wasmModule: 'descent-web-compare',
  markup: () => TEMPLATE,
  settings,
  controls: {
    landscape: { label: 'compare_landscape' },
    formula: { label: 'compare_formula' },
    presets: { label: 'compare_presets' },
    lr: { label: 'learning_rate' },
    runners: { label: 'compare_runners' },
    ...PLAYER_CONTROLS,
    start: { label: 'compare_start' },
    sweep: { label: 'compare_sweep_title' },
  },
  run: { speeds: SPEEDS, speedText: (n) => t('descent_steps_per_second', { n }), maxPerFrame: 2000 },
  host: { learningRate: 'lr' },
  mount,
};

function mount({ root, wasm, settings: given, changed, controls, run, setPlaying }) {
  const $ = (id) => root.querySelector(`#compare-${id}`);
  const el = {
    map: $('map-canvas'),
    loss: $('loss-canvas'),
    sweep: $('sweep-canvas'),
    landscape: $('landscape'),
    formula: $('formula'),
    add: $('add'),
    board: $('board'),
    target: $('target'),
    sweepOf: $('sweep-of'),
    sweepSteps: $('sweep-steps'),
    sweepNote: $('sweep-note'),
    steps: $('out-step'),
  };
  const rows = [...Array(MAX_RUNNERS).keys()].map((i) => ({
    row: $(`runner-${i}`),
    select: $(`select-${i}`),
    kind: $(`kind-${i}`),
    lr: $(`lr-${i}`),
    value: $(`lr-value-${i}`),
    regime: $(`regime-${i}`),
    remove: $(`remove-${i}`),
  }));
  const mapView = new wasm.CompareView(el.map, backOf(el.map));
  const lossView = new wasm.CompareLossView(el.loss, backOf(el.loss));
  const sweepView = new wasm.SweepView(el.sweep);
  const session = new wasm.CompareSession('bumpy');
  const state = {
    selected: 0,
    drawnSteps: -1,
    dragging: false,
    shown: {},
    announced: [],
  };
  const formula = formulaError(root, el.formula);
  const sweep = sweepPanel({
    el,
    session,
    view: sweepView,
    controls,
    steps: given.sweep,
    selected: () => state.selected,
    setRate: (eta) => setRunner(state.selected, session.kind(state.selected), eta),
    changed,
  });

  const range = () => {
    const critical = session.criticalLearningRate;
    return { low: critical / RANGE_BELOW, high: critical * RANGE_ABOVE, critical };
  };

  /** The runner rows as the session has them. */
  function syncRows() {
    const { low, high, critical } = range();
    const count = session.count;
    rows.forEach((r, i) => {
      r.row.hidden = i >= count;
      if (i >= count) return;
      r.kind.value = session.kind(i);
      r.lr.value = String(positionOf(session.learningRate(i), low, high));
      r.row.querySelector('.critical-mark').style.setProperty('--at', Math.min(Math.max(fraction(critical, low, high), 0), 1).toFixed(4));
      r.select.checked = i === state.selected;
      controls.setDisabled(r.remove, count === 1);
    });
    controls.setDisabled(el.add, count >= MAX_RUNNERS);
    state.shown = {};
  }

  function landscapeChanged() {
    if (state.selected >= session.count) state.selected = 0;
    el.landscape.value = session.landscape;
    if (session.formula !== undefined) el.formula.value = session.formula;
    $('formula-hint').hidden = session.landscape !== 'formula' && !formula.shown;
    root.querySelector('.scene-compare').toggleAttribute('data-formula', session.landscape === 'formula' || formula.shown);
    sweep.outdated();
    syncRows();
    changed();
  }

  function applyFormula(text) {
    const error = session.setFormula(text);
    formula.show(error, text);
    if (!error) landscapeChanged();
    else {
      el.landscape.value = session.landscape;
      root.querySelector('.scene-compare').toggleAttribute('data-formula', true);
    }
    return !error;
  }

  function setLandscape(name) {
    if (name === 'formula') {
      if (!el.formula.value.trim()) el.formula.value = 'w^4/4 - w^2 + 0.35*w + 1.6 + sin(5*w)/10';
      applyFormula(el.formula.value);
      return;
    }
    session.setLandscape(name);
    formula.show(null);
    landscapeChanged();
  }

  function setRunner(i, kind, lr) {
    session.setRunner(i, kind, lr);
    sweep.kindSet(i, kind);
    syncRows();
    changed();
  }

  // Build from the address: landscape, start, runs, preset, runner 1's η.
  if (given.landscape === 'formula' && given.formula !== undefined) {
    el.formula.value = given.formula;
    if (!applyFormula(given.formula)) session.setLandscape('bumpy');
  } else if (given.landscape !== 'formula') session.setLandscape(given.landscape);
  if (given.preset) session.applyPreset(given.preset);
  if (given.start) session.setStart(given.start[0], given.start[1]);
  if (given.runners) {
    given.runners.forEach(({ kind, lr }, i) => (i < session.count ? session.setRunner(i, kind, lr) : session.addRunner(kind, lr)));
    while (session.count > given.runners.length) session.removeRunner(session.count - 1);
  }
  if (given.lr !== undefined) session.setRunner(0, session.kind(0), given.lr);
  landscapeChanged();

  // Controls only change settings; the frame callback does the work.
  el.landscape.addEventListener('change', () => setLandscape(el.landscape.value));
  el.formula.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      applyFormula(el.formula.value);
    }
  });
  el.formula.addEventListener('change', () => applyFormula(el.formula.value));
  for (const button of root.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      setPlaying(false);
      session.applyPreset(button.dataset.preset);
      formula.show(null);
      state.selected = 0;
      landscapeChanged();
      announce(t(`compare_preset_${button.dataset.preset}_lesson`));
    });
  }
  rows.forEach((r, i) => {
    r.kind.addEventListener('change', () => setRunner(i, r.kind.value, session.learningRate(i)));
    r.lr.addEventListener('input', () => {
      const { low, high } = range();
      setRunner(i, session.kind(i), valueAt(Number(r.lr.value), low, high));
    });
    r.select.addEventListener('change', () => {
      state.selected = i;
      sweep.outdated();
      changed();
    });
    r.remove.addEventListener('click', () => {
      session.removeRunner(i);
      if (state.selected >= session.count) state.selected = session.count - 1;
      sweep.outdated();
      syncRows();
      changed();
    });
  });
  el.add.addEventListener('click', () => {
    const kind = ADD_KINDS[(session.count - 1) % ADD_KINDS.length];
    session.addRunner(kind, session.learningRate(0));
    syncRows();
    changed();
  });
  // Clicking or dragging on the picture moves the shared start.
  function pointerStart(event) {
    const box = el.map.getBoundingClientRect();
    const [w, b] = mapView.pointAt(event.clientX - box.left, event.clientY - box.top);
    if (w === undefined) return;
    session.setStart(w, session.dims === 2 ? b : 0);
    sweep.outdated();
    syncRows();
    changed();
  }
  el.map.addEventListener('pointerdown', (event) => {
    const box = el.map.getBoundingClientRect();
    if (!controls.live('start') || !mapView.isInPlot(event.clientX - box.left, event.clientY - box.top)) return;
    event.preventDefault();
    el.map.setPointerCapture(event.pointerId);
    state.dragging = true;
    setPlaying(false);
    pointerStart(event);
  });
  el.map.addEventListener('pointermove', (event) => {
    if (state.dragging) pointerStart(event);
  });
  const endDrag = () => {
    state.dragging = false;
  };
  $('default-start').addEventListener('click', () => {
    session.resetStart();
    sweep.outdated();
    syncRows();
    changed();
  });
  el.map.addEventListener('pointerup', endDrag);
  el.map.addEventListener('pointercancel', endDrag);

  /** Sets text only when it changed, so idle frames touch no layout (kit/readout.js). */
  const show = (node, key, text) => showText(state.shown, node, key, text);

  function standingText(i) {
    if (session.diverged(i)) return t('compare_standing_diverged');
    const at = session.reachedAt(i);
    return at === undefined ? t('compare_standing_never') : t('compare_standing_reached', { steps: formatCount(at) });
  }

  function readout() {
    const { low, high } = range();
    rows.forEach((r, i) => {
      if (i >= session.count) return;
      const eta = session.learningRate(i);
      const etaText = `η = ${formatNumber(eta, 3)}`;
      show(r.value, `lr${i}`, etaText);
      if (r.lr.getAttribute('aria-valuetext') !== etaText) r.lr.setAttribute('aria-valuetext', etaText);
      const regime = session.diverged(i) ? 'diverging' : session.regime(i);
      r.row.dataset.regime = regime;
      if (show(r.regime, `regime${i}`, t(`compare_regime_${regime}`)) && regime === 'diverging' && !state.announced[i]) {
        state.announced[i] = true;
        announce(`${MARKERS[i]} ${t('compare_regime_diverging')}`);
      }
      if (regime !== 'diverging') state.announced[i] = false;
    });
    show(el.steps, 'steps', formatCount(session.steps));
    show(el.target, 'target', t('compare_target', { loss: formatNumber(session.target, 3) }));
    const board = boardText(session, standingText);
    if (state.shown.board !== board) {
      state.shown.board = board;
      renderBoard(el.board, board);
    }
    show(el.sweepNote, 'sweepNote', sweep.note());
  }

  function draw({ dirty }) {
    const moved = session.steps !== state.drawnSteps;
    if (dirty || moved) {
      mapView.draw(session);
      lossView.draw(session);
    }
    const swept = sweep.draw();
    if (swept.noteChanged) state.shown.sweepNote = undefined;
    state.drawnSteps = session.steps;
    return dirty || moved || swept.drawn;
  }

  function stepOnce() {
    setPlaying(false);
    session.step(1);
    changed();
  }

  function resetRuns() {
    session.reset();
    changed();
  }

  $('step').addEventListener('click', stepOnce);
  $('reset').addEventListener('click', resetRuns);

  return {
    actions: {
      play: () => setPlaying(!run.playing),
      step: stepOnce,
      reset: resetRuns,
    },
    advance(n) {
      if (session.finished) return 0;
      return session.step(n);
    },
    finished: () => session.finished,
    draw,
    readout,
    relabel() {
      for (const [key, word] of Object.entries(MAP_WORDS)) mapView.setText(key, t(word));
      for (const [key, word] of Object.entries(SWEEP_WORDS)) sweepView.setText(key, t(word));
      labelLossPlot(lossView, 'chart_step_axis');
      $('curves').label = t('compare_curves');
      $('surfaces').label = t('compare_surfaces');
      formula.relabel();
      state.shown = {};
    },
    setPresent(on) {
      mapView.setPresent(on);
      lossView.setPresent(on);
      sweepView.setPresent(on);
    },
    values() {
      const runners = [...Array(session.count).keys()].map((i) => ({ kind: session.kind(i), lr: session.learningRate(i) }));
      return {
        landscape: session.landscape,
        formula: session.formula,
        start: session.start,
        runners,
        sweep: sweep.steps,
      };
    },
    set(name, value) {
      if (name === 'lr') setRunner(0, session.kind(0), value);
    },
    reset: resetRuns,
    charts: () => [el.map, el.loss, el.sweep],
    csv: () => session.lossCsv(),
    state() {
      const runners = [...Array(session.count).keys()].map((i) => {
        const [w, b] = session.position(i);
        return {
          kind: session.kind(i),
          learningRate: session.learningRate(i),
          regime: session.regime(i),
          loss: session.loss(i),
          w,
          b,
          steps: session.stepsOf(i),
          diverged: session.diverged(i),
          reachedAt: session.reachedAt(i) ?? null,
        };
      });
      const [w, b] = session.start;
      return {
        landscape: session.landscape,
        formula: session.formula ?? null,
        dims: session.dims,
        start: { w, b },
        steps: session.steps,
        criticalLearningRate: session.criticalLearningRate,
        runners,
        leaderboard: [...session.leaderboard()],
        selected: state.selected,
        sweep: sweep.state(),
        network: { progress: [...session.networkProgress()], cliff: session.networkCliff ?? null },
      };
    },
    extras: {
      /** Where run i is drawn on the picture, CSS pixels relative to its canvas. */
      runnerPixel(i) {
        const [x, y] = mapView.runnerPixel(session, i);
        return { x, y };
      },
      /** The CSS x of η on the sweep chart. */
      sweepX: (eta) => sweepView.xOf(eta),
      ...benchHooks(session, mapView, sweep),
    },
  };
}
