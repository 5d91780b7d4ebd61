import type { GonogoConfig } from '../../core/config/schema.js';
import { parseDuration } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
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

/** The command-line side: --metrics (repeatable), --metrics-interval, --prometheus. */
export interface ServerMetricsFlags {
  metrics?: string[];
  metricsInterval?: string;
  prometheus?: string;
}

const MIN_INTERVAL_MS = 100;

/**
 * Flags over `load.metrics*` / `load.prometheus` from the config; undefined when neither asks for
 * server metrics. Bad values name their flag.
 */
export function resolveServerMetrics(flags: ServerMetricsFlags, config: GonogoConfig | undefined): ServerMetricsOptions | undefined {
  const cl = config?.load;
  const cfgUrls = cl?.metrics === undefined ? [] : typeof cl.metrics === 'string' ? [cl.metrics] : [...cl.metrics];
  const urls = flags.metrics?.length ? flags.metrics.map((u) => checkUrl(u, '--metrics')) : cfgUrls;
  const promUrl = flags.prometheus !== undefined ? checkUrl(flags.prometheus, '--prometheus') : cl?.prometheus?.url;
  if (urls.length === 0 && promUrl === undefined) return undefined;
  const intervalMs = flags.metricsInterval !== undefined ? parseDuration(flags.metricsInterval, '--metrics-interval') : (cl?.metricsIntervalMs ?? SERVER_METRICS_DEFAULTS.intervalMs);
  if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--metrics-interval must be at least ${MIN_INTERVAL_MS} ms, got "${flags.metricsInterval ?? intervalMs}"`, { where: flags.metricsInterval !== undefined ? '--metrics-interval' : 'load.metricsInterval', hint: 'e.g. 1s (the default) or 500ms' });
  const p = cl?.prometheus;
  return {
    urls,
    intervalMs,
    ...(cl?.metricsMap ? { map: { ...cl.metricsMap } } : {}),
    ...(cl?.metricsLimits ? { limits: { ...cl.metricsLimits } } : {}),
    ...(promUrl !== undefined ? { prometheus: { url: promUrl, ...(p?.queries ? { queries: { ...p.queries } } : {}), ...(p?.selector ? { selector: p.selector } : {}), ...(p?.timeoutMs ? { timeoutMs: p.timeoutMs } : {}) } } : {}),
  };
}

function checkUrl(raw: string, where: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a valid URL`, { where, hint: 'use an absolute URL such as http://127.0.0.1:9464/metrics' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`unsupported protocol "${u.protocol}" in ${where}`, { where, hint: 'metrics endpoints and Prometheus are reached over http:// or https://' });
  return u.href;
}
