import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MemoryStorage,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore } from './bots/conversationStore';
import { TriageBot } from './bots/triageBot';
import { catalog } from './data/catalog';
import { contentFor, fill } from './dialogs/content';
import { contactFacts } from './dialogs/facts';
import { registerWebChat } from './web/register';

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

export function createServer(options: ServerOptions = {}): { server: restify.Server; adapter: CloudAdapter; bot: TriageBot } {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const storage = options.storage ?? new MemoryStorage();
  const store = new ConversationStore(storage);
  const idleMinutes = Number(env.CONVERSATION_IDLE_MINUTES);
  const bot = new TriageBot({
    store,
    clock: options.clock,
    idleTimeoutMs: Number.isFinite(idleMinutes) && idleMinutes > 0 ? idleMinutes * 60_000 : undefined,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationConfig(env)));

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
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: 'BadRequest', message: problem });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', units: Object.keys(catalog.units).length });
    return next();
  });

  // Web chat: the page at /, POST /api/directline/token and (with no DIRECT_LINE_SECRET) the local Direct Line channel.
  registerWebChat(server, { env, log });

  return { server, adapter, bot };
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
  };
}

if (require.main === module) {
  startServer({ host: process.env.HOST ?? '127.0.0.1' }).then(({ url }) => {
    console.log(`Cyber triage bot listening on ${url} (POST ${url}/api/messages, GET ${url}/healthz)`);
  });
}
