import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';

/** The Azure SDK is loaded only when Blob storage is configured (it adds ~0.1 s to every start otherwise). */
function azureBlobSdk(): typeof import('@azure/storage-blob') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@azure/storage-blob');
}

/** An error from the Azure SDK (its RestError), recognised without loading the SDK. */
interface AzureRestError extends Error {
  statusCode?: number;
  code?: string;
  details?: unknown;
}

function asAzureError(error: unknown): AzureRestError | undefined {
  // By shape, not instanceof: an error may come from another realm (a jest sandbox, a second copy of the SDK).
  return typeof error === 'object' && error !== null && (error as Error).name === 'RestError' ? (error as AzureRestError) : undefined;
}

/**
 * Where conversation state lives: in memory by default (one instance, lost on restart), or in an Azure Blob
 * Storage container when AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_CONTAINER are set (survives restarts,
 * shared by every instance).
 *
 * Both backends follow one write rule, which the conversation store relies on for "no lost or doubled step":
 * - an item written with the eTag it was read with replaces the stored item only if that is still the stored
 *   version (If-Match), else the write fails with a {@link StorageConflictError} (412);
 * - an item written with NO eTag is created only if nothing is stored under its key yet (If-None-Match: *), else
 *   the write fails with a {@link StorageConflictError} (409). So two instances starting the same conversation at
 *   once cannot both "create" it;
 * - eTag "*" overwrites unconditionally (what botbuilder's ConversationState does; this bot never does it).
 */

/** A write lost a race: another writer changed (412) or created (409) the item first. Recompute and retry. */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
  constructor(
    readonly key: string,
    readonly statusCode: 409 | 412,
  ) {
    super(statusCode === 409 ? 'Storage: the item was created by another writer first.' : 'Storage: the item changed since it was read (eTag mismatch).');
  }
}

/** The message botbuilder's MemoryStorage and botbuilder-azure-blobs' BlobsStorage throw on an eTag mismatch. */
const BOTBUILDER_ETAG_CONFLICT = /^Storage: error writing ".*" due to eTag conflict\.$/s;

/**
 * True for exactly the errors that mean "someone else wrote first": ours, the Azure SDK's own 412 ConditionNotMet
 * and 409 BlobAlreadyExists, and the plain Error botbuilder's MemoryStorage / BlobsStorage throw on a mismatch.
 * Anything else (network, auth, throttling) is not a conflict and must not be retried as one.
 */
export function isStorageConflict(error: unknown): boolean {
  if (error instanceof StorageConflictError || (error as Error | undefined)?.name === 'StorageConflictError') return true;
  const azure = asAzureError(error);
  if (azure) {
    const code = azure.code ?? (azure.details as { errorCode?: string } | undefined)?.errorCode;
    return (azure.statusCode === 412 && code !== 'LeaseIdMismatchWithBlobOperation') || (azure.statusCode === 409 && code === 'BlobAlreadyExists');
  }
  const message = typeof error === 'object' && error !== null ? (error as Error).message : undefined;
  return typeof message === 'string' && BOTBUILDER_ETAG_CONFLICT.test(message);
}

/**
 * What a storage call may be given: the signal that abandons it (the conversation store's deadline, see
 * bots/conversationStore.ts). A storage that cannot be aborted is still given up on at the deadline.
 */
export interface StorageCallOptions {
  abortSignal?: AbortSignal;
}

/** A storage that can tell cheaply whether its backend answers (for GET /readyz and /healthz). */
export interface ProbedStorage extends Storage {
  read(keys: string[], options?: StorageCallOptions): Promise<StoreItems>;
  write(changes: StoreItems, options?: StorageCallOptions): Promise<void>;
  delete(keys: string[], options?: StorageCallOptions): Promise<void>;
  probe(signal?: AbortSignal): Promise<void>;
  /**
   * Deletes `key` only if what is stored is still the version `eTag` (If-Match): false, and nothing deleted, when it
   * changed or is gone. The idle sweep deletes this way, so a turn written since it looked is never deleted.
   */
  deleteIfMatch(key: string, eTag: string, options?: StorageCallOptions): Promise<boolean>;
}

export function hasProbe(storage: Storage): storage is ProbedStorage {
  return typeof (storage as Partial<ProbedStorage>).probe === 'function';
}

export function hasConditionalDelete(storage: Storage): storage is Storage & Pick<ProbedStorage, 'deleteIfMatch'> {
  return typeof (storage as Partial<ProbedStorage>).deleteIfMatch === 'function';
}

/** The eTag MemoryStorage stored with an item, when it is the JSON's last member (as every item written here has it). */
const TRAILING_ETAG = /[{,]"eTag":"(\d+)"\}$/;

/**
 * The eTag of an item as MemoryStorage holds it (its JSON). Read from the end of the JSON when it is the last member,
 * without parsing the rest: in valid JSON `,"eTag":"7"}` at the very end can only be the top-level object's last
 * member (a quote inside a string is escaped, and a nested object's end is followed by another brace).
 */
function storedETag(json: string): unknown {
  const trailing = TRAILING_ETAG.exec(json.slice(-40));
  return trailing ? trailing[1] : (JSON.parse(json) as { eTag?: unknown }).eTag;
}

/** MemoryStorage with the create-only rule for items written without an eTag (see the top of this file). */
export class MemoryConversationStorage extends MemoryStorage implements ProbedStorage {
  /**
   * MemoryStorage's write with the create-only rule, and the stored eTag read from the end of the stored JSON rather
   * than by parsing all of it again (what MemoryStorage does on every write over an eTag). The same rule otherwise:
   * an eTag that is not the stored one fails the write as MemoryStorage's conflict, "*" overwrites, and each item
   * written gets the next eTag, as the last member of its JSON.
   */
  override async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) {
      const eTag = (item as { eTag?: string } | undefined)?.eTag;
      if (!eTag && this.memory[key] !== undefined) throw new StorageConflictError(key, 409);
    }
    let conflict: Error | undefined;
    for (const key of Object.keys(changes)) {
      const item = changes[key] as { eTag?: string };
      const old = this.memory[key];
      if (old && item.eTag && item.eTag !== '*' && item.eTag !== storedETag(old)) {
        conflict ??= new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        continue;
      }
      this.memory[key] = JSON.stringify({ ...item, eTag: (this.etag++).toString() });
    }
    if (conflict) throw conflict;
  }

  async deleteIfMatch(key: string, eTag: string): Promise<boolean> {
    const stored = this.memory[key];
    if (stored === undefined || (JSON.parse(stored) as { eTag?: string }).eTag !== eTag) return false;
    delete this.memory[key];
    return true;
  }

  async probe(): Promise<void> {}
}

export interface BlobStorageOptions {
  /** Per-try timeout and retries of the Azure SDK. Kept short: a user is waiting on every read and write. */
  pipeline?: StoragePipelineOptions;
}

/**
 * The SDK's own retries: two tries at most, 1.5 s each (sent to the service as its timeout, and a client-side timeout
 * of the request), 50–200 ms apart. Whatever they add up to, the conversation store abandons every call at its own
 * deadline (an AbortSignal), so a storage that hangs costs a turn at most that.
 */
const DEFAULT_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 2, tryTimeoutInMs: 1_500, retryDelayInMs: 50, maxRetryDelayInMs: 200 },
};

/**
 * The blob name of a key: the same as botbuilder-azure-blobs' BlobsStorage uses (empty path segments dropped,
 * URI-encoded, at most 1024 characters), so the two read and write the same blobs.
 */
export function blobNameFor(key: string): string {
  if (!key) throw new Error('Storage: an empty key');
  const sanitized = key.split('/').reduce((acc, part, index) => (part ? [acc, part].join(index < 255 ? '/' : '') : acc));
  return encodeURIComponent(sanitized).slice(0, 1024);
}

function statusOf(error: unknown): number | undefined {
  return asAzureError(error)?.statusCode;
}

/**
 * Conversation state in an Azure Blob Storage container (or Azurite), one JSON blob per key, with the write rule
 * at the top of this file. Written on `@azure/storage-blob` rather than by using botbuilder-azure-blobs'
 * `BlobsStorage` as it is, because BlobsStorage 4.23:
 * - writes an item that has no eTag unconditionally, so two instances creating the same conversation at once both
 *   "succeed" and one creation is silently lost (there is no way to ask it for If-None-Match: *);
 * - caches a failed container creation for the life of the process, so a storage outage at start-up never heals;
 * - turns a 412 into a plain Error whose message is the only way to recognise it.
 * The blob names and JSON layout are the same as BlobsStorage's, so either can read what the other wrote.
 */
export class BlobConversationStorage implements ProbedStorage {
  private readonly container: ContainerClient;
  private containerReady?: Promise<unknown>;

  constructor(connectionString: string, containerName: string, options: BlobStorageOptions = {}) {
    this.container = new (azureBlobSdk().ContainerClient)(connectionString, containerName, { ...DEFAULT_PIPELINE, ...options.pipeline });
  }

  /** Never serialise the client (it holds the account key) into a log or a state dump. */
  toJSON() {
    return { name: 'BlobConversationStorage' };
  }

  async read(keys: string[], options: StorageCallOptions = {}): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        try {
          const response = await this.container.getBlobClient(blobNameFor(key)).download(0, undefined, { abortSignal: options.abortSignal });
          const body = await streamText(response.readableStreamBody);
          items[key] = { ...JSON.parse(body), eTag: response.etag };
        } catch (error) {
          // No blob, or no container yet: nothing stored under this key.
          if (statusOf(error) !== 404) throw error;
        }
      }),
    );
    return items;
  }

  async write(changes: StoreItems, options: StorageCallOptions = {}): Promise<void> {
    const abortSignal = options.abortSignal;
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...value } = (item ?? {}) as { eTag?: string };
        const body = JSON.stringify(value);
        const conditions = eTag === '*' ? {} : eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' };
        const upload = () =>
          this.container.getBlockBlobClient(blobNameFor(key)).upload(body, Buffer.byteLength(body), {
            conditions,
            blobHTTPHeaders: { blobContentType: 'application/json' },
            abortSignal,
          });
        try {
          await this.ensureContainer(abortSignal);
          await upload();
        } catch (error) {
          if (isStorageConflict(error)) throw new StorageConflictError(key, statusOf(error) === 409 ? 409 : 412);
          // The container was deleted under us: create it again once.
          if (asAzureError(error)?.code === 'ContainerNotFound') {
            this.containerReady = undefined;
            await this.ensureContainer(abortSignal);
            try {
              await upload();
            } catch (retryError) {
              if (isStorageConflict(retryError)) throw new StorageConflictError(key, statusOf(retryError) === 409 ? 409 : 412);
              throw retryError;
            }
            return;
          }
          throw error;
        }
      }),
    );
  }

  async delete(keys: string[], options: StorageCallOptions = {}): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        try {
          await this.container.deleteBlob(blobNameFor(key), { abortSignal: options.abortSignal });
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }),
    );
  }

  async deleteIfMatch(key: string, eTag: string, options: StorageCallOptions = {}): Promise<boolean> {
    try {
      await this.container.deleteBlob(blobNameFor(key), { conditions: { ifMatch: eTag }, abortSignal: options.abortSignal });
      return true;
    } catch (error) {
      // 412: written since it was read; 404: already gone. Either way, not deleted by us.
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** One cheap request to the account: does the container answer? A missing container is fine (made on first write). */
  async probe(signal?: AbortSignal): Promise<void> {
    try {
      await this.container.getProperties({ abortSignal: signal });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  /** Creates the container once; a failure is not remembered, so the next write tries again. */
  private ensureContainer(abortSignal?: AbortSignal): Promise<unknown> {
    if (!this.containerReady) {
      const ready = this.container.createIfNotExists({ abortSignal });
      this.containerReady = ready;
      ready.catch(() => {
        if (this.containerReady === ready) this.containerReady = undefined;
      });
    }
    return this.containerReady;
  }
}

async function streamText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A configuration the server cannot start with, named so the operator can fix it. */
export class StorageConfigurationError extends Error {
  override readonly name = 'StorageConfigurationError';
}

/** Container names: 3–63 characters, lowercase letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** The storage the environment asks for: Azure Blob Storage when both variables are set, else memory. */
export function createStorage(env: NodeJS.ProcessEnv = process.env, options: BlobStorageOptions = {}): ProbedStorage {
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  const containerName = env.AZURE_STORAGE_CONTAINER?.trim();
  if (!connectionString && !containerName) return new MemoryConversationStorage();
  if (!connectionString) throw new StorageConfigurationError('AZURE_STORAGE_CONTAINER is set but AZURE_STORAGE_CONNECTION_STRING is not: set both, or neither for in-memory state.');
  if (!containerName) throw new StorageConfigurationError('AZURE_STORAGE_CONNECTION_STRING is set but AZURE_STORAGE_CONTAINER is not: set both, or neither for in-memory state.');
  if (!CONTAINER_NAME.test(containerName)) {
    throw new StorageConfigurationError('AZURE_STORAGE_CONTAINER must be 3–63 lowercase letters, digits and single hyphens.');
  }
  try {
    return new BlobConversationStorage(connectionString, containerName, options);
  } catch {
    // The SDK's message may quote the connection string, key included: don't pass it on.
    throw new StorageConfigurationError('AZURE_STORAGE_CONNECTION_STRING is not a valid Azure Storage connection string.');
  }
}

/** The connection string of Azurite's well-known development account (public, documented by Microsoft). */
export function azuriteConnectionString(blobEndpoint: string): string {
  return [
    'DefaultEndpointsProtocol=http',
    'AccountName=devstoreaccount1',
    'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    `BlobEndpoint=${blobEndpoint}/devstoreaccount1`,
  ].join(';');
}
