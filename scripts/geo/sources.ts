// Reading the published open data in shared/geo (or the same files downloaded afresh): OS Code-Point Open, the ONS
// district → police force area lookup, and OS Open Names populated places. Used by the build and by the check.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { ForceId } from '../../data/types';

/** The licence's required attribution, quoted from shared/geo/README.md and the products' licence files. */
export const ATTRIBUTION =
  'Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and ' +
  'database right 2025. Contains National Statistics data © Crown copyright and database right 2025. Contains public ' +
  'sector information licensed under the Open Government Licence v3.0.';
export const LICENCE = 'Open Government Licence v3.0 (OS OpenData terms for Code-Point Open and OS Open Names)';

/**
 * ONS police force area GSS codes → the project's force ids, each with the name ONS publishes for it, so that a
 * renumbered or renamed area in a later lookup stops the build instead of routing to the wrong force.
 */
export const PFA_FORCES: Record<string, { ons: string; force: ForceId }> = {
  E23000001: { ons: 'Metropolitan Police', force: 'metropolitan' },
  E23000002: { ons: 'Cumbria', force: 'cumbria' },
  E23000003: { ons: 'Lancashire', force: 'lancashire' },
  E23000004: { ons: 'Merseyside', force: 'merseyside' },
  E23000005: { ons: 'Greater Manchester', force: 'greater-manchester' },
  E23000006: { ons: 'Cheshire', force: 'cheshire' },
  E23000007: { ons: 'Northumbria', force: 'northumbria' },
  E23000008: { ons: 'Durham', force: 'durham' },
  E23000009: { ons: 'North Yorkshire', force: 'north-yorkshire' },
  E23000010: { ons: 'West Yorkshire', force: 'west-yorkshire' },
  E23000011: { ons: 'South Yorkshire', force: 'south-yorkshire' },
  E23000012: { ons: 'Humberside', force: 'humberside' },
  E23000013: { ons: 'Cleveland', force: 'cleveland' },
  E23000014: { ons: 'West Midlands', force: 'west-midlands' },
  E23000015: { ons: 'Staffordshire', force: 'staffordshire' },
  E23000016: { ons: 'West Mercia', force: 'west-mercia' },
  E23000017: { ons: 'Warwickshire', force: 'warwickshire' },
  E23000018: { ons: 'Derbyshire', force: 'derbyshire' },
  E23000019: { ons: 'Nottinghamshire', force: 'nottinghamshire' },
  E23000020: { ons: 'Lincolnshire', force: 'lincolnshire' },
  E23000021: { ons: 'Leicestershire', force: 'leicestershire' },
  E23000022: { ons: 'Northamptonshire', force: 'northamptonshire' },
  E23000023: { ons: 'Cambridgeshire', force: 'cambridgeshire' },
  E23000024: { ons: 'Norfolk', force: 'norfolk' },
  E23000025: { ons: 'Suffolk', force: 'suffolk' },
  E23000026: { ons: 'Bedfordshire', force: 'bedfordshire' },
  E23000027: { ons: 'Hertfordshire', force: 'hertfordshire' },
  E23000028: { ons: 'Essex', force: 'essex' },
  E23000029: { ons: 'Thames Valley', force: 'thames-valley' },
  E23000030: { ons: 'Hampshire', force: 'hampshire' },
  E23000031: { ons: 'Surrey', force: 'surrey' },
  E23000032: { ons: 'Kent', force: 'kent' },
  E23000033: { ons: 'Sussex', force: 'sussex' },
  E23000034: { ons: 'City of London', force: 'city-of-london' },
  E23000035: { ons: 'Devon & Cornwall', force: 'devon-and-cornwall' },
  E23000036: { ons: 'Avon and Somerset', force: 'avon-and-somerset' },
  E23000037: { ons: 'Gloucestershire', force: 'gloucestershire' },
  E23000038: { ons: 'Wiltshire', force: 'wiltshire' },
  E23000039: { ons: 'Dorset', force: 'dorset' },
  S23000009: { ons: 'Scotland', force: 'police-scotland' },
  W15000001: { ons: 'North Wales', force: 'north-wales' },
  W15000002: { ons: 'Gwent', force: 'gwent' },
  W15000003: { ons: 'South Wales', force: 'south-wales' },
  W15000004: { ons: 'Dyfed-Powys', force: 'dyfed-powys' },
};

/** Scotland is one police force area; ONS gives it this pseudo-code. */
const SCOTLAND_PFA = 'S23000009';

/**
 * District codes issued after the December 2024 lookup: Barnsley and Sheffield were recoded in 2025 (boundary
 * changes), both still in South Yorkshire.
 */
export const DISTRICTS_AFTER_LOOKUP: Record<string, { name: string; pfa: string }> = {
  E08000038: { name: 'Barnsley', pfa: 'E23000011' },
  E08000039: { name: 'Sheffield', pfa: 'E23000011' },
};

export interface SourceFiles {
  codePoint: string;
  codePointMetadata: string | null;
  lookup: string;
  pfaNames: string;
  openNames: string;
}

/** The default source folder: ../shared/geo beside the repository, else /work/shared/geo. */
export function defaultSourceDir(repoRoot: string): string {
  const sibling = resolve(repoRoot, '..', 'shared', 'geo');
  return existsSync(sibling) ? sibling : '/work/shared/geo';
}

function findOne(dir: string, pattern: RegExp, what: string): string {
  const matches = readdirSync(dir).filter((name) => pattern.test(name)).sort();
  if (matches.length === 0) throw new Error(`No ${what} in ${dir} (looked for ${pattern})`);
  // The newest release sorts last ("codepoint-open-2025.4.0", "codepoint-open-2026.1.0").
  return join(dir, matches[matches.length - 1]);
}

/** Finds the source files in a folder laid out like shared/geo. */
export function sourceFilesIn(dir: string): SourceFiles {
  if (!existsSync(dir)) throw new Error(`Source folder ${dir} does not exist`);
  const metadata = join(dir, 'codepoint-open-metadata.txt');
  return {
    codePoint: findOne(dir, /^codepoint-open-\d.*\.csv(\.gz)?$/, 'Code-Point Open CSV'),
    codePointMetadata: existsSync(metadata) ? metadata : null,
    lookup: findOne(dir, /^ons-lad.*pfa.*\.csv$/, 'ONS district → police force area lookup'),
    pfaNames: findOne(dir, /^pfa-names\.json$/, 'police force area names'),
    openNames: findOne(dir, /^os-open-names.*\.csv$/, 'OS Open Names CSV'),
  };
}

function readText(path: string): string {
  const bytes = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

function readCsv(path: string): Array<Record<string, string>> {
  return parse(readText(path), { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
}

/** "2025.4.0" from the metadata file, else from the file name. */
export function codePointVersion(files: SourceFiles): string {
  if (files.codePointMetadata) {
    const match = /DATASET VERSION NUMBER:\s*(\S+)/.exec(readText(files.codePointMetadata));
    if (match) return match[1];
  }
  const fromName = /codepoint-open-(\d{4}\.\d+\.\d+)/.exec(files.codePoint);
  if (!fromName) throw new Error(`Cannot tell the Code-Point Open version of ${files.codePoint}`);
  return fromName[1];
}

/** "2025-10-20" (the copyright date in the metadata), the date the release was published. */
export function codePointDate(files: SourceFiles): string | null {
  if (!files.codePointMetadata) return null;
  const match = /COPYRIGHT DATE:\s*(\d{4})(\d{2})(\d{2})/.exec(readText(files.codePointMetadata));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** GSS district code → force id, from the ONS lookup plus the districts recoded since; checks every code and name. */
export function districtForces(files: SourceFiles): Map<string, ForceId> {
  const names = JSON.parse(readText(files.pfaNames)) as Record<string, string>;
  for (const [code, { ons }] of Object.entries(PFA_FORCES)) {
    if (names[code] !== ons) throw new Error(`${files.pfaNames}: ${code} is "${names[code]}", expected "${ons}"; update PFA_FORCES`);
  }
  const forces = new Map<string, ForceId>();
  for (const row of readCsv(files.lookup)) {
    const district = row.ltla24_code;
    const pfa = row.pfa24_code;
    const known = PFA_FORCES[pfa];
    if (!known) throw new Error(`${files.lookup}: district ${district} is in police force area ${pfa}, which has no force id`);
    const previous = forces.get(district);
    if (previous && previous !== known.force) throw new Error(`${files.lookup}: district ${district} is in two force areas`);
    forces.set(district, known.force);
  }
  for (const [district, { pfa }] of Object.entries(DISTRICTS_AFTER_LOOKUP)) {
    if (!forces.has(district)) forces.set(district, PFA_FORCES[pfa].force);
  }
  return forces;
}

/** The force of a Code-Point Open district code: Scottish districts (S12) are all Police Scotland. */
export function forceOfDistrict(district: string, forces: Map<string, ForceId>): ForceId | undefined {
  if (district.startsWith('S12')) return PFA_FORCES[SCOTLAND_PFA].force;
  return forces.get(district);
}

export interface CodePointRow {
  /** As published: "AB10 1AB", "B1 1AA". */
  postcode: string;
  outward: string;
  inward: string;
  positionalQuality: number;
  /** Empty for the postcodes with no position (quality 90) or no district. */
  district: string;
}

/** Every row of Code-Point Open. The file has no quoted fields, so lines are split directly (1.7 million rows). */
export function* codePointRows(files: SourceFiles): Generator<CodePointRow> {
  const lines = readText(files.codePoint).split(/\r?\n/);
  const header = lines[0].split(',');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${files.codePoint}: no column "${name}" in ${header.join(',')}`);
    return index;
  };
  const postcodeAt = column('postcode');
  const qualityAt = column('positional_quality');
  const districtAt = column('admin_district_code');
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    if (!line) continue;
    if (line.includes('"')) throw new Error(`${files.codePoint}: line ${index + 1} has a quoted field; use a CSV parser`);
    const cells = line.split(',');
    const postcode = cells[postcodeAt].trim().toUpperCase();
    const match = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/.exec(postcode);
    if (!match) throw new Error(`${files.codePoint}: line ${index + 1}: "${postcode}" is not a postcode`);
    yield {
      postcode,
      outward: match[1],
      inward: match[2],
      positionalQuality: Number(cells[qualityAt]),
      district: cells[districtAt] ?? '',
    };
  }
}

export type SettlementType = 'City' | 'Town' | 'Suburban Area' | 'Village' | 'Hamlet' | 'Other Settlement';
export const SETTLEMENT_TYPES: readonly SettlementType[] = ['City', 'Town', 'Suburban Area', 'Village', 'Hamlet', 'Other Settlement'];

export interface OpenNamesRow {
  id: string;
  name1: string;
  name1Lang: string;
  name2: string;
  name2Lang: string;
  type: SettlementType;
  districtBorough: string;
  countyUnitary: string;
  region: string;
  country: string;
  ladName: string;
  pfaCode: string;
}

export function openNamesRows(files: SourceFiles): OpenNamesRow[] {
  return readCsv(files.openNames).map((row) => {
    if (!SETTLEMENT_TYPES.includes(row.local_type as SettlementType)) {
      throw new Error(`${files.openNames}: ${row.os_id} has local_type "${row.local_type}"`);
    }
    return {
      id: row.os_id,
      name1: row.name1.trim(),
      name1Lang: row.name1_lang,
      name2: row.name2.trim(),
      name2Lang: row.name2_lang,
      type: row.local_type as SettlementType,
      districtBorough: row.district_borough,
      countyUnitary: row.county_unitary,
      region: row.region,
      country: row.country,
      ladName: row.lad_name,
      pfaCode: row.pfa_code,
    };
  });
}

/** The force of an Open Names row, or null when the source gives it no police force area. */
export function forceOfOpenNamesRow(row: OpenNamesRow): ForceId | null {
  if (!row.pfaCode) return null;
  const known = PFA_FORCES[row.pfaCode];
  if (!known) throw new Error(`Open Names row ${row.id} is in police force area ${row.pfaCode}, which has no force id`);
  return known.force;
}
