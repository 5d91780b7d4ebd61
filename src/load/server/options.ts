import type { SeriesKey } from '../../core/server-metrics.js';

/**
 * What to watch on the server side during one load run. Part of the load run options (quick mode's
 * LoadOptions.metrics, scripted mode's ScenarioRunOptions.metrics), so any run — a `gonogo load`, a
 * profile, one step of the capacity search — gets `server` in its result when this is set.
 */
export interface ServerMetricsOptions {
  /** Prometheus text / OpenMetrics endpoints scraped for the whole run. */
  urls: string[];
  /** Scrape period (default 1000 ms). */
  intervalMs: number;
  /** Per-scrape timeout; always below the interval (default min(0.8 x interval, 5 s)). */
  timeoutMs?: number;
  /** A body larger than this is a gap, not parsed (default 5 MiB). */
  maxBytes?: number;
  /** Custom families mapped to a resource role, e.g. { myapp_db_busy: 'db_pool.used' } (config `load.metricsMap`). */
  map?: Record<string, SeriesKey>;
  /** Ceilings the metrics do not expose, e.g. { cpu: 2 } cores, { memory: 4294967296 } bytes. */
  limits?: { cpu?: number; memory?: number };
  /** A Prometheus server to query_range over the run's window after the run. */
  prometheus?: PrometheusOptions;
}

export interface PrometheusOptions {
  /** Base URL, e.g. http://127.0.0.1:9090 */
  url: string;
  /** Series key -> PromQL, e.g. { 'db_pool.used': 'sum(hikaricp_connections_active)' }. Without queries: every catalogued family. */
  queries?: Record<string, string>;
  /** Label matchers added to the catalogue query, e.g. 'job="api"'. */
  selector?: string;
  /** Per query (default 5 s). */
  timeoutMs?: number;
}

export const SERVER_METRICS_DEFAULTS = { intervalMs: 1000, maxBytes: 5 * 1024 * 1024, maxTimeoutMs: 5000, prometheusTimeoutMs: 5000 } as const;

/** The scrape timeout actually used: bounded below the interval, so scrapes never pile up. */
export function scrapeTimeoutMs(o: Pick<ServerMetricsOptions, 'intervalMs' | 'timeoutMs'>): number {
  const cap = Math.max(50, Math.floor(o.intervalMs * 0.8));
  return Math.min(o.timeoutMs ?? SERVER_METRICS_DEFAULTS.maxTimeoutMs, cap);
}
