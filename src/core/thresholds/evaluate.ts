/**
 * Evaluation is a pure function of the thresholds and a read-only view of the metrics, so the
 * engine can run it on the final totals or on a time window, and tests need no sockets.
 */
import type { Op, Threshold } from './types.js';

/** Latency-style statistics in ms; `percentile(p)` takes p in (0, 100] (as HDR histograms do). */
export interface TrendStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  percentile(p: number): number;
}

/** Implemented by the load engine over its HDR histograms and counters. */
export interface MetricsView {
  trend(metric: string, tags: Record<string, string>): TrendStats | undefined;
  rate(metric: string, tags: Record<string, string>): { passes: number; total: number } | undefined;
  counter(metric: string, tags: Record<string, string>): { count: number; durationSec: number } | undefined;
  /** Only custom gauge metrics need this; without it a gauge threshold has no data. */
  gauge?(metric: string, tags: Record<string, string>): { value: number } | undefined;
}

export interface ThresholdResult {
  /** Canonical selector: "http_req_duration" or "http_req_duration{name:GET /api/items}". */
  metric: string;
  /** The condition as written, trimmed: "p(95)<500". */
  expression: string;
  /** The measured value in the metric's base unit, or null when nothing was measured. */
  actual: number | null;
  ok: boolean;
  abortOnFail: boolean;
}

/** One result per threshold, in the same order (shouldAbort relies on that). */
export function evaluateThresholds(ts: readonly Threshold[], view: MetricsView): ThresholdResult[] {
  return ts.map((t) => {
    const actual = measure(t, view);
    return { metric: t.selector, expression: t.condition, actual, ok: actual !== null && compare(actual, t.op, t.value), abortOnFail: t.abortOnFail };
  });
}

/**
 * The first abortOnFail threshold that is failing once its delay has passed. A threshold with no
 * data yet (actual null) never aborts: at the start of a run nothing is measured, which is not a failure.
 */
export function shouldAbort(results: readonly ThresholdResult[], ts: readonly Threshold[], elapsedMs: number): Threshold | undefined {
  const n = Math.min(results.length, ts.length);
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    const r = results[i]!;
    if (t.abortOnFail && !r.ok && r.actual !== null && elapsedMs >= t.delayAbortEvalMs) return t;
  }
  return undefined;
}

/**
 * null = nothing measured. Trend latencies and rates with no samples cannot prove an SLA, so they
 * are null; counts (of a counter or of a trend's samples) are real values even when 0.
 */
function measure(t: Threshold, view: MetricsView): number | null {
  const agg = t.aggregation;
  let v: number | null;
  switch (t.kind) {
    case 'trend': {
      const s = view.trend(t.metric, t.tags);
      if (agg.kind === 'count') v = s?.count ?? 0;
      else if (s === undefined || s.count === 0) v = null;
      else v = trendValue(s, agg.kind === 'p' ? agg.p : agg.kind);
      break;
    }
    case 'rate': {
      const r = view.rate(t.metric, t.tags);
      v = r === undefined || r.total === 0 ? null : r.passes / r.total;
      break;
    }
    case 'counter': {
      const c = view.counter(t.metric, t.tags) ?? { count: 0, durationSec: 0 };
      if (agg.kind === 'count') v = c.count;
      else if (c.count === 0) v = 0; // nothing happened: 0 per second over any duration
      else v = c.durationSec > 0 ? c.count / c.durationSec : null;
      break;
    }
    case 'gauge':
      v = view.gauge?.(t.metric, t.tags)?.value ?? null;
      break;
  }
  return v !== null && Number.isFinite(v) ? v : null;
}

function trendValue(s: TrendStats, agg: number | string): number | null {
  if (typeof agg === 'number') return s.percentile(agg);
  switch (agg) {
    case 'avg':
      return s.mean;
    case 'min':
      return s.min;
    case 'max':
      return s.max;
    case 'med':
      return s.percentile(50);
    default:
      return null; // unreachable: typecheck only lets trend aggregations through
  }
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}
