// Browser benchmark: one full-batch epoch of the chapter's network
// (1→10 ReLU→1, 100 samples, SGD) in wasm inside headless Chromium, through
// the page's own TrainingSession. Run after `trunk build --release`:
//
//   node tests/bench/epoch.mjs
//
// Prints µs per epoch: the median and the best of 40 batches of 5 000 epochs.

import { harness } from '../e2e/browser.mjs';

const h = await harness();
try {
  const { page, context } = await h.open('?scene=training');
  const result = await page.evaluate(() => {
    const wasm = window.wasmBindings;
    const session = new wasm.TrainingSession(42, 0.01, undefined);
    session.step(2000); // warm up
    const perEpoch = [];
    for (let batch = 0; batch < 40; batch += 1) {
      const started = performance.now();
      const ran = session.step(5000);
      perEpoch.push(((performance.now() - started) * 1000) / ran);
    }
    perEpoch.sort((a, b) => a - b);
    return { batches: perEpoch.length, epochs_per_batch: 5000, median_us: perEpoch[20], best_us: perEpoch[0], loss: session.loss };
  });
  const round = (v) => Math.round(v * 1000) / 1000;
  console.log(JSON.stringify({ ...result, median_us: round(result.median_us), best_us: round(result.best_us) }, null, 2));
  await context.close();
} finally {
  await h.close();
}
