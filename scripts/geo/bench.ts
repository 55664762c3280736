// npm run bench:data [-- --calls=N]
//
// The location data's budgets: generated files on disk (≤ 3 MB), time to load and validate them in a fresh
// process (≤ 150 ms) and the heap they hold (≤ 40 MB), then resolveLocation's cost per call on a mix of inputs.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const GENERATED = join(REPO_ROOT, 'data', 'generated');
const BUDGET = { bytes: 3 * 1024 * 1024, loadMs: 150, heapBytes: 40 * 1024 * 1024 };

/** Run in a fresh process: everything the location modules load, with the dependencies already in memory. */
const CHILD = `
  require('zod'); require('fastest-levenshtein'); require('date-fns'); require('@date-fns/tz'); require('date-holidays');
  global.gc(); global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  require(${JSON.stringify(join(REPO_ROOT, 'data', 'location'))});
  require(${JSON.stringify(join(REPO_ROOT, 'data', 'calendar'))});
  const loadMs = performance.now() - started;
  global.gc(); global.gc();
  console.log(JSON.stringify({ loadMs, heapBytes: process.memoryUsage().heapUsed - heapBefore }));
`;

function measureLoad(): { loadMs: number; heapBytes: number } {
  const run = () =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '-e', CHILD], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!,
    ) as { loadMs: number; heapBytes: number };
  run(); // the first run fills tsx's transpile cache, so the runs measured load data, not TypeScript
  const runs = Array.from({ length: 5 }, run).sort((a, b) => a.loadMs - b.loadMs);
  return runs[2];
}

/** Inputs of the kinds people type at "Where are you based?", in equal measure. */
const MIX: Record<string, string[]> = {
  'full postcode': ['LS1 4AP', 'sw1a 1aa', 'GL56 0PF', 'TW14 8RT', 'bd23 3fe', 'EH1 1YZ', 'BT1 5GS', 'CF10 1EP'],
  'district or area': ['LS1', 'kt6', 'GL56', 'ME', 'B', 'SY9'],
  'place name': ['Leeds', 'Newport', 'North Charlton', 'Caerdydd', 'Bridgend of Lintrathen', 'Cornwall', 'Preston'],
  sentence: ["we're a school in Caerdydd", "I'm in Leeds", 'our office is in Stoke, Devon', 'based near Sutton, Suffolk'],
  misspelling: ['Manchster', 'Birmingam', 'Edinburough', 'Middlesborough'],
  'not a place': ['my email was hacked', 'yes', 'asdfgh', 'we got ransomware on our server and cannot open any files'],
};

function measureCalls(calls: number): Record<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveLocation } = require('../../data/location') as typeof import('../../data/location');
  const perKind: Record<string, number> = {};
  const all = Object.values(MIX).flat();
  for (const text of all) resolveLocation(text); // warm up
  for (const [kind, inputs] of Object.entries(MIX)) {
    const rounds = Math.ceil(calls / Object.keys(MIX).length / inputs.length);
    const started = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) for (const text of inputs) resolveLocation(text);
    perKind[kind] = Number(process.hrtime.bigint() - started) / 1000 / (rounds * inputs.length);
  }
  const rounds = Math.ceil(calls / all.length);
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) for (const text of all) resolveLocation(text);
  perKind['whole mix'] = Number(process.hrtime.bigint() - started) / 1000 / (rounds * all.length);
  return perKind;
}

if (require.main === module) {
  const calls = Number(/--calls=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 60000);
  const files = readdirSync(GENERATED).map((name) => ({ name, bytes: statSync(join(GENERATED, name)).size }));
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const { loadMs, heapBytes } = measureLoad();
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(2)} MB`;
  const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
  console.log(`generated files: ${files.map((file) => `${file.name} ${mb(file.bytes)}`).join(', ')}; ${mb(bytes)} in all (budget ${mb(BUDGET.bytes)}: ${verdict(bytes <= BUDGET.bytes)})`);
  console.log(`load and validate data/ (catalog, postcodes, gazetteer, calendar) in a fresh process, median of 5: ${loadMs.toFixed(0)} ms (budget ${BUDGET.loadMs} ms: ${verdict(loadMs <= BUDGET.loadMs)})`);
  console.log(`heap held after load (after GC): ${mb(heapBytes)} (budget ${mb(BUDGET.heapBytes)}: ${verdict(heapBytes <= BUDGET.heapBytes)})`);
  const perKind = measureCalls(calls);
  console.log(`resolveLocation, µs per call (${calls.toLocaleString('en-GB')} calls per line):`);
  for (const [kind, micros] of Object.entries(perKind)) console.log(`  ${kind.padEnd(17)} ${micros.toFixed(1)} µs`);
  process.exitCode = bytes <= BUDGET.bytes && loadMs <= BUDGET.loadMs && heapBytes <= BUDGET.heapBytes ? 0 : 1;
}
