// The playground's settings: the data set, the network, the optimizer and
// the batch. Each is a field in the address (kit/fields.js) and a control a
// course page may hide or lock. Changing one re-initialises the run (seeded);
// η stays live, as in the chapter's scene.

import { t } from '../../i18n.js';
import { flag, integerIn, numberIn, oneOf, writeFlag } from '../../kit/fields.js';

export const DATA_KINDS = ['line', 'sine', 'abs', 'step', 'quadratic'];
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'];
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad'];
export const NOISES = [0, 0.25, 0.5, 1, 2, 3, 5];
export const POINTS = [20, 50, 100, 200, 500, 1000];
export const LAYERS = [1, 2, 3];
export const WIDTHS = [1, 2, 3, 4, 5, 8, 10, 16, 32, 64];
export const DECAYS = ['default', 0, 0.0001, 0.001, 0.01, 0.1];
export const BATCHES = ['full', 1, 8, 16, 32, 64];

/** The chapter's settings: what the scene ran before it had any. */
export const CHAPTER_SETUP = { data: 'line', noise: 1, points: 100, outlier: false, layers: 1, width: 10, act: 'relu', opt: 'sgd', decay: 'default', batch: 'full' };

/** The settings' names, in the order the panel lists them. */
export const SETUP_NAMES = Object.keys(CHAPTER_SETUP);

const decay = numberIn(0, 1);
const batch = integerIn(1, 1000);

/** The settings' address fields. */
export function setupFields() {
  return {
    data: { parse: oneOf(DATA_KINDS), fallback: CHAPTER_SETUP.data },
    noise: { parse: numberIn(0, 10), fallback: CHAPTER_SETUP.noise },
    points: { parse: integerIn(2, 1000), fallback: CHAPTER_SETUP.points },
    outlier: { parse: flag, write: writeFlag, fallback: CHAPTER_SETUP.outlier },
    layers: { parse: integerIn(1, 3), fallback: CHAPTER_SETUP.layers },
    width: { parse: integerIn(1, 64), fallback: CHAPTER_SETUP.width },
    act: { parse: oneOf(ACTIVATIONS), fallback: CHAPTER_SETUP.act },
    opt: { parse: oneOf(OPTIMIZERS), fallback: CHAPTER_SETUP.opt },
    decay: { parse: (text) => (text === 'default' ? 'default' : decay(text)), fallback: CHAPTER_SETUP.decay },
    batch: { parse: (text) => (text === 'full' ? 'full' : batch(text)), fallback: CHAPTER_SETUP.batch },
  };
}

/** The controls, each with the i18n key of its name. */
export const SETUP_CONTROLS = {
  data: { label: 'training_data' },
  noise: { label: 'training_noise' },
  points: { label: 'training_points' },
  outlier: { label: 'training_outlier' },
  layers: { label: 'training_layers' },
  width: { label: 'training_width' },
  act: { label: 'training_activation' },
  opt: { label: 'training_optimizer' },
  decay: { label: 'training_decay' },
  batch: { label: 'training_batch' },
};

/** The menus: setting → its choices. */
const MENUS = { data: DATA_KINDS, noise: NOISES, points: POINTS, layers: LAYERS, width: WIDTHS, act: ACTIVATIONS, opt: OPTIMIZERS, decay: DECAYS, batch: BATCHES };
/** The words of a menu's choice (numbers are shown as they are). */
function choiceWords(name, value) {
  if (name === 'data') return t(`training_data_${value}`);
  if (name === 'act') return t(`training_act_${value}`);
  if (name === 'opt') return t(`training_opt_${value}`);
  if (name === 'decay' && value === 'default') return t('training_decay_default');
  if (name === 'batch' && value === 'full') return t('training_batch_full');
  return value;
}

function menu(name) {
  const options = MENUS[name].map((v) => `<option value="${v}">${v}</option>`);
  return `<div class="control training-setting" data-control="${name}">
    <label for="training-set-${name}" data-i18n="${SETUP_CONTROLS[name].label}"></label>
    <select id="training-set-${name}">${options.join('')}</select>
  </div>`;
}

/** The settings card: a <details> whose summary says the settings in a line. */
export function setupMarkup() {
  const group = (legend, names) => `<fieldset class="training-setting-group">${legend}${names.map(menu).join('')}</fieldset>`;
  return `
<details class="training-settings" id="training-settings">
  <summary><span class="training-settings-label" data-i18n="training_settings"></span> <span id="training-settings-line" class="training-settings-line"></span></summary>
  <div class="training-settings-card">
    ${group('<legend data-i18n="training_group_data"></legend>', ['data', 'noise', 'points'])}
    <div class="control training-setting training-outlier" data-control="outlier">
      <label><input type="checkbox" id="training-set-outlier"> <span data-i18n="training_outlier"></span></label>
    </div>
    ${group('<legend data-i18n="training_group_network"></legend>', ['layers', 'width', 'act'])}
    ${group('<legend data-i18n="training_group_optimizer"></legend>', ['opt', 'decay', 'batch'])}
    <p class="training-settings-note" data-i18n="training_settings_note"></p>
  </div>
</details>`;
}

/**
 * Wires the settings card under `root` to `settings` (from the address):
 * `onChange(name)` runs after the user changes one. Returns the values and
 * the words of the summary.
 */
export function setupPanel(root, settings, onChange) {
  const inputs = Object.fromEntries(SETUP_NAMES.map((name) => [name, root.querySelector(`#training-set-${name}`)]));
  const values = Object.fromEntries(SETUP_NAMES.map((name) => [name, settings[name]]));
  const card = root.querySelector('#training-settings');
  for (const [name, input] of Object.entries(inputs)) {
    if (name === 'outlier') {
      input.checked = values.outlier;
      input.addEventListener('change', () => {
        values.outlier = input.checked;
        onChange(name);
      });
      continue;
    }
    const value = String(values[name]);
    // A value from the address that is not on the menu gets its own entry (numbers only: they were parsed).
    if (![...input.options].some((o) => o.value === value)) input.add(new Option(value, value));
    input.value = value;
    input.addEventListener('change', () => {
      values[name] = setupFields()[name].parse(input.value) ?? values[name];
      onChange(name);
    });
  }
  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && card.open) {
      card.open = false;
      card.querySelector('summary').focus();
    }
  });
  const line = root.querySelector('#training-settings-line');
  return {
    values,
    /** The session's arguments after seed, η and threshold. */
    args() {
      const v = values;
      return [v.data, v.points, v.noise, v.outlier, v.layers, v.width, v.act, v.opt, v.decay === 'default' ? undefined : v.decay, v.batch === 'full' ? undefined : v.batch];
    },
    /** The settings that differ from the chapter's (a link carries only those). */
    changed: () => Object.fromEntries(SETUP_NAMES.filter((name) => values[name] !== CHAPTER_SETUP[name]).map((name) => [name, values[name]])),
    /** Whether the settings are the chapter's. */
    chapter: () => SETUP_NAMES.every((name) => values[name] === CHAPTER_SETUP[name]),
    /** The summary line: data · network · optimizer · batch. */
    relabel() {
      for (const [name, input] of Object.entries(inputs)) {
        if (input.options) for (const option of input.options) option.textContent = choiceWords(name, option.value);
      }
      line.textContent = this.line();
    },
    /** The settings in a line: data · network · optimizer · batch. */
    line() {
      const v = values;
      const network = `${Array(v.layers).fill(v.width).join('×')} ${t(`training_act_${v.act}`)}`;
      const batchWords = v.batch === 'full' ? t('training_batch_full') : t('training_batch_of', { n: v.batch });
      return [t(`training_data_${v.data}`), network, t(`training_opt_${v.opt}`), batchWords].join(' · ');
    },
  };
}
