// The generated postcode table (data/generated/postcodes.json, written by `npm run data:geo`): its shape and its
// validation. Kept apart from the lookup so that loading it can be measured and tested on its own.
import { FORCE_IDS, type CrownDependency, type ForceId } from './types';
import { readJson, ShapeCheck, type GeneratedAbout } from './loadJson';

export const POSTCODES_FILE = 'generated/postcodes.json';

export interface PostcodesFile {
  about: GeneratedAbout;
  /** Force ids; the tables below refer to forces by their position here. */
  forces: ForceId[];
  /** Areas outside Code-Point Open: BT (one force), GY, JE, IM (Crown Dependencies). */
  territories: Record<string, { force: ForceId; note: string } | { crownDependency: CrownDependency; note: string }>;
  /** Great Britain's postcode areas and districts → their forces, most postcodes first. */
  areas: Record<string, number[]>;
  districts: Record<string, number[]>;
  /** A sector in one force area → that force; a straddling sector → [force, inward units (two letters each)] pairs. */
  sectors: Record<string, number | Array<[number, string]>>;
}

const AREA = /^[A-Z]{1,2}$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const SECTOR_KEY = /^([A-Z]{1,2}\d[A-Z\d]?) \d$/;
const UNITS = /^(?:[A-Z]{2})+$/;

/** Validates the generated table; a bad file throws a DataFileError naming the field. */
export function validatePostcodesFile(raw: unknown): PostcodesFile {
  const check: ShapeCheck = new ShapeCheck(POSTCODES_FILE);
  const file = check.object(raw, '');
  check.about(file.about);
  const forces = check.array(file.forces, 'forces', 1).map((force, index) => check.oneOf(force, `forces.${index}`, FORCE_IDS));
  const territories = check.object(file.territories, 'territories');
  for (const [area, value] of Object.entries(territories)) {
    check.string(area, `territories.${area}`, AREA, 'a postcode area');
    const territory = check.object(value, `territories.${area}`);
    if ('crownDependency' in territory) check.oneOf(territory.crownDependency, `territories.${area}.crownDependency`, ['GY', 'JE', 'IM']);
    else check.oneOf(territory.force, `territories.${area}.force`, FORCE_IDS);
  }
  const count = forces.length;
  const isIndex = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count;
  const indices = (value: unknown, field: string) => {
    if (!Array.isArray(value) || value.length === 0) check.fail(field, 'must list at least one force');
    for (let at = 0; at < value.length; at++) if (!isIndex(value[at])) check.index(value[at], `${field}.${at}`, count);
  };
  const areas = check.object(file.areas, 'areas');
  for (const area in areas) {
    if (!AREA.test(area)) check.fail(`areas.${area}`, 'must be a postcode area');
    indices(areas[area], `areas.${area}`);
  }
  const districts = check.object(file.districts, 'districts');
  for (const district in districts) {
    const area = /^[A-Z]+/.exec(district)?.[0] ?? '';
    if (!DISTRICT.test(district)) check.fail(`districts.${district}`, 'must be a postcode district');
    if (!(area in areas)) check.fail(`districts.${district}`, 'is in an area that is not listed');
    indices(districts[district], `districts.${district}`);
  }
  const sectors = check.object(file.sectors, 'sectors');
  for (const sector in sectors) {
    const entry = sectors[sector];
    const match = SECTOR_KEY.exec(sector);
    if (!match) check.fail(`sectors.${sector}`, 'must be a postcode sector');
    if (!(match[1] in districts)) check.fail(`sectors.${sector}`, `is in district ${match[1]}, which is not listed`);
    if (isIndex(entry)) continue;
    if (!Array.isArray(entry)) check.index(entry, `sectors.${sector}`, count);
    const pairs = entry as unknown[];
    if (pairs.length < 2) check.fail(`sectors.${sector}`, 'must be a force, or at least two [force, units] pairs');
    pairs.forEach((pair, at) => {
      if (!Array.isArray(pair) || pair.length !== 2) check.fail(`sectors.${sector}.${at}`, 'must be [force, units]');
      check.index(pair[0], `sectors.${sector}.${at}.0`, count);
      check.string(pair[1], `sectors.${sector}.${at}.1`, UNITS, 'inward units, two letters each');
    });
  }
  return raw as PostcodesFile;
}

/** Reads and validates the generated postcode table; `dir` lets tests point at another copy. */
export function loadPostcodesFile(dir?: string): PostcodesFile {
  return validatePostcodesFile(readJson(POSTCODES_FILE, dir));
}

