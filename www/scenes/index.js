// The scene table: every scene, in the chapter's order. Adding a scene is
// one entry here (see ARCHITECTURE.md, "Adding a scene").

import { scene as loss } from './loss/index.js';
import { scene as descent } from './descent/index.js';
import { scene as backprop } from './backprop/index.js';
import { scene as training } from './training/index.js';
import { scene as compare } from './compare/index.js';

/** @type {import('../kit/scene.js').SceneDefinition[]} */
export const SCENES = [loss, descent, backprop, training, compare];

/** The scene called `name` (its own name or an alias), or undefined. Only own names count: `toString` is no scene. */
export function findScene(name) {
  if (typeof name !== 'string') return undefined;
  return SCENES.find((scene) => scene.name === name || (scene.aliases ?? []).includes(name));
}
