/*
 * The chat page. Its own HTML already shows the urgent numbers and the triage's current step (a plain form that
 * works without this script). This script:
 *   1. answers the step's forms in place (fetch, the same POST the form would make) so nothing reloads;
 *   2. after the first paint, loads Bot Framework Web Chat and lets it take over: the conversation so far is handed
 *      to Web Chat's conversation on the server, and Web Chat replaces the step when the step is a question (an
 *      outcome on screen stays until the next step, so the number being read does not move);
 *   3. makes every phone number in Web Chat a tel: link (a renderMarkdown that wraps Web Chat's own), and keeps an
 *      outcome's first line in view when it arrives (Web Chat's auto-scroll stops at the first new message).
 * If Web Chat cannot load or connect, the step stays: the whole triage works as plain HTML.
 * No inline script anywhere (the page runs under a strict CSP); Web Chat's own <style> elements carry the
 * per-response nonce, which the server puts on this script's tag. Quick exit is exit.js.
 *
 * Options (query parameters, or data-* attributes through embed.js):
 *   brand=#00205b   brand colour (hex)        name=...   bot name shown in the header
 *   initials=EP     bot avatar initials       locale=en-GB or cy-GB (the server renders the page in it)
 * `name` and `initials` are display text: taken only in a frame of a site allowed to embed the page
 * (EMBED_ALLOWED_ORIGINS), and `name` only when it is one of the names the server lists (data-display-names: the bot's
 * own and the deployment's). A link to the page itself can never write in its banner or title.
 * The page's own settings come from the server on <body>: its locale and brand colour (the deployment's), and its
 * words in the page's language (data-strings: this script's messages; data-webchat-strings: where to fetch Web Chat's
 * interface strings for a language Web Chat has none for, after the first paint), and the bot's avatar (data-avatar:
 * its text in the page's language, "Bot" unless the deployment sets one, or an image).
 */
(function () {
  'use strict';

  var NONCE = (document.currentScript && document.currentScript.nonce) || undefined;
  var STORAGE_KEY = 'cyberTriageChat.session';
  var STORAGE_MAX_AGE_MS = 25 * 60 * 1000; // the local channel ends idle conversations after 30 minutes
  var DEFAULT_BRAND = '#00205b';
  var FRAGMENT_HEADER = 'X-Requested-With';
  var FRAGMENT_HEADER_VALUE = 'cyber-triage';
  var SESSION_HEADER = 'X-Triage-Session';
  var HANDOFF_URL = '/triage/handoff';
  var CHAT_COOKIE = 'triage_chat';
  var CONNECT_TIMEOUT_MS = 20000;
  var EMBEDDED = (function () {
    try {
      return window.self !== window.top;
    } catch (error) {
      return true;
    }
  })();

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
  var LANGUAGE_CHOICE_DELAY_MS = 1500;
  var webChatStrings = null; // a promise of Web Chat's strings in the page's language, fetched with the bundle

  var statusElement = document.getElementById('chat-status');
  var webChatElement = document.getElementById('webchat');
  var triageElement = document.getElementById('triage');
  var startAgainButton = document.getElementById('start-again');
  var options = null;

  // 'html': the step is the chat; 'preparing': Web Chat is connecting (answers wait); 'chat': Web Chat has taken
  // over; 'unavailable': Web Chat could not start, the step stays.
  var phase = 'html';
  var stepBusy = false;
  var webChatLoaded = false;
  var waiting = []; // answers given while Web Chat was taking over
  var triageSession = null; // the signed session, for a frame whose cookies the browser does not keep
  var directLine = null;
  var store = null;
  var saveTimer = null;
  var lastSuggestedActions = [];
  var leaving = false;
  var restoringChat = false; // a reload with a chat in this tab: Web Chat brings it back, the step waits for it

  // ---- options ------------------------------------------------------------------------------------------

  function readOptions() {
    var params = new URLSearchParams(window.location.search);
    var brand = (params.get('brand') || '').trim();
    var hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(brand) || /^#?([0-9a-f]{6})$/i.exec(document.body.getAttribute('data-brand') || '');
    var colour = DEFAULT_BRAND;
    if (hex) {
      var digits = hex[1].length === 3 ? hex[1].replace(/(.)/g, '$1$1') : hex[1];
      colour = '#' + digits.toLowerCase();
    }
    // Display text only in a frame, which only a site allowed to embed the page can be: its CSP frame-ancestors
    // (EMBED_ALLOWED_ORIGINS) keeps every other site from framing it, X-Frame-Options where no site is allowed.
    var asked = (params.get('name') || '').replace(/\s+/g, ' ').trim();
    var name = EMBEDDED && listAttribute('data-display-names').indexOf(asked) >= 0 ? asked : '';
    var initials = EMBEDDED ? (params.get('initials') || '').trim() : '';
    var avatar = {};
    try {
      avatar = JSON.parse(document.body.getAttribute('data-avatar') || '{}') || {};
    } catch (error) {
      avatar = {};
    }
    // The page is in the language the server chose (a supported ?locale=, the conversation's choice, the default).
    var pageLocale = (document.body.getAttribute('data-locale') || '').trim();
    var locale = pageLocale || (params.get('locale') || '').trim();
    return {
      brand: colour,
      name: name,
      // The embedding site's initials, else the deployment's avatar text (checked at start-up), else "Bot".
      initials: /^[A-Za-z]{1,3}$/.test(initials) ? initials.toUpperCase() : typeof avatar.text === 'string' && avatar.text ? avatar.text : 'Bot',
      avatarImage: typeof avatar.image === 'string' && /^https:\/\//.test(avatar.image) ? avatar.image : undefined,
      locale: /^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale) ? locale : 'en-GB',
    };
  }

  function listAttribute(name) {
    try {
      var list = JSON.parse(document.body.getAttribute(name) || '[]');
      return Array.isArray(list) ? list.filter(function (item) { return typeof item === 'string'; }) : [];
    } catch (error) {
      return [];
    }
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
      document.title = options.name + ' – ' + words('title', 'Get help with a cyber incident');
    }
    options.onBrand = onBrand;
    options.accent = accent;
  }

  function smallScreen() {
    return window.matchMedia && window.matchMedia('(max-height: 700px)').matches;
  }

  function narrowScreen() {
    return window.matchMedia && window.matchMedia('(max-width: 480px)').matches;
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
      // What the bot is, beside its messages; smaller on a narrow phone, none on a short screen (room for the text).
      botAvatarInitials: smallScreen() ? undefined : options.initials,
      botAvatarImage: smallScreen() ? undefined : options.avatarImage,
      avatarSize: narrowScreen() ? 32 : 40,
      paddingRegular: narrowScreen() ? 8 : 10,
      botAvatarBackgroundColor: options.accent,
      // The bot's text is markdown, never HTML: raw HTML in it is shown as text.
      markdownRenderHTML: false,
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: options.accent,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderRadius: 4,
      suggestedActionTextColor: options.accent,
      suggestedActionHeight: narrowScreen() ? 40 : 44,
      sendBoxBorderTop: 'solid 2px #0b0c0c',
      sendBoxButtonColor: options.accent,
      sendBoxPlaceholderColor: '#505a5f',
      transcriptActivityVisualKeyboardIndicatorColor: '#0b0c0c',
      transcriptVisualKeyboardIndicatorColor: '#0b0c0c',
      // When the bot answers, scrolling stops with its first new message at the top of the transcript, so an
      // outcome's lead line ("Call Report Fraud now…") is in view rather than scrolled past by what follows it.
      autoScrollSnapOnPage: true,
      autoScrollSnapOnPageOffset: 0,
      rootHeight: '100%',
    };
  }

  // ---- the bot's messages in Web Chat: tap-to-call numbers, buttons for an outcome's links, languages ------

  // What the page's language is ("en", "cy"), and what each bot message's language is when it differs: noted from
  // the activities as they arrive (activity.locale, and channelData.otherLanguages for single paragraphs in another
  // language), found again by the message's text when Web Chat renders it.
  var PAGE_LANGUAGE = (document.documentElement.getAttribute('lang') || 'en').split('-')[0];
  var languagesByText = Object.create(null);

  function noteLanguages(activity) {
    if (typeof activity.text !== 'string' || !activity.text) return;
    var language = typeof activity.locale === 'string' ? activity.locale.split('-')[0] : '';
    var others = activity.channelData && Array.isArray(activity.channelData.otherLanguages) ? activity.channelData.otherLanguages : [];
    if ((!language || language === PAGE_LANGUAGE) && !others.length) return;
    languagesByText[activity.text] = { language: language, others: others };
  }

  function sameText(a, b) {
    var tidy = function (text) {
      return String(text || '')
        .replace(/[\u200b*_]/g, '')
        .replace(/[\u2018\u2019]/g, "'")
        .replace(/[\u201c\u201d]/g, '"')
        .replace(/\s+/g, ' ')
        .trim();
    };
    return tidy(a) === tidy(b);
  }

  // Marks the message's language on its content when it is not the page's, and each paragraph in another language.
  function markLanguages(root, markdown) {
    var noted = languagesByText[markdown];
    if (!noted) return;
    var top = root.firstElementChild;
    if (top && noted.language && noted.language !== PAGE_LANGUAGE) top.setAttribute('lang', noted.language);
    Array.prototype.forEach.call(root.querySelectorAll('p, li'), function (paragraph) {
      noted.others.forEach(function (line) {
        if (line && typeof line.lang === 'string' && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(line.lang) && sameText(paragraph.textContent, line.text)) {
          paragraph.setAttribute('lang', line.lang);
        }
      });
    });
  }

  // A paragraph that holds only links (the bot puts an outcome's call and website links after its lead) is a row
  // of buttons, as on the page without JavaScript: tel: links are call buttons, and open in this window.
  function markActionRows(root) {
    Array.prototype.forEach.call(root.querySelectorAll('p'), function (paragraph) {
      var links = paragraph.querySelectorAll('a[href]');
      if (!links.length) return;
      var onlyLinks = Array.prototype.every.call(paragraph.childNodes, function (node) {
        if (node.nodeType === 3) return !node.textContent.replace(/[\s\u200b]/g, '');
        return node.nodeType === 1 && node.nodeName === 'A';
      });
      if (!onlyLinks) return;
      paragraph.classList.add('chat-actions');
      // The spaces (and Web Chat's zero-width spaces) between the links would be items of the row too.
      Array.prototype.slice.call(paragraph.childNodes).forEach(function (node) {
        if (node.nodeType === 3) paragraph.removeChild(node);
      });
      Array.prototype.forEach.call(links, function (link) {
        var call = /^tel:/i.test(link.getAttribute('href'));
        link.classList.add('chat-action', call ? 'chat-action--call' : 'chat-action--link');
        if (call) {
          link.removeAttribute('target');
          link.removeAttribute('rel');
        }
      });
    });
  }

  // The bot's text is plain markdown: Web Chat renders it, then every UK phone number outside a link becomes a
  // tel: link (web/public/phoneLinks.js, the same rule the plain-HTML triage uses), a paragraph of links alone a
  // row of buttons, and a message or paragraph in another language says so.
  function renderMarkdownWithPhoneLinks(markdown, styleOptions, renderOptions) {
    // A link to this service's own printable advice page comes as a path (the bot may not know its public address);
    // Web Chat drops links that are not absolute, so it is made absolute on this page's origin.
    if (typeof markdown === 'string') {
      markdown = markdown.replace(/\]\((\/advice\?[^)\s]*)\)/g, function (whole, path) {
        return '](' + window.location.origin + path + ')';
      });
    }
    var html = window.WebChat.renderMarkdown(markdown, styleOptions, renderOptions);
    if (!html) return html;
    var template = document.createElement('template');
    template.innerHTML = html;
    var phoneLinks = window.CyberTriagePhoneLinks;
    if (phoneLinks) phoneLinks.linkPhoneNumbers(template.content);
    markActionRows(template.content);
    markLanguages(template.content, markdown);
    var container = document.createElement('div');
    container.appendChild(document.importNode(template.content, true));
    return container.innerHTML;
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
    markChatInProgress(false);
  }

  // While Web Chat has the conversation, a cookie tells the server so: after a reload the page then shows "Bringing
  // back your chat…" rather than its own first question, which would start a new triage if tapped. A marker only (no
  // id); the conversation itself is named in this tab's session storage.
  function markChatInProgress(inProgress) {
    var secure = window.location.protocol === 'https:' ? '; Secure' : '';
    try {
      document.cookie = CHAT_COOKIE + '=' + (inProgress ? '1' : '; Max-Age=0') + '; Path=/; SameSite=Strict' + secure;
    } catch (error) {
      // cookies blocked: a reload then shows the first question until the chat is back, and answers wait for it
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
        throw fail(words('noServer', 'The chat could not reach the server.'));
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (response.status === 429) throw fail(words('tooManyChats', 'Too many chats have been started from here.'));
            if (!response.ok || !body.token) throw fail(words('notAvailable', 'The chat is not available right now.') + ' ' + (body.reason || ''));
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

  // ---- the step (plain HTML, answered in place) ---------------------------------------------------------

  function currentStep() {
    return document.getElementById('triage-step');
  }

  function stepAttribute(name) {
    var step = currentStep();
    return step ? step.getAttribute(name) : null;
  }

  function postForm(url, fields, extraHeaders) {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    headers[FRAGMENT_HEADER] = FRAGMENT_HEADER_VALUE;
    if (triageSession) headers[SESSION_HEADER] = triageSession;
    Object.keys(extraHeaders || {}).forEach(function (name) {
      headers[name] = extraHeaders[name];
    });
    return fetch(url, { method: 'POST', headers: headers, body: fields.toString(), credentials: 'same-origin', cache: 'no-store' }).then(
      function (response) {
        var session = response.headers.get(SESSION_HEADER);
        if (session) triageSession = session;
        return response;
      }
    );
  }

  function setStatus(text) {
    statusElement.textContent = text;
  }

  function showStep(html) {
    // The step is HTML from this server's own renderer (every text escaped there).
    triageElement.innerHTML = html;
    triageElement.scrollTop = 0;
    var step = currentStep();
    if (!step) return;
    // Focus (for screen readers) and the top of the chat area (for everyone): an outcome, else the step's start.
    var target = step.querySelector('.message--outcome') || step;
    if (target !== step) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    if (target !== step) triageElement.scrollTop = target.offsetTop - step.offsetTop;
  }

  /** What a form carries: the button pressed (its label and value) or the typed text. */
  function readAnswer(form, submitter) {
    var fields = new URLSearchParams();
    var answer = { form: form, fields: fields, url: form.getAttribute('action') || '/triage' };
    if (submitter && submitter.name) {
      fields.append(submitter.name, submitter.value);
      answer.label = submitter.textContent.trim();
      try {
        answer.value = JSON.parse(submitter.value);
      } catch (error) {
        answer.value = undefined;
      }
    }
    Array.prototype.forEach.call(form.querySelectorAll('input[name]'), function (input) {
      fields.append(input.name, input.value);
      if (input.name === 'text') answer.text = input.value;
    });
    answer.restart = form.getAttribute('action') === '/triage/start-again';
    return answer;
  }

  function answerInPlace(answer) {
    var step = currentStep();
    stepBusy = true;
    if (step) {
      step.classList.add('is-busy');
      step.setAttribute('aria-busy', 'true');
    }
    setStatus('');
    postForm(answer.url, answer.fields)
      .then(function (response) {
        if (!response.ok) throw new Error('step ' + response.status);
        return response.text();
      })
      .then(showStep)
      .catch(function () {
        if (step) {
          step.classList.remove('is-busy');
          step.removeAttribute('aria-busy');
        }
        setStatus(words('notReached', "That didn't reach us. Check your connection and try again. The numbers at the top work at any time."));
      })
      .then(function () {
        stepBusy = false;
        maybeTakeOver();
      });
  }

  // The button that submitted a form (event.submitter is missing in older browsers).
  var lastSubmitter = null;
  function noteSubmitter(event) {
    var button = event.target && event.target.closest ? event.target.closest('button[type="submit"]') : null;
    if (button) lastSubmitter = button;
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || form.nodeName !== 'FORM' || leaving) return;
    var submitter = event.submitter || (lastSubmitter && lastSubmitter.form === form ? lastSubmitter : null);
    lastSubmitter = null;
    var answer = readAnswer(form, submitter);
    event.preventDefault();
    if (phase === 'chat') {
      sendToChat(answer);
      return;
    }
    if (phase === 'preparing') {
      waiting.push(answer);
      setStatus(words('oneMoment', 'One moment…'));
      return;
    }
    if (stepBusy) return; // a second tap while the first is on its way
    answerInPlace(answer);
  }

  // Back and Change are links (so they work without this script); here they are answered in place like buttons.
  function onLinkClick(event) {
    var link = event.target && event.target.closest ? event.target.closest('a[data-button-value]') : null;
    if (!link || leaving || event.defaultPrevented || event.button > 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var raw = link.getAttribute('data-button-value');
    var answer = { fields: new URLSearchParams({ button: raw, page: 'chat' }), url: '/triage', label: link.textContent.trim() };
    try {
      answer.value = JSON.parse(raw);
    } catch (error) {
      answer.value = undefined;
    }
    if (phase === 'chat') sendToChat(answer);
    else if (phase === 'preparing') waiting.push(answer);
    else if (!stepBusy) answerInPlace(answer);
  }

  // ---- Web Chat -----------------------------------------------------------------------------------------

  function fetchWebChatStrings() {
    var url = document.body.getAttribute('data-webchat-strings');
    if (!url) return Promise.resolve({});
    return fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .catch(function () {
        return {}; // Web Chat's own English then: the conversation itself is still in the page's language
      });
  }

  function loadWebChat() {
    var template = document.getElementById('webchat-bundle');
    var source = template && template.content.querySelector('script');
    if (!source || leaving) return;
    webChatStrings = fetchWebChatStrings();
    var script = document.createElement('script');
    script.src = source.getAttribute('src');
    script.async = true;
    script.onload = function () {
      webChatLoaded = !!window.WebChat;
      if (!webChatLoaded) {
        giveUp();
        return;
      }
      if (restoringChat) takeOver();
      else maybeTakeOver();
    };
    // The step stays: the whole triage works without Web Chat.
    script.onerror = function () {
      giveUp();
    };
    document.head.appendChild(script);
  }

  // Web Chat takes over when the step is a question and no answer is on its way. An outcome on screen stays until
  // the next step, so the number someone is reading does not move.
  function maybeTakeOver() {
    if (!webChatLoaded || phase !== 'html' || stepBusy || leaving) return;
    if (stepAttribute('data-outcome') === 'true') return;
    takeOver();
  }

  function handOver(session) {
    var fields = new URLSearchParams({ conversationId: session.conversationId });
    return postForm(HANDOFF_URL, fields, { Authorization: 'Bearer ' + session.token }).then(function (response) {
      if (response.status === 409) {
        var inUse = new Error('conversation in use');
        inUse.inUse = true;
        throw inUse;
      }
      if (!response.ok) throw new Error('hand-over failed');
      return session;
    });
  }

  function forgetHandedOver(session) {
    var fields = new URLSearchParams({ conversationId: session.conversationId, finished: 'true' });
    postForm(HANDOFF_URL, fields, { Authorization: 'Bearer ' + session.token }).catch(function () {
      // the copy is deleted with the idle conversations anyway
    });
  }

  function takeOver() {
    phase = 'preparing';
    // A chat being restored is resumed as it is; otherwise answers given on the page go over to Web Chat.
    var hasAnswers = !restoringChat && stepAttribute('data-session') === 'true';
    var saved = readSaved();
    var sessionPromise;
    if (hasAnswers) {
      // The conversation so far goes to a new Web Chat conversation, which the bot then continues.
      sessionPromise = newSession(options).then(function (session) {
        return handOver(session).catch(function (error) {
          if (!error.inUse) throw error;
          return newSession(options).then(handOver);
        });
      });
    } else if (saved) {
      sessionPromise = resume(saved).catch(function () {
        clearSaved();
        return newSession(options);
      });
    } else {
      sessionPromise = newSession(options);
    }
    sessionPromise
      .then(function (session) {
        if (leaving) throw new Error('leaving');
        return connect(session).then(function () {
          return session;
        });
      })
      .then(function (session) {
        reveal();
        if (hasAnswers) forgetHandedOver(session);
      })
      .catch(function () {
        giveUp();
      });
  }

  // Ends the Direct Line connection (if any) and clears Web Chat from the page.
  function disconnectChat() {
    try {
      if (directLine) directLine.end();
    } catch (error) {
      // not connected, or already ended
    }
    directLine = null;
    store = null;
    webChatElement.textContent = '';
  }

  function giveUp() {
    if (leaving) return;
    phase = 'unavailable';
    restoringChat = false;
    // This tab's chat is over: a reload shows the page's own triage, which carries on from here.
    clearSaved();
    disconnectChat();
    webChatElement.hidden = true;
    webChatElement.classList.remove('is-preparing');
    setStatus('');
    markStepReady();
    var answers = waiting;
    waiting = [];
    var carryOn = function () {
      if (answers.length) answerInPlace(answers[answers.length - 1]);
    };
    // The chat could not come back: the page's own step instead (its current question, from the server).
    if (stepAttribute('data-restoring') === 'true') fetchStep().then(carryOn);
    else carryOn();
  }

  // The step from the server (the page's own triage), for a page that showed "Bringing back your chat…".
  function fetchStep() {
    markChatInProgress(false);
    var headers = {};
    headers[FRAGMENT_HEADER] = FRAGMENT_HEADER_VALUE;
    if (triageSession) headers[SESSION_HEADER] = triageSession;
    var locale = document.body.getAttribute('data-locale') || '';
    var url = '/triage?page=chat' + (locale ? '&locale=' + encodeURIComponent(locale) : '');
    return fetch(url, { headers: headers, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('step ' + response.status);
        return response.text();
      })
      .then(showStep)
      .catch(function () {
        setStatus(words('notReached', "That didn't reach us. Check your connection and try again. The numbers at the top work at any time."));
      });
  }

  // A step shown while the chat is being restored: its answers wait for the chat (and go to it), so it says so.
  function markStepWaiting() {
    var step = currentStep();
    if (!step || stepAttribute('data-restoring') === 'true') return;
    step.classList.add('is-busy');
    step.setAttribute('aria-busy', 'true');
  }

  function markStepReady() {
    var step = currentStep();
    if (!step || stepAttribute('data-restoring') === 'true') return;
    step.classList.remove('is-busy');
    step.removeAttribute('aria-busy');
  }

  // Renders Web Chat out of sight; resolves once the bot's first turn has arrived (or a replayed transcript).
  function connect(session) {
    return new Promise(function (resolve, reject) {
      var settled = false;
      var quietTimer = null;
      var finish = function (error) {
        if (settled) return;
        settled = true;
        window.clearTimeout(giveUpTimer);
        if (quietTimer) window.clearTimeout(quietTimer);
        if (error) reject(error);
        else resolve();
      };
      var giveUpTimer = window.setTimeout(function () {
        finish(new Error('no answer from the bot'));
      }, CONNECT_TIMEOUT_MS);

      var directLineOptions = {
        token: session.token,
        domain: session.domain,
        webSocket: session.webSocket,
        conversationStartProperties: { locale: options.locale },
      };
      if (session.mode === 'local') directLineOptions.pollingInterval = 500;
      // With a conversation id Direct Line reconnects (and replays the transcript) instead of starting anew.
      if (session.resume) directLineOptions.conversationId = session.conversationId;
      directLine = window.WebChat.createDirectLine(directLineOptions);

      store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              var activity = action.payload && action.payload.activity;
              if (activity && activity.from && activity.from.role === 'bot' && activity.type === 'message') {
                noteLanguages(activity);
                if (activity.suggestedActions && activity.suggestedActions.actions) lastSuggestedActions = activity.suggestedActions.actions;
                // The turn is complete when a message asks for an answer; otherwise shortly after the last message.
                if (quietTimer) window.clearTimeout(quietTimer);
                if (activity.suggestedActions || activity.inputHint === 'expectingInput') finish();
                else quietTimer = window.setTimeout(finish, 1500);
              }
            }
            return next(action);
          };
        };
      });

      directLine.connectionStatus$.subscribe(function (status) {
        // 2 Online, 4 FailedToConnect, 5 Ended (botframework-directlinejs ConnectionStatus)
        if (status === 4 || status === 5) {
          if (!settled) finish(new Error('could not connect'));
          else showEnded();
        }
      });
      // Direct Line refreshes its token every 15 minutes; keep the saved copy current for a reload.
      saveTimer = window.setInterval(function () {
        if (directLine && directLine.token && directLine.token !== session.token) {
          session.token = directLine.token;
          save(session);
        }
      }, 60 * 1000);

      webChatElement.hidden = false;
      webChatElement.classList.add('is-preparing');
      (webChatStrings || Promise.resolve({})).then(function (strings) {
        if (settled || leaving) return;
        renderChat(strings && typeof strings === 'object' ? strings : {});
      });
    });
  }

  function renderChat(strings) {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        username: words('you', 'You'),
        locale: options.locale,
        // Web Chat has no strings for some languages (Welsh): the page's own, over its English defaults. Screen readers
        // hear each bot message introduced by the bot's name ("Cyber incident help, an automated service, said:"), not
        // by its avatar's initials ("Bot CY said:").
        overrideLocalizedStrings: Object.assign({}, strings, STRINGS.botSaid ? { ACTIVITY_BOT_SAID_ALT: words('botSaid', '') } : {}),
        nonce: NONCE,
        styleOptions: styleOptions(options),
        renderMarkdown: renderMarkdownWithPhoneLinks,
        role: 'region',
      },
      webChatElement
    );
  }

  function reveal() {
    if (leaving) return;
    phase = 'chat';
    restoringChat = false;
    markChatInProgress(true);
    var focusWasInStep = triageElement.contains(document.activeElement);
    var input = triageElement.querySelector('input[name="text"]');
    var typed = input ? input.value : '';
    webChatElement.classList.remove('is-preparing');
    triageElement.hidden = true;
    triageElement.textContent = '';
    setStatus('');
    if (typed) store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: typed } });
    if (focusWasInStep) {
      var target = webChatElement.querySelector(typed ? 'input, textarea' : '.webchat__basic-transcript');
      if (target) target.focus({ preventScroll: true });
    }
    var answers = waiting;
    waiting = [];
    answers.forEach(sendToChat);
  }

  function sameLabel(a, b) {
    return String(a || '').trim().toLowerCase() === String(b || '').trim().toLowerCase();
  }

  // An answer given on the step goes to Web Chat as the click of the same button there (the one with the same
  // label among the bot's latest suggested actions), or as typed text.
  function sendToChat(answer) {
    if (!store) return;
    if (answer.restart) {
      startAgain();
      return;
    }
    if (answer.label) {
      var match = lastSuggestedActions.filter(function (action) {
        return sameLabel(action.title, answer.label);
      })[0];
      var value = match ? match.value : answer.value;
      store.dispatch({
        type: 'WEB_CHAT/SEND_MESSAGE_BACK',
        payload: { displayText: (match && match.displayText) || answer.label, text: (match && match.text) || '', value: value },
      });
      return;
    }
    if (answer.text) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: answer.text } });
  }

  function showEnded() {
    if (leaving) return;
    clearSaved();
    setStatus(words('ended', 'This chat has ended.') + ' ');
    var again = document.createElement('button');
    again.type = 'button';
    again.className = 'button button--secondary';
    again.textContent = words('newChat', 'Start a new chat');
    again.addEventListener('click', function () {
      window.location.reload();
    });
    statusElement.appendChild(again);
  }

  // ---- controls -----------------------------------------------------------------------------------------

  function startAgain() {
    if (!store) return;
    store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: words('startAgainText', 'start again') } });
  }

  // The page's language link while Web Chat has the conversation: the choice goes to the bot first (it repeats the
  // question on screen in that language and remembers it), then the page itself reloads in it.
  function onLanguageLink(event) {
    var link = event.target && event.target.closest ? event.target.closest('a[data-language]') : null;
    if (!link || phase !== 'chat' || !store || leaving || event.button > 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var label = link.querySelector('[lang]') ? link.querySelector('[lang]').textContent.trim() : link.textContent.trim();
    store.dispatch({
      type: 'WEB_CHAT/SEND_MESSAGE_BACK',
      payload: {
        displayText: label,
        text: label.toLowerCase(),
        value: { action: 'language', language: link.getAttribute('data-language'), triage: 'page', state: 'happeningNow' },
      },
    });
    var href = link.href;
    window.setTimeout(function () {
      window.location.assign(href);
    }, LANGUAGE_CHOICE_DELAY_MS);
  }

  function forgetChat() {
    leaving = true;
    markChatInProgress(false);
    if (saveTimer) window.clearInterval(saveTimer);
    disconnectChat();
    triageElement.textContent = '';
  }

  function wireControls() {
    triageElement.addEventListener('click', noteSubmitter, true);
    triageElement.addEventListener('submit', onSubmit);
    triageElement.addEventListener('click', onLinkClick);
    if (startAgainButton && startAgainButton.form) startAgainButton.form.addEventListener('submit', onSubmit);
    document.addEventListener('click', onLanguageLink);
    if (window.CyberTriageExit) window.CyberTriageExit.onExit(forgetChat);
  }

  // ---- start --------------------------------------------------------------------------------------------

  function afterFirstPaint(callback) {
    var run = function () {
      // Two frames: the first paint has happened, and the page's own work is done, before the big download starts.
      window.requestAnimationFrame(function () {
        window.setTimeout(callback, 0);
      });
    };
    if (document.readyState === 'complete') run();
    else window.addEventListener('load', run, { once: true });
  }

  function start() {
    options = readOptions();
    applyOptions(options);
    wireControls();
    // A reload with a chat in this tab: the chat comes back (Web Chat replays it). Until then the step takes no
    // answer of its own: what is tapped waits, and goes to the chat once it is back.
    if (readSaved()) {
      restoringChat = true;
      phase = 'preparing';
      markStepWaiting();
      if (stepAttribute('data-restoring') !== 'true') setStatus(words('restoring', 'Bringing back your chat…'));
    } else if (stepAttribute('data-restoring') === 'true') {
      fetchStep();
    }
    afterFirstPaint(loadWebChat);
  }

  start();
})();
