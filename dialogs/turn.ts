import { randomBytes } from 'node:crypto';
import type { Nation } from '../data/types';
import { isOutcome } from '../machines/triage';
import {
  persistTriage,
  restoreTriage,
  startTriage,
  stateIdOf,
  stepTriage,
  type StoredTriage,
  type TriageSnapshot,
} from '../machines/persistence';
import { contentFor, type Content } from './content';
import { noticeFromContent, notice, renderReminder, renderState, type BotMessage } from './render';
import { understand, type Understood, type UserInput } from './understand';

/**
 * Everything stored for one conversation: the machine snapshot and a little bookkeeping. No free text, names or
 * contact details: only the answers the flow needs (postcodes are cut to their district before they get here).
 */
export interface ConversationRecord {
  greeted: boolean;
  /** Changes on every Start again, so buttons from an earlier triage are recognised as old. */
  triageId: string;
  triage: StoredTriage;
  /** Unrecognised answers in a row at the current question. */
  misses: number;
  /** ISO time of the last turn, for the idle expiry. */
  lastActiveAt: string;
}

export type TurnInput = { kind: 'welcome' } | ({ kind: 'message' } & UserInput);

export interface TurnEnvironment {
  now: Date;
  locale?: string;
  newTriageId?: () => string;
  /** A conversation idle for longer starts afresh (default 30 minutes). */
  idleTimeoutMs?: number;
  /** The deployment's own nation: leads the live-attack outcome while the user's location is not known. */
  defaultNation?: Nation;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

export interface TurnResult {
  record: ConversationRecord;
  messages: BotMessage[];
  /** False when nothing needs writing (a repeated welcome). */
  changed: boolean;
}

/** After this many misses in a row, the direct numbers are shown with the question. */
export const MISSES_BEFORE_NUMBERS = 2;

function randomTriageId(): string {
  return randomBytes(6).toString('base64url');
}

function freshRecord(greeted: boolean, environment: TurnEnvironment): { record: ConversationRecord; snapshot: TriageSnapshot } {
  const snapshot = startTriage();
  const triageId = (environment.newTriageId ?? randomTriageId)();
  return {
    snapshot,
    record: { greeted, triageId, triage: persistTriage(snapshot), misses: 0, lastActiveAt: environment.now.toISOString() },
  };
}

/**
 * One turn: stored record + what the user did → the next record + the replies. Pure apart from the clock and the
 * id generator in `environment`, so the same step serves the bot, the terminal chat and the tests.
 */
export function runTurn(stored: ConversationRecord | undefined, input: TurnInput, environment: TurnEnvironment): TurnResult {
  const content = contentFor(environment.locale);
  const messages: BotMessage[] = [];

  let record: ConversationRecord;
  let snapshot: TriageSnapshot;
  const restored = stored ? restoreTriage(stored.triage) : null;
  const expired = stored !== undefined && isIdle(stored, environment);
  if (stored && restored && !expired) {
    record = { ...stored, lastActiveAt: environment.now.toISOString() };
    snapshot = restored;
  } else {
    if (stored) messages.push(notice(expired ? content.replies.expired : content.replies.restoredFresh));
    ({ record, snapshot } = freshRecord(stored?.greeted ?? false, environment));
  }
  // After a fresh start the message answered a question that is gone: ask the first question instead.
  const startedAfresh = stored !== undefined && record.triageId !== stored.triageId;

  const greetNow = !record.greeted;
  if (greetNow) {
    record.greeted = true;
    messages.push(noticeFromContent(content.greeting));
  }

  if (input.kind === 'welcome' && !greetNow && stored) return { record: stored, messages: [], changed: false };
  // The greeting is followed by the first question, whatever the first message said: no answer is taken to a
  // question the user has not seen.
  if (input.kind === 'welcome' || greetNow || startedAfresh) {
    messages.push(...renderState(renderContext(snapshot, record, environment, content)));
    return { record: { ...record, triage: persistTriage(snapshot) }, messages, changed: true };
  }

  const understood = understand(input, { state: stateIdOf(snapshot), triageId: record.triageId, context: snapshot.context });
  const outcome = applyUnderstood(understood, snapshot, record, environment, content);
  messages.push(...outcome.messages);
  return { record: { ...outcome.record, triage: persistTriage(outcome.snapshot) }, messages, changed: true };
}

/** Whether a stored conversation has been idle past the expiry (it then starts afresh; a sweep may delete it). */
export function isIdle(stored: ConversationRecord, environment: Pick<TurnEnvironment, 'now' | 'idleTimeoutMs'>): boolean {
  const last = Date.parse(stored.lastActiveAt);
  if (Number.isNaN(last)) return false;
  return environment.now.getTime() - last > (environment.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
}

interface Applied {
  record: ConversationRecord;
  snapshot: TriageSnapshot;
  messages: BotMessage[];
}

function renderContext(snapshot: TriageSnapshot, record: ConversationRecord, environment: TurnEnvironment, content: Content) {
  return {
    state: stateIdOf(snapshot),
    context: snapshot.context,
    triageId: record.triageId,
    now: environment.now,
    content,
    defaultNation: environment.defaultNation,
  };
}

function applyUnderstood(
  understood: Understood,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
): Applied {
  const replies = content.replies;
  const current = () => renderState(renderContext(snapshot, record, environment, content));
  const reminder = () => renderReminder(renderContext(snapshot, record, environment, content));

  switch (understood.kind) {
    case 'restart': {
      const fresh = freshRecord(true, environment);
      const messages = [notice(replies.startingAgain), ...renderState(renderContext(fresh.snapshot, fresh.record, environment, content))];
      return { ...fresh, messages };
    }
    case 'help':
      return {
        record,
        snapshot,
        messages: [noticeFromContent(replies.help), noticeFromContent(replies.directNumbers), ...reminder()],
      };
    case 'stale':
      return { record, snapshot, messages: [notice(replies.stale), ...reminder()] };
    case 'back': {
      const stepped = stepTriage(snapshot, { type: 'BACK' });
      if (!stepped.accepted) return { record, snapshot, messages: [notice(replies.atFirstQuestion), ...current()] };
      const next = { ...record, misses: 0 };
      return { record: next, snapshot: stepped.snapshot, messages: renderState(renderContext(stepped.snapshot, next, environment, content)) };
    }
    case 'event': {
      const stepped = stepTriage(snapshot, understood.event);
      if (stepped.accepted) {
        const next = { ...record, misses: 0 };
        return { record: next, snapshot: stepped.snapshot, messages: renderState(renderContext(stepped.snapshot, next, environment, content)) };
      }
      return missed({ kind: 'unrecognised' }, snapshot, record, environment, content);
    }
    case 'empty':
    case 'unrecognised':
      return missed(understood, snapshot, record, environment, content);
  }
}

function missed(
  understood: Extract<Understood, { kind: 'empty' | 'unrecognised' }>,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
): Applied {
  const state = stateIdOf(snapshot);
  const replies = content.replies;
  const next = { ...record, misses: record.misses + 1 };
  const rendered = renderReminder(renderContext(snapshot, next, environment, content));
  const explanation =
    understood.kind === 'empty'
      ? replies.empty
      : understood.tooLong
        ? replies.tooLong
        : understood.unknownPlace
          ? content.states.location.unknownPlace
          : isOutcome(state)
            ? `${replies.didNotUnderstand} ${replies.outcomeFreeText}`
            : replies.didNotUnderstand;
  const messages = [notice(explanation)];
  if (next.misses >= MISSES_BEFORE_NUMBERS) messages.push(noticeFromContent(replies.directNumbers));
  messages.push(...rendered);
  return { record: next, snapshot, messages };
}
