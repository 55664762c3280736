import { contentFor } from '../../dialogs/content';
import type { BotMessage } from '../../dialogs/render';
import { readText, type Confirmation } from '../../dialogs/understanding/read';
import { initialContext, type TriageStateId } from '../../machines/triage';
import { Conversation } from '../support/conversation';
import { rulesEngine } from '../understanding/corpus';

/**
 * Welsh answers as a Welsh user types them (second Welsh review: items 3, 4, 12, 20, 22, 26). Each test asserts what
 * the user would see: the answer taken, no "(gan anwybyddu gwall teipio)" for correct Welsh, the same reading as the
 * English equivalent, and the bot's own words for a kind typed back being read as that kind.
 */

const cy = contentFor('cy');
const en = contentFor('en');
const textOf = (messages: BotMessage[]) => messages.map((message) => message.text).join('\n');

/** The verb that answers: "Oeddwn" of "Oeddwn", "Nac oedd" of "Nac oedd, ddim yn ddefnyddiol". */
const echoOf = (label: string) => label.split(',')[0].trim();

describe('every yes/no the bot asks is answered by typing its own verb (item 3)', () => {
  const { confirmButtons } = cy.understanding;
  /** Each confirmation the bot may ask, with the answers on its buttons. */
  const confirmations: Array<[string, Confirmation, { yes: string; no: string }]> = [
    [
      'location ("Oeddech chi\'n golygu …?")',
      { question: 'location', yes: { question: 'location', location: { kind: 'unit', unitId: 'NWROCU', forceIds: ['greater-manchester'], label: 'Manchester' } }, no: null, state: 'location' },
      confirmButtons.location,
    ],
    ...(['yes', 'no', 'notSure'] as const).map((answer): [string, Confirmation, { yes: string; no: string }] => [
      `happeningNow.${answer}`,
      { question: 'happeningNow', yes: { question: 'happeningNow', answer }, no: null, state: 'happeningNow' },
      confirmButtons.happeningNow[answer],
    ]),
    ...(['organisation', 'individual'] as const).map((answer): [string, Confirmation, { yes: string; no: string }] => [
      `audience.${answer}`,
      { question: 'audience', yes: { question: 'audience', answer }, no: null, state: 'audience' },
      confirmButtons.audience[answer],
    ]),
  ];

  test.each(confirmations)('%s: its button words and its verb alone, typed, answer it', (_, pending, pair) => {
    const read = (text: string) => readText(text, { state: pending.state, context: initialContext, onScreen: pending.state as TriageStateId, pending });
    const wrong: string[] = [];
    for (const [typed, accepted] of [
      [pair.yes, true],
      [pair.no, false],
      [echoOf(pair.yes).toLowerCase(), true],
      [echoOf(pair.no).toLowerCase(), false],
    ] as const) {
      const reading = read(typed);
      if (reading.kind !== 'confirmation' || reading.accepted !== accepted) wrong.push(`"${typed}" → ${JSON.stringify(reading).slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('"Oeddech chi\'n golygu Manceinion?" Oeddwn → the North West team; Nac oeddwn → asked again, not "can\'t find that place"', () => {
    const yes = new Conversation({ locale: 'cy-GB' });
    yes.welcome();
    yes.type('nac ydy');
    yes.type('fi fy hun');
    expect(textOf(yes.type('Manchster'))).toContain("Oeddech chi'n golygu Manceinion?");
    expect(textOf(yes.type('oeddwn'))).toContain('- Lleoliad: Manceinion');

    const no = new Conversation({ locale: 'cy-GB' });
    no.welcome();
    no.type('nac ydy');
    no.type('fi fy hun');
    no.type('Manchster');
    const declined = textOf(no.type('nac oeddwn'));
    expect(declined).toContain(cy.understanding.declinedLocation);
    expect(no.lastState()).toBe('location');
  });

  test.each([
    ['cy-GB', ['nac ydy', 'fi fy hun', 'Caerdydd'], 'oedd', 'yes', cy.feedback.thanksYes],
    ['cy-GB', ['nac ydy', 'fi fy hun', 'Caerdydd'], 'Nac oedd', 'no', cy.feedback.thanksNo],
    ['en-GB', ['no', 'myself', 'Leeds'], 'yes', 'yes', en.feedback.thanksYes],
  ] as const)('%s: "%s" typed under "Was this helpful?" answers it (%s), once', (locale, steps, typed, answer, thanks) => {
    const conversation = new Conversation({ locale });
    conversation.welcome();
    for (const step of steps) conversation.type(step);
    expect(conversation.text()).toContain(locale === 'cy-GB' ? cy.feedback.prompt : en.feedback.prompt);
    expect(textOf(conversation.type(typed))).toContain(thanks);
    expect(conversation.observation?.feedback).toEqual({ outcome: 'regionalTeam', answer });
    // Answered: the buttons go, and a second yes is no second answer.
    expect(conversation.buttons().some((button) => button.value.action === 'feedback')).toBe(false);
    conversation.type(typed);
    expect(conversation.observation?.feedback).toBeUndefined();
  });
});

describe('Welsh answers read as their English equivalents are (items 4, 12, 20, 26)', () => {
  test.each([
    // item 4: still affecting us is happening now, whatever came before it
    ['first', "fis yn ôl, ond mae'n dal i effeithio arnon ni", 'a month ago, but it is still affecting us', 'happeningNow', 'yes'],
    ['happeningNow', "mae'n dal i effeithio arnon ni", 'it is still affecting us', 'happeningNow', 'yes'],
    ['happeningNow', "mae'n dal i gael effaith ar y busnes", 'it is still having an effect on the business', 'happeningNow', 'yes'],
    // item 26
    ['happeningNow', 'rydyn ni dan ymosodiad', 'we are under attack', 'happeningNow', 'yes'],
    ['happeningNow', 'ddau ddiwrnod yn ôl', 'two days ago', 'happeningNow', 'no'],
    ['audience', 'ar ran fy nghyflogwr', 'for my employer', 'audience', 'organisation'],
    // item 20
    ['regionalTeam', 'ymosodiad ddos ar ein gwefan', 'a ddos attack on our website', 'kind', 'denialOfService'],
  ] as const)('at %s: "%s" as "%s"', (at, welsh, english, question, expected) => {
    expect(rulesEngine(english, at)[question]).toBe(expected);
    expect(rulesEngine(welsh, at)[question]).toBe(expected);
  });

  test.each([
    ['mae ein gwefan wedi mynd all-lein'],
    ['gwefan all-lein'],
    ["mae'r wefan i lawr"],
    ['gwrthod gwasanaeth'],
  ])('item 20: "%s" (the word on the bot\'s own button, "all-lein") is a website forced offline', (typed) => {
    expect(rulesEngine(typed, 'regionalTeam').kind).toBe('denialOfService');
  });

  test.each([
    ['digwyddodd yr wythnos ddiwethaf'],
    ['wythnos ddiwethaf'],
    ['digwyddodd y flwyddyn ddiwethaf'],
    ['blwyddyn ddiwethaf'],
  ])('item 12: correct Welsh "%s" is understood as past, with no "typo" note', (typed) => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    const text = textOf(conversation.type(typed));
    expect(text).toContain(cy.understanding.answers.happeningNow.no);
    expect(text).not.toContain('gwall teipio');
  });
});

describe('the bot\'s own Welsh words for what happened are the words it understands (item 22)', () => {
  test('"meddalwedd wystlo" typed is told back as "meddalwedd wystlo", and its first steps are headed so', () => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    conversation.type('nac ydy');
    conversation.type('fi fy hun');
    conversation.type('Caerdydd');
    const text = textOf(conversation.type('meddalwedd wystlo'));
    expect(text).toContain('Dyma sut rydw i wedi deall eich ateb: meddalwedd wystlo.');
    expect(text).toContain('**Y camau cyntaf: meddalwedd wystlo (ransomware)**');
  });

  test('each kind, as the bot names it in Welsh ("Dyma sut … deall eich ateb: …"), typed back is read as that kind', () => {
    const kinds = cy.understanding.answers.kind as Record<string, string>;
    const wrong = Object.entries(kinds)
      .filter(([kind]) => kind !== 'other')
      .filter(([kind, words]) => rulesEngine(words, 'regionalTeam').kind !== kind)
      .map(([kind, words]) => `${kind}: "${words}" → ${rulesEngine(words, 'regionalTeam').kind ?? 'nothing'}`);
    expect(wrong).toEqual([]);
  });
});
