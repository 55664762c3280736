import { catalog } from '../../data/catalog';
import type { Confidence } from '../../data/types';
import { UNVERIFIED_MARK } from '../../dialogs/facts';
import type { BotMessage } from '../../dialogs/render';
import { ADVICE_PATH } from '../../dialogs/advice';
import { isLiveOrganisation, type TriageContext } from '../../machines/triage';

/**
 * The content rules every outcome must keep, whatever the nation, the person or the journey: no two lines that
 * contradict each other, no label that repeats itself, "Action Fraud" only as "formerly Action Fraud", https links
 * only, no unverified fact shown as if it were sure, and no instruction to press a button that is not there.
 * Each rule returns what it found wrong, in words a reviewer can act on.
 */

export interface ForbiddenPair {
  why: string;
  one: RegExp;
  other: RegExp;
}

/** Lines that must never be shown together in one outcome: each pair was seen, or could be, and contradicts itself. */
export const FORBIDDEN_PAIRS: ForbiddenPair[] = [
  {
    why: 'told not to use the online form, then to report online at any time',
    one: /don.t use (the|an) online (reporting )?(form|tool)/i,
    other: /online\b[^\n]{0,80}?\bat any time/i,
  },
  {
    why: 'told to call Report Fraud and press 9, and that Report Fraud does not cover Scotland',
    one: /press 9/i,
    other: /Report Fraud (does not|doesn.t) cover Scotland/i,
  },
  {
    why: "told to call Report Fraud's line, and that the place is outside the UK police network",
    one: /0300 123 2040|press 9/i,
    other: /outside the UK police network/i,
  },
  {
    why: 'Northern Ireland: press 9 while it is going on, and call the PSNI instead because the crime is happening now',
    one: /press 9/i,
    other: /PSNI[^.\n]*instead if the crime is happening now/i,
  },
  {
    why: 'two different numbers to call "now", neither said to be for one nation only',
    one: /^\*\*Call Report Fraud now/im,
    other: /^\*\*Call Police Scotland now/im,
  },
  {
    why: 'an e-mail address shown, and "we don\'t hold a verified e-mail address"',
    one: /E-mail: \S+@/,
    other: /don.t hold a verified e-mail/i,
  },
  {
    why: 'a regional Cyber PROTECT team given to a place outside the UK police network',
    one: /your regional police Cyber PROTECT team is/i,
    other: /outside the UK police network/i,
  },
  {
    why: 'told the team is open now, and when to expect an answer because it is closed',
    one: /team is open now/i,
    other: /expect an answer once it opens/i,
  },
];

/**
 * Lines never shown for a kind of incident (what happened): someone being blackmailed with images is not sent to their
 * bank, and a scam message nobody acted on raises no bank alarm.
 */
export const NOT_FOR_KIND: Array<{ kind: string; why: string; pattern: RegExp }> = [
  { kind: 'sextortion', why: 'the sextortion steps never send the person to their bank', pattern: /call (?:your|the) bank|contact your bank|for your bank|your bank straight away/i },
  { kind: 'phishingIgnored', why: 'a scam message not acted on is not a live attack: no bank alarm', pattern: /your bank straight away|call \S+ for your bank/i },
];

/** The first line of a live organisation's outcome: the 24/7 line (or the police where the 24/7 line doesn't reach). */
export const LIVE_ORGANISATION_LEAD = /^\*\*(?:Call |In Scotland, call |If the attack is still going on, call |Contact the police where you are)/;

/** Report Fraud's line and its option 9, never shown for a place outside the UK police network (an island, abroad). */
export const NOT_OUTSIDE_UK = /press 9|0300 123 2040|tel:03001232040/i;

/** Lines never shown to someone asking for themselves: the option-9 line is for organisations. */
export const NOT_FOR_INDIVIDUALS: Array<{ why: string; pattern: RegExp }> = [
  { why: "Report Fraud's option 9 is for organisations under a live attack", pattern: /press 9/i },
  { why: 'organisation-only advice', pattern: /If an attack on an organisation starts/i },
];

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** "Scotland (Scotland)", "X (X)", or any run of three words said twice in one label. */
export function repeatsItself(label: string): string | null {
  const parenthesised = /^(.*?)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/.exec(label);
  if (parenthesised) {
    const outside = words(parenthesised[1]).join(' ');
    const inside = words(parenthesised[2]).join(' ');
    if (outside && inside && (outside === inside || outside.includes(inside) || inside.includes(outside))) {
      return `"${label}" says "${parenthesised[2]}" twice`;
    }
  }
  const list = words(label);
  const seen = new Set<string>();
  for (let start = 0; start + 3 <= list.length; start++) {
    const run = list.slice(start, start + 3).join(' ');
    if (seen.has(run)) return `"${label}" repeats "${run}"`;
    seen.add(run);
  }
  return null;
}

/** Every label a user reads as one name: buttons, links, "Your answers" values and the team's name in bold. */
export function labelsOf(messages: BotMessage[]): string[] {
  const labels: string[] = [];
  for (const message of messages) {
    labels.push(...(message.buttons ?? []).map((button) => button.label));
    labels.push(...(message.links ?? []).map((link) => link.label));
    labels.push(...(message.facts ?? []).map((fact) => fact.value));
    for (const [, name] of message.text.matchAll(/Cyber PROTECT team is \*\*([^*]+)\*\*/g)) labels.push(name);
  }
  return labels;
}

interface ShownFact {
  token: string;
  confidence: Confidence;
  where: string;
}

/** Every phone number, URL and e-mail address in data/, with its confidence, to find wherever it is shown. */
function factIndex(): ShownFact[] {
  const found: ShownFact[] = [];
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${where}.${index}`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const confidence = record.confidence as Confidence | undefined;
    if (confidence) {
      for (const key of ['number', 'url', 'address'] as const) {
        if (typeof record[key] === 'string') found.push({ token: record[key] as string, confidence, where: `${where}.${key}` });
      }
    }
    for (const [key, child] of Object.entries(record)) walk(child, `${where}.${key}`);
  };
  walk(catalog.national, 'national.json');
  walk(catalog.units, 'units.json');
  return found;
}

const FACTS = factIndex();

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The paragraphs (or list items) of a message in which the token stands on its own (101 is not in 0300 123 2040). */
function placesShown(text: string, token: string): string[] {
  const pattern = /^[\d ]+$/.test(token)
    ? new RegExp(`(?<![\\d])${escaped(token)}(?![\\d])`)
    : new RegExp(`${escaped(token)}(?![\\w/.-])`);
  return text.split(/\n/).filter((line) => pattern.test(line));
}

export interface Violation {
  rule: string;
  detail: string;
}

/** Checks one outcome as the user sees it: every message of the turn, with the answers that led there. */
export function contentViolations(messages: BotMessage[], context: TriageContext): Violation[] {
  const violations: Violation[] = [];
  const text = messages.map((message) => message.text).join('\n\n');

  for (const pair of FORBIDDEN_PAIRS) {
    const one = pair.one.exec(text);
    const other = pair.other.exec(text);
    if (one && other) violations.push({ rule: 'contradiction', detail: `${pair.why}: "${one[0]}" … "${other[0]}"` });
  }
  for (const line of NOT_FOR_KIND) {
    if (context.kind !== line.kind) continue;
    const shown = [text, ...messages.flatMap((message) => (message.links ?? []).map((link) => link.label))].join('\n');
    const match = line.pattern.exec(shown);
    if (match) violations.push({ rule: 'not for this kind', detail: `${line.why}: "${match[0]}"` });
  }
  // A live organisation sees the 24/7 line first: nothing of the first steps before the outcome, whose lead it is.
  const outcome = messages.find((message) => message.kind === 'outcome');
  if (outcome && isLiveOrganisation(context) && outcome.state !== 'outsideUk') {
    const before = messages.slice(0, messages.indexOf(outcome)).filter((message) => message.kind !== 'notice');
    if (before.length) violations.push({ rule: '24/7 line first', detail: `${before.map((message) => message.kind).join(', ')} before the outcome` });
    if (!LIVE_ORGANISATION_LEAD.test(outcome.text)) violations.push({ rule: '24/7 line first', detail: `the outcome opens with "${outcome.text.split('\n')[0]}"` });
  }
  // Report Fraud covers England, Wales and Northern Ireland: an island's or a place abroad's outcome never sends anyone to it.
  if (context.outside) {
    const shown = [text, ...messages.flatMap((message) => (message.links ?? []).map((link) => `${link.label} ${link.url}`))].join('\n');
    const match = NOT_OUTSIDE_UK.exec(shown);
    if (match) violations.push({ rule: 'not outside the UK', detail: `${context.outside.kind === 'abroad' ? 'abroad' : 'an island'}: "${match[0]}"` });
  }
  if (context.audience === 'individual') {
    for (const line of NOT_FOR_INDIVIDUALS) {
      const match = line.pattern.exec(text);
      if (match) violations.push({ rule: 'not for individuals', detail: `${line.why}: "${match[0]}"` });
    }
  }

  for (const label of labelsOf(messages)) {
    const problem = repeatsItself(label);
    if (problem) violations.push({ rule: 'label repeats itself', detail: problem });
  }
  for (const written of [text, ...labelsOf(messages)]) {
    const doubled = /\b([a-z]+) \1\b/i.exec(written);
    if (doubled) violations.push({ rule: 'label repeats itself', detail: `"${doubled[0]}" in "${written.slice(0, 80)}"` });
  }

  const withoutFormerly = text.replace(/\(?formerly Action Fraud\)?/g, '');
  if (/Action Fraud/.test(withoutFormerly)) {
    violations.push({ rule: 'Action Fraud', detail: 'says "Action Fraud" other than as "formerly Action Fraud"' });
  }

  for (const [url] of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)*]+/gi)) {
    if (!url.startsWith('https://')) violations.push({ rule: 'https', detail: `a link that is not https: ${url}` });
  }
  for (const message of messages) {
    for (const link of message.links ?? []) {
      // The advice page is this service's own: a path where no public address is configured.
      if (!/^(https:\/\/|tel:|mailto:)/.test(link.url) && !link.url.startsWith(`${ADVICE_PATH}?`)) {
        violations.push({ rule: 'https', detail: `a link that is not https, tel: or mailto: ${link.url}` });
      }
    }
  }

  const tokens = new Map<string, ShownFact[]>();
  for (const fact of FACTS) tokens.set(fact.token, [...(tokens.get(fact.token) ?? []), fact]);
  for (const [token, facts] of tokens) {
    // A number or link that some source confirms (999 is in many entries) is shown as sure wherever it appears.
    if (facts.some((fact) => fact.confidence !== 'unverified')) continue;
    for (const line of placesShown(text, token)) {
      if (!line.includes(UNVERIFIED_MARK)) {
        violations.push({ rule: 'unverified fact', detail: `${facts[0].where} (${token}) is unverified but shown as sure: "${line}"` });
      }
    }
    for (const message of messages) {
      for (const link of message.links ?? []) {
        if (link.url.replace(/^(tel:|mailto:)/, '') === token.replace(/\s/g, '') || link.url === token) {
          violations.push({ rule: 'unverified fact', detail: `${facts[0].where} (${token}) is unverified but offered as a link` });
        }
      }
    }
  }
  // No unit publishes its hours: an assumed time is only ever shown beside the words saying it is assumed.
  for (const paragraph of text.split(/\n{2,}/)) {
    if (/expect an answer once it opens/.test(paragraph) && !/we assume/.test(paragraph)) {
      violations.push({ rule: 'unverified fact', detail: `assumed opening hours shown as sure: "${paragraph}"` });
    }
  }

  const buttons = messages.flatMap((message) => message.buttons ?? []);
  if (/press \*{0,2}Back\b/i.test(text) && !buttons.some((button) => button.value.action === 'back')) {
    violations.push({ rule: 'missing button', detail: 'says "press Back" with no Back button' });
  }
  for (const [, label] of text.matchAll(/choose \*\*([^*]+)\*\*/gi)) {
    if (!buttons.some((button) => button.label === label)) {
      violations.push({ rule: 'missing button', detail: `says to choose "${label}", which is not a button here` });
    }
  }
  return violations;
}
