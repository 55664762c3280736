/**
 * Who someone says they are, for "an organisation or yourself?", beyond the listed kinds of organisation: the noun
 * classes of the lexicon (`audience.organisationNouns`, `personNouns`) as the head of what follows an identity frame
 * ("we're a bank", "I run a sunday league team", "just a normal person", "little old me"), and one-word names of
 * organisations by their ending ("bookshop"); and, as the answer on screen, a noun phrase by its head ("sunday league
 * team"). A bank or a team named in passing ("I rang the bank") says nothing.
 */
import type { AudienceCue } from '../../data/lexicon';
import { scan, type Clause, type Cue } from './cues';
import { mayHold, type CompiledLexicon } from './lexicon';
import { opensAsQuestion } from './scope';

const NO_FRAMES: ReadonlyArray<{ start: number; end: number }> = [];

/** How many words may stand between a frame and its noun: "we're a small family-run bank". */
const MODIFIERS = 3;

function hasSuffix(token: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (token.length >= suffix.length + 3 && token.endsWith(suffix)) return true;
  return false;
}

function covered(found: ReadonlyArray<Cue<AudienceCue>>, clause: number, at: number): boolean {
  for (const cue of found) if (cue.clause === clause && cue.start <= at && at < cue.end) return true;
  return false;
}

/**
 * `answering`: the audience question is on screen, so a clause that is only a noun phrase answers it by its head noun.
 */
export function identityCues(clauses: readonly Clause[], found: ReadonlyArray<Cue<AudienceCue>>, compiled: CompiledLexicon, answering = false): ReadonlyArray<Cue<AudienceCue>> {
  let built: Array<Cue<AudienceCue>> | null = null;
  for (let index = 0; index < clauses.length; index++) {
    const { tokens, fuzz } = clauses[index];
    if (answering) {
      const head = headNounCue(clauses[index], index, found, compiled);
      if (head) (built ??= []).push(head);
    }
    const frames = mayHold(clauses[index], compiled.identityFrames) ? scan(tokens, compiled.identityFrames, clauses[index].starts) : NO_FRAMES;
    if (frames.length > 0) {
      const starts = new Set<number>();
      for (const cue of found) if (cue.clause === index) starts.add(cue.start);
      for (const frame of frames) {
        // "I'm the IT guy" is listed whole: a listed cue over the frame says who they are.
        if (covered(found, index, frame.start)) continue;
        let negated = false;
        for (let at = frame.end; at < tokens.length && at <= frame.end + MODIFIERS; at++) {
          if (compiled.nounPhraseEnds.has(tokens[at]) || compiled.clauseBreaks.has(tokens[at]) || starts.has(at)) break;
          if (compiled.negators.at(tokens, at)) negated = true;
          const organisation = compiled.organisationNouns.at(tokens, at);
          const person = organisation ? null : compiled.personNouns.at(tokens, at);
          const noun = organisation ?? person;
          if (!noun) continue;
          const end = at + noun.tokens.length;
          (built ??= []).push({ tag: organisation ? 'organisationTypes' : 'individual', clause: index, start: at, end, negated, fuzz: Math.max(0, ...fuzz.slice(at, end)) });
          break;
        }
      }
    }
    // "bookshop", "giftshop": one word ending as a kind of organisation does, where no listed cue stands.
    for (let at = 0; at < tokens.length; at++) {
      if (hasSuffix(tokens[at], compiled.organisationSuffixes) && !covered(found, index, at)) {
        (built ??= []).push({ tag: 'organisationTypes', clause: index, start: at, end: at + 1, negated: false, fuzz: fuzz[at] ?? 0 });
      }
    }
  }
  return built ?? NO_CUES;
}

const NO_CUES: ReadonlyArray<Cue<AudienceCue>> = [];

/**
 * A clause that is only a short noun phrase, as an answer to "an organisation or yourself?" on screen, by its head
 * noun: "sunday league team", "a football team", "my son's football team" (an organisation), "a normal person"
 * (yourself). The cue spans the noun phrase after any listed cue before it ("my son" is whose team it is). None where
 * the clause says more than a noun phrase ("I rang the bank").
 */
function headNounCue(clause: Clause, index: number, found: ReadonlyArray<Cue<AudienceCue>>, compiled: CompiledLexicon): Cue<AudienceCue> | null {
  const { tokens, fuzz } = clause;
  // "is this a real person?" asks; it says nothing of who it is for.
  if (tokens.length === 0 || tokens.length > 5 || clause.question || opensAsQuestion(clause, compiled)) return null;
  for (const token of tokens) if (compiled.headNounBlockers.has(token)) return null;
  // "Isle of Man", "a member of a team": after "of", "at", "in" … the head is the noun before them, not the last word.
  for (let at = 0; at < tokens.length - 1; at++) if (compiled.nounPhraseEnds.has(tokens[at])) return null;
  for (let start = tokens.length - 1; start >= Math.max(0, tokens.length - 3); start--) {
    const organisation = compiled.organisationNouns.at(tokens, start);
    const person = organisation ? null : compiled.personNouns.at(tokens, start);
    const noun = organisation ?? person;
    if (!noun || start + noun.tokens.length !== tokens.length) continue;
    if (covered(found, index, start)) return null;
    let from = start;
    while (from > 0 && start - from < MODIFIERS && !covered(found, index, from - 1)) from--;
    // "fy nghyfrif banc" (my bank account): a thing of theirs just before it is what the noun describes.
    for (const cue of found) if (cue.clause === index && cue.end === from && cue.tag === 'possessions') return null;
    return { tag: organisation ? 'organisationTypes' : 'individual', clause: index, start: from, end: tokens.length, negated: false, fuzz: Math.max(0, ...fuzz.slice(start, tokens.length)) };
  }
  return null;
}
