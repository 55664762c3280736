import type { LocationResolution } from '../../data/types';
import { Conversation } from '../support/conversation';

/**
 * "Did you mean Manchester?": data/location may answer a misspelt or partial place with a suggestion (issue 12).
 * Today's data never does, so resolveLocation is wrapped to suggest for one made-up misspelling.
 */
jest.mock('../../data/location', () => {
  const actual = jest.requireActual('../../data/location');
  return {
    ...actual,
    resolveLocation: (text: string): LocationResolution => {
      if (/manchestr/i.test(text)) {
        const resolution = actual.resolveLocation('Manchester');
        return { kind: 'suggestion', label: 'Manchester', resolution };
      }
      return actual.resolveLocation(text);
    },
  };
});

function atLocation(): Conversation {
  const conversation = new Conversation();
  conversation.welcome();
  conversation.click({ action: 'answerHappening', answer: 'no' });
  conversation.click({ action: 'answerAudience', answer: 'individual' });
  expect(conversation.lastState()).toBe('location');
  return conversation;
}

test('a suggestion is asked as Yes/No, and stored as the canonical place only', () => {
  const conversation = atLocation();
  const replies = conversation.type('Manchestr');
  expect(replies[replies.length - 1].text).toBe('**Did you mean Manchester?**');
  expect(conversation.findButton({ action: 'confirm', answer: 'yes' })).toBeDefined();
  expect(conversation.record?.pending).toMatchObject({ question: 'location', yes: { question: 'location', location: { kind: 'unit', unitId: 'NWROCU', label: 'Manchester' } }, no: null });
  expect(JSON.stringify(conversation.record)).not.toMatch(/Manchestr"/);
});

test('Yes applies the suggested place as the location answer', () => {
  const conversation = atLocation();
  conversation.type('Manchestr');
  conversation.click({ action: 'confirm', answer: 'yes' });
  expect(conversation.lastState()).toBe('regionalTeam');
  expect(conversation.record?.triage.snapshot).toMatchObject({ context: { location: { unitId: 'NWROCU', label: 'Manchester' } } });
});

test('a typed "yes" (or Welsh "ie") works as the button does', () => {
  for (const yes of ['yes', 'ie', 'yep']) {
    const conversation = atLocation();
    conversation.type('Manchestr');
    conversation.type(yes);
    expect(conversation.lastState()).toBe('regionalTeam');
  }
});

test('No says so and asks the location question again', () => {
  const conversation = atLocation();
  conversation.type('Manchestr');
  const replies = conversation.click({ action: 'confirm', answer: 'no' });
  expect(replies[0].text).toMatch(/haven't used that place/);
  expect(conversation.lastState()).toBe('location');
  expect(conversation.record?.pending).toBeUndefined();
});

test('at the live-attack outcome a suggestion is asked too, the number staying on screen above it', () => {
  const conversation = new Conversation();
  conversation.welcome();
  conversation.click({ action: 'answerHappening', answer: 'yes' });
  conversation.click({ action: 'answerAudience', answer: 'organisation' });
  conversation.type('Manchestr');
  conversation.click({ action: 'confirm', answer: 'yes' });
  expect(conversation.lastState()).toBe('regionalTeam');
  expect(conversation.replies.find((message) => message.kind === 'outcome')!.text.split('\n')[0]).toMatch(/0300 123 2040 and press 9/);
});

test('inside a sentence a suggestion is never taken, nor asked about', () => {
  const conversation = new Conversation();
  conversation.welcome();
  conversation.type("it's still going on, we're a school near Manchestr");
  expect(conversation.lastState()).toBe('liveAttack');
  expect(conversation.record?.pending).toBeUndefined();
  expect(conversation.record?.triage.snapshot).toMatchObject({ context: { location: null } });
});
