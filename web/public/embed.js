/*
 * Embeds the cyber incident chat in a force's page, in an iframe served from the chat's own origin:
 *
 *   <div data-cyber-triage-chat data-brand-colour="#00205b" data-bot-name="Cyber incident help"
 *        data-avatar-initials="CY" data-locale="en-GB" data-height="640"></div>
 *   <script src="https://CHAT-HOST/embed.js" async></script>
 *
 * The chat's quick exit ("Leave this site" / Esc) tells this script, which replaces the whole host page with a
 * neutral one (location.replace, so Back does not return to it). Only messages from the chat's origin count.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var chatOrigin = new URL(script.src).origin;
  var DEFAULT_EXIT = 'https://www.bbc.co.uk/weather';

  function option(container, name) {
    var value = container.getAttribute('data-' + name);
    return value ? value.trim() : '';
  }

  function mount(container) {
    if (container.getAttribute('data-cyber-triage-chat-mounted')) return;
    container.setAttribute('data-cyber-triage-chat-mounted', 'true');
    var params = new URLSearchParams({ embed: '1' });
    var mapping = { 'brand-colour': 'brand', 'bot-name': 'name', 'avatar-initials': 'initials', locale: 'locale' };
    Object.keys(mapping).forEach(function (attribute) {
      var value = option(container, attribute);
      if (value) params.set(mapping[attribute], value);
    });
    var height = parseInt(option(container, 'height'), 10);
    if (!(height >= 320 && height <= 1200)) height = 640;

    var frame = document.createElement('iframe');
    frame.src = chatOrigin + '/?' + params.toString();
    frame.title = option(container, 'bot-name') || 'Cyber incident help chat';
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.width = '100%';
    frame.style.height = height + 'px';
    frame.style.border = '0';
    frame.style.display = 'block';
    container.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== chatOrigin || !event.data || event.data.type !== 'cyber-triage-chat:quick-exit') return;
    var url = DEFAULT_EXIT;
    try {
      if (new URL(event.data.url).protocol === 'https:') url = event.data.url;
    } catch (error) {
      // keep the default
    }
    window.location.replace(url);
  });

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-cyber-triage-chat]'), mount);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
