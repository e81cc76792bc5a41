// The page shell: language, messages, projector mode, embedding, sharing and
// downloads around the scene named in the address.

import { LANGUAGES, language, pickLanguage, setLanguage, t } from './i18n.js';
import { showFatal, showNotice, wireMessageStrips } from './notice.js';
import { oneOf, readSettings } from './url.js';
import { applyEmbedding, controlList } from './shell/embed.js';
import { connectHost } from './shell/host.js';
import { copyText, shareLink } from './shell/share.js';
import { saveCsv, savePng } from './shell/export.js';
import * as lossFunctions from './scenes/loss-functions.js';
import * as gradientDescent from './scenes/gradient-descent.js';
import * as backprop from './scenes/backprop.js';
import * as trainingLoop from './scenes/training-loop.js';

/** The scenes by their `?scene=` name, in the chapter's order. */
const SCENES = { loss: lossFunctions, descent: gradientDescent, backprop, loop: trainingLoop };

const flag = (text) => (text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : undefined);

/** The wasm exports, whether trunk has already started them or will soon. */
function wasmBindings() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    addEventListener('TrunkApplicationStarted', () => resolve(window.wasmBindings), { once: true });
  });
}

/** Marks the current scene in the navigation; links keep the language and mode. */
function markCurrentScene(shell) {
  for (const link of document.querySelectorAll('.scenes a[data-scene]')) {
    const params = new URLSearchParams({ scene: link.dataset.scene, lang: language() });
    if (shell.present) params.set('present', '1');
    link.href = `?${params}`;
    if (link.dataset.scene === shell.scene) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function reportFailure(error) {
  const message = error && error.message ? error.message : String(error);
  showFatal(message);
}

function setPresent(shell, mounted, on) {
  shell.present = on;
  document.documentElement.classList.toggle('present', on);
  document.getElementById('present-toggle').setAttribute('aria-pressed', String(on));
  mounted.setPresent?.(on);
  markCurrentScene(shell);
}

async function boot() {
  wireMessageStrips();
  addEventListener('error', (event) => reportFailure(event.error ?? event.message));
  addEventListener('unhandledrejection', (event) => reportFailure(event.reason));

  const params = new URLSearchParams(location.search);
  const { settings: shell, refused } = readSettings(params, {
    lang: { parse: oneOf(LANGUAGES), fallback: undefined },
    scene: { parse: oneOf(Object.keys(SCENES)), fallback: 'descent' },
    present: { parse: flag, fallback: false },
    embed: { parse: flag, fallback: false },
    hide: { parse: controlList, fallback: [] },
    lock: { parse: controlList, fallback: [] },
  });
  setLanguage(pickLanguage(shell.lang, navigator.languages));
  document.documentElement.classList.toggle('embed', shell.embed);
  markCurrentScene(shell);

  const root = document.getElementById('scene');
  const busy = document.createElement('p');
  busy.className = 'loading';
  busy.textContent = t('loading');
  root.append(busy);

  const wasm = await wasmBindings();
  busy.remove();
  const mounted = SCENES[shell.scene].mount(root, wasm, params);
  applyEmbedding(root, shell);
  setPresent(shell, mounted, shell.present);

  const problems = [...refused, ...(mounted.refused ?? [])];
  const notify = () => {
    if (problems.length) showNotice(t('notice_refused', { names: problems.join(', ') }));
  };
  notify();

  document.getElementById('lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    markCurrentScene(shell);
    mounted.relabel();
    notify();
  });
  document.getElementById('present-toggle').addEventListener('click', () => setPresent(shell, mounted, !shell.present));
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    // Not while typing; sliders, check boxes and buttons pass P on.
    if (event.target.closest?.('input:not([type=range]):not([type=checkbox]), select, textarea, [contenteditable]')) return;
    if (event.key === 'p' || event.key === 'P') {
      event.preventDefault();
      setPresent(shell, mounted, !shell.present);
    }
  });

  const copyButton = document.getElementById('copy-link');
  copyButton.addEventListener('click', async () => {
    const link = shareLink({ ...shell, lang: language() }, mounted.settings?.());
    const copied = await copyText(link);
    copyButton.textContent = t(copied ? 'link_copied' : 'link_not_copied');
    copyButton.dataset.link = link;
    setTimeout(() => {
      copyButton.textContent = t('copy_link');
    }, 2500);
  });

  const tools = document.getElementById('scene-tools');
  const charts = mounted.charts?.() ?? [];
  tools.hidden = shell.embed || (!charts.length && !mounted.csv);
  document.getElementById('save-png').hidden = !charts.length;
  document.getElementById('save-png').addEventListener('click', () => savePng(mounted.charts(), `descent-${shell.scene}.png`));
  document.getElementById('save-csv').hidden = !mounted.csv;
  document.getElementById('save-csv').addEventListener('click', () => saveCsv(mounted.csv(), `descent-${shell.scene}-loss.csv`));

  connectHost({
    scene: shell.scene,
    mounted,
    switchScene(name) {
      if (!(name in SCENES)) return;
      const next = new URLSearchParams({ scene: name, lang: language(), embed: shell.embed ? '1' : '0' });
      location.search = `?${next}`;
    },
  });

  // The scene's own handle (state(), step(), …) for host pages and tests.
  window.descent = { scene: shell.scene, ...mounted };
  document.documentElement.dataset.ready = 'true';
}

boot().catch(reportFailure);
