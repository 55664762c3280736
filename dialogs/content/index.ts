import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import en from './en.json';
import { articleInSentence, joinWelsh, startsWithVowel } from './grammar';

/**
 * The words for one language: `content/<language>.json`, one file per language, found in this folder when the bot
 * starts. English (`en.json`) is the reference: every other file has the same keys and, in each string, the same
 * `{placeholders}`. A new language is a new file here (and a lexicon in data/lexicon/), not a code change.
 */
export type Content = typeof en;

/**
 * A language's words for the English prose that lives in data/ (units' team names, region labels and phone notes,
 * place and nation names, bank holidays …), keyed by the data's ids or by the English text. English needs none:
 * data/ is written in English. Any entry missing in a language falls back to the data's English.
 */
export interface DataText {
  units?: Record<string, { teamName?: string; regionLabel?: string; phoneNote?: string }>;
  forces?: Record<string, { choiceNote?: string }>;
  crownDependencies?: Record<string, { name?: string; nameInSentence?: string; localPoliceInSentence?: string; cyberReportingLabel?: string }>;
  /** Location labels from data/ ("Wales", "Outside the UK") → this language's. */
  places?: Record<string, string>;
  /** Bank holiday titles as GOV.UK writes them in English → this language's. */
  holidays?: Record<string, string>;
}

/**
 * Sections that are not translated one for one: a language's own list or map. Their keys are not compared with
 * English (`dataText` is keyed by data ids; `language.selectors` lists the words that choose the language;
 * `page.webChatStrings` overrides Web Chat's own interface strings where Web Chat has none for the language).
 */
export const OPEN_SECTIONS: readonly string[] = ['dataText', 'language.selectors', 'page.webChatStrings'];

export const CONTENT_DIR = __dirname;
const LANGUAGE_FILE = /^([a-z]{2,3})\.json$/;
const PLACEHOLDER = /\{([a-zA-Z0-9-]+)\}/g;

/** What is wrong with one language file against English: a missing or extra key, a placeholder that differs. */
export interface ContentProblem {
  language: string;
  key: string;
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function placeholdersOf(text: string): string {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort().join(',');
}

function isOpen(key: string): boolean {
  return OPEN_SECTIONS.some((section) => key === section || key.startsWith(`${section}.`));
}

/**
 * Compares a language file with the English one, key by key. Pure, so a test can hold any file (a third language,
 * a broken one) to the same rule. Returns the problems and the words to use: the file's own, with English for each
 * string that is missing or whose placeholders differ (a user then sees English there, never "{name}" or a crash).
 */
export function compareWithEnglish(language: string, candidate: unknown, reference: unknown = en): { content: Content; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const walk = (ref: unknown, value: unknown, key: string): unknown => {
    if (key && isOpen(key)) return value === undefined ? ref : value;
    if (isRecord(ref)) {
      if (!isRecord(value)) {
        problems.push({ language, key: key || '(file)', problem: value === undefined ? 'is missing' : 'must be an object' });
        return ref;
      }
      for (const extra of Object.keys(value).filter((name) => !(name in ref))) {
        problems.push({ language, key: key ? `${key}.${extra}` : extra, problem: 'is not in en.json' });
      }
      return Object.fromEntries(Object.entries(ref).map(([name, child]) => [name, walk(child, value[name], key ? `${key}.${name}` : name)]));
    }
    if (Array.isArray(ref)) {
      if (!Array.isArray(value) || value.length !== ref.length) {
        problems.push({ language, key, problem: value === undefined ? 'is missing' : `must be a list of ${ref.length}` });
        return ref;
      }
      return ref.map((child, index) => walk(child, value[index], `${key}.${index}`));
    }
    if (typeof ref === 'string') {
      if (typeof value !== 'string' || !value.trim()) {
        problems.push({ language, key, problem: value === undefined ? 'is missing' : 'must be text' });
        return ref;
      }
      if (placeholdersOf(value) !== placeholdersOf(ref)) {
        problems.push({ language, key, problem: `has placeholders {${placeholdersOf(value)}} but en.json has {${placeholdersOf(ref)}}` });
        return ref;
      }
      return value;
    }
    return value === undefined ? ref : value;
  };
  const content = walk(reference, candidate, '') as Content;
  return { content, problems };
}

function loadLanguages(dir: string): { byLanguage: Map<string, Content>; problems: ContentProblem[] } {
  // A Map, not an object: a language read from client input must never find Object.prototype's keys ("constructor").
  const byLanguage = new Map<string, Content>([['en', en]]);
  const problems: ContentProblem[] = [];
  const others = readdirSync(dir)
    .map((file) => LANGUAGE_FILE.exec(file)?.[1])
    .filter((language): language is string => language !== undefined && language !== 'en')
    .sort();
  for (const language of others) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, `${language}.json`), 'utf8'));
    } catch (error) {
      throw new Error(`dialogs/content/${language}.json could not be read as JSON (${(error as Error).message})`);
    }
    const compared = compareWithEnglish(language, raw);
    problems.push(...compared.problems);
    byLanguage.set(language, compared.content);
  }
  return { byLanguage, problems };
}

const loaded = loadLanguages(CONTENT_DIR);
const CONTENT_BY_LANGUAGE = loaded.byLanguage;

/** Every language with a content file, English first. */
export const SUPPORTED_LANGUAGES = [...CONTENT_BY_LANGUAGE.keys()];

/** Keys missing from a language file, or whose placeholders differ from English (the content test lists them). */
export function contentProblems(): readonly ContentProblem[] {
  return loaded.problems;
}

/** The language code of a locale ("cy-GB" → "cy") when there is content for it; null otherwise. */
export function languageOf(locale?: unknown): string | null {
  if (typeof locale !== 'string') return null;
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return CONTENT_BY_LANGUAGE.has(language) ? language : null;
}

/** Picks the content for a locale such as "en-GB" or "cy"; English when the language has no content file. */
export function contentFor(locale?: unknown): Content {
  // The locale comes from the activity as sent: anything but a string means "no preference".
  return CONTENT_BY_LANGUAGE.get(languageOf(locale) ?? 'en') ?? en;
}

/** The language a content file is for ("en", "cy"). */
export function languageOfContent(content: Content): string {
  return languageOf(content.locale) ?? 'en';
}

/** The words of each file's `language.selectors` ("cymraeg", "welsh", "saesneg" …) → the language they choose. */
export function languageSelectors(): ReadonlyMap<string, string> {
  selectors ??= new Map(
    SUPPORTED_LANGUAGES.flatMap((language) => [
      [CONTENT_BY_LANGUAGE.get(language)!.language.name, language] as [string, string],
      ...CONTENT_BY_LANGUAGE.get(language)!.language.selectors.map((selector) => [selector, language] as [string, string]),
    ]).map(([selector, language]) => [foldSelector(selector), language]),
  );
  return selectors;
}
let selectors: Map<string, string> | undefined;

/** How a selector and a message are compared: lower case, accents folded, words only. */
export function foldSelector(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

export class MissingPlaceholderError extends Error {}

/**
 * Fills `{name}` placeholders; a placeholder with no value is a bug, so it throws rather than show "{name}". A Welsh
 * joining word in front of a placeholder is written as Welsh writes it with the value that fills it ("â {police}" →
 * "ag Isle of Man Constabulary", "neu {place}" → "neu Ogledd Iwerddon", "yn {label}" → "yng Nghymru"): see
 * grammar.ts. ("â", "neu" and "yn" are not English words, so this is safe in every language.) Given a Welsh
 * `content`, a Welsh name with the article inside the sentence is written as Welsh writes it too ("Oeddech chi'n
 * golygu'r Alban?", "yn ardal y Fenni"); English keeps a name as it is.
 */
export function fill(template: string, values: Record<string, string>, content?: Content): string {
  const welsh = content ? languageOfContent(content) === 'cy' : false;
  let filled = '';
  let from = 0;
  for (const match of template.matchAll(/(?:(?<=^|[\s(])(â|neu|yn) )?\{([a-zA-Z0-9-]+)\}/g)) {
    const [whole, joiner, name] = match as unknown as [string, 'â' | 'neu' | 'yn' | undefined, string];
    const value = values[name];
    if (value === undefined) throw new MissingPlaceholderError(`No value for {${name}} in "${template}"`);
    filled += template.slice(from, match.index);
    from = (match.index ?? 0) + whole.length;
    if (joiner) {
      filled += joinWelsh(joiner, value);
    } else if (welsh) {
      const [before, written] = articleInSentence(filled, value);
      filled = before + written;
    } else {
      filled += value;
    }
  }
  return filled + template.slice(from);
}

/**
 * "A, B and C", "A, B or C" in the content's language: its `list` words, and where the joining word is Welsh ("a",
 * "neu") the Welsh joining rules ("A, B ac Ynys Môn", "A neu Ogledd Iwerddon": see grammar.ts).
 */
export function listInWords(items: readonly string[], content: Content = en, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  const words = content.list;
  const last = items[items.length - 1];
  const head = items.slice(0, -1).join(words.separator);
  const joiner = conjunction === 'or' ? words.or : words.and;
  const welsh = joiner.trim();
  if (welsh === 'a' || welsh === 'neu') return `${head} ${joinWelsh(welsh, last)}`;
  return `${head}${conjunction === 'and' && startsWithVowel(last) ? words.andBeforeVowel : joiner}${last}`;
}
