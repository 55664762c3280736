import { catalog, forcesOfUnit } from '../../data/catalog';
import type { Nation } from '../../data/types';
import en from '../../dialogs/content/en.json';
import { renderState, type BotMessage, type RenderContext } from '../../dialogs/render';
import { initialContext, type AudienceAnswer, type HappeningAnswer, type OutsideUk, type TriageContext } from '../../machines/triage';
import { Conversation } from '../support/conversation';
import { forwardJourneys, kindJourneys, replayJourney } from '../support/journeys';
import { contentViolations, repeatsItself } from './rules';

/**
 * The content rules (tests/content/rules.ts) over every outcome of every journey the machine gives, in every kind
 * of deployment and at times when the teams are open and closed; and over outcomes built directly for every place,
 * person and answer, including ones today's machine cannot reach yet (a location known at the live-attack outcome).
 */

const NATIONS: Array<Nation | undefined> = [undefined, 'england', 'wales', 'scotland', 'northern-ireland'];
const TIMES = {
  'Wednesday morning': new Date('2026-11-18T10:30:00Z'),
  'Saturday evening': new Date('2026-11-21T19:00:00Z'),
  "St Andrew's Day": new Date('2026-11-30T11:00:00Z'),
};

function describeViolations(violations: Array<{ rule: string; detail: string }>): string[] {
  return violations.map((violation) => `${violation.rule}: ${violation.detail}`);
}

function message(text: string, extra: Partial<BotMessage> = {}): BotMessage {
  return { kind: 'outcome', text, ...extra };
}

describe('the rules find what the issue reported', () => {
  const organisation: TriageContext = { ...initialContext, happening: 'yes', audience: 'organisation' };
  const person: TriageContext = { ...initialContext, happening: 'no', audience: 'individual' };
  const rulesBroken = (messages: BotMessage[], context: TriageContext = organisation) =>
    contentViolations(messages, context).map((violation) => violation.rule);

  test('the online-form contradiction', () => {
    expect(rulesBroken([message("- Don't use the online reporting form for an attack that is still going on: call.\n\nReport it online at https://reportfraud.police.uk at any time.")])).toContain('contradiction');
  });

  test('Report Fraud first for a place it does not cover', () => {
    expect(rulesBroken([message('**Call Report Fraud now on 0300 123 2040 and press 9.**\n\nJersey is outside the UK police network.')])).toContain('contradiction');
    expect(rulesBroken([message('Call 0300 123 2040 and press 9. Report Fraud does not cover Scotland.')])).toContain('contradiction');
  });

  test('the Northern Ireland pair', () => {
    expect(rulesBroken([message('**If the attack is still going on, call 0300 123 2040 and press 9 first**\n\nCall the PSNI on 101 instead if the crime is happening now or happened in the last 24 hours.')])).toContain('contradiction');
  });

  test('the option-9 line for an individual', () => {
    expect(rulesBroken([message('If an attack on an organisation starts or is still going on, call 0300 123 2040 and press 9 at any time.')], person)).toContain('not for individuals');
  });

  test('labels that repeat themselves', () => {
    expect(repeatsItself('Scotland (Scotland)')).not.toBeNull();
    expect(repeatsItself('East of England (including Kent) (East of England (including Kent))')).not.toBeNull();
    expect(repeatsItself('Metropolitan Police Service (Cyber Crime Unit – FALCON Cyber Protect), Cyber Crime Unit – FALCON Cyber Protect')).not.toBeNull();
    expect(repeatsItself('LS1 (Yorkshire and the Humber)')).toBeNull();
    expect(rulesBroken([message('x', { facts: [{ title: 'Based in', value: 'Scotland (Scotland)' }] })])).toContain('label repeats itself');
    expect(rulesBroken([message('x', { links: [{ label: 'Open the the States of Jersey Police website', url: 'https://jersey.police.uk' }] })])).toContain('label repeats itself');
  });

  test('"Action Fraud" other than as the former name', () => {
    expect(rulesBroken([message("cases are taken only by referral from Action Fraud")])).toContain('Action Fraud');
    expect(rulesBroken([message('Report Fraud (formerly Action Fraud)')])).not.toContain('Action Fraud');
  });

  test('a plain http:// link', () => {
    expect(rulesBroken([message('Website: http://www.nwrocu.police.uk/about-us')])).toContain('https');
    expect(rulesBroken([message('x', { links: [{ label: 'Open', url: 'http://example.police.uk' }] })])).toContain('https');
  });

  test('an unverified fact shown as sure, and shown with its mark', () => {
    const textphone = catalog.national.reportFraud.textphone;
    expect(textphone.confidence).toBe('unverified');
    expect(rulesBroken([message(`Textphone: ${textphone.number}`)])).toContain('unverified fact');
    expect(rulesBroken([message(`Textphone: ${textphone.number} (not verified)`)])).not.toContain('unverified fact');
    expect(rulesBroken([message('The team has closed for the day: expect an answer once it opens tomorrow at 9am.')])).toContain('unverified fact');
  });

  test('"press Back" with no Back button', () => {
    expect(rulesBroken([message('If your organisation is based in the UK, press Back and tell me where it is based.')])).toContain('missing button');
  });
});

describe.each(forwardJourneys().map((journey) => [journey.name, journey] as const))('journey %s', (_name, journey) => {
  test('every outcome keeps the content rules, in every deployment and at any time', () => {
    const problems: string[] = [];
    for (const defaultNation of NATIONS) {
      for (const [when, now] of Object.entries(TIMES)) {
        const conversation = new Conversation({ defaultNation });
        conversation.now = now;
        replayJourney(journey, conversation);
        expect(conversation.lastState()).toBe(journey.outcome);
        for (const problem of describeViolations(contentViolations(conversation.replies, journey.context))) {
          problems.push(`[${defaultNation ?? 'no default nation'}, ${when}] ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the rules for what happened find what the issue reported', () => {
  const withKind = (kind: TriageContext['kind'], audience: TriageContext['audience'] = 'individual'): TriageContext => ({ ...initialContext, happening: 'yes', audience, kind });
  const rulesBroken = (messages: BotMessage[], context: TriageContext) => contentViolations(messages, context).map((violation) => violation.rule);

  test('sextortion steps never send the person to their bank', () => {
    expect(rulesBroken([message('- If money or your bank details are involved, contact your bank straight away: call 159.')], withKind('sextortion'))).toContain('not for this kind');
    expect(rulesBroken([message('x', { links: [{ label: 'Call 159 for your bank', url: 'tel:159' }] })], withKind('sextortion'))).toContain('not for this kind');
    expect(rulesBroken([message("- Don't pay and don't negotiate.")], withKind('sextortion'))).not.toContain('not for this kind');
  });

  test('a scam message not acted on raises no bank alarm', () => {
    expect(rulesBroken([message('contact your bank straight away: call 159')], withKind('phishingIgnored'))).toContain('not for this kind');
    expect(rulesBroken([message('contact your bank straight away: call 159')], withKind('phishingActedOn'))).not.toContain('not for this kind');
  });

  test('a live organisation sees the 24/7 line first', () => {
    const organisation = withKind('ransomware', 'organisation');
    const lead = message('**Call Report Fraud now on 0300 123 2040 and press 9.** The line is open 24 hours a day.', { state: 'liveAttack' });
    expect(rulesBroken([lead], organisation)).not.toContain('24/7 line first');
    expect(rulesBroken([{ kind: 'steps', text: '**First steps: ransomware**' }, lead], organisation)).toContain('24/7 line first');
    expect(rulesBroken([message('**First steps: ransomware**', { state: 'liveAttack' })], organisation)).toContain('24/7 line first');
  });
});

describe.each(kindJourneys().map((journey) => [journey.name, journey] as const))('kind journey %s', (_name, journey) => {
  test('keeps the content rules', () => {
    const conversation = replayJourney(journey, new Conversation());
    expect(conversation.lastState()).toBe(journey.outcome);
    expect(describeViolations(contentViolations(conversation.replies, journey.context))).toEqual([]);
  });
});

/** Every place an answer can hold: each force (so each nation and unit), each unit as a whole, each island, abroad. */
const LOCATIONS: Array<Pick<TriageContext, 'location' | 'outside'>> = [
  ...Object.values(catalog.forces).map((force) => ({ location: { unitId: force.unitId, forceId: force.id, label: force.name }, outside: null })),
  ...Object.values(catalog.units).map((unit) => ({ location: { unitId: unit.id, label: unit.regionLabel }, outside: null })),
  ...Object.values(catalog.units).map((unit) => ({ location: { unitId: unit.id, label: 'AB1' }, outside: null })),
  ...catalog.national.crownDependencies.flatMap((entry) =>
    [entry.name, `${entry.territory}1`].map((label) => ({ location: null, outside: { kind: 'crown-dependency', territory: entry.territory, label } as OutsideUk })),
  ),
  { location: null, outside: { kind: 'abroad', label: 'France' } },
  { location: null, outside: { kind: 'abroad', label: 'Outside the UK' } },
];

const HAPPENING: HappeningAnswer[] = ['yes', 'no', 'notSure'];
const AUDIENCES: AudienceAnswer[] = ['organisation', 'individual'];

function directRenders(): Array<{ name: string; render: RenderContext }> {
  const renders: Array<{ name: string; render: RenderContext }> = [];
  for (const happening of HAPPENING) {
    for (const audience of AUDIENCES) {
      for (const place of [{ location: null, outside: null }, ...LOCATIONS]) {
        for (const defaultNation of NATIONS) {
          const context: TriageContext = { ...initialContext, happening, audience, ...place };
          const states = [
            'liveAttack' as const,
            ...(place.location ? (['regionalTeam'] as const) : []),
            ...(place.outside ? (['outsideUk'] as const) : []),
          ];
          for (const state of states) {
            const where = place.location?.label ?? place.outside?.label ?? 'no location';
            renders.push({
              name: `${state}, ${happening}, ${audience}, ${where}, ${defaultNation ?? 'no default'}`,
              render: { state, context, triageId: 't', now: TIMES['Saturday evening'], content: en, defaultNation },
            });
          }
        }
      }
    }
  }
  return renders;
}

test('every outcome built directly, for every place, person and answer, keeps the content rules', () => {
  const renders = directRenders();
  expect(renders.length).toBeGreaterThan(1000);
  const problems = renders.flatMap(({ name, render }) =>
    describeViolations(contentViolations(renderState(render), render.context)).map((problem) => `[${name}] ${problem}`),
  );
  expect(problems.slice(0, 20)).toEqual([]);
});

test('every unit has a force, so every unit was checked above', () => {
  for (const unit of Object.values(catalog.units)) expect(forcesOfUnit(unit.id).length).toBeGreaterThan(0);
});
