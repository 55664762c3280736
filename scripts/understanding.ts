/**
 * `npm run understanding`: the labelled corpus (tests/understanding/corpus.json, heldout.json, welsh.json …) read by each engine tried, with, per
 * question: right first time, clarified (no answer taken: the bot asks), dangerous (a live attack read as not live;
 * an organisation under a live attack read as a person), over-cautious (the other way) and wrong (anything else).
 * What happened (the kind of incident) is reported per set where the set labels it: right, asked (nothing read: the
 * outcome offers the kinds as buttons), wrong.
 * Questions people ask (the intents) are reported per set where the set labels them: answered, wrong, missed, and the
 * answered rate for messages typed at an outcome.
 * `--engine=rules` limits it to one engine, `--set=redteam` to one set; `--show` lists every reading that was not right;
 * `--file=path.json` (repeatable) reads a set in the blind-set format (items with at, text and expect) as well.
 */
import path from 'node:path';
import { ENGINES } from '../tests/understanding/engines';
import {
  CORPUS_NAMES,
  INTENT_SET_NAMES,
  KIND_SET_NAMES,
  loadBlindSet,
  loadCorpus,
  QUESTIONS,
  rulesEngine,
  score,
  scoreIntents,
  scoreKinds,
  type IntentTally,
  type KindTally,
  type Question,
  type Sample,
  type Tally,
} from '../tests/understanding/corpus';

const argv = process.argv.slice(2);
const args = new Map(argv.map((arg) => {
  const [key, value] = arg.replace(/^--/, '').split('=');
  return [key, value ?? 'true'] as const;
}));
const files = argv.filter((arg) => arg.startsWith('--file=')).map((arg) => arg.slice('--file='.length));
const sets: Record<string, Sample[]> = Object.fromEntries([
  ...(files.length && !args.has('set')
    ? []
    : [...CORPUS_NAMES, ...KIND_SET_NAMES, ...INTENT_SET_NAMES].filter((name) => !args.has('set') || args.get('set') === name).map((name) => [name, loadCorpus(name)] as const)),
  ...files.map((file) => [path.basename(file, '.json'), loadBlindSet(file)] as const),
]);
const only = args.get('engine');
const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '-');

function row(name: string, tally: Tally): string {
  return `${name.padEnd(14)} ${String(tally.total).padStart(5)} ${`${tally.right} (${percent(tally.right, tally.total)})`.padStart(14)} ${`${tally.clarified} (${percent(tally.clarified, tally.total)})`.padStart(13)} ${String(tally.dangerous).padStart(10)} ${String(tally.overCautious).padStart(14)} ${String(tally.wrong).padStart(6)}`;
}

function kindRow(tally: KindTally): string {
  return `${'kind'.padEnd(14)} ${String(tally.total).padStart(5)} ${`${tally.right} (${percent(tally.right, tally.total)})`.padStart(14)}   asked ${tally.asked} (${percent(tally.asked, tally.total)})   wrong ${tally.wrong} (${percent(tally.wrong, tally.total)})`;
}

function intentRow(tally: IntentTally): string {
  return `${'intent'.padEnd(14)} ${String(tally.total).padStart(5)} ${`${tally.answered} (${percent(tally.answered, tally.total)})`.padStart(14)}   wrong ${tally.wrong}   missed ${tally.missed}   at an outcome ${tally.atOutcome.answered}/${tally.atOutcome.total} (${percent(tally.atOutcome.answered, tally.atOutcome.total)})`;
}

for (const [setName, samples] of Object.entries(sets)) {
console.log(`\n=== ${setName}.json: ${samples.length} messages ===`);
for (const [name, engine] of Object.entries(ENGINES)) {
  if (only && only !== name) continue;
  const started = performance.now();
  const tallies = score(engine.read, samples, engine.questions);
  const elapsed = performance.now() - started;
  console.log(`\n${name}: ${engine.description}`);
  console.log(`  (${((elapsed * 1000) / samples.length).toFixed(0)} µs per message)`);
  console.log(`${'question'.padEnd(14)} ${'total'.padStart(5)} ${'right'.padStart(14)} ${'clarified'.padStart(13)} ${'dangerous'.padStart(10)} ${'over-cautious'.padStart(14)} ${'wrong'.padStart(6)}`);
  for (const question of [...QUESTIONS, 'all'] as Array<Question | 'all'>) {
    if (question !== 'all' && !engine.questions.includes(question as Question)) continue;
    console.log(row(question, tallies[question]));
  }
  // Only the shipped rules read what happened.
  const kinds = engine.read === rulesEngine ? scoreKinds(engine.read, samples) : null;
  if (kinds && kinds.total > 0) console.log(kindRow(kinds));
  // Questions people ask (data/intents.json): answered (the right intent read) or not, and at an outcome.
  const intents = engine.read === rulesEngine ? scoreIntents(engine.read, samples) : null;
  if (intents && intents.total > 0) console.log(intentRow(intents));
  if (args.has('show')) {
    for (const question of QUESTIONS) {
      for (const { verdict, sample, got } of tallies[question].examples) {
        console.log(`  ${verdict.padEnd(12)} ${question.padEnd(12)} at ${sample.at.padEnd(12)} expected ${String(sample.expect[question]).padEnd(12)} got ${got.padEnd(12)} ${JSON.stringify(sample.text).slice(0, 110)}`);
      }
    }
    for (const { sample, got } of intents?.examples ?? []) {
      console.log(`  ${(got === 'none' ? 'missed' : 'wrong').padEnd(12)} ${'intent'.padEnd(12)} at ${sample.at.padEnd(12)} expected ${String(sample.expect.intent).padEnd(17)} got ${got.padEnd(17)} ${JSON.stringify(sample.text).slice(0, 110)}`);
    }
    for (const { sample, got } of kinds?.examples ?? []) {
      console.log(`  ${(got === 'asked' ? 'asked' : 'wrong').padEnd(12)} ${'kind'.padEnd(12)} at ${sample.at.padEnd(12)} expected ${String(sample.expect.kind).padEnd(17)} got ${got.padEnd(17)} ${JSON.stringify(sample.text).slice(0, 110)}`);
    }
  }
}
}
