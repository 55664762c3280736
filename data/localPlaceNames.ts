// Place names in a language other than English: for each language with a file in data/place-names/ (Welsh: cy.json,
// hand-kept, each name with its source) and, where OS publishes them, data/generated/place-names-<language>.json
// (built by `npm run data:geo` from OS Open Names: the Welsh names of places and counties in Wales). The gazetteer
// adds the hand-kept names to its places' aliases (so "Henffordd" is Hereford in any conversation); the dialogs show
// them in a conversation in that language ("Bangor (Gwynedd, Cymru)").
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, ShapeCheck, type GeneratedAbout } from './loadJson';
import { nameKey } from './placeNames';
import type { Provenance } from './types';

export const PLACE_NAMES_DIR = 'place-names';
const LANGUAGE_FILE = /^([a-z]{2,3})\.json$/;
const CONFIDENCES = ['sourced', 'third-party', 'general-knowledge', 'unverified'] as const;

export interface LocalPlaceName {
  /** The gazetteer's English name of the place (or an alias of it), or a county or area as the labels write it. */
  place: string;
  /** The place's name in the language, shown in a conversation in it. */
  name: string;
  /** Other names in the language that mean the place: understood, not shown ("Dulyn" for the Republic of Ireland). */
  aliases?: string[];
  /** The key of its source in `sources`. */
  from: string;
}

export interface LocalPlaceNamesFile {
  language: string;
  what: string;
  verifiedOn: string;
  sources: Record<string, Provenance>;
  names: LocalPlaceName[];
  /** Hand-kept places (data/places.json names) written the same in the language, each checked, not left out by omission. */
  sameName?: { what: string; from: string; places: string[] };
}

export interface GeneratedPlaceNamesFile {
  about: GeneratedAbout;
  /** English county name → its name in the language. */
  counties: Record<string, string>;
  /** [English name, county label as open-names.json writes it, the name in the language]. */
  places: Array<[string, string, string]>;
}

export function validateLocalPlaceNames(raw: unknown, fileName: string): LocalPlaceNamesFile {
  const check = new ShapeCheck(fileName);
  const file = check.object(raw, '');
  check.string(file.language, 'language', /^[a-z]{2,3}$/, 'a language code');
  if (`${file.language}.json` !== fileName.split('/').pop()) check.fail('language', `must be the file's own language ("${fileName}")`);
  check.string(file.what, 'what');
  check.string(file.verifiedOn, 'verifiedOn', /^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
  const sources = check.object(file.sources, 'sources');
  for (const [key, value] of Object.entries(sources)) {
    const source = check.object(value, `sources.${key}`);
    check.string(source.source, `sources.${key}.source`);
    check.string(source.verifiedOn, `sources.${key}.verifiedOn`, /^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
    check.oneOf(source.confidence, `sources.${key}.confidence`, CONFIDENCES);
  }
  const seen = new Set<string>();
  check.array(file.names, 'names', 1).forEach((value, index) => {
    const at = `names.${index}`;
    const entry = check.object(value, at);
    const place = check.string(entry.place, `${at}.place`);
    check.string(entry.name, `${at}.name`);
    if (entry.aliases !== undefined) check.array(entry.aliases, `${at}.aliases`).forEach((alias, aliasIndex) => check.string(alias, `${at}.aliases.${aliasIndex}`));
    const from = check.string(entry.from, `${at}.from`);
    if (!(from in sources)) check.fail(`${at}.from`, `"${from}" is not one of the sources (${Object.keys(sources).join(', ')})`);
    if (seen.has(place)) check.fail(`${at}.place`, `"${place}" is named twice`);
    seen.add(place);
  });
  if (file.sameName !== undefined) {
    const same = check.object(file.sameName, 'sameName');
    check.string(same.what, 'sameName.what');
    const from = check.string(same.from, 'sameName.from');
    if (!(from in sources)) check.fail('sameName.from', `"${from}" is not one of the sources (${Object.keys(sources).join(', ')})`);
    check.array(same.places, 'sameName.places').forEach((value, index) => {
      const place = check.string(value, `sameName.places.${index}`);
      if (seen.has(place)) check.fail(`sameName.places.${index}`, `"${place}" has a name of its own in names`);
    });
  }
  return raw as LocalPlaceNamesFile;
}

export function validateGeneratedPlaceNames(raw: unknown, fileName: string): GeneratedPlaceNamesFile {
  const check = new ShapeCheck(fileName);
  const file = check.object(raw, '');
  check.about(file.about);
  for (const [county, name] of Object.entries(check.object(file.counties, 'counties'))) check.string(name, `counties.${county}`);
  check.array(file.places, 'places').forEach((value, index) => {
    const row = check.array(value, `places.${index}`, 3);
    row.slice(0, 3).forEach((part, partIndex) => check.string(part, `places.${index}.${partIndex}`));
  });
  return raw as GeneratedPlaceNamesFile;
}

interface Language {
  file: LocalPlaceNamesFile;
  generated?: GeneratedPlaceNamesFile;
  /** English name (a hand-kept place, county or area) → its name in the language. */
  byName: Map<string, string>;
  /** English county name → its name in the language (hand-kept first, then generated). */
  byCounty: Map<string, string>;
  /**
   * "lookup key of the English name\u0000county label" → the generated place's name in the language: keyed as the
   * gazetteer keys names, so "The Valley" and "Valley" on Anglesey are one place ("Y Fali"). Null where two places of
   * one key in one county have different names (none today).
   */
  byNameInCounty: Map<string, string | null>;
  /** Every name in the language: shown names and aliases. */
  all: Set<string>;
}

/** Reads every language's files; `dir` lets tests point at other copies. */
export function loadLocalPlaceNames(dir: string = __dirname): Map<string, Language> {
  const languages = new Map<string, Language>();
  const folder = join(dir, PLACE_NAMES_DIR);
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => LANGUAGE_FILE.test(name)).sort() : [];
  for (const name of files) {
    const fileName = `${PLACE_NAMES_DIR}/${name}`;
    const file = validateLocalPlaceNames(readJson(fileName, dir), fileName);
    const generatedName = `generated/place-names-${file.language}.json`;
    const generated = existsSync(join(dir, generatedName)) ? validateGeneratedPlaceNames(readJson(generatedName, dir), generatedName) : undefined;
    const language: Language = { file, generated, byName: new Map(), byCounty: new Map(), byNameInCounty: new Map(), all: new Set() };
    for (const [county, local] of Object.entries(generated?.counties ?? {})) language.byCounty.set(county, local);
    for (const [english, county, local] of generated?.places ?? []) {
      const key = `${nameKey(english)}\u0000${county}`;
      const other = language.byNameInCounty.get(key);
      language.byNameInCounty.set(key, other === undefined || other === local ? local : null);
    }
    for (const entry of file.names) {
      language.byName.set(entry.place, entry.name);
      language.byCounty.set(entry.place, entry.name);
      for (const alias of entry.aliases ?? []) language.all.add(alias);
    }
    for (const map of [language.byName, language.byCounty, language.byNameInCounty]) for (const local of map.values()) if (local) language.all.add(local);
    languages.set(file.language, language);
  }
  return languages;
}

const languages = loadLocalPlaceNames();

/** The languages with place names of their own ("cy"). */
export function localNameLanguages(): string[] {
  return [...languages.keys()];
}

/** The hand-kept names of every language, for the gazetteer to add to its places' aliases. */
export function localNameEntries(): Array<{ language: string; fileName: string; index: number; entry: LocalPlaceName }> {
  return [...languages.values()].flatMap(({ file }) =>
    file.names.map((entry, index) => ({ language: file.language, fileName: `${PLACE_NAMES_DIR}/${file.language}.json`, index, entry })),
  );
}

/** The Welsh generated names as [English name, county label, name] (the gazetteer holds them already as keys). */
export function generatedLocalNames(language: string): ReadonlyArray<[string, string, string]> {
  return languages.get(language)?.generated?.places ?? [];
}

/**
 * A place's name in a language, by the place's identity, never by an English name alone: without a county, the
 * hand-kept place, county, area or nation of that name in data/places.json and the labels ("London" → "Llundain",
 * "Newtown", the one in Powys → "Y Drenewydd", "Wales" → "Cymru"); with a county, the one populated place OS names there
 * ("Newport", "Pembrokeshire, Wales" → "Trefdraeth"; "Newtown", "Cambridgeshire" → null: the Welsh name of Newtown in
 * Powys is not its namesakes'). Null when the language has no name of its own for that place.
 */
export function localPlaceName(english: string, language: string, county?: string): string | null {
  const names = languages.get(language);
  if (!names) return null;
  return (county === undefined ? names.byName.get(english) : names.byNameInCounty.get(`${nameKey(english)}\u0000${county}`)) ?? null;
}

/** A county label in a language, part by part: "Pembrokeshire, Wales" → "Sir Benfro, Cymru"; unknown parts as they are. */
export function localCountyLabel(label: string, language: string): string {
  const names = languages.get(language);
  if (!names) return label;
  return label
    .split(', ')
    .map((part) => names.byCounty.get(part) ?? part)
    .join(', ');
}

/** The hand-kept places the language writes the same (`sameName`): checked, not left out by omission. */
export function sameNamePlaces(language: string): readonly string[] {
  return languages.get(language)?.file.sameName?.places ?? [];
}

/** Whether a text is one of the language's place names (shown or understood): "Caerdydd", "Ynys Manaw". */
export function isLocalPlaceName(text: string, language: string): boolean {
  return languages.get(language)?.all.has(text) ?? false;
}

/** The languages with place names of their own, and where each names come from (for the README and tests). */
export function localPlaceNamesProvenance(): Array<{ language: string; sources: Record<string, Provenance>; generated?: GeneratedAbout; names: number }> {
  return [...languages.values()].map(({ file, generated }) => ({
    language: file.language,
    sources: file.sources,
    ...(generated ? { generated: generated.about } : {}),
    names: file.names.length + (generated?.places.length ?? 0),
  }));
}
