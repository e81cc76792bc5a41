// Wide formulas scroll sideways in narrow panels. A region that scrolls must
// be reachable by keyboard, so each joins the tab order only while it
// overflows (a formula that fits adds no tab stop).

/**
 * Watches `nodes`; returns `check()`, to call after their content changed
 * (new numbers can widen a formula without resizing its box).
 */
export function keyboardScroll(nodes) {
  const fit = (node) => {
    if (node.scrollWidth > node.clientWidth + 1) {
      if (node.tabIndex !== 0) node.tabIndex = 0;
    } else if (node.hasAttribute('tabindex')) {
      node.removeAttribute('tabindex');
    }
  };
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) fit(entry.target);
  });
  for (const node of nodes) observer.observe(node);
  return () => {
    for (const node of nodes) fit(node);
  };
}
