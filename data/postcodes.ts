// Postcode parsing and postcode → police force → regional unit, from data/generated/postcodes.json (built by
// `npm run data:geo` from OS Code-Point Open and the ONS district → police force area lookup). A full postcode
// resolves exactly; only the district (outward code) is ever kept or shown.
import { forceById } from './catalog';
import { loadPostcodesFile } from './postcodesFile';
import type { CrownDependency, DefiniteLocation, ForceId, LocationCandidate } from './types';

export { POSTCODES_FILE, loadPostcodesFile, validatePostcodesFile, type PostcodesFile } from './postcodesFile';


export interface ParsedPostcode {
  /** The postcode area: the leading letters, e.g. "SW", "B". */
  area: string;
  /** The district (outward code), e.g. "SW1A", "LS1", "M1"; null when only an area was given. */
  district: string | null;
  /** True when a whole postcode (outward and inward code) was given. */
  full: boolean;
  /**
   * The inward code ("4AP"), or the sector digit alone ("4" for "LS1 4"). Not enumerable, so a full postcode never
   * reaches JSON, logs or stored state by accident; only resolvePostcode reads it.
   */
  readonly inward?: string;
}

const table = loadPostcodesFile();
const forcesOf = (indices: readonly number[]): ForceId[] => indices.map((index) => table.forces[index]);

export const postcodesProvenance = {
  sources: table.about.sources,
  attribution: table.about.attribution,
  licence: table.about.licence,
  verifiedOn: table.about.verifiedOn,
  confidence: table.about.confidence,
};

// ---------------------------------------------------------------- parsing

// Royal Mail formats: outward A9, A99, AA9, AA99, A9A, AA9A; inward 9AA.
const OUTWARD = /^([A-Z]{1,2})(\d{1,2}|\d[A-Z])$/;
const FULL = /^([A-Z]{1,2}(?:\d{1,2}|\d[A-Z]))(\d[A-Z]{2})$/;
const SECTOR = /^([A-Z]{1,2}(?:\d{1,2}|\d[A-Z]))[\s-]+(\d)$/;
const FULL_IN_TEXT = /(?<![A-Z0-9])([A-Z]{1,2}(?:\d{1,2}|\d[A-Z]))\s*(\d[A-Z]{2})(?![A-Z0-9])/g;
const OUTWARD_IN_TEXT = /(?<![A-Z0-9])([A-Z]{1,2}(?:\d{1,2}|\d[A-Z]))(?![A-Z0-9])/g;

/** Districts ending in a letter (SW1A, EC4M, W1A, N1C, E1W …) exist only in central London. */
const LETTER_SUFFIX_AREAS = new Set(['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC']);

/**
 * Technology words that look like districts ("an S3 bucket", "L2 cache", "M2 drive", "W10 laptops"). Ignored only
 * inside a sentence: typed on their own they are read as districts.
 */
const TECH_WORDS_IN_TEXT = new Set(['S3', 'L1', 'L2', 'L3', 'M2', 'W10', 'W11']);

function isKnownArea(area: string): boolean {
  return Object.prototype.hasOwnProperty.call(table.areas, area) || Object.prototype.hasOwnProperty.call(table.territories, area);
}

function isKnownDistrict(district: string, area: string): boolean {
  return Object.prototype.hasOwnProperty.call(table.districts, district) || Object.prototype.hasOwnProperty.call(table.territories, area);
}

function withInward(parsed: ParsedPostcode, inward: string): ParsedPostcode {
  return Object.defineProperty(parsed, 'inward', { value: inward, enumerable: false });
}

/** The district as a ParsedPostcode when its area is known and its form is valid for that area; else null. */
function outwardCode(district: string, full: boolean): ParsedPostcode | null {
  const match = OUTWARD.exec(district);
  if (!match) return null;
  const [, area, rest] = match;
  if (!isKnownArea(area)) return null;
  if (/[A-Z]$/.test(rest) && !LETTER_SUFFIX_AREAS.has(area)) return null;
  return { area, district, full };
}

/** Finds a postcode inside free text: a full postcode first, else a district the data knows. */
export function findPostcode(text: string): ParsedPostcode | null {
  const upper = text.toUpperCase();
  for (const match of upper.matchAll(FULL_IN_TEXT)) {
    const parsed = outwardCode(match[1], true);
    if (parsed) return withInward(parsed, match[2]);
  }
  for (const match of upper.matchAll(OUTWARD_IN_TEXT)) {
    if (TECH_WORDS_IN_TEXT.has(match[1])) continue;
    const parsed = outwardCode(match[1], false);
    if (parsed && isKnownDistrict(parsed.district!, parsed.area)) return parsed;
  }
  return null;
}

/**
 * Reads a postcode, a sector ("LS1 4"), a district ("LS1", "sw1a") or a bare area ("LS", "b") from what the user
 * typed, in any case and spacing, or finds one inside a sentence. A bare area counts only when it is the whole input.
 * Unknown areas → null.
 */
export function parsePostcode(text: string): ParsedPostcode | null {
  const whole = text.toUpperCase().trim().replace(/[.,;:!?]+$/, '');
  const compact = whole.replace(/[\s-]+/g, '');
  if (compact === '') return null;

  const full = FULL.exec(compact);
  if (full) {
    const parsed = outwardCode(full[1], true);
    return parsed && withInward(parsed, full[2]);
  }
  const sector = SECTOR.exec(whole);
  if (sector) {
    const parsed = outwardCode(sector[1], false);
    if (parsed) return withInward(parsed, sector[2]);
  }
  if (OUTWARD.test(compact)) return outwardCode(compact, false);
  if (/^[A-Z]{1,2}$/.test(whole) && isKnownArea(whole)) return { area: whole, district: null, full: false };
  return findPostcode(text);
}

// ---------------------------------------------------------------- resolving

function candidatesFor(forceIds: ForceId[]): LocationCandidate[] {
  return forceIds.map((forceId) => ({ forceId, unitId: forceById(forceId).unitId, label: forceById(forceId).name }));
}

/** Forces (most postcodes first) → their unit when they share one, else a choice between them. */
function fromForces(forceIds: ForceId[], label: string, askFullPostcode: boolean): DefiniteLocation {
  const units = new Set(forceIds.map((forceId) => forceById(forceId).unitId));
  if (units.size === 1) return { kind: 'unit', unitId: [...units][0], forceIds, label };
  return { kind: 'choice', candidates: candidatesFor(forceIds), askFullPostcode, label };
}

/** The force of one postcode unit ("AB" of "LS1 4AB") in a sector that straddles a boundary, if the data has it. */
function forceInSplitSector(entry: Array<[number, string]>, unit: string): ForceId | null {
  for (const [index, units] of entry) {
    for (let at = 0; at < units.length; at += 2) {
      if (units.charCodeAt(at) === unit.charCodeAt(0) && units.charCodeAt(at + 1) === unit.charCodeAt(1)) return table.forces[index];
    }
  }
  return null;
}

/**
 * Which police force, and so which regional unit, serves a parsed postcode. A full postcode resolves exactly. A
 * sector or district resolves when all its postcodes are in one unit, else offers its forces (asking for the full
 * postcode when only part was given). An area alone always asks for more. A postcode or sector the data does not
 * hold (new, or terminated) falls back to its sector, then its district, then its area: nothing false is said.
 * The label is the district or area, never the full postcode.
 */
export function resolvePostcode(postcode: ParsedPostcode): DefiniteLocation | { kind: 'unknown' } {
  const territory = table.territories[postcode.area];
  const label = postcode.district ?? postcode.area;
  if (territory) {
    if ('crownDependency' in territory) return { kind: 'crown-dependency', territory: territory.crownDependency as CrownDependency, label };
    return fromForces([territory.force], label, false);
  }
  const areaForces = table.areas[postcode.area];
  if (!areaForces) return { kind: 'unknown' };
  if (postcode.district === null) return { kind: 'choice', candidates: candidatesFor(forcesOf(areaForces)), askFullPostcode: true, label };

  const askFullPostcode = !postcode.full;
  const inward = postcode.inward;
  if (inward) {
    const sector = table.sectors[`${postcode.district} ${inward[0]}`];
    if (typeof sector === 'number') return fromForces([table.forces[sector]], label, askFullPostcode);
    if (sector) {
      const exact = inward.length === 3 ? forceInSplitSector(sector, inward.slice(1)) : null;
      if (exact) return fromForces([exact], label, false);
      return fromForces(sector.map(([index]) => table.forces[index]), label, askFullPostcode);
    }
  }
  const districtForces = table.districts[postcode.district];
  return fromForces(forcesOf(districtForces ?? areaForces), label, askFullPostcode);
}

/** Parses and resolves in one step; text with no recognisable postcode resolves to `unknown`. */
export function regionForPostcode(text: string): DefiniteLocation | { kind: 'unknown' } {
  const parsed = parsePostcode(text);
  return parsed ? resolvePostcode(parsed) : { kind: 'unknown' };
}

/** Postcode areas the data knows: Great Britain's from Code-Point Open, plus BT, GY, JE and IM. */
export function knownPostcodeAreas(): string[] {
  return [...Object.keys(table.areas), ...Object.keys(table.territories)].sort();
}
