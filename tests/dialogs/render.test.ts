import { catalog } from '../../data/catalog';
import type { UnitId } from '../../data/types';
import { contentFor, contentProblems, fill, MissingPlaceholderError, SUPPORTED_LANGUAGES } from '../../dialogs/content';
import en from '../../dialogs/content/en.json';
import { resolveForces } from '../../data/location';
import type { Nation } from '../../data/types';
import { shownFact, whenInWords } from '../../dialogs/facts';
import { joinedLabel, renderState, unitTitle, type BotLink } from '../../dialogs/render';
import { initialContext, OUTCOME_IDS, QUESTION_IDS, type TriageContext, type TriageStateId } from '../../machines/triage';
import { repeatsItself } from '../content/rules';
import { Conversation } from '../support/conversation';

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
    const person = regionalOutcome('PSNI', wednesday, { audience: 'individual' });
    expect(person).toContain('https://reportfraud.police.uk');
    expect(person).toMatch(/PSNI on 101 instead if the crime is happening now or happened in the last 24 hours/);
    // An organisation whose attack is over: the same rule, without a "happening now" that would contradict press 9.
    const organisation = regionalOutcome('PSNI', wednesday);
    expect(organisation).toMatch(/PSNI on 101 instead if it happened in the last 24 hours, if you know who did it, or if you need police to come out/);
    expect(organisation).toMatch(/press 9 at any time, unless you need police to come out to you: then call the PSNI on 101/);
    expect(organisation).not.toMatch(/happening now/);
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
      // Without an address: their website, or (a team with no verified page of its own) 101.
      if (!unit.email || unit.email.status !== 'verified') expect(text).toMatch(unit.website.confidence === 'unverified' ? /contact it through 101/ : /through their website/);
    }
  });
});

describe('content', () => {
  test('every state of the machine has its words', () => {
    const states = en.states as Record<string, unknown>;
    for (const id of [...QUESTION_IDS, ...OUTCOME_IDS] as TriageStateId[]) expect(states[id]).toBeDefined();
  });

  test('every language file has every key the English file has (tests/content/languages.test.ts names any missing)', () => {
    expect(SUPPORTED_LANGUAGES.length).toBeGreaterThan(1);
    expect(contentProblems()).toEqual([]);
  });

  test('an unknown locale falls back to English', () => {
    expect(contentFor('xx-YY')).toBe(en);
    expect(contentFor('en-GB')).toBe(en);
  });

  test('a missing placeholder value is an error, never "{name}" shown to a user', () => {
    expect(() => fill('Call {number}', {})).toThrow(MissingPlaceholderError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Outcomes built from a RenderContext directly: the nation comes from the answers in every state, so these hold
// whatever the machine does (a location known at the live-attack outcome, from the first message or a Change).
// ---------------------------------------------------------------------------------------------------------------

const WEDNESDAY = new Date('2026-11-18T10:30:00Z');

function outcome(
  state: 'liveAttack' | 'regionalTeam' | 'outsideUk',
  overrides: Partial<TriageContext>,
  extra: { defaultNation?: Nation; now?: Date } = {},
): { text: string; first: string; links: BotLink[]; buttons: string[]; summary: string } {
  const context: TriageContext = { ...initialContext, happening: 'yes', audience: 'organisation', ...overrides };
  const messages = renderState({ state, context, triageId: 't', now: extra.now ?? WEDNESDAY, content: en, defaultNation: extra.defaultNation });
  const main = messages[0];
  const summary = messages.find((message) => message.kind === 'summary')!;
  return {
    text: main.text,
    first: main.text.split('\n')[0],
    links: main.links ?? [],
    buttons: messages.flatMap((message) => (message.buttons ?? []).map((b) => b.label)),
    summary: summary.text,
  };
}

const GLASGOW = { location: { unitId: 'SCOT' as const, forceId: 'police-scotland' as const, label: 'Glasgow' } };
const BELFAST = { location: { unitId: 'PSNI' as const, forceId: 'psni' as const, label: 'BT1' } };
const LEEDS = { location: { unitId: 'YHROCU' as const, forceId: 'west-yorkshire' as const, label: 'LS1' } };
const WREXHAM = { location: { unitId: 'NWROCU' as const, forceId: 'north-wales' as const, label: 'LL11' } };
const island = (territory: 'JE' | 'GY' | 'IM', label: string) => ({ outside: { kind: 'crown-dependency' as const, territory, label } });

describe('the live-attack outcome for an organisation follows the nation whenever it is known', () => {
  test('Scotland leads with Police Scotland 101 and the Cyber and Fraud Centre helpline; no Report Fraud line', () => {
    const { text, first, links } = outcome('liveAttack', GLASGOW);
    expect(first).toMatch(/^\*\*Call Police Scotland now on 101/);
    expect(text).toContain('01786 437 472');
    expect(text).not.toMatch(/press 9|0300 123 2040/);
    expect(links[0]).toEqual({ label: 'Call Police Scotland (101)', url: 'tel:101' });
    expect(links.map((link) => link.url)).toEqual(['tel:101', 'tel:999', 'tel:01786437472']);
  });

  test('Northern Ireland: Report Fraud and press 9, or the PSNI for a call for service, in one sentence', () => {
    const { text, first } = outcome('liveAttack', BELFAST);
    expect(first).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9\*\*.*unless you need police to come out to you: then call the PSNI on 101\.$/);
    expect(text).not.toMatch(/instead if the crime is happening now/);
    expect(text).not.toMatch(/Police Scotland/);
  });

  test('England and Wales: Report Fraud alone, Wales included', () => {
    for (const place of [LEEDS, WREXHAM]) {
      const { text, first } = outcome('liveAttack', place);
      expect(first).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9\.\*\*/);
      expect(text).not.toMatch(/Police Scotland|PSNI/);
    }
  });

  test.each([
    ['JE', 'Jersey', /^\*\*Call the States of Jersey Police now on 612612\*\* \(01534 612612 from outside Jersey\)/],
    ['GY', 'Sark', /^\*\*Call Guernsey Police now on 222222\*\*\. Sark is outside the UK police network/],
    ['IM', 'IM1', /^\*\*Call the Isle of Man Constabulary now on 631212\*\*\. The Isle of Man is outside the UK police network/],
  ] as const)('a Crown Dependency (%s) leads with its own police, and offers no Report Fraud line or regional team', (territory, label, lead) => {
    const { text, first, links, buttons } = outcome('liveAttack', island(territory, label));
    expect(first).toMatch(lead);
    expect(text).not.toMatch(/0300 123 2040|press 9|Police Scotland/);
    expect(links[0].url).toBe(`tel:${catalog.national.crownDependencies.find((entry) => entry.territory === territory)!.policePhone.number}`);
    expect(buttons).not.toContain('Show my regional team');
  });

  test("abroad: the local police first, Change for a UK organisation, 999 for the UK, and never Report Fraud's press 9", () => {
    const { first, text, links } = outcome('liveAttack', { outside: { kind: 'abroad', label: 'France' } });
    expect(first).toMatch(/^\*\*Contact the police where you are now/);
    expect(text).toMatch(/choose \*\*Change: where you are\*\*/);
    expect(text).toMatch(/call the emergency number where you are \(999 in the UK\)/);
    expect(text).not.toMatch(/press 9|0300 123 2040/);
    expect(links).toEqual([{ label: 'Call 999 (in the UK)', url: 'tel:999' }]);
  });

  test('nation not known: England, Wales and Northern Ireland first, then "In Scotland", nothing contradicting', () => {
    const { text, first, links } = outcome('liveAttack', {});
    expect(first).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9\.\*\* .*in England, Wales and Northern Ireland under a live cyber attack\.$/);
    expect(text.indexOf('press 9')).toBeLessThan(text.indexOf('**In Scotland, call Police Scotland on 101 instead.**'));
    expect(text).not.toMatch(/Report Fraud does not cover Scotland/);
    expect(links.map((link) => link.url)).toEqual(['tel:03001232040', 'tel:101', 'tel:999']);
  });

  test("a deployment's default nation decides the lead while the location is not known", () => {
    const scottish = outcome('liveAttack', {}, { defaultNation: 'scotland' });
    expect(scottish.first).toMatch(/^\*\*In Scotland, call Police Scotland now on 101/);
    expect(scottish.text).toMatch(/In England, Wales and Northern Ireland, call Report Fraud on 0300 123 2040 and press 9 instead/);
    expect(scottish.links[0].url).toBe('tel:101');
    const northernIrish = outcome('liveAttack', {}, { defaultNation: 'northern-ireland' });
    expect(northernIrish.first).toMatch(/Call Report Fraud now .*press 9.*PSNI on 101 instead only if you need police to come out/);
    expect(outcome('liveAttack', {}, { defaultNation: 'wales' }).first).toMatch(/^\*\*Call Report Fraud now .*in England, Wales and Northern Ireland/);
  });

  test('a known location wins over the default nation', () => {
    expect(outcome('liveAttack', LEEDS, { defaultNation: 'scotland' }).first).toMatch(/^\*\*Call Report Fraud now/);
    expect(outcome('liveAttack', GLASGOW, { defaultNation: 'england' }).first).toMatch(/^\*\*Call Police Scotland now/);
  });

  test('the nation is read from the unit when no single force is known', () => {
    expect(outcome('liveAttack', { location: { unitId: 'SCOT', label: 'Scotland' } }).first).toMatch(/Police Scotland now/);
    expect(outcome('liveAttack', { location: { unitId: 'PSNI', label: 'Northern Ireland' } }).first).toMatch(/PSNI on 101/);
  });

  test('"Your answers" shows where they are, and Change for it', () => {
    const { summary, buttons } = outcome('liveAttack', GLASGOW);
    expect(summary).toContain('Based in: Glasgow (Scotland)');
    expect(buttons).toContain('Change: where you are');
  });
});

describe('an individual with an attack happening now gets their own guidance', () => {
  const person = { audience: 'individual' as const };

  test('bank first (159), secure the account from another device, Report Fraud online 24/7; no option 9', () => {
    const { text, first, links } = outcome('regionalTeam', { ...person, ...LEEDS });
    expect(first).toMatch(/If it's still happening, do this now/);
    expect(text).toMatch(/contact your bank straight away: call 159/);
    expect(text).toMatch(/phone or computer the attack hasn't affected/);
    expect(text).toMatch(/online at https:\/\/reportfraud\.police\.uk: the online service is open 24 hours a day/);
    expect(text).not.toMatch(/press 9|If an attack on an organisation/);
    expect(links[0]).toEqual({ label: 'Call 159 for your bank', url: 'tel:159' });
  });

  test('in Scotland they report to Police Scotland on 101; in Northern Ireland to the PSNI, as it is happening now', () => {
    expect(outcome('regionalTeam', { ...person, ...GLASGOW }).text).toMatch(/Report it to Police Scotland on 101\./);
    const ni = outcome('regionalTeam', { ...person, ...BELFAST });
    expect(ni.text).toMatch(/As it's happening now, report it to the PSNI on 101/);
    expect(ni.text).not.toMatch(/press 9/);
  });

  test('"not sure" counts as happening now; an attack that is over gets no live steps', () => {
    expect(outcome('regionalTeam', { ...person, ...LEEDS, happening: 'notSure' }).text).toMatch(/call 159/);
    const over = outcome('regionalTeam', { ...person, ...LEEDS, happening: 'no' });
    expect(over.text).not.toMatch(/159|do this now/);
    expect(over.text).not.toMatch(/press 9/);
  });

  test('at the live-attack outcome too, should an individual reach it', () => {
    const { text } = outcome('liveAttack', person);
    expect(text).toMatch(/call 159/);
    expect(text).toMatch(/in Scotland, to Police Scotland on 101/);
    expect(text).not.toMatch(/press 9/);
  });

  test('on an island, they report to its police', () => {
    expect(outcome('outsideUk', { ...person, ...island('JE', 'Jersey') }).text).toMatch(/Report it to the States of Jersey Police on 612612/);
  });
});

describe('an organisation whose attack is still going on is never told two different things', () => {
  test('England: no "report online at any time" after "call first"', () => {
    const { text } = outcome('regionalTeam', LEEDS);
    expect(text.split('\n')[0]).toMatch(/call 0300 123 2040 and press 9 first/);
    expect(text).toMatch(/While the attack is going on, report it to Report Fraud \(formerly Action Fraud\) by phone/);
    expect(text).not.toMatch(/at any time, or call/);
  });

  test('Northern Ireland: the one rule at the top, no "PSNI instead if the crime is happening now"', () => {
    const { text } = outcome('regionalTeam', BELFAST);
    expect(text.split('\n')[0]).toMatch(/press 9 first\*\* \(24 hours a day\), unless you need police to come out to you: then call the PSNI on 101/);
    expect(text).not.toMatch(/instead if the crime is happening now/);
    // Once it is over, the usual Northern Ireland rule applies.
    expect(outcome('regionalTeam', { ...BELFAST, happening: 'no' }).text).toMatch(/PSNI on 101 instead if it happened in the last 24 hours/);
  });
});

describe('labels', () => {
  test('no unit says its name twice', () => {
    for (const unit of Object.values(catalog.units)) {
      const title = unitTitle(unit);
      expect(repeatsItself(title)).toBeNull();
      expect(regionalOutcome(unit.id, WEDNESDAY)).toContain(`**${title}**`);
    }
    expect(unitTitle(catalog.units.MET)).toBe('Metropolitan Police Service, Cyber Crime Unit – FALCON Cyber Protect');
  });

  test('"Your answers" never repeats a place: Scotland is "Scotland", a region chosen from England is said once', () => {
    expect(outcome('regionalTeam', { location: { unitId: 'SCOT', label: 'Scotland' } }).summary).toMatch(/Based in: Scotland$/m);
    const east = catalog.units.ERSOU.regionLabel;
    expect(outcome('regionalTeam', { location: { unitId: 'ERSOU', label: east } }).summary).toContain(`Based in: ${east}\n`.trim());
    expect(outcome('regionalTeam', { location: { unitId: 'ERSOU', label: east } }).summary).not.toContain(`${east} (`);
    expect(joinedLabel('LS1', 'Yorkshire and the Humber')).toBe('LS1 (Yorkshire and the Humber)');
    expect(joinedLabel('Metropolitan Police Service', 'London (Metropolitan Police)')).toBe('Metropolitan Police Service');
  });

  test('the City of London choice says it is the Square Mile only; typed words still match the force name', () => {
    const choice = resolveForces(['metropolitan', 'city-of-london'], 'London');
    if (choice.kind !== 'choice') throw new Error('London should need a choice');
    const context: TriageContext = { ...initialContext, happening: 'no', audience: 'individual', pendingChoice: { ...choice } };
    const [question] = renderState({ state: 'locationChoice', context, triageId: 't', now: WEDNESDAY, content: en });
    const cityButton = question.buttons!.find((b) => b.value.action === 'chooseCandidate' && b.label.startsWith('City of London'))!;
    expect(cityButton.label).toBe('City of London Police (the Square Mile only)');
    expect(cityButton.text).toBe('City of London Police');
    expect(question.buttons!.find((b) => b.label.startsWith('Metropolitan'))!.label).toBe('Metropolitan Police Service');
  });
});

describe('"when to expect an answer" is said as a person would, in UK time', () => {
  const at = (iso: string) => new Date(iso);

  test('today, tomorrow, a weekday this week, a date beyond a week', () => {
    const wednesday = at('2026-11-18T07:00:00Z');
    expect(whenInWords(at('2026-11-18T09:00:00Z'), wednesday)).toBe('today at 9am');
    expect(whenInWords(at('2026-11-19T09:00:00Z'), wednesday)).toBe('tomorrow at 9am');
    expect(whenInWords(at('2026-11-23T09:30:00Z'), wednesday)).toBe('on Monday at 9:30am');
    expect(whenInWords(at('2026-11-25T09:00:00Z'), wednesday)).toBe('on Wednesday 25 November at 9am');
    expect(whenInWords(at('2027-01-04T09:00:00Z'), at('2026-12-24T18:00:00Z'))).toBe('on Monday 4 January 2027 at 9am');
  });

  test('days are UK days: just after midnight in BST is already tomorrow, whatever the server clock', () => {
    // 23:30 UTC on 15 July is 00:30 on 16 July in London: 9am BST that day is "today".
    expect(whenInWords(at('2026-07-16T08:00:00Z'), at('2026-07-15T23:30:00Z'))).toBe('today at 9am');
    expect(whenInWords(at('2026-07-16T08:00:00Z'), at('2026-07-15T22:30:00Z'))).toBe('tomorrow at 9am');
  });
});

describe('places outside the UK network', () => {
  test('abroad: no "press Back" (there is no Back button); Change: where you are is offered and named', () => {
    const { text, buttons, links } = outcome('outsideUk', { happening: 'no', outside: { kind: 'abroad', label: 'France' } });
    expect(text).not.toMatch(/press Back/i);
    expect(text).toMatch(/choose \*\*Change: where you are\*\* below/);
    expect(buttons).toContain('Change: where you are');
    expect(buttons).not.toContain('Back');
    expect(text).toMatch(/Guernsey Police, the States of Jersey Police and the Isle of Man Constabulary/);
    expect(links.map((link) => link.url)).not.toContain('tel:999');
  });

  test.each([
    ['JE', 'JE2', /Contact the States of Jersey Police on 612612 \(01534 612612 from outside Jersey\), or 999 in an emergency/, 'https://jersey.police.uk'],
    ['GY', 'Guernsey', /Contact Guernsey Police on 222222, or 999 in an emergency/, 'https://guernsey.police.uk'],
    ['IM', 'IM1', /Contact the Isle of Man Constabulary on 631212, or 999 in an emergency/, null],
  ] as const)('%s names its force and how to reach it', (territory, label, contact, website) => {
    const { text, links, summary } = outcome('outsideUk', { happening: 'no', ...island(territory, label) });
    expect(text).toMatch(contact);
    expect(text).toMatch(/outside the UK police network/);
    if (website) expect(text).toContain(`Website: ${website}`);
    else expect(text).not.toMatch(/Website:/);
    expect(text).not.toContain('iompolice');
    expect(links[0].url).toMatch(/^tel:\d{6,}$/);
    expect(summary).not.toMatch(/\((\w+ ?)+\) \(/);
  });

  test('the Isle of Man also gives its Cyber Security Centre for online reports', () => {
    expect(outcome('outsideUk', { happening: 'no', ...island('IM', 'Isle of Man') }).text).toContain(
      'You can also report it online to the Cyber Security Centre for the Isle of Man: https://csc.gov.im/cyber-concerns-online-reporting-form',
    );
  });
});

describe('the facts the issue found', () => {
  test('SEROCU no longer says "referral from Action Fraud"', () => {
    const text = regionalOutcome('SEROCU', WEDNESDAY);
    expect(text.replace(/formerly Action Fraud/g, '')).not.toContain('Action Fraud');
    expect(text).toMatch(/referral from Report Fraud \(formerly Action Fraud\)/);
  });

  test("NWROCU's link is https; TARIAN has no page of its own, so none is shown (not a careers page); NEROCU is not called 'formerly NERSOU'", () => {
    expect(regionalOutcome('NWROCU', WEDNESDAY)).toContain('Website: https://www.nwrocu.police.uk/about-us');
    const tarian = regionalOutcome('TARIAN', WEDNESDAY);
    expect(tarian).not.toMatch(/Website:|careers|south-wales\.police\.uk/);
    expect(tarian).toContain("We don't hold a verified website or e-mail address for this team: contact it through 101 (below).");
    expect(regionalOutcome('NERSOU', WEDNESDAY)).toContain('North East Regional Organised Crime Unit (NEROCU)');
    expect(regionalOutcome('NERSOU', WEDNESDAY)).not.toContain('formerly NERSOU');
  });

  test('an unverified fact is marked wherever it is shown', () => {
    expect(shownFact('0300 123 2050', { confidence: 'unverified' })).toBe('0300 123 2050 (not verified)');
    expect(shownFact('0300 123 2040', { confidence: 'third-party' })).toBe('0300 123 2040');
  });
});

describe("the turn step passes the deployment's default nation to the outcome", () => {
  test('a Police Scotland deployment leads with 101 at the live-attack outcome', () => {
    const conversation = new Conversation({ defaultNation: 'scotland' });
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0]).toMatch(/Police Scotland now on 101/);
    const elsewhere = new Conversation();
    elsewhere.welcome();
    elsewhere.click({ action: 'answerHappening', answer: 'yes' });
    elsewhere.click({ action: 'answerAudience', answer: 'organisation' });
    expect(elsewhere.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0]).toMatch(/^\*\*Call Report Fraud now/);
  });
});
