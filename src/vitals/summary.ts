import { evaluateThresholds, parseThresholds, type MetricCatalog, type MetricsView, type ThresholdResult, type ThresholdSource, type TrendStats } from '../core/thresholds/index.js';
import { ThresholdError } from '../core/errors.js';
import { VITALS, type LoadMode, type Vital, type VitalsSample } from './measure.js';

/** The metrics a vitals threshold may name (`lcp p(75)<2500`, `cls{mode:cold} p(75)<0.1`); filterable by url and mode. */
export const VITALS_METRICS: MetricCatalog = {
  lcp: { kind: 'trend', time: true, tags: ['url', 'mode'], description: 'Largest Contentful Paint, in ms.' },
  fcp: { kind: 'trend', time: true, tags: ['url', 'mode'], description: 'First Contentful Paint, in ms.' },
  ttfb: { kind: 'trend', time: true, tags: ['url', 'mode'], description: 'Time to first byte of the page (navigation responseStart), in ms.' },
  inp: { kind: 'trend', time: true, tags: ['url', 'mode'], description: 'Interaction to Next Paint of the scripted interaction, in ms.' },
  cls: { kind: 'trend', tags: ['url', 'mode'], description: 'Cumulative Layout Shift (largest session window), unitless.' },
};

/** Google's bands: good up to the first bound, poor above the second (web.dev/articles/vitals). */
export const BANDS: Record<Vital, readonly [number, number]> = { lcp: [2500, 4000], inp: [200, 500], cls: [0.1, 0.25], fcp: [1800, 3000], ttfb: [800, 1800] };
export type Band = 'good' | 'needs-improvement' | 'poor';

export interface VitalStats {
  samples: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
  /** Google's band of p75 (how the Chrome UX report grades a page). */
  band: Band;
}

export interface PageVitals {
  url: string;
  mode: LoadMode;
  loads: number;
  failed: number;
  errors: string[];
  metrics: Partial<Record<Vital, VitalStats>>;
}

export function bandOf(vital: Vital, value: number): Band {
  const [good, poor] = BANDS[vital];
  return value <= good ? 'good' : value <= poor ? 'needs-improvement' : 'poor';
}

/** Nearest-rank percentile of a few samples (sorted ascending). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function statsOf(vital: Vital, values: readonly number[]): VitalStats | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const p75 = percentile(s, 75);
  return { samples: s.length, p50: percentile(s, 50), p75, p95: percentile(s, 95), max: s[s.length - 1]!, band: bandOf(vital, p75) };
}

export function summarisePages(samples: readonly VitalsSample[]): PageVitals[] {
  const groups = new Map<string, VitalsSample[]>();
  for (const s of samples) groups.set(`${s.mode} ${s.url}`, [...(groups.get(`${s.mode} ${s.url}`) ?? []), s]);
  return [...groups.values()].map((g) => {
    const metrics: Partial<Record<Vital, VitalStats>> = {};
    for (const v of VITALS) {
      const st = statsOf(v, g.flatMap((s) => (s.values[v] === undefined ? [] : [s.values[v]!])));
      if (st) metrics[v] = st;
    }
    const errors = [...new Set(g.flatMap((s) => (s.error ? [s.error] : [])))];
    return { url: g[0]!.url, mode: g[0]!.mode, loads: g.length, failed: g.filter((s) => s.error).length, errors, metrics };
  });
}

/** Check the expressions before the browser starts: a typo is exit 2, not a wasted run. */
export function parseVitalsThresholds(sources: readonly ThresholdSource[]) {
  const parsed = parseThresholds(sources, VITALS_METRICS);
  parsed.forEach((t, i) => {
    if (!(t.metric in VITALS_METRICS)) {
      throw new ThresholdError('GONOGO_THRESHOLD_TYPE', `${sources[i]!.where}: "${t.metric}" is not a page vital`, { where: sources[i]!.where, hint: `use ${Object.keys(VITALS_METRICS).join(', ')}, e.g. "lcp: p(75)<2500"` });
    }
  });
  return parsed;
}

/** Thresholds over every sample that matches the selector's tags. */
export function evaluateVitals(sources: readonly ThresholdSource[], samples: readonly VitalsSample[]): ThresholdResult[] {
  const view: MetricsView = {
    trend(metric, tags): TrendStats | undefined {
      const values = samples.filter((s) => (tags.url === undefined || s.url === tags.url) && (tags.mode === undefined || s.mode === tags.mode)).flatMap((s) => (s.values[metric as Vital] === undefined ? [] : [s.values[metric as Vital]!]));
      if (values.length === 0) return { count: 0, min: 0, max: 0, mean: 0, percentile: () => 0 };
      const s = [...values].sort((a, b) => a - b);
      return { count: s.length, min: s[0]!, max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length, percentile: (p) => percentile(s, p) };
    },
    rate: () => undefined,
    counter: () => undefined,
  };
  return evaluateThresholds(parseVitalsThresholds(sources), view);
}
