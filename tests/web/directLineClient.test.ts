import { startServer, type RunningServer } from '../../index';

/**
 * The local Direct Line channel driven by Microsoft's own client, botframework-directlinejs (what Web Chat uses),
 * against the real bot. In Node the client needs a global XMLHttpRequest (its rxjs ajax calls use it): the xhr2
 * package provides one.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= require('xhr2');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');

interface Activity {
  id?: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string };
  suggestedActions?: { actions: { title?: string }[] };
}

jest.setTimeout(20_000);

describe('the local Direct Line channel with botframework-directlinejs', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, env: {}, log: () => undefined });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function token(): Promise<{ token: string; conversationId: string }> {
    const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
    expect(response.status).toBe(200);
    return response.json() as Promise<{ token: string; conversationId: string }>;
  }

  test('start, greeting, post "yes", next question; watermarks advance; the echo carries clientActivityID and the id the bot saw', async () => {
    const { token: conversationToken, conversationId } = await token();
    const directLine = new DirectLine({
      token: conversationToken,
      domain: `${server.url}/v3/directline`,
      webSocket: false,
      pollingInterval: 200,
      // Node 20 has no global WebSocket, which the client looks up even when polling; it is never used here.
      WebSocket: class {
        constructor() {
          throw new Error('this test polls; no WebSocket');
        }
      },
    } as never);
    const seen: Activity[] = [];
    const watermarks: string[] = [];
    const waitFor = (predicate: (activity: Activity) => boolean, what: string) =>
      new Promise<Activity>((resolve, reject) => {
        const found = seen.find(predicate);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no activity: ${what}; saw ${JSON.stringify(seen.map((a) => a.text))}`)), 10_000);
        const subscription = directLine.activity$.subscribe({
          next: (activity) => {
            if (predicate(activity as Activity)) {
              clearTimeout(timer);
              subscription.unsubscribe();
              resolve(activity as Activity);
            }
          },
          error: () => undefined,
        });
      });

    const statuses: number[] = [];
    directLine.connectionStatus$.subscribe({ next: (status) => statuses.push(status), error: () => undefined });
    // (After end(), the client errors its streams with "conversation ended": hence the error handlers.)
    directLine.activity$.subscribe({
      next: (activity) => {
        seen.push(activity as Activity);
        watermarks.push((directLine as unknown as { watermark: string }).watermark);
      },
      error: () => undefined,
    });

    try {
      const question = await waitFor((a) => (a.text ?? '').includes('Is the incident happening now?'), 'first question');
      expect(seen.filter((a) => a.from.role === 'bot' && /I can help if a cyber attack/.test(a.text ?? ''))).toHaveLength(1);
      expect(question.suggestedActions?.actions.map((action) => action.title)).toEqual(expect.arrayContaining(['Yes', 'No']));
      expect(statuses).toContain(ConnectionStatus.Online);
      expect((directLine as unknown as { conversationId: string }).conversationId).toBe(conversationId);
      const watermarkAfterGreeting = Number((directLine as unknown as { watermark: string }).watermark);
      expect(watermarkAfterGreeting).toBeGreaterThan(0);

      const clientActivityID = 'client-activity-1';
      const postedId = await new Promise<string>((resolve, reject) =>
        directLine
          .postActivity({
            type: 'message',
            text: 'yes',
            from: { id: 'ignored-by-the-channel' },
            channelData: { clientActivityID },
          } as never)
          .subscribe({ next: resolve, error: reject }),
      );
      expect(postedId).toMatch(new RegExp(`^${conversationId}\\|\\d+$`));

      const echo = await waitFor((a) => a.channelData?.clientActivityID === clientActivityID, 'echo of the user message');
      expect(echo.id).toBe(postedId);
      expect(echo.from.role).toBe('user');

      await waitFor(
        (a) => a.from.role === 'bot' && (a.text ?? '').includes('Are you asking for a business, charity or other organisation, or for yourself?'),
        'second question',
      );
      const finalWatermark = Number((directLine as unknown as { watermark: string }).watermark);
      expect(finalWatermark).toBeGreaterThan(watermarkAfterGreeting);
      // Watermarks never go backwards.
      const numeric = watermarks.map(Number);
      expect(numeric).toEqual([...numeric].sort((a, b) => a - b));
    } finally {
      directLine.end();
    }
  });
});
