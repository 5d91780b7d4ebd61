/*
 * Server-side metrics of one load run, as the result JSON (`LoadResult.server`), the reports and
 * the capacity search read them: plain data, so report/ and run/ never depend on the sampler.
 * Every series is joined onto the load timeline by `t` (whole seconds since the run start).
 */

/** The resources the catalogue maps metric families to (docs/server-metrics.md). */
export const SERVER_RESOURCES = ['cpu', 'memory', 'event_loop', 'db_pool', 'cache', 'thread_pool', 'queue', 'disk', 'network'] as const;
export type ServerResource = (typeof SERVER_RESOURCES)[number];

/**
 * What a series measures within its resource. `used`/`limit` pair up (in use vs. the ceiling);
 * `pending` is waiting work (pool waiters); `hits`/`misses` are per-second rates; `hit_ratio` is
 * derived from them; `lag` is seconds; `depth` is items waiting; `available` is free bytes.
 */
export const SERVER_ROLES = ['used', 'limit', 'pending', 'idle', 'available', 'hits', 'misses', 'hit_ratio', 'lag', 'depth', 'rx', 'tx'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

/** `resource.role`, e.g. `db_pool.used`: how a custom family or a PromQL query is mapped in config. */
export type SeriesKey = `${ServerResource}.${ServerRole}`;

export interface ServerPoint {
  /** Seconds since the run start (the load timeline's `t`). */
  t: number;
  v: number;
}

export interface ServerSeries {
  /** `resource.role` plus the instance when there are several (e.g. `db_pool.used{pool="main"}`). */
  name: string;
  resource: ServerResource;
  role: ServerRole;
  /** The metric family (or PromQL query) the values come from. */
  metric: string;
  /** The scraped URL (credentials masked) or `prometheus`. */
  source: string;
  /** Distinguishing labels (pool name, cache name) when a family has several instances; else absent. */
  instance?: string;
  /** cores, bytes, connections, threads, items, seconds, ratio, per_s */
  unit: string;
  points: ServerPoint[];
  summary: { min: number; max: number; mean: number; first: number; last: number; peakAt: number };
}

/** A scrape that gave no data: the run goes on, the series has a hole at `t`. */
export interface ServerGap {
  source: string;
  t: number;
  reason: string;
}

export interface Bottleneck {
  /** The saturated resource; `generator` when the load generator itself limited the run. */
  resource: ServerResource | 'generator';
  /** The series (or generator figure) the finding rests on. */
  metric: string;
  /** When it first saturated (seconds since start), or null when it is a whole-run trend. */
  at: number | null;
  severity: 'high' | 'medium';
  /** One line with the values and times, e.g. "DB pool 380/400 in use, 12 waiting at 41 s; p95 12 -> 340 ms". */
  evidence: string;
  /** One concrete action with numbers, e.g. "raise the pool to 600". */
  recommendation: string;
  /** The peak the evidence quotes, for charts and the capacity search. */
  peak?: { value: number; limit?: number; t: number; unit: string };
}

export interface ServerReport {
  intervalMs: number;
  sources: { source: string; scrapes: number; ok: number; failed: number }[];
  series: ServerSeries[];
  gaps: ServerGap[];
  /** One line per source with failures, and one per Prometheus query that failed. */
  warnings: string[];
  /** Families seen but not in the catalogue nor mapped in config: listed, never guessed. */
  unmapped: string[];
  /** Ordered by `at`: the first is the resource that saturated first. */
  bottlenecks: Bottleneck[];
}
