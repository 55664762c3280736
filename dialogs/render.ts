import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { forcesOfUnit, unitById, visibleEmail } from '../data/catalog';
import { UK_TIME_ZONE } from '../data/calendar';
import { formatUkTime, unitAvailability } from '../data/officeHours';
import type { RegionalUnit } from '../data/types';
import {
  isLiveOrganisation,
  isOutcome,
  type ChangeableQuestion,
  type OutcomeId,
  type TriageContext,
  type TriageStateId,
} from '../machines/triage';
import type { ButtonAction, ButtonValue } from './buttons';
import type { Confirmation, TakenAnswer } from './understanding/read';
import { fill, type Content } from './content';
import { contactFacts, hoursInWords as formatHours } from './facts';

/** A button: its label, what it does, and the words it stands for when typed (so both routes match). */
export interface BotButton {
  label: string;
  value: ButtonValue;
  text: string;
}

/** A link a channel can show as an action: a phone number (tel:), a website, a verified e-mail (mailto:). */
export interface BotLink {
  label: string;
  url: string;
}

/** One message to the user, channel-neutral; bots/ turns it into activities (suggested actions or cards). */
export interface BotMessage {
  text: string;
  buttons?: BotButton[];
  links?: BotLink[];
  /** "Your answers" as label/value pairs, for channels that show them as a table. */
  facts?: Array<{ title: string; value: string }>;
  /** The state the message renders, when it renders one. */
  state?: TriageStateId;
  kind: 'notice' | 'question' | 'outcome' | 'summary';
}

export interface RenderContext {
  state: TriageStateId;
  context: TriageContext;
  triageId: string;
  now: Date;
  content: Content;
}

const facts = contactFacts();

function button(render: RenderContext, label: string, action: ButtonAction, text: string = label): BotButton {
  return { label, text, value: { ...action, triage: render.triageId, state: render.state } as ButtonValue };
}

/** Back, Start again and Help: on every question after the first. */
function commonButtons(render: RenderContext): BotButton[] {
  const words = render.content.buttons;
  return [
    button(render, words.back, { action: 'back' }, 'back'),
    button(render, words.startAgain, { action: 'restart' }, 'start again'),
    button(render, words.help, { action: 'help' }, 'help'),
  ];
}

function paragraphs(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((part): part is string => Boolean(part)).join('\n\n');
}

function bullets(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

export function telUrl(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function renderQuestion(render: RenderContext): BotMessage {
  const { content, context } = render;
  const words = content.states;
  switch (render.state) {
    case 'happeningNow': {
      const q = words.happeningNow;
      return {
        kind: 'question',
        state: render.state,
        text: paragraphs(`**${q.prompt}**`, q.hint),
        buttons: [
          button(render, q.options.yes, { action: 'answerHappening', answer: 'yes' }),
          button(render, q.options.no, { action: 'answerHappening', answer: 'no' }),
          button(render, q.options.notSure, { action: 'answerHappening', answer: 'notSure' }),
          // The first question has no Back, except while changing an answer: then Back returns to the outcome.
          ...(context.changing ? [button(render, content.buttons.back, { action: 'back' }, 'back')] : []),
          button(render, content.buttons.help, { action: 'help' }, 'help'),
        ],
      };
    }
    case 'audience': {
      const q = words.audience;
      return {
        kind: 'question',
        state: render.state,
        text: paragraphs(context.happening === 'notSure' && q.notSureNote, `**${q.prompt}**`, q.hint),
        buttons: [
          button(render, q.options.organisation, { action: 'answerAudience', answer: 'organisation' }, 'organisation'),
          button(render, q.options.individual, { action: 'answerAudience', answer: 'individual' }, 'myself'),
          ...commonButtons(render),
        ],
      };
    }
    case 'location': {
      const q = words.location;
      const nations = ['england', 'wales', 'scotland', 'northern-ireland', 'outsideUk'] as const;
      return {
        kind: 'question',
        state: render.state,
        text: paragraphs(`**${q.prompt}**`, q.hint),
        buttons: [
          ...nations.map((nation) => button(render, q.options[nation], { action: 'chooseNation', nation })),
          ...commonButtons(render),
        ],
      };
    }
    case 'locationChoice': {
      const q = words.locationChoice;
      const choice = context.pendingChoice;
      const candidates = choice?.candidates ?? [];
      const label = choice?.label ?? '';
      const isRegionList = candidates.length > 0 && candidates.every((candidate) => !candidate.forceId);
      const prompt = isRegionList ? q.promptRegion : choice?.askFullPostcode ? q.promptPostcodeArea : q.promptSplit;
      return {
        kind: 'question',
        state: render.state,
        text: `**${fill(prompt, { label })}**`,
        buttons: [
          ...candidates.map((candidate, index) =>
            button(render, candidate.label, { action: 'chooseCandidate', index }, candidate.label),
          ),
          ...commonButtons(render),
        ],
      };
    }
    default:
      throw new Error(`${render.state} is not a question`);
  }
}

function liveAttackText(render: RenderContext): string {
  const words = render.content.states.liveAttack;
  return paragraphs(
    fill(words.lead, facts),
    bullets(words.steps),
    fill(words.scotland, facts),
    fill(words.danger, facts),
    words.nextStep,
  );
}

/**
 * Whether a team is open changes at most once a minute (hours are HH:mm), and working it out in UK time is the
 * dearest part of a turn, so the words are kept per unit, language and minute.
 */
const availabilityCache = new Map<string, string>();
const AVAILABILITY_CACHE_LIMIT = 1000;

function availabilityText(render: RenderContext, unit: RegionalUnit): string {
  const key = `${unit.id}|${render.content.locale}|${Math.floor(render.now.getTime() / 60_000)}`;
  let text = availabilityCache.get(key);
  if (text === undefined) {
    if (availabilityCache.size >= AVAILABILITY_CACHE_LIMIT) availabilityCache.clear();
    text = describeAvailability(render, unit);
    availabilityCache.set(key, text);
  }
  return text;
}

function describeAvailability(render: RenderContext, unit: RegionalUnit): string {
  const words = render.content.states.regionalTeam;
  const hours = formatHours(unit.officeHours);
  const availability = unitAvailability(render.now, unit.officeHours, unit.bankHolidayDivision);
  const hoursLine = unit.officeHours.isDefault ? fill(words.hoursDefaultNote, { hours }) : fill(words.hours, { hours });
  if (availability.reason === 'open') return hoursLine;
  const nextOpening = formatUkTime(availability.nextOpening);
  const closedLine = {
    weekend: words.closedWeekend,
    'bank-holiday': words.closedBankHoliday,
    'before-hours': words.closedBeforeHours,
    'after-hours': words.closedAfterHours,
  }[availability.reason];
  return `${fill(closedLine, { nextOpening, holiday: availability.holidayTitle ?? '' })} ${hoursLine}`;
}

function reportingText(render: RenderContext, unit: RegionalUnit): string {
  const words = render.content.states.regionalTeam;
  const isOrganisation = render.context.audience === 'organisation';
  switch (unit.reportingRoute) {
    case 'police-scotland':
      return paragraphs(
        words.reportHeading,
        `${fill(words.reportScotland, facts)} ${words.reportScotlandNote}`,
        isOrganisation && fill(words.scotlandOrganisationHelp, facts),
      );
    case 'report-fraud-or-psni':
      return paragraphs(words.reportHeading, fill(words.reportFraud, facts), fill(words.reportPsni, facts));
    case 'report-fraud':
      return paragraphs(words.reportHeading, fill(words.reportFraud, facts));
  }
}

function regionalTeamText(render: RenderContext): string {
  const words = render.content.states.regionalTeam;
  const location = render.context.location;
  if (!location) throw new Error('regionalTeam reached without a location');
  const unit = unitById(location.unitId);
  const isScotland = unit.reportingRoute === 'police-scotland';
  const forces = forcesOfUnit(unit.id).map((force) => force.name);
  const email = visibleEmail(unit);
  const liveReminder = isLiveOrganisation(render.context) && (isScotland ? words.liveReminderScotland : words.liveReminder);
  return paragraphs(
    liveReminder && fill(liveReminder, facts),
    fill(words.lead, { unitName: `${unit.name}, ${unit.teamName}` }),
    forces.length > 1 && fill(words.covers, { forces: listInWords(forces) }),
    bullets([
      fill(words.website, { website: unit.website.url }),
      email ? fill(words.email, { email }) : words.noEmail,
      fill(words.phone, { phoneNote: unit.phoneNote }),
    ]),
    fill(isScotland ? words.not247Scotland : words.not247, facts),
    availabilityText(render, unit),
    reportingText(render, unit),
  );
}

function outsideUkText(render: RenderContext): string {
  const words = render.content.states.outsideUk;
  const outside = render.context.outside;
  if (outside?.kind === 'crown-dependency') return fill(words.crownDependency, { ...facts, label: outside.label });
  return paragraphs(words.abroad, words.channelIslandsNote);
}

function locationSummary(context: TriageContext): string | null {
  if (context.outside) return context.outside.label;
  if (!context.location) return null;
  const unit = unitById(context.location.unitId);
  return `${context.location.label} (${unit.regionLabel})`;
}

/** "Your answers": each answer, the time in UK time, Change for each and Start again. */
export function renderSummary(render: RenderContext): BotMessage {
  const { content, context } = render;
  const words = content.states;
  const time = format(new TZDate(render.now, UK_TIME_ZONE), 'd MMMM yyyy, h:mmaaa');
  const answers: Array<{ title: string; value: string }> = [];
  const changeable: ChangeableQuestion[] = [];
  if (context.happening) {
    answers.push({ title: words.happeningNow.summaryLabel, value: words.happeningNow.summary[context.happening] });
    changeable.push('happeningNow');
  }
  if (context.audience) {
    answers.push({ title: words.audience.summaryLabel, value: words.audience.summary[context.audience] });
    changeable.push('audience');
  }
  const location = locationSummary(context);
  if (location) {
    answers.push({ title: words.location.summaryLabel, value: location });
    changeable.push('location');
  }
  const buttons: BotButton[] = [];
  if (render.state === 'liveAttack') {
    const label = words.liveAttack.showRegionalTeamButton;
    buttons.push(button(render, label, { action: 'showRegionalTeam' }, 'show my regional team'));
  }
  for (const question of changeable) {
    buttons.push(button(render, words[question].changeButton, { action: 'change', question }));
  }
  buttons.push(button(render, content.summary.startAgainButton, { action: 'restart' }, 'start again'));
  return {
    kind: 'summary',
    state: render.state,
    text: paragraphs(fill(content.summary.heading, { time }), bullets(answers.map((answer) => `${answer.title}: ${answer.value}`))),
    facts: answers,
    buttons,
  };
}

function outcomeLinks(render: RenderContext): BotLink[] {
  const words = render.content.links;
  const call = (label: string, number: string): BotLink => ({ label: fill(label, { number }), url: telUrl(number) });
  switch (render.state) {
    case 'liveAttack':
      return [call(words.callLiveLine, facts.reportFraudPhone), call(words.callEmergency, facts.emergencyPhone)];
    case 'regionalTeam': {
      const unit = unitById(render.context.location!.unitId);
      const email = visibleEmail(unit);
      const links: BotLink[] = [];
      if (isLiveOrganisation(render.context)) {
        links.push(
          unit.reportingRoute === 'police-scotland'
            ? call(words.callPoliceScotland, facts.policeScotlandPhone)
            : call(words.callLiveLine, facts.reportFraudPhone),
        );
      }
      links.push({ label: words.openTeamWebsite, url: unit.website.url });
      if (email) links.push({ label: words.emailTeam, url: `mailto:${email}` });
      links.push(
        unit.reportingRoute === 'police-scotland'
          ? { label: words.reportPoliceScotland, url: facts.policeScotlandWebsite }
          : { label: words.reportOnline, url: facts.reportFraudWebsite },
      );
      return links;
    }
    default:
      return [call(words.callEmergency, facts.emergencyPhone)];
  }
}

function renderOutcome(render: RenderContext): BotMessage {
  const text = {
    liveAttack: liveAttackText,
    regionalTeam: regionalTeamText,
    outsideUk: outsideUkText,
  }[render.state as OutcomeId](render);
  return { kind: 'outcome', state: render.state, text, links: outcomeLinks(render) };
}

/** The whole state: a question, or an outcome followed by "Your answers". */
export function renderState(render: RenderContext): BotMessage[] {
  return isOutcome(render.state) ? [renderOutcome(render), renderSummary(render)] : [renderQuestion(render)];
}

/** The state again after a miss, Help or a stale click: the question in full, or just "Your answers" for an outcome. */
export function renderReminder(render: RenderContext): BotMessage[] {
  return isOutcome(render.state) ? [renderSummary(render)] : [renderQuestion(render)];
}

export function notice(text: string): BotMessage {
  return { kind: 'notice', text };
}

export function noticeFromContent(template: string): BotMessage {
  return notice(fill(template, facts));
}

// ---------------------------------------------------------------- understanding: "taken as" and confirmations

/** What a typed answer was taken to be, in words: "yes, it's happening now", "for yourself", "based in LS1". */
export function answerInWords(content: Content, answer: TakenAnswer): string {
  const words = content.understanding.answers;
  switch (answer.question) {
    case 'happeningNow':
      return words.happeningNow[answer.answer];
    case 'audience':
      return words.audience[answer.answer];
    case 'location':
      return answer.location.kind === 'abroad' ? words.outsideUk : fill(words.location, { label: answer.location.label });
  }
}

/** The one short line after a typed answer: what the bot took, and how to change it. */
export function takenAsLine(content: Content, taken: readonly TakenAnswer[], corrected: boolean, changeWith: 'change' | 'back' = 'change'): string {
  const words = content.understanding;
  const answers = taken.map((answer) => answerInWords(content, answer)).join(words.separator);
  return `${fill(corrected ? words.takenAsCorrected : words.takenAs, { answers })} ${changeWith === 'back' ? words.changeHintBack : words.changeHint}`;
}

/** A message with a paragraph added before or after its words (no extra message: each costs the channel a send). */
export function withParagraph(message: BotMessage, paragraph: string, where: 'start' | 'end'): BotMessage {
  return { ...message, text: where === 'start' ? `${paragraph}\n\n${message.text}` : `${message.text}\n\n${paragraph}` };
}

/** Change buttons for answers given by typing, added to a question so a misreading can be put right at once. */
export function changeButtons(render: RenderContext, questions: readonly ChangeableQuestion[]): BotButton[] {
  return questions.map((question) => button(render, render.content.states[question].changeButton, { action: 'change', question }));
}

/** "Did you mean Manchester?" / "Just to check: …", with Yes and No (and Help). */
export function renderConfirmation(render: RenderContext, confirmation: Confirmation): BotMessage {
  const words = render.content.understanding.confirm;
  const proposed = confirmation.yes;
  const prompt =
    proposed.question === 'happeningNow'
      ? words.happeningNow[proposed.answer]
      : proposed.question === 'audience'
        ? words.audience[proposed.answer]
        : fill(words.location, { label: proposed.location.label });
  return {
    kind: 'question',
    state: render.state,
    text: `**${prompt}**`,
    buttons: [
      button(render, words.yes, { action: 'confirm', answer: 'yes' }, 'yes'),
      button(render, words.no, { action: 'confirm', answer: 'no' }, 'no'),
      button(render, render.content.buttons.help, { action: 'help' }, 'help'),
    ],
  };
}
