import { catalog } from '../../data/catalog';
import { contentFor, OPEN_SECTIONS } from '../../dialogs/content';
import { describeProblem, welshProblems } from '../../dialogs/content/grammar';
import en from '../../dialogs/content/en.json';
import type { BotMessage } from '../../dialogs/render';
import { restoreTriage } from '../../machines/persistence';
import type { TriageEvent } from '../../machines/triage';
import { findPhoneNumbers } from '../../web/triage/phoneLinks';
import { Conversation } from '../support/conversation';
import { expectedUnit, forwardJourneys, replayJourney, replayStep, sampleOf, type Journey } from '../support/journeys';

/**
 * Every journey generated from the machine, replayed in Welsh: once clicking the buttons a Welsh speaker sees (the
 * Welsh locale, as Web Chat and Teams send it), once typing Welsh answers only. Each reaches the same outcome with
 * the same facts as the English replay (the numbers, the unit, every URL), and shows no English beyond proper names.
 */

const WELSH = { locale: 'cy-GB', languages: ['cy', 'en'] };
const TIMES = {
  'Wednesday morning': new Date('2026-11-18T10:30:00Z'),
  'Saturday evening': new Date('2026-11-21T19:00:00Z'),
  "St Andrew's Day": new Date('2026-11-30T11:00:00Z'),
};

/** The journeys' typed places as a Welsh speaker types them, where Welsh has its own form the gazetteer knows. */
const WELSH_PLACE: Record<string, string> = { Wales: 'Cymru', Ireland: 'Iwerddon' };

/** Welsh answers typed for each forward event. */
function typeInWelsh(conversation: Conversation, event: TriageEvent): void {
  switch (event.type) {
    case 'ANSWER_HAPPENING':
      conversation.type({ yes: 'ydy', no: 'nac ydy', notSure: 'dim yn siŵr' }[event.answer]);
      return;
    case 'ANSWER_AUDIENCE':
      conversation.type({ organisation: 'busnes', individual: 'fi fy hun' }[event.answer]);
      return;
    case 'SHOW_REGIONAL_TEAM':
      conversation.type('dangos fy nhîm rhanbarthol');
      return;
    case 'CHOOSE_CANDIDATE':
      conversation.type(String(event.index + 1));
      return;
    case 'ANSWER_LOCATION': {
      const typed = sampleOf(event).text;
      conversation.type(WELSH_PLACE[typed] ?? typed);
      return;
    }
    default:
      throw new Error(`not a forward event: ${event.type}`);
  }
}

/** Welsh clicks: the buttons' values are the same in every language; the places typed as a Welsh speaker types them. */
function clickInWelsh(conversation: Conversation, event: TriageEvent): void {
  replayStep(conversation, event, (typed) => WELSH_PLACE[typed] ?? typed);
}

/** A Welsh replay, and every message it showed on the way (the questions too, not only the outcome). */
function replayInWelsh(journey: Journey, how: 'click' | 'type', now: Date): Conversation & { shown: BotMessage[] } {
  const conversation = Object.assign(new Conversation(WELSH), { shown: [] as BotMessage[] });
  conversation.now = now;
  conversation.shown.push(...conversation.welcome());
  for (const { event } of journey.steps) {
    (how === 'click' ? clickInWelsh : typeInWelsh)(conversation, event);
    conversation.shown.push(...conversation.replies);
  }
  return conversation;
}

function contextOf(conversation: Conversation) {
  return restoreTriage(conversation.record!.triage)!.context;
}

/** What a user acts on: the phone numbers (in the words and the call links) and the web addresses. */
function factsOf(messages: BotMessage[]) {
  const text = messages.map((message) => message.text).join('\n');
  const links = messages.flatMap((message) => message.links ?? []);
  return {
    numbers: [...new Set([...findPhoneNumbers(text).map((found) => found.url), ...links.filter((link) => link.url.startsWith('tel:')).map((link) => link.url)])].sort(),
    // The advice page's address says its language (lang=cy): the same page, in the conversation's language.
    urls: [...new Set([...(text.match(/https:\/\/[^\s)]+/g) ?? []).map((url) => url.replace(/[.,;:]+$/, '')), ...links.filter((link) => !link.url.startsWith('tel:')).map((link) => link.url.replace(/&lang=[a-z]+$/, ''))])].sort(),
  };
}

/**
 * The English a Welsh speaker must not see: every piece of three words or more of every en.json string (cut at its
 * placeholders and markdown), except the content's own open sections and what says "English" on purpose.
 */
const EXEMPT = /^(language|translation|time|list|teams|page|locale|lang|unverifiedMark)(\.|$)/;
function englishPieces(): string[] {
  const pieces = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (EXEMPT.test(key) || OPEN_SECTIONS.some((section) => key.startsWith(section))) return;
    if (typeof value === 'string') {
      for (const piece of value.split(/\{[a-zA-Z0-9-]+\}|\*\*|\n+|[()“”:;]/)) {
        const trimmed = piece.trim().replace(/^[-,.\s]+|[-,.\s]+$/g, '');
        if (trimmed.split(/\s+/).length >= 3) pieces.add(trimmed);
      }
    } else if (Array.isArray(value)) value.forEach((child, index) => walk(child, `${key}.${index}`));
    else if (value && typeof value === 'object') for (const [name, child] of Object.entries(value)) walk(child, key ? `${key}.${name}` : name);
  };
  walk(en, '');
  return [...pieces];
}

/** data/'s English prose that has Welsh words in cy.json: it must not show either. */
function englishDataProse(): string[] {
  const prose = [
    ...Object.values(catalog.units).flatMap((unit) => [unit.teamName, unit.phoneNote]),
    ...Object.values(catalog.units).map((unit) => unit.regionLabel).filter((label) => /\s/.test(label) && label !== 'Northern Ireland'),
    ...Object.values(catalog.forces).flatMap((force) => (force.choiceNote ? [force.choiceNote] : [])),
    ...catalog.national.crownDependencies.map((contact) => contact.nameInSentence).filter((name) => name.startsWith('the ')),
    'Outside the UK',
  ];
  // Proper names stay as they are ("East Midlands Special Operations Unit", "Cyber Security Centre for the Isle of Man").
  const properNames = [
    ...Object.values(catalog.units).map((unit) => unit.name),
    ...Object.values(catalog.forces).map((force) => force.name),
    ...catalog.national.crownDependencies.flatMap((contact) => [contact.localPolice, contact.cyberReporting?.label ?? '']),
  ];
  return prose.filter((text) => !properNames.some((name) => name.includes(text.replace(/^the /, ''))));
}

/** The English labels of buttons and links (one or two words, so not among the pieces), where Welsh has its own. */
function englishLabels(): Set<string> {
  const welsh = contentFor('cy');
  const labels = new Set<string>();
  const pairs: Array<[unknown, unknown]> = [
    [en.buttons, welsh.buttons],
    [en.states.happeningNow.options, welsh.states.happeningNow.options],
    [en.states.audience.options, welsh.states.audience.options],
    [en.states.location.options, welsh.states.location.options],
    [en.understanding.confirmButtons.location, welsh.understanding.confirmButtons.location],
    [en.understanding.confirmButtons.happeningNow.yes, welsh.understanding.confirmButtons.happeningNow.yes],
  ];
  for (const [english, cymraeg] of pairs) {
    for (const [key, label] of Object.entries(english as Record<string, string>)) if (label !== (cymraeg as Record<string, string>)[key]) labels.add(label);
  }
  return labels;
}
const LABELS = englishLabels();

const journeys = forwardJourneys();
const PIECES = englishPieces();
const PROSE = englishDataProse();

function englishIn(messages: BotMessage[]): string[] {
  const shown = messages.flatMap((message) => [message.text, ...(message.buttons ?? []).map((button) => button.label), ...(message.links ?? []).map((link) => link.label), ...(message.facts ?? []).flatMap((fact) => [fact.title, fact.value])]).join('\n');
  const labels = messages.flatMap((message) => (message.buttons ?? []).filter((button) => button.value.action !== 'language').map((button) => button.label));
  return [...[...PIECES, ...PROSE].filter((piece) => shown.includes(piece)), ...labels.filter((label) => LABELS.has(label))];
}

test('there are journeys to replay, and English pieces to look for', () => {
  expect(journeys.length).toBeGreaterThan(100);
  expect(PIECES.length).toBeGreaterThan(150);
  expect(PIECES).toContain('Call from a phone or device that the attack has not affected');
  expect([...LABELS]).toEqual(expect.arrayContaining(['Back', 'Start again', 'Yes', 'No', 'Not sure', 'Myself', 'Wales']));
});

describe.each(Object.entries(TIMES))('every journey in Welsh, %s', (_when, now) => {
  test.each(['click', 'type'] as const)('%s: the same outcome, the same facts, the unit it should be, and no English', (how) => {
    const problems: string[] = [];
    for (const journey of journeys) {
      const english = replayJourney(journey, Object.assign(new Conversation(), { now }));
      const welsh = replayInWelsh(journey, how, now);
      const name = `${journey.name} (${how})`;
      if (welsh.lastState() !== english.lastState() || welsh.lastState() !== journey.outcome) {
        problems.push(`${name}: ended at ${welsh.lastState()}, English at ${english.lastState()}`);
        continue;
      }
      const welshContext = contextOf(welsh);
      const englishContext = contextOf(english);
      if (JSON.stringify(welshContext) !== JSON.stringify(englishContext)) problems.push(`${name}: answers differ`);
      const unit = expectedUnit(journey.steps);
      if (unit && welshContext.location?.unitId !== unit) problems.push(`${name}: unit ${welshContext.location?.unitId}, expected ${unit}`);
      const [welshFacts, englishFacts] = [factsOf(welsh.replies), factsOf(english.replies)];
      if (JSON.stringify(welshFacts) !== JSON.stringify(englishFacts)) {
        problems.push(`${name}: facts differ: ${JSON.stringify(welshFacts)} vs ${JSON.stringify(englishFacts)}`);
      }
      const shownEnglish = englishIn(welsh.shown);
      if (shownEnglish.length) problems.push(`${name}: English shown: ${shownEnglish.slice(0, 3).join(' | ')}`);
      if (welsh.shown.some((message) => /\{[a-zA-Z0-9-]+\}/.test(message.text))) problems.push(`${name}: a placeholder shown`);
      // The reviews' checklist on every composed Welsh message: "neu" + mutation, "ac"/"ag", the aspirate, the article
      // of a name inside a sentence, the wording the reviews corrected, times in words.
      const grammar = welsh.shown
        .filter((message) => message.lang === undefined)
        .flatMap((message) => welshProblems([message.text, ...(message.buttons ?? []).map((button) => button.label), ...(message.facts ?? []).map((fact) => fact.value)].join('\n')));
      problems.push(...grammar.map((problem) => describeProblem(name, problem)));
      if (welsh.record?.language) problems.push(`${name}: the locale was stored as a choice`);
    }
    expect(problems).toEqual([]);
  });
});

test('the check for English really finds it: the English outcome of a journey is full of it', () => {
  const english = replayJourney(journeys[0]);
  expect(englishIn(english.replies).length).toBeGreaterThan(3);
});
