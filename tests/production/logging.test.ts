import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import type { CompletedTurn } from '../../bots/triageBot';
import { startServer, type RunningServer } from '../../index';
import { requestLoggerOf } from '../../server/messages';
import { createLogger, errorFields, logLevelFrom } from '../../server/logging';
import { activity, post } from './support/serverProcess';
import { call, page, postActivity, startConversation } from './support/directLine';
import { CapturedLogs, type LogEntry } from './support/logs';

/** Structured logs (issue 14): JSON lines from pino, one per HTTP request, fields not strings, nothing personal. */

const CANARY = 'CANARY-5e81c4 sw1a 2aa john.smith@example.org';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('one JSON line per HTTP request', () => {
  let running: RunningServer;
  const logs = new CapturedLogs();
  let storageFails = false;
  const storage = new MemoryStorage();
  const read = storage.read.bind(storage);
  storage.read = async (keys) => {
    if (storageFails) throw new Error(`storage unavailable ${CANARY}`);
    return read(keys);
  };

  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, storage, log: logs.log });
  });
  afterAll(() => running.shutdown(1_000));
  beforeEach(() => logs.clear());

  const httpLines = (): LogEntry[] => logs.events('http');

  test('request id, method, route template, status and latency; nothing else about the request', async () => {
    await post(running.url, activity('log-1', { type: 'message', text: 'hi' }));
    await fetch(`${running.url}/healthz`);
    await fetch(`${running.url}/no/such/path?token=abc`);
    const lines = httpLines();
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['event', 'level', 'method', 'ms', 'msg', 'reqId', 'route', 'service', 'status', 'time']);
      expect(line.reqId).toMatch(UUID);
      expect(line.level).toBe('info');
      expect(typeof line.ms).toBe('number');
      expect(line.ms as number).toBeGreaterThanOrEqual(0);
    }
    expect(lines.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'POST', route: '/api/messages', status: 200 },
      { method: 'GET', route: '/healthz', status: 200 },
      { method: 'GET', route: null, status: 404 },
    ]);
    expect(new Set(lines.map((line) => line.reqId)).size).toBe(3);
  });

  test('the route template, never the URL: no conversation id or token in any line', async () => {
    const conversation = await startConversation(running.url);
    await postActivity(running.url, conversation, { type: 'message', text: CANARY, from: { id: 'u', name: CANARY }, locale: 'en-GB', value: { answer: CANARY } });
    await page(running.url, conversation, '0');
    await call(running.url, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    const routes = httpLines().map((line) => line.route);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/v3/directline/conversations',
        '/v3/directline/conversations/:conversationId/activities',
        '/v3/conversations/:conversationId/activities/:activityId',
        '/api/messages',
        '/v3/directline/tokens/refresh',
      ]),
    );
    const all = logs.lines.join('\n');
    expect(all).not.toContain(conversation.conversationId);
    expect(all).not.toContain(conversation.token);
    expect(all).not.toMatch(/CANARY|5e81c4|sw1a|john\.smith/i);
  });

  test('refusals before routing (multipart) are logged too', async () => {
    const form = new FormData();
    form.append('text', CANARY);
    expect((await fetch(`${running.url}/api/messages`, { method: 'POST', body: form })).status).toBe(415);
    expect(httpLines()).toEqual([expect.objectContaining({ method: 'POST', status: 415 })]);
  });

  test('never request headers, whatever they hold', async () => {
    await post(running.url, activity('log-headers', { type: 'message', text: 'hi' }), {
      authorization: 'Bearer header-canary-token',
      cookie: 'session=header-canary-cookie',
      'x-forwarded-for': '203.0.113.99',
      'user-agent': 'header-canary-agent',
      'x-request-id': 'header-canary-id',
    });
    const all = logs.lines.join('\n');
    expect(all).not.toMatch(/header-canary|203\.0\.113\.99|authorization|cookie|user-agent/i);
  });

  test('a turn error carries the request id of its request; the error is its type, never its message', async () => {
    await post(running.url, activity('log-error', { type: 'message', text: 'hi' }));
    logs.clear();
    storageFails = true;
    try {
      await post(running.url, activity('log-error', { type: 'message', text: CANARY }));
    } finally {
      storageFails = false;
    }
    const [turnError] = logs.events('turnError');
    const [request] = httpLines();
    expect(turnError).toMatchObject({ level: 'error', reqId: request.reqId, err: { type: 'StorageUnavailableError' }, activityType: 'message', channel: 'test', outbound: false, storage: true });
    expect(logs.lines.join('\n')).not.toMatch(/CANARY|storage unavailable/);
  });
});

describe('one JSON line per turn (server/observe.ts)', () => {
  const TURN_FIELDS = ['answers', 'channel', 'event', 'expiredAt', 'input', 'level', 'ms', 'msg', 'nation', 'outcome', 'reqId', 'service', 'stateAfter', 'stateBefore', 'time', 'triageStarted', 'unit'];

  test('request id, channel, state before and after, latency and outcome; never the text, ids or anything else sent', async () => {
    const logs = new CapturedLogs();
    const running = await startServer({ port: 0, env: {}, log: logs.log });
    try {
      const canaryActivity = (fields: Record<string, unknown>) =>
        activity(`conv-${CANARY}`, { from: { id: `user-${CANARY}`, name: CANARY }, recipient: { id: `bot-${CANARY}` }, locale: 'en-GB', ...fields });
      await post(running.url, canaryActivity({ type: 'conversationUpdate', membersAdded: [{ id: CANARY }] }));
      await post(running.url, canaryActivity({ type: 'message', text: `blorp ${CANARY}`, value: { answer: CANARY } }));
      await post(running.url, canaryActivity({ type: 'message', text: 'no' }));
      await post(running.url, canaryActivity({ type: 'message', text: 'myself' }));
      await post(running.url, canaryActivity({ type: 'message', text: 'LS1 4AP' }));
      await post(running.url, canaryActivity({ type: 'message', text: CANARY, channelId: CANARY }));

      const turns = logs.events('turn');
      expect(turns).toHaveLength(6);
      for (const turn of turns) {
        for (const key of Object.keys(turn)) expect(TURN_FIELDS).toContain(key);
        expect(turn.reqId).toMatch(UUID);
        expect(typeof turn.ms).toBe('number');
      }
      // Each turn's line carries the id of the request it came in on.
      const requests = logs.events('http').map((line) => line.reqId);
      expect(turns.map((turn) => turn.reqId)).toEqual(requests);
      expect(turns.map(({ stateBefore, stateAfter, outcome }) => ({ stateBefore, stateAfter, outcome }))).toEqual([
        { stateBefore: null, stateAfter: 'happeningNow', outcome: null },
        // The canary's value is not a button, so the text is read: its postcode is taken as the place (the place
        // is kept as its district, never logged), and the question on screen is still unanswered.
        { stateBefore: 'happeningNow', stateAfter: 'happeningNow', outcome: null },
        { stateBefore: 'happeningNow', stateAfter: 'audience', outcome: null },
        // The place is already known: straight to the team.
        { stateBefore: 'audience', stateAfter: 'regionalTeam', outcome: 'regionalTeam' },
        // A new place typed at the outcome: that place's team.
        { stateBefore: 'regionalTeam', stateAfter: 'regionalTeam', outcome: 'regionalTeam' },
        // Another channel id is another conversation: a new one, channel "other".
        { stateBefore: null, stateAfter: 'happeningNow', outcome: null },
      ]);
      expect(turns[1]).toMatchObject({ channel: 'test', answers: [{ question: 'location', understood: 'typed' }] });
      expect(turns[2]).toMatchObject({ answers: [{ question: 'happeningNow', understood: 'typed' }] });
      expect(turns[3]).toMatchObject({ unit: 'MET', nation: 'england' });
      expect(turns[5]).toMatchObject({ channel: 'other', triageStarted: true });
      const all = logs.lines.join('\n');
      expect(all).not.toMatch(/CANARY|5e81c4|sw1a|john\.smith|LS1 4AP|LS1/i);
      expect(all).not.toMatch(/"(triageId|conversation|conversationId|from|user|text)"/);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('with LOG_LEVEL=warn there is no turn line; the turn still runs', async () => {
    const logs = new CapturedLogs();
    const running = await startServer({ port: 0, env: { LOG_LEVEL: 'warn' }, log: logs.log });
    try {
      const { json } = await post(running.url, activity('quiet-turn', { type: 'message', text: 'hi' }));
      expect(JSON.stringify(json)).toMatch(/Is the incident happening now/);
      expect(logs.events('turn')).toEqual([]);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('the level comes from LOG_LEVEL', () => {
  test.each([
    ['warn', 0],
    ['error', 0],
    ['info', 1],
    ['debug', 1],
  ])('LOG_LEVEL=%s: %i request line(s)', async (level, expected) => {
    const logs = new CapturedLogs();
    const running = await startServer({ port: 0, env: { LOG_LEVEL: level }, log: logs.log });
    try {
      await fetch(`${running.url}/healthz`);
      expect(logs.events('http')).toHaveLength(expected);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('an unknown LOG_LEVEL is reported and info is used', () => {
    expect(logLevelFrom({ LOG_LEVEL: 'loud' })).toEqual({ level: 'info', problem: expect.stringContaining('LOG_LEVEL') });
    expect(logLevelFrom({})).toEqual({ level: 'info' });
    expect(logLevelFrom({ LOG_LEVEL: ' WARN ' })).toEqual({ level: 'warn' });
    const logs = new CapturedLogs();
    createLogger({ env: { LOG_LEVEL: 'loud' }, log: logs.log });
    expect(logs.entries()).toEqual([expect.objectContaining({ level: 'warn', event: 'config', setting: 'LOG_LEVEL' })]);
  });
});

describe('what a log line can hold', () => {
  test('a request or error handed to the logger (as restify does on "error in formatter") is reduced to safe fields', () => {
    const logs = new CapturedLogs();
    const logger = createLogger({ log: logs.log, env: {} });
    const req = {
      method: 'GET',
      url: '/v3/directline/conversations/secret-conversation/activities?watermark=1',
      headers: { authorization: 'Bearer secret-token', cookie: 'a=b' },
      getRoute: () => ({ path: '/v3/directline/conversations/:conversationId/activities' }),
    };
    logger.warn({ req, err: Object.assign(new Error(`bad input ${CANARY}`), { code: 'ERR_X', statusCode: 500 }) }, 'error in formatter');
    logger.info({ headers: { authorization: 'Bearer secret-token' }, nested: { headers: { cookie: 'x' } } }, 'headers anywhere');
    const [formatter, headers] = logs.entries();
    expect(formatter.req).toEqual({ method: 'GET', route: '/v3/directline/conversations/:conversationId/activities' });
    expect(formatter.err).toEqual({ type: 'Error', code: 'ERR_X', status: 500 });
    expect(headers).not.toHaveProperty('headers');
    expect(logs.lines.join('\n')).not.toMatch(/secret|CANARY|cookie/);
  });

  test('a logger passed in from elsewhere gets the same reduction of requests and errors', () => {
    const lines: string[] = [];
    const plain = pino({}, { write: (chunk: string) => lines.push(chunk) });
    const logger = createLogger({ logger: plain });
    logger.warn({ req: { method: 'POST', headers: { authorization: 'Bearer secret-token' }, getRoute: () => ({ path: '/api/messages' }) }, err: new Error(`bad ${CANARY}`) }, 'x');
    const [line] = lines.map((l) => JSON.parse(l));
    expect(line.req).toEqual({ method: 'POST', route: '/api/messages' });
    expect(line.err).toEqual({ type: 'Error' });
    expect(lines.join('')).not.toMatch(/secret|CANARY/);
  });

  test('errorFields keeps only plain tokens', () => {
    expect(errorFields(Object.assign(new Error('x'), { name: 'Bad\nName', code: 'has space' }))).toEqual({ type: 'Error' });
    expect(errorFields({ name: 'RestError', code: 'ECONNREFUSED', statusCode: 503 })).toEqual({ type: 'RestError', code: 'ECONNREFUSED', status: 503 });
    expect(errorFields(undefined)).toEqual({ type: 'Error' });
    expect(errorFields(errorFields({ name: 'TimeoutError' }))).toEqual({ type: 'TimeoutError' });
  });
});

describe('the one place per-turn logs and metrics plug in: onTurnResult', () => {
  test('called once per turn with the record before and after, the input kind and the latency; the request logger carries the request id', async () => {
    const logs = new CapturedLogs();
    const observed: CompletedTurn[] = [];
    // The context is only usable during the call (botbuilder revokes it when the turn ends).
    const onTurnResult = (observation: CompletedTurn) => {
      observed.push(observation);
      requestLoggerOf(observation.context)!.info({ event: 'turnProbe', input: observation.input }, 'probe');
    };
    const running = await startServer({ port: 0, env: {}, log: logs.log, onTurnResult });
    try {
      await post(running.url, activity('observed', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
      await post(running.url, activity('observed', { type: 'message', text: 'yes' }));
      expect(observed.map((o) => o.input)).toEqual(['welcome', 'message']);
      expect(observed[0].before).toBeUndefined();
      expect(observed[1].before).toEqual(observed[0].result.record);
      expect(observed[1].result.messages.length).toBeGreaterThan(0);
      for (const o of observed) expect(o.latencyMs).toBeGreaterThanOrEqual(0);
      // A line written through the turn's logger is linked to its request's line.
      const probes = logs.events('turnProbe');
      const requests = logs.events('http').map((line) => line.reqId);
      expect(probes).toHaveLength(2);
      expect(requests).toEqual(probes.map((probe) => probe.reqId));
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('an observer that throws never breaks the turn', async () => {
    const running = await startServer({ port: 0, env: {}, log: () => undefined, onTurnResult: () => { throw new Error('observer failed'); } });
    try {
      const { status, json } = await post(running.url, activity('observer-throws', { type: 'message', text: 'hi' }));
      expect(status).toBe(200);
      expect(JSON.stringify(json)).toMatch(/Is the incident happening now/);
    } finally {
      await running.shutdown(1_000);
    }
  });
});
