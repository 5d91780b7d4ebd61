import { percentileMs } from '../core/hdr.js';
import { MAX_LIVE_ENDPOINTS, type LiveEndpoint, type LiveServerValue, type LiveSnapshot } from '../core/live-snapshot.js';
import type { ThresholdResult } from '../core/thresholds/index.js';
import type { Aggregate } from './aggregate.js';
import type { EndpointSlice } from './slice.js';

/** The run so far as a LiveSnapshot: totals and per-endpoint figures from the aggregate, the last complete second from the timeline. */
export function liveSnapshot(agg: Aggregate, o: { run: number; users: number; server: LiveServerValue[]; elapsedMs: number; durationMs: number; thresholds: readonly ThresholdResult[] }): LiveSnapshot {
  const last = agg.lastComplete();
  const g = agg.grand;
  const busiest = agg.meta.map((m, i) => ({ m, s: agg.endpoints[i]! }));
  if (busiest.length > MAX_LIVE_ENDPOINTS) busiest.sort((a, b) => b.s.requests - a.s.requests);
  return {
    run: o.run,
    at: Date.now(),
    elapsedMs: Math.max(0, Math.round(o.elapsedMs)),
    durationMs: o.durationMs,
    second: last ? { t: last.t, requests: last.requests, errors: last.errors, p50: last.p50, p95: last.p95, p99: last.p99 } : { t: -1, requests: 0, errors: 0, p50: 0, p95: 0, p99: 0 },
    requests: g.requests,
    errors: g.errors,
    bytes: g.bytes,
    errorClasses: agg.errorClassCounts(),
    users: o.users,
    thresholds: o.thresholds.map((t) => ({ metric: t.metric, expression: t.expression, actual: t.actual, ok: t.ok })),
    endpoints: busiest.slice(0, MAX_LIVE_ENDPOINTS).map(({ m, s }) => endpoint(m, s)),
    endpointsOmitted: Math.max(0, busiest.length - MAX_LIVE_ENDPOINTS),
    server: o.server,
  };
}

function endpoint(m: Aggregate['meta'][number], s: EndpointSlice): LiveEndpoint {
  const statusClasses: Record<string, number> = {};
  let answered = 0;
  for (const [code, n] of s.statuses) {
    const cls = `${Math.floor(code / 100)}xx`;
    statusClasses[cls] = (statusClasses[cls] ?? 0) + n;
    answered += n;
  }
  if (s.requests > answered) statusClasses.none = s.requests - answered;
  return { name: m.name, method: m.method, ...(m.scenario !== undefined ? { scenario: m.scenario } : {}), requests: s.requests, errors: s.errors, statusClasses, p50: percentileMs(s.hist, 50), p95: percentileMs(s.hist, 95), p99: percentileMs(s.hist, 99) };
}
