/**
 * A server for `npm run bench`, run in a child process (forked with an IPC channel and --expose-gc) so the load
 * generator and the server don't share one event loop. `echo` is Microsoft's stock echo-bot shape; `triage` is
 * this bot as shipped (`startServer`), with its memory storage reachable for the state-size figure.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import * as restify from 'restify';
import { MemoryConversationStorage } from '../bots/storage';
import { startServer } from '../index';
import { TriageAuthentication } from '../server/adapter';

type Command = { cmd: 'cpu' } | { cmd: 'heap' } | { cmd: 'state' } | { cmd: 'exit' } | { cmd: 'profile-start' } | { cmd: 'profile-stop'; dir: string };

/** The echo bot of Microsoft's samples (02.echo-bot), with a turn counter in ConversationState on MemoryStorage. */
async function startEcho(): Promise<number> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const conversationState = new ConversationState(new MemoryStorage());
  const turns = conversationState.createProperty<number>('turns');

  class EchoBot extends ActivityHandler {
    constructor() {
      super();
      this.onMessage(async (context, next) => {
        await turns.set(context, (await turns.get(context, 0)) + 1);
        await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
        await next();
      });
      this.onMembersAdded(async (context, next) => {
        for (const member of context.activity.membersAdded ?? []) {
          if (member.id !== context.activity.recipient.id) await context.sendActivity(MessageFactory.text('Hello and welcome!'));
        }
        await next();
      });
    }

    override async run(context: TurnContext): Promise<void> {
      await super.run(context);
      await conversationState.saveChanges(context, false);
    }
  }

  const bot = new EchoBot();
  adapter.onTurnError = async (context, error) => {
    console.error(`[onTurnError] ${error.name}`);
    await context.sendActivity('The bot encountered an error or bug.');
  };
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

class InspectableStorage extends MemoryConversationStorage {
  /** [key, bytes] of every stored conversation: its JSON as it would go to a blob (without the eTag). */
  state(): Array<[string, number]> {
    return Object.entries(this.memory)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([key, json]) => {
        const { eTag: _eTag, ...item } = JSON.parse(json);
        return [key, Buffer.byteLength(JSON.stringify(item))];
      });
  }
}

async function main() {
  const kind = process.argv[2];
  const storage = new InspectableStorage();
  let port: number;
  if (kind === 'echo') port = await startEcho();
  else if (kind === 'triage') port = (await startServer({ port: 0, storage })).server.address().port;
  else if (kind === 'triage-uncached') {
    // For comparison only: the SDK's own per-turn construction of ConnectorClient and UserTokenClient.
    TriageAuthentication.prototype.authenticateRequest = ConfigurationBotFrameworkAuthentication.prototype.authenticateRequest;
    TriageAuthentication.prototype.createUserTokenClient = ConfigurationBotFrameworkAuthentication.prototype.createUserTokenClient;
    port = (await startServer({ port: 0, storage })).server.address().port;
  } else throw new Error('usage: bench-server.ts echo|triage|triage-uncached');

  const profiler = new Session();
  process.on('message', (message: Command) => {
    if (message.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    } else if (message.cmd === 'heap') {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) gc?.();
      process.send?.({ heapUsed: process.memoryUsage().heapUsed, gc: Boolean(gc) });
    } else if (message.cmd === 'state') {
      process.send?.({ state: storage.state() });
    } else if (message.cmd === 'profile-start') {
      // The same sampling profiler as `node --cpu-prof`, started after the warm-up so start-up isn't in it.
      profiler.connect();
      profiler.post('Profiler.enable', () => profiler.post('Profiler.start', () => process.send?.({ started: true })));
    } else if (message.cmd === 'profile-stop') {
      profiler.post('Profiler.stop', (error, result) => {
        mkdirSync(message.dir, { recursive: true });
        const file = path.join(message.dir, `${kind}-${process.pid}.cpuprofile`);
        if (!error) writeFileSync(file, JSON.stringify(result.profile));
        profiler.disconnect();
        process.send?.({ file });
      });
    } else if (message.cmd === 'exit') {
      process.exit(0);
    }
  });
  process.send?.({ ready: true, port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
