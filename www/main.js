// The page shell: language, messages, projector mode, embedding, sharing and
// downloads around the scene named in the address. Everything a scene
// shares with the others is in kit/; the scenes are in scenes/index.js.

import { LANGUAGES, language, pickLanguage, setLanguage, t } from './i18n.js';
import { showFatal, showNotice, wireMessageStrips } from './notice.js';
import { flag, nameList, oneOf, readSettings } from './kit/fields.js';
import { hostChannel, serveHost } from './kit/host.js';
import { mountScene } from './kit/scene.js';
import { findScene } from './scenes/index.js';
import { copyFrom, shareLink } from './shell/share.js';
import { saveCsv, savePng } from './shell/export.js';

// Listening starts at once: a host's messages sent before the scene is ready wait for it.
const channel = hostChannel();

/**
 * Imports and starts a wasm module's bindings: the page's (`js` and `wasm`
 * as trunk wrote them into the page, `window.descentModule`) or a scene's
 * own (`wasmModule` in kit/scene.js, its wasm beside its JS). A module that
 * does not arrive or does not start is a failed load, reported as boot.js
 * reports its own (in the page's language, and to a host).
 */
async function startModule(js, wasm) {
  const url = new URL(js, document.baseURI).href;
  try {
    // index.html has usually started it already, while this module's imports loaded.
    const early = window.descentStart;
    if (early && new URL(early.module.js, document.baseURI).href === url) return await early.promise;
    const bindings = await import(url);
    await bindings.default(wasm ? { module_or_path: new URL(wasm, document.baseURI) } : undefined);
    return bindings;
  } catch (error) {
    window.descentBoot?.fail('load', `${url} (${error && error.message ? error.message : error})`);
    throw Object.assign(new Error(String(error)), { boot: true });
  }
}

/** The bindings `definition` runs on: its own module's, else the page's. */
function sceneBindings(definition) {
  // This browser cannot run the page, and boot.js has said so.
  if (document.documentElement.dataset.failed) return Promise.reject(Object.assign(new Error('boot failed'), { boot: true }));
  if (definition.wasmModule) return startModule(`${definition.wasmModule}.js`);
  const page = window.descentModule;
  if (!page) return Promise.reject(new Error('the page has no wasm module (index.html was not built by trunk)'));
  return startModule(page.js, page.wasm);
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
  // A failed load has been reported already, in better words (boot.js).
  if (document.documentElement.dataset.failed) return;
  const message = error && error.message ? error.message : String(error);
  showFatal(message);
}

function setPresent(shell, handle, on) {
  shell.present = on;
  document.documentElement.classList.toggle('present', on);
  document.getElementById('present-toggle').setAttribute('aria-pressed', String(on));
  handle?.setPresent(on);
  markCurrentScene(shell);
}

/** How often the address bar may follow the view. */
const ADDRESS_EVERY_MS = 1000;

/** The page's own settings in the address (the scene's are the scene's). */
const SHELL = {
  lang: { parse: oneOf(LANGUAGES), fallback: undefined },
  scene: { parse: (text) => findScene(text)?.name, fallback: 'descent' },
  present: { parse: flag, fallback: false },
  embed: { parse: flag, fallback: false },
  hide: { parse: nameList, fallback: [] },
  lock: { parse: nameList, fallback: [] },
};

async function boot() {
  wireMessageStrips();
  addEventListener('error', (event) => reportFailure(event.error ?? event.message));
  addEventListener('unhandledrejection', (event) => reportFailure(event.reason));

  const params = new URLSearchParams(location.search);
  const { settings: shell, refused } = readSettings(params, SHELL);
  setLanguage(pickLanguage(shell.lang, navigator.languages));
  document.documentElement.classList.toggle('embed', shell.embed);
  markCurrentScene(shell);

  const root = document.getElementById('scene');
  const busy = document.createElement('p');
  busy.className = 'loading';
  busy.textContent = t('loading');
  root.append(busy);

  const definition = findScene(shell.scene);
  let wasm;
  try {
    wasm = await sceneBindings(definition);
    // For the benchmarks and a curious console.
    window.wasmBindings = wasm;
  } catch (error) {
    busy.remove();
    if (!error.boot) throw error;
    return;
  }
  busy.remove();
  const handle = mountScene(definition, { root, wasm, params, embedding: shell });
  setPresent(shell, handle, shell.present);

  const problems = [...refused, ...handle.refused];
  const notify = () => {
    const lines = [];
    if (problems.length) lines.push(t('notice_refused', { names: problems.join(', ') }));
    if (handle.locked.length) lines.push(t('notice_locked', { names: handle.locked.map((key) => t(key)).join(t('list_separator')) }));
    if (lines.length) showNotice(lines.join(' '));
  };
  notify();

  document.getElementById('lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    markCurrentScene(shell);
    handle.relabel();
    notify();
  });
  document.getElementById('present-toggle').addEventListener('click', () => setPresent(shell, handle, !shell.present));
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    // Not while typing; sliders, check boxes and buttons pass P on.
    if (event.target.closest?.('input:not([type=range]):not([type=checkbox]), select, textarea, [contenteditable]')) return;
    if (event.key === 'p' || event.key === 'P') {
      event.preventDefault();
      setPresent(shell, handle, !shell.present);
    }
  });

  const copyButton = document.getElementById('copy-link');
  copyButton.addEventListener('click', async () => {
    const link = shareLink({ ...shell, lang: language() }, handle.link());
    // What was copied, for tests and for a host that reads it, before the clipboard answers.
    copyButton.dataset.link = link;
    await copyFrom(copyButton, link, { copied: 'link_copied', failed: 'link_not_copied', idle: 'copy_link' });
  });

  const tools = document.getElementById('scene-tools');
  const charts = handle.charts();
  tools.hidden = shell.embed || (!charts.length && !handle.csv);
  document.getElementById('save-png').hidden = !charts.length;
  document.getElementById('save-png').addEventListener('click', () => savePng(handle.charts(), `descent-${shell.scene}.png`));
  document.getElementById('save-csv').hidden = !handle.csv;
  document.getElementById('save-csv').addEventListener('click', () => saveCsv(handle.csv(), `descent-${shell.scene}-loss.csv`));

  serveHost(channel, {
    scene: shell.scene,
    handle,
    switchScene(name) {
      const next = findScene(name);
      if (!next) return false;
      // The page's own settings travel along: language, projector mode, embedding, hidden and locked controls.
      location.search = `?${new URLSearchParams(shareLink({ ...shell, scene: next.name, lang: language() }, []).split('?')[1])}`;
      return true;
    },
  });

  // The address bar follows the view (at most once a second), so a reload or a
  // link taken from the address bar reopens what is on screen.
  let addressTimer = null;
  const followAddress = () => {
    addressTimer ??= setTimeout(() => {
      addressTimer = null;
      const link = shareLink({ ...shell, lang: language() }, handle.link());
      if (link !== location.href) history.replaceState(history.state, '', link);
    }, ADDRESS_EVERY_MS);
  };
  handle.onChange(followAddress, { withState: false });
  document.getElementById('lang-switch').addEventListener('click', followAddress);
  document.getElementById('present-toggle').addEventListener('click', followAddress);
  addEventListener('keydown', followAddress);

  // The scene's handle (state(), step(), …) for host pages and tests.
  window.descent = handle;
  document.documentElement.dataset.ready = 'true';
}

boot().catch(reportFailure);
