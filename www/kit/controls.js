// The one place that decides whether a control is live. A course page can
// hide (`?hide=`) or lock (`?lock=`) any control a scene names; a control
// that is hidden or locked is out of use for the pointer, for its keys and
// for the scene's own enabling and disabling alike.
//
// In the markup, a control is the element marked `data-control="<name>"`
// (or everything inside it).

import { controlLabel } from './markup.js';

/** The controls of a scene that plays, with their keys: play (Space), step (→), reset (R), speed. */
export const PLAYER_CONTROLS = Object.freeze({
  play: { label: 'play', keys: [' '] },
  step: { label: 'step', keys: ['ArrowRight'] },
  reset: { label: 'reset', keys: ['r', 'R'] },
  speed: { label: 'speed' },
});

/**
 * The markup of the speed slider the kit wires (data-kit="speed"), for a
 * scene whose ids start with `prefix` and that has `stops` speeds.
 */
export function speedMarkup(prefix, stops) {
  return `<div class="control control-speed" data-control="speed">
        ${controlLabel(`${prefix}-speed`, 'speed', 'data-kit="speed-value"')}
        <input type="range" id="${prefix}-speed" min="0" max="${stops - 1}" step="1" data-kit="speed">
      </div>`;
}

/** The markup of Play, Step and Reset with their shortcuts, ids `${prefix}-play` … */
export function playerButtons(prefix) {
  return `<div class="buttons">
        <button type="button" id="${prefix}-play" class="primary" data-control="play" data-kit="play" aria-keyshortcuts="Space"></button>
        <button type="button" id="${prefix}-step" data-i18n="step" data-control="step" aria-keyshortcuts="ArrowRight"></button>
        <button type="button" id="${prefix}-reset" data-i18n="reset" data-control="reset" aria-keyshortcuts="R"></button>
      </div>`;
}

/**
 * @param {Element} root  the scene's element
 * @param {{hide: string[], lock: string[]}} embedding
 * @param {Record<string, {label: string}>} known  the scene's lockable controls
 */
export function controlSet(root, { hide, lock }, known) {
  const off = new Set([...hide, ...lock]);
  const inputsOf = (el) => (el.matches('input, select, button, textarea') ? [el] : [...el.querySelectorAll('input, select, button, textarea')]);
  for (const name of hide) {
    for (const el of root.querySelectorAll(`[data-control="${name}"]`)) el.hidden = true;
  }
  for (const name of lock) {
    for (const el of root.querySelectorAll(`[data-control="${name}"]`)) {
      el.dataset.locked = 'true';
      for (const input of inputsOf(el)) {
        input.disabled = true;
        input.dataset.locked = 'true';
      }
    }
  }
  return {
    /** Whether control `name` may act: not hidden, not locked. */
    live(name) {
      return !off.has(name);
    },
    /** Disables `node` for the scene's own reasons; a locked one stays disabled. */
    setDisabled(node, disabled) {
      node.disabled = disabled || node.dataset.locked === 'true';
    },
    /** The scene's controls that are locked or hidden, as i18n label keys, in the scene's order. */
    lockedLabels() {
      return Object.entries(known).filter(([name]) => off.has(name) && (lock.includes(name) || hide.includes(name))).map(([, c]) => c.label);
    },
    /** Names in `lock`/`hide` the scene does not have. */
    unknown() {
      return [...off].filter((name) => !(name in known));
    },
  };
}
