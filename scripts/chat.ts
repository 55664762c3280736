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
    for (const activity of activities) {
      if (activity.type !== 'message') continue;
      this.write(`\nBot: ${(activity.text ?? '').replace(/\*\*/g, '').replace(/\n/g, '\n     ')}\n`);
      const actions = activity.suggestedActions?.actions ?? [];
      if (actions.length) {
        this.lastActions = actions;
        this.write(actions.map((action, index) => `  [${index + 1}] ${action.title}`).join('\n') + '\n');
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
