import type { Storage, StoreItem } from 'botbuilder';
import { isIdle, type ConversationRecord } from '../dialogs/turn';
import { isStorageConflict } from './storage';

/** What a computation hands back to be written: the next record, and whether anything needs writing. */
export interface StoreUpdate {
  record: ConversationRecord;
  changed: boolean;
}

interface StoredItem extends StoreItem {
  record: ConversationRecord;
}

/** A turn could not be written after {@link MAX_WRITE_ATTEMPTS} tries: its replies must not be sent. */
export class ConversationConflictError extends Error {
  override readonly name = 'ConversationConflictError';
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
  /** A storage call failed (not a conflict). */
  storageError?(operation: 'read' | 'write' | 'delete'): void;
}

/** How many times a turn is recomputed when another instance wrote the same conversation first. */
export const MAX_WRITE_ATTEMPTS = 8;

/** A short random pause before recomputing, so two instances that collided don't collide again in step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.floor(Math.random() * 10 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Conversation state as read–compute–write with the stored eTag, retried on conflict, so two quick clicks (or two
 * instances) can neither lose nor double a step:
 * - an existing record is written with the eTag it was read with (If-Match): if another writer got there first
 *   the write fails as a conflict, and the turn is computed again from the newer record;
 * - a new conversation's first record is written with no eTag, which the storages of `bots/storage.ts` treat as
 *   create-only (If-None-Match: *): two instances starting the same conversation cannot both create it;
 * - only errors that mean "someone else wrote first" ({@link isStorageConflict}) are retried; anything else
 *   (storage down) fails the turn at once;
 * - the caller sends a turn's replies only after `update` resolved, i.e. after its write succeeded.
 * Turns of one conversation are also queued in this process, so a second message while the first is in flight
 * waits its turn instead of racing it.
 */
export class ConversationStore {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Conversations this process has written, with the time of their last turn: what the idle sweep looks at. */
  private readonly lastTurnAt = new Map<string, number>();

  constructor(
    private readonly storage: Storage,
    private readonly events: ConversationStoreEvents = {},
  ) {}

  private tell<K extends keyof ConversationStoreEvents>(event: K, ...args: Parameters<NonNullable<ConversationStoreEvents[K]>>): void {
    try {
      (this.events[event] as ((...values: typeof args) => void) | undefined)?.(...args);
    } catch {
      // counting never breaks a turn
    }
  }

  /** A storage call, with its failure counted. */
  private async call<T>(operation: 'read' | 'write' | 'delete', work: () => Promise<T>, isExpected: (error: unknown) => boolean = () => false): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isExpected(error)) this.tell('storageError', operation);
      throw error;
    }
  }

  async update<R extends StoreUpdate>(key: string, compute: (record: ConversationRecord | undefined) => R): Promise<R> {
    return this.queued(key, async () => {
      const result = await this.readComputeWrite(key, compute);
      if (result.changed) this.lastTurnAt.set(key, Date.parse(result.record.lastActiveAt));
      return result;
    });
  }

  /**
   * Deletes the stored answers of conversations this process served that have been idle past the expiry, so
   * answers are kept for no longer than that (plus one sweep interval). Each is re-read first, in its queue, and
   * kept if another turn (here or on another instance) has touched it since. Returns how many were deleted.
   */
  async deleteIdle(now: Date, idleTimeoutMs: number): Promise<number> {
    let deleted = 0;
    for (const [key, lastTurn] of [...this.lastTurnAt]) {
      if (now.getTime() - lastTurn <= idleTimeoutMs) continue;
      await this.queued(key, async () => {
        const item = (await this.call('read', () => this.storage.read([key])))[key] as StoredItem | undefined;
        if (item?.record && !isIdle(item.record, { now, idleTimeoutMs })) {
          this.lastTurnAt.set(key, Date.parse(item.record.lastActiveAt));
          return;
        }
        if (item) {
          await this.call('delete', () => this.storage.delete([key]));
          deleted++;
          if (item.record) this.tell('idleExpired', item.record);
        }
        this.lastTurnAt.delete(key);
      });
    }
    return deleted;
  }

  private async queued<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(key, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === run) this.queues.delete(key);
    }
  }

  async delete(key: string): Promise<void> {
    this.lastTurnAt.delete(key);
    await this.call('delete', () => this.storage.delete([key]));
  }

  private async readComputeWrite<R extends StoreUpdate>(
    key: string,
    compute: (record: ConversationRecord | undefined) => R,
  ): Promise<R> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const items = await this.call('read', () => this.storage.read([key]));
      const item = items[key] as StoredItem | undefined;
      const result = compute(item?.record);
      if (!result.changed) return result;
      try {
        // A new item is written with no eTag (create-only); an existing one only over the version that was read.
        const next: StoredItem = { record: result.record, ...(item?.eTag ? { eTag: item.eTag } : {}) };
        await this.call('write', () => this.storage.write({ [key]: next }), isStorageConflict);
        return result;
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        this.tell('conflict');
        if (attempt < MAX_WRITE_ATTEMPTS) await backoff(attempt);
      }
    }
    throw new ConversationConflictError(`Conversation state kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
  }
}
