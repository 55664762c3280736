import { ActivityTypes, TeamsActivityHandler, TurnContext, type Activity, type BotHandler } from 'botbuilder';
import type { Nation } from '../data/types';
import { runTurn, type ConversationRecord, type TurnEnvironment, type TurnInput, type TurnResult } from '../dialogs/turn';
import type { ForceNameSetting } from '../dialogs/facts';
import type { LiveChat } from '../dialogs/intents';
import { toActivities } from './activities';
import type { ConversationStore } from './conversationStore';

export interface TriageBotOptions {
  store: ConversationStore;
  clock?: () => Date;
  /** A conversation idle for longer starts afresh with a short note. */
  idleTimeoutMs?: number;
  /**
   * Called once after every turn that ran (its record written, before its replies are sent): the one place where
   * per-turn logs and metrics plug in. It must not throw (if it does, the error is swallowed: observing never
   * breaks a turn).
   */
  onTurnResult?: (observation: CompletedTurn) => void;
  /** The deployment's settings the conversation uses (server/deployment.ts resolves them at start-up). */
  deployment?: DeploymentTurnSettings;
  /** The service's public address (PUBLIC_BASE_URL): the advice page's link is absolute with it, as a Teams card needs. */
  publicBaseUrl?: string;
  /**
   * Called when an activity already answered in the conversation arrives again (a channel's retry): its replies are
   * sent again and nothing is applied. Must not throw (swallowed).
   */
  onReplayed?: (context: TurnContext) => void;
}

/** What of the deployment's settings reaches each turn. */
export interface DeploymentTurnSettings {
  /** Leads the live-attack outcome while the user's location is not known. */
  defaultNation?: Nation;
  /** The force running the bot, for the greeting: one name, or one per language (the dialogs decide how to use it). */
  forceName?: ForceNameSetting;
  /** Languages offered, the default first (the dialogs decide how to offer them). */
  languages?: readonly string[];
  /** The force's own live chat and its hours, where it has one ("can I speak to someone?" names it). */
  liveChat?: LiveChat;
}

/**
 * What a turn did, in any channel (the bot's, the plain-HTML pages'), for whoever observes turns (logs, metrics).
 * Raw: the observer chooses what is safe to record.
 */
export interface ObservedTurn {
  /** The stored record the turn started from (undefined for a new or expired conversation). */
  before: ConversationRecord | undefined;
  /** The record after the turn, the replies, whether anything changed. */
  result: TurnResult;
  input: TurnInput['kind'];
  /** The channel the turn came through ("msteams", "directline", "webtriage", …): only a known one is recorded. */
  channelId: string | undefined;
  startedAt: Date;
  latencyMs: number;
  /** The HTTP request's id (server/logging.ts), to link the turn's log line to the request's. */
  requestId?: string;
}

/** What a turn of the bot did (the Bot Framework channels). Raw: the observer chooses what is safe to record. */
export interface CompletedTurn {
  /** The stored record the turn started from (undefined for a new or expired conversation). */
  before: ConversationRecord | undefined;
  /** The record after the turn, the replies, whether anything changed. */
  result: TurnResult;
  input: TurnInput['kind'];
  /**
   * The turn's context (activity, turn state: e.g. the request's logger, `requestLoggerOf(context)` in
   * server/messages.ts). Usable only during the call: botbuilder revokes it when the turn ends.
   */
  context: TurnContext;
  startedAt: Date;
  latencyMs: number;
}

/**
 * The storage key of a conversation. In Teams channels each thread has its own conversation id
 * ("…;messageid=…"), so each thread keeps its own triage.
 */
export function conversationKey(activity: Partial<Activity>): string {
  return `${activity.channelId}/conversations/${activity.conversation?.id}`;
}

/**
 * In Teams group chats and channels the bot answers only when mentioned. A card click carries no mention but is
 * an answer to the bot's own card, so it counts.
 */
export function isAddressedToBot(activity: Partial<Activity>): boolean {
  const conversationType = activity.conversation?.conversationType;
  if (activity.channelId !== 'msteams' || !conversationType || conversationType === 'personal') return true;
  if (activity.value !== undefined && activity.value !== null) return true;
  return TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === activity.recipient?.id);
}

/** The transport: turns activities into turn inputs, runs the turn against stored state, sends the replies. */
export class TriageBot extends TeamsActivityHandler {
  private readonly store: ConversationStore;
  private readonly clock: () => Date;
  private readonly idleTimeoutMs?: number;
  private readonly onTurnResult?: (observation: CompletedTurn) => void;
  private readonly deployment: DeploymentTurnSettings;
  private readonly publicBaseUrl?: string;
  private readonly onReplayed?: (context: TurnContext) => void;

  constructor(options: TriageBotOptions) {
    super();
    this.publicBaseUrl = options.publicBaseUrl;
    this.onReplayed = options.onReplayed;
    this.deployment = options.deployment ?? {};
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.onTurnResult = options.onTurnResult;

    this.onMessage(this.messageHandler);

    // Direct Line may send two conversationUpdates and Teams one per install (personal scope perhaps only
    // once ever): the stored `greeted` flag makes the welcome happen once, whichever arrives.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.length) await this.runAndReply(context, { kind: 'welcome' });
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.runAndReply(context, { kind: 'welcome' });
      await next();
    });
  }

  /** What a message activity does: a turn, if the message is for the bot. */
  private readonly messageHandler: BotHandler = async (context, next) => {
    await this.onMessageTurn(context);
    await next();
  };

  private async onMessageTurn(context: TurnContext): Promise<void> {
    if (isAddressedToBot(context.activity)) {
      const { text, value } = context.activity;
      await this.runAndReply(context, { kind: 'message', text, value });
    }
  }

  /**
   * A message goes straight to its turn when nothing else is registered to run for it: the same as the SDK's
   * dispatch (Turn handlers, then Message handlers, then Dialog handlers, none but this bot's own message handler),
   * without its dozen nested async steps. Every other activity, or a bot with more handlers, takes the SDK's way.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context?.activity?.type === ActivityTypes.Message && this.handlesMessagesAlone()) return this.onMessageTurn(context);
    return super.run(context);
  }

  private handlesMessagesAlone(): boolean {
    const { Turn: turn, Message: message, Dialog: dialog } = this.handlers;
    return !turn?.length && !dialog?.length && message?.length === 1 && message[0] === this.messageHandler;
  }

  /** Clears a conversation after a failed turn, so the next message starts afresh. */
  async forget(context: TurnContext): Promise<void> {
    await this.store.delete(conversationKey(context.activity));
  }

  /**
   * Runs the turn against the stored conversation and sends its replies once it is written. An activity the
   * conversation has already answered (the same id, delivered again) is not applied again: the replies it got are
   * sent again, so a retry whose first answer was lost on the way is answered, and a retried "yes" is never taken
   * as a second answer.
   */
  private async runAndReply(context: TurnContext, input: TurnInput): Promise<void> {
    const now = this.clock();
    const started = performance.now();
    const locale = context.activity.locale;
    const activityId = typeof context.activity.id === 'string' && context.activity.id ? context.activity.id : undefined;
    let before: ConversationRecord | undefined;
    const once = await this.store.applyOnce(
      conversationKey(context.activity),
      activityId,
      (record) => {
        before = record;
        const environment: TurnEnvironment = {
          now,
          locale,
          idleTimeoutMs: this.idleTimeoutMs,
          defaultNation: this.deployment.defaultNation,
          forceName: this.deployment.forceName,
          languages: this.deployment.languages,
          liveChat: this.deployment.liveChat,
          publicBaseUrl: this.publicBaseUrl,
        };
        return runTurn(record, input, environment);
      },
      (result) => ({ messages: result.messages, language: result.language }),
    );
    if (once.replayed) {
      try {
        this.onReplayed?.(context);
      } catch {
        // observing never breaks a turn
      }
      const { messages, language } = once.replies;
      if (messages.length) await context.sendActivities(toActivities(messages, context.activity.channelId, language));
      return;
    }
    const result: TurnResult = once.result;
    if (this.onTurnResult) {
      try {
        this.onTurnResult({ before, result, input: input.kind, context, startedAt: now, latencyMs: performance.now() - started });
      } catch {
        // observing never breaks a turn
      }
    }
    if (result.messages.length) await context.sendActivities(toActivities(result.messages, context.activity.channelId, result.language));
  }
}
