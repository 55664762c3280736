// The gazetteer: where a user says they are ("Leeds", "we're a school in Caerdydd", "Newport", "Isle of Man").
// Two files: data/places.json, hand-kept (cities, towns, counties, regions, nations, Crown Dependencies, abroad),
// and data/generated/open-names.json, built by `npm run data:geo` from OS Open Names (every populated place in the
// published file, with its county and police force area). Both are validated at load and merged into one index.
import { distance } from 'fastest-levenshtein';
import { forceById } from './catalog';
import { FORCE_IDS, type CrownDependency, type ForceId, type LocationCandidate, type Nation, type PlaceIdentity, type PlaceLabelParts } from './types';
import { DataFileError, readJson, ShapeCheck } from './loadJson';
import { localCountyLabel, localNameEntries, localNameLanguages, localPlaceName } from './localPlaceNames';
import { loadOpenNamesFile, type NamedPlace, type SettlementCode } from './openNamesFile';
import { keyOf, nameKey, normaliseTokens } from './placeNames';

export { normaliseTokens } from './placeNames';
export { OPEN_NAMES_FILE, SETTLEMENT_TYPES, loadOpenNamesFile, validateOpenNamesFile, type OpenNamesFile } from './openNamesFile';

export const PLACES_FILE = 'places.json';

/**
 * A place found in what the user typed. `force-area` with `candidates` is a name shared by places in different
 * regional units: each candidate is one police force area, labelled with the county ("Newport (Isle of Wight)").
 */
export type PlaceMatch =
  | { kind: 'force-area'; forceIds: ForceId[]; label: string; candidates?: LocationCandidate[]; sharedName?: boolean; of?: PlaceIdentity }
  | { kind: 'nation'; nation: Nation; label: string }
  | { kind: 'crown-dependency'; territory: CrownDependency; label: string }
  | { kind: 'abroad'; label: string }
  /** A name that is a UK nation's or a place abroad ("Ireland": Northern Ireland, or the Republic): the user chooses. */
  | { kind: 'uk-or-abroad'; nation: Nation; abroad: string; label: string }
  | { kind: 'vague'; label: string };

/** A near miss: "Manchster" or part of a longer name; offered as "Did you mean …?", never routed silently. */
export interface PlaceSuggestion {
  /** The canonical name offered ("Manchester"). */
  label: string;
  match: PlaceMatch;
}

const PLACE_KINDS = ['city', 'town', 'county', 'region', 'nation', 'crown-dependency', 'abroad', 'uk-or-abroad', 'vague'] as const;
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

const CONFIDENCES = ['sourced', 'third-party', 'general-knowledge', 'unverified'] as const;

export interface Place {
  name: string;
  aliases: string[];
  /** Names other places share ("Newport" for Newport, Isle of Wight): typed alone they offer every such place. */
  sharedNames?: string[];
  /** How the place is told apart from others of its name, e.g. "Isle of Wight"; else its force's area is used. */
  county?: string;
  kind: PlaceKind;
  forces: ForceId[];
  nation?: Nation;
  territory?: CrownDependency;
  /** For kind "uk-or-abroad": the place abroad the name may also mean (a place of kind "abroad"), beside `nation`. */
  abroadPlace?: string;
  /** Names that are also ordinary words ("Reading", "Bath"): matched only when typed (nearly) on their own. */
  standaloneOnly?: string[];
  note?: string;
  confidence: (typeof CONFIDENCES)[number];
  source: string;
}

export interface PlacesFile {
  source: string;
  verifiedOn: string;
  confidence: (typeof CONFIDENCES)[number];
  places: Place[];
}

/**
 * Validates places.json; a bad file throws a DataFileError naming the first bad field. Written out rather than
 * with zod, which took 50–150 ms over its 2,000 places at every start (measured by npm run bench:data).
 */
export function validatePlacesFile(raw: unknown): PlacesFile {
  const check: ShapeCheck = new ShapeCheck(PLACES_FILE);
  const file = check.object(raw, '');
  check.string(file.source, 'source');
  check.string(file.verifiedOn, 'verifiedOn', /^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
  check.oneOf(file.confidence, 'confidence', CONFIDENCES);
  const places = check.array(file.places, 'places', 1) as Place[];
  const strings = (value: unknown, field: string) => check.array(value, field).forEach((each, index) => check.string(each, `${field}.${index}`));
  places.forEach((value, index) => {
    const at = `places.${index}`;
    const place = check.object(value, at) as unknown as Place;
    check.string(place.name, `${at}.name`);
    strings(place.aliases, `${at}.aliases`);
    if (place.sharedNames !== undefined) strings(place.sharedNames, `${at}.sharedNames`);
    if (place.county !== undefined) check.string(place.county, `${at}.county`);
    check.oneOf(place.kind, `${at}.kind`, PLACE_KINDS);
    check.array(place.forces, `${at}.forces`).forEach((force, forceIndex) => check.oneOf(force, `${at}.forces.${forceIndex}`, FORCE_IDS));
    if (place.nation !== undefined) check.oneOf(place.nation, `${at}.nation`, NATIONS);
    if (place.territory !== undefined) check.oneOf(place.territory, `${at}.territory`, ['GY', 'JE', 'IM']);
    if (place.standaloneOnly !== undefined) check.array(place.standaloneOnly, `${at}.standaloneOnly`);
    if (place.note !== undefined && typeof place.note !== 'string') check.fail(`${at}.note`, 'must be text');
    check.oneOf(place.confidence, `${at}.confidence`, CONFIDENCES);
    check.string(place.source, `${at}.source`);

    const isUkArea = UK_AREA_KINDS.includes(place.kind);
    if (isUkArea && place.forces.length === 0) check.fail(`${at}.forces`, `must list at least one force for a ${place.kind}`);
    if (!isUkArea && place.forces.length > 0) check.fail(`${at}.forces`, `must be empty for kind "${place.kind}"`);
    if (new Set(place.forces).size !== place.forces.length) check.fail(`${at}.forces`, 'lists a force twice');
    if ((place.kind === 'nation' || place.kind === 'uk-or-abroad') && !place.nation) check.fail(`${at}.nation`, `is required for kind "${place.kind}"`);
    if ((place.kind === 'uk-or-abroad') !== (place.abroadPlace !== undefined)) {
      check.fail(`${at}.abroadPlace`, 'is required for, and only for, kind "uk-or-abroad"');
    }
    if (place.abroadPlace !== undefined && !places.some((other) => (other as Place).kind === 'abroad' && (other as Place).name === place.abroadPlace)) {
      check.fail(`${at}.abroadPlace`, `"${place.abroadPlace}" is not a place of kind "abroad"`);
    }
    if (isUkArea && place.nation && place.forces.some((force) => nationOfForce(force) !== place.nation)) {
      check.fail(`${at}.nation`, `"${place.nation}" does not match the forces [${place.forces.join(', ')}]`);
    }
    if ((place.kind === 'crown-dependency') !== (place.territory !== undefined)) {
      check.fail(`${at}.territory`, 'is required for, and only for, kind "crown-dependency"');
    }
    if (place.sharedNames && !isUkArea) check.fail(`${at}.sharedNames`, 'only a UK city, town, county or region shares its name with other places');
    const nameKeys = new Set([place.name, ...place.aliases].map(nameKey));
    place.standaloneOnly?.forEach((name, nameIndex) => {
      if (!nameKeys.has(nameKey(name))) check.fail(`${at}.standaloneOnly.${nameIndex}`, `"${name}" is not the name or an alias of "${place.name}"`);
    });
  });

  // Every name and alias must lead to one place: a name shared by two places is a shared name of each.
  // Names are claimed before aliases, so a clash between a name and an alias is reported at the alias.
  const owner = new Map<string, number>();
  const claim = (name: string, field: string, placeIndex: number) => {
    const key = nameKey(name);
    if (!key) check.fail(field, `"${name}" has no letters or digits to match on`);
    const otherIndex = owner.get(key);
    if (otherIndex === undefined) {
      owner.set(key, placeIndex);
      return;
    }
    if (otherIndex === placeIndex) return;
    const [place, other] = [places[placeIndex], places[otherIndex]];
    const sameForces = [...other.forces].sort().join() === [...place.forces].sort().join();
    check.fail(
      field,
      sameForces
        ? `"${name}" is already a name of "${other.name}"`
        : `"${name}" is already a name of "${other.name}" with different forces ([${other.forces.join(', ')}] vs [${place.forces.join(', ')}]); make it a shared name of both`,
    );
  };
  places.forEach((place, placeIndex) => claim(place.name, `places.${placeIndex}.name`, placeIndex));
  places.forEach((place, placeIndex) => place.aliases.forEach((alias, index) => claim(alias, `places.${placeIndex}.aliases.${index}`, placeIndex)));
  places.forEach((place, placeIndex) =>
    place.sharedNames?.forEach((name, index) => {
      const otherIndex = owner.get(nameKey(name));
      if (otherIndex !== undefined) {
        check.fail(`places.${placeIndex}.sharedNames.${index}`, `"${name}" is the name of "${places[otherIndex].name}", so it cannot be shared`);
      }
    }),
  );
  return raw as PlacesFile;
}

/** Reads and validates places.json; `dir` lets tests point at a corrupted copy. */
export function loadPlacesFile(dir?: string): PlacesFile {
  return validatePlacesFile(readJson(PLACES_FILE, dir));
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
  key: string;
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
  'uk-or-abroad': 5,
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
  'based', 'office', 'offices', 'branch', 'site', 'headquarters', 'hq', 'premises',
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
const openNames = openNamesFile.names;
const openNamesStandalone = new Set(openNamesFile.standaloneOnly);

const keyOfLine = (line: string): string => line.slice(0, line.indexOf('\t'));

/** Key → its line, built with the name-part tables on the first sentence lookup; a binary search until then. */
let lineOfKey: Map<string, number> | null = null;

function lineIndexOf(key: string): number {
  if (lineOfKey) return lineOfKey.get(key) ?? -1;
  let low = 0;
  let high = openNames.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = keyOfLine(openNames[middle]);
    if (found === key) return middle;
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The Open Names places of a key; undefined when it has none. */
function openNamesOf(key: string): NamedPlace[] | undefined {
  const index = lineIndexOf(key);
  if (index < 0) return undefined;
  const line = openNames[index];
  return line
    .slice(line.indexOf('\t') + 1)
    .split(';')
    .map((place) => {
      const [county, code, name, written] = place.split(',');
      return written ? [Number(county), code as SettlementCode, name, written] : [Number(county), code as SettlementCode, name];
    });
}

function nationSuffix(county: string, nation: Nation): string {
  const nationName = NATION_NAMES[nation];
  return nation === 'england' || county.endsWith(nationName) ? county : `${county}, ${nationName}`;
}

// The hand-kept places are indexed at load. The 24,000 Open Names keys are looked up in the generated table as
// they are asked for, and each key's entry is built once, on first use: loading stays within its budget.

interface HandKeptKey {
  name: string;
  sites: Site[];
  /** Hand-kept places whose own name this is and which are not towns (cities, counties, nations …) take the name. */
  dominant: Site[];
}

/** Hand-kept keys; a key needing its "the" ("the city") is stored with it. */
const handKept = new Map<string, HandKeptKey>();
/** Hand-kept keys that may be found anywhere in a short sentence. */
const handKeptSentenceKeys = new Set<string>();
/** The keys a hand-kept place is in by a shared name ("newport" for Newport, Isle of Wight). */
const sharedBy = new Map<Site, string[]>();

function handKeptKey(key: string, name: string): HandKeptKey {
  let found = handKept.get(key);
  if (!found) handKept.set(key, (found = { name, sites: [], dominant: [] }));
  return found;
}

/**
 * The names of places in other languages (data/place-names: "Henffordd" for Hereford, "Yr Alban" for Scotland), each
 * added to its hand-kept place's aliases, so that it is understood in every conversation. A name of a county or area
 * that is not a hand-kept place is only shown (in labels), not looked up. A name that another place already has,
 * with other forces, or a place the gazetteer does not know, stops start-up (a DataFileError naming the entry).
 */
export function localNameAliases(entries: ReturnType<typeof localNameEntries> = localNameEntries()): Map<Place, string[]> {
  const aliases = new Map<Place, string[]>();
  const ownerOf = new Map<string, Place>();
  for (const place of placesFile.places) for (const name of [place.name, ...place.aliases]) if (!ownerOf.has(nameKey(name))) ownerOf.set(nameKey(name), place);
  const labelParts = new Set<string>([
    ...openNamesFile.counties.flatMap(([label]) => label.split(', ')),
    ...Object.values(openNamesFile.forceAreas),
    ...placesFile.places.flatMap((place) => (place.county ? [place.county] : [])),
  ]);
  for (const { fileName, index, entry } of entries) {
    const place = ownerOf.get(nameKey(entry.place));
    if (!place) {
      if (labelParts.has(entry.place)) continue;
      throw new DataFileError(fileName, `names.${index}.place`, `"${entry.place}" is neither a place in ${PLACES_FILE} nor a county or area the labels name`);
    }
    const added = aliases.get(place) ?? [];
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const other = ownerOf.get(nameKey(name));
      if (other && other !== place && [...other.forces].sort().join() !== [...place.forces].sort().join()) {
        throw new DataFileError(fileName, `names.${index}`, `"${name}" is already a name of "${other.name}" in ${PLACES_FILE}, with other forces`);
      }
      if (!other && !added.includes(name)) added.push(name);
    }
    aliases.set(place, added);
  }
  return aliases;
}

const localAliases = localNameAliases();

for (const place of placesFile.places) {
  const isUkArea = UK_AREA_KINDS.includes(place.kind);
  const nation: Nation = place.nation ?? (isUkArea ? nationOfForce(place.forces[0]) : 'england');
  const county = nationSuffix(place.county ?? (place.forces.length === 1 ? openNamesFile.forceAreas[place.forces[0]] : place.name), nation);
  const site: Site = { name: place.name, county, forceIds: [...place.forces], kind: place.kind, nation, rank: place.kind === 'town' ? 1 : 0, place };

  // Key → whether it must be typed with its "the" ("the City" yes; "Borders"/"the Borders" no).
  const standaloneKeys = new Map<string, boolean>();
  for (const name of place.standaloneOnly ?? []) {
    const tokens = normaliseTokens(name);
    const key = keyOf(tokens);
    standaloneKeys.set(key, (standaloneKeys.get(key) ?? true) && tokens[0] === 'the');
  }
  for (const name of [place.name, ...place.aliases, ...(localAliases.get(place) ?? [])]) {
    const key = nameKey(name);
    const needsThe = standaloneKeys.get(key);
    const entry = handKeptKey(needsThe ? `the ${key}` : key, name);
    if (entry.sites.includes(site)) continue; // "Dales" and "the Dales" share a key
    entry.sites.push(site);
    if (needsThe === undefined) handKeptSentenceKeys.add(key);
    if (place.kind !== 'town') entry.dominant.push(site);
  }
  for (const name of place.sharedNames ?? []) {
    const key = nameKey(name);
    handKeptKey(key, name).sites.push(site);
    sharedBy.set(site, [...(sharedBy.get(site) ?? []), key]);
    handKeptSentenceKeys.add(key);
  }
}

const openNamesCounties = openNamesFile.counties;
/** Entries built so far: only keys the gazetteer holds, so what users type cannot grow it. */
const built = new Map<string, Entry>();

/** Everything a key can mean: hand-kept places and Open Names places, or undefined when it means nothing. */
function entryOf(key: string): Entry | undefined {
  const cached = built.get(key);
  if (cached) return cached;
  const hand = handKept.get(key);
  const named = openNamesOf(key);
  if (!hand && !named) return undefined;
  const fromOpenNames: Site[] = (named ?? []).map(([county, code, name]) => {
    const [label, nation, force] = openNamesCounties[county];
    return { name, county: label, forceIds: [force], kind: 'settlement', nation, rank: SETTLEMENT_RANK[code] };
  });
  const entry: Entry = { key, name: hand?.name ?? named![0][3] ?? named![0][2], sites: [], shadowed: [], priority: Number.POSITIVE_INFINITY };
  const town = hand ? townOverVillages(key, hand, fromOpenNames) : null;
  if (hand && hand.dominant.length > 0) {
    entry.sites = hand.dominant;
    entry.shadowed = [...hand.sites.filter((site) => !hand.dominant.includes(site)), ...fromOpenNames];
  } else if (town) {
    // "a bakery in Stroud", "Luton", "Croydon": the town, not the hamlet in Hampshire or the village in Cambridgeshire.
    const inTownForces = (site: Site) => site.forceIds.some((force) => town.forceIds.includes(force));
    entry.sites = [town, ...fromOpenNames.filter(inTownForces)];
    entry.shadowed = fromOpenNames.filter((site) => !inTownForces(site));
  } else if (FILLER_WORDS.has(key)) {
    // A hamlet called "City" or "Well" would answer every "in the city centre": found only with its county.
    entry.sites = hand?.sites ?? [];
    entry.shadowed = fromOpenNames;
  } else {
    entry.sites = [...(hand?.sites ?? []), ...fromOpenNames];
  }
  entry.sites.sort((a, b) => a.rank - b.rank || (a.county < b.county ? -1 : a.county > b.county ? 1 : 0));
  for (const site of entry.sites) entry.priority = Math.min(entry.priority, KIND_PRIORITY[site.kind]);
  built.set(key, entry);
  return entry;
}

/**
 * A hand-kept town whose own name this is, where every other place of the name in another force area is a village, a
 * hamlet or smaller (OS Open Names): the town is meant, and the others are found with their county ("Stroud,
 * Hampshire"). Not where the name is a second town's or city's too ("Newport": Wales, the Isle of Wight, Shropshire).
 */
function townOverVillages(key: string, hand: HandKeptKey, fromOpenNames: readonly Site[]): Site | null {
  if (hand.sites.length !== 1) return null;
  const [town] = hand.sites;
  if (town.place?.kind !== 'town' || sharedBy.get(town)?.includes(key)) return null;
  const elsewhere = fromOpenNames.filter((site) => !site.forceIds.some((force) => town.forceIds.includes(force)));
  return elsewhere.length > 0 && elsewhere.every((site) => site.rank >= SETTLEMENT_RANK.V) ? town : null;
}

/** A key with places to offer, not only ones found with their county. */
function placesNamed(key: string): Entry | undefined {
  const entry = entryOf(key);
  return entry && entry.sites.length > 0 ? entry : undefined;
}

/** Keys that may be found anywhere in a short sentence; the others only when typed (nearly) on their own. */
function isSentenceKey(key: string): boolean {
  if (handKeptSentenceKeys.has(key)) return true;
  return !handKept.has(key) && !openNamesStandalone.has(key) && !FILLER_WORDS.has(key) && lineIndexOf(key) >= 0;
}

/** A word seen this often at that place in the gazetteer's names is taken as part of a name, not of the sentence. */
const NAME_PART_THRESHOLD = 5;

interface NameWords {
  first: Map<string, number>;
  inner: Map<string, number>;
  last: Map<string, number>;
  /** The most words in any name: how far a sentence is searched from each word. */
  longest: number;
}

let nameWordsCache: NameWords | null = null;

/** Words that make a matched name part of a longer one: "North Charlton", "East Morden", "Bridgend of Lintrathen". */
function nameWords(): NameWords {
  if (nameWordsCache) return nameWordsCache;
  const words: NameWords = { first: new Map(), inner: new Map(), last: new Map(), longest: 1 };
  const count = (map: Map<string, number>, word: string) => map.set(word, (map.get(word) ?? 0) + 1);
  const add = (key: string) => {
    if (!key.includes(' ')) return;
    const parts = key.split(' ');
    words.longest = Math.max(words.longest, parts.length);
    count(words.first, parts[0]);
    for (let at = 1; at < parts.length - 1; at++) count(words.inner, parts[at]);
    count(words.last, parts[parts.length - 1]);
  };
  const lines = new Map<string, number>();
  openNames.forEach((line, index) => {
    const key = keyOfLine(line);
    lines.set(key, index);
    if (!handKept.has(key)) add(key);
  });
  for (const key of handKept.keys()) add(key);
  lineOfKey = lines;
  return (nameWordsCache = words);
}

const namePart = (map: Map<string, number>, word: string | undefined): boolean =>
  word !== undefined && (map.get(word) ?? 0) >= NAME_PART_THRESHOLD;

let fuzzyCache: Map<string, string[]> | null = null;

/** Keys worth a "Did you mean …?", by first letter: the hand-kept places and the Open Names towns and cities. */
function fuzzyTargets(letter: string): string[] {
  if (!fuzzyCache) {
    const targets = new Map<string, string[]>();
    const add = (key: string) => {
      if (key.replace(/ /g, '').length <= 4 || key.startsWith('the ')) return;
      const bucket = targets.get(key[0]);
      if (!bucket) targets.set(key[0], [key]);
      else if (!bucket.includes(key)) bucket.push(key);
    };
    for (const key of handKept.keys()) add(key);
    for (const line of openNames) if (/[\t;]\d+,[CT],/.test(line)) add(keyOfLine(line));
    fuzzyCache = targets;
  }
  return fuzzyCache.get(letter) ?? [];
}

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
/** An answer this short, less its filler, is a place name and nothing else ("Charlton Kings"). */
const SHORT_ANSWER_WORDS = 3;

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
  const tokens = readableTokens(text);
  if (!tokens) return null;
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
  const tokens = readableTokens(text);
  if (!tokens) return null;
  if (matchStandalone(tokens)) return null;
  const words = tokens.filter((token) => token !== 'the');
  const { clean, partial } = findInSentence(words);
  if (clean.length > 0) return null;
  const partOfName = bestOf(partial);
  if (partOfName && !startsLongerName(words, partOfName)) return suggestion(partOfName.entry);
  for (const query of fuzzyQueries(words)) {
    const near = nearestName(query);
    if (near) return suggestion(placesNamed(near)!);
  }
  return null;
}

/**
 * "Ynys Enlli", "Aber Dyfi", "Caer Gybi": a one-word Welsh name that begins many longer names (Ynys, Aber, Caer …),
 * typed first and followed by a word it does not know, is the start of a Welsh name the gazetteer lacks, not that
 * place: never offered ("Did you mean Ynys?" would send the Isle of Man or Bardsey to a village in Gwynedd). An
 * English name stays a suggestion to confirm ("Charlton Kings" → "Charlton?").
 */
function startsLongerName(words: string[], found: Found): boolean {
  let first = 0;
  while (first < words.length && LEADING_FILLER.has(words[first])) first++;
  if (found.start !== first || found.end - found.start !== 1 || found.end >= words.length) return false;
  const welsh = isPlaceInWales(words[found.start]) || found.entry.sites.some((site) => site.place && localAliases.get(site.place)?.some((name) => nameKey(name) === found.entry.key));
  return welsh && namePart(nameWords().first, words[found.start]);
}

function suggestion(entry: Entry): PlaceSuggestion {
  const match = toMatch({ entry, sites: entry.sites });
  return { label: match.kind === 'force-area' && !match.candidates ? match.label : entry.name, match };
}

/** The words of a short answer, non-place phrases masked; null for none or too many (masked only once counted). */
function readableTokens(text: string): string[] | null {
  const tokens = normaliseTokens(text);
  return tokens.length === 0 || tokens.length > MAX_WORDS ? null : maskNonPlaces(tokens);
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
      const withThe = end === tokens.length ? placesNamed(words.join(' ')) : undefined;
      const found = withThe ?? placesNamed(keyOf(words));
      if (found) return { entry: found, sites: found.sites };
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
    const name = entryOf(keyOf(core.slice(0, split)));
    if (!name) continue;
    const rest = keyOf(PLACE_PREPOSITIONS.has(core[split]) ? core.slice(split + 1) : core.slice(split));
    const qualifier = placesNamed(rest);
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
  const result = { clean, partial };
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(nameWords().longest, words.length - start); length >= 1; length--) {
      const key = words.slice(start, start + length).join(' ');
      if (!isSentenceKey(key)) continue;
      const entry = placesNamed(key);
      if (!entry) continue;
      const found: Found = { entry, start, end: start + length };
      (isPartOfLongerName(words, found) ? partial : clean).push(found);
      break;
    }
  }
  if (clean.length > 0 && leavesWordsOver(words, [...clean, ...partial])) return { clean: [], partial: [...partial, ...clean] };
  // "Leeds Manchester", "London Colney": two towns side by side are two answers, or a name the gazetteer lacks.
  const all = [...clean, ...partial].sort((a, b) => a.start - b.start);
  for (let at = 1; at < all.length; at++) {
    const [left, right] = [all[at - 1], all[at]];
    if (right.start === left.end && !isArea(left.entry) && !isArea(right.entry) && consistentSites(left.entry, right.entry).length === 0) {
      return { clean: [], partial: [] };
    }
  }
  return result;
}

function isPartOfLongerName(words: string[], { entry, start, end }: Found): boolean {
  const before = words[start - 1];
  const beforeThat = words[start - 2];
  const after = words[end];
  const { first, inner, last } = nameWords();
  if (before !== undefined && !LEADING_FILLER.has(before) && namePart(first, before)) return true;
  // "Vale of Leven", "Bridgend of Lintrathen": a linking word with a name-like word before it.
  if (before !== undefined && !PLACE_PREPOSITIONS.has(before) && namePart(inner, before)) {
    if (beforeThat !== undefined && !LEADING_FILLER.has(beforeThat)) return true;
  }
  if (after === undefined || TRAILING_FILLER.has(after) || CONJUNCTIONS.has(after)) return false;
  // "Leeds Kent", "Leeds in Kent", "Croydon, Surrey": a county, region or nation after the place is a qualifier, kept
  // or dropped by narrowByQualifiers. A town after it ("London Colney") makes a longer name, or two answers.
  const next = nameStartingAt(words, PLACE_PREPOSITIONS.has(after) ? end + 1 : end);
  if (next) return !isArea(next) && consistentSites(entry, next).length === 0;
  if (PLACE_PREPOSITIONS.has(after)) return false;
  // "Charlton Kings": a word that begins many names ("Kings …") is no more a sentence word after one.
  return namePart(inner, after) || namePart(last, after) || namePart(first, after);
}

/**
 * A short answer ("Charlton Kings", "Baile Átha Cliath") with a word no name found accounts for is most likely a
 * longer place name the gazetteer does not hold: its known part is only a suggestion.
 */
function leavesWordsOver(words: string[], found: Found[]): boolean {
  let start = 0;
  let end = words.length;
  while (start < end && LEADING_FILLER.has(words[start])) start++;
  while (end > start && TRAILING_FILLER.has(words[end - 1])) end--;
  if (end - start > SHORT_ANSWER_WORDS) return false;
  for (let at = start; at < end; at++) {
    if (CONJUNCTIONS.has(words[at]) || PLACE_PREPOSITIONS.has(words[at])) continue;
    if (!found.some((each) => at >= each.start && at < each.end)) return true;
  }
  return false;
}

const isArea = (entry: Entry): boolean => entry.sites.some((site) => site.kind === 'county' || site.kind === 'region' || site.kind === 'nation');

/** The longest place name starting at a word of the sentence, if any. */
function nameStartingAt(words: string[], start: number): Entry | undefined {
  for (let length = Math.min(nameWords().longest, words.length - start); length >= 1; length--) {
    const key = words.slice(start, start + length).join(' ');
    if (isSentenceKey(key)) return placesNamed(key);
  }
  return undefined;
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
      case 'uk-or-abroad':
        return { kind: 'uk-or-abroad', nation: place.nation as Nation, abroad: place.abroadPlace as string, label: place.name };
      default:
        return { kind: 'vague', label: place.name };
    }
  }
  const forceIds = [...new Set(sites.flatMap((site) => site.forceIds))];
  const units = new Set(forceIds.map((force) => forceById(force).unitId));
  const curated = sites.filter((site) => site.place);
  const label = sites.length === 1 ? sites[0].name : curated.length === 1 && units.size === 1 ? curated[0].name : entry.name;
  // The one place the label names, where other places share the label: a language gives it that place's own name,
  // never a namesake's ("Newtown, Cambridgeshire" is "Newtown", not "Y Drenewydd").
  const one = sites.length === 1 ? sites[0] : curated.length === 1 && units.size === 1 ? curated[0] : undefined;
  const identity: PlaceIdentity | undefined = one ? (one.place ? { place: one.place.name } : { county: one.county }) : undefined;
  // Kept only where it changes a word: a label every place of its name shares a name for needs none ("Leeds").
  const of = identity && localNameLanguages().some((language) => placeNameIn(label, language, identity) !== placeNameIn(label, language)) ? identity : undefined;
  if (units.size === 1 || sites.length === 1) return { kind: 'force-area', forceIds, label, ...(of ? { of } : {}) };
  // Several places of one name (Bangor in Gwynedd and in County Down), not one place across force areas.
  return { kind: 'force-area', forceIds, label, candidates: candidatesFor(entry, sites), sharedName: true };
}

/**
 * One candidate per force, most prominent first, labelled with the name and the counties of the places of that
 * name in it: "Newport (Isle of Wight)", "Newport (Cornwall or Devon)". A hand-kept place reached by another of its
 * names shows its own: "Stockton-on-Tees (Cleveland)" for "Stockton".
 */
function candidatesFor(entry: Entry, sites: Site[]): LocationCandidate[] {
  const byForce = new Map<ForceId, { rank: number; name: string; counties: string[]; derived: string[]; sites: Site[] }>();
  for (const site of sites) {
    const ownName = site.place && !sharedBy.get(site)?.includes(entry.key) && nameKey(site.name) !== nameKey(entry.name);
    for (const force of site.forceIds) {
      // A hand-kept place without a county of its own is told apart by its force's area, the less specific label.
      const derived = Boolean(site.place && !site.place.county);
      const county = derived && site.forceIds.length > 1 ? nationSuffix(openNamesFile.forceAreas[force], nationOfForce(force)) : site.county;
      let seen = byForce.get(force);
      if (!seen) byForce.set(force, (seen = { rank: site.rank, name: ownName ? site.name : entry.name, counties: [], derived: [], sites: [] }));
      const list = derived ? seen.derived : seen.counties;
      if (!list.includes(county)) list.push(county);
      if (!seen.sites.includes(site)) seen.sites.push(site);
    }
  }
  const candidates = [...byForce.entries()]
    .map(([forceId, { rank, name, counties, derived, sites: forceSites }]) => {
      const shownCounties = counties.length > 0 ? counties : derived;
      // The hand-kept place a candidate is, when it is one: its own name in another language ("Holywell" → "Treffynnon").
      const curated = forceSites.filter((site) => site.place);
      const place = curated.length === 1 ? curated[0].place!.name : undefined;
      const parts: PlaceLabelParts = { name, ...(place ? { place } : {}), counties: shownCounties };
      return { forceId, rank, label: `${name} (${shownCounties.join(' or ')})`, parts };
    })
    .sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : 1));
  const labels = candidates.map((candidate) => candidate.label);
  return candidates.map(({ forceId, label, parts }) => {
    const unique = labels.indexOf(label) === labels.lastIndexOf(label);
    return {
      forceId,
      unitId: forceById(forceId).unitId,
      label: unique ? label : `${label}, ${forceById(forceId).name}`,
      parts: unique ? parts : { ...parts, force: forceId },
    };
  });
}

/** A place's own name in a language, by its identity: the hand-kept place's, or the one OS gives the place in its county. */
function siteNameIn(site: Site, language: string): string | null {
  return site.place ? handKeptNameIn(site.place, language) : localPlaceName(site.name, language, site.county);
}

const handKeptByName = new Map(placesFile.places.map((place) => [place.name, place]));

/**
 * A hand-kept place's name in a language: its own in data/place-names ("Newtown" → "Y Drenewydd"), else the one OS gives
 * the populated place of the same name in the place's own force area, when there is exactly one such place (Pontypool,
 * Torfaen → "Pont-y-pŵl"): the same place, found by where it is, never a namesake elsewhere.
 */
function handKeptNameIn(place: Place, language: string): string | null {
  const own = localPlaceName(place.name, language);
  if (own || !UK_AREA_KINDS.includes(place.kind)) return own;
  const inArea = (openNamesOf(nameKey(place.name)) ?? []).filter(([county]) => place.forces.includes(openNamesCounties[county][2]));
  if (inArea.length !== 1) return null;
  const [[county, , name]] = inArea;
  return localPlaceName(name, language, openNamesCounties[county][0]);
}

/**
 * A label from the gazetteer in another language, by the place it names (`of`: the hand-kept place, or the Open Names
 * place's county), never by its English name alone: Newtown in Powys is "Y Drenewydd", Newtown in Cambridgeshire is
 * "Newtown". Without `of` (a name typed before a choice, a nation, an area): the name every place of that label has in
 * the language ("London" → "Llundain", "Wales" → "Cymru", "Aberdovey" → "Aberdyfi"). Null when the language has none, or
 * when the label stands for places with different names ("Newport" is Casnewydd, Trefdraeth and Newport).
 */
export function placeNameIn(label: string, language: string, of?: PlaceIdentity): string | null {
  if (of?.place !== undefined) {
    const place = handKeptByName.get(of.place);
    return place ? handKeptNameIn(place, language) : localPlaceName(of.place, language);
  }
  if (of?.county !== undefined) return localPlaceName(label, language, of.county);
  const entry = entryOf(nameKey(label));
  if (!entry || entry.sites.length === 0) return localPlaceName(label, language);
  const names = new Set(entry.sites.map((site) => siteNameIn(site, language)));
  const [only] = names;
  return names.size === 1 && only ? only : null;
}

/**
 * A choice's place label in another language: "Bangor (Gwynedd, Cymru)", "Newport (Ynys Wyth)", "Treffynnon (Sir y
 * Fflint, Cymru)". The name is the place's own (the hand-kept place's, or the one OS gives it in each of its counties),
 * so a namesake keeps its name: "Bridgend (Cumbria)", "St Davids (Perth and Kinross, yr Alban)".
 */
export function placeLabelIn(parts: PlaceLabelParts, language: string, joinCounties: (counties: string[]) => string, forceName?: string): string {
  const inCounties = new Set(parts.counties.map((county) => localPlaceName(parts.name, language, county)));
  const [sameInEach] = inCounties;
  const place = parts.place ? handKeptByName.get(parts.place) : undefined;
  const own = place ? handKeptNameIn(place, language) : parts.place ? localPlaceName(parts.place, language) : null;
  const name = own ?? (inCounties.size === 1 ? sameInEach : null) ?? parts.name;
  // "Casnewydd (Casnewydd, Cymru)" says the name twice: the county that is the place itself is left out. Inside the
  // label the article of a name after the first part takes a small letter: "(Highland, yr Alban)".
  const counties = parts.counties
    .map((each) =>
      localCountyLabel(each, language)
        .split(', ')
        .filter((part, index) => index > 0 || part !== name)
        .map((part, index) => (index > 0 ? part.replace(/^(Y|Yr) (?=\p{Lu})/u, (article) => article.toLowerCase()) : part))
        .join(', '),
    )
    .filter(Boolean);
  const label = counties.length > 0 ? `${name} (${joinCounties(counties)})` : name;
  return forceName ? `${label}, ${forceName}` : label;
}

/** Whether a name is one the gazetteer holds (a place, county, region, nation or country). */
export function isPlaceName(name: string): boolean {
  const entry = entryOf(nameKey(name));
  return entry !== undefined && (entry.sites.length > 0 || entry.shadowed.length > 0);
}

/** Whether a name is a place's in Wales (so Welsh in origin, or given in Welsh): "Gwynedd", "Porthmadog", "Bangor". */
export function isPlaceInWales(name: string): boolean {
  const entry = entryOf(nameKey(name));
  return entry !== undefined && entry.sites.some((site) => site.nation === 'wales');
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
  for (const key of fuzzyTargets(query[0])) {
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
  const meanings = new Set(best.map((key) => placesNamed(key)!.sites.map((site) => site.name).join('|')));
  if (meanings.size === 1) return best[0];
  // Between places, the most prominent: a hand-kept city before a village of a similar name.
  const ranked = best.map((key) => ({ key, rank: Math.min(...placesNamed(key)!.sites.map((site) => site.rank)) })).sort((a, b) => a.rank - b.rank);
  return ranked[0].rank < ranked[1].rank ? ranked[0].key : null;
}

// ---------------------------------------------------------------- listing (tests, help text, data:check)

const placeByName = new Map(placesFile.places.map((place) => [place.name, place]));

/** A hand-kept place's names (its name, aliases and names in other languages), by its canonical name; empty if none. */
export function namesOfPlace(name: string): string[] {
  const place = placeByName.get(name);
  return place ? [place.name, ...place.aliases, ...(localAliases.get(place) ?? [])] : [];
}

/** Every name and alias in the hand-kept gazetteer, in file order. */
export function allPlaceNames(): string[] {
  return placesFile.places.flatMap((place) => [place.name, ...place.aliases, ...(localAliases.get(place) ?? [])]);
}

/** Every entry in the hand-kept gazetteer. */
export function allPlaces(): readonly Place[] {
  return placesFile.places;
}

/** How many names the merged gazetteer knows, and from where. */
export function gazetteerSize(): { names: number; handKeptPlaces: number; openNamesPlaces: number } {
  let names = handKept.size;
  for (const line of openNames) if (!handKept.has(keyOfLine(line))) names++;
  return { names, handKeptPlaces: placesFile.places.length, openNamesPlaces: openNamesFile.about.counts.places };
}

/** True for a name the gazetteer holds only with its county: a filler word ("Well"), or a name a city, county,
 * nation or country takes ("Leeds" is the city; Leeds in Kent is "Leeds, Kent"). */
export function isHiddenName(name: string): boolean {
  const tokens = normaliseTokens(name);
  const entry = entryOf(keyOf(tokens));
  // "The Lakes" typed is the Lake District, whose name needs its "the"; the hamlet is "The Lakes, Worcestershire".
  const takenWithThe = tokens[0] === 'the' && entryOf(tokens.join(' ')) !== undefined;
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
