/**
 * First steps by kind of incident: a room of its own beside the outcomes (dialogs/render.ts asks it for its message
 * and knows nothing of kinds). At an outcome, after the outcome's lead message:
 * - the kind known (said, or chosen): "First steps: …", three to five short lines for an organisation or a person,
 *   most urgent first, then a link to each publisher's own page the steps rest on;
 * - the kind not known: the optional "What happened?" with a button per kind. Never before the outcome, never instead
 *   of it: "Your answers" (Change, Start again, Show my regional team) follows as always;
 * - for an organisation, either way: "Who else to tell" (the ICO for personal data, the NCSC for a significant
 *   incident, its regulator if it has one).
 * The steps and their sources are data (data/firstSteps.json); the words are content (firstSteps.kinds.<kind>.<audience>).
 */
import { catalog } from '../data/catalog';
import { firstSteps, INCIDENT_KINDS, sourcesOf, stepsFor, type FirstStep, type IncidentKind, type StepAudience } from '../data/firstSteps';
import { isOutcome } from '../machines/triage';
import type { ButtonAction, ButtonValue } from './buttons';
import { fill, type Content } from './content';
import en from './content/en.json';
import { contactFacts, shownFact } from './facts';
import type { BotButton, BotMessage, RenderContext } from './render';

/** A person whose message was not acted on, or who is being blackmailed with images, is not told to ring their bank. */
const NO_BANK_ALARM: ReadonlySet<IncidentKind> = new Set(['phishingIgnored', 'sextortion']);

/** Whether the bank line ("contact your bank straight away … 159") belongs with this kind (unknown: yes, the safe side). */
export function raisesBankAlarm(kind: IncidentKind | null): boolean {
  return kind === null || !NO_BANK_ALARM.has(kind);
}

/** The facts the first-steps words name, from data/ (national.json and firstSteps.json), in the content's language. */
export function firstStepsFacts(content: Content): Record<string, string> {
  const { ncsc, ico } = catalog.national;
  const { icoHelpline, revengePornHelpline } = firstSteps.contacts;
  const mark = content.unverifiedMark;
  return {
    ...contactFacts(content),
    phishingEmail: ncsc.phishingEmail.address,
    scamTextNumber: shownFact(ncsc.scamTextNumber.number, ncsc.scamTextNumber, mark),
    ncscReportUrl: shownFact(ncsc.reportIncident.url, ncsc.reportIncident, mark),
    icoDeadlineHours: String(ico.deadlineHours),
    icoUrl: firstSteps.sources['ico-report-breach'].url,
    icoPhone: shownFact(icoHelpline.number, icoHelpline, mark),
    rphPhone: shownFact(revengePornHelpline.number, revengePornHelpline, mark),
  };
}

function audienceOf(render: RenderContext): StepAudience {
  return render.context.audience === 'organisation' ? 'organisation' : 'individual';
}

function button(render: RenderContext, label: string, action: ButtonAction, text: string = label): BotButton {
  return { label, text, value: { ...action, triage: render.triageId, state: render.state } as ButtonValue };
}

function bullets(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

type StepWords = Record<string, string>;

/** The words of one step; a step with no words in the content is a bug the content test finds (never shown blank). */
function stepText(kind: IncidentKind, audience: StepAudience, step: FirstStep, content: Content, facts: Record<string, string>): string {
  const words = (content.firstSteps.kinds[kind][audience] as StepWords)[step.step];
  if (!words) throw new Error(`content has no words for firstSteps.kinds.${kind}.${audience}.${step.step}`);
  return fill(words, facts);
}

/** "Read more: [NCSC: Ransomware attack: what to do](https://…); …": each publisher's own page, once. */
function readMore(steps: readonly FirstStep[], content: Content): string {
  const links = sourcesOf(steps).map((source) => `[${source.publisher}: ${source.title}](${source.url})`);
  return fill(content.firstSteps.readMore, { links: links.join(content.firstSteps.linkSeparator) });
}

/** "Who else to tell", for an organisation: the ICO (first and in bold for a data breach), the NCSC, its regulator. */
export function mustTellText(kind: IncidentKind | null, content: Content): string {
  const facts = firstStepsFacts(content);
  const words = content.firstSteps.mustTell as Record<string, string>;
  const lines = firstSteps.mustTell.map((entry) => {
    const line = fill(words[entry.step], facts);
    return kind && entry.leadsFor?.includes(kind) ? `**${line}**` : line;
  });
  return `${content.firstSteps.mustTellHeading}\n\n${bullets(lines)}`;
}

/** The first steps for a kind and audience, as one piece of text (the chat's message, the advice page's section). */
export function firstStepsText(kind: IncidentKind, audience: StepAudience, content: Content): string {
  const facts = firstStepsFacts(content);
  const steps = stepsFor(kind, audience);
  const words = content.firstSteps.kinds[kind];
  return [words.heading, bullets(steps.map((step) => stepText(kind, audience, step, content, facts))), readMore(steps, content)].join('\n\n');
}

/**
 * Where the content and the data disagree: a step in data/firstSteps.json with no words in a language's content, or
 * words for a step the data does not list (which would never be shown, and so never reviewed as shown).
 */
export function firstStepsContentProblems(content: Content): string[] {
  const problems: string[] = [];
  for (const kind of INCIDENT_KINDS) {
    for (const audience of ['organisation', 'individual'] as const) {
      const listed = stepsFor(kind, audience).map((step) => step.step);
      const worded = Object.keys(content.firstSteps.kinds[kind][audience] as StepWords);
      for (const step of listed) if (!worded.includes(step)) problems.push(`firstSteps.kinds.${kind}.${audience}.${step} has no words`);
      for (const step of worded) if (!listed.includes(step)) problems.push(`firstSteps.kinds.${kind}.${audience}.${step} is not a step in data/firstSteps.json`);
    }
  }
  for (const entry of firstSteps.mustTell) {
    if (!(content.firstSteps.mustTell as StepWords)[entry.step]) problems.push(`firstSteps.mustTell.${entry.step} has no words`);
  }
  return problems;
}

// English is the reference every other language is held to: a step without English words stops start-up.
const englishProblems = firstStepsContentProblems(en);
if (englishProblems.length) throw new Error(`dialogs/content/en.json and data/firstSteps.json disagree: ${englishProblems.join('; ')}`);

/**
 * The room's message at an outcome: the first steps for the kind, or the optional "What happened?" with a button per
 * kind; with "Who else to tell" for an organisation. Nothing at a question.
 */
export function renderFirstSteps(render: RenderContext): BotMessage[] {
  if (!isOutcome(render.state)) return [];
  const { content, context } = render;
  const audience = audienceOf(render);
  const mustTell = audience === 'organisation' ? mustTellText(context.kind, content) : null;
  if (context.kind) {
    const text = [firstStepsText(context.kind, audience, content), mustTell].filter(Boolean).join('\n\n');
    return [{ kind: 'steps', state: render.state, text }];
  }
  const question = content.states.kind;
  const buttons = INCIDENT_KINDS.map((kind) => button(render, question.options[kind], { action: 'answerKind', kind }));
  // While "what happened" is being changed, Back puts the old answer back (as at the first question).
  if (context.changing?.question === 'kind') buttons.push(button(render, content.buttons.back, { action: 'back' }, 'back'));
  const text = [mustTell, `**${question.prompt}**`, question.hint].filter(Boolean).join('\n\n');
  return [{ kind: 'steps', state: render.state, text, buttons }];
}
