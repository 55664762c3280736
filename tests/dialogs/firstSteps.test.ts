import { toActivities } from '../../bots/activities';
import { firstSteps, INCIDENT_KINDS, sourcesOf, stepsFor, type IncidentKind } from '../../data/firstSteps';
import { advicePath, readAdviceQuery } from '../../dialogs/advice';
import { contentFor, SUPPORTED_LANGUAGES } from '../../dialogs/content';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { firstStepsContentProblems, firstStepsFacts } from '../../dialogs/firstSteps';
import type { BotMessage } from '../../dialogs/render';
import { isLive, isLiveOrganisation } from '../../machines/triage';
import { Conversation } from '../support/conversation';
import { KIND_JOURNEY_PLACES, kindJourneys, replayJourney, sampleOf } from '../support/journeys';

/**
 * First steps by kind of incident (issue 22), as a user meets them: the optional "What happened?" after the outcome's
 * lead, never before it and never a gate; the steps for each kind and audience with their sources; who else an
 * organisation must tell; no bank alarm where none belongs; Change and Back for what happened; and the same in Welsh.
 */

const steps = (messages: BotMessage[]) => messages.find((message) => message.kind === 'steps');

function atRegionalTeam(audience: 'organisation' | 'individual' = 'individual', happening: 'yes' | 'no' = 'no', environment = {}): Conversation {
  const conversation = new Conversation(environment);
  conversation.welcome();
  conversation.click({ action: 'answerHappening', answer: happening });
  conversation.click({ action: 'answerAudience', answer: audience });
  conversation.type('LS1 4AP');
  expect(conversation.lastState()).toBe('regionalTeam');
  return conversation;
}

describe('every kind journey generated from the machine', () => {
  const journeys = kindJourneys();

  test('covers every kind × organisation/person × live/past/not sure × every nation, the islands and abroad', () => {
    const seen = new Set(
      journeys.map((journey) => {
        const place = journey.steps.map(({ event }) => event).find((event) => event.type === 'ANSWER_LOCATION');
        return [journey.context.kind, journey.context.audience, journey.context.happening, place ? sampleOf(place).text : 'none'].join('|');
      }),
    );
    for (const kind of INCIDENT_KINDS) {
      for (const audience of ['organisation', 'individual']) {
        for (const happening of ['yes', 'no', 'notSure']) {
          // A live organisation is shown the 24/7 line without being asked where it is; it may ask for its team after.
          const places = [...KIND_JOURNEY_PLACES, ...(audience === 'organisation' && happening !== 'no' ? ['none'] : [])];
          for (const place of places) expect(seen).toContain([kind, audience, happening, place].join('|'));
        }
      }
    }
  });

  test.each(journeys.map((journey) => [journey.name, journey] as const))('%s: the lead first, then the steps for the kind and audience, then "Your answers"', (_name, journey) => {
    const conversation = replayJourney(journey);
    const replies = conversation.replies;
    const kind = journey.context.kind!;
    const audience = journey.context.audience!;
    expect(replies.map((message) => message.kind)).toEqual(['outcome', 'steps', 'summary', 'feedback']);
    const text = steps(replies)!.text;
    const words = en.firstSteps.kinds[kind];
    expect(text.startsWith(words.heading)).toBe(true);
    const bullets = text.split('\n').filter((line) => line.startsWith('- '));
    const expected = stepsFor(kind, audience);
    // The steps, most urgent first, then (an organisation) who else to tell.
    expect(bullets.length).toBe(expected.length + (audience === 'organisation' ? firstSteps.mustTell.length : 0));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.length).toBeLessThanOrEqual(5);
    for (const source of sourcesOf(expected)) expect(text).toContain(`](${source.url})`);
    expect(text.includes(en.firstSteps.mustTellHeading)).toBe(audience === 'organisation');
    // "Your answers" says what happened, with Change, and links the printable page of this advice.
    const summary = replies.find((message) => message.kind === 'summary')!;
    expect(summary.facts).toContainEqual({ title: en.states.kind.summaryLabel, value: en.states.kind.summary[kind] });
    expect(summary.buttons!.map((button) => button.value)).toContainEqual(expect.objectContaining({ action: 'change', question: 'kind' }));
    const link = summary.links!.find((each) => each.label === en.links.keepAdvice)!;
    expect(readAdviceQuery(new URL(link.url, 'https://x.test').searchParams, SUPPORTED_LANGUAGES)).toMatchObject({ kind, audience, happening: journey.context.happening });
    // No bank alarm where none belongs; the bank where money may have gone.
    const all = conversation.text();
    if (kind === 'sextortion') expect(all).not.toMatch(/your bank/i);
    if (kind === 'phishingIgnored') expect(all).not.toMatch(/your bank straight away/i);
    if (kind === 'moneyLost') expect(text).toMatch(/your bank/i);
    if (audience === 'individual') expect(all).not.toMatch(/press 9/);
    if (isLiveOrganisation(journey.context) && journey.outcome === 'liveAttack') {
      expect(replies[0].text.split('\n')[0]).toMatch(/^\*\*(Call |In Scotland, call |Contact the police where you are)/);
    }
    if (isLive(journey.context) && audience === 'individual' && kind !== 'sextortion' && kind !== 'phishingIgnored' && journey.outcome === 'regionalTeam') {
      expect(all).toMatch(/contact your bank straight away/);
    }
  });
});

describe('"What happened?": optional, after the lead, never a gate', () => {
  test('offered at every outcome whose kind is not known, with a button per kind, after the outcome and before "Your answers"', () => {
    const conversation = atRegionalTeam();
    const question = steps(conversation.replies)!;
    expect(conversation.replies.indexOf(question)).toBe(1);
    expect(question.text).toContain(`**${en.states.kind.prompt}**`);
    expect(question.buttons!.map((button) => button.label)).toEqual(INCIDENT_KINDS.map((kind) => en.states.kind.options[kind]));
    // Not a gate: Change, Start again (and feedback) stay at hand, and work.
    expect(conversation.findButton({ action: 'restart' })).toBeDefined();
    conversation.click({ action: 'change', question: 'location' });
    expect(conversation.lastState()).toBe('location');
  });

  test('a live organisation: the 24/7 line first, the question after it; "Show my regional team" still works', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    expect(conversation.replies[0].text).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.mustTellHeading);
    conversation.click({ action: 'answerKind', kind: 'ransomware' });
    expect(conversation.replies[0].text).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds.ransomware.organisation.disconnect);
    conversation.click({ action: 'showRegionalTeam' });
    expect(conversation.lastState()).toBe('location');
    conversation.type('LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds.ransomware.organisation.disconnect);
  });

  test('Change: what happened asks again (with Back); Back puts the old answer back', () => {
    const conversation = atRegionalTeam();
    conversation.click({ action: 'answerKind', kind: 'moneyLost' });
    conversation.click({ action: 'change', question: 'kind' });
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(steps(conversation.replies)!.buttons!.some((button) => button.value.action === 'back')).toBe(true);
    conversation.click({ action: 'back' });
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds.moneyLost.heading);
    conversation.click({ action: 'change', question: 'kind' });
    conversation.click({ action: 'answerKind', kind: 'dataBreach' });
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds.dataBreach.heading);
  });

  test('a kind button from an earlier outcome or triage is stale, not applied', () => {
    const conversation = atRegionalTeam();
    const old = conversation.findButton({ action: 'answerKind', kind: 'ransomware' })!;
    conversation.click({ action: 'restart' });
    conversation.send({ kind: 'message', text: old.text, value: old.value });
    expect(conversation.text()).toMatch(/earlier question/);
    expect(conversation.record!.triage.snapshot).toMatchObject({ context: { kind: null } });
  });

  test('in Web Chat the question is a card of its own, so its buttons work above "Your answers"; in Teams, a card too', () => {
    const conversation = atRegionalTeam();
    const webChat = toActivities(conversation.replies, 'directline');
    const card = webChat[1].attachments?.[0]?.content as { body: Array<{ type: string; actions?: Array<{ title: string }> }> };
    expect(card.body.flatMap((element) => element.actions ?? []).map((action) => action.title)).toEqual(INCIDENT_KINDS.map((kind) => en.states.kind.options[kind]));
    // Change and Start again stay the suggested actions on the last message.
    expect(webChat.at(-1)!.suggestedActions!.actions.map((action) => action.title)).toEqual(expect.arrayContaining([en.buttons.changeAnswer, en.summary.startAgainButton]));
  });
});

describe('read from what the person already said', () => {
  test('"we had a data breach last month at our school": the regional team, the data-breach steps and the ICO first and in bold', () => {
    const conversation = new Conversation();
    conversation.type('we had a data breach last month at our school');
    conversation.type('LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    const text = steps(conversation.replies)!.text;
    expect(text).toContain(en.firstSteps.kinds.dataBreach.heading);
    expect(text).toMatch(/\*\*The ICO, if personal data was involved: a breach likely to put people at risk must be reported without undue delay and, where feasible, within 72 hours/);
    expect(text).toContain('Telling the police does not tell the ICO');
    expect(text).toContain('https://report.ncsc.gov.uk');
    expect(text).toContain('Your regulator, if you are regulated');
  });

  test('"I got a phishing email but didn\'t click anything": report the message, no bank alarm', () => {
    const conversation = new Conversation();
    conversation.type("I got a phishing email but didn't click anything");
    for (const answer of [{ action: 'answerHappening', answer: 'no' }, { action: 'answerAudience', answer: 'individual' }] as const) {
      if (conversation.findButton(answer)) conversation.click(answer);
    }
    if (conversation.lastState() === 'location') conversation.type('LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.text()).toContain('report@phishing.gov.uk');
    expect(conversation.text()).not.toMatch(/your bank straight away/i);
    expect(conversation.record!.triage.snapshot).toMatchObject({ context: { kind: 'phishingIgnored' } });
  });

  test.each([
    ["we've been hit by ransomware and it's still encrypting, we're a charity", 'ransomware', 'liveAttack'],
    ['our charity has just paid a fake invoice', 'moneyLost', null],
    ["I'm 15 and someone is threatening to share photos of me unless I pay", 'sextortion', null],
    ['our shop website has been knocked offline by a ddos', 'denialOfService', null],
  ] as const)('%s → %s', (message, kind, state) => {
    const conversation = new Conversation();
    conversation.type(message);
    expect(conversation.record!.triage.snapshot).toMatchObject({ context: { kind } });
    if (state) {
      expect(conversation.lastState()).toBe(state);
      // The number first: what happened adds steps after it, it never pushes it down.
      expect(conversation.replies[0].text).toMatch(/^\*\*Call Report Fraud now/);
      expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds[kind].heading);
    }
  });

  test.each([
    ["we've been hit by ransomware, files encrypted, still happening, we're a charity", 'ransomware'],
    ["someone has hacked our club's facebook", 'accountTakeover'],
    ['our charity has just paid a fake invoice', 'moneyLost'],
    ['we had a data breach last month at our school', 'dataBreach'],
    ['our shop website has been knocked offline by a ddos', 'denialOfService'],
    ['I clicked a link in a text and entered my bank details', 'phishingActedOn'],
    ["I got a phishing email but didn't click anything", 'phishingIgnored'],
    ['someone is threatening to share photos of me unless I pay', 'sextortion'],
    ["a man from 'BT' is on my computer, the mouse is moving on its own", 'deviceCompromised'],
    ['someone set up a fake website pretending to be us', 'other'],
  ] as const)("the README's example reads as it says: %s → %s", (message, kind) => {
    const conversation = new Conversation();
    conversation.type(message);
    expect(conversation.record!.triage.snapshot).toMatchObject({ context: { kind } });
  });

  test('sextortion for a person with an attack happening now: no bank line, no bank link', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type('LS1 4AP');
    expect(conversation.text()).toMatch(/contact your bank straight away/);
    conversation.click({ action: 'answerKind', kind: 'sextortion' });
    expect(conversation.text()).not.toMatch(/bank/i);
    expect(conversation.replies.flatMap((message) => message.links ?? []).map((link) => link.url)).not.toContain('tel:159');
  });

  test('typed at an outcome, what happened is taken and said back', () => {
    const conversation = atRegionalTeam();
    conversation.type('it was a fake invoice, we paid it last week');
    expect(conversation.text()).toMatch(/I've taken that as: .*money paid to a criminal/);
    expect(steps(conversation.replies)!.text).toContain(en.firstSteps.kinds.moneyLost.heading);
  });
});

describe('the words and the data agree, in every language', () => {
  test.each(SUPPORTED_LANGUAGES)('%s: every step the data lists has words, and no words stand for a step it does not list', (language) => {
    expect(firstStepsContentProblems(contentFor(language))).toEqual([]);
  });

  test.each(SUPPORTED_LANGUAGES)('%s: every step fills all its placeholders from data/', (language) => {
    const content = contentFor(language);
    const facts = firstStepsFacts(content);
    for (const kind of INCIDENT_KINDS) {
      for (const audience of ['organisation', 'individual'] as const) {
        for (const step of stepsFor(kind, audience)) {
          const words = (content.firstSteps.kinds[kind][audience] as Record<string, string>)[step.step];
          for (const [, name] of words.matchAll(/\{([a-zA-Z]+)\}/g)) expect(facts[name]).toBeDefined();
        }
      }
    }
  });

  test('the Welsh is the Welsh content, not English', () => {
    const conversation = atRegionalTeam('individual', 'no', { locale: 'cy-GB' });
    conversation.click({ action: 'answerKind', kind: 'sextortion' });
    const text = steps(conversation.replies)!.text;
    expect(text.startsWith(cy.firstSteps.kinds.sextortion.heading)).toBe(true);
    expect(text).not.toContain(en.firstSteps.kinds.sextortion.individual.dontPay);
    expect(text).toContain('0345 6000 459');
  });

  test('every source is an https page with a publisher, what was read and when', () => {
    for (const source of Object.values(firstSteps.sources)) {
      expect(source.url).toMatch(/^https:\/\//);
      expect(source.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.read.length).toBeGreaterThan(20);
    }
  });
});

describe('the advice address holds the answers and nothing else', () => {
  const context = { happening: 'yes', audience: 'organisation', location: { unitId: 'YHROCU', forceId: 'west-yorkshire', label: 'LS1' }, pendingChoice: null, outside: null, wantsRegionalTeam: true, kind: 'ransomware' as IncidentKind, changing: null } as const;

  test('answers → address → the same answers; the place as ids only (never the words typed)', () => {
    const path = advicePath(context, new Date('2026-11-18T10:30:00Z'), 'cy')!;
    expect(path).toBe('/advice?h=yes&a=organisation&at=YHROCU.west-yorkshire&r=1&k=ransomware&t=2026-11-18T10%3A30Z&lang=cy');
    expect(path).not.toContain('LS1');
    const answers = readAdviceQuery(new URL(path, 'https://x.test').searchParams, SUPPORTED_LANGUAGES)!;
    expect(answers).toMatchObject({ happening: 'yes', audience: 'organisation', wantsRegionalTeam: true, kind: 'ransomware', language: 'cy' });
    expect(answers.location).toMatchObject({ kind: 'unit', unitId: 'YHROCU', forceIds: ['west-yorkshire'] });
    expect(answers.at.toISOString()).toBe('2026-11-18T10:30:00.000Z');
  });

  test.each([
    'h=yes&a=organisation&t=2026-11-18T10:30Z&lang=en&name=Jo',
    'h=yes&h=no&a=organisation&t=2026-11-18T10:30Z',
    'h=perhaps&a=organisation&t=2026-11-18T10:30Z',
    'h=yes&a=organisation&t=2026-13-45T10:30Z',
    'h=yes&a=organisation&t=2026-11-18',
    'h=yes&a=organisation&t=2026-11-18T10:30Z&at=YHROCU.metropolitan',
    'h=yes&a=organisation&t=2026-11-18T10:30Z&at=Leeds',
    'h=yes&a=organisation&t=2026-11-18T10:30Z&k=burglary',
    'h=yes&a=organisation&t=2026-11-18T10:30Z&lang=fr',
    'h=yes&a=organisation&t=2026-11-18T10:30Z&r=yes',
  ])('refused, never guessed: %s', (query) => {
    expect(readAdviceQuery(new URLSearchParams(query), SUPPORTED_LANGUAGES)).toBeNull();
  });

  test('in Teams, with PUBLIC_BASE_URL, "Your answers" has an Open URL button to the page; without it, none', () => {
    for (const [base, expected] of [['https://cyber.example.police.uk', true], [undefined, false]] as const) {
      const conversation = atRegionalTeam('individual', 'no', base ? { publicBaseUrl: base } : {});
      const cards = toActivities(conversation.replies, 'msteams').map((activity) => activity.attachments?.[0]?.content as { body: Array<{ actions?: Array<{ type: string; url?: string; title: string }> }> } | undefined);
      const open = cards.flatMap((card) => card?.body.flatMap((element) => element.actions ?? []) ?? []).filter((action) => action.type === 'Action.OpenUrl' && action.title === en.links.keepAdvice);
      expect(open.length).toBe(expected ? 1 : 0);
      if (expected) expect(open[0].url).toMatch(/^https:\/\/cyber\.example\.police\.uk\/advice\?h=no&a=individual&at=YHROCU\.west-yorkshire&t=/);
    }
  });
});
