import type { BotButton, BotLink, BotMessage } from '../../dialogs/render';
import { contentFor } from '../../dialogs/content';
import { inlineMarkdownToHtml, markdownToHtml } from './markdown';

/**
 * The plain-HTML renderer of a turn: whatever `runTurn` returned, as one page section, GOV.UK smart-answer style.
 * Nothing here knows the questions or their words; it knows the shape of a BotMessage:
 * - text (markdown) becomes HTML; a first paragraph that is all bold is the message's heading;
 * - buttons become submit buttons of a form, each carrying its value as JSON (read back with parseButtonValue);
 *   a question also gets a text box for a typed answer, as in the chat;
 * - the buttons that only move about the flow ("back", "change") are links, as in GOV.UK's smart answers: Back at
 *   the top of the step, each Change in its row of the "Your answers" list (when there is one per fact). The link
 *   carries the same value, to GET /triage/go, which applies it like an answer and redirects;
 * - links (tel:, https:, mailto:) become links, an outcome's straight after its lead paragraph;
 * - facts become a summary list.
 */

export const TRIAGE_PATH = '/triage';
/** Where the Back and Change links go (the button's value in the query: an action, no answer). */
export const GO_PATH = `${TRIAGE_PATH}/go`;
/** The button actions shown as links: they move about the flow and submit nothing. */
export const NAVIGATION_ACTIONS: ReadonlySet<string> = new Set(['back', 'change']);

/** Which page the step is on: after an answer, the browser comes back to the same page. */
export type StepPage = 'chat' | 'triage';

export interface StepOptions {
  /** Where the forms post. */
  action?: string;
  /** The page the step is shown on (`chat`: /, with Web Chat to come; `triage`: /triage). */
  page?: StepPage;
  /** The page has a stored session (its answers can be handed to the web chat). */
  hasSession?: boolean;
  /** Label of the text box of a question (the channel's own words, not the bot's). */
  typedAnswerLabel?: string;
  /** Label of the text box under "Your answers" at an outcome, for a question ("is the call free?") or a new place. */
  typedQuestionLabel?: string;
  sendLabel?: string;
  /** The page's locale when it is not the deployment's default ("cy-GB"): every form and link carries it. */
  locale?: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SECONDARY_ACTIONS = new Set(['back', 'restart', 'help', 'change']);

function actionOf(button: BotButton): string {
  return (button.value as { action?: string }).action ?? '';
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean);
}

const ALL_BOLD = /^\*\*([^*\n][^*]*?)\*\*[.:?!]?$/;

/** The message's heading (a first paragraph that is all bold) and the rest of its text. */
function splitHeading(text: string): { heading?: string; rest: string[] } {
  const parts = paragraphsOf(text);
  const match = parts.length ? ALL_BOLD.exec(parts[0]) : null;
  return match ? { heading: parts[0].replace(/^\*\*|\*\*$/g, ''), rest: parts.slice(1) } : { rest: parts };
}

function buttonHtml(button: BotButton, formId: string, classes?: string): string {
  const action = actionOf(button);
  const kind = classes ?? `button ${SECONDARY_ACTIONS.has(action) ? 'button--secondary' : 'button--answer'}`;
  return (
    `<button type="submit" class="${kind}" form="${formId}" name="button" ` +
    `value="${escapeHtml(JSON.stringify(button.value))}" data-action="${escapeHtml(action)}"${button.lang ? ` lang="${escapeHtml(button.lang)}"` : ''}>${escapeHtml(button.label)}</button>`
  );
}

/** A Back or Change link: the button's value, as a GET that the channel applies like a press of the button. */
function navigationLinkHtml(button: BotButton, className: string, pageQuery: string): string {
  const json = JSON.stringify(button.value);
  return (
    `<a class="${className}" href="${GO_PATH}?button=${escapeHtml(encodeURIComponent(json))}${pageQuery}" ` +
    `data-button-value="${escapeHtml(json)}" data-action="${escapeHtml(actionOf(button))}">${escapeHtml(button.label)}</a>`
  );
}

/**
 * Paragraphs of the bot's markdown as HTML; a paragraph in another language than the message's (the offer of
 * English on a Welsh page) says so with `lang`, so a screen reader reads it in that language.
 */
function paragraphsHtml(paragraphs: string[], message: BotMessage): string {
  const others = message.otherLanguages ?? [];
  if (!others.length) return markdownToHtml(paragraphs.join('\n\n'));
  return paragraphs
    .map((paragraph) => {
      const lang = others.find((line) => line.text.trim() === paragraph.trim())?.lang;
      const html = markdownToHtml(paragraph);
      return lang ? html.replace(/^<([a-z][a-z0-9]*)/, `<$1 lang="${escapeHtml(lang)}"`) : html;
    })
    .join('\n');
}

function linkHtml(link: BotLink): string {
  const url = link.url.trim();
  // A page of this service (the printable advice): a path of our own, never another host ("//…").
  if (/^\/(?!\/)/.test(url)) return `<li><a class="button button--link" href="${escapeHtml(url)}">${escapeHtml(link.label)}</a></li>`;
  const scheme = /^([a-z]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'tel' && scheme !== 'https' && scheme !== 'http' && scheme !== 'mailto') return '';
  const kind = scheme === 'tel' ? 'button button--call' : 'button button--link';
  const external = scheme === 'https' || scheme === 'http' ? ' rel="noreferrer"' : '';
  return `<li><a class="${kind}" href="${escapeHtml(url)}"${external}>${escapeHtml(link.label)}</a></li>`;
}

interface RenderState {
  index: number;
  options: Required<Omit<StepOptions, 'hasSession' | 'locale'>>;
  /** A hidden field naming the page, in every form (empty on /triage, the default). */
  pageField: string;
  pageQuery: string;
  backButton?: BotButton;
}

function renderMessage(message: BotMessage, state: RenderState): string {
  const id = `m${state.index}`;
  const formId = `${id}-answers`;
  const { heading, rest } = splitHeading(message.text);
  const buttons = message.buttons ?? [];
  const links = (message.links ?? []).map(linkHtml).filter(Boolean);
  const facts = message.facts ?? [];
  const kind = message.kind;
  const parts: string[] = [];
  const headingId = `${id}-heading`;
  const timing = kind === 'question' ? ' elementtiming="question"' : '';

  if (heading) parts.push(`<h2 class="message__heading" id="${headingId}"${timing}>${inlineMarkdownToHtml(heading)}</h2>`);

  // Facts: the first paragraph introduces them ("Your answers …"), the rest of the text repeats them as a list.
  let body = rest;
  if (facts.length) {
    const [intro] = body;
    if (intro) parts.push(`<h2 class="message__heading" id="${headingId}">${inlineMarkdownToHtml(intro)}</h2>`);
    body = [];
  }

  if (kind === 'outcome' && body.length) {
    // The lead paragraph first, then the actions (call, website), then the rest: the number to call is in view.
    parts.push(`<div class="message__lead" elementtiming="outcome-lead">${paragraphsHtml([body[0]], message)}</div>`);
    if (links.length) parts.push(`<ul class="actions">${links.join('')}</ul>`);
    if (body.length > 1) parts.push(`<div class="message__text">${paragraphsHtml(body.slice(1), message)}</div>`);
  } else {
    if (body.length) parts.push(`<div class="message__text"${heading ? '' : timing}>${paragraphsHtml(body, message)}</div>`);
    if (links.length) parts.push(`<ul class="actions">${links.join('')}</ul>`);
  }

  const changeButtons = buttons.filter((button) => actionOf(button) === 'change');
  const inRows = facts.length > 0 && changeButtons.length === facts.length;
  if (facts.length) {
    const rows = facts.map((fact, index) => {
      const change = inRows ? `<dd class="summary-list__actions">${navigationLinkHtml(changeButtons[index], 'summary-list__change', state.pageQuery)}</dd>` : '';
      return `<div class="summary-list__row"><dt>${escapeHtml(fact.title)}</dt><dd>${escapeHtml(fact.value)}</dd>${change}</div>`;
    });
    parts.push(`<dl class="summary-list">${rows.join('')}</dl>`);
  }

  const isBack = (button: BotButton) => actionOf(button) === 'back';
  const back = buttons.find(isBack);
  if (back) state.backButton = back;
  const navigation = buttons.filter((button) => NAVIGATION_ACTIONS.has(actionOf(button)) && !isBack(button) && !inRows);
  const submits = buttons.filter((button) => !NAVIGATION_ACTIONS.has(actionOf(button)));
  if (navigation.length) {
    parts.push(`<ul class="navigation-links">${navigation.map((button) => `<li>${navigationLinkHtml(button, 'navigation-link', state.pageQuery)}</li>`).join('')}</ul>`);
  }
  if (submits.length) {
    parts.push(
      `<form class="answers" id="${formId}" method="post" action="${state.options.action}">${state.pageField}` +
        `<div class="button-group">${submits.map((button) => buttonHtml(button, formId)).join('')}</div>` +
        `</form>`,
    );
  }

  // A question takes a typed answer; "Your answers" at an outcome takes a typed question ("is the call free?").
  if (kind === 'question' || (kind === 'summary' && message.facts?.length)) {
    const inputId = `${id}-typed`;
    const label = kind === 'question' ? state.options.typedAnswerLabel : state.options.typedQuestionLabel;
    parts.push(
      `<form class="typed-answer" method="post" action="${state.options.action}">${state.pageField}` +
        `<label class="typed-answer__label" for="${inputId}">${escapeHtml(label)}</label>` +
        `<div class="typed-answer__row"><input class="typed-answer__input" type="text" id="${inputId}" name="text" maxlength="500" ` +
        `autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="send">` +
        `<button type="submit" class="button button--send">${escapeHtml(state.options.sendLabel)}</button></div>` +
        `</form>`,
    );
  }

  const labelled = heading || facts.length ? ` aria-labelledby="${headingId}"` : '';
  const element = kind === 'question' || kind === 'outcome' || kind === 'summary' ? 'section' : 'div';
  // A message in another language than the page's (the offer of English after a message written in Welsh) says so.
  const lang = message.lang ? ` lang="${escapeHtml(contentFor(message.lang).lang)}"` : '';
  return `<${element} class="message message--${kind}" id="${id}" data-kind="${kind}"${message.state ? ` data-state="${escapeHtml(message.state)}"` : ''}${lang}${labelled}>${parts.join('')}</${element}>`;
}

/** One step of the plain-HTML triage: the messages of a turn, as HTML. */
export function renderStep(messages: BotMessage[], options: StepOptions = {}): string {
  const locale = options.locale && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(options.locale) ? options.locale : undefined;
  const state: RenderState = {
    index: 0,
    pageField:
      (options.page === 'chat' ? '<input type="hidden" name="page" value="chat">' : '') +
      (locale ? `<input type="hidden" name="locale" value="${locale}">` : ''),
    pageQuery: (options.page === 'chat' ? '&amp;page=chat' : '') + (locale ? `&amp;locale=${locale}` : ''),
    options: {
      action: options.action ?? TRIAGE_PATH,
      page: options.page ?? 'triage',
      typedAnswerLabel: options.typedAnswerLabel ?? 'Or type your answer',
      typedQuestionLabel: options.typedQuestionLabel ?? 'Or type a question',
      sendLabel: options.sendLabel ?? 'Send',
    },
  };
  const rendered = messages.map((message, index) => {
    state.index = index + 1;
    return renderMessage(message, state);
  });
  const back = state.backButton ? `<div class="step__back">${navigationLinkHtml(state.backButton, 'back-link', state.pageQuery)}</div>` : '';
  const hasOutcome = messages.some((message) => message.kind === 'outcome');
  const attributes = [
    'class="step"',
    'id="triage-step"',
    'tabindex="-1"',
    `data-outcome="${hasOutcome}"`,
    options.hasSession ? 'data-session="true"' : '',
  ].filter(Boolean);
  return `<div ${attributes.join(' ')}>${back}${rendered.join('')}</div>`;
}
