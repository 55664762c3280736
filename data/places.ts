// The gazetteer: where a user says they are ("Leeds", "we're a school in Caerdydd", "Newport", "Isle of Man").
// Two files: data/places.json, hand-kept (cities, towns, counties, regions, nations, Crown Dependencies, abroad),
// and data/generated/open-names.json, built by `npm run data:geo` from OS Open Names (every populated place in the
// published file, with its county and police force area). Both are validated at load and merged into one index.
import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { forceById } from './catalog';
import { FORCE_IDS, type CrownDependency, type ForceId, type LocationCandidate, type Nation } from './types';
import { loadJson, readJson, ShapeCheck } from './loadJson';
import { keyOf, normaliseTokens } from './placeNames';

export { normaliseTokens } from './placeNames';

export const PLACES_FILE = 'places.json';
export const OPEN_NAMES_FILE = 'generated/open-names.json';

/**
 * A place found in what the user typed. `force-area` with `candidates` is a name shared by places in different
 * regional units: each candidate is one police force area, labelled with the county ("Newport (Isle of Wight)").
 */
export type PlaceMatch =
  | { kind: 'force-area'; forceIds: ForceId[]; label: string; candidates?: LocationCandidate[] }
  | { kind: 'nation'; nation: Nation; label: string }
  | { kind: 'crown-dependency'; territory: CrownDependency; label: string }
  | { kind: 'abroad'; label: string }
  | { kind: 'vague'; label: string };

/** A near miss: "Manchster" or part of a longer name; offered as "Did you mean …?", never routed silently. */
export interface PlaceSuggestion {
  /** The canonical name offered ("Manchester"). */
  label: string;
  match: PlaceMatch;
}

const PLACE_KINDS = ['city', 'town', 'county', 'region', 'nation', 'crown-dependency', 'abroad', 'vague'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
const UK_AREA_KINDS: readonly PlaceKind[] = ['city', 'town', 'county', 'region'];

const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const satisfies readonly Nation[];
const WELSH_FORCES: readonly ForceId[] = ['dyfed-powys', 'gwent', 'north-wales', 'south-wales'];
const NATION_NAMES: Record<Nation, string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

function nationOfForce(force: ForceId): Nation {
  if (force === 'police-scotland') return 'scotland';
  if (force === 'psni') return 'northern-ireland';
  return WELSH_FORCES.includes(force) ? 'wales' : 'england';
}

// ---------------------------------------------------------------- places.json (hand-kept)

const placeSchema = z
  .object({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)),
    /** Names other places share ("Newport" for Newport, Isle of Wight): typed alone they offer every such place. */
    sharedNames: z.array(z.string().trim().min(1)).optional(),
    /** How the place is told apart from others of its name, e.g. "Isle of Wight"; else its force's area is used. */
    county: z.string().trim().min(1).optional(),
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
    if (place.sharedNames && !UK_AREA_KINDS.includes(place.kind)) {
      ctx.addIssue({ code: 'custom', path: ['sharedNames'], message: 'only a UK city, town, county or region shares its name with other places' });
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
    // Every name and alias must lead to one place: a name shared by two places is a shared name of each.
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
          : `"${name}" is already a name of "${other.name}" with different forces ([${other.forces.join(', ')}] vs [${place.forces.join(', ')}]); make it a shared name of both`,
      });
    }
    file.places.forEach((place, placeIndex) =>
      place.sharedNames?.forEach((name, index) => {
        const otherIndex = owner.get(keyOf(normaliseTokens(name)));
        if (otherIndex !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['places', placeIndex, 'sharedNames', index],
            message: `"${name}" is the name of "${file.places[otherIndex].name}", so it cannot be shared`,
          });
        }
      }),
    );
  });

export type PlacesFile = z.infer<typeof placesFileSchema>;
export type Place = PlacesFile['places'][number];

/** Reads and validates places.json; `dir` lets tests point at a corrupted copy. */
export function loadPlacesFile(dir?: string): PlacesFile {
  return loadJson(PLACES_FILE, placesFileSchema, dir);
}

// ---------------------------------------------------------------- open-names.json (generated)

const SETTLEMENT_CODES = ['C', 'T', 'S', 'V', 'H', 'O'] as const;
/** OS Open Names local types, by the one-letter code the generated file uses. */
export const SETTLEMENT_TYPES: Record<(typeof SETTLEMENT_CODES)[number], string> = {
  C: 'City',
  T: 'Town',
  S: 'Suburban Area',
  V: 'Village',
  H: 'Hamlet',
  O: 'Other Settlement',
};

type SettlementCode = (typeof SETTLEMENT_CODES)[number];

export interface OpenNamesFile {
  about: {
    sources: Array<{ name: string; file: string; [detail: string]: unknown }>;
    attribution: string;
    licence: string;
    generatedBy: string;
    verifiedOn: string;
    confidence: 'sourced';
    [detail: string]: unknown;
  };
  /** How each force's area is named in a label when a hand-kept place has no county of its own. */
  forceAreas: Record<ForceId, string>;
  /** Keys of names made only of ordinary words ("Bank", "Mount Pleasant"): matched only when typed on their own. */
  standaloneOnly: string[];
  /** Places grouped by county and force: [type code, name, other name (Welsh or Gaelic)?]. */
  groups: Array<{ county: string; nation: 'england' | 'wales' | 'scotland'; force: ForceId; places: Array<[SettlementCode, string, string?]> }>;
}

/** Validates the generated Open Names table; a bad file throws a DataFileError naming the field. */
export function validateOpenNamesFile(raw: unknown): OpenNamesFile {
  const check: ShapeCheck = new ShapeCheck(OPEN_NAMES_FILE);
  const file = check.object(raw, '');
  check.about(file.about);
  const areas = check.object(file.forceAreas, 'forceAreas');
  for (const force of FORCE_IDS) check.string(areas[force], `forceAreas.${force}`);
  check.array(file.standaloneOnly, 'standaloneOnly').forEach((key, index) => check.string(key, `standaloneOnly.${index}`));
  check.array(file.groups, 'groups', 1).forEach((value, index) => {
    const field = `groups.${index}`;
    const group = check.object(value, field);
    check.string(group.county, `${field}.county`);
    check.oneOf(group.nation, `${field}.nation`, ['england', 'wales', 'scotland']);
    check.oneOf(group.force, `${field}.force`, FORCE_IDS);
    check.array(group.places, `${field}.places`, 1).forEach((place, at) => {
      const entry = check.array(place, `${field}.places.${at}`, 2);
      if (entry.length > 3) check.fail(`${field}.places.${at}`, 'must be [type, name] or [type, name, other name]');
      check.oneOf(entry[0], `${field}.places.${at}.0`, SETTLEMENT_CODES);
      check.string(entry[1], `${field}.places.${at}.1`);
      if (entry.length === 3) check.string(entry[2], `${field}.places.${at}.2`);
    });
  });
  return raw as OpenNamesFile;
}

/** Reads and validates the generated OS Open Names table; `dir` lets tests point at another copy. */
export function loadOpenNamesFile(dir?: string): OpenNamesFile {
  return validateOpenNamesFile(readJson(OPEN_NAMES_FILE, dir));
}

// ---------------------------------------------------------------- the merged index

/** One place a name can mean. */
interface Site {
  /** The place's canonical name: "Newport, Isle of Wight" (hand-kept) or "North Charlton" (Open Names). */
  name: string;
  /** What tells it from other places of the same name: "Isle of Wight", "Pembrokeshire, Wales". */
  county: string;
  forceIds: ForceId[];
  kind: PlaceKind | 'settlement';
  nation: Nation;
  /** Lower is more prominent; orders the candidates. */
  rank: number;
  place?: Place;
}

/** Everything one lookup key can mean. */
interface Entry {
  /** The name as written in the data, for labels: "Newport". */
  name: string;
  sites: Site[];
  /** Places of this name hidden behind a city, county, nation or country of the same name; found with their county. */
  shadowed: Site[];
  /** The most specific kind among the sites (see KIND_PRIORITY). */
  priority: number;
}

/** At equal length the more specific place wins: "Croydon, Surrey" is Croydon; "Perth, Australia" is abroad. */
const KIND_PRIORITY: Record<PlaceKind | 'settlement', number> = {
  abroad: 0,
  city: 1,
  town: 1,
  settlement: 1,
  'crown-dependency': 2,
  county: 3,
  region: 4,
  nation: 5,
  vague: 6,
};

const SETTLEMENT_RANK: Record<string, number> = { C: 2, T: 3, S: 4, V: 5, H: 6, O: 7 };

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
/** Prepositions that introduce where someone is; a name after one of them stands on its own ("a school in Leeds"). */
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'nr', 'at', 'from', 'around', 'outside', 'to']);
/** Words between two answers: "Leeds or Manchester", "Leeds and we are a charity". */
const CONJUNCTIONS = new Set(['and', 'or', 'but', 'not']);

const FILLER_WORDS = new Set([...LEADING_FILLER, ...TRAILING_FILLER]);

const placesFile = loadPlacesFile();
const openNamesFile = loadOpenNamesFile();

/** Every key → what it means; a key needing its "the" ("the city") is stored with it. */
const entries = new Map<string, Entry>();
/** Keys that may be found anywhere in a short sentence; the others only when typed (nearly) on their own. */
const sentenceKeys = new Set<string>();
/** Keys worth a "Did you mean …?" for a near miss, by first letter: the hand-kept places and Open Names towns and cities. */
const fuzzyTargets = new Map<string, Set<string>>();
let longestKeyWords = 1;

function nationSuffix(county: string, nation: Nation): string {
  const nationName = NATION_NAMES[nation];
  return nation === 'england' || county.endsWith(nationName) ? county : `${county}, ${nationName}`;
}

function entryFor(key: string, name: string): Entry {
  let entry = entries.get(key);
  if (!entry) {
    entries.set(key, (entry = { name, sites: [], shadowed: [], priority: Number.POSITIVE_INFINITY }));
    let words = 1;
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) words++;
    if (words > longestKeyWords) longestKeyWords = words;
  }
  return entry;
}

function addFuzzyTarget(key: string): void {
  if (key.replace(/ /g, '').length <= 4) return;
  const bucket = fuzzyTargets.get(key[0]);
  if (bucket) bucket.add(key);
  else fuzzyTargets.set(key[0], new Set([key]));
}

/** Hand-kept places whose own name is the key and which are not towns (cities, counties, nations …) take the name. */
const dominant = new Map<Entry, Site[]>();
/** The entries a hand-kept place is in by a shared name ("Newport" for Newport, Isle of Wight). */
const sharedBy = new Map<Site, Entry[]>();
const curatedKeys = new Set<string>();

for (const place of placesFile.places) {
  const isUkArea = UK_AREA_KINDS.includes(place.kind);
  const nation: Nation = place.nation ?? (isUkArea ? nationOfForce(place.forces[0]) : 'england');
  const county = nationSuffix(place.county ?? (place.forces.length === 1 ? openNamesFile.forceAreas[place.forces[0]] : place.name), nation);
  const site: Site = { name: place.name, county, forceIds: [...place.forces], kind: place.kind, nation, rank: place.kind === 'town' ? 1 : 0, place };

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
    const indexKey = needsThe ? `the ${key}` : key;
    const entry = entryFor(indexKey, name);
    if (entry.sites.includes(site)) continue; // "Dales" and "the Dales" share a key
    entry.sites.push(site);
    curatedKeys.add(indexKey);
    if (needsThe === undefined) sentenceKeys.add(key);
    if (place.kind !== 'town') dominant.set(entry, [...(dominant.get(entry) ?? []), site]);
    addFuzzyTarget(key);
  }
  for (const name of place.sharedNames ?? []) {
    const key = keyOf(normaliseTokens(name));
    const entry = entryFor(key, name);
    entry.sites.push(site);
    sharedBy.set(site, [...(sharedBy.get(site) ?? []), entry]);
    sentenceKeys.add(key);
    addFuzzyTarget(key);
  }
}

const openNamesStandalone = new Set(openNamesFile.standaloneOnly);
for (const group of openNamesFile.groups) {
  for (const [code, name, otherName] of group.places) {
    const site: Site = {
      name,
      county: group.county,
      forceIds: [group.force],
      kind: 'settlement',
      nation: group.nation,
      rank: SETTLEMENT_RANK[code],
    };
    for (const each of otherName ? [name, otherName] : [name]) {
      const key = keyOf(normaliseTokens(each));
      if (!key) continue;
      const entry = entryFor(key, each);
      // A hamlet called "City" or "Well" would answer every "in the city centre": found only with its county.
      if (FILLER_WORDS.has(key)) {
        if (!entry.shadowed.includes(site)) entry.shadowed.push(site);
        continue;
      }
      if (!entry.sites.includes(site)) entry.sites.push(site);
      if (!curatedKeys.has(key) && !openNamesStandalone.has(key)) sentenceKeys.add(key);
      if (code === 'C' || code === 'T') addFuzzyTarget(key);
    }
  }
}

for (const entry of entries.values()) {
  const owners = dominant.get(entry);
  if (owners) {
    entry.shadowed = [...entry.shadowed, ...entry.sites.filter((site) => !owners.includes(site))];
    entry.sites = owners;
  }
  if (entry.sites.length === 0) continue;
  entry.sites.sort((a, b) => a.rank - b.rank || (a.county < b.county ? -1 : a.county > b.county ? 1 : 0));
  entry.priority = Math.min(...entry.sites.map((site) => KIND_PRIORITY[site.kind]));
}

// Words that make a matched name part of a longer one: "North Charlton", "East Morden", "Bridgend of Lintrathen".
const FIRST_WORDS = new Map<string, number>();
const INNER_WORDS = new Map<string, number>();
const LAST_WORDS = new Map<string, number>();
for (const key of entries.keys()) {
  const words = key.split(' ');
  if (words.length < 2) continue;
  const count = (map: Map<string, number>, word: string) => map.set(word, (map.get(word) ?? 0) + 1);
  count(FIRST_WORDS, words[0]);
  words.slice(1, -1).forEach((word) => count(INNER_WORDS, word));
  count(LAST_WORDS, words[words.length - 1]);
}
/** A word seen this often at that place in the gazetteer's names is taken as part of a name, not of the sentence. */
const NAME_PART_THRESHOLD = 5;
const namePart = (map: Map<string, number>, word: string | undefined): boolean =>
  word !== undefined && (map.get(word) ?? 0) >= NAME_PART_THRESHOLD;

// ---------------------------------------------------------------- lookup

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

interface Found {
  entry: Entry;
  start: number;
  end: number;
}

/**
 * Finds the place a user means in a short answer. Returns null when nothing matches, when two different places
 * match equally well ("Leeds or Manchester"), or when the only name found is part of a longer one ("East Morden"
 * when only Morden is known). `label` is always the canonical name from the data.
 */
export function lookupPlace(text: string): PlaceMatch | null {
  const tokens = maskNonPlaces(normaliseTokens(text));
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return null;
  const standalone = matchStandalone(tokens);
  if (standalone) return toMatch(standalone);
  const words = tokens.filter((token) => token !== 'the');
  const { clean, partial } = findInSentence(words);
  const best = bestOf(clean);
  if (!best) return null;
  return toMatch(narrowByQualifiers(best, [...clean, ...partial].filter((found) => found.entry !== best.entry)));
}

/**
 * A near miss worth a "Did you mean …?": the only place named in the text is part of a longer name ("north
 * Leeds"), or a misspelling within an edit distance scaled to its length ("Manchster", "Edinburough"). Short words
 * (four letters or fewer) must be exact. Null when the text names a place outright, or nothing comes close.
 */
export function suggestPlace(text: string): PlaceSuggestion | null {
  const tokens = maskNonPlaces(normaliseTokens(text));
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return null;
  if (matchStandalone(tokens)) return null;
  const words = tokens.filter((token) => token !== 'the');
  const { clean, partial } = findInSentence(words);
  if (clean.length > 0) return null;
  const partOfName = bestOf(partial);
  if (partOfName) return suggestion(partOfName.entry);
  for (const query of fuzzyQueries(words)) {
    const near = nearestName(query);
    if (near) return suggestion(entries.get(near)!);
  }
  return null;
}

function suggestion(entry: Entry): PlaceSuggestion {
  const match = toMatch({ entry, sites: entry.sites });
  return { label: match.kind === 'force-area' && !match.candidates ? match.label : entry.name, match };
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

interface Chosen {
  entry: Entry;
  sites: Site[];
}

/** The input is just a place name, give or take filler words: ordinary-word names ("Bath") are allowed here. */
function matchStandalone(tokens: string[]): Chosen | null {
  for (let start = 0; start < tokens.length; start++) {
    for (let end = tokens.length; end > start; end--) {
      const words = tokens.slice(start, end);
      // "the City" must be the whole answer: "in the city centre" is someone's own city.
      const withThe = end === tokens.length ? entries.get(words.join(' ')) : undefined;
      const found = withThe ?? entries.get(keyOf(words));
      if (found && found.sites.length > 0) return { entry: found, sites: found.sites };
      if (!TRAILING_FILLER.has(tokens[end - 1])) break;
    }
    if (!LEADING_FILLER.has(tokens[start])) break;
  }
  return matchQualified(tokens);
}

/**
 * "Leeds, Kent", "Stoke in Devon", "Kent, Hampshire": a name then its county (or region, or nation), the name
 * narrowed to the places of it there, including those a city or county of the same name hides. Null unless some
 * place of the name is there ("Leeds Manchester" is two answers).
 */
function matchQualified(tokens: string[]): Chosen | null {
  let start = 0;
  let end = tokens.length;
  while (start < end && LEADING_FILLER.has(tokens[start])) start++;
  while (end > start && TRAILING_FILLER.has(tokens[end - 1])) end--;
  return qualifiedIn(tokens.slice(start, end)) ?? (start > 0 ? qualifiedIn(tokens.slice(0, end)) : null);
}

function qualifiedIn(core: string[]): Chosen | null {
  for (let split = core.length - 1; split >= 1; split--) {
    const name = entries.get(keyOf(core.slice(0, split)));
    if (!name) continue;
    const rest = keyOf(PLACE_PREPOSITIONS.has(core[split]) ? core.slice(split + 1) : core.slice(split));
    const qualifier = entries.get(rest);
    if (qualifier === name || !rest) continue;
    // The county may be one the gazetteer does not hold as a place ("West Berkshire"): its name is enough.
    const narrowed = qualifier ? consistentSites(name, qualifier) : [...name.sites, ...name.shadowed].filter((site) => inCounty(site, rest));
    if (narrowed.length > 0) return { entry: name, sites: narrowed };
  }
  return null;
}

/**
 * Every name in the sentence (the longest at each position), split into those that stand on their own and those
 * that look like part of a longer name: a word before it that starts many names ("North", "East", "Upper"), or a
 * word after it that continues many ("of", "on", "Green", "End"), unless that word is ordinary filler.
 */
function findInSentence(words: string[]): { clean: Found[]; partial: Found[] } {
  const clean: Found[] = [];
  const partial: Found[] = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(longestKeyWords, words.length - start); length >= 1; length--) {
      const key = words.slice(start, start + length).join(' ');
      if (!sentenceKeys.has(key)) continue;
      const found: Found = { entry: entries.get(key)!, start, end: start + length };
      (isPartOfLongerName(words, found) ? partial : clean).push(found);
      break;
    }
  }
  return { clean, partial };
}

function isPartOfLongerName(words: string[], { start, end }: Found): boolean {
  const before = words[start - 1];
  const beforeThat = words[start - 2];
  const after = words[end];
  if (before !== undefined && !LEADING_FILLER.has(before) && namePart(FIRST_WORDS, before)) return true;
  // "Vale of Leven", "Bridgend of Lintrathen": a linking word with a name-like word before it.
  if (before !== undefined && !PLACE_PREPOSITIONS.has(before) && namePart(INNER_WORDS, before)) {
    if (beforeThat !== undefined && !LEADING_FILLER.has(beforeThat)) return true;
  }
  if (after === undefined || TRAILING_FILLER.has(after) || CONJUNCTIONS.has(after)) return false;
  // "Leeds Kent", "Leeds in Kent" name a county after the place; "Kirkby in Ashfield" continues a name.
  if (startsAName(words, end) || (PLACE_PREPOSITIONS.has(after) && startsAName(words, end + 1))) return false;
  return namePart(INNER_WORDS, after) || namePart(LAST_WORDS, after);
}

function startsAName(words: string[], start: number): boolean {
  for (let length = Math.min(longestKeyWords, words.length - start); length >= 1; length--) {
    if (sentenceKeys.has(words.slice(start, start + length).join(' '))) return true;
  }
  return false;
}

/** The longest name; on a tie the most specific kind; a tie between different places is null. */
function bestOf(found: Found[]): Found | null {
  if (found.length === 0) return null;
  const longest = Math.max(...found.map((each) => each.end - each.start));
  const top = found.filter((each) => each.end - each.start === longest);
  const topPriority = Math.min(...top.map((each) => each.entry.priority));
  const best = [...new Set(top.filter((each) => each.entry.priority === topPriority).map((each) => each.entry))];
  return best.length === 1 ? top.find((each) => each.entry === best[0])! : null;
}

/** The places of a name (hidden ones too) that lie in a qualifier: in its forces, its nation, or its county by name. */
function consistentSites(name: Entry, qualifier: Entry): Site[] {
  const qualifierForces = new Set(qualifier.sites.flatMap((site) => site.forceIds));
  const qualifierKey = keyOf(normaliseTokens(qualifier.name));
  const qualifierNation = qualifier.sites.find((site) => site.kind === 'nation')?.place?.nation;
  return [...name.sites, ...name.shadowed].filter(
    (site) =>
      (qualifierNation ? site.nation === qualifierNation : site.forceIds.some((force) => qualifierForces.has(force))) ||
      inCounty(site, qualifierKey),
  );
}

function inCounty(site: Site, countyKey: string): boolean {
  return ` ${keyOf(normaliseTokens(site.county))} `.includes(` ${countyKey} `);
}

/** "Leeds, Kent", "Newport Shropshire", "Sutton in Suffolk": a county, region or nation alongside narrows the places. */
function narrowByQualifiers(best: Found, others: Found[]): Chosen {
  const all = best.entry.sites.length + best.entry.shadowed.length;
  for (const qualifier of others) {
    const consistent = consistentSites(best.entry, qualifier.entry);
    if (consistent.length > 0 && consistent.length < all) return { entry: best.entry, sites: consistent };
  }
  return { entry: best.entry, sites: best.entry.sites };
}

function toMatch({ entry, sites }: Chosen): PlaceMatch {
  if (sites.length === 1 && sites[0].place && !UK_AREA_KINDS.includes(sites[0].place.kind)) {
    const place = sites[0].place;
    switch (place.kind) {
      case 'nation':
        return { kind: 'nation', nation: place.nation as Nation, label: place.name };
      case 'crown-dependency':
        return { kind: 'crown-dependency', territory: place.territory as CrownDependency, label: place.name };
      case 'abroad':
        return { kind: 'abroad', label: place.name };
      default:
        return { kind: 'vague', label: place.name };
    }
  }
  const forceIds = [...new Set(sites.flatMap((site) => site.forceIds))];
  const units = new Set(forceIds.map((force) => forceById(force).unitId));
  const curated = sites.filter((site) => site.place);
  const label = sites.length === 1 ? sites[0].name : curated.length === 1 && units.size === 1 ? curated[0].name : entry.name;
  if (units.size === 1 || sites.length === 1) return { kind: 'force-area', forceIds, label };
  return { kind: 'force-area', forceIds, label, candidates: candidatesFor(entry, sites) };
}

/**
 * One candidate per force, most prominent first, labelled with the name and the counties of the places of that
 * name in it: "Newport (Isle of Wight)", "Newport (Cornwall or Devon)". A hand-kept place reached by another of its
 * names shows its own: "Stockton-on-Tees (Cleveland)" for "Stockton".
 */
function candidatesFor(entry: Entry, sites: Site[]): LocationCandidate[] {
  const byForce = new Map<ForceId, { rank: number; name: string; counties: string[]; derived: string[] }>();
  for (const site of sites) {
    const ownName = site.place && !sharedBy.get(site)?.includes(entry) && keyOf(normaliseTokens(site.name)) !== keyOf(normaliseTokens(entry.name));
    for (const force of site.forceIds) {
      // A hand-kept place without a county of its own is told apart by its force's area, the less specific label.
      const derived = Boolean(site.place && !site.place.county);
      const county = derived && site.forceIds.length > 1 ? nationSuffix(openNamesFile.forceAreas[force], nationOfForce(force)) : site.county;
      let seen = byForce.get(force);
      if (!seen) byForce.set(force, (seen = { rank: site.rank, name: ownName ? site.name : entry.name, counties: [], derived: [] }));
      const list = derived ? seen.derived : seen.counties;
      if (!list.includes(county)) list.push(county);
    }
  }
  const candidates = [...byForce.entries()]
    .map(([forceId, { rank, name, counties, derived }]) => ({ forceId, rank, label: `${name} (${(counties.length > 0 ? counties : derived).join(' or ')})` }))
    .sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : 1));
  const labels = candidates.map((candidate) => candidate.label);
  return candidates.map(({ forceId, label }) => ({
    forceId,
    unitId: forceById(forceId).unitId,
    label: labels.indexOf(label) === labels.lastIndexOf(label) ? label : `${label}, ${forceById(forceId).name}`,
  }));
}

// ---------------------------------------------------------------- near misses

/** Stretches of the text that may be a misspelt place: the whole answer less its filler, or what follows "in". */
function fuzzyQueries(words: string[]): string[] {
  const queries: string[] = [];
  let start = 0;
  let end = words.length;
  while (start < end && LEADING_FILLER.has(words[start])) start++;
  while (end > start && TRAILING_FILLER.has(words[end - 1])) end--;
  if (end - start >= 1 && end - start <= 3) queries.push(words.slice(start, end).join(' '));
  words.forEach((word, index) => {
    if (!PLACE_PREPOSITIONS.has(word)) return;
    let stop = index + 1;
    while (stop < words.length && stop - index <= 3 && !LEADING_FILLER.has(words[stop]) && !CONJUNCTIONS.has(words[stop])) stop++;
    for (let length = stop - index - 1; length >= 1; length--) queries.push(words.slice(index + 1, index + 1 + length).join(' '));
  });
  return [...new Set(queries)].filter((query) => !query.includes(MASK));
}

/** Edits allowed for a word of this length: none up to four letters, one up to eight, two beyond. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  return length <= 8 ? 1 : 2;
}

/** The one known name nearest to the query within the allowed edits; null on none, or on a tie between places. */
function nearestName(query: string): string | null {
  const allowed = allowedEdits(query.replace(/ /g, '').length);
  if (allowed === 0) return null;
  let best: string[] = [];
  let bestDistance = allowed + 1;
  for (const key of fuzzyTargets.get(query[0]) ?? []) {
    if (Math.abs(key.length - query.length) > allowed) continue;
    const edits = distance(query, key);
    if (edits > allowed || edits > bestDistance) continue;
    if (edits < bestDistance) {
      best = [key];
      bestDistance = edits;
    } else {
      best.push(key);
    }
  }
  if (best.length === 0 || bestDistance === 0) return null;
  const meanings = new Set(best.map((key) => entries.get(key)!.sites.map((site) => site.name).join('|')));
  if (meanings.size === 1) return best[0];
  // Between places, the most prominent: a hand-kept city before a village of a similar name.
  const ranked = best.map((key) => ({ key, rank: Math.min(...entries.get(key)!.sites.map((site) => site.rank)) })).sort((a, b) => a.rank - b.rank);
  return ranked[0].rank < ranked[1].rank ? ranked[0].key : null;
}

// ---------------------------------------------------------------- listing (tests, help text, data:check)

/** Every name and alias in the hand-kept gazetteer, in file order. */
export function allPlaceNames(): string[] {
  return placesFile.places.flatMap((place) => [place.name, ...place.aliases]);
}

/** Every entry in the hand-kept gazetteer. */
export function allPlaces(): readonly Place[] {
  return placesFile.places;
}

/** How many names the merged gazetteer knows, and from where. */
export function gazetteerSize(): { names: number; handKeptPlaces: number; openNamesPlaces: number } {
  return {
    names: entries.size,
    handKeptPlaces: placesFile.places.length,
    openNamesPlaces: openNamesFile.groups.reduce((sum, group) => sum + group.places.length, 0),
  };
}

/** True for a name the gazetteer holds only with its county: a filler word ("Well"), or a name a city, county,
 * nation or country takes ("Leeds" is the city; Leeds in Kent is "Leeds, Kent"). */
export function isHiddenName(name: string): boolean {
  const tokens = normaliseTokens(name);
  const entry = entries.get(keyOf(tokens));
  // "The Lakes" typed is the Lake District, whose name needs its "the"; the hamlet is "The Lakes, Worcestershire".
  const takenWithThe = tokens[0] === 'the' && entries.has(tokens.join(' '));
  return takenWithThe || (entry !== undefined && entry.shadowed.length > 0);
}

export const placesProvenance = {
  source: placesFile.source,
  verifiedOn: placesFile.verifiedOn,
  confidence: placesFile.confidence,
};

export const openNamesProvenance = {
  sources: openNamesFile.about.sources.map((source) => source.name),
  attribution: openNamesFile.about.attribution,
  licence: openNamesFile.about.licence,
  verifiedOn: openNamesFile.about.verifiedOn,
  confidence: openNamesFile.about.confidence,
};
