// Section 3.4: the chapter's whole training loop, live. The network
// (1 → 10 ReLU → 1) learns y = 2x + 1 + noise; its curve moves over the
// data, the loss plot grows, the flowchart lights the stage of the loop and
// the console prints the chapter's `Epoch N, Loss: …` lines.
//
// Rust holds the run (TrainingSession) and draws (FitView, LossView); this
// module holds what is the scene's own: its markup, its settings, the
// flowchart's stage, the console and its words. The kit (www/kit/) runs the
// frame loop, the speed, the keys, locks and the host API.

import { t } from '../../i18n.js';
import { formatCount, formatNumber } from '../../format.js';
import { oneOf } from '../../kit/fields.js';
import { announce } from '../../kit/announce.js';
import { PLAYER_CONTROLS } from '../../kit/controls.js';
import { backOf, labelLossPlot } from '../../controls/chart.js';
import { flowchart } from './flowchart.js';
import { consolePanel } from './console.js';
import { template } from './template.js';
import { loopClock } from './clock.js';
import { SETUP_CONTROLS, setupFields, setupPanel } from './setup.js';
import { codePanel } from './code.js';
import { unitsPanel } from './units.js';
import { showText } from '../../kit/readout.js';
import {
  CHAPTER_SEED, DEFAULT_SPEED, DIAGRAM_EVERY_MS, DEFAULT_THRESHOLD, DIVERGING_RATE, FIT_WORDS, MAX_EPOCHS_PER_FRAME, RATES,
  SPEEDS, STATUS_ICONS, STATUS_REGIME, SUPERSCRIPT, THRESHOLDS,
  parseLearningRate, parseSeed, parseThreshold,
} from './settings.js';

/** @type {import('../../kit/scene.js').SceneDefinition} */
export const scene = {
  name: 'training',
  aliases: ['loop', 'training-loop'],
  markup: () => template({ steps: RATES.length, speeds: SPEEDS, thresholds: THRESHOLDS }),
  settings: () => ({
    seed: { parse: parseSeed, fallback: CHAPTER_SEED },
    lr: { parse: parseLearningRate, fallback: 0.01 },
    speed: { parse: oneOf(SPEEDS), fallback: DEFAULT_SPEED },
    threshold: { parse: parseThreshold, fallback: DEFAULT_THRESHOLD },
    ...setupFields(),
  }),
  controls: {
    lr: { label: 'learning_rate' },
    ...PLAYER_CONTROLS,
    seed: { label: 'training_new_seed' },
    threshold: { label: 'training_threshold' },
    ...SETUP_CONTROLS,
  },
  run: {
    speeds: SPEEDS,
    speedText: (n) => t('training_epochs_per_second', { n: formatNumber(n) }),
    maxPerFrame: MAX_EPOCHS_PER_FRAME,
  },
  host: { learningRate: 'lr' },
  progress: 'epoch',
  replay: 'lr',
  mount,
};

/** The slider stop nearest to η (on a log scale). */
function nearestRate(eta) {
  let best = 0;
  for (let i = 0; i < RATES.length; i += 1) if (Math.abs(Math.log(RATES[i] / eta)) < Math.abs(Math.log(RATES[best] / eta))) best = i;
  return best;
}

function mount({ root, wasm, settings, changed, run, setPlaying }) {
  const $ = (id) => root.querySelector(`#training-${id}`);
  const el = {
    fitCanvas: $('fit-canvas'), lossCanvas: $('loss-canvas'),
    lr: $('lr'), lrValue: $('lr-value'), lrMark: $('lr-diverge'), lrHint: $('lr-hint'), intro: $('intro'),
    step: $('step'), reset: $('reset'), seed: $('seed'), threshold: $('threshold'),
    status: $('status'), answer: $('answer'), flowTitle: $('flow-title'),
  };
  const out = { epoch: $('out-epoch'), loss: $('out-loss'), seed: $('out-seed'), params: $('out-params') };
  const live = Object.fromEntries([...root.querySelectorAll('[data-live]')].map((n) => [n.dataset.live, n]));
  const mathRows = [...root.querySelectorAll('.training-math tr')];

  if (settings.threshold !== 'off' && !THRESHOLDS.includes(settings.threshold)) {
    el.threshold.insertAdjacentHTML('beforeend', `<option value="${settings.threshold}">L &lt; ${settings.threshold}</option>`);
  }
  el.threshold.value = String(settings.threshold);

  const fitView = new wasm.FitView(el.fitCanvas, backOf(el.fitCanvas));
  const setup = setupPanel(root, settings, (name) => {
    state.reinit = SETUP_CONTROLS[name].label;
    startSession(state.session.seed, state.session.learningRate);
  });
  const units = unitsPanel(root, wasm, {
    highlight(j) {
      fitView.setHighlight(j);
      changed();
    },
    pieces(on) {
      fitView.setPieces(on);
      changed();
    },
  });
  const code = codePanel(root, (float64) => state.session.script(float64));
  const lossView = new wasm.LossView(el.lossCanvas, backOf(el.lossCanvas));
  const chart = flowchart(root);
  const log = consolePanel($('console'));

  const state = {
    session: null,
    drawnEpochs: -1,
    /** The outcome already noted in the console ('done', 'diverging' or ''). */
    noted: '',
    shown: {},
    /** The flowchart's marking last shown (stage, running, title). */
    marked: '',
    /** The i18n key of the setting whose change re-initialised the run (shown until it trains). */
    reinit: '',
    /** When the network diagram was last drawn (ms), and at which epoch. */
    diagramAt: -Infinity,
    diagramEpochs: -1,
  };
  const clock = loopClock(run);

  function threshold() {
    return el.threshold.value === 'off' ? undefined : Number(el.threshold.value);
  }

  function startSession(seed, learningRate) {
    state.session?.free();
    try {
      state.session = wasm.TrainingSession.withSettings(seed, learningRate, threshold(), ...setup.args());
    } catch {
      // The address's settings were each in range; should the whole still be refused, train the chapter's.
      state.session = new wasm.TrainingSession(seed, learningRate, threshold());
    }
    el.lr.value = String(nearestRate(learningRate));
    state.diagramEpochs = -1;
    units.reset();
    code.invalidate();
    relabelSetup();
    restart();
  }

  /** The words that follow the settings: the summary line, the data's legend entry, the parameters. */
  function relabelSetup() {
    setup.relabel();
    const kind = setup.values.data;
    fitView.setText('data', kind === 'line' ? t('training_legend_data') : t(`training_legend_data_${kind}`));
    const n = state.session.parameterCount;
    const power = String(n).replace(/\d/g, (d) => SUPERSCRIPT[d]);
    el.answer.textContent = t('training_answer', { n, power });
    // The chapter's words (and where its network diverges) hold for the chapter's settings only.
    const chapter = setup.chapter();
    el.intro.textContent = chapter ? t('training_intro') : t('training_intro_playground', { network: state.session.sizes().join(' → ') });
    el.lrMark.hidden = !chapter;
    el.lrHint.textContent = chapter ? t('training_lr_hint') : t('training_lr_hint_playground');
  }

  function restart() {
    setPlaying(false);
    log.clear();
    state.noted = '';
    changed();
  }

  function setLearningRate(eta) {
    state.session.setLearningRate(eta);
    code.invalidate();
    el.lr.value = String(nearestRate(eta));
    changed();
  }

  function stepOnce() {
    setPlaying(false);
    state.session.step(1);
    changed();
  }

  function resetRun() {
    state.session.reset();
    state.reinit = '';
    state.diagramEpochs = -1;
    restart();
  }

  /** The check box's words under "loss small enough?": the threshold, or none. */
  function relabelCheck() {
    const limit = state.session.threshold;
    chart.relabel(limit === undefined ? t('training_stage_check_off') : t('training_stage_check_sub', { threshold: formatNumber(limit) }));
    state.marked = '';
  }

  // Controls only change settings; the kit's frame does the work.
  el.lr.addEventListener('input', () => {
    state.session.setLearningRate(RATES[Number(el.lr.value)]);
    code.invalidate();
    changed();
  });
  el.threshold.addEventListener('change', () => {
    state.session.setThreshold(threshold());
    if (!state.session.done && state.noted === 'done') state.noted = '';
    relabelCheck();
    changed();
  });
  el.step.addEventListener('click', stepOnce);
  el.reset.addEventListener('click', resetRun);
  el.seed.addEventListener('click', () => {
    state.reinit = 'training_readout_seed';
    startSession(wasm.randomSeed(), state.session.learningRate);
  });

  /** Sets text only when it changed, so idle frames touch no layout (kit/readout.js). */
  const show = (node, key, text) => showText(state.shown, node, key, text);

  function status() {
    const s = state.session;
    if (s.diverged) return 'diverging';
    if (s.done) return 'done';
    if (run.playing) return 'training';
    return s.epochs === 0 ? 'ready' : 'paused';
  }

  /** The flowchart's current stage, and whether the loop is too fast to follow stage by stage. */
  const stage = () => clock.stage(state.session);

  /** Marks the stage in the flowchart and the math table; true if anything changed. */
  function markStage() {
    const [current, running] = stage();
    const title = t(running ? 'training_flow_title_running' : 'training_flow_title', { speed: formatNumber(run.speed) });
    const key = `${current}/${running}/${title}`;
    if (key === state.marked) return false;
    state.marked = key;
    chart.mark(current, running);
    for (const row of mathRows) row.classList.toggle('current', !running && row.dataset.stage === current);
    code.update(current, running);
    show(el.flowTitle, 'flow-title', title);
    return true;
  }

  function draw(frame) {
    clock.follow(frame);
    const s = state.session;
    const moved = s.epochs !== state.drawnEpochs;
    if (frame.dirty || moved) {
      fitView.draw(s);
      lossView.drawTraining(s);
    }
    // The diagram at most a few times a second while it trains: it is for watching, not for timing.
    if (frame.dirty || (s.epochs !== state.diagramEpochs && frame.now - state.diagramAt > DIAGRAM_EVERY_MS)) {
      units.draw(s);
      state.diagramAt = frame.now;
      state.diagramEpochs = s.epochs;
    }
    state.drawnEpochs = s.epochs;
    const marked = markStage();
    return frame.dirty || moved || marked;
  }

  function readout() {
    const s = state.session;
    log.update(s);
    const kind = status();
    if (el.status.dataset.status !== kind) {
      el.status.dataset.status = kind;
      el.status.dataset.regime = STATUS_REGIME[kind];
      el.status.querySelector('.regime-icon').innerHTML = STATUS_ICONS[kind];
    }
    const loss = s.loss;
    const vars = { epoch: formatCount(s.epochs), loss: formatNumber(loss ?? 0), threshold: formatNumber(s.threshold ?? 0) };
    // Just re-initialised by a changed setting: say which, until the run trains.
    const reinit = kind === 'ready' && state.reinit !== '';
    const name = reinit ? t('training_status_reinit') : t(`training_status_${kind}`);
    const detail = reinit ? t('training_status_reinit_detail', { what: t(state.reinit) }) : t(`training_status_${kind}_detail`, vars);
    el.status.dataset.reinit = String(reinit);
    show(el.status.querySelector('.regime-name'), 'status', name);
    show(el.status.querySelector('.regime-detail'), 'detail', detail);
    // Politely, at most every few seconds: the stage of training and its loss.
    announce(`${name}. ${detail}`);
    units.readout(s);
    if (kind === 'done' && state.noted !== 'done') log.note('training_note_done', vars);
    if (kind === 'diverging' && s.halted && state.noted !== 'diverging') log.note('training_note_diverging', vars);
    if (kind === 'done' || (kind === 'diverging' && s.halted)) state.noted = kind;

    const etaText = formatNumber(s.learningRate, 3);
    show(el.lrValue, 'lr', `η = ${etaText}`);
    if (el.lr.getAttribute('aria-valuetext') !== etaText) el.lr.setAttribute('aria-valuetext', etaText);

    const lossText = loss === undefined ? '—' : formatNumber(loss);
    show(live.loss, 'live-loss', lossText);
    show(live.eta, 'live-eta', etaText);
    show(out.epoch, 'out-epoch', formatCount(s.epochs));
    show(out.loss, 'out-loss', lossText);
    show(out.seed, 'out-seed', s.seed === CHAPTER_SEED ? t('training_seed_chapter', { seed: s.seed }) : String(s.seed));
    show(out.params, 'out-params', String(s.parameterCount));
  }

  const mark = RATES.indexOf(DIVERGING_RATE) / (RATES.length - 1);
  el.lrMark.style.setProperty('--at', mark.toFixed(4));
  startSession(settings.seed, settings.lr);

  return {
    actions: {
      play: () => setPlaying(!run.playing),
      step: stepOnce,
      reset: resetRun,
    },
    advance: (n) => state.session.step(n),
    finished() {
      const s = state.session;
      return s.done || s.halted;
    },
    draw,
    readout,
    relabel() {
      for (const [key, word] of Object.entries(FIT_WORDS)) fitView.setText(key, t(word));
      labelLossPlot(lossView, 'training_epoch_axis');
      relabelSetup();
      units.relabel();
      relabelCheck();
      log.relabel();
      state.shown = {};
    },
    setPresent(on) {
      fitView.setPresent(on);
      lossView.setPresent(on);
      units.setPresent(on);
    },
    values() {
      const s = state.session;
      return { seed: s.seed, lr: s.learningRate, threshold: s.threshold ?? 'off', ...setup.changed() };
    },
    progress: () => state.session.epochs,
    set(name, value) {
      if (name === 'lr') setLearningRate(value);
    },
    reset: resetRun,
    charts: () => [el.fitCanvas, el.lossCanvas],
    /** The loss history as CSV: step,loss,min,max. */
    csv: () => state.session.lossCsv(),
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
        stage: running ? 'running' : current,
        status: status(),
        reinit: state.reinit,
        console: log.epochLines(),
        setup: { ...setup.values },
        sizes: [...s.sizes()],
        code: code.litLines(),
      };
    },
    extras: {
      /** The PyTorch script on the page. */
      script: () => code.text(),
      /** At `x`: the network's ŷ and the sum of the units' pieces plus b₂ (one hidden layer only). */
      pieceSum(x) {
        const s = state.session;
        const flat = s.units();
        if (!flat.length) return undefined;
        const f = { relu: (z) => Math.max(0, z), tanh: Math.tanh, sigmoid: (z) => 1 / (1 + Math.exp(-z)) }[setup.values.act];
        let sum = flat.at(-1);
        for (let j = 0; j + 4 <= flat.length - 1; j += 4) sum += flat[j + 2] * f(flat[j] * x + flat[j + 1]);
        return { fit: s.predict(x), sum };
      },
    },
  };
}
