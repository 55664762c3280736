import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type Activity } from 'botbuilder';
import * as restify from 'restify';
import { registerWebChat, type WebChat, type WebChatOptions } from '../../web/register';

/**
 * A server like index.ts's, with a tiny stand-in bot instead of the triage bot, so the channel and the token
 * endpoint are tested on their own: it greets on conversationUpdate (once per conversation), answers "yes" with
 * the next question and echoes anything else. It records every activity it was sent.
 */
export class StubBot extends ActivityHandler {
  readonly received: Partial<Activity>[] = [];
  private readonly greeted = new Set<string>();

  constructor() {
    super();
    this.onTurn(async (context, next) => {
      this.received.push(JSON.parse(JSON.stringify(context.activity)));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const conversationId = context.activity.conversation.id;
      if (!this.greeted.has(conversationId) && context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id)) {
        this.greeted.add(conversationId);
        await context.sendActivity('Welcome to the stub bot.');
        await context.sendActivity(MessageFactory.suggestedActions(['Yes', 'No'], 'Is the incident happening now?'));
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const value = context.activity.value as { answer?: string } | undefined;
      const text = (value?.answer ?? context.activity.text ?? '').trim().toLowerCase();
      if (text === 'yes') {
        await context.sendActivity(MessageFactory.suggestedActions(['An organisation', 'Myself'], 'Are you asking for an organisation or for yourself?'));
      } else {
        await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      }
      await next();
    });
  }
}

export interface StubServer extends WebChat {
  url: string;
  bot: StubBot;
  close(): Promise<void>;
}

export async function startStubServer(options: WebChatOptions = {}): Promise<StubServer> {
  const env = options.env ?? {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new StubBot();
  const server = restify.createServer({ name: 'stub', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  const webChat = registerWebChat(server, { ...options, env, log: options.log ?? (() => undefined) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...webChat,
    url: `http://127.0.0.1:${server.address().port}`,
    bot,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
