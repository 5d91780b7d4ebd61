/*
 * The well-known server metric families, in one list for both sides that read them: the load
 * engine maps scraped (or Prometheus-queried) samples to resources with it (load/server), and the
 * monitoring kit's resource alerts and infrastructure dashboard watch the same families in
 * production (export/monitoring). SATURATION says when each resource counts as saturated, for the
 * bottleneck analysis after a run and for the alerts alike. docs/server-metrics.md has the table.
 */
import type { ServerResource, ServerRole } from './server-metrics.js';

/**
 * One row per (family, label filter). Counters become per-second rates (a CPU-seconds counter's
 * rate is cores in use). Families not listed here nor mapped in config are reported as unmapped,
 * never guessed.
 */
export interface MetricFamilyRow {
  family: string;
  resource: ServerResource;
  role: ServerRole;
  kind: 'gauge' | 'counter';
  unit: string;
  /** Who exposes it (docs). */
  from: string;
  /** Label filters: a string must equal, `!` + string must differ (`!` alone: not empty and not `POD`). */
  labels?: Record<string, string>;
  /** How label sets of one scrape combine: sum (default), max, or count (how many series: CPUs). */
  combine?: 'sum' | 'max' | 'count';
  /** The label that tells instances apart (several pools, caches, queues): one series each. */
  instance?: string;
  /** A value of 0 means "no limit" (redis maxmemory 0, no container memory limit): skipped. */
  zeroIsNone?: boolean;
  /** Why no alert of the monitoring kit reads this family (every other row is read by one). */
  noAlert?: string;
}

const NO_LINK = 'no family carries the link capacity, so there is no ceiling to alert on; the infrastructure dashboard shows the throughput';

const NOT_POD = { container: '!', image: '!' } as const;

// Within one source, the first row that matches a resource.role wins (p99 lag before the mean).
export const METRIC_FAMILIES: readonly MetricFamilyRow[] = [
  // prom-client (Node.js), Go client_golang, Python prometheus_client: process metrics
  { family: 'process_cpu_seconds_total', resource: 'cpu', role: 'used', kind: 'counter', unit: 'cores', from: 'prom-client, Go, Python clients' },
  { family: 'process_resident_memory_bytes', resource: 'memory', role: 'used', kind: 'gauge', unit: 'bytes', from: 'prom-client, Go, Python clients' },
  { family: 'go_sched_gomaxprocs_threads', resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'Go client (GOMAXPROCS)', noAlert: 'a ceiling for one run\'s analysis; in production the container CPU limit (ContainerCpuNearLimit) or the host (NodeCpuHigh) bounds a Go service' },
  { family: 'nodejs_eventloop_lag_p99_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max' },
  { family: 'nodejs_eventloop_lag_max_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max', noAlert: 'the maximum of a window is one outlier; the alerts read the p99 (EventLoopLagHigh, EventLoopBlocked)' },
  { family: 'nodejs_eventloop_lag_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max', noAlert: 'the mean lag of old prom-client versions; the alerts read the p99 (EventLoopLagHigh, EventLoopBlocked)' },
  // HikariCP (and Micrometer's HikariCP binder): connection pool
  { family: 'hikaricp_connections_active', resource: 'db_pool', role: 'used', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_max', resource: 'db_pool', role: 'limit', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_pending', resource: 'db_pool', role: 'pending', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_idle', resource: 'db_pool', role: 'idle', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool', noAlert: 'idle is max minus active: DbPoolSaturated covers it' },
  // postgres_exporter: server connections against max_connections
  { family: 'pg_stat_activity_count', resource: 'db_pool', role: 'used', kind: 'gauge', unit: 'connections', from: 'postgres_exporter' },
  { family: 'pg_settings_max_connections', resource: 'db_pool', role: 'limit', kind: 'gauge', unit: 'connections', from: 'postgres_exporter', combine: 'max' },
  // redis_exporter: cache memory and hit rate
  { family: 'redis_memory_used_bytes', resource: 'cache', role: 'used', kind: 'gauge', unit: 'bytes', from: 'redis_exporter' },
  { family: 'redis_memory_max_bytes', resource: 'cache', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'redis_exporter', zeroIsNone: true },
  { family: 'redis_keyspace_hits_total', resource: 'cache', role: 'hits', kind: 'counter', unit: 'per_s', from: 'redis_exporter' },
  { family: 'redis_keyspace_misses_total', resource: 'cache', role: 'misses', kind: 'counter', unit: 'per_s', from: 'redis_exporter' },
  // Micrometer / prom-client style caches: cache_gets_total{result="hit|miss"}
  { family: 'cache_gets_total', labels: { result: 'hit' }, resource: 'cache', role: 'hits', kind: 'counter', unit: 'per_s', from: 'Micrometer caches', instance: 'cache' },
  { family: 'cache_gets_total', labels: { result: 'miss' }, resource: 'cache', role: 'misses', kind: 'counter', unit: 'per_s', from: 'Micrometer caches', instance: 'cache' },
  // cAdvisor (containers) with kube-state-metrics limits
  { family: 'container_cpu_usage_seconds_total', labels: NOT_POD, resource: 'cpu', role: 'used', kind: 'counter', unit: 'cores', from: 'cAdvisor' },
  { family: 'container_memory_working_set_bytes', labels: NOT_POD, resource: 'memory', role: 'used', kind: 'gauge', unit: 'bytes', from: 'cAdvisor' },
  { family: 'container_spec_memory_limit_bytes', labels: NOT_POD, resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'cAdvisor', zeroIsNone: true, noAlert: 'the same limit as kube_pod_container_resource_limits{resource="memory"}, which ContainerMemoryNearLimit divides by (cAdvisor reports 0 without a limit)' },
  { family: 'kube_pod_container_resource_limits', labels: { resource: 'cpu' }, resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'kube-state-metrics' },
  { family: 'kube_pod_container_resource_limits', labels: { resource: 'memory' }, resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'kube-state-metrics' },
  { family: 'container_network_receive_bytes_total', resource: 'network', role: 'rx', kind: 'counter', unit: 'bytes_per_s', from: 'cAdvisor', noAlert: NO_LINK },
  { family: 'container_network_transmit_bytes_total', resource: 'network', role: 'tx', kind: 'counter', unit: 'bytes_per_s', from: 'cAdvisor', noAlert: NO_LINK },
  // node_exporter: the host
  { family: 'node_cpu_seconds_total', labels: { mode: '!idle' }, resource: 'cpu', role: 'used', kind: 'counter', unit: 'cores', from: 'node_exporter' },
  { family: 'node_cpu_seconds_total', labels: { mode: 'idle' }, resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'node_exporter (one idle series per CPU)', combine: 'count' },
  { family: 'node_memory_MemTotal_bytes', resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_memory_MemAvailable_bytes', resource: 'memory', role: 'available', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_filesystem_size_bytes', labels: { mountpoint: '/' }, resource: 'disk', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_filesystem_avail_bytes', labels: { mountpoint: '/' }, resource: 'disk', role: 'available', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_network_receive_bytes_total', labels: { device: '!lo' }, resource: 'network', role: 'rx', kind: 'counter', unit: 'bytes_per_s', from: 'node_exporter', noAlert: NO_LINK },
  { family: 'node_network_transmit_bytes_total', labels: { device: '!lo' }, resource: 'network', role: 'tx', kind: 'counter', unit: 'bytes_per_s', from: 'node_exporter', noAlert: NO_LINK },
  // Thread pools and queues (Micrometer executors, Tomcat; RabbitMQ)
  { family: 'executor_active_threads', resource: 'thread_pool', role: 'used', kind: 'gauge', unit: 'threads', from: 'Micrometer executors', instance: 'name' },
  { family: 'executor_pool_max_threads', resource: 'thread_pool', role: 'limit', kind: 'gauge', unit: 'threads', from: 'Micrometer executors', instance: 'name' },
  { family: 'executor_queued_tasks', resource: 'queue', role: 'depth', kind: 'gauge', unit: 'items', from: 'Micrometer executors', instance: 'name' },
  { family: 'tomcat_threads_busy_threads', resource: 'thread_pool', role: 'used', kind: 'gauge', unit: 'threads', from: 'Micrometer Tomcat' },
  { family: 'tomcat_threads_config_max_threads', resource: 'thread_pool', role: 'limit', kind: 'gauge', unit: 'threads', from: 'Micrometer Tomcat' },
  { family: 'rabbitmq_queue_messages_ready', resource: 'queue', role: 'depth', kind: 'gauge', unit: 'items', from: 'RabbitMQ exporter', instance: 'queue' },
];


/**
 * When a resource is saturated. `usedOfLimit`: used / limit at or above it (used = limit - available
 * where only the free part is exposed); `lagSeconds`: event-loop lag at or above it; `hitRatioBelow`:
 * a cache hit ratio under it (production; a run looks for a drop, see load/server/bottlenecks);
 * `queueGrowth`: a queue at least `factor` times deeper and `minItems` more than at the start of the
 * window. `none`: why the resource has no saturation point.
 */
export interface Saturation {
  readonly usedOfLimit?: number;
  readonly lagSeconds?: number;
  readonly hitRatioBelow?: number;
  readonly queueGrowth?: { readonly factor: number; readonly minItems: number };
  readonly none?: string;
}

export const SATURATION: Readonly<Record<ServerResource, Saturation>> = {
  cpu: { usedOfLimit: 0.85 },
  memory: { usedOfLimit: 0.9 },
  event_loop: { lagSeconds: 0.1 },
  db_pool: { usedOfLimit: 0.9 },
  cache: { usedOfLimit: 0.9, hitRatioBelow: 0.8 },
  thread_pool: { usedOfLimit: 0.9 },
  queue: { queueGrowth: { factor: 2, minItems: 10 } },
  disk: { usedOfLimit: 0.9 },
  network: { none: NO_LINK },
};

/** Prefixes of the clients and exporters the list reads: their other families are known and deliberately unused. */
export const KNOWN_FAMILY_PREFIXES: readonly string[] = ['process_', 'nodejs_', 'go_', 'python_', 'promhttp_', 'hikaricp_', 'pg_', 'redis_', 'container_', 'kube_', 'node_', 'jvm_', 'tomcat_', 'rabbitmq_'];

/** A row's label filters as PromQL matchers (`!` alone: neither empty nor the pause container). */
export function familyMatchers(row: Pick<MetricFamilyRow, 'labels'>): string[] {
  return Object.entries(row.labels ?? {}).map(([k, v]) => (v === '!' ? `${k}!~"|POD"` : v.startsWith('!') ? `${k}!=${JSON.stringify(v.slice(1))}` : `${k}=${JSON.stringify(v)}`));
}
