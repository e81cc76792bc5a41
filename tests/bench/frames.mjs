// Browser benchmark: per-frame work of the gradient-descent scene (stepping,
// both chart redraws and the readout, with a pixel read back so drawing has
// really happened) over ≥ 600 frames in headless Chromium at 1280×720, at the
// start of a run and again after 100 000 steps; plus the gzipped size of the
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
    const fresh = await timeFrames(page, FRAMES);
    await page.evaluate(() => window.descent.step(100_000));
    const later = await timeFrames(page, FRAMES);
    const steps = await page.evaluate(() => window.descent.state().steps);
    results[curve] = { start: summary(fresh), after_100k_steps: summary(later), steps_at_end: steps };
    await context.close();
  }
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
