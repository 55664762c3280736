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
