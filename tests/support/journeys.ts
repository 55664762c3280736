import { getSimplePaths } from 'xstate/graph';
import { INCIDENT_KINDS } from '../../data/firstSteps';
import { resolveLocation } from '../../data/location';
import type { LocationResolution, UnitId } from '../../data/types';
import { triageMachine, type TriageContext, type TriageEvent, type TriageStateId } from '../../machines/triage';
import { Conversation } from './conversation';

/**
 * Every forward journey through the triage machine, generated from its graph: the events a user can cause, the
 * typed places that stand for each kind of location, and a replay through the turn step the bot uses. Shared by the
 * journey tests and the content rules, so both see the same journeys whatever the machine becomes.
 */

/** A unit, an island, abroad, or a choice between units (and "outside the UK" after them, for "Ireland"). */
export type ExpectedPlace = UnitId | 'crown-dependency' | 'abroad' | { choiceBetween: UnitId[]; orAbroad?: string };

/** One typed location per regional unit, plus the places that need a choice or lie outside the UK. */
export const LOCATION_SAMPLES: ReadonlyArray<{ text: string; expected: ExpectedPlace }> = [
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
  { text: 'IM1', expected: 'crown-dependency' },
  { text: 'France', expected: 'abroad' },
  { text: 'Ireland', expected: { choiceBetween: ['PSNI'], orAbroad: 'Republic of Ireland' } },
];

const sampleByEvent = new Map<string, (typeof LOCATION_SAMPLES)[number]>();

export const LOCATION_EVENTS: TriageEvent[] = LOCATION_SAMPLES.map((sample) => {
  const location = resolveLocation(sample.text);
  if (location.kind === 'unknown' || location.kind === 'suggestion') throw new Error(`sample "${sample.text}" does not resolve`);
  const event: TriageEvent = { type: 'ANSWER_LOCATION', location };
  sampleByEvent.set(JSON.stringify(event), sample);
  return event;
});

/** The typed sample an ANSWER_LOCATION event stands for. */
export function sampleOf(event: TriageEvent): (typeof LOCATION_SAMPLES)[number] {
  const sample = sampleByEvent.get(JSON.stringify(event));
  if (!sample) throw new Error(`not a sample location event: ${JSON.stringify(event)}`);
  return sample;
}

/** Every forward event a user can cause (Back, Change and Start again are tested on their own). */
export const FORWARD_EVENTS: TriageEvent[] = [
  { type: 'ANSWER_HAPPENING', answer: 'yes' },
  { type: 'ANSWER_HAPPENING', answer: 'no' },
  { type: 'ANSWER_HAPPENING', answer: 'notSure' },
  { type: 'ANSWER_AUDIENCE', answer: 'organisation' },
  { type: 'ANSWER_AUDIENCE', answer: 'individual' },
  { type: 'SHOW_REGIONAL_TEAM' },
  ...LOCATION_EVENTS,
  ...[0, 1, 2, 3].map((index): TriageEvent => ({ type: 'CHOOSE_CANDIDATE', index })),
];

export interface Journey {
  /** "yes → organisation → SHOW_REGIONAL_TEAM → "LS1 4AP"". */
  name: string;
  steps: Array<{ event: TriageEvent }>;
  /** The outcome state the machine reaches and its answers. */
  outcome: TriageStateId;
  context: TriageContext;
}

function describeSteps(steps: Array<{ event: TriageEvent }>): string {
  return steps
    .map(({ event }) => {
      if (event.type === 'ANSWER_LOCATION') return `"${sampleOf(event).text}"`;
      if ('answer' in event) return event.answer;
      if (event.type === 'CHOOSE_CANDIDATE') return `choice ${event.index + 1}`;
      if (event.type === 'ANSWER_KIND') return `kind ${event.kind}`;
      return event.type;
    })
    .join(' → ');
}

/** The events a user gives at each state by answering what is on screen. */
const EVENTS_AT_STATE: Record<string, ReadonlyArray<TriageEvent['type']>> = {
  happeningNow: ['ANSWER_HAPPENING'],
  audience: ['ANSWER_AUDIENCE'],
  location: ['ANSWER_LOCATION'],
  locationChoice: ['CHOOSE_CANDIDATE', 'ANSWER_LOCATION'],
  liveAttack: ['SHOW_REGIONAL_TEAM'],
};

let cachedJourneys: Journey[] | undefined;

/** Every simple path from the start to an outcome, as the machine's graph gives them today. */
export function forwardJourneys(): Journey[] {
  if (cachedJourneys) return cachedJourneys;
  const paths = getSimplePaths(triageMachine, {
    events: FORWARD_EVENTS,
    // Only what the screen asks for: the machine takes an answer in any state (several answers in one message,
    // corrections), which would make the paths explode; those, Back and Change are tested on their own. A second
    // place needing a choice while choosing loops without new outcomes: it is tested on its own too.
    filterEvents: (snapshot, event) =>
      (EVENTS_AT_STATE[snapshot.value as string] ?? []).includes(event.type) &&
      snapshot.can(event) &&
      !(snapshot.value === 'locationChoice' && event.type === 'ANSWER_LOCATION' && event.location.kind === 'choice'),
    toState: (snapshot) => snapshot.hasTag('outcome'),
  });
  cachedJourneys = paths.map((path) => {
    // Each path starts with the machine's own init step, which is not something a user does.
    const steps = path.steps.filter((step) => (step.event.type as string) !== 'xstate.init') as Array<{ event: TriageEvent }>;
    return {
      name: describeSteps(steps),
      steps,
      outcome: path.state.value as TriageStateId,
      context: path.state.context,
    };
  });
  return cachedJourneys;
}

/**
 * Replays one machine event as the user would: clicking the offered button, or typing the place (as `place` writes
 * it: a Welsh speaker types "Cymru" for Wales).
 */
export function replayStep(conversation: Conversation, event: TriageEvent, place: (typed: string) => string = (typed) => typed): void {
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
    case 'ANSWER_KIND':
      conversation.click({ action: 'answerKind', kind: event.kind });
      return;
    case 'ANSWER_LOCATION':
      conversation.type(place(sampleOf(event).text));
      return;
    default:
      throw new Error(`not a forward event: ${event.type}`);
  }
}

/** A fresh conversation taken through the journey; its last replies are the outcome the user sees. */
export function replayJourney(journey: Journey, conversation: Conversation = new Conversation()): Conversation {
  conversation.welcome();
  for (const step of journey.steps) replayStep(conversation, step.event);
  return conversation;
}

/** The unit the journey must end with, worked out from the samples rather than from the machine. */
export function expectedUnit(steps: Array<{ event: TriageEvent }>): UnitId | null {
  let offered: LocationResolution | null = null;
  let unit: UnitId | null = null;
  for (const { event } of steps) {
    if (event.type === 'ANSWER_LOCATION') {
      const sample = sampleOf(event);
      offered = event.location;
      unit = typeof sample.expected === 'string' && !['crown-dependency', 'abroad'].includes(sample.expected)
        ? (sample.expected as UnitId)
        : null;
    }
    // The option after the candidates is "outside the UK" ("Ireland"): no unit.
    if (event.type === 'CHOOSE_CANDIDATE' && offered?.kind === 'choice') unit = offered.candidates[event.index]?.unitId ?? null;
  }
  return unit;
}

/** One place per nation, an island of each kind and abroad: what the kind journeys cross every kind with. */
export const KIND_JOURNEY_PLACES: readonly string[] = ['LS1 4AP', 'CF10 1EP', 'Edinburgh', 'BT1 5GS', 'Jersey', 'IM1', 'France'];

let cachedKindJourneys: Journey[] | undefined;

/**
 * Every journey to an outcome with what happened chosen there (the optional "What happened?" after the lead line),
 * generated from the machine's graph: every kind × organisation / person × live / past / not sure × a place in each
 * nation, the islands and abroad, including a live organisation that asks for its regional team before or after
 * choosing. Each kind is chosen once, at an outcome, as the button offers it.
 */
export function kindJourneys(): Journey[] {
  if (cachedKindJourneys) return cachedKindJourneys;
  const places = new Set(KIND_JOURNEY_PLACES);
  const events: TriageEvent[] = [
    ...FORWARD_EVENTS.filter((event) => event.type !== 'ANSWER_LOCATION' && event.type !== 'CHOOSE_CANDIDATE'),
    ...LOCATION_EVENTS.filter((event) => places.has(sampleOf(event).text)),
    ...INCIDENT_KINDS.map((kind): TriageEvent => ({ type: 'ANSWER_KIND', kind })),
  ];
  const atState: Record<string, ReadonlyArray<TriageEvent['type']>> = {
    ...EVENTS_AT_STATE,
    liveAttack: ['SHOW_REGIONAL_TEAM', 'ANSWER_KIND'],
    regionalTeam: ['ANSWER_KIND'],
    outsideUk: ['ANSWER_KIND'],
  };
  const paths = getSimplePaths(triageMachine, {
    events,
    filterEvents: (snapshot, event) =>
      (atState[snapshot.value as string] ?? []).includes(event.type) &&
      snapshot.can(event) &&
      (event.type !== 'ANSWER_KIND' || snapshot.context.kind === null),
    toState: (snapshot) => snapshot.hasTag('outcome') && snapshot.context.kind !== null,
  });
  cachedKindJourneys = paths.map((path) => {
    const steps = path.steps.filter((step) => (step.event.type as string) !== 'xstate.init') as Array<{ event: TriageEvent }>;
    return { name: describeSteps(steps), steps, outcome: path.state.value as TriageStateId, context: path.state.context };
  });
  return cachedKindJourneys;
}
