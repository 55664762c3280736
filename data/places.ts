// A gazetteer so a user can type where they are ("Leeds", "we're a school in Caerdydd", "Isle of Man").
// The data is data/places.json; this module validates it at load and matches free text against it.
import { z } from 'zod';
import { FORCE_IDS, type CrownDependency, type ForceId, type Nation } from './types';
import { loadJson } from './loadJson';

export const PLACES_FILE = 'places.json';

export type PlaceMatch =
  | { kind: 'force-area'; forceIds: ForceId[]; label: string }
  | { kind: 'nation'; nation: Nation; label: string }
  | { kind: 'crown-dependency'; territory: CrownDependency; label: string }
  | { kind: 'abroad'; label: string }
  | { kind: 'vague'; label: string };

const PLACE_KINDS = ['city', 'town', 'county', 'region', 'nation', 'crown-dependency', 'abroad', 'vague'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
const UK_AREA_KINDS: readonly PlaceKind[] = ['city', 'town', 'county', 'region'];

const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const satisfies readonly Nation[];
const WELSH_FORCES: readonly ForceId[] = ['dyfed-powys', 'gwent', 'north-wales', 'south-wales'];

function nationOfForce(force: ForceId): Nation {
  if (force === 'police-scotland') return 'scotland';
  if (force === 'psni') return 'northern-ireland';
  return WELSH_FORCES.includes(force) ? 'wales' : 'england';
}

const placeSchema = z
  .object({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)),
    kind: z.enum(PLACE_KINDS),
    forces: z.array(z.enum(FORCE_IDS)),
    nation: z.enum(NATIONS).optional(),
    territory: z.enum(['GY', 'JE', 'IM']).optional(),
    /** Names that are also ordinary words ("Reading", "Bath"): matched only when typed (nearly) on their own. */
    standaloneOnly: z.array(z.string()).optional(),
    note: z.string().optional(),
    confidence: z.enum(['sourced', 'third-party', 'general-knowledge', 'unverified']),
    source: z.string().trim().min(1),
  })
  .superRefine((place, ctx) => {
    const isUkArea = UK_AREA_KINDS.includes(place.kind);
    if (isUkArea && place.forces.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['forces'], message: `must list at least one force for a ${place.kind}` });
    }
    if (!isUkArea && place.forces.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['forces'], message: `must be empty for kind "${place.kind}"` });
    }
    if (new Set(place.forces).size !== place.forces.length) {
      ctx.addIssue({ code: 'custom', path: ['forces'], message: 'lists a force twice' });
    }
    if (place.kind === 'nation' && !place.nation) {
      ctx.addIssue({ code: 'custom', path: ['nation'], message: 'is required for kind "nation"' });
    }
    if (isUkArea && place.nation && place.forces.some((force) => nationOfForce(force) !== place.nation)) {
      ctx.addIssue({ code: 'custom', path: ['nation'], message: `"${place.nation}" does not match the forces [${place.forces.join(', ')}]` });
    }
    if ((place.kind === 'crown-dependency') !== (place.territory !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['territory'], message: 'is required for, and only for, kind "crown-dependency"' });
    }
    const nameKeys = new Set([place.name, ...place.aliases].map((name) => keyOf(normaliseTokens(name))));
    place.standaloneOnly?.forEach((name, index) => {
      if (!nameKeys.has(keyOf(normaliseTokens(name)))) {
        ctx.addIssue({ code: 'custom', path: ['standaloneOnly', index], message: `"${name}" is not the name or an alias of "${place.name}"` });
      }
    });
  });

export const placesFileSchema = z
  .object({
    source: z.string().trim().min(1),
    verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
    confidence: z.enum(['sourced', 'third-party', 'general-knowledge', 'unverified']),
    places: z.array(placeSchema).min(1),
  })
  .superRefine((file, ctx) => {
    // Every name and alias must lead to one place: a name shared by two areas is one entry listing both forces.
    // Names are claimed before aliases, so a clash between a name and an alias is reported at the alias.
    const entries: Array<{ name: string; path: (string | number)[]; placeIndex: number }> = [
      ...file.places.map((place, placeIndex) => ({ name: place.name, path: ['places', placeIndex, 'name'], placeIndex })),
      ...file.places.flatMap((place, placeIndex) =>
        place.aliases.map((alias, aliasIndex) => ({ name: alias, path: ['places', placeIndex, 'aliases', aliasIndex], placeIndex })),
      ),
    ];
    const owner = new Map<string, number>();
    for (const { name, path, placeIndex } of entries) {
      const place = file.places[placeIndex];
      const key = keyOf(normaliseTokens(name));
      if (!key) {
        ctx.addIssue({ code: 'custom', path, message: `"${name}" has no letters or digits to match on` });
        continue;
      }
      const otherIndex = owner.get(key);
      if (otherIndex === undefined) {
        owner.set(key, placeIndex);
        continue;
      }
      if (otherIndex === placeIndex) continue;
      const other = file.places[otherIndex];
      const sameForces = [...other.forces].sort().join() === [...place.forces].sort().join();
      ctx.addIssue({
        code: 'custom',
        path,
        message: sameForces
          ? `"${name}" is already a name of "${other.name}"`
          : `"${name}" is already a name of "${other.name}" with different forces ([${other.forces.join(', ')}] vs [${place.forces.join(', ')}]); list all the forces in one entry`,
      });
    }
  });

export type PlacesFile = z.infer<typeof placesFileSchema>;
export type Place = PlacesFile['places'][number];

/** Reads and validates places.json; `dir` lets tests point at a corrupted copy. */
export function loadPlacesFile(dir?: string): PlacesFile {
  return loadJson(PLACES_FILE, placesFileSchema, dir);
}

// ---------------------------------------------------------------- normalisation

/**
 * Lower-case words with accents, punctuation and apostrophes removed, "&" read as "and", "saint"/"st." as "st".
 * "the" is kept here (so "the City" can be told from "city") and dropped by keyOf.
 */
export function normaliseTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => (word === 'saint' ? 'st' : word));
}

function keyOf(tokens: readonly string[]): string {
  return tokens.filter((token) => token !== 'the').join(' ');
}

// ---------------------------------------------------------------- index

function toMatch(place: Place): PlaceMatch {
  switch (place.kind) {
    case 'nation':
      return { kind: 'nation', nation: place.nation as Nation, label: place.name };
    case 'crown-dependency':
      return { kind: 'crown-dependency', territory: place.territory as CrownDependency, label: place.name };
    case 'abroad':
      return { kind: 'abroad', label: place.name };
    case 'vague':
      return { kind: 'vague', label: place.name };
    default:
      return { kind: 'force-area', forceIds: [...place.forces], label: place.name };
  }
}

/** At equal length the more specific place wins: "Croydon, Surrey" is Croydon; "Perth, Australia" is abroad. */
const KIND_PRIORITY: Record<PlaceKind, number> = {
  abroad: 0,
  city: 1,
  town: 1,
  'crown-dependency': 2,
  county: 3,
  region: 4,
  nation: 5,
  vague: 6,
};

const placesFile = loadPlacesFile();
/** Names that may be found anywhere in a short sentence. */
const sentenceIndex = new Map<string, Place>();
/** Every name, including ordinary-word names, for input that is essentially just the place. */
const standaloneIndex = new Map<string, Place>();
let longestKeyWords = 1;

for (const place of placesFile.places) {
  // Key → whether it must be typed with its "the" ("the City" yes; "Borders"/"the Borders" no).
  const standaloneKeys = new Map<string, boolean>();
  for (const name of place.standaloneOnly ?? []) {
    const key = keyOf(normaliseTokens(name));
    const needsThe = normaliseTokens(name)[0] === 'the';
    standaloneKeys.set(key, (standaloneKeys.get(key) ?? true) && needsThe);
  }
  for (const name of [place.name, ...place.aliases]) {
    const key = keyOf(normaliseTokens(name));
    const needsThe = standaloneKeys.get(key);
    if (needsThe === undefined) {
      sentenceIndex.set(key, place);
      standaloneIndex.set(key, place);
      longestKeyWords = Math.max(longestKeyWords, key.split(' ').length);
    } else {
      standaloneIndex.set(needsThe ? `the ${key}` : key, place);
    }
  }
}

// ---------------------------------------------------------------- lookup

/** Words that may come before a place without making the input "a longer sentence": "we're based in", "near". */
const LEADING_FILLER = new Set([
  'in', 'near', 'nr', 'at', 'from', 'around', 'by', 'to', 'of', 'i', 'im', 'we', 'were', 'are', 'am', 'is', 'it', 'its', 'based', 'live', 'living',
  'located', 'situated', 'currently', 'just', 'outside', 'close', 'next', 'our', 'my', 'office', 'offices', 'home', 'hi', 'hello', 'hey', 'yes', 'yeah',
  'ok', 'okay', 'um', 'er', 'so', 'well', 'called', 'town', 'city', 'village', 'area', 'outskirts', 'edge', 'the', 'on',
]);
/** Words that may follow a place: "Bath area", "Reading, UK please". */
const TRAILING_FILLER = new Set([
  'area', 'please', 'thanks', 'thank', 'you', 'ta', 'uk', 'united', 'kingdom', 'gb', 'england', 'wales', 'scotland', 'town', 'city', 'centre', 'center',
  'region', 'district', 'way', 'i', 'think', 'probably', 'here', 'the',
]);
/** Names of banks, utilities and institutions that contain a place but say nothing about where the user is. */
const NOT_PLACE_PHRASES = [
  'Royal Bank of Scotland', 'Bank of Scotland', 'Bank of Ireland', 'Bank of England', 'Yorkshire Bank', 'Clydesdale Bank', 'Ulster Bank',
  'Yorkshire Building Society', 'Leeds Building Society', 'Coventry Building Society', 'Skipton Building Society', 'Newcastle Building Society',
  'Nottingham Building Society', 'Cumberland Building Society', 'West Bromwich Building Society', 'Scotland Yard', 'Church of England',
  'Church of Scotland', 'Church in Wales', 'Prince of Wales', 'Princess of Wales', 'Yorkshire Water', 'South West Water', 'South East Water',
  'Bristol Water', 'Cambridge Water', 'Manchester United', 'Manchester City', 'Newcastle United', 'Buckingham Palace',
].map(normaliseTokens);
const MASK = '\u0000';

/** Longer inputs are descriptions, not answers to "where are you?". */
const MAX_WORDS = 20;

/**
 * Finds the place a user means in a short answer. Returns null when nothing matches, or when two different
 * places match equally well ("Leeds or Manchester"). `label` is always the canonical name from the data.
 */
export function lookupPlace(text: string): PlaceMatch | null {
  const tokens = maskNonPlaces(normaliseTokens(text));
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return null;
  const place = matchStandalone(tokens) ?? matchInSentence(tokens.filter((token) => token !== 'the'));
  return place ? toMatch(place) : null;
}

function maskNonPlaces(tokens: string[]): string[] {
  const masked = [...tokens];
  for (const phrase of NOT_PLACE_PHRASES) {
    for (let start = 0; start + phrase.length <= masked.length; start++) {
      if (phrase.every((word, offset) => masked[start + offset] === word)) masked.fill(MASK, start, start + phrase.length);
    }
  }
  return masked;
}

/** The input is just a place name, give or take filler words: ordinary-word names ("Bath") are allowed here. */
function matchStandalone(tokens: string[]): Place | null {
  for (let start = 0; start < tokens.length; start++) {
    for (let end = tokens.length; end > start; end--) {
      const words = tokens.slice(start, end);
      // "the City" must be the whole answer: "in the city centre" is someone's own city.
      const withThe = end === tokens.length ? standaloneIndex.get(words.join(' ')) : undefined;
      const found = withThe ?? standaloneIndex.get(keyOf(words));
      if (found) return found;
      if (!TRAILING_FILLER.has(tokens[end - 1])) break;
    }
    if (!LEADING_FILLER.has(tokens[start])) break;
  }
  return null;
}

/** The longest place name inside the sentence; on a tie the most specific kind; a tie between different places is null. */
function matchInSentence(words: string[]): Place | null {
  let best: Place[] = [];
  let bestLength = 0;
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(longestKeyWords, words.length - start); length >= Math.max(bestLength, 1); length--) {
      const found = sentenceIndex.get(words.slice(start, start + length).join(' '));
      if (!found) continue;
      if (length > bestLength) {
        best = [found];
        bestLength = length;
      } else if (!best.includes(found)) {
        best.push(found);
      }
      break;
    }
  }
  if (best.length === 0) return null;
  const topPriority = Math.min(...best.map((place) => KIND_PRIORITY[place.kind]));
  const top = best.filter((place) => KIND_PRIORITY[place.kind] === topPriority);
  return top.length === 1 ? top[0] : null;
}

// ---------------------------------------------------------------- listing (tests, help text)

/** Every name and alias in the gazetteer, in file order. */
export function allPlaceNames(): string[] {
  return placesFile.places.flatMap((place) => [place.name, ...place.aliases]);
}

/** Every entry in the gazetteer. */
export function allPlaces(): readonly Place[] {
  return placesFile.places;
}

export const placesProvenance = {
  source: placesFile.source,
  verifiedOn: placesFile.verifiedOn,
  confidence: placesFile.confidence,
};
