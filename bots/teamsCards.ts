import { CardFactory, type Attachment } from 'botbuilder';
import type { BotButton, BotMessage } from '../dialogs/render';

/** Teams shows at most this many actions side by side; longer lists are split into rows. */
const ACTIONS_PER_ROW = 5;
const ADAPTIVE_CARD_VERSION = '1.4';

/**
 * A button as an Adaptive Card Action.Submit. In Teams, `msteams.messageBack` shows the user's answer in the chat
 * (displayText) and sends both the words and the stamped value; other hosts send `data` itself as the value.
 */
function submitAction(button: BotButton): Record<string, unknown> {
  return {
    type: 'Action.Submit',
    title: button.label,
    data: {
      ...button.value,
      msteams: { type: 'messageBack', displayText: button.label, text: button.text, value: button.value },
    },
  };
}

function rows(actions: Record<string, unknown>[]): Record<string, unknown>[] {
  const sets: Record<string, unknown>[] = [];
  for (let start = 0; start < actions.length; start += ACTIONS_PER_ROW) {
    sets.push({ type: 'ActionSet', actions: actions.slice(start, start + ACTIONS_PER_ROW) });
  }
  return sets;
}

function textBlocks(text: string): Record<string, unknown>[] {
  return text.split(/\n{2,}/).map((paragraph, index) => ({
    type: 'TextBlock',
    text: paragraph,
    wrap: true,
    ...(index > 0 ? { spacing: 'Medium' } : {}),
  }));
}

/**
 * One message as an Adaptive Card: its words, "Your answers" as a fact table, links, then its buttons. `language`
 * ("cy", "en") becomes the card's `lang`, so a host reads and formats it in the user's language.
 */
export function toAdaptiveCard(message: BotMessage, language?: string): Attachment {
  const body: Record<string, unknown>[] = [];
  if (message.facts?.length) {
    const [heading] = message.text.split(/\n{2,}/);
    body.push(...textBlocks(heading));
    body.push({ type: 'FactSet', facts: message.facts });
  } else {
    body.push(...textBlocks(message.text));
  }
  // An OpenUrl action needs an absolute address: a page of this service with none configured (a path) is left out.
  const links = (message.links ?? [])
    .filter((link) => /^[a-z][a-z0-9+.-]*:/i.test(link.url))
    .map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url }));
  const buttons = (message.buttons ?? []).map(submitAction);
  body.push(...rows(links), ...rows(buttons));
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    ...(language ? { lang: language } : {}),
    body,
  });
}
