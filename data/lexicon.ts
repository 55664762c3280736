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

/**
 * What each cue says about "is it happening now?". `restart`: it came back ("it's back", "again"): going on, and it
 * undoes any end said before it. `ending`: a verb of ending that is no end by itself ("stop it", "get rid of them"):
 * negated it is going on ("can't stop it"), after "managed to" it is an end, in a wish or a question it is not.
 */
export const HAPPENING_CUES = [
  'unsure', 'liveStrong', 'liveWeak', 'recent', 'impact', 'over', 'past', 'started', 'incident', 'neutral', 'restart', 'ending',
] as const;
/** The cues each lexicon file must list (the later ones may be left out of a file, as an empty list). */
const REQUIRED_HAPPENING_CUES = ['unsure', 'liveStrong', 'liveWeak', 'recent', 'impact', 'over', 'past', 'started', 'incident', 'neutral'] as const;

/**
 * Words that set the scope of what follows them in a clause ("is it happening now?": an end in their scope is no end):
 * - wishes: "I wish it wasn't" (a wish for an end says it goes on);
 * - irrealis: "how do I stop it", "trying to", "should be fixed", "if" (an end not reached), up to a scopeBreak
 *   ("that", "which": "I want to report a hack that was fixed");
 * - questionStarts: "is it over", "has it stopped" (a clause asking is no answer; a clause ending in "?" likewise);
 * - achievers: "managed to", "able to" (an ending verb after them is an end);
 * - protectors, attempts and thwarted: "our antivirus blocked it", "they tried but it was blocked" (an attempt stopped
 *   is over; not one the speaker made, `firstPerson`: "I tried to log in but my account is blocked" is locked out);
 * - progressiveSubjects: someone else doing something now ("they're messaging my clients", "someone is using my
 *   card"): going on;
 * - actions: what people do while it goes on ("turned the computer off", "unplugged the router"): no end, so not
 *   sure; "*" stands for up to three words;
 * - endComplements: ends that take what follows as their object ("stopped happening", "stopped sending emails");
 * - negationTransparent: adverbs a negation reaches through ("not currently happening");
 * - pastTime: past times built from a named time ("term", "spring", "christmas") and a word before ("last", "in the")
 *   or after ("back", Welsh "diwethaf"), or from a duration ("fortnight", "months") and a word after ("ago", "back");
 *   `notPast` words make the time no past ("in the next week", "the last few days").
 */
export const SCOPE_MARKERS = ['wishes', 'irrealis', 'scopeBreaks', 'questionStarts', 'achievers', 'protectors', 'attempts', 'thwarted', 'progressiveSubjects'] as const;
export type ScopeMarker = (typeof SCOPE_MARKERS)[number];
export type HappeningCue = (typeof HAPPENING_CUES)[number];

/**
 * What each cue says about "an organisation or yourself?". `people`: someone named in the story ("my husband",
 * "parents", "my son"): who it is for only when nothing says it is an organisation ("my mum" alone is yourself; "my
 * husband and I run a farm" is an organisation, with no doubt to ask about). `personalThings`: "my personal email":
 * yourself, and in doubt beside an organisation in the same clause ("I work at a school but it's my personal email"),
 * but a detail of a story that says elsewhere what it is ("My personal email wasn't affected").
 */
export const AUDIENCE_CUES = ['organisationTypes', 'soleTraders', 'organisation', 'individual', 'possessions', 'neutral', 'people', 'personalThings'] as const;
const REQUIRED_AUDIENCE_CUES = ['organisationTypes', 'soleTraders', 'organisation', 'individual', 'possessions', 'neutral'] as const;
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
        ...(Object.fromEntries(REQUIRED_HAPPENING_CUES.map((cue) => [cue, phrases])) as Record<(typeof REQUIRED_HAPPENING_CUES)[number], typeof phrases>),
        restart: phrases.default([]),
        ending: phrases.default([]),
        ...(Object.fromEntries(SCOPE_MARKERS.map((marker) => [marker, phrases.default([])])) as Record<ScopeMarker, z.ZodDefault<typeof phrases>>),
        actions: phrases.default([]),
        firstPerson: phrases.default([]),
        /** Words that open a question asking for something ("what was the number again?": "again" asks it again). */
        askingWords: phrases.default([]),
        endComplements: phrases.default([]),
        negationTransparent: phrases.default([]),
        pastTime: z
          .object({
            units: phrases.default([]),
            durations: phrases.default([]),
            before: phrases.default([]),
            after: phrases.default([]),
            notPast: phrases.default([]),
            /** Words just before "last …" that make it a stretch up to now ("the last 3 weeks"). */
            notPastBefore: phrases.default([]),
            since: phrases.default([]),
          })
          .strict()
          .default({ units: [], durations: [], before: [], after: [], notPast: [], notPastBefore: [], since: [] }),
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
        ...(Object.fromEntries(REQUIRED_AUDIENCE_CUES.map((cue) => [cue, phrases])) as Record<(typeof REQUIRED_AUDIENCE_CUES)[number], typeof phrases>),
        people: phrases.default([]),
        personalThings: phrases.default([]),
        /**
         * Nouns that are an organisation as the head of what someone says they are ("we're a bank", "I run a small
         * team", the answer "sunday league team"), though not wherever they appear ("I rang the bank").
         */
        organisationNouns: phrases.default([]),
        /** Nouns that are a person in the same places ("just a normal person", "little old me", "I'm just a mum"). */
        personNouns: phrases.default([]),
        /** What introduces who someone is: "we're", "I'm", "I run", "just", "little old". */
        identityFrames: phrases.default([]),
        /** Endings of one-word names of organisations: "bookshop", "giftshop", "barbershop". */
        organisationSuffixes: phrases.default([]),
        /** Words that end the noun phrase after an identity frame ("I'm a member of a club": "of" ends "a member"). */
        nounPhraseEnds: phrases.default([]),
        /** Words that make an answer more than a noun phrase ("I rang the bank" is no "a bank"). */
        headNounBlockers: phrases.default([]),
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
