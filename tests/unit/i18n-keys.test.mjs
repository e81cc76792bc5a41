// Every i18n key the page's code uses exists in both languages, and every
// key in the tables is used somewhere. The code is read as text (www/**/*.js
// and index.html), looking for the ways keys are written:
//   t('key'…)  t(cond ? 'a' : 'b')  t(`prefix_${x}`)  log.note('key', …)
//   data-i18n="key"  data-i18n-aria-label="key"  data-i18n-title="key"
//   data-i18n="prefix_${x}"  chartMarkup('id', 'key')
//   word maps: const CHART_WORDS = { x_axis: 'loss_x_axis', … }
// A dynamic key (a template with ${…}) uses every table key it can match,
// and must match at least one.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

// DESCENT_ROOT points the test at another copy of the page (to try it on a changed copy).
const ROOT = process.env.DESCENT_ROOT || join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { STRINGS } = await import(pathToFileURL(join(ROOT, 'www', 'i18n.js')).href);

/** Every .js file under `dir`, recursively. */
function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Drops // and /* *\/ comments (roughly: enough that commented-out code is not a use). */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const KEY = String.raw`[A-Za-z][A-Za-z0-9_]*`;
// A quoted key: '…', "…" or a template literal without ${…}.
const QUOTED = String.raw`(['"\x60])(${KEY})\1`;
// A template literal that contains ${…} (one level of braces inside).
const TEMPLATE = String.raw`\x60((?:[^\x60$\\]|\$\{[^}]*\})*\$\{[^}]*\}(?:[^\x60$\\]|\$\{[^}]*\})*)\x60`;

/**
 * Scans one source text; returns { keys: [{ key, where }], patterns: [{ template, where }] }.
 * `keys` are static key names; `patterns` are templates like "descent_regime_${regime}".
 */
export function scan(source, where = 'source') {
  const text = stripComments(source);
  const keys = [];
  const patterns = [];
  const at = (index) => `${where}:${text.slice(0, index).split('\n').length}`;
  const addKey = (key, index) => keys.push({ key, where: at(index) });
  // A template that starts with ${…} forwards a key from elsewhere
  // (chartMarkup's data-i18n-aria-label="${label}"): its callers are scanned instead.
  const addPattern = (template, index) => {
    if (!template.startsWith('${')) patterns.push({ template, where: at(index) });
  };

  // t('key' …), note('key' …)
  for (const m of text.matchAll(new RegExp(String.raw`(?:(?<![\w.$])t|\.note)\(\s*${QUOTED}`, 'g'))) addKey(m[2], m.index);
  // t(`prefix_${x}` …), note(`…${x}`)
  for (const m of text.matchAll(new RegExp(String.raw`(?:(?<![\w.$])t|\.note)\(\s*${TEMPLATE}`, 'g'))) addPattern(m[1], m.index);
  // t(cond ? 'a' : 'b' …): the first argument holds a conditional with quoted branches.
  for (const m of text.matchAll(/(?:(?<![\w.$])t|\.note)\(([^(),]*?\?\s*(['"])[A-Za-z][A-Za-z0-9_]*\2\s*:\s*(['"])[A-Za-z][A-Za-z0-9_]*\3)/g)) {
    for (const q of m[1].matchAll(new RegExp(QUOTED, 'g'))) addKey(q[2], m.index);
  }
  // data-i18n="key", data-i18n-<attr>="key" (also with a ${…} part).
  for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?=(["'])([^"']*)\1/g)) {
    if (m[2].includes('${')) addPattern(m[2], m.index);
    else addKey(m[2], m.index);
  }
  // chartMarkup('id', 'key'), labelLossPlot(view, 'key')
  for (const m of text.matchAll(new RegExp(String.raw`(?:(?:chartMarkup|controlLabel)\(\s*(['"\x60])[^'"\x60]*\1|labelLossPlot\(\s*[\w.$]+)\s*,\s*(['"\x60])(${KEY})\2`, 'g'))) {
    addKey(m[3], m.index);
  }
  // Word maps: NAME_WORDS = { word: 'key', … } (objects only; arrays of chart words are not keys).
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9_]*WORDS\s*=\s*\{([^}]*)\}/g)) {
    for (const entry of m[1].matchAll(new RegExp(String.raw`[\w$]+\s*:\s*${QUOTED}`, 'g'))) addKey(entry[2], m.index);
  }
  // A scene's controls: { lr: { label: 'key', … } } (the notice that lists locked controls names them),
  // and a formula box's formulaMarkup({ label: 'key', hint: 'key', … }).
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:label|hint|title|copied|failed|idle)\s*:\s*${QUOTED}`, 'g'))) addKey(m[2], m.index);
  // kit/markup.js: a scene's heading and intro, its question and (unless the scene fills it) answer.
  for (const m of text.matchAll(new RegExp(String.raw`\bsceneMarkup\(\s*${QUOTED}`, 'g'))) {
    for (const part of ['heading', 'intro']) addKey(`${m[2]}_${part}`, m.index);
  }
  for (const m of text.matchAll(new RegExp(String.raw`\bquestionMarkup\(\s*${QUOTED}(\s*,\s*\{\s*answerId)?`, 'g'))) {
    addKey(`${m[2]}_question`, m.index);
    if (!m[3]) addKey(`${m[2]}_answer`, m.index);
  }
  return { keys, patterns };
}

/** A template like "a_${x}_b" as an anchored regular expression over keys. */
export function patternRegExp(template) {
  const parts = template.split(/\$\{[^}]*\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[A-Za-z0-9_]+')}$`);
}

/** Everything the page's code references. */
function scanProject() {
  const files = [...jsFiles(join(ROOT, 'www')), join(ROOT, 'index.html')];
  const keys = [];
  const patterns = [];
  for (const file of files) {
    let source = readFileSync(file, 'utf8');
    // i18n.js: the tables themselves are not uses (blanked, keeping line numbers); its code is.
    if (file.endsWith(join('www', 'i18n.js'))) {
      source = source.replace(/^export const STRINGS = \{[\s\S]*?^\};$/m, (tables) => tables.replace(/[^\n]/g, ''));
      assert.match(source, /export const LANGUAGES/, 'www/i18n.js still has its code after the tables');
    }
    const found = scan(source, relative(ROOT, file));
    keys.push(...found.keys);
    patterns.push(...found.patterns);
  }
  return { keys, patterns, files };
}

const project = scanProject();

test('the scan finds the page\'s keys (sanity: the patterns still match the code)', () => {
  assert.ok(project.files.length >= 10, `${project.files.length} files scanned`);
  assert.ok(project.keys.length > 150, `${project.keys.length} key uses found`);
  assert.ok(project.patterns.length >= 3, `${project.patterns.length} dynamic keys found`);
});

for (const lang of Object.keys(STRINGS)) {
  test(`every key the code uses exists in ${lang}`, () => {
    const table = STRINGS[lang];
    const missing = project.keys.filter(({ key }) => !Object.hasOwn(table, key)).map(({ key, where }) => `${key} (${where})`);
    const unmatched = project.patterns
      .filter(({ template }) => !Object.keys(table).some((key) => patternRegExp(template).test(key)))
      .map(({ template, where }) => `${template} (${where}): matches no key`);
    assert.deepEqual([...new Set([...missing, ...unmatched])], [], `keys used but missing from STRINGS.${lang}`);
  });
}

test('every key in the tables is used somewhere', () => {
  const used = new Set(project.keys.map(({ key }) => key));
  const regexps = project.patterns.map(({ template }) => patternRegExp(template));
  const all = new Set([...Object.keys(STRINGS.en), ...Object.keys(STRINGS.zh)]);
  const unused = [...all].filter((key) => !used.has(key) && !regexps.some((re) => re.test(key))).sort();
  assert.deepEqual(unused, [], 'keys in www/i18n.js that no code uses');
});

test('the scanner itself: each way of writing a key is recognised', () => {
  const sample = [
    "el.textContent = t('alpha_one');",
    "x = t(\"alpha_two\", { n: 1 });",
    "b.textContent = t(state.playing ? 'alpha_pause' : 'alpha_play');",
    "s = t(`beta_${regime}_detail`, vars);",
    "log.note('gamma_note', vars);",
    '<p data-i18n="delta_text"></p><canvas data-i18n-aria-label="delta_label" data-i18n-title="delta_title">',
    '<text data-i18n="epsilon_${stage}_sub"></text>',
    "${chartMarkup('some-canvas', 'zeta_canvas')}",
    'return `<canvas data-i18n-aria-label="${label}">`;',
    "const CHART_WORDS = { x_axis: 'eta_x', off_chart: 'eta_off' };",
    "const SCATTER_WORDS = ['x_axis', 'y_axis'];",
    "// t('commented_out')",
    "format(t, 'not_a_key'); at('not_a_key_either');",
  ].join('\n');
  const { keys, patterns } = scan(sample);
  assert.deepEqual(keys.map((k) => k.key).sort(), [
    'alpha_one', 'alpha_pause', 'alpha_play', 'alpha_two', 'delta_label', 'delta_text', 'delta_title',
    'eta_off', 'eta_x', 'gamma_note', 'zeta_canvas',
  ]);
  assert.deepEqual(patterns.map((p) => p.template).sort(), ['beta_${regime}_detail', 'epsilon_${stage}_sub']);
  assert.ok(patternRegExp('beta_${regime}_detail').test('beta_converging_detail'));
  assert.ok(!patternRegExp('beta_${regime}_detail').test('beta_converging'));
});
