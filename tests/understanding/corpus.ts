/**
 * The labelled corpus (corpus.json) and how a reading of it is scored. Shared by `npm run understanding` (which
 * prints the figures for each engine tried) and corpus.test.ts (which holds the shipped engine to the targets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import type { UnitId } from '../../data/types';
import { readText, type Reading } from '../../dialogs/understanding/read';
import { initialContext, OUTCOME_IDS, type TriageContext, type TriageStateId } from '../../machines/triage';

export type Question = 'happeningNow' | 'audience' | 'location' | 'command';
export const QUESTIONS: readonly Question[] = ['happeningNow', 'audience', 'location', 'command'];
/** Where a message is typed: a state, or "first" (a first message, before anything is on screen). */
export type At = TriageStateId | 'first';
/**
 * What happened ("ransomware" …): scored on its own (right, asked, wrong), not in the questions' totals. `intent`: the
 * question the message asks (data/intents.ts: "callCost", "talkToPerson" …, or "other" for a question the bot has no
 * answer for), scored on its own too: answered (the right intent read) or not.
 */
export type Expected = Partial<Record<Question | 'kind' | 'intent', string>>;

export interface Sample {
  at: At;
  text: string;
  expect: Expected;
}

interface CorpusFile {
  groups: Array<{ at: At; expect: Expected; texts: string[] }>;
  stories: Sample[];
}

/**
 * `corpus.json`: the labelled messages the rules were built and tuned on. `heldout.json`: written after the tuning
 * and scored without changing the rules to fit it (its figures are reported apart, as the honest estimate).
 * `welsh.json`: answers in Welsh (the yes/no forms that echo the verb, organisations, commands, language choices,
 * mutated place names), scored on their own.
 * `redteam.json`: an adversarial set written by another engineer before reading the rules or the lexicon, from how
 * people in distress type on a phone (its first score is in the README as the independent estimate). `redteam2.json`:
 * a second adversarial set written after the fixes the first called for, scored once before any further change.
 * `places.json` (issue 20): places anywhere in any message, islands and abroad, "Ireland", places given early, and
 * places that are someone else's or ordinary words; labelled for the location only.
 */
export type CorpusName = 'corpus' | 'heldout' | 'welsh' | 'redteam' | 'redteam2' | 'places';
export const CORPUS_NAMES: readonly CorpusName[] = ['corpus', 'heldout', 'welsh', 'redteam', 'redteam2', 'places'];

/**
 * A set in the blind-set format (/work/blind/BRIEF.md: `{ items: [{ at, text, expect }] }`, locations as police force
 * ids or GY / JE / IM / abroad / choice), as samples: a force becomes its unit, an island or abroad as scored here.
 */
export function loadBlindSet(file: string): Sample[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { items: Array<{ at: At; text: string; expect: Record<string, string> }> };
  const forces = catalog.forces as Record<string, { unitId: string } | undefined>;
  // The blind sets name Scotland's and Northern Ireland's forces by their nation; the catalog by the force's id.
  const forceIds: Record<string, string> = { scotland: 'police-scotland', 'northern-ireland': 'psni' };
  const location = (value: string) =>
    ['GY', 'JE', 'IM', 'abroad', 'choice'].includes(value) ? value : (forces[forceIds[value] ?? value]?.unitId ?? value);
  return data.items.map((item) => {
    const expect: Expected = {};
    for (const [key, value] of Object.entries(item.expect)) {
      if (key === 'location') expect.location = location(value);
      else if (key === 'happeningNow' || key === 'audience' || key === 'command' || key === 'kind' || key === 'intent') expect[key] = value;
    }
    return { at: item.at, text: item.text, expect };
  });
}

/** Sets labelled for what happened only (the kind of incident): scored by kinds.test.ts, not by corpus.test.ts. */
export type KindSetName = 'kinds';
export const KIND_SET_NAMES: readonly KindSetName[] = ['kinds'];

/** Sets labelled for the questions people ask (the intents): scored by intents.test.ts and `npm run understanding`. */
export type IntentSetName = 'intents' | 'intents-heldout';
export const INTENT_SET_NAMES: readonly IntentSetName[] = ['intents', 'intents-heldout'];

export function loadCorpus(name: CorpusName | KindSetName | IntentSetName = 'corpus'): Sample[] {
  const file = JSON.parse(readFileSync(path.join(__dirname, `${name}.json`), 'utf8')) as CorpusFile;
  return [
    ...file.groups.flatMap((group) => group.texts.map((text) => ({ at: group.at, text, expect: group.expect }))),
    ...file.stories,
  ];
}

/** A labelled set found in tests/understanding/, in either format. */
export interface LabelledSet {
  name: string;
  format: 'corpus' | 'blind';
  samples: Sample[];
}

/** A corpus-format file (groups and stories) or a blind-format file (items), by its shape. */
export function loadAnySet(file: string): LabelledSet {
  const name = path.basename(file, '.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { items?: unknown; groups?: unknown };
  if (Array.isArray(json.items)) return { name, format: 'blind', samples: loadBlindSet(file) };
  if (Array.isArray(json.groups)) {
    const corpus = json as unknown as CorpusFile;
    return {
      name,
      format: 'corpus',
      samples: [...corpus.groups.flatMap((group) => group.texts.map((text) => ({ at: group.at, text, expect: group.expect }))), ...(corpus.stories ?? [])],
    };
  }
  throw new Error(`${file} is neither a corpus-format set (groups) nor a blind-format set (items)`);
}

/**
 * Every labelled set kept in tests/understanding/ (the five corpora, kinds.json, and each blind round's set as it is
 * added, in either format), so that a new set is scored and held to "no dangerous reading" without a list to edit.
 */
export function allSets(dir: string = __dirname): LabelledSet[] {
  const order = (name: string) => {
    const index = (CORPUS_NAMES as readonly string[]).indexOf(name);
    return index >= 0 ? index : (KIND_SET_NAMES as readonly string[]).includes(name) ? CORPUS_NAMES.length : CORPUS_NAMES.length + 1;
  };
  // Sets in folders below it too (tests/understanding/blind/ …), named by their path from it.
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(folder, entry.name)) : entry.name.endsWith('.json') ? [path.join(folder, entry.name)] : [],
    );
  return files(dir)
    .map((file) => ({ ...loadAnySet(file), name: path.relative(dir, file).replace(/\.json$/, '') }))
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
}

/** What an engine produced for each question: an answer, or "clarify" (nothing taken: the bot asks). */
export type Produced = Partial<Record<Question | 'kind' | 'intent', string>>;
export type Engine = (text: string, at: At) => Produced;

/** The conversation so far at each state, as a user would have reached it. */
export function contextAt(at: At): TriageContext {
  const leeds = resolveLocation('LS1');
  const location = leeds.kind === 'unit' ? { unitId: leeds.unitId, label: leeds.label } : null;
  switch (at) {
    case 'audience':
      return { ...initialContext, happening: 'yes' };
    case 'location':
      return { ...initialContext, happening: 'no', audience: 'individual' };
    case 'liveAttack':
      return { ...initialContext, happening: 'yes', audience: 'organisation' };
    case 'regionalTeam':
      return { ...initialContext, happening: 'no', audience: 'individual', location };
    default:
      return initialContext;
  }
}

/**
 * A unit's id; "choice:MET,ERSOU" for a choice between places (the bot asks which, offering those units; ",abroad" when
 * it offers outside the UK too: "Ireland"); an island's code (GY, JE, IM) or "abroad" outside the UK police network.
 */
export function locationLabel(location: { kind: string; unitId?: UnitId; candidates?: unknown[]; territory?: string; abroad?: string }): string {
  if (location.kind === 'unit') return location.unitId!;
  if (location.kind === 'choice') {
    const units = (location.candidates ?? []).map((candidate) => (candidate as { unitId?: string }).unitId).filter(Boolean);
    return `choice:${[...new Set(units), ...(location.abroad ? ['abroad'] : [])].join(',')}`;
  }
  return location.kind === 'crown-dependency' ? location.territory! : 'abroad';
}

/** Outside the UK police network: an island or abroad ("outsideUk" in a label stands for any of them). */
const OUTSIDE_UK = new Set(['GY', 'JE', 'IM', 'abroad']);

/** What the shipped understanding (dialogs/understanding/read.ts) does with a message, as corpus answers. */
export function produced(reading: Reading): Produced {
  switch (reading.kind) {
    case 'answers': {
      const out: Produced = {};
      for (const answer of reading.taken) {
        if (answer.question === 'location') out.location = locationLabel(answer.location);
        else out[answer.question] = answer.answer;
      }
      if (reading.confirm && out[reading.confirm.question] === undefined) out[reading.confirm.question] = 'clarify';
      return out;
    }
    case 'event':
      return { command: reading.event.type === 'SHOW_REGIONAL_TEAM' ? 'showRegionalTeam' : reading.event.type === 'CHOOSE_CANDIDATE' ? 'chooseCandidate' : 'change' };
    case 'command':
      return { command: reading.command };
    case 'language':
      return { command: `language:${reading.language}` };
    case 'intent':
      return { intent: reading.intent };
    default:
      return {};
  }
}

export const rulesEngine: Engine = (text, at) =>
  produced(
    readText(text, {
      state: at === 'first' ? 'happeningNow' : at,
      context: contextAt(at),
      onScreen: at === 'first' ? null : at,
      pending: null,
    }),
  );

export type Verdict = 'right' | 'clarified' | 'dangerous' | 'overCautious' | 'wrong';

const LIVE = new Set(['yes', 'notSure', 'clarify']);

/**
 * One answer scored. Dangerous: a live (or possibly live) attack read as not happening now; an organisation read as
 * a person where the attack is (or may be) live. Over-cautious: the other way round. Clarified: no answer taken
 * where one was expected (the bot asks). Wrong: any other mismatch (a wrong region, "yes" for "not sure", a guess).
 */
export function verdict(question: Question, expected: string, got: string | undefined, sample: Sample): Verdict {
  const value = got ?? 'clarify';
  if (value === expected) return 'right';
  if (question === 'location' && expected === 'outsideUk' && OUTSIDE_UK.has(value)) return 'right';
  if (value === 'clarify') return 'clarified';
  if (question === 'location' && value.startsWith('choice:')) {
    if (expected === 'choice') return 'right';
    // "Croydon": London or the Cambridgeshire village? Asked, with the expected unit among the places offered.
    if (value.slice('choice:'.length).split(',').includes(expected)) return 'clarified';
  }
  if (question === 'happeningNow') {
    if (value === 'no') return 'dangerous';
    if (expected === 'no') return 'overCautious';
  }
  if (question === 'audience') {
    const live = sample.at === 'audience' || LIVE.has(sample.expect.happeningNow ?? 'clarify');
    if (value === 'individual' && live) return 'dangerous';
    if (expected === 'individual' && value === 'organisation') return 'overCautious';
  }
  return 'wrong';
}

export interface Tally {
  total: number;
  right: number;
  clarified: number;
  dangerous: number;
  overCautious: number;
  wrong: number;
  examples: Array<{ verdict: Verdict; sample: Sample; got: string }>;
}

export function score(engine: Engine, samples: readonly Sample[], questions: readonly Question[] = QUESTIONS): Record<Question | 'all', Tally> {
  const empty = (): Tally => ({ total: 0, right: 0, clarified: 0, dangerous: 0, overCautious: 0, wrong: 0, examples: [] });
  const tallies = Object.fromEntries([...QUESTIONS, 'all'].map((question) => [question, empty()])) as Record<Question | 'all', Tally>;
  for (const sample of samples) {
    const result = engine(sample.text, sample.at);
    for (const question of questions) {
      const expected = sample.expect[question];
      if (expected === undefined) continue;
      const got = result[question];
      const outcome = verdict(question, expected, got, sample);
      for (const tally of [tallies[question], tallies.all]) {
        tally.total++;
        tally[outcome]++;
      }
      if (outcome !== 'right') tallies[question].examples.push({ verdict: outcome, sample, got: got ?? 'clarify' });
    }
  }
  return tallies;
}

/** What happened, scored on its own: right, asked (nothing read: the outcome offers the kinds as buttons), wrong. */
export interface KindTally {
  total: number;
  right: number;
  asked: number;
  wrong: number;
  examples: Array<{ sample: Sample; got: string }>;
}

export function scoreKinds(engine: Engine, samples: readonly Sample[]): KindTally {
  const tally: KindTally = { total: 0, right: 0, asked: 0, wrong: 0, examples: [] };
  for (const sample of samples) {
    const expected = sample.expect.kind;
    if (expected === undefined) continue;
    const got = engine(sample.text, sample.at).kind;
    tally.total++;
    if (got === expected) tally.right++;
    else {
      if (got === undefined) tally.asked++;
      else tally.wrong++;
      tally.examples.push({ sample, got: got ?? 'asked' });
    }
  }
  return tally;
}

/**
 * Questions people ask (the intents), scored on their own: answered (the expected intent read; for "other", no intent
 * claimed, so the bot's fallback answers with the key number), wrong (another intent's answer) or missed (no intent
 * read: "didn't understand"), overall and for messages typed at an outcome.
 */
export interface IntentTally {
  total: number;
  answered: number;
  wrong: number;
  missed: number;
  atOutcome: { total: number; answered: number };
  examples: Array<{ sample: Sample; got: string }>;
}

const OUTCOMES: ReadonlySet<string> = new Set(OUTCOME_IDS);

export function scoreIntents(engine: Engine, samples: readonly Sample[]): IntentTally {
  const tally: IntentTally = { total: 0, answered: 0, wrong: 0, missed: 0, atOutcome: { total: 0, answered: 0 }, examples: [] };
  for (const sample of samples) {
    const expected = sample.expect.intent;
    if (expected === undefined) continue;
    const got = engine(sample.text, sample.at).intent;
    const right = expected === 'other' ? got === undefined : got === expected;
    tally.total++;
    if (OUTCOMES.has(sample.at)) tally.atOutcome.total++;
    if (right) {
      tally.answered++;
      if (OUTCOMES.has(sample.at)) tally.atOutcome.answered++;
      continue;
    }
    if (got === undefined) tally.missed++;
    else tally.wrong++;
    tally.examples.push({ sample, got: got ?? 'none' });
  }
  return tally;
}
