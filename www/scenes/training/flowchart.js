// The chapter's flowchart (3.4.1) as an SVG: initialise → forward → loss →
// backward → update → "loss small enough?" → (no) forward / (yes) done.
// The current stage gets aria-current="step", an outline, a fill and a dot;
// at high speeds the loop's stages are all marked "running" instead.

/** The stages in the order one epoch visits them. */
export const LOOP_STAGES = ['forward', 'loss', 'backward', 'update', 'check'];
const STAGES = ['init', ...LOOP_STAGES, 'done'];

/**
 * Two geometries with the same elements in the same order. "wide" (a screen):
 * two rows of four in a 420 × 168 view box. "tall" (projector mode, where
 * the words are 20 px and up): three rows of three in 420 × 188, boxes wide
 * enough for "gradient descent" at that size, the decision a hexagon wide
 * enough for "Small enough?".
 */
const GEOMETRY = {
  wide: (() => {
    const col = [54, 158, 262, 366];
    const row = [36, 126];
    const box = { w: 48, h: 25 };
    const nodes = {
      init: [col[0], row[0], box],
      forward: [col[1], row[0], box],
      loss: [col[2], row[0], box],
      backward: [col[3], row[0], box],
      update: [col[3], row[1], box],
      check: [col[1] + 30, row[1], { w: 58, h: 34 }],
      done: [col[0] - 6, row[1], { w: 42, h: 25 }],
    };
    const [ix, iy] = nodes.init;
    const [fx, fy] = nodes.forward;
    const [lx] = nodes.loss;
    const [bx, by] = nodes.backward;
    const [ux, uy] = nodes.update;
    const [cx, cy] = nodes.check;
    const [dx] = nodes.done;
    const { w, h } = box;
    return {
      width: 420,
      height: 168,
      nodes,
      check: 'diamond',
      text: (stage, y) => ({ name: y - 2, sub: stage === 'check' ? y + 11 : y + 13 }),
      edges: {
        init: `M${ix + w} ${iy}H${fx - w - 2}`,
        forward: `M${fx + w} ${fy}H${lx - w - 2}`,
        loss: `M${lx + w} ${fy}H${bx - w - 2}`,
        backward: `M${bx} ${by + h}V${uy - h - 2}`,
        update: `M${ux - w} ${uy}H${cx + 58 + 2}`,
        no: `M${cx} ${cy - 34}V${fy + h + 2}`,
        yes: `M${cx - 58} ${cy}H${dx + 42 + 2}`,
      },
      labels: {
        no: { x: cx + 6, y: (cy - 34 + fy + h) / 2 + 4, anchor: 'start' },
        yes: { x: (cx - 58 + dx + 42) / 2, y: cy - 6, anchor: 'middle' },
      },
    };
  })(),
  tall: (() => {
    // Columns 8–116, 142–242, 268–412; rows 8–54, 70–116, 138–184.
    const col = [62, 192, 340];
    const row = [31, 93, 161];
    const h = 23;
    const nodes = {
      init: [col[0], row[0], { w: 54, h }],
      forward: [col[1], row[0], { w: 50, h }],
      loss: [col[2], row[0], { w: 72, h }],
      backward: [col[2], row[1], { w: 72, h }],
      update: [col[2], row[2], { w: 72, h }],
      check: [168, row[2], { w: 82, h }],
      done: [col[0], row[1], { w: 54, h }],
    };
    const top = (stage) => nodes[stage][1] - h;
    const bottom = (stage) => nodes[stage][1] + h;
    const left = (stage) => nodes[stage][0] - nodes[stage][2].w;
    const right = (stage) => nodes[stage][0] + nodes[stage][2].w;
    const yesX = 108;
    return {
      width: 420,
      height: 188,
      nodes,
      check: 'hexagon',
      text: (stage, y) => ({ name: y - 3.5, sub: y + 14.5 }),
      edges: {
        init: `M${right('init')} ${row[0]}H${left('forward') - 2}`,
        forward: `M${right('forward')} ${row[0]}H${left('loss') - 2}`,
        loss: `M${col[2]} ${bottom('loss')}V${top('backward') - 2}`,
        backward: `M${col[2]} ${bottom('backward')}V${top('update') - 2}`,
        update: `M${left('update')} ${row[2]}H${right('check') + 2}`,
        no: `M${col[1]} ${top('check')}V${bottom('forward') + 2}`,
        yes: `M${yesX} ${top('check')}V${bottom('done') + 2}`,
      },
      labels: {
        no: { x: col[1] + 7, y: (top('check') + bottom('forward')) / 2 + 5, anchor: 'start' },
        yes: { x: yesX - 6, y: top('check') - 4, anchor: 'end' },
      },
    };
  })(),
};

/** The hexagon's pointed ends, in view-box units. */
const POINT = 16;

function edge(id, g, { label } = {}) {
  const text = label && g.labels[id]
    ? `<text class="edge-label" x="${g.labels[id].x}" y="${g.labels[id].y}" text-anchor="${g.labels[id].anchor}" data-i18n="${label}"></text>`
    : '';
  return `<path class="edge" data-edge="${id}" d="${g.edges[id]}" marker-end="url(#training-arrow)" />${text}`;
}

function edges(g) {
  return [
    edge('init', g),
    edge('forward', g),
    edge('loss', g),
    edge('backward', g),
    edge('update', g),
    edge('no', g, { label: 'training_no' }),
    edge('yes', g, { label: 'training_yes' }),
  ].join('');
}

function node(stage, g) {
  const [x, y, { w, h }] = g.nodes[stage];
  const hexagon = g.check === 'hexagon';
  let shape;
  let here;
  if (stage !== 'check') {
    shape = `<rect class="shape" x="${x - w}" y="${y - h}" width="${2 * w}" height="${2 * h}" rx="9" />`;
    here = [x - w + 12, y - h];
  } else if (hexagon) {
    shape = `<path class="shape" d="M${x - w} ${y}L${x - w + POINT} ${y - h}H${x + w - POINT}L${x + w} ${y}L${x + w - POINT} ${y + h}H${x - w + POINT}Z" />`;
    here = [x - w + POINT + 10, y - h];
  } else {
    shape = `<path class="shape" d="M${x} ${y - h}L${x + w} ${y}L${x} ${y + h}L${x - w} ${y}Z" />`;
    here = [x, y - h + 11];
  }
  const text = g.text(stage, y);
  return `<g class="stage" data-stage="${stage}" role="listitem">
    ${shape}
    <circle class="here" cx="${here[0]}" cy="${here[1]}" r="4.5" />
    <text class="name" x="${x}" y="${text.name}" text-anchor="middle" data-i18n="training_stage_${stage}"></text>
    <text class="sub" x="${x}" y="${text.sub}" text-anchor="middle"${stage === 'check' ? '' : ` data-i18n="training_stage_${stage}_sub"`}></text>
  </g>`;
}

function build(kind) {
  const g = GEOMETRY[kind];
  return `
<svg class="flowchart" viewBox="0 0 ${g.width} ${g.height}" data-layout="${kind}" role="list" data-i18n-aria-label="training_flowchart">
  <defs>
    <marker id="training-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0 0L10 5L0 10z" />
    </marker>
  </defs>
  ${edges(g)}
  ${STAGES.map((stage) => node(stage, g)).join('')}
</svg>`;
}

export const FLOWCHART = build('wide');

/** The attributes that differ between the geometries. */
const GEOMETRY_ATTRIBUTES = ['viewBox', 'data-layout', 'd', 'x', 'y', 'width', 'height', 'cx', 'cy', 'text-anchor'];

/**
 * Gives `svg` the geometry `kind` in place (the words, the marks and the
 * accessible names stay): the elements of both geometries match one to one.
 */
function layOut(svg, kind) {
  if (svg.dataset.layout === kind) return;
  const fresh = new DOMParser().parseFromString(build(kind), 'image/svg+xml').documentElement;
  const mine = [svg, ...svg.querySelectorAll('*')];
  const theirs = [fresh, ...fresh.querySelectorAll('*')];
  theirs.forEach((el, i) => {
    for (const name of GEOMETRY_ATTRIBUTES) {
      if (el.hasAttribute(name)) mine[i].setAttribute(name, el.getAttribute(name));
    }
  });
}

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
  // Projector mode (class "present" on <html>, on and off with P) takes the tall geometry.
  const html = document.documentElement;
  const fit = () => layOut(svg, html.classList.contains('present') ? 'tall' : 'wide');
  fit();
  const observer = new MutationObserver(() => (svg.isConnected ? fit() : observer.disconnect()));
  observer.observe(html, { attributes: true, attributeFilter: ['class'] });
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
