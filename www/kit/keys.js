// Keys: each scene binds keys to its controls (`controls[name].keys`); a
// key acts only while its control is live, and never while the user types.

/** Where a key belongs to the element, not to the scene. */
const TYPING = 'input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]), select, textarea, [contenteditable]';
const OWNS_SPACE = 'button, summary, a, input[type=checkbox], input[type=radio]';
const OWNS_ARROWS = 'input[type=range]';

/**
 * Listens on `document` for the keys of `controls` ({name: {keys?: string[]}});
 * `act(name)` runs the control's action when `live(name)`. Returns a
 * function that stops listening.
 */
export function bindKeys(controls, live, act) {
  const byKey = new Map();
  for (const [name, control] of Object.entries(controls)) {
    for (const key of control.keys ?? []) byKey.set(key, name);
  }
  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const name = byKey.get(event.key);
    if (name === undefined) return;
    const target = event.target instanceof Element ? event.target : document.body;
    if (target.closest(TYPING)) return;
    if (event.key === ' ' && target.closest(OWNS_SPACE)) return;
    if (event.key.startsWith('Arrow') && target.closest(OWNS_ARROWS)) return;
    if (!live(name)) return;
    event.preventDefault();
    act(name);
  }
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
