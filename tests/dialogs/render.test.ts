import { catalog } from '../../data/catalog';
import type { UnitId } from '../../data/types';
import { contentFor, fill, MissingPlaceholderError, SUPPORTED_LANGUAGES } from '../../dialogs/content';
import en from '../../dialogs/content/en.json';
import { renderState } from '../../dialogs/render';
import { initialContext, OUTCOME_IDS, QUESTION_IDS, type TriageContext, type TriageStateId } from '../../machines/triage';

function regionalOutcome(unitId: UnitId, now: Date, overrides: Partial<TriageContext> = {}): string {
  const context: TriageContext = {
    ...initialContext,
    happening: 'no',
    audience: 'organisation',
    location: { unitId, label: 'test' },
    ...overrides,
  };
  return renderState({ state: 'regionalTeam', context, triageId: 't', now, content: en })
    .map((message) => message.text)
    .join('\n\n');
}

describe('office hours on the regional outcome (UK time, per nation)', () => {
  test('a weekday in GMT, in hours: no closed note', () => {
    const text = regionalOutcome('ERSOU', new Date('2026-01-14T10:00:00Z'));
    expect(text).not.toMatch(/expect an answer from/);
    expect(text).toMatch(/doesn't publish its hours; we assume Monday to Friday, 9am to 5pm/);
  });

  test('a weekday in BST just after closing (17:30 BST = 16:30 UTC) says when to expect an answer', () => {
    const text = regionalOutcome('ERSOU', new Date('2026-07-15T16:30:00Z'));
    expect(text).toMatch(/closed for the day: expect an answer once it opens tomorrow at 9am/);
    expect(text).toMatch(/not monitored 24\/7.*0300 123 2040 and press 9/);
  });

  test('a weekday in BST before opening (08:30 BST = 07:30 UTC)', () => {
    expect(regionalOutcome('ERSOU', new Date('2026-07-15T07:30:00Z'))).toMatch(/isn't open yet: expect an answer once it opens today at 9am/);
  });

  test('a Saturday points to Monday', () => {
    expect(regionalOutcome('SWROCU', new Date('2026-11-21T12:00:00Z'))).toMatch(/the weekend, so the team is closed: expect an answer once it opens on Monday at 9am/);
  });

  test("St Andrew's Day is a bank holiday in Scotland only", () => {
    const stAndrews = new Date('2026-11-30T11:00:00Z');
    expect(regionalOutcome('SCOT', stAndrews)).toMatch(/bank holiday \(St Andrew.s Day\).*once it opens tomorrow at 9am/);
    // On that Tuesday itself, before opening: "today", not the date.
    expect(regionalOutcome('SCOT', new Date('2026-12-01T08:00:00Z'))).toMatch(/once it opens today at 9am/);
    expect(regionalOutcome('NWROCU', stAndrews)).not.toMatch(/bank holiday/);
  });

  test("St Patrick's Day is a bank holiday in Northern Ireland only", () => {
    const stPatricks = new Date('2026-03-17T11:00:00Z');
    expect(regionalOutcome('PSNI', stPatricks)).toMatch(/bank holiday \(St Patrick.s Day\)/);
    expect(regionalOutcome('TARIAN', stPatricks)).not.toMatch(/bank holiday/);
  });

  test('Christmas Eve evening skips Christmas and Boxing Day (substitute) in England and Wales', () => {
    expect(regionalOutcome('MET', new Date('2026-12-24T18:00:00Z'))).toMatch(/once it opens on Tuesday at 9am/);
  });
});

describe('the reporting route follows the nation', () => {
  const wednesday = new Date('2026-11-18T10:30:00Z');

  test('England and Wales: Report Fraud online or by phone in its hours', () => {
    const text = regionalOutcome('TARIAN', wednesday);
    expect(text).toContain('Report Fraud (formerly Action Fraud) online at https://reportfraud.police.uk');
    expect(text).toContain('0300 123 2040 (Monday to Friday, 8am to 8pm)');
    expect(text).not.toMatch(/PSNI/);
  });

  test('Northern Ireland: Report Fraud, or PSNI 101 for a crime in progress or in the last 24 hours', () => {
    const text = regionalOutcome('PSNI', wednesday);
    expect(text).toContain('https://reportfraud.police.uk');
    expect(text).toMatch(/PSNI on 101 instead if the crime is happening now or happened in the last 24 hours/);
  });

  test('Scotland: Police Scotland 101, not Report Fraud; organisations also get the incident helpline', () => {
    const text = regionalOutcome('SCOT', wednesday);
    expect(text).toMatch(/Report it to Police Scotland on 101/);
    expect(text).toMatch(/Report Fraud does not cover Scotland/);
    expect(text).toContain('01786 437 472');
    expect(regionalOutcome('SCOT', wednesday, { audience: 'individual' })).not.toContain('01786 437 472');
  });

  test('a live attack on an organisation puts the 24/7 line first, even on the regional outcome', () => {
    const text = regionalOutcome('MET', wednesday, { happening: 'yes' });
    expect(text.split('\n')[0]).toMatch(/call 0300 123 2040 and press 9 first/);
    expect(regionalOutcome('SCOT', wednesday, { happening: 'notSure' }).split('\n')[0]).toMatch(
      /call Police Scotland on 101 first/,
    );
  });
});

describe('e-mail addresses', () => {
  test('no unverified address is ever shown, on any unit', () => {
    const wednesday = new Date('2026-11-18T10:30:00Z');
    for (const unit of Object.values(catalog.units)) {
      const text = regionalOutcome(unit.id, wednesday);
      if (unit.email && unit.email.status !== 'verified') expect(text).not.toContain(unit.email.address);
      if (!unit.email || unit.email.status !== 'verified') expect(text).toMatch(/through their website/);
    }
  });
});

describe('content', () => {
  test('every state of the machine has its words', () => {
    const states = en.states as Record<string, unknown>;
    for (const id of [...QUESTION_IDS, ...OUTCOME_IDS] as TriageStateId[]) expect(states[id]).toBeDefined();
  });

  test('every language file has every key the English file has', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, child]) => keys(child, `${prefix}${key}.`))
        : [prefix];
    for (const language of SUPPORTED_LANGUAGES) expect(keys(contentFor(language))).toEqual(keys(en));
  });

  test('an unknown locale falls back to English', () => {
    expect(contentFor('xx-YY')).toBe(en);
    expect(contentFor('en-GB')).toBe(en);
  });

  test('a missing placeholder value is an error, never "{name}" shown to a user', () => {
    expect(() => fill('Call {number}', {})).toThrow(MissingPlaceholderError);
  });
});
