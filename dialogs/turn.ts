import { randomBytes } from 'node:crypto';
import type { Command } from '../data/lexicon';
import type { LocationCandidate, Nation } from '../data/types';
import { isLiveOrganisation, isOutcome, OUTCOME_IDS, type ChangeableQuestion, type OutcomeId, type TriageEvent, type TriageStateId } from '../machines/triage';
import { forceById } from '../data/catalog';
import {
  persistTriage,
  restoreTriage,
  startTriage,
  stateIdOf,
  stepTriage,
  type StoredTriage,
  type TriageSnapshot,
} from '../machines/persistence';
import type { IntentId } from '../data/intents';
import type { FeedbackAnswer } from './buttons';
import { contentFor, languageOf, languageOfContent, type Content } from './content';
import type { ForceNameSetting } from './facts';
import { answerIntent, outcomeFallback, type IntentSettings, type LiveChat } from './intents';
import { isWrittenInWelsh } from './understanding/welsh';
import {
  changeButtons,
  languageButtons,
  noticeFromContent,
  notice,
  otherLanguageNotice,
  renderConfirmation,
  renderFeedbackPrompt,
  renderGreeting,
  renderReminder,
  renderState,
  renderChangeChoice,
  takenAsLine,
  withParagraph,
  type BotMessage,
} from './render';
import { eventOf, orderedAnswers, read, type Confirmation, type Reading, type TakenAnswer, type UserInput } from './understand';

/**
 * Everything stored for one conversation: the machine snapshot and a little bookkeeping. No free text, names or
 * contact details: only the answers the flow needs (postcodes are cut to their district before they get here).
 */
export interface ConversationRecord {
  greeted: boolean;
  /** Changes on every Start again, so buttons from an earlier triage are recognised as old. */
  triageId: string;
  triage: StoredTriage;
  /** Unrecognised answers in a row at the current question. */
  misses: number;
  /** ISO time of the last turn, for the idle expiry. */
  lastActiveAt: string;
  /**
   * The Yes/No on screen ("Did you mean Manchester?"): enumerated answers and resolved locations only (canonical
   * labels from data/), never the user's words. Cleared by the next turn, whatever it is.
   */
  pending?: Confirmation;
  /** The outcomes whose "Was this helpful?" has been answered (so it is not asked again): ids only, never the answer. */
  feedbackAnswered?: OutcomeId[];
  /**
   * The language the user chose ("cy", "en"): a button or a typed "Cymraeg" / "English", or a message written in
   * Welsh before any choice. Once set it wins over the activity's locale, for the rest of the conversation.
   */
  language?: string;
}

export type TurnInput = { kind: 'welcome' } | ({ kind: 'message' } & UserInput);

export interface TurnEnvironment {
  now: Date;
  locale?: string;
  newTriageId?: () => string;
  /** A conversation idle for longer starts afresh (default 30 minutes). */
  idleTimeoutMs?: number;
  /** The deployment's own nation: leads the live-attack outcome while the user's location is not known. */
  defaultNation?: Nation;
  /** The force running the bot (the deployment's settings, one name or one per language): the greeting names it. */
  forceName?: ForceNameSetting;
  /**
   * The languages the deployment offers, its default first (the `languages` setting). The default is used when the
   * locale is not one there is content for; the others are offered at the first question. Unset: nothing offered.
   */
  languages?: readonly string[];
  /** The deployment's public address (PUBLIC_BASE_URL): the advice page's link is absolute with it (Teams needs that). */
  publicBaseUrl?: string;
  /** The force's own live chat with a person, and its hours (the `liveChat` setting): "talk to a person" names it. */
  liveChat?: LiveChat;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

/** How one question got its answer this turn (or did not). */
export type AnswerHow =
  /** A button. */
  | 'clicked'
  /** Understood from typed text and applied. */
  | 'typed'
  /** Applied after a Yes/No confirmation (or declined by one). */
  | 'clarified'
  /** The bot was unsure and asked a Yes/No. */
  | 'confirming'
  /** The message answered nothing the question on screen asked. */
  | 'unrecognised';

/**
 * What happened in a turn, for metrics and structured logs (fed from here, at the edge, in one place). It holds no
 * free text, no ids and no place: only states, an outcome, which questions were answered and how.
 */
export interface TurnObservation {
  /** The state shown before this turn; null for a new conversation (or one that started afresh this turn). */
  stateBefore: TriageStateId | null;
  stateAfter: TriageStateId;
  /** Set when the turn ended at an outcome. */
  outcome?: OutcomeId;
  answers: Array<{ question: ChangeableQuestion | 'locationChoice'; how: AnswerHow }>;
  /** A new triage began this turn (first message, Start again, cancel, idle expiry, unreadable stored state). */
  startedTriage: boolean;
  /** A command typed or clicked: Back, Start again, Help, "what now", "thanks", "cancel". */
  command?: Exclude<Command, 'showRegionalTeam'>;
  /** "Was this helpful?" answered this turn (the first answer for that outcome only; a repeat is not reported). */
  feedback?: { outcome: OutcomeId; answer: FeedbackAnswer };
  /** A question answered this turn ("is the call free?"): its intent's id, never the words. */
  intent?: IntentId;
}

export interface TurnResult {
  record: ConversationRecord;
  messages: BotMessage[];
  /** The language the replies are in ("en", "cy"): for the channel's own words, an activity's locale, a card's lang. */
  language?: string;
  /** False when nothing needs writing (a repeated welcome). */
  changed: boolean;
  observation: TurnObservation;
}

/** After this many misses in a row, the direct numbers are shown with the question. */
export const MISSES_BEFORE_NUMBERS = 2;

/** Triage ids are drawn from a pool of random bytes refilled now and then: one system call per 1,000 ids, not per id. */
const ID_BYTES = 6;
let idPool = Buffer.alloc(0);
let idOffset = 0;

function randomTriageId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 1000);
    idOffset = 0;
  }
  const id = idPool.subarray(idOffset, idOffset + ID_BYTES).toString('base64url');
  idOffset += ID_BYTES;
  return id;
}

function freshRecord(greeted: boolean, environment: TurnEnvironment, language?: string): { record: ConversationRecord; snapshot: TriageSnapshot } {
  const snapshot = startTriage();
  const triageId = (environment.newTriageId ?? randomTriageId)();
  return {
    snapshot,
    record: {
      greeted,
      triageId,
      triage: persistTriage(snapshot),
      misses: 0,
      lastActiveAt: environment.now.toISOString(),
      // A language chosen is the conversation's, kept through Start again.
      ...(language ? { language } : {}),
    },
  };
}

/**
 * The conversation's language: the user's choice (stored), else the activity's locale where there is content for
 * it, else the deployment's default (the first of `languages`), else English.
 */
export function conversationLanguage(record: Pick<ConversationRecord, 'language'> | undefined, environment: Pick<TurnEnvironment, 'locale' | 'languages'>): string {
  return languageOf(record?.language) ?? languageOf(environment.locale) ?? languageOf(environment.languages?.[0]) ?? 'en';
}

/** The other languages the deployment offers, besides the conversation's (English too when the user is in another). */
export function otherLanguages(language: string, environment: Pick<TurnEnvironment, 'languages'>): string[] {
  const offered = (environment.languages ?? []).map((each) => languageOf(each)).filter((each): each is string => each !== null);
  return [...new Set(offered)].filter((each) => each !== language);
}

function observe(
  stateBefore: TriageStateId | null,
  snapshot: TriageSnapshot,
  fields: Partial<Pick<TurnObservation, 'answers' | 'startedTriage' | 'command' | 'feedback' | 'intent'>> = {},
): TurnObservation {
  const stateAfter = stateIdOf(snapshot);
  return {
    stateBefore,
    stateAfter,
    ...(isOutcome(stateAfter) ? { outcome: stateAfter } : {}),
    answers: fields.answers ?? [],
    startedTriage: fields.startedTriage ?? false,
    ...(fields.command ? { command: fields.command } : {}),
    ...(fields.feedback ? { feedback: fields.feedback } : {}),
    ...(fields.intent ? { intent: fields.intent } : {}),
  };
}

/**
 * One turn: stored record + what the user did → the next record + the replies + an observation of the turn. Pure
 * apart from the clock and the id generator in `environment`, so the same step serves the bot, the terminal chat
 * and the tests.
 */
export function runTurn(stored: ConversationRecord | undefined, input: TurnInput, environment: TurnEnvironment): TurnResult {
  let language = conversationLanguage(stored, environment);
  let content = contentFor(language);
  const messages: BotMessage[] = [];
  // The greeting, with a line in each other language the deployment offers, in that language ("Mae'r gwasanaeth hwn
  // ar gael yn Gymraeg hefyd."): a bilingual start where the deployment offers both.
  const greeting = () =>
    renderGreeting(
      content,
      environment.forceName,
      otherLanguages(language, environment).map((other) => ({ text: contentFor(other).language.offer, lang: contentFor(other).lang })),
    );
  // Said after the replies of this turn (the other language's offer, when a Welsh message switched to Welsh). It comes
  // after everything else, "Was this helpful?" included; the channels keep the turn's buttons on the last message sent.
  let trailing: BotMessage[] = [];
  const finish = (record: ConversationRecord, snapshot: TriageSnapshot, replies: BotMessage[], observation: TurnObservation, chosen: string) =>
    finished(record, snapshot, [...withFeedbackPrompt(replies, record, snapshot, environment, content), ...trailing], observation, chosen);

  let record: ConversationRecord;
  let snapshot: TriageSnapshot;
  const restored = stored ? restoreTriage(stored.triage) : null;
  const expired = stored !== undefined && isIdle(stored, environment);
  if (stored && restored && !expired) {
    record = { ...stored, lastActiveAt: environment.now.toISOString() };
    snapshot = restored;
  } else {
    if (stored) messages.push(notice(expired ? content.replies.expired : content.replies.restoredFresh));
    ({ record, snapshot } = freshRecord(stored?.greeted ?? false, environment, languageOf(stored?.language) ?? undefined));
  }
  const stateBefore = stored && restored && !expired ? stateIdOf(restored) : null;
  // After a fresh start nothing is on screen: a bare "yes" answers no question the user can see.
  const startedAfresh = stored !== undefined && record.triageId !== stored.triageId;
  const greetNow = !record.greeted;
  const pending = record.pending ?? null;
  delete record.pending;

  const offers = (shown: BotMessage[]) => withLanguageOffers(shown, record.triageId, language, environment);
  if (input.kind === 'welcome') {
    if (!greetNow && stored) return { record: stored, messages: [], changed: false, language, observation: observe(stateBefore, snapshot) };
    record.greeted = true;
    messages.push(greeting(), ...renderState(renderContext(snapshot, record, environment, content)));
    return finish(record, snapshot, offers(messages), observe(stateBefore, snapshot, { startedTriage: true }), language);
  }

  const nothingOnScreen = greetNow || startedAfresh;
  const position = {
    state: stateIdOf(snapshot),
    triageId: record.triageId,
    context: snapshot.context,
    onScreen: nothingOnScreen ? null : stateIdOf(snapshot),
    pending: nothingOnScreen ? null : pending,
    language,
  };
  const reading = read(input, position);
  // A message written in Welsh is answered in Welsh (and the conversation carries on in it) unless the user has
  // chosen a language; a line in the language they were in says it is there too.
  const answeredInWelsh =
    reading.kind !== 'language' && !languageOf(record.language) && language !== 'cy' && input.kind === 'message' && typeof input.text === 'string' && isWrittenInWelsh(input.text);
  // The offer is in the language the user was in: marked with it, for screen readers (the whole message, and its line).
  if (answeredInWelsh) trailing = [{ ...otherLanguageNotice({ text: content.language.offer, lang: content.lang }), lang: languageOfContent(content) }];
  if (reading.kind === 'language' || answeredInWelsh) {
    language = reading.kind === 'language' ? reading.language : 'cy';
    content = contentFor(language);
    record.language = language;
  }

  if (nothingOnScreen) {
    record.greeted = true;
    // A first message that already says what happened is answered at once; anything else gets the greeting and the
    // first question (no answer is taken to a question the user has not seen).
    if (reading.kind === 'answers' && (reading.taken.length > 0 || reading.confirm)) {
      const applied = applyAnswers(reading, snapshot, { ...record, misses: 0 }, environment, content, null);
      const live = isLiveOrganisation(applied.snapshot.context) && stateIdOf(applied.snapshot) === 'liveAttack';
      // Under a live attack the 24/7 line comes first, before any greeting: the greeting's essentials (999, no
      // passwords) follow the number rather than push it up the screen.
      const greetings = live || !greetNow ? [] : [greeting()];
      const note = content.understanding.firstMessageNote;
      const answered = live && greetNow
        ? applied.messages.map((message) => (message.kind === 'outcome' ? withParagraph(message, note, 'end') : message))
        : applied.messages;
      const replies = [...messages, ...greetings, ...answered];
      return finish(applied.record, applied.snapshot, offers(replies), observe(null, applied.snapshot, { answers: applied.answers, startedTriage: true }), language);
    }
    if (greetNow) messages.push(greeting());
    // A question asked first ("is this free to call?") is answered between the greeting and the first question; a
    // "hello" needs nothing more than the greeting.
    const asked = reading.kind === 'intent' && !(reading.intent === 'greeting' && greetNow) ? reading.intent : undefined;
    if (asked) messages.push(notice(answerIntent(asked, renderContext(snapshot, record, environment, content), intentSettings(environment))));
    messages.push(...renderState(renderContext(snapshot, record, environment, content)));
    return finish(record, snapshot, offers(messages), observe(null, snapshot, { startedTriage: true, ...(asked ? { intent: asked } : {}) }), language);
  }

  const applied = applyReading(reading, snapshot, record, environment, content, pending);
  messages.push(...applied.messages);
  return finish(
    applied.record,
    applied.snapshot,
    withLanguageOffers(messages, applied.record.triageId, language, environment),
    observe(stateBefore, applied.snapshot, {
      answers: applied.answers,
      startedTriage: applied.startedTriage || startedAfresh,
      ...(applied.command ? { command: applied.command } : {}),
      ...(applied.feedback ? { feedback: applied.feedback } : {}),
      ...(applied.intent ? { intent: applied.intent } : {}),
    }),
    language,
  );
}

function finished(record: ConversationRecord, snapshot: TriageSnapshot, messages: BotMessage[], observation: TurnObservation, language: string): TurnResult {
  return { record: { ...record, triage: persistTriage(snapshot) }, messages, changed: true, language, observation };
}

/** The first question offers the deployment's other languages as buttons, each labelled in its own language. */
function withLanguageOffers(messages: BotMessage[], triageId: string, language: string, environment: TurnEnvironment): BotMessage[] {
  const others = otherLanguages(language, environment);
  if (!others.length) return messages;
  return messages.map((message) =>
    message.kind === 'question' && message.buttons?.some((button) => button.value.action === 'answerHappening')
      ? { ...message, buttons: [...message.buttons, ...languageButtons(others, triageId, 'happeningNow')] }
      : message,
  );
}

/** Whether a stored conversation has been idle past the expiry (it then starts afresh; a sweep may delete it). */
export function isIdle(stored: ConversationRecord, environment: Pick<TurnEnvironment, 'now' | 'idleTimeoutMs'>): boolean {
  const last = Date.parse(stored.lastActiveAt);
  if (Number.isNaN(last)) return false;
  return environment.now.getTime() - last > (environment.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
}

interface Applied {
  record: ConversationRecord;
  snapshot: TriageSnapshot;
  messages: BotMessage[];
  answers: TurnObservation['answers'];
  startedTriage?: boolean;
  command?: TurnObservation['command'];
  feedback?: TurnObservation['feedback'];
  intent?: IntentId;
}

/** What the answers to questions need of the deployment: its force's name, its live chat, the idle expiry. */
function intentSettings(environment: TurnEnvironment): IntentSettings {
  return {
    forceName: environment.forceName,
    liveChat: environment.liveChat,
    idleMinutes: Math.round((environment.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS) / 60_000),
  };
}

function renderContext(snapshot: TriageSnapshot, record: ConversationRecord, environment: TurnEnvironment, content: Content) {
  return {
    state: stateIdOf(snapshot),
    context: snapshot.context,
    triageId: record.triageId,
    now: environment.now,
    content,
    defaultNation: environment.defaultNation,
    publicBaseUrl: environment.publicBaseUrl,
  };
}

const CHANGEABLE: readonly ChangeableQuestion[] = ['happeningNow', 'audience', 'location', 'kind'];

/** The nation whose places come first in a choice, in a conversation in its language. */
const HOME_NATION_OF_LANGUAGE: Readonly<Record<string, Nation>> = { cy: 'wales' };

/**
 * A choice between places in the order the conversation's language puts them: in Welsh, the places in Wales first
 * ("Bangor (Gwynedd, Cymru)" before County Down's). The order is stored as shown, so a number typed or a button
 * pressed picks the place the user sees.
 */
function inLanguageOrder(event: TriageEvent, content: Content): TriageEvent {
  const home = HOME_NATION_OF_LANGUAGE[languageOfContent(content)];
  if (!home || event.type !== 'ANSWER_LOCATION' || event.location.kind !== 'choice') return event;
  const atHome = (candidate: LocationCandidate) => (candidate.forceId ? forceById(candidate.forceId).nation === home : false);
  const candidates = [...event.location.candidates].sort((a, b) => Number(atHome(b)) - Number(atHome(a)));
  return { ...event, location: { ...event.location, candidates } };
}

function observedQuestion(state: TriageStateId): ChangeableQuestion | 'locationChoice' | null {
  return state === 'happeningNow' || state === 'audience' || state === 'location' || state === 'locationChoice' ? state : null;
}

/**
 * Applies the answers (the location first, so a live organisation lands on the live-attack outcome with its nation
 * known), then shows where they lead. After typed answers: one short line of what was taken, with Change buttons;
 * under a live attack that line follows the outcome, so the 24/7 number stays first. An unsure answer is asked as
 * a Yes/No instead of applied.
 */
function applyAnswers(
  reading: Extract<Reading, { kind: 'answers' }>,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
  onScreen: TriageStateId | null,
  how: AnswerHow = reading.how,
): Applied {
  let next = snapshot;
  const applied: TakenAnswer[] = [];
  for (const answer of orderedAnswers(reading.taken, onScreen)) {
    const stepped = stepTriage(next, inLanguageOrder(eventOf(answer), content));
    if (stepped.accepted) {
      next = stepped.snapshot;
      applied.push(answer);
    }
  }
  const answers: TurnObservation['answers'] = applied.map((answer) => ({ question: answer.question, how }));
  const nextRecord: ConversationRecord = { ...record, misses: 0 };
  const render = renderContext(next, nextRecord, environment, content);
  const state = stateIdOf(next);

  const corrected = reading.corrected.length > 0;
  const line = how === 'typed' && applied.length > 0 ? takenAsLine(content, applied, corrected) : null;

  if (reading.confirm) {
    const confirmation: Confirmation = { ...reading.confirm, state };
    nextRecord.pending = confirmation;
    answers.push({ question: confirmation.question, how: 'confirming' });
    // An outcome reached on the way (a live attack) is shown in full before the question: never hold back a number.
    const outcome = isOutcome(state) && state !== stateIdOf(snapshot) ? renderState(render).filter((message) => message.kind === 'outcome') : [];
    const question = renderConfirmation(render, confirmation);
    const messages = line ? [...outcome, withParagraph(question, line, 'start')] : [...outcome, question];
    return { record: nextRecord, snapshot: next, messages, answers };
  }

  const rendered = renderState(render);
  if (!line) return { record: nextRecord, snapshot: next, messages: rendered, answers };

  let said = line;
  const last = rendered[rendered.length - 1];
  if (last.kind === 'question') {
    // The answer to the question just asked is put right with Back; any other answer gets its own Change button.
    const asked = state === 'locationChoice' ? 'location' : state;
    const typed = CHANGEABLE.filter((question) => question !== asked && question !== onScreen && applied.some((answer) => answer.question === question));
    if (typed.length > 0) last.buttons = [...(last.buttons ?? []), ...changeButtons(render, typed)];
    else if (last.buttons?.some((button) => button.value.action === 'back')) said = takenAsLine(content, applied, corrected, 'back');
  }
  // A question starts with what was taken. An outcome keeps its lead line first (the 24/7 number, the team: what
  // must be in view when it arrives), and the line closes it, just above "Your answers" and its Change buttons.
  const messages = isOutcome(state)
    ? rendered.map((message) => (message.kind === 'outcome' ? withParagraph(message, said, 'end') : message))
    : [withParagraph(rendered[0], said, 'start'), ...rendered.slice(1)];
  return { record: nextRecord, snapshot: next, messages, answers };
}

function applyReading(
  reading: Reading,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
  pending: Confirmation | null,
): Applied {
  const replies = content.replies;
  const state = stateIdOf(snapshot);
  const render = renderContext(snapshot, record, environment, content);
  const current = () => renderState(render);
  const reminder = () => renderReminder(render);
  const same = (messages: BotMessage[], command?: TurnObservation['command']): Applied => ({ record, snapshot, messages, answers: [], command });

  switch (reading.kind) {
    case 'answers':
      return applyAnswers(reading, snapshot, record, environment, content, state);
    case 'language': {
      // The choice is made (runTurn stored it); the question on screen, or the outcome, again in that language.
      const again = pending ? [renderConfirmation(render, pending)] : renderState(render);
      return { record: pending ? { ...record, pending } : record, snapshot, messages: [notice(content.language.switched), ...again], answers: [] };
    }
    case 'confirmation': {
      if (!pending) return same([notice(replies.stale), ...reminder()]);
      const answer = reading.accepted ? pending.yes : pending.no;
      if (answer) {
        return applyAnswers({ kind: 'answers', taken: [answer], confirm: null, how: 'typed', corrected: [] }, snapshot, record, environment, content, state, 'clarified');
      }
      const declined = pending.question === 'location' ? content.understanding.declinedLocation : content.understanding.declined;
      return { record: { ...record, misses: 0 }, snapshot, messages: [notice(declined), ...current()], answers: [{ question: pending.question, how: 'clarified' }] };
    }
    case 'command':
      return applyCommand(reading.command, snapshot, record, environment, content);
    case 'stale':
      return same([notice(replies.stale), ...reminder()]);
    case 'feedback':
      return applyFeedback(reading.answer, snapshot, record, environment, content);
    case 'changeAnswer':
      return same(isOutcome(state) ? [renderChangeChoice(render)] : [notice(replies.stale), ...reminder()]);
    case 'intent': {
      // Answered where the user is, then the question (or the check) on screen again, or "Your answers" at an
      // outcome: no answer changes, and a Yes/No that was on screen stays there.
      const answer = notice(answerIntent(reading.intent, render, intentSettings(environment)));
      const again = pending ? [renderConfirmation(render, pending)] : reminder();
      const next: ConversationRecord = { ...record, misses: 0, ...(pending ? { pending } : {}) };
      return { record: next, snapshot, messages: [answer, ...again], answers: [], intent: reading.intent };
    }
    case 'event': {
      const stepped = stepTriage(snapshot, inLanguageOrder(reading.event, content));
      if (!stepped.accepted) return missed({ kind: 'unrecognised' }, snapshot, record, environment, content);
      const next = { ...record, misses: 0 };
      const question = reading.event.type === 'CHOOSE_CANDIDATE' ? observedQuestion(state) : null;
      return {
        record: next,
        snapshot: stepped.snapshot,
        messages: renderState(renderContext(stepped.snapshot, next, environment, content)),
        answers: question ? [{ question, how: reading.how }] : [],
      };
    }
    case 'empty':
    case 'unrecognised':
      // "Oedd" / "Nac oedd" (or "yes" / "no") typed under "Was this helpful?" answers it, as its buttons do: the
      // outcome's own yes/no question, still unanswered, is the one on screen.
      if (reading.kind === 'unrecognised' && reading.reply && isOutcome(state) && state !== 'liveAttack' && !feedbackAnsweredOf(record).includes(state)) {
        return applyFeedback(reading.reply, snapshot, record, environment, content);
      }
      return missed(reading, snapshot, record, environment, content);
  }
}

function applyCommand(
  command: Exclude<Command, 'showRegionalTeam'>,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
): Applied {
  const replies = content.replies;
  const words = content.understanding;
  const state = stateIdOf(snapshot);
  const render = renderContext(snapshot, record, environment, content);
  const same = (messages: BotMessage[]): Applied => ({ record, snapshot, messages, answers: [], command });
  switch (command) {
    case 'restart':
    case 'cancel': {
      const fresh = freshRecord(true, environment, record.language);
      // Still the same person: an outcome they have told us about is not asked about again after Start again.
      if (record.feedbackAnswered) fresh.record.feedbackAnswered = feedbackAnsweredOf(record);
      const first = renderState(renderContext(fresh.snapshot, fresh.record, environment, content));
      const messages =
        command === 'restart'
          ? [notice(replies.startingAgain), ...first]
          : [noticeFromContent(`${words.cancelled}\n\n${replies.directNumbers}\n\n${words.startAgainPrompt}`, content), ...first];
      return { ...fresh, messages, answers: [], startedTriage: true, command };
    }
    case 'help':
      return same([noticeFromContent(replies.help, content), noticeFromContent(replies.directNumbers, content), ...renderReminder(render)]);
    case 'back': {
      const stepped = stepTriage(snapshot, { type: 'BACK' });
      if (!stepped.accepted) return same([notice(replies.atFirstQuestion), ...renderState(render)]);
      const next = { ...record, misses: 0 };
      return { record: next, snapshot: stepped.snapshot, messages: renderState(renderContext(stepped.snapshot, next, environment, content)), answers: [], command };
    }
    case 'whatNow':
      return same([notice(isOutcome(state) ? words.whatNowOutcome : words.whatNowQuestion), ...renderState(render)]);
    case 'thanks': {
      if (!isOutcome(state)) return same([notice(words.thanksQuestion), ...renderReminder(render)]);
      const line = isLiveOrganisation(snapshot.context) ? noticeFromContent(words.thanksLiveAttack, content) : notice(words.thanksOutcome);
      return same([line, ...renderReminder(render)]);
    }
  }
}

function missed(
  reading: Extract<Reading, { kind: 'empty' | 'unrecognised' }>,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
): Applied {
  const state = stateIdOf(snapshot);
  const replies = content.replies;
  const next = { ...record, misses: record.misses + 1 };
  const rendered = renderReminder(renderContext(snapshot, next, environment, content));
  // At an outcome, a message it can't answer gets what it can: the number (or the team) for where the user is, again.
  const atOutcome = isOutcome(state) && reading.kind === 'unrecognised' && !reading.tooLong;
  const explanation =
    reading.kind === 'empty'
      ? replies.empty
      : reading.tooLong
        ? content.understanding.tooLong
        : reading.unknownPlace
          ? content.states.location.unknownPlace
          : atOutcome
            ? outcomeFallback(renderContext(snapshot, next, environment, content))
            : reading.longMessage
              ? content.understanding.longMessage
              : replies.didNotUnderstand;
  const messages = [notice(explanation)];
  if (next.misses >= MISSES_BEFORE_NUMBERS && !atOutcome) messages.push(noticeFromContent(replies.directNumbers, content));
  messages.push(...rendered);
  const question = observedQuestion(state);
  return { record: next, snapshot, messages, answers: question ? [{ question, how: 'unrecognised' }] : [] };
}

// ---------------------------------------------------------------- "Was this helpful?"

/** The outcomes a record has feedback for; anything else in a stored record (tampered, older) is dropped. */
function feedbackAnsweredOf(record: ConversationRecord): OutcomeId[] {
  const answered: unknown = record.feedbackAnswered;
  return Array.isArray(answered) ? OUTCOME_IDS.filter((outcome) => answered.includes(outcome)) : [];
}

/**
 * "Was this helpful?" follows an outcome shown in full with its "Your answers" (so the outcome's lead line stays
 * first, and "Your answers" as it is), until it is answered for that outcome. Not after a reminder, nor when a
 * Yes/No check is on screen.
 */
function withFeedbackPrompt(
  messages: BotMessage[],
  record: ConversationRecord,
  snapshot: TriageSnapshot,
  environment: TurnEnvironment,
  content: Content,
): BotMessage[] {
  const state = stateIdOf(snapshot);
  if (!isOutcome(state) || feedbackAnsweredOf(record).includes(state)) return messages;
  const last = messages[messages.length - 1];
  const shownInFull = messages.some((message) => message.kind === 'outcome' && message.state === state);
  if (!shownInFull || last?.kind !== 'summary' || last.state !== state) return messages;
  return [...messages, renderFeedbackPrompt(renderContext(snapshot, record, environment, content))];
}

/**
 * A "Was this helpful?" answer: counted once per outcome (the observation reports it), recorded only as "answered",
 * thanked in one line, and "Your answers" again so Change and Start again stay at hand. After No, the direct
 * numbers too: whatever was missing, the urgent help is there. A repeat click is thanked and not counted again.
 */
function applyFeedback(
  answer: FeedbackAnswer,
  snapshot: TriageSnapshot,
  record: ConversationRecord,
  environment: TurnEnvironment,
  content: Content,
): Applied {
  const state = stateIdOf(snapshot);
  const render = renderContext(snapshot, record, environment, content);
  const words = content.feedback;
  // Feedback buttons are only shown at outcomes: a value that says otherwise is not one of ours.
  if (!isOutcome(state)) return { record, snapshot, messages: [notice(content.replies.stale), ...renderReminder(render)], answers: [] };
  const answered = feedbackAnsweredOf(record);
  if (answered.includes(state)) return { record, snapshot, messages: [notice(words.alreadyAnswered), ...renderReminder(render)], answers: [] };
  const thanks = answer === 'yes' ? [notice(words.thanksYes)] : [notice(words.thanksNo), noticeFromContent(content.replies.directNumbers)];
  return {
    record: { ...record, feedbackAnswered: [...answered, state] },
    snapshot,
    messages: [...thanks, ...renderReminder(render)],
    answers: [],
    feedback: { outcome: state, answer },
  };
}

/**
 * Where a stored conversation is, shown in full: its question, or its outcome with "Your answers" (and "Was this
 * helpful?" while unanswered). For a channel that shows a page rather than a transcript (web/triage).
 */
export function renderCurrentState(record: ConversationRecord, environment: TurnEnvironment): BotMessage[] {
  const snapshot = restoreTriage(record.triage);
  if (!snapshot) return [];
  const content = contentFor(conversationLanguage(record, environment));
  return withFeedbackPrompt(renderState(renderContext(snapshot, record, environment, content)), record, snapshot, environment, content);
}
