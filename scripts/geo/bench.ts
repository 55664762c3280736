// npm run bench:data [-- --calls=N]
//
// The location data's budgets: generated files on disk (≤ 3 MB), time to load and validate them in a fresh
// process (≤ 150 ms) and the heap they hold (≤ 40 MB), then resolveLocation's cost per call on a mix of inputs.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const GENERATED = join(REPO_ROOT, 'data', 'generated');
const BUDGET = { bytes: 3 * 1024 * 1024, loadMs: 150, heapBytes: 40 * 1024 * 1024 };

/**
 * Run in a fresh process on data/ compiled to JavaScript, as `npm run build` ships it: the data modules one at a
 * time, with their dependencies already in memory.
 */
const child = (dataDir: string) => `
  require('zod'); require('fastest-levenshtein'); require('date-fns'); require('@date-fns/tz'); require('date-holidays');
  global.gc(); global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const time = (file) => { const started = performance.now(); require(${JSON.stringify(dataDir)} + '/' + file + '.js'); return performance.now() - started; };
  const parts = { catalog: time('catalog'), postcodes: time('postcodes'), places: time('places'), location: time('location'), calendar: time('calendar') };
  global.gc(); global.gc();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  const started = performance.now();
  const { resolveLocation } = require(${JSON.stringify(dataDir)} + '/location.js');
  resolveLocation('we are a school in Leeds');
  const firstSentenceMs = performance.now() - started;
  resolveLocation('Manchster');
  global.gc(); global.gc();
  console.log(JSON.stringify({ parts, heapBytes, firstSentenceMs, warmHeapBytes: process.memoryUsage().heapUsed - heapBefore }));
`;

/** Reading and validating the two generated tables alone, in a fresh process. */
const tablesChild = (dataDir: string) => `
  const postcodes = require(${JSON.stringify(dataDir)} + '/postcodesFile.js');
  const openNames = require(${JSON.stringify(dataDir)} + '/openNamesFile.js');
  global.gc(); global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const kept = [postcodes.loadPostcodesFile()];
  const postcodesMs = performance.now() - started;
  started = performance.now();
  kept.push(openNames.loadOpenNamesFile());
  const openNamesMs = performance.now() - started;
  global.gc(); global.gc();
  console.log(JSON.stringify({ postcodesMs, openNamesMs, heapBytes: process.memoryUsage().heapUsed - heapBefore, kept: kept.length }));
`;

interface LoadFigures {
  parts: Record<string, number>;
  heapBytes: number;
  /** Once the tables built on first use (name parts, key map, misspelling targets) exist. */
  warmHeapBytes: number;
  firstSentenceMs: number;
}

/** Compiles data/ with the project's TypeScript into a temporary folder beside its JSON, as the build does. */
function compileData(): string {
  const out = mkdtempSync(join(tmpdir(), 'bench-data-'));
  const sources = readdirSync(join(REPO_ROOT, 'data')).filter((name) => name.endsWith('.ts')).map((name) => join(REPO_ROOT, 'data', name));
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '--outDir', out, '--rootDir', join(REPO_ROOT, 'data'), '--target', 'ES2022', '--module', 'commonjs',
      '--moduleResolution', 'node', '--strict', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--types', 'node', ...sources],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  cpSync(join(REPO_ROOT, 'data'), out, { recursive: true, filter: (source) => !source.endsWith('.ts') });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(out, 'node_modules'));
  return out;
}

interface TableFigures {
  postcodesMs: number;
  openNamesMs: number;
  heapBytes: number;
}

function measureLoad(runs: number): { all: LoadFigures[]; tables: TableFigures[] } {
  const dataDir = compileData();
  const run = <T>(script: string) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', script], { cwd: dataDir, encoding: 'utf8' }).trim().split('\n').pop()!) as T;
  try {
    run(child(dataDir)); // warm the file system cache
    const all: LoadFigures[] = [];
    const tables: TableFigures[] = [];
    for (let index = 0; index < runs; index++) {
      all.push(run<LoadFigures>(child(dataDir)));
      tables.push(run<TableFigures>(tablesChild(dataDir)));
    }
    return { all, tables };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const total = (figures: LoadFigures) => Object.values(figures.parts).reduce((sum, ms) => sum + ms, 0);
const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  const { all: runs, tables } = measureLoad(15);
  const tableMs = middle(tables.map((figures) => figures.postcodesMs + figures.openNamesMs));
  const tableHeap = middle(tables.map((figures) => figures.heapBytes));
  const loadMs = middle(runs.map(total));
  const heapBytes = middle(runs.map((figures) => figures.heapBytes));
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(2)} MB`;
  const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
  console.log(`machine load average while measuring: ${loadavg().map((value) => value.toFixed(1)).join(' ')} (2 cores); medians of ${runs.length} fresh processes, data/ compiled as npm run build ships it`);
  console.log(`generated files: ${files.map((file) => `${file.name} ${mb(file.bytes)}`).join(', ')}; ${mb(bytes)} in all (budget ${mb(BUDGET.bytes)}: ${verdict(bytes <= BUDGET.bytes)})`);
  console.log(
    `read and validate the generated files: ${tableMs.toFixed(0)} ms (postcodes ${middle(tables.map((figures) => figures.postcodesMs)).toFixed(0)}, ` +
      `Open Names ${middle(tables.map((figures) => figures.openNamesMs)).toFixed(0)}; min ${Math.min(...tables.map((figures) => figures.postcodesMs + figures.openNamesMs)).toFixed(0)}) ` +
      `(budget ${BUDGET.loadMs} ms: ${verdict(tableMs <= BUDGET.loadMs)}); heap they hold: ${mb(tableHeap)} (budget ${mb(BUDGET.heapBytes)}: ${verdict(tableHeap <= BUDGET.heapBytes)})`,
  );
  console.log(
    `all of data/ ready (hand-kept and generated files, indexes): ${loadMs.toFixed(0)} ms (min ${Math.min(...runs.map(total)).toFixed(0)}); ` +
      `heap ${mb(heapBytes)}, ${mb(middle(runs.map((figures) => figures.warmHeapBytes)))} once the tables built on first use exist (budget ${mb(BUDGET.heapBytes)}: ${verdict(Math.max(heapBytes, ...runs.map((figures) => figures.warmHeapBytes)) <= BUDGET.heapBytes)})`,
  );
  for (const part of Object.keys(runs[0].parts)) {
    console.log(`  ${part.padEnd(10)} ${middle(runs.map((figures) => figures.parts[part])).toFixed(0)} ms`);
  }
  console.log(`  first sentence lookup (builds the name-part tables): ${middle(runs.map((figures) => figures.firstSentenceMs)).toFixed(0)} ms`);
  const perKind = measureCalls(calls);
  console.log(`resolveLocation, µs per call (${calls.toLocaleString('en-GB')} calls per line):`);
  for (const [kind, micros] of Object.entries(perKind)) console.log(`  ${kind.padEnd(17)} ${micros.toFixed(1)} µs`);
  process.exitCode = bytes <= BUDGET.bytes && tableMs <= BUDGET.loadMs && tableHeap <= BUDGET.heapBytes ? 0 : 1;
}
