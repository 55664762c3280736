import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameNamePlaces } from '../../data/localPlaceNames';
import { resolveLocation } from '../../data/location';
import { nameKey } from '../../data/placeNames';
import { allPlaces, placeNameIn } from '../../data/places';
import type { LocationCandidate } from '../../data/types';
import { contentFor } from '../../dialogs/content';
import { describeProblem, welshProblems } from '../../dialogs/content/grammar';
import { locationIn, placeLabelOf } from '../../dialogs/facts';
import type { BotMessage } from '../../dialogs/render';
import { Conversation } from '../support/conversation';

/**
 * A Welsh name belongs to the Welsh place alone (second Welsh review, item 2: "Y Drenewydd (Cambridgeshire)",
 * "Tref-y-Clawdd (Staffordshire)", "Pen-y-bont ar Ogwr (Cumbria)", "Tyddewi (Perth and Kinross)"). Welsh names are
 * attached by the place's identity (the hand-kept place in data/places.json, or the county OS Open Names gives the
 * place), never by its English name. Held over every Welsh name the data has, as a Welsh user sees the labels.
 */

const DATA = join(__dirname, '..', '..', 'data');
const hand = JSON.parse(readFileSync(join(DATA, 'place-names', 'cy.json'), 'utf8')) as { names: Array<{ place: string; name: string }> };
const generated = JSON.parse(readFileSync(join(DATA, 'generated', 'place-names-cy.json'), 'utf8')) as { places: Array<[string, string, string]> };
const cy = contentFor('cy');
const WELSH_FORCES = ['dyfed-powys', 'gwent', 'north-wales', 'south-wales'];

/** The Welsh names the data gives one place: by its hand-kept identity, or by its name and county in OS Open Names. */
function ownWelshNames(candidate: LocationCandidate): Set<string> {
  const parts = candidate.parts!;
  const names = new Set<string>();
  for (const entry of hand.names) if (entry.place === parts.place) names.add(entry.name);
  for (const [english, county, welsh] of generated.places) {
    if (parts.counties.includes(county) && (nameKey(english) === nameKey(parts.name) || (parts.place && nameKey(english) === nameKey(parts.place)))) names.add(welsh);
  }
  return names;
}

const handKept = new Set(allPlaces().map((place) => place.name));
/** Every Welsh name of a place the data holds, with the English name a user may type for it. */
const welshNames = [
  ...hand.names.filter((entry) => handKept.has(entry.place)).map((entry) => ({ english: entry.place, welsh: entry.name })),
  ...generated.places.map(([english, , welsh]) => ({ english, welsh })),
];

function welshConversationTo(location: string): BotMessage[] {
  const conversation = new Conversation({ locale: 'cy-GB' });
  conversation.welcome();
  conversation.type('nac ydy');
  conversation.type('fi fy hun');
  return conversation.type(location);
}
const labelsOf = (messages: BotMessage[]) => messages.flatMap((message) => (message.buttons ?? []).map((button) => button.label));
const textOf = (messages: BotMessage[]) => messages.map((message) => message.text).join('\n');

describe('a Welsh name is given to its own place only, never to a namesake', () => {
  test(`over every Welsh name in the data (${welshNames.length}): each choice button names each place by its own name`, () => {
    const wrong: string[] = [];
    const grammar: string[] = [];
    let buttons = 0;
    for (const { english, welsh } of welshNames) {
      const resolution = resolveLocation(english);
      if (resolution.kind !== 'choice') continue;
      for (const candidate of resolution.candidates) {
        if (!candidate.parts) continue;
        buttons++;
        const label = placeLabelOf(candidate, cy);
        if (label.startsWith(`${welsh} (`) && !ownWelshNames(candidate).has(welsh)) wrong.push(`${english}: "${label}" (English "${candidate.label}")`);
        grammar.push(...welshProblems(label).map((problem) => describeProblem(`${english}: ${label}`, problem)));
      }
    }
    // (Fewer since a town takes its name from villages and hamlets elsewhere: "Knighton", "Bridgend" are the towns.)
    expect(buttons).toBeGreaterThan(100);
    expect([...new Set(wrong)]).toEqual([]);
    // "(Highland, yr Alban)": inside a label the article of a name after a comma takes a small letter.
    expect([...new Set(grammar)]).toEqual([]);
  });

  test('a namesake typed with its county keeps its own name: "Newtown, Cambridgeshire" is Newtown in a Welsh conversation', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { english, welsh } of welshNames) {
      const resolution = resolveLocation(english);
      if (resolution.kind !== 'choice') continue;
      for (const candidate of resolution.candidates) {
        if (!candidate.parts || candidate.parts.counties.length !== 1 || ownWelshNames(candidate).has(welsh)) continue;
        const county = candidate.parts.counties[0].split(', ')[0];
        const qualified = resolveLocation(`${english}, ${county}`);
        if (qualified.kind !== 'unit') continue;
        checked++;
        const shown = locationIn(qualified, cy);
        if (shown === welsh) wrong.push(`"${english}, ${county}" → "${shown}"`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  test('the review\'s buttons: the Welsh place by its Welsh name, its namesakes by theirs', () => {
    const newtown = labelsOf(welshConversationTo('Newtown'));
    expect(newtown).toContain('Y Drenewydd (Powys, Cymru)');
    expect(newtown).toEqual(expect.arrayContaining(['Newtown (Cambridgeshire)', 'Newtown (Cumbria)', 'Newtown (Dorset)']));
    expect(newtown.filter((label) => label.startsWith('Y Drenewydd'))).toHaveLength(1);
    const bridgend = labelsOf(welshConversationTo('Bridgend'));
    expect(bridgend).toEqual(expect.arrayContaining(['Bridgend (Cumbria)', 'Bridgend (Cernyw)', 'Bridgend (Ceredigion, Cymru)']));
    expect(bridgend.filter((label) => label.startsWith('Pen-y-bont ar Ogwr'))).toHaveLength(1);
    // A Welsh town whose namesakes elsewhere are only villages or hamlets is the town; a namesake is found with its county.
    for (const [town, force, village, villageForce] of [
      ['Knighton', 'dyfed-powys', 'Knighton, Staffordshire', 'staffordshire'],
      ['St Davids', 'dyfed-powys', 'St Davids, Perth and Kinross', 'police-scotland'],
      ['Blackwood', 'gwent', 'Blackwood, Highland', 'police-scotland'],
      ['Barry', 'south-wales', 'Barry, Angus', 'police-scotland'],
    ]) {
      const resolved = resolveLocation(town);
      expect(resolved.kind === 'unit' && resolved.forceIds).toEqual([force]);
      const other = resolveLocation(village);
      expect(other.kind === 'unit' && other.forceIds).toEqual([villageForce]);
    }
    // The question names what was typed: "Newtown", not the Welsh name of one of them.
    expect(textOf(welshConversationTo('Newtown'))).toContain('o\'r enw “Newtown”');
  });

  test('the Welsh place itself, typed either way, is still shown by its Welsh name', () => {
    expect(textOf(welshConversationTo('Y Drenewydd'))).toContain('- Lleoliad: Y Drenewydd');
    expect(textOf(welshConversationTo('Newtown, Powys'))).toContain('- Lleoliad: Y Drenewydd');
    expect(textOf(welshConversationTo('Newport, Pembrokeshire'))).toContain('- Lleoliad: Trefdraeth');
    expect(textOf(welshConversationTo('Newtown, Cambridgeshire'))).toContain('- Lleoliad: Newtown –');
    // OS's "Valley" on Anglesey is the gazetteer's "The Valley": one place, "Y Fali".
    expect(labelsOf(welshConversationTo('Valley'))).toContain('Y Fali (Ynys Môn, Cymru)');
    expect(textOf(welshConversationTo('Y Fali'))).toContain('- Lleoliad: Y Fali');
    expect(labelsOf(welshConversationTo('Deeside'))).toEqual(expect.arrayContaining(['Deeside (Aberdeenshire, yr Alban)']));
  });
});

describe('every place in Wales is shown in Welsh in a Welsh conversation, or is checked as written the same', () => {
  const inWales = allPlaces().filter((place) => place.nation === 'wales' || place.forces.some((force) => WELSH_FORCES.includes(force)));
  const same = new Set(sameNamePlaces('cy'));

  test(`each of the ${inWales.length} hand-kept places in Wales has its Welsh name, or is listed as written the same`, () => {
    const shownInEnglish = inWales.filter((place) => !placeNameIn(place.name, 'cy', { place: place.name }) && !same.has(place.name)).map((place) => place.name);
    expect(shownInEnglish).toEqual([]);
    // A place listed as written the same has no other Welsh name in the data; each listed is a hand-kept place in Wales.
    expect([...same].filter((name) => placeNameIn(name, 'cy', { place: name }))).toEqual([]);
    expect([...same].filter((name) => !inWales.some((place) => place.name === name))).toEqual([]);
  });

  test.each([
    ['Canolbarth Cymru', 'Mae Canolbarth Cymru yn cynnwys'],
    ['Gorllewin Cymru', 'Gorllewin Cymru'],
    ['Glannau Dyfrdwy', '- Lleoliad: Glannau Dyfrdwy'],
    ['Deeside Wales', '- Lleoliad: Glannau Dyfrdwy'],
    ['Mid Wales', 'Mae Canolbarth Cymru yn cynnwys'],
    ['Pontypool', '- Lleoliad: Pont-y-pŵl'],
    ['Treforys', '- Lleoliad: Treforys'],
  ])('"%s" is shown in Welsh: "%s"', (typed, shown) => {
    const text = textOf(welshConversationTo(typed));
    expect(text).toContain(shown);
    expect(text).not.toMatch(/Mid Wales|West Wales|Deeside|Pontypool|Morriston/);
  });

  test('Knighton is "Trefyclo" (the standardised name); "Tref-y-clawdd", "Trefyclo" and "Llanbed" are understood', () => {
    expect(textOf(welshConversationTo('Knighton, Powys'))).toContain('- Lleoliad: Trefyclo');
    for (const typed of ['Trefyclo', 'Tref-y-clawdd', 'Llanbed', 'yn Llanbed']) {
      const text = textOf(welshConversationTo(typed));
      expect({ typed, team: text.includes('TARIAN') }).toEqual({ typed, team: true });
    }
    expect(textOf(welshConversationTo('Llanbed'))).toContain('- Lleoliad: Llanbedr Pont Steffan');
  });
});
