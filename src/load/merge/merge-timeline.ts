import type { Histogram } from 'hdr-histogram-js';
import { addSparseBuckets, newHistogramUpTo, percentileMs } from '../../core/hdr.js';
import type { TimelinePoint } from '../../core/load-result.js';

interface Second {
  requests: number;
  errors: number;
  bytes: number;
  /** The second's latency histogram, the points' sparse histograms added: its size depends on the latency range, not on how many segments feed it. */
  hist: Histogram | undefined;
  /** A point of this second came without a histogram: percentiles are the inputs' maxima (an upper bound). */
  inexact: boolean;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Per-second timelines of several segments, aligned by wall-clock second (each result's `startedAt`
 * plus `t`): counts add, and percentiles come from the seconds' histograms added together, so a merged
 * second reads as if one process had measured it.
 */
export class TimelineMerge {
  private readonly seconds = new Map<number, Second>();
  inexact = false;

  /** `offset`: seconds between this result's start and the merge's reference start; `maxUs`: the result's slowest request. */
  add(points: readonly TimelinePoint[], offset: number, maxUs = 0): void {
    for (const p of points) {
      const key = p.t + offset;
      let s = this.seconds.get(key);
      if (!s) this.seconds.set(key, (s = { requests: 0, errors: 0, bytes: 0, hist: undefined, inexact: false, p50: 0, p95: 0, p99: 0 }));
      s.requests += p.requests;
      s.errors += p.errors ?? 0;
      s.bytes += p.bytes ?? 0;
      const h = p.hist;
      if (Array.isArray(h)) {
        if (h.length > 0) addSparseBuckets((s.hist ??= newHistogramUpTo(maxUs)), h);
      } else if (p.requests > 0) {
        s.inexact = true;
        this.inexact = true;
      }
      s.p50 = Math.max(s.p50, p.p50 ?? 0);
      s.p95 = Math.max(s.p95, p.p95 ?? 0);
      s.p99 = Math.max(s.p99, p.p99 ?? 0);
    }
  }

  /** Every second from the earliest to the latest, zeros where nothing completed; `t` from 0. */
  points(): { points: TimelinePoint[]; shift: number } {
    if (this.seconds.size === 0) return { points: [], shift: 0 };
    const keys = [...this.seconds.keys()];
    const lo = Math.min(...keys);
    const hi = Math.max(...keys);
    const out: TimelinePoint[] = [];
    for (let k = lo; k <= hi; k++) {
      const s = this.seconds.get(k);
      if (!s) {
        out.push({ t: k - lo, requests: 0, errors: 0, rps: 0, p50: 0, p95: 0, p99: 0, bytes: 0 });
        continue;
      }
      let p50 = s.p50;
      let p95 = s.p95;
      let p99 = s.p99;
      if (!s.inexact) {
        const h = s.hist;
        p50 = h ? percentileMs(h, 50) : 0;
        p95 = h ? percentileMs(h, 95) : 0;
        p99 = h ? percentileMs(h, 99) : 0;
      }
      s.hist?.destroy();
      s.hist = undefined;
      out.push({ t: k - lo, requests: s.requests, errors: s.errors, rps: s.requests, p50, p95, p99, bytes: s.bytes });
    }
    return { points: out, shift: lo };
  }
}
