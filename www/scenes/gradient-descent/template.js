// The markup of the gradient-descent scene and its regime icons.

import { STEPS } from '../../controls/log-slider.js';
import { chartMarkup } from '../../controls/chart.js';

/** Speeds offered, in steps per second. */
export const SPEEDS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

/** One icon per regime: the shape carries the meaning, not only the colour. */
export const REGIME_ICONS = {
  too_slow: '<path d="M4 12h10" /><path d="M11 8l4 4-4 4" />',
  converging: '<path d="M5 12.5l4.5 4.5L19 7" />',
  oscillating: '<path d="M3 12l3.5-6 4 12 4-12 4 12 2.5-6" />',
  diverging: '<path d="M12 3l10 18H2z" /><path d="M12 10v5M12 17.5v.5" />',
};

export const TEMPLATE = `
<section class="scene scene-descent" aria-labelledby="gd-heading">
  <div class="scene-head">
    <h1 id="gd-heading" data-i18n="gd_heading"></h1>
    <p class="intro" data-i18n="gd_intro"></p>
  </div>
  <div class="gd-grid">
    <figure class="panel curve-panel">
      ${chartMarkup('curve-canvas', 'curve_canvas')}
      <figcaption class="hint" data-i18n="drag_hint"></figcaption>
    </figure>
    <figure class="panel loss-panel">
      <figcaption class="panel-title" data-i18n="loss_plot_title"></figcaption>
      ${chartMarkup('loss-canvas', 'loss_canvas')}
    </figure>
    <div class="panel controls">
      <div class="control control-lr" data-control="lr">
        <div class="control-label">
          <label for="lr" data-i18n="learning_rate"></label>
          <output id="lr-value" for="lr"></output>
        </div>
        <div class="slider-track">
          <input type="range" id="lr" min="0" max="${STEPS}" step="1">
          <span id="lr-critical" class="critical-mark" aria-hidden="true">η*</span>
        </div>
        <p class="control-hint" data-i18n="learning_rate_hint"></p>
      </div>
      <div class="buttons">
        <button type="button" id="play" class="primary" data-control="play"></button>
        <button type="button" id="step" data-i18n="step" data-control="step"></button>
        <button type="button" id="reset" data-i18n="reset" data-control="reset"></button>
      </div>
      <div class="control control-speed" data-control="speed">
        <div class="control-label">
          <label for="speed" data-i18n="speed"></label>
          <output id="speed-value" for="speed"></output>
        </div>
        <input type="range" id="speed" min="0" max="${SPEEDS.length - 1}" step="1">
      </div>
      <div class="control control-curve" data-control="curve">
        <label for="curve" data-i18n="curve"></label>
        <select id="curve">
          <option value="data-mse" data-i18n="curve_data_mse"></option>
          <option value="bumpy" data-i18n="curve_bumpy"></option>
          <option value="bowl" data-i18n="curve_bowl"></option>
        </select>
      </div>
    </div>
    <div class="panel info">
      <div id="regime" class="regime">
        <svg class="regime-icon" viewBox="0 0 24 24" aria-hidden="true"></svg>
        <div>
          <p class="regime-line"><strong class="regime-name"></strong> <span class="regime-ratio"></span></p>
          <p class="regime-detail"></p>
        </div>
      </div>
      <p id="status" class="status"></p>
      <div class="formula">
        <h2 data-i18n="update_rule"></h2>
        <math display="block" class="rule">
          <msub><mi>W</mi><mtext>new</mtext></msub><mo>=</mo><msub><mi>W</mi><mtext>old</mtext></msub><mo>−</mo><mi>η</mi><mo>·</mo><mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>W</mi></mrow></mfrac>
        </math>
        <math display="block" class="rule live" id="formula-live">
          <mn data-live="next"></mn><mo>=</mo><mn data-live="w"></mn><mo>−</mo><mn data-live="eta"></mn><mo>×</mo><mrow><mo>(</mo><mn data-live="gradient"></mn><mo>)</mo></mrow>
        </math>
      </div>
      <dl class="readout">
        <div><dt data-i18n="readout_step"></dt><dd id="out-step"></dd></div>
        <div><dt data-i18n="readout_w"></dt><dd id="out-w"></dd></div>
        <div><dt data-i18n="readout_loss"></dt><dd id="out-loss"></dd></div>
        <div><dt data-i18n="readout_gradient"></dt><dd id="out-gradient"></dd></div>
        <div><dt data-i18n="readout_critical"></dt><dd id="out-critical"></dd></div>
      </dl>
    </div>
  </div>
  <details class="panel question">
    <summary data-i18n="question"></summary>
    <p data-i18n="answer"></p>
  </details>
</section>`;
