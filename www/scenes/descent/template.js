// The markup of the gradient-descent scene and its regime icons.

import { STEPS } from '../../controls/log-slider.js';
import { chartMarkup, chartPanel } from '../../controls/chart.js';
import { formulaMarkup } from '../../controls/formula.js';
import { playerButtons, speedMarkup } from '../../kit/controls.js';
import { controlLabel, questionMarkup, sceneMarkup } from '../../kit/markup.js';

/** Speeds offered, in steps per second. */
export const SPEEDS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

/** One icon per regime: the shape carries the meaning, not only the colour. */
export const REGIME_ICONS = {
  too_slow: '<path d="M4 12h10" /><path d="M11 8l4 4-4 4" />',
  converging: '<path d="M5 12.5l4.5 4.5L19 7" />',
  oscillating: '<path d="M3 12l3.5-6 4 12 4-12 4 12 2.5-6" />',
  bouncing: '<path d="M3 5v14M21 5v14" /><path d="M7 12h10" /><path d="M9.5 9.5 7 12l2.5 2.5M14.5 9.5 17 12l-2.5 2.5" />',
  diverging: '<path d="M12 3l10 18H2z" /><path d="M12 10v5M12 17.5v.5" />',
  still: '<circle cx="12" cy="9" r="4" /><path d="M3 17h18" />',
  no_minimum: '<circle cx="5" cy="4" r="2" /><path d="M3 8l14 10" /><path d="M13 19h5v-5" />',
};

export const TEMPLATE = sceneMarkup('descent', `
  <div class="scene-grid descent-grid">
    <figure class="panel curve-panel">
      ${chartMarkup('descent-curve-canvas', 'descent_curve_canvas')}
      <figcaption class="hint"><span data-i18n="descent_drag_hint"></span> <span class="keys-hint" data-i18n="descent_keys_hint"></span></figcaption>
    </figure>
    ${chartPanel({ className: 'loss-panel', title: 'descent_loss_plot_title', id: 'descent-loss-canvas', label: 'descent_loss_canvas' })}
    <div class="panel controls">
      <div class="control control-lr" data-control="lr">
        ${controlLabel('descent-lr', 'learning_rate')}
        <div class="slider-track">
          <input type="range" id="descent-lr" min="0" max="${STEPS}" step="1">
          <span id="descent-lr-critical" class="critical-mark" aria-hidden="true">η*</span>
        </div>
        <p class="control-hint" data-i18n="descent_learning_rate_hint"></p>
      </div>
      ${playerButtons('descent')}
      ${speedMarkup('descent', SPEEDS.length)}
      <div class="control control-curve" data-control="curve">
        <label for="descent-curve" data-i18n="descent_curve"></label>
        <select id="descent-curve">
          <option value="data-mse" data-i18n="descent_curve_data_mse"></option>
          <option value="bumpy" data-i18n="descent_curve_bumpy"></option>
          <option value="bowl" data-i18n="descent_curve_bowl"></option>
          <option value="formula" data-i18n="descent_curve_formula"></option>
        </select>
      </div>
      ${formulaMarkup({ id: 'descent-formula', label: 'descent_formula', hint: 'descent_formula_hint', className: 'descent-formula', control: 'formula' })}
    </div>
    <div class="panel info">
      <div id="descent-regime" class="regime">
        <svg class="regime-icon" viewBox="0 0 24 24" aria-hidden="true"></svg>
        <div>
          <p class="regime-line"><strong class="regime-name"></strong> <span class="regime-ratio"></span></p>
          <p class="regime-detail"></p>
        </div>
      </div>
      <p id="descent-status" class="status"></p>
      <div class="formula">
        <h2 data-i18n="descent_update_rule"></h2>
        <math display="block" class="rule">
          <msub><mi>W</mi><mtext>new</mtext></msub><mo>=</mo><msub><mi>W</mi><mtext>old</mtext></msub><mo>−</mo><mi>η</mi><mo>·</mo><mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>W</mi></mrow></mfrac>
        </math>
        <math display="block" class="rule live" id="descent-formula-live">
          <mn data-live="next"></mn><mo>=</mo><mn data-live="w"></mn><mo>−</mo><mn data-live="eta"></mn><mo>×</mo><mrow><mo>(</mo><mn data-live="gradient"></mn><mo>)</mo></mrow>
        </math>
        <p class="formula-note" id="descent-converged" data-i18n="descent_converged_note" hidden></p>
      </div>
      <dl class="readout">
        <div><dt data-i18n="descent_readout_step"></dt><dd id="descent-out-step"></dd></div>
        <div><dt data-i18n="descent_readout_w"></dt><dd id="descent-out-w"></dd></div>
        <div><dt data-i18n="descent_readout_loss"></dt><dd id="descent-out-loss"></dd></div>
        <div><dt data-i18n="descent_readout_gradient"></dt><dd id="descent-out-gradient"></dd></div>
        <div><dt data-i18n="descent_readout_critical"></dt><dd id="descent-out-critical"></dd></div>
      </dl>
    </div>
  </div>
  ${questionMarkup('descent')}`);
