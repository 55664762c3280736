/**
 * The answers to the questions people ask at any point ("is the call free?", "it's engaged", "can I speak to
 * someone?"): a room of its own beside the outcomes. An answer depends on where the user is: at an outcome it uses
 * that outcome's facts (the 24/7 line for a live organisation, the regional team, an island's police, Police
 * Scotland's 101); before one it is short, and the question on screen follows it (the turn step shows it again). An
 * answer never changes an answer the machine holds. The words are content (`intents` in content/<language>.json);
 * the facts are data (national.json, units.json, and data/intents.json's `facts`, each with its source: a fact the
 * data marks unverified is never stated).
 */
import { catalog, crownDependencyContact, unitById, visibleEmail } from '../data/catalog';
import { usableFact, type IntentId } from '../data/intents';
import type { CrownDependency, RegionalUnit, ReportingRoute } from '../data/types';
import { isLive, isLiveOrganisation, isOutcome } from '../machines/triage';
import { fill, type Content } from './content';
import { contactFacts, forceNameFor, hoursInWords, shownFact, unitText, type ForceNameSetting } from './facts';
import { raisesBankAlarm } from './firstSteps';
import {
  availabilityText,
  bullets,
  islandFacts,
  islandWords,
  liveJurisdiction,
  paragraphs,
  showsRegionalTeamStep,
  unitTitle,
  type Jurisdiction,
  type RenderContext,
} from './render';

/** Hours as the deployment gives them: days (1 = Monday) and a time span, or round the clock. */
export type LiveChatHours = { days: number[]; opens: string; closes: string } | 'always';

/** The force's own live chat with a person (the deployment's `liveChat` setting), when it has one. */
export interface LiveChat {
  url: string;
  hours?: LiveChatHours;
}

/** What an answer needs besides the state: the deployment's own settings. */
export interface IntentSettings {
  forceName?: ForceNameSetting;
  liveChat?: LiveChat;
  /** Minutes without a reply after which the answers are deleted (the privacy answer says so). */
  idleMinutes: number;
}

/** Where the user is, as far as an answer is concerned. */
type Where =
  | { kind: 'question' }
  | { kind: 'island'; code: CrownDependency; values: Record<string, string>; territory: string; live: boolean }
  | { kind: 'abroad'; live: boolean }
  /** An organisation whose attack is (or may be) going on: the 24/7 line, by the route known (null: not known). */
  | { kind: 'liveOrganisation'; route: ReportingRoute | null; scotlandFirst: boolean; unit: RegionalUnit | null }
  /** A person whose attack is (or may be) going on. */
  | { kind: 'liveIndividual'; route: ReportingRoute | null; unit: RegionalUnit | null }
  /** The regional team, nothing going on. */
  | { kind: 'team'; unit: RegionalUnit };

function unitOf(render: RenderContext): RegionalUnit | null {
  return render.context.location ? unitById(render.context.location.unitId) : null;
}

function whereOf(render: RenderContext): Where {
  if (!isOutcome(render.state)) return { kind: 'question' };
  const { context } = render;
  const { jurisdiction, known } = liveJurisdiction(render);
  const live = isLive(context);
  if (jurisdiction?.kind === 'crown-dependency') {
    const island = islandFacts(render, jurisdiction.territory, jurisdiction.label);
    return { kind: 'island', code: jurisdiction.territory, values: island.values, territory: islandWords(island.contact, render.content).nameInSentence, live };
  }
  if (jurisdiction?.kind === 'abroad') return { kind: 'abroad', live };
  const unit = unitOf(render);
  const route = routeOf(jurisdiction, unit);
  if (isLiveOrganisation(context)) {
    return { kind: 'liveOrganisation', route: known ? route : null, scotlandFirst: !known && route === 'police-scotland', unit };
  }
  if (live && context.audience === 'individual') return { kind: 'liveIndividual', route: known ? route : null, unit };
  if (unit) return { kind: 'team', unit };
  return { kind: 'liveIndividual', route: known ? route : null, unit: null };
}

function routeOf(jurisdiction: Jurisdiction | null, unit: RegionalUnit | null): ReportingRoute | null {
  if (unit) return unit.reportingRoute;
  return jurisdiction?.kind === 'uk' ? jurisdiction.route : null;
}

/** The values the answers' placeholders name: the national facts, and a few of their own. */
function factsFor(content: Content): Record<string, string> {
  const facts = contactFacts(content);
  const relay = catalog.national.emergency.alternatives.find((phone) => /relay/i.test(phone.label));
  return {
    ...facts,
    textRelayPhone: relay ? shownFact(relay.number, relay, content.unverifiedMark) : '',
  };
}

/** The number to call (or the team to contact) where the user is: said again by several answers and the fallback. */
export function keyContact(render: RenderContext): string {
  return keyLines(render, whereOf(render));
}

function keyLines(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.key;
  const facts = factsFor(content);
  switch (where.kind) {
    case 'question':
      return fill(content.replies.directNumbers, facts);
    case 'island':
      return paragraphs(fill(words.island, where.values, content), fill(words.danger, where.values));
    case 'abroad':
      return words.abroad;
    case 'liveOrganisation':
      return paragraphs(liveLine(render, where), fill(words.danger, facts));
    case 'liveIndividual':
      return individualLines(render, where.route);
    case 'team':
      return paragraphs(fill(words.team, { unitName: unitTitle(where.unit, content) }), teamContact(render, where.unit), reportLine(render, where.unit.reportingRoute));
  }
}

function liveLine(render: RenderContext, where: Extract<Where, { kind: 'liveOrganisation' }>): string {
  const words = render.content.intents.key;
  const facts = factsFor(render.content);
  if (where.route === 'police-scotland') return fill(words.liveScotland, facts);
  if (where.route === 'report-fraud-or-psni') return fill(words.liveLineNorthernIreland, facts);
  if (where.route === 'report-fraud') return fill(words.liveLine, facts);
  return fill(where.scotlandFirst ? words.liveScotlandFirst : words.liveAnyNation, facts);
}

/** A person under a live attack: their bank where money may be involved, then how to report it where they are. */
function individualLines(render: RenderContext, route: ReportingRoute | null): string {
  const words = render.content.states.regionalTeam;
  const facts = factsFor(render.content);
  const report =
    route === 'police-scotland'
      ? words.individualReportScotland
      : route === 'report-fraud-or-psni'
        ? words.individualReportNorthernIreland
        : route === 'report-fraud'
          ? words.individualReport
          : words.individualReportAnyNation;
  return paragraphs(raisesBankAlarm(render.context.kind) && fill(words.individualBank, facts), fill(report, facts), fill(words.individualDanger, facts));
}

function teamContact(render: RenderContext, unit: RegionalUnit): string {
  const content = render.content;
  const words = content.states.regionalTeam;
  const email = visibleEmail(unit);
  const website = unit.website.confidence === 'unverified' ? null : shownFact(unit.website.url, unit.website, content.unverifiedMark);
  return bullets([
    website && fill(words.website, { website }),
    email && fill(words.email, { email }),
    !website && !email && words.noWebsiteOrEmail,
    fill(words.phone, { phoneNote: unitText(unit, 'phoneNote', content) }),
  ]);
}

function reportLine(render: RenderContext, route: ReportingRoute): string {
  const content = render.content;
  const words = content.intents.key;
  const facts = factsFor(content);
  if (route === 'police-scotland') return fill(words.reportScotland, facts);
  const psni = route === 'report-fraud-or-psni' ? fill(render.context.audience === 'organisation' ? content.states.regionalTeam.reportPsniOrganisation : content.states.regionalTeam.reportPsni, facts) : null;
  return paragraphs(fill(words.reportFraud, facts), psni);
}

// ---------------------------------------------------------------------------------------------------------------
// Each intent's answer.

function callCost(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.callCost;
  const facts = factsFor(content);
  const free = usableFact('callCost101') && usableFact('callCost999') ? fill(words.freeNumbers, facts) : null;
  const reportFraud = usableFact('callCost03') ? fill(words.reportFraud, facts) : null;
  switch (where.kind) {
    case 'island':
      return fill(words.island, where.values, content);
    case 'abroad':
      return words.abroad;
    case 'question':
      return paragraphs(reportFraud, free);
    case 'liveOrganisation':
      return paragraphs(where.route !== 'police-scotland' && reportFraud, free);
    case 'liveIndividual':
      return paragraphs(raisesBankAlarm(render.context.kind) && usableFact('callCost159') && fill(words.bank, facts), where.route !== 'police-scotland' && reportFraud, free);
    case 'team':
      return paragraphs(where.unit.reportingRoute !== 'police-scotland' && reportFraud, free);
  }
}

function lineBusy(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.lineBusy;
  const facts = factsFor(content);
  const scotlandHours = usableFact('policeScotland101Hours') !== null;
  const inPerson = usableFact('policeScotlandInPerson') ? words.scotlandInPerson : null;
  const danger = fill(content.intents.key.danger, facts);
  switch (where.kind) {
    case 'question':
      return paragraphs(words.question, fill(content.replies.directNumbers, facts));
    case 'island':
      return paragraphs(fill(words.island, where.values, content), fill(content.intents.key.danger, where.values));
    case 'abroad':
      return words.abroad;
    case 'liveOrganisation': {
      const line =
        where.route === 'police-scotland'
          ? paragraphs(fill(scotlandHours ? words.liveScotland : words.liveScotlandNoHours, facts), inPerson)
          : where.route === 'report-fraud-or-psni'
            ? fill(words.liveLineNorthernIreland, facts)
            : where.route === 'report-fraud'
              ? fill(words.liveLine, facts)
              : fill(words.liveAnyNation, facts);
      return paragraphs(line, danger);
    }
    case 'liveIndividual': {
      const bank = raisesBankAlarm(render.context.kind) ? fill(words.bank, facts) : null;
      if (where.route === 'police-scotland') return paragraphs(bank, fill(scotlandHours ? words.liveScotland : words.liveScotlandNoHours, facts), inPerson, danger);
      if (where.route === 'report-fraud-or-psni') return paragraphs(bank, fill(words.psni, facts), danger);
      return paragraphs(bank, fill(words.individualOnline, facts), danger);
    }
    case 'team': {
      const report =
        where.unit.reportingRoute === 'police-scotland' ? fill(scotlandHours ? words.scotland101 : words.scotland101NoHours, facts) : fill(words.reportFraudLine, facts);
      return paragraphs(availabilityText(render, where.unit), report, danger);
    }
  }
}

function numberAgain(render: RenderContext, where: Where): string {
  return keyLines(render, where);
}

function otherChannel(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.otherChannel;
  const facts = factsFor(content);
  const relay = facts.textRelayPhone ? fill(words.textRelay, facts) : null;
  switch (where.kind) {
    case 'question':
      return paragraphs(fill(words.question, facts), relay);
    case 'island': {
      const contact = crownDependencyContact(where.code);
      const online = contact.cyberReporting && contact.cyberReporting.confidence !== 'unverified' ? contact.cyberReporting : null;
      const label = islandWords(contact, content).cyberReportingLabel;
      // The UK's text relay number is not known to reach an island's emergency services: not stated there.
      return online ? fill(content.states.outsideUk.crownDependencyCyberReporting, { label, url: online.url }, content) : fill(words.islandNone, where.values, content);
    }
    case 'abroad':
      return words.abroad;
    case 'liveOrganisation':
      if (where.route === 'police-scotland') return paragraphs(fill(words.liveScotland, facts), relay);
      return paragraphs(usableFact('onlineNotForLive') && fill(words.liveOrganisation, facts), words.noEmail, liveLine(render, where), relay);
    case 'liveIndividual': {
      const online =
        where.route === 'police-scotland'
          ? fill(words.reportScotlandOnline, facts)
          : where.route === 'report-fraud-or-psni'
            ? fill(words.individualNorthernIreland, facts)
            : fill(words.reportFraudOnline, facts);
      return paragraphs(online, relay);
    }
    case 'team': {
      const unit = where.unit;
      const email = visibleEmail(unit);
      const unitName = unitTitle(unit, content);
      const team = email
        ? fill(words.teamEmail, { unitName, email })
        : unit.website.confidence !== 'unverified'
          ? fill(words.team, { unitName, website: unit.website.url })
          : null;
      const report = unit.reportingRoute === 'police-scotland' ? fill(words.reportScotlandOnline, facts) : fill(words.reportFraudOnline, facts);
      return paragraphs(team, report, !email && words.noEmail, relay);
    }
  }
}

function openingHours(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.openingHours;
  const facts = factsFor(content);
  const scotland = usableFact('policeScotland101Hours') ? fill(words.liveScotland, facts) : null;
  switch (where.kind) {
    case 'question':
      return fill(words.question, facts);
    case 'island':
      return paragraphs(fill(words.island, where.values, content), fill(content.intents.key.danger, where.values));
    case 'abroad':
      return words.abroad;
    case 'liveOrganisation': {
      const line =
        where.route === 'police-scotland'
          ? (scotland ?? fill(content.intents.key.liveScotland, facts))
          : where.route === null
            ? paragraphs(fill(words.liveLine, facts), scotland)
            : fill(words.liveLine, facts);
      return paragraphs(line, where.unit && availabilityText(render, where.unit));
    }
    case 'liveIndividual':
      return where.route === 'police-scotland' ? (scotland ?? fill(content.intents.key.liveScotland, facts)) : fill(words.reportFraudLine, facts);
    case 'team':
      return paragraphs(
        availabilityText(render, where.unit),
        where.unit.reportingRoute === 'police-scotland' ? scotland : fill(words.reportFraudLine, facts),
      );
  }
}

function whatHappensNext(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.whatHappensNext;
  const facts = factsFor(content);
  const after = usableFact('afterReporting') ? fill(words.afterReporting, facts) : null;
  const scotland = usableFact('policeScotland101Hours') ? words.scotland : null;
  switch (where.kind) {
    case 'question':
      return words.question;
    case 'island':
      return fill(words.island, where.values, content);
    case 'abroad':
      return words.abroad;
    case 'liveOrganisation': {
      if (where.route === 'police-scotland') return paragraphs(scotland, words.comeOut);
      const line = usableFact('liveLineCall') ? fill(words.liveLine, facts) : null;
      return paragraphs(line, where.route === 'report-fraud-or-psni' ? fill(words.northernIreland, facts) : words.comeOut);
    }
    case 'liveIndividual':
      if (where.route === 'police-scotland') return paragraphs(scotland, words.comeOut);
      if (where.route === 'report-fraud-or-psni') return paragraphs(fill(words.northernIreland, facts), after);
      return paragraphs(after, words.comeOut);
    case 'team':
      return paragraphs(where.unit.reportingRoute === 'police-scotland' ? scotland : after, words.team);
  }
}

function whatToHaveReady(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.whatToHaveReady;
  const evidence = usableFact('evidenceToKeep') ? words.evidence : null;
  // An organisation under a live attack: what the call handler will ask (the outcome's own "Have ready" line).
  const live = where.kind === 'liveOrganisation' || (where.kind === 'island' && where.live && render.context.audience === 'organisation');
  return paragraphs(live ? content.states.liveAttack.steps[1] : evidence, words.notHere);
}

/** The people a user can speak to from where they are, and that this is an automated helper. */
function people(render: RenderContext, where: Where, settings: IntentSettings): string {
  const content = render.content;
  const words = content.intents.talkToPerson;
  const facts = factsFor(content);
  const scotlandHours = usableFact('policeScotland101Hours') !== null;
  const scotland = fill(scotlandHours ? words.scotland : words.scotlandNoHours, facts);
  const advisers = fill(words.advisers, facts);
  const police101 = fill(words.police101, facts);
  const danger = fill(words.danger, facts);
  const chat = liveChatLine(render, settings);
  let lines: Array<string | null | false>;
  switch (where.kind) {
    case 'island':
      lines = [fill(words.island, where.values, content), fill(words.danger, where.values)];
      break;
    case 'abroad':
      lines = [words.abroad];
      break;
    case 'liveOrganisation':
      lines =
        where.route === 'police-scotland'
          ? [scotland, fill(words.cfcs, facts), chat, danger]
          : [fill(words.liveLine, facts), where.route === null && scotland, where.route === 'report-fraud-or-psni' && fill(words.psni, facts), chat, danger];
      break;
    case 'liveIndividual':
      lines =
        where.route === 'police-scotland'
          ? [scotland, chat, danger]
          : where.route === 'report-fraud-or-psni'
            ? [fill(words.psni, facts), advisers, chat, danger]
            : [advisers, police101, where.route === null && scotland, chat, danger];
      break;
    case 'team':
      lines =
        where.unit.reportingRoute === 'police-scotland'
          ? [scotland, render.context.audience === 'organisation' && fill(words.cfcs, facts), chat, danger]
          : [advisers, police101, where.unit.reportingRoute === 'report-fraud-or-psni' && fill(words.psni, facts), chat, danger];
      break;
    case 'question':
      lines = [fill(words.liveLine, facts), advisers, police101, scotland, chat, danger];
      break;
  }
  return paragraphs(words.heading, bullets(lines));
}

function liveChatLine(render: RenderContext, settings: IntentSettings): string | null {
  const chat = settings.liveChat;
  if (!chat) return null;
  const content = render.content;
  const words = content.intents.talkToPerson;
  const forceName = forceNameFor(settings.forceName, content);
  const line = forceName ? fill(words.liveChatNamed, { forceName, url: chat.url }) : fill(words.liveChat, { url: chat.url });
  if (!chat.hours) return line;
  const hours = chat.hours === 'always' ? words.alwaysOpen : hoursInWords(chat.hours, content);
  return fill(words.liveChatHours, { chat: line, hours });
}

function talkToPerson(render: RenderContext, where: Where, settings: IntentSettings): string {
  return paragraphs(render.content.intents.talkToPerson.automated, people(render, where, settings));
}

function isBot(render: RenderContext, where: Where, settings: IntentSettings): string {
  return paragraphs(render.content.intents.isBot.answer, people(render, where, settings));
}

function isPolice(render: RenderContext, where: Where, settings: IntentSettings): string {
  const content = render.content;
  const words = content.intents.isPolice;
  const forceName = forceNameFor(settings.forceName, content)?.replace(/[\\`*_{}[\]()<>#+!|~]/g, (character) => `\\${character}`);
  const answer = forceName ? fill(words.answerForce, { forceName }) : words.answer;
  return paragraphs(answer, where.kind === 'question' ? null : words.toReport, keyLines(render, where));
}

function privacy(render: RenderContext, settings: IntentSettings): string {
  const words = render.content.intents.privacy;
  return paragraphs(fill(words.answer, { idleMinutes: String(settings.idleMinutes) }), words.noDetails);
}

function cyberTeamNumber(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.cyberTeamNumber;
  switch (where.kind) {
    case 'question':
      return paragraphs(words.question, keyLines(render, where));
    case 'island':
      return paragraphs(fill(words.island, { territory: where.territory }, content), keyLines(render, where));
    case 'abroad':
      return paragraphs(words.abroad, keyLines(render, where));
    case 'liveOrganisation': {
      if (where.unit) return paragraphs(words.liveFirst, liveLine(render, where), teamLines(render, where.unit));
      const offer = render.state === 'liveAttack' && showsRegionalTeamStep(render);
      return paragraphs(words.liveFirst, keyLines(render, where), offer && fill(words.showTeam, { button: content.states.liveAttack.showRegionalTeamButton }));
    }
    case 'liveIndividual':
      return where.unit ? paragraphs(teamLines(render, where.unit), individualLines(render, where.route)) : paragraphs(words.question, keyLines(render, where));
    case 'team':
      return paragraphs(teamLines(render, where.unit), reportLine(render, where.unit.reportingRoute));
  }
}

function teamLines(render: RenderContext, unit: RegionalUnit): string {
  const content = render.content;
  return paragraphs(fill(content.intents.key.team, { unitName: unitTitle(unit, content) }), teamContact(render, unit), content.intents.cyberTeamNumber.notMonitored);
}

function payRansom(render: RenderContext, where: Where): string {
  const content = render.content;
  const steps = content.firstSteps.kinds.ransomware;
  const dontPay = render.context.audience === 'individual' ? steps.individual.dontPay : steps.organisation.dontPay;
  const line = usableFact('ransomPayment') ? dontPay : null;
  return paragraphs(line, where.kind === 'liveOrganisation' || where.kind === 'island' ? keyLines(render, where) : null);
}

function greeting(render: RenderContext, where: Where): string {
  const hello = render.content.intents.greeting.hello;
  return where.kind === 'question' ? hello : paragraphs(hello, keyLines(render, where));
}

function acknowledgement(render: RenderContext, where: Where): string {
  const content = render.content;
  const words = content.intents.acknowledgement;
  const facts = factsFor(content);
  switch (where.kind) {
    case 'question':
      return words.question;
    case 'island':
      return where.live ? fill(words.island, where.values, content) : words.outcome;
    case 'liveOrganisation':
      return where.route === 'police-scotland' ? fill(words.liveScotland, facts) : words.liveLine;
    default:
      return words.outcome;
  }
}

/**
 * The answer to a question, in the conversation's language, where the user is. The turn step shows the question on
 * screen (or "Your answers" at an outcome) after it.
 */
export function answerIntent(intent: IntentId, render: RenderContext, settings: IntentSettings): string {
  const where = whereOf(render);
  switch (intent) {
    case 'callCost':
      return callCost(render, where);
    case 'lineBusy':
      return lineBusy(render, where);
    case 'numberAgain':
      return numberAgain(render, where);
    case 'otherChannel':
      return otherChannel(render, where);
    case 'openingHours':
      return openingHours(render, where);
    case 'whatHappensNext':
      return whatHappensNext(render, where);
    case 'whatToHaveReady':
      return whatToHaveReady(render, where);
    case 'isBot':
      return isBot(render, where, settings);
    case 'privacy':
      return privacy(render, settings);
    case 'isPolice':
      return isPolice(render, where, settings);
    case 'cyberTeamNumber':
      return cyberTeamNumber(render, where);
    case 'greeting':
      return greeting(render, where);
    case 'talkToPerson':
      return talkToPerson(render, where, settings);
    case 'payRansom':
      return payRansom(render, where);
    case 'acknowledgement':
      return acknowledgement(render, where);
  }
}

/** What the fallback says at an outcome to a question it has no answer for: that, and the key number again. */
export function outcomeFallback(render: RenderContext): string {
  return paragraphs(render.content.intents.fallbackOutcome, keyContact(render), render.content.replies.outcomeFreeText);
}
