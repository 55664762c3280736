import { crownDependencyContact, forceById, forcesOfUnit, reportingRouteOf, unitById, visibleEmail, catalog } from '../data/catalog';
import { isNationLabel } from '../data/location';
import { unitAvailability } from '../data/officeHours';
import type { CrownDependencyContact } from '../data/schema';
import type { CrownDependency, LocationCandidate, Nation, RegionalUnit, ReportingRoute } from '../data/types';
import {
  isLive,
  isLiveOrganisation,
  isOutcome,
  type ChangeableQuestion,
  type OutcomeId,
  type TriageContext,
  type TriageStateId,
} from '../machines/triage';
import { adviceUrl } from './advice';
import type { ButtonAction, ButtonValue } from './buttons';
import { raisesBankAlarm, renderFirstSteps } from './firstSteps';
import type { Confirmation, TakenAnswer } from './understanding/read';
import en from './content/en.json';
import { contentFor, fill, languageOfContent, listInWords, type Content } from './content';

export { listInWords } from './content';
import {
  contactFacts,
  dataTextOf,
  forceNameFor,
  forceNameIn,
  type ForceNameSetting,
  holidayIn,
  hoursInWords as formatHours,
  locationIn,
  placeIn,
  placeLabelOf,
  shownFact,
  stampInWords,
  unitNameIn,
  unitText,
  whenInWords,
} from './facts';

/** A button: its label, what it does, and the words it stands for when typed (so both routes match). */
export interface BotButton {
  label: string;
  value: ButtonValue;
  text: string;
  /** The label's language when it differs from the message's ("Cymraeg" on an English page), for screen readers. */
  lang?: string;
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
  /**
   * `feedback`: "Was this helpful?" after an outcome's "Your answers" (optional: nothing waits for it). `steps`: the
   * first steps for what happened, or the optional "What happened?" (dialogs/firstSteps.ts), between the outcome and
   * "Your answers".
   */
  kind: 'notice' | 'question' | 'outcome' | 'summary' | 'feedback' | 'steps';
  /** The message's language when it is not the turn's ("This service is also available in English." in Welsh). */
  lang?: string;
  /**
   * Paragraphs of `text` in another language than the conversation's ("This service is also available in English."
   * in a Welsh greeting), each with its language, so a channel can mark them (`lang`) for screen readers.
   */
  otherLanguages?: OtherLanguageLine[];
}

/** A paragraph in another language: its text exactly as in the message, and its language ("en", "cy"). */
export interface OtherLanguageLine {
  text: string;
  lang: string;
}

export interface RenderContext {
  state: TriageStateId;
  context: TriageContext;
  triageId: string;
  now: Date;
  content: Content;
  /**
   * The deployment's own nation (a Police Scotland deployment: 'scotland'). When the user's location is not known,
   * it decides which route the live-attack outcome leads with; a known location always wins.
   */
  defaultNation?: Nation;
  /** The deployment's public address (PUBLIC_BASE_URL), for links that must be absolute (a Teams card's). */
  publicBaseUrl?: string;
}

/**
 * Where the user's help comes from, as far as it is known: a UK reporting route, a Crown Dependency's own police,
 * or abroad. Read from the answers whenever they hold a location, in every state.
 */
export type Jurisdiction =
  | { kind: 'uk'; route: ReportingRoute }
  | { kind: 'crown-dependency'; territory: CrownDependency; label: string }
  | { kind: 'abroad'; label: string };

/** The jurisdiction the user's answers place them in, or null when no location is known (a default is not used). */
export function knownJurisdiction(context: TriageContext): Jurisdiction | null {
  if (context.outside?.kind === 'crown-dependency') {
    return { kind: 'crown-dependency', territory: context.outside.territory, label: context.outside.label };
  }
  if (context.outside?.kind === 'abroad') return { kind: 'abroad', label: context.outside.label };
  if (context.location) {
    const route = context.location.forceId
      ? reportingRouteOf(forceById(context.location.forceId).nation)
      : unitById(context.location.unitId).reportingRoute;
    return { kind: 'uk', route };
  }
  return null;
}

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

/** Markdown paragraphs of the parts given (a false or empty part is left out). */
export function paragraphs(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((part): part is string => Boolean(part)).join('\n\n');
}

/** A markdown bullet list of the lines given (a false or empty line is left out). */
export function bullets(lines: Array<string | false | null | undefined>): string {
  return lines
    .filter((line): line is string => Boolean(line))
    .map((line) => `- ${line}`)
    .join('\n');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function telUrl(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** Lower-case words only, for comparing labels. */
function wordsOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function sharesWords(a: string, b: string, length = 3): boolean {
  const left = wordsOf(a).split(' ');
  const right = ` ${wordsOf(b)} `;
  if (left.length < length) return right.includes(` ${left.join(' ')} `);
  for (let start = 0; start + length <= left.length; start++) {
    if (right.includes(` ${left.slice(start, start + length).join(' ')} `)) return true;
  }
  return false;
}

/**
 * Two names for one thing, written once: "Scotland" and "Scotland" is "Scotland"; "LS1" and "Yorkshire and the
 * Humber" is "LS1 (Yorkshire and the Humber)". Where the two overlap, the one with more words is kept.
 */
export function joinedLabel(first: string, second: string): string {
  if (sharesWords(first, second, 2) || sharesWords(second, first, 2)) {
    return wordsOf(second).split(' ').length > wordsOf(first).split(' ').length ? second : first;
  }
  return second.includes('(') || first.includes('(') ? `${first} – ${second}` : `${first} (${second})`;
}

/** The unit and its team, without saying a name twice: "Metropolitan Police Service, Cyber Crime Unit – FALCON …". */
export function unitTitle(unit: RegionalUnit, content: Content = en): string {
  const unitName = unitNameIn(unit, content);
  const teamName = unitText(unit, 'teamName', content);
  const name = wordsOf(unitName);
  const team = wordsOf(teamName);
  if (name.includes(team)) return unitName;
  if (team.includes(name)) return teamName;
  return `${unitName}, ${teamName}`;
}

/** A choice's label in the user's language: a force's own name there, a region's label there, else the data's. */
function candidateLabel(candidate: LocationCandidate, content: Content): string {
  if (candidate.parts) return placeLabelOf(candidate, content);
  if (candidate.forceId) {
    const force = forceById(candidate.forceId);
    return candidate.label === force.name ? forceNameIn(force, content) : placeIn(candidate.label, content);
  }
  const unit = unitById(candidate.unitId);
  return candidate.label === unit.regionLabel ? unitText(unit, 'regionLabel', content) : placeIn(candidate.label, content);
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
      const label = choice ? placeIn(choice.label, content) : '';
      const isRegionList = candidates.length > 0 && candidates.every((candidate) => !candidate.forceId);
      // An area alone ("ME") is too broad to route even when one force covers it; a district or sector that
      // straddles a boundary needs the whole postcode.
      const postcodePrompt = /^[A-Z]{1,2}$/.test(label) ? q.promptPostcodeArea : q.promptPostcodeDistrict;
      const prompt = isRegionList ? q.promptRegion : choice?.askFullPostcode ? postcodePrompt : choice?.sharedName ? q.promptSharedName : q.promptSplit;
      // "Ireland": the UK's part of it, or somewhere outside the UK.
      const inUk = choice?.abroad ? listInWords(candidates.map((candidate) => candidateLabel(candidate, content)), content, 'or') : '';
      return {
        kind: 'question',
        state: render.state,
        text: choice?.abroad ? `**${fill(q.promptUkOrAbroad, { inUk }, content)}**` : `**${fill(prompt, { label }, content)}**`,
        buttons: [
          ...candidates.map((candidate, index) => {
            // The force's note (the City of London: "the Square Mile only") is on the button; typed words match the name.
            const force = candidate.forceId ? forceById(candidate.forceId) : undefined;
            const note = force?.choiceNote ? (dataTextOf(content).forces?.[force.id]?.choiceNote ?? force.choiceNote) : undefined;
            const name = candidateLabel(candidate, content);
            const shown = note && !name.includes(note) ? `${name} (${note})` : name;
            return button(render, shown, { action: 'chooseCandidate', index }, candidate.label);
          }),
          ...(choice?.abroad
            ? [button(render, fill(q.abroadOption, { place: placeIn(choice.abroad, content) }), { action: 'chooseCandidate', index: candidates.length }, 'outside the UK')]
            : []),
          ...commonButtons(render),
        ],
      };
    }
    default:
      throw new Error(`${render.state} is not a question`);
  }
}

/** The jurisdiction the live-attack words are for: the user's own, else the deployment's nation, else none. */
export function liveJurisdiction(render: RenderContext): { jurisdiction: Jurisdiction | null; known: boolean } {
  const known = knownJurisdiction(render.context);
  if (known) return { jurisdiction: known, known: true };
  return { jurisdiction: render.defaultNation ? { kind: 'uk', route: reportingRouteOf(render.defaultNation) } : null, known: false };
}

export interface IslandFacts {
  contact: CrownDependencyContact;
  /** "Jersey", "IM1 (Isle of Man)" … as the start of a sentence. */
  place: string;
  values: Record<string, string>;
}

/** A Crown Dependency's names in the user's language (content `dataText.crownDependencies`), else the data's. */
export function islandWords(contact: CrownDependencyContact, content: Content) {
  const words = dataTextOf(content).crownDependencies?.[contact.territory] ?? {};
  return {
    name: words.name ?? contact.name,
    nameInSentence: words.nameInSentence ?? contact.nameInSentence,
    localPoliceInSentence: words.localPoliceInSentence ?? contact.localPoliceInSentence,
    cyberReportingLabel: words.cyberReportingLabel ?? contact.cyberReporting?.label ?? '',
  };
}

/** The words for a Crown Dependency: its own police, their numbers as the data gives them, the place as typed. */
export function islandFacts(render: RenderContext, territory: CrownDependency, label: string): IslandFacts {
  const facts = contactFacts(render.content);
  const mark = render.content.unverifiedMark;
  const contact = crownDependencyContact(territory);
  const names = islandWords(contact, render.content);
  const sameAsName = wordsOf(label) === wordsOf(contact.name);
  const place = sameAsName || /\d/.test(label) || /^[A-Z]{1,2}$/.test(label) ? capitalised(names.nameInSentence) : placeIn(label, render.content);
  const outside = contact.policePhoneFromOutside;
  const fromOutside = outside
    ? fill(render.content.states.liveAttack.fromOutside, { number: shownFact(outside.number, outside, mark), territory: names.nameInSentence })
    : '';
  return {
    contact,
    place,
    values: {
      ...facts,
      place,
      police: names.localPoliceInSentence,
      policePhone: shownFact(contact.policePhone.number, contact.policePhone, mark),
      fromOutside,
      emergencyPhone: shownFact(contact.emergencyPhone.number, contact.emergencyPhone, mark),
    },
  };
}

/** The organisation's live-attack lead, for the jurisdiction when it is known, else for every nation in turn. */
function liveLeadForOrganisation(render: RenderContext): string[] {
  const facts = contactFacts(render.content);
  const words = render.content.states.liveAttack;
  const { jurisdiction, known } = liveJurisdiction(render);
  if (jurisdiction?.kind === 'crown-dependency') {
    return [fill(words.leadCrownDependency, islandFacts(render, jurisdiction.territory, jurisdiction.label).values)];
  }
  // Abroad: the police where they are. Report Fraud's line is not for them (a UK organisation read as abroad changes its place).
  if (jurisdiction?.kind === 'abroad') return [words.leadAbroad, fill(words.abroadIfUk, { changeButton: render.content.states.location.changeButton })];
  const route = jurisdiction?.route;
  if (known) {
    if (route === 'police-scotland') return [fill(words.leadScotland, facts), fill(words.scotlandHelpline, facts)];
    if (route === 'report-fraud-or-psni') return [fill(words.leadNorthernIreland, facts)];
    return [fill(words.leadEnglandWales, facts)];
  }
  // Not known where they are: one message for every nation, the deployment's own first; "Ireland" may be abroad too.
  const abroad = render.context.pendingChoice?.abroad ? [words.outsideUkLast] : [];
  if (route === 'police-scotland') {
    return [fill(words.scotlandFirst, facts), fill(words.scotlandHelpline, facts), fill(words.englandWalesNorthernIrelandSecond, facts), ...abroad];
  }
  if (route === 'report-fraud-or-psni') {
    return [`${fill(words.lead, facts)} ${fill(words.northernIrelandClause, facts)}`, fill(words.scotlandSecond, facts), ...abroad];
  }
  return [fill(words.lead, facts), fill(words.scotlandSecond, facts), ...abroad];
}

/** What a person (not an organisation) does while an attack on them is still happening. */
function individualLiveText(render: RenderContext, jurisdiction: Jurisdiction | null): string {
  const facts = contactFacts(render.content);
  const words = render.content.states.regionalTeam;
  let report: string;
  if (jurisdiction?.kind === 'crown-dependency') {
    report = fill(words.individualReportIsland, islandFacts(render, jurisdiction.territory, jurisdiction.label).values);
  } else if (jurisdiction?.kind === 'abroad') {
    report = words.individualReportAbroad;
  } else {
    const route = jurisdiction?.route;
    const template =
      route === 'police-scotland'
        ? words.individualReportScotland
        : route === 'report-fraud-or-psni'
          ? words.individualReportNorthernIreland
          : route === 'report-fraud'
            ? words.individualReport
            : words.individualReportAnyNation;
    report = fill(template, facts);
  }
  return paragraphs(
    words.individualLiveHeading,
    bullets([
      raisesBankAlarm(render.context.kind) && fill(words.individualBank, facts),
      words.individualSecure,
      report,
      jurisdiction?.kind === 'abroad' ? fill(render.content.states.liveAttack.dangerAbroad, facts) : fill(words.individualDanger, facts),
    ]),
  );
}

export function showsRegionalTeamStep(render: RenderContext): boolean {
  const { jurisdiction } = liveJurisdiction(render);
  return render.context.audience !== 'individual' && jurisdiction?.kind !== 'crown-dependency' && jurisdiction?.kind !== 'abroad';
}

function liveAttackText(render: RenderContext): string {
  const facts = contactFacts(render.content);
  const words = render.content.states.liveAttack;
  if (render.context.audience === 'individual') {
    return individualLiveText(render, liveJurisdiction(render).jurisdiction);
  }
  const { jurisdiction } = liveJurisdiction(render);
  const danger =
    jurisdiction?.kind === 'crown-dependency'
      ? fill(words.danger, islandFacts(render, jurisdiction.territory, jurisdiction.label).values)
      : jurisdiction?.kind === 'abroad'
        ? fill(words.dangerAbroad, facts)
        : fill(words.danger, facts);
  return paragraphs(
    ...liveLeadForOrganisation(render),
    // "Not sure" counts as happening now; say so here too, as the audience question (which says it) may be skipped.
    render.context.happening === 'notSure' && render.content.states.audience.notSureNote,
    bullets(words.steps),
    danger,
    showsRegionalTeamStep(render) && words.nextStep,
  );
}

/**
 * Whether a team is open changes at most once a minute (hours are HH:mm), and working it out in UK time is the
 * dearest part of a turn, so the words are kept per unit, language and minute.
 */
const availabilityCache = new Map<string, string>();
const AVAILABILITY_CACHE_LIMIT = 1000;

export function availabilityText(render: RenderContext, unit: RegionalUnit): string {
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
  const hours = formatHours(unit.officeHours, render.content);
  const availability = unitAvailability(render.now, unit.officeHours, unit.bankHolidayDivision);
  const hoursLine = unit.officeHours.isDefault
    ? fill(words.hoursDefaultNote, { hours })
    : fill(words.hours, { hours: shownFact(hours, unit.officeHours, render.content.unverifiedMark) });
  if (availability.reason === 'open') return hoursLine;
  const nextOpening = whenInWords(availability.nextOpening, render.now, render.content);
  const closedLine = {
    weekend: words.closedWeekend,
    'bank-holiday': words.closedBankHoliday,
    'before-hours': words.closedBeforeHours,
    'after-hours': words.closedAfterHours,
  }[availability.reason];
  const holiday = availability.holidayTitle ? holidayIn(availability.holidayTitle, render.content) : '';
  return `${fill(closedLine, { nextOpening, holiday })} ${hoursLine}`;
}

function reportingText(render: RenderContext, unit: RegionalUnit): string {
  const facts = contactFacts(render.content);
  const words = render.content.states.regionalTeam;
  const isOrganisation = render.context.audience === 'organisation';
  const liveOrganisation = isLiveOrganisation(render.context);
  switch (unit.reportingRoute) {
    case 'police-scotland':
      return paragraphs(
        words.reportHeading,
        `${fill(words.reportScotland, facts)} ${words.reportScotlandNote}`,
        isOrganisation && fill(words.scotlandOrganisationHelp, facts),
      );
    case 'report-fraud-or-psni':
      // A live attack on an organisation already has the one Northern Ireland rule at the top.
      return liveOrganisation
        ? paragraphs(words.reportHeading, fill(words.reportFraudLiveOrganisation, facts))
        : paragraphs(words.reportHeading, fill(words.reportFraud, facts), fill(isOrganisation ? words.reportPsniOrganisation : words.reportPsni, facts));
    case 'report-fraud':
      return paragraphs(words.reportHeading, fill(liveOrganisation ? words.reportFraudLiveOrganisation : words.reportFraud, facts));
  }
}

function liveReminder(render: RenderContext, unit: RegionalUnit): string | null {
  const facts = contactFacts(render.content);
  const words = render.content.states.regionalTeam;
  if (!isLive(render.context)) return null;
  if (render.context.audience === 'individual') return individualLiveText(render, { kind: 'uk', route: unit.reportingRoute });
  if (render.context.audience !== 'organisation') return null;
  const template = {
    'police-scotland': words.liveReminderScotland,
    'report-fraud-or-psni': words.liveReminderNorthernIreland,
    'report-fraud': words.liveReminder,
  }[unit.reportingRoute];
  return fill(template, facts);
}

function regionalTeamText(render: RenderContext): string {
  const facts = contactFacts(render.content);
  const words = render.content.states.regionalTeam;
  const location = render.context.location;
  if (!location) throw new Error('regionalTeam reached without a location');
  const unit = unitById(location.unitId);
  const isScotland = unit.reportingRoute === 'police-scotland';
  const content = render.content;
  const forces = forcesOfUnit(unit.id).map((force) => forceNameIn(force, content));
  const email = visibleEmail(unit);
  const not247 =
    render.context.audience !== 'organisation'
      ? isScotland
        ? words.not247Scotland
        : words.not247Individual
      : { 'police-scotland': words.not247Scotland, 'report-fraud-or-psni': words.not247NorthernIreland, 'report-fraud': words.not247 }[unit.reportingRoute];
  return paragraphs(
    liveReminder(render, unit),
    fill(words.lead, { unitName: unitTitle(unit, content) }),
    forces.length > 1 && fill(words.covers, { forces: listInWords(forces, content) }),
    bullets([
      // A team with no public page of its own that could be verified (TARIAN) is not sent to someone else's page.
      ...(unit.website.confidence === 'unverified'
        ? [email ? fill(words.email, { email }) : words.noWebsiteOrEmail]
        : [fill(words.website, { website: shownFact(unit.website.url, unit.website, content.unverifiedMark) }), email ? fill(words.email, { email }) : words.noEmail]),
      fill(words.phone, { phoneNote: unitText(unit, 'phoneNote', content) }),
    ]),
    fill(not247, facts),
    availabilityText(render, unit),
    reportingText(render, unit),
  );
}

function changeLocationIsOffered(render: RenderContext): boolean {
  return locationSummary(render.context, render.content) !== null;
}

function outsideUkText(render: RenderContext): string {
  const words = render.content.states.outsideUk;
  const outside = render.context.outside;
  if (outside?.kind === 'crown-dependency') {
    const island = islandFacts(render, outside.territory, outside.label);
    const website = island.contact.policeWebsite;
    const cyber = island.contact.cyberReporting;
    const live = isLive(render.context);
    return paragraphs(
      live && render.context.audience === 'organisation'
        ? fill(render.content.states.liveAttack.leadCrownDependency, island.values)
        : fill(words.crownDependency, island.values),
      live && render.context.audience === 'individual' && individualLiveText(render, knownJurisdiction(render.context)),
      website && website.confidence !== 'unverified' && fill(words.crownDependencyWebsite, { website: website.url }),
      cyber &&
        cyber.confidence !== 'unverified' &&
        fill(words.crownDependencyCyberReporting, { label: islandWords(island.contact, render.content).cyberReportingLabel, url: cyber.url }),
    );
  }
  const islandPolice = catalog.national.crownDependencies.map((contact) => islandWords(contact, render.content).localPoliceInSentence);
  return paragraphs(
    words.abroad,
    isLive(render.context) && render.context.audience === 'individual' && individualLiveText(render, knownJurisdiction(render.context)),
    changeLocationIsOffered(render) && fill(words.abroadChange, { changeButton: render.content.states.location.changeButton }),
    fill(words.channelIslandsNote, { forces: listInWords(islandPolice, render.content) }),
  );
}

function locationSummary(context: TriageContext, content: Content): string | null {
  if (context.outside?.kind === 'crown-dependency') {
    const contact = crownDependencyContact(context.outside.territory);
    return joinedLabel(placeIn(context.outside.label, content), islandWords(contact, content).name);
  }
  if (context.outside) return placeIn(context.outside.label, content);
  if (!context.location) return null;
  const unit = unitById(context.location.unitId);
  const place = context.location.parts ? placeLabelOf(context.location, content) : locationIn(context.location, content);
  return joinedLabel(place, unitText(unit, 'regionLabel', content));
}

/** The answers given so far, each with the question that Change goes back to. */
function givenAnswers(render: RenderContext): Array<{ title: string; value: string; question: ChangeableQuestion }> {
  const { content, context } = render;
  const words = content.states;
  const answers: Array<{ title: string; value: string; question: ChangeableQuestion }> = [];
  if (context.happening) {
    answers.push({ title: words.happeningNow.summaryLabel, value: words.happeningNow.summary[context.happening], question: 'happeningNow' });
  }
  if (context.audience) {
    answers.push({ title: words.audience.summaryLabel, value: words.audience.summary[context.audience], question: 'audience' });
  }
  const location = locationSummary(context, content);
  if (location) answers.push({ title: words.location.summaryLabel, value: location, question: 'location' });
  if (context.kind) answers.push({ title: words.kind.summaryLabel, value: words.kind.summary[context.kind], question: 'kind' });
  return answers;
}

/** "Your answers": each answer, the time in UK time, Change for each and Start again. */
export function renderSummary(render: RenderContext): BotMessage {
  const { content, context } = render;
  const words = content.states;
  const time = stampInWords(render.now, content);
  const given = givenAnswers(render);
  const answers = given.map(({ title, value }) => ({ title, value }));
  const changeable = given.map(({ question }) => question);
  const buttons: BotButton[] = [];
  if (render.state === 'liveAttack' && showsRegionalTeamStep(render)) {
    const label = words.liveAttack.showRegionalTeamButton;
    buttons.push(button(render, label, { action: 'showRegionalTeam' }, 'show my regional team'));
  }
  for (const question of changeable) {
    buttons.push(button(render, words[question].changeButton, { action: 'change', question }));
  }
  buttons.push(button(render, content.summary.startAgainButton, { action: 'restart' }, 'start again'));
  // "Keep this advice": a page of this outcome made from the answers alone, to print or forward.
  const advice = isOutcome(render.state) ? adviceUrl(context, render.now, languageOfContent(content), render.publicBaseUrl) : null;
  return {
    kind: 'summary',
    state: render.state,
    text: paragraphs(
      fill(content.summary.heading, { time }),
      bullets(answers.map((answer) => `${answer.title}: ${answer.value}`)),
      advice && fill(content.firstSteps.keepAdvice, { url: advice }),
    ),
    facts: answers,
    buttons,
    ...(advice ? { links: [{ label: content.links.keepAdvice, url: advice }] } : {}),
  };
}

function liveAttackLinks(render: RenderContext): BotLink[] {
  const facts = contactFacts(render.content);
  const words = render.content.links;
  const call = (label: string, number: string, extra: Record<string, string> = {}): BotLink => ({
    label: fill(label, { number, ...extra }),
    url: telUrl(number),
  });
  const liveLine = call(words.callLiveLine, facts.reportFraudPhone);
  const scotland = call(words.callPoliceScotland, facts.policeScotlandPhone);
  const emergency = call(words.callEmergency, facts.emergencyPhone);
  const { jurisdiction, known } = liveJurisdiction(render);
  if (render.context.audience === 'individual') {
    const bank = raisesBankAlarm(render.context.kind) ? [call(words.callBank, facts.stopScamsPhone)] : [];
    if (jurisdiction?.kind === 'uk' && jurisdiction.route === 'police-scotland') return [...bank, scotland, emergency];
    if (jurisdiction?.kind === 'uk' && jurisdiction.route === 'report-fraud-or-psni') return [...bank, call(words.callPsni, facts.psniPhone), emergency];
    // Report Fraud covers neither the islands nor anywhere abroad: the island's police, or 999 for someone in the UK.
    if (jurisdiction?.kind === 'crown-dependency') {
      const island = crownDependencyContact(jurisdiction.territory);
      const police = islandWords(island, render.content).localPoliceInSentence;
      return [...bank, call(words.callIslandPolice, island.policePhone.number, { police }), call(words.callEmergency, island.emergencyPhone.number)];
    }
    if (jurisdiction?.kind === 'abroad') return [...bank, call(words.callEmergencyInUk, facts.emergencyPhone)];
    return [...bank, { label: words.reportOnline, url: catalog.national.reportFraud.website.url }, emergency];
  }
  if (jurisdiction?.kind === 'crown-dependency') {
    const island = crownDependencyContact(jurisdiction.territory);
    const police = islandWords(island, render.content).localPoliceInSentence;
    return [call(words.callIslandPolice, island.policePhone.number, { police }), call(words.callEmergency, island.emergencyPhone.number)];
  }
  // Abroad: no UK line to call, only 999 for someone in the UK (the words say to call the police where they are).
  if (jurisdiction?.kind === 'abroad') return [call(words.callEmergencyInUk, facts.emergencyPhone)];
  if (jurisdiction?.route === 'police-scotland') {
    const helpline = call(words.callCfcs, facts.cfcsPhone);
    return known ? [scotland, emergency, helpline] : [scotland, liveLine, emergency, helpline];
  }
  return known ? [liveLine, emergency] : [liveLine, scotland, emergency];
}

function outcomeLinks(render: RenderContext): BotLink[] {
  const facts = contactFacts(render.content);
  const words = render.content.links;
  const call = (label: string, number: string): BotLink => ({ label: fill(label, { number }), url: telUrl(number) });
  switch (render.state) {
    case 'liveAttack':
      return liveAttackLinks(render);
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
      } else if (isLive(render.context) && render.context.audience === 'individual') {
        if (raisesBankAlarm(render.context.kind)) links.push(call(words.callBank, facts.stopScamsPhone));
        if (unit.reportingRoute === 'report-fraud-or-psni') links.push(call(words.callPsni, facts.psniPhone));
      }
      if (unit.website.confidence !== 'unverified') links.push({ label: words.openTeamWebsite, url: unit.website.url });
      if (email) links.push({ label: words.emailTeam, url: `mailto:${email}` });
      links.push(
        unit.reportingRoute === 'police-scotland'
          ? { label: words.reportPoliceScotland, url: catalog.national.policeScotland.website.url }
          : { label: words.reportOnline, url: catalog.national.reportFraud.website.url },
      );
      return links;
    }
    case 'outsideUk': {
      const outside = render.context.outside;
      if (outside?.kind === 'crown-dependency') {
        const island = crownDependencyContact(outside.territory);
        const police = islandWords(island, render.content).localPoliceInSentence;
        const links: BotLink[] = [
          { label: fill(words.callIslandPolice, { police, number: island.policePhone.number }), url: telUrl(island.policePhone.number) },
          call(words.callEmergency, island.emergencyPhone.number),
        ];
        const website = island.policeWebsite;
        if (website && website.confidence !== 'unverified') {
          links.push({ label: fill(words.openIslandPoliceWebsite, { police }), url: website.url });
        }
        return links;
      }
      // Abroad, the words send them to the police where they are; while it is going on, 999 for someone in the UK (and
      // their bank, for a person whose money may be at risk).
      if (!isLive(render.context)) return [];
      const bank = render.context.audience === 'individual' && raisesBankAlarm(render.context.kind) ? [call(words.callBank, facts.stopScamsPhone)] : [];
      return [...bank, call(words.callEmergencyInUk, facts.emergencyPhone)];
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
  return isOutcome(render.state) ? [renderOutcome(render), ...renderFirstSteps(render), renderSummary(render)] : [renderQuestion(render)];
}

/**
 * "Which answer do you want to change?" with a Change button for each answer given (a chat that shows one "Change an
 * answer" button for the outcome's several Change buttons asks this when it is pressed), and Start again.
 */
export function renderChangeChoice(render: RenderContext): BotMessage {
  const { content } = render;
  return {
    kind: 'summary',
    state: render.state,
    text: `**${content.summary.changeWhich}**`,
    buttons: [
      ...changeButtons(render, givenAnswers(render).map(({ question }) => question)),
      button(render, content.summary.startAgainButton, { action: 'restart' }, 'start again'),
    ],
  };
}

/**
 * The one button a chat shows at an outcome instead of a Change button per answer ("Change an answer"); its value is
 * stamped like the buttons it stands for.
 */
export function changeAnswerButton(content: Content, stamp: { triage: string; state: TriageStateId }): BotButton {
  return { label: content.buttons.changeAnswer, text: content.buttons.changeAnswer.toLowerCase(), value: { action: 'changeAnswer', ...stamp } };
}

/** The state again after a miss, Help or a stale click: the question in full, or just "Your answers" for an outcome. */
export function renderReminder(render: RenderContext): BotMessage[] {
  return isOutcome(render.state) ? [renderSummary(render)] : [renderQuestion(render)];
}

export function notice(text: string): BotMessage {
  return { kind: 'notice', text };
}

/** A notice in another language than the conversation's (the offer of the language it was in). */
export function otherLanguageNotice(line: OtherLanguageLine): BotMessage {
  return { kind: 'notice', text: line.text, otherLanguages: [line] };
}

/** A notice from a content template, its placeholders filled with the national facts (in the content's language). */
export function noticeFromContent(template: string, content: Content = en): BotMessage {
  return notice(fill(template, contactFacts(content)));
}

/**
 * The greeting: with the force's name when the deployment sets one ("Hello. This is Example Police's …"), then the
 * offers of the deployment's other languages, each already in its own language, a paragraph each.
 */
export function renderGreeting(content: Content, forceName?: ForceNameSetting, otherLanguageOffers: readonly OtherLanguageLine[] = []): BotMessage {
  // A setting, not markdown: any character markdown would act on is escaped (the settings allow none; belt and braces).
  const name = forceNameFor(forceName, content)?.replace(/[\\`*_{}[\]()<>#+!|~]/g, (character) => `\\${character}`);
  const text = name
    ? fill(content.greetingWithForce, { ...contactFacts(content), forceName: name })
    : fill(content.greeting, contactFacts(content));
  if (!otherLanguageOffers.length) return notice(text);
  return { ...notice([text, ...otherLanguageOffers.map((offer) => offer.text)].join('\n\n')), otherLanguages: [...otherLanguageOffers] };
}

/**
 * "Was this helpful?" with Yes and No, after an outcome's "Your answers". Its buttons are stamped with the outcome
 * (the state), so a click from an earlier outcome or triage is recognised as old.
 */
export function renderFeedbackPrompt(render: RenderContext): BotMessage {
  const words = render.content.feedback;
  return {
    kind: 'feedback',
    state: render.state,
    text: words.prompt,
    buttons: [button(render, words.yes, { action: 'feedback', answer: 'yes' }), button(render, words.no, { action: 'feedback', answer: 'no' })],
  };
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
    case 'location': {
      if (answer.location.kind === 'abroad') return words.outsideUk;
      // A nation or an island is not an area of somewhere ("yng Nghymru", not "yn ardal Cymru").
      const wholeCountry = answer.location.kind === 'crown-dependency' || isNationLabel(answer.location.label);
      return fill(wholeCountry ? words.locationNation : words.location, { label: locationIn(answer.location, content) }, content);
    }
    case 'kind':
      return words.kind[answer.answer];
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

/** The language of each paragraph of a message that is in another language, or undefined (the message's own). */
export function paragraphLanguages(message: BotMessage): Array<string | undefined> {
  return message.text.split(/\n{2,}/).map((paragraph) => message.otherLanguages?.find((line) => line.text.trim() === paragraph.trim())?.lang);
}

/** A button for each language, labelled in that language ("Cymraeg", "English"); a click works at any time. */
export function languageButtons(languages: readonly string[], triageId: string, state: TriageStateId): BotButton[] {
  return languages.map((language) => {
    const words = contentFor(language);
    return {
      label: words.language.name,
      text: words.language.name.toLowerCase(),
      lang: words.lang,
      value: { action: 'language', language, triage: triageId, state },
    };
  });
}

/** Change buttons for answers given by typing, added to a question so a misreading can be put right at once. */
export function changeButtons(render: RenderContext, questions: readonly ChangeableQuestion[]): BotButton[] {
  return questions.map((question) => button(render, render.content.states[question].changeButton, { action: 'change', question }));
}

/** "Did you mean Manchester?" / "Just to check: …", with Yes and No (and Help). */
export function renderConfirmation(render: RenderContext, confirmation: Confirmation): BotMessage {
  const words = render.content.understanding.confirm;
  const answers = render.content.understanding.confirmButtons;
  const proposed = confirmation.yes;
  // Each question is answered with its own words: Welsh echoes the question's verb ("Oeddech chi'n golygu …?" →
  // Oeddwn / Nac oeddwn; "ydych chi'n holi …?" → Ydw / Nac ydw; "ydy'r ymosodiad …?" → Ydy / Nac ydy).
  const [prompt, pair] =
    proposed.question === 'happeningNow'
      ? [words.happeningNow[proposed.answer], answers.happeningNow[proposed.answer]]
      : proposed.question === 'audience'
        ? [words.audience[proposed.answer], answers.audience[proposed.answer]]
        : [fill(words.location, { label: locationIn(proposed.location, render.content) }, render.content), answers.location];
  return {
    kind: 'question',
    state: render.state,
    text: `**${prompt}**`,
    buttons: [
      button(render, pair.yes, { action: 'confirm', answer: 'yes' }, 'yes'),
      button(render, pair.no, { action: 'confirm', answer: 'no' }, 'no'),
      button(render, render.content.buttons.help, { action: 'help' }, 'help'),
    ],
  };
}
