import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFileError } from '../../data/loadJson';
import { GUARD_FILE, LEXICON_DIR, loadGuardWords, loadLexicons } from '../../data/lexicon';
import { compileLexicon } from '../../dialogs/understanding/lexicon';
import { readText } from '../../dialogs/understanding/read';
import { initialContext } from '../../machines/triage';
import { buildGuard, DICTIONARY, guardJson } from '../../scripts/lexicon-guard';

function copyOfLexicons(edit: (file: string, json: any) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-'));
  for (const file of ['en.json', 'cy.json', GUARD_FILE]) {
    const json = JSON.parse(readFileSync(path.join(LEXICON_DIR, file), 'utf8'));
    edit(file, json);
    writeFileSync(path.join(dir, file), JSON.stringify(json));
  }
  return dir;
}

describe('lexicon files are validated on load', () => {
  test('the shipped files load: English and Welsh', () => {
    expect(loadLexicons().map((lexicon) => lexicon.language)).toEqual(['cy', 'en'].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : 0)));
  });

  test('a phrase listed under two meanings of one question names the file and the field', () => {
    const dir = copyOfLexicons((file, json) => {
      if (file === 'en.json') json.audience.individual.push('care home');
    });
    expect(() => loadLexicons(dir)).toThrow(DataFileError);
    expect(() => loadLexicons(dir)).toThrow(/en\.json: field "audience\.individual\.\d+" "care home" is already listed under audience\.organisationTypes/);
  });

  test('a missing list, an empty phrase or a wrong language code is refused', () => {
    expect(() => loadLexicons(copyOfLexicons((file, json) => file === 'cy.json' && delete json.replies))).toThrow(/cy\.json: field "replies"/);
    expect(() => loadLexicons(copyOfLexicons((file, json) => file === 'en.json' && json.happening.over.push('  ')))).toThrow(/en\.json: field "happening\.over\.\d+"/);
    expect(() => loadLexicons(copyOfLexicons((file, json) => file === 'cy.json' && (json.language = 'en')))).toThrow(/is "en" but the file is named cy\.json/);
  });

  test('a new language is a new file: its words are understood in every conversation', () => {
    const dir = copyOfLexicons(() => undefined);
    const cy = JSON.parse(readFileSync(path.join(dir, 'cy.json'), 'utf8'));
    writeFileSync(path.join(dir, 'ga.json'), JSON.stringify({ ...cy, language: 'ga', replies: { yes: ['tá'], no: ['níl'], notSure: ['níl a fhios agam'] }, wholeReplies: { yes: [], no: [], notSure: [] } }));
    const compiled = compileLexicon(loadLexicons(dir), loadGuardWords(dir));
    const position = { state: 'happeningNow' as const, context: initialContext, onScreen: 'happeningNow' as const, pending: null };
    expect(readText('níl', position, compiled)).toMatchObject({ kind: 'answers', taken: [{ question: 'happeningNow', answer: 'no' }] });
  });
});

describe('growing the lexicon is a data change', () => {
  test('a kind of organisation added to en.json is understood, typos of it included', () => {
    const position = { state: 'audience' as const, context: initialContext, onScreen: 'audience' as const, pending: null };
    expect(readText('we are a lido', position).kind).toBe('unrecognised');
    const dir = copyOfLexicons((file, json) => {
      if (file === 'en.json') json.audience.organisationTypes.push('lido');
    });
    const compiled = compileLexicon(loadLexicons(dir), loadGuardWords(dir));
    expect(readText('we are a lido', position, compiled)).toMatchObject({ kind: 'answers', taken: [{ question: 'audience', answer: 'organisation' }] });
  });
});

describe('guard.json (real words never "corrected")', () => {
  const haveDictionary = existsSync(DICTIONARY);

  (haveDictionary ? test : test.skip)('is current for the lexicon and the gazetteer (else: npm run lexicon:guard)', () => {
    const expected = guardJson(buildGuard(readFileSync(DICTIONARY, 'utf8')));
    expect(readFileSync(path.join(LEXICON_DIR, GUARD_FILE), 'utf8')).toBe(expected);
  });

  if (!haveDictionary) {
    test('is checked only where the dictionary is installed', () => {
      console.warn(`${DICTIONARY} is absent (apt-get install wbritish): guard.json's freshness is not checked here.`);
    });
  }

  test('keeps "form" from becoming "farm" and "shot" from becoming "shop"', () => {
    const position = { state: 'audience' as const, context: initialContext, onScreen: 'audience' as const, pending: null };
    expect(readText('I filled in a form', position).kind).toBe('unrecognised');
    expect(readText('farm', position)).toMatchObject({ taken: [{ answer: 'organisation' }] });
  });
});


