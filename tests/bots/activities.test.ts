import type { Activity, CardAction } from 'botbuilder';
import { toActivities } from '../../bots/activities';
import { contentFor, fill } from '../../dialogs/content';
import { contactFacts } from '../../dialogs/facts';
import { renderStep } from '../../web/triage/renderStep';
import { Conversation } from '../support/conversation';

/**
 * The chat renderer (Web Chat, Direct Line, Emulator): at an outcome it must leave the transcript room to read, so its
 * answer buttons are few ("Change an answer" for the several Change buttons), "Was this helpful?" is a small card of
 * its own, and the outcome's links (call, website) follow its lead line. Teams keeps its cards. And the dialogs behind
 * it: "Change an answer" lists the answers to change; a shared place name says so; a line in another language is
 * marked with its language.
 */

const en = contentFor('en');
const cy = contentFor('cy');
const facts = contactFacts(en);

function titles(activity: Partial<Activity> | undefined): string[] {
  return (activity?.suggestedActions?.actions ?? []).map((action) => action.title ?? '');
}

function regionalOutcome(environment = {}): Conversation {
  const conversation = new Conversation(environment);
  conversation.welcome();
  conversation.click({ action: 'answerHappening', answer: 'no' });
  conversation.click({ action: 'answerAudience', answer: 'individual' });
  conversation.type('LS1 4AP');
  return conversation;
}

describe('an outcome in a chat', () => {
  test('the answer buttons: one "Change an answer" for the three Change buttons, then Start again; no feedback among them', () => {
    const conversation = regionalOutcome();
    expect(conversation.lastState()).toBe('regionalTeam');
    const activities = toActivities(conversation.replies, 'directline', 'en');
    const last = activities.at(-1);
    expect(titles(last)).toEqual([en.buttons.changeAnswer, en.summary.startAgainButton]);
    // Only the last activity carries buttons (Web Chat shows them there only).
    expect(activities.slice(0, -1).every((activity) => !activity.suggestedActions)).toBe(true);
    const change = last!.suggestedActions!.actions[0] as CardAction;
    expect(change.value).toMatchObject({ action: 'changeAnswer', state: 'regionalTeam', triage: conversation.record!.triageId });
  });

  test('"Was this helpful?" is a small card with Yes and No on the last activity, which expects an answer', () => {
    const last = toActivities(regionalOutcome().replies, 'directline', 'en').at(-1)!;
    expect(last.text).toBeUndefined();
    expect(last.inputHint).toBe('expectingInput');
    const card = last.attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.hero');
    const content = card.content as { text: string; buttons: CardAction[] };
    expect(content.text).toBe(en.feedback.prompt);
    expect(content.buttons.map((button) => [button.type, button.title, button.displayText])).toEqual([
      ['messageBack', en.feedback.yes, en.feedback.yes],
      ['messageBack', en.feedback.no, en.feedback.no],
    ]);
  });

  test('pressing "Change an answer" lists a Change button for each answer, and each still works', () => {
    const conversation = regionalOutcome();
    // The button the chat shows (the dialogs' own messages keep a Change button per answer).
    const shown = toActivities(conversation.replies, 'directline', 'en').at(-1)!.suggestedActions!.actions[0] as CardAction;
    const replies = conversation.send({ kind: 'message', text: shown.text, value: shown.value });
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(`**${en.summary.changeWhich}**`);
    expect(replies[0].buttons!.map((button) => button.label)).toEqual([
      en.states.happeningNow.changeButton,
      en.states.audience.changeButton,
      en.states.location.changeButton,
      en.summary.startAgainButton,
    ]);
    // In the chat these are the answer buttons themselves (not collapsed again).
    expect(titles(toActivities(replies, 'directline', 'en').at(-1))).toEqual(replies[0].buttons!.map((button) => button.label));
    conversation.click({ action: 'change', question: 'location' });
    expect(conversation.lastState()).toBe('location');
  });

  test('"Change an answer" from an earlier triage, or before any outcome, is an old button', () => {
    const conversation = regionalOutcome();
    const stale = { action: 'changeAnswer', triage: conversation.record!.triageId, state: 'regionalTeam' };
    conversation.click({ action: 'restart' });
    const replies = conversation.send({ kind: 'message', text: 'change an answer', value: stale });
    expect(replies[0].text).toBe(en.replies.stale);
    expect(conversation.lastState()).toBe('happeningNow');
  });

  test('the outcome\'s links follow its lead paragraph as markdown links (call first), the rest of the text after them', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'yes' });
    conversation.click({ action: 'answerAudience', answer: 'organisation' });
    const outcome = conversation.replies.find((message) => message.kind === 'outcome')!;
    const text = toActivities(conversation.replies, 'directline', 'en')[0].text!;
    const [lead, links, next] = text.split('\n\n');
    expect(lead).toBe(outcome.text.split('\n\n')[0]);
    expect(lead).toContain(facts.reportFraudPhone);
    const live = fill(en.links.callLiveLine, { number: facts.reportFraudPhone });
    expect(links.startsWith(`[${live}](tel:${facts.reportFraudPhone.replace(/\s/g, '')})`)).toBe(true);
    expect(links).toContain('(tel:999)');
    expect(next).toBe(outcome.text.split('\n\n')[1]);
  });

  test('a regional outcome\'s website and report links are markdown links too; a label cannot break out of its link', () => {
    const text = toActivities(regionalOutcome().replies, 'directline', 'en')[0].text!;
    expect(text.split('\n\n')[1]).toMatch(/^\[Open the team's website\]\(https:\/\/[^)\s]+\) \[Report online\]\(https:\/\/reportfraud\.police\.uk\/?\)$/);
    const odd = toActivities([{ kind: 'outcome', text: 'Lead.\n\nMore.', links: [{ label: 'a] [b', url: 'tel:999' }, { label: 'x', url: 'javascript:alert(1)' }] }], 'directline');
    expect(odd[0].text).toBe('Lead.\n\n[a\\] \\[b](tel:999)\n\nMore.');
  });

  test('Teams keeps its cards: a Change button per answer, the links as card actions, feedback on its own card', () => {
    const activities = toActivities(regionalOutcome().replies, 'msteams', 'en');
    expect(activities.every((activity) => !activity.suggestedActions)).toBe(true);
    const cards = JSON.stringify(activities.map((activity) => activity.attachments));
    for (const question of ['happeningNow', 'audience', 'location']) expect(cards).toContain(`"question":"${question}"`);
    expect(cards).not.toContain('changeAnswer');
    expect(cards).toContain('Action.OpenUrl');
  });
});

describe('a shared place name', () => {
  test.each([
    ['en', en, 'Newport'],
    ['cy', cy, 'Newport'],
  ])('%s: "There are several places called …", not "covers more than one police force area"', (language, content, place) => {
    const conversation = new Conversation({ locale: language === 'cy' ? 'cy-GB' : 'en-GB' });
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type(place);
    expect(conversation.lastState()).toBe('locationChoice');
    expect(conversation.text()).toContain(fill(content.states.locationChoice.promptSharedName, { label: place }));
    expect(conversation.text()).not.toContain(fill(content.states.locationChoice.promptSplit, { label: place }).split('{')[0]);
  });

  test('one place across force areas (a county reaching into two units) still says it covers more than one area', () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.click({ action: 'answerAudience', answer: 'individual' });
    conversation.type('Lincolnshire');
    expect(conversation.lastState()).toBe('locationChoice');
    expect(conversation.text()).toContain(fill(en.states.locationChoice.promptSplit, { label: 'Lincolnshire' }));
  });
});

describe('a line in another language is marked with its language', () => {
  test('the greeting of a Welsh page offers English in a paragraph of its own, marked English in the chat and on the page', () => {
    const conversation = new Conversation({ locale: 'cy-GB', languages: ['en', 'cy'] });
    const [greeting] = conversation.welcome();
    expect(greeting.text.split('\n\n').at(-1)).toBe(en.language.offer);
    expect(greeting.otherLanguages).toEqual([{ text: en.language.offer, lang: en.lang }]);
    expect(toActivities([greeting], 'directline', 'cy')[0].channelData).toEqual({ otherLanguages: [{ text: en.language.offer, lang: en.lang }] });
    const html = renderStep([greeting]);
    expect(html).toContain(`<p lang="${en.lang}">${en.language.offer}</p>`);
    // The Welsh paragraphs are not marked: the page itself is in Welsh.
    expect(html.match(/ lang="/g)).toHaveLength(1);
  });

  test('a first message written in Welsh is answered in Welsh, with the offer of English after it, marked English', () => {
    const conversation = new Conversation({ languages: ['en', 'cy'] });
    const replies = conversation.type('Helo, mae ein busnes ni dan ymosodiad nawr');
    const offer = replies.at(-1)!;
    expect(offer.text).toBe(en.language.offer);
    expect(offer.otherLanguages).toEqual([{ text: en.language.offer, lang: en.lang }]);
    expect(renderStep([offer])).toContain(`<p lang="${en.lang}">${en.language.offer}</p>`);
  });

  test('an English page\'s greeting marks its Welsh offer Welsh; a conversation with one language marks nothing', () => {
    const [bilingual] = new Conversation({ languages: ['en', 'cy'] }).welcome();
    expect(renderStep([bilingual])).toContain(`<p lang="${cy.lang}">${cy.language.offer}</p>`);
    const [english] = new Conversation({ languages: ['en'] }).welcome();
    expect(english.otherLanguages).toBeUndefined();
    expect(renderStep([english])).not.toContain(' lang="');
  });
});
