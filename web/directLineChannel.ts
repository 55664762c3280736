import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { jsonBody, type BodyError, type BodyLimits } from '../server/body';
import { createLogger, errorFields, type Logger } from '../server/logging';
import { clientAddress, type RateLimiter } from './rateLimit';

/**
 * A Direct Line 3.0-compatible channel inside this server, for local use with no Azure account.
 *
 * The browser side speaks Direct Line 3.0 (REST, watermark polling) under /v3/directline, so the real Web Chat
 * client and Microsoft's botframework-directlinejs work against it unchanged. The bot side is the same as in
 * production: each user activity is POSTed to this server's own /api/messages with `serviceUrl` pointing back
 * here, and the bot's replies arrive on the Bot Connector routes /v3/conversations/:id/activities[/:replyTo].
 *
 * Conversations live in memory: at most `maxConversations` (least recently used dropped first), each deleted
 * after `idleMs` without a message either way. Tokens are 256-bit random; a conversation's activities are only
 * readable with one of its tokens.
 *
 * The transcript is bounded and holds only what was accepted:
 * - a user's activity is stored only once the bot has accepted it (2xx from /api/messages); one the bot refuses
 *   (rate limit, bad request) or never answers leaves no trace. While the bot works on it, it and the replies the
 *   bot sends meanwhile are held back, then appended in order (the echo first), so the transcript only grows at the end;
 * - per conversation, the user's activities are refused (400 ConversationTooLong) once the transcript has
 *   `maxActivitiesPerConversation` activities or `maxBytesPerConversation` bytes; the bot's replies have as much room
 *   again, so an accepted message always gets its answer;
 * - across conversations at most `maxTotalBytes`: past it the least recently used conversations are dropped;
 * - GET …/activities answers a page (at most `pageSize` activities and about `pageBytes`), and its watermark
 *   says where the next page starts: Direct Line clients poll again from there.
 * Bodies are read by `jsonBody` (JSON only, size and nesting limits), so nothing too big or too deep is stored.
 */

export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

/** An activity as stored and returned to the client: always has an id, a timestamp and a sender. */
export interface StoredActivity {
  id: string;
  type: string;
  timestamp: string;
  from: ChannelAccount;
  conversation: { id: string };
  [field: string]: unknown;
}

export interface Conversation {
  id: string;
  userId: string;
  locale?: string;
  started: boolean;
  /** The transcript: only ever appended to, so a watermark (an index into it) stays valid. */
  activities: StoredActivity[];
  /** The serialised size of each activity, in step with `activities`. */
  sizes: number[];
  bytes: number;
  /** A user activity the bot is working on, and the replies it sent meanwhile: appended once it is accepted. */
  pending?: { echo: StoredActivity; size: number; held: Array<{ activity: StoredActivity; size: number }> };
  lastActive: number;
  /** Turns of one conversation reach the bot one after another, in the order the user sent them. */
  queue: Promise<unknown>;
  nextSequence: number;
}

interface TokenRecord {
  conversationId: string;
  expiresAt: number;
}

export interface DirectLineChannelOptions {
  /** This server's own base URL (http://127.0.0.1:PORT), asked for at request time. */
  selfUrl: () => string;
  botId?: string;
  botName?: string;
  channelId?: string;
  maxConversations?: number;
  idleMs?: number;
  tokenTtlMs?: number;
  maxActivitiesPerConversation?: number;
  /** Bytes of serialised activities a user may fill in one conversation (the bot's replies get as much again). */
  maxBytesPerConversation?: number;
  /** Bytes of transcripts across all conversations; past it the least recently used are dropped. */
  maxTotalBytes?: number;
  /** Activities per GET …/activities page, and roughly the bytes (a page has at least one activity). */
  pageSize?: number;
  pageBytes?: number;
  botTimeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Receives JSON log lines when no `logger` is given. */
  log?: (line: string) => void;
}

export const DEFAULT_MAX_ACTIVITIES_PER_CONVERSATION = 500;
export const DEFAULT_MAX_BYTES_PER_CONVERSATION = 256 * 1024;
export const DEFAULT_MAX_TOTAL_BYTES = 64 * 1024 * 1024;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_PAGE_BYTES = 128 * 1024;
/** Live tokens per conversation: the newest and the one before it (requests in flight while Web Chat refreshes). */
export const TOKENS_PER_CONVERSATION = 2;

export class ChannelError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds, for a 429 (passed on as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** Fields a client may set on an activity it posts; everything else (from, recipient, ids, serviceUrl) is ours. */
const CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'value',
  'name',
  'locale',
  'localTimestamp',
  'localTimezone',
  'channelData',
  'entities',
  'replyToId',
] as const;
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
/** Fields of a bot reply that are kept; the channel sets id, timestamp, from.role and conversation. */
const BOT_FIELDS = [
  'type',
  'text',
  'speak',
  'textFormat',
  'inputHint',
  'attachments',
  'attachmentLayout',
  'suggestedActions',
  'entities',
  'channelData',
  'value',
  'name',
  'locale',
  'replyToId',
  'summary',
  'importance',
] as const;

const USER_ID = /^[A-Za-z0-9_:.@-]{1,64}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/i;

function sizeOf(activity: StoredActivity): number {
  return Buffer.byteLength(JSON.stringify(activity));
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function pick<T extends string>(source: Record<string, unknown>, fields: readonly T[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (source[field] !== undefined) out[field] = source[field];
  return out;
}

export class DirectLineChannel {
  readonly botId: string;
  readonly botName: string;
  readonly channelId: string;
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** Each conversation's tokens, oldest first. */
  private readonly tokensOf = new Map<string, string[]>();
  private readonly maxConversations: number;
  private readonly idleMs: number;
  private readonly tokenTtlMs: number;
  private readonly maxActivities: number;
  private readonly maxBytes: number;
  private readonly maxTotalBytes: number;
  private readonly pageSize: number;
  private readonly pageBytes: number;
  private readonly botTimeoutMs: number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;
  private readonly logger: Logger;
  private sweeper?: NodeJS.Timeout;
  private storedBytes = 0;

  constructor(private readonly options: DirectLineChannelOptions) {
    this.botId = options.botId ?? 'cyber-triage-bot';
    this.botName = options.botName ?? 'Cyber incident triage';
    this.channelId = options.channelId ?? 'directline';
    this.maxConversations = options.maxConversations ?? 1000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.tokenTtlMs = options.tokenTtlMs ?? 30 * 60_000;
    this.maxActivities = options.maxActivitiesPerConversation ?? DEFAULT_MAX_ACTIVITIES_PER_CONVERSATION;
    this.maxBytes = options.maxBytesPerConversation ?? DEFAULT_MAX_BYTES_PER_CONVERSATION;
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.pageBytes = options.pageBytes ?? DEFAULT_PAGE_BYTES;
    this.botTimeoutMs = options.botTimeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
    this.logger = createLogger({ logger: options.logger, log: options.log });
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Bytes of all stored transcripts (held-back activities included). */
  get totalBytes(): number {
    return this.storedBytes;
  }

  private drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.storedBytes -= conversation.bytes + (conversation.pending ? conversation.pending.size + conversation.pending.held.reduce((sum, h) => sum + h.size, 0) : 0);
    this.conversations.delete(id);
  }

  /** Counts `size` new bytes in `conversation`, dropping the least recently used other conversations past the total. */
  private account(conversation: Conversation, size: number): void {
    this.storedBytes += size;
    for (const id of this.conversations.keys()) {
      if (this.storedBytes <= this.maxTotalBytes) break;
      if (id !== conversation.id) this.drop(id);
    }
  }

  private commit(conversation: Conversation, activity: StoredActivity, size: number): void {
    conversation.activities.push(activity);
    conversation.sizes.push(size);
    conversation.bytes += size;
  }

  /** Sweeps idle conversations and expired tokens once a minute (the timer does not keep the process alive). */
  startSweeping(intervalMs = 60_000): void {
    this.stopSweeping();
    this.sweeper = setInterval(() => this.sweep(), intervalMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.lastActive > this.idleMs) this.drop(id);
    }
    for (const [token, record] of this.tokens) {
      if (record.expiresAt <= now) this.revoke(token);
    }
  }

  private revoke(token: string): void {
    const record = this.tokens.get(token);
    if (!record) return;
    this.tokens.delete(token);
    const left = (this.tokensOf.get(record.conversationId) ?? []).filter((each) => each !== token);
    if (left.length) this.tokensOf.set(record.conversationId, left);
    else this.tokensOf.delete(record.conversationId);
  }

  /** A new conversation (not started: the bot hears of it on `start`) and a token for it. */
  createConversation(options: { userId?: string; locale?: string } = {}): { conversation: Conversation; token: string; expiresIn: number } {
    this.sweep();
    while (this.conversations.size >= this.maxConversations) {
      const leastRecent = this.conversations.keys().next().value as string;
      this.drop(leastRecent);
    }
    const conversation: Conversation = {
      id: randomId(18),
      userId: options.userId && USER_ID.test(options.userId) ? options.userId : `dl_${randomId(12)}`,
      locale: options.locale && LOCALE.test(options.locale) ? options.locale : undefined,
      started: false,
      activities: [],
      sizes: [],
      bytes: 0,
      lastActive: this.now(),
      queue: Promise.resolve(),
      nextSequence: 0,
    };
    this.conversations.set(conversation.id, conversation);
    const { token, expiresIn } = this.issueToken(conversation.id);
    return { conversation, token, expiresIn };
  }

  /**
   * A new token for a conversation. A conversation holds at most TOKENS_PER_CONVERSATION (a refresh retires the
   * oldest), so refreshing again and again grows nothing. The table is capped, and never makes room by evicting a
   * live token: past the cap, expired tokens go first, then tokens of conversations that have ended (kept till then
   * so that a late poll hears "ended", not "forbidden"); a live token is never taken from another user.
   */
  private issueToken(conversationId: string): { token: string; expiresIn: number } {
    const token = randomId(32);
    this.tokens.set(token, { conversationId, expiresAt: this.now() + this.tokenTtlMs });
    const ofConversation = [...(this.tokensOf.get(conversationId) ?? []), token];
    this.tokensOf.set(conversationId, ofConversation);
    while (ofConversation.length > TOKENS_PER_CONVERSATION) this.revoke(ofConversation.shift()!);
    const cap = this.maxConversations * TOKENS_PER_CONVERSATION * 2;
    if (this.tokens.size > cap) this.sweep();
    if (this.tokens.size > cap) {
      for (const [each, record] of this.tokens) {
        if (this.tokens.size <= cap) break;
        if (!this.conversations.has(record.conversationId)) this.revoke(each);
      }
    }
    return { token, expiresIn: Math.floor(this.tokenTtlMs / 1000) };
  }

  /** How many tokens are held (live or kept for ended conversations). */
  get tokenCount(): number {
    return this.tokens.size;
  }

  /** The conversation an Authorization header grants, checked against the conversation id in the URL if any. */
  authorize(authorization: string | undefined, conversationId?: string): Conversation {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new ChannelError(403, 'TokenMissing', 'Send the conversation token as "Authorization: Bearer <token>".');
    const record = this.tokens.get(match[1]);
    if (!record || record.expiresAt <= this.now()) throw new ChannelError(403, 'TokenInvalid', 'The token is not valid or has expired.');
    if (conversationId !== undefined && conversationId !== record.conversationId) {
      throw new ChannelError(403, 'TokenInvalid', 'The token is not valid for this conversation.');
    }
    const conversation = this.conversations.get(record.conversationId);
    if (!conversation || this.now() - conversation.lastActive > this.idleMs) {
      this.drop(record.conversationId);
      throw new ChannelError(404, 'ConversationEnded', 'The conversation has ended. Start a new one.');
    }
    // Touch for least-recently-used order (not for idle time, which only messages extend).
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Seconds until a token expires (0 if unknown). */
  secondsLeft(token: string): number {
    const record = this.tokens.get(token);
    return record ? Math.max(0, Math.floor((record.expiresAt - this.now()) / 1000)) : 0;
  }

  refreshToken(authorization: string | undefined): { conversationId: string; token: string; expiresIn: number } {
    const conversation = this.authorize(authorization);
    return { conversationId: conversation.id, ...this.issueToken(conversation.id) };
  }

  private nextId(conversation: Conversation): string {
    conversation.nextSequence += 1;
    return `${conversation.id}|${String(conversation.nextSequence).padStart(7, '0')}`;
  }

  private enqueue<T>(conversation: Conversation, task: () => Promise<T>): Promise<T> {
    const run = conversation.queue.catch(() => undefined).then(task);
    conversation.queue = run;
    return run;
  }

  private userAccount(conversation: Conversation, name?: unknown): ChannelAccount {
    return { id: conversation.userId, ...(typeof name === 'string' && name ? { name: name.slice(0, 64) } : {}), role: 'user' };
  }

  private botAccount(): ChannelAccount {
    return { id: this.botId, name: this.botName, role: 'bot' };
  }

  /** Tells the bot the conversation has started (once): a conversationUpdate adding the bot and the user. */
  start(conversation: Conversation): Promise<boolean> {
    if (conversation.started) return Promise.resolve(false);
    conversation.started = true;
    conversation.lastActive = this.now();
    return this.enqueue(conversation, async () => {
      const activity = {
        type: 'conversationUpdate',
        id: this.nextId(conversation),
        timestamp: new Date(this.now()).toISOString(),
        channelId: this.channelId,
        serviceUrl: this.options.selfUrl(),
        from: this.userAccount(conversation),
        recipient: this.botAccount(),
        conversation: { id: conversation.id },
        membersAdded: [{ id: this.botId, name: this.botName }, { id: conversation.userId }],
        ...(conversation.locale ? { locale: conversation.locale } : {}),
      };
      try {
        await this.deliver(activity);
      } catch (error) {
        // The conversation still works; the user just misses the welcome. Never log what was sent.
        this.logger.warn({ event: 'directLineWelcomeFailed', err: errorFields(error) }, 'the bot failed the conversationUpdate');
      }
      return true;
    });
  }

  /** Whether the user may add `size` more bytes (pending turn included). */
  private userHasRoom(conversation: Conversation, size: number): boolean {
    const pending = conversation.pending ? 1 : 0;
    return conversation.activities.length + pending < this.maxActivities && conversation.bytes + size <= this.maxBytes;
  }

  /**
   * A user activity: delivered to the bot with the id the echo will carry; stored (echoed to the client, with its
   * clientActivityID) only once the bot has accepted it, ahead of the replies the bot sent meanwhile.
   */
  async postFromClient(conversation: Conversation, body: unknown): Promise<string> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ChannelError(400, 'BadArgument', 'The body must be an activity (a JSON object).');
    }
    const input = body as Record<string, unknown>;
    if (typeof input.type !== 'string' || !CLIENT_TYPES.has(input.type)) {
      throw new ChannelError(400, 'BadArgument', 'The activity type must be "message", "event" or "typing".');
    }
    if (!this.userHasRoom(conversation, 0)) {
      throw new ChannelError(400, 'ConversationTooLong', 'This conversation is too long. Start a new one.');
    }
    conversation.lastActive = this.now();
    if (!conversation.started) void this.start(conversation);
    return this.enqueue(conversation, async () => {
      const fields = pick(input, CLIENT_FIELDS);
      // A locale is a language tag or nothing (the conversation's own applies then).
      if (fields.locale !== undefined && !(typeof fields.locale === 'string' && LOCALE.test(fields.locale))) delete fields.locale;
      const from = input.from as Record<string, unknown> | undefined;
      const stored: StoredActivity = {
        ...fields,
        type: input.type as string,
        id: this.nextId(conversation),
        timestamp: new Date(this.now()).toISOString(),
        channelId: this.channelId,
        from: this.userAccount(conversation, from?.name),
        recipient: this.botAccount(),
        conversation: { id: conversation.id },
        ...(typeof fields.locale === 'string' || !conversation.locale ? {} : { locale: conversation.locale }),
      };
      const size = sizeOf(stored);
      // Checked again in the queue: the turns before this one may have filled the conversation.
      if (this.conversations.get(conversation.id) !== conversation) {
        throw new ChannelError(404, 'ConversationEnded', 'The conversation has ended. Start a new one.');
      }
      if (!this.userHasRoom(conversation, size)) {
        throw new ChannelError(400, 'ConversationTooLong', 'This conversation is too long. Start a new one.');
      }
      conversation.pending = { echo: stored, size, held: [] };
      this.account(conversation, size);
      let accepted = false;
      try {
        await this.deliver({ ...stored, serviceUrl: this.options.selfUrl() });
        accepted = true;
        return stored.id;
      } finally {
        const { held } = conversation.pending;
        conversation.pending = undefined;
        // (A conversation dropped meanwhile, by the idle sweep or the total limit, has had its bytes discounted.)
        if (this.conversations.get(conversation.id) === conversation) {
          if (accepted) this.commit(conversation, stored, size);
          else this.storedBytes -= size;
          for (const reply of held) this.commit(conversation, reply.activity, reply.size);
        }
      }
    });
  }

  /** POSTs an activity to this server's /api/messages, as Azure's channels do. */
  private async deliver(activity: Record<string, unknown>): Promise<void> {
    const response = await this.fetch(`${this.options.selfUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(this.botTimeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      throw new ChannelError(429, 'TooManyRequests', 'Too many messages in this conversation. Wait a moment, then try again.', Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? seconds : 60);
    }
    if (!response.ok) throw new ChannelError(502, 'BotError', `The bot answered ${response.status}.`);
  }

  /** A bot reply arriving on the connector routes. */
  receiveFromBot(conversationId: string, body: unknown, replyToId?: string): { id: string } {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new ChannelError(404, 'ConversationNotFound', 'No such conversation.');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ChannelError(400, 'BadArgument', 'The body must be an activity (a JSON object).');
    }
    const input = body as Record<string, unknown>;
    if (typeof input.type !== 'string' || !input.type) throw new ChannelError(400, 'BadArgument', 'The activity has no type.');
    const id = this.nextId(conversation);
    // Trace activities are for the Emulator; a capped transcript has no room for them.
    if (input.type === 'trace') return { id };
    const from = (input.from as Record<string, unknown> | undefined) ?? {};
    const stored: StoredActivity = {
      ...pick(input, BOT_FIELDS),
      type: input.type,
      id,
      timestamp: new Date(this.now()).toISOString(),
      channelId: this.channelId,
      from: { id: typeof from.id === 'string' ? from.id : this.botId, name: typeof from.name === 'string' ? from.name : this.botName, role: 'bot' },
      recipient: this.userAccount(conversation),
      conversation: { id: conversation.id },
      ...(replyToId && input.replyToId === undefined ? { replyToId } : {}),
    };
    const size = sizeOf(stored);
    const held = conversation.pending?.held ?? [];
    const count = conversation.activities.length + held.length + (conversation.pending ? 1 : 0);
    const bytes = conversation.bytes + held.reduce((sum, h) => sum + h.size, 0) + (conversation.pending?.size ?? 0);
    if (count >= this.maxActivities * 2 || bytes + size > this.maxBytes * 2) {
      throw new ChannelError(400, 'ConversationTooLong', 'This conversation is too long.');
    }
    this.account(conversation, size);
    if (conversation.pending) held.push({ activity: stored, size });
    else this.commit(conversation, stored, size);
    conversation.lastActive = this.now();
    return { id };
  }

  /**
   * A page of the transcript from `watermark` (an index into it): at most `pageSize` activities and about
   * `pageBytes` (always at least one when there is one), with the watermark the next page starts from.
   */
  activitiesSince(conversation: Conversation, watermark: unknown): { activities: StoredActivity[]; watermark: string } {
    const from = Number.parseInt(String(watermark ?? ''), 10);
    const start = Number.isFinite(from) && from > 0 ? Math.min(from, conversation.activities.length) : 0;
    let end = start;
    let bytes = 0;
    while (end < conversation.activities.length && end - start < this.pageSize) {
      bytes += conversation.sizes[end];
      if (end > start && bytes > this.pageBytes) break;
      end++;
    }
    return { activities: conversation.activities.slice(start, end), watermark: String(end) };
  }
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof ChannelError) {
    if (error.retryAfter) res.header('Retry-After', String(error.retryAfter));
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  logger.error({ event: 'directLineError', err: errorFields(error) }, 'the local Direct Line channel could not reach the bot');
  const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
  res.send(timedOut ? 504 : 502, { error: { code: timedOut ? 'BotTimeout' : 'BotError', message: 'The bot did not answer.' } });
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

function conversationPayload(conversation: Conversation, token: string, expiresIn: number) {
  return { conversationId: conversation.id, token, expires_in: expiresIn };
}

function bearerToken(req: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

export interface ChannelRouteOptions {
  /** Shared with the token endpoint: starting a conversation without a token counts as a token request. */
  limiter: RateLimiter;
  /** Token refreshes per client address (the same address rule as the limiter). */
  refreshLimiter?: RateLimiter;
  trustProxy: boolean;
  logger?: Logger;
  log?: (line: string) => void;
  /** Body size and nesting limits of the JSON routes (server/body.ts defaults otherwise). */
  bodyLimits?: BodyLimits;
  /** Extra headers on every client response (security headers). */
  headers?: (res: Response) => void;
}

/** A body refused by `jsonBody`, answered in Direct Line's error shape. */
function sendBodyError(res: Response, error: BodyError): void {
  if (error.status !== 400) res.setHeader('Connection', 'close');
  res.header('Cache-Control', 'no-store');
  res.send(error.status, { error: { code: error.code, message: error.message } });
}

export function registerDirectLineChannel(server: Server, channel: DirectLineChannel, options: ChannelRouteOptions): void {
  const logger = createLogger({ logger: options.logger, log: options.log });
  const json: RequestHandler = jsonBody(options.bodyLimits, sendBodyError);
  const base = '/v3/directline';
  const guard = (handler: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    options.headers?.(res);
    try {
      await handler(req, res);
    } catch (error) {
      sendError(res, error, logger);
    }
  };

  // Start a conversation: with a token from POST /api/directline/token (which names the conversation), or with
  // none, which creates one (rate-limited like the token endpoint, since there is no secret to hold back).
  server.post(
    `${base}/conversations`,
    json,
    guard(async (req, res) => {
      const body = (req.body ?? {}) as { user?: { id?: unknown }; locale?: unknown };
      let conversation: Conversation;
      let token: string;
      let expiresIn = 0;
      if (req.headers.authorization) {
        conversation = channel.authorize(req.headers.authorization);
        token = bearerToken(req);
        expiresIn = channel.secondsLeft(token);
        if (typeof body.locale === 'string' && !conversation.started && LOCALE.test(body.locale)) conversation.locale = body.locale;
      } else {
        const verdict = options.limiter.hit(clientAddress(req, options.trustProxy));
        if (!verdict.allowed) {
          res.header('Retry-After', String(verdict.retryAfterSeconds));
          throw new ChannelError(429, 'TooManyRequests', 'Too many new conversations from this address; try again shortly.');
        }
        const created = channel.createConversation({
          userId: typeof body.user?.id === 'string' ? body.user.id : undefined,
          locale: typeof body.locale === 'string' ? body.locale : undefined,
        });
        ({ conversation, token, expiresIn } = created);
      }
      const startedNow = await channel.start(conversation);
      res.send(startedNow ? 201 : 200, conversationPayload(conversation, token, expiresIn));
    }),
  );

  // Reconnect (Web Chat given a token and conversationId, e.g. after a page reload): no new conversationUpdate.
  server.get(
    `${base}/conversations/:conversationId`,
    guard((req, res) => {
      const conversation = channel.authorize(req.headers.authorization, req.params.conversationId);
      const token = bearerToken(req);
      res.send(200, conversationPayload(conversation, token, channel.secondsLeft(token)));
    }),
  );

  server.get(
    `${base}/conversations/:conversationId/activities`,
    guard((req, res) => {
      const conversation = channel.authorize(req.headers.authorization, req.params.conversationId);
      res.send(200, channel.activitiesSince(conversation, (req.query as Record<string, unknown> | undefined)?.watermark));
    }),
  );

  server.post(
    `${base}/conversations/:conversationId/activities`,
    json,
    guard(async (req, res) => {
      const conversation = channel.authorize(req.headers.authorization, req.params.conversationId);
      const id = await channel.postFromClient(conversation, req.body);
      res.send(200, { id });
    }),
  );

  server.post(
    `${base}/tokens/refresh`,
    json,
    guard((req, res) => {
      const verdict = options.refreshLimiter?.hit(clientAddress(req, options.trustProxy));
      if (verdict && !verdict.allowed) {
        res.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new ChannelError(429, 'TooManyRequests', 'Too many token refreshes from this address; try again shortly.');
      }
      const refreshed = channel.refreshToken(req.headers.authorization);
      res.send(200, { conversationId: refreshed.conversationId, token: refreshed.token, expires_in: refreshed.expiresIn });
    }),
  );

  // Bot Connector routes: the bot's replies (sendToConversation and replyToActivity). With authentication off
  // the bot sends no token, so only this machine may call them, and only for a conversation it knows.
  const fromBot = async (req: Request, res: Response) => {
    try {
      if (!isLoopback(req.socket?.remoteAddress)) {
        throw new ChannelError(403, 'Forbidden', 'Only the bot on this machine may post to the local channel.');
      }
      res.send(200, channel.receiveFromBot(req.params.conversationId, req.body, req.params.activityId));
    } catch (error) {
      sendError(res, error, logger);
    }
  };
  server.post('/v3/conversations/:conversationId/activities', json, fromBot);
  server.post('/v3/conversations/:conversationId/activities/:activityId', json, fromBot);
}
