import { MemoryStorage, type StoreItems } from 'botbuilder';
import fc from 'fast-check';
import { StorageConflictError } from '../../bots/storage';
import { contentFor } from '../../dialogs/content';
import { startServer, type RunningServer } from '../../index';
import { METRIC_LABEL_VALUES, METRIC_NAMES, METRIC_PREFIX } from '../../server/metrics';
import { parsePrometheusText, total, type Scrape } from '../../ops/prometheusText';
import { activity, button, buttons, post, type Reply } from '../production/support/serverProcess';

/** GET /metrics through HTTP: off without METRICS_TOKEN, guarded by it, and moved by real conversations. */

const TOKEN = 'metrics-test-token-9f8e7d6c5b4a39281706';
const START = new Date('2026-11-18T10:30:00Z');
const FEEDBACK = contentFor('en-GB').feedback;

async function scrape(running: RunningServer): Promise<Scrape> {
  const response = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

async function say(running: RunningServer, conversation: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Reply[]> {
  const { status, json } = await post(running.url, { ...activity(conversation, fields), ...extra });
  expect(status).toBe(200);
  return (json?.activities ?? []) as Reply[];
}

const message = (text: string) => ({ type: 'message', text });
const click = (replies: Reply[], title: string) => ({ type: 'message', ...button(replies, title) });

describe('GET /metrics is off unless METRICS_TOKEN is set, and then needs it', () => {
  test('no METRICS_TOKEN: 404, and no metrics route at all', async () => {
    const running = await startServer({ port: 0, env: {}, log: () => undefined });
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      expect(running.metrics).toBeUndefined();
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('with METRICS_TOKEN: 401 for a missing, wrong, partial or otherwise presented token; 200 for the token', async () => {
    const running = await startServer({ port: 0, env: { METRICS_TOKEN: ` ${TOKEN} ` }, log: () => undefined });
    try {
      for (const authorization of [
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.toUpperCase()}`,
        `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
        TOKEN,
        `Token ${TOKEN}`,
        `Bearer ${TOKEN} ${TOKEN}`,
      ]) {
        const response = await fetch(`${running.url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
        expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await response.text()).not.toContain('cyber_triage');
      }
      const ok = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      const body = await ok.text();
      for (const name of Object.values(METRIC_NAMES)) expect(body).toContain(`# TYPE ${name} `);
      // The Node.js process metrics come along (CPU, memory, event loop).
      expect(body).toMatch(/^process_cpu_user_seconds_total /m);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: `bearer  ${TOKEN}` } })).status).toBe(200);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('conversations move the counters they should', () => {
  let running: RunningServer;
  let now = START;
  const storage = new MemoryStorage();

  beforeAll(async () => {
    running = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, storage, clock: () => now, log: () => undefined });
  });
  afterAll(() => running.shutdown(1_000));

  test('a regional journey: started, each answer, the outcome, a miss, the turn latency, the responses', async () => {
    const before = await scrape(running);
    await say(running, 'm-regional', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] });
    await say(running, 'm-regional', message('no'));
    const audience = await say(running, 'm-regional', message('purple elephants'));
    await say(running, 'm-regional', click(audience, 'Myself'));
    await say(running, 'm-regional', message('LS1 4AP'));
    await say(running, 'm-regional', message('thank you'));
    const after = await scrape(running);
    const moved = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);

    expect(moved(METRIC_NAMES.triagesStarted, { channel: 'test' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'happeningNow', understood: 'typed' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'audience', understood: 'unrecognised' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'audience', understood: 'clicked' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'location', understood: 'typed' })).toBe(1);
    // "thank you" at the outcome is answered, but answers no question.
    expect(moved(METRIC_NAMES.answers)).toBe(4);
    expect(moved(METRIC_NAMES.outcomes, { outcome: 'regionalTeam', unit: 'YHROCU', nation: 'england', channel: 'test' })).toBe(1);
    expect(moved(METRIC_NAMES.outcomes)).toBe(1);
    expect(moved(`${METRIC_NAMES.turnDuration}_count`, { channel: 'test' })).toBe(6);
    expect(moved(`${METRIC_NAMES.turnDuration}_bucket`, { channel: 'test', le: '+Inf' })).toBe(6);
    // Six turns and the first scrape: at least seven 2xx responses (the second scrape is counted once it has gone).
    expect(moved(METRIC_NAMES.httpResponses, { status_class: '2xx' })).toBeGreaterThanOrEqual(7);
  });

  test('a live attack in Scotland, Teams channel: the live-attack outcome for Scotland, then the regional team', async () => {
    const before = await scrape(running);
    const teams = { channelId: 'msteams' };
    await say(running, 'm-live', message('hello'), teams);
    await say(running, 'm-live', message('yes, right now'), teams);
    const live = await say(running, 'm-live', message('our business'), teams);
    expect(JSON.stringify(live)).toMatch(/0300 123 2040/);
    await say(running, 'm-live', message('show my regional team'), teams);
    await say(running, 'm-live', message('Glasgow'), teams);
    const after = await scrape(running);
    const moved = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);
    expect(moved(METRIC_NAMES.triagesStarted, { channel: 'msteams' })).toBe(1);
    expect(moved(METRIC_NAMES.outcomes, { outcome: 'liveAttack', unit: 'none', nation: 'unknown', channel: 'msteams' })).toBe(1);
    expect(moved(METRIC_NAMES.outcomes, { outcome: 'regionalTeam', unit: 'SCOT', nation: 'scotland', channel: 'msteams' })).toBe(1);
    // "show my regional team" is a request, not an answer; the place typed next is.
    expect(moved(METRIC_NAMES.answers, { question: 'location', understood: 'typed' })).toBe(1);
  });

  test('where conversations stop: the restart of an idle conversation and the idle sweep both count its state', async () => {
    const before = await scrape(running);
    now = START;
    await say(running, 'm-idle-turn', message('hi'));
    await say(running, 'm-idle-turn', message('no'));
    await say(running, 'm-idle-sweep', message('hi'));
    await say(running, 'm-idle-sweep', message('not sure'));
    await say(running, 'm-idle-sweep', message('a charity'));
    // 31 minutes on: one comes back (the turn step restarts it), the other is swept.
    now = new Date(START.getTime() + 31 * 60_000);
    const restarted = await say(running, 'm-idle-turn', message('myself'));
    expect(JSON.stringify(restarted)).toMatch(/Is the incident happening now/);
    // The sweep also takes the earlier tests' conversations (both at the regional team by now).
    const swept = await running.sweepIdle();
    expect(swept).toBe(3);
    const after = await scrape(running);
    const moved = (labels: Record<string, string> = {}) => total(after, METRIC_NAMES.conversationsStopped, labels) - total(before, METRIC_NAMES.conversationsStopped, labels);
    expect(moved({ state: 'audience' })).toBe(1);
    expect(moved({ state: 'liveAttack' })).toBe(1);
    expect(moved({ state: 'regionalTeam' })).toBe(2);
    expect(moved()).toBe(swept + 1);
    // The restarted conversation is not swept (and counted) a second time.
    expect(await running.sweepIdle()).toBe(0);
    expect(total(await scrape(running), METRIC_NAMES.conversationsStopped)).toBe(total(after, METRIC_NAMES.conversationsStopped));
    now = START;
  });

  test('HTTP responses by status class: refusals (400, 404, 415) and successes', async () => {
    const before = await scrape(running);
    expect((await post(running.url, { type: 'message' })).status).toBe(400);
    expect((await fetch(`${running.url}/no/such/page`)).status).toBe(404);
    expect((await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    const after = await scrape(running);
    expect(total(after, METRIC_NAMES.httpResponses, { status_class: '4xx' }) - total(before, METRIC_NAMES.httpResponses, { status_class: '4xx' })).toBe(3);
  });
});

describe('"Was this helpful?" moves the feedback counter (through HTTP)', () => {
  test('an outcome, then Yes: counted once for that outcome, and in the turn\'s log line; a repeat is not counted', async () => {
    const lines: string[] = [];
    const running = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, storage: new MemoryStorage(), clock: () => START, log: (line) => lines.push(line) });
    try {
      const before = await scrape(running);
      await say(running, 'f-1', message('hi'));
      await say(running, 'f-1', message('no'));
      await say(running, 'f-1', message('myself'));
      const outcome = await say(running, 'f-1', message('LS1 4AP'));
      // Web Chat: the prompt is the last message, a small card with Yes and No, under "Change an answer" and Start again.
      const last = outcome[outcome.length - 1];
      expect(last.attachments?.[0]?.content).toMatchObject({ text: FEEDBACK.prompt });
      expect(last.suggestedActions?.actions.map((action) => action.title)).toEqual(['Change an answer', 'Start again']);
      expect(buttons([last]).map((action) => action.title)).toEqual(expect.arrayContaining([FEEDBACK.yes, FEEDBACK.no]));
      const yes = click(outcome, FEEDBACK.yes);
      const thanks = await say(running, 'f-1', yes);
      expect(thanks[0].text).toBe(FEEDBACK.thanksYes);
      expect(thanks[thanks.length - 1].suggestedActions?.actions.map((action) => action.title)).toContain('Start again');
      await say(running, 'f-1', yes);
      const after = await scrape(running);
      const moved = (labels: Record<string, string> = {}) => total(after, METRIC_NAMES.feedback, labels) - total(before, METRIC_NAMES.feedback, labels);
      expect(moved({ outcome: 'regionalTeam', answer: 'yes' })).toBe(1);
      expect(moved()).toBe(1);
      // The outcome itself was counted once: the feedback turns are not arrivals.
      expect(total(after, METRIC_NAMES.outcomes) - total(before, METRIC_NAMES.outcomes)).toBe(1);

      // A live attack, No: counted for that outcome.
      await say(running, 'f-2', message('hi'));
      await say(running, 'f-2', message('yes'));
      const live = await say(running, 'f-2', message('our business'));
      const no = await say(running, 'f-2', click(live, FEEDBACK.no));
      expect(JSON.stringify(no)).toMatch(/0300 123 2040/);
      const final = await scrape(running);
      expect(total(final, METRIC_NAMES.feedback, { outcome: 'liveAttack', answer: 'no' }) - total(before, METRIC_NAMES.feedback, { outcome: 'liveAttack', answer: 'no' })).toBe(1);

      const turns = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'turn');
      const withFeedback = turns.filter((line) => line.feedback);
      expect(withFeedback.map((line) => line.feedback)).toEqual([
        { outcome: 'regionalTeam', answer: 'yes' },
        { outcome: 'liveAttack', answer: 'no' },
      ]);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('storage errors, conflicts and turn errors are counted', () => {
  test('a failing read, a failing write and a conflict', async () => {
    const storage = new MemoryStorage();
    const read = storage.read.bind(storage);
    const write = storage.write.bind(storage);
    let failRead = false;
    let failWrite = false;
    let conflicts = 0;
    storage.read = async (keys: string[]) => {
      if (failRead) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      return read(keys);
    };
    storage.write = async (changes: StoreItems) => {
      if (conflicts > 0) {
        conflicts--;
        throw new StorageConflictError('key', 412);
      }
      if (failWrite) throw new Error('down');
      return write(changes);
    };
    const running = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, storage, log: () => undefined });
    try {
      await say(running, 's-1', message('hi'));
      conflicts = 2;
      await say(running, 's-1', message('yes'));
      failRead = true;
      const failedRead = await say(running, 's-1', message('business'));
      expect(JSON.stringify(failedRead)).toMatch(/999/);
      failRead = false;
      failWrite = true;
      await say(running, 's-2', message('hi'));
      failWrite = false;
      const metrics = await scrape(running);
      expect(total(metrics, METRIC_NAMES.storageConflicts)).toBe(2);
      expect(total(metrics, METRIC_NAMES.storageErrors, { operation: 'read' })).toBe(1);
      expect(total(metrics, METRIC_NAMES.storageErrors, { operation: 'write' })).toBe(1);
      expect(total(metrics, METRIC_NAMES.turnErrors, { kind: 'other' })).toBe(2);
      // Only the successful turns are in the latency histogram (the failed ones never produced a result).
      expect(total(metrics, `${METRIC_NAMES.turnDuration}_count`)).toBe(2);
    } finally {
      await running.shutdown(1_000);
    }
  });
});

describe('label values come only from the fixed lists, whatever arrives', () => {
  /** Every label of every sample of ours has a known name and a value from its list. */
  function unboundedLabels(metrics: Scrape): string[] {
    const problems: string[] = [];
    for (const sample of metrics.samples.filter((s) => s.name.startsWith(METRIC_PREFIX))) {
      for (const [label, value] of Object.entries(sample.labels)) {
        if (label === 'le') continue;
        const allowed = METRIC_LABEL_VALUES[label];
        if (!allowed) problems.push(`${sample.name}: unknown label ${label}`);
        else if (!allowed.includes(value)) problems.push(`${sample.name}{${label}=${JSON.stringify(value)}}`);
      }
    }
    return problems;
  }

  const HOSTILE = ['constructor', '__proto__', 'toString', 'msteams ', 'MSTEAMS', 'evil"}\nfake_metric 1', 'a'.repeat(3000), '☃', 'direct line', '../../etc'];

  test('hostile channel ids, locales, button values and stored states all map into the lists', async () => {
    const storage = new MemoryStorage();
    const running = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, storage, log: () => undefined });
    try {
      let n = 0;
      for (const channelId of HOSTILE) {
        const id = `h-${n++}`;
        await say(running, id, message('hi'), { channelId, locale: channelId });
        await say(running, id, { type: 'message', text: 'no', value: { action: 'answerHappening', answer: channelId, triage: channelId, state: channelId } }, { channelId });
        await say(running, id, { type: 'message', value: { action: 'chooseNation', nation: 'narnia', state: 'location', triage: 'x' } }, { channelId });
        await say(running, id, message('myself'), { channelId, locale: 'constructor' });
        await say(running, id, message(channelId), { channelId });
      }
      // Stored records with states, units and forces from nowhere: as if storage had been tampered with.
      for (const [i, value] of ['hackedState', 'regionalTeam', 'constructor'].entries()) {
        const key = `test/conversations/tampered-${i}`;
        await storage.write({
          [key]: {
            record: {
              greeted: true,
              triageId: 't',
              misses: 0,
              lastActiveAt: new Date().toISOString(),
              triage: { machineVersion: '2', snapshot: { status: 'active', value, context: { location: { unitId: 'EVIL', forceId: 'nowhere', label: 'x' }, outside: { kind: 'mars' } } } },
            },
          },
        });
        await say(running, `tampered-${i}`, message('Leeds'));
        await say(running, `tampered-${i}`, message('hello'));
      }
      const metrics = await scrape(running);
      expect(unboundedLabels(metrics)).toEqual([]);
      expect(total(metrics, METRIC_NAMES.triagesStarted, { channel: 'other' })).toBeGreaterThanOrEqual(HOSTILE.length);
      expect(metrics.samples.some((s) => s.name === 'fake_metric')).toBe(false);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('property: any channel id and any button value (fast-check, 60 runs)', async () => {
    const running = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, log: () => undefined });
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.jsonValue(), fc.string({ maxLength: 30 }), async (channelId, value, text) => {
          const id = `p-${n++}`;
          await say(running, id, message('hi'), { channelId });
          await say(running, id, { type: 'message', text, value }, { channelId });
        }),
        { numRuns: 60 },
      );
      expect(unboundedLabels(await scrape(running))).toEqual([]);
    } finally {
      await running.shutdown(1_000);
    }
  });
});
