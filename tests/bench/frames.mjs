// Browser benchmark: per-frame work of every scene while it changes, at
// 1280×720 in headless Chromium, through the kit's timing hook
// (`window.descent.timeFrames()`: each frame's stepping, drawing and
// readout, with a pixel read back so drawing has really happened), over
// ≥ 600 frames each; a control loop of plain JavaScript timed the same way
// in the same run (how much this machine's scheduling alone adds at p95);
// the first drawn frame of each scene on a cold load over loopback; and
// the gzipped size of the wasm and of the whole page. Run after
// `trunk build --release`:
//
//   node tests/bench/frames.mjs [scene …]
//
// Prints one JSON object; BENCHMARKS.md records the figures.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, harness } from '../e2e/browser.mjs';

const FRAMES = 600;
const WARM_UP_MS = 2000;
const COLD_LOADS = 5;
const MAX_PHASE_MS = 20_000;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 1000) / 1000;
  return { frames: times.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), max_ms: round(sorted.at(-1)) };
}

/** Times at least `count` frames that did work, or as many as come in MAX_PHASE_MS. */
async function timeFrames(page, count) {
  const times = [];
  const began = Date.now();
  while (times.length < count && Date.now() - began < MAX_PHASE_MS) {
    await page.evaluate(() => {
      window.__stopTiming = window.descent.timeFrames();
    });
    await page.waitForTimeout(((count - times.length) / 60) * 1000 * 1.2 + 500);
    times.push(...(await page.evaluate(() => window.__stopTiming())));
  }
  return times;
}

/** Starts a driver in the page that changes the scene once a frame, as a hand would. */
function drive(page, kind) {
  return page.evaluate((kind) => {
    const press = (key) => document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    let k = 0;
    const tick = () => {
      k += 1;
      if (kind === 'slider') {
        // 3.1: the slope slider swept back and forth, one input event a frame.
        const input = document.querySelector('#scene [data-control="w"] input');
        const span = Number(input.max) - Number(input.min);
        input.value = String(Number(input.min) + span * (0.5 + 0.45 * Math.sin(k / 20)));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      } else if (kind === 'walk') {
        // 3.3: one backward step a frame; at the end of the walk, back to the start.
        const s = window.descent.state();
        press(s.revealed < s.walkLength ? 'ArrowRight' : 'r');
      }
      window.__driver = requestAnimationFrame(tick);
    };
    window.__driver = requestAnimationFrame(tick);
  }, kind);
}

/** What each scene does while it is measured. */
const PHASES = {
  loss: [['dragging the slope', async (page) => drive(page, 'slider')]],
  descent: [
    ['bumpy, playing at 1000 steps/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(1000); window.descent.play(true); });
    }, '?scene=descent&curve=bumpy&lr=0.0001'],
    ['bumpy, after 100 000 steps', async (page) => {
      await page.evaluate(async () => { window.descent.play(false); await window.descent.step(100_000); window.descent.play(true); });
    }],
    ['data-mse, playing at 1000 steps/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(1000); window.descent.play(true); });
    }, '?scene=descent&curve=data-mse&lr=0.0001'],
  ],
  backprop: [['stepping backward, one step a frame', async (page) => drive(page, 'walk')]],
  training: [
    ['playing at the default speed', async (page) => {
      await page.evaluate(() => window.descent.play(true));
    }, '?scene=training&threshold=off'],
    ['playing at 1000 epochs/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(1000); window.descent.play(true); });
    }, '?scene=training&threshold=off'],
    ['3 × 64 tanh, 1 000 points, Adam, playing at 1000 epochs/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(1000); window.descent.play(true); });
    }, '?scene=training&threshold=off&data=sine&points=1000&layers=3&width=64&act=tanh&opt=adam&lr=0.001'],
  ],
  compare: [
    ['four runs on a surface (two pits), playing at 1000 steps/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(1000); window.descent.play(true); });
    }, '?scene=compare&landscape=two-pits&runners=sgd:0.001,momentum:0.001,adam:0.001,rmsprop:0.001'],
    // A comparison stops at 100 000 steps: on a fresh page the runs jump to
    // step 85 000 and play the rest at 1000 steps/s (2 s of warm-up, then
    // 600 frames measured up to step ≈ 97 000).
    ['four runs on a surface (two pits), steps 85 000 to 100 000', async (page) => {
      await page.evaluate(async () => { window.descent.setSpeed(1000); await window.descent.step(85_000); window.descent.play(true); });
    }, '?scene=compare&landscape=two-pits&runners=sgd:0.001,momentum:0.001,adam:0.001,rmsprop:0.001'],
    ['four runs on a typed surface, playing at 100 steps/s', async (page) => {
      await page.evaluate(() => { window.descent.setSpeed(100); window.descent.play(true); });
    }, `?scene=compare&landscape=formula&formula=${encodeURIComponent('(1-w)^2 + 5*(b-w^2)^2 + sin(3*w)*0.3')}&runners=sgd:0.001,momentum:0.001,adam:0.01,nesterov:0.001`],
  ],
};

/**
 * The control: the same kind of frame loop on a blank page of the same
 * origin, doing a fixed amount of plain JavaScript arithmetic and redrawing
 * two small canvases, with the same read-back. Its spread between p50 and
 * p95 is what this machine's scheduling adds on its own.
 */
async function control(h) {
  const { page, context } = await h.open('?scene=loss');
  const times = await page.evaluate((count) => new Promise((done) => {
    const canvases = [700, 500].map((width) => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [width, 450];
      document.body.append(canvas);
      return canvas.getContext('2d');
    });
    const times = [];
    let frame = 0;
    const tick = () => {
      const began = performance.now();
      let x = 0;
      for (let k = 0; k < 40_000; k += 1) x = (x * 1.0000001 + k) % 1e9;
      frame += 1;
      for (const g of canvases) {
        g.clearRect(0, 0, g.canvas.width, g.canvas.height);
        g.fillStyle = x > 0 ? '#e69f00' : '#000';
        g.beginPath();
        g.arc(100 + (frame % 300), 100, 10, 0, 2 * Math.PI);
        g.fill();
        g.getImageData(0, 0, 1, 1);
      }
      if (frame > 30) times.push(performance.now() - began);
      if (times.length < count) requestAnimationFrame(tick);
      else done(times);
    };
    requestAnimationFrame(tick);
  }), FRAMES);
  await context.close();
  return summary(times);
}

/** The first drawn frame of `scene` on a cold load (a new context: nothing cached), in ms from navigation. */
async function coldLoad(h, scene) {
  const times = [];
  for (let i = 0; i < COLD_LOADS; i += 1) {
    const { page, context } = await h.open(`?scene=${scene}`);
    await page.waitForFunction(() => performance.getEntriesByName('descent:first-frame').length > 0);
    times.push(await page.evaluate(() => performance.getEntriesByName('descent:first-frame')[0].startTime));
    await context.close();
  }
  return summary(times);
}

/**
 * Comparing runs, outside the frames: the landscape sweep (200 η × 200
 * steps) on a typed surface, the chapter's network swept over 200 η in one
 * go (the page spreads it over frames), and the contour map's background
 * redrawn at 1280×720.
 */
async function compareWork(page) {
  await page.evaluate(() => window.descent.play(false));
  const repeat = (n, f) => page.evaluate(([n, f]) => {
    const times = [];
    for (let i = 0; i < n; i += 1) times.push(new Function(`return ${f}`)()());
    return times;
  }, [n, f.toString()]);
  return {
    formula_sweep_200x200: summary(await repeat(10, () => window.descent.timeSweep(200))),
    network_sweep_200_rates: summary(await repeat(3, () => window.descent.timeNetworkSweep('sgd', 200))),
    contour_redraw: summary(await repeat(20, () => window.descent.redrawMap())),
  };
}

function gzipped(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// `node tests/bench/frames.mjs [scene …]`: those scenes' phases only;
// `node tests/bench/frames.mjs cold [scene …]`: only cold loads (and sizes).
const args = process.argv.slice(2);
const coldOnly = args[0] === 'cold';
const only = coldOnly ? args.slice(1) : args;
const h = await harness();
try {
  const results = { frames: {}, first_frame_cold: {} };
  for (const [scene, phases] of Object.entries(PHASES)) {
    if (only.length && !only.includes(scene)) continue;
    if (coldOnly) {
      results.first_frame_cold[scene] = await coldLoad(h, scene);
      continue;
    }
    let page;
    let context;
    for (const [name, start, query] of phases) {
      if (query || !page) {
        await context?.close();
        ({ page, context } = await h.open(query ?? `?scene=${scene}`, { width: 1280, height: 720 }));
        // Warm up (the wasm tiers up to optimised code in its first seconds).
        await start(page);
        await page.waitForTimeout(WARM_UP_MS);
      } else {
        await start(page);
      }
      results.frames[`${scene}: ${name}`] = summary(await timeFrames(page, FRAMES));
    }
    if (scene === 'compare') results.compare = await compareWork(page);
    await context?.close();
    results.first_frame_cold[scene] = await coldLoad(h, scene);
  }
  if (!coldOnly) results.control = await control(h);
  const all = files(DIST);
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  // Each module on its own: the page's (the chapter's scenes) and the comparison's, loaded when it opens.
  results.size = {
    wasm: Object.fromEntries(wasm.map((f) => [f.split('/').pop(), { raw_bytes: statSync(f).size, gzip_bytes: gzipped(f) }])),
    wasm_raw_bytes: wasm.reduce((n, f) => n + statSync(f).size, 0),
    wasm_gzip_bytes: wasm.reduce((n, f) => n + gzipped(f), 0),
    page_gzip_bytes: all.reduce((n, f) => n + gzipped(f), 0),
    page_files: all.length,
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await h.close();
}
