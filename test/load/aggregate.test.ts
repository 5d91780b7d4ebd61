import { describe, expect, it } from 'vitest';
import { Aggregate } from '../../src/load/aggregate.js';
import { newHistogram } from '../../src/core/hdr.js';
import { SliceRecorder } from '../../src/load/slice-recorder.js';

const GET = [{ name: 'GET /', method: 'GET' }];

/** Deterministic pseudo-random latencies in ms, spread over three orders of magnitude. */
function latencies(seed: number, n: number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(0.05 + (x / 2 ** 31) ** 3 * 800);
  }
  return out;
}

describe('histogram merge across workers', () => {
  it('merging encoded per-worker slices gives exactly the single-histogram percentiles', () => {
    const workers = [latencies(1, 20_000), latencies(2, 30_000), latencies(3, 5_000)];
    const reference = newHistogram();
    const agg = new Aggregate(workers.length, GET);
    workers.forEach((values, w) => {
      const rec = new SliceRecorder(0);
      values.forEach((ms, i) => {
        // Spread completions over 4 seconds so several slices and flushes are involved.
        rec.response((i % 4) * 1000 + 1, 0, ms, 200, 10, false);
        reference.recordValue(Math.round(ms * 1000));
        if (i % 7000 === 0) agg.merge(w, rec.flushSlices());
      });
      agg.merge(w, rec.flushSlices());
    });
    expect(agg.grand.requests).toBe(55_000);
    expect(agg.grand.hist.totalCount).toBe(reference.totalCount);
    for (const p of [50, 90, 95, 99, 99.9, 100]) {
      expect(agg.grand.hist.getValueAtPercentile(p)).toBe(reference.getValueAtPercentile(p));
    }
    expect(agg.grand.hist.minNonZeroValue).toBe(reference.minNonZeroValue);
    expect(agg.grand.bytes).toBe(550_000);
    const tl = agg.timeline.points();
    expect(tl.map((p) => p.t)).toEqual([0, 1, 2, 3]);
    expect(tl.reduce((a, p) => a + p.requests, 0)).toBe(55_000);
  });

  it('classifies errors per class and counts status codes', () => {
    const rec = new SliceRecorder(0);
    rec.response(10, 0, 1, 200, 0, false);
    rec.response(10, 0, 1, 404, 0, true);
    rec.response(10, 0, 1, 503, 0, true);
    rec.error(10, 0, 'timeout');
    rec.error(10, 0, 'reset');
    const agg = new Aggregate(1, GET);
    agg.merge(0, rec.flushSlices());
    expect(agg.grand.requests).toBe(5);
    expect(agg.grand.errors).toBe(4);
    expect(agg.errorClassCounts()).toEqual({ http_4xx: 1, http_5xx: 1, timeout: 1, reset: 1 });
    expect([...agg.grand.statuses]).toEqual([[200, 1], [404, 1], [503, 1]]);
    // Transport errors have no latency sample.
    expect(agg.grand.hist.totalCount).toBe(3);
  });

  it('closes a second only when every worker is through it, so a slow worker still counts', () => {
    const agg = new Aggregate(2, GET);
    const w0 = new SliceRecorder(0);
    const w1 = new SliceRecorder(0);
    w0.response(500, 0, 1, 200, 0, false);
    agg.merge(0, w0.flushSlices());
    agg.complete(0, 0);
    expect(agg.lastComplete()).toBeUndefined(); // worker 1 has not finished second 0
    w1.response(900, 0, 100, 200, 0, false);
    agg.merge(1, w1.flushSlices());
    agg.complete(1, 0);
    const p = agg.lastComplete()!;
    expect(p.t).toBe(0);
    expect(p.requests).toBe(2);
    expect(p.p99).toBeCloseTo(100, 0); // the slow worker's sample is in the closed second's percentiles
  });

  it('fills seconds in which nothing completed with zeros', () => {
    const rec = new SliceRecorder(0);
    rec.response(100, 0, 1, 200, 0, false);
    rec.response(3100, 0, 1, 200, 0, false);
    const agg = new Aggregate(1, GET);
    agg.merge(0, rec.flushSlices());
    expect(agg.timeline.points().map((p) => p.requests)).toEqual([1, 0, 0, 1]);
  });
});
