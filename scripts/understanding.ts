/**
 * `npm run understanding`: every labelled set in tests/understanding/ (corpus.json, heldout.json, welsh.json, the red-team
 * sets, kinds.json and each blind round's set, in either format) read by each engine tried, with, per set and per
 * question: right first time, clarified (no answer taken: the bot asks), dangerous (a live attack read as not live;
 * an organisation under a live attack read as a person), over-cautious (the other way) and wrong (anything else), and
 * a summary of every set at the end.
 * What happened (the kind of incident) is reported per set where the set labels it: right, asked (nothing read: the
 * outcome offers the kinds as buttons), wrong.
 * Questions people ask (the intents) are reported per set where the set labels them: answered, wrong, missed, and the
 * answered rate for messages typed at an outcome.
 * `--engine=rules` limits it to one engine, `--set=redteam` to one set; `--show` lists every reading that was not right;
 * `--file=path.json` (repeatable) scores a set from elsewhere as well (the blind-set format: items with at, text and
 * expect; or the corpus format), `--only-files` scores those alone. The time per message is measured after one pass
 * over the set (the lexicons, the gazetteer and the compiled code loaded), over `--repeat=N` passes (default 1).
 */
import path from 'node:path';
import { ENGINES } from '../tests/understanding/engines';
import {
  allSets,
  loadAnySet,
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
/**
 * The blind rounds of issue 20 that still have misses (dangerous readings among them): scored here and listed in the
 * README beside their first scores, but not yet held by corpus.test.ts's "no dangerous reading" (a set moves up into
 * tests/understanding/ (where corpus.test.ts holds every set) once its classes are fixed).
 */
const BLIND_DIR = path.join(__dirname, '..', 'tests', 'blind-rounds');
const files = argv.filter((arg) => arg.startsWith('--file=')).map((arg) => arg.slice('--file='.length));
const sets: Record<string, Sample[]> = Object.fromEntries([
  ...(args.has('only-files') ? [] : [...allSets(), ...allSets(BLIND_DIR)].filter((set) => !args.has('set') || args.get('set') === set.name)).map((set) => [set.name, set.samples] as const),
  ...files.map((file) => [path.basename(file, '.json'), loadAnySet(file).samples] as const),
]);
const repeat = Math.max(1, Number(args.get('repeat') ?? 1) || 1);
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

const summary: Array<{ set: string; engine: string; tallies: Record<Question | 'all', Tally>; kinds: KindTally | null; intents: IntentTally | null; microseconds: number }> = [];

for (const [setName, samples] of Object.entries(sets)) {
  console.log(`\n=== ${setName}.json: ${samples.length} messages ===`);
  for (const [name, engine] of Object.entries(ENGINES)) {
    if (only && only !== name) continue;
    // One pass first: what is loaded or compiled once per process is not a cost per message.
    const tallies = score(engine.read, samples, engine.questions);
    const started = performance.now();
    for (let pass = 0; pass < repeat; pass++) score(engine.read, samples, engine.questions);
    const microseconds = ((performance.now() - started) * 1000) / (samples.length * repeat);
    console.log(`\n${name}: ${engine.description}`);
    console.log(`  (${microseconds.toFixed(0)} µs per message)`);
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
    summary.push({ set: setName, engine: name, tallies, kinds, intents, microseconds });
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

// Every set on one screen: per question, right first time / clarified / dangerous / over-cautious (of the answers labelled).
const cell = (tally: Tally) => (tally.total ? `${percent(tally.right, tally.total)} ${percent(tally.clarified, tally.total)} ${tally.dangerous}d ${tally.overCautious}o` : '-');
const columns = [...QUESTIONS, 'all'] as Array<Question | 'all'>;
console.log(`\n=== summary (right first time, clarified, dangerous, over-cautious) ===`);
console.log(`${'set'.padEnd(16)} ${'engine'.padEnd(18)} ${columns.map((question) => question.padEnd(24)).join(' ')} ${'µs/msg'.padStart(7)}`);
for (const { set, engine, tallies, kinds, intents, microseconds } of summary) {
  const kind = kinds && kinds.total ? `  kind ${percent(kinds.right, kinds.total)} right` : '';
  const intent = intents && intents.total ? `  intents ${percent(intents.answered, intents.total)} answered` : '';
  console.log(`${set.padEnd(16)} ${engine.padEnd(18)} ${columns.map((question) => cell(tallies[question]).padEnd(24)).join(' ')} ${microseconds.toFixed(0).padStart(7)}${kind}${intent}`);
}
const dangerous = summary.filter((entry) => entry.engine === 'rules').reduce((sum, entry) => sum + entry.tallies.all.dangerous, 0);
if (!only || only === 'rules') console.log(`\nshipped rules: ${dangerous} dangerous reading${dangerous === 1 ? '' : 's'} in ${summary.filter((entry) => entry.engine === 'rules').length} sets`);
