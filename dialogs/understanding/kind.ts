/**
 * What happened, read from what the person already said ("we've been hit by ransomware", "I paid a fake invoice",
 * "they're threatening to share photos"). The phrases are data (the lexicon files' `kinds`); the rules are here:
 *
 *   1. Every cue is found with its negation, as for the other questions ("didn't click" is a negated "click").
 *   2. A cue that names a kind counts for it: ransomware, money paid, personal data, denial of service, blackmail
 *      with images, a device infected or controlled, something else (a fake website in the organisation's name …).
 *   3. "Hacked", "got into", "taken over" (compromised) counts as an account taken over beside an account word
 *      (email, Facebook, account …) in the same clause, else in the message; as a device beside a device word.
 *   4. Money taken from an account ("they took the money") is money lost, unless an account was taken over; money
 *      sent or transferred is money lost where the same clause names an amount ("I sent £1,200 to her").
 *   5. A scam message or call is acted on when it was clicked, answered or given details ("clicked the link", "gave
 *      them the code", a negated "didn't reply" aside), not acted on when it was not ("didn't click", "ignored it");
 *      such words are enough on their own ("no didnt click it"). A scam message said neither way is not guessed.
 *   6. Several kinds: the consequence wins over the way in (the steps for what it has become matter most): blackmail,
 *      ransomware, money paid, personal data, denial of service, an account, a device, a message acted on, a message
 *      not acted on, something else.
 * A kind never changes the route: it chooses the first steps shown at the outcome. Nothing found: null (the outcome
 * asks, optionally, with buttons).
 */
import type { IncidentKind } from '../../data/firstSteps';
import type { KindCue } from '../../data/lexicon';
import { cuesFor, type Clause, type Cue } from './cues';
import type { CompiledLexicon } from './lexicon';

const PRECEDENCE: readonly IncidentKind[] = [
  'sextortion',
  'ransomware',
  'moneyLost',
  'dataBreach',
  'denialOfService',
  'accountTakeover',
  'deviceCompromised',
  'phishingActedOn',
  'phishingIgnored',
  'other',
];

/** A sum of money as people write it: "£1,200", "£48k", "3k", "500 dollars", "£9,000". */
const AMOUNT = /[£$€]\s?\d|\b\d+(?:[.,]\d+)?\s?k\b|\b\d[\d,.]*\s?(?:pounds?|quid|dollars?|euros?|punt)\b/i;

/** Cues that name a kind by themselves. */
const NAMING: Partial<Record<KindCue, IncidentKind>> = {
  ransomware: 'ransomware',
  accountTakeover: 'accountTakeover',
  moneyLost: 'moneyLost',
  dataBreach: 'dataBreach',
  denialOfService: 'denialOfService',
  sextortion: 'sextortion',
  deviceCompromised: 'deviceCompromised',
  other: 'other',
};

function said(cues: ReadonlyArray<Cue<KindCue>>, tag: KindCue, negated = false): Array<Cue<KindCue>> {
  return cues.filter((cue) => cue.tag === tag && cue.negated === negated);
}

function inClause(cues: ReadonlyArray<Cue<KindCue>>, cue: Cue<KindCue>, tag: KindCue): boolean {
  return cues.some((other) => other.tag === tag && other.clause === cue.clause && !other.negated);
}

function anywhere(cues: ReadonlyArray<Cue<KindCue>>, tag: KindCue): boolean {
  return cues.some((cue) => cue.tag === tag && !cue.negated);
}

/** The kind of incident a message describes, or null when it says nothing that tells. */
export function readKind(clauses: readonly Clause[], compiled: CompiledLexicon): IncidentKind | null {
  const cues = cuesFor(clauses, compiled.kinds, compiled);
  if (cues.length === 0) return null;
  const found = new Set<IncidentKind>();

  for (const cue of cues) {
    const kind = NAMING[cue.tag];
    if (kind && !cue.negated) found.add(kind);
  }
  for (const cue of said(cues, 'compromised')) {
    if (inClause(cues, cue, 'accounts')) found.add('accountTakeover');
    else if (inClause(cues, cue, 'devices')) found.add('deviceCompromised');
    else if (anywhere(cues, 'accounts')) found.add('accountTakeover');
    else if (anywhere(cues, 'devices')) found.add('deviceCompromised');
  }
  if (anywhere(cues, 'moneyTaken') && !found.has('accountTakeover')) found.add('moneyLost');
  if (said(cues, 'moneyVerbs').some((cue) => AMOUNT.test(clauses[cue.clause].raw))) found.add('moneyLost');
  const actedOn = anywhere(cues, 'actedOn') || said(cues, 'notActedOn', true).length > 0;
  const notActedOn = anywhere(cues, 'notActedOn') || said(cues, 'actedOn', true).length > 0;
  if (actedOn) found.add('phishingActedOn');
  else if (notActedOn) found.add('phishingIgnored');

  return PRECEDENCE.find((kind) => found.has(kind)) ?? null;
}
