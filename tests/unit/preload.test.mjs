// The page preloads every module it imports (a `<link rel="modulepreload">`
// each, added by index.html's starter script after the wasm's preload), so
// the browser fetches them all at once instead of one import level at a
// time. This checks the list against the import graph.

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
  const list = html.match(/var MODULES = \[([^\]]*)\]/);
  assert.ok(list, "index.html's starter has a MODULES list");
  const preloaded = new Set([...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
  assert.ok(preloaded.size > 20);
  const graph = importGraph('www/main.js');
  graph.delete('www/main.js');
  const missing = [...graph].filter((m) => !preloaded.has(m)).sort();
  const extra = [...preloaded].filter((m) => !graph.has(m)).sort();
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
});

test("index.html starts each scene's own wasm module, as its definition names it", async () => {
  // The starter runs before the modules: it keeps its own table, which must agree with the scenes'.
  const page = readFileSync(join(ROOT, 'index.html'), 'utf8');
  const table = page.match(/var OWN_MODULES = (\{[^}]*\});/);
  assert.ok(table, 'index.html has an OWN_MODULES table');
  const own = Function(`return ${table[1]};`)();
  // The scene table imports i18n.js and friends, which only read `document` lazily.
  const { SCENES } = await import(join(ROOT, 'www', 'scenes', 'index.js'));
  const expected = Object.fromEntries(SCENES.filter((s) => s.wasmModule).map((s) => [s.name, s.wasmModule]));
  assert.deepEqual(own, expected);
  assert.ok(Object.keys(expected).length > 0, 'the comparison has its own module');
  // Each is built: a rust link in index.html for its crate.
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  for (const name of Object.values(expected)) {
    const crate = name.replace(/^descent-/, 'crates/');
    assert.match(html, new RegExp(`<link data-trunk rel="rust" href="${crate}" data-type="worker" data-bindgen-target="web"`), name);
  }
});
