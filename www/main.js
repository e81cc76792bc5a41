// The page shell: language, messages, and the scene named in the address.

import { LANGUAGES, language, pickLanguage, setLanguage, t } from './i18n.js';
import { showFatal, showNotice, wireMessageStrips } from './notice.js';
import { oneOf, readSettings } from './url.js';
import * as gradientDescent from './scenes/gradient-descent.js';

const SCENES = { descent: gradientDescent };

/** The wasm exports, whether trunk has already started them or will soon. */
function wasmBindings() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    addEventListener('TrunkApplicationStarted', () => resolve(window.wasmBindings), { once: true });
  });
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
    mounted.relabel();
    notify();
  });

  window.descent = {
    scene: settings.scene,
    state: () => mounted.state(),
    step: (n) => mounted.step(n),
    play: (playing) => mounted.play(playing),
    setSpeed: (speed) => mounted.setSpeed(speed),
    timeFrames: () => mounted.timeFrames(),
  };
  document.documentElement.dataset.ready = 'true';
}

boot().catch(reportFailure);
