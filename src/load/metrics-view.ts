import type { Histogram } from 'hdr-histogram-js';
import { newHistogram } from '../core/hdr.js';
import type { MetricsView, TrendStats } from '../core/thresholds/index.js';
import type { Aggregate } from './aggregate.js';
import { PHASES } from '../core/load-result.js';

/** "phase:ttfb" -> its index in a slice's phase histograms. */
const PHASE_OF_METRIC = new Map(PHASES.map((p, i) => [`phase:${p}`, i]));

/**
 * Metrics a front end knows beyond the request metrics the aggregate holds: scripted mode's checks,
 * iterations and custom metrics; quick mode's iterations (one request each) and dropped sends. A later
 * source (server-side series) plugs in the same way. Trends are HDR histograms of value x 1000
 * (µs for time trends), so they merge exactly and read like http_req_duration.
 */
export interface ExtraMetrics {
  trend?(metric: string, tags: Record<string, string>): Histogram[] | undefined;
  rate?(metric: string, tags: Record<string, string>): { passes: number; total: number } | undefined;
  count?(metric: string, tags: Record<string, string>): number | undefined;
  gauge?(metric: string, tags: Record<string, string>): { value: number } | undefined;
}

/**
 * The one view thresholds read a run through, in both front ends: http_req_duration,
 * http_req_failed, http_reqs and data_received from the aggregate (endpoints picked by their tags),
 * everything else from `extra`. `elapsedSec` is the duration counters' rates are over.
 */
export function metricsView(agg: Aggregate, elapsedSec: () => number, extra: ExtraMetrics): MetricsView {
  const view: MetricsView = {
    trend(metric, tags) {
      if (metric === 'http_req_duration') {
        const slices = agg.select(tags);
        return slices ? trendStats(slices.length === 1 ? slices[0]!.hist : mergeHists(slices.map((s) => s.hist))) : undefined;
      }
      const phase = PHASE_OF_METRIC.get(metric);
      if (phase !== undefined) {
        // A phase never timed (tls on plain http) is no data, not a 0 that passes every bound.
        const hs = agg.select(tags)?.flatMap((s) => (s.phases && s.phases[phase]!.totalCount > 0 ? [s.phases[phase]!] : []));
        return hs && hs.length > 0 ? trendStats(hs.length === 1 ? hs[0]! : mergeHists(hs)) : undefined;
      }
      if (metric === 'stream:first_event' || metric === 'stream:event_gap') {
        const hs = agg.select(tags)?.flatMap((s) => (s.stream ? [metric === 'stream:first_event' ? s.stream.first : s.stream.gap] : [])).filter((h) => h.totalCount > 0);
        return hs && hs.length > 0 ? trendStats(hs.length === 1 ? hs[0]! : mergeHists(hs)) : undefined;
      }
      const hs = extra.trend?.(metric, tags);
      return hs && hs.length > 0 ? trendStats(hs.length === 1 ? hs[0]! : mergeHists(hs)) : undefined;
    },
    rate(metric, tags) {
      if (metric === 'http_req_failed') {
        const slices = agg.select(tags);
        return slices ? { passes: sum(slices, (s) => s.errors), total: sum(slices, (s) => s.requests) } : undefined;
      }
      return extra.rate?.(metric, tags);
    },
    counter(metric, tags) {
      let count: number | undefined;
      if (metric === 'http_reqs' || metric === 'data_received') {
        const slices = agg.select(tags);
        count = slices && sum(slices, metric === 'http_reqs' ? (s) => s.requests : (s) => s.bytes);
      } else if (metric === 'stream:events') {
        count = agg.select(tags)?.reduce((n, s) => n + (s.stream?.events ?? 0), 0);
      } else count = extra.count?.(metric, tags);
      return count === undefined ? undefined : { count, durationSec: elapsedSec() };
    },
  };
  if (extra.gauge) view.gauge = extra.gauge.bind(extra);
  return view;
}

/** Quick mode's extra metrics: every iteration is one request; dropped sends are the generator's. */
export function quickMetrics(agg: Aggregate, dropped: () => number): ExtraMetrics {
  return {
    count(metric, tags) {
      if (metric !== 'iterations' && metric !== 'dropped_iterations') return undefined;
      const slices = agg.select(tags);
      if (!slices) return undefined;
      return metric === 'iterations' ? sum(slices, (s) => s.requests) : dropped();
    },
  };
}

export function sum<T>(xs: Iterable<T>, f: (x: T) => number): number {
  let n = 0;
  for (const x of xs) n += f(x);
  return n;
}

function mergeHists(hs: readonly Histogram[]): Histogram {
  const h = newHistogram();
  for (const x of hs) h.add(x);
  return h;
}

/** Histograms hold value x 1000: report in the value's unit (ms for time trends). */
function trendStats(h: Histogram): TrendStats {
  return {
    count: h.totalCount,
    min: h.totalCount ? h.minNonZeroValue / 1000 : 0,
    max: h.maxValue / 1000,
    mean: h.mean / 1000,
    percentile: (p) => (h.totalCount ? h.getValueAtPercentile(p) / 1000 : 0),
  };
}
