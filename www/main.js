// The page shell: language, messages, and the scene named in the address.

import { LANGUAGES, language, pickLanguage, setLanguage, t } from './i18n.js';
import { showFatal, showNotice, wireMessageStrips } from './notice.js';
import { oneOf, readSettings } from './url.js';
import * as lossFunctions from './scenes/loss-functions.js';
import * as gradientDescent from './scenes/gradient-descent.js';
import * as backprop from './scenes/backprop.js';
import * as trainingLoop from './scenes/training-loop.js';

/** The scenes by their `?scene=` name, in the chapter's order. */
const SCENES = { loss: lossFunctions, descent: gradientDescent, backprop, loop: trainingLoop };

/** The wasm exports, whether trunk has already started them or will soon. */
function wasmBindings() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    addEventListener('TrunkApplicationStarted', () => resolve(window.wasmBindings), { once: true });
  });
}

/** Marks the current scene in the navigation; links keep the chosen language. */
function markCurrentScene(scene) {
  for (const link of document.querySelectorAll('.scenes a[data-scene]')) {
    const params = new URLSearchParams({ scene: link.dataset.scene, lang: language() });
    link.href = `?${params}`;
    if (link.dataset.scene === scene) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function reportFailure(error) {
  const message = error && error.message ? error.message : String(error);
  showFatal(message);
}

async function boot() {
  wireMessageStrips();
  addEventListener('error', (event) => reportFailure(event.error ?? event.message));
  addEventListener('unhandledrejection', (event) => reportFailure(event.reason));

  const params = new URLSearchParams(location.search);
  const { settings, refused } = readSettings(params, {
    lang: { parse: oneOf(LANGUAGES), fallback: undefined },
    scene: { parse: oneOf(Object.keys(SCENES)), fallback: 'descent' },
  });
  setLanguage(pickLanguage(settings.lang, navigator.languages));
  markCurrentScene(settings.scene);

  const root = document.getElementById('scene');
  const busy = document.createElement('p');
  busy.className = 'loading';
  busy.textContent = t('loading');
  root.append(busy);

  const wasm = await wasmBindings();
  busy.remove();
  const scene = SCENES[settings.scene];
  const mounted = scene.mount(root, wasm, params);
  const problems = [...refused, ...mounted.refused];
  const notify = () => {
    if (problems.length) showNotice(t('notice_refused', { names: problems.join(', ') }));
  };
  notify();

  document.getElementById('lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    markCurrentScene(settings.scene);
    mounted.relabel();
    notify();
  });

  // The scene's own handle (state(), step(), …) for host pages and tests.
  window.descent = { scene: settings.scene, ...mounted };

  document.documentElement.dataset.ready = 'true';
}

boot().catch(reportFailure);
