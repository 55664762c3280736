import fc from 'fast-check';
import { startServer, type RunningServer } from '../../index';
import { runTurn, type ConversationRecord } from '../../dialogs/turn';
import { understand, type Position, type Understood } from '../../dialogs/understand';
import { restoreTriage, stateIdOf } from '../../machines/persistence';
import { activity, post } from './support/serverProcess';

/** Property-based: understanding never throws, and no body posted to /api/messages gets a 5xx or kills the server. */

/** PROPERTY_RUNS=5000 npx jest tests/production/properties for a longer hunt; CI keeps the default short runs. */
const runs = (fallback: number) => Number(process.env.PROPERTY_RUNS) || fallback;

/** The kinds the turn step handles (dialogs/turn.ts switches over exactly these). */
const KINDS = new Set<Understood['kind']>(['event', 'restart', 'back', 'help', 'stale', 'empty', 'unrecognised']);

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

  beforeAll(async () => {
    running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' }, log: (line) => logLines.push(line) });
  });
  afterAll(async () => {
    await running.shutdown(1_000);
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
  const mutation = fc.oneof(
    fc.record({ op: fc.constant('set' as const), field, to: fc.jsonValue() }),
    fc.record({ op: fc.constant('delete' as const), field }),
    fc.record({ op: fc.constant('nested' as const), field: fc.constantFrom('conversation', 'from', 'recipient'), key: fc.constantFrom('id', 'name', 'conversationType', 'tenantId', 'role', 'aadObjectId'), to: fc.jsonValue() }),
    fc.record({ op: fc.constant('type' as const), to: fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', 'installationUpdate', 'messageReaction', 'typing', 'endOfConversation', 'handoff', 'trace', 'Message', 'x') }),
    fc.record({ op: fc.constant('channel' as const), to: fc.constantFrom('msteams', 'webchat', 'directline', 'emulator', 'test', 'slack') }),
  );

  test('a valid activity with arbitrary mutations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 6 }), text, value, async (mutations, messageText, messageValue) => {
        const body: Record<string, any> = activity(`prop-${++conversation}`, { type: 'message', text: messageText, value: messageValue });
        for (const m of mutations) {
          if (m.op === 'set') body[m.field] = m.to;
          else if (m.op === 'delete') delete body[m.field];
          else if (m.op === 'nested') body[m.field] = { ...(typeof body[m.field] === 'object' && body[m.field] ? body[m.field] : {}), [m.key]: m.to };
          else if (m.op === 'type') body.type = m.to;
          else body.channelId = m.to;
        }
        // Replies go back in the response: never to a service URL the mutation made up.
        body.serviceUrl = 'http://127.0.0.1:9';
        body.deliveryMode = 'expectReplies';
        await expectHandled(body, (json) => {
          expect(Array.isArray(json?.activities)).toBe(true);
          const addressed = body.channelId !== 'msteams' || !body.conversation?.conversationType || body.conversation.conversationType === 'personal';
          if (body.type === 'message' && addressed) expect(json.activities.length).toBeGreaterThan(0);
        });
      }),
      { numRuns: runs(200) },
    );
    // The server is still up and well.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('bodies over the limit get 413', async () => {
    const { status } = await post(running.url, activity('big', { type: 'message', text: 'a'.repeat(70 * 1024) }));
    expect(status).toBe(413);
  });
});
