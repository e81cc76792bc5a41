// When a scene's words and numbers follow its run: at once after a discrete
// change (a step, a slider, a reset, a pause), and at most every
// READOUT_EVERY_MS while the run plays — faster is unreadable, and every
// write costs the page a layout.

export const READOUT_EVERY_MS = 100;

/**
 * Writes `text` into `node` only when it differs from what `shown[key]` says
 * was written last, so an unchanged readout touches no layout. Returns
 * whether it wrote. A scene clears `shown` to have everything written again.
 */
export function showText(shown, node, key, text) {
  if (shown[key] === text) return false;
  shown[key] = text;
  node.textContent = text;
  return true;
}

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
