import type { Storage, StoreItem } from 'botbuilder';
import type { ConversationRecord, TurnResult } from '../dialogs/turn';

interface StoredItem extends StoreItem {
  record: ConversationRecord;
}

export class ConversationConflictError extends Error {}

/** How many times a turn is recomputed when another instance wrote the same conversation first. */
export const MAX_WRITE_ATTEMPTS = 5;

function isConflict(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return /etag|precondition|conflict/i.test(text) || (error as { statusCode?: number })?.statusCode === 412;
}

/**
 * Conversation state as read–compute–write with the stored eTag, retried on conflict, so two quick clicks (or two
 * instances) can neither lose nor double a step. Turns of one conversation are also queued in this process, so
 * a second message while the first is in flight waits its turn instead of racing it.
 */
export class ConversationStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly storage: Storage) {}

  async update(key: string, compute: (record: ConversationRecord | undefined) => TurnResult): Promise<TurnResult> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.readComputeWrite(key, compute));
    this.queues.set(key, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === run) this.queues.delete(key);
    }
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete([key]);
  }

  private async readComputeWrite(
    key: string,
    compute: (record: ConversationRecord | undefined) => TurnResult,
  ): Promise<TurnResult> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const items = await this.storage.read([key]);
      const item = items[key] as StoredItem | undefined;
      const result = compute(item?.record);
      if (!result.changed) return result;
      try {
        // A new item is written with no eTag; an existing one only over the version that was read.
        const next: StoredItem = { record: result.record, ...(item?.eTag ? { eTag: item.eTag } : {}) };
        await this.storage.write({ [key]: next });
        return result;
      } catch (error) {
        if (!isConflict(error) || attempt === MAX_WRITE_ATTEMPTS) throw error;
      }
    }
    throw new ConversationConflictError(`Conversation state kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
  }
}
