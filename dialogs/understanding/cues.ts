/**
 * Step 2 of understanding: every cue a message holds for each question, with its negation and how far it was from
 * what was typed. Step 3 (decide.ts) turns the cues into answers.
 */
import type { AudienceCue, HappeningCue } from '../../data/lexicon';
import { mayHold, prepareTokens, type CompiledLexicon, type PhraseIndex } from './lexicon';
import type { RawClause } from './text';
import { identityCues } from './identity';

export interface Clause {
  /** As typed (case kept): postcodes and place names are read from this. */
  raw: string;
  tokens: string[];
  fuzz: number[];
  /** Ended by a question mark: what it says is asked, not told ("is it over?"). */
  question?: boolean;
  /** Per word, the bits of the phrase indexes with a phrase starting there (CompiledLexicon.firstBits), and all of them. */
  starts?: number[];
  bits?: number;
}

export interface Cue<Tag> {
  tag: Tag;
  clause: number;
  start: number;
  end: number;
  negated: boolean;
  /** The largest edit distance among its words: 0 when typed exactly. */
  fuzz: number;
}

export function prepareClauses(rawClauses: ReadonlyArray<string | RawClause>, compiled: CompiledLexicon): Clause[] {
  return rawClauses.map((clause) =>
    typeof clause === 'string' ? { raw: clause, ...prepareTokens(clause, compiled) } : { raw: clause.raw, question: clause.question, ...prepareTokens(clause.raw, compiled) },
  );
}

interface Span {
  start: number;
  end: number;
}

/** Longest phrase first, left to right, no overlaps. */
export function scan<Tag>(tokens: readonly string[], index: PhraseIndex<Tag>, starts?: readonly number[]): ReadonlyArray<Span & { tag: Tag }> {
  // Most clauses hold no phrase of a given index: nothing is allocated for them.
  let found: Array<Span & { tag: Tag }> | null = null;
  const bit = starts && index.bit !== 0 ? index.bit : 0;
  for (let start = 0; start < tokens.length; ) {
    // Only where one of its phrases can start (the clause's bits per word), when the clause has them.
    const phrase = bit === 0 || (starts![start] & bit) !== 0 ? index.at(tokens, start) : null;
    if (phrase) {
      (found ??= []).push({ tag: phrase.tag, start, end: start + phrase.tokens.length });
      start += phrase.tokens.length;
    } else {
      start++;
    }
  }
  return found ?? NOTHING;
}

const NOTHING: ReadonlyArray<never> = [];

/** How many words may stand between a negator and what it negates: "not really a business", "hasn't yet stopped". */
const NEGATION_REACH = 3;

/** Whether the span is exactly one phrase of the index. */
function isWhole(index: PhraseIndex<true> | undefined, tokens: readonly string[], span: Span): boolean {
  return index !== undefined && index.at(tokens, span.start, span.end)?.tokens.length === span.end - span.start;
}

/**
 * Cues of one question in one clause; a negator that is part of a cue ("not sure") negates nothing. `transparent`: cues
 * a negation reaches through to the next one ("not currently happening": both "currently" and "happening" negated).
 */
function cuesIn<Tag>(clause: Clause, clauseIndex: number, index: PhraseIndex<Tag>, compiled: CompiledLexicon, transparent?: PhraseIndex<true>): ReadonlyArray<Cue<Tag>> {
  const { tokens, fuzz } = clause;
  if (!mayHold(clause, index)) return NOTHING;
  const spans = scan(tokens, index, clause.starts);
  if (spans.length === 0) return NOTHING;
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const span of spans) covered.fill(true, span.start, span.end);
  const negators = (mayHold(clause, compiled.negators) ? scan(tokens, compiled.negators, clause.starts) : NOTHING).filter((negator) => {
    for (let at = negator.start; at < negator.end; at++) if (covered[at]) return false;
    return true;
  });
  return spans.map((span) => {
    const negated = negators.some((negator) => {
      if (negator.end > span.start || span.start - negator.end > NEGATION_REACH) return false;
      // "hasn't stopped since Friday": a negator negates the first cue after it, not the ones beyond.
      // An adverb between them passes the negation on ("not currently happening").
      if (spans.some((other) => other !== span && other.start >= negator.end && other.end <= span.start && !isWhole(transparent, tokens, other))) return false;
      // "not over, but …": a clause break between them ends the negation's reach.
      for (let i = negator.end; i < span.start; i++) if (compiled.clauseBreaks.has(tokens[i]) && !covered[i]) return false;
      return true;
    });
    let most = 0;
    for (let at = span.start; at < span.end; at++) if (fuzz[at] > most) most = fuzz[at];
    return { tag: span.tag, clause: clauseIndex, start: span.start, end: span.end, negated, fuzz: most };
  });
}

export function happeningCues(clauses: readonly Clause[], compiled: CompiledLexicon): ReadonlyArray<Cue<HappeningCue>> {
  if (clauses.length === 1) return cuesIn(clauses[0], 0, compiled.happening, compiled, compiled.negationTransparent);
  return clauses.flatMap((clause, index) => cuesIn(clause, index, compiled.happening, compiled, compiled.negationTransparent));
}

/**
 * The audience cues: the listed phrases, and who someone says they are (identity.ts: "we're a bank", "just a normal
 * person"; with the audience question on screen, `answering`, a noun phrase by its head: "sunday league team").
 */
export function audienceCues(clauses: readonly Clause[], compiled: CompiledLexicon, answering = false): ReadonlyArray<Cue<AudienceCue>> {
  const listed = clauses.length === 1 ? cuesIn(clauses[0], 0, compiled.audience, compiled) : clauses.flatMap((clause, index) => cuesIn(clause, index, compiled.audience, compiled));
  const built = identityCues(clauses, listed, compiled, answering);
  return built.length > 0 ? [...listed, ...built] : listed;
}

/** Whether a phrase of `index` lies within `before` words before `position` in the clause (no clause break between). */
export function phraseBefore(clause: Clause, position: number, before: number, index: PhraseIndex<true>, compiled: CompiledLexicon): boolean {
  for (let start = Math.max(0, position - before); start < position; start++) {
    const phrase = index.at(clause.tokens, start, position);
    if (phrase) {
      const between = clause.tokens.slice(start + phrase.tokens.length, position);
      if (!between.some((token) => compiled.clauseBreaks.has(token))) return true;
    }
  }
  return false;
}

export function hasPhrase(clause: Clause, index: PhraseIndex<true>): Span | null {
  if (!mayHold(clause, index)) return null;
  for (let start = 0; start < clause.tokens.length; start++) {
    const phrase = index.at(clause.tokens, start);
    if (phrase) return { start, end: start + phrase.tokens.length };
  }
  return null;
}

/** The cues of any phrase index, with the same negation rules (what happened: dialogs/understanding/kind.ts). */
export function cuesFor<Tag>(clauses: readonly Clause[], index: PhraseIndex<Tag>, compiled: CompiledLexicon): ReadonlyArray<Cue<Tag>> {
  if (clauses.length === 1) return cuesIn(clauses[0], 0, index, compiled);
  return clauses.flatMap((clause, at) => cuesIn(clause, at, index, compiled));
}
