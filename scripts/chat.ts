/**
 * The triage bot in a terminal: no browser, no Azure. Type answers, or the number of a button.
 * The same TriageBot, turn step and in-memory storage as the server, through a small console adapter.
 */
import { createInterface } from 'node:readline/promises';
import {
  BotAdapter,
  MemoryStorage,
  TurnContext,
  type Activity,
  type CardAction,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { ConversationStore } from '../bots/conversationStore';
import { TriageBot } from '../bots/triageBot';

class ConsoleAdapter extends BotAdapter {
  lastActions: CardAction[] = [];
  private nextId = 1;

  constructor(private readonly write: (text: string) => void) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const shown: CardAction[] = [];
    for (const activity of activities) {
      if (activity.type !== 'message') continue;
      // A card (the optional "What happened?"): its words and its buttons, numbered like suggested actions.
      const card = activity.attachments?.[0]?.content as { body?: Array<{ text?: string; actions?: Array<{ title: string; data?: { msteams?: { text?: string; value?: unknown } } }> }> } | undefined;
      const text = activity.text ?? (card?.body ?? []).flatMap((element) => (element.text ? [element.text] : [])).join('\n\n');
      this.write(`\nBot: ${text.replace(/\*\*/g, '').replace(/\n/g, '\n     ')}\n`);
      const cardActions: CardAction[] = (card?.body ?? [])
        .flatMap((element) => element.actions ?? [])
        .map((action) => ({ type: 'messageBack', title: action.title, text: action.data?.msteams?.text, value: action.data?.msteams?.value }));
      const actions = cardActions.length ? cardActions : (activity.suggestedActions?.actions ?? []);
      if (actions.length) {
        // Numbered on from the turn's earlier buttons, so a card's and the last message's can both be chosen.
        const first = shown.length;
        shown.push(...actions);
        this.lastActions = shown;
        this.write(actions.map((action, index) => `  [${first + index + 1}] ${action.title}`).join('\n') + '\n');
      }
    }
    return activities.map(() => ({ id: String(this.nextId++) }));
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {}

  async receive(activity: Partial<Activity>, bot: TriageBot): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, (turnContext) => bot.run(turnContext));
  }
}

function activity(partial: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'console',
    conversation: { id: 'console-conversation', isGroup: false, conversationType: 'personal', name: 'console' },
    from: { id: 'user', name: 'You' },
    recipient: { id: 'bot', name: 'Cyber triage bot' },
    serviceUrl: 'http://localhost',
    locale: 'en-GB',
    timestamp: new Date(),
    ...partial,
  };
}

async function main(): Promise<void> {
  const adapter = new ConsoleAdapter((text) => process.stdout.write(text));
  const bot = new TriageBot({ store: new ConversationStore(new MemoryStorage()) });
  await adapter.receive(
    activity({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'You' }] }),
    bot,
  );
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write('(Type an answer or a button number; Ctrl+D or "quit" to leave.)\n');
  for await (const line of terminal) {
    const typed = line.trim();
    if (typed === 'quit' || typed === 'exit') break;
    const chosen = /^\d+$/.test(typed) ? adapter.lastActions[Number(typed) - 1] : undefined;
    const message = chosen
      ? activity({ type: 'message', text: chosen.text, value: chosen.value })
      : activity({ type: 'message', text: typed });
    await adapter.receive(message, bot);
  }
  terminal.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
