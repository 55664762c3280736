import { readFileSync } from 'node:fs';
import { MemoryStorage } from 'botbuilder';
import { startServer } from '../../index';
import { DASHBOARD_PATH, PANELS, ROWS, dashboardJson, grafanaDashboard } from '../../ops/dashboard';
import { renderPreview } from '../../ops/dashboard-preview';
import { histogramQuantile, parsePrometheusText, total } from '../../ops/prometheusText';
import { METRIC_LABEL_VALUES, METRIC_NAMES, TriageMetrics } from '../../server/metrics';
import { activity, post } from '../production/support/serverProcess';

/** The Grafana dashboard is built on the metrics as they are: names, labels and label values. */

const exprs = PANELS.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })));

test('ops/grafana-dashboard.json is what ops/dashboard.ts makes (npm run dashboard regenerates it)', () => {
  expect(readFileSync(DASHBOARD_PATH, 'utf8')).toBe(dashboardJson());
});

test('every metric, label and label value in the queries exists', async () => {
  const metrics = new TriageMetrics();
  const families = await metrics.registry.getMetricsAsJSON();
  const labelsOf = new Map<string, string[]>();
  for (const family of families) {
    const labels = [...new Set(family.values.flatMap((value) => Object.keys(value.labels)))];
    const declared = (metrics.registry.getSingleMetric(family.name) as unknown as { labelNames: string[] }).labelNames;
    for (const suffix of String(family.type) === 'histogram' ? ['_bucket', '_count', '_sum'] : ['']) {
      labelsOf.set(family.name + suffix, [...new Set([...labels, ...declared, ...(suffix === '_bucket' ? ['le'] : [])])]);
    }
  }
  const problems: string[] = [];
  for (const { panel, expr } of exprs) {
    const names = expr.match(/cyber_triage_[a-z_]+/g) ?? [];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      if (!labelsOf.has(name)) problems.push(`${panel}: no metric ${name}`);
      const selector = new RegExp(`${name}\\{([^}]*)\\}`).exec(expr)?.[1];
      for (const [, label, value] of selector?.matchAll(/(\w+)="([^"]*)"/g) ?? []) {
        if (!labelsOf.get(name)?.includes(label)) problems.push(`${panel}: ${name} has no label ${label}`);
        else if (!METRIC_LABEL_VALUES[label]?.includes(value)) problems.push(`${panel}: ${label}="${value}" can never occur`);
      }
    }
    for (const [, by] of expr.matchAll(/by \(([^)]*)\)/g)) {
      for (const label of by.split(',').map((l) => l.trim())) {
        if (!names.some((name) => labelsOf.get(name)?.includes(label))) problems.push(`${panel}: grouped by ${label}, which its metric lacks`);
      }
    }
  }
  expect(problems).toEqual([]);
  // Every metric of ours is on the dashboard.
  for (const name of Object.values(METRIC_NAMES)) expect(exprs.some(({ expr }) => expr.includes(name))).toBe(true);
});

test('panels fit the 24-column grid, each under its row, without overlapping', () => {
  const cells = new Set<string>();
  for (const panel of PANELS) {
    const { x, y, w, h } = panel.grid;
    expect(x + w).toBeLessThanOrEqual(24);
    expect(ROWS.some((row) => row.y < y)).toBe(true);
    for (let i = x; i < x + w; i++) {
      for (let j = y; j < y + h; j++) {
        const cell = `${i},${j}`;
        expect({ panel: panel.title, cell, taken: cells.has(cell) }).toEqual({ panel: panel.title, cell, taken: false });
        cells.add(cell);
      }
    }
  }
  for (const row of ROWS) for (let i = 0; i < 24; i++) expect(cells.has(`${i},${row.y}`)).toBe(false);
  const dashboard = grafanaDashboard() as { panels: Array<{ type: string; id: number }> };
  expect(dashboard.panels.filter((p) => p.type !== 'row')).toHaveLength(PANELS.length);
  expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
});

test('the preview draws every panel from a real scrape, with the same figures', async () => {
  const running = await startServer({ port: 0, env: { METRICS_TOKEN: 'preview-test-token-000000000' }, storage: new MemoryStorage(), log: () => undefined });
  try {
    for (const [i, place] of ['LS1 4AP', 'Glasgow'].entries()) {
      for (const text of ['hi', 'no', 'myself', place]) await post(running.url, activity(`preview-${i}`, { type: 'message', text }));
    }
    const text = await (await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer preview-test-token-000000000' } })).text();
    const scrape = parsePrometheusText(text);
    const html = renderPreview(scrape, { conversations: 2, scrapedAt: 'now' });
    for (const panel of PANELS) expect(html).toContain(`>${panel.title.replace(/&/g, '&amp;')}<`);
    expect(total(scrape, METRIC_NAMES.outcomes)).toBe(2);
    expect(html).toMatch(/Outcomes reached<\/h3><p class="stat">2<\/p>/);
    expect(html).toMatch(/YHROCU<\/span>.*?<span class="bar__value">1<\/span>/);
  } finally {
    await running.shutdown(1_000);
  }
});

test('histogramQuantile interpolates within the bucket, as PromQL does', () => {
  const buckets = [
    { le: 0.01, count: 50 },
    { le: 0.1, count: 90 },
    { le: 1, count: 100 },
    { le: Infinity, count: 100 },
  ];
  expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.01);
  expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.055);
  expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.55);
  expect(histogramQuantile(0.5, [])).toBeNaN();
});
