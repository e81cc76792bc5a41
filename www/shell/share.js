// Shareable links: the scene's settings plus the page's own (language,
// projector mode, embedding) in the address.

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
