// Section 3.4: the chapter's whole training loop, live. The network
// (1 → 10 ReLU → 1) learns y = 2x + 1 + noise; its curve moves over the
// data, the loss plot grows, the flowchart lights the stage of the loop and
// the console prints the chapter's `Epoch N, Loss: …` lines.
//
// Rust holds the run (TrainingSession) and draws (FitView, LossView); this
// module owns the page: controls change settings, the frame callback runs
// epochs at the chosen speed and redraws what changed.

import { applyTo, t } from '../i18n.js';
import { formatCount, formatNumber } from '../format.js';
import { oneOf, readSettings } from '../url.js';
import { backOf } from '../controls/chart.js';
import { readoutClock } from '../controls/readout.js';
import { announce } from '../shell/announce.js';
import { LOOP_STAGES, flowchart } from './training-loop/flowchart.js';
import { consolePanel } from './training-loop/console.js';
import { template } from './training-loop/template.js';
import {
  CHAPTER_SEED, DEFAULT_SPEED, DEFAULT_THRESHOLD, DIVERGING_RATE, FIT_WORDS, MAX_EPOCHS_PER_FRAME, RATES,
  SPEEDS, STAGED_UP_TO, STATUS_ICONS, STATUS_REGIME, SUPERSCRIPT, THRESHOLDS, UPDATE_AT,
  parseLearningRate, parseSeed, parseThreshold,
} from './training-loop/settings.js';

export function mount(root, wasm, params) {
  root.insertAdjacentHTML('beforeend', template({ steps: RATES.length, speeds: SPEEDS, thresholds: THRESHOLDS }));
  const $ = (id) => root.querySelector(`#lp-${id}`);
  const el = {
    fitCanvas: $('fit-canvas'), lossCanvas: $('loss-canvas'),
    lr: $('lr'), lrValue: $('lr-value'), lrMark: $('lr-diverge'),
    play: $('play'), step: $('step'), reset: $('reset'), seed: $('seed'),
    speed: $('speed'), speedValue: $('speed-value'), threshold: $('threshold'),
    status: $('status'), answer: $('answer'),
  };
  const out = { epoch: $('out-epoch'), loss: $('out-loss'), seed: $('out-seed'), params: $('out-params') };
  const live = Object.fromEntries([...root.querySelectorAll('[data-live]')].map((n) => [n.dataset.live, n]));
  const mathRows = [...root.querySelectorAll('.lp-math tr')];

  const { settings, refused } = readSettings(params, {
    seed: { parse: parseSeed, fallback: CHAPTER_SEED },
    lr: { parse: parseLearningRate, fallback: 0.01 },
    speed: { parse: oneOf(SPEEDS.map(String)), fallback: String(DEFAULT_SPEED) },
    threshold: { parse: parseThreshold, fallback: DEFAULT_THRESHOLD },
  });
  if (settings.threshold !== 'off' && !THRESHOLDS.includes(settings.threshold)) {
    el.threshold.insertAdjacentHTML('beforeend', `<option value="${settings.threshold}">L &lt; ${settings.threshold}</option>`);
  }
  el.threshold.value = String(settings.threshold);

  const fitView = new wasm.FitView(el.fitCanvas, backOf(el.fitCanvas));
  const lossView = new wasm.LossView(el.lossCanvas, backOf(el.lossCanvas));
  const chart = flowchart(root);
  const log = consolePanel(root.querySelector('#lp-console'));

  const state = {
    session: null,
    speed: Number(settings.speed),
    playing: false,
    /** Epochs owed to the speed setting; its fraction is where the current epoch's cycle is. */
    owed: 0,
    lastFrame: 0,
    drawnEpochs: -1,
    dirty: true,
    readout: readoutClock(),
    /** The outcome already noted in the console ('done', 'diverging' or ''). */
    noted: '',
    shown: {},
    timings: null,
    /** Called with the state after each change (host pages). */
    listeners: [],
  };

  /** Whether a control is out of use: locked or hidden by the embedding page (?lock=, ?hide=). */
  const blocked = (node) => node.dataset.locked === 'true' || Boolean(node.closest('[hidden]'));

  function threshold() {
    return el.threshold.value === 'off' ? undefined : Number(el.threshold.value);
  }

  function startSession(seed, learningRate) {
    state.session?.free();
    state.session = new wasm.TrainingSession(seed, learningRate, threshold());
    el.lr.value = String(nearestRate(learningRate));
    restart();
  }

  function restart() {
    setPlaying(false);
    log.clear();
    state.noted = '';
    state.dirty = true;
  }

  function nearestRate(eta) {
    let best = 0;
    for (let i = 0; i < RATES.length; i += 1) if (Math.abs(Math.log(RATES[i] / eta)) < Math.abs(Math.log(RATES[best] / eta))) best = i;
    return best;
  }

  function finished() {
    const s = state.session;
    return s.done || s.halted;
  }

  function setPlaying(playing) {
    state.playing = playing && !finished();
    // A slow run starts its first cycle at "forward".
    state.owed = 1 - UPDATE_AT;
    el.play.textContent = t(state.playing ? 'pause' : 'play');
  }

  function stepOnce() {
    setPlaying(false);
    state.session.step(1);
  }

  function resetRun() {
    state.session.reset();
    restart();
  }

  // Controls only change settings; the frame callback does the work.
  el.lr.addEventListener('input', () => {
    state.session.setLearningRate(RATES[Number(el.lr.value)]);
    state.dirty = true;
  });
  el.speed.addEventListener('input', () => {
    state.speed = SPEEDS[Number(el.speed.value)] ?? DEFAULT_SPEED;
    state.dirty = true;
  });
  el.threshold.addEventListener('change', () => {
    state.session.setThreshold(threshold());
    if (!state.session.done && state.noted === 'done') state.noted = '';
    relabel();
  });
  el.play.addEventListener('click', () => setPlaying(!state.playing));
  el.step.addEventListener('click', stepOnce);
  el.reset.addEventListener('click', resetRun);
  el.seed.addEventListener('click', () => startSession(wasm.randomSeed(), state.session.learningRate));

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target.closest?.('select, textarea, input:not([type=range])');
    const onButton = target.closest?.('button, summary, a');
    if (event.key === ' ' && !typing && !onButton && !blocked(el.play)) {
      event.preventDefault();
      setPlaying(!state.playing);
    } else if (event.key === 'ArrowRight' && !typing && target.type !== 'range' && !blocked(el.step)) {
      event.preventDefault();
      stepOnce();
    } else if ((event.key === 'r' || event.key === 'R') && !typing && !blocked(el.reset)) {
      event.preventDefault();
      resetRun();
    }
  }
  document.addEventListener('keydown', onKey);

  const resize = new ResizeObserver(() => {
    state.dirty = true;
  });
  resize.observe(el.fitCanvas);
  resize.observe(el.lossCanvas);

  function relabel() {
    applyTo(root);
    for (const [key, word] of Object.entries(FIT_WORDS)) fitView.setText(key, t(word));
    lossView.setText('step_axis', t('loop_epoch_axis'));
    lossView.setText('loss_axis', t('loss_axis_plot'));
    lossView.setText('off_chart', t('off_chart'));
    const n = state.session.parameterCount;
    const power = String(n).replace(/\d/g, (d) => SUPERSCRIPT[d]);
    el.answer.textContent = t('loop_answer', { n, power });
    el.play.textContent = t(state.playing ? 'pause' : 'play');
    const limit = state.session.threshold;
    chart.relabel(limit === undefined ? t('loop_stage_check_off') : t('loop_stage_check_sub', { threshold: formatNumber(limit) }));
    log.relabel();
    state.shown = {};
    state.dirty = true;
  }

  /** Sets text only when it changed, so idle frames touch no layout. */
  function show(node, key, text) {
    if (state.shown[key] !== text) {
      state.shown[key] = text;
      node.textContent = text;
    }
  }

  function status() {
    const s = state.session;
    if (s.diverged) return 'diverging';
    if (s.done) return 'done';
    if (state.playing) return 'training';
    return s.epochs === 0 ? 'ready' : 'paused';
  }

  /** The flowchart's current stage, and whether the loop is too fast to follow stage by stage. */
  function stage() {
    const s = state.session;
    if (s.done) return ['done', false];
    if (state.playing && state.speed > STAGED_UP_TO) return ['', true];
    if (state.playing) {
      const cycle = (state.owed + UPDATE_AT) % 1;
      return [LOOP_STAGES[Math.min(Math.floor(cycle * LOOP_STAGES.length), LOOP_STAGES.length - 1)], false];
    }
    return [s.epochs === 0 ? 'init' : 'check', false];
  }

  function updateReadout() {
    const s = state.session;
    const kind = status();
    if (el.status.dataset.status !== kind) {
      el.status.dataset.status = kind;
      el.status.dataset.regime = STATUS_REGIME[kind];
      el.status.querySelector('.regime-icon').innerHTML = STATUS_ICONS[kind];
    }
    const loss = s.loss;
    const vars = { epoch: formatCount(s.epochs), loss: formatNumber(loss ?? 0), threshold: formatNumber(s.threshold ?? 0), speed: formatNumber(state.speed) };
    show(el.status.querySelector('.regime-name'), 'status', t(`loop_status_${kind}`));
    show(el.status.querySelector('.regime-detail'), 'detail', t(`loop_status_${kind}_detail`, vars));
    // Politely, at most every few seconds: the stage of training and its loss.
    announce(`${t(`loop_status_${kind}`)}. ${t(`loop_status_${kind}_detail`, vars)}`);
    if (kind === 'done' && state.noted !== 'done') log.note('loop_note_done', vars);
    if (kind === 'diverging' && s.halted && state.noted !== 'diverging') log.note('loop_note_diverging', vars);
    if (kind === 'done' || (kind === 'diverging' && s.halted)) state.noted = kind;

    const eta = s.learningRate;
    const etaText = formatNumber(eta, 3);
    show(el.lrValue, 'lr', `η = ${etaText}`);
    if (el.lr.getAttribute('aria-valuetext') !== etaText) el.lr.setAttribute('aria-valuetext', etaText);
    const speedText = t('loop_epochs_per_second', { n: formatNumber(state.speed) });
    show(el.speedValue, 'speed', speedText);
    if (el.speed.getAttribute('aria-valuetext') !== speedText) el.speed.setAttribute('aria-valuetext', speedText);

    const lossText = loss === undefined ? '—' : formatNumber(loss);
    show(live.loss, 'live-loss', lossText);
    show(live.eta, 'live-eta', etaText);
    show(out.epoch, 'out-epoch', formatCount(s.epochs));
    show(out.loss, 'out-loss', lossText);
    show(out.seed, 'out-seed', s.seed === CHAPTER_SEED ? t('loop_seed_chapter', { seed: s.seed }) : String(s.seed));
    show(out.params, 'out-params', String(s.parameterCount));
  }

  function markStage() {
    const [current, running] = stage();
    chart.mark(current, running);
    for (const row of mathRows) row.classList.toggle('current', !running && row.dataset.stage === current);
    show(root.querySelector('#lp-flow-title'), 'flow-title', t(running ? 'loop_flow_title_running' : 'loop_flow_title', { speed: formatNumber(state.speed) }));
  }

  function frame(now) {
    const began = performance.now();
    const elapsed = Math.min(now - (state.lastFrame || now), 250);
    state.lastFrame = now;
    const s = state.session;
    if (state.playing) {
      state.owed += (elapsed / 1000) * state.speed;
      const n = Math.min(Math.floor(state.owed), MAX_EPOCHS_PER_FRAME);
      if (n > 0) {
        state.owed -= n;
        s.step(n);
      }
      if (finished()) setPlaying(false);
    }
    const moved = s.epochs !== state.drawnEpochs;
    if (state.dirty || moved) {
      fitView.draw(s);
      lossView.drawTraining(s);
    }
    if (state.dirty || moved || state.playing) state.readout.lag();
    if (state.readout.due(now, state.dirty || !state.playing)) {
      log.update(s);
      updateReadout();
      if (state.listeners.length) {
        const snapshot = api.state();
        for (const listener of state.listeners) listener(snapshot);
      }
    }
    markStage();
    if (state.timings && (state.dirty || moved)) {
      for (const canvas of [el.fitCanvas, el.lossCanvas]) canvas.getContext('2d').getImageData(0, 0, 1, 1);
      state.timings.push(performance.now() - began);
    }
    state.drawnEpochs = s.epochs;
    state.dirty = false;
    requestAnimationFrame(frame);
  }

  el.speed.value = String(SPEEDS.indexOf(state.speed));
  const mark = RATES.indexOf(DIVERGING_RATE) / (RATES.length - 1);
  el.lrMark.style.setProperty('--at', mark.toFixed(4));
  startSession(settings.seed, settings.lr);
  relabel();
  requestAnimationFrame(frame);

  const api = {
    refused,
    relabel,
    /** The settings a shared link carries. */
    settings() {
      const s = state.session;
      return { seed: s.seed, lr: s.learningRate, speed: state.speed, threshold: s.threshold ?? 'off' };
    },
    setPresent(on) {
      fitView.setPresent(on);
      lossView.setPresent(on);
      state.dirty = true;
    },
    /** Settings from a host page: { learningRate, playing, reset }. */
    apply(message) {
      const eta = Number(message.learningRate);
      if ('learningRate' in message && parseLearningRate(String(eta)) !== undefined) {
        state.session.setLearningRate(eta);
        el.lr.value = String(nearestRate(eta));
        state.dirty = true;
      }
      if (message.reset === true) resetRun();
      if (typeof message.playing === 'boolean') setPlaying(message.playing);
    },
    onChange(listener) {
      state.listeners.push(listener);
    },
    charts() {
      return [el.fitCanvas, el.lossCanvas];
    },
    /** The loss history as CSV: step,loss,min,max. */
    csv() {
      return state.session.lossCsv();
    },
    /** Runs up to `n` epochs now; returns how many ran. */
    step(n) {
      const taken = state.session.step(n);
      state.dirty = true;
      return taken;
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
      const [current, running] = stage();
      return {
        seed: s.seed,
        epochs: s.epochs,
        loss: s.loss,
        learningRate: s.learningRate,
        threshold: s.threshold,
        done: s.done,
        diverged: s.diverged,
        halted: s.halted,
        playing: state.playing,
        speed: state.speed,
        stage: running ? 'running' : current,
        status: status(),
        console: log.epochLines(),
      };
    },
  };
  return api;
}
