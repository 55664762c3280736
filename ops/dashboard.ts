/**
 * The operations dashboard, defined once: `npm run dashboard` writes it as a Grafana dashboard
 * (ops/grafana-dashboard.json, import it into Grafana with a Prometheus data source that scrapes /metrics), and
 * `npm run dashboard:preview` draws the same panels from a real /metrics scrape (ops/dashboard-preview.ts).
 * A test keeps the JSON in step with this file and every metric name in it in step with server/metrics.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { METRIC_NAMES as M } from '../server/metrics';

/** How the preview computes a panel from one scrape (the totals since the server started). */
export type Preview =
  /** sum by (labels) of a counter; `match` filters; `label` names each bar. */
  | { kind: 'sum'; metric: string; by: string[]; match?: Record<string, string> }
  /** Several single totals side by side. */
  | { kind: 'totals'; items: Array<{ label: string; metric: string; match?: Record<string, string> }> }
  /** numerator / denominator of two sums, per value of `by` (or overall when `by` is empty), as a percentage. */
  | { kind: 'share'; metric: string; by: string[]; numerator: Record<string, string>; denominator?: Record<string, string> }
  /** Quantiles of a histogram. */
  | { kind: 'quantiles'; metric: string; quantiles: number[] };

export interface PanelSpec {
  title: string;
  description: string;
  type: 'stat' | 'timeseries' | 'bargauge' | 'barchart';
  unit?: 'short' | 'percentunit' | 's' | 'reqps';
  /** Grafana's 24-column grid. */
  grid: { x: number; y: number; w: number; h: number };
  targets: Array<{ expr: string; legend: string }>;
  preview: Preview;
}

export interface RowSpec {
  title: string;
  y: number;
}

const range = '[$__range]';

export const ROWS: RowSpec[] = [
  { title: 'Use: who comes, and where they are sent', y: 0 },
  { title: 'Where people get stuck', y: 15 },
  { title: 'Health', y: 30 },
];

export const PANELS: PanelSpec[] = [
  {
    title: 'Triages started',
    description: 'First question shown (new conversation, Start again, or a fresh start after 30 minutes idle), in the time range.',
    type: 'stat',
    grid: { x: 0, y: 1, w: 4, h: 4 },
    targets: [{ expr: `sum(increase(${M.triagesStarted}${range}))`, legend: 'started' }],
    preview: { kind: 'totals', items: [{ label: 'started', metric: M.triagesStarted }] },
  },
  {
    title: 'Outcomes reached',
    description: 'Answers that led to an outcome: the live-attack line, a regional team, or help outside the UK.',
    type: 'stat',
    grid: { x: 4, y: 1, w: 4, h: 4 },
    targets: [{ expr: `sum(increase(${M.outcomes}${range}))`, legend: 'outcomes' }],
    preview: { kind: 'totals', items: [{ label: 'outcomes', metric: M.outcomes }] },
  },
  {
    title: 'Live attacks sent to the 24/7 line',
    description: 'Organisations with an attack happening now (or not sure) shown the live-attack outcome.',
    type: 'stat',
    grid: { x: 8, y: 1, w: 4, h: 4 },
    targets: [{ expr: `sum(increase(${M.outcomes}{outcome="liveAttack"}${range}))`, legend: 'live attacks' }],
    preview: { kind: 'totals', items: [{ label: 'live attacks', metric: M.outcomes, match: { outcome: 'liveAttack' } }] },
  },
  {
    title: 'Found it helpful',
    description: 'Share of "Was this helpful?" answers (asked once per outcome, after "Your answers") that were Yes.',
    type: 'stat',
    unit: 'percentunit',
    grid: { x: 12, y: 1, w: 4, h: 4 },
    targets: [{ expr: `sum(increase(${M.feedback}{answer="yes"}${range})) / sum(increase(${M.feedback}${range}))`, legend: 'helpful' }],
    preview: { kind: 'share', metric: M.feedback, by: [], numerator: { answer: 'yes' } },
  },
  {
    title: 'Triages started by channel',
    description: 'Per hour: web chat (directline), Teams (msteams), others.',
    type: 'timeseries',
    grid: { x: 16, y: 1, w: 8, h: 7 },
    targets: [{ expr: `sum by (channel) (increase(${M.triagesStarted}[1h]))`, legend: '{{channel}}' }],
    preview: { kind: 'sum', metric: M.triagesStarted, by: ['channel'] },
  },
  {
    title: 'Outcomes',
    description: 'Which outcome the answers led to.',
    type: 'bargauge',
    grid: { x: 0, y: 5, w: 6, h: 10 },
    targets: [{ expr: `sum by (outcome) (increase(${M.outcomes}${range}))`, legend: '{{outcome}}' }],
    preview: { kind: 'sum', metric: M.outcomes, by: ['outcome'] },
  },
  {
    title: 'Outcomes by regional unit',
    description: '"none": the live-attack line before a location is known, an island or abroad.',
    type: 'bargauge',
    grid: { x: 6, y: 5, w: 5, h: 10 },
    targets: [{ expr: `sum by (unit) (increase(${M.outcomes}${range}))`, legend: '{{unit}}' }],
    preview: { kind: 'sum', metric: M.outcomes, by: ['unit'] },
  },
  {
    title: 'Outcomes by nation',
    description: 'From the answers; "unknown" when no location was given (or a unit spans two nations).',
    type: 'bargauge',
    grid: { x: 11, y: 5, w: 5, h: 10 },
    targets: [{ expr: `sum by (nation) (increase(${M.outcomes}${range}))`, legend: '{{nation}}' }],
    preview: { kind: 'sum', metric: M.outcomes, by: ['nation'] },
  },
  {
    title: 'Outcomes by channel',
    description: 'Where the people who reached an outcome came from.',
    type: 'bargauge',
    grid: { x: 16, y: 8, w: 8, h: 7 },
    targets: [{ expr: `sum by (channel) (increase(${M.outcomes}${range}))`, legend: '{{channel}}' }],
    preview: { kind: 'sum', metric: M.outcomes, by: ['channel'] },
  },
  {
    title: 'Where conversations stop',
    description: 'Conversations left idle past the expiry, by the question or outcome they stopped at. Stops at a question are people who gave up.',
    type: 'bargauge',
    grid: { x: 0, y: 16, w: 8, h: 14 },
    targets: [{ expr: `sum by (state) (increase(${M.conversationsStopped}${range}))`, legend: '{{state}}' }],
    preview: { kind: 'sum', metric: M.conversationsStopped, by: ['state'] },
  },
  {
    title: 'Answers by question and how they were understood',
    description: 'clicked: a button; typed: typed text understood at once; clarified: after "did you mean"; unrecognised: asked again.',
    type: 'barchart',
    grid: { x: 8, y: 16, w: 10, h: 14 },
    targets: [{ expr: `sum by (question, understood) (increase(${M.answers}${range}))`, legend: '{{question}} {{understood}}' }],
    preview: { kind: 'sum', metric: M.answers, by: ['question', 'understood'] },
  },
  {
    title: 'Not understood, by question',
    description: 'Share of answers at each question that the bot did not understand. High: the question or its words need work.',
    type: 'bargauge',
    unit: 'percentunit',
    grid: { x: 18, y: 16, w: 6, h: 7 },
    targets: [
      {
        expr: `sum by (question) (increase(${M.answers}{understood="unrecognised"}${range})) / sum by (question) (increase(${M.answers}${range}))`,
        legend: '{{question}}',
      },
    ],
    preview: { kind: 'share', metric: M.answers, by: ['question'], numerator: { understood: 'unrecognised' } },
  },
  {
    title: 'Feedback by outcome',
    description: '"Was this helpful?" Yes and No, per outcome. Few answers or many No at one outcome: read its words again.',
    type: 'bargauge',
    grid: { x: 18, y: 23, w: 6, h: 7 },
    targets: [{ expr: `sum by (outcome, answer) (increase(${M.feedback}${range}))`, legend: '{{outcome}} {{answer}}' }],
    preview: { kind: 'sum', metric: M.feedback, by: ['outcome', 'answer'] },
  },
  {
    title: 'Turn latency',
    description: 'Time to read, compute and store a turn, before its replies go out: p50, p95, p99 over 5 minutes.',
    type: 'timeseries',
    unit: 's',
    grid: { x: 0, y: 31, w: 8, h: 8 },
    targets: [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${M.turnDuration}_bucket[5m])))`,
      legend: `p${Math.round(q * 100)}`,
    })),
    preview: { kind: 'quantiles', metric: M.turnDuration, quantiles: [0.5, 0.95, 0.99] },
  },
  {
    title: 'HTTP responses by status class',
    description: 'Per second. 4xx: refused requests (bad bodies, tokens, rate limits); 5xx should stay at zero.',
    type: 'timeseries',
    unit: 'reqps',
    grid: { x: 8, y: 31, w: 8, h: 8 },
    targets: [{ expr: `sum by (status_class) (rate(${M.httpResponses}[5m]))`, legend: '{{status_class}}' }],
    preview: { kind: 'sum', metric: M.httpResponses, by: ['status_class'] },
  },
  {
    title: 'Storage errors, conflicts and failed turns',
    description: 'In the time range. Errors: storage unreachable (users got the 24/7 numbers); conflicts: two instances wrote one conversation (recomputed, harmless); failed turns: the turn-error reply was sent.',
    type: 'bargauge',
    grid: { x: 16, y: 31, w: 8, h: 8 },
    targets: [
      { expr: `sum by (operation) (increase(${M.storageErrors}${range}))`, legend: 'storage error: {{operation}}' },
      { expr: `sum(increase(${M.storageConflicts}${range}))`, legend: 'conflicts' },
      { expr: `sum by (kind) (increase(${M.turnErrors}${range}))`, legend: 'failed turns: {{kind}}' },
    ],
    preview: {
      kind: 'totals',
      items: [
        { label: 'storage error: read', metric: M.storageErrors, match: { operation: 'read' } },
        { label: 'storage error: write', metric: M.storageErrors, match: { operation: 'write' } },
        { label: 'storage error: delete', metric: M.storageErrors, match: { operation: 'delete' } },
        { label: 'conflicts', metric: M.storageConflicts },
        { label: 'failed turns: other', metric: M.turnErrors, match: { kind: 'other' } },
        { label: 'failed turns: outbound', metric: M.turnErrors, match: { kind: 'outbound' } },
      ],
    },
  },
];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

function grafanaPanel(panel: PanelSpec, id: number): Record<string, unknown> {
  const stacked = panel.type === 'barchart';
  return {
    id,
    type: panel.type,
    title: panel.title,
    description: panel.description,
    datasource: DATASOURCE,
    gridPos: panel.grid,
    targets: panel.targets.map((target, index) => ({
      refId: String.fromCharCode(65 + index),
      datasource: DATASOURCE,
      expr: target.expr,
      legendFormat: target.legend,
      // Totals over the range are one value per series; time series are drawn over time.
      ...(panel.type === 'timeseries' ? { range: true } : { instant: true, format: stacked ? 'table' : 'time_series' }),
    })),
    fieldConfig: {
      defaults: {
        unit: panel.unit ?? 'short',
        min: 0,
        ...(panel.unit === 'percentunit' ? { max: 1 } : {}),
        color: { mode: panel.type === 'stat' ? 'fixed' : 'palette-classic', ...(panel.type === 'stat' ? { fixedColor: 'blue' } : {}) },
        ...(panel.type === 'timeseries' ? { custom: { drawStyle: 'line', lineWidth: 2, fillOpacity: 10, showPoints: 'never' } } : {}),
      },
      overrides: [],
    },
    options: {
      ...(panel.type === 'stat' ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'none', textMode: 'value' } : {}),
      ...(panel.type === 'bargauge'
        ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, orientation: 'horizontal', displayMode: 'basic', showUnfilled: true }
        : {}),
      ...(panel.type === 'barchart' ? { orientation: 'horizontal', stacking: 'normal', showValue: 'auto', xField: 'question', legend: { displayMode: 'list', placement: 'bottom', showLegend: true } } : {}),
      ...(panel.type === 'timeseries' ? { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi' } } : {}),
    },
    ...(stacked
      ? {
          transformations: [
            { id: 'labelsToFields', options: {} },
            { id: 'groupingToMatrix', options: { columnField: 'understood', rowField: 'question', valueField: 'Value' } },
          ],
        }
      : {}),
  };
}

/** The Grafana dashboard (schema version 39, Grafana 10/11), with a data source variable. */
export function grafanaDashboard(): Record<string, unknown> {
  let id = 0;
  const panels: Record<string, unknown>[] = [];
  for (const row of ROWS) {
    panels.push({ id: ++id, type: 'row', title: row.title, collapsed: false, gridPos: { x: 0, y: row.y, w: 24, h: 1 }, panels: [] });
    const next = ROWS.find((other) => other.y > row.y)?.y ?? Infinity;
    for (const panel of PANELS.filter((p) => p.grid.y > row.y && p.grid.y < next)) panels.push(grafanaPanel(panel, ++id));
  }
  return {
    __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    uid: 'cyber-triage-bot',
    title: 'Cyber triage bot',
    description: 'Anonymous counts from the bot\'s GET /metrics: no ids, no text. See the README, "Reading the dashboard".',
    tags: ['cyber-triage'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '1m',
    time: { from: 'now-7d', to: 'now' },
    templating: {
      list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }],
    },
    annotations: { list: [] },
    panels,
  };
}

export const DASHBOARD_PATH = path.join(__dirname, 'grafana-dashboard.json');

export function dashboardJson(): string {
  return `${JSON.stringify(grafanaDashboard(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(DASHBOARD_PATH, dashboardJson());
  console.log(`wrote ${path.relative(process.cwd(), DASHBOARD_PATH)} (${PANELS.length} panels)`);
}
