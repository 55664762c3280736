import { isIncidentKind, type IncidentKind } from '../data/firstSteps';
import type { Nation } from '../data/types';
import { SUPPORTED_LANGUAGES } from './content';
import type { AudienceAnswer, ChangeableQuestion, HappeningAnswer, TriageStateId } from '../machines/triage';

/** What a button does. Typed text is understood into the same actions. */
export type ButtonAction =
  | { action: 'answerHappening'; answer: HappeningAnswer }
  | { action: 'answerAudience'; answer: AudienceAnswer }
  /** What happened, chosen at an outcome (optional: it adds first steps, it routes nowhere). */
  | { action: 'answerKind'; kind: IncidentKind }
  | { action: 'chooseNation'; nation: Nation | 'outsideUk' }
  | { action: 'chooseCandidate'; index: number }
  | { action: 'showRegionalTeam' }
  | { action: 'change'; question: ChangeableQuestion }
  /** "Change an answer" at an outcome: where a chat shows one button for the several Change buttons, it lists them. */
  | { action: 'changeAnswer' }
  /** Yes or No to "Did you mean Manchester?" / "Just to check: …" (what it confirms is stored with the conversation). */
  | { action: 'confirm'; answer: 'yes' | 'no' }
  /** "Was this helpful?" after an outcome; stamped with the outcome it was shown with (its `state`). */
  | { action: 'feedback'; answer: FeedbackAnswer }
  | { action: 'back' }
  | { action: 'restart' }
  | { action: 'help' }
  /** Carry on in another language ("cy", "en"): the question on screen is asked again in it. */
  | { action: 'language'; language: string };

export type FeedbackAnswer = 'yes' | 'no';

/**
 * The value a button carries. `triage` and `state` say which question it was shown with, so a click on an
 * old button (an earlier question, or a finished triage) is recognised instead of jumping to a wrong state.
 */
export type ButtonValue = ButtonAction & { triage: string; state: TriageStateId };

/** Actions that mean the same whenever they are clicked. */
const TIMELESS_ACTIONS: ReadonlySet<ButtonAction['action']> = new Set(['restart', 'help', 'language']);

export function isTimeless(action: ButtonAction): boolean {
  return TIMELESS_ACTIONS.has(action.action);
}

const HAPPENING_ANSWERS: readonly string[] = ['yes', 'no', 'notSure'];
const AUDIENCE_ANSWERS: readonly string[] = ['organisation', 'individual'];
const NATION_CHOICES: readonly string[] = ['england', 'wales', 'scotland', 'northern-ireland', 'outsideUk'];
const CHANGEABLE: readonly string[] = ['happeningNow', 'audience', 'location', 'kind'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsedIfJson(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 2000) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Reads a button value from an activity's `value` (an object, or the JSON string some Teams clients send);
 * anything malformed is ignored (null), never trusted.
 */
export function parseButtonValue(raw: unknown): ButtonValue | null {
  const value = parsedIfJson(raw);
  if (!isRecord(value) || typeof value.triage !== 'string' || typeof value.state !== 'string') return null;
  const { triage, state } = value as { triage: string; state: TriageStateId };
  const base = { triage, state };
  switch (value.action) {
    case 'answerHappening':
      return HAPPENING_ANSWERS.includes(value.answer as string)
        ? { ...base, action: 'answerHappening', answer: value.answer as HappeningAnswer }
        : null;
    case 'answerAudience':
      return AUDIENCE_ANSWERS.includes(value.answer as string)
        ? { ...base, action: 'answerAudience', answer: value.answer as AudienceAnswer }
        : null;
    case 'answerKind':
      return isIncidentKind(value.kind) ? { ...base, action: 'answerKind', kind: value.kind } : null;
    case 'chooseNation':
      return NATION_CHOICES.includes(value.nation as string)
        ? { ...base, action: 'chooseNation', nation: value.nation as Nation | 'outsideUk' }
        : null;
    case 'chooseCandidate':
      return Number.isInteger(value.index) ? { ...base, action: 'chooseCandidate', index: value.index as number } : null;
    case 'change':
      return CHANGEABLE.includes(value.question as string)
        ? { ...base, action: 'change', question: value.question as ChangeableQuestion }
        : null;
    case 'confirm':
      return value.answer === 'yes' || value.answer === 'no' ? { ...base, action: 'confirm', answer: value.answer } : null;
    case 'feedback':
      return value.answer === 'yes' || value.answer === 'no' ? { ...base, action: 'feedback', answer: value.answer } : null;
    case 'language':
      return typeof value.language === 'string' && SUPPORTED_LANGUAGES.includes(value.language)
        ? { ...base, action: 'language', language: value.language }
        : null;
    case 'showRegionalTeam':
    case 'changeAnswer':
    case 'back':
    case 'restart':
    case 'help':
      return { ...base, action: value.action };
    default:
      return null;
  }
}
