// How place names are compared: shared by the gazetteer at run time and the build script that generates its tables.

/**
 * Lower-case words with accents, punctuation and apostrophes removed, "&" read as "and", "saint"/"st." as "st".
 * "the" is kept here (so "the City" can be told from "city") and dropped by keyOf.
 */
/** Letters and single spaces only: most names, and most of what people type. */
const SIMPLE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

export function normaliseTokens(text: string): string[] {
  if (SIMPLE.test(text)) {
    const words = text.toLowerCase().split(' ');
    return words.includes('saint') ? words.map((word) => (word === 'saint' ? 'st' : word)) : words;
  }
  // Most names are plain ASCII: the Unicode folding is needed only for the others ("Ynys Môn").
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => (word === 'saint' ? 'st' : word));
}

/** The lookup key of a name's tokens: words joined by single spaces, "the" left out. */
export function keyOf(tokens: readonly string[]): string {
  return tokens.filter((token) => token !== 'the').join(' ');
}

export function nameKey(name: string): string {
  if (SIMPLE.test(name)) {
    const lower = name.toLowerCase();
    // Only a "the" or a "saint" makes the key differ from the name in lower case.
    if (!/\b(the|saint)\b/.test(lower)) return lower;
  }
  return keyOf(normaliseTokens(name));
}
