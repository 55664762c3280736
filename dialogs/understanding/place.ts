/**
 * Where the user is, found in what they typed. Asked "where are you based?", the whole message is a place (or a
 * "Did you mean …?" to confirm). Anywhere else a place is looked for clause by clause in what they said ("we're a
 * charity in Leeds, it's happening now"), more cautiously: only UK places, no guesses, and not an ordinary word that
 * happens to be a place ("everything is down" is not County Down).
 */
import { catalog } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import { allPlaceNames, namesOfPlace } from '../../data/places';
import type { LocationResolution, SuggestedResolution } from '../../data/types';
import type { ResolvedLocation } from '../../machines/triage';
import type { Clause } from './cues';
import type { CompiledLexicon } from './lexicon';
import { expand, fold, words } from './text';

export type FoundLocation = { location: ResolvedLocation; sure: true } | { location: SuggestedResolution; sure: false; label: string };

/** lookupPlace reads at most this many words; longer clauses are read in overlapping windows. */
const WINDOW_WORDS = 12;
/**
 * Gazetteer look-ups in one message, windows and Welsh mutated names together, beyond the whole message's own: past
 * it the rest is not read for a place. ("i a " × 1,000 at "where are you based?" once cost 6,000 of them, 80 ms.)
 */
const MAX_LOOKUPS = 30;
/** The most words of what narrows a place after a comma ("Essex", "Isle of Man", "North Yorkshire"). */
const QUALIFIER_WORDS = 4;

interface LookupBudget {
  left: number;
}
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'from', 'at', 'around', 'outside', 'nr']);
/** Words after a place that say it is where they are: "Edinburgh based", "a Leeds-based company". */
const PLACE_FOLLOWERS = new Set(['based']);
/** Words that join the parts of a name ("Isle of Wight", "Stoke-on-Trent"): they say nothing about which place. */
const LINKING_WORDS = new Set(['of', 'the', 'and', 'on', 'upon', 'in', 'under', 'by', 'le', 'de', 'la']);
/** Parts of a place: "north Leeds" is in Leeds, so wherever all of Leeds is, north Leeds is too. */
const PART_OF = /^(?:north|south|east|west|central|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|inner|outer|(?:the )?(?:outskirts|centre|center|middle) of)\s+(.+)$/i;

let nameWords: Set<string> | null = null;

/** Every word of every place, force and nation name: a clause with none of them (and no postcode) names no place. */
function placeNameWords(): Set<string> {
  nameWords ??= new Set([
    ...allPlaceNames().flatMap((name) => words(name)),
    ...Object.values(catalog.forces).flatMap((force) => [force.name, ...force.aliases].flatMap((name) => words(name))),
  ]);
  return nameWords;
}

/** Cheap first look, so most clauses of a long message cost no gazetteer lookup at all. */
function mayNamePlace(clause: Clause): boolean {
  if (/\d/.test(clause.raw) || /(^|[^A-Za-z])[A-Z]{1,2}([^A-Za-z]|$)/.test(clause.raw)) return true;
  const known = placeNameWords();
  // "Jersey-based", "Leeds-based": a name joined to a word.
  return clause.tokens.some((token) => known.has(token) || (token.includes('-') && token.split('-').some((part) => known.has(part))));
}

/** Whether what is left of a text may still name a place: a digit, or a word of a place's name beyond "in", "the", "of". */
function mayNameAnotherPlace(text: string): boolean {
  if (/\d/.test(text)) return true;
  const known = placeNameWords();
  return words(text).some((word) => word.length > 1 && known.has(word) && !LINKING_WORDS.has(word) && !AT_PLACE.has(word));
}

function asResolved(resolution: LocationResolution): ResolvedLocation | null {
  return resolution.kind === 'unknown' || resolution.kind === 'suggestion' ? null : (resolution as ResolvedLocation);
}

function sameLocation(a: ResolvedLocation, b: ResolvedLocation): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'unit' && b.kind === 'unit') return a.unitId === b.unitId;
  // "St Helier" and "JE2": one island.
  if (a.kind === 'crown-dependency' && b.kind === 'crown-dependency') return a.territory === b.territory;
  return a.label === b.label;
}

/** A place that is one of a choice's options ("Dublin" for "Ireland": the Republic; "Belfast": Northern Ireland). */
function narrows(place: ResolvedLocation, choice: Extract<ResolvedLocation, { kind: 'choice' }>): boolean {
  if (place.kind === 'abroad') return place.label === choice.abroad;
  return place.kind === 'unit' && choice.candidates.some((candidate) => candidate.unitId === place.unitId);
}

/**
 * A place in a stretch of text read as a sentence: a known name, or a near miss named right after "in", "near" ….
 * `checked`: the caller checks the place is the user's, so a place outside the UK the gazetteer only half takes ("a
 * Guernsey charity": is it "Guernsey Charity"?) is given for that check to decide (it needs the name as typed).
 */
function placeIn(text: string, checked = false): ResolvedLocation | null {
  const resolution = lookup(text);
  if (resolution.kind !== 'suggestion') return asResolved(resolution);
  const place = resolution.resolution as ResolvedLocation;
  if (checked && isOutsideUk(place)) return place;
  return namedAfterPreposition(resolution.label, text, place.kind) ? place : null;
}

const namePatterns = new Map<string, RegExp>();

/** The text without any name of the place ("the hackers are in Russia" → "the hackers are in "). */
function withoutNamesOf(label: string, text: string): string {
  let pattern = namePatterns.get(label);
  if (!pattern) {
    const names = namesOfPlace(label)
      .map((name) => name.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+'))
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'giu');
    namePatterns.set(label, pattern);
  }
  return text.replace(pattern, ' ');
}

/** Windows of a clause's original words, so a long sentence is read in pieces the gazetteer accepts. */
function* windows(raw: string): Generator<string> {
  const parts = raw.split(/\s+/).filter(Boolean);
  if (parts.length <= 20) return yield raw;
  // Made one at a time: the look-up budget usually ends the scan long before the last window of a long clause.
  for (let start = 0; start < parts.length; start += WINDOW_WORDS / 2) yield parts.slice(start, start + WINDOW_WORDS).join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// A place outside the UK police network (Jersey, the Isle of Man, Spain; "Ireland", which may be either) named in a
// sentence is taken only where the sentence says the user or their organisation is there: "our hotel on Guernsey",
// "a business in Dublin", "I'm on holiday in Tenerife", "Jersey-based", or the place said on its own. Elsewhere it is
// someone else's place ("hackers in Russia", "a call from India", "money sent to an account in Jersey"): no answer.

/** Words that put someone at a place: "in Spain", "on Guernsey", "at …"; Welsh "yn", "ar". ("from" is where they came from.) */
const AT_PLACE = new Set(['in', 'on', 'at', 'near', 'nr', 'around', 'yn', 'yng', 'ym', 'ar']);
/** Words between the one that locates and the preposition that say nothing: "I'm currently in", "we're still on". */
const IN_BETWEEN = new Set(['currently', 'still', 'now', 'just', 'right', 'out', 'over', 'away', 'actually', 'all', 'both', 'also', 'mainly', 'mostly', 'here', 'there', 'nawr']);
/** Words that say someone is, lives, works or stays at a place: "based in", "living in", "on holiday in", Welsh "byw yn". */
const LOCATING = new Set([
  'based', 'located', 'situated', 'live', 'lives', 'living', 'stay', 'stays', 'staying', 'holiday', 'holidays', 'holidaying', 'vacation',
  'travelling', 'traveling', 'work', 'works', 'working', 'registered', 'operate', 'operates', 'operating', 'trade', 'trades', 'trading',
  'resident', 'residing', 'reside', 'retired', 'hols', 'byw', 'gweithio', 'aros', 'gwyliau', 'ngwyliau', 'wyliau',
]);
/** The person or people asking: "us in Jersey", "just me in Spain"; "dw i yn …", "rydyn ni yn …". */
const USER_PRONOUNS = new Set(['i', 'we', 'me', 'us', 'myself', 'ourselves', 'ni', 'fi']);
const BE = new Set(['am', 'are', 'is', 'was', 'were', 'be', 'been', 'dw', 'dwi', 'rwy', 'rydw', 'rydyn', 'ydyn', 'ydw', 'mae', 'ydy']);
/** Where an organisation is: "our office in Dublin", "my villa in Spain". */
const SITES = new Set([
  'office', 'offices', 'premises', 'site', 'branch', 'branches', 'headquarters', 'hq', 'base', 'home', 'house', 'flat', 'apartment', 'villa', 'chalet',
  'cottage', 'warehouse', 'factory', 'depot', 'studio', 'workshop', 'bar', 'salon', 'gym', 'marina', 'swyddfa', 'cartref',
]);
/** Organisations that are someone else's even as "our …": "our supplier in Germany", "our bank in Jersey". */
const OTHER_PARTIES = new Set(['supplier', 'suppliers', 'customer', 'customers', 'client', 'clients', 'bank', 'banks', 'provider', 'providers', 'vendor', 'vendors', 'partner', 'partners', 'contractor', 'contractors', 'landlord', 'agent', 'agents']);
const OWN = new Set(['our', 'my', 'ein', 'fy']);
const ARTICLES_BEFORE_NAME = new Set(['a', 'an', 'the', 'y', 'yr']);
/** What may come before "a business in …" that keeps it the user's: nothing, or "we are", "I run", "hi, this is". */
const FRAME = new Set([
  'we', 'i', 'are', 'am', 'is', 'was', 'run', 'runs', 'own', 'owns', 'manage', 'manages', 'have', 'has', 'this', 'it', 'hi', 'hello', 'help', 'please',
  'urgent', 'so', 'just', 'and', 'also', 'ni', 'fi', 'yn', 'rydyn', 'dw', 'dwi', 'rwy', 'rydw', 'mae',
]);
/** Words of an answer that is only a place: "I'm in Spain", "based in Jersey", "from Guernsey". */
const ANSWER_FILLER = new Set([
  'in', 'on', 'at', 'near', 'nr', 'from', 'i', 'am', 'we', 'are', 'based', 'located', 'the', 'our', 'my', 'here', 'currently', 'now', 'just', 'it', 'is',
  'hi', 'hello', 'ok', 'okay', 'yes', 'yeah', 'sorry', 'please', 'thanks', 'live', 'living', 'yn', 'ym', 'yng', 'ar', 'o', 'dw', 'rydyn', 'ni', 'rwy',
]);

/** The words a sentence is read in for this: folded, written forms expanded ("we're" → "we are"), hyphens split. */
function plainWords(text: string, compiled: CompiledLexicon): string[] {
  return expand(words(text), compiled.contractions).flatMap((word) => word.split('-')).map((word) => (word === 'saint' ? 'st' : word)).filter(Boolean);
}

const namesCache = new Map<string, string[][]>();

/** The place's names as words, longest first ("douglas isle of man" before "isle of man"). */
function nameTokens(label: string, compiled: CompiledLexicon): string[][] {
  let names = namesCache.get(label);
  if (!names) {
    names = namesOfPlace(label).map((name) => plainWords(name.replace(/\./g, ''), compiled)).filter((name) => name.length > 0);
    names.sort((a, b) => b.length - a.length);
    namesCache.set(label, names);
  }
  return names;
}

/**
 * An organisation noun phrase ending at `end`: "our small firm", "my villa" (own), "a business", "small business" at
 * the start or after "we are", "I run" (unowned: the user's unless it acts on them, "a company in Dublin sent us …").
 */
function organisationEndsAt(tokens: string[], end: number, compiled: CompiledLexicon): 'own' | 'unowned' | null {
  if (end < 0 || OTHER_PARTIES.has(tokens[end])) return null;
  let start = -1;
  if (SITES.has(tokens[end])) start = end;
  for (let from = Math.max(0, end - 3); from <= end && start < 0; from++) {
    const phrase = compiled.audience.at(tokens, from, end + 1);
    if (phrase && from + phrase.tokens.length === end + 1 && isOrganisationCue(phrase.tag)) start = from;
  }
  return start < 0 ? null : whoseBefore(tokens, start);
}

const isOrganisationCue = (tag: string): boolean => tag === 'organisationTypes' || tag === 'soleTraders' || tag === 'organisation';

/** An organisation or a site named from `at` on ("estate agent", "office"): its words, or 0 for none (or another party's). */
function organisationAt(tokens: string[], at: number, compiled: CompiledLexicon): number {
  if (at >= tokens.length || OTHER_PARTIES.has(tokens[at]) || OTHER_SIDE.has(tokens[at])) return 0;
  if (SITES.has(tokens[at])) return 1;
  const phrase = compiled.audience.at(tokens, at);
  return phrase && isOrganisationCue(phrase.tag) ? phrase.tokens.length : 0;
}

/** Whose the noun phrase starting at `start` is, from the words before it: "our small …" (own), "a …" at the start (unowned). */
function whoseBefore(tokens: string[], start: number): 'own' | 'unowned' | null {
  // Back from the noun, over a few describing words, to whose it is.
  for (let at = start - 1; at >= Math.max(0, start - 4); at--) {
    const word = tokens[at];
    if (OWN.has(word)) return 'own';
    if (ARTICLES_BEFORE_NAME.has(word)) {
      const before = tokens[at - 1];
      // "a company in Dublin" at the start, or "we are a …", "I run a …", "I work for a …"; not "sent money to a …".
      // "I'm the practice manager at a surgery in …", "I volunteer for a charity in …".
      const role = tokens[at - 2] ?? '';
      if (before === undefined || ((before === 'for' || before === 'at') && (/^work|^volunteer/.test(role) || ROLES.has(role)))) return 'unowned';
      return FRAME.has(before) ? (USER_PRONOUNS.has(before) || BE.has(before) ? 'own' : 'unowned') : null;
    }
    if (FRAME.has(word)) return 'own';
    if (AT_PLACE.has(word) || word === 'to' || word === 'from' || word === 'by' || word === 'with' || word === 'via' || word === 'into') return null;
  }
  return start <= 4 ? 'unowned' : null;
}

/** What another organisation does to the user: "a company in Dublin sent us …", "a Jersey firm called me". */
const ACTS_ON_USER = new Set([
  'sent', 'sends', 'emailed', 'emails', 'called', 'calls', 'phoned', 'rang', 'rings', 'contacted', 'texted', 'messaged', 'invoiced', 'asked', 'told',
  'charged', 'scammed', 'conned', 'tricked', 'sold', 'offered', 'approached', 'targeted', 'took', 'claimed', 'pretended', 'said',
]);

/** The words after a place, past "based" and the organisation it names, do something to the user. */
function actsOnUser(tokens: string[], end: number, compiled: CompiledLexicon): boolean {
  let at = end;
  if (tokens[at] === 'based') at++;
  while (at < tokens.length && at <= end + 3 && isNoun(tokens[at], compiled)) at++;
  return ACTS_ON_USER.has(tokens[at]);
}

/** Who or what a place may be said of after "… based": an organisation, a site, or the other side ("hackers"). */
const OTHER_SIDE = new Set(['hacker', 'hackers', 'scammer', 'scammers', 'criminal', 'criminals', 'fraudster', 'fraudsters', 'gang', 'gangs', 'group', 'groups', 'server', 'servers', 'number', 'numbers', 'caller', 'callers', 'account', 'accounts', 'ip']);

function isNoun(word: string, compiled: CompiledLexicon): boolean {
  if (OTHER_SIDE.has(word) || OTHER_PARTIES.has(word) || SITES.has(word)) return true;
  const phrase = compiled.audience.at([word], 0);
  return phrase !== null && isOrganisationCue(phrase.tag);
}

/** Whether the place's name at tokens [start, end) is said to be where the user (or their organisation) is. */
/** Whether a place is the user's: yes, no, or only for now ("on holiday in …": the person's, not an organisation's). */
type Theirs = boolean | 'forNow';

function placeIsTheirs(tokens: string[], start: number, end: number, compiled: CompiledLexicon): Theirs {
  // The place on its own, give or take "I'm in", "based in": an answer.
  if (tokens.every((token, at) => (at >= start && at < end) || ANSWER_FILLER.has(token))) return true;
  const after = tokens[end];
  // "Jersey-based", "we're Guernsey based"; "a Jersey company", "our Isle of Man office"; not "New Jersey based hackers".
  const acted = actsOnUser(tokens, end, compiled);
  const theirs = (whose: 'own' | 'unowned' | null) => whose === 'own' || (whose === 'unowned' && !acted);
  if (after === 'based') {
    const next = tokens[end + 1];
    if (next === undefined || !isNoun(next, compiled)) return !acted;
    return organisationAt(tokens, end + 1, compiled) > 0 && theirs(whoseBefore(tokens, start));
  }
  if (organisationAt(tokens, end, compiled) > 0 && theirs(whoseBefore(tokens, start))) return true;
  let at = start - 1;
  if (tokens[at] === 'the') at--;
  const preposition = tokens[at];
  // "I'm writing from Germany", "contacting you from Guernsey": where the user writes from (not "a call from India").
  if (preposition === 'from') {
    at--;
    if (tokens[at] === 'you' || tokens[at] === 'u') at--;
    return COMMUNICATING.has(tokens[at]) && saidOfUser(tokens, at - 1, compiled, theirs);
  }
  if (!AT_PLACE.has(preposition)) return false;
  at--;
  while (at >= 0 && IN_BETWEEN.has(tokens[at])) at--;
  const head = tokens[at];
  if (head === undefined) return false;
  if (USER_PRONOUNS.has(head)) return true;
  // "I live in …", "we're based in …", "a British expat living in …", "living in France" (at the start), "our company is
  // registered in …"; not "the website was registered in …", "a scam based in …", "my daughter lives in …".
  if (LOCATING.has(head)) {
    // "on holiday in …", "on our holidays in …", Welsh "ar fy ngwyliau yn …" (not "we booked a holiday in …").
    const beforeHoliday = OWN.has(tokens[at - 1]) ? tokens[at - 2] : tokens[at - 1];
    if (HOLIDAY.has(head) && (beforeHoliday === 'on' || beforeHoliday === 'ar')) return 'forNow';
    const said = at === 0 || saidOfUser(tokens, at - 1, compiled, theirs);
    return said && FOR_NOW.has(head) ? 'forNow' : said;
  }
  // "we are in Spain", "I'm in Jersey", "our office is in Dublin"; not "they are in Russia".
  if (BE.has(head)) return saidOfUser(tokens, at, compiled, theirs);
  return theirs(organisationEndsAt(tokens, at, compiled));
}

const HOLIDAY = new Set(['holiday', 'holidays', 'hols', 'vacation', 'gwyliau', 'ngwyliau', 'wyliau']);
/** Being somewhere for now: the person is there, their organisation may well not be ("on holiday in Spain, our shop …"). */
const FOR_NOW = new Set([...HOLIDAY, 'holidaying', 'stay', 'stays', 'staying', 'travelling', 'traveling', 'visiting', 'aros']);
/** Words for writing or calling: "I'm writing from …", "messaging you from …". */
const COMMUNICATING = new Set(['writing', 'contacting', 'messaging', 'emailing', 'texting', 'typing', 'calling', 'ringing', 'phoning', 'chatting']);
/** What a person is, said of the user: "I'm a British expat living in …", "I'm the clerk at a council in …". */
const ROLES = new Set([
  'manager', 'owner', 'director', 'clerk', 'secretary', 'administrator', 'admin', 'bursar', 'headteacher', 'head', 'treasurer', 'chair',
  'chairman', 'chairwoman', 'trustee', 'volunteer', 'employee', 'staff', 'proprietor', 'receptionist', 'officer', 'partner', 'founder',
]);

/**
 * Whether the words ending at `end` are the user: "I", "we", "I am", "we're currently"; "I am a British expat", "we are
 * a …"; an organisation of theirs ("our company is …", "a company based in …" unless it acts on them). Not someone of
 * theirs ("my daughter lives in …") nor anything else ("the website was …", "a scam based in …").
 */
function saidOfUser(tokens: string[], end: number, compiled: CompiledLexicon, theirs: (whose: 'own' | 'unowned' | null) => boolean): boolean {
  let at = end;
  while (at >= 0 && IN_BETWEEN.has(tokens[at])) at--;
  if (at < 0) return true;
  if (USER_PRONOUNS.has(tokens[at])) return true;
  if (BE.has(tokens[at])) {
    let subject = at - 1;
    while (subject >= 0 && IN_BETWEEN.has(tokens[subject])) subject--;
    return subject < 0 || USER_PRONOUNS.has(tokens[subject]) || theirs(organisationEndsAt(tokens, subject, compiled));
  }
  const organisation = organisationEndsAt(tokens, at, compiled);
  if (organisation) return theirs(organisation);
  // A person named by what they are: "I am a retired expat …", "we're the owners …", not "my son …".
  for (let back = at - 1; back >= Math.max(0, at - 4); back--) {
    const word = tokens[back];
    if (OWN.has(word) || AT_PLACE.has(word)) return false;
    if (ARTICLES_BEFORE_NAME.has(word)) return BE.has(tokens[back - 1] ?? '') && USER_PRONOUNS.has(tokens[back - 2] ?? '');
    if (BE.has(word)) return USER_PRONOUNS.has(tokens[back - 1] ?? '');
  }
  return false;
}

/** A place outside the UK police network, named where the sentence (with the clause before it) puts the user there. */
function outsideUkPlaceIsTheirs(label: string, text: string, compiled: CompiledLexicon, message: MessageFacts): boolean {
  const tokens = plainWords(text, compiled);
  for (const name of nameTokens(label, compiled)) {
    for (let start = tokens.indexOf(name[0]); start >= 0; start = tokens.indexOf(name[0], start + 1)) {
      if (!name.every((word, offset) => tokens[start + offset] === word)) continue;
      const theirs = placeIsTheirs(tokens, start, start + name.length, compiled);
      // Somewhere for now is where a person is, not where an organisation the message names is.
      if (theirs === true || (theirs === 'forNow' && !message.namesOrganisation())) return true;
    }
  }
  return false;
}

/** Outside the UK police network, or a name that may be ("Ireland"): a place that must be the user's own to count. */
function isOutsideUk(location: ResolvedLocation): boolean {
  return location.kind === 'crown-dependency' || location.kind === 'abroad' || (location.kind === 'choice' && location.abroad !== undefined);
}

/**
 * A place named in a sentence, not asked for: kept only if it is a UK place, and a name made of ordinary English words
 * ("Down", "Street", "March", "Shop", "the City") only right after "in", "near", "from" … ("in Bath"), or after "in the"
 * when typed with a capital ("in the Highlands", not "at the shop" or "in the city centre").
 */
/** What the whole message says that a place in it depends on, worked out only when asked. */
interface MessageFacts {
  namesOrganisation: () => boolean;
}

const NO_MESSAGE_FACTS: MessageFacts = { namesOrganisation: () => false };

function messageFacts(clauses: readonly Clause[], compiled: CompiledLexicon): MessageFacts {
  let names: boolean | undefined;
  return {
    namesOrganisation: () =>
      (names ??= clauses.some((clause) => clause.tokens.some((_, at) => {
        const phrase = compiled.audience.at(clause.tokens, at);
        return phrase !== null && isOrganisationCue(phrase.tag);
      }))),
  };
}

function plausibleInSentence(location: ResolvedLocation, text: string, compiled: CompiledLexicon, before = '', message: MessageFacts = NO_MESSAGE_FACTS): boolean {
  if (isOutsideUk(location)) {
    // A postcode (GY1 1AA, IM2) is where they are; a name, where the sentence says so.
    return (
      /\d/.test(location.label) ||
      outsideUkPlaceIsTheirs(location.label, text, compiled, message) ||
      (before !== '' && outsideUkPlaceIsTheirs(location.label, `${before} ${text}`, compiled, message))
    );
  }
  if (location.kind !== 'unit' && location.kind !== 'choice') return false;
  const label = location.label;
  // A bare postcode area ("LS", "N") counts in a sentence only as typed in capitals, as a postcode is written.
  // Not after "from", "by", "with", Welsh "o", "gan": "a man from BT", "ffoniodd dyn o BT" name a company.
  if (/^[A-Za-z]{1,2}$/.test(label)) {
    const typed = new RegExp(`(^|[^A-Za-z])${label.toUpperCase()}([^A-Za-z]|$)`).exec(text);
    return typed !== null && !COMPANY_LEADS.has(fold(text.slice(0, typed.index + typed[1].length)).trim().split(/\s+/).pop() ?? '');
  }
  if (/\d/.test(label)) return true;
  const typedWords = text.split(/[^\p{L}']+/u).filter(Boolean);
  const lower = typedWords.map((word) => fold(word).replace(/'s$/, ''));
  const nameWords = words(label).filter((word) => !LINKING_WORDS.has(word));
  // A name is never one made by dropping an apostrophe: Welsh "mae'r" is not Maer.
  if (typedWords.some((word) => word.includes("'") && nameWords.includes(fold(word).replace(/'/g, '')))) return false;
  const typed = nameWords.filter((word) => lower.includes(word) || lower.includes(`${word}s`));
  // "someone called Lincoln", "his name was Chester", "Mr Preston": a person, not a place.
  if (typed.length > 0) {
    const at = lower.flatMap((token, index) => (token === typed[0] ? [index] : []));
    if (at.length > 0 && at.every((index) => namesAPerson(lower, index))) return false;
  }
  // An alias ("Brum", "Yorks") or a name with a word of its own ("Leeds", "Isle of Wight" in full) is a place.
  if (typed.length === 0 || typed.some((word) => !compiled.isOrdinaryWord(word))) return true;
  if (nameWords.length > 1 && typed.length === nameWords.length) return true;
  return lower.some((token, index) => {
    if (!typed.includes(token) && !typed.includes(token.replace(/s$/, ''))) return false;
    if (index > 0 && PLACE_PREPOSITIONS.has(lower[index - 1])) return true;
    return index > 1 && lower[index - 1] === 'the' && PLACE_PREPOSITIONS.has(lower[index - 2]) && /^\p{Lu}/u.test(typedWords[index]);
  });
}

/** Words before two capitals that make them a company's name, not a postcode area: "from BT", "o BT", "with EE". */
const COMPANY_LEADS = new Set(['from', 'by', 'with', 'o', 'gan', 'called', 'rang', 'phoned']);

/**
 * One word written with a capital right after "in", "near", "from", "at": "in Reading", "near Bath" (not "in reading";
 * not the first word of a longer name: "from Wells Fargo", "a call from Hope Street").
 */
const CAPITALISED_AFTER_PREPOSITION = /(?:^|[^A-Za-z'])(?:in|near|nr|from|at) +([A-Z][a-z'’-]+)(?![A-Za-z])(?! +[A-Z])/g;
/** Months and days are written with a capital too: "in March", "on Sunday". */
const MONTHS_AND_DAYS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'christmas', 'easter',
]);

/** Words before a name that make it a person's: "called", "named", "Mr", "Dr", "my friend …", "her son …". */
const PERSON_MARKERS = new Set([
  'called', 'named', 'mr', 'mrs', 'ms', 'miss', 'dr', 'mister', 'sir', 'dear', 'friend', 'colleague', 'boss', 'son', 'daughter', 'husband', 'wife',
  'brother', 'sister', 'mum', 'dad', 'mother', 'father', 'uncle', 'aunt', 'auntie', 'nephew', 'niece', 'cousin', 'grandson', 'granddaughter',
  'neighbour', 'neighbor', 'nan', 'grandad', 'grandma',
]);

function namesAPerson(lower: readonly string[], index: number): boolean {
  const before = lower[index - 1];
  return PERSON_MARKERS.has(before) || ((before === 'is' || before === 'was') && (lower[index - 2] === 'name' || lower[index - 2] === 'names'));
}

const NO_WORDS: ReadonlySet<string> = new Set();
const OUTSIDE_UK_PREPOSITIONS = { island: new Set(['on', 'yn', 'ar']), abroad: new Set(['on', 'yn', 'yng', 'ym', 'ar']) };

/**
 * The gazetteer reads a short answer with a word it does not know ("shop in Leeds", "I work in Belfast") as part of a
 * longer name it lacks, and offers the name it knows as a suggestion. Named right after "in", "near", "from" … (or
 * "in the …"), or right before "based", exactly as the gazetteer names it, the place is what was meant; a misspelling
 * never is.
 */
function namedAfterPreposition(label: string, raw: string, outside?: ResolvedLocation['kind']): boolean {
  // An island is "on" it ("our hotel on Guernsey", Welsh "ar Ynys Manaw"); Welsh "yn Sbaen" is in Spain.
  const also = outside === 'crown-dependency' ? OUTSIDE_UK_PREPOSITIONS.island : outside === 'abroad' ? OUTSIDE_UK_PREPOSITIONS.abroad : NO_WORDS;
  const typed = raw.split(/[^\p{L}']+/u).filter(Boolean).map((word) => fold(word));
  const name = words(label).flatMap((word) => word.split('-'));
  const namedAt = (start: number) => {
    const found = typed.slice(start, start + name.length);
    return found.length === name.length && found.every((word, index) => word === name[index] || word === `${name[index]}s`);
  };
  for (let at = 0; at < typed.length; at++) {
    // "in Leeds", "near the Highlands"; "Edinburgh based", "Leeds-based".
    if ((PLACE_PREPOSITIONS.has(typed[at]) || also.has(typed[at])) && namedAt(typed[at + 1] === 'the' ? at + 2 : at + 1)) return true;
    if (PLACE_FOLLOWERS.has(typed[at]) && at >= name.length && namedAt(at - name.length)) return true;
  }
  return false;
}

/** "north Leeds", "central Manchester": a part of a place that lies within one regional unit is in that unit. */
function partOfPlace(raw: string): ResolvedLocation | null {
  const part = PART_OF.exec(raw.trim());
  if (!part) return null;
  const whole = asResolved(lookup(part[1]));
  return whole?.kind === 'unit' ? whole : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Welsh place names after a preposition change their first sound: "yng Nghaerdydd" (in Cardiff), "ym Mangor",
// "o Gaerfyrddin" (from Carmarthen), "i Lanelli". The gazetteer holds the radical forms (Caerdydd, Bangor), so a
// mutated name is read back to the forms it may come from. Which preposition causes which mutation is Welsh grammar.

type Mutation = 'nasal' | 'soft';
const WELSH_PREPOSITIONS: ReadonlyMap<string, Mutation> = new Map([
  ['yn', 'nasal'],
  ['yng', 'nasal'],
  ['ym', 'nasal'],
  ['o', 'soft'],
  ['i', 'soft'],
  ['ger', 'soft'],
  ['ar', 'soft'],
]);
/** "yn" written as it is said before m, b, p ("ym Machynlleth") or c, g, ng ("yng Glyn Ceiriog"): a name follows. */
const ASSIMILATED = new Set(['ym', 'yng']);
/** Welsh names that begin with the article: "yn y Bala", "yn yr Wyddgrug", "o'r Rhyl" (Y Bala, Yr Wyddgrug, Y Rhyl). */
const WELSH_ARTICLES = new Set(['y', 'yr']);
const NASAL: ReadonlyArray<[string, string[]]> = [
  ['ngh', ['c']],
  ['mh', ['p']],
  ['nh', ['t']],
  ['ng', ['g']],
  ['m', ['b']],
  ['n', ['d']],
];
const SOFT: ReadonlyArray<[string, string[]]> = [
  ['dd', ['d']],
  ['ch', []],
  ['g', ['c']],
  ['b', ['p']],
  ['d', ['t']],
  ['f', ['b', 'm']],
  ['l', ['ll']],
  ['r', ['rh']],
];

/** The forms a mutated Welsh word may come from ("nghaerdydd" → "caerdydd"; "gaerfyrddin" → "caerfyrddin"). */
export function radicalForms(word: string, mutation: Mutation): string[] {
  const lower = word.toLowerCase();
  const table = mutation === 'nasal' ? NASAL : SOFT;
  const rule = table.find(([prefix]) => lower.startsWith(prefix));
  const forms = rule ? rule[1].map((radical) => radical + lower.slice(rule[0].length)) : [];
  // Soft mutation drops a g: "o Wynedd" is from Gwynedd, "i Aberaeron" may be "Gaberaeron" (rare) or as typed.
  if (mutation === 'soft' && /^[aeiouwyâêîôûŵŷlr]/.test(lower)) forms.push(`g${lower}`);
  return forms;
}

/**
 * Places named after a Welsh preposition in a mutated form, read back to the gazetteer's radical form: "busnes yng
 * Nghaerdydd" → Caerdydd. Only a word that changed counts (an unmutated name is found as typed anyway).
 */
function welshMutatedPlace(raw: string, asTyped: boolean, budget: LookupBudget, compiled: CompiledLexicon, message: MessageFacts = NO_MESSAGE_FACTS): ResolvedLocation | null {
  const parts = raw.split(/\s+/).filter(Boolean);
  for (let index = 0; index + 1 < parts.length && budget.left > 0; index++) {
    const mutation = WELSH_PREPOSITIONS.get(parts[index].toLowerCase().replace(/[^a-z]/g, ''));
    if (!mutation) continue;
    const preposition = parts[index].toLowerCase().replace(/[^a-z]/g, '');
    let [first, ...rest] = parts.slice(index + 1, index + 4);
    // "yn y bala", "yn yr wyddgrug": the article is part of the name, which does not mutate after it.
    const article = WELSH_ARTICLES.has(first.toLowerCase()) && rest.length > 0;
    if (article) [first, ...rest] = [`${first} ${rest[0]}`, ...rest.slice(1)];
    const bare = first.replace(/[^\p{L}' -]/gu, '');
    // "yn Abertawe", "yn Wrecsam": a name that does not mutate counts as typed, when a place is asked for, when it is
    // written as a name (a capital), after the article or after "ym"/"yng" (said so before a name), so "yn barod",
    // "yn iawn" are never read as places.
    const typed = asTyped || article || ASSIMILATED.has(preposition) || /^\p{Lu}/u.test(bare) ? [bare] : [];
    for (const radical of [...(article ? [] : radicalForms(bare, mutation)), ...typed]) {
      // The name may run on (Pen-y-bont ar Ogwr): the longest that resolves.
      for (let length = rest.length; length >= 0; length--) {
        const candidate = [radical, ...rest.slice(0, length)].join(' ').replace(/[.,;:!?]+$/, '');
        // Two capitals after "o" in a sentence are a company ("dyn o BT"), not a postcode area.
        if (!asTyped && /^[A-Za-z]{1,2}$/.test(candidate)) continue;
        if (--budget.left < 0) return null;
        const resolved = asResolved(lookup(candidate));
        if (!resolved) continue;
        if (!isOutsideUk(resolved)) {
          if (resolved.kind === 'unit' || resolved.kind === 'choice') return resolved;
          continue;
        }
        // "ein gwesty ym Mharis": outside the UK, only where the sentence says they are there (read with the name restored).
        const restored = [...parts.slice(0, index + 1), candidate, ...parts.slice(index + 2 + length)].join(' ');
        if (asTyped || plausibleInSentence(resolved, restored, compiled, '', message)) return resolved;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// A language's function words are not places: Welsh "mae'r" is not Maer (Staffordshire), "ni" (we) is not Northern
// Ireland, "os" (if) is not Ose. The words are the lexicon's (`notPlaceNames`); the places they would name are found
// once, by looking each word up; a place reached through one is dropped when the word was typed in its elided form
// ("mae'r", "i'r": Welsh whatever the message) or the message is in the language (a bare "ni", "maer"), not in capitals
// ("NI" stays Northern Ireland), and not when the place is named by its own name too.

const functionWordPlacesOf = new WeakMap<CompiledLexicon, Map<string, Set<string>>>();

/** Place label → the function words that alone would name it ("Maer" ← "maer"). */
function functionWordPlaces(compiled: CompiledLexicon): Map<string, Set<string>> {
  let places = functionWordPlacesOf.get(compiled);
  if (places) return places;
  places = new Map();
  for (const word of compiled.notPlaceNames) {
    const found = resolveLocation(word);
    const label = found.kind === 'unknown' ? null : found.label;
    if (label) places.set(label, (places.get(label) ?? new Set()).add(word));
  }
  functionWordPlacesOf.set(compiled, places);
  return places;
}

/** Whether a place was found only through a function word typed in the text (see above). */
function throughFunctionWord(label: string, text: string, compiled: CompiledLexicon, welsh: boolean): boolean {
  const words = functionWordPlaces(compiled).get(label);
  if (!words) return false;
  // The place named by its own name as well ("faint o amser … yn Flint") is that place.
  const name = fold(label);
  if (!words.has(name.replace(/'/g, '')) && fold(text).includes(name)) return false;
  return text
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .split(/[^\p{L}']+/u)
    .some((typed) => {
      const bare = typed.replace(/^'+|'+$/g, '');
      if (!words.has(fold(bare).replace(/'/g, ''))) return false;
      return bare.includes("'") || (welsh && bare !== bare.toUpperCase());
    });
}

/** The function-word check of the message being read (set by findLocation for its own, synchronous, look-ups). */
let notThroughFunctionWord: ((found: { label: string }, text: string) => boolean) | null = null;

/** The gazetteer's reading of a stretch of the message, less a place named only by a function word. */
function lookup(text: string): LocationResolution {
  const found = resolveLocation(text);
  return found.kind !== 'unknown' && notThroughFunctionWord && !notThroughFunctionWord(found, text) ? { kind: 'unknown' } : found;
}

/**
 * Where the user is, in what they typed (see the top of this file). `welsh`: the message is Welsh (the conversation's
 * language, or written in it), so its function words are no places.
 */
export function findLocation(raw: string, clauses: readonly Clause[], placeExpected: boolean, compiled: CompiledLexicon, welsh = false): FoundLocation | null {
  notThroughFunctionWord = (found, text) => !throughFunctionWord(found.label, text, compiled, welsh);
  try {
    return findLocationIn(raw, clauses, placeExpected, compiled);
  } finally {
    notThroughFunctionWord = null;
  }
}

function findLocationIn(raw: string, clauses: readonly Clause[], placeExpected: boolean, compiled: CompiledLexicon): FoundLocation | null {
  const budget: LookupBudget = { left: MAX_LOOKUPS };
  if (placeExpected) {
    const whole = lookup(raw);
    const resolved = asResolved(whole);
    if (resolved) return { location: resolved, sure: true };
    const part = partOfPlace(raw);
    if (part) return { location: part, sure: true };
    // "yng Nghaerdydd" may look like a misspelling of something: the Welsh reading of it comes first.
    const welsh = welshMutatedPlace(raw, true, budget, compiled);
    if (welsh) return { location: welsh, sure: true };
    if (whole.kind === 'suggestion') {
      // "my shop is in Leeds": the place after "in" is what was meant, not a longer name the gazetteer lacks.
      if (namedAfterPreposition(whole.label, raw, whole.resolution.kind)) return { location: whole.resolution as ResolvedLocation, sure: true };
      return { location: whole.resolution, sure: false, label: whole.label };
    }
  }
  const message = messageFacts(clauses, compiled);
  const found: Array<{ location: ResolvedLocation; clause: number }> = [];
  const add = (location: ResolvedLocation, clause: number) => {
    if (!found.some((other) => sameLocation(other.location, location))) found.push({ location, clause });
  };
  clauses.forEach((clause, index) => {
    if (!mayNamePlace(clause)) return;
    // The clause before, for a place split from its sentence by a comma: "Our firm in Douglas, Isle of Man is …".
    const before = index > 0 ? clauses[index - 1].raw : '';
    for (const text of windows(clause.raw)) {
      if (--budget.left < 0) break;
      let resolved = placeIn(text, !placeExpected);
      if (!resolved) continue;
      if (!placeExpected && !plausibleInSentence(resolved, text, compiled, before, message)) {
        // "we're a school in Leeds and the hackers are in Russia": someone else's place abroad may hide the user's.
        if (!isOutsideUk(resolved) || /\d/.test(resolved.label) || --budget.left < 0) continue;
        const rest = withoutNamesOf(resolved.label, text);
        if (rest === text || !mayNameAnotherPlace(rest)) continue;
        resolved = placeIn(rest, true);
        if (!resolved || !plausibleInSentence(resolved, rest, compiled, before, message)) continue;
      }
      add(resolved, index);
    }
  });
  // "a school in Reading", "a charity in Bath": a name that is also an ordinary word, written as a name after "in".
  if (!placeExpected) {
    clauses.forEach((clause, index) => {
      if (found.some((each) => each.clause === index)) return;
      // (exec, not matchAll, which copies the expression for every clause of every message)
      CAPITALISED_AFTER_PREPOSITION.lastIndex = 0;
      for (let match = CAPITALISED_AFTER_PREPOSITION.exec(clause.raw); match; match = CAPITALISED_AFTER_PREPOSITION.exec(clause.raw)) {
        const name = match[1];
        if (MONTHS_AND_DAYS.has(name.toLowerCase()) || --budget.left < 0) continue;
        const resolved = asResolved(lookup(name));
        if (resolved && !isOutsideUk(resolved) && (resolved.kind === 'unit' || resolved.kind === 'choice')) add(resolved, index);
      }
    });
  }
  for (const clause of clauses) {
    if (budget.left <= 0) break;
    const welsh = welshMutatedPlace(clause.raw, false, budget, compiled, message);
    if (welsh) add(welsh, -1);
  }
  // "Newport, Essex", "Dublin, Ireland", "Newport, Wales": a place and, after a comma, what narrows it (a few words that
  // name a place, found alone or not); read together they are one place.
  for (let index = 0; index + 1 < clauses.length && found.length > 0 && budget.left > 0; index++) {
    const first = found.find((each) => each.clause === index);
    const second = found.find((each) => each.clause === index + 1);
    const qualifier = clauses[index + 1];
    if (!first || (!second && (qualifier.tokens.length > QUALIFIER_WORDS || !mayNameAnotherPlace(qualifier.raw)))) continue;
    budget.left--;
    const joined = placeIn(`${clauses[index].raw} ${qualifier.raw}`);
    if (!joined || (!second && sameLocation(joined, first.location))) continue;
    found.splice(found.indexOf(first), 1);
    if (second) found.splice(found.indexOf(second), 1);
    add(joined, index + 1);
  }
  // "Ireland" beside Dublin, or beside Belfast: the place named is the one of the two it meant.
  const narrowed = found.filter(({ location }) => !(location.kind === 'choice' && location.abroad && found.some(({ location: other }) => narrows(other, location))));
  if (narrowed.length === 0) return null;
  // A postcode is more precise than a town named beside it ("Leeds, LS1 4AP"); two different places are no answer.
  const postcodes = narrowed.filter(({ location }) => /\d/.test(location.label));
  const pick = (postcodes.length > 0 ? postcodes : narrowed).map(({ location }) => location);
  return pick.length === 1 ? { location: pick[0], sure: true } : null;
}
