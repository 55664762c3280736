import en from './en.json';

/** The words for one language. A new language is a new JSON file with the same keys, not a code change. */
export type Content = typeof en;

/** A Map, not an object: a language read from client input must never find Object.prototype's keys ("constructor"). */
const CONTENT_BY_LANGUAGE = new Map<string, Content>([['en', en]]);

export const SUPPORTED_LANGUAGES = [...CONTENT_BY_LANGUAGE.keys()];

/** Picks the content for a locale such as "en-GB" or "cy"; English when the language has no content file. */
export function contentFor(locale?: unknown): Content {
  // The locale comes from the activity as sent: anything but a string means "no preference".
  const language = (typeof locale === 'string' ? locale : 'en').toLowerCase().split(/[-_]/)[0];
  return CONTENT_BY_LANGUAGE.get(language) ?? en;
}

export class MissingPlaceholderError extends Error {}

/** Fills `{name}` placeholders; a placeholder with no value is a bug, so it throws rather than show "{name}". */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z0-9-]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new MissingPlaceholderError(`No value for {${name}} in "${template}"`);
    return value;
  });
}
