// The scene kit: what every scene shares, written once. A scene module
// declares its settings, its controls (with their keys) and, if it has a run
// to play, its speeds; it mounts its own markup and drawing and hands back
// an instance. The kit does the rest: the frame loop and the speed (steps
// per second, independent of the frame rate), a per-frame work budget that
// playing and host pages share, keys, `?hide=`/`?lock=`, the readout's
// cadence, the host-page API, the settings a link carries, and timing hooks
// for the benchmarks.

import { applyTo, t } from '../i18n.js';
import { acceptValue, integerIn, readSettings, writeSettings } from './fields.js';
import { historyField, replay } from './replay.js';
import { controlSet } from './controls.js';
import { bindKeys } from './keys.js';
import { readoutClock } from './readout.js';

/**
 * What a scene module exports as `scene`.
 *
 * @typedef {object} SceneDefinition
 * @property {string} name  the scene's one name: `?scene=`, its folder under www/scenes/, its DOM id prefix (`name-`), its i18n region (`name_`), its module in each crate
 * @property {string[]} [aliases]  older `?scene=` values that still open it
 * @property {(wasm: object) => Record<string, import('./fields.js').Field>} settings  what a link carries
 * @property {Record<string, Control>} controls  the controls a course page may hide or lock, in the order they are listed to the user
 * @property {RunSpec} [run]  for a scene with a run to play
 * @property {Record<string, string>} [host]  host-page property → settings field (e.g. `{ learningRate: 'lr' }`)
 * @property {string} [progress]  the address field that carries how far the run is (e.g. `step`): a reopened link takes that many steps again, so it shows the same picture
 * @property {string} [replay]  a setting the run may change mid-way (e.g. `lr`): a link also carries its earlier values as `history=until:value,…` (steps before `until` used `value`), and a reopened link takes its steps with them
 * @property {string} [wasmModule]  the scene's own wasm module (`<wasmModule>.js` at the page's root), loaded when the scene opens, instead of the page's: it is what `settings` and `mount` get as `wasm`
 * @property {() => string} markup  the scene's HTML, put in the page before `mount` (ids start with `name-`)
 * @property {(context: SceneContext) => SceneInstance} mount
 *
 * @typedef {object} Control
 * @property {string} label  i18n key of the control's name (for the notice that lists locked controls)
 * @property {string[]} [keys]  keys that act like the control (`event.key` values)
 *
 * @typedef {object} RunSpec
 * @property {number[]} speeds  steps per second offered by the speed slider (`[data-kit=speed]`)
 * @property {(n: number) => string} speedText  the speed in words
 * @property {number} maxPerFrame  the most steps one frame may take
 * @property {number} [lead]  how much of a step is already owed when play starts (0–1; 0: the first step comes one step's time after Play)
 *
 * @typedef {object} SceneContext
 * @property {Element} root  the scene's element, with its markup already in it
 * @property {object} wasm  the wasm exports
 * @property {Record<string, any>} settings  the address's values, parsed (refused ones at their fallback)
 * @property {{live(name: string): boolean, setDisabled(node: Element, disabled: boolean): void}} controls
 * @property {() => void} changed  something changed: redraw and rewrite the readout in the next frame
 * @property {{readonly playing: boolean, readonly speed: number}} run
 * @property {(playing: boolean) => void} setPlaying
 *
 * @typedef {object} Frame
 * @property {number} now  the frame's time (ms)
 * @property {boolean} dirty  something changed besides the run (a setting, a resize, the language)
 * @property {number} taken  steps taken in this frame
 * @property {boolean} playing
 * @property {number} speed
 * @property {number} phase  how far the run is towards its next step while playing (0–1)
 *
 * @typedef {object} SceneInstance
 * @property {Record<string, () => void>} actions  what a control's key does, by control name
 * @property {(n: number) => number} [advance]  takes up to n steps now; returns how many it took (0: nothing more to do)
 * @property {() => boolean} [finished]  the run cannot go on: playing stops
 * @property {(frame: Frame) => boolean} draw  redraws what changed; true if it drew anything
 * @property {(frame: Frame) => void} readout  writes the words and numbers (the kit decides when)
 * @property {() => void} [relabel]  after a language change (the kit has filled `data-i18n` already)
 * @property {(on: boolean) => void} setPresent  projector mode
 * @property {() => object} state  plain data for host pages and tests
 * @property {() => Record<string, any>} values  the current settings, by schema name
 * @property {() => number} [progress]  how many steps the run has taken since its start (with `progress` in the definition)
 * @property {(name: string, value: any) => void} set  a setting from a host page, already checked
 * @property {() => void} reset
 * @property {() => HTMLCanvasElement[]} charts
 * @property {() => string} [csv]
 * @property {Record<string, Function>} [extras]  more handles for tests (e.g. where the ball is)
 */

/** The most steps waiting for frames at once (host pages and tests). */
const MAX_PENDING_STEPS = 1_000_000;
/** One host request's largest count. */
const MAX_STEP_COUNT = 1_000_000;
/** A frame's budget for steps, in ms: beyond it, steps wait for the next frame. */
const STEP_BUDGET_MS = 4;
/** Elapsed time counted per frame at most (a hidden tab does not owe a burst). */
const MAX_ELAPSED_MS = 250;
/**
 * Mounts `definition` in `root`. Returns the scene's public handle (the one
 * host pages and tests use as `window.descent`).
 */
export function mountScene(definition, { root, wasm, params, embedding }) {
  root.insertAdjacentHTML('beforeend', definition.markup());
  const schema = definition.settings(wasm);
  if (definition.progress) schema[definition.progress] = { parse: integerIn(0, MAX_PENDING_STEPS), fallback: 0 };
  if (definition.replay) schema.history = historyField(schema[definition.replay], MAX_PENDING_STEPS);
  const { settings, refused } = readSettings(params, schema);
  // A history that reaches past the progress it claims cannot be replayed.
  if (definition.replay && settings.history.length && settings.history.at(-1).until > settings[definition.progress]) {
    refused.push('history');
    settings.history = [];
  }
  const controls = controlSet(root, embedding, definition.controls);
  const run = definition.run;
  const kit = {
    playing: false,
    speed: run ? settings.speed : 0,
    owed: 0,
    lastFrame: 0,
    dirty: true,
    /** Steps asked for by a host or a test, waiting for frames, and who waits for them. */
    pending: 0,
    waiting: [],
    taken: 0,
    /** ms per step, measured (a running average), so a frame takes what fits its budget. */
    perStep: 0.001,
    readout: readoutClock(),
    listeners: [],
    timings: null,
    /** A 1×1 canvas the timing hook reads back through. */
    probe: null,
    drawnOnce: false,
    /** The last frame's steps ran over its budget and it did not draw: this one draws and takes none. */
    drawOwed: false,
  };
  const speedInput = root.querySelector('[data-kit="speed"]');
  const speedValue = root.querySelector('[data-kit="speed-value"]');
  const playButton = root.querySelector('[data-kit="play"]');

  /** The replayed setting's history, for a scene with `progress` and `replay` (kit/replay.js). */
  const replayed = definition.replay && definition.progress ? replay(definition.replay, () => scene) : null;
  /** Notes which value of the replayed setting the next steps use (before they are taken). */
  function track() {
    if (scene.progress) replayed?.track();
  }

  const context = {
    root,
    wasm,
    settings,
    controls,
    changed() {
      kit.dirty = true;
      // A changed setting may be the replayed one: the steps before it used the old value.
      track();
    },
    run: {
      get playing() {
        return kit.playing;
      },
      get speed() {
        return kit.speed;
      },
    },
    setPlaying,
  };
  // Replaced by the scene's instance once mounted; `setPlaying` may run before.
  let scene = { finished: () => false };

  function setPlaying(playing) {
    kit.playing = Boolean(run) && playing && !scene.finished?.();
    kit.owed = run?.lead ?? 0;
    if (playButton) playButton.textContent = t(kit.playing ? 'pause' : 'play');
    kit.dirty = true;
  }

  function setSpeed(speed) {
    if (!run || !run.speeds.includes(speed)) return false;
    kit.speed = speed;
    if (speedInput) speedInput.value = String(run.speeds.indexOf(speed));
    kit.dirty = true;
    return true;
  }

  scene = definition.mount(context);

  if (speedInput) {
    speedInput.max = String(run.speeds.length - 1);
    speedInput.value = String(run.speeds.indexOf(kit.speed));
    speedInput.addEventListener('input', () => setSpeed(run.speeds[Number(speedInput.value)] ?? kit.speed));
  }
  playButton?.addEventListener('click', () => setPlaying(!kit.playing));
  bindKeys(definition.controls, controls.live, (name) => scene.actions[name]?.());
  new ResizeObserver(context.changed).observe(root);

  /** Takes up to `n` steps within what is left of this frame's budget; returns how many. */
  function advance(n, began) {
    if (!scene.advance || n <= 0) return 0;
    let ask = n;
    if (replayed) ask = Math.min(ask, replayed.due());
    const left = STEP_BUDGET_MS - (performance.now() - began);
    const fits = Math.max(1, Math.floor(left / kit.perStep));
    ask = Math.min(ask, fits, run ? run.maxPerFrame : ask);
    const start = performance.now();
    const got = scene.advance(ask);
    if (got > 0) kit.perStep = 0.8 * kit.perStep + 0.2 * Math.max((performance.now() - start) / got, 1e-5);
    replayed?.due();
    return got;
  }

  function settle(all) {
    if (!all && kit.pending > 0) return;
    for (const waiter of kit.waiting.splice(0)) waiter(kit.taken);
    kit.taken = 0;
    kit.pending = 0;
  }

  function frame(now) {
    const began = performance.now();
    track();
    const elapsed = Math.min(now - (kit.lastFrame || now), MAX_ELAPSED_MS);
    kit.lastFrame = now;
    let taken = 0;
    // The last frame's steps alone took more than its budget (one step is
    // that long): this frame draws them and takes none, so no frame does both.
    const resting = kit.drawOwed;
    kit.drawOwed = false;
    if (kit.playing && resting) kit.owed = Math.min(kit.owed + (elapsed / 1000) * kit.speed, 1);
    else if (kit.playing) {
      kit.owed += (elapsed / 1000) * kit.speed;
      const due = Math.floor(kit.owed);
      if (due > 0) {
        const got = advance(due, began);
        taken += got;
        // Whatever did not fit is dropped, not owed: a slow machine plays slower, never in bursts.
        kit.owed = due > got ? kit.owed % 1 : kit.owed - got;
        // Steps were due and none could be taken: the run is over.
        if (got === 0) setPlaying(false);
      }
      if (scene.finished?.()) setPlaying(false);
    }
    if (kit.pending > 0 && !resting) {
      const got = advance(kit.pending, began);
      taken += got;
      kit.taken += got;
      kit.pending -= got;
      if (got === 0) kit.pending = 0;
    }
    const info = { now, dirty: kit.dirty, taken, playing: kit.playing, speed: kit.speed, phase: kit.playing ? kit.owed % 1 : 0 };
    if (taken > 0 && performance.now() - began > STEP_BUDGET_MS) {
      // Over budget already: the picture (the run moved, and whatever else
      // is dirty) and whoever waits for these steps wait for the next frame.
      kit.drawOwed = true;
      requestAnimationFrame(frame);
      if (kit.timings) kit.timings.push(performance.now() - began);
      return;
    }
    // Steps a host waited for are all taken: it hears so once they are drawn and read out.
    settle(false);
    const drew = scene.draw(info);
    if (drew && !kit.drawnOnce) {
      kit.drawnOnce = true;
      // For the cold-load benchmark: when the scene's first picture was drawn.
      performance.mark('descent:first-frame');
    }
    if (drew || taken > 0 || kit.dirty) kit.readout.lag();
    if (kit.readout.due(now, kit.dirty || !kit.playing)) {
      if (speedValue && run) {
        const text = run.speedText(kit.speed);
        if (speedValue.textContent !== text) speedValue.textContent = text;
        if (speedInput.getAttribute('aria-valuetext') !== text) speedInput.setAttribute('aria-valuetext', text);
      }
      scene.readout(info);
      if (kit.listeners.length) {
        // The snapshot only for listeners that read it (a scene's state may cost a layout).
        const snapshot = kit.listeners.some((l) => l.withState) ? scene.state() : undefined;
        for (const { listener } of kit.listeners) listener(snapshot);
      }
    }
    if (kit.timings && (drew || taken > 0)) {
      // One pixel of each chart, copied out: the drawing must really have happened.
      for (const canvas of scene.charts()) kit.probe.drawImage(canvas, 0, 0, 1, 1, 0, 0, 1, 1);
      kit.probe.getImageData(0, 0, 1, 1);
      kit.timings.push(performance.now() - began);
    }
    kit.dirty = false;
    requestAnimationFrame(frame);
  }

  /** Queues `count` steps for the frames to take; returns a reason if refused. */
  function queueSteps(count) {
    if (!scene.advance) return 'this scene has no steps';
    if (!Number.isInteger(count) || count < 1 || count > MAX_STEP_COUNT) return `must be a whole number from 1 to ${MAX_STEP_COUNT}`;
    if (kit.pending + count > MAX_PENDING_STEPS) return `too many steps waiting (at most ${MAX_PENDING_STEPS})`;
    if (kit.playing) setPlaying(false);
    kit.pending += count;
    return undefined;
  }

  /** Applies a host page's settings; returns what was refused ({field, reason}). */
  function apply(message) {
    const problems = [];
    for (const [property, field] of Object.entries(definition.host ?? {})) {
      if (!(property in message)) continue;
      const value = acceptValue(schema[field], message[property]);
      if (value === undefined) problems.push({ field: property, reason: 'refused: not a value the address would accept' });
      else {
        scene.set(field, value);
        kit.dirty = true;
      }
    }
    if ('speed' in message) {
      const value = run ? acceptValue(schema.speed, message.speed) : undefined;
      if (value === undefined || !setSpeed(value)) problems.push({ field: 'speed', reason: 'refused: not one of the speeds offered' });
    }
    if ('reset' in message) {
      if (message.reset === true) {
        settle(true);
        scene.reset();
        kit.dirty = true;
      } else problems.push({ field: 'reset', reason: 'must be true' });
    }
    if ('playing' in message) {
      if (typeof message.playing !== 'boolean') problems.push({ field: 'playing', reason: 'must be true or false' });
      else if (run) setPlaying(message.playing);
      else problems.push({ field: 'playing', reason: 'this scene has no run to play' });
    }
    return problems;
  }

  function relabel() {
    applyTo(root);
    if (playButton) playButton.textContent = t(kit.playing ? 'pause' : 'play');
    scene.relabel?.();
    kit.dirty = true;
  }

  relabel();
  requestAnimationFrame(frame);
  // A link that carries progress: take those steps again, through the frames'
  // budget, with the replayed setting's earlier values at the steps they were used.
  if (definition.progress && settings[definition.progress] > 0) {
    if (replayed && settings.history.length) {
      replayed.start(settings.history, settings[definition.replay] ?? scene.values()[definition.replay]);
    }
    queueSteps(settings[definition.progress]);
  }

  /** The settings a link carries, as values (the run's progress last). */
  const current = () => {
    const progress = definition.progress ? scene.progress() : 0;
    const history = replayed && progress > 0 ? replayed.now() : [];
    return {
      ...scene.values(),
      ...(run ? { speed: kit.speed } : {}),
      ...(progress > 0 ? { [definition.progress]: progress } : {}),
      ...(history.length ? { history } : {}),
    };
  };

  return {
    scene: definition.name,
    refused,
    /** The controls a course page may hide or lock, by name. */
    controls: Object.keys(definition.controls),
    /** Locked or hidden controls, as i18n label keys. */
    locked: controls.lockedLabels(),
    relabel,
    setPresent(on) {
      scene.setPresent(on);
      kit.dirty = true;
    },
    /** The settings a link carries, as address pairs. */
    link() {
      return writeSettings(schema, current());
    },
    /** The settings a link carries, as values. */
    settings: current,
    apply,
    queueSteps,
    /** Takes `n` steps through the frames' budget; resolves to how many were taken. */
    step(n) {
      const problem = queueSteps(n);
      if (problem) return Promise.reject(new RangeError(`step(${n}): ${problem}`));
      return new Promise((done) => kit.waiting.push(done));
    },
    play(playing) {
      setPlaying(Boolean(playing));
    },
    setSpeed,
    /**
     * Calls `listener(state)` after each readout; with `{ withState: false }`
     * it is called with nothing (for listeners that only need to know when).
     */
    onChange(listener, { withState = true } = {}) {
      kit.listeners.push({ listener, withState });
    },
    charts: () => scene.charts(),
    csv: scene.csv ? () => scene.csv() : undefined,
    state: () => ({ ...scene.state(), ...(run ? { playing: kit.playing, speed: kit.speed } : {}) }),
    /** Starts timing each frame's work (with a pixel read back, so drawing really happened); the returned function stops and gives the times in ms. */
    timeFrames() {
      kit.timings = [];
      if (!kit.probe) {
        const probe = document.createElement('canvas');
        probe.width = 1;
        probe.height = 1;
        kit.probe = probe.getContext('2d', { willReadFrequently: true });
      }
      return () => {
        const times = kit.timings;
        kit.timings = null;
        return times;
      };
    },
    /** Scene-specific extras for tests (e.g. where the ball is). */
    ...(scene.extras ?? {}),
  };
}
