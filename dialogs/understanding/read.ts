/**
 * Understanding typed text: normalise (text.ts, lexicon.ts: mentions, case, quotes, written forms, typos) → find
 * every cue and place (cues.ts, place.ts) → decide each question's answer with its confidence (decide.ts) → a
 * Reading the turn step applies (dialogs/turn.ts: it applies what is sure and asks a Yes/No for what is not).
 */
import type { IncidentKind } from '../../data/firstSteps';
import type { IntentId } from '../../data/intents';
import type { Command } from '../../data/lexicon';
import type {
  AudienceAnswer,
  HappeningAnswer,
  ResolvedLocation,
  TriageContext,
  TriageEvent,
  TriageStateId,
} from '../../machines/triage';
import { choiceCount, OUTCOME_IDS } from '../../machines/triage';
import { lookupForce } from '../../data/location';
import { foldSelector, languageSelectors } from '../content';
import { audienceCues, happeningCues, prepareClauses, type Clause } from './cues';
import { decideAudience, decideHappening, type Confidence } from './decide';
import { lexicon, type CompiledLexicon, type PhraseIndex } from './lexicon';
import { withIntent } from './intent';
import { readKind } from './kind';
import { findLocation } from './place';
import { LONG_MESSAGE_CHARS, MAX_SCANNED_CHARS, MAX_STRIPPED_CHARS, splitMarkedClauses, stripMarkup } from './text';
import { isWrittenInWelsh } from './welsh';

/** One answer to one question, in canonical form (never the user's words). */
export type TakenAnswer =
  | { question: 'happeningNow'; answer: HappeningAnswer }
  | { question: 'audience'; answer: AudienceAnswer }
  | { question: 'location'; location: ResolvedLocation }
  /** What happened (ransomware, money sent …): it chooses the first steps at the outcome, never the route. */
  | { question: 'kind'; answer: IncidentKind };

export type AnsweredQuestion = TakenAnswer['question'];
/** The questions a Yes/No may confirm: what happened is never asked about (not knowing it costs nothing). */
export type ConfirmedQuestion = Exclude<AnsweredQuestion, 'kind'>;
export type ConfirmableAnswer = Exclude<TakenAnswer, { question: 'kind' }>;

/**
 * A Yes/No the bot asks before applying an answer it is unsure of. It holds only enumerated answers and resolved
 * locations (canonical labels from data/), so it may be stored with the conversation.
 */
export interface Confirmation {
  question: ConfirmedQuestion;
  /** Applied on Yes. */
  yes: ConfirmableAnswer;
  /** Applied on No; null: ask the question again. */
  no: ConfirmableAnswer | null;
  /** The state it was asked in: a Yes/No button from another state is stale. */
  state: TriageStateId;
}

export type Reading =
  /** Answers found in the message (`taken`, applied in this order: location first) and at most one to confirm. */
  | { kind: 'answers'; taken: TakenAnswer[]; confirm: Confirmation | null; how: 'typed' | 'clicked'; corrected: AnsweredQuestion[] }
  /** An event that is not an answer: a candidate chosen, "show my regional team", Change. */
  | { kind: 'event'; event: TriageEvent; how: 'typed' | 'clicked' }
  | { kind: 'command'; command: Exclude<Command, 'showRegionalTeam'> }
  /** The whole message names a language to carry on in ("Cymraeg", "in English", "Saesneg"). */
  | { kind: 'language'; language: string }
  /** A question the bot answers without changing any answer ("is the call free?": intent.ts). */
  | { kind: 'intent'; intent: IntentId }
  /** Yes or No to the pending confirmation. */
  | { kind: 'confirmation'; accepted: boolean }
  | { kind: 'stale' }
  | { kind: 'empty' }
  /**
   * Nothing to act on. `unknownPlace`: a place was asked for; `longMessage`: a description was read and held no
   * answer; `tooLong`: only its first part could be read. `reply`: the whole message was a bare yes or no ("oedd",
   * "nac oedd", "yes") that answered no question here: the turn step may take it for the yes/no question on screen
   * that is not a triage question ("Was this helpful?").
   */
  | { kind: 'unrecognised'; unknownPlace?: boolean; longMessage?: boolean; tooLong?: boolean; reply?: 'yes' | 'no' };

export interface ReadPosition {
  state: TriageStateId;
  context: TriageContext;
  /** The question or outcome the user sees; null when nothing has been shown yet (a first message). */
  onScreen: TriageStateId | null;
  pending: Confirmation | null;
  /** The conversation's language: a message in a Welsh conversation is read as Welsh (its function words are no places). */
  language?: string;
}

interface Prepared {
  raw: string;
  clauses: Clause[];
  /** All the words, in order, as one list (commands and bare replies are whole-message matches). */
  tokens: string[];
  fuzz: number[];
  truncated: boolean;
  long: boolean;
  /** Where the message's own words start and end once fillers are left out, and each step to there (computed once). */
  fillers?: { bounds: [number, number]; stages: Array<[number, number]> };
}

/** The fillers around the whole message, worked out once for the readings that need them. */
function messageFillers(prepared: Prepared, compiled: CompiledLexicon): { bounds: [number, number]; stages: Array<[number, number]> } {
  if (!prepared.fillers) {
    const stages: Array<[number, number]> = [];
    const bounds = fillerBounds(prepared.tokens, compiled, stages);
    prepared.fillers = { bounds, stages };
  }
  return prepared.fillers;
}

/** The most words of any phrase in a set keyed by words joined with spaces: a longer message is none of them. */
const longestKey = new WeakMap<ReadonlyMap<string, unknown> | ReadonlySet<string>, number>();

function mostWords(keys: ReadonlyMap<string, unknown> | ReadonlySet<string>): number {
  let longest = longestKey.get(keys);
  if (longest === undefined) {
    longest = 0;
    for (const key of keys.keys()) longest = Math.max(longest, key.split(' ').length);
    longestKey.set(keys, longest);
  }
  return longest;
}

function prepare(text: string, compiled: CompiledLexicon): Prepared {
  const stripped = stripMarkup(text.slice(0, MAX_STRIPPED_CHARS));
  const raw = stripped.slice(0, MAX_SCANNED_CHARS);
  const clauses = prepareClauses(splitMarkedClauses(raw), compiled);
  return {
    raw,
    clauses,
    tokens: clauses.length === 1 ? clauses[0].tokens : clauses.flatMap((clause) => clause.tokens),
    fuzz: clauses.length === 1 ? clauses[0].fuzz : clauses.flatMap((clause) => clause.fuzz),
    truncated: stripped.length > MAX_SCANNED_CHARS || text.length > MAX_STRIPPED_CHARS,
    long: stripped.length > LONG_MESSAGE_CHARS,
  };
}

/** The message without the fillers around it ("help please", "ok thanks"). */
function withoutFillers(tokens: readonly string[], compiled: CompiledLexicon): string[] {
  const [start, end] = fillerBounds(tokens, compiled);
  return tokens.slice(start, end);
}

/** Where the message's own words start and end once the fillers around them are left out. */
function fillerBounds(tokens: readonly string[], compiled: CompiledLexicon, stages?: Array<[number, number]>): [number, number] {
  let start = 0;
  let end = tokens.length;
  for (let moved = true; moved && start < end; ) {
    moved = false;
    stages?.push([start, end]);
    const leading = compiled.fillers.at(tokens, start, end);
    if (leading && start + leading.tokens.length < end) {
      start += leading.tokens.length;
      moved = true;
      // "ok what now": the words between the fillers are tried before a trailing filler ("now") is left out too.
      stages?.push([start, end]);
    }
    // (4: "os gwelwch yn dda")
    for (let length = Math.min(4, end - start - 1); length >= 1; length--) {
      const trailing = compiled.fillers.at(tokens, end - length, end);
      if (trailing && trailing.tokens.length === length) {
        end -= length;
        moved = true;
        break;
      }
    }
  }
  return [start, end];
}

/** Whether a word left out as a filler belongs to a phrase that says something about the attack ("ok now", "yes now"). */
function fillersSaySomething(tokens: readonly string[], [start, end]: [number, number], compiled: CompiledLexicon): boolean {
  for (let at = 0; at < tokens.length; at++) {
    const phrase = compiled.happening.at(tokens, at);
    if (!phrase || phrase.tag === 'neutral') continue;
    if (at < start || at + phrase.tokens.length > end) return true;
  }
  return false;
}

/**
 * A message that is only a language's name or a word that chooses it (each content file's `language.selectors`, in
 * any language: "Cymraeg", "Welsh", "English", "Saesneg"), fillers aside ("Cymraeg plis", "English please"). Read
 * from the words as typed, before typo correction: a language's name is not a typo of a lexicon word.
 */
function languageOfMessage(prepared: Prepared, compiled: CompiledLexicon): string | null {
  // A language's name with a filler or two around it is a few words: a longer message is no choice of language.
  if (prepared.tokens.length > 10) return null;
  const selectors = languageSelectors();
  const whole = foldSelector(prepared.raw);
  if (whole.length > 40) return null;
  return selectors.get(whole) ?? selectors.get(withoutFillers(whole.split(' '), compiled).join(' ')) ?? null;
}

/** The most words of any command phrase: a longer stretch of a message is no command (and is not joined to look). */
const longestCommand = new WeakMap<CompiledLexicon, number>();

function commandOf(prepared: Prepared, compiled: CompiledLexicon): Command | null {
  // The whole message, then as each filler around it is left out ("thanks, I'll ring them" → "I'll ring them").
  const { bounds, stages: steps } = messageFillers(prepared, compiled);
  const stages = [...steps, bounds];
  // "diolch x", "thanks xx": a command that is itself a filler, before a trailing one.
  const trailing = compiled.fillers.at(prepared.tokens, prepared.tokens.length - 1);
  if (prepared.tokens.length > 1 && trailing?.tokens.length === 1) stages.push([0, prepared.tokens.length - 1]);
  // "right ok what now": every leading filler left out, and none after ("now" is one).
  let start = 0;
  for (let leading = compiled.fillers.at(prepared.tokens, 0); leading && start + leading.tokens.length < prepared.tokens.length; leading = compiled.fillers.at(prepared.tokens, start)) {
    start += leading.tokens.length;
  }
  if (start > 0) stages.push([start, prepared.tokens.length]);
  let longest = longestCommand.get(compiled);
  if (longest === undefined) {
    longest = Math.max(0, ...[...compiled.commands.keys()].map((key) => key.split(' ').length));
    longestCommand.set(compiled, longest);
  }
  for (const [start, end] of stages) {
    if (end - start > longest) continue;
    const command = compiled.commands.get(prepared.tokens.slice(start, end).join(' '));
    if (command) return command;
  }
  return null;
}

const OUTCOMES: ReadonlySet<string> = new Set(OUTCOME_IDS);
/** A message at an outcome that opens with these thanks (whatever follows, when it answers nothing). */
const THANKS_WORDS: ReadonlySet<string> = new Set(['thanks', 'thank', 'thankyou', 'cheers', 'diolch', 'ta']);

/**
 * Words that ask for something ("can I do this in Welsh?", "is there a Welsh version?", "switch to English", "newid
 * iaith i Gymraeg", "oes ffordd o neud hwn yn Gymraeg?"): with a language named after in / to / yn / i, or before
 * "version", the message asks to carry on in that language. ("The email was in English" asks for nothing.)
 */
const REQUEST_WORDS: ReadonlySet<string> = new Set([
  'can', 'could', 'may', 'please', 'pls', 'plz', 'switch', 'change', 'carry', 'continue', 'speak', 'version', 'prefer', 'rather', 'want',
  'newid', 'oes', 'ga', 'gawn', 'plis', 'fersiwn', 'siarad', 'gwell', 'isio', 'eisiau', 'moyn',
]);
const LANGUAGE_LEADS: ReadonlySet<string> = new Set(['in', 'into', 'to', 'yn', 'i']);
const MAX_LANGUAGE_REQUEST_WORDS = 30;

function languageAskedFor(prepared: Prepared): string | null {
  const typed = foldSelector(prepared.raw).split(' ').filter(Boolean);
  if (typed.length > MAX_LANGUAGE_REQUEST_WORDS || !typed.some((word) => REQUEST_WORDS.has(word))) return null;
  const selectors = languageSelectors();
  for (let at = 0; at < typed.length; at++) {
    const language = selectors.get(typed[at]);
    if (!language) continue;
    const before = typed[at - 1] ?? '';
    const after = typed[at + 1] ?? '';
    // "in Welsh", "to English", "yn Gymraeg", "i Gymraeg"; "a Welsh version", "fersiwn Cymraeg"; "English please".
    if (LANGUAGE_LEADS.has(before) || after === 'version' || before === 'fersiwn' || ((after === 'please' || after === 'pls' || after === 'plis') && at <= 2)) {
      return language;
    }
  }
  return null;
}

/** Navigation said with its reason ("Start again please, I put the wrong thing", "Can I just go back one, I put the wrong town"). */
const NAVIGATION: ReadonlySet<Command> = new Set(['restart', 'back', 'cancel']);
/** Words that ask for it: "can I (just) …", "could we …", "let's …", Welsh "ga i …". */
const ASKING: ReadonlySet<string> = new Set(['can', 'could', 'may', 'let', 'lets', 'ga', 'gawn', 'i', 'we', 'us', 'just', 'please', 'pls', 'plis', 'you']);
const ASKING_VERBS: ReadonlySet<string> = new Set(['can', 'could', 'may', 'let', 'lets', 'ga', 'gawn', 'please', 'pls', 'plis']);
/**
 * Phrases that are navigation only as the whole message: in a longer one "stop", "I made a mistake", "oops" or "end" are
 * about the attack ("stop, they're still in my email", "I made a mistake, I clicked a link").
 */
const NAVIGATION_ONLY_ALONE = /^(?:stop|end|close|clear|delete|leave|forget|never|nevermind|exit|oops|i made|made|wrong answer|undo|back$|previous$|start$|reset$|gadael|stopio)/;

function navigationInClause(prepared: Prepared, compiled: CompiledLexicon): Command | null {
  if (prepared.clauses.length < 2) return null;
  for (const [index, clause] of prepared.clauses.entries()) {
    let start = 0;
    while (start < clause.tokens.length && ASKING.has(clause.tokens[start])) start++;
    const asked = clause.tokens.slice(0, start).some((word) => ASKING_VERBS.has(word)) || clause.tokens.some((word) => word === 'please' || word === 'pls' || word === 'plis');
    const typed = clause.tokens.slice(start).join(' ');
    const command = compiled.commands.get(withoutFillers(clause.tokens.slice(start), compiled).join(' '));
    if (!command || !NAVIGATION.has(command) || (!asked && NAVIGATION_ONLY_ALONE.test(typed))) continue;
    // The clause asks for it, or opens the message (after thanks or a "not now" at most).
    if (asked || index === 0 || prepared.clauses.slice(0, index).every((before) => before.tokens.length <= 2)) return command;
  }
  return null;
}

/**
 * The message is one phrase of the index and nothing else, with a meaning of its own ("it's ok now"): not a word whose
 * meaning depends on what is around it ("stop", "dechrau eto": alone, they are commands).
 */
function isWholeCue<Tag>(tokens: readonly string[], index: PhraseIndex<Tag>): boolean {
  const phrase = index.at(tokens, 0);
  return phrase !== null && phrase.tokens.length === tokens.length && phrase.tag !== 'neutral' && phrase.tag !== 'ending' && phrase.tag !== 'restart';
}

/** "Who do I call?": the direct numbers at a question; at an outcome, the outcome again (it names the number). */
function contactCommand(prepared: Prepared, compiled: CompiledLexicon, onScreen: TriageStateId | null): Command | null {
  const longest = mostWords(compiled.contactQuestions);
  const [start, end] = messageFillers(prepared, compiled).bounds;
  const asked =
    (prepared.tokens.length <= longest && compiled.contactQuestions.has(prepared.tokens.join(' '))) ||
    (end - start <= longest && compiled.contactQuestions.has(prepared.tokens.slice(start, end).join(' ')));
  if (!asked) return null;
  return onScreen !== null && (OUTCOME_IDS as readonly string[]).includes(onScreen) ? 'whatNow' : 'help';
}

interface Reply {
  answer: HappeningAnswer;
  /** The reply is the whole message (nothing else said). */
  whole: boolean;
  fuzz: number;
}

function replyOf(prepared: Prepared, compiled: CompiledLexicon): Reply | null {
  const { tokens, fuzz } = prepared;
  if (tokens.length === 0) return null;
  const bounds = messageFillers(prepared, compiled).bounds;
  // A whole reply is a few words: a longer message is none (and is not joined to look).
  const longest = mostWords(compiled.wholeReplies);
  const whole =
    (tokens.length <= longest ? compiled.wholeReplies.get(tokens.join(' ')) : undefined) ??
    (bounds[1] - bounds[0] > longest || fillersSaySomething(tokens, bounds, compiled) ? undefined : compiled.wholeReplies.get(tokens.slice(...bounds).join(' ')));
  if (whole) return { answer: whole, whole: true, fuzz: Math.max(...fuzz) };
  // A reply leading the message, before other words: "yes ransomware", "no, it was last night but …".
  const first = prepared.clauses[0];
  const leading = compiled.leadingReplies.at(first.tokens, 0);
  if (!leading) return null;
  return { answer: leading.tag, whole: false, fuzz: Math.max(0, ...first.fuzz.slice(0, leading.tokens.length)) };
}

/** At "which of these?": a number, or a candidate's own name or police force (anything else may be a new place). */
function chosenCandidate(prepared: Prepared, context: TriageContext): number | null {
  const candidates = context.pendingChoice?.candidates ?? [];
  const text = prepared.tokens.join(' ');
  const number = /^(?:number |option |no )?(\d{1,2})$/.exec(text);
  if (number) {
    const index = Number(number[1]) - 1;
    return context.pendingChoice && index >= 0 && index < choiceCount(context.pendingChoice) ? index : null;
  }
  const typed = prepareLabel(prepared.raw);
  const exact = candidates.findIndex((candidate) => prepareLabel(candidate.label) === typed);
  if (exact >= 0) return exact;
  const force = lookupForce(prepared.raw);
  if (force) {
    const byForce = candidates.findIndex((candidate) => candidate.forceId === force);
    if (byForce >= 0) return byForce;
  }
  return null;
}

function prepareLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(the|police|service|constabulary)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A Yes/No to ask before applying an answer: Yes applies `yes`, No applies `no` (or asks again). */
function confirmation(yes: ConfirmableAnswer, no: ConfirmableAnswer | null, state: TriageStateId): Confirmation {
  return { question: yes.question, yes, no, state };
}

/** The words as one of the whole-message answers to "an organisation or yourself?" ("me", "work"), fillers aside. */
function audienceForm(words: readonly string[], compiled: CompiledLexicon): AudienceAnswer | null {
  const longest = Math.max(mostWords(compiled.wholeOrganisation), mostWords(compiled.wholeIndividual));
  for (const form of [words, withoutFillers(words, compiled)]) {
    // A whole answer is a few words: a longer message is none (and is not joined to look).
    if (form.length > longest) continue;
    const joined = form.join(' ');
    if (compiled.wholeOrganisation.has(joined)) return 'organisation';
    if (compiled.wholeIndividual.has(joined)) return 'individual';
  }
  return null;
}

const PLACE_STATES: ReadonlySet<TriageStateId> = new Set(['location', 'locationChoice', 'liveAttack', 'regionalTeam', 'outsideUk']);
const AFFIRMATIVE_AT_LIVE_ATTACK = new Set(['ok', 'okay', 'alright', 'all right', 'go on', 'please']);

/** Whether an answer would change what is recorded: a weak answer never replaces one already given. */
function isNewInformation(confidence: Confidence, question: 'happening' | 'audience', context: TriageContext): boolean {
  return confidence !== 'weak' || context[question] === null;
}

export function readText(text: string, position: ReadPosition, compiled: CompiledLexicon = lexicon()): Reading {
  return withIntent(readAnswers(text, position, compiled), text, position);
}

function readAnswers(text: string, position: ReadPosition, compiled: CompiledLexicon): Reading {
  const prepared = prepare(text, compiled);
  if (/^\s*\?+\s*$/.test(prepared.raw)) return { kind: 'command', command: 'help' };
  if (prepared.tokens.length === 0) return { kind: 'empty' };
  const { state, context, onScreen, pending } = position;
  const language = languageOfMessage(prepared, compiled) ?? languageAskedFor(prepared);
  if (language) return { kind: 'language', language };
  const reply = replyOf(prepared, compiled);

  // A Yes/No to the confirmation on screen.
  if (pending && reply && reply.whole && reply.answer !== 'notSure') return { kind: 'confirmation', accepted: reply.answer === 'yes' };

  // "all good now" to "is it happening now?" is an answer (it's over), though "all good" alone may be a thank-you.
  const isAnswerOnScreen = onScreen === 'happeningNow' && isWholeCue(prepared.tokens, compiled.happening);
  const command = isAnswerOnScreen ? null : (commandOf(prepared, compiled) ?? contactCommand(prepared, compiled, onScreen) ?? navigationInClause(prepared, compiled));
  if (onScreen === 'liveAttack') {
    const isYes = reply?.whole && reply.answer === 'yes';
    if (command === 'showRegionalTeam' || isYes || AFFIRMATIVE_AT_LIVE_ATTACK.has(prepared.tokens.join(' '))) {
      return { kind: 'event', event: { type: 'SHOW_REGIONAL_TEAM' }, how: 'typed' };
    }
  }
  if (command === 'showRegionalTeam') return { kind: 'command', command: 'whatNow' };
  if (command) return { kind: 'command', command };

  if (onScreen === 'locationChoice') {
    const index = chosenCandidate(prepared, context);
    if (index !== null) return { kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index }, how: 'typed' };
  }

  const taken: TakenAnswer[] = [];
  const corrected: AnsweredQuestion[] = [];
  const toConfirm: Confirmation[] = [];

  // A bare yes/no answers only the question on screen; a message that says more answers what it says.
  const isBareReply = reply?.whole ?? false;
  const placeExpected = onScreen !== null && PLACE_STATES.has(onScreen);
  if (!isBareReply || placeExpected) {
    const found = findLocation(prepared.raw, prepared.clauses, placeExpected, compiled, position.language === 'cy' || isWrittenInWelsh(prepared.raw));
    if (found?.sure) taken.push({ question: 'location', location: found.location });
    else if (found) toConfirm.push(confirmation({ question: 'location', location: found.location as ResolvedLocation }, null, state));
    // "LS1 4AP", "Leeds": a place and nothing the lexicon knows needs no cue search.
    if (found?.sure && prepared.tokens.length <= 4 && !prepared.tokens.some((token) => compiled.targets.has(token))) {
      return { kind: 'answers', taken, confirm: null, how: 'typed', corrected: [] };
    }
  }

  // A bare reply to the question on screen needs no cue search: it is the answer.
  if (isBareReply && reply && reply.fuzz < 2 && onScreen === 'happeningNow' && pending === null) {
    return { kind: 'answers', taken: [{ question: 'happeningNow', answer: reply.answer }], confirm: null, how: 'typed', corrected: reply.fuzz > 0 ? ['happeningNow'] : [] };
  }
  const happening = decideHappening(
    {
      clauses: prepared.clauses,
      cues: happeningCues(prepared.clauses, compiled),
      reply: onScreen === 'happeningNow' && reply ? reply.answer : null,
      replyFuzz: reply?.fuzz ?? 0,
      onScreen: onScreen === 'happeningNow',
    },
    compiled,
  );
  if (happening && isNewInformation(happening.confidence, 'happening', context)) {
    const answer: TakenAnswer = { question: 'happeningNow', answer: happening.answer };
    if (happening.confidence === 'unsure') {
      // No to "is it still happening?" is "no"; No to "has it stopped?" is "yes"; No to "not sure?" asks again.
      const opposite: HappeningAnswer | null = happening.answer === 'yes' ? 'no' : happening.answer === 'no' ? 'yes' : null;
      toConfirm.push(confirmation(answer, opposite ? { question: 'happeningNow', answer: opposite } : null, state));
    }
    else {
      taken.push(answer);
      if (happening.corrected) corrected.push('happeningNow');
    }
  }

  const audienceOnScreen = onScreen === 'audience';
  // The whole message ("me"), or one clause of it that is nothing but such an answer ("me, I'm in Glasgow").
  const clauseForms = new Set(prepared.clauses.length > 1 ? prepared.clauses.map((clause) => audienceForm(clause.tokens, compiled)).filter((form) => form !== null) : []);
  const wholeAudience = audienceForm(prepared.tokens, compiled) ?? (clauseForms.size === 1 ? [...clauseForms][0] : null);
  let audience = decideAudience({
    cues: audienceCues(prepared.clauses, compiled, audienceOnScreen),
    clauses: prepared.clauses,
    whole: audienceOnScreen ? wholeAudience : null,
    reply: audienceOnScreen && reply?.whole && !wholeAudience ? reply.answer : null,
  });
  // "me personly": a slip read one way, beside words typed exactly that answer the same way ("me"), needs no check.
  if (audience?.confidence === 'unsure' && audienceOnScreen && prepared.fuzz.some((distance) => distance > 0)) {
    const exact = prepared.tokens.filter((_, at) => prepared.fuzz[at] === 0);
    if (exact.length > 0 && audienceForm(exact, compiled) === audience.answer) audience = { ...audience, confidence: 'sure' };
  }
  if (audience && isNewInformation(audience.confidence, 'audience', context)) {
    const answer: TakenAnswer = { question: 'audience', answer: audience.answer };
    const other: AudienceAnswer = audience.answer === 'organisation' ? 'individual' : 'organisation';
    if (audience.confidence === 'unsure') toConfirm.push(confirmation(answer, { question: 'audience', answer: other }, state));
    else {
      taken.push(answer);
      if (audience.corrected) corrected.push('audience');
    }
  }

  // What happened: it chooses the first steps at the outcome, never the route, so it is taken whenever it is said.
  const kind = readKind(prepared.clauses, compiled);
  if (kind && kind !== context.kind) taken.push({ question: 'kind', answer: kind });

  // One question at a time: the first unsure answer is asked about; an unsure answer to a question answered surely is dropped.
  const confirm = toConfirm.find((candidate) => !taken.some((answer) => answer.question === candidate.question)) ?? null;
  if (taken.length > 0 || confirm) return { kind: 'answers', taken, confirm, how: 'typed', corrected };
  // "Thank you dear, you have been very helpful", "Diolch yn fawr iawn i chi am eich help": thanks at an outcome.
  if (onScreen !== null && OUTCOMES.has(onScreen) && THANKS_WORDS.has(prepared.clauses[0]?.tokens[0] ?? '')) return { kind: 'command', command: 'thanks' };
  // "help!!! I don't know what to do": no answer in it, but a call for help.
  if (prepared.tokens.includes('help') || prepared.tokens.includes('cymorth')) return { kind: 'command', command: 'help' };
  return {
    kind: 'unrecognised',
    ...(onScreen === 'location' || onScreen === 'locationChoice' ? { unknownPlace: true } : {}),
    ...(prepared.truncated ? { tooLong: true } : prepared.long ? { longMessage: true } : {}),
    ...(reply?.whole && reply.answer !== 'notSure' ? { reply: reply.answer } : {}),
  };
}
