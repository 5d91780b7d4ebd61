import type { LoadResult } from '../core/load-result.js';
import { VITALS, type VitalsResult } from '../core/vitals.js';

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

/**
 * `--csv PREFIX` with --vitals: one row per condition (under_load, idle), page, mode and vital with its count,
 * percentiles and band; then one row per vitals threshold (judged under load) with its actual, the idle value and ok.
 */
export function vitalsCsv(r: LoadResult): string {
  const v = r.vitals;
  const figures = (condition: string, x: VitalsResult | null | undefined) =>
    (x?.pages ?? []).flatMap((p) =>
      (['cold', 'warm'] as const).flatMap((mode) =>
        VITALS.map((vital) => {
          const s = p.vitals[mode][vital];
          return [condition, p.url, mode, vital, s.count, s.p50 ?? '', s.p75 ?? '', s.p95 ?? '', s.band ?? '', '', '', '', ''];
        }),
      ),
    );
  const idle = new Map((v?.idle?.thresholds ?? []).map((t) => [`${t.metric} ${t.expression}`, t.actual]));
  const thresholds = (v?.underLoad?.thresholds ?? []).map((t) => ['under_load', '', '', t.metric, '', '', '', '', '', t.expression, t.actual ?? '', idle.get(`${t.metric} ${t.expression}`) ?? '', t.ok ? 'pass' : 'fail']);
  return rows(
    ['condition', 'page', 'mode', 'vital', 'count', 'p50', 'p75', 'p95', 'band', 'threshold', 'threshold_actual', 'threshold_idle', 'threshold_status'],
    [...figures('under_load', v?.underLoad), ...figures('idle', v?.idle), ...thresholds],
  );
}
