// The leaderboard's rows (built as text, then as elements: no markup from
// strings) and the hooks the benchmarks time the comparison's work with.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';
import { MARKERS } from './template.js';

/** The board as one text, a line per run, best first: `rank|run|kind|η|standing`. */
export function boardText(session, standingText) {
  return [...session.leaderboard()]
    .map((i, rank) => `${rank + 1}|${i}|${t(`compare_kind_${session.kind(i)}`)}|${formatNumber(session.learningRate(i), 3)}|${standingText(i)}`)
    .join('\n');
}

/** Fills the list `node` with the board's lines. */
export function renderBoard(node, board) {
  node.replaceChildren(
    ...board.split('\n').map((line) => {
      const [, index, kind, eta, standing] = line.split('|');
      const li = document.createElement('li');
      li.dataset.run = index;
      const mark = document.createElement('span');
      mark.className = 'runner-mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = MARKERS[Number(index)];
      li.append(mark, ` ${kind}, η = ${eta}: `);
      const strong = document.createElement('strong');
      strong.textContent = standing;
      li.append(strong);
      return li;
    }),
  );
}

/** For the benchmarks (tests/bench/frames.mjs): the sweeps and the map's redraw, timed in ms. */
export function benchHooks(session, mapView, { swept, networkRestarted }) {
  return {
    /** The landscape sweep of run 1 with `steps` steps. */
    timeSweep(steps) {
      const began = performance.now();
      swept(session.computeSweep(0, steps));
      return performance.now() - began;
    },
    /** The whole network sweep in one go (`kind`, `count` rates). */
    timeNetworkSweep(kind, count) {
      session.startNetworkSweep(kind, count);
      networkRestarted();
      const began = performance.now();
      while (session.advanceNetworkSweep(count) > 0);
      return performance.now() - began;
    },
    /** Redraws the map's background now. */
    redrawMap() {
      mapView.setText('minimum', t('compare_minimum'));
      mapView.draw(session);
      return mapView.redrawMs;
    },
  };
}
