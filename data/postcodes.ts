// Postcode parsing and postcode → regional unit resolution. Only the district (outward code) is ever kept or shown.
import { catalog, forceById } from './catalog';
import type { CrownDependency, ForceId, LocationCandidate, LocationResolution, UnitId } from './types';

export interface ParsedPostcode {
  /** The postcode area: the leading letters, e.g. "SW", "B". */
  area: string;
  /** The district (outward code), e.g. "SW1A", "LS1", "M1"; null when only an area was given. */
  district: string | null;
  /** True when a whole postcode (outward and inward code) was given. */
  full: boolean;
}

// Royal Mail formats: outward A9, A99, AA9, AA99, A9A, AA9A; inward 9AA.
const OUTWARD = /^([A-Z]{1,2})(\d{1,2}|\d[A-Z])$/;
const FULL = /^([A-Z]{1,2}(?:\d{1,2}|\d[A-Z]))(\d[A-Z]{2})$/;
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
  return Object.prototype.hasOwnProperty.call(catalog.postcodeAreas, area);
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

/** Finds a postcode inside free text: a full postcode first, else an outward code. */
export function findPostcode(text: string): ParsedPostcode | null {
  const upper = text.toUpperCase();
  for (const match of upper.matchAll(FULL_IN_TEXT)) {
    const parsed = outwardCode(match[1], true);
    if (parsed) return parsed;
  }
  for (const match of upper.matchAll(OUTWARD_IN_TEXT)) {
    if (TECH_WORDS_IN_TEXT.has(match[1])) continue;
    const parsed = outwardCode(match[1], false);
    if (parsed) return parsed;
  }
  return null;
}

/**
 * Reads a postcode, a district ("LS1", "sw1a") or a bare area ("LS", "b") from what the user typed, in any case and
 * spacing, or finds one inside a sentence. A bare area counts only when it is the whole input. Unknown areas → null.
 */
export function parsePostcode(text: string): ParsedPostcode | null {
  const whole = text.toUpperCase().trim().replace(/[.,;:!?]+$/, '');
  const compact = whole.replace(/[\s-]+/g, '');
  if (compact === '') return null;

  const full = FULL.exec(compact);
  if (full) return outwardCode(full[1], true);
  if (OUTWARD.test(compact)) return outwardCode(compact, false);
  if (/^[A-Z]{1,2}$/.test(whole) && isKnownArea(whole)) return { area: whole, district: null, full: false };
  return findPostcode(text);
}

function unitOf(forceId: ForceId): UnitId {
  return forceById(forceId).unitId;
}

function candidatesFor(forceIds: ForceId[]): LocationCandidate[] {
  return [...new Set(forceIds)].map((forceId) => {
    const force = forceById(forceId);
    return { forceId, unitId: force.unitId, label: force.name };
  });
}

function unitsOf(forceIds: ForceId[]): Set<UnitId> {
  return new Set(forceIds.map(unitOf));
}

/**
 * Which regional unit serves a parsed postcode. A district listed with forces in several units, or a bare area that
 * straddles units, gives a choice between forces; the label is the district or area, never the full postcode.
 */
export function resolvePostcode(postcode: ParsedPostcode): LocationResolution {
  const area = catalog.postcodeAreas[postcode.area];
  if (!area) return { kind: 'unknown' };
  const label = postcode.district ?? area.area;

  if (area.kind === 'crown-dependency') {
    return { kind: 'crown-dependency', territory: area.area as CrownDependency, label };
  }

  if (postcode.district === null) {
    const units = unitsOf(area.forces);
    if (units.size === 1) return { kind: 'unit', unitId: [...units][0], forceIds: [...area.forces], label };
    return { kind: 'choice', candidates: candidatesFor(area.forces), askFullPostcode: true, label };
  }

  const listed = area.districts[postcode.district];
  if (listed) {
    const units = unitsOf(listed.forces);
    if (units.size === 1) return { kind: 'unit', unitId: [...units][0], forceIds: [...listed.forces], label };
    // No data below district level, so a full postcode would not help: the user picks their force.
    return { kind: 'choice', candidates: candidatesFor(listed.forces), askFullPostcode: false, label };
  }

  const restUnit = area.restUnit as UnitId;
  return { kind: 'unit', unitId: restUnit, forceIds: area.forces.filter((forceId) => unitOf(forceId) === restUnit), label };
}

/** Parses and resolves in one step; text with no recognisable postcode resolves to `unknown`. */
export function regionForPostcode(text: string): LocationResolution {
  const parsed = parsePostcode(text);
  return parsed ? resolvePostcode(parsed) : { kind: 'unknown' };
}
