import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveLocation } from '../../data/location';
import { LEXICON_DIR } from '../../data/lexicon';
import { readText } from '../../dialogs/understanding/read';
import { isWrittenInWelsh } from '../../dialogs/understanding/welsh';
import type { TriageStateId } from '../../machines/triage';
import { Conversation } from '../support/conversation';
import { CORPUS_NAMES, contextAt, loadCorpus, type At } from './corpus';

/**
 * A language's function words are not places (review after, item 1: "mae'r swyddfa yng Nghaerdydd" was read as Maer,
 * Staffordshire). The words are data (data/lexicon/cy.json `notPlaceNames`); this holds the class: every such word
 * that the gazetteer would read as a place, typed in a Welsh message, is never taken for it, and the Welsh corpus read
 * at every question that takes a place holds no place made of one. English readings of the same letters stay.
 */

const welshLexicon = JSON.parse(readFileSync(path.join(LEXICON_DIR, 'cy.json'), 'utf8')) as { notPlaceNames: string[] };

/** The Welsh function words the gazetteer reads as a place on their own ("maer" → Maer, "ni" → Northern Ireland). */
const placeLike = welshLexicon.notPlaceNames
  .map((word) => ({ word, found: resolveLocation(word) }))
  .filter(({ found }) => found.kind !== 'unknown')
  .map(({ word, found }) => ({ word, label: (found as { label: string }).label }));
const functionWordPlaces = new Set(placeLike.map(({ label }) => label));

function locationRead(text: string, at: At, language?: string): string | undefined {
  const reading = readText(text, {
    state: at === 'first' ? 'happeningNow' : (at as TriageStateId),
    context: contextAt(at),
    onScreen: at === 'first' ? null : (at as TriageStateId),
    pending: null,
    ...(language ? { language } : {}),
  });
  if (reading.kind !== 'answers') return undefined;
  const location = reading.taken.find((answer) => answer.question === 'location') ?? (reading.confirm?.question === 'location' ? reading.confirm.yes : undefined);
  return location?.question === 'location' ? location.location.label : undefined;
}

describe('Welsh function words are never places in a Welsh message', () => {
  test('the lexicon lists the words the review met, and the gazetteer would read some of them as places', () => {
    for (const word of ["mae'r", "mae'n", "i'r", "o'r", "yw'r", "ydy'r", "dyw'r", 'ni', 'os', 'eu']) expect(welshLexicon.notPlaceNames).toContain(word);
    // Without the guard these are places: the measure of the class, not a list to match.
    expect(placeLike.map(({ word, label }) => `${word} → ${label}`)).toEqual(expect.arrayContaining(["mae'r → Maer", 'ni → Northern Ireland']));
  });

  test.each(placeLike)('"$word" (else $label) is no place: in its elided form in any message, bare in a Welsh one', ({ word, label }) => {
    const problems: string[] = [];
    // Asked where they are, a Welsh sentence with the word and a place: the place, not the word.
    for (const text of [`${word} swyddfa yng Nghaerdydd`, `${word} cwmni yn Abertawe`]) {
      const got = locationRead(text, 'location', 'cy');
      if (got !== 'Cardiff' && got !== 'Swansea') problems.push(`at the location question: ${JSON.stringify(text)} → ${got ?? 'nothing'}`);
    }
    // At an outcome, a Welsh sentence with the word names no place (the location stays).
    for (const text of [`${word} wefan i lawr`, `${word} ffeiliau wedi'u cloi`]) {
      const got = locationRead(text, 'regionalTeam', 'cy');
      if (got === label) problems.push(`at an outcome: ${JSON.stringify(text)} → ${got}`);
    }
    // An elided form is Welsh whatever the conversation: "mae'r" is never Maer.
    if (word.includes("'")) {
      const got = locationRead(`${word} wefan i lawr`, 'regionalTeam', 'en');
      if (got === label) problems.push(`in an English conversation: "${word} wefan i lawr" → ${got}`);
    }
    expect(problems).toEqual([]);
  });

  test('the review\'s messages: the place typed, not Maer; nothing moves the user at the outcome', () => {
    expect(locationRead("mae'r swyddfa yng Nghaerdydd", 'location', 'cy')).toBe('Cardiff');
    expect(locationRead("mae'r cwmni yn Nhreforys", 'location', 'cy')).toBe('Morriston');
    expect(locationRead("mae'r wefan i lawr", 'regionalTeam', 'cy')).toBeUndefined();
    // Typed on a phone without the apostrophe, in a Welsh conversation.
    expect(locationRead('maer wefan i lawr', 'regionalTeam', 'cy')).toBeUndefined();
    // "ni" (we) is no Northern Ireland, but the place the sentence names is.
    expect(locationRead('rydyn ni yn Belfast', 'location', 'cy')).toBe('Belfast');
  });

  test('as a Welsh user sees it: "mae\'r swyddfa yng Nghaerdydd" ends with TARIAN and Caerdydd, not Maer', () => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    conversation.type('nac ydy');
    conversation.type('fi fy hun');
    const text = conversation.type("mae'r swyddfa yng Nghaerdydd").map((message) => message.text).join('\n');
    expect(text).toContain('Lleoliad: Caerdydd');
    expect(text).not.toContain('Maer');
    conversation.type("mae'r wefan i lawr");
    expect(conversation.text()).toContain('Lleoliad: Caerdydd');
    expect(conversation.text()).not.toContain('Maer');
  });

  test('English is untouched: "NI", "Belfast, NI", "Maer" and "Maer, Staffordshire" are still the places', () => {
    expect(locationRead('NI', 'location', 'en')).toBe('Northern Ireland');
    expect(locationRead('Belfast, NI', 'location', 'en')).toBe('Belfast');
    expect(locationRead('Maer', 'location', 'en')).toBe('Maer');
    expect(locationRead('Maer, Staffordshire', 'location', 'en')).toBe('Maer');
    // An abbreviation in capitals is no Welsh pronoun, even in a Welsh conversation.
    expect(locationRead('NI', 'location', 'cy')).toBe('Northern Ireland');
  });

  test('over the Welsh corpus, read at every question that takes a place: no place made of a function word', () => {
    const seen = new Set<string>();
    const samples = CORPUS_NAMES.flatMap((name) => loadCorpus(name).filter((sample) => name === 'welsh' || isWrittenInWelsh(sample.text)));
    const falsePlaces: string[] = [];
    let readings = 0;
    for (const { text } of samples) {
      if (seen.has(text)) continue;
      seen.add(text);
      for (const at of ['location', 'regionalTeam', 'first'] as const) {
        readings++;
        const label = locationRead(text, at, 'cy');
        if (label && functionWordPlaces.has(label)) falsePlaces.push(`at ${at}: ${JSON.stringify(text)} → ${label}`);
      }
    }
    expect(readings).toBeGreaterThan(600);
    // Measured before the guard: 12 of 666 readings were Maer ("mae'r …"); now none.
    expect(falsePlaces).toEqual([]);
  });
});
