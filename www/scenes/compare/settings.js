// What a link carries for the comparison: the landscape (or the formula),
// the shared start, the runs as a compact list (`runners=sgd:0.01,adam:0.1`),
// a preset, the sweep's steps and the speed.

import { numberIn, oneOf } from '../../kit/fields.js';
import { MAX_RUNNERS, SPEEDS, SWEEP_STEPS } from './template.js';
import { formulaField } from '../../controls/formula.js';
const rate = numberIn(0, 1e6);
const coordinate = numberIn(-1e6, 1e6);
const short = (v) => String(Number(v.toPrecision(6)));

/** The schema, given the wasm exports (landscape and optimizer names). */
export function settings(wasm) {
  const kinds = wasm.optimizerKinds();
  return {
    landscape: { parse: oneOf([...wasm.landscapeNames(), 'formula']), fallback: 'bumpy' },
    // Any text (it is only ever parsed by the core and shown as text).
    formula: formulaField,
    start: {
      parse(text) {
        const parts = text.split(',');
        if (parts.length !== 2) return undefined;
        const [w, b] = parts.map(coordinate);
        return w === undefined || b === undefined ? undefined : [w, b];
      },
      write: ([w, b]) => `${short(w)},${short(b)}`,
      fallback: undefined,
    },
    runners: {
      parse(text) {
        const list = text.split(',');
        if (list.length < 1 || list.length > MAX_RUNNERS) return undefined;
        const out = [];
        for (const item of list) {
          const [kind, lr, extra] = item.split(':');
          const eta = rate(lr ?? '');
          if (extra !== undefined || !kinds.includes(kind) || eta === undefined) return undefined;
          out.push({ kind, lr: eta });
        }
        return out;
      },
      write: (list) => list.map(({ kind, lr }) => `${kind}:${short(lr)}`).join(','),
      fallback: undefined,
    },
    preset: { parse: oneOf(['table', 'optimizers', 'ravine']), fallback: undefined },
    lr: { parse: rate, fallback: undefined },
    sweep: { parse: oneOf(SWEEP_STEPS), fallback: 200 },
    speed: { parse: oneOf(SPEEDS), fallback: 10 },
  };
}
