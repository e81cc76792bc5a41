// The markup of the comparison scene: the runs' picture, the controls, the
// runner rows (all four in the markup, the unused ones hidden, so a lock
// reaches every one), the loss plot, the leaderboard and the sweep.

import { STEPS } from '../../controls/log-slider.js';
import { chartMarkup, chartPanel } from '../../controls/chart.js';
import { formulaMarkup } from '../../controls/formula.js';
import { playerButtons, speedMarkup } from '../../kit/controls.js';
import { sceneMarkup } from '../../kit/markup.js';

/** Speeds offered, in steps per second. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/** Steps per run in a sweep. */
export const SWEEP_STEPS = [50, 100, 200, 500];
/** The most runs. */
export const MAX_RUNNERS = 4;
/** Each run's marker, as its shape is drawn (colour and shape, never colour alone). */
export const MARKERS = ['●', '■', '▲', '◆'];

const KIND_OPTIONS = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad']
  .map((k) => `<option value="${k}" data-i18n="compare_kind_${k}"></option>`)
  .join('');

function runnerRow(i) {
  const control = i === 0 ? 'lr' : 'runners';
  return `
    <li class="runner" id="compare-runner-${i}" data-index="${i}" data-run="${i}">
      <span class="runner-mark" aria-hidden="true">${MARKERS[i]}</span>
      <input type="radio" name="compare-selected" id="compare-select-${i}" value="${i}" data-control="runners" data-i18n-aria-label="compare_select_runner">
      <select id="compare-kind-${i}" data-control="runners" data-i18n-aria-label="compare_optimizer">${KIND_OPTIONS}</select>
      <div class="runner-lr" data-control="${control}">
        <div class="slider-track">
          <input type="range" id="compare-lr-${i}" min="0" max="${STEPS}" step="1" data-i18n-aria-label="learning_rate">
          <span class="critical-mark" aria-hidden="true">η*</span>
        </div>
        <output id="compare-lr-value-${i}" for="compare-lr-${i}"></output>
      </div>
      <span class="runner-regime" id="compare-regime-${i}"></span>
      <button type="button" class="ghost small runner-remove" id="compare-remove-${i}" data-control="runners" data-i18n-aria-label="compare_remove_runner">×</button>
    </li>`;
}

export const TEMPLATE = sceneMarkup('compare', `
  <div class="scene-grid compare-grid">
    <figure class="panel compare-map-panel">
      ${chartMarkup('compare-map-canvas', 'compare_map_canvas')}
      <figcaption class="hint map-hint"><span><span data-i18n="compare_drag_hint"></span> <span class="keys-hint" data-i18n="descent_keys_hint"></span></span>
        <button type="button" id="compare-default-start" class="ghost small" data-control="start" data-i18n="compare_default_start"></button></figcaption>
    </figure>
    <div class="panel controls compare-controls">
      <div class="control compare-landscape" data-control="landscape">
        <label for="compare-landscape" data-i18n="compare_landscape"></label>
        <select id="compare-landscape">
          <optgroup id="compare-curves">
            <option value="bumpy" data-i18n="compare_landscape_bumpy"></option>
            <option value="data-mse" data-i18n="compare_landscape_data_mse"></option>
            <option value="bowl" data-i18n="compare_landscape_bowl"></option>
          </optgroup>
          <optgroup id="compare-surfaces">
            <option value="line-mse" data-i18n="compare_landscape_line_mse"></option>
            <option value="round-bowl" data-i18n="compare_landscape_round_bowl"></option>
            <option value="saddle" data-i18n="compare_landscape_saddle"></option>
            <option value="rosenbrock" data-i18n="compare_landscape_rosenbrock"></option>
            <option value="two-pits" data-i18n="compare_landscape_two_pits"></option>
          </optgroup>
          <option value="formula" data-i18n="compare_landscape_formula"></option>
        </select>
      </div>
      ${formulaMarkup({ id: 'compare-formula', label: 'compare_formula', hint: 'compare_formula_hint', className: 'compare-formula', control: 'formula' })}
      <div class="control compare-presets" data-control="presets" role="group" aria-labelledby="compare-presets-label">
        <span id="compare-presets-label" class="control-label" data-i18n="compare_presets"></span>
        <div class="buttons">
          <button type="button" id="compare-preset-table" data-preset="table" data-i18n="compare_preset_table"></button>
          <button type="button" id="compare-preset-optimizers" data-preset="optimizers" data-i18n="compare_preset_optimizers"></button>
          <button type="button" id="compare-preset-ravine" data-preset="ravine" data-i18n="compare_preset_ravine"></button>
        </div>
      </div>
      <ol class="runners" id="compare-runners">${[0, 1, 2, 3].map(runnerRow).join('')}</ol>
      <button type="button" id="compare-add" class="ghost small" data-control="runners" data-i18n="compare_add_runner"></button>
      ${playerButtons('compare')}
      ${speedMarkup('compare', SPEEDS.length)}
      <p class="compare-steps"><span data-i18n="descent_readout_step"></span> <output id="compare-out-step"></output></p>
    </div>
    ${chartPanel({ className: 'compare-loss-panel', title: 'compare_loss_plot_title', id: 'compare-loss-canvas', label: 'compare_loss_canvas' })}
    <div class="panel compare-board-panel">
      <h2 class="panel-title" data-i18n="compare_leaderboard"></h2>
      <p class="control-hint" id="compare-target"></p>
      <ol class="leaderboard" id="compare-board"></ol>
    </div>
    <figure class="panel compare-sweep-panel">
      <figcaption class="sweep-head">
        <span class="panel-title" data-i18n="compare_sweep_title"></span>
        <span class="control" data-control="sweep">
          <select id="compare-sweep-of" data-i18n-aria-label="compare_sweep_of">
            <option value="landscape" data-i18n="compare_sweep_landscape"></option>
            <option value="network" data-i18n="compare_sweep_network"></option>
          </select>
          <label for="compare-sweep-steps" data-i18n="compare_sweep_steps"></label>
          <select id="compare-sweep-steps">${SWEEP_STEPS.map((n) => `<option value="${n}">${n}</option>`).join('')}</select>
        </span>
      </figcaption>
      <div class="chart"><canvas id="compare-sweep-canvas" role="img" data-i18n-aria-label="compare_sweep_canvas"></canvas></div>
      <p class="control-hint" id="compare-sweep-note" aria-live="polite"></p>
    </figure>
  </div>`);
