// The console panel: the chapter's `Epoch N, Loss: …` lines as the run
// prints them, plus comment lines for what the page has to say (training
// complete, diverging). Only new lines cross from Rust each frame.

import { t } from '../../i18n.js';
import { formatNumber } from '../../format.js';

/** The most lines kept on the page; older ones scroll away. */
const MAX_LINES = 200;

export function consolePanel(panel) {
  // The lines sit in one box at the panel's end: the panel scrolls from its
  // end (CSS column-reverse), so the newest line shows without a forced layout.
  const node = panel.querySelector('.training-console-lines');
  let printedUpTo = 0;
  /** How each line is worded, so a language switch can reword it. */
  const wording = new WeakMap();

  function append(kind, words) {
    const line = document.createElement('span');
    line.className = `line line-${kind}`;
    wording.set(line, words);
    line.textContent = words();
    node.append(line);
    while (node.childElementCount > MAX_LINES) node.firstElementChild.remove();
  }

  return {
    /** Appends the session's lines printed since the last call. */
    update(session) {
      const lines = session.consoleSince(printedUpTo);
      for (const { epoch, loss, text } of lines) {
        printedUpTo = epoch;
        if (text) append('epoch', () => text);
        // Losses too big for {:.4}, or overflowed, are worded by format.js: never "inf".
        else append('epoch line-overflow', () => `Epoch ${epoch}, Loss: ${formatNumber(loss)}`);
      }
    },
    /** A comment line in the page's language, e.g. "# training complete". */
    note(key, vars) {
      append('note', () => `# ${t(key, vars)}`);
    },
    clear() {
      node.replaceChildren();
      printedUpTo = 0;
    },
    relabel() {
      for (const line of node.children) line.textContent = wording.get(line)?.() ?? line.textContent;
    },
    /** The chapter's lines on the page, in order. */
    epochLines() {
      return [...node.querySelectorAll('.line-epoch')].map((n) => n.textContent);
    },
  };
}
