import { assign, setup } from 'xstate';
import type { IncidentKind } from '../data/firstSteps';
import type { CrownDependency, ForceId, LocationCandidate, PlaceIdentity, PlaceLabelParts, UnitId } from '../data/types';

/**
 * The triage flow: routing only. No words for users and no botbuilder here; the dialogs turn user input into
 * these events and render each state from content keyed by the state id.
 *
 * The flow is a function of the answers, as in GOV.UK smart answers: every answer (whichever question it
 * answers, in whatever order it arrives) is recorded, and then `route` sends the conversation to the first
 * question still unanswered, or to the outcome the answers lead to. So one message that answers several
 * questions fills them all, Change re-asks only the answer being changed (the others still stand), and Back
 * during a change puts the old answer back and returns to the outcome.
 */

export const TRIAGE_MACHINE_VERSION = '3';

export type HappeningAnswer = 'yes' | 'no' | 'notSure';
export type AudienceAnswer = 'organisation' | 'individual';
export type QuestionId = 'happeningNow' | 'audience' | 'location' | 'locationChoice';
export type OutcomeId = 'liveAttack' | 'regionalTeam' | 'outsideUk';
export type TriageStateId = QuestionId | OutcomeId;
/**
 * The answers a user can ask to change from "Your answers". `kind` (what happened) routes nowhere: it is asked, optionally,
 * at an outcome (after its lead line) and chooses the first steps shown there.
 */
export type ChangeableQuestion = 'happeningNow' | 'audience' | 'location' | 'kind';

export interface ChosenLocation {
  unitId: UnitId;
  forceId?: ForceId;
  /** A postcode district/area or a canonical place name from data/: never the user's own words. */
  label: string;
  /** A chosen place's label in parts (data/'s names), for the words in each language. */
  parts?: PlaceLabelParts;
  /** The one place a typed label names (data/'s names), so each language names it and not a namesake. */
  of?: PlaceIdentity;
}

export interface PendingLocationChoice {
  candidates: LocationCandidate[];
  askFullPostcode: boolean;
  label: string;
  /** Places of the same name (Bangor in Gwynedd and in County Down), not one place across force areas. */
  sharedName?: boolean;
  /** A place abroad the name may also mean ("Ireland"): offered after the candidates, at index `candidates.length`. */
  abroad?: string;
}

export type OutsideUk = { kind: 'crown-dependency'; territory: CrownDependency; label: string } | { kind: 'abroad'; label: string };

/** The answers themselves: what "Your answers" shows and what Change puts back on Back. */
export interface TriageAnswers {
  happening: HappeningAnswer | null;
  audience: AudienceAnswer | null;
  location: ChosenLocation | null;
  pendingChoice: PendingLocationChoice | null;
  outside: OutsideUk | null;
  /**
   * A live organisation is shown the 24/7 line first; this is set once it asks for its regional team ("Show my
   * regional team", or a place typed at the live-attack outcome).
   */
  wantsRegionalTeam: boolean;
  /** What happened (ransomware, money sent …), when said or chosen: it picks the first steps, never the route. */
  kind: IncidentKind | null;
}

export interface TriageContext extends TriageAnswers {
  /** While an answer is being changed from "Your answers": which, and the answers as they were (Back restores them). */
  changing: { question: ChangeableQuestion; previous: TriageAnswers } | null;
}

/** A location the dialogs have already resolved against data/ (an unrecognised place never becomes an event). */
export type ResolvedLocation =
  | { kind: 'unit'; unitId: UnitId; forceIds: ForceId[]; label: string; of?: PlaceIdentity }
  | { kind: 'choice'; candidates: LocationCandidate[]; askFullPostcode: boolean; label: string; sharedName?: boolean; abroad?: string }
  | OutsideUk;

/**
 * Answer events are taken in every state (an answer may come before its question is asked, or correct an earlier
 * one); the dialogs decide which answers a message holds. When one message holds several, the turn step applies
 * the location first, so a live organisation still lands on the live-attack outcome, with its nation known.
 */
export type TriageEvent =
  | { type: 'ANSWER_HAPPENING'; answer: HappeningAnswer }
  | { type: 'ANSWER_AUDIENCE'; answer: AudienceAnswer }
  | { type: 'ANSWER_LOCATION'; location: ResolvedLocation }
  | { type: 'ANSWER_KIND'; kind: IncidentKind }
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
  wantsRegionalTeam: false,
  kind: null,
  changing: null,
};

/** "Not sure" counts as happening now: the safe default. */
export function isLive(context: Pick<TriageContext, 'happening'>): boolean {
  return context.happening === 'yes' || context.happening === 'notSure';
}

export function isLiveOrganisation(context: Pick<TriageContext, 'happening' | 'audience'>): boolean {
  return isLive(context) && context.audience === 'organisation';
}

function answersOf(context: TriageContext): TriageAnswers {
  const { happening, audience, location, pendingChoice, outside, wantsRegionalTeam, kind } = context;
  return { happening, audience, location, pendingChoice, outside, wantsRegionalTeam, kind };
}

const noLocation = { location: null, pendingChoice: null, outside: null } as const;

function singleForce(forceIds: ForceId[]): ForceId | undefined {
  return forceIds.length === 1 ? forceIds[0] : undefined;
}

function recordedLocation(location: ResolvedLocation): Pick<TriageAnswers, 'location' | 'pendingChoice' | 'outside'> {
  switch (location.kind) {
    case 'unit':
      return { ...noLocation, location: { unitId: location.unitId, forceId: singleForce(location.forceIds), label: location.label, ...(location.of ? { of: location.of } : {}) } };
    case 'choice':
      return {
        ...noLocation,
        pendingChoice: {
          candidates: location.candidates,
          askFullPostcode: location.askFullPostcode,
          label: location.label,
          ...(location.sharedName ? { sharedName: true } : {}),
          ...(location.abroad ? { abroad: location.abroad } : {}),
        },
      };
    case 'crown-dependency':
    case 'abroad':
      return { ...noLocation, outside: location };
  }
}

const clearedAnswer: Record<ChangeableQuestion, Partial<TriageAnswers>> = {
  happeningNow: { happening: null },
  audience: { audience: null },
  location: noLocation,
  kind: { kind: null },
};

/** How many options a choice offers: its candidates, and "outside the UK" when the name may mean a place abroad. */
export function choiceCount(choice: PendingLocationChoice): number {
  return choice.candidates.length + (choice.abroad ? 1 : 0);
}

/** Back at the question being changed puts the old answers back (and so returns to the outcome). */
const restoreIfChanging = (question: ChangeableQuestion) =>
  ({ guard: { type: 'isChanging', params: { question } }, target: 'route', actions: 'restorePrevious' }) as const;

export const triageMachine = setup({
  types: {
    context: {} as TriageContext,
    events: {} as TriageEvent,
  },
  guards: {
    needsHappening: ({ context }) => context.happening === null,
    needsAudience: ({ context }) => context.audience === null,
    showsLiveAttack: ({ context }) =>
      isLiveOrganisation(context) && !context.wantsRegionalTeam && context.changing?.question !== 'location',
    hasPendingChoice: ({ context }) => context.pendingChoice !== null,
    hasUnit: ({ context }) => context.location !== null,
    isOutsideUk: ({ context }) => context.outside !== null,
    isLiveOrganisation: ({ context }) => isLiveOrganisation(context),
    isChanging: ({ context }, params: { question: ChangeableQuestion }) => context.changing?.question === params.question,
    isOfferedCandidate: ({ context, event }) =>
      event.type === 'CHOOSE_CANDIDATE' &&
      context.pendingChoice !== null &&
      Number.isInteger(event.index) &&
      event.index >= 0 &&
      event.index < choiceCount(context.pendingChoice),
  },
  actions: {
    recordHappening: assign(({ event }) => (event.type === 'ANSWER_HAPPENING' ? { happening: event.answer, changing: null } : {})),
    recordAudience: assign(({ event }) => (event.type === 'ANSWER_AUDIENCE' ? { audience: event.answer, changing: null } : {})),
    recordKind: assign(({ event }) => (event.type === 'ANSWER_KIND' ? { kind: event.kind, changing: null } : {})),
    recordLocation: assign(({ event }) =>
      event.type === 'ANSWER_LOCATION' ? { ...recordedLocation(event.location), changing: null } : {},
    ),
    recordCandidate: assign(({ context, event }) => {
      if (event.type !== 'CHOOSE_CANDIDATE' || !context.pendingChoice) return {};
      const candidate = context.pendingChoice.candidates[event.index];
      // The option after the candidates: the place abroad the name may also mean ("Ireland": outside the UK).
      if (!candidate && context.pendingChoice.abroad) return { ...noLocation, outside: { kind: 'abroad', label: context.pendingChoice.abroad }, changing: null };
      if (!candidate) return {};
      return {
        ...noLocation,
        location: { unitId: candidate.unitId, forceId: candidate.forceId, label: candidate.label, ...(candidate.parts ? { parts: candidate.parts } : {}) },
        changing: null,
      };
    }),
    askForRegionalTeam: assign({ wantsRegionalTeam: true }),
    startChange: assign(({ context, event }) => {
      if (event.type !== 'CHANGE') return {};
      // A second Change while changing keeps the answers from before the first, so Back still restores them.
      const previous = context.changing?.previous ?? answersOf(context);
      return { ...previous, ...clearedAnswer[event.question], changing: { question: event.question, previous } };
    }),
    restorePrevious: assign(({ context }) => (context.changing ? { ...context.changing.previous, changing: null } : {})),
    clearHappening: assign({ happening: null }),
    clearAudience: assign({ audience: null, wantsRegionalTeam: false }),
    clearLocation: assign(noLocation),
    clearPendingChoice: assign({ pendingChoice: null }),
    backToLiveAttack: assign({ ...noLocation, wantsRegionalTeam: false }),
  },
}).createMachine({
  id: 'triage',
  version: TRIAGE_MACHINE_VERSION,
  context: initialContext,
  initial: 'route',
  on: {
    ANSWER_HAPPENING: { target: '.route', actions: 'recordHappening' },
    ANSWER_AUDIENCE: { target: '.route', actions: 'recordAudience' },
    ANSWER_LOCATION: { target: '.route', actions: 'recordLocation' },
    ANSWER_KIND: { target: '.route', actions: 'recordKind' },
    CHANGE: { target: '.route', actions: 'startChange' },
  },
  states: {
    /** Not a place the conversation rests: where the answers so far lead. */
    route: {
      always: [
        { guard: 'needsHappening', target: 'happeningNow' },
        { guard: 'needsAudience', target: 'audience' },
        { guard: 'showsLiveAttack', target: 'liveAttack' },
        { guard: 'hasPendingChoice', target: 'locationChoice' },
        { guard: 'hasUnit', target: 'regionalTeam' },
        { guard: 'isOutsideUk', target: 'outsideUk' },
        { target: 'location' },
      ],
    },
    happeningNow: {
      tags: ['question'],
      on: {
        BACK: restoreIfChanging('happeningNow'),
      },
    },
    audience: {
      tags: ['question'],
      on: {
        BACK: [restoreIfChanging('audience'), { target: 'route', actions: 'clearHappening' }],
      },
    },
    liveAttack: {
      tags: ['outcome'],
      on: {
        SHOW_REGIONAL_TEAM: { target: 'route', actions: 'askForRegionalTeam' },
        // A place typed here is a request for the regional team there.
        ANSWER_LOCATION: { target: 'route', actions: ['recordLocation', 'askForRegionalTeam'] },
        BACK: [restoreIfChanging('kind'), { target: 'route', actions: 'clearAudience' }],
      },
    },
    location: {
      tags: ['question'],
      on: {
        BACK: [
          restoreIfChanging('location'),
          { guard: 'isLiveOrganisation', target: 'route', actions: 'backToLiveAttack' },
          { target: 'route', actions: 'clearAudience' },
        ],
      },
    },
    locationChoice: {
      tags: ['question'],
      on: {
        CHOOSE_CANDIDATE: { guard: 'isOfferedCandidate', target: 'route', actions: 'recordCandidate' },
        BACK: { target: 'route', actions: 'clearPendingChoice' },
      },
    },
    regionalTeam: {
      tags: ['outcome'],
      on: {
        BACK: [restoreIfChanging('kind'), { target: 'route', actions: 'clearLocation' }],
      },
    },
    outsideUk: {
      tags: ['outcome'],
      on: {
        BACK: [restoreIfChanging('kind'), { target: 'route', actions: 'clearLocation' }],
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
