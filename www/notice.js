// The page's two message strips: a dismissible notice and the fatal-error banner.

export function showNotice(message) {
  const notice = document.getElementById('notice');
  if (!notice) return;
  notice.querySelector('[data-detail]').textContent = message;
  notice.hidden = false;
}

export function showFatal(message) {
  const fatal = document.getElementById('fatal');
  if (!fatal) return;
  fatal.querySelector('[data-detail]').textContent = message;
  fatal.hidden = false;
}

export function wireMessageStrips() {
  document.querySelector('#notice [data-dismiss]')?.addEventListener('click', () => {
    document.getElementById('notice').hidden = true;
  });
  document.querySelector('#fatal [data-reload]')?.addEventListener('click', () => location.reload());
}
