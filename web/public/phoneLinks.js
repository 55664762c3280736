/*
 * Finds UK phone numbers in plain text, so they can be shown as tap-to-call (tel:) links. One definition for both
 * sides: the server's plain-HTML triage requires this file, and the web chat page loads it before chat.js to wrap
 * Web Chat's own markdown renderer. Plain ES5, no lookbehind (older Safari cannot parse it).
 *
 * Recognised: national numbers (0 and 9 or 10 more digits, in groups separated by single spaces or hyphens, e.g.
 * "0300 123 2040", "01786 437 472", "020 7946 0000"), the same after +44 (with or without "(0)"), and the
 * short numbers 999, 112, 101, 111, 159 (Stop Scams UK) and 18000 (text relay), and six-digit local numbers (the
 * Channel Islands' and the Isle of Man's police, dialled on the island), when they stand alone. Not: "press 9", years, times,
 * postcodes, or digits inside a longer number or a word.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.CyberTriagePhoneLinks = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // Group 1: what precedes the number (start, or a character that cannot be part of a number, word or URL).
  // Group 2: the number. The lookahead keeps "1010", "101st", "999.5" and "0300 123 2040/1" from matching.
  var PATTERN = /(^|[^\w+.\/:@#-])((?:\+44[ ]?(?:\(0\)[ ]?)?|0)\d(?:[ -]?\d){8,9}|999|112|101|111|159|18000|[1-9]\d{5})(?![\w\/@]|[.,:]\d)/g;

  function telUrl(number) {
    var digits = number.replace(/\(0\)/, '').replace(/[^0-9+]/g, '');
    return 'tel:' + digits;
  }

  function digitCount(number) {
    return number.replace(/\(0\)/, '').replace(/[^0-9]/g, '').length;
  }

  /** Every phone number in `text`: [{ index, length, number, url }], in order. */
  function findPhoneNumbers(text) {
    var found = [];
    if (typeof text !== 'string' || !text) return found;
    PATTERN.lastIndex = 0;
    var match;
    while ((match = PATTERN.exec(text)) !== null) {
      var number = match[2];
      var index = match.index + match[1].length;
      var international = number.charAt(0) === '+';
      var digits = digitCount(number);
      // National numbers have 10 or 11 digits; after +44, 11 or 12 with the country code.
      var local = /^[1-9]\d{0,5}$/.test(number);
      var valid = local || (international ? digits >= 11 && digits <= 12 : digits >= 10 && digits <= 11);
      if (valid) found.push({ index: index, length: number.length, number: number, url: telUrl(number) });
      // Let the character that ended this match start the next one ("999 or 101").
      PATTERN.lastIndex = index + number.length;
    }
    return found;
  }

  /**
   * Browser only: wraps every phone number in the text of `rootNode` in <a href="tel:…">, leaving text that is
   * already inside a link or a button alone.
   */
  function linkPhoneNumbers(rootNode) {
    var doc = rootNode.ownerDocument || rootNode;
    var walker = doc.createTreeWalker(rootNode, 4 /* NodeFilter.SHOW_TEXT */, null);
    var textNodes = [];
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentNode;
      var inside = false;
      while (parent && parent !== rootNode) {
        var name = parent.nodeName;
        if (name === 'A' || name === 'BUTTON' || name === 'CODE' || name === 'PRE') {
          inside = true;
          break;
        }
        parent = parent.parentNode;
      }
      if (!inside) textNodes.push(node);
    }
    textNodes.forEach(function (textNode) {
      var text = textNode.nodeValue;
      var numbers = findPhoneNumbers(text);
      if (!numbers.length) return;
      var fragment = doc.createDocumentFragment();
      var position = 0;
      numbers.forEach(function (phone) {
        if (phone.index > position) fragment.appendChild(doc.createTextNode(text.slice(position, phone.index)));
        var link = doc.createElement('a');
        link.setAttribute('href', phone.url);
        link.className = 'tel-link';
        link.textContent = phone.number;
        fragment.appendChild(link);
        position = phone.index + phone.length;
      });
      if (position < text.length) fragment.appendChild(doc.createTextNode(text.slice(position)));
      textNode.parentNode.replaceChild(fragment, textNode);
    });
    return rootNode;
  }

  return { findPhoneNumbers: findPhoneNumbers, linkPhoneNumbers: linkPhoneNumbers, telUrl: telUrl };
});
