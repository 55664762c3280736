/**
 * Scope, for "is it happening now?": an end or a past time is read as over only when nothing in its scope undoes it.
 * The words are data (the lexicons' `happening` lists named below); the rules are here, as small pure functions that
 * decide.ts applies to the cues before its precedence:
 *
 *   - a question: an end asked about ("is it over?", "has it stopped", "I think it's over?") is no end: not sure;
 *   - irrealis: an end not reached ("how do I stop it", "trying to get them out", "should be fixed by now") is no end;
 *   - a wish: "I wish it wasn't", "wish it would stop", "if only it was over": it goes on;
 *   - an ending verb ("stop it", "get rid of them"): negated it goes on ("can't stop it", "haven't managed to stop
 *     it"); after "managed to" / "able to" it is an end; in a question, a wish or irrealis it is not;
 *   - a restart ("it's back", "again", "came back"): it goes on, and every end or past time said before it is undone
 *     ("it stopped for an hour and now it's back"); negated ("hasn't come back") it confirms the end;
 *   - an end that takes an object ("stopped happening", "stopped sending emails") ends that object too;
 *   - an action taken while it goes on ("turned the computer off", "unplugged the router"): no end, so not sure;
 *   - a past time built from a unit ("last term", "in the spring", "a fortnight ago", "y tymor diwethaf"); after
 *     "since" it is a start, so going on ("since last term");
 *   - an attempt that was stopped ("our antivirus blocked it", "they tried but didn't get in") is over.
 */
import type { HappeningCue } from '../../data/lexicon';
import { scan, type Clause, type Cue } from './cues';
import { mayHold, SCOPE_BIT, type CompiledLexicon } from './lexicon';

export interface Marker {
  /** The bits (SCOPE_BIT) of every list the phrase is in. */
  tag: number;
  start: number;
  end: number;
}

/** The markers of each clause, and the bits of all of them (what a clause holds, at a glance). */
export interface ClauseMarkers {
  list: readonly Marker[];
  bits: number;
}

const NONE: ClauseMarkers = { list: [], bits: 0 };
const {
  wishes: WISH,
  irrealis: IRREALIS,
  achievers: ACHIEVER,
  protectors: PROTECTOR,
  attempts: ATTEMPT,
  thwarted: THWARTED,
  progressiveSubjects: DOING,
  unit: UNIT,
  duration: DURATION,
} = SCOPE_BIT;

/** The scope markers, named times and durations of each clause (one scan of each clause). */
export function markersOf(clauses: readonly Clause[], compiled: CompiledLexicon): ClauseMarkers[] {
  const out: ClauseMarkers[] = [];
  for (const clause of clauses) {
    if (!mayHold(clause, compiled.scopeMarkers)) {
      out.push(NONE);
      continue;
    }
    const list = scan(clause.tokens, compiled.scopeMarkers, clause.starts);
    let bits = 0;
    for (const marker of list) bits |= marker.tag;
    out.push(list.length > 0 ? { list, bits } : NONE);
  }
  return out;
}

function maxFuzz(fuzz: readonly number[], start: number, end: number): number {
  let most = 0;
  for (let at = start; at < end; at++) if (fuzz[at] > most) most = fuzz[at];
  return most;
}

/** Whether a marker of `kind` stands before `position` in the clause, at most `within` words before it. */
function before(markers: ClauseMarkers, kind: number, position: number, within = Infinity): boolean {
  if ((markers.bits & kind) === 0) return false;
  for (const marker of markers.list) if ((marker.tag & kind) !== 0 && marker.end <= position && position - marker.end <= within) return true;
  return false;
}

function hasBreak(tokens: readonly string[], from: number, to: number, compiled: CompiledLexicon): boolean {
  for (let at = from; at < to; at++) if (compiled.clauseBreaks.has(tokens[at])) return true;
  return false;
}

/**
 * Whether an irrealis marker has `position` in its scope: before it in the clause, with no clause break ("but", "and")
 * or scope break ("that", "which") between ("I want to report a hack that was fixed": the end is no wish).
 */
function unreachedAt(clause: Clause, markers: ClauseMarkers, position: number, compiled: CompiledLexicon): boolean {
  if ((markers.bits & IRREALIS) === 0) return false;
  for (const marker of markers.list) {
    if ((marker.tag & IRREALIS) === 0 || marker.end > position || hasBreak(clause.tokens, marker.end, position, compiled)) continue;
    let broken = false;
    for (let at = marker.end; at < position; at++) if (compiled.scopeBreaks.has(clause.tokens[at])) broken = true;
    if (!broken) return true;
  }
  return false;
}

/** The clause asks rather than tells: a question mark ends it, or it opens as a question ("is it over", "has it stopped"). */
export function isQuestion(clause: Clause, compiled: CompiledLexicon): boolean {
  return clause.question === true || opensAsQuestion(clause, compiled);
}

/** The clause opens as a yes/no question: "is it over", "are they still in", "so has it stopped". */
export function opensAsQuestion(clause: Clause, compiled: CompiledLexicon): boolean {
  const { tokens } = clause;
  if (tokens.length === 0 || !mayHold(clause, compiled.questionStarts)) return false;
  if (compiled.questionStarts.at(tokens, 0)) return true;
  // After a word that leads into it ("so is it over", "and has it stopped").
  return tokens.length > 1 && (compiled.clauseBreaks.has(tokens[0]) || compiled.fillers.at(tokens, 0) !== null) && compiled.questionStarts.at(tokens, 1) !== null;
}

function overlaps(cues: ReadonlyArray<Cue<HappeningCue>>, clause: number, start: number, end: number): boolean {
  for (const cue of cues) if (cue.clause === clause && cue.start < end && start < cue.end) return true;
  return false;
}

function negatedAt(clause: Clause, position: number, compiled: CompiledLexicon): boolean {
  for (let at = Math.max(0, position - 2); at < position; at++) if (compiled.negators.at(clause.tokens, at, position)) return true;
  return false;
}

function anyBits(markers: readonly ClauseMarkers[]): boolean {
  for (const clause of markers) if (clause.bits !== 0) return true;
  return false;
}

function anyYear(clauses: readonly Clause[]): boolean {
  for (const clause of clauses) for (const token of clause.tokens) if (isYear(token)) return true;
  return false;
}

function isYear(token: string): boolean {
  const code = token.charCodeAt(0);
  return token.length === 4 && (code === 49 || code === 50) && /^(?:19|20)\d\d$/.test(token);
}

/** A past time around the named time, duration or year at [at, unitEnd): its span, or null. */
function pastTimeAt(tokens: readonly string[], at: number, unitEnd: number, duration: boolean, year: boolean, compiled: CompiledLexicon): { start: number; end: number } | null {
  const { before: opening, after: closing, notPast, notPastBefore, since } = compiled.pastTime;
  const after = year ? null : closing.at(tokens, unitEnd);
  if (after) return { start: at, end: unitEnd + after.tokens.length };
  if (duration) return null;
  // "since half term": from then until now (the caller reads "since" before the span as going on).
  if (at > 0 && since.has(tokens[at - 1])) return { start: at, end: unitEnd };
  for (let from = at - 1; from >= Math.max(0, at - 4); from--) {
    const word = opening.at(tokens, from, at);
    if (!word) continue;
    const between = at - from - word.tokens.length;
    if (between > 2) continue;
    let blocked = false;
    for (let index = from + word.tokens.length; index < at; index++) if (notPast.has(tokens[index]) || compiled.clauseBreaks.has(tokens[index])) blocked = true;
    if (blocked) continue;
    if (from > 0 && notPastBefore.has(tokens[from - 1]) && !word.tokens.some((token) => notPastBefore.has(token))) continue;
    return { start: from, end: unitEnd };
  }
  return null;
}

/**
 * Cues the phrase lists cannot hold: past times built from their parts ("last term", "in the spring", "a fortnight
 * ago"; "since" one: going on) and attempts that were stopped (as ends). None where a listed cue already stands.
 */
const NO_CUES: ReadonlyArray<Cue<HappeningCue>> = [];

export function builtCues(clauses: readonly Clause[], cues: ReadonlyArray<Cue<HappeningCue>>, markers: readonly ClauseMarkers[], compiled: CompiledLexicon): ReadonlyArray<Cue<HappeningCue>> {
  if (!anyBits(markers) && !anyYear(clauses)) return NO_CUES;
  const built: Cue<HappeningCue>[] = [];
  // An attempt by someone else ("someone tried to log in", "a ransomware attempt"), not the speaker's own ("I tried").
  let attempted = false;
  for (let index = 0; index < clauses.length && !attempted; index++) {
    if ((markers[index].bits & ATTEMPT) === 0) continue;
    for (const marker of markers[index].list) {
      if ((marker.tag & ATTEMPT) !== 0 && !(marker.start > 0 && compiled.firstPerson.has(clauses[index].tokens[marker.start - 1]))) attempted = true;
    }
  }
  for (let index = 0; index < clauses.length; index++) {
    const clause = clauses[index];
    const clauseMarkers = markers[index];
    if ((clauseMarkers.bits & (UNIT | DURATION)) !== 0) {
      for (const marker of clauseMarkers.list) {
        if ((marker.tag & (UNIT | DURATION)) !== 0) pastTime(clause, index, marker.start, marker.end, (marker.tag & UNIT) === 0, false, cues, built, compiled);
      }
    }
    for (let at = 0; at < clause.tokens.length; at++) if (isYear(clause.tokens[at])) pastTime(clause, index, at, at + 1, false, true, cues, built, compiled);
    if ((clauseMarkers.bits & THWARTED) !== 0) thwarted(clause, index, clauseMarkers, attempted, cues, built, compiled);
    if ((clauseMarkers.bits & DOING) !== 0) doing(clause, index, clauseMarkers, cues, built);
  }
  return built.length > 0 ? built : NO_CUES;
}

/** A past time at the named time, duration or year at [at, unitEnd), unless a listed cue stands on the time itself. */
function pastTime(
  clause: Clause,
  index: number,
  at: number,
  unitEnd: number,
  duration: boolean,
  year: boolean,
  cues: ReadonlyArray<Cue<HappeningCue>>,
  built: Array<Cue<HappeningCue>>,
  compiled: CompiledLexicon,
): void {
  const { tokens, fuzz } = clause;
  const span = pastTimeAt(tokens, at, unitEnd, duration, year, compiled);
  // A listed cue on the time itself ("last week", "in march") says it already; one on the word before does not ("over the summer").
  if (!span || overlaps(cues, index, at, unitEnd)) return;
  const isSince = span.start > 0 && compiled.pastTime.since.has(tokens[span.start - 1]);
  built.push({ tag: isSince ? 'liveStrong' : 'past', clause: index, start: span.start, end: span.end, negated: false, fuzz: maxFuzz(fuzz, span.start, span.end) });
}

/**
 * "they're messaging my clients", "someone is using my card": someone else doing something, in the present, is the
 * attack going on (a listed cue on the verb says it already: "they are encrypting").
 */
function doing(clause: Clause, index: number, clauseMarkers: ClauseMarkers, cues: ReadonlyArray<Cue<HappeningCue>>, built: Array<Cue<HappeningCue>>): void {
  const { tokens, fuzz } = clause;
  for (const marker of clauseMarkers.list) {
    if ((marker.tag & DOING) === 0 || marker.end >= tokens.length) continue;
    const verb = tokens[marker.end];
    if (verb.length <= 4 || !verb.endsWith('ing') || overlaps(cues, index, marker.end, marker.end + 1)) continue;
    built.push({ tag: 'liveStrong', clause: index, start: marker.start, end: marker.end + 1, negated: false, fuzz: maxFuzz(fuzz, marker.start, marker.end + 1) });
  }
}

/** "our antivirus blocked it", "blocked by the firewall", "they tried but it was blocked": an attempt stopped is over. */
function thwarted(
  clause: Clause,
  index: number,
  clauseMarkers: ClauseMarkers,
  attempted: boolean,
  cues: ReadonlyArray<Cue<HappeningCue>>,
  built: Array<Cue<HappeningCue>>,
  compiled: CompiledLexicon,
): void {
  const { tokens, fuzz } = clause;
  for (const marker of clauseMarkers.list) {
    if ((marker.tag & THWARTED) === 0 || negatedAt(clause, marker.start, compiled)) continue;
    let ownThing = false;
    for (let at = Math.max(0, marker.start - 3); at < marker.start; at++) if (compiled.firstPerson.has(tokens[at])) ownThing = true;
    let byProtector = before(clauseMarkers, PROTECTOR, marker.start, 4);
    if (!byProtector && tokens[marker.end] === 'by') {
      for (const other of clauseMarkers.list) if ((other.tag & PROTECTOR) !== 0 && other.start > marker.end && other.start <= marker.end + 3) byProtector = true;
    }
    // What a protector did is read as that ("the bank has frozen the account"), over any listed cue on the same words;
    // after an attempt alone, only where no listed cue stands.
    if (byProtector || (attempted && !ownThing && !overlaps(cues, index, marker.start, marker.end))) built.push({ tag: 'over', clause: index, start: marker.start, end: marker.end, negated: false, fuzz: maxFuzz(fuzz, marker.start, marker.end) });
  }
}

/** What decide.ts reads each cue as: its own signals, and the ones scope gives it. */
export type ScopedSignal =
  | 'unsure' | 'live' | 'liveWeak' | 'recent' | 'impact' | 'over' | 'hedged' | 'past' | 'started' | 'incident'
  /** It came back: going on, and ends before it are undone. */
  | 'restart'
  /** An ending verb on its own ("stop it"): scope decides what it is. */
  | 'ending'
  /** An end that is not one (asked, wished, not reached): not sure. */
  | 'pending'
  /** Something done while it goes on ("turned the computer off"): not sure, below an end. */
  | 'action'
  /** Talk of ending with no end said ("the money has gone", "it won't go away" aside): not sure, weakly. */
  | 'unresolved';

function isEnd(signal: ScopedSignal | null): boolean {
  return signal === 'over' || signal === 'hedged';
}

/**
 * Applies scope to the signals of the cues (in place): questions, irrealis, wishes, ending verbs, restarts, ends that
 * take an object. Returns the actions found and the wishes with no cue in them (each a signal of its own, by its fuzz).
 */
export function applyScope(
  clauses: readonly Clause[],
  cues: ReadonlyArray<Cue<HappeningCue>>,
  found: Array<ScopedSignal | null>,
  markers: readonly ClauseMarkers[],
  compiled: CompiledLexicon,
): { actions: readonly number[]; wishes: readonly number[] } {
  // Whether each clause asks (most messages: none, and no list is made).
  let questions: boolean[] | null = null;
  for (let at = 0; at < clauses.length; at++) {
    if (isQuestion(clauses[at], compiled)) (questions ??= new Array<boolean>(clauses.length).fill(false))[at] = true;
  }
  let restarts = false;
  for (let index = 0; index < cues.length; index++) {
    let signal = found[index];
    if (signal === null || signal === 'unsure' || signal === 'incident') continue;
    const cue = cues[index];
    const clauseMarkers = markers[cue.clause];
    // "are they still in?", "is it still going": asking whether it goes on is not saying so (a "why" question is).
    // "are they open right now": a bare "now" in a question is about what is asked.
    if (signal === 'live' || signal === 'liveWeak' || signal === 'impact') {
      if (opensAsQuestion(clauses[cue.clause], compiled)) found[index] = signal === 'liveWeak' ? null : 'pending';
      continue;
    }
    // "I wish it wasn't", "wish it would stop", "if only it was over": wishing for an end (or for it not to be) says it goes on.
    if (before(clauseMarkers, WISH, cue.start)) {
      if (isEnd(signal) || signal === 'past' || signal === 'ending' || cue.negated) found[index] = 'live';
      continue;
    }
    if (signal !== 'ending' && !isEnd(signal) && signal !== 'restart') continue;
    const unreached = questions?.[cue.clause] === true || unreachedAt(clauses[cue.clause], clauseMarkers, cue.start, compiled);
    // An ending verb: not reached, not sure; achieved ("managed to stop it"), an end; said of no one ("no joy stopping it"
    // aside, which is negated), it is talk of ending, not an end: unresolved.
    if (signal === 'ending') signal = unreached ? 'pending' : before(clauseMarkers, ACHIEVER, cue.start, 2) ? 'over' : 'unresolved';
    // "is it over?", "should be fixed by now", "has it come back?": asked or not reached, so not sure; "if it happens
    // again" and "what was the number again?" (a question asking to be told again) say nothing either way.
    else if (unreached) signal = signal === 'restart' && (questions?.[cue.clause] !== true || compiled.askingWords.has(clauses[cue.clause].tokens[0])) ? null : 'pending';
    if (signal === 'restart') restarts = true;
    found[index] = signal;
  }
  for (let index = 0; index < cues.length; index++) {
    if (!isEnd(found[index])) continue;
    const cue = cues[index];
    // "stopped happening", "stopped sending the emails on Friday": what an end takes as its object is ended too.
    if (!compiled.endComplements.has(clauses[cue.clause].tokens[cue.end - 1])) continue;
    for (let object = 0; object < cues.length; object++) {
      const other = found[object];
      if (cues[object].clause !== cue.clause || cues[object].start !== cue.end) continue;
      // Not a time said of the end itself ("it stopped just now").
      if (other === 'live' || other === 'impact') found[object] = found[index];
    }
  }
  if (restarts) undoBeforeRestarts(clauses, cues, found, compiled);
  // "wish they'd leave us alone": a wish with no cue in it still says it is not over.
  let extra: number[] | null = null;
  for (let at = 0; at < clauses.length; at++) {
    if ((markers[at].bits & WISH) === 0) continue;
    for (const marker of markers[at].list) {
      if ((marker.tag & WISH) === 0 || marker.end >= clauses[at].tokens.length) continue;
      let said = false;
      for (const cue of cues) if (cue.clause === at && cue.start >= marker.end) said = true;
      if (!said) (extra ??= []).push(0);
    }
  }
  // What people do while it goes on; the words inside the action say nothing of their own ("shut the computers down").
  let actions: number[] | null = null;
  for (let at = 0; at < clauses.length; at++) {
    const clause = clauses[at];
    if (!mayHold(clause, compiled.actions)) continue;
    for (const span of compiled.actions.find(clause.tokens)) {
      const clauseMarkers = markers[at];
      if (unreachedAt(clause, clauseMarkers, span.start, compiled) || before(clauseMarkers, WISH, span.start) || (!clause.question && questions?.[at] === true)) continue;
      for (let index = 0; index < cues.length; index++) {
        const cue = cues[index];
        if (cue.clause === at && cue.start >= span.start && cue.end <= span.end) found[index] = null;
      }
      (actions ??= []).push(maxFuzz(clause.fuzz, span.start, span.end));
    }
  }
  return actions === null && extra === null ? NOTHING_MORE : { actions: actions ?? NO_FUZZ, wishes: extra ?? NO_FUZZ };
}

const NO_FUZZ: readonly number[] = [];
const NOTHING_MORE = { actions: NO_FUZZ, wishes: NO_FUZZ };

/**
 * "it stopped for an hour and now it's back": a restart undoes the ends and past times said before it, in an earlier
 * clause or past a clause break ("it stopped just now" is one event: both stand, so not sure). One word of restart
 * right after an end is part of it ("working again", "fine again").
 */
function undoBeforeRestarts(clauses: readonly Clause[], cues: ReadonlyArray<Cue<HappeningCue>>, found: Array<ScopedSignal | null>, compiled: CompiledLexicon): void {
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index];
    if (found[index] !== 'restart' || cue.end - cue.start !== 1) continue;
    for (let other = 0; other < cues.length; other++) {
      if (isEnd(found[other]) && cues[other].clause === cue.clause && cues[other].end === cue.start) found[index] = null;
    }
  }
  for (let index = 0; index < cues.length; index++) {
    if (found[index] !== 'restart') continue;
    const restart = cues[index];
    const tokens = clauses[restart.clause].tokens;
    for (let other = 0; other < cues.length; other++) {
      const signal = found[other];
      if (signal !== 'over' && signal !== 'hedged' && signal !== 'past' && signal !== 'pending') continue;
      const cue = cues[other];
      const earlier = cue.clause < restart.clause || (cue.clause === restart.clause && cue.end <= restart.start && hasBreak(tokens, cue.end, restart.start, compiled));
      if (earlier) found[other] = null;
    }
  }
}
