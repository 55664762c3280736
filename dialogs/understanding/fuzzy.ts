/**
 * Typos against the lexicon: "buisness" → "business", "organisaton" → "organisation", "yse" → "yes". A word is
 * corrected only when it is not a real word itself, and only to one lexicon word (a tie is no correction).
 */

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbouring letters, the commonest slip on a
 * phone), or `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowBest = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[cols - 1];
}

/** How far a word of this length may be from a lexicon word: short words must be exact (or two letters swapped). */
export function allowedDistance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 7) return 1;
  return 2;
}

export interface Correction {
  word: string;
  distance: number;
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const different = [...a].flatMap((letter, index) => (letter === b[index] ? [] : [index]));
  return different.length === 2 && different[1] === different[0] + 1 && a[different[0]] === b[different[1]] && a[different[1]] === b[different[0]];
}

/** How many letters two words share at their start. */
function sharedStart(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** Whether `candidate` is nearer `word` than `best` is: more letters kept at the start, then a nearer length. */
function closer(word: string, candidate: string, best: string): boolean {
  const kept = sharedStart(word, candidate) - sharedStart(word, best);
  if (kept !== 0) return kept > 0;
  return Math.abs(candidate.length - word.length) < Math.abs(best.length - word.length);
}

export class Corrector {
  /** Lexicon words by first letter: a typo rarely changes the first letter (a swap of the first two is allowed for). */
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly cache = new Map<string, Correction | null>();

  constructor(
    targets: Iterable<string>,
    private readonly isKnownWord: (word: string) => boolean,
    /** Two words that mean the same here ("business", Welsh "busnes"): a tie between them is no ambiguity. */
    private readonly sameMeaning: (a: string, b: string) => boolean = (a, b) => a === b,
  ) {
    for (const word of new Set(targets)) {
      if (word.length < 3 || /\d/.test(word)) continue;
      const list = this.byFirstLetter.get(word[0]) ?? [];
      list.push(word);
      this.byFirstLetter.set(word[0], list);
    }
  }

  /** The lexicon word a typo stands for, or null when the word is fine as it is or no single word is near enough. */
  correct(word: string): Correction | null {
    if (word.length < 3 || word.length > 24 || /[\d&]/.test(word) || this.isKnownWord(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const found = this.search(word);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  private search(word: string): Correction | null {
    const limit = allowedDistance(word.length);
    const candidates = [
      ...(this.byFirstLetter.get(word[0]) ?? []),
      ...(word.length > 1 && word[1] !== word[0] ? (this.byFirstLetter.get(word[1]) ?? []) : []),
    ];
    let best: Correction | null = null;
    let tie = false;
    for (const candidate of candidates) {
      if (candidate[0] !== word[0] && !(candidate[0] === word[1] && candidate[1] === word[0])) continue;
      // A three-letter word only by swapping two letters ("yse" → "yes"): any other change makes another real word.
      if (word.length <= 3 || candidate.length <= 3) {
        if (isSwap(word, candidate)) {
          if (best && best.distance === 1 && !this.sameMeaning(best.word, candidate)) tie = true;
          else best ??= { word: candidate, distance: 1 };
        }
        continue;
      }
      const distance = editDistance(word, candidate, limit);
      if (distance > limit) continue;
      if (!best || distance < best.distance) {
        best = { word: candidate, distance };
        tie = false;
      } else if (distance === best.distance && !this.sameMeaning(best.word, candidate)) {
        tie = true;
      } else if (distance === best.distance && closer(word, candidate, best.word)) {
        // Same meaning either way: the one nearer what was typed ("personly" → "personal", not "person").
        best = { word: candidate, distance };
      }
    }
    return best && !tie ? best : null;
  }
}
