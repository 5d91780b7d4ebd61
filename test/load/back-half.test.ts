import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHistogram, sparseBuckets, summariseMs } from '../../src/core/hdr.js';
import { evaluateThresholds, parseThresholds, type Threshold } from '../../src/core/thresholds/index.js';
import { Aggregate } from '../../src/load/aggregate.js';
import { RunCollector } from '../../src/load/collector.js';
import type { GeneratorStats } from '../../src/load/generator-stats.js';
import { metricsView, quickMetrics } from '../../src/load/metrics-view.js';
import { buildLoadResult } from '../../src/load/result.js';
import { selfCheck } from '../../src/load/self-check.js';
import { SliceRecorder } from '../../src/load/slice-recorder.js';
import type { ScenarioPlan } from '../../src/load/scenario/plan.js';
import { ScenarioRecorder } from '../../src/load/scenario/recorder.js';
import { extendResult } from '../../src/load/scenario/result.js';
import { scenarioMetrics } from '../../src/load/scenario/scenario-metrics.js';
import { ScenarioTotals } from '../../src/load/scenario/totals.js';

/*
 * The back half both load front ends feed: SliceRecorder (worker) -> Aggregate + Timeline (parent)
 * -> metricsView (thresholds) -> buildLoadResult. The fixtures test/fixtures/load/back-half-*.json
 * were written by the code before quick and scripted mode shared it; the same samples must still
 * give the same load-result@1, field for field.
 */

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const stats = (n: number): GeneratorStats => ({ late: n, lateNoConnection: 0, dropped: n, maxSendLagMs: 1.5, interrupted: 0, opens: 5, eventLoopUtilization: 0.3, eventLoopDelayP99Ms: 3, eventLoopDelayMaxMs: 6, sendWindowMs: 3000 });
const HTTP = ['http_req_duration: p(95)<50', 'http_req_failed: rate<0.01', 'http_reqs: count>10', 'http_req_duration{name:GET /a}: p(99)<100', 'iterations: count>1', 'dropped_iterations: count<5', 'data_received: rate>1', 'http_req_duration{method:post}: max<1000'];
const CUSTOM = { my_trend: { kind: 'trend', description: '' }, my_rate: { kind: 'rate', description: '' }, my_count: { kind: 'counter', description: '' } } as const;
const thresholds = (extra: string[] = []): Threshold[] => parseThresholds([...HTTP, ...extra].map((s, i) => ({ input: s, where: `t[${i}]` })), CUSTOM);
/**
 * A latencyHdr compares by the histogram it holds (its buckets and counts), not its bytes: the encoded
 * header records how far the histogram had grown, which depends on how the workers' slices travel.
 */
const sameHistogram = (key: string, v: unknown) => (key === 'latencyHdr' && typeof v === 'string' ? { buckets: sparseBuckets(decodeHistogram(v)) } : v);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/load/${name}`, import.meta.url), 'utf8'), sameHistogram) as unknown;
const json = (x: unknown) => JSON.parse(JSON.stringify(x), sameHistogram) as unknown;

/** Quick mode's worker side: two workers, one endpoint, flushes every 1000 requests. */
function quickAggregate(): Aggregate {
  const agg = new Aggregate(2, [{ name: 'GET /a', method: 'GET' }]);
  const r = lcg(7);
  for (let w = 0; w < 2; w++) {
    const rec = new SliceRecorder(0);
    for (let i = 0; i < 3000; i++) {
      const now = (i / 3000) * 2999 + w;
      const v = r();
      if (v < 0.01) rec.error(now, 0, v < 0.005 ? 'timeout' : 'reset');
      else {
        const status = v < 0.02 ? 503 : v < 0.03 ? 404 : 200;
        rec.response(now, 0, r() ** 3 * 200, status, 100 + (i % 7), status >= 400);
      }
      if (i % 1000 === 999) {
        agg.merge(w, rec.flushSlices());
        agg.complete(w, Math.floor(now / 1000) - 1);
      }
    }
    agg.merge(w, rec.flushSlices());
    agg.complete(w, Infinity);
  }
  return agg;
}

/** Scripted mode's worker side: two scenarios, endpoints named as they appear, checks, custom metrics. */
function scriptedRun(): { agg: Aggregate; totals: ScenarioTotals } {
  const agg = new Aggregate(2);
  const totals = new ScenarioTotals(['browse', 'buy']);
  const r = lcg(11);
  for (let w = 0; w < 2; w++) {
    const rec = new ScenarioRecorder(0);
    const post = (users: Record<string, number>, second: number, through: number) => {
      const f = rec.flush(users, { browse: 4, buy: 2 });
      for (const e of f.endpoints) agg.register(w, e.ep, e);
      agg.merge(w, f.slices);
      agg.complete(w, through);
      totals.merge(w, f, second);
    };
    for (let i = 0; i < 2000; i++) {
      const now = (i / 2000) * 2999 + w;
      const sc = i % 3 === 0 ? 'buy' : 'browse';
      const ep = rec.endpoint(sc, i % 2 ? 'POST' : 'GET', i % 5 ? '/a' : '/b');
      const v = r();
      if (v < 0.01) rec.error(now, ep, 'timeout');
      else rec.response(now, ep, r() ** 3 * 200, v < 0.03 ? 500 : 200, 50, v < 0.04);
      rec.check(sc, 'status 200', '/a', v >= 0.03);
      rec.metric('my_trend', 'trend', r() * 10, { scenario: sc });
      rec.metric('my_rate', 'rate', v < 0.5 ? 1 : 0, {});
      rec.metric('my_count', 'counter', 2, {});
      rec.iteration(sc, r() * 300, v < 0.01 ? 'boom' : undefined);
      rec.task(sc, i % 4 ? 'look' : 'pay');
      if (i % 97 === 0) rec.dropped(sc);
      if (i % 89 === 0) rec.late(sc);
      if (i % 500 === 499) {
        const s = Math.floor(now / 1000);
        post({ browse: 3, buy: 1 }, s, s - 1);
      }
    }
    post({}, -1, Infinity);
  }
  return { agg, totals };
}

const plan = (name: string): ScenarioPlan => ({ key: name, name, executor: { model: 'closed', type: 'constant-users', startUsers: 4, stages: [], spawnRate: null, durationMs: 3000, maxUsers: 4 }, startTimeMs: 0, baseUrl: 'http://x/', headers: {}, timeoutMs: 1000, data: null });

describe('one back half for quick and scripted load', () => {
  it('quick mode: the same samples give the same load-result@1 as before the front ends shared it', () => {
    const agg = quickAggregate();
    const view = metricsView(agg, () => 3, quickMetrics(agg, () => 2));
    const generator = selfCheck({ stats: [stats(1), stats(1)], connections: 4, cpuMs: 100, wallMs: 3000, cores: 2, sent: agg.grand.requests, openModel: false });
    const result = buildLoadResult({ target: 'http://x/a', startedAt: new Date(0), durationMs: 3000, options: { method: 'GET', connections: 4, rate: null, workers: 2, timeoutMs: 1000, durationMs: 3000 }, aggregate: agg, thresholds: evaluateThresholds(thresholds(), view), aborted: null, generator });
    expect(json(result)).toEqual(fixture('back-half-quick.json'));
  });

  it('scripted mode: the same samples give the same load-result@1 (with scenarios, checks, metrics) as before', () => {
    const { agg, totals } = scriptedRun();
    const ts = thresholds(['checks: rate>0.9', 'my_trend{scenario:buy}: p(90)<9', 'my_rate: rate>0.1', 'my_count: count>1', 'iterations{scenario:buy}: count>1', 'http_req_duration{scenario:browse}: p(50)<100', 'iteration_duration: avg<200']);
    const view = metricsView(agg, () => 3, scenarioMetrics(totals));
    const generator = selfCheck({ stats: [stats(0), stats(0)], connections: 8, cpuMs: 100, wallMs: 3000, cores: 2, sent: agg.grand.requests, openModel: false });
    const base = buildLoadResult({ target: 'http://x/', startedAt: new Date(0), durationMs: 3000, options: { method: 'SCRIPT', connections: 8, rate: null, workers: 2, timeoutMs: 1000, durationMs: 3000 }, aggregate: agg, thresholds: evaluateThresholds(ts, view), aborted: null, generator });
    const result = extendResult(base, agg, totals, [plan('browse'), plan('buy')], undefined);
    // Merge-only additions (issue 16): histograms and pass counts that let `gonogo merge` add segments exactly.
    for (const s of result.scenarios) expect(summariseMs(decodeHistogram(s.iterationHdr!))).toEqual(s.iterationMs);
    for (const m of result.metrics) if (m.kind === 'trend') expect(decodeHistogram(m.hdr!).totalCount).toBe(m.count);
    for (const m of result.metrics) if (m.kind === 'rate') expect(m.passes! / m.count).toBeCloseTo(m.value, 6);
    const asBefore = { ...result, scenarios: result.scenarios.map(({ iterationHdr: _h, ...s }) => s), metrics: result.metrics.map(({ hdr: _h, passes: _p, ...m }) => m) };
    expect(json(asBefore)).toEqual(fixture('back-half-scripted.json'));
  });

  it('the same recorded requests give the same request figures whichever front end recorded them', () => {
    const quick = new Aggregate(1, [{ name: 'GET /a', method: 'GET' }]);
    const scripted = new Aggregate(1);
    const q = new SliceRecorder(0);
    const s = new ScenarioRecorder(0);
    const r = lcg(3);
    for (let i = 0; i < 5000; i++) {
      const now = i * 0.9;
      const v = r();
      const ms = r() * 80;
      const ep = s.endpoint('default', 'GET', '/a');
      if (v < 0.02) {
        q.error(now, 0, 'refused');
        s.error(now, ep, 'refused');
      } else {
        const status = v < 0.05 ? 502 : 200;
        q.response(now, 0, ms, status, 42, status >= 400);
        s.response(now, ep, ms, status, 42, status >= 400);
      }
    }
    quick.merge(0, q.flushSlices());
    const f = s.flush({});
    for (const e of f.endpoints) scripted.register(0, e.ep, e);
    scripted.merge(0, f.slices);
    const ts = thresholds();
    const build = (agg: Aggregate) => {
      const generator = selfCheck({ stats: [stats(0)], connections: 1, cpuMs: 1, wallMs: 4500, cores: 1, sent: agg.grand.requests, openModel: false });
      const view = metricsView(agg, () => 4.5, quickMetrics(agg, () => 0));
      return buildLoadResult({ target: 't', startedAt: new Date(0), durationMs: 4500, options: { method: 'GET', connections: 1, rate: null, workers: 1, timeoutMs: 1, durationMs: 4500 }, aggregate: agg, thresholds: evaluateThresholds(ts, view), aborted: null, generator });
    };
    const a = build(quick);
    const b = build(scripted);
    expect(a.totals.requests).toBe(5000);
    expect(a.timeline).toHaveLength(5);
    expect(b).toEqual(a);
  });

  it('maps each worker’s endpoint numbers to one endpoint per scenario and request name', () => {
    const agg = new Aggregate(2);
    const w0 = new SliceRecorder(0);
    const w1 = new SliceRecorder(0);
    w0.response(10, 0, 5, 200, 1, false);
    w0.response(10, 1, 7, 200, 1, false);
    w1.response(20, 0, 9, 200, 1, false); // worker 1 met "POST /b" first
    agg.register(0, 0, { name: 'GET /a', method: 'GET', scenario: 's' });
    agg.register(0, 1, { name: 'POST /b', method: 'POST', scenario: 's' });
    agg.register(1, 0, { name: 'POST /b', method: 'POST', scenario: 's' });
    agg.merge(0, w0.flushSlices());
    agg.merge(1, w1.flushSlices());
    expect(agg.meta.map((m) => m.name)).toEqual(['GET /a', 'POST /b']);
    expect(agg.endpoints.map((e) => e.requests)).toEqual([1, 2]);
    expect(agg.select({ scenario: 'other' })).toBeUndefined();
    expect(agg.select({ method: 'post' })).toEqual([agg.endpoints[1]]);
  });
});

describe('metricsView', () => {
  it('answers request metrics from the aggregate and asks the front end for the rest', () => {
    const agg = new Aggregate(1, [{ name: 'GET /a', method: 'GET' }]);
    const rec = new SliceRecorder(0);
    rec.response(10, 0, 2, 200, 100, false);
    rec.response(20, 0, 4, 500, 100, true);
    agg.merge(0, rec.flushSlices());
    const asked: string[] = [];
    const view = metricsView(agg, () => 2, {
      count: (metric) => (asked.push(metric), metric === 'orders' ? 7 : undefined),
      gauge: (metric) => (metric === 'server_cpu' ? { value: 0.4 } : undefined),
    });
    expect(view.counter('http_reqs', {})).toEqual({ count: 2, durationSec: 2 });
    expect(view.counter('data_received', { name: 'GET /a' })).toEqual({ count: 200, durationSec: 2 });
    expect(view.rate('http_req_failed', {})).toEqual({ passes: 1, total: 2 });
    expect(view.trend('http_req_duration', {})?.max).toBeCloseTo(4, 2);
    expect(view.counter('http_reqs', { name: 'GET /other' })).toBeUndefined();
    expect(asked).toEqual([]); // request metrics never reach the front end's source
    expect(view.counter('orders', {})).toEqual({ count: 7, durationSec: 2 });
    expect(view.counter('nothing', {})).toBeUndefined();
    expect(view.gauge?.('server_cpu', {})).toEqual({ value: 0.4 });
    expect(view.trend('my_trend', {})).toBeUndefined();
  });
});

describe('RunCollector', () => {
  const flushOf = (rec: SliceRecorder, at: number, n: number, ms: number) => {
    for (let i = 0; i < n; i++) rec.response(at, 0, ms, 200, 10, false);
    return rec.flushSlices();
  };

  it('merges both workers, reports progress, and builds the result over the send window', () => {
    const ts = thresholds();
    const c = new RunCollector({ workers: 2, endpoints: [{ name: 'GET /a', method: 'GET' }], thresholds: ts, durationMs: 2000, extra: (agg, done) => quickMetrics(agg, () => done.reduce((a, s) => a + s.dropped, 0)) });
    const recs = [new SliceRecorder(0), new SliceRecorder(0)];
    c.add(0, flushOf(recs[0]!, 500, 30, 4), 0);
    expect(c.agg.lastComplete()).toBeUndefined(); // worker 1 has not finished second 0
    c.add(1, flushOf(recs[1]!, 900, 10, 8), 0);
    expect(c.agg.lastComplete()).toMatchObject({ t: 0, requests: 40 });
    expect(c.done({ ...stats(1), sendWindowMs: 1500 })).toBe(false);
    c.add(0, [], Infinity);
    c.add(1, flushOf(recs[1]!, 1200, 5, 2), Infinity);
    expect(c.done({ ...stats(2), sendWindowMs: 2600 })).toBe(true);
    const generator = c.generator({ connections: 2, openModel: false });
    expect(generator.dropped).toBe(3);
    const r = c.result({ target: 't', options: { method: 'GET', connections: 2, rate: null, workers: 2, timeoutMs: 1, durationMs: 2000 }, aborted: null, generator });
    expect(r.durationMs).toBe(2000); // capped at the planned duration
    expect(r.totals.requests).toBe(45);
    expect(r.endpoints.map((e) => [e.name, e.requests])).toEqual([['GET /a', 45]]);
    expect(r.timeline.map((p) => p.requests)).toEqual([40, 5]);
    expect(r.thresholds.find((t) => t.metric === 'dropped_iterations')).toMatchObject({ actual: 3, ok: true });
    expect(r.thresholds.find((t) => t.metric === 'http_reqs')).toMatchObject({ actual: 45, ok: true });
  });

  it('names the abort-on-fail threshold that fails, and only when there is one', () => {
    const slow = parseThresholds([{ input: { threshold: 'http_req_duration: p(95)<1', abortOnFail: true }, where: 'x' }]);
    const plain = parseThresholds([{ input: 'http_req_duration: p(95)<1', where: 'x' }]);
    for (const [ts, expected] of [[slow, 'p(95)<1'], [plain, undefined]] as const) {
      const c = new RunCollector({ workers: 1, endpoints: [{ name: 'GET /', method: 'GET' }], thresholds: ts, durationMs: 1000, extra: () => ({}) });
      c.add(0, flushOf(new SliceRecorder(0), 10, 5, 50), 0);
      expect(c.failingAbort(60_000)?.source.replace(/^.*: /, '')).toBe(expected);
    }
  });
});
