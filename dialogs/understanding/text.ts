/**
 * Step 1 of understanding: what the user typed → clauses of plain words. Nothing here is kept: the words live only
 * for the turn that reads them.
 */

/**
 * The most of a message that is read. Answers come early in a message, so a long description is scanned for them
 * but the work per message stays bounded whatever is pasted in.
 */
export const MAX_SCANNED_CHARS = 4000;
/**
 * The most of a message that markup is stripped from: what is read is cut to MAX_SCANNED_CHARS after stripping, so
 * twice as much, cut before, leaves room for markup and keeps a pasted 60 KB page from costing a full scan.
 */
export const MAX_STRIPPED_CHARS = 2 * MAX_SCANNED_CHARS;
/** Messages longer than this are descriptions rather than answers: they are scanned, and said to be, if nothing is found. */
export const LONG_MESSAGE_CHARS = 500;

/** E-mail and web addresses: their parts ("….org", "…-police.uk") say nothing about the answers. */
const ADDRESS = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+|\b(?:https?:\/\/|www\.)[^\s<>]{1,500}/gi;

const MAY_HOLD_MARKUP = /[<@]|:\/\/|www\./i;

/** Removes Teams `<at>…</at>` mentions, any other markup a channel may wrap around the text, and addresses. */
export function stripMarkup(text: string): string {
  // Most messages hold no markup and no address: one test instead of three replacements.
  if (!MAY_HOLD_MARKUP.test(text)) return text;
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<\/?[a-z][^>]{0,200}>/gi, ' ')
    .replace(ADDRESS, ' ');
}

/** Removes Teams `<at>…</at>` mentions, folds case, quotes and spacing, and drops punctuation. */
export function normalise(text: string): string {
  return stripMarkup(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^\p{L}\p{N}'?&\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case, accents folded (siŵr → siwr, café → cafe), curly quotes straightened. */
export function fold(text: string): string {
  // Plain ASCII (most messages) needs no Unicode normalisation.
  if (/^[\x20-\x5f\x61-\x7e]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
}

/** Sentence punctuation, brackets, line breaks and spaced dashes end a clause (and a negation's reach). */
const CLAUSE_BOUNDARY = /[.,;:!?()[\]{}"\n\r\t…]+|\s[-–—]+\s|\s[-–—]+$|^[-–—]+\s/;
/** Inside a clause: letters, digits and the joiners of words such as "self-employed", "b&b", "it's". */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'&-]*/gu;

/** "St. Albans", "Co. Tyrone", "N. Ireland": the full stop of an abbreviation inside a place name ends no clause. */
const ABBREVIATION_STOP = /\b([Ss][Tt]|[Cc][Oo]|[Mm][Tt]|[Nn][Rr]|N)\.(?=\s*\p{L})/gu;

/** The boundaries, kept in the split (a capture group) to see which clause a "?" ends. */
const CLAUSE_SPLIT = new RegExp(`(${CLAUSE_BOUNDARY.source})`, 'u');

/** A clause as typed, and whether it was asked: followed by a question mark ("is it over?", "I think it's stopped?"). */
export interface RawClause {
  raw: string;
  question: boolean;
}

/** The clauses of a message as typed (case kept, for postcodes and place names), empty ones dropped. */
export function splitClauses(text: string): string[] {
  return splitRaw(text);
}

const CLAUSE_BREAK = new RegExp(CLAUSE_BOUNDARY.source, 'u');

function splitRaw(text: string): string[] {
  return text
    .replace(ABBREVIATION_STOP, '$1')
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

/** The clauses of a message as typed, each with whether a question mark ended it. */
export function splitMarkedClauses(text: string): RawClause[] {
  // Most messages ask nothing: no boundary need be kept.
  if (!text.includes('?')) return splitRaw(text).map((raw) => ({ raw, question: false }));
  const parts = text.replace(ABBREVIATION_STOP, '$1').split(CLAUSE_SPLIT);
  const clauses: RawClause[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const raw = parts[index]?.trim();
    if (raw) clauses.push({ raw, question: (parts[index + 1] ?? '').includes('?') });
  }
  return clauses;
}

/** Symbols people answer with on a phone, read as the words they stand for (any language's lexicon lists the words). */
const SYMBOL_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u{1F44D}\u2705\u2714\u2611]/gu, ' yes '],
  [/[\u{1F44E}\u274C\u2716]/gu, ' no '],
  [/\u{1F937}/gu, ' not sure '],
];

function symbolsAsWords(text: string): string {
  // Plain ASCII (most messages) holds no symbol.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return SYMBOL_WORDS.reduce((out, [symbol, meaning]) => out.replace(symbol, meaning), text);
}

/**
 * The words of one clause, folded; a trailing possessive "'s" is dropped ("school's" → "school"), and a letter held
 * down is read once doubled ("yesss", "nooooo" → "yess", "noo"), as the lexicon lists them.
 */
export function words(clause: string): string[] {
  // "bed & breakfast", "friends & family": a free-standing "&" is "and" ("b&b" keeps its own form).
  const folded = fold(symbolsAsWords(clause.includes('&') ? clause.replace(/(^|\s)&(?=\s|$)/g, '$1and') : clause));
  const found = (/(.)\1\1/.test(folded) ? folded.replace(/(\p{L})\1{2,}/gu, '$1$1') : folded).match(WORD) ?? [];
  // Quotes around a word ("'hacked'") are not part of it; most clauses hold none.
  return folded.includes("'") ? found.map((word) => word.replace(/^'+|'+$/g, '')).filter(Boolean) : found;
}

/** Expands written forms word by word ("can't" → "can not"); `contractions` maps a word to its expansion. */
export function expand(tokens: readonly string[], contractions: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const expansion = contractions.get(token);
    if (expansion) {
      out.push(...expansion);
      continue;
    }
    // "school's", "mum's": the possessive adds nothing to the meaning here.
    const possessive = /^(.+)'s$/.exec(token);
    if (possessive && !contractions.has(token)) {
      out.push(possessive[1]);
      continue;
    }
    out.push(token.replace(/'/g, ''));
  }
  return out.filter(Boolean);
}

/** One phrase from a lexicon file, as the matcher sees it: the same folding and expansion as a message. */
export function phraseTokens(phrase: string, contractions: ReadonlyMap<string, readonly string[]>): string[] {
  // A phrase is one clause: "?" and "&" survive as words so "?" and "b&b" can be listed.
  if (phrase.trim() === '?') return ['?'];
  return expand(words(phrase), contractions);
}
