import { contentFor } from '../../dialogs/content';
import { startServer, type RunningServer } from '../../index';
import { parsePrometheusText, total, type Scrape } from '../../ops/prometheusText';
import { METRIC_NAMES } from '../../server/metrics';
import { FormClient } from './formClient';

/**
 * The plain-HTML pages are a channel like Web Chat and Teams: the deployment's settings reach their turns (the
 * force's name in the greeting, the default nation leading the live-attack outcome), and their answers are
 * counted in the metrics and logged as turns, under the channel "webtriage". Through HTTP, as a browser without
 * JavaScript.
 */

const TOKEN = 'webtriage-metrics-token-0a1b2c3d4e5f';
const { states } = contentFor('en-GB');

async function scrape(running: RunningServer): Promise<Scrape> {
  const response = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

describe('the plain-HTML pages use the deployment and are observed', () => {
  let running: RunningServer;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    running = await startServer({
      port: 0,
      env: { METRICS_TOKEN: TOKEN, FORCE_NAME: 'Example Constabulary', DEFAULT_NATION: 'scotland' },
      log: (line) => lines.push(JSON.parse(line)),
    });
  });
  afterAll(() => running.shutdown(1_000));

  test("the greeting names the force, and the default nation leads the live-attack outcome (Police Scotland's 101)", async () => {
    const client = new FormClient(running.url);
    await client.get('/triage');
    expect(client.stepText()).toContain("This is Example Constabulary's cyber incident help");
    await client.press(states.happeningNow.options.yes);
    await client.press(states.audience.options.organisation);
    const text = client.stepText();
    expect(text).toMatch(/Police Scotland now on 101/);
    expect(text.indexOf('101')).toBeLessThan(text.indexOf('0300 123 2040'));
  });

  test('each answer is a turn: counted under "webtriage" (started once, each answer, the outcome) and logged with its request id', async () => {
    const before = await scrape(running);
    lines.length = 0;
    const client = new FormClient(running.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.no);
    await client.press(states.audience.options.individual);
    await client.type('LS1 4AP');
    expect(client.stepText()).toContain('Yorkshire');
    const after = await scrape(running);
    const moved = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);

    expect(moved(METRIC_NAMES.triagesStarted, { channel: 'webtriage' })).toBe(1);
    expect(moved(METRIC_NAMES.triagesStarted)).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'happeningNow', understood: 'clicked' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'audience', understood: 'clicked' })).toBe(1);
    expect(moved(METRIC_NAMES.answers, { question: 'location', understood: 'typed' })).toBe(1);
    expect(moved(METRIC_NAMES.outcomes, { outcome: 'regionalTeam', unit: 'YHROCU', nation: 'england', channel: 'webtriage' })).toBe(1);
    expect(moved(METRIC_NAMES.turnDuration.concat('_count'), { channel: 'webtriage' })).toBe(3);

    const turns = lines.filter((line) => line.event === 'turn');
    expect(turns.map((line) => [line.channel, line.stateBefore, line.stateAfter])).toEqual([
      ['webtriage', null, 'audience'],
      ['webtriage', 'audience', 'location'],
      ['webtriage', 'location', 'regionalTeam'],
    ]);
    // Each turn's line carries the id of the request it came with (the POST's http line).
    const posts = lines.filter((line) => line.event === 'http' && line.method === 'POST');
    expect(turns.map((line) => line.reqId)).toEqual(posts.map((line) => line.reqId));
    expect(JSON.stringify(turns)).not.toContain('LS1');
  });
});
