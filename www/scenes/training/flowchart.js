// The chapter's flowchart (3.4.1) as an SVG: initialise → forward → loss →
// backward → update → "loss small enough?" → (no) forward / (yes) done.
// The current stage gets aria-current="step", an outline, a fill and a dot;
// at high speeds the loop's stages are all marked "running" instead.

/** The stages in the order one epoch visits them. */
export const LOOP_STAGES = ['forward', 'loss', 'backward', 'update', 'check'];
const STAGES = ['init', ...LOOP_STAGES, 'done'];

// Box centres in the 420 × 168 view box: two rows, four columns.
const COL = [54, 158, 262, 366];
const ROW = [36, 126];
const BOX = { w: 96, h: 50 };
const NODES = {
  init: [COL[0], ROW[0]],
  forward: [COL[1], ROW[0]],
  loss: [COL[2], ROW[0]],
  backward: [COL[3], ROW[0]],
  update: [COL[3], ROW[1]],
  check: [COL[1] + 30, ROW[1]],
  done: [COL[0] - 6, ROW[1]],
};

const half = (stage) => {
  if (stage === 'check') return { w: 58, h: 34 };
  if (stage === 'done') return { w: 42, h: BOX.h / 2 };
  return { w: BOX.w / 2, h: BOX.h / 2 };
};

function edge(id, d, label) {
  return `<path class="edge" data-edge="${id}" d="${d}" marker-end="url(#training-arrow)" />${label ?? ''}`;
}

function edges() {
  const [ix, iy] = NODES.init;
  const [fx, fy] = NODES.forward;
  const [lx] = NODES.loss;
  const [bx, by] = NODES.backward;
  const [ux, uy] = NODES.update;
  const [cx, cy] = NODES.check;
  const [dx] = NODES.done;
  const h = BOX.w / 2;
  return [
    edge('init', `M${ix + h} ${iy}H${fx - h - 2}`),
    edge('forward', `M${fx + h} ${fy}H${lx - h - 2}`),
    edge('loss', `M${lx + h} ${fy}H${bx - h - 2}`),
    edge('backward', `M${bx} ${by + BOX.h / 2}V${uy - BOX.h / 2 - 2}`),
    edge('update', `M${ux - h} ${uy}H${cx + 58 + 2}`),
    edge('no', `M${cx} ${cy - 34}V${fy + BOX.h / 2 + 2}`,
      `<text class="edge-label" x="${cx + 6}" y="${(cy - 34 + fy + BOX.h / 2) / 2 + 4}" data-i18n="training_no"></text>`),
    edge('yes', `M${cx - 58} ${cy}H${dx + 42 + 2}`,
      `<text class="edge-label" x="${(cx - 58 + dx + 42) / 2}" y="${cy - 6}" text-anchor="middle" data-i18n="training_yes"></text>`),
  ].join('');
}

function node(stage) {
  const [x, y] = NODES[stage];
  const { w, h } = half(stage);
  const shape = stage === 'check'
    ? `<path class="shape" d="M${x} ${y - h}L${x + w} ${y}L${x} ${y + h}L${x - w} ${y}Z" />`
    : `<rect class="shape" x="${x - w}" y="${y - h}" width="${2 * w}" height="${2 * h}" rx="9" />`;
  const subY = stage === 'check' ? y + 11 : y + 13;
  return `<g class="stage" data-stage="${stage}" role="listitem">
    ${shape}
    <circle class="here" cx="${stage === 'check' ? x : x - w + 12}" cy="${stage === 'check' ? y - h + 11 : y - h}" r="4.5" />
    <text class="name" x="${x}" y="${y - 2}" text-anchor="middle" data-i18n="training_stage_${stage}"></text>
    <text class="sub" x="${x}" y="${subY}" text-anchor="middle"${stage === 'check' ? '' : ` data-i18n="training_stage_${stage}_sub"`}></text>
  </g>`;
}

export const FLOWCHART = `
<svg class="flowchart" viewBox="0 0 420 168" role="list" data-i18n-aria-label="training_flowchart">
  <defs>
    <marker id="training-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0 0L10 5L0 10z" />
    </marker>
  </defs>
  ${edges()}
  ${STAGES.map(node).join('')}
</svg>`;

/**
 * Marks `stage` as current in the flowchart under `root`; with `running`
 * the loop's stages are all marked as running instead. Touches the DOM only
 * when something changed.
 */
export function flowchart(root) {
  const svg = root.querySelector('.flowchart');
  const nodes = Object.fromEntries(
    [...svg.querySelectorAll('.stage')].map((g) => [g.dataset.stage, g]),
  );
  const edgesById = Object.fromEntries(
    [...svg.querySelectorAll('.edge')].map((p) => [p.dataset.edge, p]),
  );
  let shown = '';
  return {
    mark(stage, running) {
      const key = `${stage}/${running}`;
      if (key === shown) return;
      shown = key;
      svg.classList.toggle('running', running);
      for (const [name, g] of Object.entries(nodes)) {
        const current = name === stage;
        g.classList.toggle('current', current);
        if (current) g.setAttribute('aria-current', 'step');
        else g.removeAttribute('aria-current');
      }
      edgesById.yes.classList.toggle('taken', stage === 'done');
      edgesById.no.classList.toggle('taken', running || stage === 'forward');
    },
    /**
     * After a language or threshold change: `checkWords` go under "loss small
     * enough?", and each stage's accessible name follows its visible words.
     */
    relabel(checkWords) {
      nodes.check.querySelector('.sub').textContent = checkWords;
      for (const g of Object.values(nodes)) {
        const words = [...g.querySelectorAll('text')].map((n) => n.textContent).filter(Boolean);
        g.setAttribute('aria-label', words.join(' — '));
      }
      shown = '';
    },
  };
}
