import { startServer, type RunningServer } from '../../index';
import { activity, allText, button, post, type Reply } from './support/serverProcess';

/**
 * A CPU budget per message (issue 18): whatever is typed, a turn costs this server no more than a few ordinary
 * answers do, so a few senders of costly messages cannot slow everyone else's turns (before the caps, the worst cost
 * 70–112 ms: 20–30 ordinary answers). Measured over HTTP, as the thread's own CPU time around the whole request (the
 * test's client included), and held as a ratio to an ordinary answer measured in the same run, interleaved with it,
 * so that a slower or busier machine moves both alike: not a timed test.
 */

/** An adversarial message may cost at most this many ordinary answers. Measured here: 1–3.5; before the caps, 20–30. */
const MAX_RATIO = 8;
/**
 * Each message is sent this many times, in as many conversations, and the CPU time of them all is divided among them:
 * the thread's CPU clock here counts in 4 ms ticks, too coarse for one request.
 */
const RUNS = Number(process.env.CPU_RUNS ?? 20);
const ORDINARY = 'we are a small shop in Leeds';

let running: RunningServer;
let counter = 0;

beforeAll(async () => {
  running = await startServer({ port: 0, env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_CLIENT_PER_MINUTE: '0' }, log: () => undefined });
});
afterAll(() => running.shutdown(1_000));

async function send(id: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const { status, json } = await post(running.url, activity(id, { type: 'message', ...fields }));
  expect(status).toBe(200);
  return json.activities as Reply[];
}

/** A conversation at "where are you based?" (or at the first question), ready for the next message. */
async function conversationAt(question: 'location' | 'happeningNow'): Promise<string> {
  const id = `cpu-${++counter}`;
  let replies = await send(id, { text: 'hello' });
  if (question === 'location') {
    replies = await send(id, button(replies, 'No'));
    replies = await send(id, button(replies, 'Myself'));
    expect(allText(replies)).toMatch(/Where are you/);
  }
  return id;
}

function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * The CPU per message of `text`, and of an ordinary answer at the same question, sent alternately (one of each per
 * run) so that whatever else the machine is doing falls on both.
 */
async function cpuOf(question: 'location' | 'happeningNow', text: string): Promise<{ ratio: number; perMessageMs: number; ordinaryMs: number; replies: Reply[] }> {
  const ids: Array<[string, string]> = [];
  for (let run = 0; run < RUNS; run++) ids.push([await conversationAt(question), await conversationAt(question)]);
  let replies: Reply[] = [];
  let messageMs = 0;
  let ordinaryMs = 0;
  for (const [messageId, ordinaryId] of ids) {
    let before = threadCpuMs();
    await send(ordinaryId, { text: ORDINARY });
    ordinaryMs += threadCpuMs() - before;
    before = threadCpuMs();
    replies = await send(messageId, { text });
    messageMs += threadCpuMs() - before;
  }
  return { ratio: messageMs / Math.max(ordinaryMs, 0.001), perMessageMs: messageMs / RUNS, ordinaryMs: ordinaryMs / RUNS, replies };
}

const ADVERSARIAL: Array<[string, string]> = [
  ['"i a " × 1,000 (a Welsh preposition before every word)', 'i a '.repeat(1000)],
  ['"yn a " × 1,000', 'yn a '.repeat(1000)],
  ['"o Gaer " × 800 (a mutated name again and again)', 'o Gaer '.repeat(800)],
  ['"in Leeds " × 600 (one clause of places)', 'in Leeds '.repeat(600)],
  ['60 KB of markup', '<b>x</b> '.repeat(6_700)],
  ['60 KB of unclosed tags', '<a href="x">'.repeat(4_600)],
  ['"St. Albans. " × 400', 'St. Albans. '.repeat(400)],
  ['Welsh words × 120', "mae'n digwydd nawr yn ein busnes ".repeat(120)],
  // Places outside the UK (issue 20): someone else's place abroad, rejected and read again for the user's, clause after
  // clause; a place and what narrows it after a comma, joined, again and again.
  ['"the hackers are in Russia, " × 300', 'the hackers are in Russia, '.repeat(300)],
  ['"our hotel on Guernsey, Newport, Essex, " × 150', 'our hotel on Guernsey, Newport, Essex, '.repeat(150)],
];

beforeAll(async () => {
  // The gazetteer, the lexicons and the calendar load on first use, and the code is compiled as it runs: once per
  // process, not per message. What is held to the budget is what each further message costs.
  const id = await conversationAt('location');
  await send(id, { text: 'Leeds' });
  for (const question of ['location', 'happeningNow'] as const) {
    for (const [, text] of ADVERSARIAL) for (let run = 0; run < 3; run++) await send(await conversationAt(question), { text });
  }
}, 30_000);

describe.each([['location', 'at "where are you based?"'], ['happeningNow', 'at the first question']] as const)('%s: %s', (question, _where) => {
  test.each(ADVERSARIAL)(`%s costs at most ${MAX_RATIO} ordinary answers' CPU, and is answered`, async (_name, text) => {
    const { ratio, perMessageMs, ordinaryMs, replies } = await cpuOf(question, text);
    if (process.env.CPU_REPORT) console.log(`${question} ${_name}: ${perMessageMs.toFixed(2)} ms, ordinary ${ordinaryMs.toFixed(2)} ms, ratio ${ratio.toFixed(2)}`);
    expect(replies.length).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});

test('the ordinary answer the budget is measured against is understood', async () => {
  const id = await conversationAt('location');
  expect(allText(await send(id, { text: ORDINARY }))).toContain('Yorkshire and Humber');
});
