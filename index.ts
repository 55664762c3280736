import {
  type CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore, isStorageUnavailable, readStoreDeadlines } from './bots/conversationStore';
import { createStorage } from './bots/storage';
import { TriageBot, type CompletedTurn } from './bots/triageBot';
import { activityProblem } from './server/activity';
import { TriageAdapter, TriageAuthentication } from './server/adapter';
import { isAuthRequired } from './server/auth';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_JSON_DEPTH, jsonBody, refuseMultipart } from './server/body';
import { StorageHealth } from './server/health';
import { deploymentSummary, resolveDeploymentSettings, type DeploymentSettings } from './server/deployment';
import { Lifecycle } from './server/lifecycle';
import { KNOWN_ACTIVITY_TYPES, KNOWN_CHANNELS, createLogger, errorFields, knownOr, logRequests, type Logger } from './server/logging';
import { messagesRoute, readMessageLimits, requestLoggerOf } from './server/messages';
import { TriageMetrics, countResponses, metricsToken, registerMetricsRoute } from './server/metrics';
import { TurnObserver } from './server/observe';
import { OutboundHardening, isOutboundFailure, readOutboundLimits } from './server/outbound';
import { readServiceUrlPolicy } from './server/serviceUrl';
import { guardSockets, readSocketLimits } from './server/sockets';
import { turnErrorMessageFor, turnErrorMessages } from './server/turnError';
import { catalog } from './data/catalog';
import { DEFAULT_IDLE_TIMEOUT_MS } from './dialogs/turn';
import { registerWebChat } from './web/register';
import { selfBaseUrl } from './web/serverAddress';

export { activityProblem } from './server/activity';

/** How often idle conversations are looked for and deleted. */
export const IDLE_SWEEP_INTERVAL_MS = 60_000;

/** Bodies larger than this get 413: no activity this bot understands comes near it. */
export const MAX_BODY_BYTES = DEFAULT_MAX_BODY_BYTES;
/** JSON nested deeper than this gets 400 (a 30,000-deep `value` used to poison a Direct Line transcript). */
export const MAX_JSON_DEPTH = DEFAULT_MAX_JSON_DEPTH;

export interface ServerOptions {
  env?: NodeJS.ProcessEnv;
  storage?: Storage;
  clock?: () => Date;
  /** Receives every log line (one JSON object per line, as written to stdout otherwise): for tests. */
  log?: (line: string) => void;
  /** A ready pino logger (wins over `log`). */
  logger?: Logger;
  /**
   * Called after every turn, after the server's own observer (server/observe.ts: the per-turn log line and the
   * metrics) has seen it (see TriageBotOptions.onTurnResult).
   */
  onTurnResult?: (observation: CompletedTurn) => void;
  /** The deployment's settings, already resolved (default: from DEPLOYMENT_SETTINGS and the environment). */
  deployment?: DeploymentSettings;
}

export interface RunningServer {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: TriageBot;
  logger: Logger;
  deployment: DeploymentSettings;
  /** The bot's metrics, when METRICS_TOKEN is set. */
  metrics?: TriageMetrics;
  sweepIdle(): Promise<number>;
  url: string;
  close(): Promise<void>;
  /** Graceful stop: stop accepting, let the turns in flight finish (up to `timeoutMs`), close. True if all finished. */
  shutdown(timeoutMs?: number): Promise<boolean>;
}

function authenticationConfig(env: NodeJS.ProcessEnv): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  };
}

/**
 * PUBLIC_BASE_URL (the service's https address, as for `npm run teams:package`): links to the service's own pages that
 * must be absolute (the advice page from a Teams card). Unset or not an https address: links stay paths (Web Chat
 * and the plain-HTML pages are served from here), and a Teams card leaves the advice button out.
 */
export function readPublicBaseUrl(env: NodeJS.ProcessEnv, logger?: Logger): string | undefined {
  const value = env.PUBLIC_BASE_URL?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' && !url.search && !url.hash && !url.username && !url.password) return url.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  logger?.warn({ event: 'config', setting: 'PUBLIC_BASE_URL' }, 'PUBLIC_BASE_URL is not an https address without query or fragment: ignored');
  return undefined;
}

export interface CreatedServer {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: TriageBot;
  lifecycle: Lifecycle;
  logger: Logger;
  deployment: DeploymentSettings;
  metrics?: TriageMetrics;
  /** Deletes the conversations idle past the expiry now (what the once-a-minute sweep does); how many were deleted. */
  sweepIdle(): Promise<number>;
}

export function createServer(options: ServerOptions = {}): CreatedServer {
  const env = options.env ?? process.env;
  const logger = createLogger({ logger: options.logger, log: options.log, env });
  // The force's own settings: DEPLOYMENT_SETTINGS (a JSON file) over the environment. A bad one stops start-up here.
  const deployment = options.deployment ?? resolveDeploymentSettings(env);
  logger.info({ event: 'config', component: 'deployment', ...deploymentSummary(deployment) }, 'deployment settings');
  // Anonymous counts at GET /metrics, only when METRICS_TOKEN is set (server/metrics.ts).
  const token = metricsToken(env);
  const metrics = token ? new TriageMetrics() : undefined;
  if (token && token.length < 16) logger.warn({ event: 'config', setting: 'METRICS_TOKEN' }, 'METRICS_TOKEN is short: use a random value of 32 characters or more');
  const idleMinutes = Number(env.CONVERSATION_IDLE_MINUTES);
  const idleTimeoutMs = Number.isFinite(idleMinutes) && idleMinutes > 0 ? idleMinutes * 60_000 : DEFAULT_IDLE_TIMEOUT_MS;
  // Every turn's result goes through one observer: its log line and its metrics (server/observe.ts).
  const observer = new TurnObserver({ logger, metrics, idleTimeoutMs });
  // In memory, or Azure Blob Storage when AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_CONTAINER are set.
  const storage = options.storage ?? createStorage(env);
  // Every storage call has a deadline, and every turn's storage work a budget (bots/conversationStore.ts).
  const store = new ConversationStore(
    storage,
    {
      idleExpired: observer.idleExpired,
      conflict: () => metrics?.storageConflicts.inc(),
      storageError: (operation) => metrics?.storageErrors.inc({ operation }),
    },
    readStoreDeadlines(env),
  );
  const clock = options.clock ?? (() => new Date());
  const onTurnResult = (observation: CompletedTurn) => {
    try {
      observer.observe(observation);
    } finally {
      options.onTurnResult?.(observation);
    }
  };
  const publicBaseUrl = readPublicBaseUrl(env, logger);
  const onReplayed = (context: TurnContext) =>
    (requestLoggerOf(context) ?? logger).info(
      { event: 'turnReplayed', activityType: knownOr(context.activity.type, KNOWN_ACTIVITY_TYPES), channel: knownOr(context.activity.channelId, KNOWN_CHANNELS) },
      'an activity answered before came again: its replies were sent again, nothing applied',
    );
  const bot = new TriageBot({ store, clock, idleTimeoutMs, onTurnResult, deployment, publicBaseUrl, onReplayed });
  // Reuses the outbound clients it builds (see server/adapter.ts), each with bounded timeouts and retries (server/outbound.ts).
  const outbound = new OutboundHardening(readOutboundLimits(env));
  const authentication = new TriageAuthentication(authenticationConfig(env), outbound);
  const adapter = new TriageAdapter(authentication);

  // Built once, now, in each language: the reply to a failed turn depends on nothing that can fail then.
  const turnErrorReplies = turnErrorMessages();
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const turnLogger = requestLoggerOf(context) ?? logger;
    // Never the activity's text or value, nor the error's message (it may quote them): the kind of failure only.
    const outboundFailed = isOutboundFailure(error);
    const storageFailed = isStorageUnavailable(error);
    metrics?.turnErrors.inc({ kind: outboundFailed ? 'outbound' : 'other' });
    turnLogger.error(
      {
        event: 'turnError',
        err: errorFields(error),
        activityType: knownOr(context.activity.type, KNOWN_ACTIVITY_TYPES),
        channel: knownOr(context.activity.channelId, KNOWN_CHANNELS),
        outbound: outboundFailed,
        storage: storageFailed,
      },
      'a turn failed',
    );
    // The numbers go out first, whatever failed, in words that claim nothing about the conversation. When the turn
    // failed because its replies could not be delivered, this reply would go the same failing way: not tried.
    if (!outboundFailed) {
      try {
        await context.sendActivity(turnErrorMessageFor(turnErrorReplies, context.activity.locale));
      } catch (sendError) {
        turnLogger.error({ event: 'turnErrorReplyFailed', err: errorFields(sendError) }, 'could not send the turn-error reply');
      }
    }
    // A turn that failed on its own (not on storage, not on delivery) may have met a record it cannot handle: that
    // conversation is reset so the next message starts afresh. In the background, with the store's deadline: the
    // user is not kept waiting on a delete that may hang. Storage failing or replies undelivered leave the
    // conversation as it was: it is not what went wrong, and a retry of the same activity is then answered.
    if (!outboundFailed && !storageFailed) {
      bot.forget(context).catch((resetError: unknown) => {
        logger.error({ event: 'turnErrorResetFailed', err: errorFields(resetError) }, 'could not reset the conversation');
      });
    }
  };

  // restify logs through pino too; its serializers (server/logging.ts) reduce a request to method and route.
  const server = restify.createServer({ name: 'cyber-triage-bot', handleUncaughtExceptions: false, log: logger.child({ component: 'restify' }) as never });
  // Every socket answered or closed in bounded time: upgrades and CONNECT refused, timeouts for every state (server/sockets.ts).
  guardSockets(server.server, { logger, limits: readSocketLimits(env), onRefused: () => metrics?.httpResponses.inc({ status_class: '4xx' }) });
  // First, so that every request is logged once, refusals in `pre` included.
  logRequests(server, logger);
  if (metrics) countResponses(server, metrics);
  const lifecycle = new Lifecycle(server);
  // Multipart would bypass the body size limit and write files to the temp directory: refused on every route.
  server.pre(refuseMultipart);
  server.use(restify.plugins.queryParser());
  // No global body parser: each route reads its own body (server/body.ts). The JSON routes accept application/json
  // only (415 otherwise), up to MAX_BODY_BYTES (413) and MAX_JSON_DEPTH (400), checked before anything is stored.
  const bodyLimits = { maxBytes: MAX_BODY_BYTES, maxDepth: MAX_JSON_DEPTH };

  // Web chat: the page at /, the plain-HTML triage at /triage (same store, clock and expiry as the bot),
  // POST /api/directline/token and (with no DIRECT_LINE_SECRET) the local Direct Line channel.
  const webChat = registerWebChat(server, {
    env,
    logger,
    bodyLimits,
    conversations: store,
    clock,
    idleTimeoutMs,
    deployment,
    onTurnResult: (turn) => observer.observeTurn(turn),
  });

  const authRequired = isAuthRequired(env);
  const serviceUrlPolicy = readServiceUrlPolicy(env);
  for (const entry of serviceUrlPolicy.ignored) {
    logger.warn({ event: 'config', setting: 'ALLOWED_SERVICE_URLS', entry }, 'ignored an entry (expected http(s)://host[:port|:*][/path], no query)');
  }

  // Rate limits, activity validation (400), serviceUrl allow-list with auth off (400), authentication (401, never
  // 500), then the turn: see server/messages.ts.
  server.post(
    '/api/messages',
    jsonBody(bodyLimits),
    messagesRoute({
      adapter,
      authentication,
      authRequired,
      logic: (context) => bot.run(context),
      activityProblem,
      limits: readMessageLimits(env),
      logger,
      serviceUrls: { policy: serviceUrlPolicy, localServiceUrl: () => (webChat.channel ? selfBaseUrl(server) : undefined) },
    }),
  );

  // Health, in two meanings (docs/production.md says which the platform should use for what):
  // - GET /livez: the process answers HTTP. Nothing else is checked, so a storage outage, which every instance
  //   shares, never gets healthy instances pulled or restarted (they still answer with the numbers).
  // - GET /readyz: conversation state can be reached too (probe cached for HEALTH_CACHE_SECONDS, default 5), else
  //   503 with a reason. For monitoring and for gating a new instance's start, not for pulling instances.
  // - GET /healthz: as before, the same answer as /readyz plus the number of units, for existing users.
  // While stopping, every request, these included, gets 503 from the lifecycle guard.
  const healthCacheSeconds = env.HEALTH_CACHE_SECONDS?.trim() ? Number(env.HEALTH_CACHE_SECONDS) : NaN;
  const health = new StorageHealth(storage, { cacheMs: (Number.isFinite(healthCacheSeconds) && healthCacheSeconds >= 0 ? healthCacheSeconds : 5) * 1000 });
  const noStore = (res: restify.Response) => res.header('Cache-Control', 'no-store');
  server.get('/livez', async (_req, res) => {
    noStore(res);
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    noStore(res);
    const storageHealth = await health.check();
    if (storageHealth.ok) res.send(200, { status: 'ready' });
    else res.send(503, { status: 'unready', reason: storageHealth.reason });
  });
  server.get('/healthz', async (_req, res) => {
    noStore(res);
    const storageHealth = await health.check();
    if (storageHealth.ok) res.send(200, { status: 'ok', units: Object.keys(catalog.units).length });
    else res.send(503, { status: 'degraded', reason: storageHealth.reason });
  });

  if (metrics && token) registerMetricsRoute(server, metrics, token);

  // Answers are kept no longer than the idle expiry: once a minute, delete the conversations that have gone idle.
  const sweepIdle = () => store.deleteIdle(clock(), idleTimeoutMs);
  const sweep = setInterval(() => {
    sweepIdle().then(
      (deleted) => deleted && logger.info({ event: 'idleSweep', deleted }, 'deleted idle conversations'),
      (error: Error) => logger.error({ event: 'idleSweepFailed', err: errorFields(error) }, 'the idle sweep failed'),
    );
  }, IDLE_SWEEP_INTERVAL_MS);
  sweep.unref();
  server.server.on('close', () => {
    clearInterval(sweep);
    outbound.destroy();
  });

  return { server, adapter, bot, lifecycle, logger, deployment, metrics, sweepIdle };
}

export async function startServer(options: ServerOptions & { port?: number; host?: string } = {}): Promise<RunningServer> {
  const created = createServer(options);
  const port = options.port ?? Number(options.env?.PORT ?? process.env.PORT ?? 3978);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => created.server.listen(port, host, resolve));
  const address = created.server.address();
  const url = `http://${host}:${address.port}`;
  return {
    ...created,
    url,
    close: () => new Promise<void>((resolve) => created.server.close(() => resolve())),
    shutdown: (timeoutMs) => created.lifecycle.shutdown(timeoutMs),
  };
}

/**
 * The process entry: start, and on SIGTERM/SIGINT stop accepting, finish the turns in flight and exit 0 (1 if some
 * did not finish within SHUTDOWN_TIMEOUT_SECONDS, default 10).
 */
export async function main(options: ServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = createLogger({ logger: options.logger, log: options.log, env });
  const running = await startServer({ ...options, env, logger, host: env.HOST ?? '127.0.0.1' });
  logger.info({ event: 'listening', url: running.url }, `Cyber triage bot listening on ${running.url}: web chat at ${running.url}/ (POST /api/messages, GET /livez, GET /readyz)`);
  const stop = async (signal: string) => {
    logger.info({ event: 'shutdown', signal }, 'finishing the requests in flight');
    const timeoutSeconds = Number(env.SHUTDOWN_TIMEOUT_SECONDS);
    const drained = await running.shutdown((Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 10) * 1000);
    logger.info({ event: 'shutdown', drained }, drained ? 'done' : 'timed out with requests in flight');
    process.exit(drained ? 0 : 1);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return running;
}

if (require.main === module) {
  main().catch((error: Error) => {
    // A configuration the server can't start with (storage, data files): say which, and stop.
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  });
}
