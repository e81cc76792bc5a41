// The markup of section 3.4: every word comes from i18n.js via data-i18n;
// the kit wires the elements marked data-kit (play, speed) and the
// data-control names (hide, lock, keys).

import { FLOWCHART } from './flowchart.js';
import { chartMarkup, chartPanel } from '../../controls/chart.js';
import { setupMarkup } from './setup.js';
import { unitsMarkup } from './units.js';
import { codeMarkup } from './code.js';
import { speedMarkup } from '../../kit/controls.js';
import { controlLabel, questionMarkup } from '../../kit/markup.js';

/** `base` with the layer superscript ⁽ˡ⁾, or ⁽ˡ⁻¹⁾ with `previous`. */
function layer(base, previous = false) {
  const l = previous ? '<mi>l</mi><mo>−</mo><mn>1</mn>' : '<mi>l</mi>';
  return `<msup><mi>${base}</mi><mrow><mo>(</mo>${l}<mo>)</mo></mrow></msup>`;
}

const PARTIAL_L_W = '<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>W</mi></mrow></mfrac>';

const MATH_ROWS = `
<tr data-stage="forward">
  <th scope="row" data-i18n="training_math_forward"></th>
  <td><math>${layer('z')}<mo>=</mo>${layer('W')}<mo>·</mo>${layer('a', true)}<mo>+</mo>${layer('b')}</math></td>
</tr>
<tr data-stage="forward">
  <th scope="row" data-i18n="training_math_activation"></th>
  <td><math>${layer('a')}<mo>=</mo><mi>σ</mi><mo>(</mo>${layer('z')}<mo>)</mo></math></td>
</tr>
<tr data-stage="loss">
  <th scope="row" data-i18n="training_math_loss"></th>
  <td><math><mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac><mo>∑</mo><msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo><msub><mover><mi>y</mi><mo>^</mo></mover><mi>i</mi></msub><mo>)</mo></mrow><mn>2</mn></msup><mo>=</mo><mn class="live" data-live="loss"></mn></math></td>
</tr>
<tr data-stage="update">
  <th scope="row" data-i18n="training_math_update"></th>
  <td><math><mi>W</mi><mo>←</mo><mi>W</mi><mo>−</mo><mi>η</mi><mo>·</mo>${PARTIAL_L_W}<mo>,</mo><mspace width="0.6em"></mspace><mi>η</mi><mo>=</mo><mn class="live" data-live="eta"></mn></math></td>
</tr>`;

export function template({ steps, speeds, thresholds }) {
  return `
<section class="scene scene-training" aria-labelledby="training-heading">
  <div class="scene-head training-head">
    ${setupMarkup()}
    <h1 id="training-heading" data-i18n="training_heading"></h1>
    <p class="intro" id="training-intro" data-i18n="training_intro"></p>
  </div>
  <div class="scene-grid training-grid">
    <figure class="panel training-fit">
      <figcaption class="panel-title training-fit-head">
        <span data-i18n="training_fit_title"></span>
        <dl class="training-facts">
          <div><dt data-i18n="training_readout_epoch"></dt><dd id="training-out-epoch"></dd></div>
          <div><dt data-i18n="training_readout_loss"></dt><dd id="training-out-loss"></dd></div>
          <div><dt data-i18n="training_readout_seed"></dt><dd id="training-out-seed"></dd></div>
          <div><dt data-i18n="training_readout_params"></dt><dd id="training-out-params"></dd></div>
        </dl>
      </figcaption>
      ${chartMarkup('training-fit-canvas', 'training_fit_canvas')}
    </figure>
    <div class="panel training-flow">
      <h2 class="panel-title" id="training-flow-title" data-i18n="training_flow_title"></h2>
      ${FLOWCHART}
      <div id="training-status" class="regime" role="status">
        <svg class="regime-icon" viewBox="0 0 24 24" aria-hidden="true"></svg>
        <p><strong class="regime-name"></strong> <span class="regime-detail"></span></p>
      </div>
      <table class="training-math" aria-labelledby="training-math-title">
        <caption id="training-math-title" data-i18n="training_math_title"></caption>
        <tbody>${MATH_ROWS}</tbody>
      </table>
    </div>
    ${chartPanel({ className: 'training-loss', title: 'training_loss_title', id: 'training-loss-canvas', label: 'training_loss_canvas' })}
    <div class="panel controls training-controls">
      <div class="control control-lr" data-control="lr">
        ${controlLabel('training-lr', 'learning_rate')}
        <div class="slider-track">
          <input type="range" id="training-lr" min="0" max="${steps - 1}" step="1" aria-describedby="training-lr-hint">
          <span id="training-lr-diverge" class="critical-mark" aria-hidden="true" data-i18n="training_diverge_mark"></span>
        </div>
        <p class="training-hidden" id="training-lr-hint" data-i18n="training_lr_hint"></p>
      </div>
      <div class="buttons">
        <button type="button" id="training-play" class="primary" data-control="play" data-kit="play"></button>
        <button type="button" id="training-step" data-control="step" data-i18n="training_step"></button>
        <button type="button" id="training-reset" data-control="reset" data-i18n="reset"></button>
        <button type="button" id="training-seed" data-control="seed" data-i18n="training_new_seed"></button>
      </div>
      ${speedMarkup('training', speeds.length)}
      <div class="control training-threshold" data-control="threshold">
        <label for="training-threshold" data-i18n="training_threshold"></label>
        <select id="training-threshold">
          <option value="off" data-i18n="training_threshold_off"></option>
          ${thresholds.map((v) => `<option value="${v}">L &lt; ${v}</option>`).join('')}
        </select>
      </div>
    </div>
    <div class="panel training-console-panel">
      <h2 class="panel-title" id="training-console-title" data-i18n="training_console_title"></h2>
      <p class="training-code"><code>print(f'Epoch {epoch+1}, Loss: {loss.item():.4f}')</code></p>
      <div id="training-console" class="training-console" role="log" aria-live="off" tabindex="0" aria-labelledby="training-console-title"><div class="training-console-lines"></div></div>
    </div>
  </div>
  <div class="training-extra">
    ${unitsMarkup()}
    ${codeMarkup()}
  </div>
  ${questionMarkup('training', { answerId: 'training-answer' })}
</section>`;
}
