/**
 * Step 3 of understanding: cues → one answer per question, by explicit precedence that errs on the safe side.
 *
 * Happening now (a live attack read as over sends an organisation to a team that opens at 9am, so): "no" needs an
 * explicit end or a past time with nothing in its scope that undoes it (scope.ts: a question, a wish, an end not
 * reached, a negated ending verb, a restart after it, an action taken while it goes on). Then:
 *   1. doubt ("not sure", "might have") → not sure (which counts as live); but yes when another clause says, without
 *      doubt, that it is going on ("not sure if they're still in, we can't access anything")
 *   2. a sign it is still going on ("still locked out", "hasn't stopped", "can't stop it", "it's back", "since
 *      Monday") → yes, or not sure when the message also says it has ended ("it stopped but they're still in")
 *   3. a hedged end ("I think it's over", "seems to have stopped", "it's stopped for now"), or an end asked about,
 *      wished or not reached ("is it over?", "how do I stop it", "should be fixed by now") → not sure
 *   4. a sign it has ended ("it's over", "we got back in", "not currently happening", "our antivirus blocked it") → no
 *   5. an effect ("locked out", "ransom note", "everything is down") → yes; not sure when it is in the past
 *   6. "now", "at the moment" → yes; not sure beside a past time ("ages ago now" is no time at all)
 *   7. something done while it goes on ("I've unplugged the router") → not sure, or yes beside a bare "yes"
 *   8. the bare reply to the question on screen ("yes", "nope", "ydy") → that answer
 *   9. a start with no end ("it started this morning") → not sure
 *  10. a past time alone ("last week", "last term", "in the spring") → no
 *  11. only an incident named ("we've been hacked") → not sure, weakly: it never replaces an answer already given
 *
 * Organisation or yourself (an organisation read as a person misses the 24/7 line, so):
 *   1. a sole trader or one's own business → organisation, even beside "just me"
 *   2. a kind of organisation or a workplace ("we're a bank", "I run a sunday league team") → organisation; beside an
 *      explicit "personal" / "myself", ask; people named in the story ("my husband", "parents") are no doubt
 *   3. "myself", "personal", "just a normal person", "my laptop", "my mum" (or a negated organisation: "not a
 *      business") → yourself
 *   4. the whole answer "me" / "work" / "both" / "sunday league team", or a bare yes/no to the question on screen
 *      (asked to confirm)
 */
import type { AudienceCue, HappeningCue } from '../../data/lexicon';
import type { AudienceAnswer, HappeningAnswer } from '../../machines/triage';
import { hasPhrase, phraseBefore, type Clause, type Cue } from './cues';
import { mayHold, type CompiledLexicon, type PhraseIndex } from './lexicon';
import { applyScope, builtCues, markersOf, opensAsQuestion, type ScopedSignal } from './scope';

/** `sure`: apply it. `unsure`: ask a Yes/No first. `weak`: apply only where the question has no answer yet. */
export type Confidence = 'sure' | 'unsure' | 'weak';

export interface Decision<Answer> {
  answer: Answer;
  confidence: Confidence;
  /** Whether a typo was corrected to reach it (the "taken as" line then says so). */
  corrected: boolean;
}

type Signal = ScopedSignal;

/** Single words that end an attack only at the end of what is said: "it's over", not "over 100 e-mails". */
const OVER_AT_END = new Set(['over', 'done']);
const OVER_FOLLOWERS = new Set(['now', 'yet', 'already', 'thankfully', 'luckily', 'finally', 'i', 'for', 'though', 'thank', 'by']);

function signalOf(cue: Cue<HappeningCue>, clause: Clause, compiled: CompiledLexicon): Signal | null {
  const { tag, negated } = cue;
  switch (tag) {
    case 'neutral':
      return null;
    case 'unsure':
      return 'unsure';
    case 'liveStrong':
      return negated ? 'over' : 'live';
    case 'liveWeak':
      return negated ? 'over' : 'liveWeak';
    case 'recent':
      return negated ? null : 'recent';
    case 'impact': {
      if (negated) return 'over';
      // "our files are encrypted", "we're still locked out": an effect in the present is the attack going on.
      const present = phraseBefore(clause, cue.start, 2, compiled.presentMarkers, compiled) || compiled.presentMarkers.at(clause.tokens, cue.start) !== null;
      return present ? 'live' : 'impact';
    }
    case 'over': {
      if (negated) return 'live';
      const words = clause.tokens.slice(cue.start, cue.end);
      if (words.length === 1 && OVER_AT_END.has(words[0])) {
        const next = clause.tokens[cue.end];
        if (next !== undefined && !OVER_FOLLOWERS.has(next) && !compiled.clauseBreaks.has(next)) return null;
      }
      // "the servers have stopped", "everything stopped": the systems stopping is the attack's effect, not its end.
      if (words.includes('stopped') && phraseBefore(clause, cue.start, 3, compiled.systems, compiled)) return 'impact';
      return hasPhrase(clause, compiled.hedges) ? 'hedged' : 'over';
    }
    case 'past':
      return negated ? null : 'past';
    case 'started':
      return negated ? null : 'started';
    case 'incident':
      return negated ? null : 'incident';
    case 'restart':
      // "it hasn't come back", "not happened again": the end stands.
      return negated ? 'over' : 'restart';
    case 'ending':
      // "can't stop it", "we haven't managed to get rid of them": it goes on; otherwise scope decides (scope.ts).
      return negated ? 'live' : 'ending';
  }
}

/** Words after "still" that say the attack is still there: "still in", "still is", "still got control". */
const STILL_FOLLOWERS = ['in', 'there', 'here', 'on', 'going', 'happening', 'active', 'affected', 'affecting', 'ongoing', 'locked', 'down', 'is', 'are', 'got', 'have', 'has', 'control', 'access'];

/** "still" in a clause that names an effect, a system or an incident: "we're still locked out", "still can't get in". */
function stillSignals(clauses: readonly Clause[], cues: readonly Cue<HappeningCue>[], compiled: CompiledLexicon): number[] {
  const found: number[] = [];
  clauses.forEach((clause, index) => {
    if (!mayHold(clause, compiled.stillMarkers)) return;
    for (let position = 0; position < clause.tokens.length; position++) {
      const marker = compiled.stillMarkers.at(clause.tokens, position);
      if (!marker) continue;
      // "not still happening": still, negated, is no sign that it goes on.
      if (position > 0 && compiled.negators.at(clause.tokens, position - 1, position)) continue;
      const isWholeClause = clause.tokens.length === marker.tokens.length;
      // "still showing their message", "still sending e-mails": still doing something is going on.
      const stillDoing = clause.tokens.slice(position + 1, position + 3).some((word) => word.length > 4 && word.endsWith('ing'));
      const namesSomething =
        stillDoing ||
        cues.some((cue) => cue.clause === index && cue.tag !== 'neutral' && cue.tag !== 'past') ||
        clause.tokens.some((_, at) => compiled.systems.at(clause.tokens, at) !== null) ||
        STILL_FOLLOWERS.some((word) =>
          clause.tokens.slice(position + 1, position + 4).includes(word),
        );
      if (isWholeClause || namesSomething) found.push(index);
    }
  });
  return found;
}

/** The clause is that phrase and nothing else ("I think", "for now"). */
function isOnly(clause: Clause, index: PhraseIndex<true>): boolean {
  const phrase = index.at(clause.tokens, 0);
  return phrase !== null && phrase.tokens.length === clause.tokens.length;
}

export interface HappeningInput {
  clauses: readonly Clause[];
  cues: readonly Cue<HappeningCue>[];
  /** The bare reply, when the happening question is on screen. */
  reply: HappeningAnswer | null;
  replyFuzz: number;
  /** Whether the happening question is on screen (its words then count without other context). */
  onScreen: boolean;
}

type Signals = Map<Signal, number>;

function noteSignal(signals: Signals, signal: Signal, fuzz: number): void {
  const before = signals.get(signal);
  signals.set(signal, before === undefined ? fuzz : Math.min(before, fuzz));
}

/** The answer, with the confidence of the cues it rests on: a cue reached only through a distance-2 typo is asked about. */
function decided(signals: Signals, answer: HappeningAnswer, because: Signal, also?: Signal, confidence: Confidence = 'sure'): Decision<HappeningAnswer> {
  let fuzz = signals.get(because) ?? Infinity;
  if (also !== undefined) fuzz = Math.min(fuzz, signals.get(also) ?? Infinity);
  return { answer, confidence: confidence === 'sure' && fuzz >= 2 ? 'unsure' : confidence, corrected: Number.isFinite(fuzz) && fuzz > 0 };
}

function replied(answer: HappeningAnswer, fuzz: number): Decision<HappeningAnswer> {
  return { answer, confidence: fuzz >= 2 ? 'unsure' : 'sure', corrected: fuzz > 0 };
}

/** Whether a built end stands on the cue's words. */
function overlapsEnd(built: ReadonlyArray<Cue<HappeningCue>>, cue: Cue<HappeningCue>): boolean {
  for (const end of built) if (end.tag === 'over' && end.clause === cue.clause && end.start < cue.end && cue.start < end.end) return true;
  return false;
}

export function decideHappening(input: HappeningInput, compiled: CompiledLexicon): Decision<HappeningAnswer> | null {
  const { clauses, reply, onScreen } = input;
  const signals: Signals = new Map();
  const markers = markersOf(clauses, compiled);
  const built = builtCues(clauses, input.cues, markers, compiled);
  // A built end stands over a listed cue on the same words ("the bank has frozen the account": not a frozen screen).
  const cues = built.length > 0 ? [...input.cues.filter((cue) => !overlapsEnd(built, cue)), ...built] : input.cues;
  const found: Array<Signal | null> = cues.map((cue) => signalOf(cue, clauses[cue.clause], compiled));
  const { actions, wishes } = applyScope(clauses, cues, found, markers, compiled);
  for (const fuzz of actions) noteSignal(signals, 'action', fuzz);
  // A wish with nothing in it ("wish they'd leave us alone") answers only the question on screen.
  if (onScreen) for (const fuzz of wishes) noteSignal(signals, 'pending', fuzz);
  // "it's over, I think": a hedge said as a clause of its own hedges the end beside it.
  if (clauses.some((clause) => isOnly(clause, compiled.hedges))) {
    for (let index = 0; index < found.length; index++) if (found[index] === 'over') found[index] = 'hedged';
  }
  /** Clauses that say, with no doubt in them, that it is going on. */
  const liveClauses = new Set<number>();
  const doubtClauses = new Set<number>();
  for (let index = 0; index < cues.length; index++) {
    const signal = found[index];
    if (!signal) continue;
    const cue = cues[index];
    // "ages ago now", "sorted now": "now" after a time or an end is said of that, not of the attack.
    if (signal === 'liveWeak' && cue.end - cue.start === 1 && clauses[cue.clause].tokens[cue.start] === 'now') {
      const after = cues.findIndex((other, at) => other.clause === cue.clause && other.end === cue.start && (found[at] === 'past' || found[at] === 'over' || found[at] === 'hedged'));
      if (after >= 0) continue;
    }
    // Doubt speaks of the attack where the attack is spoken of: in a clause that says something else about it
    // ("not sure if it's still going on"), as a clause of its own ("…, not sure"), or as the answer on screen.
    if (signal === 'unsure' && !onScreen) {
      const alone = cue.end - cue.start >= clauses[cue.clause].tokens.length - 1;
      let beside = false;
      for (let other = 0; other < cues.length && !beside; other++) {
        beside = other !== index && found[other] !== null && found[other] !== 'unsure' && cues[other].clause === cue.clause;
      }
      if (!alone && !beside) continue;
    }
    if (signal === 'unsure') doubtClauses.add(cue.clause);
    if (signal === 'live' || signal === 'restart') liveClauses.add(cue.clause);
    if (signal === 'restart') {
      noteSignal(signals, 'live', cue.fuzz);
      continue;
    }
    // "business, live, LS1 4AP": "now" or "live" said as a clause of its own among other answers is the answer.
    if (signal === 'liveWeak' && clauses.length > 1 && cue.end - cue.start === clauses[cue.clause].tokens.length) {
      liveClauses.add(cue.clause);
      noteSignal(signals, 'live', cue.fuzz);
      continue;
    }
    noteSignal(signals, signal, cue.fuzz);
  }
  // "since 8 this morning", "since 9am": going on from then until now (the lexicon lists "since Monday" and the like).
  clauses.forEach((clause, index) => {
    if (clause.tokens.some((token, at) => token === 'since' && /^\d{1,2}(?:[:.]?\d\d)?(?:am|pm|ish)?$/.test(clause.tokens[at + 1] ?? ''))) {
      liveClauses.add(index);
      noteSignal(signals, 'live', 0);
    }
  });
  for (const clause of stillSignals(clauses, cues, compiled)) {
    // "are they still in": asked, not said.
    if (opensAsQuestion(clauses[clause], compiled)) {
      noteSignal(signals, 'pending', 0);
      continue;
    }
    liveClauses.add(clause);
    noteSignal(signals, 'live', 0);
  }
  if (signals.has('unsure') && !onScreen && signals.size === 1) signals.delete('unsure');

  const ended = signals.has('over') || signals.has('hedged');
  if (signals.has('unsure')) {
    const sureLive = [...liveClauses].some((clause) => !doubtClauses.has(clause) && !hasPhrase(clauses[clause], compiled.hedges));
    return sureLive && !ended ? decided(signals, 'yes', 'live') : decided(signals, 'notSure', 'unsure');
  }
  if (signals.has('live')) return ended ? decided(signals, 'notSure', 'live', signals.has('over') ? 'over' : 'hedged') : decided(signals, 'yes', 'live');
  if (signals.has('hedged')) return decided(signals, 'notSure', 'hedged');
  if (signals.has('pending')) return decided(signals, 'notSure', 'pending');
  if (signals.has('over')) return reply === 'yes' ? decided(signals, 'notSure', 'over') : decided(signals, 'no', 'over');
  if (signals.has('impact')) return signals.has('past') ? decided(signals, 'notSure', 'impact', 'past') : decided(signals, 'yes', 'impact');
  // "now" on its own is an answer only to the question on screen; beside an incident ("hacked right now") it says so anywhere.
  if (signals.has('liveWeak') && (onScreen || reply || signals.has('incident'))) {
    return signals.has('past') ? decided(signals, 'notSure', 'liveWeak', 'past') : decided(signals, 'yes', 'liveWeak');
  }
  // "I've turned the computer off": done while it goes on, so no end ("yes, I've unplugged it" is yes).
  if (signals.has('unresolved') && !signals.has('action')) {
    // "the money has gone", "no joy stopping it" (its "no" aside): talk of ending is no end.
    if (reply === 'yes') return replied('yes', input.replyFuzz);
    if (signals.has('past') && !signals.has('started') && !signals.has('recent')) return decided(signals, 'no', 'past');
    return decided(signals, 'notSure', 'unresolved', undefined, reply ? 'sure' : 'weak');
  }
  if (signals.has('action')) {
    if (reply === 'yes') return replied('yes', input.replyFuzz);
    // "she turned it off, that was Tuesday": done then, and nothing since.
    return signals.has('past') && !signals.has('started') && !signals.has('recent') ? decided(signals, 'no', 'past') : decided(signals, 'notSure', 'action');
  }
  const started: Signal | null = signals.has('started') ? 'started' : signals.has('recent') ? 'recent' : null;
  if (reply === 'yes') return signals.has('past') ? decided(signals, 'notSure', 'past') : replied('yes', input.replyFuzz);
  if (reply === 'no') return started ? decided(signals, 'notSure', started) : replied('no', input.replyFuzz);
  if (reply === 'notSure') return replied('notSure', input.replyFuzz);
  if (started) return decided(signals, 'notSure', started);
  if (signals.has('past')) return decided(signals, 'no', 'past');
  if (signals.has('incident')) return decided(signals, 'notSure', 'incident', undefined, 'weak');
  return null;
}

export interface AudienceInput {
  cues: readonly Cue<AudienceCue>[];
  /** The clauses the cues were found in (to see the words between two cues). */
  clauses?: readonly Clause[];
  /** The whole message as one of the audience forms ("me", "work"), when the audience question is on screen. */
  whole: AudienceAnswer | null;
  /** A bare yes/no while the audience question is on screen: a likely answer to confirm, never to apply. */
  reply: HappeningAnswer | null;
}

const RELATIONS = new Set(['at', 'of']);
const ARTICLES = new Set(['the', 'a', 'an']);

function audienceDecision(answer: AudienceAnswer, fuzz: number, confidence: Confidence = 'sure'): Decision<AudienceAnswer> {
  return { answer, confidence: confidence === 'sure' && fuzz >= 2 ? 'unsure' : confidence, corrected: fuzz > 0 };
}

/** "a student at uni", "my son at school", "a patient of the surgery": a place the person goes to, not who is asking. */
function usedBySomeone(cue: Cue<AudienceCue>, input: AudienceInput): boolean {
  const tokens = input.clauses?.[cue.clause]?.tokens;
  if (!tokens) return false;
  let at = cue.start - 1;
  if (at >= 0 && ARTICLES.has(tokens[at])) at--;
  if (at < 0 || !RELATIONS.has(tokens[at])) return false;
  return input.cues.some((other) => other.clause === cue.clause && (other.tag === 'individual' || other.tag === 'people') && !other.negated && other.end === at);
}

export function decideAudience(input: AudienceInput): Decision<AudienceAnswer> | null {
  let soleTrader = Infinity;
  let organisation = Infinity;
  let individual = Infinity;
  let possession = Infinity;
  let people = Infinity;
  let personal: Array<Cue<AudienceCue>> | null = null;
  const organisationStarts = new Set(
    input.cues.filter((cue) => !cue.negated && cue.tag.startsWith('organisation')).map((cue) => `${cue.clause}:${cue.start}`),
  );
  for (const cue of input.cues) {
    // "my dad's shop", "my wife's business": whose business it is, not who is asking.
    if ((cue.tag === 'individual' || cue.tag === 'people') && organisationStarts.has(`${cue.clause}:${cue.end}`)) continue;
    // "a pensioner myself": said of the person, after what they are, "myself" is no answer of its own.
    if (cue.tag === 'individual' && input.cues.some((other) => other.tag === 'people' && other.clause === cue.clause && other.end === cue.start)) continue;
    if (cue.tag === 'organisationTypes' && usedBySomeone(cue, input)) continue;
    switch (cue.tag) {
      case 'neutral':
        break;
      case 'soleTraders':
        if (!cue.negated) soleTrader = Math.min(soleTrader, cue.fuzz);
        break;
      case 'organisationTypes':
      case 'organisation':
        if (cue.negated) individual = Math.min(individual, cue.fuzz);
        else organisation = Math.min(organisation, cue.fuzz);
        break;
      case 'individual':
        if (cue.negated) organisation = Math.min(organisation, cue.fuzz);
        else individual = Math.min(individual, cue.fuzz);
        break;
      case 'possessions':
        if (!cue.negated) possession = Math.min(possession, cue.fuzz);
        break;
      case 'personalThings':
        // "my personal email": yourself, but beside an organisation only when set against it in the same clause
        // ("I work at a school but it's my personal email"); said elsewhere in a story it is a detail of it.
        if (!cue.negated) (personal ??= []).push(cue);
        break;
      case 'people':
        // Someone named in the story ("my husband", "parents"): who it is for only when nothing names an organisation.
        if (!cue.negated) people = Math.min(people, cue.fuzz);
        break;
    }
  }
  if (personal) for (const cue of personal) {
    const beside = !Number.isFinite(organisation) && !Number.isFinite(soleTrader) ? true : input.cues.some((other) => other.clause === cue.clause && !other.negated && (other.tag.startsWith('organisation') || other.tag === 'soleTraders'));
    if (beside) individual = Math.min(individual, cue.fuzz);
    else possession = Math.min(possession, cue.fuzz);
  }
  if (Number.isFinite(soleTrader)) return audienceDecision('organisation', soleTrader);
  if (Number.isFinite(organisation)) {
    return Number.isFinite(individual) ? audienceDecision('organisation', organisation, 'unsure') : audienceDecision('organisation', organisation);
  }
  if (Number.isFinite(individual) || Number.isFinite(possession) || Number.isFinite(people)) return audienceDecision('individual', Math.min(individual, possession, people));
  if (input.whole) return audienceDecision(input.whole, 0);
  if (input.reply === 'yes') return audienceDecision('organisation', 0, 'unsure');
  if (input.reply === 'no') return audienceDecision('individual', 0, 'unsure');
  return null;
}
