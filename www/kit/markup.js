// The markup every scene page shares: the section with its heading and
// intro, a control's label row, the thought question at the end. Words come
// from i18n.js through data-i18n; ids and keys start with the scene's name.

/**
 * A scene's section: heading `${name}_heading`, intro `${name}_intro`, then
 * `body`. The section is labelled by its heading (`${name}-heading`).
 */
export function sceneMarkup(name, body) {
  return `
<section class="scene scene-${name}" aria-labelledby="${name}-heading">
  <div class="scene-head">
    <h1 id="${name}-heading" data-i18n="${name}_heading"></h1>
    <p class="intro" data-i18n="${name}_intro"></p>
  </div>${body}
</section>`;
}

/**
 * The thought question `${name}_question`, its answer folded under it:
 * `${name}_answer`, or an empty paragraph with id `answerId` that the scene
 * fills.
 */
export function questionMarkup(name, { answerId } = {}) {
  const answer = answerId ? `id="${answerId}"` : `data-i18n="${name}_answer"`;
  return `<details class="panel question">
    <summary data-i18n="${name}_question"></summary>
    <p ${answer}></p>
  </details>`;
}

/**
 * A control's label row: the label (i18n key `label`) for input `id` and
 * the output `${id}-value` that shows its value (`outputAttributes` added).
 */
export function controlLabel(id, label, outputAttributes = '') {
  const extra = outputAttributes ? ` ${outputAttributes}` : '';
  return `<div class="control-label">
          <label for="${id}" data-i18n="${label}"></label>
          <output id="${id}-value" for="${id}"${extra}></output>
        </div>`;
}
