import { ActionTypes, InputHints, type Activity, type CardAction } from 'botbuilder';
import { contentFor } from '../dialogs/content';
import type { BotButton, BotMessage } from '../dialogs/render';
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
 * The turn's buttons, for its last message: Web Chat shows suggested actions on the last message only, so whatever is
 * sent after the question or outcome (the offer of the other language, a notice) carries them. They are the buttons of
 * the last message that has any; "Was this helpful?" comes after "Your answers" and adds its Yes and No to that
 * message's Change and Start again (which would otherwise be lost).
 */
function lastButtons(messages: BotMessage[]): BotButton[] {
  let at = messages.length - 1;
  // A card keeps its own buttons (the optional "What happened?"): they are not the turn's suggested actions.
  while (at >= 0 && (!messages[at].buttons?.length || needsCard(messages[at]))) at--;
  if (at < 0) return [];
  const last = messages[at];
  const before = messages[at - 1];
  if (last.kind === 'feedback' && before?.buttons?.length) return [...before.buttons, ...(last.buttons ?? [])];
  return last.buttons ?? [];
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
 * message with an attachment). Everywhere else (Web Chat, Direct Line, Emulator, terminal): markdown with the
 * turn's buttons as suggested actions on its last message, the only place they show.
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
  const suggested = lastButtons(messages);
  return messages.map((message, index) => {
    const isLast = index === messages.length - 1;
    if (needsCard(message)) return { type: 'message', attachments: [toAdaptiveCard(message, message.lang ?? language)], ...localeOf(message) };
    const activity: Partial<Activity> = {
      type: 'message',
      text: message.text,
      textFormat: 'markdown',
      inputHint: isLast && suggested.length ? InputHints.ExpectingInput : InputHints.AcceptingInput,
      ...localeOf(message),
    };
    if (isLast && suggested.length) {
      activity.suggestedActions = { to: [], actions: suggested.map(toCardAction) };
    }
    return activity;
  });
}
