// Section 3.1: loss functions. A line ŷ = w·x + b over a dozen of the
// chapter's points; every residual drawn as a square; MSE and MAE live; the
// loss of one error (e², |e|) beside its derivative (2e, sign(e)).
//
// Rust holds the fit (LineFitSession) and draws (ScatterView,
// ErrorCurvesView); this module holds the scene's own markup, settings,
// dragging and words; the kit (www/kit/) runs the frames, locks and the
// host API.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';
import { flag, numberIn, writeFlag } from '../../kit/fields.js';
import { keyboardScroll } from '../../controls/scroll-focus.js';
import { backOf, chartMarkup, chartPanel } from '../../controls/chart.js';
import { controlLabel, questionMarkup, sceneMarkup } from '../../kit/markup.js';
import { announce } from '../../kit/announce.js';
import { showText } from '../../kit/readout.js';

const DEFAULT_W = 1.7;
const DEFAULT_B = 2.5;
/** How close (CSS px) a pointer must come to a handle to grab it. */
const HANDLE_REACH = 24;

/** Chart word → i18n key. */
const CHART_WORDS = {
  x_axis: 'loss_x_axis',
  y_axis: 'loss_y_axis',
  outlier: 'loss_outlier_label',
  largest: 'loss_largest',
  squares: 'loss_squares',
  error_axis: 'loss_error_axis',
  loss_axis: 'loss_loss_axis',
  slope_axis: 'loss_slope_axis',
  squared: 'loss_squared',
  absolute: 'loss_absolute',
  squared_slope: 'loss_squared_slope',
  absolute_slope: 'loss_absolute_slope',
  kink: 'loss_kink',
  off_chart: 'chart_off_chart',
};
const SCATTER_WORDS = ['x_axis', 'y_axis', 'outlier', 'largest', 'squares'];

const Y_HAT = '<msub><mover accent="true"><mi>y</mi><mo>^</mo></mover><mi>i</mi></msub>';
const SUM = '<mfrac><mn>1</mn><mi>n</mi></mfrac><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>';

const TEMPLATE = sceneMarkup('loss', `
  <div class="scene-grid loss-grid">
    <figure class="panel loss-scatter-panel">
      <figcaption class="panel-title loss-title-row"><span data-i18n="loss_scatter_title"></span> <span class="hint" data-i18n="loss_drag_hint"></span></figcaption>
      ${chartMarkup('loss-scatter', 'loss_scatter_canvas')}
    </figure>
    ${chartPanel({ className: 'loss-curves-panel', title: 'loss_curves_title', id: 'loss-curves', label: 'loss_curves_canvas' })}
    <div class="panel controls loss-controls">
      <div class="control loss-control-w" data-control="w">
        ${controlLabel('loss-w', 'loss_slope')}
        <input type="range" id="loss-w" step="0.01">
      </div>
      <div class="control loss-control-b" data-control="b">
        ${controlLabel('loss-b', 'loss_intercept')}
        <input type="range" id="loss-b" step="0.05">
      </div>
      <div class="buttons loss-buttons">
        <button type="button" id="loss-best" class="primary" data-i18n="loss_best_fit" data-control="fit"></button>
        <span class="loss-switch" data-control="outlier">
          <input type="checkbox" id="loss-outlier">
          <label for="loss-outlier" data-i18n="loss_outlier"></label>
        </span>
      </div>
      <p id="loss-effect" class="loss-effect" aria-live="polite"></p>
      <div class="loss-why-block">
        <h2 class="loss-why" data-i18n="loss_why"></h2>
        <ul class="loss-reasons">
          <li class="loss-reason loss-reason-smooth">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 19c5 0 6-14 9-14s4 14 9 14" /></svg>
            <div><strong data-i18n="loss_reason_smooth_title"></strong> <span data-i18n="loss_reason_smooth"></span></div>
          </li>
          <li class="loss-reason loss-reason-large">
            <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="9" width="5" height="5" /><rect x="10" y="3" width="11" height="11" /><path d="M3 20h18" /></svg>
            <div><strong data-i18n="loss_reason_large_title"></strong> <span id="loss-reason-large"></span></div>
          </li>
        </ul>
      </div>
    </div>
    <div class="panel info loss-info">
      <div class="loss-formulas">
        <math display="block" class="loss-line">
          <mover accent="true"><mi>y</mi><mo>^</mo></mover><mo>=</mo><mi>w</mi><mo>·</mo><mi>x</mi><mo>+</mo><mi>b</mi><mo>=</mo><mrow class="live"><mn data-live="w"></mn><mo>·</mo><mi>x</mi><mo data-live="b-sign"></mo><mn data-live="b"></mn></mrow>
        </math>
        <p class="loss-formula-name loss-mse-name" data-i18n="loss_mse_name"></p>
        <math display="block" class="loss-mse">
          <mtext>MSE</mtext><mo>=</mo>${SUM}<msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo>${Y_HAT}<mo>)</mo></mrow><mn>2</mn></msup><mo>=</mo><mrow class="live"><mfrac><mn data-live="sum-squared"></mn><mn data-live="n-squared"></mn></mfrac><mo>=</mo><mn data-live="mse"></mn></mrow>
        </math>
        <p class="loss-formula-name loss-mae-name" data-i18n="loss_mae_name"></p>
        <math display="block" class="loss-mae">
          <mtext>MAE</mtext><mo>=</mo>${SUM}<mrow><mo>|</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo>${Y_HAT}<mo>|</mo></mrow><mo>=</mo><mrow class="live"><mfrac><mn data-live="sum-absolute"></mn><mn data-live="n-absolute"></mn></mfrac><mo>=</mo><mn data-live="mae"></mn></mrow>
        </math>
      </div>
      <div class="loss-goal">
        <h2 data-i18n="loss_goal_title"></h2>
        <math display="block">
          <munder><mo movablelimits="false">min</mo><mrow><mi>W</mi><mo>,</mo><mi>b</mi></mrow></munder><mtext>Loss</mtext><mo>(</mo><mi>W</mi><mo>,</mo><mi>b</mi><mo>)</mo>
        </math>
        <p data-i18n="loss_goal"></p>
      </div>
    </div>
  </div>
  ${questionMarkup('loss')}`);

/** @type {import('../../kit/scene.js').SceneDefinition} */
export const scene = {
  name: 'loss',
  aliases: ['loss-functions'],
  markup: () => TEMPLATE,
  settings: (wasm) => {
    const [wLow, wHigh] = wasm.LineFitSession.slopeRange();
    const [bLow, bHigh] = wasm.LineFitSession.interceptRange();
    return {
      w: { parse: numberIn(wLow, wHigh), fallback: DEFAULT_W },
      b: { parse: numberIn(bLow, bHigh), fallback: DEFAULT_B },
      outlier: { parse: flag, fallback: false, write: writeFlag },
    };
  },
  controls: {
    w: { label: 'loss_slope' },
    b: { label: 'loss_intercept' },
    fit: { label: 'loss_best_fit' },
    outlier: { label: 'loss_outlier' },
  },
  mount,
};

function mount({ root, wasm, settings, controls, changed }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    scatter: $('loss-scatter'),
    curves: $('loss-curves'),
    w: $('loss-w'),
    wValue: $('loss-w-value'),
    b: $('loss-b'),
    bValue: $('loss-b-value'),
    best: $('loss-best'),
    outlier: $('loss-outlier'),
    effect: $('loss-effect'),
    reasonLarge: $('loss-reason-large'),
  };
  const live = Object.fromEntries(
    [...root.querySelectorAll('[data-live]')].map((node) => [node.dataset.live, node]),
  );

  const [wLow, wHigh] = wasm.LineFitSession.slopeRange();
  const [bLow, bHigh] = wasm.LineFitSession.interceptRange();
  Object.assign(el.w, { min: String(wLow), max: String(wHigh) });
  Object.assign(el.b, { min: String(bLow), max: String(bHigh) });

  const session = new wasm.LineFitSession(settings.w, settings.b, settings.outlier);
  const scatterView = new wasm.ScatterView(el.scatter, backOf(el.scatter));
  const curvesView = new wasm.ErrorCurvesView(el.curves, backOf(el.curves));

  const state = {
    /** The drag in progress: {handle} or {b0, y0} for a shift, or null. */
    drag: null,
    reach: 0,
    shown: {},
  };

  /** Puts the sliders where the line is (after a drag or "best fit"). */
  function syncSliders() {
    el.w.value = String(session.w);
    el.b.value = String(session.b);
    el.outlier.checked = session.outlier;
  }

  // Inputs only change the fit; the frame callback draws.
  el.w.addEventListener('input', () => {
    session.setLine(Number(el.w.value), session.b);
    changed();
  });
  el.b.addEventListener('input', () => {
    session.setLine(session.w, Number(el.b.value));
    changed();
  });
  el.best.addEventListener('click', () => {
    session.bestFit();
    syncSliders();
    changed();
  });
  el.outlier.addEventListener('change', () => {
    session.setOutlier(el.outlier.checked);
    changed();
  });

  // Dragging: a round handle tilts the line about the other one; anywhere
  // else in the plot moves it up and down (changes b).
  function local(event) {
    const box = el.scatter.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }
  el.scatter.addEventListener('pointerdown', (event) => {
    // A locked or hidden slope or intercept (?lock=w or b) freezes the line.
    if (!controls.live('w') || !controls.live('b')) return;
    const [x, y] = local(event);
    const handle = scatterView.handleAt(session, x, y, HANDLE_REACH);
    if (handle < 0 && !scatterView.isInPlot(x, y)) return;
    event.preventDefault();
    el.scatter.setPointerCapture(event.pointerId);
    state.drag = handle >= 0 ? { handle } : { b0: session.b, y0: scatterView.dataY(y) };
    el.scatter.classList.add('dragging');
  });
  el.scatter.addEventListener('pointermove', (event) => {
    if (!state.drag) return;
    const [, y] = local(event);
    if (state.drag.handle !== undefined) {
      scatterView.dragHandle(session, state.drag.handle, y);
    } else {
      const now = scatterView.dataY(y);
      if (now === undefined || state.drag.y0 === undefined) return;
      session.setLine(session.w, state.drag.b0 + (now - state.drag.y0));
    }
    syncSliders();
    changed();
  });
  const endDrag = () => {
    state.drag = null;
    el.scatter.classList.remove('dragging');
  };
  el.scatter.addEventListener('pointerup', endDrag);
  el.scatter.addEventListener('pointercancel', endDrag);

  // Each formula takes a tab stop while it overflows (decided after layout, not in the readout).
  keyboardScroll([...root.querySelectorAll('.loss-formulas math')]);

  function relabel() {
    for (const [key, word] of Object.entries(CHART_WORDS)) {
      curvesView.setText(key, t(word));
      if (SCATTER_WORDS.includes(key)) scatterView.setText(key, t(word));
    }
    state.shown = {};
  }

  /** Sets text only when it changed, so idle frames touch no layout (kit/readout.js). */
  const show = (node, key, text) => showText(state.shown, node, key, text);

  function updateReadout() {
    const w = session.w;
    const b = session.b;
    const wText = formatNumber(w, 3);
    const bText = formatNumber(b, 3);
    show(el.wValue, 'w-out', `w = ${wText}`);
    show(el.bValue, 'b-out', `b = ${bText}`);
    if (el.w.getAttribute('aria-valuetext') !== wText) el.w.setAttribute('aria-valuetext', wText);
    if (el.b.getAttribute('aria-valuetext') !== bText) el.b.setAttribute('aria-valuetext', bText);

    show(live.w, 'w', wText);
    show(live['b-sign'], 'b-sign', b < 0 ? '−' : '+');
    show(live.b, 'b', formatNumber(Math.abs(b), 3));
    const n = String(session.n);
    show(live['sum-squared'], 'sum-squared', formatNumber(session.sumSquared, 4));
    show(live['n-squared'], 'n-squared', n);
    show(live.mse, 'mse', formatNumber(session.mse, 4));
    show(live['sum-absolute'], 'sum-absolute', formatNumber(session.sumAbsolute, 4));
    show(live['n-absolute'], 'n-absolute', n);
    show(live.mae, 'mae', formatNumber(session.mae, 4));
    announce(`w = ${wText}, b = ${bText}: MSE = ${formatNumber(session.mse, 4)}, MAE = ${formatNumber(session.mae, 4)}`);

    const e = session.largestResidual;
    show(el.reasonLarge, 'reason-large', t('loss_reason_large', {
      e: formatNumber(e, 3),
      squared: formatNumber(e * e, 3),
      absolute: formatNumber(Math.abs(e), 3),
    }));
    const effect = {
      mse: formatNumber(session.mseFactor, 3),
      mae: formatNumber(session.maeFactor, 3),
      mse_share: formatNumber(100 * session.mseShare, 2),
      mae_share: formatNumber(100 * session.maeShare, 2),
    };
    show(el.effect, 'effect', t(session.outlier ? 'loss_effect_on' : 'loss_effect_off', effect));
    el.effect.classList.toggle('on', session.outlier);
  }

  /** Draws when something changed. */
  function draw({ dirty }) {
    if (!dirty) return false;
    scatterView.draw(session);
    state.reach = curvesView.draw(session);
    return true;
  }

  function readout({ dirty }) {
    if (!dirty) return;
    updateReadout();
  }

  syncSliders();

  return {
    actions: {},
    draw,
    readout,
    relabel,
    setPresent(on) {
      scatterView.setPresent(on);
      curvesView.setPresent(on);
    },
    values() {
      return { w: session.w, b: session.b, outlier: session.outlier };
    },
    set() {},
    /** Back to the opening line. */
    reset() {
      session.setLine(settings.w, settings.b);
      session.setOutlier(settings.outlier);
      syncSliders();
      changed();
    },
    charts() {
      return [el.scatter, el.curves];
    },
    state() {
      return {
        w: session.w,
        b: session.b,
        outlier: session.outlier,
        n: session.n,
        xs: Array.from(session.xs()),
        ys: Array.from(session.ys()),
        mse: session.mse,
        mae: session.mae,
        largestResidual: session.largestResidual,
        largestIndex: session.largestIndex,
        mseFactor: session.mseFactor,
        maeFactor: session.maeFactor,
        reach: state.reach,
        dragging: state.drag !== null,
        /** Where the line's two handles are, in CSS pixels of the scatter canvas. */
        handles: [0, 1].map((which) => Array.from(scatterView.handlePosition(session, which))),
      };
    },
  };
}
