// The scene's settings: the slider stops, speeds and thresholds, how the
// address is read, and the status strip's icons.

import { integerIn, numberIn } from '../../kit/fields.js';

/** The learning rates the slider stops at. */
export const RATES = [0.001, 0.002, 0.003, 0.005, 0.007, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1];
/**
 * The first stop at which the chapter's network (seed 42) diverges, from its
 * start or after any number of epochs at η = 0.01: at 0.03 it oscillates
 * (its loss wanders between about 5 and 90 over 1 000 epochs), from 0.04 on
 * the loss overflows within a dozen epochs (tests/e2e/training.test.mjs).
 */
export const DIVERGING_RATE = 0.04;
/** Epochs per second. The default prints the first `Epoch 20` line after a second and runs the chapter's 100 epochs in five; 2 and below walk each epoch through the flowchart. */
export const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
export const DEFAULT_SPEED = 20;
/** Up to this speed each epoch walks through the flowchart's stages. */
export const STAGED_UP_TO = 2;
export const THRESHOLDS = [1.2, 1, 0.9, 0.8, 0.75];
export const DEFAULT_THRESHOLD = 0.8;
export const CHAPTER_SEED = 42;
/** The most epochs one frame may run (the kit also keeps to its time budget). */
export const MAX_EPOCHS_PER_FRAME = 2000;
/** The network diagram is redrawn at most this often while a run plays (ms): rarely enough that its frames stay out of the frames' p95. */
export const DIAGRAM_EVERY_MS = 1000;
/** Where in an epoch's cycle (0 → 1) its update happens: the 4th of 5 stages. */
export const UPDATE_AT = 0.6;

export const STATUS_ICONS = {
  ready: '<circle cx="12" cy="12" r="8" /><path d="M10 8.5l5 3.5-5 3.5z" />',
  training: '<path d="M20 12a8 8 0 1 1-3-6.2" /><path d="M17 2.5v4h-4" />',
  paused: '<path d="M9 6v12M15 6v12" />',
  done: '<path d="M5 12.5l4.5 4.5L19 7" />',
  diverging: '<path d="M12 3l10 18H2z" /><path d="M12 10v5M12 17.5v.5" />',
};
// The shared .regime colours: blue (in progress), green (done), red (diverging).
export const STATUS_REGIME = { ready: 'too_slow', training: 'too_slow', paused: 'too_slow', done: 'converging', diverging: 'diverging' };

/** Digits as superscripts, for 10ⁿ. */
export const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The fit chart's words: chart key → i18n key. */
export const FIT_WORDS = { x_axis: 'training_x_axis', y_axis: 'training_y_axis', data: 'training_legend_data', network: 'training_legend_network', initial: 'training_legend_initial', off_chart: 'chart_off_chart' };

const positive = numberIn(1e-6, 1e6);

/** The threshold from the address: 'off' or a positive number. */
export function parseThreshold(text) {
  return text === 'off' ? 'off' : positive(text);
}

/** A seed from the address: a whole number from 0 to 999999. */
export const parseSeed = integerIn(0, 999999);

/** η from the address: a finite number in [0, 10]. */
export const parseLearningRate = numberIn(0, 10);
