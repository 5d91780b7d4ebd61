import type { ServerResource, ServerRole } from '../../core/server-metrics.js';

/**
 * Well-known metric families and what they measure. One row per (family, label filter); the table
 * in docs/server-metrics.md lists the same rows. Counters become per-second rates (a CPU-seconds
 * counter's rate is cores in use). Families not listed here nor mapped in config are reported as
 * unmapped, never guessed.
 */
export interface CatalogueEntry {
  family: string;
  resource: ServerResource;
  role: ServerRole;
  kind: 'gauge' | 'counter';
  unit: string;
  /** Who exposes it (docs). */
  from: string;
  /** Label filters: a string must equal, `!` + string must differ. */
  labels?: Record<string, string>;
  /** How label sets of one scrape combine: sum (default), max, or count (how many series: CPUs). */
  combine?: 'sum' | 'max' | 'count';
  /** The label that tells instances apart (several pools, caches, queues): one series each. */
  instance?: string;
  /** A value of 0 means "no limit" (redis maxmemory 0, no container memory limit): skipped. */
  zeroIsNone?: boolean;
}

const NOT_POD = { container: '!', image: '!' } as const;

// Within one source, the first row that matches a resource.role wins (p99 lag before the mean).
export const CATALOGUE: readonly CatalogueEntry[] = [
  // prom-client (Node.js), Go client_golang, Python prometheus_client: process metrics
  { family: 'process_cpu_seconds_total', resource: 'cpu', role: 'used', kind: 'counter', unit: 'cores', from: 'prom-client, Go, Python clients' },
  { family: 'process_resident_memory_bytes', resource: 'memory', role: 'used', kind: 'gauge', unit: 'bytes', from: 'prom-client, Go, Python clients' },
  { family: 'go_sched_gomaxprocs_threads', resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'Go client (GOMAXPROCS)' },
  { family: 'nodejs_eventloop_lag_p99_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max' },
  { family: 'nodejs_eventloop_lag_max_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max' },
  { family: 'nodejs_eventloop_lag_seconds', resource: 'event_loop', role: 'lag', kind: 'gauge', unit: 'seconds', from: 'prom-client', combine: 'max' },
  // HikariCP (and Micrometer's HikariCP binder): connection pool
  { family: 'hikaricp_connections_active', resource: 'db_pool', role: 'used', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_max', resource: 'db_pool', role: 'limit', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_pending', resource: 'db_pool', role: 'pending', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
  { family: 'hikaricp_connections_idle', resource: 'db_pool', role: 'idle', kind: 'gauge', unit: 'connections', from: 'HikariCP', instance: 'pool' },
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
  { family: 'container_spec_memory_limit_bytes', labels: NOT_POD, resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'cAdvisor', zeroIsNone: true },
  { family: 'kube_pod_container_resource_limits', labels: { resource: 'cpu' }, resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'kube-state-metrics' },
  { family: 'kube_pod_container_resource_limits', labels: { resource: 'memory' }, resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'kube-state-metrics' },
  { family: 'container_network_receive_bytes_total', resource: 'network', role: 'rx', kind: 'counter', unit: 'bytes_per_s', from: 'cAdvisor' },
  { family: 'container_network_transmit_bytes_total', resource: 'network', role: 'tx', kind: 'counter', unit: 'bytes_per_s', from: 'cAdvisor' },
  // node_exporter: the host
  { family: 'node_cpu_seconds_total', labels: { mode: '!idle' }, resource: 'cpu', role: 'used', kind: 'counter', unit: 'cores', from: 'node_exporter' },
  { family: 'node_cpu_seconds_total', labels: { mode: 'idle' }, resource: 'cpu', role: 'limit', kind: 'gauge', unit: 'cores', from: 'node_exporter (one idle series per CPU)', combine: 'count' },
  { family: 'node_memory_MemTotal_bytes', resource: 'memory', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_memory_MemAvailable_bytes', resource: 'memory', role: 'available', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_filesystem_size_bytes', labels: { mountpoint: '/' }, resource: 'disk', role: 'limit', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_filesystem_avail_bytes', labels: { mountpoint: '/' }, resource: 'disk', role: 'available', kind: 'gauge', unit: 'bytes', from: 'node_exporter' },
  { family: 'node_network_receive_bytes_total', labels: { device: '!lo' }, resource: 'network', role: 'rx', kind: 'counter', unit: 'bytes_per_s', from: 'node_exporter' },
  { family: 'node_network_transmit_bytes_total', labels: { device: '!lo' }, resource: 'network', role: 'tx', kind: 'counter', unit: 'bytes_per_s', from: 'node_exporter' },
  // Thread pools and queues (Micrometer executors, Tomcat; RabbitMQ)
  { family: 'executor_active_threads', resource: 'thread_pool', role: 'used', kind: 'gauge', unit: 'threads', from: 'Micrometer executors', instance: 'name' },
  { family: 'executor_pool_max_threads', resource: 'thread_pool', role: 'limit', kind: 'gauge', unit: 'threads', from: 'Micrometer executors', instance: 'name' },
  { family: 'executor_queued_tasks', resource: 'queue', role: 'depth', kind: 'gauge', unit: 'items', from: 'Micrometer executors', instance: 'name' },
  { family: 'tomcat_threads_busy_threads', resource: 'thread_pool', role: 'used', kind: 'gauge', unit: 'threads', from: 'Micrometer Tomcat' },
  { family: 'tomcat_threads_config_max_threads', resource: 'thread_pool', role: 'limit', kind: 'gauge', unit: 'threads', from: 'Micrometer Tomcat' },
  { family: 'rabbitmq_queue_messages_ready', resource: 'queue', role: 'depth', kind: 'gauge', unit: 'items', from: 'RabbitMQ exporter', instance: 'queue' },
];

const BY_FAMILY = new Map<string, CatalogueEntry[]>();
for (const e of CATALOGUE) BY_FAMILY.set(e.family, [...(BY_FAMILY.get(e.family) ?? []), e]);

/** The catalogue rows a sample matches (family name and label filters). */
export function catalogueRows(name: string, labels: Record<string, string>): CatalogueEntry[] {
  const rows = BY_FAMILY.get(name);
  if (!rows) return [];
  return rows.filter((r) => labelsMatch(r.labels, labels));
}

/**
 * Prefixes of the clients and exporters the catalogue reads: their other families (heap spaces, GC,
 * file descriptors...) are known and deliberately unused, so they are not listed as unmapped.
 */
const KNOWN_PREFIXES = ['process_', 'nodejs_', 'go_', 'python_', 'promhttp_', 'hikaricp_', 'pg_', 'redis_', 'container_', 'kube_', 'node_', 'jvm_', 'tomcat_', 'rabbitmq_'];

/** A family name with catalogue rows (which may still not match its labels). */
export function isCatalogued(name: string): boolean {
  return BY_FAMILY.has(name);
}

/** A family from an exporter the catalogue knows (used or deliberately not). */
export function isKnownFamily(name: string): boolean {
  return BY_FAMILY.has(name) || KNOWN_PREFIXES.some((p) => name.startsWith(p));
}

/** Every catalogued family name (the Prometheus catalogue query asks for exactly these). */
export function catalogueFamilies(): string[] {
  return [...BY_FAMILY.keys()];
}

/** Priority of a row within its resource.role (lower wins). */
export function rowRank(e: CatalogueEntry): number {
  return CATALOGUE.indexOf(e);
}

function labelsMatch(want: Record<string, string> | undefined, have: Record<string, string>): boolean {
  if (!want) return true;
  for (const [k, v] of Object.entries(want)) {
    const got = have[k] ?? '';
    if (v.startsWith('!') ? got === v.slice(1) || (v === '!' && got === 'POD') : got !== v) return false;
  }
  return true;
}
