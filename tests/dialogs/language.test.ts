import { catalog } from '../../data/catalog';
import { contentFor } from '../../dialogs/content';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { clock, forceNameFor, hoursInWords, publishedName, stampInWords, whenInWords, type ForceNameSetting } from '../../dialogs/facts';
import { renderGreeting, renderState, type BotMessage } from '../../dialogs/render';
import { conversationLanguage, runTurn } from '../../dialogs/turn';
import { initialContext } from '../../machines/triage';
import { Conversation, WEDNESDAY_MORNING } from '../support/conversation';

/** Choosing the language: from the locale, from the deployment, by the user at any time, remembered. */

const BILINGUAL = { languages: ['cy', 'en'] };
const questionOf = (messages: BotMessage[]) => messages.filter((message) => message.kind === 'question').at(-1);

describe('the language a conversation starts in', () => {
  test('the activity locale picks Welsh (cy-GB, cy, CY_gb) and English', () => {
    for (const locale of ['cy-GB', 'cy', 'CY_gb']) {
      const replies = new Conversation({ locale }).welcome();
      expect(replies[0].text).toContain(cy.greeting.split('\n')[0]);
      expect(questionOf(replies)?.text).toContain(cy.states.happeningNow.prompt);
    }
    expect(questionOf(new Conversation({ locale: 'en-GB' }).welcome())?.text).toContain(en.states.happeningNow.prompt);
  });

  test("a locale with no content gets the deployment's default, else English", () => {
    expect(conversationLanguage(undefined, { locale: 'fr-FR', languages: ['cy', 'en'] })).toBe('cy');
    expect(conversationLanguage(undefined, { locale: 'fr-FR' })).toBe('en');
    expect(conversationLanguage(undefined, {})).toBe('en');
    expect(conversationLanguage(undefined, { locale: 'en-GB', languages: ['cy', 'en'] })).toBe('en');
  });

  test('a stored choice wins over the locale; a tampered one is ignored', () => {
    expect(conversationLanguage({ language: 'cy' }, { locale: 'en-GB' })).toBe('cy');
    expect(conversationLanguage({ language: 'constructor' }, { locale: 'en-GB' })).toBe('en');
    expect(conversationLanguage({ language: 'xx' }, { locale: 'cy' })).toBe('cy');
  });

  test('the turn says which language it answered in', () => {
    expect(runTurn(undefined, { kind: 'welcome' }, { now: WEDNESDAY_MORNING, locale: 'cy-GB' }).language).toBe('cy');
    expect(runTurn(undefined, { kind: 'welcome' }, { now: WEDNESDAY_MORNING }).language).toBe('en');
  });
});

describe('the greeting offers the other language where the deployment offers both', () => {
  test('English greeting: a line in Welsh, and a "Cymraeg" button labelled in Welsh', () => {
    const replies = new Conversation({ locale: 'en-GB', ...BILINGUAL }).welcome();
    expect(replies[0].text).toContain(cy.language.offer);
    const button = questionOf(replies)?.buttons?.find((each) => each.value.action === 'language');
    expect(button).toMatchObject({ label: 'Cymraeg', lang: 'cy', value: { action: 'language', language: 'cy' } });
  });

  test('Welsh greeting: a line in English and an "English" button', () => {
    const replies = new Conversation({ locale: 'cy-GB', ...BILINGUAL }).welcome();
    expect(replies[0].text).toContain(en.language.offer);
    expect(questionOf(replies)?.buttons?.map((button) => button.label)).toContain('English');
  });

  test('a deployment offering one language offers nothing, unless the user is in another', () => {
    const english = new Conversation({ locale: 'en-GB', languages: ['en'] }).welcome();
    expect(english[0].text).not.toContain(cy.language.offer);
    expect(english.flatMap((message) => message.buttons ?? []).some((button) => button.value.action === 'language')).toBe(false);
    const welsh = new Conversation({ locale: 'cy-GB', languages: ['en'] }).welcome();
    expect(questionOf(welsh)?.buttons?.map((button) => button.label)).toContain('English');
  });
});

describe('switching language at any time', () => {
  test.each(['Cymraeg', 'cymraeg', 'CYMRAEG', 'Welsh', 'welsh please', 'Cymraeg os gwelwch yn dda', 'yn Gymraeg', '  Cymraeg! '])(
    'typing "%s" switches to Welsh and asks the question on screen again, keeping the answers',
    (typed) => {
      const conversation = new Conversation({ locale: 'en-GB', ...BILINGUAL });
      conversation.welcome();
      conversation.click({ action: 'answerHappening', answer: 'no' });
      const replies = conversation.type(typed);
      expect(replies[0].text).toBe(cy.language.switched);
      expect(questionOf(replies)?.text).toContain(cy.states.audience.prompt);
      expect(conversation.record?.language).toBe('cy');
      // The answer given before the switch is kept: the next answer goes on to the location question.
      const next = conversation.click({ action: 'answerAudience', answer: 'individual' });
      expect(questionOf(next)?.text).toContain(cy.states.location.prompt);
    },
  );

  test.each(['English', 'Saesneg', 'in English', 'english please'])('typing "%s" switches back to English', (typed) => {
    const conversation = new Conversation({ locale: 'cy-GB', ...BILINGUAL });
    conversation.welcome();
    const replies = conversation.type(typed);
    expect(replies[0].text).toBe(en.language.switched);
    expect(questionOf(replies)?.text).toContain(en.states.happeningNow.prompt);
    expect(conversation.record?.language).toBe('en');
  });

  test('the choice wins over the locale from then on, and survives Start again', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    conversation.type('Cymraeg');
    expect(questionOf(conversation.type('nac ydy'))?.text).toContain(cy.states.audience.prompt);
    expect(questionOf(conversation.click({ action: 'restart' }))?.text).toContain(cy.states.happeningNow.prompt);
    expect(conversation.record?.language).toBe('cy');
  });

  test('the language button works from an earlier message, in either language (its value is the same)', () => {
    const conversation = new Conversation({ locale: 'en-GB', ...BILINGUAL });
    conversation.welcome();
    const cymraeg = conversation.findButton({ action: 'language' })!;
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    // An old button: the triage moved on, the choice still applies and the current state is shown again.
    const replies = conversation.send({ kind: 'message', text: cymraeg.text, value: cymraeg.value });
    expect(replies[0].text).toBe(cy.language.switched);
    expect(questionOf(replies)?.text).toContain(cy.states.location.prompt);
    expect(conversation.observation?.stateAfter).toBe('location');
  });

  test('at an outcome, the outcome comes again in the other language, facts unchanged', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    const english = conversation.click({ action: 'answerAudience', answer: 'organisation' });
    const welsh = conversation.type('Cymraeg');
    expect(welsh[1].kind).toBe('outcome');
    expect(welsh[1].text.startsWith('**Ffoniwch Report Fraud nawr ar 0300 123 2040 a phwyswch 9.**')).toBe(true);
    expect(welsh[1].links?.map((link) => link.url)).toEqual(english.find((message) => message.kind === 'outcome')?.links?.map((link) => link.url));
  });

  test('with a Yes/No waiting, the Yes/No is asked again in the other language and still applies', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type('Manchster');
    expect(conversation.record?.pending?.question).toBe('location');
    const replies = conversation.type('Cymraeg');
    // The place is named in Welsh where Welsh has its own name for it (data/place-names/cy.json).
    expect(questionOf(replies)?.text).toBe(`**${cy.understanding.confirm.location.replace('{label}', 'Manceinion')}**`);
    expect(questionOf(replies)?.buttons?.slice(0, 2).map((button) => button.label)).toEqual(['Oeddwn', 'Nac oeddwn']);
    expect(conversation.record?.pending?.question).toBe('location');
    const applied = conversation.type('ie');
    // The unit by its published Welsh name (data/units.json names.cy).
    expect(applied.some((message) => message.kind === 'outcome' && message.text.includes('Uned Troseddau Cyfundrefnol Ranbarthol Gogledd-orllewin Lloegr a Gogledd Cymru (TITAN)'))).toBe(true);
  });

  test('a first message "Cymraeg" greets in Welsh and asks the first question', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    const replies = conversation.type('Cymraeg');
    expect(replies[0].text).toContain(cy.greeting.split('\n')[0]);
    expect(questionOf(replies)?.text).toContain(cy.states.happeningNow.prompt);
    expect(conversation.record?.language).toBe('cy');
  });

  test('"Welsh" inside a longer answer is not a switch', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    conversation.type('no');
    const replies = conversation.type("we're a Welsh charity");
    expect(conversation.record?.language).toBeUndefined();
    expect(questionOf(replies)?.text).toContain(en.states.location.prompt);
  });

  test('the stored record holds the choice as a language code only', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    conversation.type('welsh please');
    expect(Object.keys(conversation.record!).sort()).toEqual(['greeted', 'language', 'lastActiveAt', 'misses', 'triage', 'triageId']);
    expect(JSON.stringify(conversation.record)).not.toMatch(/please/);
  });
});

describe('Welsh answers through the whole turn', () => {
  test('a Welsh conversation typed in Welsh only: nac ydy → fi fy hun → CF10 1EP', () => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    conversation.type('nac ydy');
    conversation.type('fi fy hun');
    const outcome = conversation.type('CF10 1EP');
    const text = outcome.map((message) => message.text).join('\n');
    expect(text).toContain('Mae\'n gwasanaethu ardaloedd Heddlu Dyfed-Powys, Heddlu Gwent a Heddlu De Cymru.');
    expect(outcome.find((message) => message.kind === 'summary')?.facts).toEqual([
      { title: 'Yn digwydd nawr', value: 'Nac ydy' },
      { title: 'Ar ran pwy', value: 'Chi eich hun' },
      { title: 'Lleoliad', value: 'CF10 – Dyfed-Powys, Gwent a De Cymru (TARIAN)' },
    ]);
  });

  test.each([
    ['ydy', 'yes'],
    ['ydi', 'yes'],
    ['oes', 'yes'],
    ['ie', 'yes'],
    ['nac ydy', 'no'],
    ['nac ydi', 'no'],
    ['nac oes', 'no'],
    ['naddo', 'no'],
    ['na', 'no'],
    ['dim yn siŵr', 'notSure'],
    ['ddim nawr', 'no'],
  ])('"%s" answers "is it happening now?" as %s', (typed, answer) => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    conversation.type(typed);
    expect(conversation.observation?.answers).toEqual([{ question: 'happeningNow', how: 'typed' }]);
    const summary = conversation.replies.map((message) => message.text).join('\n');
    expect(summary).toContain(cy.understanding.answers.happeningNow[answer as 'yes' | 'no' | 'notSure']);
  });

  test('Welsh commands: yn ôl, nôl, dechrau eto, help, cymorth', () => {
    const conversation = new Conversation({ locale: 'cy-GB' });
    conversation.welcome();
    conversation.type('ydy');
    expect(questionOf(conversation.type('yn ôl'))?.text).toContain(cy.states.happeningNow.prompt);
    conversation.type('ydy');
    expect(questionOf(conversation.type('nôl'))?.text).toContain(cy.states.happeningNow.prompt);
    expect(conversation.type('help')[0].text).toContain('Rydw i\'n gofyn ychydig o gwestiynau byr');
    expect(conversation.type('cymorth')[0].text).toContain('Rydw i\'n gofyn ychydig o gwestiynau byr');
    conversation.type('ydy');
    expect(conversation.type('dechrau eto')[0].text).toBe(cy.replies.startingAgain);
  });
});

describe('dates and times in Welsh: day and month names from date-fns cy, times in words', () => {
  const welsh = contentFor('cy');
  test('clock, hours and the summary time: in words, as Welsh publishes them (not 9yb, 5yh, 12yh)', () => {
    expect(clock('09:00', welsh)).toBe('9 y bore');
    expect(clock('17:30', welsh)).toBe('5:30 y prynhawn');
    expect(clock('12:00', welsh)).toBe('hanner dydd');
    expect(clock('12:30', welsh)).toBe('12:30 y prynhawn');
    expect(clock('20:00', welsh)).toBe('8 y nos');
    expect(clock('00:00', welsh)).toBe('hanner nos');
    expect(clock('03:09', welsh)).toBe('3:09 y bore');
    expect(clock('12:00')).toBe('12pm');
    expect(clock('17:30')).toBe('5:30pm');
    expect(clock('09:00')).toBe('9am');
    expect(hoursInWords({ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' }, welsh)).toBe('dydd Llun i ddydd Gwener, 9 y bore i 5 y prynhawn');
    expect(hoursInWords({ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' })).toBe('Monday to Friday, 9am to 5pm');
    expect(stampInWords(WEDNESDAY_MORNING, welsh)).toBe('18 Tachwedd 2026, 10:30 y bore');
    expect(stampInWords(WEDNESDAY_MORNING)).toBe('18 November 2026, 10:30am');
    // The words are worked out once a minute per language: the next minute, the hour change in summer time, and the
    // last second of a minute each say their own time.
    expect(stampInWords(new Date('2026-11-18T10:30:59.999Z'))).toBe('18 November 2026, 10:30am');
    expect(stampInWords(new Date('2026-11-18T10:31:00Z'))).toBe('18 November 2026, 10:31am');
    expect(stampInWords(new Date('2026-11-18T10:31:00Z'), welsh)).toBe('18 Tachwedd 2026, 10:31 y bore');
    expect(stampInWords(new Date('2026-03-29T00:59:00Z'))).toBe('29 March 2026, 12:59am');
    expect(stampInWords(new Date('2026-03-29T01:00:00Z'))).toBe('29 March 2026, 2am');
  });

  test('heddiw, yfory, ddydd …, and a date beyond the week', () => {
    const wednesday = new Date('2026-11-18T06:00:00Z');
    expect(whenInWords(new Date('2026-11-18T09:00:00Z'), wednesday, welsh)).toBe('heddiw am 9 y bore');
    expect(whenInWords(new Date('2026-11-19T09:00:00Z'), wednesday, welsh)).toBe('yfory am 9 y bore');
    expect(whenInWords(new Date('2026-11-23T09:00:00Z'), wednesday, welsh)).toBe('ddydd Llun am 9 y bore');
    expect(whenInWords(new Date('2026-12-28T09:00:00Z'), wednesday, welsh)).toBe('ddydd Llun 28 Rhagfyr am 9 y bore');
    expect(whenInWords(new Date('2027-01-04T09:00:00Z'), new Date('2026-12-24T12:00:00Z'), welsh)).toBe('ddydd Llun 4 Ionawr 2027 am 9 y bore');
    expect(whenInWords(new Date('2026-11-23T09:00:00Z'), wednesday)).toBe('on Monday at 9am');
  });

  test('a closed team at the weekend and on a bank holiday, in Welsh', () => {
    const regional = (now: Date, location: string) => {
      const conversation = new Conversation({ locale: 'cy-GB' });
      conversation.now = now;
      conversation.welcome();
      conversation.type('nac ydy');
      conversation.type('fi fy hun');
      return conversation.type(location).map((message) => message.text).join('\n');
    };
    expect(regional(new Date('2026-11-21T19:00:00Z'), 'LS1 4AP')).toContain('Mae\'n benwythnos, felly mae\'r tîm ar gau: byddwch chi\'n cael ateb pan fydd yn agor ddydd Llun am 9 y bore.');
    expect(regional(new Date('2026-11-30T11:00:00Z'), 'Edinburgh')).toContain("Mae'n ŵyl banc heddiw (Gŵyl Sant Andreas)");
    expect(regional(new Date('2026-12-28T11:00:00Z'), 'LS1 4AP')).toContain('(Dydd San Steffan (diwrnod amgen))');
  });
});

describe('Welsh names of bodies', () => {
  test('a Welsh force is named in Welsh; a force with no published Welsh name keeps its own', () => {
    const render = (unitId: 'TARIAN' | 'NWROCU', language: string) =>
      renderState({
        state: 'regionalTeam',
        context: { ...initialContext, happening: 'no', audience: 'individual', location: { unitId, label: 'LL57' } },
        triageId: 't',
        now: WEDNESDAY_MORNING,
        content: contentFor(language),
      })[0].text;
    expect(render('NWROCU', 'cy')).toContain('Heddlu Gogledd Cymru');
    expect(render('NWROCU', 'cy')).toContain('Cheshire Constabulary');
    expect(render('NWROCU', 'en')).toContain('North Wales Police');
    expect(render('NWROCU', 'en')).not.toContain('Heddlu');
  });

  test('an unsourced name is never shown', () => {
    const unsourced = { cy: { name: 'Heddlu Ffug', source: 'memory', verifiedOn: '2026-12-01', confidence: 'general-knowledge' as const } };
    expect(publishedName(unsourced, contentFor('cy'))).toBeNull();
    expect(publishedName({ cy: { ...unsourced.cy, confidence: 'unverified' as const } }, contentFor('cy'))).toBeNull();
    expect(publishedName(catalog.forces.gwent.names, contentFor('cy'))).toBe('Heddlu Gwent');
    expect(publishedName(catalog.forces.gwent.names, contentFor('en'))).toBeNull();
  });
});

describe('a message written in Welsh is answered in Welsh, whatever the locale says', () => {
  const text = (messages: BotMessage[]) => messages.map((message) => message.text).join('\n');

  test('a first message in Welsh on an English page: the live-attack outcome in Welsh, number first, then the offer of English', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    const replies = conversation.type("rydyn ni'n elusen yn Abertawe ac mae'n digwydd nawr");
    expect(conversation.lastState()).toBe('liveAttack');
    expect(replies[0].text).toMatch(/^\*\*Ffoniwch Report Fraud nawr ar 0300 123 2040/);
    expect(text(replies)).toContain(en.language.offer);
    expect(text(replies)).not.toContain('Call Report Fraud now');
    expect(conversation.record?.language).toBe('cy');
  });

  test('answers typed in Welsh carry on in Welsh; typing "English" goes back, and then Welsh words no longer switch', () => {
    const conversation = new Conversation({ locale: 'en-GB' });
    conversation.welcome();
    expect(questionOf(conversation.type('nac ydy'))?.text).toContain(cy.states.audience.prompt);
    expect(questionOf(conversation.type('fi fy hun'))?.text).toContain(cy.states.location.prompt);
    expect(text(conversation.type('English'))).toContain(en.states.location.prompt);
    expect(conversation.record?.language).toBe('en');
    conversation.type('dechrau eto');
    expect(questionOf(conversation.replies)?.text).toContain(en.states.happeningNow.prompt);
  });

  test('English with Welsh place names, single Welsh-looking words and English phrasings stay English', () => {
    for (const message of ['my shop in Pen-y-bont ar Ogwr', "I'm in Ynys Môn", 'we are a business in Caerdydd', 'busnes', 'dim sum restaurant', 'system down help']) {
      const conversation = new Conversation({ locale: 'en-GB' });
      conversation.welcome();
      conversation.type(message);
      expect({ message, language: conversation.record?.language }).toEqual({ message, language: undefined });
      expect(text(conversation.replies)).not.toContain(cy.language.offer);
    }
  });

  test('no English message of the labelled corpora is taken for Welsh', () => {
    const { loadCorpus } = jest.requireActual('../understanding/corpus') as typeof import('../understanding/corpus');
    const { isWrittenInWelsh } = jest.requireActual('../../dialogs/understanding/welsh') as typeof import('../../dialogs/understanding/welsh');
    for (const name of ['heldout', 'redteam', 'redteam2'] as const) {
      const english = loadCorpus(name).map((sample) => sample.text).filter((message) => !/\b(ydy|nac|ydi|ydw|mae|fy hun|ddim|nawr)\b/i.test(message));
      expect(english.filter((message) => isWrittenInWelsh(message))).toEqual([]);
    }
  });
});

describe("the force's name in each language (the deployment's forceName)", () => {
  const greetingIn = (language: string, forceName: ForceNameSetting) => renderGreeting(contentFor(language), forceName).text.split('\n')[0];

  test('a force of data/forces.json is named in each language by its own name, whichever was set: no "Heddlu Dyfed-Powys\'s"', () => {
    const settings: ForceNameSetting[] = ['Heddlu Dyfed-Powys', 'Dyfed-Powys Police', { en: 'Dyfed-Powys Police' }, { cy: 'Heddlu Dyfed-Powys' }];
    for (const setting of settings) {
      expect(greetingIn('en', setting)).toMatch(/^Hello\. This is Dyfed-Powys Police's cyber incident help\./);
      expect(greetingIn('cy', setting)).toMatch(/^Helo\. Dyma wasanaeth Heddlu Dyfed-Powys ar gyfer digwyddiadau seiber\./);
    }
    expect(greetingIn('cy', 'Police Scotland')).toContain("Dyma wasanaeth Heddlu'r Alban ar gyfer digwyddiadau seiber");
  });

  test('a name per language is used in its language; a name the data does not know is used as set', () => {
    const both = { en: 'Example Constabulary', cy: 'Heddlu Enghraifft' };
    expect(greetingIn('en', both)).toContain("This is Example Constabulary's cyber incident help");
    expect(greetingIn('cy', both)).toContain('Dyma wasanaeth Heddlu Enghraifft ar gyfer');
    expect(greetingIn('cy', 'Example Constabulary')).toContain('Dyma wasanaeth Example Constabulary ar gyfer');
    expect(greetingIn('cy', { en: 'Example Constabulary' })).toContain('Dyma wasanaeth Example Constabulary ar gyfer');
    expect(forceNameFor(undefined, contentFor('cy'))).toBeUndefined();
  });
});
