import {
  type CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore } from './bots/conversationStore';
import { createStorage } from './bots/storage';
import { TriageAdapter, TriageAuthentication } from './server/adapter';
import { isAuthRequired } from './server/auth';
import { refuseMultipart } from './server/bodyGuard';
import { StorageHealth } from './server/health';
import { Lifecycle } from './server/lifecycle';
import { messagesRoute, readMessageLimits } from './server/messages';
import { TriageBot } from './bots/triageBot';
import { catalog } from './data/catalog';
import { contentFor, fill } from './dialogs/content';
import { DEFAULT_IDLE_TIMEOUT_MS } from './dialogs/turn';
import { contactFacts } from './dialogs/facts';
import { registerWebChat } from './web/register';

/** How often idle conversations are looked for and deleted. */
export const IDLE_SWEEP_INTERVAL_MS = 60_000;

/** Bodies larger than this get 413: no activity this bot understands comes near it. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ServerOptions {
  env?: NodeJS.ProcessEnv;
  storage?: Storage;
  clock?: () => Date;
  log?: (line: string) => void;
}

export interface RunningServer {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: TriageBot;
  url: string;
  close(): Promise<void>;
  /** Graceful stop: stop accepting, let the turns in flight finish (up to `timeoutMs`), close. True if all finished. */
  shutdown(timeoutMs?: number): Promise<boolean>;
}

/** Why an incoming body is not an activity we can process, or null when it is. */
export function activityProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object (an activity).';
  const activity = body as Record<string, unknown>;
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  const from = activity.from as Record<string, unknown> | undefined;
  if (typeof activity.type !== 'string' || !activity.type) return 'The activity has no "type".';
  if (typeof activity.channelId !== 'string' || !activity.channelId) return 'The activity has no "channelId".';
  if (typeof conversation?.id !== 'string' || !conversation.id) return 'The activity has no "conversation.id".';
  if (typeof from?.id !== 'string' || !from.id) return 'The activity has no "from.id".';
  return null;
}

function authenticationConfig(env: NodeJS.ProcessEnv): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  };
}

export function createServer(options: ServerOptions = {}): { server: restify.Server; adapter: CloudAdapter; bot: TriageBot; lifecycle: Lifecycle } {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  // In memory, or Azure Blob Storage when AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_CONTAINER are set.
  const storage = options.storage ?? createStorage(env);
  const store = new ConversationStore(storage);
  const idleMinutes = Number(env.CONVERSATION_IDLE_MINUTES);
  const idleTimeoutMs = Number.isFinite(idleMinutes) && idleMinutes > 0 ? idleMinutes * 60_000 : DEFAULT_IDLE_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const bot = new TriageBot({ store, clock, idleTimeoutMs });
  // Reuses the outbound clients it builds (see server/adapter.ts); every request is still authenticated in full.
  const authentication = new TriageAuthentication(authenticationConfig(env));
  const adapter = new TriageAdapter(authentication);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Never log the activity's text or value: they may hold what the user typed.
    log(`[onTurnError] ${error.name}: ${error.message} (activity type ${context.activity.type}, channel ${context.activity.channelId})`);
    // The numbers go out first: if storage is what failed, resetting the conversation may fail too.
    try {
      const content = contentFor(context.activity.locale);
      await context.sendActivity(fill(content.replies.turnError, contactFacts()));
    } catch (sendError) {
      log(`[onTurnError] could not reply: ${(sendError as Error).name}`);
    }
    try {
      await bot.forget(context);
    } catch (resetError) {
      log(`[onTurnError] could not reset the conversation: ${(resetError as Error).name}`);
    }
  };

  const server = restify.createServer({ name: 'cyber-triage-bot', handleUncaughtExceptions: false });
  const lifecycle = new Lifecycle(server);
  // Multipart would bypass the body size limit and write files to the temp directory: refused on every route.
  server.pre(refuseMultipart);
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  // Rate limits, activity validation (400), authentication (401, never 500), then the turn: see server/messages.ts.
  server.post(
    '/api/messages',
    messagesRoute({
      adapter,
      authentication,
      authRequired: isAuthRequired(env),
      logic: (context) => bot.run(context),
      activityProblem,
      limits: readMessageLimits(env),
      log,
    }),
  );

  // 503 with a reason when conversation state can't be reached (probe cached for a few seconds). While stopping,
  // every request, this one included, gets 503 from the lifecycle guard.
  const healthCacheSeconds = env.HEALTH_CACHE_SECONDS?.trim() ? Number(env.HEALTH_CACHE_SECONDS) : NaN;
  const health = new StorageHealth(storage, { cacheMs: (Number.isFinite(healthCacheSeconds) && healthCacheSeconds >= 0 ? healthCacheSeconds : 5) * 1000 });
  server.get('/healthz', async (_req, res) => {
    const storageHealth = await health.check();
    if (storageHealth.ok) res.send(200, { status: 'ok', units: Object.keys(catalog.units).length });
    else res.send(503, { status: 'degraded', reason: storageHealth.reason });
  });

  // Answers are kept no longer than the idle expiry: once a minute, delete the conversations that have gone idle.
  const sweep = setInterval(() => {
    store.deleteIdle(clock(), idleTimeoutMs).then(
      (deleted) => deleted && log(`[sweep] deleted ${deleted} idle conversation(s)`),
      (error: Error) => log(`[sweep] failed: ${error.name}`),
    );
  }, IDLE_SWEEP_INTERVAL_MS);
  sweep.unref();
  server.server.on('close', () => clearInterval(sweep));

  // Web chat: the page at /, the plain-HTML triage at /triage (same store, clock and expiry as the bot),
  // POST /api/directline/token and (with no DIRECT_LINE_SECRET) the local Direct Line channel.
  registerWebChat(server, { env, log, conversations: store, clock, idleTimeoutMs });

  return { server, adapter, bot, lifecycle };
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
  const log = options.log ?? ((line: string) => console.log(line));
  const running = await startServer({ ...options, env, log, host: env.HOST ?? '127.0.0.1' });
  log(`Cyber triage bot listening on ${running.url}: web chat at ${running.url}/ (POST /api/messages, GET /healthz)`);
  const stop = async (signal: string) => {
    log(`[shutdown] ${signal}: finishing the requests in flight`);
    const timeoutSeconds = Number(env.SHUTDOWN_TIMEOUT_SECONDS);
    const drained = await running.shutdown((Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 10) * 1000);
    log(`[shutdown] ${drained ? 'done' : 'timed out with requests in flight'}`);
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
