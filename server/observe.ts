import type { TurnContext } from 'botbuilder';
import type { TurnObservation } from '../bots/triageBot';
import { catalog } from '../data/catalog';
import { FORCE_IDS, UNIT_IDS, type ForceId, type UnitId } from '../data/types';
import { isIdle, type ConversationRecord } from '../dialogs/turn';
import { OUTCOME_IDS, type OutcomeId, type TriageAnswers } from '../machines/triage';
import { knownOr, type Logger } from './logging';
import {
  METRIC_CHANNELS,
  METRIC_STATES,
  type MetricChannel,
  type MetricFeedbackAnswer,
  type MetricNation,
  type MetricState,
  type MetricUnderstanding,
  type MetricUnit,
  type TriageMetrics,
} from './metrics';
import { requestLoggerOf } from './messages';

/**
 * Observing is not steering: the one place where a turn's result becomes metric increments and its log line,
 * at the edge (TriageBot's `onTurnResult`), never inside the dialogs. `turnFacts` is a pure function from what
 * the turn did to a few facts whose every value comes from a fixed list; `TurnObserver` counts and logs them.
 *
 * Today the facts are derived from the stored records (the machine snapshots before and after) and from whether
 * the message carried a button value. When runTurn's result carries its own `observation` of the turn (how each
 * answer was understood, clarifications, feedback), `turnFacts` is where to read it instead: see `answerOf`.
 */

/** What one turn did, reduced to values from fixed lists: nothing the user typed, no id. */
export interface TurnFacts {
  channel: MetricChannel;
  input: 'welcome' | 'message';
  /** Null for a new conversation (nothing stored). */
  stateBefore: MetricState | null;
  stateAfter: MetricState;
  /** A new triage began this turn (its first question shown). */
  triageStarted: boolean;
  /** The stored conversation had gone idle past the expiry at this state, and starts afresh now. */
  expiredAt?: MetricState;
  /** An answer the turn took (or failed to understand), at the question it was given at. */
  answer?: { question: MetricState; understood: MetricUnderstanding };
  /** An answer took the conversation to an outcome this turn. */
  outcome?: { outcome: OutcomeId; unit: MetricUnit; nation: MetricNation };
  /** "Was this helpful?" answered this turn (fed from the turn's observation once feedback exists). */
  feedback?: { outcome: OutcomeId; answer: MetricFeedbackAnswer };
}

export interface TurnFactsInput {
  before: ConversationRecord | undefined;
  after: ConversationRecord;
  /** False when the turn wrote nothing (a repeated welcome). */
  changed: boolean;
  input: 'welcome' | 'message';
  /** The message carried a button value (a click) rather than only text. */
  clicked: boolean;
  channelId: unknown;
  now: Date;
  idleTimeoutMs?: number;
}

interface PersistedSnapshot {
  value?: unknown;
  context?: Partial<TriageAnswers> & { changing?: { previous?: Partial<TriageAnswers> } | null };
}

function snapshotOf(record: ConversationRecord | undefined): PersistedSnapshot | undefined {
  const snapshot = record?.triage?.snapshot;
  return typeof snapshot === 'object' && snapshot !== null ? (snapshot as PersistedSnapshot) : undefined;
}

/** The state a stored record is at, from its persisted snapshot; "unknown" when it can't be read. */
export function stateOf(record: ConversationRecord): MetricState {
  return knownOr(snapshotOf(record)?.value, METRIC_STATES, 'unknown') as MetricState;
}

export function channelOf(channelId: unknown): MetricChannel {
  return knownOr(channelId, METRIC_CHANNELS) as MetricChannel;
}

const ANSWER_FIELDS = ['happening', 'audience', 'location', 'pendingChoice', 'outside'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Whether the turn recorded an answer: a field went to a new non-empty value, or the user asked for the regional
 * team. Clearing an answer (Back, Change) is not an answer, and neither is Back during a change, which puts the
 * previous answers back as they were.
 */
function recordedAnswer(before: PersistedSnapshot['context'], after: PersistedSnapshot['context']): boolean {
  if (!before || !after) return false;
  const previous = before.changing?.previous;
  if (previous && !after.changing && ANSWER_FIELDS.every((field) => same(after[field], previous[field]))) return false;
  if (after.wantsRegionalTeam === true && before.wantsRegionalTeam !== true) return true;
  return ANSWER_FIELDS.some((field) => after[field] !== null && after[field] !== undefined && !same(after[field], before[field]));
}

/**
 * How the message was understood, from the records: a miss counted → unrecognised; an answer recorded → clicked
 * or typed. "clarified" can't be seen in the records: it comes with the turn's own observation (integration:
 * read `result.observation` here).
 */
function answerOf(input: TurnFactsInput, stateBefore: MetricState | null, triageStarted: boolean): TurnFacts['answer'] {
  if (input.input !== 'message' || !input.before || !input.changed || triageStarted || stateBefore === null) return undefined;
  if (input.after.misses > input.before.misses) return { question: stateBefore, understood: 'unrecognised' };
  if (recordedAnswer(snapshotOf(input.before)?.context, snapshotOf(input.after)?.context)) {
    return { question: stateBefore, understood: input.clicked ? 'clicked' : 'typed' };
  }
  return undefined;
}

function isUnitId(value: unknown): value is UnitId {
  return typeof value === 'string' && (UNIT_IDS as readonly string[]).includes(value);
}

function isForceId(value: unknown): value is ForceId {
  return typeof value === 'string' && (FORCE_IDS as readonly string[]).includes(value);
}

/** A unit's nation when all the forces it covers are in one (NWROCU covers North Wales and England: unknown). */
const unitNation: Record<UnitId, MetricNation> = Object.fromEntries(
  UNIT_IDS.map((unitId) => {
    const nations = new Set(Object.values(catalog.forces).filter((force) => force.unitId === unitId).map((force) => force.nation));
    return [unitId, nations.size === 1 ? [...nations][0] : 'unknown'];
  }),
) as Record<UnitId, MetricNation>;

/** The outcome's unit and nation, from the answers (never the deployment's default nation). */
export function whereOf(context: PersistedSnapshot['context']): { unit: MetricUnit; nation: MetricNation } {
  if (context?.outside?.kind === 'crown-dependency') return { unit: 'none', nation: 'crown-dependency' };
  if (context?.outside?.kind === 'abroad') return { unit: 'none', nation: 'abroad' };
  const location = context?.location;
  if (!location || !isUnitId(location.unitId)) return { unit: 'none', nation: 'unknown' };
  const nation = isForceId(location.forceId) ? catalog.forces[location.forceId].nation : unitNation[location.unitId];
  return { unit: location.unitId, nation };
}

/** What a turn did, as facts from fixed lists. Pure: the same records give the same facts. */
export function turnFacts(input: TurnFactsInput): TurnFacts {
  const channel = channelOf(input.channelId);
  const stateBefore = input.before ? stateOf(input.before) : null;
  const stateAfter = stateOf(input.after);
  const triageStarted = input.changed && input.after.triageId !== input.before?.triageId;
  const facts: TurnFacts = { channel, input: input.input, stateBefore, stateAfter, triageStarted };

  if (input.before && stateBefore !== null && isIdle(input.before, { now: input.now, idleTimeoutMs: input.idleTimeoutMs })) {
    facts.expiredAt = stateBefore;
  }
  const answer = answerOf(input, stateBefore, triageStarted);
  if (answer) facts.answer = answer;
  // An outcome counts when an answer leads to it: not when Back (or Back out of a Change) returns to one already seen.
  const answered = answer !== undefined && answer.understood !== 'unrecognised';
  if (answered && stateBefore !== stateAfter && (OUTCOME_IDS as readonly string[]).includes(stateAfter)) {
    facts.outcome = { outcome: stateAfter as OutcomeId, ...whereOf(snapshotOf(input.after)?.context) };
  }
  return facts;
}

/** Counts a turn's facts. */
export function countTurn(metrics: TriageMetrics, facts: TurnFacts, latencyMs: number): void {
  if (facts.triageStarted) metrics.triagesStarted.inc({ channel: facts.channel });
  if (facts.expiredAt) metrics.conversationsStopped.inc({ state: facts.expiredAt });
  if (facts.answer) metrics.answers.inc(facts.answer);
  if (facts.outcome) metrics.outcomes.inc({ ...facts.outcome, channel: facts.channel });
  if (facts.feedback) metrics.feedback.inc(facts.feedback);
  metrics.turnDuration.observe({ channel: facts.channel }, latencyMs / 1000);
}

/** The turn's log line: the facts and the latency. The request id comes from the request's logger. */
export function turnLogFields(facts: TurnFacts, latencyMs: number): Record<string, unknown> {
  return {
    event: 'turn',
    channel: facts.channel,
    input: facts.input,
    stateBefore: facts.stateBefore,
    stateAfter: facts.stateAfter,
    outcome: facts.outcome?.outcome ?? null,
    ...(facts.outcome ? { unit: facts.outcome.unit, nation: facts.outcome.nation } : {}),
    ...(facts.answer ? { question: facts.answer.question, understood: facts.answer.understood } : {}),
    ...(facts.triageStarted ? { triageStarted: true } : {}),
    ...(facts.expiredAt ? { expiredAt: facts.expiredAt } : {}),
    ms: Math.round(latencyMs * 10) / 10,
  };
}

export interface TurnObserverOptions {
  logger: Logger;
  /** Absent when metrics are off (no METRICS_TOKEN): the log lines are still written. */
  metrics?: TriageMetrics;
  idleTimeoutMs?: number;
}

function hasValue(context: TurnContext): boolean {
  const value = context.activity.value;
  return value !== undefined && value !== null;
}

/** Plugs into `onTurnResult`: one metrics update and one log line per turn. */
export class TurnObserver {
  constructor(private readonly options: TurnObserverOptions) {}

  readonly observe = (observation: TurnObservation): void => {
    const { before, result, input, context, startedAt, latencyMs } = observation;
    const facts = turnFacts({
      before,
      after: result.record,
      changed: result.changed,
      input,
      clicked: input === 'message' && hasValue(context),
      channelId: context.activity.channelId,
      now: startedAt,
      idleTimeoutMs: this.options.idleTimeoutMs,
    });
    if (this.options.metrics) countTurn(this.options.metrics, facts, latencyMs);
    (requestLoggerOf(context) ?? this.options.logger).info(turnLogFields(facts, latencyMs), 'turn');
  };

  /** A conversation deleted by the idle sweep: where it stopped. */
  readonly idleExpired = (record: ConversationRecord): void => {
    this.options.metrics?.conversationsStopped.inc({ state: stateOf(record) });
  };
}
