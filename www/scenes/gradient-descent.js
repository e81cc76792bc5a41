// Section 3.2: a ball rolling down a loss curve, with a live loss plot.
//
// Rust holds the run (DescentSession) and draws (CurveView, LossView); this
// module owns the page: controls change settings, the frame callback steps
// the run at the chosen speed and redraws what changed.

import { applyTo, t } from '../i18n.js';
import { formatCount, formatNumber } from '../format.js';
import { fraction, positionOf, valueAt } from '../controls/log-slider.js';
import { REGIME_ICONS, SPEEDS, TEMPLATE } from './gradient-descent/template.js';
import { numberIn, oneOf, readSettings } from '../url.js';
import { announce } from '../shell/announce.js';
import { backOf } from '../controls/chart.js';
import { readoutClock } from '../controls/readout.js';

const DEFAULT_SPEED = 5;
/** Above this many steps per second the ball jumps straight to each new position. */
const ANIMATED_UP_TO = 30;
/** The most steps one frame may take, so a slow frame never stalls the page. */
const MAX_STEPS_PER_FRAME = 2000;
// The slider spans η* ÷ RANGE_BELOW … η* × RANGE_ABOVE.
const RANGE_BELOW = 100;
const RANGE_ABOVE = 4;

const CHART_WORDS = {
  weight_axis: 'weight_axis',
  loss_axis: 'loss_axis',
  global_minimum: 'global_minimum',
  local_minimum: 'local_minimum',
  peak: 'peak',
  off_chart: 'off_chart',
};



/** The learning rate a curve starts with: the chapter's 0.01 on its data, else 0.3·η*. */
function defaultLearningRate(curve, critical) {
  return curve === 'data-mse' ? 0.01 : Math.round(0.3 * critical * 1000) / 1000;
}

export function mount(root, wasm, params) {
  root.insertAdjacentHTML('beforeend', TEMPLATE);
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    curveCanvas: $('curve-canvas'),
    lossCanvas: $('loss-canvas'),
    lr: $('lr'),
    lrValue: $('lr-value'),
    lrCritical: $('lr-critical'),
    play: $('play'),
    step: $('step'),
    reset: $('reset'),
    speed: $('speed'),
    speedValue: $('speed-value'),
    curve: $('curve'),
    regime: $('regime'),
    status: $('status'),
  };
  const live = Object.fromEntries(
    [...root.querySelectorAll('[data-live]')].map((node) => [node.dataset.live, node]),
  );
  const out = {
    step: $('out-step'),
    w: $('out-w'),
    loss: $('out-loss'),
    gradient: $('out-gradient'),
    critical: $('out-critical'),
  };

  const curveNames = wasm.curveNames();
  const { settings, refused } = readSettings(params, {
    curve: { parse: oneOf(curveNames), fallback: 'data-mse' },
    lr: { parse: numberIn(0, 1e6), fallback: undefined },
    start: { parse: numberIn(-1e6, 1e6), fallback: undefined },
    speed: { parse: oneOf(SPEEDS.map(String)), fallback: String(DEFAULT_SPEED) },
  });

  const curveView = new wasm.CurveView(el.curveCanvas, backOf(el.curveCanvas));
  const lossView = new wasm.LossView(el.lossCanvas, backOf(el.lossCanvas));
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  const state = {
    session: null,
    range: { low: 1e-4, high: 1 },
    speed: Number(settings.speed),
    playing: false,
    /** Fractional steps owed to the speed setting. */
    owed: 0,
    lastFrame: 0,
    /** When the last step was taken, for the ball's tween. */
    stepAt: -Infinity,
    stepDuration: 300,
    drawnSteps: -1,
    dirty: true,
    readout: readoutClock(),
    dragging: false,
    shown: {},
    /** Called with the state after each change (host pages). */
    listeners: [],
    /** When set, each frame's work is timed (with a pixel read back, so drawing really happened). */
    timings: null,
  };

  function startCurve(curve, start, learningRate) {
    state.session?.free();
    const probe = new wasm.DescentSession(curve, start, 0);
    const critical = probe.criticalLearningRate;
    state.range = { low: critical / RANGE_BELOW, high: critical * RANGE_ABOVE };
    const eta = learningRate ?? defaultLearningRate(curve, critical);
    probe.setLearningRate(eta);
    state.session = probe;
    el.curve.value = curve;
    el.lr.value = String(positionOf(eta, state.range.low, state.range.high));
    state.stepAt = -Infinity;
    state.dirty = true;
  }

  function setPlaying(playing) {
    state.playing = playing;
    state.owed = 0;
    el.play.textContent = t(playing ? 'pause' : 'play');
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
    state.dirty = true;
  }

  // Controls only change settings; the frame callback does the work.
  el.lr.addEventListener('input', () => {
    const eta = valueAt(Number(el.lr.value), state.range.low, state.range.high);
    state.session.setLearningRate(eta);
    state.dirty = true;
  });
  el.speed.addEventListener('input', () => {
    state.speed = SPEEDS[Number(el.speed.value)] ?? DEFAULT_SPEED;
  });
  el.curve.addEventListener('change', () => startCurve(el.curve.value, undefined, undefined));
  el.play.addEventListener('click', () => setPlaying(!state.playing));
  el.step.addEventListener('click', stepOnce);
  el.reset.addEventListener('click', () => resetRun(undefined));

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target.closest?.('select, textarea, input:not([type=range])');
    const onButton = target.closest?.('button, summary, a');
    if (event.key === ' ' && !typing && !onButton) {
      event.preventDefault();
      setPlaying(!state.playing);
    } else if (event.key === 'ArrowRight' && !typing && target.type !== 'range') {
      event.preventDefault();
      stepOnce();
    } else if ((event.key === 'r' || event.key === 'R') && !typing) {
      event.preventDefault();
      resetRun(undefined);
    }
  }
  document.addEventListener('keydown', onKey);

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

  const resize = new ResizeObserver(() => {
    state.dirty = true;
  });
  resize.observe(el.curveCanvas);
  resize.observe(el.lossCanvas);

  function relabel() {
    applyTo(root);
    for (const [key, word] of Object.entries(CHART_WORDS)) curveView.setText(key, t(word));
    lossView.setText('step_axis', t('step_axis'));
    lossView.setText('loss_axis', t('loss_axis_plot'));
    lossView.setText('off_chart', t('off_chart'));
    el.play.textContent = t(state.playing ? 'pause' : 'play');
    state.shown = {};
    state.dirty = true;
  }

  /** Sets text only when it changed, so idle frames touch no layout. */
  function show(node, key, text) {
    if (state.shown[key] === text) return false;
    state.shown[key] = text;
    node.textContent = text;
    return true;
  }

  function updateReadout() {
    const s = state.session;
    const eta = s.learningRate;
    const critical = s.criticalLearningRate;
    const regime = s.regime;
    if (el.regime.dataset.regime !== regime) {
      el.regime.dataset.regime = regime;
      el.regime.querySelector('.regime-icon').innerHTML = REGIME_ICONS[regime];
      announce(`${t(`regime_${regime}`)}. ${t(`regime_${regime}_detail`)}`);
    }
    show(el.regime.querySelector('.regime-name'), 'regime', t(`regime_${regime}`));
    show(el.regime.querySelector('.regime-detail'), 'detail', t(`regime_${regime}_detail`));
    show(el.regime.querySelector('.regime-ratio'), 'ratio', t('eta_vs_critical', { ratio: formatNumber(eta / critical, 3) }));
    let status;
    if (s.diverged) status = t('status_diverged', { step: formatCount(s.steps) });
    else if (s.atRest) status = t(s.targetIsGlobal ? 'status_at_rest_global' : 'status_at_rest_local');
    else {
      const which = t(s.targetIsGlobal ? 'which_global' : 'which_local');
      status = t('status_rolling', { which, w: formatNumber(s.targetMinimum, 3) });
    }
    if (show(el.status, 'status', status) && (s.diverged || s.atRest)) announce(status);

    const etaText = formatNumber(eta, 3);
    show(el.lrValue, 'lr', `η = ${etaText}`);
    if (el.lr.getAttribute('aria-valuetext') !== etaText) el.lr.setAttribute('aria-valuetext', etaText);
    const mark = Math.min(Math.max(fraction(critical, state.range.low, state.range.high), 0), 1);
    el.lrCritical.style.setProperty('--at', mark.toFixed(4));
    const speedText = t('steps_per_second', { n: state.speed });
    show(el.speedValue, 'speed', speedText);
    if (el.speed.getAttribute('aria-valuetext') !== speedText) el.speed.setAttribute('aria-valuetext', speedText);

    const w = s.w;
    const gradient = s.gradient;
    show(live.next, 'next', formatNumber(w - eta * gradient));
    show(live.w, 'w', formatNumber(w));
    show(live.eta, 'eta', etaText);
    show(live.gradient, 'gradient', formatNumber(gradient));
    show(out.step, 'out-step', formatCount(s.steps));
    show(out.w, 'out-w', formatNumber(w));
    show(out.loss, 'out-loss', formatNumber(s.loss));
    show(out.gradient, 'out-gradient', formatNumber(gradient));
    show(out.critical, 'out-critical', formatNumber(critical, 3));
  }

  function frame(now) {
    const began = performance.now();
    const elapsed = Math.min(now - (state.lastFrame || now), 250);
    state.lastFrame = now;
    const s = state.session;
    if (state.playing && !s.diverged) {
      state.owed += (elapsed / 1000) * state.speed;
      const n = Math.min(Math.floor(state.owed), MAX_STEPS_PER_FRAME);
      if (n > 0) {
        state.owed -= n;
        s.step(n);
        state.stepAt = now;
        state.stepDuration = 1000 / state.speed;
      }
    }
    const tween = !reducedMotion.matches && (!state.playing || state.speed <= ANIMATED_UP_TO);
    const progress = tween ? Math.min((now - state.stepAt) / state.stepDuration, 1) : 1;
    const moved = s.steps !== state.drawnSteps;
    const drawCurve = state.dirty || moved || progress < 1;
    const drawLoss = state.dirty || moved;
    if (drawCurve) curveView.draw(s, progress);
    if (drawLoss) {
      lossView.draw(s);
      state.readout.lag();
    }
    if (state.readout.due(now, state.dirty || !state.playing)) {
      updateReadout();
      if (state.listeners.length) {
        const snapshot = api.state();
        for (const listener of state.listeners) listener(snapshot);
      }
    }
    if (state.timings && (drawCurve || drawLoss)) {
      for (const canvas of [el.curveCanvas, el.lossCanvas]) canvas.getContext('2d').getImageData(0, 0, 1, 1);
      state.timings.push(performance.now() - began);
    }
    state.drawnSteps = s.steps;
    state.dirty = false;
    requestAnimationFrame(frame);
  }

  el.speed.value = String(SPEEDS.indexOf(state.speed));
  startCurve(settings.curve, settings.start, settings.lr);
  relabel();
  setPlaying(false);
  requestAnimationFrame(frame);

  const api = {
    refused,
    relabel,
    /** The settings a shared link carries. */
    settings() {
      const s = state.session;
      return { curve: s.curve, lr: s.learningRate, start: Number(s.start.toPrecision(6)), speed: state.speed };
    },
    setPresent(on) {
      curveView.setPresent(on);
      lossView.setPresent(on);
      state.dirty = true;
    },
    /** Settings from a host page: { learningRate, playing, reset }. */
    apply(message) {
      const eta = Number(message.learningRate);
      if ('learningRate' in message && Number.isFinite(eta) && eta >= 0 && eta <= 1e6) {
        state.session.setLearningRate(eta);
        el.lr.value = String(positionOf(eta, state.range.low, state.range.high));
        state.dirty = true;
      }
      if (typeof message.playing === 'boolean') setPlaying(message.playing);
      if (message.reset === true) resetRun(undefined);
    },
    onChange(listener) {
      state.listeners.push(listener);
    },
    charts() {
      return [el.curveCanvas, el.lossCanvas];
    },
    csv() {
      return state.session.lossCsv();
    },
    /** Takes `n` steps now (for host pages and benchmarks). */
    step(n) {
      state.session.step(n);
    },
    play(playing) {
      setPlaying(Boolean(playing));
    },
    setSpeed(speed) {
      if (SPEEDS.includes(speed)) {
        state.speed = speed;
        el.speed.value = String(SPEEDS.indexOf(speed));
      }
    },
    /** The ball's centre in CSS pixels relative to the curve canvas. */
    ballPosition() {
      const [x, y] = curveView.ballPosition(state.session);
      return { x, y };
    },
    /** Starts timing frames; returns a function that stops and gives the times in ms. */
    timeFrames() {
      state.timings = [];
      return () => {
        const times = state.timings;
        state.timings = null;
        return times;
      };
    },
    state() {
      const s = state.session;
      return {
        curve: s.curve,
        w: s.w,
        loss: s.loss,
        gradient: s.gradient,
        steps: s.steps,
        learningRate: s.learningRate,
        criticalLearningRate: s.criticalLearningRate,
        regime: s.regime,
        diverged: s.diverged,
        playing: state.playing,
        speed: state.speed,
      };
    },
  };
  return api;
}
