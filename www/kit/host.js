// The postMessage API for a page that embeds Descent in an iframe.
//
// Host → page:  { type: 'descent:set', scene?, learningRate?, speed?, playing?, reset? }
//               { type: 'descent:step', count? }   { type: 'descent:reset' }
//               { type: 'descent:get', id? }       (answers descent:state with the same id)
// Page → host:  { type: 'descent:ready', scene, state }
//               { type: 'descent:state', scene, state, id? }   (a few a second while it changes)
//               { type: 'descent:regime', scene, regime, state }
//               { type: 'descent:diverged', scene, state }
//               { type: 'descent:refused', scene, request, field, reason }
//               { type: 'descent:failed', reason }   (the page cannot run: no WebAssembly, a failed load)
//
// Messages are plain data; nothing is evaluated. Values are read with the
// address's own rules (kit/fields.js), so the host cannot set what a link
// cannot. Steps asked for by a host go through the scene's per-frame budget
// (kit/scene.js): never more than a frame's work at once, and at most
// a million waiting. Messages that arrive before the scene is ready
// wait, up to MAX_QUEUED of them.

const MAX_QUEUED = 64;

/**
 * Starts listening to the parent page at once, so nothing sent before the
 * scene is ready is lost. `attach(handle)` hands the queued and all later
 * messages to `handle(message, reply)`.
 */
export function hostChannel() {
  const embedded = window.parent !== window;
  const post = (message) => {
    if (embedded) window.parent.postMessage(message, '*');
  };
  // What arrived before this module ran (boot.js kept it), then what arrives until the scene is ready.
  const queue = embedded ? (window.descentBoot?.takeMessages() ?? []) : [];
  let handler = null;
  if (embedded) {
    addEventListener('message', (event) => {
      if (event.source !== window.parent) return;
      const message = event.data;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string' || !message.type.startsWith('descent:')) return;
      if (handler) handler(message);
      else if (queue.length < MAX_QUEUED) queue.push(message);
      else post({ type: 'descent:refused', request: message.type, reason: 'not ready: too many messages waiting' });
    });
  }
  return {
    embedded,
    post,
    attach(handle) {
      handler = handle;
      for (const message of queue.splice(0)) handle(message);
    },
  };
}

const STATE_EVERY_MS = 200;

/**
 * Serves the host's messages for a mounted scene (`handle`, the kit's
 * public handle) and tells the host of its changes.
 */
export function serveHost(channel, { scene, handle, switchScene }) {
  if (!channel.embedded) return;
  const post = (type, extra = {}) => channel.post({ type, scene, state: handle.state(), ...extra });
  const refuse = (request, field, reason) => channel.post({ type: 'descent:refused', scene, request, field, reason });

  channel.attach((message) => {
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
    const reply = () => post('descent:state', id === undefined ? {} : { id });
    switch (message.type) {
      case 'descent:set': {
        if ('scene' in message && message.scene !== scene) {
          if (!switchScene(message.scene)) refuse('descent:set', 'scene', 'unknown scene');
          return;
        }
        for (const problem of handle.apply(message)) refuse('descent:set', problem.field, problem.reason);
        reply();
        break;
      }
      case 'descent:step': {
        const count = 'count' in message ? message.count : 1;
        const problem = handle.queueSteps(count);
        if (problem) refuse('descent:step', 'count', problem);
        reply();
        break;
      }
      case 'descent:reset':
        handle.apply({ reset: true });
        reply();
        break;
      case 'descent:get':
        reply();
        break;
      default:
        refuse(message.type, 'type', 'unknown message');
    }
  });

  let lastRegime = handle.state().regime;
  let lastDiverged = Boolean(handle.state().diverged);
  let lastSent = 0;
  let lastKey = '';
  let pending = null;
  const sendState = () => {
    pending = null;
    lastSent = performance.now();
    post('descent:state');
  };
  handle.onChange((state) => {
    if (state.regime !== lastRegime) {
      lastRegime = state.regime;
      post('descent:regime', { regime: state.regime });
    }
    if (state.diverged && !lastDiverged) post('descent:diverged');
    lastDiverged = Boolean(state.diverged);
    const key = JSON.stringify(state);
    if (key === lastKey) return;
    lastKey = key;
    // At most one message per interval; the last change is always sent.
    const wait = lastSent + STATE_EVERY_MS - performance.now();
    if (wait <= 0) sendState();
    else pending ??= setTimeout(sendState, wait);
  });
  post('descent:ready');
}
