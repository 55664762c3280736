/**
 * Questions people ask at any point ("is the call free?", "it's engaged, what now?", "can I speak to someone?",
 * "diolch, dw i'n ffonio nawr"): intents as data (data/intents.json), found in a message like commands, in every
 * conversation whatever its language. A question never changes an answer: `withIntent` decides, after the answers
 * are read, whether the message is a question to answer (the turn step answers it and shows the question or outcome
 * again) or answers to apply.
 */
import { loadGuardWords, loadLexicons } from '../../data/lexicon';
import { intentsData, type IntentId, type IntentsFile } from '../../data/intents';
import type { TriageContext } from '../../machines/triage';
import { Corrector } from './fuzzy';
import { lexicon, type CompiledLexicon } from './lexicon';
import type { ReadPosition, Reading, TakenAnswer } from './read';
import { MAX_SCANNED_CHARS, stripMarkup, words } from './text';

interface IndexedPhrase {
  tokens: readonly string[];
  id: number;
}

export interface CompiledIntents {
  order: IntentId[];
  /** Every phrase of every slot and `unless` list, by its first word (all of them are checked at a position). */
  byFirst: Map<string, IndexedPhrase[]>;
  /** Whole-message forms, keyed by their words joined with spaces. */
  whole: Map<string, IntentId>;
  /** Per intent: its patterns, each a list of slots (numbered across all intents). */
  patterns: Map<IntentId, number[][]>;
  /** The slots each phrase fills, and the intents each phrase stops ("the ransom" stops the call's cost). */
  slotsOf: Map<number, number[]>;
  stops: Map<number, IntentId[]>;
  slotCount: number;
  spellings: Map<string, string[]>;
  corrector: Corrector;
  maxWords: number;
  /** Words that may surround a whole-message form ("please", "ok", "hi"), from the lexicons' fillers. */
  fillers: Set<string>;
  /** The most words of a whole-message form, fillers around it included: a longer message is matched by patterns only. */
  longestWhole: number;
}

/** Welsh joins "yn" and "yr" to the word before ("dw i'n", "ai'r"): read as the two words. */
const WELSH_CLITIC = /^(.+)'(n|r)$/;
const CLITICS: Readonly<Record<string, string>> = { n: 'yn', r: 'yr' };

/** A message's (or a phrase's) words as the matcher reads them: folded, texting forms and written forms expanded. */
export function intentTokens(text: string, spellings: ReadonlyMap<string, readonly string[]>, compiled: CompiledLexicon, corrector?: Corrector): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const spelled = spellings.get(word) ?? spellings.get(word.replace(/'/g, ''));
    if (spelled) {
      out.push(...spelled);
      continue;
    }
    const expansion = compiled.contractions.get(word);
    if (expansion) {
      out.push(...expansion);
      continue;
    }
    const clitic = WELSH_CLITIC.exec(word);
    if (clitic && !/'s$/.test(word)) {
      out.push(clitic[1].replace(/'/g, ''), CLITICS[clitic[2]]);
      continue;
    }
    const possessive = /^(.+)'s$/.exec(word);
    const plain = (possessive ? possessive[1] : word).replace(/'/g, '');
    if (!plain) continue;
    const corrected = corrector?.correct(plain);
    out.push(corrected ? corrected.word : plain);
  }
  return out;
}

export function compileIntents(file: IntentsFile, compiled: CompiledLexicon): CompiledIntents {
  const spellings = new Map(Object.entries(file.spellings).map(([written, meant]) => [written.toLowerCase(), meant.toLowerCase().split(/\s+/)]));
  const tokensOf = (phrase: string) => intentTokens(phrase, spellings, compiled);
  const ids = new Map<string, number>();
  const byFirst = new Map<string, IndexedPhrase[]>();
  const idOf = (phrase: string): number | null => {
    const tokens = tokensOf(phrase);
    if (!tokens.length) return null;
    const key = tokens.join(' ');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      const list = byFirst.get(tokens[0]) ?? [];
      list.push({ tokens, id });
      byFirst.set(tokens[0], list);
    }
    return id;
  };
  const alternatives = (slot: string): string[] =>
    slot.split('|').flatMap((part) => {
      const group = /^\s*@(\w+)\s*$/.exec(part)?.[1];
      return group ? alternatives(file.groups[group]) : [part.trim()];
    });
  const slotIds = (slot: string) => [...new Set(alternatives(slot).map(idOf).filter((id): id is number => id !== null))];
  const add = <T>(map: Map<number, T[]>, id: number, value: T) => map.set(id, [...(map.get(id) ?? []), value]);

  const whole = new Map<string, IntentId>();
  const patterns = new Map<IntentId, number[][]>();
  const slotsOf = new Map<number, number[]>();
  const stops = new Map<number, IntentId[]>();
  let slotCount = 0;
  for (const intent of file.order) {
    const entry = file.intents[intent];
    for (const phrase of entry.whole) {
      const key = tokensOf(phrase).join(' ');
      if (key && !whole.has(key)) whole.set(key, intent);
    }
    patterns.set(
      intent,
      entry.patterns.map((pattern) =>
        pattern.map((slot) => {
          const number = slotCount++;
          for (const id of slotIds(slot)) add(slotsOf, id, number);
          return number;
        }),
      ),
    );
    for (const phrase of entry.unless) {
      const id = idOf(phrase);
      if (id !== null) add(stops, id, intent);
    }
  }

  // Typos are corrected towards the intents' words, never from a real word ("coast" stays "coast").
  const vocabulary = new Set<string>([...ids.keys(), ...whole.keys()].flatMap((key) => key.split(' ')).filter((word) => word.length >= 4 && !/\d/.test(word)));
  const lexicons = loadLexicons();
  const known = new Set<string>([
    ...vocabulary,
    ...file.knownWords.map((word) => word.toLowerCase()),
    ...compiled.targets,
    ...loadGuardWords().words,
    ...lexicons.flatMap((each) => each.knownWords.flatMap((phrase) => words(phrase))),
    ...compiled.contractions.keys(),
  ]);
  const corrector = new Corrector(vocabulary, (word) => known.has(word) || word.length < 5);
  const fillers = new Set(lexicons.flatMap((each) => each.fillers.flatMap((phrase) => (words(phrase).length === 1 ? words(phrase) : []))));
  for (const extra of ['sorry', 'then', 'again', 'mate', 'please', 'plis', 'diolch', 'x', 'xx']) fillers.add(extra);
  const longestWhole = Math.max(0, ...[...whole.keys()].map((key) => key.split(' ').length)) + 4;
  return { order: [...file.order], byFirst, whole, patterns, slotsOf, stops, slotCount, spellings, corrector, maxWords: file.maxWords, fillers, longestWhole };
}

let shared: CompiledIntents | null = null;

export function compiledIntents(): CompiledIntents {
  shared ??= compileIntents(intentsData(), lexicon());
  return shared;
}

/** The phrase ids found anywhere in the words. */
function phrasesIn(tokens: readonly string[], intents: CompiledIntents): Set<number> {
  const found = new Set<number>();
  for (let at = 0; at < tokens.length; at++) {
    for (const phrase of intents.byFirst.get(tokens[at]) ?? []) {
      if (at + phrase.tokens.length > tokens.length) continue;
      let matches = true;
      for (let offset = 1; offset < phrase.tokens.length && matches; offset++) matches = tokens[at + offset] === phrase.tokens[offset];
      if (matches) found.add(phrase.id);
    }
  }
  return found;
}

/** The whole message, then with the fillers around it left out one by one ("hi, is this free?" → "is this free"). */
function wholeIntent(tokens: readonly string[], intents: CompiledIntents): IntentId | null {
  const seen = new Set<string>();
  const queue: Array<[number, number]> = [[0, tokens.length]];
  while (queue.length) {
    const [start, end] = queue.shift()!;
    const key = `${start}:${end}`;
    if (seen.has(key) || end <= start) continue;
    seen.add(key);
    const found = intents.whole.get(tokens.slice(start, end).join(' '));
    if (found) return found;
    if (end - start > 1 && intents.fillers.has(tokens[start])) queue.push([start + 1, end]);
    if (end - start > 1 && intents.fillers.has(tokens[end - 1])) queue.push([start, end - 1]);
    if (end - start > 2 && tokens[end - 2] === 'thank' && tokens[end - 1] === 'you') queue.push([start, end - 2]);
  }
  return null;
}

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let at = 0; at < text.length; at++) {
    const space = text.charCodeAt(at) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** The question a message asks, if it asks one the intents know; null otherwise. */
export function findIntent(text: string, intents: CompiledIntents = compiledIntents(), compiled: CompiledLexicon = lexicon()): IntentId | null {
  // A description runs to many words: no question is read in it, and it costs nothing to find that out.
  if (text.length > intents.maxWords * 20 || countWords(text) > intents.maxWords * 2) return null;
  const cut = stripMarkup(text.slice(0, MAX_SCANNED_CHARS));
  const tokens = intentTokens(cut, intents.spellings, compiled, intents.corrector);
  if (tokens.length === 0 || tokens.length > intents.maxWords) return null;
  const whole = tokens.length <= intents.longestWhole ? wholeIntent(tokens, intents) : null;
  // Each phrase found fills its slots and stops its intents; then the first intent in order with a pattern filled wins.
  const filled = new Uint8Array(intents.slotCount);
  const stopped = new Set<IntentId>();
  for (const id of phrasesIn(tokens, intents)) {
    for (const slot of intents.slotsOf.get(id) ?? []) filled[slot] = 1;
    for (const intent of intents.stops.get(id) ?? []) stopped.add(intent);
  }
  for (const intent of intents.order) {
    if (whole === intent) return intent;
    if (intent === 'greeting' || stopped.has(intent)) continue;
    if (intents.patterns.get(intent)!.some((pattern) => pattern.every((slot) => filled[slot] === 1))) return intent;
  }
  return null;
}

/** Whether an answer would change what the conversation holds (a question repeats what is known, often). */
function changes(answer: TakenAnswer, context: TriageContext): boolean {
  switch (answer.question) {
    case 'happeningNow':
      return context.happening !== answer.answer;
    case 'audience':
      return context.audience !== answer.answer;
    case 'location': {
      const location = answer.location;
      if (location.kind === 'unit') return context.location?.unitId !== location.unitId || context.location?.label !== location.label;
      if (location.kind === 'crown-dependency') return context.outside?.kind !== 'crown-dependency' || context.outside.territory !== location.territory;
      if (location.kind === 'abroad') return context.outside?.kind !== 'abroad';
      return true;
    }
    case 'kind':
      // What happened never routes: a question that names it ("should we pay the ransom?") is still a question.
      return false;
  }
}

/**
 * A message that asks a question the intents know is answered as that question unless it also gives answers that
 * change the conversation where it matters: the answer to the question on screen (any answer, on a first message),
 * or anywhere a sign that the attack is going on (the safe side). Then the answers are applied (they lead to the
 * number). A place or "our office" in a question at an outcome does not move the outcome ("are they open at the
 * Leeds office?"), and on the safe side an answer that would take a live attack (or an unanswered "is it happening?")
 * to "not happening", or an organisation under a live attack to "yourself", is never read from a question ("are they
 * open on Sunday?" is not "it happened on Sunday"). A Yes/No to a check on screen, a language chosen, a button, a
 * candidate picked and Start again / Back / cancel keep their meaning.
 */
export function withIntent(reading: Reading, text: string, position: ReadPosition): Reading {
  switch (reading.kind) {
    case 'language':
    case 'confirmation':
    case 'stale':
    case 'empty':
    case 'event':
      return reading;
    case 'command':
      if (reading.command === 'restart' || reading.command === 'back' || reading.command === 'cancel') return reading;
      break;
    default:
      break;
  }
  const intent = findIntent(text);
  if (!intent) return reading;
  if (reading.kind === 'answers') {
    const { context, onScreen } = position;
    const asked = (answer: TakenAnswer) =>
      onScreen === null || answer.question === onScreen || (answer.question === 'location' && onScreen === 'locationChoice');
    const liveOrganisation = context.audience === 'organisation' && context.happening !== 'no';
    const unsafe = (answer: TakenAnswer) =>
      (answer.question === 'happeningNow' && answer.answer === 'no') || (answer.question === 'audience' && answer.answer === 'individual' && liveOrganisation);
    // From "not happening" (or nothing yet) to "happening" or "not sure": the safe side. Between "yes" and "not sure"
    // nothing changes that matters (both are live).
    const saferSide = (answer: TakenAnswer) => answer.question === 'happeningNow' && answer.answer !== 'no' && context.happening !== 'yes' && context.happening !== 'notSure';
    const changing = reading.taken.filter((answer) => changes(answer, context) && !unsafe(answer) && (asked(answer) || saferSide(answer)));
    if (changing.length > 0) return reading;
  }
  return { kind: 'intent', intent };
}
