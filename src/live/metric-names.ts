import type { LiveSnapshot } from '../core/live-snapshot.js';

/**
 * The one list of live metric names (Prometheus conventions: base units, `_total` for counters).
 * Remote write sends exactly these series; the dashboard labels its figures with the same names
 * (it gets this list from the server), so a Grafana panel and the dashboard tile read alike.
 */
export const LIVE_METRICS = {
  requests: { name: 'gonogo_http_requests_total', type: 'counter', help: 'Requests completed so far, by endpoint, method and status class (2xx..5xx, none = no response).' },
  errors: { name: 'gonogo_http_request_errors_total', type: 'counter', help: 'Failed requests so far, by error class (http_4xx, http_5xx, timeout, refused, ...).' },
  duration: { name: 'gonogo_http_request_duration_seconds', type: 'gauge', help: 'Latency quantiles (0.5, 0.95, 0.99) of the last complete second, all endpoints.' },
  endpointDuration: { name: 'gonogo_http_endpoint_duration_seconds', type: 'gauge', help: 'Latency quantiles of each endpoint over the run so far.' },
  received: { name: 'gonogo_http_received_bytes_total', type: 'counter', help: 'Response bytes received so far.' },
  vus: { name: 'gonogo_vus', type: 'gauge', help: 'Virtual users (connections) busy now.' },
  threshold: { name: 'gonogo_threshold_passing', type: 'gauge', help: '1 while the threshold passes over the run so far, 0 while it fails (or has no data yet).' },
  server: { name: 'gonogo_server_value', type: 'gauge', help: 'Latest value of each server-side series scraped with --metrics (series, unit).' },
} as const;

export type LiveMetricKey = keyof typeof LIVE_METRICS;

/** One sample of one series: labels without __name__. */
export interface LiveSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const QUANTILES = [
  ['0.5', 'p50'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/** A snapshot as Prometheus samples; every series carries `run` (capacity steps and baseline profiles are runs 1, 2, ...). */
export function snapshotSamples(s: LiveSnapshot): LiveSample[] {
  const run = String(s.run);
  const out: LiveSample[] = [];
  const add = (key: LiveMetricKey, labels: Record<string, string>, value: number) => out.push({ name: LIVE_METRICS[key].name, labels: { run, ...labels }, value });
  for (const e of s.endpoints) {
    for (const [status_class, n] of Object.entries(e.statusClasses)) add('requests', { endpoint: endpointLabel(e), method: e.method, status_class }, n);
    for (const [q, k] of QUANTILES) add('endpointDuration', { endpoint: endpointLabel(e), method: e.method, quantile: q }, e[k] / 1000);
  }
  for (const [cls, n] of Object.entries(s.errorClasses)) add('errors', { class: cls }, n);
  if (s.second.t >= 0) for (const [q, k] of QUANTILES) add('duration', { quantile: q }, s.second[k] / 1000);
  add('received', {}, s.bytes);
  add('vus', {}, s.users);
  for (const t of s.thresholds) add('threshold', { threshold: `${t.metric}: ${t.expression}` }, t.ok ? 1 : 0);
  for (const v of s.server) add('server', { series: v.name, unit: v.unit }, v.value);
  return out;
}

/** "GET /api/items", prefixed by the scenario in scripted runs ("checkout: POST /cart"). */
export function endpointLabel(e: LiveSnapshot['endpoints'][number]): string {
  return e.scenario === undefined ? e.name : `${e.scenario}: ${e.name}`;
}
