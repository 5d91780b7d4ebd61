import type { Histogram } from 'hdr-histogram-js';
import type { MetricsView, TrendStats } from '../../core/thresholds/index.js';
import { newHistogram } from '../../core/hdr.js';
import type { EndpointSlice } from '../slice.js';
import type { ScenarioTotals } from './totals.js';

/**
 * Thresholds read a scripted run through this view: request metrics by name/method/scenario,
 * `checks` by scenario/check/name, iterations per scenario, and custom metrics by their tags.
 */
export function scenarioMetricsView(t: ScenarioTotals, elapsedSec: () => number): MetricsView {
  const agg = t.agg;
  const selectEndpoints = (tags: Record<string, string>): EndpointSlice[] | undefined => {
    if (Object.keys(tags).length === 0) return [agg.grand];
    const picked = agg.endpoints.filter((_, i) => {
      const e = t.endpoints[i]!;
      return (tags.name === undefined || tags.name === e.name) && (tags.method === undefined || tags.method.toUpperCase() === e.method) && (tags.scenario === undefined || tags.scenario === e.scenario);
    });
    return picked.length > 0 ? picked : undefined;
  };
  const sum = <T>(xs: Iterable<T>, f: (x: T) => number) => {
    let n = 0;
    for (const x of xs) n += f(x);
    return n;
  };
  const matches = (have: Record<string, string>, want: Record<string, string>) => Object.entries(want).every(([k, v]) => have[k] === v);
  const customs = (metric: string, tags: Record<string, string>) => [...t.metrics.values()].filter((m) => m.metric === metric && matches(m.tags, tags));
  return {
    trend(metric, tags) {
      if (metric === 'http_req_duration') {
        const slices = selectEndpoints(tags);
        if (!slices) return undefined;
        return trendStats(slices.length === 1 ? slices[0]!.hist : merge(slices.map((s) => s.hist)), 1000);
      }
      const ms = customs(metric, tags).filter((m) => m.hist);
      if (ms.length === 0) return undefined;
      return trendStats(ms.length === 1 ? ms[0]!.hist! : merge(ms.map((m) => m.hist!)), 1000);
    },
    rate(metric, tags) {
      if (metric === 'http_req_failed') {
        const slices = selectEndpoints(tags);
        return slices ? { passes: sum(slices, (s) => s.errors), total: sum(slices, (s) => s.requests) } : undefined;
      }
      if (metric === 'checks') {
        const cs = [...t.checks.values()].filter((c) => (tags.scenario === undefined || c.scenario === tags.scenario) && (tags.check === undefined || c.check === tags.check) && (tags.name === undefined || c.name === tags.name));
        return cs.length ? { passes: sum(cs, (c) => c.passes), total: sum(cs, (c) => c.total) } : undefined;
      }
      const ms = customs(metric, tags);
      return ms.length ? { passes: sum(ms, (m) => m.value), total: sum(ms, (m) => m.total) } : undefined;
    },
    counter(metric, tags) {
      const durationSec = elapsedSec();
      switch (metric) {
        case 'http_reqs':
        case 'data_received': {
          const slices = selectEndpoints(tags);
          if (!slices) return undefined;
          return { count: sum(slices, (s) => (metric === 'http_reqs' ? s.requests : s.bytes)), durationSec };
        }
        case 'iterations':
        case 'dropped_iterations': {
          const ss = [...t.scenarios].filter(([name]) => tags.scenario === undefined || tags.scenario === name).map(([, s]) => s);
          return { count: sum(ss, (s) => (metric === 'iterations' ? s.iterations : s.dropped)), durationSec };
        }
        default: {
          const ms = customs(metric, tags);
          return ms.length ? { count: sum(ms, (m) => m.value), durationSec } : undefined;
        }
      }
    },
  };
}

function merge(hs: Histogram[]): Histogram {
  const h = newHistogram();
  for (const x of hs) h.add(x);
  return h;
}

/** `scale`: recorded units per reported unit (µs -> ms for time, x1000 for custom trends). */
function trendStats(h: Histogram, scale: number): TrendStats {
  return {
    count: h.totalCount,
    min: h.totalCount ? h.minNonZeroValue / scale : 0,
    max: h.maxValue / scale,
    mean: h.mean / scale,
    percentile: (p) => (h.totalCount ? h.getValueAtPercentile(p) / scale : 0),
  };
}
