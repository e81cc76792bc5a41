// The program beside the loop: the PyTorch script of the current settings
// (written by the core, `export::pytorch::script`, through the session), its
// lines of the flowchart's current stage lit. "Copy code" copies all of it,
// in float32 (the chapter's) or float64.

import { copyFrom } from '../../shell/share.js';

/**
 * Which lines belong to a stage, read from the script's own text (so any
 * layout the exporter writes is followed): each stage's lines are those
 * that `match`, or for `init` the run from `model = SimpleNN()` to the
 * `optimizer = …` line.
 */
const STAGE_LINES = {
  forward: (line) => /^\s*\w+ = model\(/.test(line),
  loss: (line) => /^\s*loss = criterion\(/.test(line),
  backward: (line) => /^\s*(optimizer\.zero_grad\(\)|loss\.backward\(\))\s*$/.test(line),
  update: (line) => /^\s*optimizer\.step\(\)\s*$/.test(line),
  check: (line) => /^\s*(if \(epoch \+ 1\) %|print\(f'Epoch )/.test(line),
};
STAGE_LINES.done = STAGE_LINES.check;

/** The line numbers (from 0) of each stage in `lines`. */
export function stageLines(lines) {
  const out = Object.fromEntries(Object.keys(STAGE_LINES).map((stage) => [stage, []]));
  lines.forEach((line, i) => {
    for (const [stage, match] of Object.entries(STAGE_LINES)) if (match(line)) out[stage].push(i);
  });
  const start = lines.findIndex((line) => line.startsWith('model = SimpleNN()'));
  const end = lines.findIndex((line) => line.startsWith('optimizer = '));
  out.init = start >= 0 && end >= start ? Array.from({ length: end - start + 1 }, (_, k) => start + k) : [];
  return out;
}

export function codeMarkup() {
  return `
<section class="panel training-code-panel" aria-labelledby="training-code-title">
  <div class="training-code-head">
    <h2 class="panel-title" id="training-code-title" data-i18n="training_code_title"></h2>
    <label class="training-code-dtype"><input type="checkbox" id="training-code-f64"> <span data-i18n="training_code_float64"></span></label>
    <button type="button" id="training-code-copy" data-i18n="training_code_copy"></button>
  </div>
  <p class="training-code-note" data-i18n="training_code_note"></p>
  <pre class="training-script" id="training-script" tabindex="0" aria-labelledby="training-code-title"><code></code></pre>
</section>`;
}

/** The code panel under `root`; `source(float64)` gives the script's text. */
export function codePanel(root, source) {
  const pre = root.querySelector('#training-script');
  const code = pre.querySelector('code');
  const float64 = root.querySelector('#training-code-f64');
  const copy = root.querySelector('#training-code-copy');
  let text = '';
  let stale = true;
  let lines = [];
  let stages = {};
  let lit = '';
  let nodes = [];

  function render() {
    text = source(float64.checked);
    lines = text.replace(/\n$/, '').split('\n');
    stages = stageLines(lines);
    nodes = lines.map((line) => {
      const node = document.createElement('span');
      node.className = 'code-line';
      node.textContent = `${line}\n`;
      return node;
    });
    code.replaceChildren(...nodes);
    stale = false;
    lit = '';
  }

  /** Lights `stage`'s lines (with `running`, all of the loop's), scrolling the first into view inside the panel. */
  function light(stage, running) {
    const key = `${stage}/${running}`;
    if (key === lit) return;
    lit = key;
    const on = new Set(running ? ['forward', 'loss', 'backward', 'update'].flatMap((s) => stages[s]) : (stages[stage] ?? []));
    nodes.forEach((node, i) => node.classList.toggle('lit', on.has(i)));
    const first = Math.min(...on);
    if (Number.isFinite(first) && !running) {
      const node = nodes[first];
      const top = node.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top + node.offsetHeight > pre.scrollTop + pre.clientHeight) pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
    }
  }

  float64.addEventListener('change', () => {
    stale = true;
  });
  copy.addEventListener('click', async () => {
    if (stale) render();
    copy.dataset.copied = text;
    await copyFrom(copy, text, { copied: 'training_code_copied', failed: 'training_code_not_copied', idle: 'training_code_copy' });
  });

  return {
    /** The settings (or η) changed: the script is written again at the next update. */
    invalidate() {
      stale = true;
    },
    /** Rewrites the script if it is stale and lights the stage. */
    update(stage, running) {
      if (stale) render();
      light(stage, running);
    },
    text: () => {
      if (stale) render();
      return text;
    },
    /** The text of the lit lines, for tests. */
    litLines: () => nodes.filter((n) => n.classList.contains('lit')).map((n) => n.textContent.replace(/\n$/, '')),
  };
}
