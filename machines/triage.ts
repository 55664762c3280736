import { assign, setup } from 'xstate';
import type { CrownDependency, ForceId, LocationCandidate, UnitId } from '../data/types';

/**
 * The triage flow: routing only. No words for users and no botbuilder here; the dialogs turn user input into
 * these events and render each state from content keyed by the state id.
 */

export const TRIAGE_MACHINE_VERSION = '1';

export type HappeningAnswer = 'yes' | 'no' | 'notSure';
export type AudienceAnswer = 'organisation' | 'individual';
export type QuestionId = 'happeningNow' | 'audience' | 'location' | 'locationChoice';
export type OutcomeId = 'liveAttack' | 'regionalTeam' | 'outsideUk';
export type TriageStateId = QuestionId | OutcomeId;
/** The answers a user can ask to change from "Your answers". */
export type ChangeableQuestion = 'happeningNow' | 'audience' | 'location';

export interface ChosenLocation {
  unitId: UnitId;
  forceId?: ForceId;
  /** A postcode district/area or a canonical place name from data/: never the user's own words. */
  label: string;
}

export interface PendingLocationChoice {
  candidates: LocationCandidate[];
  askFullPostcode: boolean;
  label: string;
}

export type OutsideUk = { kind: 'crown-dependency'; territory: CrownDependency; label: string } | { kind: 'abroad'; label: string };

export interface TriageContext {
  happening: HappeningAnswer | null;
  audience: AudienceAnswer | null;
  location: ChosenLocation | null;
  pendingChoice: PendingLocationChoice | null;
  outside: OutsideUk | null;
}

/** A location the dialogs have already resolved against data/ (an unrecognised place never becomes an event). */
export type ResolvedLocation =
  | { kind: 'unit'; unitId: UnitId; forceIds: ForceId[]; label: string }
  | { kind: 'choice'; candidates: LocationCandidate[]; askFullPostcode: boolean; label: string }
  | OutsideUk;

export type TriageEvent =
  | { type: 'ANSWER_HAPPENING'; answer: HappeningAnswer }
  | { type: 'ANSWER_AUDIENCE'; answer: AudienceAnswer }
  | { type: 'ANSWER_LOCATION'; location: ResolvedLocation }
  | { type: 'CHOOSE_CANDIDATE'; index: number }
  | { type: 'SHOW_REGIONAL_TEAM' }
  | { type: 'BACK' }
  | { type: 'CHANGE'; question: ChangeableQuestion };

export const initialContext: TriageContext = {
  happening: null,
  audience: null,
  location: null,
  pendingChoice: null,
  outside: null,
};

/** "Not sure" counts as happening now: the safe default. */
export function isLive(context: Pick<TriageContext, 'happening'>): boolean {
  return context.happening === 'yes' || context.happening === 'notSure';
}

export function isLiveOrganisation(context: Pick<TriageContext, 'happening' | 'audience'>): boolean {
  return isLive(context) && context.audience === 'organisation';
}

const clearLocation = { location: null, pendingChoice: null, outside: null } as const;
const clearFromAudience = { audience: null, ...clearLocation } as const;
const clearFromHappening = { happening: null, ...clearFromAudience } as const;

/** Where a typed or chosen location leads, from the location question and while choosing between candidates. */
const answerLocation = [
  { guard: 'locationIsUnit', target: 'regionalTeam', actions: 'recordUnit' },
  { guard: 'locationNeedsChoice', target: 'locationChoice', actions: 'recordPendingChoice', reenter: true },
  { guard: 'locationIsOutsideUk', target: 'outsideUk', actions: 'recordOutsideUk' },
] as const;

function singleForce(forceIds: ForceId[]): ForceId | undefined {
  return forceIds.length === 1 ? forceIds[0] : undefined;
}

export const triageMachine = setup({
  types: {
    context: {} as TriageContext,
    events: {} as TriageEvent,
  },
  guards: {
    isLiveOrganisation: ({ context }) => isLiveOrganisation(context),
    answersLiveOrganisation: ({ context, event }) =>
      event.type === 'ANSWER_AUDIENCE' && isLiveOrganisation({ happening: context.happening, audience: event.answer }),
    locationIsUnit: ({ event }) => event.type === 'ANSWER_LOCATION' && event.location.kind === 'unit',
    locationNeedsChoice: ({ event }) => event.type === 'ANSWER_LOCATION' && event.location.kind === 'choice',
    locationIsOutsideUk: ({ event }) =>
      event.type === 'ANSWER_LOCATION' && (event.location.kind === 'crown-dependency' || event.location.kind === 'abroad'),
    isOfferedCandidate: ({ context, event }) =>
      event.type === 'CHOOSE_CANDIDATE' &&
      context.pendingChoice !== null &&
      Number.isInteger(event.index) &&
      event.index >= 0 &&
      event.index < context.pendingChoice.candidates.length,
  },
  actions: {
    recordHappening: assign(({ event }) => (event.type === 'ANSWER_HAPPENING' ? { happening: event.answer } : {})),
    recordAudience: assign(({ event }) => (event.type === 'ANSWER_AUDIENCE' ? { audience: event.answer } : {})),
    recordUnit: assign(({ event }) => {
      if (event.type !== 'ANSWER_LOCATION' || event.location.kind !== 'unit') return {};
      const { unitId, forceIds, label } = event.location;
      return { ...clearLocation, location: { unitId, forceId: singleForce(forceIds), label } };
    }),
    recordPendingChoice: assign(({ event }) => {
      if (event.type !== 'ANSWER_LOCATION' || event.location.kind !== 'choice') return {};
      const { candidates, askFullPostcode, label } = event.location;
      return { ...clearLocation, pendingChoice: { candidates, askFullPostcode, label } };
    }),
    recordOutsideUk: assign(({ event }) => {
      if (event.type !== 'ANSWER_LOCATION') return {};
      const location = event.location;
      if (location.kind !== 'crown-dependency' && location.kind !== 'abroad') return {};
      return { ...clearLocation, outside: location };
    }),
    recordCandidate: assign(({ context, event }) => {
      if (event.type !== 'CHOOSE_CANDIDATE' || !context.pendingChoice) return {};
      const candidate = context.pendingChoice.candidates[event.index];
      return {
        location: { unitId: candidate.unitId, forceId: candidate.forceId, label: candidate.label },
        pendingChoice: null,
      };
    }),
    clearFromHappening: assign(clearFromHappening),
    clearFromAudience: assign(clearFromAudience),
    clearLocation: assign(clearLocation),
  },
}).createMachine({
  id: 'triage',
  version: TRIAGE_MACHINE_VERSION,
  context: initialContext,
  initial: 'happeningNow',
  on: {
    CHANGE: [
      { guard: ({ event }) => event.question === 'happeningNow', target: '.happeningNow', actions: 'clearFromHappening' },
      { guard: ({ event }) => event.question === 'audience', target: '.audience', actions: 'clearFromAudience' },
      { guard: ({ event }) => event.question === 'location', target: '.location', actions: 'clearLocation' },
    ],
  },
  states: {
    happeningNow: {
      tags: ['question'],
      on: {
        ANSWER_HAPPENING: { target: 'audience', actions: 'recordHappening' },
      },
    },
    audience: {
      tags: ['question'],
      on: {
        ANSWER_AUDIENCE: [
          { guard: 'answersLiveOrganisation', target: 'liveAttack', actions: 'recordAudience' },
          { target: 'location', actions: 'recordAudience' },
        ],
        BACK: { target: 'happeningNow', actions: 'clearFromHappening' },
      },
    },
    liveAttack: {
      tags: ['outcome'],
      on: {
        SHOW_REGIONAL_TEAM: { target: 'location' },
        BACK: { target: 'audience', actions: 'clearFromAudience' },
      },
    },
    location: {
      tags: ['question'],
      on: {
        ANSWER_LOCATION: answerLocation,
        BACK: [
          { guard: 'isLiveOrganisation', target: 'liveAttack', actions: 'clearLocation' },
          { target: 'audience', actions: 'clearFromAudience' },
        ],
      },
    },
    locationChoice: {
      tags: ['question'],
      on: {
        CHOOSE_CANDIDATE: { guard: 'isOfferedCandidate', target: 'regionalTeam', actions: 'recordCandidate' },
        ANSWER_LOCATION: answerLocation,
        BACK: { target: 'location', actions: 'clearLocation' },
      },
    },
    regionalTeam: {
      tags: ['outcome'],
      on: {
        BACK: { target: 'location', actions: 'clearLocation' },
      },
    },
    outsideUk: {
      tags: ['outcome'],
      on: {
        BACK: { target: 'location', actions: 'clearLocation' },
      },
    },
  },
});

export type TriageMachine = typeof triageMachine;

export const QUESTION_IDS: readonly QuestionId[] = ['happeningNow', 'audience', 'location', 'locationChoice'];
export const OUTCOME_IDS: readonly OutcomeId[] = ['liveAttack', 'regionalTeam', 'outsideUk'];

export function isOutcome(state: TriageStateId): state is OutcomeId {
  return (OUTCOME_IDS as readonly TriageStateId[]).includes(state);
}
