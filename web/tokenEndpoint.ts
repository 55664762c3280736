import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { jsonBody, type BodyLimits } from '../server/body';
import { createLogger, errorFields, type Logger } from '../server/logging';
import type { DirectLineChannel } from './directLineChannel';
import { clientAddress, type RateLimiter } from './rateLimit';
import type { WebChatSettings } from './settings';

/**
 * POST /api/directline/token: what the page calls to start a chat. It answers
 *   { mode, token, conversationId, userId, expiresIn, domain, webSocket }
 * - mode "local": a token for a new conversation on the in-process channel; domain is "/v3/directline".
 * - mode "directline": the server exchanges DIRECT_LINE_SECRET for a short-lived conversation token at
 *   DIRECT_LINE_ENDPOINT/v3/directline/tokens/generate. The secret never leaves the server.
 * Errors: 429 (with Retry-After) past the per-address limit; 503 with { error, reason } when web chat is not
 * configured or Direct Line fails.
 */

export interface TokenEndpointOptions {
  settings: WebChatSettings;
  limiter: RateLimiter;
  channel?: DirectLineChannel;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Receives JSON log lines when no `logger` is given. */
  log?: (line: string) => void;
  headers?: (res: Response) => void;
  timeoutMs?: number;
  bodyLimits?: BodyLimits;
}

export interface TokenAnswer {
  mode: 'local' | 'directline';
  token: string;
  conversationId?: string;
  userId: string;
  expiresIn?: number;
  domain: string;
  webSocket: boolean;
}

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/i;

function unavailable(res: Response, error: string, reason: string): void {
  res.send(503, { error, reason });
}

export function registerTokenEndpoint(server: Server, options: TokenEndpointOptions): void {
  const { settings, limiter, channel } = options;
  const logger = createLogger({ logger: options.logger, log: options.log });
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;

  // A bodyless POST (what botframework-directlinejs and a plain fetch send) and a JSON one ({ locale }) both work.
  server.post('/api/directline/token', jsonBody(options.bodyLimits), async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    options.headers?.(res);

    const verdict = limiter.hit(clientAddress(req, settings.trustProxy));
    if (!verdict.allowed) {
      res.header('Retry-After', String(verdict.retryAfterSeconds));
      res.send(429, { error: 'TooManyRequests', reason: 'Too many chats started from this address. Try again in a minute.' });
      return;
    }

    if (settings.problem || settings.mode === 'off') {
      unavailable(res, 'NotConfigured', settings.problem ?? 'Web chat is not configured.');
      return;
    }

    const body = (req.body ?? {}) as { locale?: unknown };
    const locale = typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : undefined;

    if (settings.mode === 'local') {
      if (!channel) {
        unavailable(res, 'NotConfigured', 'The local Direct Line channel is not running.');
        return;
      }
      const { conversation, token, expiresIn } = channel.createConversation({ locale });
      const answer: TokenAnswer = {
        mode: 'local',
        token,
        conversationId: conversation.id,
        userId: conversation.userId,
        expiresIn,
        domain: '/v3/directline',
        webSocket: false,
      };
      res.send(200, answer);
      return;
    }

    // Production: exchange the secret for a conversation token. Direct Line requires "dl_" user ids for
    // enhanced authentication; the id is random, so nothing about the person is sent.
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    let response: globalThis.Response;
    try {
      response = await fetchImpl(`${settings.directLineEndpoint}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${settings.directLineSecret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      logger.error({ event: 'directLineTokenFailed', err: errorFields(error), reqId: req.requestId }, 'the Direct Line token request failed');
      unavailable(res, 'DirectLineUnavailable', 'Direct Line could not be reached. Try again shortly.');
      return;
    }
    const payload = (await response.json().catch(() => undefined)) as { token?: unknown; conversationId?: unknown; expires_in?: unknown } | undefined;
    if (!response.ok || typeof payload?.token !== 'string' || !payload.token) {
      logger.error({ event: 'directLineTokenRefused', upstreamStatus: response.status, reqId: req.requestId }, 'Direct Line did not issue a token');
      const reason =
        response.status === 401 || response.status === 403
          ? 'Direct Line refused the secret: check DIRECT_LINE_SECRET.'
          : 'Direct Line did not issue a token. Try again shortly.';
      unavailable(res, 'DirectLineUnavailable', reason);
      return;
    }
    const answer: TokenAnswer = {
      mode: 'directline',
      token: payload.token,
      conversationId: typeof payload.conversationId === 'string' ? payload.conversationId : undefined,
      userId,
      expiresIn: typeof payload.expires_in === 'number' ? payload.expires_in : undefined,
      domain: `${settings.directLineEndpoint}/v3/directline`,
      webSocket: true,
    };
    res.send(200, answer);
  });
}
