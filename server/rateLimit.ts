/**
 * Fixed-window counters: at most `limit` hits per key per `windowMs`. Two numbers per key, and at most `maxKeys`
 * keys (the oldest windows are dropped first), so a flood of made-up keys cannot grow memory without bound.
 * A limit of 0 turns the limiter off.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Seconds until `key` may be hit again, or 0 when it may be now. Does not count. */
  retryAfter(key: string): number {
    if (!this.enabled) return 0;
    const window = this.current(key);
    if (!window || window.count < this.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - this.now()) / 1000));
  }

  /** Counts a hit; answers seconds until allowed (0 when this hit is allowed). */
  hit(key: string): number {
    if (!this.enabled) return 0;
    const wait = this.retryAfter(key);
    if (wait) return wait;
    const window = this.current(key);
    if (window) {
      window.count++;
    } else {
      this.windows.set(key, { start: this.now(), count: 1 });
      // Map order is window start order: the first keys are the oldest.
      while (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    }
    return 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string): { start: number; count: number } | undefined {
    const window = this.windows.get(key);
    if (!window) return undefined;
    if (this.now() - window.start >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}

/** Loopback callers: this server's own local Direct Line channel relays every web chat user from 127.0.0.1. */
export function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

/**
 * The client's address. Behind a reverse proxy (TRUST_PROXY=true) the last X-Forwarded-For entry, the one the
 * proxy itself added; entries before it are whatever the client chose to send.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers['x-forwarded-for'];
    const value = Array.isArray(forwarded) ? forwarded[forwarded.length - 1] : forwarded;
    const last = value?.split(',').map((part) => part.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}
