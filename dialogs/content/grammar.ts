// How words are joined where the bot composes a string from parts: "A, B a C", "A neu B", "Cysylltwch â {police}".
// English needs nothing; Welsh changes the joining word before a vowel (a → ac, â → ag), mutates the word after it
// (soft mutation after "neu", aspirate after "a" and "â") and elides the article ("neu'r Drenewydd"). Only words of
// Welsh origin mutate: a name from another language keeps its form ("neu Guernsey", "a Chaerdydd" but "a Tesco"),
// as the Welsh Government's style guide (Arddulliadur) advises.
//
// The same rules check a whole text (`welshProblems`): the content tests hold every Welsh string and every Welsh
// message of the replayed journeys to them, so a string written by hand follows the rules a composed one does.

/** Soft mutation (treiglad meddal): radical → mutated, longest first; ch, ph, th, dd, ff, ng do not mutate. */
const SOFT: ReadonlyArray<[string, string]> = [
  ['ll', 'l'],
  ['rh', 'r'],
  ['c', 'g'],
  ['p', 'b'],
  ['t', 'd'],
  ['g', ''],
  ['b', 'f'],
  ['d', 'dd'],
  ['m', 'f'],
];
/** Aspirate mutation (treiglad llaes) after "a" (and), "â" (with), "tua", "gyda". */
const ASPIRATE: ReadonlyArray<[string, string]> = [
  ['c', 'ch'],
  ['p', 'ph'],
  ['t', 'th'],
];
/** Nasal mutation (treiglad trwynol) after "yn" (in), which itself becomes "yng" / "ym" before the mutated sound. */
const NASAL: ReadonlyArray<[string, string]> = [
  ['c', 'ngh'],
  ['p', 'mh'],
  ['t', 'nh'],
  ['g', 'ng'],
  ['b', 'm'],
  ['d', 'n'],
];
const NOT_MUTABLE = /^(ch|ph|th|dd|ff|ng)/i;

function withCase(original: string, replaced: string): string {
  if (!replaced) return replaced;
  const capital = original.charAt(0) !== original.charAt(0).toLowerCase();
  return capital ? replaced.charAt(0).toUpperCase() + replaced.slice(1) : replaced;
}

function mutate(word: string, table: ReadonlyArray<[string, string]>): string {
  if (NOT_MUTABLE.test(word)) return word;
  const lower = word.toLowerCase();
  const rule = table.find(([radical]) => lower.startsWith(radical));
  if (!rule) return word;
  const [radical, mutated] = rule;
  const rest = word.slice(radical.length);
  // "Gogledd" → "Ogledd": the letter after a dropped g takes the capital.
  return mutated ? withCase(word, mutated + rest) : withCase(word, rest);
}

/** "dewiswch" → "ddewiswch", "Gogledd" → "Ogledd", "Llundain" → "Lundain", "pwyswch" → "bwyswch". */
export function softMutation(word: string): string {
  return mutate(word, SOFT);
}

/** "Caerdydd" → "Chaerdydd", "pwyswch" → "phwyswch", "teipio" → "theipio". */
export function aspirateMutation(word: string): string {
  return mutate(word, ASPIRATE);
}

/** "Caerdydd" → "Nghaerdydd", "Gogledd" → "Ngogledd", "Bangor" → "Mangor" (after "yng", "ym"). */
export function nasalMutation(word: string): string {
  return mutate(word, NASAL);
}

/** Whether the word would change under the soft mutation (it starts with a radical that mutates). */
export function softMutates(word: string): boolean {
  return softMutation(word) !== word;
}

function aspirates(word: string): boolean {
  return aspirateMutation(word) !== word;
}

// ---------------------------------------------------------------------------------------------------------------
// Which names are Welsh: the data's Welsh place names and the names of places in Wales, registered at start-up by
// dialogs/facts.ts (the content does not import data/). A name not known to be Welsh is left as it is.

let welshNames: (text: string) => boolean = () => false;

/** Tells the grammar which names are Welsh (dialogs/facts.ts registers the data's). */
export function registerWelshNames(isWelshName: (text: string) => boolean): void {
  welshNames = isWelshName;
}

/** A name or phrase of Welsh origin, so one that mutates after "neu", "a", "â". */
export function isWelshName(text: string): boolean {
  return welshNames(text.trim());
}

const ARTICLE = /^(y|yr)\s+(.*)$/i;

/**
 * Starts with a vowel sound: a vowel, or a Welsh "y" ("Ynys", "Ystrad"; not the consonant of "York", "Yeovil");
 * "w" is taken as a consonant ("a Wrecsam").
 */
export function startsWithVowel(word: string): boolean {
  if (/^y[aeiouwyâêîôûŵŷ]/i.test(word)) return false;
  return /^[aeiouyâêîôûŵŷáéíóúàèìòùäëïöü]/i.test(word);
}

function mutateFirst(value: string, mutation: (word: string) => string): string {
  const match = /^([\p{L}'’-]+)(.*)$/su.exec(value);
  return match ? mutation(match[1]) + match[2] : value;
}

/**
 * A Welsh joining word and what follows it, as Welsh writes them: "neu" + "Gogledd Iwerddon" → "neu Ogledd
 * Iwerddon", + "Y Drenewydd" → "neu'r Drenewydd"; "a" + "Ynys Môn" → "ac Ynys Môn", + "Caerdydd" → "a Chaerdydd";
 * "â" + "Isle of Man Constabulary" → "ag Isle of Man Constabulary"; "yn" + "Cymru" → "yng Nghymru", + "Yr Alban" →
 * "yn yr Alban", + "Guernsey" → "yn Guernsey". `welsh` says whether the value is of Welsh origin
 * (and so mutates); a name from another language, a number or a code is only joined.
 */
export function joinWelsh(word: WelshJoiner, value: string, welsh = isWelshName(value)): string {
  const article = welsh ? ARTICLE.exec(value) : null;
  if (article) return word === 'yn' ? `yn ${article[1].toLowerCase()} ${article[2]}` : `${word}'r ${article[2]}`;
  if ((word === 'a' || word === 'â') && startsWithVowel(value)) return `${word === 'a' ? 'ac' : 'ag'} ${value}`;
  if (!welsh) return `${word} ${value}`;
  if (word === 'yn') {
    const mutated = mutateFirst(value, nasalMutation);
    const preposition = /^ng/i.test(mutated) && !/^ng/i.test(value) ? 'yng' : /^m/i.test(mutated) && !/^m/i.test(value) ? 'ym' : 'yn';
    return `${preposition} ${mutated}`;
  }
  return `${word} ${mutateFirst(value, word === 'neu' ? softMutation : aspirateMutation)}`;
}

/** The Welsh words that join what follows them in a composed string. */
export type WelshJoiner = 'a' | 'â' | 'neu' | 'yn';

// ---------------------------------------------------------------------------------------------------------------
// Checking a text: the review checklist for a translator, as code.

/** Words after "neu" / "a" / "â" that are not Welsh and so keep their form (names and loans). Extend with care. */
export const NOT_WELSH_WORDS: ReadonlySet<string> = new Set(
  ['tab', 'teams', 'guernsey', 'jersey', 'report', 'police', 'constabulary', 'cyber', 'protect', 'microsoft'],
);

/**
 * Words starting with g, b or d that are radicals (so must mutate after "neu"), where the letter alone cannot tell: a
 * "d" may be a mutated "t" ("neu deipiwch" is right) or a radical ("neu dewiswch" is not). Add a word when a new
 * string uses it after "neu"; c, p, t, m, ll and rh are never the result of a soft mutation, so are always caught.
 */
export const RADICALS_G_B_D: ReadonlySet<string> = new Set([
  'dewiswch', 'dewis', 'defnyddiwch', 'defnyddio', 'dechrau', 'dechreuwch', 'dweud', 'dywedwch', 'disgwyliwch', 'dilynwch', 'darllenwch',
  'gofynnwch', 'gofyn', 'gwasgwch', 'gwefan', 'gwybod', 'gallwch', 'gadewch', 'busnes', 'banc', 'botwm', 'bod',
]);

/** A word that should have mutated (soft) after "neu": one whose radical is certain from its letters, or a listed radical. */
function isUnmutatedRadical(word: string): boolean {
  if (!softMutates(word)) return false;
  return /^(c|p|t|m|ll|rh)/i.test(word) || RADICALS_G_B_D.has(word.toLowerCase());
}

/** Verbs the relative or interrogative "a" comes before: "a oedd", "a yw", "a all", "a awgrymir" keep their "a". */
const RELATIVE_A_VERBS = /^(oedd|oes|yw|ydy|ydych|ydyn|all|allai|allwch|allaf|awgrymir|anfonwyd|ellir|gaiff|gafodd|gewch|fydd|fyddai|oeddech|wnaeth|wnewch)$/i;

export interface WelshProblem {
  rule: 'neu' | 'a/ac' | 'â/ag' | 'aspirate' | 'time';
  found: string;
  fix: string;
}

/** Literal text the user is to type or read as it is: **bold**, "quoted", `code`, {placeholders}. */
function withoutLiterals(text: string): string {
  return text
    .replace(/\*\*[^*]*\*\*/g, (literal) => literal.replace(/[^\s]/g, '·'))
    .replace(/["“”][^"“”]*["“”]/g, (literal) => literal.replace(/[^\s]/g, '·'))
    .replace(/\{[a-zA-Z0-9-]+\}/g, (literal) => literal.replace(/[^\s]/g, '·'));
}

/**
 * What in a Welsh text breaks the review's checklist: "neu" before an unmutated word ("neu dewiswch" → "neu
 * ddewiswch"), "a"/"â" before a vowel ("â Isle" → "ag Isle"; a relative "a oedd" is right), "a"/"â" before an
 * unmutated c, p, t ("a pwyswch" → "a phwyswch"), and times as abbreviations ("9yb", "5yh": "9 y bore", "5 y
 * prynhawn"). Words known not to be Welsh (NOT_WELSH_WORDS), numbers and codes keep their form.
 */
export function welshProblems(text: string): WelshProblem[] {
  const problems: WelshProblem[] = [];
  const plain = withoutLiterals(text);
  const joins = /(^|[^\p{L}'’])(neu|a|â) ([\p{L}'’-]+)/giu;
  for (const match of plain.matchAll(joins)) {
    const word = match[2].toLowerCase();
    const next = match[3];
    const lower = next.toLowerCase();
    if (NOT_WELSH_WORDS.has(lower) || /^\p{Lu}{2,}/u.test(next) || next.includes('·')) continue;
    const found = `${match[2]} ${next}`;
    if (word === 'neu') {
      if (isUnmutatedRadical(next)) problems.push({ rule: 'neu', found, fix: `${match[2]} ${softMutation(next)}` });
      continue;
    }
    if (startsWithVowel(next)) {
      if (word === 'â') problems.push({ rule: 'â/ag', found, fix: `ag ${next}` });
      else if (!RELATIVE_A_VERBS.test(next)) problems.push({ rule: 'a/ac', found, fix: `ac ${next}` });
      continue;
    }
    if (aspirates(next) && !RELATIVE_A_VERBS.test(next)) problems.push({ rule: 'aspirate', found, fix: `${match[2]} ${aspirateMutation(next)}` });
  }
  for (const match of text.matchAll(/\b(\d{1,2}(?::\d{2})?)\s?(yb|yh|y\.b\.|y\.h\.)(?![\p{L}])/giu)) {
    problems.push({ rule: 'time', found: match[0], fix: `${match[1]} y bore / y prynhawn / y nos (in words)` });
  }
  return problems;
}
