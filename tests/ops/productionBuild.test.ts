import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The Dockerfile's steps without a container engine (ops/production-check.js): build, a production install in a
 * clean folder, `node dist/index.js`, /livez, /readyz and /healthz, one conversation to an outcome, /metrics, SIGTERM.
 *
 * It installs packages (about a minute), so it runs when PRODUCTION_CHECK=1: CI (.ci/run) runs this file on its own
 * with that set, before the rest of the suite, and counts its result with the others. Elsewhere it is skipped.
 */

const enabled = process.env.PRODUCTION_CHECK === '1';
if (!enabled) console.info('tests/ops/productionBuild.test.ts skipped: set PRODUCTION_CHECK=1 to run the production install check (CI does).');

(enabled ? test : test.skip)(
  'npm run build + npm ci --omit=dev in a clean folder + node dist/index.js: /livez, /readyz and /healthz 200, a conversation to an outcome, clean stop',
  async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '../../ops/production-check.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the production check failed (exit ${code}):\n${output}`);
    expect(output).toMatch(/none of them a development dependency/);
    expect(output).toMatch(/reached the live-attack outcome/);
    expect(output).toMatch(/\] passed$/m);
  },
  10 * 60_000,
);
