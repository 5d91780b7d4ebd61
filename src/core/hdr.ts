import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type JsHistogram, type Histogram } from 'hdr-histogram-js';

/**
 * Latency histograms record integer microseconds with 3 significant digits (0.1% resolution),
 * and grow on demand so a 10-minute stall still fits. Encoded histograms merge exactly, which is
 * how worker threads (and later processes or machines) combine their results.
 */
export function newHistogram(): Histogram {
  return build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

/** A histogram sized up front for values up to `maxValue` (still growing if needed): no resizing while many small ones are added into it. */
export function newHistogramUpTo(maxValue: number): Histogram {
  return build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: Math.max(2, Math.ceil(maxValue)), numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

/** The inverse of encodeHistogram (a result's `latencyHdr`). */
export function decodeHistogram(encoded: string): Histogram {
  return decodeFromCompressedBase64(encoded, 32, false);
}

/** Add encoded histograms (e.g. several endpoints' `latencyHdr`) exactly and summarise the sum. */
export function summariseEncodedMs(encoded: readonly string[]): LatencySummaryMs {
  const sum = newHistogram();
  for (const e of encoded) sum.add(decodeHistogram(e));
  return summariseMs(sum);
}

export interface LatencySummaryMs {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

const US_PER_MS = 1000;

/** Milliseconds, sub-millisecond precision, rounded to the microsecond we recorded. */
export function summariseMs(h: Histogram): LatencySummaryMs {
  if (h.totalCount === 0) return { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  const at = (p: number) => h.getValueAtPercentile(p) / US_PER_MS;
  return {
    min: h.minNonZeroValue / US_PER_MS,
    mean: round3(h.mean / US_PER_MS),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: h.maxValue / US_PER_MS,
  };
}

export function percentileMs(h: Histogram, p: number): number {
  return h.totalCount === 0 ? 0 : h.getValueAtPercentile(p) / US_PER_MS;
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * A small histogram as plain numbers: [value µs, count, value µs, count, ...], one pair per non-empty
 * HDR bucket (the bucket's highest equivalent value). Re-recording a pair lands in the same bucket, so
 * merging these is exact at the histogram's resolution, and JSON.parse reads them far faster than
 * decoding compressed histograms (what a fleet's per-second timelines need).
 */
export function sparseBuckets(h: Histogram): number[] {
  const js = h as unknown as JsHistogram;
  return bucketPairs(js, (i) => js.highestEquivalentValue(js.valueFromIndex(i)));
}

/**
 * The histogram as bucket pairs for a worker's once-a-second message: each bucket's lowest value, then
 * the highest bucket's highest value with count 0, so that min and max read back exactly as after
 * decodeHistogram. Built from the counts array directly, it costs microseconds where the compressed
 * encoding (or the library's iterator) took milliseconds on the generator's event loop every second.
 */
export function wireBuckets(h: Histogram): number[] {
  const js = h as unknown as JsHistogram;
  const out = bucketPairs(js, (i) => js.valueFromIndex(i));
  if (out.length > 0) out.push(js.highestEquivalentValue(out[out.length - 2]!), 0);
  return out;
}

/** [value, count] per non-empty bucket, in value order, straight from the counts array. */
function bucketPairs(js: JsHistogram, valueAt: (index: number) => number): number[] {
  const out: number[] = [];
  if (js.totalCount === 0) return out;
  for (let i = 0, n = js.countsArrayLength; i < n; i++) {
    const c = js.getCountAtIndex(i);
    if (c > 0) out.push(valueAt(i), c);
  }
  return out;
}

/** Add sparseBuckets() or wireBuckets() output into `into`. */
export function addSparseBuckets(into: Histogram, pairs: readonly number[]): void {
  for (let i = 0; i + 1 < pairs.length; i += 2) into.recordValueWithCount(pairs[i]!, pairs[i + 1]!);
}
