import type { ButtonAction } from '../../dialogs/buttons';
import type { BotMessage } from '../../dialogs/render';
import { runTurn, type ConversationRecord, type TurnInput } from '../../dialogs/turn';
import { METRIC_LABEL_VALUES, TriageMetrics } from '../../server/metrics';
import { countTurn, turnFacts, turnLogFields, whereOf, type TurnFacts } from '../../server/observe';

/**
 * The pure mapping from what a turn did (the stored records before and after, whether the input was a click) to
 * the facts that are counted and logged. Each row drives the real turn step, as the bot does, and checks the facts.
 */

const START = new Date('2026-11-18T10:30:00Z');
const THIRTY_MINUTES = 30 * 60_000;

/** Drives runTurn like the bot, JSON between turns as storage does, and keeps the facts of every turn. */
class Driver {
  record: ConversationRecord | undefined;
  replies: BotMessage[] = [];
  now = START;
  facts: TurnFacts[] = [];
  private triages = 0;

  constructor(private readonly channelId: unknown = 'directline') {}

  send(input: TurnInput): TurnFacts {
    const before = this.record;
    const result = runTurn(before, input, { now: this.now, newTriageId: () => `triage-${++this.triages}` });
    const facts = turnFacts({
      before,
      after: result.record,
      changed: result.changed,
      input: input.kind,
      observation: result.observation,
      channelId: this.channelId,
      now: this.now,
      idleTimeoutMs: THIRTY_MINUTES,
    });
    this.record = JSON.parse(JSON.stringify(result.record)) as ConversationRecord;
    if (result.messages.length) this.replies = result.messages;
    this.facts.push(facts);
    return facts;
  }

  welcome = () => this.send({ kind: 'welcome' });
  type = (text: string) => this.send({ kind: 'message', text });
  click(match: Partial<ButtonAction>): TurnFacts {
    const button = this.replies
      .flatMap((message) => message.buttons ?? [])
      .find((b) => Object.entries(match).every(([key, value]) => (b.value as Record<string, unknown>)[key] === value));
    if (!button) throw new Error(`no button ${JSON.stringify(match)}`);
    return this.send({ kind: 'message', text: button.text, value: JSON.parse(JSON.stringify(button.value)) });
  }
  later(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }
}

function started(): Driver {
  const driver = new Driver();
  driver.welcome();
  return driver;
}

describe('turnFacts: what each kind of turn counts', () => {
  test('a new conversation starts a triage at the first question; a repeated welcome counts nothing', () => {
    const driver = new Driver('msteams');
    expect(driver.welcome()).toEqual({ channel: 'msteams', input: 'welcome', stateBefore: null, stateAfter: 'happeningNow', triageStarted: true, answers: [] });
    expect(driver.welcome()).toEqual({ channel: 'msteams', input: 'welcome', stateBefore: 'happeningNow', stateAfter: 'happeningNow', triageStarted: false, answers: [] });
  });

  test('a first message (no welcome before) greets and starts a triage; it answers nothing', () => {
    const facts = new Driver().type('yes');
    expect(facts).toMatchObject({ triageStarted: true, stateBefore: null, stateAfter: 'happeningNow' });
    expect(facts.answers).toEqual([]);
  });

  test.each<[string, (d: Driver) => TurnFacts, TurnFacts['answers'][number] | undefined, string]>([
    ['typed and understood', (d) => d.type('no'), { question: 'happeningNow', understood: 'typed' }, 'audience'],
    ['clicked', (d) => d.click({ action: 'answerHappening', answer: 'notSure' }), { question: 'happeningNow', understood: 'clicked' }, 'audience'],
    ['not understood', (d) => d.type('purple elephants'), { question: 'happeningNow', understood: 'unrecognised' }, 'happeningNow'],
    ['an empty message', (d) => d.type('   '), { question: 'happeningNow', understood: 'unrecognised' }, 'happeningNow'],
    ['an essay', (d) => d.type('word '.repeat(600)), { question: 'happeningNow', understood: 'unrecognised' }, 'happeningNow'],
    ['help', (d) => d.type('help'), undefined, 'happeningNow'],
    ['a stale button (another triage)', (d) => d.send({ kind: 'message', value: { action: 'answerHappening', answer: 'yes', triage: 'old', state: 'happeningNow' } }), undefined, 'happeningNow'],
    ['back at the first question', (d) => d.type('back'), undefined, 'happeningNow'],
  ])('at the first question, %s', (_name, act, answer, stateAfter) => {
    const facts = act(started());
    expect(facts.answers).toEqual(answer ? [answer] : []);
    expect(facts.stateAfter).toBe(stateAfter);
    expect(facts.triageStarted).toBe(false);
    expect(facts.outcome).toBeUndefined();
  });

  test('a regional journey: each answer at its question, the outcome with unit and nation, misses at the outcome', () => {
    const driver = started();
    expect(driver.type('no').answers).toEqual([{ question: 'happeningNow', understood: 'typed' }]);
    expect(driver.click({ action: 'answerAudience', answer: 'individual' }).answers).toEqual([{ question: 'audience', understood: 'clicked' }]);
    const outcome = driver.type('LS1 4AP');
    expect(outcome).toMatchObject({ stateBefore: 'location', stateAfter: 'regionalTeam', answers: [{ question: 'location', understood: 'typed' }] });
    expect(outcome.outcome).toEqual({ outcome: 'regionalTeam', unit: 'YHROCU', nation: 'england' });
    // Text at an outcome answers no question: not counted as an answer.
    const miss = driver.type('purple elephants');
    expect(miss.answers).toEqual([]);
    expect(miss.outcome).toBeUndefined();
    expect(driver.type('help').outcome).toBeUndefined();
  });

  test('Scotland, Wales, Northern Ireland, an island and abroad: the nation of the answers', () => {
    const at = (place: string) => {
      const driver = started();
      driver.type('no');
      driver.type('myself');
      return driver.type(place).outcome;
    };
    expect(at('Glasgow')).toEqual({ outcome: 'regionalTeam', unit: 'SCOT', nation: 'scotland' });
    expect(at('Cardiff')).toEqual({ outcome: 'regionalTeam', unit: 'TARIAN', nation: 'wales' });
    expect(at('BT1 1AA')).toEqual({ outcome: 'regionalTeam', unit: 'PSNI', nation: 'northern-ireland' });
    expect(at('Jersey')).toEqual({ outcome: 'outsideUk', unit: 'none', nation: 'crown-dependency' });
    expect(at('France')).toEqual({ outcome: 'outsideUk', unit: 'none', nation: 'abroad' });
  });

  test('a live attack on an organisation: the live-attack outcome (nation unknown), then the regional team when asked', () => {
    const driver = started();
    driver.click({ action: 'answerHappening', answer: 'yes' });
    const live = driver.type('our company');
    expect(live.outcome).toEqual({ outcome: 'liveAttack', unit: 'none', nation: 'unknown' });
    expect(live.answers).toEqual([{ question: 'audience', understood: 'typed' }]);
    const team = driver.click({ action: 'showRegionalTeam' });
    expect(team).toMatchObject({ stateBefore: 'liveAttack', stateAfter: 'location', answers: [] });
    expect(team.outcome).toBeUndefined();
    expect(driver.type('Kent').outcome).toEqual({ outcome: 'regionalTeam', unit: 'ERSOU', nation: 'england' });
    // Back from the question to the live-attack outcome is not a second arrival there.
    const again = started();
    again.type('yes');
    again.type('business');
    again.click({ action: 'showRegionalTeam' });
    const back = again.click({ action: 'back' });
    expect(back).toMatchObject({ stateBefore: 'location', stateAfter: 'liveAttack' });
    expect(back.outcome).toBeUndefined();
    expect(back.answers).toEqual([]);
  });

  test('Change then Back puts the old answer back: neither an answer nor a second outcome; a new answer is both', () => {
    const driver = started();
    driver.type('no');
    driver.type('myself');
    driver.type('Leeds');
    const change = driver.click({ action: 'change', question: 'location' });
    expect(change).toMatchObject({ stateBefore: 'regionalTeam', stateAfter: 'location' });
    expect(change.answers).toEqual([]);
    const back = driver.type('back');
    expect(back).toMatchObject({ stateBefore: 'location', stateAfter: 'regionalTeam' });
    expect(back.answers).toEqual([]);
    expect(back.outcome).toBeUndefined();
    driver.click({ action: 'change', question: 'location' });
    expect(driver.type('Glasgow').outcome).toEqual({ outcome: 'regionalTeam', unit: 'SCOT', nation: 'scotland' });
  });

  test('a place that straddles two forces: the choice is an answer, choosing a force is an answer that reaches the outcome', () => {
    const driver = started();
    driver.type('no');
    driver.type('myself');
    const ask = driver.type('England');
    expect(ask).toMatchObject({ stateAfter: 'locationChoice', answers: [{ question: 'location', understood: 'typed' }] });
    expect(ask.outcome).toBeUndefined();
    const chosen = driver.click({ action: 'chooseCandidate', index: 0 });
    expect(chosen).toMatchObject({ stateBefore: 'locationChoice', answers: [{ question: 'locationChoice', understood: 'clicked' }] });
    expect(chosen.outcome?.outcome).toBe('regionalTeam');
  });

  test('Start again starts a new triage and answers nothing', () => {
    const driver = started();
    driver.type('no');
    const restart = driver.type('start again');
    expect(restart).toMatchObject({ triageStarted: true, stateBefore: 'audience', stateAfter: 'happeningNow' });
    expect(restart.answers).toEqual([]);
  });

  test('idle past the expiry: where it stopped, and a new triage; not idle: nothing', () => {
    const driver = started();
    driver.type('no');
    expect(driver.later(29).type('myself').expiredAt).toBeUndefined();
    const expired = driver.later(31).type('LS1 4AP');
    // The fresh triage keeps what the new message says (the place), and asks the first question.
    expect(expired).toMatchObject({ expiredAt: 'location', triageStarted: true, stateAfter: 'happeningNow' });
    expect(expired.answers).toEqual([{ question: 'location', understood: 'typed' }]);
    expect(expired.outcome).toBeUndefined();
  });

  test('a stored snapshot this version cannot read is "unknown", and starts afresh', () => {
    const driver = started();
    driver.record = { ...driver.record!, triage: { machineVersion: '0', snapshot: { value: 'someOldState', context: {} } } };
    expect(driver.type('yes')).toMatchObject({ stateBefore: 'unknown', triageStarted: true, stateAfter: 'happeningNow' });
    driver.record = { ...driver.record!, triage: { machineVersion: '2', snapshot: 'not an object' } };
    expect(driver.type('yes')).toMatchObject({ stateBefore: 'unknown' });
  });

  test('"Was this helpful?": the answer and its outcome, once; neither an answer nor a second outcome', () => {
    const driver = started();
    driver.type('no');
    driver.type('myself');
    driver.type('LS1 4AP');
    const yes = driver.click({ action: 'feedback', answer: 'yes' });
    expect(yes.feedback).toEqual({ outcome: 'regionalTeam', answer: 'yes' });
    expect(yes.answers).toEqual([]);
    expect(yes.outcome).toBeUndefined();
    // The same button again (a double tap) is not counted twice.
    expect(driver.send({ kind: 'message', value: { action: 'feedback', answer: 'no', triage: driver.record!.triageId, state: 'regionalTeam' } }).feedback).toBeUndefined();
    const live = started();
    live.type('yes');
    live.type('a charity');
    expect(live.click({ action: 'feedback', answer: 'no' }).feedback).toEqual({ outcome: 'liveAttack', answer: 'no' });
    // From another triage: stale, not counted.
    expect(started().send({ kind: 'message', value: { action: 'feedback', answer: 'yes', triage: 'old', state: 'liveAttack' } }).feedback).toBeUndefined();
  });

  test('any channel id outside the fixed list is "other"', () => {
    for (const channelId of ['constructor', '__proto__', 'MSTEAMS', 'msteams ', 'x'.repeat(500), '', 42, null, { toString: () => 'msteams' }]) {
      expect(new Driver(channelId).welcome().channel).toBe('other');
    }
    expect(new Driver('webchat').welcome().channel).toBe('webchat');
  });
});

describe('whereOf: the unit and nation of the answers, from stored (untrusted) JSON', () => {
  test.each<[string, unknown, ReturnType<typeof whereOf>]>([
    ['a force fixes the nation', { location: { unitId: 'NWROCU', forceId: 'north-wales', label: 'LL57' } }, { unit: 'NWROCU', nation: 'wales' }],
    ['a unit over two nations, no force', { location: { unitId: 'NWROCU', label: 'CH' } }, { unit: 'NWROCU', nation: 'unknown' }],
    ['a unit in one nation, no force', { location: { unitId: 'SCOT', label: 'Scotland' } }, { unit: 'SCOT', nation: 'scotland' }],
    ['an unknown unit id', { location: { unitId: 'EVIL', forceId: 'kent', label: 'x' } }, { unit: 'none', nation: 'unknown' }],
    ['an unknown force id', { location: { unitId: 'ERSOU', forceId: 'constructor', label: 'x' } }, { unit: 'ERSOU', nation: 'england' }],
    ['no location', { location: null }, { unit: 'none', nation: 'unknown' }],
    ['no context', undefined, { unit: 'none', nation: 'unknown' }],
  ])('%s', (_name, context, expected) => {
    expect(whereOf(context as Parameters<typeof whereOf>[0])).toEqual(expected);
  });
});

describe('countTurn and turnLogFields', () => {
  test('the facts become increments and one log line, with values only from the fixed lists', async () => {
    const metrics = new TriageMetrics();
    const driver = started();
    driver.type('no');
    driver.type('myself');
    driver.type('LS1 4AP');
    for (const facts of driver.facts) countTurn(metrics, facts, 12);
    const json = await metrics.registry.getMetricsAsJSON();
    const value = (name: string, labels: Record<string, string>) =>
      json
        .flatMap((m) => m.values.map((v) => ({ ...v, metricName: (v as { metricName?: string }).metricName ?? m.name })))
        .find((v) => v.metricName === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
    expect(value('cyber_triage_triages_started_total', { channel: 'directline' })).toBe(1);
    expect(value('cyber_triage_outcomes_total', { outcome: 'regionalTeam', unit: 'YHROCU', nation: 'england', channel: 'directline' })).toBe(1);
    expect(value('cyber_triage_answers_total', { question: 'location', understood: 'typed' })).toBe(1);
    expect(value('cyber_triage_turn_duration_seconds_count', { channel: 'directline' })).toBe(4);

    const line = turnLogFields(driver.facts[3], 12.345);
    expect(line).toEqual({
      event: 'turn', channel: 'directline', input: 'message', stateBefore: 'location', stateAfter: 'regionalTeam',
      outcome: 'regionalTeam', unit: 'YHROCU', nation: 'england', answers: [{ question: 'location', understood: 'typed' }], ms: 12.3,
    });
    expect(line).not.toHaveProperty('feedback');
    const feedback = driver.click({ action: 'feedback', answer: 'no' });
    countTurn(metrics, feedback, 3);
    const after = await metrics.registry.getMetricsAsJSON();
    const feedbackSeries = after.find((m) => m.name === 'cyber_triage_feedback_total')!.values;
    expect(feedbackSeries).toEqual([{ labels: { outcome: 'regionalTeam', answer: 'no' }, value: 1 }]);
    expect(turnLogFields(feedback, 3)).toMatchObject({ event: 'turn', stateBefore: 'regionalTeam', stateAfter: 'regionalTeam', feedback: { outcome: 'regionalTeam', answer: 'no' } });
    for (const answer of line.answers as Array<Record<string, string>>) {
      expect(METRIC_LABEL_VALUES.state).toContain(answer.question);
      expect(METRIC_LABEL_VALUES.understood).toContain(answer.understood);
    }
    for (const [field, fieldValue] of Object.entries(line)) {
      const allowed = METRIC_LABEL_VALUES[field === 'stateBefore' || field === 'stateAfter' ? 'state' : field];
      if (allowed) expect(allowed).toContain(fieldValue);
    }
  });
});
