// Live numbers for screen readers: one polite live region, at most one
// announcement every few seconds, only when the text changed.

const QUIET_MS = 3000;
let last = '';
let lastAt = 0;
let pending = null;

export function announce(text, { urgent = false } = {}) {
  const region = document.getElementById('announcer');
  if (!region || text === last) return;
  const wait = urgent ? 0 : Math.max(0, lastAt + QUIET_MS - performance.now());
  clearTimeout(pending);
  pending = setTimeout(() => {
    region.textContent = text;
    last = text;
    lastAt = performance.now();
  }, wait);
}
