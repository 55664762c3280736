import { MemoryStorage } from 'botbuilder';
import { startServer, type RunningServer } from '../../index';
import { sendMessage, textOf } from '../support/activity';

/**
 * Places outside the UK police network over HTTP (issue 20), as a user in Web Chat sees them: the island's police and
 * number first for a live organisation that names its island in its first message, "contact the police where you
 * are" with 999 for the UK abroad, and "Ireland" offered as Northern Ireland or outside the UK. Never Report Fraud's
 * press 9, which covers England, Wales and Northern Ireland only.
 */

let running: RunningServer;

beforeAll(async () => {
  running = await startServer({ port: 0, env: {}, storage: new MemoryStorage(), clock: () => new Date('2026-11-18T10:30:00Z'), log: () => undefined });
});

afterAll(async () => {
  await running.close();
});

interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; text: string; value: Record<string, unknown> }> };
}

let counter = 0;

function send(conversationId: string, fields: Record<string, unknown>): Promise<Reply[]> {
  return sendMessage<Reply>(running.url, conversationId, fields);
}

async function click(conversationId: string, replies: Reply[], title: string): Promise<Reply[]> {
  const action = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((each) => each.title === title);
  if (!action) throw new Error(`no button "${title}" among ${replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).map((each) => each.title).join(' | ')}`);
  return send(conversationId, { text: action.text, value: action.value });
}


test.each([
  ['small business in St Helier Jersey, hackers are in our systems now', 'the States of Jersey Police', '612612'],
  ["our hotel on Guernsey has been hit by ransomware, it's happening now", 'Guernsey Police', '222222'],
  ['we are a small charity on Sark and our files are being encrypted right now', 'Guernsey Police', '222222'],
  ['Our firm in Douglas, Isle of Man is under attack right now', 'the Isle of Man Constabulary', '631212'],
])('a first message "%s": the first reply is %s on %s, never press 9', async (message, police, number) => {
  const replies = await send(`places-${++counter}`, { text: message });
  expect(replies[0].text!.split('\n')[0]).toMatch(new RegExp(`^\\*\\*Call ${police} now on ${number}\\*\\*`, 'i'));
  expect(textOf(replies)).not.toMatch(/0300 123 2040|press 9/);
});

test('a live organisation abroad: the police where they are and 999 for the UK, never press 9', async () => {
  const replies = await send(`places-${++counter}`, { text: 'our company in Spain is being hacked right now' });
  expect(replies[0].text).toMatch(/^\*\*Contact the police where you are now\.\*\*/);
  expect(replies[0].text).toMatch(/999 in the UK/);
  expect(textOf(replies)).not.toMatch(/0300 123 2040|press 9/);
});

test('"Ireland" at the location question: Northern Ireland or outside the UK, and outside the UK is the police where they are', async () => {
  const id = `places-${++counter}`;
  let replies = await send(id, { text: 'hello' });
  replies = await click(id, replies, 'No');
  replies = await click(id, replies, 'Myself');
  replies = await send(id, { text: 'Ireland' });
  expect(textOf(replies)).toMatch(/Do you mean Northern Ireland, or somewhere outside the UK\?/);
  expect(textOf(replies)).not.toMatch(/couldn't match that to a place in the UK/);
  replies = await click(id, replies, 'Outside the UK (Republic of Ireland)');
  expect(textOf(replies)).toMatch(/contact the local police where you are/);
  expect(textOf(replies)).not.toMatch(/0300 123 2040|press 9/);
});

test('"GY1 1AA" before the first question is answered: kept, and the outcome is Guernsey Police without asking where', async () => {
  const id = `places-${++counter}`;
  let replies = await send(id, { text: 'hello' });
  replies = await send(id, { text: 'GY1 1AA' });
  expect(textOf(replies)).not.toMatch(/didn't understand/);
  replies = await click(id, replies, 'No');
  replies = await click(id, replies, 'Myself');
  expect(textOf(replies)).not.toMatch(/Where are you/);
  expect(textOf(replies)).toMatch(/Guernsey Police on 222222/);
});
