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
let namesFromElsewhere: (text: string) => boolean = () => false;

/**
 * Tells the grammar which names are Welsh, and which are names of places outside Wales that are not Welsh ("Moray",
 * "Cornwall": they keep their form after "neu"). dialogs/facts.ts registers the data's.
 */
export function registerWelshNames(isWelshName: (text: string) => boolean, isNameFromElsewhere?: (text: string) => boolean): void {
  welshNames = isWelshName;
  if (isNameFromElsewhere) namesFromElsewhere = isNameFromElsewhere;
}

/**
 * A name or phrase of Welsh origin, so one that mutates after "neu", "a", "â". A label "Name, Nation" is the name
 * qualified: "Ceredigion, Cymru" is Welsh ("neu Geredigion, Cymru").
 */
export function isWelshName(text: string): boolean {
  const trimmed = text.trim();
  return welshNames(trimmed) || (trimmed.includes(', ') && welshNames(trimmed.split(', ')[0]));
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

/** A word that ends in a vowel, after which the article is written 'r ("i'r", "o'r", "golygu'r", "Mae'r"). */
const ENDS_IN_VOWEL = /[aeiouwyâêîôûŵŷ]$/i;
/** What ends a sentence, a line or a label: a name after it keeps its capital ("Lleoliad: Y Fenni"). */
const STARTS_AFRESH = /(^|[.!?:;\n(“"*–—-])\s*$/;

/**
 * A Welsh name that starts with the article ("Yr Alban", "Y Fenni", "Y Drenewydd"), written into a sentence after
 * `before`: inside a sentence the article takes a small letter ("yn ardal y Fenni", "o'r enw y Barri") and after a
 * vowel it is written 'r ("Oeddech chi'n golygu'r Alban?", "Mae'r Drenewydd …"). At the start of a sentence, a
 * line or after a colon it keeps its capital. Returns the text before (its last space may become "'r ") and the value.
 */
export function articleInSentence(before: string, value: string, welsh = isWelshName(value)): [string, string] {
  const article = welsh ? /^(Y|Yr) (\S.*)$/s.exec(value) : null;
  if (!article || STARTS_AFRESH.test(before)) return [before, value];
  if (/[\p{L}] $/u.test(before) && ENDS_IN_VOWEL.test(before.slice(0, -1))) return [`${before.slice(0, -1)}'r `, article[2]];
  return [before, `${article[1].toLowerCase()} ${article[2]}`];
}

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

/**
 * Verbs the particle "y" comes before ("y daethoch chi ohoni", "y bydd", "y mae"): after a vowel it stays "y", unlike
 * the article ("o'r", "Seiberdroseddu'r Met"). Add a verb when a new string uses the particle before it.
 */
const Y_BEFORE_VERB = /^(mae|maen|bydd|byddwch|byddai|byddan|daethoch|daeth|dylech|dylai|gallwch|gall|gallai|gellir|ceir|cewch|caiff|cafodd|cawsoch|oedd|roedd|rydych|ydych|dechreuodd|digwyddodd|gwnaethoch|gwnaeth|wnaethoch|wnaeth|bu|buodd|fydd|fyddai)$/i;

/** Verbs the relative or interrogative "a" comes before: "a oedd", "a yw", "a all", "a awgrymir" keep their "a". */
const RELATIVE_A_VERBS = /^(oedd|oes|yw|ydy|ydych|ydyn|all|allai|allwch|allaf|awgrymir|anfonwyd|ellir|gaiff|gafodd|gewch|fydd|fyddai|oeddech|wnaeth|wnewch)$/i;

export interface WelshProblem {
  rule: 'neu' | 'a/ac' | 'â/ag' | 'aspirate' | 'time' | 'article' | 'wording';
  /** The words as written. */
  found: string;
  /** What to write instead. */
  fix: string;
  /** Why, in one line a translator can check against the review checklist (docs/welsh-translation.md). */
  why: string;
}

/** One line for a test's failure message: where, what is written, what to write instead and why. */
export function describeProblem(where: string, problem: WelshProblem): string {
  return `${where}: "${problem.found}" → write "${problem.fix}" (${problem.why})`;
}

/**
 * Words before which the conjunction is "ac" though they start with a consonant (Gramadeg: "ac mae", "ac ni",
 * "ac nid", "ac felly", "ac mewn" …).
 */
const AC_BEFORE = /^(mae|maen|mai|mewn|megis|mor|fel|felly|ni|nid)$/i;

/**
 * Wording the Welsh reviews corrected, so a new string does not bring it back: calques of English ("dod allan atoch"
 * for "come out to you") and a change of register in running text ("Nid yw", "gallaf" among "Dydy … ddim" and
 * "alla i"). Each says what to write instead. Matched on the text outside **bold**, quotes and {placeholders}.
 */
const WORDING: ReadonlyArray<{ pattern: RegExp; fix: string | ((found: string) => string); why: string }> = [
  { pattern: /(?<!\p{L})gallaf(?!\p{L})/giu, fix: 'galla i', why: 'one register: the bot says "galla i", as it says "alla i ddim" and "rydw i"' },
  { pattern: /(?<!\p{L})nid (yw|ydy|ydw|ydych|ydyn|oes|oedd)(?!\p{L})/giu, fix: 'Dydy … ddim / Does dim …', why: 'one register: "Dydy … ddim" in running text, not the literary "Nid yw"' },
  { pattern: /(?<!\p{L})d?dod allan ato/giu, fix: 'ddod atoch chi', why: '"dod allan atoch" is a calque of "come out to you"' },
  { pattern: /(?<!\p{L})(c|g|ch)ymryd adroddiad/giu, fix: 'derbyn adroddiad(au)', why: '"cymryd adroddiad" is a calque of "take a report"' },
  { pattern: /(?<!\p{L})disgwyliwch ateb/giu, fix: "byddwch chi'n cael ateb", why: '"disgwyliwch" reads as an order to wait' },
  { pattern: /(?<!\p{L})gyda'r bot(wm|ymau)/giu, fix: "drwy ddefnyddio'r botymau", why: '"gyda" is not the instrumental "with"' },
  { pattern: /\(nid argyfwng\)/giu, fix: '(y rhif di-argyfwng)', why: 'the police\'s own Welsh for 101' },
  { pattern: /(?<!\p{L})ar ein hochr ni/giu, fix: 'yn ein system ni', why: '"ar ein hochr ni" is a calque of "on our side"' },
  { pattern: /(?<!\p{L})wedi'ch lleoli/giu, fix: "Ble rydych chi … / yn ardal {label}", why: '"wedi\'ch lleoli" is a calque of "based" and agrees with "chi" only' },
  { pattern: /(?<!\p{L})deall hynny (fel|i olygu)/giu, fix: "Dyma sut rydw i wedi deall eich ateb", why: 'a calque of "taken that as"' },
  { pattern: /(?<!\p{L})methodd yr anfon/giu, fix: 'Methodd anfon y neges', why: 'a verb-noun with the article is awkward' },
  { pattern: /(?<!\p{L})wedi taro chi/giu, fix: 'wedi effeithio arnoch chi', why: 'a pronoun object needs its possessive, and "taro" is a calque of "hit"' },
  { pattern: /(?<!\p{L})wedi'i daro all-lein/giu, fix: "wedi'i orfodi all-lein", why: '"taro all-lein" is a calque of "knocked offline"' },
  { pattern: /(?<!\p{L})(c|g)ais am (b|p)ridwerth/giu, fix: 'rhywun yn mynnu pridwerth', why: '"cais" is a request or an application, too mild for a criminal\'s demand' },
  { pattern: /(?<!\p{L})dan reolaeth(?! (rhywun|gan|rywun|troseddwr|ymosodwr))/giu, fix: 'dan reolaeth rhywun arall', why: '"dan reolaeth" alone says "under control", i.e. safe' },
  { pattern: /(?<!\p{L})sicrhau cwmnïau/giu, fix: "cwmni … sydd wedi'i achredu gan", why: '"sicrhau" is "ensure" or "insure", not "accredit"' },
  { pattern: /\(diwrnod yn ei le\)/giu, fix: '(diwrnod amgen)', why: 'the form GOV.UK\'s Welsh bank-holiday pages use' },
  { pattern: /(?<![\p{L}/.(-])ransomware(?![\p{L}/.)-])/giu, fix: 'meddalwedd wystlo', why: 'the Welsh term, as the lexicon understands it (the English term once in brackets, beside English links)' },
  { pattern: /(?<=\p{L} )dydd (?:Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) i ddydd/gu, fix: 'o ddydd … i ddydd …', why: 'a span of days in running text takes "o" (the bare span is a label: after a colon or in brackets)' },
  { pattern: /(?<![\p{L}{])(?:shift|enter)(?![\p{L}}])|(?<=(?:pwyso|pwyswch|bysell|allwedd|Shift a|Shift \+|Shift ac)\s*)tab(?![\p{L}}])/gu, fix: (found) => found.charAt(0).toUpperCase() + found.slice(1), why: 'a key is named as on the keyboard: Shift, Tab, Enter' },
];

/**
 * Literal text the user is to type or read as it is: "quoted", {placeholders}. Bold is checked like any text (it
 * holds the leads and the questions); a command in bold after a joining word ("neu **dechrau eto**") is not read
 * as the word after it, since "**" is not a letter.
 */
function withoutLiterals(text: string): string {
  return text
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
      // A place outside Wales whose name is not Welsh keeps its form: "neu Moray", "neu Cumbria".
      if (/^\p{Lu}/u.test(next) && !isWelshName(next) && namesFromElsewhere(next)) continue;
      if (isUnmutatedRadical(next)) problems.push({ rule: 'neu', found, fix: `${match[2]} ${softMutation(next)}`, why: 'the soft mutation after "neu", verbs included' });
      continue;
    }
    if (word === 'a' && AC_BEFORE.test(next.replace(/['’].*$/, ''))) {
      problems.push({ rule: 'a/ac', found, fix: `ac ${next}`, why: `"ac" before "${lower}", as before a vowel` });
      continue;
    }
    if (startsWithVowel(next)) {
      if (word === 'â') problems.push({ rule: 'â/ag', found, fix: `ag ${next}`, why: '"ag" before a vowel' });
      else if (!RELATIVE_A_VERBS.test(next)) problems.push({ rule: 'a/ac', found, fix: `ac ${next}`, why: '"ac" before a vowel' });
      else if (/^\s+(?:\S+\s+){0,2}ddim(?!\p{L})/u.test(plain.slice((match.index ?? 0) + match[0].length))) {
        // "a all hi ddim …": a negative statement, so the conjunction, not the relative "a" of "a all …?".
        problems.push({ rule: 'a/ac', found, fix: `ac ni ${next} … (or "ac ${next} … ddim")`, why: 'the conjunction before a vowel is "ac"; this "a" joins a negative statement' });
      }
      continue;
    }
    if (aspirates(next) && !RELATIVE_A_VERBS.test(next)) problems.push({ rule: 'aspirate', found, fix: `${match[2]} ${aspirateMutation(next)}`, why: `the aspirate mutation after "${match[2]}"` });
  }
  for (const match of plain.matchAll(/(^|[^\p{L}'’])([\p{L}'’-]+) (Yr|Y) (\p{Lu}[\p{L}'’-]*)/gu)) {
    const [, , before, article, name] = match;
    // A list item's dash ("- Yr ICO") starts a line, not a word before the article.
    if (!/\p{L}/u.test(before)) continue;
    const fix = ENDS_IN_VOWEL.test(before) ? `${before}'r ${name}` : `${before} ${article.toLowerCase()} ${name}`;
    problems.push({ rule: 'article', found: `${before} ${article} ${name}`, fix, why: "inside a sentence the article of a name takes a small letter, and is 'r after a vowel" });
  }
  // "(Highland, Yr Alban)", "Cymru, Yr Alban a Lloegr": after a comma the name is inside the sentence or label.
  for (const match of plain.matchAll(/(\p{L}), (Yr|Y) (\p{Lu}[\p{L}'’-]*)/gu)) {
    const [, , article, name] = match;
    problems.push({ rule: 'article', found: `, ${article} ${name}`, fix: `, ${article.toLowerCase()} ${name}`, why: 'after a comma the article of a name is inside the sentence or label, so takes a small letter' });
  }
  // "Uned Seiberdroseddu y Met" → "Seiberdroseddu'r Met": the article after a word ending in a vowel is 'r. The particle
  // "y" before a verb ("y daethoch", "y bydd") and the fixed "y tu allan" keep their "y".
  for (const match of plain.matchAll(/(^|[^\p{L}'’])([\p{L}'’-]*[aeiouwyâêîôûŵŷAEIOUWYÂÊÎÔÛŴŶ]) (y|yr) ([\p{L}'’-]+)/gu)) {
    const [, , before, article, next] = match;
    if (/^(y|yr)$/i.test(before) || Y_BEFORE_VERB.test(next) || /^tu$/i.test(next)) continue;
    problems.push({ rule: 'article', found: `${before} ${article} ${next}`, fix: `${before}'r ${next}`, why: "the article after a word ending in a vowel is 'r (\"y\" stays only as the particle before a verb: add the verb to Y_BEFORE_VERB)" });
  }
  // "Gogledd Orllewin", "De Ddwyrain": a compass point of two words is one compound, hyphenated ("Gogledd-orllewin").
  for (const match of plain.matchAll(/(?<![\p{L}-])(Gogledd|De) (Orllewin|Ddwyrain|orllewin|ddwyrain)(?![\p{L}])/gu)) {
    problems.push({ rule: 'wording', found: match[0], fix: `${match[1]}-${match[2].toLowerCase()}`, why: 'a compass compound is hyphenated ("Gogledd-orllewin", "De-ddwyrain")' });
  }
  for (const { pattern, fix, why } of WORDING) {
    for (const match of plain.matchAll(pattern)) {
      problems.push({ rule: 'wording', found: match[0], fix: typeof fix === 'string' ? fix : fix(match[0]), why });
    }
  }
  // "beth mae {serviceName} yn ei gadw": a phrase-name ("Help gyda digwyddiad seiber") needs an anchor in Welsh.
  for (const match of text.matchAll(/(?<!\p{L})(mae|ar gyfer) \{serviceName\}/giu)) {
    problems.push({ rule: 'wording', found: match[0], fix: `${match[1]}${/[aeiouwy]$/i.test(match[1]) ? "'r" : ' y'} gwasanaeth “{serviceName}”`, why: 'a service\'s name that is a phrase needs an anchor in a Welsh sentence ("y gwasanaeth …")' });
  }
  for (const match of text.matchAll(/\b(\d{1,2}(?::\d{2})?)\s?(yb|yh|y\.b\.|y\.h\.)(?![\p{L}])/giu)) {
    problems.push({ rule: 'time', found: match[0], fix: `${match[1]} y bore / y prynhawn / y nos`, why: 'times in words, as Welsh public bodies write them' });
  }
  return problems;
}
