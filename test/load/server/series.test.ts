import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueRows } from '../../../src/load/server/catalogue.js';
import { parseExposition } from '../../../src/load/server/exposition.js';
import { buildSeries, type Observation } from '../../../src/load/server/series.js';

const START = 1_000_000;
const obs = (atSec: number, text: string, source = 'http://a/metrics'): Observation => ({ source, at: START + atSec * 1000, samples: parseExposition(text) });

describe('catalogue', () => {
  it('names every resource the issue lists and the families it names', () => {
    const resources = new Set(CATALOGUE.map((e) => e.resource));
    for (const r of ['cpu', 'memory', 'event_loop', 'db_pool', 'cache', 'thread_pool', 'queue', 'disk', 'network']) expect(resources).toContain(r);
    const families = new Set(CATALOGUE.map((e) => e.family));
    for (const f of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'hikaricp_connections_active', 'hikaricp_connections_idle', 'hikaricp_connections_max', 'hikaricp_connections_pending', 'pg_stat_activity_count', 'pg_settings_max_connections', 'redis_memory_used_bytes', 'redis_memory_max_bytes', 'redis_keyspace_hits_total', 'redis_keyspace_misses_total', 'container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'kube_pod_container_resource_limits', 'node_cpu_seconds_total', 'node_memory_MemAvailable_bytes']) expect(families).toContain(f);
  });

  it('matches label filters: node_exporter idle vs busy CPU, cAdvisor pod-level series excluded', () => {
    expect(catalogueRows('node_cpu_seconds_total', { cpu: '0', mode: 'idle' }).map((r) => r.role)).toEqual(['limit']);
    expect(catalogueRows('node_cpu_seconds_total', { cpu: '0', mode: 'user' }).map((r) => r.role)).toEqual(['used']);
    expect(catalogueRows('container_cpu_usage_seconds_total', { container: 'POD', image: 'pause' })).toEqual([]);
    expect(catalogueRows('container_cpu_usage_seconds_total', { container: '', image: '' })).toEqual([]);
    expect(catalogueRows('container_cpu_usage_seconds_total', { container: 'api', image: 'api:1' })).toHaveLength(1);
  });
});

describe('buildSeries', () => {
  it('turns counters into per-second rates on the timeline and keeps gauges as they are', () => {
    const o = [0, 1, 2, 3].map((t) => obs(t, `# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ${10 + t * 0.5}\nprocess_resident_memory_bytes ${100 + t}\n`));
    const { series } = buildSeries(o, START, 10);
    const cpu = series.find((s) => s.name === 'cpu.used')!;
    expect(cpu.unit).toBe('cores');
    expect(cpu.points).toEqual([{ t: 1, v: 0.5 }, { t: 2, v: 0.5 }, { t: 3, v: 0.5 }]);
    const mem = series.find((s) => s.name === 'memory.used')!;
    expect(mem.points.map((p) => p.v)).toEqual([100, 101, 102, 103]);
    expect(mem.summary).toMatchObject({ min: 100, max: 103, first: 100, last: 103, peakAt: 3 });
  });

  it('takes a counter reset as a restart (the new value is what accrued), not a negative rate', () => {
    const o = [obs(0, 'redis_keyspace_hits_total 100\nredis_keyspace_misses_total 0'), obs(1, 'redis_keyspace_hits_total 200\nredis_keyspace_misses_total 0'), obs(2, 'redis_keyspace_hits_total 30\nredis_keyspace_misses_total 10')];
    const hits = buildSeries(o, START, 10).series.find((s) => s.role === 'hits')!;
    expect(hits.points).toEqual([{ t: 1, v: 100 }, { t: 2, v: 30 }]);
  });

  it('derives cache hit ratio, memory used from node_exporter total - available, and counts CPUs', () => {
    const text = (t: number) => `redis_keyspace_hits_total ${t * 90}\nredis_keyspace_misses_total ${t * 10}\nnode_memory_MemTotal_bytes 1000\nnode_memory_MemAvailable_bytes ${600 - t * 100}\nnode_cpu_seconds_total{cpu="0",mode="idle"} ${t}\nnode_cpu_seconds_total{cpu="1",mode="idle"} ${t}\nnode_cpu_seconds_total{cpu="0",mode="user"} ${t * 0.5}\nnode_cpu_seconds_total{cpu="1",mode="system"} ${t * 0.25}`;
    const { series } = buildSeries([0, 1, 2].map((t) => obs(t, text(t))), START, 10);
    const by = (n: string) => series.find((s) => s.name === n)!;
    expect(by('cache.hit_ratio').points).toEqual([{ t: 1, v: 0.9 }, { t: 2, v: 0.9 }]);
    expect(by('memory.used').points.map((p) => p.v)).toEqual([400, 500, 600]);
    expect(by('cpu.limit').points.map((p) => p.v)).toEqual([2, 2, 2]);
    expect(by('cpu.used').points).toEqual([{ t: 1, v: 0.75 }, { t: 2, v: 0.75 }]);
  });

  it('keeps one series per pool, maps custom families from config, and lists unknown families as unmapped', () => {
    const text = 'hikaricp_connections_active{pool="a"} 3\nhikaricp_connections_active{pool="b"} 5\n# TYPE myapp_workers_busy gauge\nmyapp_workers_busy 7\nmyapp_mystery_thing 1\nnodejs_heap_size_used_bytes 5';
    const { series, unmapped } = buildSeries([obs(0, text)], START, 10, { myapp_workers_busy: 'thread_pool.used' });
    expect(series.map((s) => s.name)).toEqual(['db_pool.used{a}', 'db_pool.used{b}', 'thread_pool.used']);
    expect(series.find((s) => s.name === 'thread_pool.used')).toMatchObject({ metric: 'myapp_workers_busy', unit: 'threads', points: [{ t: 0, v: 7 }] });
    // An unknown family is listed, never guessed; a known client family gonogo does not use is not noise.
    expect(unmapped).toEqual(['myapp_mystery_thing']);
  });

  it('prefers the p99 event-loop lag over the mean within one source, and drops samples outside the run', () => {
    const text = 'nodejs_eventloop_lag_seconds 0.01\nnodejs_eventloop_lag_p99_seconds 0.2';
    const { series } = buildSeries([obs(-1, text), obs(0, text), obs(5, text)], START, 3);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ metric: 'nodejs_eventloop_lag_p99_seconds', points: [{ t: 0, v: 0.2 }] });
  });
});

describe('docs/server-metrics.md', () => {
  it('has one table row per catalogue row, with its resource, role and kind', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/server-metrics.md', import.meta.url), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    for (const e of CATALOGUE) {
      const row = rows.find((r) => r.startsWith(`| \`${e.family}\``) && r.includes(`| ${e.resource} | ${e.role} |`));
      expect(row, `${e.family} -> ${e.resource}.${e.role}`).toBeDefined();
      expect(row).toContain(e.kind === 'counter' ? 'counter → rate' : 'gauge');
    }
    expect(rows.filter((r) => / \| (cpu|memory|event_loop|db_pool|cache|thread_pool|queue|disk|network) \| /.test(r) && r.includes('→ rate') !== r.includes('gauge'))).toHaveLength(CATALOGUE.length);
  });
});
