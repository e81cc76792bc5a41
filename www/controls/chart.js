// A chart on two stacked canvases: the back one holds what does not move
// (axes, curves), redrawn only when they change; the front one, transparent,
// holds what moves and is redrawn every frame. The front canvas carries the
// id, the accessible name and the pointer; the wrapper takes the chart's
// size and place in the layout.

import { t } from '../i18n.js';

/** Names a live loss plot's words (the wasm LossView's keys); its step axis is the i18n key `stepAxis`. */
export function labelLossPlot(view, stepAxis) {
  view.setText('step_axis', t(stepAxis));
  view.setText('loss_axis', t('chart_loss_axis_log'));
  view.setText('off_chart', t('chart_off_chart'));
}

/** The markup of a chart whose front canvas is `id`, named by i18n key `label`. */
export function chartMarkup(id, label) {
  return `<div class="chart chart-stack"><canvas class="chart-back" aria-hidden="true"></canvas><canvas id="${id}" class="chart-front" role="img" data-i18n-aria-label="${label}"></canvas></div>`;
}

/**
 * A panel (`<figure class="panel ${className}">`) titled by i18n key `title`
 * around the chart `id` named by `label`.
 */
export function chartPanel({ className, title, id, label }) {
  return `<figure class="panel ${className}">
      <figcaption class="panel-title" data-i18n="${title}"></figcaption>
      ${chartMarkup(id, label)}
    </figure>`;
}

/** The background canvas under a chart's front canvas. */
export function backOf(front) {
  return front.parentElement.querySelector('.chart-back');
}

/** Draws the chart of `front`, background then front, onto `context` at (x, y). */
export function drawChart(context, front, x, y) {
  const back = front.classList.contains('chart-front') ? backOf(front) : null;
  if (back) context.drawImage(back, x, y);
  context.drawImage(front, x, y);
}
