import type { BotButton, BotMessage } from '../../dialogs/render';
import { runTurn, type ConversationRecord, type TurnEnvironment, type TurnInput, type TurnObservation } from '../../dialogs/turn';
import type { ButtonAction } from '../../dialogs/buttons';

/** A fixed Wednesday, mid-morning UK time: the regional teams are open. */
export const WEDNESDAY_MORNING = new Date('2026-11-18T10:30:00Z');

/**
 * Drives the turn step the bot uses, storing the record as JSON between turns as storage would, and keeps the
 * last replies so tests can click the buttons the user actually saw.
 */
export class Conversation {
  record: ConversationRecord | undefined;
  replies: BotMessage[] = [];
  /** What the last turn reported for metrics (states, outcome, how each answer came). */
  observation: TurnObservation | undefined;
  /** The clock the next turn sees; tests move it to cross office hours or the idle expiry. */
  now: Date = WEDNESDAY_MORNING;
  private triageCounter = 0;

  constructor(private readonly environment: Partial<TurnEnvironment> = {}) {}

  send(input: TurnInput): BotMessage[] {
    const result = runTurn(this.record, input, {
      now: this.now,
      newTriageId: () => `triage-${++this.triageCounter}`,
      ...this.environment,
    });
    this.record = JSON.parse(JSON.stringify(result.record)) as ConversationRecord;
    this.replies = result.messages;
    this.observation = result.observation;
    return result.messages;
  }

  welcome(): BotMessage[] {
    return this.send({ kind: 'welcome' });
  }

  type(text: string): BotMessage[] {
    return this.send({ kind: 'message', text });
  }

  /** Clicks the button on the last reply whose action matches; fails when no such button was offered. */
  click(match: Partial<ButtonAction> | string): BotMessage[] {
    const button = this.findButton(match);
    if (!button) {
      const offered = this.buttons().map((b) => b.label).join(' | ');
      throw new Error(`No button ${JSON.stringify(match)} among: ${offered}`);
    }
    return this.send({ kind: 'message', text: button.text, value: JSON.parse(JSON.stringify(button.value)) });
  }

  buttons(): BotButton[] {
    return this.replies.flatMap((message) => message.buttons ?? []);
  }

  findButton(match: Partial<ButtonAction> | string): BotButton | undefined {
    return this.buttons().find((button) =>
      typeof match === 'string'
        ? button.label === match
        : Object.entries(match).every(([key, value]) => (button.value as Record<string, unknown>)[key] === value),
    );
  }

  text(): string {
    return this.replies.map((message) => message.text).join('\n\n');
  }

  lastState(): string | undefined {
    return [...this.replies].reverse().find((message) => message.state)?.state;
  }
}
