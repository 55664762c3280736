import { hash } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { BotMessage } from '../dialogs/render';
import { isIdle, type ConversationRecord } from '../dialogs/turn';
import { hasConditionalDelete, isStorageConflict, type StorageCallOptions } from './storage';

/** What a computation hands back to be written: the next record, and whether anything needs writing. */
export interface StoreUpdate {
  record: ConversationRecord;
  changed: boolean;
}

/** The replies a turn sent, kept briefly so that the same activity delivered again gets them again. */
export interface RememberedReplies {
  messages: BotMessage[];
  language?: string;
}

/**
 * An activity answered in this conversation: a digest of its id (not the id itself), when, and its replies. The
 * replies are the bot's own rendered messages: canonical answers and data, never the user's words.
 */
interface AnsweredActivity extends RememberedReplies {
  activity: string;
  at: number;
}

interface StoredItem extends StoreItem {
  record: ConversationRecord;
  answered?: AnsweredActivity[];
}

/** A turn could not be written after {@link MAX_WRITE_ATTEMPTS} tries: its replies must not be sent. */
export class ConversationConflictError extends Error {
  override readonly name = 'ConversationConflictError';
}

export type StorageOperation = 'read' | 'write' | 'delete';

/**
 * Storage failed or did not answer within its deadline. The turn cannot be stored, so its replies must not be sent;
 * the state itself is as it was (nothing to reset). `code` is the failure's own code, or ETIMEDOUT for a deadline.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  readonly code: string | undefined;

  constructor(
    readonly operation: StorageOperation | 'queue',
    readonly reason: 'timeout' | 'error',
    cause?: unknown,
  ) {
    super(
      reason === 'timeout'
        ? `Storage: the ${operation} did not finish within its deadline.`
        : `Storage: the ${operation} failed (${(cause as Error | undefined)?.message ?? 'unknown error'}).`,
    );
    const causeCode = (cause as { code?: unknown } | undefined)?.code;
    this.code = reason === 'timeout' ? 'ETIMEDOUT' : typeof causeCode === 'string' ? causeCode : undefined;
  }
}

/** True when a turn failed because conversation storage failed or did not answer (not because of the turn itself). */
export function isStorageUnavailable(error: unknown): boolean {
  return error instanceof StorageUnavailableError || (error as Error | undefined)?.name === 'StorageUnavailableError';
}

/**
 * What the store tells whoever counts (server/observe.ts, server/metrics.ts). Each call must be cheap and must not
 * throw (a throw is swallowed: counting never breaks a turn).
 */
export interface ConversationStoreEvents {
  /** The idle sweep deleted a conversation: its record as it was (where it stopped). */
  idleExpired?(record: ConversationRecord): void;
  /** A conditional write found the conversation changed by another writer; the turn is recomputed. */
  conflict?(): void;
  /** A storage call failed or timed out (not a conflict). */
  storageError?(operation: StorageOperation): void;
}

/**
 * How long storage may take. A user is waiting on every turn, and a Bot Service channel gives up after about 15 s:
 * every turn is answered within about `turnBudgetMs` plus its own work, at worst with the turn-error reply.
 */
export interface StoreDeadlines {
  /** One storage call (read, write, delete) is abandoned, and aborted, after this long. */
  callTimeoutMs: number;
  /** All of a turn's storage work (waiting behind another turn of the conversation, reads, writes, retries on conflict). */
  turnBudgetMs: number;
}

export const DEFAULT_STORE_DEADLINES: StoreDeadlines = { callTimeoutMs: 2_000, turnBudgetMs: 3_500 };

/** STORAGE_CALL_TIMEOUT_MS and STORAGE_TURN_BUDGET_MS, else the defaults. */
export function readStoreDeadlines(env: NodeJS.ProcessEnv): StoreDeadlines {
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name]?.trim() || NaN);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    callTimeoutMs: ms('STORAGE_CALL_TIMEOUT_MS', DEFAULT_STORE_DEADLINES.callTimeoutMs),
    turnBudgetMs: ms('STORAGE_TURN_BUDGET_MS', DEFAULT_STORE_DEADLINES.turnBudgetMs),
  };
}

/** How many times a turn is recomputed when another instance wrote the same conversation first. */
export const MAX_WRITE_ATTEMPTS = 8;

/** Answered activities kept per conversation, and for how long: long enough for a channel's retries, no longer. */
export const REMEMBERED_ACTIVITIES = 4;
export const REMEMBERED_FOR_MS = 2 * 60_000;

/** A short random pause before recomputing, so two instances that collided don't collide again in step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.floor(Math.random() * 10 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A digest of an activity id: enough to recognise it again, nothing to read it from. SHA-256 of the id's UTF-8, in
 * base64url, cut to 22 characters (as before: stored digests still match). The one-shot `hash` makes no Hash object:
 * about a tenth of the CPU of createHash().update().digest() for a short id.
 */
function activityDigest(activityId: string): string {
  return hash('sha256', activityId, 'base64url').slice(0, 22);
}

/** The answered activities still worth keeping at `now` (a stored list from elsewhere is checked, not trusted). */
function stillRemembered(answered: unknown, now: number): AnsweredActivity[] {
  if (!Array.isArray(answered)) return [];
  return answered
    .filter(
      (entry): entry is AnsweredActivity =>
        typeof entry === 'object' && entry !== null && typeof entry.activity === 'string' && typeof entry.at === 'number' && Array.isArray(entry.messages),
    )
    .filter((entry) => now - entry.at < REMEMBERED_FOR_MS && entry.at <= now + 60_000)
    .slice(-REMEMBERED_ACTIVITIES);
}

/**
 * One storage call under its deadline: settles with the call's own result, or with a timeout at the deadline,
 * whichever comes first (a result after the deadline is dropped). It is the call's options too: its `abortSignal` is
 * made when the storage first asks for it (the Blob client does; memory storage never does), aborted at the
 * deadline, and a signal asked for after the deadline comes already aborted. The same deadline as an
 * AbortController, a timeout promise and a race made for every call, for one object, one promise and one timer.
 */
class DeadlineCall<T> implements StorageCallOptions {
  readonly promise: Promise<T>;
  private resolve!: (value: T) => void;
  private reject!: (error: unknown) => void;
  private controller?: AbortController;
  private timedOut = false;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly operation: StorageOperation,
    timeoutMs: number,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.timer = setTimeout(expireCall, timeoutMs, this as DeadlineCall<unknown>);
  }

  get abortSignal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.timedOut) this.controller.abort();
    }
    return this.controller.signal;
  }

  follow(work: Promise<T>): void {
    work.then(
      (value) => this.succeed(value),
      (error: unknown) => this.fail(error),
    );
  }

  expire(): void {
    this.timedOut = true;
    this.controller?.abort();
    this.fail(new StorageUnavailableError(this.operation, 'timeout'));
  }

  private succeed(value: T): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.resolve(value);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reject(error);
  }
}

function expireCall(call: DeadlineCall<unknown>): void {
  call.expire();
}

/** What `applyOnce` did: applied the turn, or found the activity answered before and gives its replies again. */
export type OnceResult<R> = { replayed: false; result: R } | { replayed: true; replies: RememberedReplies };

/** A storage as the store calls it: with an abort signal, which a plain botbuilder Storage ignores. */
type AbortableStorage = Storage & {
  read(keys: string[], options?: StorageCallOptions): Promise<StoreItems>;
  write(changes: StoreItems, options?: StorageCallOptions): Promise<void>;
  delete(keys: string[], options?: StorageCallOptions): Promise<void>;
};

/**
 * Conversation state as read–compute–write with the stored eTag, retried on conflict, so two quick clicks (or two
 * instances) can neither lose nor double a step:
 * - an existing record is written with the eTag it was read with (If-Match): if another writer got there first
 *   the write fails as a conflict, and the turn is computed again from the newer record;
 * - a new conversation's first record is written with no eTag, which the storages of `bots/storage.ts` treat as
 *   create-only (If-None-Match: *): two instances starting the same conversation cannot both create it;
 * - only errors that mean "someone else wrote first" ({@link isStorageConflict}) are retried; anything else
 *   (storage down) fails the turn at once, as a {@link StorageUnavailableError};
 * - every storage call has a deadline (aborted at `callTimeoutMs`), and a turn's storage work all together has
 *   `turnBudgetMs`: storage that hangs fails the turn in bounded time, never holds it;
 * - with an activity id (`applyOnce`), an activity answered before in the conversation is not applied again: its
 *   replies, stored with the record, are given again (a channel's retry, on this instance or another);
 * - the caller sends a turn's replies only after the update resolved, i.e. after its write succeeded.
 * Turns of one conversation are also queued in this process, so a second message while the first is in flight
 * waits its turn instead of racing it.
 */
export class ConversationStore {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Conversations this process has written, with the time of their last turn: what the idle sweep looks at. */
  private readonly lastTurnAt = new Map<string, number>();
  private readonly storage: AbortableStorage;
  private readonly deadlines: StoreDeadlines;

  constructor(
    storage: Storage,
    private readonly events: ConversationStoreEvents = {},
    deadlines: Partial<StoreDeadlines> = {},
  ) {
    this.storage = storage as AbortableStorage;
    this.deadlines = { ...DEFAULT_STORE_DEADLINES, ...deadlines };
  }

  private tell<K extends keyof ConversationStoreEvents>(event: K, ...args: Parameters<NonNullable<ConversationStoreEvents[K]>>): void {
    try {
      (this.events[event] as ((...values: typeof args) => void) | undefined)?.(...args);
    } catch {
      // counting never breaks a turn
    }
  }

  /**
   * A storage call, with its deadline (the call's own, or what is left of the turn's if less) and its failure
   * counted. The call is given an abort signal; whether or not it honours it, it is given up on at the deadline.
   */
  private call<T>(
    operation: StorageOperation,
    work: (options: StorageCallOptions) => Promise<T>,
    deadline: number,
    isExpected: (error: unknown) => boolean = () => false,
  ): Promise<T> {
    const timeoutMs = Math.min(this.deadlines.callTimeoutMs, deadline - Date.now());
    if (timeoutMs <= 0) {
      this.tell('storageError', operation);
      return Promise.reject(new StorageUnavailableError(operation, 'timeout'));
    }
    const call = new DeadlineCall<T>(operation, timeoutMs);
    let started: Promise<T>;
    try {
      started = work(call);
    } catch (error) {
      started = Promise.reject(error);
    }
    call.follow(started);
    return call.promise.catch((error: unknown) => {
      if (isExpected(error)) throw error;
      this.tell('storageError', operation);
      throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(operation, 'error', error);
    }) as Promise<T>;
  }

  private turnDeadline(): number {
    return Date.now() + this.deadlines.turnBudgetMs;
  }

  async update<R extends StoreUpdate>(key: string, compute: (record: ConversationRecord | undefined) => R): Promise<R> {
    const deadline = this.turnDeadline();
    return this.queued(
      key,
      async () => {
        const outcome = await this.readComputeWrite(key, compute, deadline);
        if (outcome.replayed) throw new Error('unreachable: no activity id, nothing to replay');
        return outcome.result;
      },
      deadline,
    );
  }

  /**
   * A turn for one activity, applied at most once per conversation: when `activityId` was answered in the
   * conversation within REMEMBERED_FOR_MS (here or on another instance), nothing is computed or written and the
   * replies it got are returned; otherwise the turn is applied as by `update`, and its replies stored with the record.
   */
  async applyOnce<R extends StoreUpdate>(
    key: string,
    activityId: string | undefined,
    compute: (record: ConversationRecord | undefined) => R,
    replies: (result: R) => RememberedReplies,
  ): Promise<OnceResult<R>> {
    const deadline = this.turnDeadline();
    return this.queued(key, () => this.readComputeWrite(key, compute, deadline, activityId ? { digest: activityDigest(activityId), replies } : undefined), deadline);
  }

  /**
   * Deletes the stored answers of conversations this process served that have been idle past the expiry, so
   * answers are kept for no longer than that (plus one sweep interval). Each is re-read first, in its queue, and
   * kept if another turn (here or on another instance) has touched it since; it is deleted only as the version that
   * was read (If-Match), so a turn written between the read and the delete is never deleted. Returns how many were.
   */
  async deleteIdle(now: Date, idleTimeoutMs: number): Promise<number> {
    let deleted = 0;
    for (const [key, lastTurn] of [...this.lastTurnAt]) {
      if (now.getTime() - lastTurn <= idleTimeoutMs) continue;
      const deadline = this.turnDeadline();
      await this.queued(
        key,
        async () => {
          const item = (await this.call('read', (options) => this.storage.read([key], options), deadline))[key] as StoredItem | undefined;
          if (item?.record && !isIdle(item.record, { now, idleTimeoutMs })) {
            this.lastTurnAt.set(key, Date.parse(item.record.lastActiveAt));
            return;
          }
          if (item) {
            const storage = this.storage;
            const gone = hasConditionalDelete(storage) && item.eTag
              ? await this.call('delete', (options) => storage.deleteIfMatch(key, item.eTag!, options), deadline)
              : await this.call('delete', (options) => this.storage.delete([key], options), deadline).then(() => true);
            // Written since it was read: a turn came in, so the conversation is not idle; the next sweep looks again.
            if (!gone) return;
            deleted++;
            if (item.record) this.tell('idleExpired', item.record);
          }
          this.lastTurnAt.delete(key);
        },
        deadline,
      );
    }
    return deleted;
  }

  /**
   * Runs `work` after the conversation's earlier turns in this process. Waiting counts against the turn's deadline:
   * behind a turn stuck on storage, a later turn fails at its own deadline rather than waiting on.
   */
  private async queued<T>(key: string, work: () => Promise<T>, deadline: number): Promise<T> {
    const previous = this.queues.get(key);
    if (!previous) {
      // Nothing ahead in the queue (most turns): the run starts now, each of its calls with its own deadline, and
      // leaves the queue as soon as it has settled.
      if (Date.now() >= deadline) throw new StorageUnavailableError('queue', 'timeout');
      const run = work();
      this.queues.set(key, run);
      try {
        return await run;
      } finally {
        if (this.queues.get(key) === run) this.queues.delete(key);
      }
    }
    const run = previous
      .catch(() => undefined)
      .then(() => {
        if (Date.now() >= deadline) throw new StorageUnavailableError('queue', 'timeout');
        return work();
      });
    this.queues.set(key, run);
    let timer: NodeJS.Timeout | undefined;
    // Waiting behind another turn: given up on at the turn's deadline.
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageUnavailableError('queue', 'timeout')), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([run, waited]);
    } finally {
      clearTimeout(timer);
      if (this.queues.get(key) === run) {
        // A run given up on is left to finish (its own deadline ends it); the next turn still waits for it.
        void run.catch(() => undefined).finally(() => {
          if (this.queues.get(key) === run) this.queues.delete(key);
        });
      }
    }
  }

  /** Deletes a conversation (Start again from the page, a reset after a failed turn), within one call's deadline. */
  async delete(key: string): Promise<void> {
    this.lastTurnAt.delete(key);
    await this.call('delete', (options) => this.storage.delete([key], options), Date.now() + this.deadlines.callTimeoutMs);
  }

  private async readComputeWrite<R extends StoreUpdate>(
    key: string,
    compute: (record: ConversationRecord | undefined) => R,
    deadline: number,
    once?: { digest: string; replies: (result: R) => RememberedReplies },
  ): Promise<OnceResult<R>> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const items = await this.call('read', (options) => this.storage.read([key], options), deadline);
      const item = items[key] as StoredItem | undefined;
      const now = Date.now();
      const answered = stillRemembered(item?.answered, now);
      if (once) {
        const seen = answered.find((entry) => entry.activity === once.digest);
        if (seen) return { replayed: true, replies: { messages: seen.messages, ...(seen.language ? { language: seen.language } : {}) } };
      }
      const result = compute(item?.record);
      if (!result.changed) return { replayed: false, result };
      try {
        if (once) {
          const { messages, language } = once.replies(result);
          answered.push({ activity: once.digest, at: now, messages, ...(language ? { language } : {}) });
        }
        // A new item is written with no eTag (create-only); an existing one only over the version that was read.
        const next: StoredItem = {
          record: result.record,
          ...(answered.length ? { answered: answered.slice(-REMEMBERED_ACTIVITIES) } : {}),
          ...(item?.eTag ? { eTag: item.eTag } : {}),
        };
        await this.call('write', (options) => this.storage.write({ [key]: next }, options), deadline, isStorageConflict);
        this.lastTurnAt.set(key, Date.parse(result.record.lastActiveAt));
        return { replayed: false, result };
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        this.tell('conflict');
        if (attempt < MAX_WRITE_ATTEMPTS) await backoff(attempt);
      }
    }
    throw new ConversationConflictError(`Conversation state kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
  }
}
