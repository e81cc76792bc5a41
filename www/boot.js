// Runs first, before the wasm loader and the page's modules: if this
// browser cannot run the page (no WebAssembly, no SIMD) or a file fails to
// load (missing, corrupt, truncated), it says so on the page, in the
// page's language, and tells an embedding host — instead of "Loading…"
// forever. A classic script with its own few words, since the modules that
// hold the rest may be what failed.
(function () {
  'use strict';
  var WORDS = {
    en: {
      unsupported: 'This browser cannot run this page: it needs WebAssembly with SIMD (Chrome 91, Firefox 89, Safari 16.4 or newer).',
      failed: 'The page could not load its program: ',
    },
    zh: {
      unsupported: '此浏览器无法运行本页面：需要支持 SIMD 的 WebAssembly（Chrome 91、Firefox 89、Safari 16.4 或更新版本）。',
      failed: '页面程序加载失败：',
    },
  };
  function lang() {
    var asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'zh' || asked === 'en') return asked;
    var tags = navigator.languages || [navigator.language || 'en'];
    for (var i = 0; i < tags.length; i += 1) {
      var base = String(tags[i]).toLowerCase().split('-')[0];
      if (base === 'zh' || base === 'en') return base;
    }
    return 'en';
  }
  // The smallest module using a SIMD instruction (v128.const, i8x16.popcnt-free).
  var SIMD = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  var failed = null;
  var listeners = [];

  function fail(reason, detail) {
    if (failed) return;
    failed = { reason: reason, message: reason === 'unsupported' ? WORDS[lang()].unsupported : WORDS[lang()].failed + detail };
    document.documentElement.dataset.failed = reason;
    if (window.parent !== window) window.parent.postMessage({ type: 'descent:failed', reason: reason, message: failed.message }, '*');
    var show = function () {
      var strip = document.getElementById('fatal');
      if (strip) {
        strip.querySelector('[data-detail]').textContent = failed.message;
        strip.hidden = false;
      }
      var busy = document.querySelector('#scene .loading');
      if (busy) busy.remove();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
    for (var i = 0; i < listeners.length; i += 1) listeners[i](failed);
  }

  var supported = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
  try {
    supported = supported && WebAssembly.validate(SIMD);
  } catch (e) {
    supported = false;
  }
  if (!supported) fail('unsupported', '');

  // Until the page is running, any uncaught error is a failed load.
  var running = function () {
    return document.documentElement.dataset.ready === 'true';
  };
  addEventListener('error', function (event) {
    if (running()) return;
    var target = event.target;
    if (target && target !== window && target.tagName) {
      // A script or a preloaded module that did not arrive; other files (icons, styles) are not fatal.
      if (target.tagName === 'SCRIPT' || (target.tagName === 'LINK' && target.rel === 'modulepreload')) fail('load', String(target.src || target.href));
    } else fail('load', String((event.error && event.error.message) || event.message || 'error'));
  }, true);
  addEventListener('unhandledrejection', function (event) {
    if (running()) return;
    var reason = event.reason;
    fail('load', String((reason && reason.message) || reason));
  });

  // A host page's messages sent before the page's modules run wait here (kit/host.js takes them).
  var early = [];
  var keep = function (event) {
    var m = event.data;
    if (event.source === window.parent && m && typeof m === 'object' && typeof m.type === 'string' && m.type.indexOf('descent:') === 0 && early.length < 64) early.push(m);
  };
  if (window.parent !== window) addEventListener('message', keep);

  window.descentBoot = {
    /** Calls `listener(failure)` now or when the load fails. */
    onFailure: function (listener) {
      if (failed) listener(failed);
      else listeners.push(listener);
    },
    /** Reports a failed load (`reason` 'load', `detail` what failed) as the page's own failures are. */
    fail: fail,

    /** The host's messages so far; from now on the caller listens itself. */
    takeMessages: function () {
      removeEventListener('message', keep);
      return early.splice(0);
    },
  };
})();
