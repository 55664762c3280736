import { MemoryStorage } from 'botbuilder';
import { startServer, type RunningServer } from '../../index';
import { activity } from '../support/activity';
import { CapturedLogs } from '../production/support/logs';

/** The real server on a free port; activities posted with deliveryMode "expectReplies" return the replies. */

let running: RunningServer;
const logs = new CapturedLogs();
let storageFails = false;

/** Memory storage whose reads can be made to fail, as an unreachable storage account would. */
class FlakyStorage extends MemoryStorage {
  override async read(keys: string[]) {
    if (storageFails) throw new Error('storage unavailable');
    return super.read(keys);
  }
}

beforeAll(async () => {
  running = await startServer({
    port: 0,
    env: {},
    storage: new FlakyStorage(),
    clock: () => new Date('2026-11-18T10:30:00Z'),
    log: logs.log,
  });
});

afterAll(async () => {
  await running.close();
});

interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; text: string; value: Record<string, unknown> }> };
}

let conversationCounter = 0;

function newConversationId(): string {
  return `http-test-${++conversationCounter}`;
}

async function post(body: unknown, contentType = 'application/json'): Promise<{ status: number; json: any }> {
  const response = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function send(conversationId: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const { status, json } = await post(activity(conversationId, { type: 'message', ...fields }));
  expect(status).toBe(200);
  return json.activities as Reply[];
}

async function click(conversationId: string, replies: Reply[], title: string): Promise<Reply[]> {
  const action = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((a) => a.title === title);
  if (!action) throw new Error(`no button "${title}"`);
  return send(conversationId, { text: action.text, value: action.value });
}

function allText(replies: Reply[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n');
}

test('GET /healthz answers ok', async () => {
  const response = await fetch(`${running.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok' });
});

test('a complete live-attack conversation by buttons', async () => {
  const id = newConversationId();
  const welcome = await post(activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
  expect(welcome.status).toBe(200);
  let replies: Reply[] = welcome.json.activities;
  expect(allText(replies)).toMatch(/immediate danger, call 999/);
  expect(allText(replies)).toMatch(/don't type passwords/);
  replies = await click(id, replies, 'Yes');
  replies = await click(id, replies, 'An organisation');
  expect(replies[0].text).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9\.\*\*/);
  expect(allText(replies)).toMatch(/Police Scotland on 101/);
});

test('a complete regional conversation by typing, with a postcode', async () => {
  const id = newConversationId();
  await send(id, { text: 'hello' });
  await send(id, { text: 'no, it happened last week' });
  await send(id, { text: "it's my own account" });
  const replies = await send(id, { text: 'ls1 4ap' });
  const text = allText(replies);
  expect(text).toContain('Yorkshire and Humber Regional Organised Crime Unit');
  expect(text).toContain('https://www.yhrocu.org.uk/');
  expect(text).toContain('Based in: LS1');
  expect(text).not.toContain('4AP');
});

test('two conversationUpdates greet once (Direct Line sends one for the bot and one for the user)', async () => {
  const id = newConversationId();
  const first = await post(activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] }));
  const second = await post(activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
  expect(allText(first.json.activities)).toMatch(/^Hello/);
  expect(second.json?.activities ?? []).toHaveLength(0);
});

describe('malformed activities get 400 with a JSON error', () => {
  test.each([
    ['not JSON', 'not json at all', 'application/json'],
    ['an array', [], 'application/json'],
    ['a string', '"hello"', 'application/json'],
    ['an empty object', {}, 'application/json'],
    ['no channelId', { type: 'message', conversation: { id: 'c' }, from: { id: 'u' } }, 'application/json'],
    ['no conversation.id', { type: 'message', channelId: 'test', conversation: {}, from: { id: 'u' } }, 'application/json'],
    ['no from.id', { type: 'message', channelId: 'test', conversation: { id: 'c' } }, 'application/json'],
  ])('%s', async (_name, body, contentType) => {
    const { status, json } = await post(body, contentType);
    expect(status).toBe(400);
    expect(typeof json.message).toBe('string');
  });
});

describe('only JSON is read: any other content type with a body gets 415, before anything else', () => {
  const body = JSON.stringify(activity('type-test', { type: 'message', text: 'yes' }));
  test.each([
    ['text/plain', 'hello bot'],
    ['text/csv (malformed)', 'a,"b\n"c'],
    ['text/tsv (malformed)', 'a\t"b'],
    ['application/x-www-form-urlencoded', 'type=message&channelId=test&conversation%5Bid%5D=c&from%5Bid%5D=u&deliveryMode=expectReplies'],
    ['application/xml', '<activity/>'],
    ['application/octet-stream', body],
    ['application/json-seq', body],
  ])('%s', async (contentType, text) => {
    const { status, json } = await post(text, contentType.split(' ')[0]);
    expect(status).toBe(415);
    expect(json).toEqual({ error: 'UnsupportedMediaType', message: expect.any(String) });
    // Nothing of the body comes back (restify's CSV parser used to quote it in a 500).
    expect(JSON.stringify(json)).not.toMatch(/"b|channelId=|activity\/>/);
  });

  test('a JSON body with no Content-Type gets 415 too', async () => {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', body: new TextEncoder().encode(body) });
    expect(response.status).toBe(415);
  });

  test.each(['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', 'application/json; charset="utf-8"'])('%s is accepted', async (contentType) => {
    const { status, json } = await post(activity(newConversationId(), { type: 'message', text: 'hi' }), contentType);
    expect(status).toBe(200);
    expect(allText(json.activities)).toMatch(/Is the incident happening now\?/);
  });
});

test('a body over the limit gets 413', async () => {
  const { status } = await post(activity('big', { type: 'message', text: 'a'.repeat(70 * 1024) }));
  expect(status).toBe(413);
});

test('gibberish gets the question again, and after two misses the direct numbers', async () => {
  const id = newConversationId();
  await send(id, { text: 'hi' });
  const first = await send(id, { text: 'zxqv blorp' });
  expect(allText(first)).toMatch(/didn't understand/);
  expect(allText(first)).toMatch(/Is the incident happening now\?/);
  expect(allText(first)).not.toMatch(/0300 123 2040/);
  const second = await send(id, { text: 'qwertyuiop' });
  expect(allText(second)).toMatch(/0300 123 2040 and press 9/);
  expect(allText(second)).toMatch(/Is the incident happening now\?/);
});

test('a 10 KB message gets a clear answer', async () => {
  const id = newConversationId();
  await send(id, { text: 'hi' });
  const replies = await send(id, { text: 'x'.repeat(10 * 1024) });
  expect(allText(replies)).toMatch(/too long for me to read/);
  expect(allText(replies)).toMatch(/Is the incident happening now\?/);
});

test('an empty message gets a clear answer', async () => {
  const id = newConversationId();
  await send(id, { text: 'hi' });
  const replies = await send(id, { text: '' });
  expect(allText(replies)).toMatch(/didn't get any text/);
});

test('a click on an old button is not applied', async () => {
  const id = newConversationId();
  const greeting = await send(id, { text: 'hi' });
  await click(id, greeting, 'No');
  const replies = await click(id, greeting, 'Yes');
  expect(allText(replies)).toMatch(/earlier question/);
  expect(allText(replies)).toMatch(/Are you asking for a business/);
});

test('a turn that fails on storage is logged without the user text, the user gets the 24/7 numbers, and the conversation stays where it was', async () => {
  const id = newConversationId();
  await send(id, { text: 'hi' });
  await send(id, { text: 'yes' });
  storageFails = true;
  const secret = 'CANARY-user-typed-this';
  let replies: Reply[];
  try {
    replies = await send(id, { text: secret });
  } finally {
    storageFails = false;
  }
  expect(allText(replies)).toMatch(/0300 123 2040 and press 9/);
  expect(allText(replies)).toMatch(/999/);
  expect(allText(replies)).not.toMatch(/start again/);
  expect(logs.events('turnError')).toEqual([expect.objectContaining({ level: 'error', err: { type: 'StorageUnavailableError' }, activityType: 'message', channel: 'test', storage: true })]);
  expect(logs.lines.join('\n')).not.toContain(secret);
  // Storage, not the conversation, was what failed: nothing is reset, and the next message carries on from the
  // second question.
  const after = await send(id, { text: 'hello again' });
  expect(allText(after)).toMatch(/Are you asking for a business/);
});
