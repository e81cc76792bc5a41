// Wide formulas scroll sideways in narrow panels. A region that scrolls must
// be reachable by keyboard, so each joins the tab order only while it
// overflows (a formula that fits adds no tab stop).
//
// Overflow is read only where layout is already done: in a ResizeObserver's
// callback, which runs after the browser has laid out the frame. Never read
// after a write in the same frame, it forces a layout of its own (the frame
// would lay out twice). The observer watches each region (its box: a resize)
// and its content (the boxes that grow with the numbers in it: each `math`
// in the region, or the region's own children when it is a `math`). New
// numbers rewrite the content; a MutationObserver puts the new boxes under
// watch, and a box's first observation is reported after the next layout.

/** Whether `region` overflows sideways: it then takes a tab stop, else none. */
function fit(region) {
  if (region.scrollWidth > region.clientWidth + 1) {
    if (region.tabIndex !== 0) region.tabIndex = 0;
  } else if (region.hasAttribute('tabindex')) {
    region.removeAttribute('tabindex');
  }
}

/** The boxes inside `region` whose sizes follow its content. */
function contentOf(region) {
  const formulas = region.localName === 'math' ? [region] : [...region.querySelectorAll('math')];
  return formulas.flatMap((math) => [math, ...math.children]);
}

/**
 * Keeps each of `regions` in the tab order while, and only while, it
 * overflows, however its content or its size changes. Nothing to call per
 * frame; returns a function that stops watching.
 */
export function keyboardScroll(regions) {
  /** Every watched box → its region. */
  const regionOf = new Map();
  const resize = new ResizeObserver((entries) => {
    const touched = new Set();
    for (const entry of entries) {
      const region = regionOf.get(entry.target);
      if (region) touched.add(region);
    }
    for (const region of touched) fit(region);
  });

  /** Watches `region` and its current content; stops watching content that is gone. */
  function watch(region) {
    const now = new Set([region, ...contentOf(region)]);
    for (const [node, of] of regionOf) {
      if (of === region && !now.has(node)) {
        resize.unobserve(node);
        regionOf.delete(node);
      }
    }
    for (const node of now) {
      if (regionOf.has(node)) continue;
      regionOf.set(node, region);
      resize.observe(node);
    }
  }

  // Mutation records are delivered as a microtask: after the script that
  // rewrote the content, before layout; the new boxes are reported after it.
  const mutations = new MutationObserver((records) => {
    const touched = new Set();
    for (const record of records) {
      const region = regions.find((r) => r.contains(record.target));
      if (region) touched.add(region);
    }
    for (const region of touched) watch(region);
  });
  for (const region of regions) {
    watch(region);
    // A formula region's content is its children; another region's, the formulas anywhere in it.
    mutations.observe(region, { childList: true, subtree: region.localName !== 'math' });
  }
  return () => {
    mutations.disconnect();
    resize.disconnect();
    regionOf.clear();
  };
}
