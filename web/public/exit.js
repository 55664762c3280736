/*
 * "Exit this page", following the GOV.UK Design System's pattern: the red button (a real link to a neutral page, so
 * it works without JavaScript) and pressing Shift 3 times in a row (within 5 seconds of each press, and Shift on its
 * own, not as part of a capital letter). Esc is left alone: Web Chat uses it in its transcript.
 *
 * Leaving forgets the chat (session storage, and whatever chat.js registered with onExit), covers the page, and
 * replaces it in the history with the neutral page (location.replace), so Back does not return here. In a frame,
 * embed.js on the host page replaces the host page.
 */
(function () {
  'use strict';

  var EXIT_URL = document.body.getAttribute('data-exit-url') || 'https://www.bbc.co.uk/weather';
  // The page's words in its language (set by the server on <body>), English when missing.
  var STRINGS = (function () {
    try {
      return JSON.parse(document.body.getAttribute('data-strings') || '{}');
    } catch (error) {
      return {};
    }
  })();
  function words(name, fallback) {
    return typeof STRINGS[name] === 'string' && STRINGS[name] ? STRINGS[name] : fallback;
  }
  var FORGET_URL = '/triage/start-again';
  var PRESSES_TO_EXIT = 3;
  var PRESS_TIMEOUT_MS = 5000;
  var EMBEDDED = (function () {
    try {
      return window.self !== window.top;
    } catch (error) {
      return true;
    }
  })();

  var button = document.getElementById('leave');
  var hooks = [];
  var leaving = false;
  var presses = 0;
  var lastKeyWasModified = false;
  var pressTimer = null;
  var messageTimer = null;
  var overlay = null;

  var announcer = document.createElement('span');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  (button && button.parentNode ? button.parentNode : document.body).appendChild(announcer);

  var indicator = null;
  if (button) {
    indicator = document.createElement('span');
    indicator.className = 'exit-indicator';
    indicator.setAttribute('aria-hidden', 'true');
    for (var light = 0; light < PRESSES_TO_EXIT; light++) {
      var dot = document.createElement('span');
      dot.className = 'exit-indicator__light';
      indicator.appendChild(dot);
    }
    button.appendChild(indicator);
  }

  function showPresses() {
    if (!indicator) return;
    indicator.classList.toggle('exit-indicator--visible', presses > 0);
    Array.prototype.forEach.call(indicator.children, function (dot, index) {
      dot.classList.toggle('exit-indicator__light--on', index < presses);
    });
  }

  function exitPage(event) {
    if (event && event.preventDefault) event.preventDefault();
    if (leaving) return;
    leaving = true;
    hooks.forEach(function (hook) {
      try {
        hook();
      } catch (error) {
        // leave anyway
      }
    });
    try {
      window.sessionStorage.clear();
    } catch (error) {
      // nothing stored
    }
    // The plain-HTML triage's answers on the server go too (its cookie is HttpOnly, so only the server can end it).
    try {
      if (navigator.sendBeacon) navigator.sendBeacon(FORGET_URL, new URLSearchParams());
    } catch (error) {
      // leave anyway
    }
    announcer.textContent = '';
    document.title = '';
    document.body.classList.add('is-leaving');
    overlay = document.createElement('div');
    overlay.className = 'exit-overlay';
    overlay.setAttribute('role', 'alert');
    document.body.appendChild(overlay);
    overlay.textContent = words('loading', 'Loading.');

    if (EMBEDDED) {
      // embed.js on the host page replaces the host page; failing that, try to navigate the top window (allowed
      // after a click), and in any case blank this frame.
      try {
        window.parent.postMessage({ type: 'cyber-triage-chat:quick-exit', url: EXIT_URL }, '*');
      } catch (error) {
        // no parent to tell
      }
      try {
        window.top.location.replace(EXIT_URL);
      } catch (error) {
        // blocked: the host page's embed.js does it
      }
      window.location.replace('about:blank');
      return;
    }
    window.location.replace(EXIT_URL);
  }

  function resetPresses(announce) {
    if (pressTimer) window.clearTimeout(pressTimer);
    pressTimer = null;
    presses = 0;
    showPresses();
    if (announce) {
      announcer.textContent = words('exitExpired', 'Exit this page expired.');
      messageTimer = window.setTimeout(function () {
        announcer.textContent = '';
      }, PRESS_TIMEOUT_MS);
    }
  }

  // Shift used as a modifier (Shift+A) ends with two keyups: A with shiftKey set, then Shift. Only a Shift keyup that
  // does not follow a modified key counts as a press of Shift on its own.
  function onKeyUp(event) {
    if (leaving) return;
    if (event.key === 'Shift' && !lastKeyWasModified) {
      presses += 1;
      showPresses();
      if (messageTimer) window.clearTimeout(messageTimer);
      if (presses >= PRESSES_TO_EXIT) {
        resetPresses(false);
        exitPage();
        return;
      }
      announcer.textContent = presses === 1 ? words('exitTwoMore', 'Shift, press 2 more times to exit.') : words('exitOneMore', 'Shift, press 1 more time to exit.');
      if (pressTimer) window.clearTimeout(pressTimer);
      pressTimer = window.setTimeout(function () {
        resetPresses(true);
      }, PRESS_TIMEOUT_MS);
    } else if (pressTimer) {
      resetPresses(true);
    }
    lastKeyWasModified = event.shiftKey;
  }

  if (button) button.addEventListener('click', exitPage);
  // Capture phase, so the chat's own key handling cannot swallow it.
  document.addEventListener('keyup', onKeyUp, true);
  // A page restored from the back-forward cache must not stay covered.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    leaving = false;
    document.body.classList.remove('is-leaving');
    if (overlay) overlay.remove();
    overlay = null;
    resetPresses(false);
  });

  window.CyberTriageExit = {
    /** Registers something to forget before leaving (the chat's connection, what is on screen). */
    onExit: function (hook) {
      hooks.push(hook);
    },
    exit: exitPage,
  };
})();
