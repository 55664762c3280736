import { getSimplePaths } from 'xstate/graph';
import { unitById } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import type { LocationResolution, UnitId } from '../../data/types';
import { isLiveOrganisation, triageMachine, type TriageEvent } from '../../machines/triage';
import { Conversation } from '../support/conversation';

/**
 * Every journey through the triage machine, generated from its graph, replayed through the turn step the bot uses
 * (a JSON round trip of the stored record per turn), asserting the facts the user is given.
 */

type Expected = UnitId | 'crown-dependency' | 'abroad' | { choiceBetween: UnitId[] };

/** One typed location per regional unit, plus the places that need a choice or lie outside the UK. */
const LOCATION_SAMPLES: Array<{ text: string; expected: Expected }> = [
  { text: 'EC2V 7HH', expected: 'COLP' },
  { text: 'SW1A 1AA', expected: 'MET' },
  { text: 'NG1 5FS', expected: 'EMSOU' },
  { text: 'b1', expected: 'WMROCU' },
  { text: 'CB2 1TN', expected: 'ERSOU' },
  { text: 'ne1 4xf', expected: 'NERSOU' },
  { text: 'M1 1AE', expected: 'NWROCU' },
  { text: 'OX1 2JD', expected: 'SEROCU' },
  { text: 'BS1 4DJ', expected: 'SWROCU' },
  { text: 'CF10 1EP', expected: 'TARIAN' },
  { text: 'LS1 4AP', expected: 'YHROCU' },
  { text: 'BT1 5GS', expected: 'PSNI' },
  { text: 'Edinburgh', expected: 'SCOT' },
  { text: 'KT6', expected: { choiceBetween: ['MET', 'SEROCU'] } },
  { text: 'Wales', expected: { choiceBetween: ['NWROCU', 'TARIAN'] } },
  { text: 'Jersey', expected: 'crown-dependency' },
  { text: 'France', expected: 'abroad' },
];

const sampleByEvent = new Map<string, (typeof LOCATION_SAMPLES)[number]>();
const locationEvents: TriageEvent[] = LOCATION_SAMPLES.map((sample) => {
  const location = resolveLocation(sample.text);
  if (location.kind === 'unknown' || location.kind === 'suggestion') throw new Error(`sample "${sample.text}" does not resolve`);
  const event: TriageEvent = { type: 'ANSWER_LOCATION', location };
  sampleByEvent.set(JSON.stringify(event), sample);
  return event;
});

const events: TriageEvent[] = [
  { type: 'ANSWER_HAPPENING', answer: 'yes' },
  { type: 'ANSWER_HAPPENING', answer: 'no' },
  { type: 'ANSWER_HAPPENING', answer: 'notSure' },
  { type: 'ANSWER_AUDIENCE', answer: 'organisation' },
  { type: 'ANSWER_AUDIENCE', answer: 'individual' },
  { type: 'SHOW_REGIONAL_TEAM' },
  ...locationEvents,
  ...[0, 1, 2, 3].map((index): TriageEvent => ({ type: 'CHOOSE_CANDIDATE', index })),
];

const allPaths = getSimplePaths(triageMachine, {
  events,
  // Back and Change are tested on their own; a second place needing a choice while choosing is tested below.
  filterEvents: (snapshot, event) =>
    snapshot.can(event) &&
    !(snapshot.value === 'locationChoice' && event.type === 'ANSWER_LOCATION' && event.location.kind === 'choice'),
  toState: (snapshot) => snapshot.hasTag('outcome'),
});
/** Each path starts with the machine's own init step, which is not something a user does. */
const paths = allPaths.map((path) => ({ ...path, steps: path.steps.filter((step) => (step.event.type as string) !== 'xstate.init') }));

function describePath(steps: Array<{ event: TriageEvent }>): string {
  return steps
    .map(({ event }) => {
      if (event.type === 'ANSWER_LOCATION') return `"${sampleByEvent.get(JSON.stringify(event))?.text}"`;
      if ('answer' in event) return event.answer;
      if (event.type === 'CHOOSE_CANDIDATE') return `choice ${event.index + 1}`;
      return event.type;
    })
    .join(' → ');
}

/** Replays one machine event as the user would: clicking the offered button, or typing the place. */
function replay(conversation: Conversation, event: TriageEvent): void {
  switch (event.type) {
    case 'ANSWER_HAPPENING':
      conversation.click({ action: 'answerHappening', answer: event.answer });
      return;
    case 'ANSWER_AUDIENCE':
      conversation.click({ action: 'answerAudience', answer: event.answer });
      return;
    case 'SHOW_REGIONAL_TEAM':
      conversation.click({ action: 'showRegionalTeam' });
      return;
    case 'CHOOSE_CANDIDATE':
      conversation.click({ action: 'chooseCandidate', index: event.index });
      return;
    case 'ANSWER_LOCATION':
      conversation.type(sampleByEvent.get(JSON.stringify(event))!.text);
      return;
    default:
      throw new Error(`not a forward event: ${event.type}`);
  }
}

/** The unit the journey must end with, worked out from the samples rather than from the machine. */
function expectedUnit(steps: Array<{ event: TriageEvent }>): UnitId | null {
  let offered: LocationResolution | null = null;
  let unit: UnitId | null = null;
  for (const { event } of steps) {
    if (event.type === 'ANSWER_LOCATION') {
      const sample = sampleByEvent.get(JSON.stringify(event))!;
      offered = event.location;
      unit = typeof sample.expected === 'string' && !['crown-dependency', 'abroad'].includes(sample.expected)
        ? (sample.expected as UnitId)
        : null;
      if (typeof sample.expected === 'object') {
        const units = offered.kind === 'choice' ? offered.candidates.map((c) => c.unitId) : [];
        expect(new Set(units)).toEqual(new Set(sample.expected.choiceBetween));
      }
    }
    if (event.type === 'CHOOSE_CANDIDATE' && offered?.kind === 'choice') unit = offered.candidates[event.index].unitId;
  }
  return unit;
}

test('the graph yields every outcome through every kind of answer', () => {
  const outcomes = new Set(paths.map((path) => path.state.value));
  expect(outcomes).toEqual(new Set(['liveAttack', 'regionalTeam', 'outsideUk']));
  const unitsReached = new Set(paths.flatMap((path) => path.state.context.location?.unitId ?? []));
  expect(unitsReached.size).toBe(13);
  expect(paths.length).toBeGreaterThan(100);
});

describe.each(paths.map((path) => [describePath(path.steps), path] as const))('journey %s', (_name, path) => {
  test('ends at the outcome the machine reached, with the right facts and "Your answers"', () => {
    const conversation = new Conversation();
    conversation.welcome();
    for (const step of path.steps) replay(conversation, step.event);

    const outcome = path.state.value as string;
    expect(conversation.lastState()).toBe(outcome);
    const text = conversation.text();
    const context = path.state.context;

    if (outcome === 'liveAttack') {
      expect(text).toContain('0300 123 2040');
      expect(text).toContain('press 9');
      expect(text).toMatch(/Police Scotland on 101/);
      expect(text).toContain('999');
      expect(conversation.findButton({ action: 'showRegionalTeam' })).toBeDefined();
    }

    if (outcome === 'regionalTeam') {
      const unit = unitById(expectedUnit(path.steps)!);
      expect(context.location?.unitId).toBe(unit.id);
      expect(text).toContain(unit.name);
      expect(text).toContain(unit.website.url);
      expect(text).toMatch(/not monitored 24\/7/);
      if (unit.id === 'SCOT') {
        expect(text).toMatch(/Police Scotland on 101/);
        expect(text).not.toContain('reportfraud.police.uk');
      } else {
        expect(text).toContain('https://reportfraud.police.uk');
        expect(text).toContain('Monday to Friday, 8am to 8pm');
      }
      if (unit.id === 'PSNI') expect(text).toMatch(/PSNI on 101/);
      if (isLiveOrganisation(context)) {
        const firstLine = conversation.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0];
        expect(firstLine).toMatch(unit.id === 'SCOT' ? /Police Scotland on 101/ : /0300 123 2040 and press 9/);
      }
    }

    if (outcome === 'outsideUk') {
      expect(text).not.toMatch(/Regional Organised Crime Unit|Special Operations Unit/);
      if (context.outside?.kind === 'crown-dependency') expect(text).toContain(context.outside.label);
    }

    const summary = conversation.replies.find((message) => message.kind === 'summary')!;
    expect(summary.text).toMatch(/Your answers.*UK time/);
    expect(summary.text).toContain('18 November 2026, 10:30am');
    expect(conversation.findButton({ action: 'restart' })).toBeDefined();
    expect(conversation.findButton({ action: 'change', question: 'happeningNow' })).toBeDefined();
    expect(conversation.findButton({ action: 'change', question: 'audience' })).toBeDefined();
  });
});
