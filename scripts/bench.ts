/**
 * `npm run bench`: the triage bot against Microsoft's stock echo bot, both behind restify and CloudAdapter,
 * driven with autocannon over POST /api/messages with deliveryMode "expectReplies" (replies in the HTTP response,
 * no connector). Each server runs in its own child process (scripts/bench-server.ts, --expose-gc), autocannon in
 * this one, so on a 2-core machine each has a core.
 *
 * Prints: turns/s, p50 and p99 latency for each, the ratio triage/echo, stored state bytes per conversation,
 * heap growth for 10,000 conversations at the location question (after GC), and cold-start time (spawning the
 * server until GET /healthz answers).
 *
 * Options: --duration=SECONDS (default 10), --connections=N (default 50), --runs=N (default 1, the median is
 * reported), --rate=N (turns/s for the steady-rate latency run, default 500), --profile (CPU profiles of both servers during the first measured run, written to the temp directory, and their top frames),
 * --compare (also the triage bot with the SDK's per-turn client construction, i.e. without server/adapter.ts's
 * caches), --skip-memory, --skip-cold-start.
 */
import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTurn, type ConversationRecord } from '../dialogs/turn';
import { restoreTriage, stateIdOf } from '../machines/persistence';

const ROOT = path.join(__dirname, '..');
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? 'true'] as const;
  }),
);
const DURATION = Number(args.get('duration') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const RUNS = Number(args.get('runs') ?? 1);
const PROFILE = args.has('profile');
/** Turns per second, over all connections, for the latency-at-a-steady-rate runs. */
const RATE = Number(args.get('rate') ?? 500);
/** Also run the triage bot with the SDK's per-turn client construction (what server/adapter.ts saves). */
const COMPARE = args.has('compare');
const WARM_UP_TURNS = 12_000;
const PROFILE_DIR = path.join(tmpdir(), 'triage-bench-profile');

type Kind = 'echo' | 'triage' | 'triage-uncached';

interface Child {
  process: ChildProcess;
  url: string;
  ask<T>(cmd: string, extra?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

async function startChild(kind: Kind): Promise<Child> {
  const child = fork(path.join(__dirname, 'bench-server.ts'), [kind], {
    execArgv: ['--expose-gc', '--require', 'tsx/cjs'],
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NODE_NO_WARNINGS: '1' },
    // The triage server writes one JSON log line per request to stdout, as in production (to a pipe, not a terminal).
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port?: number }) => (message.port ? resolve(message.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    ask: <T>(cmd: string, extra: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        child.once('message', (message: T) => resolve(message));
        child.send({ cmd, ...extra });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ cmd: 'exit' });
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

let conversationCounter = 0;

function activity(conversationId: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId },
    from: { id: 'user' },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
    ...fields,
  });
}

/** One conversation per connection at a time: welcome → answers → outcome → start again, then a fresh id. */
function conversationRequests(check: { outcomes: number; wrong: number }): autocannon.Request[] {
  const post = (build: (id: string) => Record<string, unknown>, onResponse?: (body: string) => void): autocannon.Request => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request, context) => {
      const id = (context as { conversationId: string }).conversationId;
      return { ...request, body: activity(id, build(id)) };
    },
    ...(onResponse ? { onResponse: (_status: number, body: string) => onResponse(body) } : {}),
  });
  return [
    {
      ...post(() => ({ type: 'conversationUpdate', membersAdded: [{ id: 'user' }] })),
      setupRequest: (request, context) => {
        const id = `bench-${process.pid}-${++conversationCounter}`;
        (context as { conversationId: string }).conversationId = id;
        return { ...request, body: activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user' }] }) };
      },
    },
    post(() => ({ type: 'message', text: 'no, it happened last week' })),
    post(() => ({ type: 'message', text: "it's my own account" })),
    post(
      () => ({ type: 'message', text: 'LS1 4AP' }),
      (body) => {
        // The triage bot names the unit; the echo bot echoes. Either way the turn's replies came back.
        if (/Yorkshire and Humber|Echo: LS1 4AP/.test(body)) check.outcomes++;
        else check.wrong++;
      },
    ),
    post(() => ({ type: 'message', text: 'start again' })),
  ];
}

interface Figures {
  turnsPerSecond: number;
  /** Server CPU time (user + system) per turn, in microseconds: far steadier than turns/s on a shared machine. */
  cpuMicrosPerTurn: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  wrong: number;
}

async function load(url: string, duration: number, amount?: number): Promise<Figures> {
  const check = { outcomes: 0, wrong: 0 };
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    ...(amount ? { amount } : { duration }),
    requests: conversationRequests(check),
  });
  return {
    turnsPerSecond: result['2xx'] / result.duration,
    cpuMicrosPerTurn: NaN,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    wrong: check.wrong,
  };
}

/**
 * Latency below saturation: the same conversations (CONNECTIONS at once, the same five turns each), each sending a
 * turn every CONNECTIONS/rate seconds, staggered so the arrivals are evenly spaced (autocannon's own rate limit
 * sends each second's quota in a burst at the start of the second, which measures its bursts, not the server).
 */
async function paced(url: string, duration: number, rate: number): Promise<Figures> {
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let wrong = 0;
  const interval = (CONNECTIONS / rate) * 1000;
  const end = performance.now() + duration * 1000;
  const steps: Array<(id: string) => Record<string, unknown>> = [
    () => ({ type: 'conversationUpdate', membersAdded: [{ id: 'user' }] }),
    () => ({ type: 'message', text: 'no, it happened last week' }),
    () => ({ type: 'message', text: "it's my own account" }),
    () => ({ type: 'message', text: 'LS1 4AP' }),
    () => ({ type: 'message', text: 'start again' }),
  ];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, connection) => {
      let next = performance.now() + (connection * interval) / CONNECTIONS;
      let id = '';
      for (let turn = 0; ; turn++) {
        if (turn % steps.length === 0) id = `paced-${process.pid}-${++conversationCounter}`;
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (performance.now() >= end) return;
        next += interval;
        const started = performance.now();
        try {
          const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(id, steps[turn % steps.length](id)) });
          const body = await response.text();
          latencies.push(performance.now() - started);
          if (response.status !== 200) non2xx++;
          else if (turn % steps.length === 3 && !/Yorkshire and Humber|Echo: LS1 4AP/.test(body)) wrong++;
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return { turnsPerSecond: latencies.length / duration, cpuMicrosPerTurn: NaN, p50: at(0.5), p99: at(0.99), non2xx, errors, wrong };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface RunFigures {
  saturated: Figures;
  steady: Figures;
}

/** One run of one server: a fresh process, a warm-up, the saturated run (profiled if asked), the paced run. */
async function runOnce(kind: Kind, profile: boolean): Promise<RunFigures> {
  const child = await startChild(kind);
  try {
    // Warm-up: JIT, caches, and past Node's first 10,000 `new Buffer()` calls (restify's body reader makes one per
    // request), each of which walks the stack to decide whether to warn: a start-up cost, not a steady-state one.
    await load(child.url, 0, WARM_UP_TURNS);
    if (profile) await child.ask('profile-start');
    const cpuBefore = (await child.ask<{ cpuMicros: number }>('cpu')).cpuMicros;
    const saturated = await load(child.url, DURATION);
    const cpuAfter = (await child.ask<{ cpuMicros: number }>('cpu')).cpuMicros;
    saturated.cpuMicrosPerTurn = (cpuAfter - cpuBefore) / (saturated.turnsPerSecond * DURATION);
    if (profile) await child.ask('profile-stop', { dir: PROFILE_DIR });
    const steady = await paced(child.url, DURATION, RATE);
    return { saturated, steady };
  } finally {
    await child.stop();
  }
}

function medianFigures(list: Figures[]): Figures {
  const m = (key: keyof Figures) => median(list.map((r) => r[key]));
  return { turnsPerSecond: m('turnsPerSecond'), cpuMicrosPerTurn: m('cpuMicrosPerTurn'), p50: m('p50'), p99: m('p99'), non2xx: m('non2xx'), errors: m('errors'), wrong: m('wrong') };
}

/** 10,000 conversations taken to the location question (welcome, two answers), 50 at a time. */
async function memory(): Promise<{ growthBytes: number; conversations: number; stateBytes: { mean: number; max: number } }> {
  const child = await startChild('triage');
  try {
    await load(child.url, 2); // warm-up, then forget those conversations' share by measuring from here
    const before = await child.ask<{ heapUsed: number; gc: boolean }>('heap');
    if (!before.gc) throw new Error('run with --expose-gc');
    const total = 10_000;
    let next = 0;
    const post = async (id: string, fields: Record<string, unknown>) => {
      const response = await fetch(`${child.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(id, fields) });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      await response.arrayBuffer();
    };
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let n = ++next; n <= total; n = ++next) {
          const id = `memory-${n}`;
          await post(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user' }] });
          await post(id, { type: 'message', text: 'no' });
          await post(id, { type: 'message', text: 'myself' });
        }
      }),
    );
    const after = await child.ask<{ heapUsed: number }>('heap');
    const stored = (await child.ask<{ state: Array<[string, number]> }>('state')).state;
    const sizes = stored.map(([, bytes]) => bytes);
    const atLocation = stored.filter(([key]) => key.includes('/memory-')).map(([, bytes]) => bytes);
    return {
      growthBytes: after.heapUsed - before.heapUsed,
      conversations: atLocation.length,
      stateBytes: { mean: atLocation.reduce((a, b) => a + b, 0) / atLocation.length, max: Math.max(...sizes) },
    };
  } finally {
    await child.stop();
  }
}

/** The stored JSON (what a blob holds) at the end of journeys reaching every question and outcome. */
function stateSizes(): Array<{ journey: string; state: string; bytes: number }> {
  const now = new Date();
  const journeys = [
    [],
    ['no'],
    ['no', 'myself'],
    ['yes', 'organisation'],
    ['no', 'myself', 'LS1 4AP'],
    ['no', 'myself', 'yorkshire'],
    ['no', 'myself', 'DN'],
    ['no', 'myself', 'france'],
    ['yes', 'organisation', 'show my regional team', 'Ynys Môn'],
    ['no', 'myself', 'yorkshire', 'zxqv', 'zxqv', 'zxqv'],
  ];
  return journeys.map((answers) => {
    let record: ConversationRecord = runTurn(undefined, { kind: 'welcome' }, { now }).record;
    for (const text of answers) record = runTurn(record, { kind: 'message', text }, { now }).record;
    return { journey: answers.join(' → ') || '(welcome)', state: stateIdOf(restoreTriage(record.triage)!), bytes: Buffer.byteLength(JSON.stringify({ record })) };
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawn `node --require tsx/cjs index.ts` (what `npm start` runs) until GET /healthz answers 200. */
async function coldStart(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error('the server exited');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The CPU profile's heaviest functions: self time, time including callees, and self time by package. */
function printProfile(kind: string): void {
  const files = readdirSync(PROFILE_DIR).filter((file) => file.startsWith(kind) && file.endsWith('.cpuprofile'));
  if (!files.length) return console.log(`no CPU profile of ${kind} was written`);
  const profile = JSON.parse(readFileSync(path.join(PROFILE_DIR, files[0]), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const keyOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${lineNumber + 1}`;
  };
  const packageOf = (node: ProfileNode) => {
    const file = node.callFrame.url.replace(/^file:\/\//, '').replace(ROOT + '/', '');
    return /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file && !file.startsWith('node:') ? file.split('/')[0] : `(${node.callFrame.functionName || 'node'})`);
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const idle = profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const subtree = new Map<number, number>();
  const sum = (node: ProfileNode): number => {
    const value = (node.hitCount ?? 0) + (node.children ?? []).reduce((acc, child) => acc + sum(nodes.get(child)!), 0);
    subtree.set(node.id, value);
    return value;
  };
  sum(profile.nodes[0]);
  const walk = (node: ProfileNode, onStack: Set<string>) => {
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
    byPackage.set(packageOf(node), (byPackage.get(packageOf(node)) ?? 0) + (node.hitCount ?? 0));
    if (!onStack.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + subtree.get(node.id)!);
    const next = new Set(onStack).add(key);
    for (const child of node.children ?? []) walk(nodes.get(child)!, next);
  };
  walk(profile.nodes[0], new Set());
  const busy = total - idle;
  const top = (map: Map<string, number>, n: number, skip: RegExp = /^$/) =>
    [...map.entries()]
      .filter(([key]) => !skip.test(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => `  ${((hits / busy) * 100).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  console.log(`\nCPU profile of the ${kind} server during the measured run (${files[0]}); % of busy (non-idle) samples`);
  console.log(`self time:\n${top(self, 20, /^\((idle|root|program)\)/)}`);
  console.log(`including callees:\n${top(inclusive, 30, /^\((idle|root|program)\)|^processTicksAndRejections|^runMicrotasks|^(anonymous) :|^emit /)}`);
  console.log(`self time by package:\n${top(byPackage, 15, /^\(\(idle\)\)/)}`);
}

async function main() {
  if (PROFILE) rmSync(PROFILE_DIR, { recursive: true, force: true });
  console.log(`autocannon: ${CONNECTIONS} connections (one conversation each), ${DURATION} s per run after a warm-up of ${WARM_UP_TURNS} turns, ${RUNS} run(s) of each, alternating`);
  // Echo and triage alternate, run by run, so a machine that gets busier or quieter affects both alike; the ratio
  // is taken per pair of runs, then the median.
  const echoRuns: RunFigures[] = [];
  const triageRuns: RunFigures[] = [];
  const uncachedRuns: RunFigures[] = [];
  for (let run = 0; run < RUNS; run++) {
    echoRuns.push(await runOnce('echo', PROFILE && run === 0));
    triageRuns.push(await runOnce('triage', PROFILE && run === 0));
    if (COMPARE) uncachedRuns.push(await runOnce('triage-uncached', false));
    const e = echoRuns[run].saturated;
    const t = triageRuns[run].saturated;
    const u = uncachedRuns[run]?.saturated;
    const describe = (f: Figures) => `${f.turnsPerSecond.toFixed(0)} turns/s, ${f.cpuMicrosPerTurn.toFixed(0)} µs CPU/turn`;
    console.log(
      `run ${run + 1}: echo ${describe(e)}; triage ${describe(t)}; ratio ${(t.turnsPerSecond / e.turnsPerSecond).toFixed(2)} (by CPU ${(e.cpuMicrosPerTurn / t.cpuMicrosPerTurn).toFixed(2)})` +
        (u ? `; per-turn clients ${describe(u)}, ratio ${(u.turnsPerSecond / e.turnsPerSecond).toFixed(2)} (by CPU ${(e.cpuMicrosPerTurn / u.cpuMicrosPerTurn).toFixed(2)})` : ''),
    );
  }
  const echo = { saturated: medianFigures(echoRuns.map((r) => r.saturated)), steady: medianFigures(echoRuns.map((r) => r.steady)) };
  const triage = { saturated: medianFigures(triageRuns.map((r) => r.saturated)), steady: medianFigures(triageRuns.map((r) => r.steady)) };
  const ratios = triageRuns.map((r, run) => r.saturated.turnsPerSecond / echoRuns[run].saturated.turnsPerSecond);
  const cpuRatios = triageRuns.map((r, run) => echoRuns[run].saturated.cpuMicrosPerTurn / r.saturated.cpuMicrosPerTurn);
  const row = (name: string, f: Figures) =>
    `${name.padEnd(8)} ${f.turnsPerSecond.toFixed(0).padStart(7)} turns/s ${Number.isNaN(f.cpuMicrosPerTurn) ? '' : `${f.cpuMicrosPerTurn.toFixed(0).padStart(5)} µs CPU/turn`}   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}   errors ${f.errors}   wrong replies ${f.wrong}`;
  console.log(`\nsaturated (each connection sends its next turn as soon as the last is answered), medians:`);
  console.log(row('echo', echo.saturated));
  console.log(row('triage', triage.saturated));
  if (COMPARE) console.log(row('uncached', medianFigures(uncachedRuns.map((r) => r.saturated))) + '   (triage with the SDK building clients every turn)');
  console.log(`ratio triage/echo in turns/s: ${median(ratios).toFixed(2)} (per run: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
  console.log(`ratio triage/echo by server CPU per turn (echo µs ÷ triage µs): ${median(cpuRatios).toFixed(2)} (per run: ${cpuRatios.map((r) => r.toFixed(2)).join(', ')})`);
  console.log(`\npaced: ${RATE} turns/s spread evenly over the same ${CONNECTIONS} conversations (latency below saturation), medians:`);
  console.log(row('echo', echo.steady));
  console.log(row('triage', triage.steady));

  const sizes = stateSizes();
  console.log(`\nstored state per conversation (JSON bytes), by where the conversation is:`);
  for (const { journey, state, bytes } of sizes) console.log(`  ${String(bytes).padStart(5)}  ${state.padEnd(15)} ${journey}`);
  console.log(`  largest: ${Math.max(...sizes.map((s) => s.bytes))} bytes`);

  if (!args.has('skip-memory')) {
    const mem = await memory();
    console.log(
      `state per conversation: ${mem.stateBytes.mean.toFixed(0)} bytes at the location question (largest stored in that run: ${mem.stateBytes.max} bytes)`,
    );
    console.log(
      `heap growth for ${mem.conversations} conversations at the location question: ${(mem.growthBytes / 1024 / 1024).toFixed(1)} MiB (${(mem.growthBytes / mem.conversations).toFixed(0)} bytes each)`,
    );
  }
  if (!args.has('skip-cold-start')) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await coldStart());
    console.log(`cold start (node --require tsx/cjs index.ts until /healthz answers), median of 5: ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
  if (PROFILE) for (const kind of ['echo', 'triage']) printProfile(kind);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
