#!/usr/bin/env node
/*
 * The Dockerfile's steps, without a container engine (`node ops/production-check.js`; CI runs it through
 * tests/ops/productionBuild.test.ts):
 *
 *   build stage    npm run build                        (the repo's own install has the dev dependencies)
 *   runtime stage  a clean temporary folder with package.json, package-lock.json and dist/ only;
 *                  npm ci --omit=dev --ignore-scripts; no development package installed; then, with nothing but
 *                  node on the PATH, `node dist/index.js` as the container's CMD runs it, with a deployment
 *                  settings file (ops/deployment-settings.example.json: Police Scotland) and a metrics token;
 *   checks         GET /livez 200 (the HEALTHCHECK), /readyz and /healthz 200; one conversation through POST /api/messages with
 *                  expectReplies to the live-attack outcome, led by Police Scotland's 101 as the settings say;
 *                  GET /metrics counts it; SIGTERM stops it with exit code 0.
 *
 * Options: --skip-build (use the dist/ already built), --keep (leave the temporary folder). Exit code 0 when every
 * step passed; each step prints one line.
 */
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const METRICS_TOKEN = 'production-check-token-0123456789abcdef';
const started = Date.now();

function step(message) {
  console.log(`[production-check ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

function fail(message) {
  console.error(`[production-check] FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function run(command, commandArgs, options) {
  execFileSync(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/** Every package the production install put in node_modules, checked against the repo's lockfile. */
function checkNoDevPackages(folder) {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const installed = JSON.parse(fs.readFileSync(path.join(folder, 'node_modules', '.package-lock.json'), 'utf8'));
  const paths = Object.keys(installed.packages).filter((p) => p.startsWith('node_modules/'));
  const dev = paths.filter((p) => lock.packages[p]?.dev === true);
  if (dev.length) fail(`development packages in the production install: ${dev.slice(0, 10).join(', ')}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const present = Object.keys(pkg.devDependencies ?? {}).filter((name) => {
    const entry = lock.packages[`node_modules/${name}`];
    return entry?.dev === true && fs.existsSync(path.join(folder, 'node_modules', name));
  });
  if (present.length) fail(`devDependencies installed: ${present.join(', ')}`);
  return paths.length;
}

function startServer(folder, env) {
  const child = spawn(process.execPath, ['dist/index.js'], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within 30 s:\n${output.join('\n')}`)), 30_000);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before listening:\n${output.join('\n')}`));
    });
  });
  return { child, output, exited, url };
}

async function say(url, conversationId, fields) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'directline',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: conversationId },
      from: { id: 'production-check-user' },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
      locale: 'en-GB',
      ...fields,
    }),
  });
  if (response.status !== 200) fail(`POST /api/messages answered ${response.status}`);
  const body = await response.json();
  return (body.activities ?? []).map((activity) => [activity.text ?? '', JSON.stringify(activity.attachments ?? [])].join('\n')).join('\n');
}

async function main() {
  if (!args.has('--skip-build')) {
    step('npm run build');
    run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) fail('dist/index.js is missing: run npm run build');

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cyber-triage-production-'));
  let server;
  try {
    step(`clean folder ${folder}: package.json, package-lock.json, dist/`);
    for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, file), path.join(folder, file));
    fs.cpSync(path.join(ROOT, 'dist'), path.join(folder, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(__dirname, 'deployment-settings.example.json'), path.join(folder, 'deployment.json'));

    step('npm ci --omit=dev --ignore-scripts');
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: folder });
    const count = checkNoDevPackages(folder);
    step(`${count} packages installed, none of them a development dependency`);

    // As the container runs it: node and the settings, nothing from this shell or the repo.
    const env = {
      PATH: path.dirname(process.execPath),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DEPLOYMENT_SETTINGS: path.join(folder, 'deployment.json'),
      METRICS_TOKEN,
      NODE_NO_WARNINGS: '1',
    };
    step('node dist/index.js');
    server = startServer(folder, env);
    const url = await server.url;
    step(`listening on ${url}`);

    for (const route of ['/livez', '/readyz', '/healthz']) {
      const health = await fetch(`${url}${route}`);
      if (health.status !== 200) fail(`GET ${route} answered ${health.status}`);
    }
    step('GET /livez, /readyz and /healthz 200');

    const conversation = `production-check-${Date.now()}`;
    await say(url, conversation, { type: 'conversationUpdate', membersAdded: [{ id: 'production-check-user' }] });
    await say(url, conversation, { type: 'message', text: 'yes' });
    const outcome = await say(url, conversation, { type: 'message', text: 'a business' });
    const scotland = outcome.indexOf('Police Scotland');
    const reportFraud = outcome.indexOf('0300 123 2040');
    if (scotland < 0 || !outcome.includes('101')) fail(`the live-attack outcome has no Police Scotland 101:\n${outcome}`);
    if (reportFraud >= 0 && reportFraud < scotland) fail('with defaultNation scotland, Police Scotland should lead the live-attack outcome');
    step('a conversation (yes, a business) reached the live-attack outcome, Police Scotland 101 first');

    const refused = await fetch(`${url}/metrics`);
    if (refused.status !== 401) fail(`GET /metrics without the token answered ${refused.status}`);
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    if (!/^cyber_triage_outcomes_total\{outcome="liveAttack",unit="none",nation="unknown",channel="directline"\} 1$/m.test(metrics)) {
      fail(`GET /metrics does not count the outcome:\n${metrics.split('\n').filter((line) => line.startsWith('cyber_triage_outcomes')).join('\n')}`);
    }
    step('GET /metrics: 401 without the token, the outcome counted with it');

    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    if (code !== 0) fail(`exit code ${code} (signal ${signal}) after SIGTERM`);
    step('SIGTERM: exit code 0');
    if (server.output.some((line) => /"level":"(error|fatal)"/.test(line))) fail(`error lines in the output:\n${server.output.join('\n')}`);
    step('passed');
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    if (!args.has('--keep')) fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  if (!process.exitCode) console.error(`[production-check] FAILED: ${error.message}`);
  process.exitCode = 1;
});
