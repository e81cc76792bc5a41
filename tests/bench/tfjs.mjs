// Browser benchmark: one full-batch training epoch (forward, MSE, backward,
// optimizer update) of Descent's wasm against TensorFlow.js's wasm backend
// (XNNPACK, SIMD on, one thread), both in the same page of headless
// Chromium, on the same data from the same initial weights:
//
// - the chapter's network, 1 → 10 ReLU → 1 on its 100 points;
// - the playground's 1 → 64 → 64 → 1 tanh on 1 000 points of its sine data
//   (`?data=sine&points=1000&layers=2&width=64&act=tanh`);
//
// each with SGD (η = 0.01) and with Adam (η = 0.01, PyTorch's β and ε).
// Descent trains through the page's own `TrainingSession.step(n)` in f64;
// TF.js in float32, its only dtype for training here, once through
// `optimizer.minimize` on plain ops (matMul, add, relu/tanh, MSE) and once
// through a `tf.sequential` model's `trainOnBatch` (SGD only). The data and
// the initial weights are read from the session's own PyTorch script, so
// both engines start from the very same numbers; a check trains each from
// there for 1, 10, 50 and 100 epochs and prints the loss each records (they
// agree to float32's rounding for as long as the run is stable).
//
// The engines take turns in every round (A B C, then C B A, …), each
// training from its initial weights for about --ms milliseconds, so the
// machine's noise reaches all of them alike; the median and range over the
// rounds are printed. TF.js stays out of the page and of the project's own
// npm ci: it lives in tests/bench/tfjs/ with its own lock file. Run after
// `trunk build --release`:
//
//   npm ci --prefix tests/bench/tfjs
//   node tests/bench/tfjs.mjs [--rounds 9] [--ms 150] [--baseline DIR] [case …]
//
// Cases: chapter-sgd, chapter-adam, tanh-sgd, tanh-adam (all by default).
// --baseline DIR adds another build of the page (a copy of an earlier
// dist/) as one more engine, `baseline`, loaded beside this one in the same
// page, so two versions of Descent are compared in the same rounds.
// Prints one JSON object; BENCHMARKS.md records the figures.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harness } from '../e2e/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TFJS = join(here, 'tfjs', 'node_modules', '@tensorflow');
/** What the page may load from /tfjs/, and where each file is. */
const FILES = {
  'tf.min.js': join(TFJS, 'tfjs', 'dist', 'tf.min.js'),
  'tf-backend-wasm.min.js': join(TFJS, 'tfjs-backend-wasm', 'dist', 'tf-backend-wasm.min.js'),
  'tfjs-backend-wasm.wasm': join(TFJS, 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm.wasm'),
  'tfjs-backend-wasm-simd.wasm': join(TFJS, 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm-simd.wasm'),
  'tfjs-backend-wasm-threaded-simd.wasm': join(TFJS, 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm-threaded-simd.wasm'),
};

/** The playground's settings of each case, as `TrainingSession.withSettings` takes them after seed, η and threshold. */
const CASES = {
  'chapter-sgd': { network: '1 → 10 ReLU → 1, 100 points', settings: ['line', 100, 1, false, 1, 10, 'relu', 'sgd'], layers: true },
  'chapter-adam': { network: '1 → 10 ReLU → 1, 100 points', settings: ['line', 100, 1, false, 1, 10, 'relu', 'adam'] },
  'tanh-sgd': { network: '1 → 64 → 64 → 1 tanh, 1 000 points', settings: ['sine', 1000, 1, false, 2, 64, 'tanh', 'sgd'], layers: true },
  'tanh-adam': { network: '1 → 64 → 64 → 1 tanh, 1 000 points', settings: ['sine', 1000, 1, false, 2, 64, 'tanh', 'adam'] },
};
const SEED = 42;
const LEARNING_RATE = 0.01;
const CHECK_EPOCHS = [1, 10, 50, 100];

function options(argv) {
  const out = { rounds: 9, ms: 150, cases: [], baseline: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--rounds') out.rounds = Number(argv[(i += 1)]);
    else if (argv[i] === '--baseline') out.baseline = argv[(i += 1)];
    else if (argv[i] === '--ms') out.ms = Number(argv[(i += 1)]);
    else if (argv[i] in CASES) out.cases.push(argv[i]);
    else throw new Error(`unknown argument ${argv[i]} (cases: ${Object.keys(CASES).join(', ')})`);
  }
  if (!(out.rounds >= 1 && out.ms > 0)) throw new Error('--rounds and --ms must be positive');
  if (out.cases.length === 0) out.cases = Object.keys(CASES);
  return out;
}

function version(name) {
  return JSON.parse(readFileSync(join(TFJS, name, 'package.json'), 'utf8')).version;
}

const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

/**
 * Everything the page runs, installed once as `window.bench`: the engines
 * of one case (`prepare`), a timed batch of one engine (`batch`), a reset
 * to the initial weights, and the 100-epoch check.
 */
function install() {
  const wasm = window.wasmBindings;

  /** The literal after each `torch.tensor(` of a PyTorch script, in order, with the name before it. */
  function tensors(script) {
    const found = [];
    const mark = 'torch.tensor(';
    for (let at = script.indexOf(mark); at >= 0; at = script.indexOf(mark, at + 1)) {
      const line = script.slice(script.lastIndexOf('\n', at) + 1, at).trim();
      let k = at + mark.length;
      let depth = 0;
      const start = k;
      for (; k < script.length; k += 1) {
        if (script[k] === '[') depth += 1;
        if (script[k] === ']' && (depth -= 1) === 0) break;
      }
      const literal = script.slice(start, k + 1).replace(/,\s*\]/g, ']');
      found.push({ name: line, value: JSON.parse(literal) });
    }
    return found;
  }

  /** X, y and every layer's weight (out × in) and bias, as the session's script writes them. */
  function problem(session) {
    const [x, y, ...params] = tensors(session.script(true));
    if (!x.name.startsWith('X_train') || !y.name.startsWith('y_train')) throw new Error('unexpected script: no X_train, y_train');
    const layers = [];
    for (let l = 0; l < params.length; l += 2) {
      if (!params[l].name.includes('.weight.') || !params[l + 1].name.includes('.bias.')) throw new Error('unexpected script: weight, bias');
      layers.push({ weight: params[l].value, bias: params[l + 1].value });
    }
    return { x: x.value.map((row) => row[0]), y: y.value.map((row) => row[0]), layers };
  }

  /** Descent: the page's session (or another build's), reset to its initial weights before each batch. */
  function descent(settings, learningRate, bindings = wasm) {
    const session = bindings.TrainingSession.withSettings(SEED_, learningRate, undefined, ...settings, undefined, undefined);
    return {
      session,
      reset: () => session.reset(),
      run: (n) => session.step(n),
      loss: () => session.loss,
      free: () => session.free(),
    };
  }

  function optimizer(kind, learningRate) {
    const tf = window.tf;
    // PyTorch's Adam: β₁ 0.9, β₂ 0.999, ε 1e-8 (TF.js's default ε is 1e-7).
    return kind === 'adam' ? tf.train.adam(learningRate, 0.9, 0.999, 1e-8) : tf.train.sgd(learningRate);
  }

  /** TF.js on plain ops: z = a·W + b, a = f(z), MSE, `optimizer.minimize`. */
  function tfjsOps(p, activation, kind, learningRate) {
    const tf = window.tf;
    const n = p.x.length;
    const x = tf.tensor2d(p.x, [n, 1]);
    const y = tf.tensor2d(p.y, [n, 1]);
    // TF.js's dense kernel is in × out: the transpose of PyTorch's weight.
    const initial = p.layers.map(({ weight, bias }) => ({
      w: tf.tensor2d(weight[0].map((_, k) => weight.map((row) => row[k])), [weight[0].length, weight.length]),
      b: tf.tensor1d(bias),
    }));
    const vars = initial.map(({ w, b }) => ({ w: tf.variable(w.clone()), b: tf.variable(b.clone()) }));
    const list = vars.flatMap(({ w, b }) => [w, b]);
    const f = activation === 'relu' ? tf.relu : tf.tanh;
    const last = vars.length - 1;
    const lossOf = () => {
      let a = x;
      vars.forEach(({ w, b }, l) => {
        const z = tf.add(tf.matMul(a, w), b);
        a = l < last ? f(z) : z;
      });
      return tf.mean(tf.square(tf.sub(a, y)));
    };
    let opt = optimizer(kind, learningRate);
    let lastLoss = NaN;
    return {
      reset() {
        vars.forEach((v, l) => {
          v.w.assign(initial[l].w);
          v.b.assign(initial[l].b);
        });
        opt.dispose();
        opt = optimizer(kind, learningRate);
      },
      // n epochs; the last one returns its loss (computed before its
      // update, as Descent records it), and its value is awaited, so any
      // work still queued is inside the timing.
      async run(count) {
        for (let k = 0; k < count - 1; k += 1) tf.tidy(() => { opt.minimize(lossOf, false, list); });
        const cost = opt.minimize(lossOf, true, list);
        lastLoss = (await cost.data())[0];
        cost.dispose();
        return count;
      },
      loss: () => lastLoss,
      tensors: () => tf.memory().numTensors,
      free() {
        opt.dispose();
        tf.dispose([x, y, ...list, ...initial.flatMap(({ w, b }) => [w, b])]);
      },
    };
  }

  /** TF.js's layers: a `tf.sequential` of dense layers and `model.trainOnBatch`. */
  function tfjsLayers(p, activation, kind, learningRate) {
    const tf = window.tf;
    const n = p.x.length;
    const x = tf.tensor2d(p.x, [n, 1]);
    const y = tf.tensor2d(p.y, [n, 1]);
    const last = p.layers.length - 1;
    const model = tf.sequential({
      layers: p.layers.map(({ weight }, l) => tf.layers.dense({
        units: weight.length,
        activation: l < last ? activation : 'linear',
        ...(l === 0 ? { inputShape: [1] } : {}),
      })),
    });
    const initial = p.layers.flatMap(({ weight, bias }) => [
      tf.tensor2d(weight[0].map((_, k) => weight.map((row) => row[k])), [weight[0].length, weight.length]),
      tf.tensor1d(bias),
    ]);
    const compile = () => model.compile({ optimizer: optimizer(kind, learningRate), loss: 'meanSquaredError' });
    model.setWeights(initial);
    compile();
    let lastLoss = NaN;
    return {
      reset() {
        model.setWeights(initial);
        model.optimizer.dispose();
        compile();
      },
      async run(count) {
        for (let k = 0; k < count; k += 1) lastLoss = await model.trainOnBatch(x, y);
        return count;
      },
      loss: () => lastLoss,
      tensors: () => tf.memory().numTensors,
      free() {
        model.optimizer.dispose();
        model.dispose();
        tf.dispose([x, y, ...initial]);
      },
    };
  }

  let engines = {};

  window.bench = {
    /** Makes the engines of one case; returns the numbers of its problem. */
    prepare(settings, learningRate, withLayers) {
      for (const e of Object.values(engines)) e.free();
      const d = descent(settings, learningRate);
      const p = problem(d.session);
      const [activation, kind] = [settings[6], settings[7]];
      engines = { descent: d, 'tfjs-ops': tfjsOps(p, activation, kind, learningRate) };
      if (window.baselineBindings) engines.baseline = descent(settings, learningRate, window.baselineBindings);
      if (withLayers) engines['tfjs-layers'] = tfjsLayers(p, activation, kind, learningRate);
      return {
        engines: Object.keys(engines),
        samples: p.x.length,
        sizes: [1, ...p.layers.map((l) => l.weight.length)],
        parameters: p.layers.reduce((s, l) => s + l.weight.length * l.weight[0].length + l.bias.length, 0),
        descentParameters: d.session.parameterCount,
      };
    },
    /** Every engine from the initial weights: the loss each records at each of `epochs` (the first is 1). */
    async check(epochs) {
      const out = {};
      for (const [name, e] of Object.entries(engines)) {
        out[name] = {};
        for (const n of epochs) {
          e.reset();
          await e.run(n);
          out[name][n] = e.loss();
        }
      }
      return out;
    },
    /** Epochs of `name` that take about `ms`, found by doubling. */
    async calibrate(name, ms) {
      const e = engines[name];
      let n = 1;
      for (;;) {
        e.reset();
        const began = performance.now();
        await e.run(n);
        const took = performance.now() - began;
        if (took >= ms / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * ms) / Math.max(took, 0.001)));
        n *= 2;
      }
    },
    /** One timed batch: `name` from its initial weights for n epochs; µs per epoch. */
    async batch(name, n) {
      const e = engines[name];
      e.reset();
      const began = performance.now();
      const ran = await e.run(n);
      const took = performance.now() - began;
      return { us: (took * 1000) / ran, loss: e.loss(), tensors: e.tensors?.() };
    },
  };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const r = (v) => (v >= 100 ? Math.round(v * 10) / 10 : Math.round(v * 1000) / 1000);
  return { median: r(median), min: r(sorted[0]), max: r(sorted.at(-1)), rounds: values.map(r) };
}

const opts = options(process.argv.slice(2));
const missing = Object.values(FILES).filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`TensorFlow.js is not installed (${missing[0]}): run npm ci --prefix tests/bench/tfjs`);
  process.exit(1);
}

const h = await harness();
try {
  const { page, context, foreign } = await h.open('?scene=training');
  // TF.js's files, served from the same origin as the page (the wasm backend fetches its .wasm).
  await context.route(`${h.server.origin}/tfjs/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice('/tfjs/'.length);
    if (!(name in FILES)) return route.fulfill({ status: 404, body: 'not found' });
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(FILES[name]) });
  });
  await page.addScriptTag({ url: '/tfjs/tf.min.js' });
  await page.addScriptTag({ url: '/tfjs/tf-backend-wasm.min.js' });
  const backend = await page.evaluate(async () => {
    const tf = window.tf;
    tf.wasm.setWasmPaths('/tfjs/');
    // One thread: the page has no cross-origin isolation, so TF.js could not
    // start its worker threads anyway; said here so it does not try.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
    await tf.ready();
    return {
      backend: tf.getBackend(),
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
      crossOriginIsolated: self.crossOriginIsolated,
    };
  });
  if (backend.backend !== 'wasm' || backend.simd !== true) throw new Error(`TF.js: expected the wasm backend with SIMD, got ${JSON.stringify(backend)}`);
  if (opts.baseline) {
    const files = readdirSync(opts.baseline);
    const js = files.find((f) => /^descent-web-.*\.js$/.test(f));
    const wasm = files.find((f) => /^descent-web-.*_bg\.wasm$/.test(f));
    if (!js || !wasm) throw new Error(`--baseline ${opts.baseline}: no descent-web-*.js and *_bg.wasm there`);
    await context.route(`${h.server.origin}/baseline/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice('/baseline/'.length);
      if (name !== js && name !== wasm) return route.fulfill({ status: 404, body: 'not found' });
      const type = name === wasm ? 'application/wasm' : 'text/javascript; charset=utf-8';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(opts.baseline, name)) });
    });
    await page.evaluate(async ([js, wasm]) => {
      const bindings = await import(`/baseline/${js}`);
      await bindings.default({ module_or_path: `/baseline/${wasm}` });
      window.baselineBindings = bindings;
    }, [js, wasm]);
  }
  await page.evaluate(`const SEED_ = ${SEED}; (${install.toString()})();`);

  const result = {
    date: new Date().toISOString(),
    chromium: context.browser().version(),
    tfjs: version('tfjs'),
    tfjsBackendWasm: version('tfjs-backend-wasm'),
    tfjsBackend: backend,
    descentDtype: 'float64',
    tfjsDtype: 'float32',
    rounds: opts.rounds,
    batchMs: opts.ms,
    baseline: opts.baseline,
    loadAtStart: load(),
    cases: {},
  };
  console.error(`TF.js ${result.tfjs}, wasm backend ${result.tfjsBackendWasm}: SIMD ${backend.simd}, threads ${backend.threads}; Chromium ${result.chromium}; load ${result.loadAtStart.join(' ')}`);

  for (const name of opts.cases) {
    const c = CASES[name];
    const problem = await page.evaluate(([s, lr, layers]) => window.bench.prepare(s, lr, layers), [c.settings, LEARNING_RATE, !!c.layers]);
    const check = await page.evaluate((n) => window.bench.check(n), CHECK_EPOCHS);
    const engines = problem.engines;
    // Batch sizes, found twice: the first search (for 500 ms) is the
    // warm-up, while the browser's wasm and JS compilers tier up.
    const epochs = {};
    for (const e of engines) {
      await page.evaluate(([e, ms]) => window.bench.calibrate(e, ms), [e, 500]);
      epochs[e] = await page.evaluate(([e, ms]) => window.bench.calibrate(e, ms), [e, opts.ms]);
    }
    const times = Object.fromEntries(engines.map((e) => [e, []]));
    const tensors = Object.fromEntries(engines.map((e) => [e, []]));
    const loads = [];
    for (let round = 0; round < opts.rounds; round += 1) {
      const order = round % 2 === 0 ? engines : [...engines].reverse();
      for (const e of order) {
        const { us, tensors: count } = await page.evaluate(([e, n]) => window.bench.batch(e, n), [e, epochs[e]]);
        times[e].push(us);
        if (count !== undefined) tensors[e].push(count);
      }
      loads.push(load()[0]);
    }
    const us = Object.fromEntries(engines.map((e) => [e, summary(times[e])]));
    // Per round, so each ratio compares batches run within the same second.
    const ratios = Object.fromEntries(engines.filter((e) => e !== 'descent').map((e) => [
      `${e}/descent`,
      summary(times[e].map((t, k) => t / times.descent[k])),
    ]));
    result.cases[name] = {
      network: c.network,
      optimizer: c.settings[7],
      ...problem,
      epochsPerBatch: epochs,
      usPerEpoch: us,
      ratios,
      tensorsAfterBatches: tensors,
      lossAtEpoch: check,
      loadDuringRounds: loads,
    };
    console.error(`${name}: ${engines.map((e) => `${e} ${us[e].median} µs (${us[e].min}–${us[e].max})`).join(', ')}; load ${loads.at(-1)}`);
  }
  result.loadAtEnd = load();
  result.foreignRequests = foreign;
  console.log(JSON.stringify(result, null, 2));
  await context.close();
} finally {
  await h.close();
}
