// The page of section 3.4: every word comes from i18n.js via data-i18n.

import { FLOWCHART } from './flowchart.js';
import { chartMarkup } from '../../controls/chart.js';

/** `base` with the layer superscript ⁽ˡ⁾, or ⁽ˡ⁻¹⁾ with `previous`. */
function layer(base, previous = false) {
  const l = previous ? '<mi>l</mi><mo>−</mo><mn>1</mn>' : '<mi>l</mi>';
  return `<msup><mi>${base}</mi><mrow><mo>(</mo>${l}<mo>)</mo></mrow></msup>`;
}

const PARTIAL_L_W = '<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>W</mi></mrow></mfrac>';

const MATH_ROWS = `
<tr data-stage="forward">
  <th scope="row" data-i18n="loop_math_forward"></th>
  <td><math>${layer('z')}<mo>=</mo>${layer('W')}<mo>·</mo>${layer('a', true)}<mo>+</mo>${layer('b')}</math></td>
</tr>
<tr data-stage="forward">
  <th scope="row" data-i18n="loop_math_activation"></th>
  <td><math>${layer('a')}<mo>=</mo><mi>σ</mi><mo>(</mo>${layer('z')}<mo>)</mo></math></td>
</tr>
<tr data-stage="loss">
  <th scope="row" data-i18n="loop_math_loss"></th>
  <td><math><mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac><mo>∑</mo><msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo><msub><mover><mi>y</mi><mo>^</mo></mover><mi>i</mi></msub><mo>)</mo></mrow><mn>2</mn></msup><mo>=</mo><mn class="live" data-live="loss"></mn></math></td>
</tr>
<tr data-stage="update">
  <th scope="row" data-i18n="loop_math_update"></th>
  <td><math><mi>W</mi><mo>←</mo><mi>W</mi><mo>−</mo><mi>η</mi><mo>·</mo>${PARTIAL_L_W}<mo>,</mo><mspace width="0.6em"></mspace><mi>η</mi><mo>=</mo><mn class="live" data-live="eta"></mn></math></td>
</tr>`;

export function template({ steps, speeds, thresholds }) {
  return `
<section class="scene scene-loop" aria-labelledby="lp-heading">
  <div class="scene-head">
    <h1 id="lp-heading" data-i18n="loop_heading"></h1>
    <p class="intro" data-i18n="loop_intro"></p>
  </div>
  <div class="lp-grid">
    <figure class="panel lp-fit">
      <figcaption class="panel-title lp-fit-head">
        <span data-i18n="loop_fit_title"></span>
        <dl class="lp-facts">
          <div><dt data-i18n="loop_readout_epoch"></dt><dd id="lp-out-epoch"></dd></div>
          <div><dt data-i18n="loop_readout_loss"></dt><dd id="lp-out-loss"></dd></div>
          <div><dt data-i18n="loop_readout_seed"></dt><dd id="lp-out-seed"></dd></div>
          <div><dt data-i18n="loop_readout_params"></dt><dd id="lp-out-params"></dd></div>
        </dl>
      </figcaption>
      ${chartMarkup('lp-fit-canvas', 'loop_fit_canvas')}
    </figure>
    <div class="panel lp-flow">
      <h2 class="panel-title" id="lp-flow-title" data-i18n="loop_flow_title"></h2>
      ${FLOWCHART}
      <div id="lp-status" class="regime" role="status">
        <svg class="regime-icon" viewBox="0 0 24 24" aria-hidden="true"></svg>
        <p><strong class="regime-name"></strong> <span class="regime-detail"></span></p>
      </div>
      <table class="lp-math" aria-labelledby="lp-math-title">
        <caption id="lp-math-title" data-i18n="loop_math_title"></caption>
        <tbody>${MATH_ROWS}</tbody>
      </table>
    </div>
    <figure class="panel lp-loss">
      <figcaption class="panel-title" data-i18n="loop_loss_title"></figcaption>
      ${chartMarkup('lp-loss-canvas', 'loop_loss_canvas')}
    </figure>
    <div class="panel controls lp-controls">
      <div class="control control-lr" data-control="lr">
        <div class="control-label">
          <label for="lp-lr" data-i18n="learning_rate"></label>
          <output id="lp-lr-value" for="lp-lr"></output>
        </div>
        <div class="slider-track">
          <input type="range" id="lp-lr" min="0" max="${steps - 1}" step="1" aria-describedby="lp-lr-hint">
          <span id="lp-lr-diverge" class="critical-mark" aria-hidden="true" data-i18n="loop_diverge_mark"></span>
        </div>
        <p class="lp-hidden" id="lp-lr-hint" data-i18n="loop_lr_hint"></p>
      </div>
      <div class="buttons">
        <button type="button" id="lp-play" class="primary" data-control="play"></button>
        <button type="button" id="lp-step" data-control="step" data-i18n="loop_step"></button>
        <button type="button" id="lp-reset" data-control="reset" data-i18n="reset"></button>
        <button type="button" id="lp-seed" data-control="seed" data-i18n="loop_new_seed"></button>
      </div>
      <div class="control control-speed" data-control="speed">
        <div class="control-label">
          <label for="lp-speed" data-i18n="speed"></label>
          <output id="lp-speed-value" for="lp-speed"></output>
        </div>
        <input type="range" id="lp-speed" min="0" max="${speeds.length - 1}" step="1">
      </div>
      <div class="control lp-threshold" data-control="threshold">
        <label for="lp-threshold" data-i18n="loop_threshold"></label>
        <select id="lp-threshold">
          <option value="off" data-i18n="loop_threshold_off"></option>
          ${thresholds.map((v) => `<option value="${v}">L &lt; ${v}</option>`).join('')}
        </select>
      </div>
    </div>
    <div class="panel lp-console-panel">
      <h2 class="panel-title" id="lp-console-title" data-i18n="loop_console_title"></h2>
      <p class="lp-code"><code>print(f'Epoch {epoch+1}, Loss: {loss.item():.4f}')</code></p>
      <div id="lp-console" class="lp-console" role="log" aria-live="off" tabindex="0" aria-labelledby="lp-console-title"></div>
    </div>
  </div>
  <details class="panel question">
    <summary data-i18n="loop_question"></summary>
    <p id="lp-answer"></p>
  </details>
</section>`;
}
