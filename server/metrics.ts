import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Request, Response, Server } from 'restify';
import { UNIT_IDS } from '../data/types';
import { OUTCOME_IDS, QUESTION_IDS } from '../machines/triage';
import { KNOWN_CHANNELS } from './logging';
import { NATIONS } from './deployment';

/**
 * Anonymous counts for the force running the bot, in the Prometheus text format (prom-client) at GET /metrics.
 * Every label value comes from one of the fixed lists below (never an id, a text or anything a client chose), so
 * the number of series is bounded whatever arrives: a value outside a list becomes "other" / "unknown" before it
 * reaches a counter (see server/observe.ts).
 */

export const METRIC_PREFIX = 'cyber_triage_';

/** Channels named in metrics; any other channelId counts as "other". */
export const METRIC_CHANNELS = [...KNOWN_CHANNELS, 'other'] as const;
export type MetricChannel = (typeof METRIC_CHANNELS)[number];

/**
 * The states a conversation can be at; "kind" for what happened (an answer given at an outcome, with no state of its
 * own); "unknown" for a stored snapshot this version can't read.
 */
export const METRIC_STATES = [...QUESTION_IDS, ...OUTCOME_IDS, 'kind', 'unknown'] as const;
export type MetricState = (typeof METRIC_STATES)[number];

export const METRIC_OUTCOMES = OUTCOME_IDS;

/** Regional units; "none" where the outcome has no unit (a live attack before a location, an island, abroad). */
export const METRIC_UNITS = [...UNIT_IDS, 'none'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/** Where the user's answers place them; "unknown" when they don't say (or a unit spans two nations). */
export const METRIC_NATIONS = [...NATIONS, 'crown-dependency', 'abroad', 'unknown'] as const;
export type MetricNation = (typeof METRIC_NATIONS)[number];

/**
 * How an answer was understood: a button click; typed text understood at once; understood after the bot asked to
 * make sure ("Did you mean …?"); or not understood (the question is asked again).
 */
export const METRIC_UNDERSTANDINGS = ['clicked', 'typed', 'clarified', 'unrecognised'] as const;
export type MetricUnderstanding = (typeof METRIC_UNDERSTANDINGS)[number];

export const METRIC_FEEDBACK_ANSWERS = ['yes', 'no'] as const;
export type MetricFeedbackAnswer = (typeof METRIC_FEEDBACK_ANSWERS)[number];

export const METRIC_STORAGE_OPERATIONS = ['read', 'write', 'delete'] as const;
export type MetricStorageOperation = (typeof METRIC_STORAGE_OPERATIONS)[number];

export const METRIC_STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'aborted'] as const;
export type MetricStatusClass = (typeof METRIC_STATUS_CLASSES)[number];

export const METRIC_TURN_ERRORS = ['outbound', 'other'] as const;

/** Seconds: a turn is a few milliseconds of work, more when storage is remote or slow. */
export const TURN_DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Every label of every metric of ours, with the only values it may take: what the bounded-labels test checks. */
export const METRIC_LABEL_VALUES: Record<string, readonly string[]> = {
  channel: METRIC_CHANNELS,
  outcome: METRIC_OUTCOMES,
  unit: METRIC_UNITS,
  nation: METRIC_NATIONS,
  state: METRIC_STATES,
  question: METRIC_STATES,
  understood: METRIC_UNDERSTANDINGS,
  answer: METRIC_FEEDBACK_ANSWERS,
  operation: METRIC_STORAGE_OPERATIONS,
  status_class: METRIC_STATUS_CLASSES,
  kind: METRIC_TURN_ERRORS,
};

export const METRIC_NAMES = {
  triagesStarted: `${METRIC_PREFIX}triages_started_total`,
  outcomes: `${METRIC_PREFIX}outcomes_total`,
  conversationsStopped: `${METRIC_PREFIX}conversations_stopped_total`,
  answers: `${METRIC_PREFIX}answers_total`,
  feedback: `${METRIC_PREFIX}feedback_total`,
  turnDuration: `${METRIC_PREFIX}turn_duration_seconds`,
  storageErrors: `${METRIC_PREFIX}storage_errors_total`,
  storageConflicts: `${METRIC_PREFIX}storage_conflicts_total`,
  turnErrors: `${METRIC_PREFIX}turn_errors_total`,
  httpResponses: `${METRIC_PREFIX}http_responses_total`,
} as const;

/** The bot's own metrics, in a registry of their own (one per server, so tests and instances don't share counts). */
export class TriageMetrics {
  readonly registry = new Registry();

  readonly triagesStarted = new Counter({
    name: METRIC_NAMES.triagesStarted,
    help: 'Triages started (the first question shown: a new conversation, Start again, or a fresh start after the idle expiry), by channel.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly outcomes = new Counter({
    name: METRIC_NAMES.outcomes,
    help: 'Conversations arriving at an outcome, by outcome, regional unit, nation of the answers and channel.',
    labelNames: ['outcome', 'unit', 'nation', 'channel'] as const,
    registers: [this.registry],
  });

  readonly conversationsStopped = new Counter({
    name: METRIC_NAMES.conversationsStopped,
    help: 'Conversations that went idle past the expiry, by the state they stopped at (deleted by the idle sweep, or restarted when the user came back).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly answers = new Counter({
    name: METRIC_NAMES.answers,
    help: 'Answers, by the question (state) they were given at and how they were understood: clicked, typed (understood at once), clarified (after "did you mean"), unrecognised.',
    labelNames: ['question', 'understood'] as const,
    registers: [this.registry],
  });

  readonly feedback = new Counter({
    name: METRIC_NAMES.feedback,
    help: '"Was this helpful?" answers, by outcome and answer (yes or no).',
    labelNames: ['outcome', 'answer'] as const,
    registers: [this.registry],
  });

  readonly turnDuration = new Histogram({
    name: METRIC_NAMES.turnDuration,
    help: 'Time to compute and store a turn (read, understand, render, conditional write), by channel; replies are sent after it.',
    labelNames: ['channel'] as const,
    buckets: TURN_DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly storageErrors = new Counter({
    name: METRIC_NAMES.storageErrors,
    help: 'Conversation storage calls that failed (not conflicts), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly storageConflicts = new Counter({
    name: METRIC_NAMES.storageConflicts,
    help: 'Conditional writes that found the conversation changed by another writer (the turn is recomputed).',
    registers: [this.registry],
  });

  readonly turnErrors = new Counter({
    name: METRIC_NAMES.turnErrors,
    help: 'Turns that failed and got the fixed turn-error reply (999, Report Fraud, Police Scotland), by kind: outbound (replies could not be delivered) or other.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly httpResponses = new Counter({
    name: METRIC_NAMES.httpResponses,
    help: 'HTTP responses, by status class ("aborted": the client went away first).',
    labelNames: ['status_class'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Zero series for the labels that are always worth a line on the dashboard, so "none yet" shows as 0.
    for (const channel of METRIC_CHANNELS) this.triagesStarted.inc({ channel }, 0);
    for (const operation of METRIC_STORAGE_OPERATIONS) this.storageErrors.inc({ operation }, 0);
    this.storageConflicts.inc(0);
    for (const kind of METRIC_TURN_ERRORS) this.turnErrors.inc({ kind }, 0);
  }
}

/** Node.js process metrics (CPU, memory, event loop, GC): collected once per process, shared by every server. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function statusClass(status: number, finished: boolean): MetricStatusClass {
  if (!finished) return 'aborted';
  const hundreds = Math.floor(status / 100);
  return hundreds >= 1 && hundreds <= 5 ? (`${hundreds}xx` as MetricStatusClass) : '5xx';
}

/** Counts every HTTP response by status class. Register early (in `pre`) so refusals before routing count too. */
export function countResponses(server: Server, metrics: TriageMetrics): void {
  server.pre((_req: Request, res: Response, next) => {
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      metrics.httpResponses.inc({ status_class: statusClass(res.statusCode, res.writableFinished) });
    };
    res.once('finish', done);
    res.once('close', done);
    return next();
  });
}

/** METRICS_TOKEN, trimmed; undefined when metrics are off. */
export function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  return env.METRICS_TOKEN?.trim() || undefined;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether an Authorization header carries exactly `Bearer <token>`. Both sides are hashed first, so the comparison
 * is constant-time whatever the lengths.
 */
export function bearerMatches(header: unknown, expectedDigest: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  const presented = digest(match ? match[1] : '');
  return timingSafeEqual(presented, expectedDigest) && match !== null;
}

/**
 * GET /metrics: only registered when METRICS_TOKEN is set (otherwise the route doesn't exist: 404); then only for
 * `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise, with nothing about why).
 */
export function registerMetricsRoute(server: Server, metrics: TriageMetrics, token: string): void {
  const expected = digest(token);
  server.get('/metrics', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    res.header('X-Content-Type-Options', 'nosniff');
    if (!bearerMatches(req.headers.authorization, expected)) {
      res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send(401, { error: 'Unauthorized', message: 'A valid metrics token is required.' });
      return;
    }
    const body = `${await metrics.registry.metrics()}\n${await processMetrics().metrics()}`;
    res.sendRaw(200, body, { 'Content-Type': metrics.registry.contentType });
  });
}
