/**
 * A reader for the Prometheus text exposition format (what GET /metrics answers), enough for the tests and the
 * dashboard preview: samples with their labels, and the TYPE of each metric family.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: Sample[];
  /** Metric family name → its TYPE (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function number(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

export function parsePrometheusText(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (match[2]) {
      LABEL.lastIndex = 0;
      let consumed = 0;
      for (let label = LABEL.exec(match[2]); label; label = LABEL.exec(match[2])) {
        labels[label[1]] = unescape(label[2]);
        consumed = LABEL.lastIndex;
      }
      if (consumed !== match[2].length) throw new Error(`unreadable labels in: ${line}`);
    }
    samples.push({ name: match[1], labels, value: number(match[3]) });
  }
  return { samples, types };
}

/** The sum of the samples of `name` whose labels include `match`. */
export function total(scrape: Scrape, name: string, match: Record<string, string> = {}): number {
  return scrape.samples
    .filter((sample) => sample.name === name && Object.entries(match).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** The samples of `name` summed by the values of `by` (as `sum by (by) (name)` in PromQL). */
export function sumBy(scrape: Scrape, name: string, by: string[], match: Record<string, string> = {}): Array<{ labels: Record<string, string>; value: number }> {
  const groups = new Map<string, { labels: Record<string, string>; value: number }>();
  for (const sample of scrape.samples) {
    if (sample.name !== name || !Object.entries(match).every(([key, value]) => sample.labels[key] === value)) continue;
    const labels = Object.fromEntries(by.map((label) => [label, sample.labels[label] ?? '']));
    const key = JSON.stringify(labels);
    const group = groups.get(key) ?? { labels, value: 0 };
    group.value += sample.value;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The q-quantile of a histogram from its cumulative buckets, interpolated within the bucket as PromQL's
 * histogram_quantile does.
 */
export function histogramQuantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const count = sorted.at(-1)?.count ?? 0;
  if (!count) return NaN;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return lower;
      return lower + (bucket.le - lower) * ((rank - below) / Math.max(bucket.count - below, 1e-9));
    }
    lower = bucket.le;
    below = bucket.count;
  }
  return lower;
}
