import { TRIAGE_MACHINE_VERSION } from '../../machines/triage';
import { Conversation } from '../support/conversation';

function toRegionalOutcome(conversation: Conversation): void {
  conversation.welcome();
  conversation.click({ action: 'answerHappening', answer: 'no' });
  conversation.click({ action: 'answerAudience', answer: 'organisation' });
  conversation.type('BS1 4DJ');
}

describe('greeting', () => {
  test('is sent once per conversation, however many welcomes arrive', () => {
    const conversation = new Conversation();
    expect(conversation.welcome()[0].text).toMatch(/^Hello/);
    expect(conversation.welcome()).toHaveLength(0);
    expect(conversation.type('hello').map((m) => m.text).join()).not.toMatch(/^Hello/);
  });

  test('a first message with no greeting yet gets it, then the first question (not an answer taken unseen)', () => {
    const conversation = new Conversation();
    const replies = conversation.type('no');
    expect(replies[0].text).toMatch(/immediate danger, call 999/);
    expect(replies[0].text).toMatch(/don't type passwords/);
    expect(conversation.lastState()).toBe('happeningNow');
  });
});

describe('Back', () => {
  test('goes to the previous question and clears the answers after it', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    expect(conversation.lastState()).toBe('location');
    conversation.type('back');
    expect(conversation.lastState()).toBe('audience');
    conversation.click({ action: 'back' });
    expect(conversation.lastState()).toBe('happeningNow');
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    expect(conversation.lastState()).toBe('liveAttack');
  });

  test('at the first question says so and asks it again', () => {
    const conversation = new Conversation();
    conversation.welcome();
    const replies = conversation.type('back');
    expect(replies[0].text).toMatch(/first question/);
    expect(conversation.lastState()).toBe('happeningNow');
  });

  test('from the location question after a live attack returns to the live-attack outcome', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'notSure' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    conversation.click({ action: 'showRegionalTeam' });
    conversation.click({ action: 'back' });
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.text()).toContain('0300 123 2040');
  });
});

describe('Change and Start again from "Your answers"', () => {
  test('Change: who it is for re-asks only that question: the other answers still stand', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    conversation.click({ action: 'change', question: 'audience' });
    expect(conversation.lastState()).toBe('audience');
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.record?.triage.snapshot).toMatchObject({
      context: { audience: 'individual', happening: 'no', location: { unitId: 'SWROCU', label: 'BS1' } },
    });
  });

  test('Change: happening now to "yes" for an organisation leads straight to the live-attack line, keeping the place', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    conversation.click({ action: 'change', question: 'happeningNow' });
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.replies[0].text).toMatch(/0300 123 2040 and press 9/);
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { location: { unitId: 'SWROCU' } } });
    // The place is known, so the regional team comes without asking where again.
    conversation.click({ action: 'showRegionalTeam' });
    expect(conversation.lastState()).toBe('regionalTeam');
  });

  test.each([
    ['happeningNow', 'happeningNow'],
    ['audience', 'audience'],
    ['location', 'location'],
  ] as const)('Change: %s then Back returns to the outcome with the answers as they were', (question, asked) => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    const before = JSON.stringify(conversation.record?.triage.snapshot);
    conversation.click({ action: 'change', question });
    expect(conversation.lastState()).toBe(asked);
    conversation.click({ action: 'back' });
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(JSON.stringify(conversation.record?.triage.snapshot)).toBe(before);
  });

  test('Change: where you are at the live-attack outcome asks for the place, then returns to the live-attack outcome', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    conversation.click({ action: 'showRegionalTeam' });
    conversation.type('LS1 4AP');
    conversation.type('back');
    expect(conversation.lastState()).toBe('location');
    conversation.click({ action: 'back' });
    expect(conversation.lastState()).toBe('liveAttack');
    conversation.click({ action: 'showRegionalTeam' });
    conversation.type('EH1 1YZ');
    expect(conversation.lastState()).toBe('regionalTeam');
    conversation.click({ action: 'change', question: 'location' });
    expect(conversation.lastState()).toBe('location');
    conversation.type('LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { location: { unitId: 'YHROCU' } } });
  });

  test('Start again discards the triage: old buttons are then stale', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    const oldChange = conversation.findButton({ action: 'change', question: 'location' })!;
    conversation.click({ action: 'restart' });
    expect(conversation.replies[0].text).toMatch(/Starting again/);
    expect(conversation.lastState()).toBe('happeningNow');
    const replies = conversation.send({ kind: 'message', text: oldChange.text, value: oldChange.value });
    expect(replies[0].text).toMatch(/earlier question/);
    expect(conversation.lastState()).toBe('happeningNow');
  });
});

describe('misses', () => {
  test('two misses in a row add the direct numbers; an answer resets the count', () => {
    const conversation = new Conversation();
    conversation.welcome();
    expect(conversation.type('blorp').map((m) => m.text).join()).not.toMatch(/0300/);
    expect(conversation.type('blorp').map((m) => m.text).join()).toMatch(/0300 123 2040 and press 9/);
    conversation.type('no');
    expect(conversation.type('blorp').map((m) => m.text).join()).not.toMatch(/0300/);
  });

  test('an unknown place says so and keeps the location question', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    const replies = conversation.type('Narnia');
    expect(replies[0].text).toMatch(/couldn't match that to a place/);
    expect(conversation.lastState()).toBe('location');
  });

  test('free text at an outcome points to the buttons, never silence', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    const replies = conversation.type('thanks');
    expect(replies[0].text).toMatch(/change an answer or start again/);
    expect(conversation.findButton({ action: 'restart' })).toBeDefined();
  });
});

describe('help', () => {
  test('explains, gives the 24/7 numbers, and asks the question again', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    const replies = conversation.type('help');
    const text = replies.map((m) => m.text).join('\n');
    expect(text).toMatch(/start again/);
    expect(text).toMatch(/0300 123 2040 and press 9/);
    expect(conversation.lastState()).toBe('audience');
  });
});

describe('stored state', () => {
  test('holds only the answers: no free text, and a postcode cut to its district', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.type("no it's finished");
    conversation.type('we are a small charity called Helping Hands');
    conversation.type('LS1 4AP');
    const stored = JSON.stringify(conversation.record);
    expect(stored).not.toMatch(/Helping Hands|4AP|finished/i);
    expect(stored).toContain('"LS1"');
  });

  test('a snapshot from another machine version starts afresh, with a message', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    conversation.record!.triage.machineVersion = `${TRIAGE_MACHINE_VERSION}-old`;
    const replies = conversation.type('hello');
    expect(replies[0].text).toMatch(/start again/);
    expect(conversation.lastState()).toBe('happeningNow');
  });

  test('a corrupted snapshot starts afresh instead of crashing', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    conversation.record!.triage.snapshot = { value: 'noSuchState', context: 42 };
    conversation.type('hello');
    expect(conversation.lastState()).toBe('happeningNow');
  });
});

describe('idle conversations', () => {
  test('after 30 minutes idle the next message starts afresh with a short note, and is not applied', () => {
    const conversation = new Conversation();
    conversation.now = new Date('2026-11-18T10:00:00Z');
    conversation.type('hi');
    conversation.type('no');
    expect(conversation.lastState()).toBe('audience');
    conversation.now = new Date('2026-11-18T10:29:00Z');
    conversation.type('blorp');
    expect(conversation.lastState()).toBe('audience');
    conversation.now = new Date('2026-11-18T11:00:00Z');
    const replies = conversation.type('myself');
    expect(replies[0].text).toMatch(/started again/);
    expect(conversation.lastState()).toBe('happeningNow');
    expect(JSON.stringify(conversation.record)).toContain('"happening":null');
  });
});
