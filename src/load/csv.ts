import type { LoadResult } from '../core/load-result.js';

/** RFC 4180 quoting: endpoint names come from user URLs and may hold commas or quotes. */
function cell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rows(header: string[], data: (string | number)[][]): string {
  return [header, ...data].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function endpointsCsv(r: LoadResult): string {
  return rows(
    ['name', 'requests', 'errors', 'error_rate', 'rps', 'min_ms', 'mean_ms', 'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'p999_ms', 'max_ms', 'bytes_received'],
    r.endpoints.map((e) => [e.name, e.requests, e.errors, e.errorRate, e.rps, e.latencyMs.min, e.latencyMs.mean, e.latencyMs.p50, e.latencyMs.p90, e.latencyMs.p95, e.latencyMs.p99, e.latencyMs.p999, e.latencyMs.max, e.bytesReceived]),
  );
}

export function timelineCsv(r: LoadResult): string {
  return rows(
    ['t_s', 'requests', 'errors', 'rps', 'p50_ms', 'p95_ms', 'p99_ms', 'bytes_received'],
    r.timeline.map((p) => [p.t, p.requests, p.errors, p.rps, p.p50, p.p95, p.p99, p.bytes]),
  );
}
