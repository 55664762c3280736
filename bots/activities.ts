import { ActionTypes, InputHints, type Activity, type CardAction } from 'botbuilder';
import type { BotButton, BotMessage } from '../dialogs/render';

function toCardAction(button: BotButton): CardAction {
  // messageBack sends both the value (read first) and the words (so the same click also works as typed text).
  return { type: ActionTypes.MessageBack, title: button.label, text: button.text, displayText: button.label, value: button.value };
}

/**
 * Bot Framework activities for Web Chat, Direct Line, the Emulator and the terminal. Suggested actions only show
 * on the last message, so a turn's buttons ride on its last message.
 */
export function toActivities(messages: BotMessage[]): Partial<Activity>[] {
  return messages.map((message, index) => {
    const isLast = index === messages.length - 1;
    const activity: Partial<Activity> = {
      type: 'message',
      text: message.text,
      textFormat: 'markdown',
      inputHint: isLast && message.buttons ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    };
    if (isLast && message.buttons?.length) {
      activity.suggestedActions = { to: [], actions: message.buttons.map(toCardAction) };
    }
    return activity;
  });
}
