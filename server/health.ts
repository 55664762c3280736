import type { Storage } from 'botbuilder';
import { hasProbe } from '../bots/storage';

export type Health = { ok: true } | { ok: false; reason: string };

/** A key nothing is ever written under: reading it costs one small request and finds nothing. */
const PROBE_KEY = 'healthz/probe';

/** A short, log-safe name for what went wrong: an error code or status, never a message (it may name the account). */
function describe(error: unknown): string {
  const { code, statusCode, name } = (error ?? {}) as { code?: unknown; statusCode?: unknown; name?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError') return 'timed out';
  if (typeof code === 'string' && /^[A-Za-z_]{2,40}$/.test(code)) return code;
  if (typeof statusCode === 'number') return `HTTP ${statusCode}`;
  return 'error';
}

/**
 * Whether conversation state can be reached: one cheap probe (the storage's own `probe()`, else a read of a key
 * that is never written), at most one at a time, its answer cached for `cacheMs`, each given `timeoutMs`.
 */
export class StorageHealth {
  private cached?: { at: number; health: Health };
  private pending?: Promise<Health>;

  constructor(
    private readonly storage: Storage,
    private readonly options: { cacheMs?: number; timeoutMs?: number; now?: () => number } = {},
  ) {}

  check(): Promise<Health> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now - this.cached.at < (this.options.cacheMs ?? 5_000)) return Promise.resolve(this.cached.health);
    this.pending ??= this.probe().then((health) => {
      this.cached = { at: (this.options.now ?? Date.now)(), health };
      this.pending = undefined;
      return health;
    });
    return this.pending;
  }

  private async probe(): Promise<Health> {
    const timeoutMs = this.options.timeoutMs ?? 2_000;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(Object.assign(new Error('probe timed out'), { name: 'TimeoutError' }));
      }, timeoutMs);
    });
    try {
      const probe = hasProbe(this.storage) ? this.storage.probe(controller.signal) : this.storage.read([PROBE_KEY]);
      await Promise.race([probe, timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `storage unreachable (${describe(error)})` };
    } finally {
      clearTimeout(timer);
    }
  }
}
