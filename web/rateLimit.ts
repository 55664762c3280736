import type { Request } from 'restify';
import { clientAddress as addressOf } from '../server/rateLimit';

/**
 * A fixed-size sliding-window limiter keyed by client address: at most `limit` hits per `windowMs`. Memory is
 * bounded: at most `maxKeys` addresses are tracked; past that the least recently seen are dropped.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records a hit; answers whether it is allowed and, if not, how many seconds until it would be. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    this.hits.delete(key); // re-inserted below, so Map order is least recently seen first
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
      return { allowed: false, retryAfterSeconds };
    }
    recent.push(now);
    this.hits.set(key, recent);
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value as string;
      this.hits.delete(oldest);
    }
    return { allowed: true };
  }
}

/** The client's address (behind a trusted proxy, the last X-Forwarded-For entry): the rule the bot endpoint uses. */
export function clientAddress(req: Request, trustProxy: boolean): string {
  return addressOf(req.headers, req.socket?.remoteAddress, trustProxy);
}
