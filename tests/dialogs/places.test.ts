import { Conversation } from '../support/conversation';

/**
 * Places anywhere in any message (issue 20), as the user sees them through the turn step: an island named in a first
 * message gets its own police at once (Report Fraud's press 9 does not cover the islands), the same as the island
 * typed alone; abroad gets the police where they are, with 999 for the UK and never press 9; "Ireland" asks Northern
 * Ireland or outside the UK; a place given before its question is kept, and the location question is not asked.
 */

const ISLANDS = [
  { territory: 'JE', police: 'the States of Jersey Police', number: '612612', message: 'small business in St Helier Jersey, hackers are in our systems now', alone: 'Jersey' },
  { territory: 'GY', police: 'Guernsey Police', number: '222222', message: "our hotel on Guernsey has been hit by ransomware, it's happening now", alone: 'Guernsey' },
  { territory: 'GY', police: 'Guernsey Police', number: '222222', message: "we run a B&B on Alderney and our booking system is encrypted, it's still happening", alone: 'Alderney' },
  { territory: 'IM', police: 'the Isle of Man Constabulary', number: '631212', message: 'Our firm in Douglas, Isle of Man is under attack right now', alone: 'Douglas, Isle of Man' },
] as const;

const REPORT_FRAUD = /0300 123 2040|press 9/;

function outcomeOf(conversation: Conversation) {
  const outcome = conversation.replies.find((message) => message.kind === 'outcome');
  if (!outcome) throw new Error(`no outcome in: ${conversation.text().slice(0, 300)}`);
  return { outcome, first: outcome.text.split('\n')[0], links: (outcome.links ?? []).map((link) => link.url) };
}

describe.each(ISLANDS)('$alone: a live organisation', ({ police, number, message, alone }) => {
  test('named in a first message: the island police and their number first, before any greeting, never press 9', () => {
    const conversation = new Conversation();
    conversation.type(message);
    const { outcome, first, links } = outcomeOf(conversation);
    expect(conversation.replies[0]).toBe(outcome);
    expect(first).toMatch(new RegExp(`^\\*\\*Call ${police} now on ${number}\\*\\*`, 'i'));
    expect(conversation.text()).not.toMatch(REPORT_FRAUD);
    expect(links[0]).toBe(`tel:${number}`);
    expect(conversation.findButton({ action: 'showRegionalTeam' })).toBeUndefined();
  });

  test('the same lead as the island typed alone after the outcome', () => {
    const early = new Conversation();
    early.type(message);
    const typedAlone = new Conversation();
    typedAlone.welcome();
    typedAlone.click({ action: 'answerHappening', answer: 'yes' });
    typedAlone.click({ action: 'answerAudience', answer: 'organisation' });
    typedAlone.type(alone);
    expect(outcomeOf(early).first).toBe(outcomeOf(typedAlone).first);
  });
});

describe('abroad', () => {
  test('a live organisation abroad: the police where they are, 999 for the UK, Change, and never press 9', () => {
    const conversation = new Conversation();
    conversation.type('a business in Dublin, Ireland is being attacked now');
    const { first, links, outcome } = outcomeOf(conversation);
    expect(first).toBe('**Contact the police where you are now.** This service covers organisations based in the UK.');
    expect(outcome.text).toMatch(/call the emergency number where you are \(999 in the UK\)/);
    expect(links).toEqual(['tel:999']);
    expect(conversation.text()).not.toMatch(REPORT_FRAUD);
    expect(conversation.findButton({ action: 'change', question: 'location' })).toBeDefined();
  });

  test('a person on holiday abroad with an attack going on: their own steps, the police where they are, no Report Fraud', () => {
    const conversation = new Conversation();
    conversation.type("I'm on holiday in Tenerife and someone has hacked my email, they're still in it");
    expect(conversation.lastState()).toBe('outsideUk');
    const { outcome, links } = outcomeOf(conversation);
    expect(outcome.text).toMatch(/contact the local police where you are/);
    expect(outcome.text).toMatch(/Report it to the police where you are/);
    expect(links).not.toContain('https://www.reportfraud.police.uk/');
    expect(links).toContain('tel:999');
  });

  test("someone else's place abroad is not taken: hackers in Russia leave the question of where to the bot", () => {
    const conversation = new Conversation();
    conversation.type('the hackers are in Russia and still in our network, we are a charity');
    const { first } = outcomeOf(conversation);
    expect(first).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
  });
});

describe('"Ireland": Northern Ireland, or outside the UK', () => {
  function atLocation(): Conversation {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    return conversation;
  }

  test('asks which, with a button for each, never "not a place in the UK"', () => {
    const conversation = atLocation();
    conversation.type('Ireland');
    expect(conversation.text()).not.toMatch(/couldn't match that to a place in the UK/);
    expect(conversation.text()).toMatch(/Do you mean Northern Ireland, or somewhere outside the UK\?/);
    expect(conversation.buttons().map((button) => button.label)).toEqual(expect.arrayContaining(['Northern Ireland', 'Outside the UK (Republic of Ireland)']));
  });

  test('Outside the UK: the police where they are; Northern Ireland: the PSNI', () => {
    const abroad = atLocation();
    abroad.type('Ireland');
    abroad.click('Outside the UK (Republic of Ireland)');
    expect(abroad.lastState()).toBe('outsideUk');
    expect(outcomeOf(abroad).outcome.text).toMatch(/contact the local police where you are/);
    expect(abroad.text()).not.toMatch(REPORT_FRAUD);

    const northern = atLocation();
    northern.type('ireland');
    northern.type('1');
    expect(northern.lastState()).toBe('regionalTeam');
    expect(northern.text()).toMatch(/Police Service of Northern Ireland/);
  });

  test('typed as the choice: "2" or "the Republic" is outside the UK', () => {
    for (const answer of ['2', 'the Republic']) {
      const conversation = atLocation();
      conversation.type('Ireland');
      conversation.type(answer);
      expect(conversation.lastState()).toBe('outsideUk');
    }
  });

  test('in Welsh: Iwerddon asks the same, in Welsh', () => {
    const conversation = new Conversation({ locale: 'cy-GB', languages: ['cy', 'en'] });
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type('Iwerddon');
    expect(conversation.text()).toMatch(/Ydych chi'n golygu Gogledd Iwerddon, neu rywle y tu allan i'r DU\?/);
    expect(conversation.buttons().map((button) => button.label)).toContain("Y tu allan i'r DU (Gweriniaeth Iwerddon)");
  });

  test('a live organisation "in Ireland": the 24/7 line at once, and the police where they are if outside the UK', () => {
    const conversation = new Conversation();
    conversation.type("we're a charity in Ireland, we've been hacked and it's still going on");
    const { first, outcome } = outcomeOf(conversation);
    expect(first).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(outcome.text).toMatch(/\*\*If you're outside the UK, contact the police where you are instead\.\*\*/);
  });
});

describe('a place given before its question is kept for it', () => {
  test.each([
    ['GY1 1AA', /Guernsey Police on 222222/],
    ['Douglas, Isle of Man', /Isle of Man Constabulary on 631212/],
    ['Newport, Essex', /Eastern Region Special Operations Unit/],
  ])('%s at the first question: taken, and the location question is never asked', (place, outcome) => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.type(place);
    expect(conversation.text()).not.toMatch(/didn't understand/);
    expect(conversation.text()).toMatch(/I've taken that as: based in/);
    expect(conversation.lastState()).toBe('happeningNow');
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    expect(conversation.text()).not.toMatch(/Where are you/);
    expect(conversation.text()).toMatch(outcome);
  });

  test('Douglas, Isle of Man at "organisation or yourself?": kept; a live organisation then gets the island police', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.type('Douglas, Isle of Man');
    expect(conversation.lastState()).toBe('audience');
    expect(conversation.text()).not.toMatch(/didn't understand/);
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    expect(outcomeOf(conversation).first).toMatch(/^\*\*Call the Isle of Man Constabulary now on 631212\*\*/);
  });
});
