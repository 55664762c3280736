import type { Activity, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type { TriageAdapter } from './adapter';
import type { Request, Response } from 'restify';
import { LANGUAGE_TAG, expectsReplies } from './activity';
import { obviousTokenProblem } from './auth';
import { KNOWN_ACTIVITY_TYPES, KNOWN_CHANNELS, errorFields, knownOr, type Logger } from './logging';
import { WindowLimiter, clientAddress, isLoopback } from './rateLimit';
import { isAllowedServiceUrl, type ServiceUrlPolicy } from './serviceUrl';

/** Where a turn's request-scoped logger is kept in `TurnContext.turnState` (see `requestLoggerOf`). */
export const REQUEST_LOGGER = Symbol('requestLogger');

/** Where a turn's request id is kept in `TurnContext.turnState` (see `requestIdOf`). */
export const REQUEST_ID = Symbol('requestId');

/** The logger of the request a turn came in on (its lines carry the request id), if the turn came through the route. */
export function requestLoggerOf(context: TurnContext): Logger | undefined {
  return (context.turnState.get(REQUEST_LOGGER) as (() => Logger) | undefined)?.();
}

/**
 * The id of the request a turn came in on, if the turn came through the route: a line written with `reqId` set to it
 * is the line the request's logger would write, without making a child logger for it (the turn's own line, every turn).
 */
export function requestIdOf(context: TurnContext): string | undefined {
  return context.turnState.get(REQUEST_ID) as string | undefined;
}

export interface MessageLimits {
  /** Messages per conversation per minute (0: off). */
  perConversation: number;
  /** Requests per client address per minute (0: off). Loopback callers are not counted. */
  perClient: number;
  /** Read the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
}

export function readMessageLimits(env: NodeJS.ProcessEnv): MessageLimits {
  const count = (value: string | undefined, fallback: number) => {
    const n = Number(value?.trim() || NaN);
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return {
    perConversation: count(env.RATE_LIMIT_CONVERSATION_PER_MINUTE, 30),
    perClient: count(env.RATE_LIMIT_CLIENT_PER_MINUTE, 600),
    trustProxy: /^(1|true|yes)$/i.test(env.TRUST_PROXY?.trim() ?? ''),
  };
}

export interface MessagesRouteOptions {
  adapter: TriageAdapter;
  authentication: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
  /** True when the bot has an app id: unsigned and obviously invalid tokens are refused before the SDK. */
  authRequired: boolean;
  logic: (context: TurnContext) => Promise<void>;
  /** Why a body is not an activity we can process (400), or null. */
  activityProblem: (body: unknown) => string | null;
  limits: MessageLimits;
  logger: Logger;
  /**
   * With authentication off: where replies may go (ALLOWED_SERVICE_URLS, and the local Direct Line channel's own
   * URL when it is on). Activities naming another serviceUrl for normal delivery are refused with 400.
   */
  serviceUrls?: { policy: ServiceUrlPolicy; localServiceUrl: () => string | undefined };
  now?: () => number;
  /** The SDK's token validation gets this long (it may fetch OpenID metadata) before the request is refused. */
  authTimeoutMs?: number;
}

const UNAUTHORIZED = { error: 'Unauthorized', message: 'A valid Bot Framework token is required.' };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('Token validation timed out'), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** As the SDK's validateAndFixActivity: the timestamps as Dates, the raw strings kept; plus string fields checked. */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      const date = new Date(activity[field] as string);
      activity[raw] = activity[field];
      // An unparseable time is dropped rather than passed on as an Invalid Date that throws when serialised.
      if (Number.isNaN(date.getTime())) delete activity[field];
      else activity[field] = date;
    } else if (activity[field] !== undefined) {
      delete activity[field];
    }
  }
  // Fields the SDK and the bot read as strings: a value of another type is dropped rather than allowed to throw
  // mid-turn (a `locale` of [] or 5 used to leave the user with no reply at all).
  for (const field of ['locale', 'text', 'id', 'replyToId', 'name', 'textFormat', 'inputHint']) {
    if (activity[field] !== undefined && typeof activity[field] !== 'string') delete activity[field];
  }
  // A locale is a language tag or nothing: "constructor" used to find Object.prototype in a content lookup and
  // silence the bot. (Lookups keyed by it use own keys too; this keeps junk out of every one of them.)
  if (typeof activity.locale === 'string' && !LANGUAGE_TAG.test(activity.locale)) delete activity.locale;
  return activity as unknown as Activity;
}

function tooMany(res: Response, seconds: number, message: string): void {
  res.header('Retry-After', String(seconds));
  res.send(429, { error: 'TooManyRequests', message });
}

/**
 * POST /api/messages: what `CloudAdapter.process` does, with the checks a public endpoint needs in front of it.
 * 1. requests per client address (generous; loopback, i.e. this server's own Direct Line channel, not counted);
 * 2. the body must be an activity (400); with authentication off, one that expects its replies over HTTP must name an
 *    allowed serviceUrl (400: see server/serviceUrl.ts);
 * 3. with authentication on, an obviously invalid token is refused (401) before the SDK;
 * 4. a conversation over its message rate is refused (429) before any work;
 * 5. the SDK authenticates the request; ANY failure there (bad signature, unknown key, OpenID metadata
 *    unreachable, timeout) is a 401, never a 500;
 * 6. only then is the message counted against its conversation (a forged request cannot use up a real user's
 *    quota), and the turn runs.
 * Nothing the user sent is logged: only the kind of failure. (The body was read by `jsonBody`: 415, 413 and 400
 * for the wrong type, too big, not JSON or nested too deep.)
 */
export function messagesRoute(options: MessagesRouteOptions) {
  const now = options.now ?? Date.now;
  const perClient = new WindowLimiter(options.limits.perClient, 60_000, now);
  const perConversation = new WindowLimiter(options.limits.perConversation, 60_000, now);

  return async (req: Request, res: Response): Promise<void> => {
    if (perClient.enabled) {
      const address = clientAddress(req.headers, req.socket?.remoteAddress, options.limits.trustProxy);
      const wait = isLoopback(address) ? 0 : perClient.hit(address);
      if (wait) return tooMany(res, wait, 'Too many requests from this address. Try again shortly.');
    }

    const problem = options.activityProblem(req.body);
    if (problem) {
      res.send(400, { error: 'BadRequest', message: problem });
      return;
    }
    const body = req.body as Record<string, unknown>;
    // Made only when a line is written: most requests log nothing here.
    let requestLogger: Logger | undefined;
    const loggerOfRequest = () => (requestLogger ??= options.logger.child({ reqId: req.requestId }));

    if (!options.authRequired && options.serviceUrls && !expectsReplies(body)) {
      const serviceUrl = typeof body.serviceUrl === 'string' ? body.serviceUrl : '';
      if (!isAllowedServiceUrl(serviceUrl, options.serviceUrls.policy, options.serviceUrls.localServiceUrl())) {
        loggerOfRequest().warn({ event: 'serviceUrlRefused', channel: knownOr(body.channelId, KNOWN_CHANNELS) }, 'refused an activity whose serviceUrl is not allowed');
        res.send(400, {
          error: 'BadRequest',
          message: 'Replies cannot be sent to this serviceUrl. Use deliveryMode "expectReplies", or list the URL in ALLOWED_SERVICE_URLS.',
        });
        return;
      }
    }

    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    if (options.authRequired) {
      const tokenProblem = obviousTokenProblem(authHeader, now());
      if (tokenProblem) {
        loggerOfRequest().warn({ event: 'authRefused', reason: tokenProblem }, 'refused a request');
        res.send(401, UNAUTHORIZED);
        return;
      }
    }

    const conversationKey = `${body.channelId}/${(body.conversation as { id: string }).id}`;
    const wait = perConversation.retryAfter(conversationKey);
    if (wait) return tooMany(res, wait, 'Too many messages in this conversation. Wait a moment, then try again.');

    const activity = toActivity(body);
    let authenticated;
    try {
      // Only a token can make the SDK go to the network (OpenID metadata): bound that; no token is answered locally.
      const authenticating = options.authentication.authenticateRequest(activity, authHeader);
      authenticated = authHeader ? await withTimeout(authenticating, options.authTimeoutMs ?? 5_000) : await authenticating;
    } catch (error) {
      const invalid = (error as { statusCode?: number })?.statusCode === 401;
      loggerOfRequest().warn({ event: 'authRefused', reason: invalid ? 'invalid token' : 'could not validate the token', ...(invalid ? {} : { err: errorFields(error) }) }, 'refused a request');
      res.send(401, UNAUTHORIZED);
      return;
    }
    perConversation.hit(conversationKey);

    try {
      const invokeResponse = await options.adapter.runAuthenticated(authenticated, activity, (context) => {
        context.turnState.set(REQUEST_LOGGER, loggerOfRequest);
        if (req.requestId) context.turnState.set(REQUEST_ID, req.requestId);
        return options.logic(context);
      });
      const status = invokeResponse?.status ?? 200;
      if (invokeResponse?.body === undefined) res.send(status);
      else res.send(status, invokeResponse.body);
    } catch (error) {
      // onTurnError has already answered the user where it could; this is what escaped it.
      loggerOfRequest().error(
        { event: 'turnFailed', err: errorFields(error), activityType: knownOr(body.type, KNOWN_ACTIVITY_TYPES), channel: knownOr(body.channelId, KNOWN_CHANNELS) },
        'the turn failed outside onTurnError',
      );
      if (!res.headersSent) res.send(500, { error: 'InternalError', message: 'The bot could not process this activity.' });
    }
  };
}
