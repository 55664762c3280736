import { TRIAGE_MACHINE_VERSION } from '../../machines/triage';
import { runTurn } from '../../dialogs/turn';
import { toActivities } from '../../bots/activities';
import { parseButtonValue } from '../../dialogs/buttons';
import { contentFor, fill } from '../../dialogs/content';
import { contactFacts } from '../../dialogs/facts';
import { renderState } from '../../dialogs/render';
import { restoreTriage } from '../../machines/persistence';
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
    expect(conversation.type('hello').map((m) => m.text).join()).not.toMatch(/I can help if a cyber attack/);
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

describe('a first message that already says what happened (before or without a welcome)', () => {
  test('"we\'re a charity, it\'s happening now" goes straight to the 24/7 line, which comes first', () => {
    const conversation = new Conversation();
    const replies = conversation.type("we're a charity, it's happening now");
    expect(conversation.lastState()).toBe('liveAttack');
    // The number is the first thing the user sees: no greeting above it.
    expect(replies[0].kind).toBe('outcome');
    expect(replies[0].text.split('\n\n')[0]).toMatch(/0300 123 2040 and press 9/);
    expect(replies.map((m) => m.text).join('\n')).not.toMatch(/^Hello/m);
    // The greeting's essentials still reach them: 999, and not to type passwords.
    expect(conversation.text()).toMatch(/call 999/);
    expect(conversation.text()).toMatch(/don't type passwords/);
    // What was understood, next to "Your answers" and its Change buttons; in a chat the answer buttons ("Change an
    // answer" for the several Change buttons, Start again) ride on the last activity, "Was this helpful?", whose Yes
    // and No are on its own small card.
    expect(conversation.text()).toMatch(/I've taken that as: yes, it's happening now; for an organisation/);
    // Between the outcome and "Your answers": the optional "What happened?" and, for an organisation, who else to tell.
    expect(replies.map((m) => m.kind)).toEqual(['outcome', 'steps', 'summary', 'feedback']);
    expect(conversation.findButton({ action: 'change', question: 'audience' })).toBeDefined();
    const last = toActivities(replies).at(-1)!;
    expect(last.suggestedActions?.actions.map((action) => (action.value as { action: string }).action)).toEqual(['showRegionalTeam', 'changeAnswer', 'restart']);
    const card = last.attachments?.[0]?.content as { text: string; buttons: Array<{ value: { action: string; answer: string } }> };
    expect(card.text).toBe('Was this helpful?');
    expect(card.buttons.map((button) => `${button.value.action}:${button.value.answer}`)).toEqual(['feedback:yes', 'feedback:no']);
  });

  test('"HELP we\'re a business and they\'re encrypting our files right now" is the live-attack outcome, not the greeting', () => {
    const conversation = new Conversation();
    conversation.type("HELP we're a business and they're encrypting our files right now");
    expect(conversation.lastState()).toBe('liveAttack');
  });

  test('"past incident, my own laptop, LS1 4AP" goes straight to the regional team, after the greeting', () => {
    const conversation = new Conversation();
    const replies = conversation.type('past incident, my own laptop, LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(replies[0].text).toMatch(/^Hello/);
    // The outcome's lead comes first; what was taken closes the outcome message.
    expect(replies[1].text).toMatch(/^Based on your answers, your regional police Cyber PROTECT team is/);
    expect(replies[1].text).toMatch(/I've taken that as: based in LS1; no, it's not happening now; for yourself/);
    expect(conversation.text()).toContain('Yorkshire and Humber');
  });

  test('a 600-character description is read, not refused', () => {
    const conversation = new Conversation();
    conversation.welcome();
    const story =
      'Please help, we are a registered charity in Sheffield. Last night someone got into our email and this morning our files are ' +
      "encrypted and we can't open anything. There is a note saying we must pay to get them back. Our trustees don't know what to " +
      "do and our volunteers can't work. We have about 20 staff and we support elderly people in the community, so we really need " +
      "our systems back. I've tried turning things off and on again but nothing works. What should we do? Who do we call? We have not paid anything yet.";
    expect(story.length).toBeGreaterThan(500);
    conversation.type(story);
    expect(conversation.lastState()).toBe('liveAttack');
    // Only the answers are kept: the place as the gazetteer names it, none of the story.
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { location: { unitId: "YHROCU", label: "Sheffield" } } });
    expect(JSON.stringify(conversation.record)).not.toMatch(/trustees|volunteers|elderly|encrypted/i);
  });
});

describe('several answers in one message', () => {
  test('"yes it\'s happening now and we\'re a business in Leeds" at "organisation or yourself?" is the 24/7 line, with the place kept', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'notSure' });
    conversation.type("yes it's happening now and we're a business in Leeds");
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { happening: 'yes', audience: 'organisation', location: { unitId: 'YHROCU' } } });
    conversation.click({ action: 'showRegionalTeam' });
    expect(conversation.lastState()).toBe('regionalTeam');
  });
});

describe('saying what was understood', () => {
  test('a typed answer: the next message starts with what was taken, and Back puts it right', () => {
    const conversation = new Conversation();
    conversation.welcome();
    const replies = conversation.type('yse');
    expect(replies[0].text).toMatch(/^I've taken that as: yes, it's happening now \(reading past a typo\)\. Not right\? Press Back/);
    expect(conversation.lastState()).toBe('audience');
    conversation.click({ action: 'back' });
    expect(conversation.lastState()).toBe('happeningNow');
  });

  test('an answer to a question not on screen gets its own Change button', () => {
    const conversation = new Conversation();
    conversation.welcome();
    const replies = conversation.type('we are a charity');
    expect(replies[0].text).toMatch(/^I've taken that as: for an organisation\. Not right\? Use a “Change” button/);
    expect(conversation.lastState()).toBe('happeningNow');
    // Change clears it: the first question still comes first, then "organisation or yourself?" is asked again.
    conversation.click({ action: 'change', question: 'audience' });
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { audience: null } });
    conversation.click({ action: 'answerHappening', answer: 'no' });
    expect(conversation.lastState()).toBe('audience');
  });

  test('a clicked answer needs no such line', () => {
    const conversation = new Conversation();
    conversation.welcome();
    const replies = conversation.click({ action: 'answerHappening', answer: 'yes' });
    expect(replies.map((m) => m.text).join()).not.toMatch(/taken that as/);
  });

  test('under a live attack the line follows the 24/7 number, never above it', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.type('still going on');
    const replies = conversation.type('we are a school');
    expect(replies[0].kind).toBe('outcome');
    const paragraphs = replies[0].text.split('\n\n');
    expect(paragraphs[0]).toMatch(/0300 123 2040 and press 9/);
    expect(paragraphs[paragraphs.length - 1]).toMatch(/^I've taken that as: for an organisation/);
  });
});

describe('a Yes/No instead of a guess', () => {
  test('a bare "yes" to "organisation or yourself?" is checked; Yes applies it', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    const replies = conversation.type('yes');
    expect(replies[replies.length - 1].text).toMatch(/Just to check: are you asking for a business, charity or other organisation\?/);
    expect(conversation.record?.pending).toEqual({
      question: 'audience',
      yes: { question: 'audience', answer: 'organisation' },
      no: { question: 'audience', answer: 'individual' },
      state: 'audience',
    });
    conversation.click({ action: 'confirm', answer: 'yes' });
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.record?.pending).toBeUndefined();
  });

  test('No applies the other answer; a typed "no" works the same', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.type('yes');
    conversation.type('no');
    expect(conversation.lastState()).toBe('location');
    expect(conversation.record?.triage.snapshot).toMatchObject({ context: { audience: 'individual' } });
  });

  test('something else typed instead of Yes/No is read as a new answer, and the question is dropped', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.type('yes');
    conversation.type('we are a pub');
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.record?.pending).toBeUndefined();
  });

  test('a Yes/No button from an earlier confirmation is stale', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.type('yes');
    const oldYes = conversation.findButton({ action: 'confirm', answer: 'yes' })!;
    conversation.type('myself');
    const replies = conversation.send({ kind: 'message', text: oldYes.text, value: oldYes.value });
    expect(replies[0].text).toMatch(/earlier question/);
  });
});

describe('commands at every point get a sensible answer', () => {
  const points: Array<[string, (conversation: Conversation) => void]> = [
    ['the first question', (c) => c.welcome()],
    ['the audience question', (c) => (c.welcome(), c.click({ action: 'answerHappening', answer: 'no' }))],
    ['the live-attack outcome', (c) => (c.welcome(), c.click({ action: 'answerHappening', answer: 'yes' }), c.click({ action: 'answerAudience', answer: 'organisation' }))],
    ['the regional team', (c) => toRegionalOutcome(c)],
  ];
  describe.each(points)('at %s', (_name, reach) => {
    test.each(['what now', 'thanks', 'help', 'menu', 'cancel', 'stop'])('"%s"', (text) => {
      const conversation = new Conversation();
      reach(conversation);
      const replies = conversation.type(text);
      expect(replies.map((m) => m.text).join()).not.toMatch(/didn't understand/);
      expect(replies[replies.length - 1].buttons?.length).toBeGreaterThan(0);
      if (text === 'cancel' || text === 'stop') {
        expect(conversation.text()).toMatch(/cleared your answers/);
        expect(conversation.text()).toMatch(/0300 123 2040 and press 9/);
        expect(conversation.lastState()).toBe('happeningNow');
      }
    });
  });

  test('"what now?" at the live-attack outcome repeats what to do: the number', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    conversation.type('what now?');
    expect(conversation.text()).toMatch(/Call Report Fraud now on 0300 123 2040 and press 9/);
  });

  test('a place typed at the live-attack outcome shows the regional team for it', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    conversation.type('LS1 4AP');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.text()).toContain('Yorkshire and Humber');
  });
});

describe('the observation of a turn (for metrics: no free text)', () => {
  function lastObservation(conversation: Conversation, text: string) {
    return runTurn(conversation.record, { kind: 'message', text }, { now: conversation.now, newTriageId: () => 't-obs' }).observation;
  }

  test('a first message that answers everything', () => {
    const observation = runTurn(undefined, { kind: 'message', text: 'past incident, my own laptop, LS1 4AP' }, { now: new Date(), newTriageId: () => 't' }).observation;
    expect(observation).toEqual({
      stateBefore: null,
      stateAfter: 'regionalTeam',
      outcome: 'regionalTeam',
      answers: [
        { question: 'location', how: 'typed' },
        { question: 'happeningNow', how: 'typed' },
        { question: 'audience', how: 'typed' },
      ],
      startedTriage: true,
    });
  });

  test('clicked, unrecognised, confirming and clarified answers, and commands', () => {
    const conversation = new Conversation();
    conversation.welcome();
    expect(lastObservation(conversation, 'blorp')).toEqual({ stateBefore: 'happeningNow', stateAfter: 'happeningNow', answers: [{ question: 'happeningNow', how: 'unrecognised' }], startedTriage: false });
    conversation.click({ action: 'answerHappening', answer: 'no' });
    expect(lastObservation(conversation, 'yes')).toMatchObject({ answers: [{ question: 'audience', how: 'confirming' }] });
    conversation.type('yes');
    expect(lastObservation(conversation, 'yes')).toMatchObject({ stateAfter: 'location', answers: [{ question: 'audience', how: 'clarified' }] });
    expect(lastObservation(conversation, 'help')).toMatchObject({ command: 'help', answers: [] });
    expect(lastObservation(conversation, 'start again')).toMatchObject({ command: 'restart', startedTriage: true, stateAfter: 'happeningNow' });
    const fresh = new Conversation();
    fresh.welcome();
    const clicked = runTurn(fresh.record, { kind: 'message', value: fresh.findButton({ action: 'answerHappening', answer: 'yes' })?.value }, { now: fresh.now });
    expect(clicked.observation).toEqual({ stateBefore: 'happeningNow', stateAfter: 'audience', answers: [{ question: 'happeningNow', how: 'clicked' }], startedTriage: false });
  });

  test('holds no words the user typed', () => {
    const conversation = new Conversation();
    const result = runTurn(undefined, { kind: 'message', text: 'Helping Hands charity in Leeds, still locked out' }, { now: conversation.now });
    expect(JSON.stringify(result.observation)).not.toMatch(/Helping|Hands|Leeds|locked/i);
  });
});

describe('"Was this helpful?" after every outcome', () => {
  const feedback = contentFor('en-GB').feedback;

  function atOutcome(outcome: 'liveAttack' | 'regionalTeam' | 'outsideUk'): Conversation {
    const conversation = new Conversation();
    conversation.welcome();
    if (outcome === 'liveAttack') {
      conversation.click({ action: 'answerHappening', answer: 'yes' });
      conversation.click({ action: 'answerAudience', answer: 'organisation' });
    } else {
      conversation.click({ action: 'answerHappening', answer: 'no' });
      conversation.click({ action: 'answerAudience', answer: 'individual' });
      conversation.type(outcome === 'regionalTeam' ? 'LS1 4AP' : 'Spain');
    }
    expect(conversation.lastState()).toBe(outcome);
    return conversation;
  }

  test.each(['liveAttack', 'regionalTeam', 'outsideUk'] as const)('%s: asked after "Your answers"; the lead line and "Your answers" as they were', (outcome) => {
    const conversation = atOutcome(outcome);
    const [lead, , answers, prompt] = conversation.replies;
    expect(conversation.replies.map((message) => message.kind)).toEqual(['outcome', 'steps', 'summary', 'feedback']);
    // The outcome message still opens with its lead line (the number, or the team), "Your answers" with its heading.
    const expected = renderState({ state: outcome, context: restoreTriage(conversation.record!.triage)!.context, triageId: conversation.record!.triageId, now: conversation.now, content: contentFor('en-GB') });
    // (A typed answer's "I've taken that as" line closes the outcome, as before.)
    expect(lead.text.startsWith(expected[0].text)).toBe(true);
    expect(answers).toEqual(expected[2]);
    expect(prompt.text).toBe(feedback.prompt);
    expect(prompt.state).toBe(outcome);
    // Language-neutral values, stamped with the triage and the outcome like every other button.
    expect(prompt.buttons!.map((button) => button.value)).toEqual([
      { action: 'feedback', answer: 'yes', triage: conversation.record!.triageId, state: outcome },
      { action: 'feedback', answer: 'no', triage: conversation.record!.triageId, state: outcome },
    ]);
    expect(prompt.buttons!.map((button) => button.label)).toEqual([feedback.yes, feedback.no]);
  });

  test('Yes: a short thank-you, "Your answers" again with Change and Start again; counted once; only "answered" is stored', () => {
    const conversation = atOutcome('regionalTeam');
    const replies = conversation.click({ action: 'feedback', answer: 'yes' });
    expect(replies[0]).toMatchObject({ kind: 'notice', text: feedback.thanksYes });
    expect(replies.map((message) => message.kind)).toEqual(['notice', 'summary']);
    expect(conversation.findButton({ action: 'restart' })).toBeDefined();
    expect(conversation.findButton({ action: 'change', question: 'location' })).toBeDefined();
    expect(conversation.observation).toMatchObject({ stateBefore: 'regionalTeam', stateAfter: 'regionalTeam', answers: [], feedback: { outcome: 'regionalTeam', answer: 'yes' } });
    expect(conversation.record!.feedbackAnswered).toEqual(['regionalTeam']);
    expect(JSON.stringify(conversation.record)).not.toMatch(/"yes"|helpful/i);
  });

  test('No: thanked, with the direct numbers; anything typed afterwards is answered as usual, and kept nowhere', () => {
    const conversation = atOutcome('liveAttack');
    const replies = conversation.click({ action: 'feedback', answer: 'no' });
    expect(replies[0].text).toBe(feedback.thanksNo);
    expect(conversation.text()).toContain('0300 123 2040');
    expect(conversation.text()).toContain('999');
    expect(conversation.observation?.feedback).toEqual({ outcome: 'liveAttack', answer: 'no' });
    const comment = 'Kevin at Acme Widgets says the phone line was engaged';
    const after = conversation.type(comment);
    expect(after.length).toBeGreaterThan(0);
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.observation?.feedback).toBeUndefined();
    expect(JSON.stringify(conversation.record)).not.toMatch(/Kevin|Acme|engaged/);
    expect(JSON.stringify(conversation.observation)).not.toMatch(/Kevin|Acme|engaged/);
  });

  test('once per outcome: not asked again for it, nor counted twice; a different outcome is asked', () => {
    const conversation = new Conversation();
    toRegionalOutcome(conversation);
    const yes = conversation.findButton({ action: 'feedback', answer: 'yes' })!;
    conversation.click({ action: 'feedback', answer: 'yes' });
    // A second click on the same prompt (a double tap, an old card): thanked, not counted.
    const again = conversation.send({ kind: 'message', text: yes.text, value: yes.value });
    expect(again[0].text).toBe(feedback.alreadyAnswered);
    expect(conversation.observation?.feedback).toBeUndefined();
    // The regional team again, for another place: not asked again.
    conversation.click({ action: 'change', question: 'location' });
    conversation.type('Bristol');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.replies.some((message) => message.kind === 'feedback')).toBe(false);
    // A live attack after all: another outcome, asked.
    conversation.click({ action: 'change', question: 'happeningNow' });
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    expect(conversation.replies.map((message) => message.kind).at(-1)).toBe('feedback');
    // Start again keeps what was answered: the same outcome later is not asked about again.
    conversation.click({ action: 'restart' });
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type('Leeds');
    expect(conversation.lastState()).toBe('regionalTeam');
    expect(conversation.replies.some((message) => message.kind === 'feedback')).toBe(false);
  });

  test('optional: Start again, Change and Show my regional team work straight away, and the prompt can come back unanswered', () => {
    const live = atOutcome('liveAttack');
    live.click({ action: 'showRegionalTeam' });
    expect(live.lastState()).toBe('location');
    live.type('Leeds');
    expect(live.lastState()).toBe('regionalTeam');
    const restarted = atOutcome('regionalTeam');
    restarted.click({ action: 'restart' });
    expect(restarted.lastState()).toBe('happeningNow');
    // Back to the outcome, still unanswered: asked again.
    const changed = atOutcome('regionalTeam');
    changed.click({ action: 'change', question: 'audience' });
    changed.click({ action: 'back' });
    expect(changed.lastState()).toBe('regionalTeam');
    expect(changed.replies.at(-1)?.kind).toBe('feedback');
  });

  test('a reminder ("Your answers" after help or thanks) does not ask again', () => {
    const conversation = atOutcome('regionalTeam');
    conversation.type('thanks');
    expect(conversation.replies.some((message) => message.kind === 'feedback')).toBe(false);
  });

  test('stale: a feedback click from an earlier triage or an outcome left behind is not applied nor counted', () => {
    const conversation = atOutcome('regionalTeam');
    const old = conversation.findButton({ action: 'feedback', answer: 'no' })!;
    conversation.click({ action: 'restart' });
    const replies = conversation.send({ kind: 'message', text: old.text, value: old.value });
    expect(replies[0].text).toBe(contentFor('en-GB').replies.stale);
    expect(conversation.lastState()).toBe('happeningNow');
    expect(conversation.observation?.feedback).toBeUndefined();
    expect(conversation.record!.feedbackAnswered).toBeUndefined();

    const moved = atOutcome('regionalTeam');
    const left = moved.findButton({ action: 'feedback', answer: 'yes' })!;
    moved.click({ action: 'change', question: 'location' });
    moved.send({ kind: 'message', text: left.text, value: left.value });
    expect(moved.replies[0].text).toBe(contentFor('en-GB').replies.stale);
    expect(moved.lastState()).toBe('location');
    expect(moved.observation?.feedback).toBeUndefined();
  });

  test('a typed comment is never taken as feedback (a bare yes or no is its answer, as the buttons are), and a forged value at a question is refused', () => {
    const conversation = atOutcome('regionalTeam');
    conversation.type('the page was confusing, not what I needed');
    expect(conversation.observation?.feedback).toBeUndefined();
    conversation.type('no');
    expect(conversation.observation?.feedback).toEqual({ outcome: 'regionalTeam', answer: 'no' });
    conversation.type('yes');
    expect(conversation.observation?.feedback).toBeUndefined();
    const question = new Conversation();
    question.welcome();
    const triage = question.record!.triageId;
    question.send({ kind: 'message', value: { action: 'feedback', answer: 'yes', triage, state: 'happeningNow' } });
    expect(question.observation?.feedback).toBeUndefined();
    expect(question.lastState()).toBe('happeningNow');
    // A tampered stored list is read as nothing answered, never a crash.
    const tampered = atOutcome('regionalTeam');
    tampered.record = { ...tampered.record!, feedbackAnswered: 'constructor' as never };
    tampered.click({ action: 'feedback', answer: 'yes' });
    expect(tampered.record!.feedbackAnswered).toEqual(['regionalTeam']);
  });

  test.each([
    [{ action: 'feedback', answer: 'maybe', triage: 't', state: 'regionalTeam' }, null],
    [{ action: 'feedback', triage: 't', state: 'regionalTeam' }, null],
    [JSON.stringify({ action: 'feedback', answer: 'no', triage: 't', state: 'liveAttack' }), { action: 'feedback', answer: 'no', triage: 't', state: 'liveAttack' }],
  ])('parseButtonValue(%j)', (raw, expected) => {
    expect(parseButtonValue(raw)).toEqual(expected);
  });
});

describe('the greeting names the force when the deployment sets one', () => {
  test('"Hello. This is Example Police\'s cyber incident help." with the rest of the greeting; the plain one otherwise', () => {
    const named = new Conversation({ forceName: 'Example Police' }).welcome()[0].text;
    expect(named).toMatch(/^Hello\. This is Example Police's cyber incident help\. I can help/);
    expect(named).toMatch(/immediate danger, call 999/);
    expect(named).toMatch(/don't type passwords/);
    const plain = contentFor('en-GB').greeting;
    expect(new Conversation().welcome()[0].text).toBe(fill(plain, contactFacts()));
    expect(new Conversation({ forceName: '  ' }).welcome()[0].text).toBe(fill(plain, contactFacts()));
    // A first message gets the named greeting too.
    expect(new Conversation({ forceName: 'Example Police' }).type('hi')[0].text).toMatch(/^Hello\. This is Example Police's/);
  });
});
