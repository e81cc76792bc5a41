// Inside the network: the diagram of every layer's weights (drawn by Rust,
// NetworkView) and, for one hidden layer, a list of its units — each
// unit's weights, whether it is dead — that lights the unit's piece of the
// fit when hovered or focused.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';

export function unitsMarkup() {
  return `
<section class="panel training-inside" aria-labelledby="training-inside-title">
  <div class="training-inside-head">
    <h2 class="panel-title" id="training-inside-title" data-i18n="training_inside_title"></h2>
    <label class="training-pieces-toggle"><input type="checkbox" id="training-pieces" checked> <span data-i18n="training_pieces"></span></label>
  </div>
  <canvas id="training-network-canvas" class="training-network" role="img" data-i18n-aria-label="training_network_canvas"></canvas>
  <p class="training-network-key" data-i18n="training_network_key"></p>
  <p class="training-units-hint" id="training-units-hint"></p>
  <ol class="training-units" id="training-units" aria-labelledby="training-inside-title"></ol>
</section>`;
}

/**
 * The panel under `root`. `highlight(j)` is called with the unit hovered or
 * focused (undefined: none); `pieces(on)` when the toggle changes.
 */
export function unitsPanel(root, wasm, { highlight, pieces }) {
  const list = root.querySelector('#training-units');
  const hint = root.querySelector('#training-units-hint');
  const toggle = root.querySelector('#training-pieces');
  const view = new wasm.NetworkView(root.querySelector('#training-network-canvas'));
  let items = [];
  let current;
  const shown = [];

  function pick(j) {
    if (current === j) return;
    current = j;
    view.setHighlight(j);
    items.forEach((item, i) => item.classList.toggle('current', i === j));
    highlight(j);
  }

  function build(count) {
    items = Array.from({ length: count }, (_, j) => {
      const item = document.createElement('li');
      item.tabIndex = 0;
      item.className = 'training-unit';
      item.dataset.unit = String(j);
      item.addEventListener('pointerenter', () => pick(j));
      item.addEventListener('focus', () => pick(j));
      item.addEventListener('pointerleave', () => document.activeElement !== item && pick(undefined));
      item.addEventListener('blur', () => pick(undefined));
      return item;
    });
    list.replaceChildren(...items);
    shown.length = 0;
    current = undefined;
    view.setHighlight(undefined);
    highlight(undefined);
  }

  toggle.addEventListener('change', () => pieces(toggle.checked));

  return {
    /** Draws the diagram. */
    draw(session) {
      view.draw(session);
    },
    /** Rewrites the units' weights (only those that changed). */
    readout(session) {
      const flat = session.units();
      const count = Math.max(0, (flat.length - 1) / 4);
      if (count !== items.length) build(count);
      const hintText = count ? t('training_units_hint') : t('training_units_deep');
      if (hint.textContent !== hintText) hint.textContent = hintText;
      for (let j = 0; j < count; j += 1) {
        const [w1, b1, w2, dead] = flat.slice(4 * j, 4 * j + 4);
        const text = t(dead ? 'training_unit_dead' : 'training_unit', {
          j: j + 1, w1: formatNumber(w1), b1: formatNumber(b1), w2: formatNumber(w2),
        });
        if (shown[j] !== text) {
          shown[j] = text;
          items[j].textContent = text;
          items[j].classList.toggle('dead', Boolean(dead));
        }
      }
    },
    relabel() {
      shown.length = 0;
      hint.textContent = '';
    },
    setPresent(on) {
      view.setPresent(on);
    },
    reset() {
      build(0);
    },
    canvas: root.querySelector('#training-network-canvas'),
  };
}
