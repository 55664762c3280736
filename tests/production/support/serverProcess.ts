import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The real server (`index.ts`, or a fixture entry that calls its `main()`) in its own Node process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line it wrote to stdout and stderr so far. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '../../..');

export async function spawnServer(env: Record<string, string>, entry = 'index.ts'): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', entry], {
    cwd: ROOT,
    // Only what the server needs: no inherited Azure or bot settings from the developer's shell.
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running: a child holding its pipes open keeps jest from exiting.
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 20 s:\n${output.join('\n')}`));
    }, 20_000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    child,
    output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; text?: string; value?: unknown }> };
  attachments?: Array<{ content?: unknown }>;
}

export { activity } from '../../support/activity';

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

export function allText(replies: Reply[]): string {
  return replies
    .map((reply) => [reply.text ?? '', ...(reply.attachments ?? []).map((a) => JSON.stringify(a.content ?? ''))].join('\n'))
    .join('\n');
}

/** The buttons a chat shows: the suggested actions, and the buttons of a card ("Was this helpful?" Yes and No). */
export function buttons(replies: Reply[]): Array<{ title: string; text?: string; value?: unknown }> {
  return replies.flatMap((reply) => [
    ...(reply.suggestedActions?.actions ?? []),
    ...(reply.attachments ?? []).flatMap((attachment) => (attachment.content as { buttons?: Array<{ title: string; text?: string; value?: unknown }> } | undefined)?.buttons ?? []),
  ]);
}

export function button(replies: Reply[], title: string): { text?: string; value?: unknown } {
  const action = buttons(replies).find((a) => a.title === title);
  if (!action) throw new Error(`no button "${title}" in: ${buttons(replies).map((a) => a.title).join(', ')}`);
  return { text: action.text, value: action.value };
}
