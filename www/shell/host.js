// The postMessage API for a page that embeds Descent in an iframe.
//
// Host → page:  { type: 'descent:set', scene?, learningRate?, playing? }
//               { type: 'descent:step', count? }   { type: 'descent:reset' }
//               { type: 'descent:get' }            (answers with descent:state)
// Page → host:  { type: 'descent:ready', scene, state }
//               { type: 'descent:state', scene, state }   (about 5 a second while it changes)
//               { type: 'descent:regime', scene, regime, state }
//               { type: 'descent:diverged', scene, state }
// Messages are plain data; nothing is evaluated.

const STATE_EVERY_MS = 200;

export function connectHost({ scene, mounted, switchScene }) {
  if (window.parent === window) return;
  const post = (type, extra = {}) => {
    window.parent.postMessage({ type, scene, state: mounted.state(), ...extra }, '*');
  };
  addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'descent:set':
        if (typeof message.scene === 'string' && message.scene !== scene) {
          switchScene(message.scene);
          return;
        }
        mounted.apply?.(message);
        break;
      case 'descent:step':
        mounted.step?.(Number.isInteger(message.count) && message.count > 0 ? Math.min(message.count, 1e6) : 1);
        break;
      case 'descent:reset':
        mounted.apply?.({ reset: true });
        break;
      case 'descent:get':
        break;
      default:
        return;
    }
    post('descent:state');
  });

  let lastRegime = mounted.state().regime;
  let lastDiverged = mounted.state().diverged;
  let lastSent = 0;
  let lastKey = '';
  let pending = null;
  const sendState = () => {
    pending = null;
    lastSent = performance.now();
    post('descent:state');
  };
  mounted.onChange?.((state) => {
    if (state.regime !== lastRegime) {
      lastRegime = state.regime;
      post('descent:regime', { regime: state.regime });
    }
    if (state.diverged && !lastDiverged) post('descent:diverged');
    lastDiverged = state.diverged;
    // A run changes with its steps (or epochs); a scene without one, with any value.
    const key = JSON.stringify(state.steps ?? state.epochs ?? state);
    if (key === lastKey) return;
    lastKey = key;
    // At most one message per interval; the last change is always sent.
    const wait = lastSent + STATE_EVERY_MS - performance.now();
    if (wait <= 0) sendState();
    else pending ??= setTimeout(sendState, wait);
  });
  post('descent:ready');
}
