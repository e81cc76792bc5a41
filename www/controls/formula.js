// A formula box, shared by every scene that takes a typed loss formula: its
// address field, its markup and its inline error — the formula echoed with
// the character at fault marked, and what is wrong in the page's language.
// User text is only ever set as text, never as markup, and only ever parsed
// by the core.

import { t } from '../i18n.js';

/** The longest formula a link may carry (and the box takes). */
export const MAX_FORMULA = 200;

/** The address field `formula`: any text up to MAX_FORMULA characters. */
export const formulaField = {
  parse: (text) => (typeof text === 'string' && text.length <= MAX_FORMULA ? text : undefined),
  fallback: undefined,
};

/**
 * The box's markup: a labelled text input `id`, its hint `id-hint` (i18n key
 * `hint`) and its error `id-error`.
 */
export function formulaMarkup({ id, label, hint, className, control }) {
  return `
      <div class="control formula-box ${className}" data-control="${control}">
        <label for="${id}" data-i18n="${label}"></label>
        <input type="text" id="${id}" spellcheck="false" autocomplete="off" autocapitalize="off" maxlength="${MAX_FORMULA}" aria-describedby="${id}-error ${id}-hint">
        <p class="control-hint" id="${id}-hint" data-i18n="${hint}"></p>
        <div class="formula-error" id="${id}-error" role="alert" hidden>
          <code class="formula-echo"><span class="before"></span><mark class="at"></mark><span class="after"></span></code>
          <span class="message"></span>
        </div>
      </div>`;
}

/** The error display of the box whose input is `input` (its box is `#<input id>-error`). */
export function formulaError(root, input) {
  const box = root.querySelector(`#${input.id}-error`);
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
    parts.message.textContent = t(`formula_error_${error.code}`, {
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
