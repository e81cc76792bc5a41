// The markup of the backpropagation scene: the example's inputs, the
// graph, the walk's factors and their products, the update.

import { UPDATE_RULE, productSymbols } from './math.js';
import { questionMarkup, sceneMarkup } from '../../kit/markup.js';

/** The largest η the scene takes. */
export const MAX_LEARNING_RATE = 100;

/** The editable values: address name, its symbol, range. */
export const FIELDS = [
  { name: 'x', symbol: 'x', min: -10, max: 10 },
  { name: 'y', symbol: 'y', min: 0, max: 1 },
  { name: 'w1', symbol: 'W₁', min: -10, max: 10 },
  { name: 'b1', symbol: 'b₁', min: -10, max: 10 },
  { name: 'w2', symbol: 'W₂', min: -10, max: 10 },
  { name: 'b2', symbol: 'b₂', min: -10, max: 10 },
];

const valueInputs = FIELDS.map(({ name, symbol, min, max }) => `
        <div class="backprop-value">
          <label for="backprop-${name}">${symbol}</label>
          <input type="number" id="backprop-${name}" inputmode="decimal" step="0.1" min="${min}" max="${max}">
        </div>`).join('');

const productBlock = (key) => `
        <div class="backprop-product" data-product="${key}">
          <math display="block" class="rule">${productSymbols(key)}</math>
          <div class="backprop-scroll"><math display="block" class="rule live" data-live="${key}"></math></div>
          <p class="backprop-check" data-check="${key}"><span data-i18n="backprop_finite_difference"></span> <strong data-fd="${key}"></strong> <span class="backprop-verdict" data-verdict="${key}"></span></p>
        </div>`;

export const TEMPLATE = sceneMarkup('backprop', `
  <div class="scene-grid backprop-grid">
    <figure class="panel backprop-graph">
      <canvas id="backprop-canvas" class="chart" role="img" data-i18n-aria-label="backprop_canvas"></canvas>
      <figcaption class="backprop-forward">
        <h2 data-i18n="backprop_forward"></h2>
        <div class="backprop-stages" id="backprop-stages"></div>
      </figcaption>
    </figure>
    <div class="panel backprop-controls">
      <div class="buttons">
        <button type="button" id="backprop-step" class="primary" data-control="step" data-i18n="backprop_step_backward" aria-keyshortcuts="ArrowRight"></button>
        <button type="button" id="backprop-previous" data-control="back" data-i18n="backprop_previous" aria-keyshortcuts="ArrowLeft"></button>
        <button type="button" id="backprop-all" data-control="all" data-i18n="backprop_show_all" aria-keyshortcuts="A"></button>
        <button type="button" id="backprop-reset" data-control="reset" data-i18n="backprop_reset" aria-keyshortcuts="R"></button>
      </div>
      <p id="backprop-progress" class="backprop-progress" aria-live="polite"></p>
      <div id="backprop-values-more" class="backprop-more" popover>
      <fieldset class="backprop-values" data-control="values">
        <legend data-i18n="backprop_values"></legend>
        <div class="backprop-value-row">${valueInputs}
          <button type="button" id="backprop-new" data-control="example" data-i18n="backprop_new_example"></button>
        </div>
        <p id="backprop-invalid" class="backprop-invalid" role="alert" hidden></p>
      </fieldset>
      </div>
      <p class="hint" data-i18n="backprop_keys"></p>
    </div>
    <div class="panel info backprop-info">
      <div id="backprop-current" class="backprop-current" aria-live="polite">
        <p class="backprop-current-title"></p>
        <div class="backprop-scroll"><math display="block" class="rule live" id="backprop-local"></math></div>
        <p class="backprop-current-explain"></p>
      </div>
      <div class="backprop-chain">
        <h2 data-i18n="backprop_backward"></h2>${productBlock('dL_dW2')}${productBlock('dL_dW1')}
      </div>
      <div id="backprop-update-more" class="backprop-more" popover>
      <div class="backprop-update">
        <h2 data-i18n="backprop_update"></h2>
        <div class="backprop-update-row">
          <div class="backprop-value backprop-lr" data-control="lr">
            <label for="backprop-lr" data-i18n="backprop_learning_rate"></label>
            <input type="number" id="backprop-lr" inputmode="decimal" step="0.1" min="0" max="${MAX_LEARNING_RATE}">
          </div>
          <button type="button" id="backprop-apply" data-control="update" aria-keyshortcuts="U"></button>
        </div>
        <math display="block" class="rule">${UPDATE_RULE}</math>
        <p class="control-hint" data-i18n="backprop_update_hint"></p>
        <dl class="readout backprop-losses">
          <div><dt data-i18n="backprop_loss_before"></dt><dd id="backprop-loss-before"></dd></div>
          <div><dt data-i18n="backprop_loss_after"></dt><dd id="backprop-loss-after"></dd></div>
        </dl>
        <p id="backprop-update-verdict" class="backprop-update-verdict"></p>
        <p id="backprop-update-ahead" class="backprop-update-ahead"></p>
        <p id="backprop-update-range" class="backprop-update-range"></p>
        <div class="backprop-scroll backprop-update-rules" id="backprop-update-rules"></div>
      </div>
      </div>
      <div class="backprop-more-buttons">
        <button type="button" class="backprop-more-toggle" popovertarget="backprop-values-more" data-i18n="backprop_values"></button>
        <button type="button" class="backprop-more-toggle" popovertarget="backprop-update-more" data-i18n="backprop_update"></button>
      </div>
    </div>
  </div>
  ${questionMarkup('backprop')}`);
