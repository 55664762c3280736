/**
 * Questions at any point (issue 20), through the turn step the bot uses: each intent at each kind of outcome answers
 * with that outcome's facts, in English and Welsh; before an outcome it answers briefly and asks the question again;
 * no answer the machine holds ever changes; the buttons stay on the last message; a question the bot has no answer
 * for gets the key number again, never "didn't understand". The words come from the content files and the numbers
 * from data/, so the tests follow them as they change.
 */
import { catalog } from '../../data/catalog';
import { INTENTS, type IntentId } from '../../data/intents';
import { contentFor } from '../../dialogs/content';
import type { BotMessage } from '../../dialogs/render';
import { restoreTriage } from '../../machines/persistence';
import { contentViolations } from '../content/rules';
import { Conversation } from '../support/conversation';

const en = contentFor('en');
const cy = contentFor('cy');

/** One message of each intent, as people type it (the sets in tests/understanding hold many more). */
const ASKED: Record<IntentId, { en: string; cy: string }> = {
  callCost: { en: 'is this line free?', cy: "ydy'r alwad am ddim?" },
  lineBusy: { en: "it's engaged, what now?", cy: 'does neb yn ateb' },
  numberAgain: { en: 'what number was it again?', cy: 'beth oedd y rhif eto?' },
  otherChannel: { en: 'can I email instead', cy: 'alla i anfon e-bost yn lle ffonio?' },
  openingHours: { en: 'when are they open?', cy: 'pryd maen nhw ar agor?' },
  whatHappensNext: { en: 'will they send someone out to us', cy: 'fydd rhywun yn dod allan aton ni?' },
  whatToHaveReady: { en: 'what do I tell them when they answer', cy: 'beth ddylwn i ddweud wrthyn nhw' },
  isBot: { en: 'is this a real person?', cy: "ydw i'n siarad â pherson go iawn?" },
  privacy: { en: 'is this chat secure?', cy: "ydy'r sgwrs hon yn ddiogel?" },
  isPolice: { en: 'is this the police', cy: "ai'r heddlu ydych chi?" },
  cyberTeamNumber: { en: 'I need the number for the cyber crime team', cy: 'beth yw rhif y tîm troseddau seiber' },
  greeting: { en: 'hello', cy: 'shwmae' },
  talkToPerson: { en: 'can I speak to someone', cy: 'alla i siarad â rhywun?' },
  payRansom: { en: 'should we pay the ransom', cy: "ddylen ni dalu'r pridwerth?" },
  acknowledgement: { en: 'ok calling now', cy: "diolch, dw i'n ffonio nawr" },
};

/** The outcomes, reached as a user would (buttons' words typed, or one first message that says it all). */
const OUTCOMES = {
  liveUnknown: ['yes', 'organisation'],
  liveEngland: ['our charity in LS1 4AP is under attack right now'],
  liveScotland: ['our business in G1 1AA is being hacked right now'],
  liveNorthernIreland: ['our shop in BT1 1AA is under attack right now'],
  liveJersey: ['yes', 'organisation', 'Jersey'],
  liveIndividual: ['yes', 'myself', 'LS1 4AP'],
  teamEngland: ['no', 'organisation', 'BS1 4DJ'],
  teamScotland: ['no', 'myself', 'G1 1AA'],
  abroad: ['no', 'myself', 'France'],
  guernsey: ['no', 'myself', 'Guernsey'],
} as const;
type OutcomeName = keyof typeof OUTCOMES;

const LIVE_CHAT = { url: 'https://www.example.police.uk/live-chat', hours: { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00' } };

function reach(name: OutcomeName, language: 'en' | 'cy' = 'en', environment: ConstructorParameters<typeof Conversation>[0] = {}, now?: Date): Conversation {
  const conversation = new Conversation({ ...(language === 'cy' ? { locale: 'cy-GB' } : {}), ...environment });
  if (now) conversation.now = now;
  conversation.welcome();
  for (const step of OUTCOMES[name]) conversation.type(step);
  return conversation;
}

const snapshotOf = (conversation: Conversation) => restoreTriage(conversation.record!.triage)!;
const text = (messages: BotMessage[]) => messages.map((message) => message.text).join('\n\n');

/** Asks, and checks what every answer must do: no answer changed, the reminder with its buttons last, no miss. */
function ask(conversation: Conversation, message: string): { said: string; messages: BotMessage[] } {
  const before = snapshotOf(conversation);
  const messages = conversation.type(message);
  const after = snapshotOf(conversation);
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(messages[0].kind).toBe('notice');
  expect(messages[messages.length - 1].buttons?.length).toBeGreaterThan(0);
  expect(text(messages)).not.toMatch(/didn't understand|doeddwn i ddim yn deall/);
  return { said: messages[0].text, messages };
}


/** Where the attack is over: "should we pay the ransom?" says a ransom is being demanded, read on the safe side (below). */
const PAST: ReadonlySet<OutcomeName> = new Set(['teamEngland', 'teamScotland', 'abroad', 'guernsey']);
const answered = (outcome: OutcomeName, intent: IntentId) => !(intent === 'payRansom' && PAST.has(outcome));

describe('each question at each kind of outcome is answered, nothing changes, the rules hold', () => {
  const cases = (Object.keys(OUTCOMES) as OutcomeName[]).flatMap((outcome) => INTENTS.filter((intent) => answered(outcome, intent)).map((intent) => [outcome, intent] as const));
  test.each(cases)('at %s: %s', (outcome, intent) => {
    const conversation = reach(outcome);
    const { messages } = ask(conversation, ASKED[intent].en);
    expect(conversation.observation?.intent).toBe(intent);
    expect(contentViolations(messages, snapshotOf(conversation).context)).toEqual([]);
  });
});

describe('the facts of the outcome the user is at', () => {
  test('the number again: the live line in England, 101 in Scotland, the PSNI rule in Northern Ireland, the island police, the team', () => {
    expect(ask(reach('liveEngland'), ASKED.numberAgain.en).said).toMatch(/\*\*Call 0300 123 2040 and press 9\*\*/);
    const scotland = ask(reach('liveScotland'), ASKED.numberAgain.en).said;
    expect(scotland).toMatch(/Call Police Scotland on 101/);
    expect(scotland).not.toMatch(/press 9|0300/);
    expect(ask(reach('liveNorthernIreland'), ASKED.numberAgain.en).said).toMatch(/press 9\*\*[^\n]*PSNI on 101/);
    const jersey = ask(reach('liveJersey'), ASKED.numberAgain.en).said;
    expect(jersey).toMatch(/States of Jersey Police on 612612/);
    expect(jersey).not.toMatch(/0300|press 9/);
    expect(ask(reach('teamEngland'), ASKED.numberAgain.en).said).toMatch(/South West Regional Organised Crime Unit[\s\S]*Report Fraud online/);
    expect(ask(reach('abroad'), ASKED.numberAgain.en).said).toMatch(/police where you are/);
    // Not known where: the live line, and Police Scotland for Scotland.
    expect(ask(reach('liveUnknown'), ASKED.numberAgain.en).said).toMatch(/press 9\*\*[\s\S]*In Scotland, call Police Scotland on 101/);
  });

  test('the cost of the call: 0300 as an 01/02 call in inclusive minutes, 101 and 999 free; nothing unsourced for the islands', () => {
    const england = ask(reach('liveEngland'), ASKED.callCost.en).said;
    expect(england).toMatch(/0300 123 2040 cost no more than a call to an ordinary 01 or 02/);
    expect(england).toMatch(/inclusive minutes/);
    expect(england).toMatch(/101 and 999 are free/);
    const scotland = ask(reach('liveScotland'), ASKED.callCost.en).said;
    expect(scotland).toMatch(/101 and 999 are free/);
    expect(scotland).not.toMatch(/0300/);
    const guernsey = ask(reach('guernsey'), ASKED.callCost.en).said;
    expect(guernsey).toMatch(/I don't hold what a call to Guernsey Police costs/);
    expect(guernsey).not.toMatch(/free|0300/);
  });

  test('engaged or nobody answering: keep trying the outcome\'s own line; the team\'s hours and the other routes when it is the team', () => {
    expect(ask(reach('liveEngland'), 'nobody is answering').said).toMatch(/Keep trying 0300 123 2040, then press 9: the line for an organisation under a live cyber attack is open 24 hours a day/);
    expect(ask(reach('liveScotland'), 'nobody is answering 101').said).toMatch(/Keep trying Police Scotland on 101: 101 is answered 24 hours a day[\s\S]*in person at any police station/);
    const team = ask(reach('teamEngland'), 'nobody is answering 101').said;
    expect(team).toMatch(/we assume Monday to Friday, 9am to 5pm/);
    expect(team).toMatch(/Report Fraud's phone line, 0300 123 2040, is open Monday to Friday, 8am to 8pm, and you can report online/);
    const person = ask(reach('liveIndividual'), "it's engaged").said;
    expect(person).toMatch(/online at https:\/\/reportfraud\.police\.uk, which is open 24 hours a day/);
    expect(person).toMatch(/number on the back of your card/);
    expect(person).not.toMatch(/press 9/);
  });

  test('email or online instead: call while a live attack lasts, the team\'s website (no unverified address), Scotland\'s online form', () => {
    const live = ask(reach('liveEngland'), ASKED.otherChannel.en).said;
    expect(live).toMatch(/While the attack is going on, call/);
    expect(live).toMatch(/I don't hold an e-mail address/);
    expect(live).toMatch(/\*\*Call 0300 123 2040 and press 9\*\*/);
    const team = ask(reach('teamEngland'), ASKED.otherChannel.en).said;
    expect(team).toMatch(new RegExp(`through its website \\(${catalog.units.SWROCU.website.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`));
    expect(team).toMatch(/Report Fraud online at https:\/\/reportfraud\.police\.uk, at any time/);
    expect(ask(reach('teamScotland'), ASKED.otherChannel.en).said).toMatch(/Police Scotland online at https:\/\/www\.scotland\.police\.uk\/contact-us\/report-cybercrime\//);
  });

  test('opening hours: the live line 24/7; the team\'s hours as assumed and when it opens; Report Fraud\'s phone hours', () => {
    expect(ask(reach('liveEngland'), ASKED.openingHours.en).said).toMatch(/0300 123 2040 then 9, is open 24 hours a day, 7 days a week/);
    const team = ask(reach('teamEngland', 'en', {}, new Date('2026-11-21T12:00:00Z')), ASKED.openingHours.en).said; // a Saturday
    expect(team).toMatch(/It's the weekend, so the team is closed: expect an answer once it opens on Monday at 9am/);
    expect(team).toMatch(/Monday to Friday, 8am to 8pm/);
  });

  test('what happens next: the adviser on the live line, that no one can promise someone comes out; the PSNI for attendance in Northern Ireland', () => {
    const england = ask(reach('liveEngland'), ASKED.whatHappensNext.en).said;
    expect(england).toMatch(/a specialist adviser asks about the attack/);
    expect(england).toMatch(/I can't promise it/);
    expect(ask(reach('liveNorthernIreland'), ASKED.whatHappensNext.en).said).toMatch(/If you need police to come out to you, call the PSNI on 101/);
    expect(ask(reach('teamEngland'), 'what happens after I report it').said).toMatch(/police crime reference number/);
  });

  test('what to have ready: the live line\'s list for an organisation under attack, the evidence to keep otherwise; never typed here', () => {
    expect(ask(reach('liveEngland'), ASKED.whatToHaveReady.en).said).toContain(en.states.liveAttack.steps[1]);
    const team = ask(reach('teamEngland'), ASKED.whatToHaveReady.en).said;
    expect(team).toMatch(/don't forward them, not even to the police/);
    expect(team).toMatch(/You don't need to type any of it here/);
  });

  test('talk to a person: said plainly that this is automated; the human routes that exist where the user is; the force\'s live chat and its hours when the deployment names one', () => {
    const plain = ask(reach('liveEngland'), ASKED.talkToPerson.en).said;
    expect(plain).toMatch(/This is an automated helper, not a person/);
    expect(plain).toMatch(/Report Fraud's advisers, for an organisation under a live cyber attack: 0300 123 2040, then press 9 \(24 hours a day/);
    expect(plain).not.toMatch(/live chat/);
    const withChat = ask(reach('liveEngland', 'en', { liveChat: LIVE_CHAT, forceName: 'Example Police' }), ASKED.talkToPerson.en).said;
    expect(withChat).toMatch(/Example Police's live chat: https:\/\/www\.example\.police\.uk\/live-chat \(Monday to Friday, 8am to 8pm\)/);
    expect(ask(reach('teamEngland', 'en', { liveChat: { url: LIVE_CHAT.url, hours: 'always' } }), ASKED.talkToPerson.en).said).toMatch(
      /the force's live chat: https:\/\/www\.example\.police\.uk\/live-chat \(24 hours a day, 7 days a week\)/,
    );
    const scotland = ask(reach('teamScotland'), ASKED.talkToPerson.en).said;
    expect(scotland).toMatch(/Police Scotland: 101 \(24 hours a day/);
    expect(scotland).not.toMatch(/0300/);
    expect(ask(reach('guernsey'), ASKED.talkToPerson.en).said).toMatch(/Guernsey Police: 222222/);
    expect(ask(reach('liveEngland'), ASKED.isBot.en).said).toMatch(/^No, I'm an automated helper, not a person[\s\S]*You can speak to a person here/);
  });

  test('is this the police, privacy, the cyber team, ransom: the force named where set, the idle minutes, the team or the live line first, the NCSC\'s advice', () => {
    expect(ask(reach('liveEngland', 'en', { forceName: 'Example Police' }), ASKED.isPolice.en).said).toMatch(
      /^I'm Example Police's automated cyber incident helper, not a police officer: nothing you type here is passed to the police or counts as a report[\s\S]*0300 123 2040 and press 9/,
    );
    expect(ask(reach('liveEngland', 'en', { idleTimeoutMs: 20 * 60_000 }), ASKED.privacy.en).said).toMatch(/deletes them after 20 minutes without a reply/);
    const live = ask(reach('liveUnknown'), ASKED.cyberTeamNumber.en).said;
    expect(live).toMatch(/don't wait for the regional team[\s\S]*0300 123 2040 and press 9[\s\S]*choose \*\*Show my regional team\*\*/);
    const team = ask(reach('teamEngland'), ASKED.cyberTeamNumber.en).said;
    expect(team).toMatch(/South West Regional Organised Crime Unit[\s\S]*Phone: No direct public phone line for this team/);
    expect(ask(reach('liveEngland'), ASKED.payRansom.en).said).toMatch(/^Don't pay or reply to the attackers\. The NCSC and UK police do not condone paying[\s\S]*press 9/);
  });

  test('"ok calling now" at the live line: encouragement to keep trying, not "didn\'t understand"; elsewhere a short OK', () => {
    expect(ask(reach('liveEngland'), ASKED.acknowledgement.en).said).toMatch(/^Good\. Call from a phone the attack hasn't affected/);
    expect(ask(reach('teamEngland'), ASKED.acknowledgement.en).said).toMatch(/^OK\. Take care/);
  });
});

describe('in Welsh', () => {
  const welshWords = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(welshWords) : [];
  /** Every English sentence of the answers, cut at its first placeholder: none may appear in a Welsh answer. */
  const englishLines = welshWords(en.intents)
    .map((line) => line.split('{')[0].trim())
    .filter((line) => line.length > 12);

  test.each((['liveEngland', 'liveScotland', 'teamEngland', 'guernsey'] as OutcomeName[]).flatMap((outcome) => INTENTS.filter((intent) => answered(outcome, intent)).map((intent) => [outcome, intent] as const)))(
    'at %s: %s is answered in Welsh with the same numbers',
    (outcome, intent) => {
      const conversation = reach(outcome, 'cy');
      const { said, messages } = ask(conversation, ASKED[intent].cy);
      expect(conversation.observation?.intent).toBe(intent);
      for (const line of englishLines) expect(said).not.toContain(line);
      const english = ask(reach(outcome), ASKED[intent].en).said;
      const numbers = (words: string) => [...words.matchAll(/\b(0300 123 2040|101|999|159|612612|222222|01786 437 472)\b/g)].map((match) => match[1]).sort();
      expect(numbers(said)).toEqual(numbers(english));
      expect(messages.some((message) => message.text.includes(cy.summary.heading.split(' ')[0]))).toBe(true);
    },
  );

  test('"diolch, dw i\'n ffonio nawr" at the live line is answered in Welsh, not "didn\'t understand"', () => {
    expect(ask(reach('liveEngland', 'cy'), ASKED.acknowledgement.cy).said).toBe(cy.intents.acknowledgement.liveLine);
  });
});

describe('before an outcome: a short answer, then the question on screen again (no new branch, no answer taken)', () => {
  test.each([
    ['happeningNow', [] as string[]],
    ['audience', ['yes']],
    ['location', ['no', 'myself']],
  ])('at %s', (state, steps) => {
    let answered = 0;
    for (const intent of INTENTS) {
      const conversation = new Conversation();
      conversation.welcome();
      for (const step of steps) conversation.type(step);
      const before = snapshotOf(conversation);
      const messages = conversation.type(ASKED[intent].en);
      const after = snapshotOf(conversation);
      if (after.value === before.value && conversation.observation?.intent === intent) {
        answered++;
        expect(after.context).toEqual(before.context);
        expect(messages).toHaveLength(2);
        expect(messages[0].kind).toBe('notice');
        expect(messages[1]).toMatchObject({ kind: 'question', state });
        expect(messages[1].buttons?.length).toBeGreaterThan(0);
      } else {
        // A question that also says the attack is going on ("it's engaged, what now?", "ok calling now", "should we
        // pay the ransom?") is taken on the safe side: happening now, never "not happening".
        expect(after.context.happening === 'yes' || after.context.happening === 'notSure').toBe(true);
        expect(before.context.happening === null || before.context.happening === 'no').toBe(true);
      }
    }
    expect(answered).toBeGreaterThanOrEqual(INTENTS.length - 3);
  });

  test('a question asked while a "Did you mean …?" is on screen leaves it there, and Yes still applies it', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.type('no');
    conversation.type('myself');
    conversation.type('Manchster');
    expect(conversation.text()).toMatch(/Did you mean Manchester\?/);
    const { messages } = ask(conversation, 'is it free to call?');
    expect(messages[1].text).toMatch(/Did you mean Manchester\?/);
    conversation.type('yes');
    expect(conversation.lastState()).toBe('regionalTeam');
  });

  test('a first message that is a question gets the greeting, the answer, then the first question; "hello" just the greeting', () => {
    const asked = new Conversation().type('hi, is it free to call?');
    expect(asked.map((message) => message.kind)).toEqual(['notice', 'notice', 'question']);
    expect(asked[0].text).toMatch(/If anyone is in immediate danger/);
    expect(asked[1].text).toMatch(/0300 123 2040 cost no more/);
    const hello = new Conversation().type('hello');
    expect(hello.map((message) => message.kind)).toEqual(['notice', 'question']);
  });

  test('a question that also answers the question on screen is applied as an answer (the answer leads to the number)', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.type('yes');
    conversation.type("we're a charity, is the call free?");
    expect(conversation.lastState()).toBe('liveAttack');
    expect(conversation.text()).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
  });
});

describe('never a change of answer from a question, except on the safe side', () => {
  test('"should we pay the ransom?" after an incident said to be over is read as going on (the 24/7 line), with the NCSC\'s "don\'t pay"', () => {
    const conversation = reach('teamEngland');
    const said = text(conversation.type(ASKED.payRansom.en));
    expect(snapshotOf(conversation).context).toMatchObject({ happening: 'yes', kind: 'ransomware' });
    expect(said).toMatch(/^\*\*Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(said).toContain(en.firstSteps.kinds.ransomware.organisation.dontPay);
  });

  test.each(['are they open on Sunday?', 'is it still free to call from work?', 'is this private, just asking for myself', 'are they open at the Leeds office?'])(
    'at a live organisation\'s outcome: "%s" leaves it live, for the organisation, where it was',
    (message) => {
      const conversation = reach('liveEngland');
      ask(conversation, message);
      expect(snapshotOf(conversation).context).toMatchObject({ happening: 'yes', audience: 'organisation', location: { unitId: 'YHROCU' } });
    },
  );

  test('at the first question, a question that reads like a past time is not taken as "no"', () => {
    const conversation = new Conversation();
    conversation.welcome();
    ask(conversation, 'are they open on Sunday?');
    expect(snapshotOf(conversation).context.happening).toBeNull();
  });
});

describe('a question it has no answer for, at an outcome', () => {
  test('gets the key number again, twice over, and never a bare "didn\'t understand"', () => {
    const conversation = reach('liveEngland');
    for (const message of ['what is a ROCU anyway', 'my cat is called Fred']) {
      const messages = conversation.type(message);
      const said = text(messages);
      expect(said).toMatch(/I can't answer that here\.[\s\S]*\*\*Call 0300 123 2040 and press 9\*\*/);
      expect(said).not.toMatch(/didn't understand/);
      expect(messages[messages.length - 1].buttons?.length).toBeGreaterThan(0);
    }
    const team = reach('teamScotland');
    expect(text(team.type('why me, honestly'))).toMatch(/I can't answer that here\.[\s\S]*Police Scotland on 101/);
  });
});
