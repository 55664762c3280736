import { MemoryStorage } from 'botbuilder';
import { ConversationStore, type ConversationStoreEvents } from '../../bots/conversationStore';
import { StorageConflictError } from '../../bots/storage';
import { runTurn, type ConversationRecord } from '../../dialogs/turn';
import { stateOf } from '../../server/observe';

/** What the conversation store tells the metrics: idle expiry (with the record), conflicts, storage errors. */

const THIRTY_MINUTES = 30 * 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 18, 10, minutes));

function recorder() {
  const seen: string[] = [];
  const events: ConversationStoreEvents = {
    idleExpired: (record: ConversationRecord) => seen.push(`idle:${stateOf(record)}`),
    conflict: () => seen.push('conflict'),
    storageError: (operation) => seen.push(`error:${operation}`),
  };
  return { seen, events };
}

const turn = (store: ConversationStore, key: string, now: Date, text: string) =>
  store.update(key, (record) => runTurn(record, { kind: 'message', text }, { now }));

test('the idle sweep reports each deleted conversation with its record; kept ones are not reported', async () => {
  const { seen, events } = recorder();
  const store = new ConversationStore(new MemoryStorage(), events);
  await turn(store, 'a', at(0), 'hi');
  await turn(store, 'a', at(1), 'no');
  await turn(store, 'b', at(20), 'hi');
  expect(await store.deleteIdle(at(32), THIRTY_MINUTES)).toBe(1);
  expect(seen).toEqual(['idle:audience']);
});

test('conflicts are reported once each; failures by operation; a conflict is not a failure', async () => {
  const { seen, events } = recorder();
  const storage = new MemoryStorage();
  const store = new ConversationStore(storage, events);
  await turn(store, 'c', at(0), 'hi');
  const write = storage.write.bind(storage);
  let conflicts = 3;
  storage.write = async (changes) => {
    if (conflicts-- > 0) throw new StorageConflictError('key', 412);
    return write(changes);
  };
  await turn(store, 'c', at(1), 'yes');
  expect(seen).toEqual(['conflict', 'conflict', 'conflict']);

  seen.length = 0;
  storage.read = async () => {
    throw new Error('down');
  };
  await expect(turn(store, 'c', at(2), 'business')).rejects.toThrow('down');
  storage.delete = async () => {
    throw new Error('down');
  };
  await expect(store.delete('c')).rejects.toThrow('down');
  expect(seen).toEqual(['error:read', 'error:delete']);
});

test('a listener that throws never breaks a turn', async () => {
  const storage = new MemoryStorage();
  const write = storage.write.bind(storage);
  let conflicts = 1;
  storage.write = async (changes) => {
    if (conflicts-- > 0) throw new StorageConflictError('key', 412);
    return write(changes);
  };
  const store = new ConversationStore(storage, {
    conflict: () => {
      throw new Error('listener failed');
    },
    idleExpired: () => {
      throw new Error('listener failed');
    },
  });
  const result = await turn(store, 'd', at(0), 'hi');
  expect(result.changed).toBe(true);
  expect(await store.deleteIdle(at(40), THIRTY_MINUTES)).toBe(1);
});
