import { catalog, unitById } from './catalog';
import { lookupPlace, suggestPlace, type PlaceMatch } from './places';
import { parsePostcode, resolvePostcode } from './postcodes';
import type { DefiniteLocation, ForceId, LocationCandidate, LocationResolution, Nation, PlaceIdentity, PoliceForce, UnitId } from './types';

const NATION_NAMES: Record<Nation, string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** Whether a location label is a whole nation's ("Wales", as the nation buttons and a typed nation give it). */
export function isNationLabel(label: string): boolean {
  return (Object.values(NATION_NAMES) as string[]).includes(label);
}

function forceCandidate(force: PoliceForce): LocationCandidate {
  return { forceId: force.id, unitId: force.unitId, label: force.name };
}

/** Forces → one unit, or a choice between the forces when they belong to different units. `of`: the one place the label names. */
export function resolveForces(forceIds: ForceId[], label: string, of?: PlaceIdentity): DefiniteLocation {
  const forces = forceIds.map((id) => catalog.forces[id]);
  const unitIds = new Set<UnitId>(forces.map((force) => force.unitId));
  if (unitIds.size === 1) return { kind: 'unit', unitId: forces[0].unitId, forceIds, label, ...(of ? { of } : {}) };
  return { kind: 'choice', candidates: forces.map(forceCandidate), askFullPostcode: false, label };
}

/** A nation button (or a typed nation): Scotland and Northern Ireland have one unit; Wales and England need more. */
export function resolveNation(nation: Nation | 'outsideUk'): DefiniteLocation {
  switch (nation) {
    case 'outsideUk':
      return { kind: 'abroad', label: 'Outside the UK' };
    case 'scotland':
    case 'northern-ireland':
    case 'wales':
      return resolveForces(
        Object.values(catalog.forces).filter((force) => force.nation === nation).map((force) => force.id),
        NATION_NAMES[nation],
      );
    case 'england': {
      const englishUnits = new Set(
        Object.values(catalog.forces).filter((force) => force.nation === 'england').map((force) => force.unitId),
      );
      const candidates = [...englishUnits].map((unitId) => ({ unitId, label: unitById(unitId).regionLabel }));
      candidates.sort((a, b) => a.label.localeCompare(b.label));
      return { kind: 'choice', candidates, askFullPostcode: false, label: NATION_NAMES.england };
    }
  }
}

function simplifyForceName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\b(the|police|service|constabulary|force|area)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const FORCE_NAMES = new Map<string, ForceId>(
  Object.values(catalog.forces).flatMap((force) =>
    [force.name, ...force.aliases].map((name) => [simplifyForceName(name), force.id] as [string, ForceId]),
  ),
);

/** A police force typed by name ("Thames Valley Police", "the Met", "GMP"). */
export function lookupForce(text: string): ForceId | null {
  const simplified = simplifyForceName(text);
  return simplified ? (FORCE_NAMES.get(simplified) ?? null) : null;
}

/**
 * A bare postcode area is also an everyday word in a few cases ("me", "n"): those count as postcode areas only
 * when typed in capitals ("ME", "N"), as a postcode would be written.
 */
function looksLikeAWord(text: string): boolean {
  const trimmed = text.trim();
  return /^[a-z]$/.test(trimmed) || (/^me$/i.test(trimmed) && trimmed !== 'ME');
}

/** What a gazetteer match means for routing; a vague answer ("the UK") means nothing yet. */
function resolvePlace(place: PlaceMatch): DefiniteLocation | null {
  switch (place.kind) {
    case 'force-area':
      return place.candidates
        ? { kind: 'choice', candidates: place.candidates, askFullPostcode: false, label: place.label, ...(place.sharedName ? { sharedName: true } : {}) }
        : resolveForces(place.forceIds, place.label, place.of);
    case 'nation':
      return resolveNation(place.nation);
    case 'crown-dependency':
      return { kind: 'crown-dependency', territory: place.territory, label: place.label };
    case 'abroad':
      return { kind: 'abroad', label: place.label };
    case 'uk-or-abroad': {
      // "Ireland": Northern Ireland (its force areas, labelled with the nation's name), or the place abroad.
      const inUk = resolveNation(place.nation);
      const candidates: LocationCandidate[] =
        inUk.kind === 'unit'
          ? [{ ...(inUk.forceIds.length === 1 ? { forceId: inUk.forceIds[0] } : {}), unitId: inUk.unitId, label: inUk.label }]
          : inUk.kind === 'choice'
            ? inUk.candidates
            : [];
      return { kind: 'choice', candidates, askFullPostcode: false, label: place.label, abroad: place.abroad };
    }
    case 'vague':
      return null;
  }
}

/**
 * Where the user is, from what they typed: a postcode (full, sector, district or area), a police force, or a place
 * in the gazetteer. A near miss (a misspelling, or part of a longer name) is a `suggestion` to confirm, never a
 * route; anything else is `unknown`: never a guess.
 */
export function resolveLocation(text: string): LocationResolution {
  const postcode = looksLikeAWord(text) ? null : parsePostcode(text);
  if (postcode) return resolvePostcode(postcode);

  const forceId = lookupForce(text);
  const place = lookupPlace(text);
  // "Lincolnshire" is a force and a county, and the county also reaches into Humberside's area: ask, unless the
  // force itself was named ("Lincolnshire Police").
  const placeIsWider =
    place?.kind === 'force-area' &&
    !/\b(police|constabulary|force)\b/i.test(text) &&
    forceId !== null &&
    place.forceIds.includes(forceId) &&
    new Set(place.forceIds.map((id) => catalog.forces[id].unitId)).size > 1;
  if (forceId && !placeIsWider) return resolveForces([forceId], catalog.forces[forceId].name);
  if (place) return resolvePlace(place) ?? { kind: 'unknown' };

  const nearMiss = suggestPlace(text);
  const resolution = nearMiss ? resolvePlace(nearMiss.match) : null;
  return nearMiss && resolution ? { kind: 'suggestion', label: nearMiss.label, resolution } : { kind: 'unknown' };
}
