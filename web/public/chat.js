/*
 * The web chat page: gets a Direct Line token from this server, renders Bot Framework Web Chat, and wires up
 * Start again and the quick exit. No inline script anywhere (the page runs under a strict CSP); Web Chat's own
 * <style> elements carry the per-response nonce, which the server puts on this script's tag.
 *
 * Options (query parameters, or data-* attributes through embed.js):
 *   brand=#00205b   brand colour (hex)        name=...   bot name shown in the header
 *   initials=CY     bot avatar initials       locale=en-GB
 */
(function () {
  'use strict';

  var NONCE = (document.currentScript && document.currentScript.nonce) || undefined;
  var STORAGE_KEY = 'cyberTriageChat.session';
  var STORAGE_MAX_AGE_MS = 25 * 60 * 1000; // the local channel ends idle conversations after 30 minutes
  var DEFAULT_BRAND = '#00205b';
  var EXIT_URL = document.body.getAttribute('data-exit-url') || 'https://www.bbc.co.uk/weather';
  var EMBEDDED = (function () {
    try {
      return window.self !== window.top;
    } catch (error) {
      return true;
    }
  })();

  var statusElement = document.getElementById('chat-status');
  var webChatElement = document.getElementById('webchat');
  var directLine = null;
  var store = null;
  var leaving = false;
  var saveTimer = null;

  // ---- options ------------------------------------------------------------------------------------------

  function readOptions() {
    var params = new URLSearchParams(window.location.search);
    var brand = (params.get('brand') || '').trim();
    var hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(brand);
    var colour = DEFAULT_BRAND;
    if (hex) {
      var digits = hex[1].length === 3 ? hex[1].replace(/(.)/g, '$1$1') : hex[1];
      colour = '#' + digits.toLowerCase();
    }
    var name = (params.get('name') || '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 40);
    var initials = (params.get('initials') || '').trim();
    var locale = (params.get('locale') || '').trim();
    return {
      brand: colour,
      name: name,
      initials: /^[A-Za-z]{1,3}$/.test(initials) ? initials.toUpperCase() : 'CY',
      locale: /^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale) ? locale : 'en-GB',
    };
  }

  // WCAG relative luminance and contrast ratio, so a force's brand colour never makes text unreadable.
  function luminance(hex) {
    var rgb = [1, 3, 5].map(function (index) {
      var channel = parseInt(hex.substr(index, 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function applyOptions(options) {
    var root = document.documentElement;
    // A brand colour too light for white text gets dark text; one too light to show on white (links, button
    // borders) is replaced there by the default.
    var onBrand = contrast(options.brand, '#ffffff') >= 4.5 ? '#ffffff' : '#0b0c0c';
    var accent = contrast(options.brand, '#ffffff') >= 4.5 ? options.brand : DEFAULT_BRAND;
    root.style.setProperty('--brand', options.brand);
    root.style.setProperty('--on-brand', onBrand);
    root.style.setProperty('--accent', accent);
    if (EMBEDDED || new URLSearchParams(window.location.search).get('embed') === '1') root.classList.add('is-embedded');
    if (options.name) {
      document.getElementById('bot-name').textContent = options.name;
      document.title = options.name + ' – Get help with a cyber incident';
    }
    if (options.locale !== 'en-GB') webChatElement.setAttribute('lang', options.locale);
    options.onBrand = onBrand;
    options.accent = accent;
  }

  function styleOptions(options) {
    return {
      accent: options.accent,
      primaryFont: 'Arial, Helvetica, sans-serif',
      subtle: '#505a5f',
      backgroundColor: '#ffffff',
      bubbleBackground: '#f3f2f1',
      bubbleTextColor: '#0b0c0c',
      bubbleBorderColor: '#b1b4b6',
      bubbleBorderRadius: 4,
      bubbleMaxWidth: 640,
      bubbleFromUserBackground: options.brand,
      bubbleFromUserTextColor: options.onBrand,
      bubbleFromUserBorderColor: options.brand,
      bubbleFromUserBorderRadius: 4,
      botAvatarInitials: options.initials,
      botAvatarBackgroundColor: options.accent,
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: options.accent,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderRadius: 4,
      suggestedActionTextColor: options.accent,
      suggestedActionHeight: 44,
      sendBoxBorderTop: 'solid 2px #0b0c0c',
      sendBoxButtonColor: options.accent,
      sendBoxPlaceholderColor: '#505a5f',
      transcriptActivityVisualKeyboardIndicatorColor: '#0b0c0c',
      transcriptVisualKeyboardIndicatorColor: '#0b0c0c',
      rootHeight: '100%',
    };
  }

  // ---- session (token) ----------------------------------------------------------------------------------

  function readSaved() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (saved && saved.token && saved.conversationId && saved.domain && Date.now() - saved.savedAt < STORAGE_MAX_AGE_MS) return saved;
    } catch (error) {
      // storage blocked or corrupt: start afresh
    }
    clearSaved();
    return null;
  }

  function save(session) {
    try {
      window.sessionStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({
          mode: session.mode,
          token: session.token,
          conversationId: session.conversationId,
          userId: session.userId,
          domain: session.domain,
          webSocket: session.webSocket,
          savedAt: Date.now(),
        })
      );
    } catch (error) {
      // private mode or storage blocked: a reload starts a new chat, which is fine
    }
  }

  function clearSaved() {
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // nothing to clear
    }
  }

  function fail(message) {
    var error = new Error(message);
    error.userMessage = message;
    return error;
  }

  // After a reload: keep the same conversation (so the welcome is not repeated) if its token can be refreshed.
  function resume(saved) {
    return fetch(saved.domain + '/tokens/refresh', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + saved.token },
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) throw new Error('refresh failed');
      return response.json().then(function (body) {
        if (!body.token || (body.conversationId && body.conversationId !== saved.conversationId)) throw new Error('bad refresh');
        var session = Object.assign({}, saved, { token: body.token, resume: true });
        save(session);
        return session;
      });
    });
  }

  function newSession(options) {
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: options.locale }),
      credentials: 'same-origin',
      cache: 'no-store',
    })
      .catch(function () {
        throw fail('The chat could not reach the server. Check your connection and try again.');
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (response.status === 429) throw fail('Too many chats have been started from here. Wait a minute, then reload the page.');
            if (!response.ok || !body.token) throw fail('The chat is not available right now. ' + (body.reason || 'Please try again later.'));
            var session = {
              mode: body.mode,
              token: body.token,
              conversationId: body.conversationId,
              userId: body.userId,
              // The local channel answers with a path; resolve it against this page.
              domain: new URL(body.domain, window.location.href).href.replace(/\/$/, ''),
              webSocket: !!body.webSocket,
              resume: false,
            };
            save(session);
            return session;
          });
      });
  }

  function getSession(options) {
    var saved = readSaved();
    if (!saved) return newSession(options);
    return resume(saved).catch(function () {
      clearSaved();
      return newSession(options);
    });
  }

  // ---- Web Chat -----------------------------------------------------------------------------------------

  function setStatus(text) {
    statusElement.textContent = text;
    statusElement.hidden = !text;
  }

  function showEnded() {
    if (leaving) return;
    clearSaved();
    setStatus('This chat has ended. ');
    var again = document.createElement('button');
    again.type = 'button';
    again.className = 'button button--secondary';
    again.textContent = 'Start a new chat';
    again.addEventListener('click', function () {
      window.location.reload();
    });
    statusElement.appendChild(again);
  }

  function render(options, session) {
    var directLineOptions = {
      token: session.token,
      domain: session.domain,
      webSocket: session.webSocket,
      conversationStartProperties: { locale: options.locale },
    };
    // With a conversation id Direct Line reconnects (and replays the transcript) instead of starting anew.
    if (session.resume) directLineOptions.conversationId = session.conversationId;
    directLine = window.WebChat.createDirectLine(directLineOptions);
    store = window.WebChat.createStore();

    directLine.connectionStatus$.subscribe(function (status) {
      // 2 Online, 4 FailedToConnect, 5 Ended (botframework-directlinejs ConnectionStatus)
      if (status === 2) setStatus('');
      if (status === 4 || status === 5) showEnded();
    });
    // Direct Line refreshes its token every 15 minutes; keep the saved copy current for a reload.
    saveTimer = window.setInterval(function () {
      if (directLine && directLine.token && directLine.token !== session.token) {
        session.token = directLine.token;
        save(session);
      }
    }, 60 * 1000);

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        username: 'You',
        locale: options.locale,
        nonce: NONCE,
        styleOptions: styleOptions(options),
        role: 'region',
      },
      webChatElement
    );
  }

  // ---- controls -----------------------------------------------------------------------------------------

  function startAgain() {
    if (!store) return;
    store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'start again' } });
  }

  // Quick exit: forget the chat (storage, connection, what is on screen) and replace this page in the history
  // with a neutral one, so Back does not return here.
  function quickExit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    try {
      window.sessionStorage.clear();
    } catch (error) {
      // nothing stored
    }
    if (saveTimer) window.clearInterval(saveTimer);
    try {
      if (directLine) directLine.end();
    } catch (error) {
      // already ended
    }
    directLine = null;
    store = null;
    webChatElement.textContent = '';
    document.title = '';

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

  function wireControls() {
    document.getElementById('leave').addEventListener('click', quickExit);
    document.getElementById('start-again').addEventListener('click', startAgain);
    // Capture phase, so Web Chat's own key handling cannot swallow it.
    window.addEventListener(
      'keydown',
      function (event) {
        if ((event.key === 'Escape' || event.key === 'Esc') && !event.isComposing) quickExit(event);
      },
      true
    );
  }

  // ---- start --------------------------------------------------------------------------------------------

  function start() {
    var options = readOptions();
    applyOptions(options);
    wireControls();
    if (!window.WebChat) {
      setStatus('The chat could not load. Reload the page to try again.');
      return;
    }
    setStatus('Connecting…');
    getSession(options)
      .then(function (session) {
        if (leaving) return;
        render(options, session);
      })
      .catch(function (error) {
        setStatus(error.userMessage || 'The chat is not available right now. Please try again later.');
      });
  }

  start();
})();
