import { RestError } from '@azure/storage-blob';
import { MemoryStorage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ConversationStore, MAX_WRITE_ATTEMPTS } from '../../bots/conversationStore';
import {
  BlobConversationStorage,
  MemoryConversationStorage,
  StorageConfigurationError,
  StorageConflictError,
  blobNameFor,
  createStorage,
  isStorageConflict,
} from '../../bots/storage';
import { runTurn, type ConversationRecord } from '../../dialogs/turn';
import { startAzurite, type Azurite } from './support/azurite';

/** The storage rules of bots/storage.ts, against Azurite and in memory, and the conversation store on top. */

let azurite: Azurite;
let containerCounter = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);

afterAll(async () => {
  await azurite?.stop();
});

function blobStorage(): BlobConversationStorage {
  return new BlobConversationStorage(azurite.connectionString, `storage-test-${++containerCounter}`);
}

describe('createStorage(env)', () => {
  test('memory by default', () => {
    expect(createStorage({})).toBeInstanceOf(MemoryConversationStorage);
  });

  test('Azure Blob storage when both variables are set', () => {
    expect(createStorage(azurite.env('conversations'))).toBeInstanceOf(BlobConversationStorage);
  });

  test.each([
    [{ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, /AZURE_STORAGE_CONTAINER/],
    [{ AZURE_STORAGE_CONTAINER: 'conversations' }, /AZURE_STORAGE_CONNECTION_STRING/],
    [{ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'Bad_Name' }, /3–63 lowercase/],
    [{ AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=SECRETKEY;nonsense', AZURE_STORAGE_CONTAINER: 'conversations' }, /not a valid/],
  ])('a half or bad configuration stops start-up with a message naming the variable (%#)', (env, message) => {
    let thrown: unknown;
    try {
      createStorage(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StorageConfigurationError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('SECRETKEY');
  });

  test('the storage never serialises its account key', () => {
    expect(JSON.stringify(createStorage(azurite.env('conversations')))).not.toContain('AccountKey');
  });
});

describe.each([
  ['Azure Blob storage (Azurite)', () => blobStorage()],
  ['memory', () => new MemoryConversationStorage()],
])('%s: the write rule', (_name, make) => {
  test('a missing key reads as nothing; a write with no eTag creates; a second create is a 409 conflict', async () => {
    const storage = make();
    expect(await storage.read(['a/b'])).toEqual({});
    await storage.write({ 'a/b': { n: 1 } });
    const read = await storage.read(['a/b']);
    expect(read['a/b']).toMatchObject({ n: 1 });
    expect(typeof read['a/b'].eTag).toBe('string');
    const error = await storage.write({ 'a/b': { n: 2 } }).catch((e) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error.statusCode).toBe(409);
    expect((await storage.read(['a/b']))['a/b']).toMatchObject({ n: 1 });
  });

  test('a write with the eTag that was read succeeds once; the stale eTag is then a 412 conflict', async () => {
    const storage = make();
    await storage.write({ k: { n: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { n: 2, eTag: k.eTag } });
    const error = await storage.write({ k: { n: 3, eTag: k.eTag } }).catch((e) => e);
    expect(isStorageConflict(error)).toBe(true);
    expect((await storage.read(['k'])).k).toMatchObject({ n: 2 });
  });

  test('eTag "*" overwrites; delete removes, and deleting a missing key is fine', async () => {
    const storage = make();
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 5, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ n: 5 });
    await storage.delete(['k', 'never-written']);
    expect(await storage.read(['k'])).toEqual({});
  });

  test('non-ASCII text round-trips', async () => {
    const storage = make();
    const value = { place: 'Ynys Môn — Llanfairpwll 🏴', quote: '“x”' };
    await storage.write({ 'msteams/conversations/a:b;messageid=1': value });
    expect((await storage.read(['msteams/conversations/a:b;messageid=1']))['msteams/conversations/a:b;messageid=1']).toMatchObject(value);
  });

  test('deleteIfMatch deletes only the version it names: a stale eTag or a missing key deletes nothing', async () => {
    const storage = make();
    await storage.write({ k: { n: 1 } });
    const { k: first } = await storage.read(['k']);
    await storage.write({ k: { n: 2, eTag: first.eTag } });
    expect(await storage.deleteIfMatch('k', first.eTag!)).toBe(false);
    const { k: second } = await storage.read(['k']);
    expect(second).toMatchObject({ n: 2 });
    expect(await storage.deleteIfMatch('k', second.eTag!)).toBe(true);
    expect(await storage.read(['k'])).toEqual({});
    expect(await storage.deleteIfMatch('k', second.eTag!)).toBe(false);
  });

  test('ten simultaneous first writes of one key: exactly one creates it', async () => {
    const storage = make();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => storage.write({ race: { n } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(isStorageConflict(r.reason)).toBe(true);
  });
});

test('Blob storage calls honour an abort signal: an aborted call fails at once and stores nothing', async () => {
  const storage = blobStorage();
  const aborted = AbortSignal.abort();
  await expect(storage.write({ k: { n: 1 } }, { abortSignal: aborted })).rejects.toBeDefined();
  await expect(storage.read(['k'], { abortSignal: aborted })).rejects.toBeDefined();
  expect(await storage.read(['k'])).toEqual({});
});

describe('why not botbuilder-azure-blobs BlobsStorage as it is (4.23)', () => {
  test('it lets simultaneous first writes all "succeed": all but one creation are silently lost', async () => {
    const stock = new BlobsStorage(azurite.connectionString, `stock-${++containerCounter}`);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, n) => stock.write({ race: { n } })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  test('ours writes the same blob names and JSON, so each reads what the other wrote', async () => {
    const container = `shared-${++containerCounter}`;
    const stock = new BlobsStorage(azurite.connectionString, container);
    const ours = new BlobConversationStorage(azurite.connectionString, container);
    await stock.write({ 'test/conversations/x': { n: 1 } });
    expect((await ours.read(['test/conversations/x']))['test/conversations/x']).toMatchObject({ n: 1 });
    await ours.write({ 'test/conversations/y': { n: 2 } });
    expect((await stock.read(['test/conversations/y']))['test/conversations/y']).toMatchObject({ n: 2 });
    expect(blobNameFor('a//b/c')).toBe('a%2Fb%2Fc');
  });
});

describe('isStorageConflict is exact', () => {
  test.each([
    { name: 'ours, 409', error: new StorageConflictError('k', 409), conflict: true },
    { name: 'ours, 412', error: new StorageConflictError('k', 412), conflict: true },
    { name: 'MemoryStorage / BlobsStorage eTag mismatch', error: new Error('Storage: error writing "a/b" due to eTag conflict.'), conflict: true },
    { name: 'Azure 412 ConditionNotMet', error: new RestError('x', { statusCode: 412, code: 'ConditionNotMet' }), conflict: true },
    { name: 'Azure 409 BlobAlreadyExists', error: new RestError('x', { statusCode: 409, code: 'BlobAlreadyExists' }), conflict: true },
    { name: 'Azure 409 ContainerBeingDeleted', error: new RestError('x', { statusCode: 409, code: 'ContainerBeingDeleted' }), conflict: false },
    { name: 'Azure 503 ServerBusy', error: new RestError('x', { statusCode: 503, code: 'ServerBusy' }), conflict: false },
    { name: 'Azure 403 AuthenticationFailed', error: new RestError('x', { statusCode: 403, code: 'AuthenticationFailed' }), conflict: false },
    { name: 'a network error', error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), conflict: false },
    { name: 'an error that merely mentions a conflict', error: new Error('conflict in etag precondition handling'), conflict: false },
    { name: 'a string, not an error', error: 'Storage: error writing "a" due to eTag conflict.', conflict: false },
  ])('$name → $conflict', ({ error, conflict }) => {
    expect(isStorageConflict(error)).toBe(conflict);
  });

  test('memory: the stored eTag is the item\'s own wherever look-alikes sit in its JSON', async () => {
    const storage = new MemoryConversationStorage();
    const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
    // Look-alikes nested or inside text, at the end of the JSON, must not pass for the stored eTag.
    await storage.write({ k: { text: 'ends with ","eTag":"999"}', nested: { eTag: '999' } } });
    const { k } = await storage.read(['k']);
    for (const stale of ['999', '0', 'x']) expect(isStorageConflict(await storage.write({ k: { n: 1, eTag: stale } }).catch((e) => e))).toBe(true);
    await storage.write({ k: { n: 2, nested: { eTag: k.eTag }, eTag: k.eTag } });
    // Stored by other code with the eTag first: still its own eTag.
    memory.j = JSON.stringify({ eTag: '41', n: 1, inner: { eTag: '40' } });
    expect(isStorageConflict(await storage.write({ j: { n: 2, eTag: '40' } }).catch((e) => e))).toBe(true);
    await storage.write({ j: { n: 3, eTag: '41' } });
    expect((await storage.read(['j'])).j).toMatchObject({ n: 3 });
  });

  test('plain MemoryStorage really throws the shape we recognise', async () => {
    const storage = new MemoryStorage();
    await storage.write({ k: { n: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { n: 2, eTag: k.eTag } });
    const error = await storage.write({ k: { n: 3, eTag: k.eTag } }).catch((e) => e);
    expect(isStorageConflict(error)).toBe(true);
  });
});

describe('ConversationStore on shared storage (two instances)', () => {
  const now = new Date('2026-11-18T10:30:00Z');
  const miss = (record: ConversationRecord | undefined) => runTurn(record, { kind: 'message', text: 'zxqv blorp' }, { now });

  test.each([
    ['Azure Blob storage (Azurite)', () => blobStorage()],
    ['memory', () => new MemoryConversationStorage()],
  ])('%s: 20 simultaneous turns over two stores are all applied, once each', async (_name, make) => {
    const storage = make();
    const instances = [new ConversationStore(storage), new ConversationStore(storage)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => instances[n % 2].update('c', miss)));
    // The first turn to be written greets (a new conversation); every other one is a miss at the first question.
    expect(results.filter((r) => r.record.misses === 0)).toHaveLength(1);
    expect(results.map((r) => r.record.misses).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    const stored = (await storage.read(['c'])).c as { record: ConversationRecord };
    expect(stored.record.misses).toBe(19);
  });

  test('only conflicts are retried; any other write failure fails the turn at once (so no replies go out)', async () => {
    const storage = new MemoryConversationStorage();
    let writes = 0;
    storage.write = async () => {
      writes++;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    await expect(new ConversationStore(storage).update('c', miss)).rejects.toThrow('ECONNREFUSED');
    expect(writes).toBe(1);
  });

  test('a conflict on every try gives up after MAX_WRITE_ATTEMPTS with an error, not a result', async () => {
    const storage = new MemoryConversationStorage();
    let writes = 0;
    storage.write = async () => {
      writes++;
      throw new StorageConflictError('c', 412);
    };
    await expect(new ConversationStore(storage).update('c', miss)).rejects.toThrow(/kept changing/);
    expect(writes).toBe(MAX_WRITE_ATTEMPTS);
  });
});

describe('a storage outage', () => {
  test('reads and probes fail (not as conflicts) while storage is down; everything works again once it is back', async () => {
    const local = await startAzurite();
    const options = { pipeline: { retryOptions: { maxTries: 1, tryTimeoutInMs: 2_000 } } };
    try {
      const running = new BlobConversationStorage(local.connectionString, 'outage', options);
      await running.write({ k: { n: 1 } });
      await local.stop();
      const readError = await running.read(['k']).catch((e) => e);
      expect(readError).toBeInstanceOf(Error);
      expect(isStorageConflict(readError)).toBe(false);
      await expect(running.probe()).rejects.toBeTruthy();
      // A storage first used while the account is down: its container can't be created yet.
      const late = new BlobConversationStorage(local.connectionString, 'late', options);
      await expect(late.write({ k: { n: 1 } })).rejects.toBeTruthy();

      const port = local.port;
      await local.restart(); // in memory: comes back empty, containers gone
      expect(local.port).toBe(port);
      await running.probe();
      await running.write({ k: { n: 2 } }); // the container it had is gone: created again
      expect((await running.read(['k'])).k).toMatchObject({ n: 2 });
      await late.write({ k: { n: 1 } }); // the failed creation was not remembered
      expect((await late.read(['k'])).k).toMatchObject({ n: 1 });
    } finally {
      await local.stop();
    }
  }, 60_000);
});
