import { MemoryStorage } from 'botbuilder';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, type RunningServer } from '../../index';
import { obviousTokenProblem } from '../../server/auth';
import { WindowLimiter } from '../../server/rateLimit';
import { activity, allText, post, type Reply } from './support/serverProcess';

/** Authentication, personal data in logs, rate limits and CORS on POST /api/messages. */

const APP_ID = '6f1c2a9e-3b7d-4e58-9a0c-1d2e3f4a5b6c';
const TENANT_ID = '0b7e6a52-9c1d-4f3e-8a2b-5c6d7e8f9a0b';
const AUTH_ENV = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: TENANT_ID,
};
const CANARY = 'CANARY-9d2b71 ls1 4ap jane.doe@example.org';

/** Everything anything logged: console.* and the server's `log` option. */
const logged: string[] = [];
const log = (line: string) => logged.push(line);
beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}\n${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
});
afterAll(() => jest.restoreAllMocks());

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const now = () => Math.floor(Date.now() / 1000);

/** A JWT that looks right (RS256, Bot Framework issuer, our audience) but is signed with a key of our own. */
function forgedToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'forged-key' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(header)}.${part(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

const validLooking = () => ({ iss: 'https://api.botframework.com', aud: APP_ID, iat: now(), nbf: now() - 10, exp: now() + 3600, serviceurl: 'http://127.0.0.1:9', canary: CANARY });

describe('with MicrosoftAppId set (SingleTenant), every request without a valid token gets 401, quickly', () => {
  let running: RunningServer;

  beforeAll(async () => {
    // A low conversation quota, so the test below needs few (slow: each goes to the SDK) forged requests.
    running = await startServer({ port: 0, env: { ...AUTH_ENV, RATE_LIMIT_CONVERSATION_PER_MINUTE: '3' }, log });
  });
  afterAll(async () => {
    await running.shutdown(1_000);
  });

  test.each([
    ['no Authorization header', undefined],
    ['a garbage bearer token', 'Bearer garbage'],
    ['a non-bearer scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['three base64 parts that are not JSON', 'Bearer aaaa.bbbb.cccc'],
    ['an unsigned token (alg none)', `Bearer ${forgedToken(validLooking(), { alg: 'none', typ: 'JWT' }).split('.').slice(0, 2).join('.')}.`],
    ['an HS256 token', `Bearer ${forgedToken(validLooking(), { alg: 'HS256', typ: 'JWT' })}`],
    ['an expired token', `Bearer ${forgedToken({ ...validLooking(), iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })}`],
    ['a token with no expiry', `Bearer ${forgedToken({ ...validLooking(), exp: undefined })}`],
    ['a forged Bot Framework token (valid shape, our own key)', `Bearer ${forgedToken(validLooking())}`],
    ['a forged Azure AD token for the tenant', `Bearer ${forgedToken({ ...validLooking(), iss: `https://sts.windows.net/${TENANT_ID}/`, ver: '1.0', appid: APP_ID })}`],
    ['a forged Emulator token', `Bearer ${forgedToken({ ...validLooking(), iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', ver: '2.0', azp: APP_ID })}`],
  ])('%s', async (_name, authorization) => {
    const started = Date.now();
    const { status, json } = await post(
      running.url,
      activity(`auth-${Math.random()}`, { type: 'message', channelId: 'msteams', text: CANARY }),
      authorization ? { authorization } : {},
    );
    expect(status).toBe(401);
    expect(json).toEqual({ error: 'Unauthorized', message: expect.any(String) });
    // Bounded even if the SDK tries to fetch OpenID metadata (no network here: it fails fast, or times out at 5 s).
    expect(Date.now() - started).toBeLessThan(6_000);
  }, 10_000);

  test('forged requests never use up a real conversation’s message quota', async () => {
    const id = 'victim-conversation';
    for (let n = 0; n < 8; n++) {
      const { status } = await post(running.url, activity(id, { type: 'message', text: 'x' }), { authorization: `Bearer ${forgedToken(validLooking())}` });
      expect(status).toBe(401);
    }
  }, 30_000);

  test('obviousTokenProblem', () => {
    const at = Date.now();
    expect(obviousTokenProblem(undefined, at)).toBe('no token');
    expect(obviousTokenProblem('Bearer x', at)).toBe('not a bearer JWT');
    expect(obviousTokenProblem(`Bearer ${forgedToken({ exp: now() - 299 })}`, at)).toBeNull(); // within the SDK's 5-minute tolerance
    expect(obviousTokenProblem(`Bearer ${forgedToken({ exp: now() - 301 })}`, at)).toBe('expired');
    expect(obviousTokenProblem(`Bearer ${forgedToken({ exp: now() + 3600, nbf: now() + 3600 })}`, at)).toBe('not yet valid');
    expect(obviousTokenProblem(`Bearer ${'a'.repeat(9000)}.b.c`, at)).toBe('token too long');
  });
});

describe('rate limits', () => {
  test(`a conversation gets 30 messages a minute, then 429 with Retry-After; other conversations are unaffected`, async () => {
    const running = await startServer({ port: 0, env: {}, log });
    try {
      for (let n = 0; n < 30; n++) expect((await post(running.url, activity('chatty', { type: 'message', text: 'zxqv' }))).status).toBe(200);
      const limited = await post(running.url, activity('chatty', { type: 'message', text: CANARY }));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(limited.json).toMatchObject({ error: 'TooManyRequests' });
      expect((await post(running.url, activity('quiet', { type: 'message', text: 'hi' }))).status).toBe(200);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('a client address gets RATE_LIMIT_CLIENT_PER_MINUTE requests (behind a proxy: X-Forwarded-For), loopback is not counted', async () => {
    const running = await startServer({ port: 0, env: { TRUST_PROXY: 'true', RATE_LIMIT_CLIENT_PER_MINUTE: '10' }, log });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
      for (let n = 0; n < 10; n++) expect((await post(running.url, activity(`c-${n}`, { type: 'message', text: 'hi' }), from('203.0.113.7'))).status).toBe(200);
      const limited = await post(running.url, activity('c-x', { type: 'message', text: 'hi' }), from('203.0.113.7'));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      // Even malformed requests count, and are refused before any work.
      expect((await post(running.url, '{"not":"an activity"}', from('203.0.113.7'))).status).toBe(429);
      expect((await post(running.url, activity('c-y', { type: 'message', text: 'hi' }), from('203.0.113.8'))).status).toBe(200);
      // This server's own local Direct Line channel posts from loopback for every web chat user.
      for (let n = 0; n < 12; n++) expect((await post(running.url, activity(`l-${n}`, { type: 'message', text: 'hi' }))).status).toBe(200);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('the limiter keeps a bounded number of keys and resets each window', () => {
    let clock = 0;
    const limiter = new WindowLimiter(2, 60_000, () => clock, 100);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 60]);
    clock = 59_500;
    expect(limiter.hit('a')).toBe(1);
    clock = 60_000;
    expect(limiter.hit('a')).toBe(0);
    for (let n = 0; n < 1_000; n++) limiter.hit(`k${n}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

test('no CORS on /api/messages: a browser on another origin can neither preflight nor read it', async () => {
  const running = await startServer({ port: 0, env: {}, log });
  try {
    const preflight = await fetch(`${running.url}/api/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(activity('cors', { type: 'message', text: 'hi' })),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  } finally {
    await running.shutdown(1_000);
  }
});

test('multipart bodies (which would skip the size limit and be written to disk) are refused on every route', async () => {
  const running = await startServer({ port: 0, env: {}, log });
  try {
    const before = new Set(readdirSync(tmpdir()));
    for (const path of ['/api/messages', '/api/directline/token', '/']) {
      const form = new FormData();
      form.append('type', 'message');
      form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 97)]), 'big.bin');
      const response = await fetch(`${running.url}${path}`, { method: 'POST', body: form });
      expect(response.status).toBe(415);
    }
    expect(readdirSync(tmpdir()).filter((file) => !before.has(file) && file.startsWith('upload_'))).toEqual([]);
  } finally {
    await running.shutdown(1_000);
  }
});

describe('no user text in any log line', () => {
  let storageFails = false;
  class FlakyStorage extends MemoryStorage {
    override async read(keys: string[]) {
      if (storageFails) throw new Error('storage unavailable');
      return super.read(keys);
    }
  }

  test('a canary sent through every path never appears in console output or the log', async () => {
    const running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '6' }, storage: new FlakyStorage(), log });
    const auth = await startServer({ port: 0, env: AUTH_ENV, log });
    try {
      const url = running.url;
      const seen: number[] = [];
      const send = async (body: unknown, headers: Record<string, string> = {}, target = url) => seen.push((await post(target, body, headers)).status);
      // Message text, in each question, and as a place.
      for (const text of ['hi', CANARY, 'no', CANARY, 'myself', CANARY]) await send(activity('canary-1', { type: 'message', text }));
      // A card submit's value (Web Chat / Teams), a messageBack with a forged button value, channelData, attachments.
      await send(activity('canary-2', { type: 'message', value: { answer: CANARY, action: CANARY } }));
      await send(activity('canary-2b', { type: 'message', text: CANARY, value: { v: 1, action: 'answerHappening', answer: CANARY, triage: CANARY, state: CANARY } }));
      await send(activity('canary-2c', { type: 'message', text: 'x', channelData: { note: CANARY }, attachments: [{ contentType: 'text/plain', content: CANARY }], from: { id: 'u', name: CANARY } }));
      await send(activity('canary-2d', { type: 'message', text: 'x', locale: CANARY, timestamp: CANARY }));
      // Teams: a mention and a card submit in a channel.
      await send(activity('canary-t', { type: 'message', channelId: 'msteams', text: `<at>Bot</at> ${CANARY}`, conversation: { id: 'canary-t', conversationType: 'channel' } }));
      // Malformed: invalid JSON, not an activity, missing fields, wrong types, too big.
      await send(`{"type":"message","text":"${CANARY}"`);
      await send({ type: 'message', text: CANARY });
      await send({ type: 'message', channelId: 'test', conversation: { id: CANARY }, text: CANARY });
      await send(activity('canary-3', { type: 42, text: CANARY }));
      await send(activity('canary-4', { type: 'message', text: `${CANARY} ${'x'.repeat(70 * 1024)}` }));
      // Rate limited.
      for (let n = 0; n < 7; n++) await send(activity('canary-5', { type: 'message', text: CANARY }));
      // Storage failing mid-conversation.
      await send(activity('canary-10', { type: 'message', text: 'hi' }));
      storageFails = true;
      try {
        await send(activity('canary-10', { type: 'message', text: CANARY }));
        await send(activity('canary-6', { type: 'conversationUpdate', membersAdded: [{ id: 'u', name: CANARY }] }));
      } finally {
        storageFails = false;
      }
      // Forged and unsigned requests to a server with authentication on.
      await send(activity('canary-7', { type: 'message', text: CANARY }), {}, auth.url);
      await send(activity('canary-8', { type: 'message', text: CANARY }), { authorization: `Bearer ${forgedToken(validLooking())}` }, auth.url);
      await send(activity('canary-9', { type: 'message', text: CANARY }), { authorization: `Bearer ${CANARY.replace(/\W/g, '')}` }, auth.url);

      expect(new Set(seen)).toEqual(new Set([200, 400, 401, 413, 429]));
      // The failures above were logged, as JSON lines with fields…
      const entries = logged.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { event?: string });
      expect(entries.filter((entry) => entry.event === 'turnError')).toHaveLength(2);
      expect(entries.filter((entry) => entry.event === 'authRefused').length).toBeGreaterThanOrEqual(3);
      // …one per HTTP request among them…
      expect(entries.filter((entry) => entry.event === 'http').length).toBeGreaterThanOrEqual(seen.length);
      for (const line of logged) {
        // …without the canary, or any piece of it.
        expect(line).not.toContain('CANARY');
        expect(line).not.toMatch(/9d2b71|jane\.doe|ls1 ?4ap/i);
      }
    } finally {
      await running.shutdown(1_000);
      await auth.shutdown(1_000);
    }
  }, 30_000);
});

test('the turn error reply carries the numbers even when storage fails on the first message', async () => {
  const storage = new MemoryStorage();
  storage.read = async () => {
    throw new Error('storage unavailable');
  };
  const running = await startServer({ port: 0, env: {}, storage, log });
  try {
    const { status, json } = await post(running.url, activity('fail-first', { type: 'message', text: 'hi' }));
    expect(status).toBe(200);
    const text = allText(json.activities as Reply[]);
    expect(text).toMatch(/999/);
    expect(text).toMatch(/0300 123 2040/);
    expect(text).not.toMatch(/Is the incident happening now\?/);
  } finally {
    await running.shutdown(1_000);
  }
});
