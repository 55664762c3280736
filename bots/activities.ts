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
 * The suggested actions of a turn's last message. "Was this helpful?" comes after "Your answers" and adds its Yes and
 * No to that message's Change and Start again (which would otherwise be lost: only the last message's show).
 */
function lastButtons(messages: BotMessage[]): BotButton[] {
  const last = messages[messages.length - 1];
  const before = messages[messages.length - 2];
  if (last?.kind === 'feedback' && before?.buttons?.length) return [...before.buttons, ...(last.buttons ?? [])];
  return last?.buttons ?? [];
}

/**
 * Teams: questions and outcomes as Adaptive Cards (Teams shows at most three suggested actions, and none on a
 * message with an attachment). Everywhere else (Web Chat, Direct Line, Emulator, terminal): markdown with the
 * turn's buttons as suggested actions on its last message, the only place they show.
 */
export function toActivities(messages: BotMessage[], channelId?: string, language?: string): Partial<Activity>[] {
  // Each reply says its language (activity.locale, a card's lang): screen readers and Teams read it in that language.
  const locale = language ? { locale: contentFor(language).locale } : {};
  if (channelId === 'msteams') {
    return messages.map((message) =>
      isPlain(message)
        ? { type: 'message', text: message.text, textFormat: 'markdown', ...locale }
        : { type: 'message', attachments: [toAdaptiveCard(message, language)], inputHint: InputHints.ExpectingInput, ...locale },
    );
  }
  const suggested = lastButtons(messages);
  return messages.map((message, index) => {
    const isLast = index === messages.length - 1;
    const activity: Partial<Activity> = {
      type: 'message',
      text: message.text,
      textFormat: 'markdown',
      inputHint: isLast && message.buttons ? InputHints.ExpectingInput : InputHints.AcceptingInput,
      ...locale,
    };
    if (isLast && suggested.length) {
      activity.suggestedActions = { to: [], actions: suggested.map(toCardAction) };
    }
    return activity;
  });
}
