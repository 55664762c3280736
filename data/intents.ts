// Questions people ask at any point ("is the call free?", "can I speak to someone?"): data/intents.json holds each
// intent's phrases, in English and Welsh, and the sourced facts its answer may state. Validated on load: a bad file
// stops start-up naming the file and field. dialogs/understanding/intent.ts compiles the phrases into the matcher;
// dialogs/intents.ts writes the answers (words in dialogs/content/<language>.json, under `intents`).
import { z } from 'zod';
import { DataFileError, loadJson } from './loadJson';
import { confidenceSchema } from './schema';
import type { Confidence } from './types';

/** Every intent, in no particular order (`order` in the file says which wins when several match). */
export const INTENTS = [
  'callCost',
  'lineBusy',
  'numberAgain',
  'otherChannel',
  'openingHours',
  'whatHappensNext',
  'whatToHaveReady',
  'isBot',
  'privacy',
  'isPolice',
  'cyberTeamNumber',
  'greeting',
  'talkToPerson',
  'payRansom',
  'acknowledgement',
] as const;
export type IntentId = (typeof INTENTS)[number];

/** The facts an answer may state; each must be in the file with its source (an unverified one is never stated). */
export const INTENT_FACTS = [
  'callCost03',
  'callCost101',
  'callCost999',
  'callCost159',
  'policeScotland101Hours',
  'liveLineCall',
  'afterReporting',
  'evidenceToKeep',
  'onlineNotForLive',
  'policeScotlandInPerson',
  'ransomPayment',
] as const;
export type IntentFact = (typeof INTENT_FACTS)[number];

export const INTENTS_FILE = 'intents.json';

const phrase = z.string().trim().min(1).max(2000);
/** A slot: alternatives separated by "|", each a phrase or "@group". */
const slot = phrase.refine((value) => value.split('|').every((part) => part.trim().length > 0), 'must not have an empty alternative');

const intentSchema = z.strictObject({
  /** Whole-message forms (fillers such as "please" or "hi" around them aside). */
  whole: z.array(phrase),
  /** Each pattern is a list of slots; every slot must be found in the message. */
  patterns: z.array(z.array(slot).min(1, 'must have at least one slot')),
  /** Phrases that stop the intent matching ("the ransom" in "how much is the ransom?" is not the call's cost). */
  unless: z.array(phrase).default([]),
});

const factSchema = z.strictObject({
  /** What the source says, in plain English, for a reviewer (the words users see are content). */
  statement: z.string().trim().min(1),
  source: z.string().trim().min(1),
  verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  confidence: confidenceSchema,
});

const fileSchema = z
  .strictObject({
    source: z.string().trim().min(1),
    updatedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
    /** Longer messages are descriptions, not questions: no intent is read in them. */
    maxWords: z.number().int().min(5).max(200),
    order: z.array(z.enum(INTENTS)),
    /** Texting and dictation forms, word by word ("wot" → "what", "sum1" → "someone"). */
    spellings: z.record(z.string().min(1), z.string().min(1)),
    /** Real words never "corrected" to an intent's word ("coast" is not "cost"). */
    knownWords: z.array(z.string().min(1)),
    groups: z.record(z.string().regex(/^[a-zA-Z]+$/, 'must be a name of letters'), slot),
    intents: z.record(z.enum(INTENTS), intentSchema),
    facts: z.record(z.enum(INTENT_FACTS), factSchema),
  })
  .superRefine((file, ctx) => {
    const ordered = new Set(file.order);
    if (ordered.size !== file.order.length) ctx.addIssue({ code: 'custom', path: ['order'], message: 'must not list an intent twice' });
    for (const intent of INTENTS) {
      if (!ordered.has(intent)) ctx.addIssue({ code: 'custom', path: ['order'], message: `must list ${intent}` });
      if (!file.intents[intent]) ctx.addIssue({ code: 'custom', path: ['intents', intent], message: 'is missing' });
    }
    for (const fact of INTENT_FACTS) {
      if (!file.facts[fact]) ctx.addIssue({ code: 'custom', path: ['facts', fact], message: 'is missing' });
    }
    // Every "@group" a slot names must exist.
    const check = (value: string, path: Array<string | number>) => {
      for (const part of value.split('|')) {
        const name = /^\s*@(\w+)\s*$/.exec(part)?.[1];
        if (name && !file.groups[name]) ctx.addIssue({ code: 'custom', path, message: `names the group @${name}, which is not in "groups"` });
      }
    };
    for (const [intent, entry] of Object.entries(file.intents)) {
      entry.patterns.forEach((pattern, p) => pattern.forEach((value, s) => check(value, ['intents', intent, 'patterns', p, s])));
      if (intent === 'greeting' && entry.patterns.length) {
        ctx.addIssue({ code: 'custom', path: ['intents', intent, 'patterns'], message: 'must be empty: a greeting is only ever a whole message' });
      }
    }
  });

export type IntentsFile = z.infer<typeof fileSchema>;
export type IntentDefinition = z.infer<typeof intentSchema>;

export interface IntentFactRecord {
  statement: string;
  source: string;
  verifiedOn: string;
  confidence: Confidence;
}

/** Reads and validates data/intents.json (or a file of the same shape); a bad file throws a DataFileError. */
export function loadIntents(dir?: string, fileName: string = INTENTS_FILE): IntentsFile {
  const file = loadJson(fileName, fileSchema, dir);
  if (!file.order.length) throw new DataFileError(fileName, 'order', 'must list the intents');
  return file;
}

let shared: IntentsFile | null = null;

export function intentsData(): IntentsFile {
  shared ??= loadIntents();
  return shared;
}

/** A fact an answer may state: null when the data marks it unverified (an answer then leaves it out). */
export function usableFact(fact: IntentFact): IntentFactRecord | null {
  const record = intentsData().facts[fact];
  return record && record.confidence !== 'unverified' ? record : null;
}

export function isIntentId(value: unknown): value is IntentId {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
