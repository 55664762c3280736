import { MemoryStorage } from 'botbuilder';
import type { Server } from 'restify';
import type { BodyLimits } from '../server/body';
import { createLogger, type Logger } from '../server/logging';
import { ConversationStore } from '../bots/conversationStore';
import type { ObservedTurn } from '../bots/triageBot';
import { DEFAULT_IDLE_TIMEOUT_MS } from '../dialogs/turn';
import { DirectLineChannel, registerDirectLineChannel } from './directLineChannel';
import { RateLimiter } from './rateLimit';
import { setSecurityHeaders, type PolicyOptions } from './securityHeaders';
import { selfBaseUrl } from './serverAddress';
import { readWebChatSettings, type WebChatDeployment, type WebChatSettings } from './settings';
import { SUPPORTED_LANGUAGES } from '../dialogs/content';
import { registerAdvicePage } from './advice/page';
import { registerStaticPage } from './staticPage';
import { registerTokenEndpoint } from './tokenEndpoint';
import { TriageChannel } from './triage/channel';

export interface WebChatOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Receives JSON log lines when no `logger` is given. */
  log?: (line: string) => void;
  /** Body limits of the JSON routes (server/body.ts defaults otherwise). */
  bodyLimits?: BodyLimits;
  /** The deployment's settings for the page (server/deployment.ts): quick exit, force name, brand colour, logo. */
  deployment?: WebChatDeployment;
  /** Every answer's turn on the plain-HTML pages, for the server's observer (logs, metrics), as the bot's turns. */
  onTurnResult?: (turn: ObservedTurn) => void;
  /** For tests: the clock the rate limiter and the channel use (milliseconds). */
  now?: () => number;
  /** For tests: what the token endpoint uses to call Direct Line. */
  fetch?: typeof fetch;
  /**
   * The bot's conversation store: the plain-HTML triage keeps its conversations there too, and hands them over to
   * Web Chat's. Without one (a server with no triage bot, as in some tests) the triage gets its own, in memory.
   */
  conversations?: ConversationStore;
  /** The bot's clock and idle expiry, so the plain-HTML triage's turns match the bot's. */
  clock?: () => Date;
  idleTimeoutMs?: number;
}

export interface WebChat {
  settings: WebChatSettings;
  /** The local Direct Line channel, when it is on. */
  channel?: DirectLineChannel;
  /** The plain-HTML triage (at /triage, and the first step on /). */
  triage: TriageChannel;
}

/**
 * Adds the web chat to the bot's server: the page at / (the urgent numbers and the first question in its own HTML,
 * then Bot Framework Web Chat from node_modules), the plain-HTML triage at /triage, the token endpoint
 * POST /api/directline/token, and — unless DIRECT_LINE_SECRET is set or LOCAL_DIRECT_LINE=off — a local Direct Line
 * 3.0 channel that reaches the bot through the server's own /api/messages.
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
    // The force's logo, from its own site (https, checked when the settings were read).
    imageSources: [...new Set([settings.logoUrl, options.deployment?.avatar?.imageUrl].filter((url): url is string => Boolean(url)).map((url) => new URL(url).origin))],
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
    const refreshLimiter = new RateLimiter(settings.tokenRefreshesPerMinute, 60_000, options.now);
    registerDirectLineChannel(server, channel, { limiter, refreshLimiter, trustProxy: settings.trustProxy, logger, headers: apiHeaders, bodyLimits: options.bodyLimits });
  }

  registerTokenEndpoint(server, { settings, limiter, channel, fetch: options.fetch, logger, headers: apiHeaders, bodyLimits: options.bodyLimits });

  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let conversations = options.conversations;
  if (!conversations) {
    const ownStore = new ConversationStore(new MemoryStorage());
    const clock = options.clock ?? (() => new Date());
    const sweep = setInterval(() => void ownStore.deleteIdle(clock(), idleTimeoutMs).catch(() => undefined), 60_000);
    sweep.unref();
    server.server.on('close', () => clearInterval(sweep));
    conversations = ownStore;
  }
  const triage = new TriageChannel({
    store: conversations,
    clock: options.clock,
    idleTimeoutMs,
    cookieSecret: settings.triageCookieSecret,
    trustProxy: settings.trustProxy,
    newSessions: new RateLimiter(settings.triageSessionsPerMinute, 60_000, options.now),
    webChatChannelId: channel?.channelId,
    verifyWebChatConversation: channel
      ? (authorization, conversationId) => {
          try {
            channel!.authorize(authorization, conversationId);
            return true;
          } catch {
            return false;
          }
        }
      : undefined,
    logger,
    deployment: {
      defaultNation: options.deployment?.defaultNation,
      forceName: settings.forceName,
      languages: options.deployment?.languages,
      liveChat: options.deployment?.liveChat,
    },
    onTurnResult: options.onTurnResult,
  });
  registerStaticPage(server, {
    policy,
    quickExitUrl: settings.quickExitUrl,
    triage,
    idleMinutes: Math.round(idleTimeoutMs / 60_000),
    forceName: settings.forceName,
    brandColour: settings.brandColour,
    logoUrl: settings.logoUrl,
    languages: options.deployment?.languages,
    avatar: options.deployment?.avatar,
    statements: options.deployment?.statements,
    channelMode: settings.mode,
    displayNames: [options.deployment?.teams?.shortName, options.deployment?.teams?.fullName].filter((name): name is string => !!name),
  });
  // "Keep this advice": the printable page of an outcome, addressed by the answers alone (web/advice/page.ts).
  registerAdvicePage(server, { policy, languages: SUPPORTED_LANGUAGES, defaultNation: options.deployment?.defaultNation });
  return { settings, channel, triage };
}
