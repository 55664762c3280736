import { catalog } from '../../data/catalog';
import { contentFor } from '../../dialogs/content';
import { forceNameIn, unitText } from '../../dialogs/facts';
import type { BotMessage } from '../../dialogs/render';
import { Conversation } from '../support/conversation';

/**
 * Names in a Welsh conversation (second Welsh review, items 7 and 23): a team's area is named so that no user in it is
 * told they are somewhere else, and the police are named in Welsh where a Welsh name is published, as consistently as
 * the region labels name them.
 */

const cy = contentFor('cy');
const textOf = (messages: BotMessage[]) => messages.map((message) => message.text).join('\n');
const labelsOf = (messages: BotMessage[]) => messages.flatMap((message) => (message.buttons ?? []).map((button) => button.label));

function welshConversationTo(location: string): BotMessage[] {
  const conversation = new Conversation({ locale: 'cy-GB' });
  conversation.welcome();
  conversation.type('nac ydy');
  conversation.type('fi fy hun');
  return conversation.type(location);
}

describe('a team serving several force areas is not named after one of them (item 7: "De Cymru (TARIAN)" for Powys)', () => {
  const units = Object.values(catalog.units).filter((unit) => Object.values(catalog.forces).filter((force) => force.unitId === unit.id).length > 1);

  // "De Cymru" is South Wales Police's area; Powys and Ceredigion are not in it. (English "West Midlands" names the
  // region, wider than the force, as "Southern Wales" does.)
  test.each([['cy', cy, /^Heddlu /]] as const)('%s: no region label is one force\'s area alone', (_, content, policeWord) => {
    const wrong = units.flatMap((unit) => {
      const label = unitText(unit, 'regionLabel', content).replace(/\s*\([^)]*\)\s*$/, '').trim();
      const forces = Object.values(catalog.forces).filter((force) => force.unitId === unit.id);
      return forces.filter((force) => forceNameIn(force, content).replace(policeWord, '').trim() === label).map((force) => `${unit.id}: "${label}" is ${forceNameIn(force, content)}'s area alone`);
    });
    expect(wrong).toEqual([]);
  });

  test.each(['Aberystwyth', 'Y Trallwng', 'Aberhonddu', 'Casnewydd', 'Caerdydd'])('%s: "Lleoliad" names the area it is in', (place) => {
    const text = textOf(welshConversationTo(place));
    expect(text).toMatch(/- Lleoliad: [^\n]*Dyfed-Powys, Gwent a De Cymru \(TARIAN\)/);
  });
});

describe('the police in Welsh where a Welsh name is published, consistently (item 23)', () => {
  test('Northern Ireland: the PSNI by its Welsh name in the outcome\'s lead', () => {
    const text = textOf(welshConversationTo('Belfast'));
    expect(text).toContain('**Gwasanaeth Heddlu Gogledd Iwerddon (PSNI), ');
    expect(text).not.toContain('Police Service of Northern Ireland');
  });

  test('London: the Met\'s button is named as its region label names it ("Heddlu\'r Met")', () => {
    const labels = labelsOf(welshConversationTo('Llundain'));
    expect(labels).toContain("Heddlu'r Met");
    expect(labels).not.toContain('Metropolitan Police Service');
    expect(unitText(catalog.units.MET, 'regionLabel', cy)).toContain("Heddlu'r Met");
  });

  test('every Welsh name of a force or unit says where it is published, with a date, and the islands\' police (no Welsh name found) keep theirs', () => {
    const named = [...Object.values(catalog.forces), ...Object.values(catalog.units)].flatMap((body) => (body.names?.cy ? [{ id: body.id, ...body.names.cy }] : []));
    expect(named.map((name) => name.id)).toEqual(expect.arrayContaining(['psni', 'metropolitan', 'PSNI', 'MET']));
    for (const name of named) {
      expect({ id: name.id, source: /https:\/\//.test(name.source), verifiedOn: /^\d{4}-\d{2}-\d{2}$/.test(name.verifiedOn) }).toEqual({ id: name.id, source: true, verifiedOn: true });
    }
    for (const contact of catalog.national.crownDependencies) {
      const words = (cy.dataText as { crownDependencies: Record<string, { localPoliceInSentence: string }> }).crownDependencies[contact.territory];
      expect(words.localPoliceInSentence).toBe(contact.localPoliceInSentence.replace(/^the /, ''));
    }
  });
});
