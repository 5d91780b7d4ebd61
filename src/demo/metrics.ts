import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from './db/pool.js';
import type { CacheStats } from './store/cached-items.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface MetricsSources {
  queueDepth(): number;
  tasksRunning(): number;
  items(): number;
  /** The database pool (absent with the in-memory store). */
  pool?(): PoolStats;
  /** The item read cache. */
  cache?(): CacheStats;
}

interface Children {
  inc(): void;
  observe(v: number): void;
}

/**
 * Prometheus metrics (text exposition format 0.0.4): requests and latency by route / method / status,
 * filter blocks and rate-limit refusals, queue depth, plus prom-client's process metrics (CPU, memory,
 * event-loop lag, GC). One registry per server, so several servers in one process stay apart.
 */
export class DemoMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly duration: Histogram<'route' | 'method' | 'status'>;
  private readonly blocked: Counter<'rule'>;
  private readonly limited: Counter;
  private readonly children = new Map<string, Children>();

  constructor(src: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status.', labelNames: ['route', 'method', 'status'], registers });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request arrival to the end of the response, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.blocked = new Counter({ name: 'demo_requests_blocked_total', help: 'Requests the request filter answered with 403, by rule.', labelNames: ['rule'], registers });
    this.limited = new Counter({ name: 'demo_rate_limited_total', help: 'Requests answered 429 by the per-client rate limit.', registers });
    new Gauge({ name: 'demo_task_queue_depth', help: 'Tasks waiting in the queue.', registers, collect() { this.set(src.queueDepth()); } });
    new Gauge({ name: 'demo_tasks_running', help: 'Tasks running now.', registers, collect() { this.set(src.tasksRunning()); } });
    new Gauge({ name: 'demo_items', help: 'Items in the data store.', registers, collect() { this.set(src.items()); } });
    if (src.pool) this.acquire = poolMetrics(src.pool, registers);
    if (src.cache) cacheMetrics(src.cache, registers);
  }

  /** Observe the time one statement waited for a pool connection, in seconds. */
  readonly acquire: (seconds: number) => void = () => {};

  observe(route: string, method: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : 'OTHER';
    const key = `${route} ${m} ${status}`;
    let c = this.children.get(key);
    if (!c) {
      const labels = { route, method: m, status: String(status) };
      const counter = this.requests.labels(labels);
      const hist = this.duration.labels(labels);
      c = { inc: () => counter.inc(), observe: (v) => hist.observe(v) };
      this.children.set(key, c);
    }
    c.inc();
    c.observe(seconds);
  }

  blockedBy(rule: string): void {
    this.blocked.inc({ rule });
  }

  rateLimited(): void {
    this.limited.inc();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    // prom-client 15 writes NaN as "Nan" (e.g. event-loop lag before the first sample); the format says NaN.
    return (await this.registry.metrics()).replace(/ Nan$/gm, ' NaN');
  }
}

/**
 * The pool under HikariCP's Micrometer names (the names JVM services expose and dashboards know), pool="items":
 * connections active / idle / max / pending, timeouts, and the time to acquire a connection.
 */
function poolMetrics(pool: () => PoolStats, registers: Registry[]): (seconds: number) => void {
  const labelNames = ['pool'] as const;
  const l = { pool: 'items' };
  const gauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Gauge({ name, help, labelNames, registers, collect() { this.set(l, pick(pool())); } });
  gauge('hikaricp_connections_active', 'Connections in use.', (s) => s.active);
  gauge('hikaricp_connections_idle', 'Connections free.', (s) => s.idle);
  gauge('hikaricp_connections_max', 'Most connections the pool opens.', (s) => s.max);
  gauge('hikaricp_connections_pending', 'Statements waiting for a connection.', (s) => s.pending);
  gauge('hikaricp_connections', 'Connections open (active + idle).', (s) => s.active + s.idle);
  let seen = 0;
  new Counter({ name: 'hikaricp_connections_timeout_total', help: 'Statements that gave up waiting for a connection.', labelNames, registers, collect() {
    const t = pool().timeouts;
    if (t > seen) this.inc(l, t - seen);
    seen = t;
  } });
  const acquire = new Histogram({ name: 'hikaricp_connections_acquire_seconds', help: 'Time to get a connection from the pool.', labelNames, registers, buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] }).labels(l);
  return (seconds) => acquire.observe(seconds);
}

/** The read cache under Micrometer's cache names (cache="items"): gets by result, evictions, size. */
function cacheMetrics(cache: () => CacheStats, registers: Registry[]): void {
  const l = { cache: 'items' };
  const seen = { hit: 0, miss: 0, evictions: 0 };
  new Counter({ name: 'cache_gets_total', help: 'Cache lookups, by result (hit or miss).', labelNames: ['cache', 'result'], registers, collect() {
    const s = cache();
    if (s.hits > seen.hit) this.inc({ ...l, result: 'hit' }, s.hits - seen.hit);
    if (s.misses > seen.miss) this.inc({ ...l, result: 'miss' }, s.misses - seen.miss);
    seen.hit = s.hits;
    seen.miss = s.misses;
  } });
  new Counter({ name: 'cache_evictions_total', help: 'Entries evicted to stay within the bound.', labelNames: ['cache'], registers, collect() {
    const e = cache().evictions;
    if (e > seen.evictions) this.inc(l, e - seen.evictions);
    seen.evictions = e;
  } });
  new Gauge({ name: 'cache_size', help: 'Entries held.', labelNames: ['cache'], registers, collect() { this.set(l, cache().size); } });
  new Gauge({ name: 'cache_max_entries', help: 'Most entries held (the cacheSize knob; 0: no cache).', labelNames: ['cache'], registers, collect() { this.set(l, cache().max); } });
}
