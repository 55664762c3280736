/**
 * Step 1 of understanding: what the user typed → clauses of plain words. Nothing here is kept: the words live only
 * for the turn that reads them.
 */

/**
 * The most of a message that is read. Answers come early in a message, so a long description is scanned for them
 * but the work per message stays bounded whatever is pasted in.
 */
export const MAX_SCANNED_CHARS = 4000;
/** Messages longer than this are descriptions rather than answers: they are scanned, and said to be, if nothing is found. */
export const LONG_MESSAGE_CHARS = 500;

/** E-mail and web addresses: their parts ("….org", "…-police.uk") say nothing about the answers. */
const ADDRESS = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+|\b(?:https?:\/\/|www\.)[^\s<>]{1,500}/gi;

/** Removes Teams `<at>…</at>` mentions, any other markup a channel may wrap around the text, and addresses. */
export function stripMarkup(text: string): string {
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

/** The clauses of a message as typed (case kept, for postcodes and place names), empty ones dropped. */
export function splitClauses(text: string): string[] {
  return text
    .split(new RegExp(CLAUSE_BOUNDARY.source, 'u'))
    .map((clause) => clause.trim())
    .filter(Boolean);
}

/** The words of one clause, folded; a trailing possessive "'s" is dropped ("school's" → "school"). */
export function words(clause: string): string[] {
  const found = fold(clause).match(WORD) ?? [];
  return found.map((word) => word.replace(/^'+|'+$/g, '')).filter(Boolean);
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
