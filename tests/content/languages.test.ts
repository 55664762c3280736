import { readdirSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../../data/catalog';
import { bankHolidaysFor } from '../../data/calendar';
import {
  compareWithEnglish,
  CONTENT_DIR,
  contentFor,
  contentProblems,
  languageSelectors,
  SUPPORTED_LANGUAGES,
  type DataText,
} from '../../dialogs/content';
import en from '../../dialogs/content/en.json';
import { placeIn } from '../../dialogs/facts';
import { loadLexicons } from '../../data/lexicon';

/**
 * Every language file is held to the English one: the same keys, the same placeholders in each string. A file
 * dropped in dialogs/content (a third language) is found and checked the same way, with no code change.
 */

const OTHER_LANGUAGES = SUPPORTED_LANGUAGES.filter((language) => language !== 'en');

describe('language files', () => {
  test('every language with a file in dialogs/content is supported, English first', () => {
    const files = readdirSync(CONTENT_DIR)
      .filter((file) => /^[a-z]{2,3}\.json$/.test(file))
      .map((file) => file.replace(/\.json$/, ''));
    expect(SUPPORTED_LANGUAGES[0]).toBe('en');
    expect([...SUPPORTED_LANGUAGES].sort()).toEqual(files.sort());
    expect(SUPPORTED_LANGUAGES).toContain('cy');
  });

  // The test that names any key a language file lacks (after other work adds English keys, this lists what to translate).
  test.each(OTHER_LANGUAGES)('%s.json has every key of en.json, with the same placeholders', (language) => {
    const problems = contentProblems()
      .filter((problem) => problem.language === language)
      .map((problem) => `${language}.json: "${problem.key}" ${problem.problem}`);
    expect(problems).toEqual([]);
  });

  test('the comparison catches a missing key, a key English does not have, and a changed placeholder', () => {
    const welsh = JSON.parse(JSON.stringify(contentFor('cy'))) as Record<string, any>;
    delete welsh.states.happeningNow.prompt;
    welsh.states.audience.surplus = 'Dim';
    welsh.replies.directNumbers = welsh.replies.directNumbers.replace('{reportFraudPhone}', '{reportFraudNumber}');
    welsh.states.liveAttack.steps = welsh.states.liveAttack.steps.slice(0, 2);
    const { content, problems } = compareWithEnglish('xx', welsh);
    expect(problems.map((problem) => problem.key).sort()).toEqual(
      ['replies.directNumbers', 'states.audience.surplus', 'states.happeningNow.prompt', 'states.liveAttack.steps'].sort(),
    );
    expect(problems.find((problem) => problem.key === 'replies.directNumbers')?.problem).toMatch(/placeholders \{.*reportFraudNumber.*\} but en.json has \{.*reportFraudPhone.*\}/);
    // What a user would see is English for those strings, never a crash or "{reportFraudNumber}".
    expect(content.states.happeningNow.prompt).toBe(en.states.happeningNow.prompt);
    expect(content.replies.directNumbers).toBe(en.replies.directNumbers);
    expect(content.states.audience.prompt).toBe(contentFor('cy').states.audience.prompt);
  });

  test('a third language is a file: a copy of cy.json under another code passes the same rule', () => {
    const third = { ...JSON.parse(JSON.stringify(contentFor('cy'))), locale: 'gd-GB', lang: 'gd' };
    expect(compareWithEnglish('gd', third).problems).toEqual([]);
  });

  test('English is the source; every other language says whether a qualified translator has reviewed it', () => {
    expect(en.translation.status).toBe('source');
    for (const language of OTHER_LANGUAGES) {
      const translation = contentFor(language).translation;
      expect(['awaiting-review', 'reviewed']).toContain(translation.status);
      expect(translation.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(contentFor('cy').translation.status).toBe('awaiting-review');
    expect(contentFor('cy').translation.note).toMatch(/qualified Welsh translator/);
  });

  test('each language names itself, and no word chooses two languages', () => {
    const owners = new Map<string, string>();
    for (const language of SUPPORTED_LANGUAGES) {
      const words = contentFor(language).language;
      expect(words.name.trim()).not.toBe('');
      for (const selector of [words.name, ...words.selectors]) {
        const key = selector.toLowerCase();
        expect(owners.get(key) ?? language).toBe(language);
        owners.set(key, language);
      }
    }
    expect(languageSelectors().get('cymraeg')).toBe('cy');
    expect(languageSelectors().get('welsh')).toBe('cy');
    expect(languageSelectors().get('english')).toBe('en');
    expect(languageSelectors().get('saesneg')).toBe('en');
  });

  test('each language has a lexicon in data/lexicon (what it understands)', () => {
    const lexicons = loadLexicons().map((lexicon) => lexicon.language);
    for (const language of SUPPORTED_LANGUAGES) expect(lexicons).toContain(language);
  });

  test("the content's locale and lang are language tags of its own language", () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const content = contentFor(language);
      expect(content.locale.toLowerCase().split('-')[0]).toBe(language);
      expect(content.lang.toLowerCase().split('-')[0]).toBe(language);
    }
    expect(contentFor('cy').lang).toBe('cy');
  });
});

describe("data/'s English prose, in every other language", () => {
  // data/ is written in English; each other language carries its words for what a user would see from it.
  test.each(OTHER_LANGUAGES)('%s: every unit, the City of London note, the islands, the nations and every bank holiday', (language) => {
    const text = contentFor(language).dataText as DataText;
    const missing: string[] = [];
    for (const unit of Object.values(catalog.units)) {
      for (const field of ['teamName', 'regionLabel', 'phoneNote'] as const) if (!text.units?.[unit.id]?.[field]) missing.push(`units.${unit.id}.${field}`);
    }
    for (const force of Object.values(catalog.forces)) if (force.choiceNote && !text.forces?.[force.id]?.choiceNote) missing.push(`forces.${force.id}.choiceNote`);
    for (const contact of catalog.national.crownDependencies) {
      for (const field of ['name', 'nameInSentence', 'localPoliceInSentence'] as const) {
        if (!text.crownDependencies?.[contact.territory]?.[field]) missing.push(`crownDependencies.${contact.territory}.${field}`);
      }
    }
    // The nations' names come from the language's place names (data/place-names/<language>.json) or the content's own.
    for (const place of ['England', 'Wales', 'Scotland', 'Northern Ireland', 'Outside the UK']) if (placeIn(place, contentFor(language)) === place) missing.push(`places.${place}`);
    const titles = new Set<string>();
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      for (let year = 2024; year <= 2045; year++) for (const holiday of bankHolidaysFor(division, year)) titles.add(holiday.title);
    }
    for (const title of titles) if (!text.holidays?.[title]) missing.push(`holidays.${title}`);
    if (!text.holidays?.['(substitute day)']) missing.push('holidays.(substitute day)');
    expect(missing).toEqual([]);
  });
});

describe('Welsh names of the forces and units', () => {
  test('the four Welsh forces have the Welsh name they publish, each with its source; Police Scotland a published one', () => {
    const expected: Record<string, string> = {
      'south-wales': 'Heddlu De Cymru',
      'north-wales': 'Heddlu Gogledd Cymru',
      'dyfed-powys': 'Heddlu Dyfed-Powys',
      gwent: 'Heddlu Gwent',
    };
    for (const [id, name] of Object.entries(expected)) {
      const welsh = catalog.forces[id as keyof typeof catalog.forces].names?.cy;
      expect(welsh?.name).toBe(name);
      expect(welsh?.confidence).toBe('sourced');
      expect(welsh?.source).toMatch(/https:\/\/(www\.)?[a-z-]+\.police\.uk\/.+/);
    }
    const scotland = catalog.forces['police-scotland'].names?.cy;
    expect(scotland).toMatchObject({ name: "Heddlu'r Alban", confidence: 'third-party' });
    expect(scotland?.source).toMatch(/stopthinkfraud\.campaign\.gov\.uk\/cy/);
    // The City of London Police publishes no Welsh; the Welsh Government's Business Wales pages name it (second review I4).
    for (const body of [catalog.forces['city-of-london'], catalog.units.COLP]) {
      expect(body.names?.cy).toMatchObject({ name: 'Heddlu Dinas Llundain', confidence: 'third-party' });
      expect(body.names?.cy?.source).toMatch(/businesswales\.gov\.wales\/.*\/cy\//);
    }
  });

  test('every Welsh name has a source, a date, and a confidence that allows it to be shown', () => {
    const named = [...Object.values(catalog.forces), ...Object.values(catalog.units)].filter((body) => body.names);
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const body of named) {
      for (const name of Object.values(body.names ?? {})) {
        expect(name!.source.length).toBeGreaterThan(20);
        expect(name!.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  test('the Welsh names are typed answers too: "Heddlu Gwent" is Gwent', async () => {
    const { resolveLocation } = await import('../../data/location');
    for (const [typed, force] of [['Heddlu Gwent', 'gwent'], ['heddlu de cymru', 'south-wales'], ['Heddlu Gogledd Cymru', 'north-wales'], ['Heddlu Dyfed-Powys', 'dyfed-powys'], ['Heddlu Dinas Llundain', 'city-of-london']]) {
      const location = resolveLocation(typed);
      expect(location.kind === 'unit' ? location.forceIds : location).toEqual([force]);
    }
  });
});

test('the content folder holds nothing the loader would skip by mistake', () => {
  const stray = readdirSync(CONTENT_DIR).filter((file) => file.endsWith('.json') && !/^[a-z]{2,3}\.json$/.test(file));
  expect(stray).toEqual([]);
  expect(path.basename(CONTENT_DIR)).toBe('content');
});
