/**
 * `npm run lexicon:guard`: writes data/lexicon/guard.json from a dictionary of British English (Debian's wbritish,
 * /usr/share/dict/british-english; `apt-get install wbritish`):
 * - `words`: real words one slip away from a lexicon word ("form"/"farm", "shot"/"shop"), never "corrected";
 * - `placeWords`: words of place names (the hand-kept gazetteer and OS Open Names) that are also ordinary words
 *   ("down", "street", "march", "shop", "city"): in a sentence such a name is a place only where a place is named.
 * Rerun it after editing data/lexicon/*.json or data/places.json; tests/understanding/lexicon.test.ts checks it is current.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LEXICON_DIR, GUARD_FILE, loadLexicons, type GuardWords } from '../data/lexicon';
import { allPlaceNames, loadOpenNamesFile } from '../data/places';
import { Corrector } from '../dialogs/understanding/fuzzy';
import { compileLexicon } from '../dialogs/understanding/lexicon';
import { words } from '../dialogs/understanding/text';

export const DICTIONARY = '/usr/share/dict/british-english';

export function buildGuard(dictionaryText: string): GuardWords {
  const dictionary = new Set(
    dictionaryText
      .split('\n')
      .map((line) => line.trim())
      .filter((word) => /^[a-z]+$/.test(word)),
  );
  const targets = compileLexicon(loadLexicons(), { source: '', generatedBy: '', words: [], placeWords: [] }).targets;
  const nothingKnown = new Corrector(targets, () => false);
  const guarded = [...dictionary].filter((word) => word.length >= 3 && !targets.has(word) && nothingKnown.correct(word) !== null);
  const openNames = loadOpenNamesFile().names.map((line) => line.slice(0, line.indexOf('\t')));
  const placeWords = new Set([...allPlaceNames(), ...openNames].flatMap((name) => words(name)).filter((word) => dictionary.has(word)));
  return {
    source: "Debian's wbritish word list (/usr/share/dict/british-english), lower-case entries only",
    generatedBy: 'npm run lexicon:guard (scripts/lexicon-guard.ts)',
    words: guarded.sort(),
    placeWords: [...placeWords].sort(),
  };
}

export function guardJson(guard: GuardWords): string {
  return `${JSON.stringify(guard, null, 1)}\n`;
}

if (require.main === module) {
  if (!existsSync(DICTIONARY)) {
    console.error(`${DICTIONARY} is missing: apt-get install wbritish`);
    process.exit(1);
  }
  const guard = buildGuard(readFileSync(DICTIONARY, 'utf8'));
  writeFileSync(path.join(LEXICON_DIR, GUARD_FILE), guardJson(guard));
  console.log(`${GUARD_FILE}: ${guard.words.length} guarded words, ${guard.placeWords.length} place names that are ordinary words`);
}
