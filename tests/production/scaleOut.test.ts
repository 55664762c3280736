import { BlobConversationStorage } from '../../bots/storage';
import type { ConversationRecord } from '../../dialogs/turn';
import { startAzurite, type Azurite } from './support/azurite';
import { activity, allText, button, post, spawnServer, type Reply, type ServerProcess } from './support/serverProcess';

/**
 * Two real server processes (`node --require tsx/cjs index.ts`) sharing one Azurite container, as two instances
 * behind a load balancer would share a storage account.
 */

const CONTAINER = 'scale-out';
/** /healthz caches its storage probe (5 s by default); 0 here so the outage shows at once. */
const ENV = { HEALTH_CACHE_SECONDS: '0' };
let azurite: Azurite;
let a: ServerProcess;
let b: ServerProcess;
let counter = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  [a, b] = await Promise.all([spawnServer({ ...azurite.env(CONTAINER), ...ENV }), spawnServer({ ...azurite.env(CONTAINER), ...ENV })]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await azurite?.stop();
}, 30_000);

async function send(server: ServerProcess, conversationId: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const { status, json } = await post(server.url, activity(conversationId, { type: 'message', ...fields }));
  expect(status).toBe(200);
  return json.activities as Reply[];
}

async function storedRecord(conversationId: string): Promise<ConversationRecord> {
  const storage = new BlobConversationStorage(azurite.connectionString, CONTAINER);
  const key = `test/conversations/${conversationId}`;
  return ((await storage.read([key]))[key] as { record: ConversationRecord }).record;
}

const DIRECT_NUMBERS = /0300 123 2040 and press 9/;

test('both processes are healthy on the shared storage', async () => {
  for (const server of [a, b]) {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  }
});

test('turns alternating between the two processes go through whole triages', async () => {
  const id = `alternate-${++counter}`;
  const welcome = await post(a.url, activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
  let replies: Reply[] = welcome.json.activities;
  expect(allText(replies)).toMatch(/Is the incident happening now\?/);
  // B sees what A wrote, and so on: each click is accepted as an answer to the current question (not "stale").
  replies = await send(b, id, button(replies, 'No'));
  expect(allText(replies)).toMatch(/Are you asking for a business/);
  replies = await send(a, id, button(replies, 'Myself'));
  expect(allText(replies)).toMatch(/Where are you/);
  replies = await send(b, id, { text: 'LS1 4AP' });
  expect(allText(replies)).toContain('Yorkshire and Humber Regional Organised Crime Unit');
  // Start again, then the live-attack route, still alternating.
  replies = await send(a, id, button(replies, 'Start again'));
  expect(allText(replies)).toMatch(/Is the incident happening now\?/);
  replies = await send(b, id, button(replies, 'Yes'));
  replies = await send(a, id, button(replies, 'An organisation'));
  expect(allText(replies)).toMatch(/Call Report Fraud now on 0300 123 2040 and press 9/);
  replies = await send(b, id, button(replies, 'Show my regional team'));
  expect(allText(replies)).toMatch(/Where are you/);
  replies = await send(a, id, { text: 'back' });
  expect(allText(replies)).toMatch(/Call Report Fraud now/);
  replies = await send(b, id, button(replies, 'Show my regional team'));
  replies = await send(a, id, { text: 'Kent' });
  expect(allText(replies)).toMatch(/Eastern Region/);
  const record = await storedRecord(id);
  expect(record.greeted).toBe(true);
  expect(record.misses).toBe(0);
}, 30_000);

/**
 * 20 messages at once in one conversation, 10 to each process. Every one is a miss ("zxqv …") at the first
 * question, so each applied turn adds one to `misses` and the replies say which miss it was: the first miss has
 * no direct numbers, every later one has them. Lost turns would leave `misses` short; doubled ones push it over;
 * two turns computed from the same version would both reply as the same miss.
 */
describe.each([
  ['an existing conversation', true],
  ['a new conversation (both processes race to create it)', false],
])('20 simultaneous messages over both processes, in %s', (_name, existing) => {
  test('all 20 are processed exactly once, and every response is a 200 with replies', async () => {
    const id = `burst-${++counter}`;
    if (existing) await post(a.url, activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) => post(n % 2 ? b.url : a.url, activity(id, { type: 'message', text: `zxqv blorp ${n}` }))),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.json.activities.length).toBeGreaterThan(0);
    }
    const texts = responses.map((response) => allText(response.json.activities));
    const greetings = texts.filter((text) => /^Hello/.test(text));
    const misses = texts.filter((text) => /didn't understand/.test(text));
    // In a new conversation the first turn written greets (the message answered no question it had seen).
    expect(greetings).toHaveLength(existing ? 0 : 1);
    expect(misses).toHaveLength(existing ? 20 : 19);
    expect(misses.filter((text) => !DIRECT_NUMBERS.test(text))).toHaveLength(1);
    const record = await storedRecord(id);
    expect(record.misses).toBe(existing ? 20 : 19);
  }, 30_000);
});

/**
 * What a channel and a platform do to a scaled-out bot (issue 18): deliver an activity again (same id), let storage
 * hang (Azurite frozen with SIGSTOP), kill an instance in the middle of its turns. Every conversation here answers
 * only misses ("zxqv …"), so the stored `misses` says how many turns were applied: nothing lost, nothing doubled.
 */
describe('retries, a hung storage and an instance killed mid-turn', () => {
  /** Every turn here must be answered within this, fallback or not. */
  const ANSWERED_WITHIN_MS = 5_000;
  const timings: number[] = [];

  async function timedPost(server: ServerProcess, body: Record<string, unknown>): Promise<{ status: number; replies: Reply[] }> {
    const started = Date.now();
    const { status, json } = await post(server.url, body);
    timings.push(Date.now() - started);
    return { status, replies: (json?.activities ?? []) as Reply[] };
  }

  const miss = (conversationId: string, activityId: string) => activity(conversationId, { type: 'message', id: activityId, text: 'zxqv blorp' });
  const isMissReply = (replies: Reply[]) => /didn't understand/.test(allText(replies));

  afterAll(() => {
    if (process.env.SCALE_OUT_REPORT) {
      const sorted = [...timings].sort((x, y) => x - y);
      console.log({ turns: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)], p95Ms: sorted[Math.floor(sorted.length * 0.95)], maxMs: sorted.at(-1) });
    }
  });

  test('the same activity delivered to both instances, one after the other and at once, is applied once', async () => {
    const id = `repeat-${++counter}`;
    await post(a.url, activity(id, { type: 'conversationUpdate', id: 'welcome', membersAdded: [{ id: 'user-1' }] }));
    const first = await timedPost(a, miss(id, 'm1'));
    const again = await timedPost(b, miss(id, 'm1'));
    expect(again.replies).toEqual(first.replies);
    const [x, y] = await Promise.all([timedPost(a, miss(id, 'm2')), timedPost(b, miss(id, 'm2'))]);
    expect(x.replies).toEqual(y.replies);
    expect((await storedRecord(id)).misses).toBe(2);
  }, 30_000);

  test('storage hung (Azurite frozen): every turn on both instances is answered within 5 s with the numbers; /livez stays 200, /readyz 503; once it is back, retries are applied once', async () => {
    const ids = Array.from({ length: 6 }, () => `hung-${++counter}`);
    for (const id of ids) {
      await post(a.url, activity(id, { type: 'conversationUpdate', id: 'welcome', membersAdded: [{ id: 'user-1' }] }));
      expect(isMissReply((await timedPost(b, miss(id, 'm1'))).replies)).toBe(true);
    }
    azurite.pause();
    try {
      const during = await Promise.all(ids.map((id, n) => timedPost(n % 2 ? b : a, miss(id, 'm2'))));
      for (const { status, replies } of during) {
        expect(status).toBe(200);
        const text = allText(replies);
        for (const number of ['999', '0300 123 2040', 'press 9', '101']) expect(text).toContain(number);
      }
      for (const server of [a, b]) {
        expect((await fetch(`${server.url}/livez`)).status).toBe(200);
        expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      }
    } finally {
      azurite.resume();
    }
    // The channel delivers each failed activity again, to either instance: each is applied exactly once.
    for (const [n, id] of ids.entries()) {
      const retry = await timedPost(n % 2 ? a : b, miss(id, 'm2'));
      expect(retry.status).toBe(200);
      expect(isMissReply(retry.replies)).toBe(true);
      expect((await storedRecord(id)).misses).toBe(2);
    }
    for (const server of [a, b]) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 45_000);

  test('an instance killed (SIGKILL) in the middle of its turns: the retries on the other are answered within 5 s, and every turn is applied once', async () => {
    const ids = Array.from({ length: 12 }, () => `killed-${++counter}`);
    for (const id of ids) await post(a.url, activity(id, { type: 'conversationUpdate', id: 'welcome', membersAdded: [{ id: 'user-1' }] }));
    // Six turns B finished (written) whose answers never reached the channel, and six B is in the middle of
    // (waiting on a frozen storage) when it is killed.
    const finished = ids.slice(0, 6);
    const midTurn = ids.slice(6);
    for (const id of finished) expect((await post(b.url, miss(id, 'm1'))).status).toBe(200);
    azurite.pause();
    const inFlight = midTurn.map((id) => post(b.url, miss(id, 'm1')).then(
      (response) => response.status,
      () => 0,
    ));
    await new Promise((resolve) => setTimeout(resolve, 300));
    b.child.kill('SIGKILL');
    azurite.resume();
    expect(await Promise.all(inFlight)).toEqual(midTurn.map(() => 0));
    // The channel delivers every activity again, to A.
    for (const id of ids) {
      const retry = await timedPost(a, miss(id, 'm1'));
      expect(retry.status).toBe(200);
      expect(isMissReply(retry.replies)).toBe(true);
      expect((await storedRecord(id)).misses).toBe(1);
    }
    b = await spawnServer({ ...azurite.env(CONTAINER), ...ENV });
  }, 45_000);

  test('every turn of these was answered within 5 s', () => {
    expect(timings.length).toBeGreaterThan(30);
    expect(Math.max(...timings)).toBeLessThan(ANSWERED_WITHIN_MS);
  });
});

describe('with the storage down', () => {
  beforeAll(async () => {
    await azurite.stop();
  });

  test('each process still gives the user 999 and 0300 123 2040, stays up, and /healthz says degraded', async () => {
    const canary = 'CANARY-scaleout-7f3a';
    for (const server of [a, b]) {
      const replies = await send(server, `down-${++counter}`, { text: canary });
      const text = allText(replies);
      expect(text).toMatch(/999/);
      expect(text).toMatch(/0300 123 2040/);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/^storage unreachable/) });
      expect(server.child.exitCode).toBeNull();
    }
    // Nothing the user typed reached either process's logs.
    expect([...a.output, ...b.output].join('\n')).not.toContain(canary);
  }, 30_000);
});
