import fc from 'fast-check';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../index';
import { runTurn, type ConversationRecord } from '../../dialogs/turn';
import { understand, type Position, type Understood } from '../../dialogs/understand';
import { restoreTriage, stateIdOf } from '../../machines/persistence';
import { activity, post } from './support/serverProcess';

/**
 * Property-based: understanding never throws, and no body posted to /api/messages gets a 5xx or kills the server,
 * whatever its locale, serviceUrl, delivery mode or content type; no activity makes the bot call a URL it names.
 */

/** PROPERTY_RUNS=5000 npx jest tests/production/properties for a longer hunt; CI keeps the default short runs. */
const runs = (fallback: number) => Number(process.env.PROPERTY_RUNS) || fallback;

/** The kinds the turn step handles (dialogs/turn.ts switches over exactly these). */
const KINDS = new Set<Understood['kind']>(['event', 'restart', 'back', 'help', 'stale', 'empty', 'unrecognised', 'intent']);

/** Real positions: the machine driven to each question and outcome, as the bot would be. */
function positions(): Position[] {
  const now = new Date('2026-11-18T10:30:00Z');
  const journeys = [[], ['yes'], ['no', 'myself'], ['yes', 'organisation'], ['no', 'myself', 'LS1 4AP'], ['no', 'myself', 'yorkshire'], ['no', 'myself', 'SK'], ['no', 'myself', 'france']];
  return journeys.map((answers) => {
    let record: ConversationRecord = runTurn(undefined, { kind: 'welcome' }, { now }).record;
    for (const text of answers) record = runTurn(record, { kind: 'message', text }, { now }).record;
    const snapshot = restoreTriage(record.triage)!;
    return { state: stateIdOf(snapshot), triageId: record.triageId, context: snapshot.context };
  });
}

const POSITIONS = positions();

test('the positions cover every question and outcome', () => {
  expect(new Set(POSITIONS.map((p) => p.state))).toEqual(new Set(['happeningNow', 'audience', 'location', 'liveAttack', 'regionalTeam', 'locationChoice', 'outsideUk']));
});

/** Text a user might type: any unicode, words the bot knows, mixed with noise, sometimes very long. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('yes', 'no', 'not sure', 'back', 'help', 'start again', 'LS1 4AP', 'ls1', 'Kent', '1', '2', '<at>Bot</at> yes', '   ', '', '\u0000', 'ẞ', '\u202e'),
  fc.tuple(fc.constantFrom('yes', 'myself', 'LS1', 'organisation'), fc.string({ unit: 'binary', maxLength: 20 })).map(([a, b]) => `${a}${b}`),
  fc.nat({ max: 5_000 }).map((n) => 'x'.repeat(n)),
);

/** Values a client might send: anything, and things shaped like the bot's own button values. */
const value = fc.oneof(
  fc.anything(),
  fc.record({ v: fc.constantFrom(1, 2, '1'), action: fc.constantFrom('answerHappening', 'answerAudience', 'chooseNation', 'chooseCandidate', 'restart', 'help', 'back', 'change', 'showRegionalTeam', 'x'), answer: fc.anything(), index: fc.anything(), nation: fc.anything(), question: fc.anything(), triage: fc.string(), state: fc.string() }, { requiredKeys: [] }),
);

test('understand() never throws and always answers a known kind', () => {
  fc.assert(
    fc.property(
      fc.option(fc.oneof(text, fc.anything() as fc.Arbitrary<unknown>)),
      fc.option(value),
      fc.constantFrom(...POSITIONS),
      fc.option(fc.string()),
      (input, inputValue, position, triageId) => {
        const understood = understand({ text: input as string | undefined, value: inputValue ?? undefined }, { ...position, triageId: triageId ?? position.triageId });
        expect(KINDS.has(understood.kind)).toBe(true);
        if (understood.kind === 'event') expect(typeof understood.event.type).toBe('string');
      },
    ),
    { numRuns: runs(2_000) },
  );
});

describe('POST /api/messages with arbitrary bodies', () => {
  let running: RunningServer;
  const logLines: string[] = [];
  /** A server the mutated activities name as their serviceUrl: with authentication off nothing may ever reach it. */
  const victimHits: string[] = [];
  const victim = createHttpServer((req, res) => {
    victimHits.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  let victimUrl = '';

  beforeAll(async () => {
    running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' }, log: (line) => logLines.push(line) });
    await new Promise<void>((resolve) => victim.listen(0, '127.0.0.1', resolve));
    victimUrl = `http://127.0.0.1:${(victim.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await running.shutdown(1_000);
    await new Promise((resolve) => victim.close(resolve));
  });

  async function expectHandled(body: unknown, check?: (json: any) => void): Promise<void> {
    const { status, json } = await post(running.url, typeof body === 'string' ? body : JSON.stringify(body));
    // Never a server error: a reply, or a 4xx that says what was wrong.
    expect(status).toBeLessThan(500);
    if (status >= 400) expect(typeof json?.message === 'string' || typeof json?.error === 'string').toBe(true);
    if (status === 200) check?.(json);
  }

  test('any JSON value (and any string) as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 300 })), (body) => expectHandled(body)),
      { numRuns: runs(150) },
    );
  });

  let conversation = 0;
  const field = fc.constantFrom(
    'type', 'text', 'value', 'channelId', 'conversation', 'from', 'recipient', 'locale', 'timestamp', 'localTimestamp', 'expiration',
    'id', 'replyToId', 'channelData', 'entities', 'attachments', 'membersAdded', 'membersRemoved', 'name', 'action', 'textFormat',
    'speak', 'inputHint', 'suggestedActions', 'relatesTo', 'callerId', 'importance', 'label', 'valueType', '__proto__', 'constructor',
  );
  /** Locales: language tags, Object.prototype's keys in any case and with regions, any string, any JSON. */
  const locale = fc.oneof(
    fc.constantFrom('en', 'en-GB', 'cy', 'cy-GB', 'gd', 'pl-PL', 'zh-Hant-TW', 'xx', ''),
    fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype').chain((key) =>
      fc.constantFrom(key, key.toUpperCase(), `${key}-GB`, `${key}_GB`, `${key.toLowerCase()}-x`),
    ),
    fc.string({ maxLength: 40 }),
    fc.jsonValue(),
  );
  /** Service URLs: the victim (with paths and queries), internal addresses, not URLs, not strings. */
  const serviceUrl = fc.oneof(
    fc.constant('http://127.0.0.1:9'),
    fc.constantFrom('/admin', '/v3?x=', '/?next=http://evil.example', '', '/').map((suffix) => () => `${victimUrl}${suffix}`),
    fc.constantFrom('http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:10000/devstoreaccount1', 'file:///etc/passwd', 'javascript:alert(1)', 'http://[::1', ''),
    fc.webUrl(),
    fc.string({ maxLength: 60 }),
    fc.jsonValue(),
  );
  const mutation = fc.oneof(
    fc.record({ op: fc.constant('set' as const), field, to: fc.jsonValue() }),
    fc.record({ op: fc.constant('locale' as const), to: locale }),
    fc.record({ op: fc.constant('serviceUrl' as const), to: serviceUrl, deliveryMode: fc.constantFrom('expectReplies', undefined, 'normal', 'notification', 5, null) }),
    fc.record({ op: fc.constant('delete' as const), field }),
    fc.record({ op: fc.constant('nested' as const), field: fc.constantFrom('conversation', 'from', 'recipient'), key: fc.constantFrom('id', 'name', 'conversationType', 'tenantId', 'role', 'aadObjectId'), to: fc.jsonValue() }),
    fc.record({ op: fc.constant('type' as const), to: fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', 'installationUpdate', 'messageReaction', 'typing', 'endOfConversation', 'handoff', 'trace', 'Message', 'x') }),
    fc.record({ op: fc.constant('channel' as const), to: fc.constantFrom('msteams', 'webchat', 'directline', 'emulator', 'test', 'slack') }),
  );

  test('a valid activity with arbitrary mutations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 6 }), text, value, async (mutations, messageText, messageValue) => {
        const body: Record<string, any> = activity(`prop-${++conversation}`, { type: 'message', text: messageText, value: messageValue });
        let addressMutated = false;
        for (const m of mutations) {
          if (m.op === 'set') body[m.field] = m.to;
          else if (m.op === 'delete') delete body[m.field];
          else if (m.op === 'nested') body[m.field] = { ...(typeof body[m.field] === 'object' && body[m.field] ? body[m.field] : {}), [m.key]: m.to };
          else if (m.op === 'type') body.type = m.to;
          else if (m.op === 'locale') body.locale = m.to;
          else if (m.op === 'serviceUrl') {
            body.serviceUrl = typeof m.to === 'function' ? m.to() : m.to;
            body.deliveryMode = m.deliveryMode;
            addressMutated = true;
          } else body.channelId = m.to;
        }
        const expectReplies = body.deliveryMode === 'expectReplies';
        await expectHandled(body, (json) => {
          // With authentication off a reply can only go where the server allows (here: nowhere, no local channel
          // activity is made up), so only expectReplies can succeed; it never makes an outbound call.
          expect(expectReplies).toBe(true);
          expect(Array.isArray(json?.activities)).toBe(true);
          const addressed = body.channelId !== 'msteams' || !body.conversation?.conversationType || body.conversation.conversationType === 'personal';
          // Whatever the locale: a message gets an answer (a locale of "constructor" used to get none).
          if (body.type === 'message' && addressed) expect(json.activities.length).toBeGreaterThan(0);
        });
        if (!addressMutated) expect(body.serviceUrl).toBe('http://127.0.0.1:9');
      }),
      { numRuns: runs(200) },
    );
    // No mutated serviceUrl, path or query was ever called.
    expect(victimHits).toEqual([]);
    // The server is still up and well.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('any content type with any body: never a 5xx; a body that is not application/json gets 415', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'text/csv', 'text/tsv',
        'text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'application/json-patch+json', 'application/jsonx', 'multipart/form-data; boundary=x', 'image/png', ';', '',
      ),
      fc.string({ maxLength: 40 }).filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
    );
    const body = fc.oneof(
      fc.constant(JSON.stringify(activity('ct', { type: 'message', text: 'hi' }))),
      fc.constantFrom('type=message&text=hi&channelId=test', 'a,"b\n"c', 'a\t"b', '<a/>', '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n--x--'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(contentType, body, async (type, text) => {
        const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: new TextEncoder().encode(text) });
        const answer = await response.text();
        expect(response.status).toBeLessThan(500);
        const media = type.split(';')[0].trim().toLowerCase();
        if (media !== 'application/json') expect(response.status).toBe(415);
        else expect(response.status).not.toBe(415);
        // An error never quotes the body back.
        if (response.status >= 400 && text.length > 8) expect(answer).not.toContain(text);
      }),
      { numRuns: runs(150) },
    );
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('bodies over the limit get 413', async () => {
    const { status } = await post(running.url, activity('big', { type: 'message', text: 'a'.repeat(70 * 1024) }));
    expect(status).toBe(413);
  });
});
