import { ActivityHandler, type TurnContext } from 'botbuilder';
import { runTurn, type TurnInput, type TurnResult } from '../dialogs/turn';
import { toActivities } from './activities';
import type { ConversationStore } from './conversationStore';

export interface TriageBotOptions {
  store: ConversationStore;
  clock?: () => Date;
}

/** The storage key of a conversation; in Teams channels each thread has its own conversation id. */
export function conversationKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  return `${channelId}/conversations/${conversation.id}`;
}

/** The transport: turns activities into turn inputs, runs the turn against stored state, sends the replies. */
export class TriageBot extends ActivityHandler {
  private readonly store: ConversationStore;
  private readonly clock: () => Date;

  constructor(options: TriageBotOptions) {
    super();
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());

    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      await this.runAndReply(context, { kind: 'message', text, value });
      await next();
    });

    // Direct Line may send two conversationUpdates; the stored `greeted` flag makes the welcome happen once.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id !== botId)) {
        await this.runAndReply(context, { kind: 'welcome' });
      }
      await next();
    });
  }

  /** Clears a conversation after a failed turn, so the next message starts afresh. */
  async forget(context: TurnContext): Promise<void> {
    await this.store.delete(conversationKey(context));
  }

  private async runAndReply(context: TurnContext, input: TurnInput): Promise<TurnResult> {
    const now = this.clock();
    const locale = context.activity.locale;
    const result = await this.store.update(conversationKey(context), (record) => runTurn(record, input, { now, locale }));
    if (result.messages.length) await context.sendActivities(toActivities(result.messages));
    return result;
  }
}
