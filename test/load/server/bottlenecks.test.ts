import { describe, expect, it } from 'vitest';
import type { GeneratorReport, TimelinePoint } from '../../../src/core/load-result.js';
import type { ServerResource, ServerRole, ServerSeries } from '../../../src/core/server-metrics.js';
import { analyseBottlenecks } from '../../../src/load/server/bottlenecks.js';
import { niceCeil } from '../../../src/load/server/figures.js';
import { makeSeries } from '../../../src/load/server/series.js';

const S = (resource: ServerResource, role: ServerRole, values: number[], o: { unit?: string; instance?: string; metric?: string; source?: string } = {}): ServerSeries =>
  makeSeries({ resource, role, metric: o.metric ?? `${resource}_${role}`, source: o.source ?? 'http://svc/metrics', unit: o.unit ?? 'x', ...(o.instance ? { instance: o.instance } : {}) }, values.map((v, t) => ({ t, v })));

/** p95 per second: flat at `base`, then `high` from second `from`. */
const timeline = (n: number, base: number, high = base, from = n): TimelinePoint[] =>
  Array.from({ length: n }, (_, t) => ({ t, requests: 100, errors: 0, rps: 100, p50: base / 2, p95: t >= from ? high : base, p99: t >= from ? high : base, bytes: 0 }));

const quietGenerator: GeneratorReport = { workers: 2, connections: 10, cpuPercent: 20, eventLoopUtilization: [0.2], eventLoopDelayP99Ms: 2, eventLoopDelayMaxMs: 3, late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 1, interrupted: 0, connectionsOpened: 10, bottleneck: false, reasons: [] };

describe('analyseBottlenecks', () => {
  it('names a pool that filled up with waiters while latency rose: when, the values, and a bigger pool', () => {
    const used = [100, 200, 300, 380, 400, 400, 400, 400];
    const pending = [0, 0, 0, 5, 12, 30, 40, 25];
    const series = [S('db_pool', 'used', used, { instance: 'main' }), S('db_pool', 'limit', used.map(() => 400), { instance: 'main' }), S('db_pool', 'pending', pending, { instance: 'main' })];
    const [b, ...rest] = analyseBottlenecks({ series, timeline: timeline(8, 20, 300, 4), generator: quietGenerator });
    expect(rest).toEqual([]);
    expect(b).toMatchObject({ resource: 'db_pool', at: 3, severity: 'high', peak: { value: 400, limit: 400, t: 4 } });
    expect(b!.evidence).toContain('380/400 in use with 5 waiting at 3 s');
    expect(b!.evidence).toContain('up to 40 waiting');
    expect(b!.evidence).toContain('p95 20 ms before, up to 300 ms from then on');
    // max(1.5 x 400, 400 in use + 40 waiting) = 600
    expect(b!.recommendation).toContain('raise the pool from 400 to 600 connections');
  });

  it('a pool full from the first second says so instead of quoting a saturated "before"', () => {
    const series = [S('db_pool', 'used', [10, 10, 10]), S('db_pool', 'limit', [10, 10, 10]), S('db_pool', 'pending', [4, 6, 5])];
    const [b] = analyseBottlenecks({ series, timeline: timeline(3, 250) });
    expect(b).toMatchObject({ resource: 'db_pool', at: 0, severity: 'high' });
    expect(b!.evidence).toContain('saturated from the first second, p95 up to 250 ms');
  });

  it('stays quiet for a pool below 90% of its max', () => {
    const series = [S('db_pool', 'used', [10, 15, 17]), S('db_pool', 'limit', [20, 20, 20]), S('db_pool', 'pending', [0, 0, 0])];
    expect(analyseBottlenecks({ series, timeline: timeline(3, 10) })).toEqual([]);
  });

  it('CPU at >= 85% of its limit, sustained: replicas and a limit with numbers; one hot second is not enough', () => {
    const used = S('cpu', 'used', [0.5, 1.0, 1.7, 1.78, 1.8], { unit: 'cores' });
    const [b] = analyseBottlenecks({ series: [used, S('cpu', 'limit', [2, 2, 2, 2, 2])], timeline: timeline(5, 10) });
    expect(b).toMatchObject({ resource: 'cpu', at: 2, peak: { value: 1.8, limit: 2 } });
    expect(b!.evidence).toContain('CPU 1.7/2 cores (85%) at 2 s');
    expect(b!.recommendation).toContain('add replicas (2 at this load');
    expect(b!.recommendation).toContain('raise the CPU limit to 3 cores');
    const spike = S('cpu', 'used', [0.2, 1.9, 0.3, 0.2], { unit: 'cores' });
    expect(analyseBottlenecks({ series: [spike, S('cpu', 'limit', [2, 2, 2, 2])], timeline: timeline(4, 10) })).toEqual([]);
  });

  it('a Node.js process without a CPU limit is judged against one core', () => {
    const series = [S('cpu', 'used', [0.9, 0.95, 0.97], { unit: 'cores' }), S('event_loop', 'lag', [0.01, 0.01, 0.01])];
    const [b] = analyseBottlenecks({ series, timeline: timeline(3, 10) });
    expect(b).toMatchObject({ resource: 'cpu', at: 0 });
    expect(b!.recommendation).toContain('run 2 instances');
    // Without the event-loop series the process is not known to be Node: no limit, no guess.
    expect(analyseBottlenecks({ series: [series[0]!], timeline: timeline(3, 10) })).toEqual([]);
  });

  it('memory near its limit, and memory growing through the run without a limit', () => {
    const GiB = 1024 ** 3;
    const near = analyseBottlenecks({ series: [S('memory', 'used', [10 * GiB, 11 * GiB, 11.5 * GiB]), S('memory', 'limit', [12 * GiB, 12 * GiB, 12 * GiB])], timeline: timeline(3, 10) });
    expect(near[0]).toMatchObject({ resource: 'memory', at: 1 });
    expect(near[0]!.evidence).toContain('memory 11 GiB/12 GiB (92%) at 1 s');
    expect(near[0]!.recommendation).toContain('raise the memory limit to 16 GiB');
    const MiB = 1024 ** 2;
    const grow = analyseBottlenecks({ series: [S('memory', 'used', Array.from({ length: 20 }, (_, t) => (100 + t * 2) * MiB))], timeline: timeline(20, 10) });
    expect(grow[0]).toMatchObject({ resource: 'memory', at: null, severity: 'medium' });
    expect(grow[0]!.evidence).toContain('from 100 MiB to 138 MiB (+120 MiB/min');
    const flat = analyseBottlenecks({ series: [S('memory', 'used', Array.from({ length: 20 }, (_, t) => (100 + (t % 2)) * MiB))], timeline: timeline(20, 10) });
    expect(flat).toEqual([]);
  });

  it('a cache whose hit rate falls, and a Redis near maxmemory', () => {
    const ratio = S('cache', 'hit_ratio', [0.95, 0.95, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5], { unit: 'ratio' });
    const [b] = analyseBottlenecks({ series: [ratio], timeline: timeline(8, 10) });
    expect(b).toMatchObject({ resource: 'cache', at: 3 });
    expect(b!.evidence).toContain('hit rate fell from 95% (first 2 s) to 53% (last 2 s)');
    const GiB = 1024 ** 3;
    const redis = analyseBottlenecks({ series: [S('cache', 'used', [11.5 * GiB, 11.5 * GiB]), S('cache', 'limit', [12 * GiB, 12 * GiB])], timeline: timeline(2, 10) });
    expect(redis[0]!.evidence).toContain('cache memory 11.5 GiB/12 GiB');
    expect(redis[0]!.recommendation).toContain('raise the cache\'s memory to 16 GiB or add a TTL');
  });

  it('event-loop lag over 100 ms, the generator itself, and the order: first saturation first', () => {
    const series = [S('event_loop', 'lag', [0.01, 0.02, 0.15, 0.3, 0.25]), S('db_pool', 'used', [1, 1, 1, 10, 10]), S('db_pool', 'limit', [10, 10, 10, 10, 10])];
    const generator = { ...quietGenerator, bottleneck: true, reasons: ['a worker\'s event loop was busy 97% of the run'] };
    const out = analyseBottlenecks({ series, timeline: timeline(5, 10), generator });
    expect(out.map((b) => [b.resource, b.at])).toEqual([['event_loop', 2], ['db_pool', 3], ['generator', null]]);
    expect(out[0]!.evidence).toContain('event-loop lag 150 ms at 2 s (peak 300 ms at 3 s)');
    expect(out[2]!.evidence).toContain('busy 97%');
    expect(out[2]!.recommendation).toContain('--workers 3');
  });

  it('thread pools, disks and growing queues', () => {
    const out = analyseBottlenecks({ series: [S('thread_pool', 'used', [150, 195, 200]), S('thread_pool', 'limit', [200, 200, 200]), S('queue', 'depth', [0, 20, 60, 120])], timeline: timeline(4, 10) });
    expect(out.find((b) => b.resource === 'thread_pool')!.recommendation).toContain('from 200 to 300');
    expect(out.find((b) => b.resource === 'queue')!.evidence).toContain('grew from 0 to 120 (+40/s)');
  });
});

describe('niceCeil', () => {
  it('rounds up to sizes people configure', () => {
    expect([3.2, 15, 40, 440, 600, 1234, 0].map(niceCeil)).toEqual([4, 15, 40, 450, 600, 1300, 0]);
  });
});
