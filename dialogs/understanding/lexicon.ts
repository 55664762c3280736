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
    for (const phrase of list) {
      if (start + phrase.tokens.length > end) continue;
      if (phrase.tokens.every((token, offset) => tokens[start + offset] === token)) return phrase;
    }
    return null;
  }

  words(): string[] {
    return [...this.byFirst.values()].flatMap((list) => list.flatMap((phrase) => [...phrase.tokens]));
  }
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

  const placeWords = new Set(guard.placeWords);
  const compiled: Omit<CompiledLexicon, 'corrector' | 'targets'> = {
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
  };

  // Words worth correcting a typo to: the ones that carry meaning in the lexicon.
  const targets = new Set<string>([
    ...happening.words(),
    ...audience.words(),
    ...kinds.words(),
    ...leadingReplies.words(),
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
  }
  const meaningOf = (word: string) => [...(tags.get(word) ?? [])].sort().join('|');
  const sameMeaning = (a: string, b: string) => a === b || (tags.has(a) && meaningOf(a) === meaningOf(b));
  return { ...compiled, targets, corrector: new Corrector(targets, (word) => known.has(word), sameMeaning) };
}

let shared: CompiledLexicon | null = null;

/** The lexicon from data/lexicon/, compiled once (a bad file stops start-up with a message naming file and field). */
export function lexicon(): CompiledLexicon {
  shared ??= compileLexicon(loadLexicons(), loadGuardWords(), allPlaceNames());
  return shared;
}

/** A clause's words, with written forms expanded and typos corrected; `fuzz` is each word's edit distance (0: as typed). */
export function prepareTokens(clause: string, compiled: CompiledLexicon): { tokens: string[]; fuzz: number[] } {
  const tokens: string[] = [];
  const fuzz: number[] = [];
  for (const word of words(clause)) {
    const correction = compiled.contractions.has(word) ? null : compiled.corrector.correct(word.replace(/'/g, ''));
    const expanded = correction ? [correction.word] : expand([word], compiled.contractions);
    for (const token of expanded) {
      tokens.push(token);
      fuzz.push(correction ? correction.distance : 0);
    }
  }
  return { tokens, fuzz };
}
