// Embedding in course pages: `?embed=1` drops the page chrome; `hide=` and
// `lock=` hide or freeze named controls (elements marked `data-control`).

/** Names in a comma list, each a plain word; anything else is refused. */
export function controlList(text) {
  if (text === '') return [];
  const names = text.split(',').map((n) => n.trim());
  return names.every((n) => /^[a-z][a-z0-9-]{0,31}$/.test(n)) ? names : undefined;
}

export function applyEmbedding(root, { embed, hide, lock }) {
  document.documentElement.classList.toggle('embed', Boolean(embed));
  for (const name of hide) {
    for (const el of root.querySelectorAll(`[data-control="${name}"]`)) el.hidden = true;
  }
  for (const name of lock) {
    for (const el of root.querySelectorAll(`[data-control="${name}"]`)) {
      for (const input of el.matches('input, select, button') ? [el] : el.querySelectorAll('input, select, button')) {
        input.disabled = true;
        input.dataset.locked = 'true';
      }
    }
  }
}
