// Where in the loop an epoch is, for the flowchart (and the code panel) to
// mark: from the frames' clock while the run plays slowly, else the stage
// the run rests at.

import { LOOP_STAGES } from './flowchart.js';
import { STAGED_UP_TO, UPDATE_AT } from './settings.js';

/** A clock over `run` (the kit's `{playing, speed}`). */
export function loopClock(run) {
  /**
   * When the run started playing and when its last epoch ran (undefined:
   * none yet since it started), as the frames saw it.
   */
  const clock = { now: 0, playing: false, playAt: 0, epochAt: undefined };

  /**
   * Where in an epoch's cycle (0 → 1) the loop is, as it plays: each epoch
   * runs at UPDATE_AT, and the time since it ran walks on through check and
   * the next epoch's forward, loss and backward. Before the first epoch of a
   * play, forward → backward spread over the wait for it.
   */
  function cycle() {
    const perEpoch = 1000 / run.speed;
    if (!clock.playing) return 0;
    if (clock.epochAt === undefined) return UPDATE_AT * Math.min((clock.now - clock.playAt) / perEpoch, 1);
    return (UPDATE_AT + Math.min((clock.now - clock.epochAt) / perEpoch, 1)) % 1;
  }

  return {
    /** Follows the frames: when playing began, when the last epoch of the play ran. */
    follow({ now, taken, playing }) {
      clock.now = now;
      if (playing && !clock.playing) {
        clock.playAt = now;
        clock.epochAt = undefined;
      }
      if (playing && taken > 0) clock.epochAt = now;
      clock.playing = playing;
    },
    /** `session`'s stage, and whether the loop is too fast to follow stage by stage. */
    stage(session) {
      if (session.done) return ['done', false];
      if (run.playing && run.speed > STAGED_UP_TO) return ['', true];
      if (run.playing) {
        const at = Math.floor(cycle() * LOOP_STAGES.length);
        return [LOOP_STAGES[Math.min(at, LOOP_STAGES.length - 1)], false];
      }
      return [session.epochs === 0 ? 'init' : 'check', false];
    },
  };
}
