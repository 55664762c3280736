import { MemoryStorage } from 'botbuilder';
import { StorageConflictError } from '../../bots/storage';
import { startServer, type RunningServer } from '../../index';
import { StorageHealth } from '../../server/health';
import { startAzurite } from './support/azurite';
import { activity, allText, post, spawnServer, type Reply } from './support/serverProcess';

/** Storage failures, a graceful stop on SIGTERM, and the idle expiry, over HTTP. */

describe('storage unreachable (an Azure connection string to nothing listening)', () => {
  let running: RunningServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    // Azurite started and stopped: its connection string now points at a closed port on 127.0.0.1.
    const azurite = await startAzurite();
    await azurite.stop();
    running = await startServer({ port: 0, env: { ...azurite.env('unreachable'), HEALTH_CACHE_SECONDS: '0' }, log: (line) => logLines.push(line) });
  }, 30_000);

  afterAll(async () => {
    await running?.shutdown(1_000);
  });

  test('the user still gets 999 and Report Fraud, and the server keeps answering', async () => {
    for (let n = 0; n < 3; n++) {
      const { status, json } = await post(running.url, activity(`unreachable-${n}`, { type: 'message', text: 'hello' }));
      expect(status).toBe(200);
      const text = allText(json.activities as Reply[]);
      expect(text).toMatch(/999/);
      expect(text).toMatch(/0300 123 2040/);
    }
    // Logged as a JSON line naming the kind of failure (a network error code, never the account).
    const turnErrors = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'turnError');
    expect(turnErrors.length).toBeGreaterThanOrEqual(3);
    expect(turnErrors[0]).toMatchObject({ level: 'error', err: { type: expect.any(String) }, outbound: false });
    expect(logLines.join('\n')).not.toMatch(/devstoreaccount1|AccountKey/);
  });

  test("in the activity's language: Welsh for cy-GB, English for a locale with no content or a hostile one", async () => {
    const replyTo = async (n: string, locale: unknown) => {
      const { status, json } = await post(running.url, activity(`unreachable-locale-${n}`, { type: 'message', text: 'helo', locale }));
      expect(status).toBe(200);
      return allText(json.activities as Reply[]);
    };
    const welsh = await replyTo('cy', 'cy-GB');
    expect(welsh).toMatch(/aeth rhywbeth o'i le/);
    for (const number of ['999', '0300 123 2040', '101']) expect(welsh).toContain(number);
    for (const [n, locale] of [['fr', 'fr-FR'], ['constructor', 'constructor'], ['proto', '__proto__'], ['object', { toString: 1 }]] as const) {
      const text = await replyTo(n, locale);
      expect(text).toMatch(/Sorry, something went wrong/);
      expect(text).toMatch(/0300 123 2040 and press 9/);
    }
  });

  test('GET /healthz is 503 with a JSON reason', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({ status: 'degraded', reason: expect.stringMatching(/^storage unreachable \(/) });
    // The reason names the kind of failure, never the account or its key.
    expect(JSON.stringify(body)).not.toMatch(/devstoreaccount1|AccountKey/);
  });
});

describe("a turn whose write fails never returns that turn's replies", () => {
  test.each([
    ['the write throws', () => Promise.reject(Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }))],
    ['every write conflicts (retries exhausted)', () => Promise.reject(new StorageConflictError('k', 412))],
  ])('%s', async (_name, failingWrite) => {
    const storage = new MemoryStorage();
    const running = await startServer({ port: 0, env: {}, storage, log: () => undefined });
    try {
      const id = 'write-fails';
      await post(running.url, activity(id, { type: 'message', text: 'hi' }));
      storage.write = failingWrite;
      const { status, json } = await post(running.url, activity(id, { type: 'message', text: 'no' }));
      expect(status).toBe(200);
      const text = allText(json.activities as Reply[]);
      // Only the turn-error message with the numbers: not the next question the failed turn computed.
      expect(json.activities).toHaveLength(1);
      expect(text).toMatch(/0300 123 2040/);
      expect(text).not.toMatch(/Are you asking for a business/);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('StorageHealth', () => {
  test('probes at most once per cache period, and sees the storage come back', async () => {
    let now = 0;
    let down = true;
    let probes = 0;
    const storage = new MemoryStorage();
    storage.read = async () => {
      probes++;
      if (down) throw Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), { code: 'ECONNREFUSED' });
      return {};
    };
    const health = new StorageHealth(storage, { cacheMs: 5_000, now: () => now });
    expect(await health.check()).toEqual({ ok: false, reason: 'storage unreachable (ECONNREFUSED)' });
    down = false;
    now = 4_000;
    expect((await Promise.all([health.check(), health.check()]))[0].ok).toBe(false);
    expect(probes).toBe(1);
    now = 5_001;
    expect(await health.check()).toEqual({ ok: true });
    expect(probes).toBe(2);
  });

  test('a probe that hangs is cut off as a timeout', async () => {
    const storage = new MemoryStorage();
    storage.read = () => new Promise(() => undefined);
    const health = new StorageHealth(storage, { timeoutMs: 50 });
    expect(await health.check()).toEqual({ ok: false, reason: 'storage unreachable (timed out)' });
  });
});

test('SIGTERM: stops accepting, finishes the turn in flight, exits 0', async () => {
  const server = await spawnServer({ SLOW_WRITE_MS: '1500' }, 'tests/production/fixtures/slowServer.ts');
  try {
    const started = Date.now();
    const inFlight = post(server.url, activity('sigterm-1', { type: 'message', text: 'hello' }));
    // SIGTERM once the turn is in flight (its write has started and will take 1.5 s).
    while (!server.output.some((line) => line.includes('[slow-storage] a write started'))) await new Promise((resolve) => setTimeout(resolve, 10));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No longer accepting: a new connection is refused (or, on a kept-alive one, answered 503).
    const late = await post(server.url, activity('sigterm-2', { type: 'message', text: 'hello' })).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    // The turn in flight was written and answered.
    const { status, json } = await inFlight;
    expect(status).toBe(200);
    expect(allText(json.activities)).toMatch(/Is the incident happening now\?/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output.map((line) => (line.startsWith('{') ? JSON.parse(line) : {}))).toContainEqual(expect.objectContaining({ event: 'shutdown', drained: true }));
  } finally {
    await server.stop();
  }
}, 30_000);

test('a conversation idle for longer than CONVERSATION_IDLE_MINUTES starts again, with a note', async () => {
  let now = new Date('2026-11-18T10:30:00Z');
  const running = await startServer({ port: 0, env: { CONVERSATION_IDLE_MINUTES: '5' }, clock: () => now, log: () => undefined });
  try {
    const id = 'idle-1';
    await post(running.url, activity(id, { type: 'message', text: 'hi' }));
    let replies = (await post(running.url, activity(id, { type: 'message', text: 'no' }))).json.activities as Reply[];
    expect(allText(replies)).toMatch(/Are you asking for a business/);
    now = new Date(now.getTime() + 4 * 60_000);
    replies = (await post(running.url, activity(id, { type: 'message', text: 'myself' }))).json.activities;
    expect(allText(replies)).toMatch(/Where are you/);
    now = new Date(now.getTime() + 6 * 60_000);
    replies = (await post(running.url, activity(id, { type: 'message', text: 'LS1 4AP' }))).json.activities;
    expect(allText(replies)).toMatch(/It's been a while since your last answer/);
    expect(allText(replies)).toMatch(/Is the incident happening now\?/);
    expect(allText(replies)).not.toMatch(/Yorkshire/);
  } finally {
    await running.shutdown(1_000);
  }
});
