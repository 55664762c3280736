import { MemoryStorage } from 'botbuilder';
import * as restify from 'restify';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { startServer, type RunningServer } from '../../index';
import { contentFor } from '../../dialogs/content';
import { formBody, refuseMultipart } from '../../server/body';
import { createLogger } from '../../server/logging';
import { DirectLineChannel } from '../../web/directLineChannel';
import { activity, allText, post, type Reply } from './support/serverProcess';
import { call, page, postActivity, startConversation, transcript } from './support/directLine';
import { CapturedLogs } from './support/logs';

/**
 * What a hostile client could do to the endpoints (issue 8), one class per block, each through HTTP (and the local
 * Direct Line channel where it applies). Every block asserts what a user or an operator would notice.
 */

jest.setTimeout(30_000);

const QUESTION_1 = /Is the incident happening now\?/;
const QUESTION_2 = /Are you asking for a business, charity or other organisation, or for yourself\?/;

function listen(server: HttpServer | NetServer): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: HttpServer | NetServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A server that records every request it gets (a would-be SSRF target, or a connector). */
async function recorder(answer: (req: IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: '{"id":"r"}' })) {
  const hits: Array<{ method?: string; url?: string }> = [];
  const server = createHttpServer((req, res) => {
    hits.push({ method: req.method, url: req.url });
    req.resume();
    const { status, headers, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body ?? '');
  });
  const url = await listen(server);
  return { url, hits, close: () => close(server) };
}

/** A server that accepts connections and never answers; `stop()` also ends the connections it holds. */
async function hangingServer() {
  const sockets = new Set<import('node:net').Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await listen(server);
  return {
    url,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return close(server);
    },
  };
}

const normalDelivery = (conversationId: string, fields: Record<string, unknown>) => ({ ...activity(conversationId, fields), deliveryMode: undefined });

describe('1. a locale cannot silence the bot (lookups keyed by client input use own keys)', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' }, log: () => undefined });
  });
  afterAll(() => running.shutdown(1_000));

  const prototypeKeys = ['constructor', 'constructor-GB', 'CONSTRUCTOR', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype', '__defineGetter__'];

  test('contentFor() answers English for every Object.prototype key, in any case, with any region', () => {
    const en = contentFor('en');
    for (const key of [...prototypeKeys, ...Object.getOwnPropertyNames(Object.prototype)]) {
      for (const locale of [key, key.toUpperCase(), `${key}-GB`, `${key}_x`]) expect(contentFor(locale)).toBe(en);
    }
  });

  test.each(prototypeKeys)('locale %j: the conversation goes on, with the next question, and its state is kept', async (locale) => {
    const id = `locale-${locale}`;
    const first = await post(running.url, activity(id, { type: 'message', text: 'hi', locale }));
    expect(first.status).toBe(200);
    expect(allText(first.json.activities as Reply[])).toMatch(QUESTION_1);
    const second = await post(running.url, activity(id, { type: 'message', text: 'yes', locale }));
    expect(allText(second.json.activities as Reply[])).toMatch(QUESTION_2);
    // The answer was kept: "an organisation" now gives the live-attack outcome, not the first question again.
    const third = await post(running.url, activity(id, { type: 'message', text: 'an organisation', locale }));
    expect(allText(third.json.activities as Reply[])).toMatch(/0300 123 2040 and press 9/);
  });

  test('a welcome (conversationUpdate) with such a locale still greets', async () => {
    const { json } = await post(running.url, activity('locale-welcome', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }], locale: 'constructor' }));
    expect(allText(json.activities as Reply[])).toMatch(/immediate danger, call 999/);
  });

  test('through the local Direct Line channel, per activity', async () => {
    const conversation = await startConversation(running.url);
    for (const locale of ['constructor', '__proto__', 'CONSTRUCTOR-GB']) {
      const posted = await postActivity(running.url, conversation, { type: 'message', text: 'zxqv', locale });
      expect(posted.status).toBe(200);
    }
    expect((await postActivity(running.url, conversation, { type: 'message', text: 'yes', locale: 'constructor' })).status).toBe(200);
    const { activities } = await transcript(running.url, conversation);
    const bot = activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    expect(bot.some((text) => QUESTION_2.test(text))).toBe(true);
    // The channel does not store a locale that is not a language tag.
    expect(activities.filter((a) => a.from.role === 'user').every((a) => a.locale === undefined || /^[a-z]{2,3}(-|$)/i.test(a.locale))).toBe(true);
  });

  test('the turn-error reply: always the numbers, in Welsh for cy and in English for any other locale (storage failing, locale "constructor")', async () => {
    const storage = new MemoryStorage();
    storage.read = async () => {
      throw new Error('storage unavailable');
    };
    const failing = await startServer({ port: 0, env: {}, storage, log: () => undefined });
    try {
      for (const locale of ['constructor', 'cy', 'xx-YY', '__proto__']) {
        const { status, json } = await post(failing.url, activity(`fail-${locale}`, { type: 'message', text: 'hi', locale }));
        expect(status).toBe(200);
        const text = allText(json.activities as Reply[]);
        expect(text).toMatch(/999/);
        expect(text).toMatch(/0300 123 2040/);
        expect(text).toMatch(locale === 'cy' ? /a phwyso 9/ : /press 9/);
        expect(text).toMatch(locale === 'cy' ? /Heddlu'r Alban ar 101/ : /Police Scotland on 101/);
      }
    } finally {
      await failing.shutdown(1_000);
    }
  });
});

describe('2. the local Direct Line channel stores only what it accepts, bounded, and pages it', () => {
  test('messages the bot refuses (rate limit) leave no trace; each accepted one is echoed once, before its reply', async () => {
    const running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '4' }, log: () => undefined });
    try {
      const conversation = await startConversation(running.url);
      const statuses: number[] = [];
      for (let n = 0; n < 10; n++) {
        const posted = await postActivity(running.url, conversation, { type: 'message', text: `zxqv ${n} ${'y'.repeat(20_000)}`, channelData: { clientActivityID: `c${n}` } });
        statuses.push(posted.status);
        if (posted.status === 429) expect(Number(posted.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // The welcome's conversationUpdate counted as one of the 4.
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      const { activities } = await transcript(running.url, conversation);
      const echoes = activities.filter((a) => a.from.role === 'user');
      expect(echoes.map((a) => a.channelData?.clientActivityID)).toEqual(['c0', 'c1', 'c2']);
      for (const echo of echoes) {
        const next = activities[activities.indexOf(echo) + 1];
        expect(next.from.role).toBe('bot');
      }
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('a conversation is bounded in bytes (LOCAL_DIRECT_LINE_MAX_CONVERSATION_KB): past it, 400 and nothing stored', async () => {
    const running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', LOCAL_DIRECT_LINE_MAX_CONVERSATION_KB: '32' }, log: () => undefined });
    try {
      const conversation = await startConversation(running.url);
      const answers = [];
      for (let n = 0; n < 12; n++) answers.push(await postActivity(running.url, conversation, { type: 'message', text: `zxqv ${'z'.repeat(6_000)}` }));
      const accepted = answers.filter((a) => a.status === 200).length;
      expect(accepted).toBeGreaterThanOrEqual(3);
      expect(accepted).toBeLessThanOrEqual(5);
      for (const refused of answers.slice(accepted)) expect(refused).toMatchObject({ status: 400, body: { error: { code: 'ConversationTooLong' } } });
      const { activities } = await transcript(running.url, conversation);
      expect(activities.filter((a) => a.from.role === 'user')).toHaveLength(accepted);
      expect(Buffer.byteLength(JSON.stringify(activities))).toBeLessThanOrEqual(2 * 32 * 1024 + 4_096);
      // Every accepted message got its answer.
      expect(activities.filter((a) => a.from.role === 'bot').length).toBeGreaterThan(accepted);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('all conversations together are bounded in bytes: the least recently used are dropped first', async () => {
    const channel = new DirectLineChannel({
      selfUrl: () => 'http://127.0.0.1:9',
      maxTotalBytes: 40_000,
      fetch: (async () => new Response('{}', { status: 200 })) as typeof fetch,
      log: () => undefined,
    });
    const conversations = [];
    for (let n = 0; n < 10; n++) {
      const { conversation } = channel.createConversation();
      conversations.push(conversation);
      for (let m = 0; m < 2; m++) await channel.postFromClient(conversation, { type: 'message', text: 'w'.repeat(4_000) });
      expect(channel.totalBytes).toBeLessThanOrEqual(40_000);
    }
    expect(channel.size).toBeLessThan(10);
    // The newest are the ones kept.
    const kept = conversations.slice(-channel.size);
    for (const conversation of kept) expect(conversation.activities).toHaveLength(2);
    expect(channel.totalBytes).toBe(kept.reduce((sum, c) => sum + c.bytes, 0));
  });

  test('GET activities is paged: at most 100 a page, and the watermark says where the next page starts', async () => {
    const running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' }, log: () => undefined });
    try {
      const conversation = await startConversation(running.url);
      for (let n = 0; n < 60; n++) expect((await postActivity(running.url, conversation, { type: 'message', text: n % 2 ? 'back' : 'yes', channelData: { clientActivityID: `p${n}` } })).status).toBe(200);
      const first = await page(running.url, conversation);
      expect(first.body.activities).toHaveLength(100);
      expect(first.body.watermark).toBe('100');
      const { activities, pages } = await transcript(running.url, conversation);
      expect(pages).toBeGreaterThanOrEqual(3);
      // Complete, in order, no repeats: every echo once, in the order sent.
      expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
      expect(activities.filter((a) => a.from.role === 'user').map((a) => a.channelData?.clientActivityID)).toEqual(Array.from({ length: 60 }, (_, n) => `p${n}`));
      // From the last watermark, nothing more.
      const last = await page(running.url, conversation, String(activities.length));
      expect(last.body).toEqual({ activities: [], watermark: String(activities.length) });

      // Microsoft's own client (what Web Chat uses), reconnecting to the conversation, reads every page in order.
      (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= require('xhr2');
      const { DirectLine } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');
      const client = new DirectLine({
        token: conversation.token,
        conversationId: conversation.conversationId,
        domain: `${running.url}/v3/directline`,
        webSocket: false,
        pollingInterval: 200, // DirectLineJS's lower bound (it warns and polls every second below it)
        WebSocket: class {
          constructor() {
            throw new Error('polling only');
          }
        },
      } as never);
      const seen: string[] = [];
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the client read ${seen.length} of ${activities.length}`)), 15_000);
          client.activity$.subscribe({
            next: (received) => {
              seen.push(received.id as string);
              if (seen.length === activities.length) {
                clearTimeout(timer);
                resolve();
              }
            },
            error: () => undefined,
          });
        });
        expect(seen).toEqual(activities.map((a) => a.id));
      } finally {
        client.end();
      }
    } finally {
      await running.shutdown(1_000);
    }
  }, 60_000);
});

describe('3. deeply nested JSON is refused on the way in; request headers are never logged', () => {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test('a 30,000-deep value: 400 at /api/messages and at the Direct Line channel, nothing stored, the transcript still reads, no token in the log', async () => {
    const logs = new CapturedLogs();
    const running = await startServer({ port: 0, env: {}, log: logs.log });
    try {
      const direct = await post(running.url, JSON.stringify(activity('deep', { type: 'message', value: 'DEEP' })).replace('"DEEP"', deep(30_000)));
      expect(direct.status).toBe(400);
      expect(direct.json.message).toMatch(/nests deeper/);

      const conversation = await startConversation(running.url);
      const refused = await postActivity(running.url, conversation, undefined, JSON.stringify({ type: 'message', value: 'DEEP' }).replace('"DEEP"', deep(30_000)));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toEqual({ code: 'BadRequest', message: expect.stringMatching(/nests deeper/) });
      // Moderate nesting (an Adaptive Card submit, say) is fine.
      let nested: unknown = { answer: 'yes' };
      for (let n = 0; n < 20; n++) nested = { inner: nested };
      expect((await postActivity(running.url, conversation, { type: 'message', value: nested })).status).toBe(200);
      // The bot-side connector route has the same rule.
      const fromBot = await call(running.url, 'POST', `/v3/conversations/${conversation.conversationId}/activities`, { raw: JSON.stringify({ type: 'message', value: 'DEEP' }).replace('"DEEP"', deep(5_000)) });
      expect(fromBot.status).toBe(400);

      for (let n = 0; n < 3; n++) expect((await page(running.url, conversation)).status).toBe(200);
      const { activities } = await transcript(running.url, conversation);
      expect(JSON.stringify(activities)).not.toContain('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[');

      const logged = logs.lines.join('\n');
      expect(logged).not.toContain(conversation.token);
      expect(logged).not.toMatch(/authorization|bearer/i);
      expect(logged).not.toContain(conversation.conversationId);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('4. outbound replies have a deadline and bounded retries', () => {
  test('a service URL that accepts the connection and never answers holds the request about OUTBOUND_RESPONSE_TIMEOUT_MS', async () => {
    const hang = await hangingServer();
    const hangUrl = hang.url;
    const running = await startServer({ port: 0, env: { ALLOWED_SERVICE_URLS: hangUrl, OUTBOUND_RESPONSE_TIMEOUT_MS: '1000' }, log: () => undefined });
    try {
      const started = Date.now();
      const { status } = await post(running.url, normalDelivery('hang', { type: 'message', text: 'hi', serviceUrl: hangUrl }));
      const elapsed = Date.now() - started;
      expect(status).toBeLessThan(500);
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(2_500);
    } finally {
      await running.shutdown(1_000);
      await hang.stop();
    }
  });

  test('by default a hanging service URL is let go within about 5 s, a refused port within 2 s', async () => {
    const hang = await hangingServer();
    const hangUrl = hang.url;
    const running = await startServer({ port: 0, env: { ALLOWED_SERVICE_URLS: `${hangUrl} http://127.0.0.1:9` }, log: () => undefined });
    try {
      let started = Date.now();
      await post(running.url, normalDelivery('hang-default', { type: 'message', text: 'hi', serviceUrl: hangUrl }));
      expect(Date.now() - started).toBeLessThan(6_500);
      started = Date.now();
      const refused = await post(running.url, normalDelivery('refused', { type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.1:9' }));
      expect(refused.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await running.shutdown(1_000);
      await hang.stop();
    }
  });

  test('a failing service URL is tried 1 + OUTBOUND_RETRIES times, and redirects are not followed', async () => {
    const elsewhere = await recorder();
    const failing = await recorder((req) => (req.url?.includes('redirect') ? { status: 307, headers: { location: `${elsewhere.url}/v3/stolen` } } : { status: 503 }));
    const running = await startServer({ port: 0, env: { ALLOWED_SERVICE_URLS: failing.url, OUTBOUND_RETRIES: '1' }, log: () => undefined });
    try {
      await post(running.url, normalDelivery('busy', { type: 'message', text: 'hi', serviceUrl: failing.url }));
      expect(failing.hits).toHaveLength(2);
      failing.hits.length = 0;
      await post(running.url, normalDelivery('redirect', { type: 'message', text: 'hi', serviceUrl: failing.url, conversation: { id: 'redirect' } }));
      expect(failing.hits.length).toBeGreaterThanOrEqual(1);
      expect(elsewhere.hits).toEqual([]);
    } finally {
      await running.shutdown(1_000);
      await failing.close();
      await elsewhere.close();
    }
  });
});

describe('5. with authentication off, replies go only to the local channel or ALLOWED_SERVICE_URLS (no blind SSRF)', () => {
  let target: Awaited<ReturnType<typeof recorder>>;
  let allowed: Awaited<ReturnType<typeof recorder>>;
  let running: RunningServer;
  beforeAll(async () => {
    target = await recorder();
    allowed = await recorder();
    running = await startServer({ port: 0, env: { ALLOWED_SERVICE_URLS: `${allowed.url}/bots/` }, log: () => undefined });
  });
  afterAll(async () => {
    await running.shutdown(1_000);
    await target.close();
    await allowed.close();
  });

  test.each([
    ['another host', () => target.url],
    ['with a path', () => `${target.url}/admin/delete`],
    ['with a query', () => `${target.url}/?next=`],
    ['a listed origin with a query', () => `${allowed.url}/bots/?x=`],
    ['a listed origin outside its path', () => `${allowed.url}/other/`],
    ['with credentials', () => allowed.url.replace('http://', 'http://user:pw@') + '/bots/'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['not a URL', () => 'not a url'],
    ['missing', () => undefined],
  ])('%s: 400 before the turn, and nothing is sent', async (_name, serviceUrl) => {
    const { status, json } = await post(running.url, normalDelivery(`ssrf-${Math.random()}`, { type: 'message', text: 'hi', serviceUrl: serviceUrl() }));
    expect(status).toBe(400);
    expect(json.message).toMatch(/serviceUrl/);
    expect(target.hits).toEqual([]);
  });

  test('a listed service URL gets the replies', async () => {
    const { status } = await post(running.url, normalDelivery('listed', { type: 'message', text: 'hi', serviceUrl: `${allowed.url}/bots/` }));
    expect(status).toBe(200);
    expect(allowed.hits.length).toBeGreaterThanOrEqual(1);
    expect(allowed.hits.every((hit) => hit.url?.startsWith('/bots/v3/conversations/listed/activities'))).toBe(true);
  });

  test('expectReplies makes no outbound call: any string serviceUrl is fine, and nothing is sent', async () => {
    for (const serviceUrl of [target.url, `${target.url}/x?y`, 'not a url', '', 'http://127.0.0.1:9']) {
      const { status, json } = await post(running.url, activity(`expect-${serviceUrl}`, { type: 'message', text: 'hi', serviceUrl }));
      expect(status).toBe(200);
      expect(allText(json.activities as Reply[])).toMatch(QUESTION_1);
    }
    expect(target.hits).toEqual([]);
  });

  test('the local Direct Line channel (its own service URL) still works', async () => {
    const conversation = await startConversation(running.url);
    expect((await postActivity(running.url, conversation, { type: 'message', text: 'yes' })).status).toBe(200);
    const { activities } = await transcript(running.url, conversation);
    expect(activities.some((a) => a.from.role === 'bot' && QUESTION_2.test(a.text ?? ''))).toBe(true);
  });
});

describe('6. only JSON on the JSON routes (415), and no body parsed on other routes', () => {
  let running: RunningServer;
  let conversationPath: string;
  let token: string;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, log: () => undefined });
    const conversation = await startConversation(running.url);
    conversationPath = conversation.conversationId;
    token = conversation.token;
  });
  afterAll(() => running.shutdown(1_000));

  const bodies: Array<[string, string]> = [
    ['application/x-www-form-urlencoded', 'type=message&text=CANARY-form&channelId=test&conversation%5Bid%5D=c&from%5Bid%5D=u'],
    ['text/csv', 'type,text\n"message,CANARY-csv'],
    ['text/tsv', 'type\ttext\n"message\tCANARY-tsv'],
    ['text/plain', '{"type":"message","text":"CANARY-plain"}'],
  ];
  const routes = () => [
    '/api/messages',
    '/api/directline/token',
    '/v3/directline/conversations',
    `/v3/directline/conversations/${conversationPath}/activities`,
    '/v3/directline/tokens/refresh',
    `/v3/conversations/${conversationPath}/activities`,
    `/v3/conversations/${conversationPath}/activities/some-id`,
  ];

  test('every JSON route answers 415 to form, CSV, TSV and plain text, quoting nothing of the body', async () => {
    for (const path of routes()) {
      for (const [contentType, raw] of bodies) {
        const answer = await call(running.url, 'POST', path, { raw, contentType, token });
        expect({ path, contentType, status: answer.status }).toEqual({ path, contentType, status: 415 });
        expect(answer.text).not.toContain('CANARY');
      }
    }
    // Nothing reached the transcript.
    const { activities } = await transcript(running.url, { conversationId: conversationPath, token });
    expect(JSON.stringify(activities)).not.toContain('CANARY');
  });

  test('a bodyless POST still works (the token request, a token refresh)', async () => {
    expect((await fetch(`${running.url}/api/directline/token`, { method: 'POST' })).status).toBe(200);
    const refreshed = await fetch(`${running.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(refreshed.status).toBe(200);
  });

  test('routes that take no body leave it unread: no 415, no 500', async () => {
    for (const [contentType, raw] of bodies) {
      const response = await fetch(`${running.url}/healthz`, { method: 'POST', headers: { 'content-type': contentType }, body: raw });
      expect(response.status).not.toBe(415);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain('CANARY');
    }
  });

  test('the plain-HTML triage form routes take form bodies only: 415 for the rest, never a 500 or an echo', async () => {
    for (const path of ['/triage']) {
      for (const [contentType, raw] of bodies.filter(([type]) => type !== 'application/x-www-form-urlencoded')) {
        const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: raw });
        expect(response.status).toBe(415);
        expect(await response.text()).not.toContain('CANARY');
      }
    }
  });

  test('a form route reads its own body with formBody(): flat strings, own keys only, 415 for anything else, 413 past its limit', async () => {
    const formServer = restify.createServer({ handleUncaughtExceptions: false, log: createLogger({ log: () => undefined }) as never });
    formServer.pre(refuseMultipart);
    formServer.post('/form', formBody({ maxBytes: 1024 }), (req: restify.Request, res: restify.Response, next: restify.Next) => {
      const fields = req.body as Record<string, string>;
      res.send(200, { fields: { ...fields }, prototype: Object.getPrototypeOf(fields), polluted: ({} as Record<string, unknown>).polluted ?? null });
      next();
    });
    const url = await listen(formServer.server);
    try {
      const form = await call(url, 'POST', '/form', { raw: 'answer=yes&answer=no&__proto__%5Bpolluted%5D=1&constructor=x&a%5Bb%5D=c', contentType: 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(200);
      expect(form.body).toEqual({ fields: { answer: 'yes', '__proto__[polluted]': '1', constructor: 'x', 'a[b]': 'c' }, prototype: null, polluted: null });
      expect((await call(url, 'POST', '/form', { body: { answer: 'yes' } })).status).toBe(415);
      expect((await call(url, 'POST', '/form', { raw: `answer=${'y'.repeat(2_000)}`, contentType: 'application/x-www-form-urlencoded' })).status).toBe(413);
      expect((await fetch(`${url}/form`, { method: 'POST' })).status).toBe(200);
    } finally {
      await close(formServer.server);
    }
  });

  test('compressed bodies are refused (their inflated size would escape the limit)', async () => {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' });
    expect(response.status).toBe(415);
  });
});

describe('7. a serviceUrl that is not a string is a 400, never a 500', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, log: () => undefined });
  });
  afterAll(() => running.shutdown(1_000));

  test.each([5, {}, [], true, null, ['http://127.0.0.1:9'], { href: 'http://127.0.0.1:9' }])('serviceUrl %j', async (serviceUrl) => {
    for (const deliveryMode of ['expectReplies', undefined]) {
      const { status, json } = await post(running.url, { ...activity('su-type', { type: 'message', text: 'hi', serviceUrl }), deliveryMode });
      expect(status).toBe(400);
      expect(json.message).toMatch(/serviceUrl/);
    }
  });
});

describe('8. no client value can forge a log line', () => {
  test('newlines and fake prefixes in every field stay inside one JSON line; client names never appear', async () => {
    const logs = new CapturedLogs();
    const storage = new MemoryStorage();
    const running = await startServer({ port: 0, env: {}, storage, log: logs.log });
    const forged = 'redteam\n[auth] FORGED-LINE {"level":"error","event":"forged"}\r\n';
    try {
      await post(running.url, activity('inject-1', { type: 'message', channelId: forged, text: forged, locale: forged }));
      await post(running.url, activity(forged, { type: forged, text: 'hi' }));
      await post(running.url, normalDelivery('inject-2', { type: 'message', text: 'hi', serviceUrl: `http://x/${forged}` }));
      storage.read = async () => {
        throw Object.assign(new Error(forged), { name: forged, code: forged });
      };
      await post(running.url, activity('inject-3', { type: 'message', channelId: forged, text: forged }));
      await post(running.url, activity('inject-4', { type: forged, channelId: 'test', text: forged }), { authorization: 'Bearer FORGED-token', 'x-request-id': 'FORGED-id' });

      const entries = logs.entries(); // throws on a line that is not a JSON object
      expect(entries.length).toBeGreaterThanOrEqual(5);
      expect(entries.some((entry) => entry.event === 'forged')).toBe(false);
      expect(logs.lines.join('\n')).not.toMatch(/FORGED|redteam/);
      const turnError = entries.find((entry) => entry.event === 'turnError');
      // The storage failure is named by the store's own type; the forged name and code are nowhere.
      expect(turnError).toMatchObject({ err: { type: 'StorageUnavailableError' }, channel: 'other', storage: true });
    } finally {
      await running.shutdown(1_000);
    }
  });
});
