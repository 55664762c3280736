/**
 * Where the user is, found in what they typed. Asked "where are you based?", the whole message is a place (or a
 * "Did you mean …?" to confirm). Anywhere else a place is looked for clause by clause in what they said ("we're a
 * charity in Leeds, it's happening now"), more cautiously: only UK places, no guesses, and not an ordinary word that
 * happens to be a place ("everything is down" is not County Down).
 */
import { catalog } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import { allPlaceNames } from '../../data/places';
import type { LocationResolution, SuggestedResolution } from '../../data/types';
import type { ResolvedLocation } from '../../machines/triage';
import type { Clause } from './cues';
import type { CompiledLexicon } from './lexicon';
import { fold, words } from './text';

export type FoundLocation = { location: ResolvedLocation; sure: true } | { location: SuggestedResolution; sure: false; label: string };

/** lookupPlace reads at most this many words; longer clauses are read in overlapping windows. */
const WINDOW_WORDS = 12;
/**
 * Gazetteer look-ups in one message, windows and Welsh mutated names together, beyond the whole message's own: past
 * it the rest is not read for a place. ("i a " × 1,000 at "where are you based?" once cost 6,000 of them, 80 ms.)
 */
const MAX_LOOKUPS = 30;

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
  return clause.tokens.some((token) => known.has(token));
}

function asResolved(resolution: LocationResolution): ResolvedLocation | null {
  return resolution.kind === 'unknown' || resolution.kind === 'suggestion' ? null : (resolution as ResolvedLocation);
}

function sameLocation(a: ResolvedLocation, b: ResolvedLocation): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'unit' && b.kind === 'unit') return a.unitId === b.unitId;
  return a.label === b.label;
}

/** Windows of a clause's original words, so a long sentence is read in pieces the gazetteer accepts. */
function* windows(raw: string): Generator<string> {
  const parts = raw.split(/\s+/).filter(Boolean);
  if (parts.length <= 20) return yield raw;
  // Made one at a time: the look-up budget usually ends the scan long before the last window of a long clause.
  for (let start = 0; start < parts.length; start += WINDOW_WORDS / 2) yield parts.slice(start, start + WINDOW_WORDS).join(' ');
}

/**
 * A place named in a sentence, not asked for: kept only if it is a UK place, and a name made of ordinary English words
 * ("Down", "Street", "March", "Shop", "the City") only right after "in", "near", "from" … ("in Bath"), or after "in the"
 * when typed with a capital ("in the Highlands", not "at the shop" or "in the city centre").
 */
function plausibleInSentence(location: ResolvedLocation, text: string, compiled: CompiledLexicon): boolean {
  if (location.kind !== 'unit' && location.kind !== 'choice') return false;
  const label = location.label;
  // A bare postcode area ("LS", "N") counts in a sentence only as typed in capitals, as a postcode is written.
  if (/^[A-Za-z]{1,2}$/.test(label)) return new RegExp(`(^|[^A-Za-z])${label.toUpperCase()}([^A-Za-z]|$)`).test(text);
  if (/\d/.test(label)) return true;
  const typedWords = text.split(/[^\p{L}']+/u).filter(Boolean);
  const lower = typedWords.map((word) => fold(word).replace(/'s$/, ''));
  const nameWords = words(label).filter((word) => !LINKING_WORDS.has(word));
  // A name is never one made by dropping an apostrophe: Welsh "mae'r" is not Maer.
  if (typedWords.some((word) => word.includes("'") && nameWords.includes(fold(word).replace(/'/g, '')))) return false;
  const typed = nameWords.filter((word) => lower.includes(word) || lower.includes(`${word}s`));
  // An alias ("Brum", "Yorks") or a name with a word of its own ("Leeds", "Isle of Wight" in full) is a place.
  if (typed.length === 0 || typed.some((word) => !compiled.isOrdinaryWord(word))) return true;
  if (nameWords.length > 1 && typed.length === nameWords.length) return true;
  return lower.some((token, index) => {
    if (!typed.includes(token) && !typed.includes(token.replace(/s$/, ''))) return false;
    if (index > 0 && PLACE_PREPOSITIONS.has(lower[index - 1])) return true;
    return index > 1 && lower[index - 1] === 'the' && PLACE_PREPOSITIONS.has(lower[index - 2]) && /^\p{Lu}/u.test(typedWords[index]);
  });
}

/**
 * The gazetteer reads a short answer with a word it does not know ("shop in Leeds", "I work in Belfast") as part of a
 * longer name it lacks, and offers the name it knows as a suggestion. Named right after "in", "near", "from" … (or
 * "in the …"), or right before "based", exactly as the gazetteer names it, the place is what was meant; a misspelling
 * never is.
 */
function namedAfterPreposition(label: string, raw: string): boolean {
  const typed = raw.split(/[^\p{L}']+/u).filter(Boolean).map((word) => fold(word));
  const name = words(label).flatMap((word) => word.split('-'));
  const namedAt = (start: number) => {
    const found = typed.slice(start, start + name.length);
    return found.length === name.length && found.every((word, index) => word === name[index] || word === `${name[index]}s`);
  };
  for (let at = 0; at < typed.length; at++) {
    // "in Leeds", "near the Highlands"; "Edinburgh based", "Leeds-based".
    if (PLACE_PREPOSITIONS.has(typed[at]) && namedAt(typed[at + 1] === 'the' ? at + 2 : at + 1)) return true;
    if (PLACE_FOLLOWERS.has(typed[at]) && at >= name.length && namedAt(at - name.length)) return true;
  }
  return false;
}

/** "north Leeds", "central Manchester": a part of a place that lies within one regional unit is in that unit. */
function partOfPlace(raw: string): ResolvedLocation | null {
  const part = PART_OF.exec(raw.trim());
  if (!part) return null;
  const whole = asResolved(resolveLocation(part[1]));
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
]);
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
function welshMutatedPlace(raw: string, asTyped: boolean, budget: LookupBudget): ResolvedLocation | null {
  const parts = raw.split(/\s+/).filter(Boolean);
  for (let index = 0; index + 1 < parts.length && budget.left > 0; index++) {
    const mutation = WELSH_PREPOSITIONS.get(parts[index].toLowerCase().replace(/[^a-z]/g, ''));
    if (!mutation) continue;
    const [first, ...rest] = parts.slice(index + 1, index + 4);
    const bare = first.replace(/[^\p{L}'-]/gu, '');
    // "yn Abertawe", "yn Wrecsam": a name that does not mutate counts as typed, when a place is asked for or when it
    // is written as a name (a capital), so "yn barod", "yn iawn" are never read as places.
    const typed = asTyped || /^\p{Lu}/u.test(bare) ? [bare] : [];
    for (const radical of [...radicalForms(bare, mutation), ...typed]) {
      // The name may run on (Pen-y-bont ar Ogwr): the longest that resolves.
      for (let length = rest.length; length >= 0; length--) {
        const candidate = [radical, ...rest.slice(0, length)].join(' ').replace(/[.,;:!?]+$/, '');
        if (--budget.left < 0) return null;
        const resolved = asResolved(resolveLocation(candidate));
        if (resolved && (resolved.kind === 'unit' || resolved.kind === 'choice')) return resolved;
      }
    }
  }
  return null;
}

export function findLocation(raw: string, clauses: readonly Clause[], placeExpected: boolean, compiled: CompiledLexicon): FoundLocation | null {
  const budget: LookupBudget = { left: MAX_LOOKUPS };
  if (placeExpected) {
    const whole = resolveLocation(raw);
    const resolved = asResolved(whole);
    if (resolved) return { location: resolved, sure: true };
    const part = partOfPlace(raw);
    if (part) return { location: part, sure: true };
    // "yng Nghaerdydd" may look like a misspelling of something: the Welsh reading of it comes first.
    const welsh = welshMutatedPlace(raw, true, budget);
    if (welsh) return { location: welsh, sure: true };
    if (whole.kind === 'suggestion') {
      // "my shop is in Leeds": the place after "in" is what was meant, not a longer name the gazetteer lacks.
      if (namedAfterPreposition(whole.label, raw)) return { location: whole.resolution as ResolvedLocation, sure: true };
      return { location: whole.resolution, sure: false, label: whole.label };
    }
  }
  const found: ResolvedLocation[] = [];
  for (const clause of clauses) {
    if (!mayNamePlace(clause)) continue;
    for (const text of windows(clause.raw)) {
      if (--budget.left < 0) break;
      const resolution = resolveLocation(text);
      const resolved =
        resolution.kind === 'suggestion' && namedAfterPreposition(resolution.label, text) ? (resolution.resolution as ResolvedLocation) : asResolved(resolution);
      if (!resolved) continue;
      if (!placeExpected && !plausibleInSentence(resolved, text, compiled)) continue;
      if (!found.some((other) => sameLocation(other, resolved))) found.push(resolved);
    }
  }
  for (const clause of clauses) {
    if (budget.left <= 0) break;
    const welsh = welshMutatedPlace(clause.raw, false, budget);
    if (welsh && !found.some((other) => sameLocation(other, welsh))) found.push(welsh);
  }
  if (found.length === 0) return null;
  // A postcode is more precise than a town named beside it ("Leeds, LS1 4AP"); two different places are no answer.
  const postcodes = found.filter((location) => /\d/.test(location.label));
  const pick = postcodes.length > 0 ? postcodes : found;
  return pick.length === 1 ? { location: pick[0], sure: true } : null;
}
