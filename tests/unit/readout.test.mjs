// The readout's cadence: at once after a discrete change, at most every
// READOUT_EVERY_MS while a run plays, never when nothing changed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READOUT_EVERY_MS, readoutClock } from '../../www/kit/readout.js';

test('a fresh readout is written at once, then only after a change', () => {
  const clock = readoutClock();
  assert.equal(clock.due(0, false), true);
  assert.equal(clock.due(1000, true), false, 'nothing changed');
  clock.lag();
  assert.equal(clock.due(1001, true), true, 'urgent: at once');
});

test('while a run plays, writes are at least READOUT_EVERY_MS apart and the last change is never lost', () => {
  const clock = readoutClock();
  clock.due(0, true);
  const written = [];
  for (let now = 16; now <= 1000; now += 16) {
    clock.lag();
    if (clock.due(now, false)) written.push(now);
  }
  assert.ok(written.length >= 1000 / READOUT_EVERY_MS - 2 && written.length <= 1000 / READOUT_EVERY_MS, `${written.length} writes`);
  for (let i = 1; i < written.length; i += 1) assert.ok(written[i] - written[i - 1] >= READOUT_EVERY_MS);
  // The run stops: the lagging readout still comes, once the interval is over.
  const last = written.at(-1);
  assert.equal(clock.due(last + 1, false), false);
  assert.equal(clock.due(last + READOUT_EVERY_MS, false), true);
  assert.equal(clock.due(last + 2 * READOUT_EVERY_MS, false), false);
});
