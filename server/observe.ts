import type { CompletedTurn, ObservedTurn } from '../bots/triageBot';
import { catalog } from '../data/catalog';
import { FORCE_IDS, UNIT_IDS, type ForceId, type UnitId } from '../data/types';
import { isIdle, type AnswerHow, type ConversationRecord, type TurnObservation } from '../dialogs/turn';
import type { OutcomeId, TriageAnswers } from '../machines/triage';
import { knownOr, type Logger } from './logging';
import {
  METRIC_CHANNELS,
  METRIC_FEEDBACK_ANSWERS,
  METRIC_OUTCOMES,
  METRIC_STATES,
  type MetricChannel,
  type MetricFeedbackAnswer,
  type MetricNation,
  type MetricState,
  type MetricUnderstanding,
  type MetricUnit,
  type TriageMetrics,
} from './metrics';
import { requestIdOf } from './messages';

/**
 * Observing is not steering: the one place where a turn's result becomes metric increments and its log line,
 * at the edge (TriageBot's `onTurnResult`), never inside the dialogs. `turnFacts` is a pure function from what
 * the turn did to a few facts whose every value comes from a fixed list; `TurnObserver` counts and logs them.
 *
 * The turn step reports what it did in `result.observation` (dialogs/turn.ts: states before and after, how each
 * answer was understood, whether a triage started, the command); the records add the unit and nation of an
 * outcome and where an idle conversation stopped.
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
  /** The answers the turn took (or failed to understand), each with its question; several from one message. */
  answers: Array<{ question: MetricState; understood: MetricUnderstanding }>;
  /** An answer took the conversation to an outcome this turn. */
  outcome?: { outcome: OutcomeId; unit: MetricUnit; nation: MetricNation };
  /** "Was this helpful?" answered this turn (once per outcome: a repeat click is not reported by the turn). */
  feedback?: { outcome: OutcomeId; answer: MetricFeedbackAnswer };
}

export interface TurnFactsInput {
  before: ConversationRecord | undefined;
  after: ConversationRecord;
  /** False when the turn wrote nothing (a repeated welcome). */
  changed: boolean;
  input: 'welcome' | 'message';
  /** The turn step's own account of the turn. */
  observation: TurnObservation;
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

/** How an answer was understood, as counted: a Yes/No being asked is not yet an answer (its reply is "clarified"). */
const UNDERSTANDING_OF: Record<AnswerHow, MetricUnderstanding | null> = {
  clicked: 'clicked',
  typed: 'typed',
  clarified: 'clarified',
  confirming: null,
  unrecognised: 'unrecognised',
};

function answersOf(observation: TurnObservation): TurnFacts['answers'] {
  return observation.answers.flatMap(({ question, how }) => {
    const understood = UNDERSTANDING_OF[how];
    return understood ? [{ question: knownOr(question, METRIC_STATES, 'unknown') as MetricState, understood }] : [];
  });
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

/** What a turn did, as facts from fixed lists. Pure: the same turn gives the same facts. */
export function turnFacts(input: TurnFactsInput): TurnFacts {
  const { observation } = input;
  const channel = channelOf(input.channelId);
  const stateBefore = input.before ? stateOf(input.before) : null;
  const stateAfter = stateOf(input.after);
  const triageStarted = input.changed && observation.startedTriage;
  const facts: TurnFacts = { channel, input: input.input, stateBefore, stateAfter, triageStarted, answers: answersOf(observation) };

  if (input.before && stateBefore !== null && isIdle(input.before, { now: input.now, idleTimeoutMs: input.idleTimeoutMs })) {
    facts.expiredAt = stateBefore;
  }
  // An outcome counts when the turn's answers lead to it (a new place typed at an outcome leads to another): not
  // when Back (or Back out of a Change) returns to one already seen, nor when a command (help, thanks) shows it again.
  const answered = facts.answers.some((answer) => answer.understood !== 'unrecognised');
  const outcome = observation.outcome;
  if (outcome && answered) {
    facts.outcome = { outcome, ...whereOf(snapshotOf(input.after)?.context) };
  }
  const feedback = observation.feedback;
  if (feedback && input.changed) {
    const known = (METRIC_OUTCOMES as readonly string[]).includes(feedback.outcome) && (METRIC_FEEDBACK_ANSWERS as readonly string[]).includes(feedback.answer);
    if (known) facts.feedback = { outcome: feedback.outcome, answer: feedback.answer };
  }
  return facts;
}

/** Counts a turn's facts. */
export function countTurn(metrics: TriageMetrics, facts: TurnFacts, latencyMs: number): void {
  if (facts.triageStarted) metrics.triagesStarted.inc({ channel: facts.channel });
  if (facts.expiredAt) metrics.conversationsStopped.inc({ state: facts.expiredAt });
  for (const answer of facts.answers) metrics.answers.inc(answer);
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
    ...(facts.answers.length ? { answers: facts.answers } : {}),
    ...(facts.feedback ? { feedback: facts.feedback } : {}),
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

/** Plugs into `onTurnResult`: one metrics update and one log line per turn. */
export class TurnObserver {
  constructor(private readonly options: TurnObserverOptions) {}

  readonly observe = (observation: CompletedTurn): void => {
    const { context, ...turn } = observation;
    const requestId = requestIdOf(context);
    this.observeTurn({ ...turn, channelId: context.activity.channelId, ...(requestId ? { requestId } : {}) });
  };

  /** Any channel's turn (the plain-HTML pages call this directly), logged with the request's logger when given. */
  readonly observeTurn = (turn: ObservedTurn, requestLogger?: Logger): void => {
    const { before, result, input, startedAt, latencyMs } = turn;
    const facts = turnFacts({
      before,
      after: result.record,
      changed: result.changed,
      input,
      observation: result.observation,
      channelId: turn.channelId,
      now: startedAt,
      idleTimeoutMs: this.options.idleTimeoutMs,
    });
    if (this.options.metrics) countTurn(this.options.metrics, facts, latencyMs);
    const fields = turnLogFields(facts, latencyMs);
    if (requestLogger) requestLogger.info(fields, 'turn');
    // The request id as the line's first field: the same line a child logger with { reqId } writes, without making one.
    else if (turn.requestId) this.options.logger.info({ reqId: turn.requestId, ...fields }, 'turn');
    else this.options.logger.info(fields, 'turn');
  };

  /** A conversation deleted by the idle sweep: where it stopped. */
  readonly idleExpired = (record: ConversationRecord): void => {
    this.options.metrics?.conversationsStopped.inc({ state: stateOf(record) });
  };
}
