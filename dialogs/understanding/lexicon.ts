/**
 * The lexicon files (data/lexicon/*.json, every language at once: a Welsh "ydy" is understood in an English
 * conversation too) compiled into phrase indexes for the matcher.
 */
import { allPlaceNames } from '../../data/places';
import {
  AUDIENCE_CUES,
  COMMANDS,
  HAPPENING_CUES,
  KIND_CUES,
  loadGuardWords,
  loadLexicons,
  type AudienceCue,
  type Command,
  type GuardWords,
  type HappeningCue,
  type KindCue,
  type Lexicon,
  SCOPE_MARKERS,
  type ScopeMarker,
} from '../../data/lexicon';
import type { HappeningAnswer } from '../../machines/triage';
import { Corrector } from './fuzzy';
import { expand, fold, phraseTokens, words } from './text';

export interface Phrase<Tag> {
  tokens: readonly string[];
  tag: Tag;
}

/** Phrases by their first word, longest first, so the longest phrase at a position wins ("not a business" over "not"). */
export class PhraseIndex<Tag> {
  private readonly byFirst = new Map<string, Phrase<Tag>[]>();
  /** This index's bit in `CompiledLexicon.firstBits` (0: none given; then every word is looked up). */
  bit = 0;

  /** The words its phrases start with. */
  firstWords(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  add(tokens: readonly string[], tag: Tag): void {
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    if (list.some((phrase) => phrase.tokens.join(' ') === tokens.join(' '))) return;
    list.push({ tokens, tag });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(tokens[0], list);
  }

  /** The longest phrase starting at `start`, or null. */
  at(tokens: readonly string[], start: number, end: number = tokens.length): Phrase<Tag> | null {
    const list = this.byFirst.get(tokens[start]);
    if (!list) return null;
    // A plain loop (no callback per phrase tried): this runs for every word of every clause, for every index.
    search: for (const phrase of list) {
      const words = phrase.tokens;
      if (start + words.length > end) continue;
      for (let offset = 1; offset < words.length; offset++) if (tokens[start + offset] !== words[offset]) continue search;
      return phrase;
    }
    return null;
  }

  words(): string[] {
    return [...this.byFirst.values()].flatMap((list) => list.flatMap((phrase) => [...phrase.tokens]));
  }
}

const NO_SPANS: ReadonlyArray<{ start: number; end: number }> = [];

function fits(tokens: readonly string[], part: readonly string[], at: number): boolean {
  for (let offset = 0; offset < part.length; offset++) if (tokens[at + offset] !== part[offset]) return false;
  return true;
}

/**
 * Phrases with gaps: "turned * off" is "turned", up to three words, then "off" ("turned the computer off"). A match
 * is the span from its first word to its last.
 */
export class GapPhrases {
  private readonly byFirst = new Map<string, string[][][]>();
  /** This list's bit in `CompiledLexicon.firstBits`. */
  bit = 0;

  firstWords(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  constructor(private readonly maxGap = 3) {}

  add(phrase: readonly string[]): void {
    const parts: string[][] = [[]];
    for (const token of phrase) {
      if (token === '*') parts.push([]);
      else parts[parts.length - 1].push(token);
    }
    if (parts.some((part) => part.length === 0)) return;
    const list = this.byFirst.get(parts[0][0]) ?? [];
    list.push(parts);
    this.byFirst.set(parts[0][0], list);
  }

  /** Every match in the tokens, left to right, none overlapping. */
  find(tokens: readonly string[]): ReadonlyArray<{ start: number; end: number }> {
    let found: Array<{ start: number; end: number }> | null = null;
    for (let start = 0; start < tokens.length; start++) {
      const list = this.byFirst.get(tokens[start]);
      if (!list) continue;
      for (const parts of list) {
        const end = this.match(tokens, start, parts);
        if (end !== null) {
          (found ??= []).push({ start, end });
          start = end - 1;
          break;
        }
      }
    }
    return found ?? NO_SPANS;
  }

  private match(tokens: readonly string[], start: number, parts: readonly string[][]): number | null {
    if (!fits(tokens, parts[0], start)) return null;
    let at = start + parts[0].length;
    for (let index = 1; index < parts.length; index++) {
      const part = parts[index];
      let gap = 0;
      while (gap <= this.maxGap && at + gap + part.length <= tokens.length && !fits(tokens, part, at + gap)) gap++;
      if (gap > this.maxGap || at + gap + part.length > tokens.length) return null;
      at += gap + part.length;
    }
    return at;
  }

  words(): string[] {
    return [...this.byFirst.values()].flatMap((list) => list.flatMap((parts) => parts.flat()));
  }
}

/** What a phrase of the scope index is: a scope marker, or a named time ("term") or a duration ("weeks") of a past time. */
export type ScopeTag = ScopeMarker | 'unit' | 'duration';
/** Each scope tag as a bit: a phrase's tags are the bits of every list it is in (one number, no list to search). */
export const SCOPE_BIT: Readonly<Record<ScopeTag, number>> = Object.fromEntries(
  [...SCOPE_MARKERS, 'unit', 'duration'].map((tag, index) => [tag, 1 << index]),
) as Record<ScopeTag, number>;

/** The parts past times are built from beside the named times and durations (which are in `scopeMarkers`). */
export interface PastTime {
  /** "last", "in the", "back in", Welsh "yr": a unit after them (a word or two between) is a past time. */
  before: PhraseIndex<true>;
  /** "ago", "back", Welsh "diwethaf", "yn ôl": a unit just before them is a past time. */
  after: PhraseIndex<true>;
  /** Words that make it no past: "in the next week", "the last few days" (a stretch up to now). */
  notPast: Set<string>;
  /** Words just before the word before ("the last 3 weeks"): a stretch up to now, no past. */
  notPastBefore: Set<string>;
  /** "since", Welsh "ers": from a past time until now, so going on. */
  since: Set<string>;
}

export interface CompiledLexicon {
  languages: string[];
  contractions: Map<string, string[]>;
  corrector: Corrector;
  /** The words a typo may be corrected to. */
  targets: Set<string>;
  /** Whole-message commands, keyed by their words joined with spaces. */
  commands: Map<string, Command>;
  fillers: PhraseIndex<true>;
  /** Replies that may lead a message ("yes, …") and replies that count only alone ("y", "do"). */
  leadingReplies: PhraseIndex<HappeningAnswer>;
  wholeReplies: Map<string, HappeningAnswer>;
  negators: PhraseIndex<true>;
  clauseBreaks: Set<string>;
  happening: PhraseIndex<HappeningCue>;
  audience: PhraseIndex<AudienceCue>;
  /** What happened (dialogs/understanding/kind.ts). */
  kinds: PhraseIndex<KindCue>;
  systems: PhraseIndex<true>;
  presentMarkers: PhraseIndex<true>;
  stillMarkers: PhraseIndex<true>;
  /** "I think", "seems", "for now": an end beside them is doubt. */
  hedges: PhraseIndex<true>;
  /** Whole-message questions about whom to contact ("who do I call?"). */
  contactQuestions: Set<string>;
  wholeOrganisation: Set<string>;
  wholeIndividual: Set<string>;
  /** Whether a one-word place name is also an ordinary English word ("down", "street", "march"). */
  isOrdinaryWord: (word: string) => boolean;
  /** Function words never read as a place in a message in their language (folded, apostrophes dropped: "maer"). */
  notPlaceNames: Set<string>;
  /**
   * Words that set a scope in a clause (data/lexicon.ts SCOPE_MARKERS) and the named times and durations past times are
   * built from, in one index so that a clause is scanned once: each phrase with every list it is in.
   */
  scopeMarkers: PhraseIndex<number>;
  /** What people do while an attack goes on ("turned the computer off"): no end. */
  actions: GapPhrases;
  /** "is it", "has it": a clause opening with one asks (looked for at the start of a clause only). */
  questionStarts: PhraseIndex<true>;
  /** "that", "which": the end of an irrealis marker's scope. */
  scopeBreaks: Set<string>;
  /** "I", "we", "my", "our": an attempt they made, or a thing of theirs blocked, is no attack stopped. */
  firstPerson: Set<string>;
  /** "what", "which", Welsh "beth": a question opening with one asks for something to be said (again). */
  askingWords: Set<string>;
  /** Words of ending that take what follows as their object ("stopped happening"). */
  endComplements: Set<string>;
  /** Adverbs a negation reaches through ("not currently happening"). */
  negationTransparent: PhraseIndex<true>;
  pastTime: PastTime;
  /** Organisation and person nouns as the head of what someone says they are, and what introduces it. */
  organisationNouns: PhraseIndex<true>;
  personNouns: PhraseIndex<true>;
  identityFrames: PhraseIndex<true>;
  organisationSuffixes: readonly string[];
  nounPhraseEnds: Set<string>;
  headNounBlockers: Set<string>;
  /**
   * For each word that starts a phrase of any index, the bits of those indexes: a clause records them per word once
   * (prepareTokens), so each index is looked up only where one of its phrases can start, and a clause none can start
   * in is passed over whole.
   */
  firstBits: Map<string, number>;
}

/** Whether a phrase of `index` can start anywhere in the clause (always, for a clause made without the bits). */
export function mayHold(clause: { bits?: number }, index: { bit: number }): boolean {
  return clause.bits === undefined || index.bit === 0 || (clause.bits & index.bit) !== 0;
}

function contractionsOf(lexicons: Lexicon[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const lexicon of lexicons) {
    for (const [written, meaning] of Object.entries(lexicon.contractions)) {
      map.set(written.toLowerCase().replace(/[\u2018\u2019]/g, "'"), meaning.toLowerCase().split(/\s+/).filter(Boolean));
    }
  }
  return map;
}

export function compileLexicon(lexicons: Lexicon[], guard: GuardWords, placeNames: readonly string[] = []): CompiledLexicon {
  const contractions = contractionsOf(lexicons);
  const tokensOf = (phrase: string) => phraseTokens(phrase, contractions);
  const index = <Tag>(entries: Array<[string, Tag]>) => {
    const built = new PhraseIndex<Tag>();
    for (const [phrase, tag] of entries) built.add(tokensOf(phrase), tag);
    return built;
  };
  const all = <T>(pick: (lexicon: Lexicon) => T[]) => lexicons.flatMap(pick);

  const commands = new Map<string, Command>();
  for (const command of COMMANDS) {
    for (const phrase of all((lexicon) => lexicon.commands[command])) {
      const key = tokensOf(phrase).join(' ');
      if (!commands.has(key)) commands.set(key, command);
    }
  }
  const answers = ['yes', 'no', 'notSure'] as const;
  const leadingReplies = index(all((lexicon) => answers.flatMap((answer) => lexicon.replies[answer].map((p) => [p, answer] as [string, HappeningAnswer]))));
  const wholeReplies = new Map<string, HappeningAnswer>();
  for (const lexicon of lexicons) {
    for (const answer of answers) {
      for (const phrase of [...lexicon.replies[answer], ...lexicon.wholeReplies[answer]]) wholeReplies.set(tokensOf(phrase).join(' '), answer);
    }
  }
  const happening = index(all((lexicon) => HAPPENING_CUES.flatMap((cue) => lexicon.happening[cue].map((p) => [p, cue] as [string, HappeningCue]))));
  const audience = index(all((lexicon) => AUDIENCE_CUES.flatMap((cue) => lexicon.audience[cue].map((p) => [p, cue] as [string, AudienceCue]))));
  const kinds = index(all((lexicon) => KIND_CUES.flatMap((cue) => lexicon.kinds[cue].map((p) => [p, cue] as [string, KindCue]))));
  const flag = (pick: (lexicon: Lexicon) => string[]) => index(all(pick).map((phrase) => [phrase, true] as [string, true]));
  const joinedSet = (pick: (lexicon: Lexicon) => string[]) => new Set(all(pick).map((phrase) => tokensOf(phrase).join(' ')));

  const scopeMarkers = new PhraseIndex<number>();
  {
    const kinds = new Map<string, { tokens: string[]; kinds: number }>();
    for (const lexicon of lexicons) {
      // Question openings are looked for at a clause's start only, and scope breaks word by word (compiled apart).
      const lists: Array<[ScopeTag, string[]]> = [
        ...SCOPE_MARKERS.filter((marker) => marker !== 'questionStarts' && marker !== 'scopeBreaks').map((marker) => [marker, lexicon.happening[marker]] as [ScopeTag, string[]]),
        ['unit', lexicon.happening.pastTime.units],
        ['duration', lexicon.happening.pastTime.durations],
      ];
      for (const [marker, list] of lists) {
        for (const phrase of list) {
          const tokens = tokensOf(phrase);
          const key = tokens.join(' ');
          const entry = kinds.get(key) ?? { tokens, kinds: 0 };
          entry.kinds |= SCOPE_BIT[marker];
          kinds.set(key, entry);
        }
      }
    }
    for (const { tokens, kinds: markers } of kinds.values()) scopeMarkers.add(tokens, markers);
  }
  const actions = new GapPhrases();
  for (const phrase of all((lexicon) => lexicon.happening.actions)) actions.add(phrase.split(/\s+/).flatMap((part) => (part === '*' ? ['*'] : tokensOf(part))));
  const pastTime: PastTime = {
    before: flag((lexicon) => lexicon.happening.pastTime.before),
    after: flag((lexicon) => lexicon.happening.pastTime.after),
    notPast: new Set(all((lexicon) => lexicon.happening.pastTime.notPast).flatMap(tokensOf)),
    notPastBefore: new Set(all((lexicon) => lexicon.happening.pastTime.notPastBefore).flatMap(tokensOf)),
    since: new Set(all((lexicon) => lexicon.happening.pastTime.since).flatMap(tokensOf)),
  };

  const placeWords = new Set(guard.placeWords);
  const compiled: Omit<CompiledLexicon, 'corrector' | 'targets' | 'firstBits'> = {
    isOrdinaryWord: (word) => placeWords.has(word),
    notPlaceNames: new Set(all((lexicon) => lexicon.notPlaceNames).map((word) => fold(word).replace(/'/g, ''))),
    languages: lexicons.map((lexicon) => lexicon.language),
    contractions,
    commands,
    fillers: flag((lexicon) => lexicon.fillers),
    leadingReplies,
    wholeReplies,
    negators: flag((lexicon) => lexicon.negators),
    clauseBreaks: new Set(all((lexicon) => lexicon.clauseBreaks).flatMap(tokensOf)),
    happening,
    audience,
    kinds,
    systems: flag((lexicon) => lexicon.happening.systems),
    presentMarkers: flag((lexicon) => lexicon.happening.presentMarkers),
    stillMarkers: flag((lexicon) => lexicon.happening.stillMarkers),
    hedges: flag((lexicon) => lexicon.happening.hedges),
    contactQuestions: joinedSet((lexicon) => lexicon.contactQuestions),
    wholeOrganisation: joinedSet((lexicon) => lexicon.audience.wholeOrganisation),
    wholeIndividual: joinedSet((lexicon) => lexicon.audience.wholeIndividual),
    scopeMarkers,
    actions,
    questionStarts: flag((lexicon) => lexicon.happening.questionStarts),
    scopeBreaks: new Set(all((lexicon) => lexicon.happening.scopeBreaks).flatMap(tokensOf)),
    firstPerson: new Set(all((lexicon) => lexicon.happening.firstPerson).flatMap(tokensOf)),
    askingWords: new Set(all((lexicon) => lexicon.happening.askingWords).flatMap(tokensOf)),
    endComplements: new Set(all((lexicon) => lexicon.happening.endComplements).flatMap(tokensOf)),
    negationTransparent: flag((lexicon) => lexicon.happening.negationTransparent),
    pastTime,
    organisationNouns: flag((lexicon) => lexicon.audience.organisationNouns),
    personNouns: flag((lexicon) => lexicon.audience.personNouns),
    identityFrames: flag((lexicon) => lexicon.audience.identityFrames),
    nounPhraseEnds: new Set(all((lexicon) => lexicon.audience.nounPhraseEnds).flatMap(tokensOf)),
    headNounBlockers: new Set(all((lexicon) => lexicon.audience.headNounBlockers).flatMap(tokensOf)),
    organisationSuffixes: [...new Set(all((lexicon) => lexicon.audience.organisationSuffixes).map((suffix) => suffix.toLowerCase()))],
  };

  // Words worth correcting a typo to: the ones that carry meaning in the lexicon.
  const targets = new Set<string>([
    ...happening.words(),
    ...audience.words(),
    ...kinds.words(),
    ...leadingReplies.words(),
    ...compiled.organisationNouns.words(),
    ...compiled.personNouns.words(),
    ...[...wholeReplies.keys()].flatMap((key) => key.split(' ')),
    ...[...commands.keys()].flatMap((key) => key.split(' ')),
    ...[...compiled.contactQuestions].flatMap((key) => key.split(' ')),
  ]);
  const known = new Set<string>([
    ...targets,
    ...guard.words,
    ...all((lexicon) => lexicon.knownWords).flatMap(tokensOf),
    ...compiled.fillers.words(),
    ...compiled.negators.words(),
    ...compiled.clauseBreaks,
    ...compiled.systems.words(),
    ...compiled.hedges.words(),
    ...scopeMarkers.words(),
    ...compiled.questionStarts.words(),
    ...compiled.scopeBreaks,
    ...actions.words(),
    ...compiled.negationTransparent.words(),
    ...pastTime.before.words(),
    ...pastTime.after.words(),
    ...compiled.identityFrames.words(),
    ...contractions.keys(),
    ...[...contractions.values()].flat(),
    // Place names are names, not typos: "Leek" is not "leak", "Looe" is not "lose".
    ...placeNames.flatMap((name) => words(name)),
  ]);
  // What a single word means on its own ("business" and "busnes": an organisation), to settle ties between typos.
  const tags = new Map<string, Set<string>>();
  const noteMeaning = (word: string, tag: string) => tags.set(word, (tags.get(word) ?? new Set<string>()).add(tag));
  for (const lexicon of lexicons) {
    for (const cue of HAPPENING_CUES) for (const phrase of lexicon.happening[cue]) if (tokensOf(phrase).length === 1) noteMeaning(tokensOf(phrase)[0], `h:${cue}`);
    for (const cue of AUDIENCE_CUES) for (const phrase of lexicon.audience[cue]) if (tokensOf(phrase).length === 1) noteMeaning(tokensOf(phrase)[0], `a:${cue}`);
    // "person", "personal", "personally": one meaning, so a slip between them ("personly") is no tie.
    for (const phrase of [...lexicon.audience.wholeIndividual, ...lexicon.audience.personNouns]) if (tokensOf(phrase).length === 1) noteMeaning(tokensOf(phrase)[0], 'a:individual');
    for (const phrase of [...lexicon.audience.wholeOrganisation, ...lexicon.audience.organisationNouns]) if (tokensOf(phrase).length === 1) noteMeaning(tokensOf(phrase)[0], 'a:organisationTypes');
  }
  const meaningOf = (word: string) => [...(tags.get(word) ?? [])].sort().join('|');
  const sameMeaning = (a: string, b: string) => a === b || (tags.has(a) && meaningOf(a) === meaningOf(b));
  // Each phrase index its bit, and each word the bits of the indexes with a phrase starting with it.
  const firstBits = new Map<string, number>();
  const indexes: Array<PhraseIndex<unknown> | GapPhrases> = [];
  for (const value of [...Object.values(compiled), ...Object.values(compiled.pastTime)]) {
    if ((value instanceof PhraseIndex || value instanceof GapPhrases) && !indexes.includes(value)) indexes.push(value);
  }
  indexes.slice(0, 30).forEach((index, at) => {
    index.bit = 1 << at;
    for (const word of index.firstWords()) firstBits.set(word, (firstBits.get(word) ?? 0) | index.bit);
  });
  return { ...compiled, firstBits, targets, corrector: new Corrector(targets, (word) => known.has(word), sameMeaning) };
}

let shared: CompiledLexicon | null = null;

/** The lexicon from data/lexicon/, compiled once (a bad file stops start-up with a message naming file and field). */
export function lexicon(): CompiledLexicon {
  shared ??= compileLexicon(loadLexicons(), loadGuardWords(), allPlaceNames());
  return shared;
}

/** A clause's words, with written forms expanded and typos corrected; `fuzz` is each word's edit distance (0: as typed). */
export function prepareTokens(clause: string, compiled: CompiledLexicon): { tokens: string[]; fuzz: number[]; starts: number[]; bits: number } {
  const tokens: string[] = [];
  const fuzz: number[] = [];
  for (const word of words(clause)) {
    const written = compiled.contractions.has(word);
    const apostrophe = word.includes("'");
    const correction = written ? null : compiled.corrector.correct(apostrophe ? word.replace(/'/g, '') : word);
    if (correction) {
      tokens.push(correction.word);
      fuzz.push(correction.distance);
    } else if (!written && !apostrophe) {
      // Most words: nothing to expand.
      tokens.push(word);
      fuzz.push(0);
    } else {
      for (const token of expand([word], compiled.contractions)) {
        tokens.push(token);
        fuzz.push(0);
      }
    }
  }
  const starts: number[] = [];
  let bits = 0;
  for (const token of tokens) {
    const found = compiled.firstBits.get(token) ?? 0;
    starts.push(found);
    bits |= found;
  }
  return { tokens, fuzz, starts, bits };
}
