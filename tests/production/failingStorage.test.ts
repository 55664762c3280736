import type { StoreItems } from 'botbuilder';
import { MemoryConversationStorage } from '../../bots/storage';
import { startServer, type RunningServer } from '../../index';
import { CapturedLogs } from './support/logs';
import { activity, allText, button, post, type Reply } from './support/serverProcess';

/**
 * Storage that fails or hangs, and channels that deliver an activity twice (issue 18), over HTTP:
 * - every turn is answered within about 5 s however storage behaves, at worst with the fallback and its numbers,
 *   in words true to what happened;
 * - an activity delivered again gets the same replies again and is never applied twice, on one instance or two;
 * - /livez and /readyz say different things, so a storage outage never makes a live instance look dead;
 * - the idle sweep never deletes a turn written after it looked.
 */

jest.setTimeout(30_000);

const ANSWERED_WITHIN_MS = 5_000;
const NUMBERS = ['999', '0300 123 2040', 'press 9', '101'];
const QUESTION_1 = /Is the incident happening now\?/;
const QUESTION_2 = /Are you asking for a business, charity or other organisation, or for yourself\?/;

const never = <T>() => new Promise<T>(() => undefined);

/** Memory storage whose calls can be made to hang or fail, one operation at a time. */
class UnreliableStorage extends MemoryConversationStorage {
  hang = { read: false, write: false, delete: false };
  fail = { read: false, write: false };
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.hang.read) return never();
    if (this.fail.read) throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    if (this.hang.write) return never();
    if (this.fail.write) throw Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' });
    return super.write(changes);
  }
  override async delete(keys: string[]): Promise<void> {
    if (this.hang.delete) return never();
    return super.delete(keys);
  }
  override async probe(): Promise<void> {
    if (this.hang.read) return never();
    if (this.fail.read) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
  }
}

let counter = 0;
const nextId = (name: string) => `${name}-${++counter}`;

async function timed(url: string, body: Record<string, unknown>): Promise<{ status: number; replies: Reply[]; ms: number }> {
  const started = Date.now();
  const { status, json } = await post(url, body);
  return { status, replies: (json?.activities ?? []) as Reply[], ms: Date.now() - started };
}

function expectFallback(replies: Reply[]): void {
  const text = allText(replies);
  for (const number of NUMBERS) expect(text).toContain(number);
  // True whatever happened: nothing claims the conversation was restarted.
  expect(text).not.toMatch(/start again|started again/i);
}

describe('storage that hangs or fails: every turn answered within about 5 s', () => {
  let storage: UnreliableStorage;
  let running: RunningServer;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    storage = new UnreliableStorage();
    running = await startServer({ port: 0, env: { HEALTH_CACHE_SECONDS: '0' }, storage, log: logs.log });
  });
  afterAll(() => running.shutdown(1_000));
  afterEach(() => {
    storage.hang = { read: false, write: false, delete: false };
    storage.fail = { read: false, write: false };
  });

  test.each([
    ['every read hangs', { read: true }],
    ['reads answer, every write hangs', { write: true }],
    ['everything hangs, deletes too', { read: true, write: true, delete: true }],
  ])('%s: the fallback with 999, 0300 123 2040 press 9 and 101, within 5 s', async (_name, hang) => {
    const id = nextId('hang');
    await post(running.url, activity(id, { type: 'message', text: 'hello' }));
    storage.hang = { read: false, write: false, delete: false, ...hang };
    const answers = await Promise.all([0, 1, 2].map(() => timed(running.url, activity(id, { type: 'message', text: 'no' }))));
    for (const { status, replies, ms } of answers) {
      expect(status).toBe(200);
      expect(ms).toBeLessThan(ANSWERED_WITHIN_MS);
      expect(replies).toHaveLength(1);
      expectFallback(replies);
    }
  });

  test('a turn that fails on storage leaves the conversation where it was: the next message carries on from there', async () => {
    const id = nextId('carry-on');
    let replies = (await timed(running.url, activity(id, { type: 'message', text: 'hello' }))).replies;
    expect(allText(replies)).toMatch(QUESTION_1);
    storage.fail.write = true;
    expectFallback((await timed(running.url, activity(id, { type: 'message', ...button(replies, 'No') }))).replies);
    storage.fail.write = false;
    replies = (await timed(running.url, activity(id, { type: 'message', ...button(replies, 'No') }))).replies;
    // The click still counts: it was for the question on screen, which the failed turn did not move on from.
    expect(allText(replies)).toMatch(QUESTION_2);
    const failure = logs.events('turnError').at(-1);
    expect(failure).toMatchObject({ storage: true, err: { type: 'StorageUnavailableError', code: 'ECONNRESET' } });
  });

  test('a turn that fails on its own is answered at once, and its reset (a delete that hangs) is not waited for', async () => {
    const id = nextId('bad-record');
    await post(running.url, activity(id, { type: 'message', text: 'hello' }));
    // A stored item that cannot be read as a conversation: the turn itself throws.
    const read = storage.read.bind(storage);
    storage.read = async (keys: string[]) => {
      const items = await read(keys);
      for (const key of keys) if (key.endsWith(`/${id}`)) items[key] = { get record(): never { throw new TypeError('unreadable record'); } } as never;
      return items;
    };
    storage.hang.delete = true;
    try {
      const { status, replies, ms } = await timed(running.url, activity(id, { type: 'message', text: 'no' }));
      expect(status).toBe(200);
      expect(ms).toBeLessThan(1_000);
      expectFallback(replies);
    } finally {
      storage.read = read;
    }
  });

  test('/livez stays 200 while storage is down; /readyz and /healthz say 503 with a reason', async () => {
    storage.fail.read = true;
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unready', reason: 'storage unreachable (ECONNREFUSED)' });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(503);
    storage.fail.read = false;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${running.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    // A hung storage: /readyz answers 503 within its probe's 2 s, /livez at once.
    storage.hang.read = true;
    const started = Date.now();
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('the same activity delivered twice is answered twice and applied once', () => {
  let storage: MemoryConversationStorage;
  let a: RunningServer;
  let b: RunningServer;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    storage = new MemoryConversationStorage();
    // Two instances on one store, as behind a load balancer.
    [a, b] = await Promise.all([startServer({ port: 0, env: {}, storage, log: logs.log }), startServer({ port: 0, env: {}, storage, log: () => undefined })]);
  });
  afterAll(() => Promise.all([a.shutdown(1_000), b.shutdown(1_000)]));

  async function send(server: RunningServer, conversation: string, fields: Record<string, unknown>): Promise<Reply[]> {
    const { status, json } = await post(server.url, activity(conversation, fields));
    expect(status).toBe(200);
    return json.activities as Reply[];
  }

  const storedItem = async (conversation: string) => (await storage.read([`test/conversations/${conversation}`]))[`test/conversations/${conversation}`] as Record<string, any>;

  test('a retried "yes" at the second question gets the same replies, not a second reading of it', async () => {
    const id = nextId('retry-yes');
    let replies = await send(a, id, { type: 'message', text: 'hello' });
    replies = await send(a, id, { type: 'message', ...button(replies, 'No') });
    expect(allText(replies)).toMatch(QUESTION_2);
    // "yes" answers no question of the two offered: the bot checks what was meant.
    const first = await send(a, id, { type: 'message', id: 'activity-yes-1', text: 'yes' });
    expect(allText(first)).toMatch(/Just to check/);
    const again = await send(a, id, { type: 'message', id: 'activity-yes-1', text: 'yes' });
    // Applied twice, the retry would have been a Yes to that check, and moved on to "Where are you?".
    expect(again).toEqual(first);
    expect((await storedItem(id)).record.pending).toBeDefined();
    // A new activity with the same words is a new answer: Yes to the check.
    const another = await send(a, id, { type: 'message', id: 'activity-yes-2', text: 'yes' });
    expect(allText(another)).toMatch(/Where are you/);
  });

  test('a retried click whose first attempt was stored gets its answer again, on the other instance too, never "That button was for an earlier question"', async () => {
    const id = nextId('retry-click');
    const welcome = await send(a, id, { type: 'conversationUpdate', id: 'welcome-1', membersAdded: [{ id: 'user-1' }] });
    const click = { type: 'message', id: 'click-no-1', ...button(welcome, 'No') };
    const first = await send(a, id, click);
    expect(allText(first)).toMatch(QUESTION_2);
    for (const server of [a, b]) {
      const again = await send(server, id, click);
      expect(again).toEqual(first);
      expect(allText(again)).not.toMatch(/earlier question/);
    }
    // And the conversation moved on once: the next answer is taken at the second question.
    expect(allText(await send(b, id, { type: 'message', id: 'click-org', ...button(first, 'An organisation') }))).toMatch(/Where are you/);
  });

  test('a retried welcome whose first reply died is answered with the greeting, not with nothing', async () => {
    const id = nextId('retry-welcome');
    const welcome = { type: 'conversationUpdate', id: 'welcome-retry', membersAdded: [{ id: 'user-1' }] };
    const first = await send(a, id, welcome);
    expect(allText(first)).toMatch(QUESTION_1);
    const again = await send(b, id, welcome);
    expect(again).toEqual(first);
    // A second, different conversationUpdate (Direct Line sends two) still greets only once.
    expect(await send(a, id, { type: 'conversationUpdate', id: 'welcome-other', membersAdded: [{ id: 'user-1' }] })).toEqual([]);
  });

  test('the same activity sent to both instances at once is applied once', async () => {
    const id = nextId('race');
    await send(a, id, { type: 'message', text: 'hello' });
    const body = { type: 'message', id: 'raced-miss', text: 'zxqv blorp' };
    const [one, two] = await Promise.all([send(a, id, body), send(b, id, body)]);
    expect(one).toEqual(two);
    expect((await storedItem(id)).record.misses).toBe(1);
  });

  test('what is kept holds neither the activity id nor anything the user typed; a repeat is logged, not counted as a turn', async () => {
    const id = nextId('privacy');
    const canary = 'CANARY-8d1e my shop in Leeds';
    await send(a, id, { type: 'message', text: 'hello' });
    await send(a, id, { type: 'message', id: 'ACTIVITY-ID-CANARY-5c2f', text: canary });
    await send(a, id, { type: 'message', id: 'ACTIVITY-ID-CANARY-5c2f', text: canary });
    const stored = JSON.stringify(await storedItem(id));
    expect(stored).not.toContain('ACTIVITY-ID-CANARY');
    expect(stored).not.toContain('CANARY-8d1e');
    expect(logs.events('turnReplayed').length).toBeGreaterThan(0);
    expect(logs.lines.join('\n')).not.toMatch(/CANARY/);
  });
});

describe('the idle sweep deletes only the version it read', () => {
  test('a turn written between the sweep reading a conversation and deleting it is kept', async () => {
    const storage = new MemoryConversationStorage();
    const start = Date.parse('2026-11-18T10:00:00Z');
    let sweeperNow = start;
    let userNow = start;
    const sweeper = await startServer({ port: 0, env: {}, storage, clock: () => new Date(sweeperNow), log: () => undefined });
    const other = await startServer({ port: 0, env: {}, storage, clock: () => new Date(userNow), log: () => undefined });
    try {
      const id = nextId('sweep');
      const welcome = (await post(sweeper.url, activity(id, { type: 'message', text: 'hello' }))).json.activities as Reply[];
      // 31 minutes on, the sweep reads the conversation, idle; before it deletes, the user answers on the other instance.
      sweeperNow = start + 31 * 60_000;
      userNow = start + 29 * 60_000;
      const read = storage.read.bind(storage);
      let answered: Reply[] = [];
      storage.read = async (keys: string[]) => {
        const items = await read(keys);
        storage.read = read;
        answered = (await post(other.url, activity(id, { type: 'message', ...button(welcome, 'No') }))).json.activities as Reply[];
        return items;
      };
      await sweeper.sweepIdle();
      expect(allText(answered)).toMatch(QUESTION_2);
      // The answer was kept: the conversation carries on at the second question.
      userNow = start + 30 * 60_000;
      const next = (await post(other.url, activity(id, { type: 'message', text: 'an organisation' }))).json.activities as Reply[];
      expect(allText(next)).toMatch(/Where are you/);
    } finally {
      await Promise.all([sweeper.shutdown(1_000), other.shutdown(1_000)]);
    }
  });
});
