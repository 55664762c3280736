import type { IntentId } from '../data/intents';
import { resolveNation } from '../data/location';
import type { TriageContext, TriageEvent, TriageStateId } from '../machines/triage';
import { isTimeless, parseButtonValue, type ButtonAction, type FeedbackAnswer } from './buttons';
import { readText, type Confirmation, type Reading as TextReading, type TakenAnswer } from './understanding/read';
import { MAX_SCANNED_CHARS, normalise } from './understanding/text';

export { normalise };
export type { Confirmation, TakenAnswer };

/**
 * What a message holds: what typed text is read into (understanding/read.ts), plus the one thing only a button
 * gives: a "Was this helpful?" answer (never read from typed words, so no comment is ever taken as feedback).
 */
export type Reading = TextReading | { kind: 'feedback'; answer: FeedbackAnswer } | { kind: 'changeAnswer' };

/** What the user said or clicked, as the turn step needs it (the summary of a Reading; see `read`). */
export type Understood =
  | {
      kind: 'event';
      event: TriageEvent;
      /** Further answers in the same message, applied after `event` (a location always first). */
      also?: TriageEvent[];
    }
  | { kind: 'restart' }
  | { kind: 'back' }
  /** Carry on in another language (a typed "Cymraeg", "English", or the button). */
  | { kind: 'language'; language: string }
  | { kind: 'help' }
  /** A button from an earlier question or an earlier triage. */
  | { kind: 'stale' }
  | { kind: 'empty' }
  /**
   * Nothing to act on yet: `unknownPlace` when the user was asked where they are (or a "Did you mean …?" must be
   * confirmed first), `tooLong` when only the first part of a very long message could be read.
   */
  | { kind: 'unrecognised'; unknownPlace?: boolean; tooLong?: boolean }
  /** A "Was this helpful?" button. */
  | { kind: 'feedback'; answer: FeedbackAnswer }
  /** "Change an answer": the list of answers to change. */
  | { kind: 'changeAnswer' }
  /** A question answered where the user is, changing no answer ("is the call free?", "can I speak to someone?"). */
  | { kind: 'intent'; intent: IntentId };

export interface UserInput {
  text?: string;
  value?: unknown;
}

export interface Position {
  state: TriageStateId;
  triageId: string;
  context: TriageContext;
  /** What the user sees: the current state unless said otherwise; null before anything was shown (a first message). */
  onScreen?: TriageStateId | null;
  /** The Yes/No confirmation on screen, if any. */
  pending?: Confirmation | null;
  /** The conversation's language ("cy": its messages are read as Welsh). */
  language?: string;
}

/** The most of one message that is read (longer messages are scanned up to here, never refused). */
export const MAX_UNDERSTOOD_LENGTH = MAX_SCANNED_CHARS;

export function eventOf(answer: TakenAnswer): TriageEvent {
  switch (answer.question) {
    case 'happeningNow':
      return { type: 'ANSWER_HAPPENING', answer: answer.answer };
    case 'audience':
      return { type: 'ANSWER_AUDIENCE', answer: answer.answer };
    case 'location':
      return { type: 'ANSWER_LOCATION', location: answer.location };
    case 'kind':
      return { type: 'ANSWER_KIND', kind: answer.answer };
  }
}

function fromButton(action: ButtonAction, position: Position): Reading {
  const clicked = (taken: TakenAnswer): Reading => ({ kind: 'answers', taken: [taken], confirm: null, how: 'clicked', corrected: [] });
  switch (action.action) {
    case 'restart':
    case 'help':
    case 'back':
      return { kind: 'command', command: action.action };
    case 'language':
      return { kind: 'language', language: action.language };
    case 'answerHappening':
      return clicked({ question: 'happeningNow', answer: action.answer });
    case 'answerAudience':
      return clicked({ question: 'audience', answer: action.answer });
    case 'answerKind':
      return clicked({ question: 'kind', answer: action.kind });
    case 'chooseNation': {
      return clicked({ question: 'location', location: resolveNation(action.nation) });
    }
    case 'chooseCandidate':
      return { kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: action.index }, how: 'clicked' };
    case 'showRegionalTeam':
      return { kind: 'event', event: { type: 'SHOW_REGIONAL_TEAM' }, how: 'clicked' };
    case 'change':
      return { kind: 'event', event: { type: 'CHANGE', question: action.question }, how: 'clicked' };
    case 'confirm':
      return position.pending ? { kind: 'confirmation', accepted: action.answer === 'yes' } : { kind: 'stale' };
    case 'feedback':
      return { kind: 'feedback', answer: action.answer };
    case 'changeAnswer':
      return { kind: 'changeAnswer' };
  }
}

/**
 * Everything a message holds, for the turn step. A valid button value wins over text (Web Chat's messageBack sends
 * both); a button shown with another question or triage is stale; otherwise the text is read (understanding/).
 */
export function read(input: UserInput, position: Position): Reading {
  const button = parseButtonValue(input.value);
  if (button) {
    if (isTimeless(button)) return fromButton(button, position);
    if (button.triage !== position.triageId || button.state !== position.state) return { kind: 'stale' };
    if (button.action === 'confirm' && position.pending && position.pending.state !== position.state) return { kind: 'stale' };
    return fromButton(button, position);
  }
  const text = typeof input.text === 'string' ? input.text : '';
  const reading = readText(text, {
    state: position.state,
    context: position.context,
    onScreen: position.onScreen === undefined ? position.state : position.onScreen,
    pending: position.pending ?? null,
    ...(position.language ? { language: position.language } : {}),
  });
  // A value that is not one of ours, with no words: an old or foreign card.
  if (reading.kind === 'empty' && input.value !== undefined && input.value !== null) return { kind: 'stale' };
  return reading;
}

/**
 * The order answers are applied in: the location first (so a live organisation still lands on the live-attack
 * outcome, with its nation known), then the answer to the question on screen, then the rest.
 */
export function orderedAnswers(taken: readonly TakenAnswer[], onScreen: TriageStateId | null): TakenAnswer[] {
  const rank = (answer: TakenAnswer) => (answer.question === 'location' ? 0 : answer.question === onScreen ? 1 : 2);
  return [...taken].sort((a, b) => rank(a) - rank(b));
}

export function orderedEvents(taken: readonly TakenAnswer[], onScreen: TriageStateId | null): TriageEvent[] {
  return orderedAnswers(taken, onScreen).map(eventOf);
}

/**
 * Turns a message into what the turn step acts on: the summary of `read`. A confirmation still to be asked, or a
 * Yes/No with nothing pending, is `unrecognised` here: nothing can be applied yet.
 */
export function understand(input: UserInput, position: Position): Understood {
  const reading = read(input, position);
  switch (reading.kind) {
    case 'answers': {
      if (reading.taken.length === 0) return { kind: 'unrecognised', ...(reading.confirm?.question === 'location' ? { unknownPlace: true } : {}) };
      const onScreen = position.onScreen === undefined ? position.state : position.onScreen;
      // The answer to the question on screen is the one a caller of this summary looks at.
      const primaryIndex = Math.max(0, reading.taken.findIndex((answer) => answer.question === onScreen));
      const event = eventOf(reading.taken[primaryIndex]);
      const also = orderedEvents(reading.taken.filter((_, index) => index !== primaryIndex), onScreen);
      return also.length > 0 ? { kind: 'event', event, also } : { kind: 'event', event };
    }
    case 'event':
      return { kind: 'event', event: reading.event };
    case 'language':
      return { kind: 'language', language: reading.language };
    case 'command':
      switch (reading.command) {
        case 'restart':
        case 'cancel':
          return { kind: 'restart' };
        case 'back':
          return { kind: 'back' };
        default:
          return { kind: 'help' };
      }
    case 'confirmation': {
      const pending = position.pending;
      if (!pending) return { kind: 'unrecognised' };
      const answer = reading.accepted ? pending.yes : pending.no;
      return answer ? { kind: 'event', event: eventOf(answer) } : { kind: 'unrecognised', ...(pending.question === 'location' ? { unknownPlace: true } : {}) };
    }
    case 'feedback':
      return { kind: 'feedback', answer: reading.answer };
    case 'intent':
      return { kind: 'intent', intent: reading.intent };
    case 'changeAnswer':
    case 'stale':
    case 'empty':
      return { kind: reading.kind };
    case 'unrecognised':
      return {
        kind: 'unrecognised',
        ...(reading.unknownPlace ? { unknownPlace: true } : {}),
        ...(reading.tooLong ? { tooLong: true } : {}),
      };
  }
}
