// When a scene's words and numbers follow its run: at once after a discrete
// change (a step, a slider, a reset, a pause), and at most every
// READOUT_EVERY_MS while the run plays — faster is unreadable, and every
// write costs the page a layout.

export const READOUT_EVERY_MS = 100;

export function readoutClock() {
  let stale = true;
  let writtenAt = -Infinity;
  return {
    /** The run has changed since the readout was last written. */
    lag() {
      stale = true;
    },
    /** Whether to write the readout now; `urgent` after a discrete change or while paused. */
    due(now, urgent) {
      if (!stale || (!urgent && now - writtenAt < READOUT_EVERY_MS)) return false;
      stale = false;
      writtenAt = now;
      return true;
    },
  };
}
