// The generated OS Open Names table (data/generated/open-names.json, written by `npm run data:geo`): its shape and
// its validation. Kept apart from the gazetteer's lookup so that loading it can be measured and tested on its own.
import { FORCE_IDS, type ForceId } from './types';
import { readJson, ShapeCheck, type GeneratedAbout } from './loadJson';

export const OPEN_NAMES_FILE = 'generated/open-names.json';

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

export type SettlementCode = (typeof SETTLEMENT_CODES)[number];
/** [county index, type code, the place's name, the name as written for this key when it is the other one]. */
export type NamedPlace = [number, SettlementCode, string] | [number, SettlementCode, string, string];

export interface OpenNamesFile {
  about: GeneratedAbout & { counts: { places: number; [count: string]: number } };
  /** How each force's area is named in a label when a hand-kept place has no county of its own. */
  forceAreas: Record<ForceId, string>;
  /** Keys of names made only of ordinary words ("Bank", "Mount Pleasant"): matched only when typed on their own. */
  standaloneOnly: string[];
  /** [county label, nation, force]; a county split between forces appears once per force. */
  counties: Array<[string, 'england' | 'wales' | 'scotland', ForceId]>;
  /**
   * One line per lookup key, sorted by key (code-unit order) for a binary search: "key<TAB>place;place", each place
   * "county,type,name[,name as written]".
   */
  names: string[];
}

/** Validates the generated Open Names table; a bad file throws a DataFileError naming the field. */
export function validateOpenNamesFile(raw: unknown): OpenNamesFile {
  const check: ShapeCheck = new ShapeCheck(OPEN_NAMES_FILE);
  const file = check.object(raw, '');
  check.about(file.about);
  const areas = check.object(file.forceAreas, 'forceAreas');
  for (const force of FORCE_IDS) check.string(areas[force], `forceAreas.${force}`);
  check.array(file.standaloneOnly, 'standaloneOnly').forEach((key, index) => check.string(key, `standaloneOnly.${index}`));
  const counties = check.array(file.counties, 'counties', 1);
  counties.forEach((value, index) => {
    const [county, nation, force] = check.array(value, `counties.${index}`, 3);
    check.string(county, `counties.${index}.0`);
    check.oneOf(nation, `counties.${index}.1`, ['england', 'wales', 'scotland']);
    check.oneOf(force, `counties.${index}.2`, FORCE_IDS);
  });
  const names = check.array(file.names, 'names', 1);
  const line = /^([a-z0-9]+(?: [a-z0-9]+)*)\t\d+,[CTSVHO],[^,;\t]+(?:,[^,;\t]+)?(?:;\d+,[CTSVHO],[^,;\t]+(?:,[^,;\t]+)?)*$/;
  let previous = '';
  for (let index = 0; index < names.length; index++) {
    const text = names[index];
    const match = typeof text === 'string' ? line.exec(text) : null;
    if (!match) check.fail(`names.${index}`, 'must be "key<TAB>county,type,name[,name as written];…"');
    // The lookup is a binary search: the keys must be sorted and distinct.
    if (match[1] <= previous) check.fail(`names.${index}`, `"${match[1]}" must sort after "${previous}"`);
    previous = match[1];
    // Each place starts after the tab or a ";" with its county's index (digits, as the pattern above checked).
    for (let at = (text as string).indexOf('\t'); at >= 0; at = (text as string).indexOf(';', at + 1)) {
      let county = 0;
      for (let digit = at + 1; (text as string).charCodeAt(digit) !== 44; digit++) county = county * 10 + (text as string).charCodeAt(digit) - 48;
      if (county >= counties.length) check.fail(`names.${index}`, `names county ${county}, but only ${counties.length} are listed`);
    }
  }
  return raw as OpenNamesFile;
}

/** Reads and validates the generated OS Open Names table; `dir` lets tests point at another copy. */
export function loadOpenNamesFile(dir?: string): OpenNamesFile {
  return validateOpenNamesFile(readJson(OPEN_NAMES_FILE, dir));
}

