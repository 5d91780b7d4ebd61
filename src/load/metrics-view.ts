import type { Histogram } from 'hdr-histogram-js';
import type { MetricsView, TrendStats } from '../core/thresholds/index.js';
import type { Aggregate } from './aggregate.js';
import { newHistogram } from '../core/hdr.js';
import type { EndpointSlice } from './slice.js';

export interface EndpointMeta {
  name: string;
  method: string;
}

/** Thresholds read the run through this view; it picks endpoints by their tags. */
export function metricsView(agg: Aggregate, endpoints: EndpointMeta[], elapsedSec: () => number, dropped: () => number): MetricsView {
  const select = (tags: Record<string, string>): EndpointSlice[] | undefined => {
    if (Object.keys(tags).length === 0) return [agg.grand];
    const picked = agg.endpoints.filter((_, i) => {
      const e = endpoints[i]!;
      return (tags.name === undefined || tags.name === e.name) && (tags.method === undefined || tags.method.toUpperCase() === e.method);
    });
    return picked.length > 0 ? picked : undefined;
  };
  const sum = (slices: EndpointSlice[], f: (s: EndpointSlice) => number) => slices.reduce((a, s) => a + f(s), 0);
  return {
    trend(metric, tags) {
      if (metric !== 'http_req_duration') return undefined;
      const slices = select(tags);
      if (!slices) return undefined;
      return trendStats(slices.length === 1 ? slices[0]!.hist : mergeHists(slices));
    },
    rate(metric, tags) {
      if (metric !== 'http_req_failed') return undefined;
      const slices = select(tags);
      return slices ? { passes: sum(slices, (s) => s.errors), total: sum(slices, (s) => s.requests) } : undefined;
    },
    counter(metric, tags) {
      const slices = select(tags);
      if (!slices) return undefined;
      const durationSec = elapsedSec();
      switch (metric) {
        case 'http_reqs':
        case 'iterations':
          return { count: sum(slices, (s) => s.requests), durationSec };
        case 'data_received':
          return { count: sum(slices, (s) => s.bytes), durationSec };
        case 'dropped_iterations':
          return { count: dropped(), durationSec };
        default:
          return undefined;
      }
    },
  };
}

function mergeHists(slices: EndpointSlice[]): Histogram {
  const h = newHistogram();
  for (const s of slices) h.add(s.hist);
  return h;
}

function trendStats(h: Histogram): TrendStats {
  return {
    count: h.totalCount,
    min: h.totalCount ? h.minNonZeroValue / 1000 : 0,
    max: h.maxValue / 1000,
    mean: h.mean / 1000,
    percentile: (p) => (h.totalCount ? h.getValueAtPercentile(p) / 1000 : 0),
  };
}
