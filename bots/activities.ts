import { ActionTypes, CardFactory, InputHints, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { contentFor } from '../dialogs/content';
import { changeAnswerButton, type BotButton, type BotLink, type BotMessage } from '../dialogs/render';
import { toAdaptiveCard } from './teamsCards';

function toCardAction(button: BotButton): CardAction {
  // messageBack sends both the value (read first) and the words (so the same click also works as typed text).
  return { type: ActionTypes.MessageBack, title: button.label, text: button.text, displayText: button.label, value: button.value };
}

/** Plain text: notices, and anything with no buttons, links or facts to show. */
function isPlain(message: BotMessage): boolean {
  return !message.buttons?.length && !message.links?.length && !message.facts?.length;
}

/**
 * A chat's answer buttons sit under its last message and take room from the transcript. Under "Your answers" the
 * Change button of each answer is one "Change an answer" there, which lists them when pressed (Teams' cards and the
 * plain-HTML pages keep a Change beside each answer).
 */
function chatButtons(message: BotMessage | undefined, language?: string): BotButton[] {
  const buttons = message?.buttons ?? [];
  const changes = buttons.filter((button) => button.value.action === 'change');
  if (!message?.facts?.length || changes.length < 2) return [...buttons];
  const { triage, state } = changes[0].value;
  const first = buttons.indexOf(changes[0]);
  const others = buttons.filter((button) => button.value.action !== 'change');
  others.splice(first, 0, changeAnswerButton(contentFor(language), { triage, state }));
  return others;
}

/** Markdown's link text: its brackets escaped, so a label cannot end the link early. */
function linkText(label: string): string {
  return label.replace(/[\\[\]]/g, (character) => `\\${character}`);
}

/**
 * An outcome's links (call, website, report online) as one paragraph of markdown links straight after its lead
 * paragraph, as the plain-HTML page puts its call buttons: the page's script shows a paragraph of links alone as a
 * row of buttons, and any other client shows plain links.
 */
function withLinksAfterLead(text: string, links: readonly BotLink[]): string {
  const usable = links.filter((link) => /^(tel:|https:|mailto:)/i.test(link.url) && !/[\s()<>]/.test(link.url));
  if (!usable.length) return text;
  const row = usable.map((link) => `[${linkText(link.label)}](${link.url})`).join(' ');
  const [lead, ...rest] = text.split(/\n{2,}/);
  return [lead, row, ...rest].join('\n\n');
}

/**
 * "Was this helpful?" as a small card in the transcript (a hero card: its text and two buttons in a row), not as two
 * more answer buttons under the last message, where they would push the outcome out of view.
 */
function feedbackCard(message: BotMessage): Attachment {
  return CardFactory.heroCard('', message.text, undefined, (message.buttons ?? []).map(toCardAction));
}

/**
 * The turn's answer buttons, for its last message (Web Chat shows suggested actions on the last message only, so
 * whatever is sent after the question or outcome, the offer of the other language or a notice, carries them): the
 * buttons of the last message that has any. When that is "Was this helpful?" (its Yes and No on its own card), those
 * of "Your answers" before it.
 */
function lastButtons(messages: BotMessage[], language?: string): BotButton[] {
  let at = messages.length - 1;
  // A card keeps its own buttons (the optional "What happened?"): they are not the turn's suggested actions.
  while (at >= 0 && (!messages[at].buttons?.length || needsCard(messages[at]))) at--;
  if (at < 0) return [];
  return chatButtons(messages[at].kind === 'feedback' ? messages[at - 1] : messages[at], language);
}

/**
 * A message whose buttons must stay usable where it is, not only as the turn's last message: the optional "What
 * happened?" comes before "Your answers" (whose Change and Start again are the suggested actions), so its buttons
 * go in a card of its own.
 */
function needsCard(message: BotMessage): boolean {
  return message.kind === 'steps' && Boolean(message.buttons?.length);
}

/**
 * Teams: questions and outcomes as Adaptive Cards (Teams shows at most three suggested actions, and none on a
 * message with an attachment). Everywhere else (Web Chat, Direct Line, Emulator, terminal): markdown, an outcome's
 * links after its lead, "Was this helpful?" as a small card, and the turn's buttons as suggested actions on its last
 * message, the only place they show.
 */
export function toActivities(messages: BotMessage[], channelId?: string, language?: string): Partial<Activity>[] {
  // Each reply says its language (activity.locale, a card's lang): screen readers and Teams read it in that language.
  // A message in another language than the turn's (the offer of English in a Welsh turn) says its own.
  const localeOf = (message: BotMessage) => {
    const own = message.lang ?? language;
    return own ? { locale: contentFor(own).locale } : {};
  };
  if (channelId === 'msteams') {
    return messages.map((message) =>
      isPlain(message)
        ? { type: 'message', text: message.text, textFormat: 'markdown', ...localeOf(message) }
        : { type: 'message', attachments: [toAdaptiveCard(message, message.lang ?? language)], inputHint: InputHints.ExpectingInput, ...localeOf(message) },
    );
  }
  const suggested = lastButtons(messages, language);
  return messages.map((message, index) => {
    const isLast = index === messages.length - 1;
    if (needsCard(message)) return { type: 'message', attachments: [toAdaptiveCard(message, message.lang ?? language)], ...localeOf(message) };
    const feedback = message.kind === 'feedback' && Boolean(message.buttons?.length);
    const activity: Partial<Activity> = feedback
      ? { type: 'message', attachments: [feedbackCard(message)] }
      : { type: 'message', text: message.kind === 'outcome' ? withLinksAfterLead(message.text, message.links ?? []) : message.text, textFormat: 'markdown' };
    activity.inputHint = isLast && (suggested.length || feedback) ? InputHints.ExpectingInput : InputHints.AcceptingInput;
    Object.assign(activity, localeOf(message));
    // A paragraph in another language (the offer of English in Welsh): the page marks its language for screen readers.
    if (message.otherLanguages?.length) activity.channelData = { otherLanguages: message.otherLanguages };
    if (isLast && suggested.length) activity.suggestedActions = { to: [], actions: suggested.map(toCardAction) };
    return activity;
  });
}
