// Section 3.2: a ball rolling down a loss curve, with a live loss plot.
//
// Rust holds the run (DescentSession) and draws (CurveView, LossView); this
// module holds what is the scene's own: its markup, its settings, the ball's
// tween, dragging the start, and its words. The kit (www/kit/) runs the
// frame loop, the speed, the keys, locks and the host API. A typed curve
// (`curve=formula&formula=…`) is read by the core with the comparison's
// grammar; its box and inline error are the shared www/controls/formula.js.

import { t } from '../../i18n.js';
import { formatCount, formatNumber } from '../../format.js';
import { fraction, positionOf, valueAt } from '../../controls/log-slider.js';
import { REGIME_ICONS, SPEEDS, TEMPLATE } from './template.js';
import { numberIn, oneOf } from '../../kit/fields.js';
import { announce } from '../../kit/announce.js';
import { PLAYER_CONTROLS } from '../../kit/controls.js';
import { backOf, labelLossPlot } from '../../controls/chart.js';
import { formulaError, formulaField } from '../../controls/formula.js';
import { showText } from '../../kit/readout.js';

const DEFAULT_SPEED = 5;
/** Below this, a number in the live formula is rounding left over from a converged run: shown as 0. */
const DUST = 1e-12;
/** Above this many steps per second the ball jumps straight to each new position. */
const ANIMATED_UP_TO = 30;
// The slider spans η* ÷ RANGE_BELOW … η* × RANGE_ABOVE.
const RANGE_BELOW = 100;
const RANGE_ABOVE = 4;
/** The slider's centre when the ball's valley has no η* (no pit, or a flat-bottomed one). */
const NO_CRITICAL = 1;
/** The typed curve first offered: the chapter's bumpy ground, written as a formula. */
export const DEFAULT_FORMULA = 'w^4/4 - w^2 + 0.35*w + 1.6';

/** Chart word → i18n key. */
const CHART_WORDS = {
  weight_axis: 'descent_weight_axis',
  loss_axis: 'chart_loss_axis',
  global_minimum: 'descent_global_minimum',
  local_minimum: 'descent_local_minimum',
  peak: 'descent_peak',
  off_chart: 'chart_off_chart',
};

/**
 * The status sentence, from the same look-ahead as the regime: a minimum is
 * named only when the run settles there.
 */
function statusOf(s, regime) {
  if (s.noMinimum) return t('descent_status_no_minimum');
  if (s.diverged) return t('descent_status_diverged', { step: formatCount(s.steps) });
  if (regime === 'still') return t('descent_status_still');
  if (regime === 'diverging') return t('descent_status_flying_off');
  if (regime === 'bouncing') {
    const [low, high] = s.band;
    return t('descent_status_bouncing', { low: formatNumber(low, 3), high: formatNumber(high, 3) });
  }
  if (s.atRest) return t(s.targetIsGlobal ? 'descent_status_at_rest_global' : 'descent_status_at_rest_local');
  const which = t(s.targetIsGlobal ? 'descent_which_global' : 'descent_which_local');
  return t('descent_status_rolling', { which, w: formatNumber(s.targetMinimum, 3) });
}

/** The learning rate a curve starts with: the chapter's 0.01 on its data, else 0.3·η* (three digits). */
function defaultLearningRate(curve, critical) {
  return curve === 'data-mse' ? 0.01 : Number((0.3 * critical).toPrecision(3));
}

/** @type {import('../../kit/scene.js').SceneDefinition} */
export const scene = {
  name: 'descent',
  markup: () => TEMPLATE,
  settings: (wasm) => ({
    curve: { parse: oneOf([...wasm.curveNames(), 'formula']), fallback: 'data-mse' },
    // A typed curve L(w): refused unless the core reads it (only ever shown as text).
    formula: { ...formulaField, parse: (text) => (formulaField.parse(text) !== undefined && wasm.curveFormulaError(text) === null ? text : undefined) },
    lr: { parse: numberIn(0, 1e6), fallback: undefined },
    start: { parse: numberIn(-1e6, 1e6), fallback: undefined, write: (w) => String(Number(w.toPrecision(6))) },
    speed: { parse: oneOf(SPEEDS), fallback: DEFAULT_SPEED },
  }),
  controls: {
    lr: { label: 'learning_rate' },
    ...PLAYER_CONTROLS,
    curve: { label: 'descent_curve' },
    formula: { label: 'descent_formula' },
  },
  run: { speeds: SPEEDS, speedText: (n) => t('descent_steps_per_second', { n }), maxPerFrame: 2000 },
  host: { learningRate: 'lr' },
  progress: 'step',
  replay: 'lr',
  mount,
};

function mount({ root, wasm, settings, controls, changed, run, setPlaying }) {
  const $ = (id) => root.querySelector(`#descent-${id}`);
  const el = {
    curveCanvas: $('curve-canvas'),
    lossCanvas: $('loss-canvas'),
    lr: $('lr'),
    lrValue: $('lr-value'),
    lrCritical: $('lr-critical'),
    step: $('step'),
    reset: $('reset'),
    curve: $('curve'),
    formula: $('formula'),
    regime: $('regime'),
    status: $('status'),
    converged: $('converged'),
  };
  const live = Object.fromEntries([...root.querySelectorAll('[data-live]')].map((node) => [node.dataset.live, node]));
  const out = {
    step: $('out-step'),
    w: $('out-w'),
    loss: $('out-loss'),
    gradient: $('out-gradient'),
    critical: $('out-critical'),
  };

  const formula = formulaError(root, el.formula);
  const scene = root.querySelector('.scene-descent');
  const curveView = new wasm.CurveView(el.curveCanvas, backOf(el.curveCanvas));
  const lossView = new wasm.LossView(el.lossCanvas, backOf(el.lossCanvas));
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  const state = {
    session: null,
    range: { low: 1e-4, high: 1 },
    /** When the last step was taken, for the ball's tween. */
    stepAt: -Infinity,
    stepDuration: 300,
    drawnSteps: -1,
    dragging: false,
    shown: {},
  };

  /**
   * Starts a run on `curve` (for `formula`, the typed `text`). A formula the
   * core cannot read leaves the run as it was: returns its error.
   */
  function startCurve(curve, start, learningRate, text) {
    const session = new wasm.DescentSession(curve === 'formula' ? 'bowl' : curve, start, 0);
    if (curve === 'formula') {
      const error = session.setFormula(text, start);
      if (error) {
        session.free();
        return error;
      }
    }
    state.session?.free();
    const critical = session.criticalLearningRate ?? NO_CRITICAL;
    state.range = { low: critical / RANGE_BELOW, high: critical * RANGE_ABOVE };
    const eta = learningRate ?? defaultLearningRate(curve, critical);
    session.setLearningRate(eta);
    state.session = session;
    el.curve.value = curve;
    if (curve === 'formula') el.formula.value = text;
    formula.show(null);
    showFormulaBox();
    el.lr.value = String(positionOf(eta, state.range.low, state.range.high));
    state.stepAt = -Infinity;
    changed();
    return null;
  }

  /** The box shows while the curve is typed, or while it holds an error. */
  function showFormulaBox() {
    scene.toggleAttribute('data-formula', state.session.curve === 'formula' || formula.shown);
  }

  /** Applies the box's text: a new typed curve, or its error beside the box and the curve kept. */
  function applyFormula() {
    const text = el.formula.value;
    if (text === state.session.formula && !formula.shown) return;
    const error = startCurve('formula', undefined, undefined, text);
    if (!error) return;
    formula.show(error, text);
    el.curve.value = state.session.curve;
    showFormulaBox();
    announce(root.querySelector('#descent-formula-error .message').textContent);
  }

  function chooseCurve(curve) {
    if (curve !== 'formula') {
      startCurve(curve, undefined, undefined);
      return;
    }
    if (!el.formula.value.trim()) el.formula.value = DEFAULT_FORMULA;
    applyFormula();
  }

  function setLearningRate(eta) {
    state.session.setLearningRate(eta);
    el.lr.value = String(positionOf(eta, state.range.low, state.range.high));
    changed();
  }

  function stepOnce() {
    setPlaying(false);
    state.session.step(1);
    state.stepAt = performance.now();
    state.stepDuration = 400;
  }

  function resetRun(start) {
    state.session.reset(start);
    state.stepAt = -Infinity;
    changed();
  }

  // Controls only change settings; the frame callback does the work.
  el.lr.addEventListener('input', () => {
    state.session.setLearningRate(valueAt(Number(el.lr.value), state.range.low, state.range.high));
    changed();
  });
  el.curve.addEventListener('change', () => chooseCurve(el.curve.value));
  el.formula.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (controls.live('formula')) applyFormula();
    }
  });
  el.formula.addEventListener('change', () => {
    if (controls.live('formula')) applyFormula();
  });
  el.step.addEventListener('click', stepOnce);
  el.reset.addEventListener('click', () => resetRun(undefined));

  // Dragging the ball, or clicking the curve, picks the start.
  function pointerWeight(event) {
    const box = el.curveCanvas.getBoundingClientRect();
    return curveView.weightAt(event.clientX - box.left);
  }
  el.curveCanvas.addEventListener('pointerdown', (event) => {
    const box = el.curveCanvas.getBoundingClientRect();
    const [x, y] = [event.clientX - box.left, event.clientY - box.top];
    if (!curveView.isOnBall(state.session, x, y) && !curveView.isInPlot(x, y)) return;
    event.preventDefault();
    el.curveCanvas.setPointerCapture(event.pointerId);
    state.dragging = true;
    setPlaying(false);
    resetRun(pointerWeight(event));
  });
  el.curveCanvas.addEventListener('pointermove', (event) => {
    if (state.dragging) resetRun(pointerWeight(event));
  });
  const endDrag = () => {
    state.dragging = false;
  };
  el.curveCanvas.addEventListener('pointerup', endDrag);
  el.curveCanvas.addEventListener('pointercancel', endDrag);

  /** Sets text only when it changed, so idle frames touch no layout (kit/readout.js). */
  const show = (node, key, text) => showText(state.shown, node, key, text);

  function readout() {
    const s = state.session;
    const eta = s.learningRate;
    const critical = s.criticalLearningRate;
    // No pit ahead: η is not what decides, whatever the core's regime says.
    const regime = s.noMinimum ? 'no_minimum' : s.regime;
    if (el.regime.dataset.regime !== regime) {
      el.regime.dataset.regime = regime;
      el.regime.querySelector('.regime-icon').innerHTML = REGIME_ICONS[regime];
      announce(`${t(`descent_regime_${regime}`)}. ${t(`descent_regime_${regime}_detail`)}`);
    }
    show(el.regime.querySelector('.regime-name'), 'regime', t(`descent_regime_${regime}`));
    show(el.regime.querySelector('.regime-detail'), 'detail', t(`descent_regime_${regime}_detail`));
    show(el.regime.querySelector('.regime-ratio'), 'ratio', critical === undefined ? t('descent_no_critical') : t('descent_eta_vs_critical', { ratio: formatNumber(eta / critical, 3) }));
    const status = statusOf(s, regime);
    if (show(el.status, 'status', status) && (s.diverged || s.atRest)) announce(status);

    const etaText = formatNumber(eta, 3);
    show(el.lrValue, 'lr', `η = ${etaText}`);
    if (el.lr.getAttribute('aria-valuetext') !== etaText) el.lr.setAttribute('aria-valuetext', etaText);
    if (el.lrCritical.hidden !== (critical === undefined)) el.lrCritical.hidden = critical === undefined;
    if (critical !== undefined) {
      const mark = Math.min(Math.max(fraction(critical, state.range.low, state.range.high), 0), 1);
      el.lrCritical.style.setProperty('--at', mark.toFixed(4));
    }

    const w = s.w;
    const gradient = s.gradient;
    // Once the run has converged, what is left is rounding: shown as 0, with a note.
    const dust = !s.diverged && Math.abs(gradient) < DUST;
    show(live.next, 'next', formatNumber(w - eta * gradient, 4, DUST));
    show(live.w, 'w', formatNumber(w, 4, DUST));
    show(live.eta, 'eta', etaText);
    show(live.gradient, 'gradient', formatNumber(gradient, 4, DUST));
    if (el.converged.hidden === dust) el.converged.hidden = !dust;
    show(out.step, 'out-step', formatCount(s.steps));
    show(out.w, 'out-w', formatNumber(w));
    show(out.loss, 'out-loss', formatNumber(s.loss));
    show(out.gradient, 'out-gradient', formatNumber(gradient));
    show(out.critical, 'out-critical', critical === undefined ? t('descent_no_critical_short') : formatNumber(critical, 3));
  }

  function draw({ now, dirty, taken, playing, speed }) {
    const s = state.session;
    if (taken > 0 && playing) {
      state.stepAt = now;
      state.stepDuration = 1000 / speed;
    }
    const tween = !reducedMotion.matches && (!playing || speed <= ANIMATED_UP_TO);
    const progress = tween ? Math.min((now - state.stepAt) / state.stepDuration, 1) : 1;
    const moved = s.steps !== state.drawnSteps;
    const drawCurve = dirty || moved || progress < 1;
    if (drawCurve) curveView.draw(s, progress);
    if (dirty || moved) lossView.draw(s);
    state.drawnSteps = s.steps;
    return drawCurve;
  }

  // A typed curve from the address (a refused one falls back to the default formula, with the notice).
  if (settings.curve === 'formula') startCurve('formula', settings.start, settings.lr, settings.formula ?? DEFAULT_FORMULA);
  else startCurve(settings.curve, settings.start, settings.lr);

  return {
    actions: {
      play: () => setPlaying(!run.playing),
      step: stepOnce,
      reset: () => resetRun(undefined),
    },
    advance(n) {
      const s = state.session;
      if (s.diverged) return 0;
      const before = s.steps;
      s.step(n);
      return s.steps - before;
    },
    finished: () => state.session.diverged,
    draw,
    readout,
    relabel() {
      for (const [key, word] of Object.entries(CHART_WORDS)) curveView.setText(key, t(word));
      formula.relabel();
      labelLossPlot(lossView, 'chart_step_axis');
      state.shown = {};
    },
    setPresent(on) {
      curveView.setPresent(on);
      lossView.setPresent(on);
    },
    values() {
      const s = state.session;
      return { curve: s.curve, formula: s.formula, lr: s.learningRate, start: s.start };
    },
    progress: () => state.session.steps,
    set(name, value) {
      if (name === 'lr') setLearningRate(value);
    },
    reset: () => resetRun(undefined),
    charts: () => [el.curveCanvas, el.lossCanvas],
    csv: () => state.session.lossCsv(),
    state() {
      const s = state.session;
      return {
        curve: s.curve,
        formula: s.formula ?? null,
        w: s.w,
        loss: s.loss,
        gradient: s.gradient,
        steps: s.steps,
        learningRate: s.learningRate,
        criticalLearningRate: s.criticalLearningRate ?? null,
        regime: s.regime,
        noMinimum: s.noMinimum,
        formulaError: formula.shown,
        settles: s.settles,
        targetMinimum: s.targetMinimum ?? null,
        diverged: s.diverged,
      };
    },
    extras: {
      topLoss: () => lossView.topLoss,
      /** The ball's centre in CSS pixels relative to the curve canvas. */
      ballPosition() {
        const [x, y] = curveView.ballPosition(state.session);
        return { x, y };
      },
    },
  };
}
