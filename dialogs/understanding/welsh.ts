import { fold, MAX_SCANNED_CHARS } from './text';

/**
 * Whether a typed message is written in Welsh, so that a Welsh message is answered in Welsh (the Welsh Language
 * Standards: correspondence received in Welsh is answered in Welsh) even where the browser or Teams says English.
 *
 * Counted: Welsh words (verb forms, pronouns, particles, the triage's own nouns). "da", "os", "ni", "a", "i", "o"
 * are not counted at all, and words English has too ("dim", "am", "help") count only beside two that English lacks.
 * A place name ("Ynys Môn", "Pen-y-bont ar Ogwr") is not a marker, so "my shop in Pen-y-bont ar Ogwr" stays English.
 * A message is Welsh with two Welsh-only markers or more, and markers making up at least 40% of its words: "nac
 * ydy", "mae'n digwydd nawr", "busnes bach yn Abertawe"; not "busnes" alone (a slip for "business").
 */
const WELSH_MARKERS = new Set([
  // to be, and the answers that echo it
  'mae', 'maen', 'roedd', 'oedd', 'ydy', 'ydw', 'ydi', 'ydyn', 'ydych', 'ydyw',
  'nac', 'naddo', 'dydy', 'dydw', 'dyw', 'dydi', 'rydyn', 'rydw', 'rwy', 'rwyf', 'dw', 'dwi', 'ry', 'bu', 'buodd',
  'oes', 'sydd', 'sy', 'wedi',
  'cafodd', 'cawson', 'gallwch', 'gallaf', 'alla', 'allwch', 'hoffwn', 'angen', 'eisiau', 'isio', 'moyn',
  // particles, pronouns, little words
  'yn', 'yng', 'ym', 'yr', 'ac', 'neu', 'ond', 'hefyd', 'gyda', 'efo', 'fy', 'ein', 'eich', 'eu', 'hun',
  'hunan', 'chi', 'nhw', 'ddim', 'dim', 'iawn', 'plis', 'diolch', 'helo', 'shwmae', 'sut', 'beth', 'pwy', 'ble',
  'pryd', 'pam', 'mewn', 'am', 'ar', 'gan', 'heb', 'tan', 'ers',
  // time
  'nawr', 'rŵan', 'rwan', 'heddiw', 'ddoe', 'neithiwr', 'yfory', 'bore', 'wythnos', 'dal', 'parhau', 'siŵr', 'siwr',
  // answers and hedges
  'nag', 'nage', 'wrth', 'gwrs', 'bendant', 'wir', 'hyn', 'bryd', 'fynd', 'stopio', 'drosodd', 'digwyddodd',
  'diwethaf', 'mis', 'fis', 'llynedd', 'bellach', 'gwbl', 'sai', 'wn', 'dwn', 'efallai', 'falle', 'hwyrach',
  'syniad', 'methu', 'helpwch', 'byw', 'nodyn', 'pridwerth', 'sgrin', 'mewngofnodi',
  // the triage's own words
  'busnes', 'sefydliad', 'elusen', 'cwmni', 'ysgol', 'cyngor', 'clwb', 'personol', 'ymosodiad', 'seiber', 'digwydd',
  'digwyddiad', 'hacio', 'haciwyd', 'cyfrifiadur', 'cyfrif', 'cyfrinair', 'ebost', 'e-bost', 'gwefan',
  'systemau', 'system', 'gynradd', 'uwchradd', 'coleg', 'prifysgol', 'cymuned', 'tref', 'sir', 'eglwys', 'capel',
  'rygbi', 'cymorth', 'help', 'helpu', 'dechrau', 'eto', 'nôl', 'gwybod', 'nol', 'heddlu', 'twyll', 'sgam',
]);

/** Markers that are English words too, or that English text often carries: they count only beside real Welsh. */
const SHARED_WITH_ENGLISH = new Set(['dim', 'am', 'ar', 'gan', 'heb', 'tan', 'help', 'system', 'plis', 'chi', 'eu', 'bore', 'sut', 'pam', 'nag', 'sir', 'mis', 'wir', 'hyn', 'coleg']);

export function isWrittenInWelsh(text: string): boolean {
  // The part of a message that is read for its answers is the part that says which language it is in.
  const words = text
    .slice(0, MAX_SCANNED_CHARS)
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}'-]+/u)
    .map((word) => fold(word).replace(/^'+|'+$/g, ''))
    .filter(Boolean);
  if (words.length < 2) return false;
  // "mae'n", "ni'n", "sy'n", "wedi'i": the word before the apostrophe.
  const markers = words.filter((word) => WELSH_MARKERS.has(word) || WELSH_MARKERS.has(word.replace(/'.*$/, '')) || /^ni'|^chi'|^fi'/.test(word));
  const welshOnly = markers.filter((word) => !SHARED_WITH_ENGLISH.has(word));
  return welshOnly.length >= 2 && markers.length / words.length >= 0.4;
}
