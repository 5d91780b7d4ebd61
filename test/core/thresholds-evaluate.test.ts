import { describe, expect, it } from 'vitest';
import { evaluateThresholds, parseThreshold, shouldAbort, type MetricCatalog, type MetricsView, type ThresholdInput, type TrendStats } from '../../src/core/thresholds/index.js';

/** A fake engine: metrics keyed by name plus tags, trends from a plain list of samples. */
function fakeView(data: {
  trends?: Record<string, number[]>;
  rates?: Record<string, { passes: number; total: number }>;
  counters?: Record<string, { count: number; durationSec: number }>;
  gauges?: Record<string, { value: number }>;
}): MetricsView {
  const key = (metric: string, tags: Record<string, string>) => metric + (Object.keys(tags).length ? JSON.stringify(tags) : '');
  return {
    trend: (m, t) => {
      const s = data.trends?.[key(m, t)];
      return s === undefined ? undefined : stats(s);
    },
    rate: (m, t) => data.rates?.[key(m, t)],
    counter: (m, t) => data.counters?.[key(m, t)],
    gauge: (m, t) => data.gauges?.[key(m, t)],
  };
}

function stats(samples: number[]): TrendStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    // Nearest-rank, as HDR histograms report it.
    percentile: (p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0,
  };
}

const parse = (input: string | ThresholdInput, extra?: MetricCatalog) => parseThreshold(input, 'test', extra);
const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms

describe('evaluateThresholds', () => {
  const view = fakeView({
    trends: { http_req_duration: samples, 'http_req_duration{"name":"GET /slow"}': [900, 1000, 1100], 'http_req_duration{"name":"GET /empty"}': [] },
    rates: { http_req_failed: { passes: 2, total: 200 }, checks: { passes: 0, total: 0 } },
    counters: { http_reqs: { count: 600, durationSec: 30 }, dropped_iterations: { count: 0, durationSec: 30 }, iterations: { count: 5, durationSec: 0 } },
  });

  const cases: Array<[string, number | null, boolean]> = [
    ['p(95)<500', 95, true],
    ['p(99)<99', 99, false],
    ['p(99.9)<=100', 100, true],
    ['avg<50', 50.5, false],
    ['avg<=50.5', 50.5, true],
    ['min>=1', 1, true],
    ['max<100', 100, false],
    ['med==50', 50, true],
    ['max < 0.1s', 100, false],
    ['http_req_duration: count==100', 100, true],
    ['rate<1%', 0.01, false],
    ['rate<=1%', 0.01, true],
    ['rate!=0', 0.01, true],
    ['count>500', 600, true],
    ['rps>=20', 20, true],
    ['http_reqs: rate>20', 20, false],
    ['dropped_iterations: count==0', 0, true],
    ['dropped_iterations: rate==0', 0, true],
    // A counter the engine never reported counts as 0, not as missing.
    ['data_received: count<1', 0, true],
    // Count without a duration has no per-second rate.
    ['iterations: rps>1', null, false],
    ['http_req_duration{name:GET /slow}: p(95)<500', 1100, false],
    ['http_req_duration{name:GET /slow}: min>800', 900, true],
    // No data: nothing measured cannot prove an SLA.
    ['http_req_duration{name:GET /missing}: p(95)<500', null, false],
    ['http_req_duration{name:GET /empty}: avg<500', null, false],
    ['http_req_duration{name:GET /empty}: count==0', 0, true],
    ['checks: rate>0.9', null, false],
    ['http_req_failed{method:POST}: rate<1', null, false],
  ];

  it.each(cases)('%s -> actual %s, ok %s', (expr, actual, ok) => {
    const [r] = evaluateThresholds([parse(expr)], view);
    expect(r!.actual).toBe(actual);
    expect(r!.ok).toBe(ok);
  });

  it('reports the canonical selector and the condition as written', () => {
    const results = evaluateThresholds([parse('  http_req_duration{ name : GET /slow }:  p(95) < 2s '), parse({ threshold: 'rate<1%', abortOnFail: true })], view);
    expect(results).toEqual([
      { metric: 'http_req_duration{name:GET /slow}', expression: 'p(95) < 2s', actual: 1100, ok: true, abortOnFail: false },
      { metric: 'http_req_failed', expression: 'rate<1%', actual: 0.01, ok: false, abortOnFail: true },
    ]);
  });

  it('evaluates custom gauges when the view supports them', () => {
    const extra: MetricCatalog = { queue_depth: { kind: 'gauge', description: 'queue' } };
    const t = parse('queue_depth: value<10', extra);
    expect(evaluateThresholds([t], fakeView({ gauges: { queue_depth: { value: 3 } } }))[0]).toMatchObject({ actual: 3, ok: true });
    const { gauge: _omit, ...noGauge } = fakeView({});
    expect(evaluateThresholds([t], noGauge)[0]).toMatchObject({ actual: null, ok: false });
  });
});

describe('shouldAbort', () => {
  const view = fakeView({ trends: { http_req_duration: samples }, rates: { http_req_failed: { passes: 50, total: 100 } } });

  it('returns the first failing abortOnFail threshold once its delay has passed', () => {
    const ts = [
      parse({ threshold: 'p(95)<10', abortOnFail: false }), // failing, but not an abort threshold
      parse({ threshold: 'rate<1%', abortOnFail: true, delayAbortEval: '10s' }),
      parse({ threshold: 'avg<1', abortOnFail: true, delayAbortEval: '30s' }),
    ];
    const results = evaluateThresholds(ts, view);
    expect(shouldAbort(results, ts, 0)).toBeUndefined();
    expect(shouldAbort(results, ts, 9_999)).toBeUndefined();
    expect(shouldAbort(results, ts, 10_000)).toBe(ts[1]);
    expect(shouldAbort(results.map((r, i) => (i === 1 ? { ...r, ok: true } : r)), ts, 29_000)).toBeUndefined();
    expect(shouldAbort(results.map((r, i) => (i === 1 ? { ...r, ok: true } : r)), ts, 30_000)).toBe(ts[2]);
  });

  it('aborts immediately without a delay, never on passing thresholds', () => {
    const ts = [parse({ threshold: 'p(95)<500', abortOnFail: true }), parse({ threshold: 'max<50', abortOnFail: true })];
    const results = evaluateThresholds(ts, view);
    expect(shouldAbort(results, ts, 0)).toBe(ts[1]);
    expect(shouldAbort(results.slice(0, 1), ts.slice(0, 1), 60_000)).toBeUndefined();
  });

  it('does not abort on a threshold that has no data yet', () => {
    const ts = [parse({ threshold: 'p(95)<500', abortOnFail: true })];
    const results = evaluateThresholds(ts, fakeView({}));
    expect(results[0]).toMatchObject({ actual: null, ok: false });
    expect(shouldAbort(results, ts, 60_000)).toBeUndefined();
  });
});
