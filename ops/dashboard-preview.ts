/**
 * `npm run dashboard:preview`: a faithful picture of the Grafana dashboard without Grafana. It starts the real
 * server (METRICS_TOKEN set), runs a scripted set of conversations through POST /api/messages (a seeded mix of
 * channels, journeys, typed and clicked answers, misses and people who stop), lets 31 minutes pass on the server's
 * clock and runs the idle sweep, scrapes GET /metrics with the token, and draws every panel of ops/dashboard.ts from
 * that one scrape (the totals since start, which is what Grafana's `increase(…[$__range])` shows when the range
 * covers the server's life; the time-series panels become those totals). It saves ops/dashboard-preview.html and,
 * with Chromium at /usr/bin/chromium (playwright-core), docs/dashboard.png.
 *
 * A second writer is simulated on a few writes (a storage conflict each, recomputed as in production): otherwise
 * that panel would show only zeros.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { chromium } from 'playwright-core';
import { StorageConflictError } from '../bots/storage';
import { contentFor } from '../dialogs/content';
import { startServer, type RunningServer } from '../index';
import { PANELS, ROWS, type PanelSpec } from './dashboard';
import { histogramQuantile, parsePrometheusText, sumBy, total, type Scrape } from './prometheusText';

const TOKEN = 'dashboard-preview-token-000000000000';
const OUT_HTML = path.join(__dirname, 'dashboard-preview.html');
const OUT_PNG = path.join(__dirname, '..', 'docs', 'dashboard.png');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Reply {
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; text?: string; value?: unknown }> };
}

/** A small seeded generator (mulberry32), so the picture is the same from one run to the next. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Visitor {
  private replies: Reply[] = [];
  constructor(
    private readonly server: RunningServer,
    private readonly id: string,
    private readonly channelId: string,
  ) {}

  private async post(fields: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: this.channelId,
        serviceUrl: 'http://127.0.0.1:9',
        conversation: { id: this.id },
        from: { id: `${this.id}-user` },
        recipient: { id: 'bot' },
        deliveryMode: 'expectReplies',
        locale: 'en-GB',
        ...fields,
      }),
    });
    const body = (await response.json()) as { activities?: Reply[] };
    if (body.activities?.length) this.replies = body.activities;
  }

  arrive = () => this.post({ type: 'conversationUpdate', membersAdded: [{ id: `${this.id}-user` }] });
  /** Whether the last replies offer this button (Web Chat's suggested actions). */
  offers = (title: string) => this.replies.some((reply) => reply.suggestedActions?.actions.some((action) => action.title === title));
  type = (text: string) => this.post({ type: 'message', text });
  async click(title: string): Promise<void> {
    const action = this.replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((a) => a.title === title);
    // Teams shows cards rather than suggested actions: the same answer, typed.
    if (!action) return this.type(title);
    return this.post({ type: 'message', text: action.text, value: action.value });
  }
}

type Step = ['type' | 'click', string];
const t = (text: string): Step => ['type', text];
const c = (title: string): Step => ['click', title];

/** Journeys as people take them (the mix is made up; every answer goes through the real bot). */
const JOURNEYS: Array<{ weight: number; steps: Step[] }> = [
  { weight: 14, steps: [c('No'), c('Myself'), t('LS1 4AP')] },
  { weight: 8, steps: [t('no'), t('me'), t('Manchester')] },
  { weight: 6, steps: [c('No'), c('An organisation'), t('Bristol')] },
  { weight: 5, steps: [t('it happened last week'), t('my business'), t('Kent')] },
  { weight: 4, steps: [c('No'), c('Myself'), c('Scotland')] },
  { weight: 3, steps: [c('No'), c('Myself'), t('Cardiff')] },
  { weight: 2, steps: [c('No'), c('Myself'), t('BT1 1AA')] },
  { weight: 3, steps: [c('No'), c('Myself'), t('Narnia'), t('Birmingham')] },
  { weight: 2, steps: [c('No'), c('Myself'), t('Jersey')] },
  { weight: 1, steps: [c('No'), c('Myself'), t('Spain')] },
  { weight: 9, steps: [c('Yes'), c('An organisation')] },
  { weight: 4, steps: [t('yes right now'), t('our company is being hacked')] },
  { weight: 3, steps: [c('Not sure'), t('a charity'), t('show my regional team'), t('Nottingham')] },
  { weight: 3, steps: [c('Yes'), c('Myself'), t('Newcastle')] },
  { weight: 3, steps: [t('someone took over my email'), c('Yes'), c('Myself'), t('SW1A 1AA')] },
  { weight: 2, steps: [t('i got a weird text'), t('??'), c('No'), c('Myself'), t('Leeds')] },
  // People who stop part way (the idle sweep finds them 31 minutes later).
  { weight: 4, steps: [] },
  { weight: 3, steps: [c('No')] },
  { weight: 3, steps: [c('No'), c('Myself'), t('somewhere near the big shop')] },
  { weight: 2, steps: [t('what is this')] },
];

const CHANNELS: Array<[string, number]> = [
  ['directline', 0.62],
  ['msteams', 0.33],
  ['webchat', 0.05],
];

/** Of those shown "Was this helpful?" (in Web Chat), how many answer Yes and No (made up, like the journeys' mix). */
const FEEDBACK_YES = 0.4;
const FEEDBACK_NO = 0.12;

async function runConversations(server: RunningServer, count: number): Promise<void> {
  const next = random(14);
  // A generator of its own, so the journeys drawn stay the same whatever the feedback does.
  const feedbackRoll = random(41);
  const feedback = contentFor('en-GB').feedback;
  const totalWeight = JOURNEYS.reduce((sum, journey) => sum + journey.weight, 0);
  for (let i = 0; i < count; i++) {
    let pick = next() * totalWeight;
    const journey = JOURNEYS.find((j) => (pick -= j.weight) < 0) ?? JOURNEYS[0];
    let roll = next();
    const channel = CHANNELS.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'directline';
    const visitor = new Visitor(server, `preview-${i}`, channel);
    await visitor.arrive();
    for (const [kind, text] of journey.steps) await (kind === 'click' ? visitor.click(text) : visitor.type(text));
    if (visitor.offers(feedback.yes)) {
      const roll = feedbackRoll();
      if (roll < FEEDBACK_YES) await visitor.click(feedback.yes);
      else if (roll < FEEDBACK_YES + FEEDBACK_NO) await visitor.click(feedback.no);
    }
  }
}

// ---- drawing -------------------------------------------------------------------------------------------------

const PALETTE = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#705da0', '#37872d', '#fade2a'];
const UNDERSTOOD_COLOURS: Record<string, string> = { clicked: '#73bf69', typed: '#5794f2', clarified: '#f2cc0c', unrecognised: '#f2495c' };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function format(value: number, unit: PanelSpec['unit']): string {
  if (!Number.isFinite(value)) return 'No data';
  if (unit === 'percentunit') return `${(value * 100).toFixed(1)}%`;
  if (unit === 's') return value < 1 ? `${(value * 1000).toFixed(1)} ms` : `${value.toFixed(2)} s`;
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(2);
}

function bars(items: Array<{ label: string; value: number }>, unit: PanelSpec['unit'], sorted = true): string {
  const finite = items.filter((item) => Number.isFinite(item.value));
  const shown = sorted ? finite.sort((a, b) => b.value - a.value) : finite;
  if (!shown.length) return '<p class="nodata">No data</p>';
  const max = unit === 'percentunit' ? 1 : Math.max(...shown.map((item) => item.value), 1e-9);
  return `<div class="bars">${shown
    .map(
      (item, i) => `<div class="bar"><span class="bar__label">${escape(item.label)}</span><span class="bar__track"><span class="bar__fill" style="width:${
        (100 * item.value) / max
      }%;background:${PALETTE[i % PALETTE.length]}"></span></span><span class="bar__value">${format(item.value, unit)}</span></div>`,
    )
    .join('')}</div>`;
}

function stacked(scrape: Scrape, metric: string): string {
  const groups = sumBy(scrape, metric, ['question', 'understood']);
  const questions = [...new Set(groups.map((g) => g.labels.question))];
  if (!questions.length) return '<p class="nodata">No data</p>';
  const kinds = Object.keys(UNDERSTOOD_COLOURS);
  const rows = questions
    .map((question) => ({ question, parts: kinds.map((kind) => groups.find((g) => g.labels.question === question && g.labels.understood === kind)?.value ?? 0) }))
    .sort((a, b) => b.parts.reduce((s, v) => s + v, 0) - a.parts.reduce((s, v) => s + v, 0));
  const max = Math.max(...rows.map((row) => row.parts.reduce((s, v) => s + v, 0)));
  const body = rows
    .map(
      (row) =>
        `<div class="bar"><span class="bar__label">${escape(row.question)}</span><span class="bar__track">${row.parts
          .map((value, i) => (value ? `<span class="bar__seg" style="width:${(100 * value) / max}%;background:${UNDERSTOOD_COLOURS[kinds[i]]}">${value}</span>` : ''))
          .join('')}</span></div>`,
    )
    .join('');
  const legend = kinds.map((kind) => `<span><i style="background:${UNDERSTOOD_COLOURS[kind]}"></i>${kind}</span>`).join('');
  return `<div class="bars">${body}</div><div class="legend">${legend}</div>`;
}

function panelBody(panel: PanelSpec, scrape: Scrape): string {
  const preview = panel.preview;
  switch (preview.kind) {
    case 'totals': {
      const items = preview.items.map((item) => ({ label: item.label, value: total(scrape, item.metric, item.match) }));
      return panel.type === 'stat' ? `<p class="stat">${format(items[0].value, panel.unit)}</p>` : bars(items, panel.unit, false);
    }
    case 'sum': {
      if (panel.type === 'barchart') return stacked(scrape, preview.metric);
      const items = sumBy(scrape, preview.metric, preview.by, preview.match)
        .filter((g) => g.value > 0)
        .map((g) => ({ label: Object.values(g.labels).join(' '), value: g.value }));
      return bars(items, panel.unit);
    }
    case 'share': {
      const numerator = sumBy(scrape, preview.metric, preview.by, preview.numerator);
      const denominator = sumBy(scrape, preview.metric, preview.by, preview.denominator);
      const items = denominator
        .filter((d) => d.value > 0)
        .map((d) => ({
          label: Object.values(d.labels).join(' ') || 'all',
          value: (numerator.find((n) => JSON.stringify(n.labels) === JSON.stringify(d.labels))?.value ?? 0) / d.value,
        }));
      if (panel.type === 'stat') return `<p class="stat">${format(items[0]?.value ?? NaN, panel.unit)}</p>`;
      return bars(items, panel.unit);
    }
    case 'quantiles': {
      const buckets = sumBy(scrape, `${preview.metric}_bucket`, ['le']).map((b) => ({ le: Number(b.labels.le === '+Inf' ? Infinity : b.labels.le), count: b.value }));
      const items = preview.quantiles.map((q) => ({ label: `p${Math.round(q * 100)}`, value: histogramQuantile(q, buckets) }));
      const turns = total(scrape, `${preview.metric}_count`);
      return `${bars(items, panel.unit, false)}<p class="note">${turns} turns</p>`;
    }
  }
}

export function renderPreview(scrape: Scrape, context: { conversations: number; scrapedAt: string }): string {
  const ROW_HEIGHT = 30;
  const GAP = 8;
  const cells: string[] = [];
  for (const row of ROWS) {
    cells.push(`<h2 class="row" style="grid-column:1/25;grid-row:${row.y + 1}/span 1">${escape(row.title)}</h2>`);
  }
  for (const panel of PANELS) {
    const overTime = panel.type === 'timeseries' ? '<span class="badge">over time in Grafana; totals here</span>' : '';
    cells.push(
      `<section class="panel panel--${panel.type}" style="grid-column:${panel.grid.x + 1}/span ${panel.grid.w};grid-row:${panel.grid.y + 1}/span ${panel.grid.h}">` +
        `<h3 title="${escape(panel.description)}">${escape(panel.title)}${overTime}</h3>${panelBody(panel, scrape)}</section>`,
    );
  }
  const rows = Math.max(...PANELS.map((p) => p.grid.y + p.grid.h));
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Cyber triage bot: dashboard preview</title>
<style>
  body { margin: 0; background: #111217; color: #ccccdc; font: 13px/1.35 Inter, Helvetica, Arial, sans-serif; }
  header { display: flex; justify-content: space-between; align-items: baseline; padding: 12px 16px 4px; }
  header h1 { font-size: 18px; margin: 0; color: #fff; font-weight: 500; }
  header p { margin: 0; color: #8e8e9e; font-size: 12px; }
  .grid { display: grid; grid-template-columns: repeat(24, 1fr); grid-auto-rows: ${ROW_HEIGHT - GAP}px; gap: ${GAP}px; padding: 8px 16px 16px; }
  .row { margin: 0; font-size: 14px; font-weight: 500; color: #fff; align-self: end; }
  .panel { background: #181b1f; border: 1px solid #2c3235; border-radius: 2px; padding: 6px 10px; overflow: hidden; display: flex; flex-direction: column; }
  .panel h3 { margin: 0 0 6px; font-size: 13px; font-weight: 500; color: #ccccdc; display: flex; gap: 8px; align-items: baseline; }
  .badge { font-size: 10px; color: #8e8e9e; border: 1px solid #2c3235; border-radius: 8px; padding: 0 6px; font-weight: 400; }
  .stat { margin: auto 0; font-size: 40px; font-weight: 500; color: #5794f2; text-align: center; }
  .bars { display: flex; flex-direction: column; gap: 4px; overflow: hidden; }
  .bar { display: grid; grid-template-columns: 10.5em 1fr 4.2em; align-items: center; gap: 6px; font-size: 12px; }
  .bar__label { color: #ccccdc; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .bar__track { background: #22252b; height: 15px; display: flex; }
  .bar__fill { display: block; height: 100%; }
  .bar__seg { display: block; height: 100%; color: #111217; font-size: 10px; text-align: center; overflow: hidden; }
  .bar__value { text-align: right; color: #fff; font-variant-numeric: tabular-nums; }
  .panel--barchart .bar { grid-template-columns: 10.5em 1fr; }
  .legend { display: flex; gap: 12px; margin-top: 8px; font-size: 12px; }
  .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
  .nodata { margin: auto; color: #8e8e9e; }
  .note { margin: 4px 0 0; color: #8e8e9e; font-size: 11px; }
</style></head>
<body><header><h1>Cyber triage bot</h1><p>Preview drawn from one GET /metrics scrape (${context.scrapedAt}) after ${context.conversations} scripted conversations through POST /api/messages; panels and queries as in ops/grafana-dashboard.json</p></header>
<main class="grid" style="grid-template-rows:repeat(${rows}, ${ROW_HEIGHT - GAP}px)">${cells.join('\n')}</main></body></html>
`;
}

async function main(): Promise<void> {
  let now = new Date('2026-11-18T10:30:00Z');
  const storage = new MemoryStorage();
  const write = storage.write.bind(storage);
  let writes = 0;
  storage.write = async (changes: StoreItems) => {
    // Another instance writes first, now and then.
    if (++writes % 97 === 0) throw new StorageConflictError(Object.keys(changes)[0], 412);
    return write(changes);
  };
  const server = await startServer({ port: 0, env: { METRICS_TOKEN: TOKEN }, storage, clock: () => now, log: () => undefined });
  const conversations = Number(process.env.PREVIEW_CONVERSATIONS ?? 400);
  let html: string;
  try {
    await runConversations(server, conversations);
    now = new Date(now.getTime() + 31 * 60_000);
    const swept = await server.sweepIdle();
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const scrape = parsePrometheusText(await response.text());
    html = renderPreview(scrape, { conversations, scrapedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC' });
    writeFileSync(OUT_HTML, html);
    console.log(`${conversations} conversations, ${swept} swept idle; wrote ${path.relative(process.cwd(), OUT_HTML)}`);
  } finally {
    await server.shutdown(2_000);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: OUT_PNG, fullPage: true });
    console.log(`saved ${path.relative(process.cwd(), OUT_PNG)}`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
