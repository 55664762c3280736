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
import { words } from './text';

export type FoundLocation = { location: ResolvedLocation; sure: true } | { location: SuggestedResolution; sure: false; label: string };

/** lookupPlace reads at most this many words; longer clauses are read in overlapping windows. */
const WINDOW_WORDS = 12;
const MAX_LOOKUPS = 60;
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'from', 'at', 'around', 'outside', 'nr']);

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
function windows(raw: string): string[] {
  const parts = raw.split(/\s+/).filter(Boolean);
  if (parts.length <= 20) return [raw];
  const out: string[] = [];
  for (let start = 0; start < parts.length; start += WINDOW_WORDS / 2) out.push(parts.slice(start, start + WINDOW_WORDS).join(' '));
  return out;
}

/**
 * A place named in a sentence, not asked for: kept only if it is a UK place, and a one-word name that is also an
 * ordinary English word ("Down", "Street", "March") only after "in", "near", "from" …
 */
function plausibleInSentence(location: ResolvedLocation, text: string, compiled: CompiledLexicon): boolean {
  if (location.kind !== 'unit' && location.kind !== 'choice') return false;
  const label = location.label;
  // A bare postcode area ("LS", "N") counts in a sentence only as typed in capitals, as a postcode is written.
  if (/^[A-Za-z]{1,2}$/.test(label)) return new RegExp(`(^|[^A-Za-z])${label.toUpperCase()}([^A-Za-z]|$)`).test(text);
  if (/\d/.test(label) || label.includes(' ')) return true;
  const word = label.toLowerCase();
  if (!compiled.isOrdinaryWord(word)) return true;
  const lower = text.toLowerCase().split(/[^a-z]+/);
  return lower.some((token, index) => token === word && index > 0 && PLACE_PREPOSITIONS.has(lower[index - 1]));
}

export function findLocation(raw: string, clauses: readonly Clause[], placeExpected: boolean, compiled: CompiledLexicon): FoundLocation | null {
  if (placeExpected) {
    const whole = resolveLocation(raw);
    if (whole.kind === 'suggestion') return { location: whole.resolution, sure: false, label: whole.label };
    const resolved = asResolved(whole);
    if (resolved) return { location: resolved, sure: true };
  }
  const found: ResolvedLocation[] = [];
  let lookups = 0;
  for (const clause of clauses) {
    if (!mayNamePlace(clause)) continue;
    for (const text of windows(clause.raw)) {
      if (++lookups > MAX_LOOKUPS) break;
      const resolved = asResolved(resolveLocation(text));
      if (!resolved) continue;
      if (!placeExpected && !plausibleInSentence(resolved, text, compiled)) continue;
      if (!found.some((other) => sameLocation(other, resolved))) found.push(resolved);
    }
  }
  if (found.length === 0) return null;
  // A postcode is more precise than a town named beside it ("Leeds, LS1 4AP"); two different places are no answer.
  const postcodes = found.filter((location) => /\d/.test(location.label));
  const pick = postcodes.length > 0 ? postcodes : found;
  return pick.length === 1 ? { location: pick[0], sure: true } : null;
}
