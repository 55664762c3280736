// The words the bot understands, one JSON file per language in data/lexicon/ (en.json, cy.json …), validated on
// load. Growing what the bot understands (a new kind of organisation, a Welsh answer form) is an edit to these files;
// dialogs/understanding/ compiles them into the matcher.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError, loadJson } from './loadJson';

export const LEXICON_DIR = join(__dirname, 'lexicon');

const phrase = z.string().trim().min(1).max(80);
const phrases = z.array(phrase);

/** What each cue says about "is it happening now?". */
export const HAPPENING_CUES = [
  'unsure', 'liveStrong', 'liveWeak', 'recent', 'impact', 'over', 'past', 'started', 'incident', 'neutral',
] as const;
export type HappeningCue = (typeof HAPPENING_CUES)[number];

/** What each cue says about "an organisation or yourself?". */
export const AUDIENCE_CUES = ['organisationTypes', 'soleTraders', 'organisation', 'individual', 'possessions', 'neutral'] as const;
export type AudienceCue = (typeof AUDIENCE_CUES)[number];

/**
 * What each cue says about what happened (dialogs/understanding/kind.ts). Most name a kind of incident; `phishing`
 * (a scam message or call) becomes phishingActedOn or phishingIgnored by `actedOn` / `notActedOn` ("clicked the link",
 * "didn't click"); `compromised` ("hacked", "got into") with an `accounts` word is an account taken over, with a
 * `devices` word a device compromised; `moneyTaken` is money lost unless an account was taken over; `moneyVerbs`
 * ("sent", "transferred") is money lost beside an amount ("I sent £1,200").
 */
export const KIND_CUES = [
  'ransomware', 'accountTakeover', 'moneyLost', 'moneyVerbs', 'moneyTaken', 'dataBreach', 'denialOfService', 'phishing', 'actedOn',
  'notActedOn', 'sextortion', 'deviceCompromised', 'other', 'compromised', 'accounts', 'devices',
] as const;
export type KindCue = (typeof KIND_CUES)[number];

export const COMMANDS = ['restart', 'back', 'help', 'whatNow', 'thanks', 'cancel', 'showRegionalTeam'] as const;
export type Command = (typeof COMMANDS)[number];

const replySet = z.object({ yes: phrases, no: phrases, notSure: phrases }).strict();

const lexiconSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as "en" or "cy"'),
    source: z.string().trim().min(1),
    updatedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)'),
    /** Written forms → what they stand for ("can't" → "can not"), applied word by word before matching. */
    contractions: z.record(z.string().min(1), z.string().min(1)),
    /** Real words that are never "corrected" to a lexicon word by edit distance ("form" is not "farm"). */
    knownWords: phrases,
    /**
     * The language's function words and their elided forms ("mae'r", "i'r", "o'r", "mae", "ni", "os"): never a place
     * name in a message in that language, though the gazetteer holds a place spelt so (Maer in Staffordshire, Ose, "NI").
     * An elided form (with its apostrophe) is the language's whatever the message; a bare word only in a message in it.
     */
    notPlaceNames: phrases.default([]),
    /** Words that may surround a command without changing it ("help please"). */
    fillers: phrases,
    commands: z.object(Object.fromEntries(COMMANDS.map((command) => [command, phrases])) as Record<Command, typeof phrases>).strict(),
    /** Asking who to contact ("who do I call?"): the direct numbers at a question, the outcome again at an outcome. */
    contactQuestions: phrases.default([]),
    /** Bare answers to the question on screen, alone or leading the message ("yes", "no, …"). */
    replies: replySet,
    /** Bare answers that count only as the whole message ("y", "do"): inside a sentence they are ordinary words. */
    wholeReplies: replySet,
    /** Words that flip the cue just after them ("not a business", "hasn't stopped"). */
    negators: phrases,
    /** Words that end a negation's reach ("not over, but …"). */
    clauseBreaks: phrases,
    happening: z
      .object({
        ...(Object.fromEntries(HAPPENING_CUES.map((cue) => [cue, phrases])) as Record<HappeningCue, typeof phrases>),
        /** Things that stop working: "the servers have stopped" is the attack's effect, not its end. */
        systems: phrases,
        /** "still" and its kind: an ongoing sign when the same clause names an effect, a system or an incident. */
        stillMarkers: phrases,
        presentMarkers: phrases,
        /** Words that hedge an end into doubt ("I think it's over", "it's stopped for now"): an end beside them is "not sure". */
        hedges: phrases.default([]),
      })
      .strict(),
    audience: z
      .object({
        ...(Object.fromEntries(AUDIENCE_CUES.map((cue) => [cue, phrases])) as Record<AudienceCue, typeof phrases>),
        /** Whole-message answers to the audience question ("me", "work"): in a sentence they mean nothing. */
        wholeOrganisation: phrases,
        wholeIndividual: phrases,
      })
      .strict(),
    /** What happened: phrases for each kind of incident and the cues that decide between them (see KIND_CUES). */
    kinds: z
      .object(Object.fromEntries(KIND_CUES.map((cue) => [cue, phrases.default([])])) as Record<KindCue, z.ZodDefault<typeof phrases>>)
      .strict()
      .default(Object.fromEntries(KIND_CUES.map((cue) => [cue, []])) as unknown as Record<KindCue, string[]>),
  })
  .strict()
  .superRefine((lexicon, ctx) => {
    // One phrase, one meaning: a phrase listed under two cues of the same question would be read both ways.
    const noDuplicates = (section: 'happening' | 'audience' | 'kinds', cues: readonly string[]) => {
      const seen = new Map<string, string>();
      for (const cue of cues) {
        const list = (lexicon[section] as Record<string, string[]>)[cue];
        list.forEach((entry, index) => {
          const key = entry.toLowerCase();
          const other = seen.get(key);
          if (other !== undefined && other !== cue) {
            ctx.addIssue({ code: 'custom', path: [section, cue, index], message: `"${entry}" is already listed under ${section}.${other}` });
          }
          seen.set(key, cue);
        });
      }
    };
    noDuplicates('happening', HAPPENING_CUES);
    noDuplicates('audience', AUDIENCE_CUES);
    noDuplicates('kinds', KIND_CUES);
    const replies = new Map<string, string>();
    for (const set of ['replies', 'wholeReplies'] as const) {
      for (const answer of ['yes', 'no', 'notSure'] as const) {
        lexicon[set][answer].forEach((entry, index) => {
          const other = replies.get(entry.toLowerCase());
          if (other !== undefined && other !== answer) {
            ctx.addIssue({ code: 'custom', path: [set, answer, index], message: `"${entry}" is already a "${other}" reply` });
          }
          replies.set(entry.toLowerCase(), answer);
        });
      }
    }
  });

export type Lexicon = z.infer<typeof lexiconSchema>;

/** Reads and validates one language's lexicon; a bad file throws a DataFileError naming the file and the field. */
export function loadLexicon(language: string, dir: string = LEXICON_DIR): Lexicon {
  const fileName = `${language}.json`;
  const lexicon = loadJson(fileName, lexiconSchema, dir);
  if (lexicon.language !== language) {
    throw new DataFileError(`lexicon/${fileName}`, 'language', `is "${lexicon.language}" but the file is named ${fileName}`);
  }
  return lexicon;
}

/** Every language in the folder, English first. */
export function loadLexicons(dir: string = LEXICON_DIR): Lexicon[] {
  const languages = readdirSync(dir)
    .filter((file) => /^[a-z]{2,3}\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  if (!languages.includes('en')) throw new DataFileError('lexicon/en.json', '(file)', 'is missing: English is required');
  return languages.map((language) => loadLexicon(language, dir));
}

export const GUARD_FILE = 'guard.json';

const guardSchema = z
  .object({
    source: z.string().trim().min(1),
    generatedBy: z.string().trim().min(1),
    words: z.array(z.string().regex(/^[a-z]+$/, 'must be a lower-case word')),
    /** Words of place names that are also ordinary words ("Down", "Street", "March", "Shop"): a place only where a place is named. */
    placeWords: z.array(z.string().regex(/^[a-z]+$/, 'must be a lower-case word')),
  })
  .strict();

export type GuardWords = z.infer<typeof guardSchema>;

/**
 * Real English words that are one slip away from a lexicon word ("form" and "farm", "shot" and "shop"): never
 * corrected. Generated by `npm run lexicon:guard` from a dictionary; a test checks it is current.
 */
export function loadGuardWords(dir: string = LEXICON_DIR): GuardWords {
  return loadJson(GUARD_FILE, guardSchema, dir);
}
