import type { Server } from 'restify';
import type { BodyLimits } from '../server/body';
import { createLogger, type Logger } from '../server/logging';
import { DirectLineChannel, registerDirectLineChannel } from './directLineChannel';
import { RateLimiter } from './rateLimit';
import { setSecurityHeaders, type PolicyOptions } from './securityHeaders';
import { selfBaseUrl } from './serverAddress';
import { readWebChatSettings, type WebChatDeployment, type WebChatSettings } from './settings';
import { registerStaticPage } from './staticPage';
import { registerTokenEndpoint } from './tokenEndpoint';

export interface WebChatOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Receives JSON log lines when no `logger` is given. */
  log?: (line: string) => void;
  /** Body limits of the JSON routes (server/body.ts defaults otherwise). */
  bodyLimits?: BodyLimits;
  /** The deployment's settings for the page (server/deployment.ts): quick exit, force name, brand colour, logo. */
  deployment?: WebChatDeployment;
  /** For tests: the clock the rate limiter and the channel use (milliseconds). */
  now?: () => number;
  /** For tests: what the token endpoint uses to call Direct Line. */
  fetch?: typeof fetch;
}

export interface WebChat {
  settings: WebChatSettings;
  /** The local Direct Line channel, when it is on. */
  channel?: DirectLineChannel;
}

/**
 * Adds the web chat to the bot's server: the page at / (Bot Framework Web Chat from node_modules), the token
 * endpoint POST /api/directline/token, and — unless DIRECT_LINE_SECRET is set or LOCAL_DIRECT_LINE=off — a local
 * Direct Line 3.0 channel that reaches the bot through the server's own /api/messages.
 */
export function registerWebChat(server: Server, options: WebChatOptions = {}): WebChat {
  const env = options.env ?? process.env;
  const logger = createLogger({ logger: options.logger, log: options.log, env });
  const settings = readWebChatSettings(env, options.deployment);
  for (const warning of settings.warnings) logger.warn({ event: 'config', component: 'webchat' }, warning);
  if (settings.problem) logger.warn({ event: 'config', component: 'webchat', problem: settings.problem }, 'web chat is unavailable');

  const directLineOrigin = new URL(settings.directLineEndpoint);
  const policy: Omit<PolicyOptions, 'nonce'> = {
    // Production: Web Chat calls Direct Line over https, and streams over wss.
    connectSources: settings.mode === 'directline' ? [directLineOrigin.origin, `wss://${directLineOrigin.host}`] : [],
    frameAncestors: settings.embedAllowedOrigins,
  };
  const apiHeaders = (res: Parameters<typeof setSecurityHeaders>[0]) => setSecurityHeaders(res, policy);
  const limiter = new RateLimiter(settings.tokenRequestsPerMinute, 60_000, options.now);

  let channel: DirectLineChannel | undefined;
  if (settings.mode === 'local') {
    channel = new DirectLineChannel({
      selfUrl: () => selfBaseUrl(server),
      maxConversations: settings.maxConversations,
      idleMs: settings.conversationIdleMs,
      maxActivitiesPerConversation: settings.maxActivitiesPerConversation,
      maxBytesPerConversation: settings.maxBytesPerConversation,
      maxTotalBytes: settings.maxTotalBytes,
      now: options.now,
      logger,
    });
    channel.startSweeping();
    server.server.on('close', () => channel?.stopSweeping());
    registerDirectLineChannel(server, channel, { limiter, trustProxy: settings.trustProxy, logger, headers: apiHeaders, bodyLimits: options.bodyLimits });
  }

  registerTokenEndpoint(server, { settings, limiter, channel, fetch: options.fetch, logger, headers: apiHeaders, bodyLimits: options.bodyLimits });
  registerStaticPage(server, { policy, quickExitUrl: settings.quickExitUrl });
  return { settings, channel };
}
