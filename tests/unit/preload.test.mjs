// The page preloads every module it imports (`<link rel="modulepreload">`
// in index.html), so the browser fetches them all at once instead of one
// import level at a time. This checks the list against the import graph.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every module reachable from `entry` by static imports, as paths relative to the project. */
export function importGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    const path = relative(ROOT, file);
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      if (spec.startsWith('.')) visit(normalize(join(dirname(file), spec)));
    }
  };
  visit(join(ROOT, entry));
  return seen;
}

test('index.html preloads exactly the modules main.js imports', () => {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  const graph = importGraph('www/main.js');
  graph.delete('www/main.js');
  const missing = [...graph].filter((m) => !preloaded.has(m)).sort();
  const extra = [...preloaded].filter((m) => !graph.has(m)).sort();
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
});
