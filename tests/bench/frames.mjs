// Browser benchmark: per-frame work of the gradient-descent scene (stepping,
// both chart redraws and the readout, with a pixel read back so drawing has
// really happened) over ≥ 600 frames in headless Chromium at 1280×720, at the
// start of a run (after two seconds of warm-up) and again after 100 000 steps;
// plus a fixed amount of plain JavaScript timed the same way (how much this
// machine's scheduling alone adds at p95), and the gzipped size of the
// wasm and of the whole page. Run after `trunk build --release`:
//
//   node tests/bench/frames.mjs
//
// Prints one JSON object; BENCHMARKS.md records the figures.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, harness } from '../e2e/browser.mjs';

const FRAMES = 600;
const WARM_UP_MS = 2000;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 1000) / 1000;
  return { frames: times.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), max_ms: round(sorted.at(-1)) };
}

/** Times at least `count` frames of natural animation. */
async function timeFrames(page, count) {
  const times = [];
  while (times.length < count) {
    await page.evaluate(() => {
      window.__stopTiming = window.descent.timeFrames();
    });
    await page.waitForTimeout(((count - times.length) / 60) * 1000 * 1.2 + 500);
    times.push(...(await page.evaluate(() => window.__stopTiming())));
  }
  return times;
}

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

function gzipped(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const h = await harness();
try {
  const results = {};
  for (const curve of ['bumpy', 'data-mse']) {
    const { page, context } = await h.open(`?curve=${curve}&lr=0.0001`, { width: 1280, height: 720 });
    await page.evaluate(() => {
      window.descent.setSpeed(1000);
      window.descent.play(true);
    });
    // Warm up (the wasm tiers up to optimised code in its first seconds), then
    // start the run over, so that "start" is a fresh run on warm code.
    await page.waitForTimeout(WARM_UP_MS);
    await page.evaluate(() => window.descent.apply({ reset: true }));
    const fresh = await timeFrames(page, FRAMES);
    await page.evaluate(() => window.descent.step(100_000));
    const later = await timeFrames(page, FRAMES);
    const steps = await page.evaluate(() => window.descent.state().steps);
    results[curve] = { start: summary(fresh), after_100k_steps: summary(later), steps_at_end: steps };
    await context.close();
  }
  results.control = await control(h);
  const all = files(DIST);
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  results.size = {
    wasm_raw_bytes: wasm.reduce((n, f) => n + statSync(f).size, 0),
    wasm_gzip_bytes: wasm.reduce((n, f) => n + gzipped(f), 0),
    page_gzip_bytes: all.reduce((n, f) => n + gzipped(f), 0),
    page_files: all.length,
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await h.close();
}
