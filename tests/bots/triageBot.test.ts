import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { ConversationStore } from '../../bots/conversationStore';
import { MemoryConversationStorage } from '../../bots/storage';
import { TriageBot } from '../../bots/triageBot';

/**
 * A message goes straight to its turn when the bot has no other handler for it (bots/triageBot.ts `run`); with any
 * other handler registered, the SDK's own dispatch runs them all. Either way the user sees the same conversation.
 */

const NOW = new Date('2026-11-18T10:30:00Z');

function botWith(extra?: (bot: TriageBot, seen: string[]) => void): { adapter: TestAdapter; seen: string[] } {
  const bot = new TriageBot({ store: new ConversationStore(new MemoryConversationStorage()), clock: () => NOW });
  const seen: string[] = [];
  extra?.(bot, seen);
  const adapter = new TestAdapter((context: TurnContext) => bot.run(context));
  return { adapter, seen };
}

async function say(adapter: TestAdapter, text: string): Promise<string[]> {
  const replies: string[] = [];
  await adapter.send(text).assertReply((reply: Partial<Activity>) => void replies.push(reply.text ?? JSON.stringify(reply.attachments)));
  // The rest of the turn's replies, whatever their number.
  for (let next = adapter.activeQueue.shift(); next; next = adapter.activeQueue.shift()) replies.push(next.text ?? JSON.stringify(next.attachments));
  return replies.map((reply) => reply.replace(/"triage":"[^"]+"/g, '"triage":"…"'));
}

const MESSAGES = ['hello', 'no, it happened last week', "it's my own account", 'LS1 4AP', 'start again'];

test('a message gets the same replies whether it goes straight to its turn or through every handler', async () => {
  const straight = botWith();
  const dispatched = botWith((bot, seen) =>
    bot.onTurn(async (_context, next) => {
      seen.push('turn');
      await next();
    }),
  );
  for (const text of MESSAGES) {
    const replies = await say(straight.adapter, text);
    expect(replies.length).toBeGreaterThan(0);
    expect(await say(dispatched.adapter, text)).toEqual(replies);
  }
  // The turn handler ran for every message: the bot with it took the SDK's dispatch.
  expect(dispatched.seen).toEqual(MESSAGES.map(() => 'turn'));
});

test('another message handler registered on the bot still runs, after the triage answered', async () => {
  const { adapter, seen } = botWith((bot, seen) =>
    bot.onMessage(async (_context, next) => {
      seen.push('second handler');
      await next();
    }),
  );
  const replies = await say(adapter, 'no, it happened last week');
  expect(replies.join('\n')).toMatch(/for an organisation|yourself|Who/i);
  expect(seen).toEqual(['second handler']);
});
