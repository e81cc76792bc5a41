// The formula box's inline error: the formula echoed with the character at
// fault marked, and what is wrong in the page's language. User text is only
// ever set as text, never as markup.

import { t } from '../../i18n.js';

/** The error display under `input`, inside `root`. */
export function formulaError(root, input) {
  const box = root.querySelector('#compare-formula-error');
  const parts = {
    before: box.querySelector('.before'),
    at: box.querySelector('.at'),
    after: box.querySelector('.after'),
    message: box.querySelector('.message'),
  };
  let last = null;

  function render() {
    if (!last) {
      box.hidden = true;
      input.removeAttribute('aria-invalid');
      return;
    }
    const { error, text } = last;
    const chars = [...text];
    const at = Math.min(error.position, chars.length);
    parts.before.textContent = chars.slice(0, at).join('');
    // At the end: a visible space to mark.
    parts.at.textContent = chars[at] ?? ' ';
    parts.after.textContent = chars.slice(at + 1).join('');
    parts.message.textContent = t(`compare_formula_error_${error.code}`, {
      position: at + 1,
      detail: error.detail ?? '',
    });
    box.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  }

  return {
    /** Shows `error` (a session's `{code, position, detail}`) for `text`, or hides it (null). */
    show(error, text = '') {
      last = error ? { error, text } : null;
      render();
    },
    relabel: render,
    get shown() {
      return last !== null;
    },
  };
}
