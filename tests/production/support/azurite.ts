import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { azuriteConnectionString } from '../../../bots/storage';

/**
 * Azurite's blob service (npm `azurite`) in a child process on 127.0.0.1, in-memory, no telemetry. Port 0 picks a
 * free port; the port Azurite reports is read from its output.
 */
export interface Azurite {
  port: number;
  endpoint: string;
  connectionString: string;
  /** Environment for a server that should use it (container name per test file, so files don't share state). */
  env(container: string): Record<string, string>;
  stop(): Promise<void>;
  /** Starts again on the same port (empty: in-memory). */
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections are accepted by the kernel and never answered, as a storage that hangs. */
  pause(): void;
  /** Lets it run again (SIGCONT): what it was sent meanwhile is then processed. */
  resume(): void;
}

const MAIN = path.join(__dirname, '../../../node_modules/azurite/dist/src/blob/main.js');

function launch(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [MAIN, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--extentMemoryLimit', '64', '--disableTelemetry', '--skipApiVersionCheck', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before listening:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // A paused Azurite would not act on SIGTERM until continued.
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
}

export async function startAzurite(): Promise<Azurite> {
  let { child, port } = await launch(0);
  const endpoint = `http://127.0.0.1:${port}`;
  const connectionString = azuriteConnectionString(endpoint);
  return {
    port,
    endpoint,
    connectionString,
    env: (container) => ({ AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_CONTAINER: container }),
    stop: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      ({ child } = await launch(port));
    },
    pause: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      child.kill('SIGCONT');
    },
  };
}
