// Shareable links: the scene's settings plus the page's own (language,
// projector mode, embedding) in the address.

import { t } from '../i18n.js';

/** The address that reopens this exact view; `sceneSettings` are the scene's [name, text] pairs. */
export function shareLink({ scene, lang, present, embed, hide, lock }, sceneSettings) {
  const params = new URLSearchParams({ scene });
  for (const [name, text] of sceneSettings) params.set(name, text);
  params.set('lang', lang);
  if (present) params.set('present', '1');
  if (embed) params.set('embed', '1');
  if (hide?.length) params.set('hide', hide.join(','));
  if (lock?.length) params.set('lock', lock.join(','));
  return `${location.origin}${location.pathname}?${params}`;
}

/**
 * Copies `text` and has `button` say so for 2.5 s: i18n key `copied`, or
 * `failed` where nothing could be copied; then `idle` again.
 */
export async function copyFrom(button, text, { copied, failed, idle }) {
  const done = await copyText(text);
  button.textContent = t(done ? copied : failed);
  setTimeout(() => {
    button.textContent = t(idle);
  }, 2500);
}

/** Copies `text`; falls back to a selected text field where the clipboard is refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.append(field);
    field.select();
    const done = document.execCommand?.('copy') ?? false;
    field.remove();
    return done;
  }
}
