import { MemoryStorage } from 'botbuilder';
import { ConversationStore } from '../../bots/conversationStore';
import { runTurn } from '../../dialogs/turn';

const THIRTY_MINUTES = 30 * 60_000;

function at(minutes: number): Date {
  return new Date(Date.UTC(2026, 10, 18, 10, minutes));
}

async function turn(store: ConversationStore, key: string, now: Date, text: string) {
  return store.update(key, (record) => runTurn(record, { kind: 'message', text }, { now }));
}

describe('idle conversations are deleted, not just restarted', () => {
  test('answers idle past the expiry are deleted; recent ones are kept', async () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    await turn(store, 'idle', at(0), 'hi');
    await turn(store, 'idle', at(1), 'yes');
    await turn(store, 'recent', at(20), 'hi');

    expect(await store.deleteIdle(at(25), THIRTY_MINUTES)).toBe(0);
    expect(await store.deleteIdle(at(32), THIRTY_MINUTES)).toBe(1);
    expect(await storage.read(['idle'])).toEqual({});
    expect(Object.keys(await storage.read(['recent']))).toEqual(['recent']);

    // A deleted conversation that comes back starts afresh, greeted again.
    const back = await turn(store, 'idle', at(40), 'yes');
    expect(back.messages[0].text).toMatch(/^Hello/);
  });

  test('a conversation another instance has used since is kept', async () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    const otherInstance = new ConversationStore(storage);
    await turn(store, 'shared', at(0), 'hi');
    await turn(otherInstance, 'shared', at(29), 'no');
    expect(await store.deleteIdle(at(31), THIRTY_MINUTES)).toBe(0);
    expect(Object.keys(await storage.read(['shared']))).toEqual(['shared']);
    expect(await store.deleteIdle(at(60), THIRTY_MINUTES)).toBe(1);
  });
});

describe('every storage call has a deadline, with or without an abort signal', () => {
  /** Memory storage whose reads never answer; `signals` holds the abort signal each read asked for (if it asked). */
  class HangingStorage extends MemoryStorage {
    signals: AbortSignal[] = [];
    constructor(private readonly asks: 'at once' | 'late' | 'never') {
      super();
    }

    override read(_keys: string[], options?: { abortSignal?: AbortSignal }): Promise<never> {
      if (this.asks === 'at once') this.signals.push(options!.abortSignal!);
      if (this.asks === 'late') setTimeout(() => this.signals.push(options!.abortSignal!), 120);
      return new Promise<never>(() => undefined);
    }
  }

  test.each(['at once', 'never'] as const)('a read that hangs (signal asked for %s) fails as storage unavailable at the call deadline', async (asks) => {
    const storage = new HangingStorage(asks);
    const errors: string[] = [];
    const store = new ConversationStore(storage, { storageError: (operation) => errors.push(operation) }, { callTimeoutMs: 40, turnBudgetMs: 1_000 });
    const started = performance.now();
    await expect(turn(store, 'hung', at(0), 'hi')).rejects.toMatchObject({ name: 'StorageUnavailableError', operation: 'read', code: 'ETIMEDOUT' });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(35);
    expect(elapsed).toBeLessThan(900);
    expect(errors).toEqual(['read']);
    // A storage that takes the signal sees it aborted at the deadline; one that never asks was never given one.
    expect(storage.signals.map((signal) => signal.aborted)).toEqual(asks === 'at once' ? [true] : []);
  });

  test('a signal asked for after the deadline comes already aborted', async () => {
    const storage = new HangingStorage('late');
    const store = new ConversationStore(storage, {}, { callTimeoutMs: 30, turnBudgetMs: 1_000 });
    await expect(turn(store, 'late', at(0), 'hi')).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(storage.signals).toHaveLength(1);
    expect(storage.signals[0].aborted).toBe(true);
  });

  test('a storage call that answers in time keeps its signal unaborted and counts no error', async () => {
    const signals: AbortSignal[] = [];
    class SignalReading extends MemoryStorage {
      override read(keys: string[], options?: { abortSignal?: AbortSignal }) {
        signals.push(options!.abortSignal!);
        return super.read(keys);
      }
    }
    const errors: string[] = [];
    const store = new ConversationStore(new SignalReading(), { storageError: (operation) => errors.push(operation) }, { callTimeoutMs: 40 });
    await turn(store, 'quick', at(0), 'hi');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('an activity answered before is recognised by its stored digest', () => {
  test('a digest stored by an earlier version (createHash) still matches: the retry gets the same replies, nothing applied', async () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    const compute = (text: string) => (record: Parameters<Parameters<ConversationStore['update']>[1]>[0]) => runTurn(record, { kind: 'message', text }, { now: at(0) });
    const replies = (result: ReturnType<typeof runTurn>) => ({ messages: result.messages });
    const first = await store.applyOnce('c', 'activity-1|ü', compute('no'), replies);
    if (first.replayed) throw new Error('the first delivery must be applied');
    // The digest stored is the one the earlier version (createHash) made of the same id, so either reads the other's.
    const stored = (await storage.read(['c'])).c as { answered: Array<{ activity: string }> };
    const { createHash } = await import('node:crypto');
    const earlier = createHash('sha256').update('activity-1|ü', 'utf8').digest('base64url').slice(0, 22);
    expect(stored.answered[0].activity).toBe(earlier);
    const again = await store.applyOnce('c', 'activity-1|ü', compute('yes'), replies);
    expect(again).toMatchObject({ replayed: true, replies: { messages: first.result.messages } });
  });
});
