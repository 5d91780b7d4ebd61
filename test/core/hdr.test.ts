import { describe, expect, it } from 'vitest';
import type { JsHistogram } from 'hdr-histogram-js';
import { addSparseBuckets, decodeHistogram, encodeHistogram, newHistogram, sparseBuckets, summariseMs, wireBuckets } from '../../src/core/hdr.js';

/** Latencies in µs over five orders of magnitude (buckets 1 µs wide up to ~2 ms, wider above). */
function sample(seed: number, n: number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(1 + Math.round((x / 2 ** 31) ** 4 * 5_000_000));
  }
  return out;
}

function histOf(values: readonly number[]) {
  const h = newHistogram();
  for (const v of values) h.recordValue(v);
  return h;
}

describe('bucket pairs (what workers post once a second)', () => {
  it('wireBuckets read back into a histogram equal the compressed encoding read back: every percentile, min, max, mean, count', () => {
    for (const [seed, n] of [[1, 1], [2, 2], [3, 50], [4, 5000], [5, 40_000]] as const) {
      const h = histOf(sample(seed, n));
      const viaWire = newHistogram();
      addSparseBuckets(viaWire, wireBuckets(h));
      const viaCompressed = decodeHistogram(encodeHistogram(h));
      expect(summariseMs(viaWire), `seed ${seed}`).toEqual(summariseMs(viaCompressed));
      expect(viaWire.totalCount).toBe(n);
      for (let p = 0; p <= 100; p += 0.5) expect(viaWire.getValueAtPercentile(p)).toBe(viaCompressed.getValueAtPercentile(p));
    }
  });

  it('a value in a wide bucket keeps min = the bucket\'s lowest and max = its highest, as the compressed form does', () => {
    const h = histOf([123_457]);
    const back = newHistogram();
    addSparseBuckets(back, wireBuckets(h));
    const ref = decodeHistogram(encodeHistogram(h));
    expect(back.minNonZeroValue).toBe(ref.minNonZeroValue);
    expect(back.maxValue).toBe(ref.maxValue);
    expect(back.minNonZeroValue).toBeLessThan(back.maxValue);
  });

  it('an empty histogram is an empty list', () => {
    expect(wireBuckets(newHistogram())).toEqual([]);
    expect(sparseBuckets(newHistogram())).toEqual([]);
  });

  it('sparseBuckets lists what the library\'s recorded-values iterator lists (the timeline format stays the same)', () => {
    const h = histOf(sample(7, 3000));
    const it = (h as unknown as JsHistogram).recordedValuesIterator;
    it.reset();
    const want: number[] = [];
    while (it.hasNext()) {
      const v = it.next();
      want.push(v.valueIteratedTo, v.countAtValueIteratedTo);
    }
    expect(sparseBuckets(h)).toEqual(want);
  });
});
