// The sweep panel: the final loss after N steps against η for the selected
// run, recomputed when it is out of date, or the chapter network's sweep,
// advanced a few η per frame within a budget; its note under the chart;
// clicking the chart sets the selected run's η.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';

/** A frame's budget for the network sweep, ms. */
const NETWORK_BUDGET_MS = 6;
/** Learning rates in the network sweep. */
const NETWORK_POINTS = 200;

/**
 * @param {object} parts
 * @param {{sweep: HTMLCanvasElement, sweepSteps: HTMLSelectElement, sweepOf: HTMLSelectElement}} parts.el
 * @param {object} parts.session  the CompareSession
 * @param {object} parts.view  the SweepView
 * @param {{live(name: string): boolean}} parts.controls
 * @param {number} parts.steps  N, from the address
 * @param {() => number} parts.selected  the selected run
 * @param {(eta: number) => void} parts.setRate  sets the selected run's η
 * @param {() => void} parts.changed  asks for a frame
 */
export function sweepPanel({ el, session, view, controls, steps, selected, setRate, changed }) {
  const state = {
    steps,
    /** The landscape sweep must be recomputed (landscape, start, the selected run's kind, N). */
    dirty: true,
    /** The kind the landscape sweep was computed for. */
    kind: null,
    cliff: undefined,
    /** Showing the chapter network's sweep rather than the landscape's. */
    network: false,
    /** The kind the network sweep was started for (null: start again). */
    networkKind: null,
    /** The slowest η of the network sweep so far, ms. */
    perEta: 0,
  };

  el.sweepSteps.value = String(state.steps);
  el.sweepSteps.addEventListener('change', () => {
    state.steps = Number(el.sweepSteps.value);
    state.dirty = true;
    changed();
  });
  el.sweepOf.addEventListener('change', () => {
    state.network = el.sweepOf.value === 'network';
    changed();
  });
  el.sweep.addEventListener('click', (event) => {
    if (!controls.live('sweep') || !controls.live(selected() === 0 ? 'lr' : 'runners') || state.network) return;
    const box = el.sweep.getBoundingClientRect();
    const eta = view.rateAt(event.clientX - box.left);
    if (eta !== undefined) setRate(Number(eta.toPrecision(3)));
  });

  /** Advances the network sweep for the selected run's kind; whether it did work. */
  function networkWork() {
    const kind = session.kind(selected());
    if (state.networkKind !== kind) {
      session.startNetworkSweep(kind, NETWORK_POINTS);
      state.networkKind = kind;
    }
    const [done, total] = session.networkProgress();
    if (done >= total) return false;
    // One η at least, then more while the next one (as long as the slowest so far) still fits.
    const began = performance.now();
    for (;;) {
      const at = performance.now();
      if (session.advanceNetworkSweep(1) === 0) break;
      state.perEta = Math.max(state.perEta, performance.now() - at);
      if (performance.now() - began + state.perEta > NETWORK_BUDGET_MS) break;
    }
    return true;
  }

  return {
    /** N, the steps each η of the landscape sweep takes. */
    get steps() {
      return state.steps;
    },
    /** The landscape, the start or the selected run changed. */
    outdated() {
      state.dirty = true;
    },
    /** Run `i` now has `kind`: the sweep is out of date if it is the selected run's and its kind changed. */
    kindSet(i, kind) {
      if (i === selected() && kind !== state.kind) state.dirty = true;
    },
    /** Brings the sweep up to date and draws it; whether its note may have changed. */
    draw() {
      if (state.dirty && !state.network) {
        state.cliff = session.computeSweep(selected(), state.steps);
        state.kind = session.kind(selected());
        state.dirty = false;
      }
      const worked = state.network && networkWork();
      const drawn = view.draw(session, state.network);
      return { drawn, noteChanged: worked || drawn };
    },
    /** The note under the chart: where the cliff is, or how far the network sweep has come. */
    note() {
      if (state.network) {
        const [done, total] = session.networkProgress();
        const cliff = session.networkCliff;
        if (done < total) return t('compare_network_progress', { done, total });
        return t(cliff === undefined ? 'compare_network_no_cliff' : 'compare_network_cliff', { eta: formatNumber(cliff ?? 0, 3) });
      }
      return t(state.cliff === undefined ? 'compare_sweep_no_cliff' : 'compare_sweep_cliff', {
        eta: formatNumber(state.cliff ?? 0, 3),
        critical: formatNumber(session.criticalLearningRate, 3),
        steps: state.steps,
      });
    },
    /** The sweep as the public state reports it. */
    state: () => ({ steps: state.steps, cliff: state.cliff ?? null, rates: [...session.sweepRates()] }),
    /** For the benchmarks: a sweep computed elsewhere, and a network sweep restarted elsewhere. */
    swept(cliff) {
      state.cliff = cliff;
    },
    networkRestarted() {
      state.networkKind = null;
    },
  };
}
