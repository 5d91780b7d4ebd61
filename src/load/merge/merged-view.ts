import type { Histogram } from 'hdr-histogram-js';
import { decodeHistogram, newHistogram } from '../../core/hdr.js';
import type { MetricCatalog, MetricDef, MetricsView, TrendStats } from '../../core/thresholds/index.js';
import type { MetricSummary, ScenarioLoadResult } from '../scenario/result.js';
import type { ScenarioMerge } from './merge-scenarios.js';
import { ProtocolMerge } from './merge-protocol.js';

/** One endpoint of the merged run, added up across segments. */
export interface EndpointAcc {
  name: string;
  scenario?: string;
  requests: number;
  errors: number;
  bytes: number;
  statusCodes: Map<string, number>;
  errorClasses: Map<string, number>;
  hist: Histogram;
  /** phasesMs, stream and protocols of this endpoint. */
  proto: ProtocolMerge;
}

export interface MergedFigures {
  grand: Histogram;
  /** The whole run's phases, stream and protocols. */
  proto: ProtocolMerge;
  totals: { requests: number; errors: number; bytesReceived: number; dropped: number };
  endpoints: EndpointAcc[];
  durationSec: number;
  scenarios: ScenarioMerge;
  scenarioPart: Pick<ScenarioLoadResult, 'scenarios' | 'checks' | 'metrics'> | undefined;
  model: 'closed' | 'open';
}

/** The custom metrics a merged scripted result has, so its thresholds type-check as they did in the run. */
export function mergedCatalog(metrics: readonly MetricSummary[]): MetricCatalog {
  const out: Record<string, MetricDef> = {};
  for (const m of metrics) {
    const tags = new Set([...(out[m.metric]?.tags ?? []), ...Object.keys(m.tags)]);
    out[m.metric] = { kind: m.kind, time: m.kind === 'trend', tags: [...tags], description: `custom ${m.kind} from the scenario` };
  }
  return out;
}

/**
 * The metrics view thresholds read a merged result through: the same metrics and tag rules as a live
 * run (load/metrics-view.ts), over the merged histograms and counts.
 */
export function mergedView(f: MergedFigures): MetricsView {
  const pick = (tags: Record<string, string>): EndpointAcc[] | undefined => {
    const eps = f.endpoints.filter((e) => (tags.name === undefined || tags.name === e.name) && (tags.method === undefined || e.name.startsWith(`${tags.method.toUpperCase()} `)) && (tags.scenario === undefined || e.scenario === undefined || tags.scenario === e.scenario));
    return eps.length ? eps : undefined;
  };
  const untagged = (tags: Record<string, string>) => Object.keys(tags).length === 0;
  const matches = (have: Record<string, string>, want: Record<string, string>) => Object.entries(want).every(([k, v]) => have[k] === v);
  const customs = (metric: string, tags: Record<string, string>) => (f.scenarioPart?.metrics ?? []).filter((m) => m.metric === metric && matches(m.tags, tags));
  return {
    trend(metric, tags) {
      if (metric === 'http_req_duration') {
        if (untagged(tags)) return stats([f.grand]);
        const eps = pick(tags);
        return eps && stats(eps.map((e) => e.hist));
      }
      if (ProtocolMerge.owns(metric)) {
        // A phase never timed (tls on plain http) is no data, as in a live run (load/metrics-view.ts).
        const hs = (untagged(tags) ? [f.proto] : pick(tags)?.map((e) => e.proto) ?? []).flatMap((p) => p.hist(metric) ?? []);
        return stats(hs);
      }
      if (metric === 'iteration_duration' && f.scenarioPart) return stats(f.scenarios.iterationHist(tags.scenario));
      const ms = customs(metric, tags).filter((m) => m.hdr);
      if (!ms.length) return undefined;
      const hs = ms.map((m) => decodeHistogram(m.hdr!));
      return stats(hs);
    },
    rate(metric, tags) {
      if (metric === 'http_req_failed') {
        if (untagged(tags)) return { passes: f.totals.errors, total: f.totals.requests };
        const eps = pick(tags);
        return eps && { passes: eps.reduce((a, e) => a + e.errors, 0), total: eps.reduce((a, e) => a + e.requests, 0) };
      }
      if (metric === 'checks') {
        const cs = (f.scenarioPart?.checks.items ?? []).filter((c) => (tags.scenario === undefined || c.scenario === tags.scenario) && (tags.check === undefined || c.check === tags.check) && (tags.name === undefined || c.name === tags.name));
        return cs.length ? { passes: cs.reduce((a, c) => a + c.passes, 0), total: cs.reduce((a, c) => a + c.passes + c.fails, 0) } : undefined;
      }
      const ms = customs(metric, tags);
      return ms.length ? { passes: ms.reduce((a, m) => a + (m.passes ?? Math.round(m.value * m.count)), 0), total: ms.reduce((a, m) => a + m.count, 0) } : undefined;
    },
    counter(metric, tags) {
      const durationSec = f.durationSec;
      let count: number | undefined;
      if (metric === 'http_reqs' || metric === 'data_received') {
        const req = metric === 'http_reqs';
        if (untagged(tags)) count = req ? f.totals.requests : f.totals.bytesReceived;
        else count = pick(tags)?.reduce((a, e) => a + (req ? e.requests : e.bytes), 0);
      } else if (metric === 'stream:events') {
        const ns = (untagged(tags) ? [f.proto] : pick(tags)?.map((e) => e.proto) ?? []).flatMap((p) => p.events() ?? []);
        count = ns.length ? ns.reduce((a, n) => a + n, 0) : undefined;
      } else if (metric === 'iterations' || metric === 'dropped_iterations') {
        if (f.scenarioPart) {
          const ss = f.scenarioPart.scenarios.filter((s) => tags.scenario === undefined || s.name === tags.scenario);
          count = ss.reduce((a, s) => a + (metric === 'iterations' ? s.iterations : s.droppedIterations), 0);
        } else count = metric === 'iterations' ? (untagged(tags) ? f.totals.requests : pick(tags)?.reduce((a, e) => a + e.requests, 0)) : f.totals.dropped;
      } else {
        const ms = customs(metric, tags);
        count = ms.length ? ms.reduce((a, m) => a + m.value, 0) : undefined;
      }
      return count === undefined ? undefined : { count, durationSec };
    },
  };
}

/** Histograms hold value x 1000 (µs for times): stats in the value's unit, as the live view reports them. */
function stats(hs: readonly Histogram[]): TrendStats | undefined {
  if (!hs.length) return undefined;
  let h = hs[0]!;
  if (hs.length > 1) {
    h = newHistogram();
    for (const x of hs) h.add(x);
  }
  return {
    count: h.totalCount,
    min: h.totalCount ? h.minNonZeroValue / 1000 : 0,
    max: h.maxValue / 1000,
    mean: h.mean / 1000,
    percentile: (p) => (h.totalCount ? h.getValueAtPercentile(p) / 1000 : 0),
  };
}
