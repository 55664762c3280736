import { resolveLocation } from '../../data/location';
import { allowedEdits, suggestPlace } from '../../data/places';
import type { LocationResolution, UnitId } from '../../data/types';

function unitOf(resolution: LocationResolution): UnitId | string {
  return resolution.kind === 'unit' ? resolution.unitId : resolution.kind;
}

describe('resolveLocation: places issue 12 found routed to the wrong unit', () => {
  it.each<[string, UnitId, string]>([
    ['North Charlton', 'NERSOU', 'northumbria'], // was the Met, on "Charlton"
    ['Bridgend of Lintrathen', 'SCOT', 'police-scotland'], // was TARIAN, on "Bridgend"
    ['East Morden', 'SWROCU', 'dorset'], // was the Met, on "Morden"
  ])('%s → %s (%s)', (text, unitId, forceId) => {
    expect(resolveLocation(text)).toEqual({ kind: 'unit', unitId, forceIds: [forceId], label: text });
  });
});

describe('resolveLocation: misspellings become "Did you mean …?", never a route', () => {
  it.each<[string, string, UnitId]>([
    ['Manchster', 'Manchester', 'NWROCU'],
    ['Birmingam', 'Birmingham', 'WMROCU'],
    ['Edinburough', 'Edinburgh', 'SCOT'],
    ['Middlesborough', 'Middlesbrough', 'NERSOU'],
    ['manchster', 'Manchester', 'NWROCU'],
    ["I'm in Birmingam", 'Birmingham', 'WMROCU'],
    ['we are a charity in Edinburough', 'Edinburgh', 'SCOT'],
    ['Cardif', 'Cardiff', 'TARIAN'],
    ['Scottland', 'Scotland', 'SCOT'],
  ])('%j → Did you mean %s?', (text, label, unitId) => {
    const resolution = resolveLocation(text);
    expect(resolution).toMatchObject({ kind: 'suggestion', label });
    if (resolution.kind !== 'suggestion') throw new Error();
    expect(unitOf(resolution.resolution)).toBe(unitId);
  });

  it('a suggestion always carries a definite resolution, never unknown or another suggestion', () => {
    for (const text of ['Manchster', 'Newprot', 'north Leeds', 'Stoke on Trnt']) {
      const resolution = resolveLocation(text);
      if (resolution.kind !== 'suggestion') continue;
      expect(['unit', 'choice', 'crown-dependency', 'abroad']).toContain(resolution.resolution.kind);
    }
  });

  it('scales the edits allowed to the length: short words must be exact', () => {
    expect([3, 4, 5, 8, 9, 14].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(resolveLocation('Lees')).toEqual({ kind: 'unknown' }); // one letter from Leeds, but only four letters
    expect(resolveLocation('Mnchstr')).toEqual({ kind: 'unknown' }); // three edits from Manchester
  });

  it('ordinary words and descriptions come close to nothing', () => {
    for (const text of ['hacked', 'business', 'ransomware', 'my email was hacked', 'I clicked a link', 'yes please', 'not sure']) {
      expect(resolveLocation(text)).toEqual({ kind: 'unknown' });
    }
  });
});

describe('resolveLocation: no routing on part of a name', () => {
  it('a known name inside a longer unknown one is only a suggestion ("north Leeds" → Did you mean Leeds?)', () => {
    expect(resolveLocation('north Leeds')).toMatchObject({ kind: 'suggestion', label: 'Leeds' });
    expect(resolveLocation('Upper Manchester')).toMatchObject({ kind: 'suggestion', label: 'Manchester' });
    expect(resolveLocation('Vale of Cardiff')).toMatchObject({ kind: 'suggestion', label: 'Cardiff' });
    expect(suggestPlace('Leeds Green')).toMatchObject({ label: 'Leeds' });
  });

  it('a name after ordinary words still counts: the sentence is about where they are', () => {
    expect(resolveLocation("we're a school in Caerdydd")).toEqual({ kind: 'unit', unitId: 'TARIAN', forceIds: ['south-wales'], label: 'Cardiff' });
    expect(resolveLocation("I'm in Leeds")).toEqual({ kind: 'unit', unitId: 'YHROCU', forceIds: ['west-yorkshire'], label: 'Leeds' });
    expect(resolveLocation('our offices are just outside Leeds')).toMatchObject({ kind: 'unit', unitId: 'YHROCU', label: 'Leeds' });
    expect(resolveLocation('Leeds city centre')).toMatchObject({ kind: 'unit', unitId: 'YHROCU', label: 'Leeds' });
  });

  it('a short answer with a word no known name accounts for is a longer name the gazetteer lacks: only a suggestion', () => {
    expect(resolveLocation('Charlton Kings')).toMatchObject({ kind: 'suggestion', label: 'Charlton' });
    expect(resolveLocation('Cardiff Bay')).toMatchObject({ kind: 'suggestion', label: 'Cardiff' });
    // "London Colney" (Hertfordshire) is not London, nor Colney (Norfolk): two names side by side say nothing sure.
    expect(resolveLocation('London Colney')).toEqual({ kind: 'unknown' });
    expect(resolveLocation('Leeds Manchester')).toEqual({ kind: 'unknown' });
  });

  it('words about the organisation around a place leave it a place', () => {
    for (const text of ['Leeds office', 'our Leeds office', 'Leeds based', 'Leeds office was hacked']) {
      expect(resolveLocation(text)).toMatchObject({ kind: 'unit', unitId: 'YHROCU', label: 'Leeds' });
    }
  });

  it('two places stay ambiguous', () => {
    expect(resolveLocation('Leeds or Manchester')).toEqual({ kind: 'unknown' });
    expect(resolveLocation("I'm not in London, I'm in Leeds")).toEqual({ kind: 'unknown' });
  });
});

describe('resolveLocation: postcodes', () => {
  it.each(['B', 'E', 'ME', 'BH', 'LS'])('a bare area in capitals (%s) asks for more', (area) => {
    expect(resolveLocation(area)).toMatchObject({ kind: 'choice', askFullPostcode: true, label: area });
  });

  it('lower-case "me" and single letters are words, not areas', () => {
    expect(resolveLocation('me')).toEqual({ kind: 'unknown' });
    expect(resolveLocation('b')).toEqual({ kind: 'unknown' });
  });

  it('a full postcode resolves to its force; the stored label is the district', () => {
    expect(resolveLocation('GL56 0PF')).toEqual({ kind: 'unit', unitId: 'SEROCU', forceIds: ['thames-valley'], label: 'GL56' });
    expect(resolveLocation('our office is at BD23 3FE')).toEqual({ kind: 'unit', unitId: 'NWROCU', forceIds: ['lancashire'], label: 'BD23' });
  });
});

describe('resolveLocation: labels are canonical names from data/, never the user\'s words', () => {
  it.each(['  leeds!! ', 'LEEDS', "i'm in leeds", 'caerdydd', 'north charlton', 'newport', 'manchster', 'Leeds, Kent'])('%j', (text) => {
    const resolution = resolveLocation(text);
    const labels = JSON.stringify(resolution).match(/"label":"[^"]*"/g) ?? [];
    for (const label of labels) expect(label).not.toContain(text.trim());
  });
});

describe('resolveLocation: a county that spans forces asks, though it is also a force\'s name', () => {
  it('"Lincolnshire" covers Lincolnshire Police and, in the north, Humberside Police', () => {
    expect(resolveLocation('Lincolnshire')).toMatchObject({
      kind: 'choice',
      candidates: [{ forceId: 'lincolnshire' }, { forceId: 'humberside' }],
    });
  });

  it('a force typed by name is that force', () => {
    expect(resolveLocation('Lincolnshire Police')).toMatchObject({ kind: 'unit', unitId: 'EMSOU', forceIds: ['lincolnshire'] });
    expect(resolveLocation('Kent')).toMatchObject({ kind: 'unit', unitId: 'ERSOU', forceIds: ['kent'] });
  });
});
