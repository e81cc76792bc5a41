// Links that replay a run: a scene with `progress` and `replay` in its
// definition (3.2 and 3.4: the step count and η) carries in its link the
// values the replayed setting had before (`history=until:value,…`), so a
// reopened link takes the same steps with the same values and shows the
// same picture. The kit keeps one replay per scene (kit/scene.js).

import { integerIn } from './fields.js';

/** The most changes of the replayed setting a link remembers. */
export const MAX_HISTORY = 64;

/**
 * The address field `history` for the setting `field`: `until:value` pairs,
 * `until` strictly rising and at most `maxSteps`. Refused (undefined) if
 * any pair is.
 */
export function historyField(field, maxSteps) {
  const until = integerIn(1, maxSteps);
  return {
    parse(text) {
      const pairs = text.split(',');
      if (pairs.length > MAX_HISTORY) return undefined;
      const out = [];
      for (const pair of pairs) {
        const [at, value, extra] = pair.split(':');
        const entry = { until: until(at ?? ''), value: value === undefined ? undefined : field.parse(value) };
        if (extra !== undefined || entry.until === undefined || entry.value === undefined) return undefined;
        if (out.length && entry.until <= out.at(-1).until) return undefined;
        out.push(entry);
      }
      return out;
    },
    write: (entries) => entries.map(({ until: at, value }) => `${at}:${field.write ? field.write(value) : String(value)}`).join(','),
    fallback: [],
  };
}

/**
 * The replay of the setting `name` for a scene instance (`scene()` gives the
 * current one: `progress()`, `values()`, `set(name, value)`).
 */
export function replay(name, scene) {
  /**
   * The setting's past: `history` holds the values earlier steps used (each
   * up to its `until`); `used` is the value the latest steps used, since
   * step `since`; `seen` the progress at the last look.
   */
  const past = { history: [], used: undefined, since: 0, seen: 0 };
  /** A link's replay still to come: at step `at`, the setting becomes `value`. */
  let schedule = [];

  return {
    /** Notes which value the next steps use (call before they are taken, and after any change). */
    track() {
      const at = scene().progress();
      const value = scene().values()[name];
      if (at === 0 || at < past.seen) Object.assign(past, { history: [], used: value, since: at });
      else if (value !== past.used) {
        if (at > past.since) past.history.push({ until: at, value: past.used });
        if (past.history.length > MAX_HISTORY) past.history.shift();
        past.used = value;
        past.since = at;
      }
      past.seen = at;
    },

    /** The history as a link carries it now. */
    now() {
      const at = scene().progress();
      if (at === 0 || at < past.seen) return [];
      const history = [...past.history];
      if (scene().values()[name] !== past.used && at > past.since) history.push({ until: at, value: past.used });
      return history.slice(-MAX_HISTORY);
    },

    /** Replays a link's `history`, ending at `last`: the first value now, each later one at its step. */
    start(history, last) {
      scene().set(name, history[0].value);
      schedule = history.map(({ until }, i) => ({ at: until, value: history[i + 1]?.value ?? last }));
    },

    /** Sets what is due by now; returns how many steps may be taken before the next change (Infinity: none to come). */
    due() {
      const at = scene().progress();
      while (schedule.length && at >= schedule[0].at) scene().set(name, schedule.shift().value);
      return schedule.length ? schedule[0].at - at : Infinity;
    },
  };
}
