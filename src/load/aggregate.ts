import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { ERROR_CLASSES } from './error-class.js';
import { percentileMs } from '../core/hdr.js';
import type { TimelinePoint } from '../core/load-result.js';
import { addCounts, newEndpointSlice, type EncodedSlice, type EndpointSlice } from './slice.js';

/**
 * The parent's merged view of a run. Totals per endpoint and overall are kept whole; the
 * per-second timeline keeps a histogram only until every worker has said it is done with that
 * second, then shrinks to a few numbers, so memory stays flat however long the run.
 */
export class Aggregate {
  readonly grand: EndpointSlice = newEndpointSlice();
  readonly endpoints: EndpointSlice[];
  private readonly open = new Map<number, EndpointSlice>();
  private readonly closed = new Map<number, TimelinePoint>();
  /** Per worker: the highest slice index it has completed. */
  private readonly through: number[];

  constructor(endpointCount: number, workers = 1) {
    this.endpoints = Array.from({ length: endpointCount }, () => newEndpointSlice());
    this.through = new Array<number>(workers).fill(-1);
  }

  /** Worker `worker` will send nothing more for slices up to `index`: close what every worker finished. */
  complete(worker: number, index: number): void {
    this.through[worker] = Math.max(this.through[worker] ?? -1, index);
    const done = Math.min(...this.through);
    for (const i of [...this.open.keys()]) if (i <= done) this.close(i);
  }

  merge(slices: EncodedSlice[]): void {
    for (const s of slices) {
      let sec = this.open.get(s.index);
      if (!sec) {
        sec = newEndpointSlice();
        this.open.set(s.index, sec);
      }
      for (const e of s.endpoints) {
        const h = decodeFromCompressedBase64(e.hist, 32, false);
        for (const into of [this.grand, this.endpoints[e.ep]!, sec]) {
          into.hist.add(h);
          addCounts(into, e);
        }
        h.destroy();
      }
    }
  }

  /** The most recent second that every worker has completed, for live progress. */
  lastComplete(): TimelinePoint | undefined {
    const done = Math.min(...this.through);
    return done < 0 || !Number.isFinite(done) ? undefined : (this.closed.get(done) ?? emptyPoint(done));
  }

  /** Every second from the first to the last, with zeros for seconds in which nothing completed (a stall). */
  timeline(): TimelinePoint[] {
    for (const index of [...this.open.keys()]) this.close(index);
    const last = Math.max(-1, ...this.closed.keys());
    return Array.from({ length: last + 1 }, (_, t) => this.closed.get(t) ?? emptyPoint(t));
  }

  errorClassCounts(s: EndpointSlice = this.grand): Record<string, number> {
    const out: Record<string, number> = {};
    s.errorClasses.forEach((n, i) => {
      if (n > 0) out[ERROR_CLASSES[i]!] = n;
    });
    return out;
  }

  private close(index: number): void {
    const s = this.open.get(index)!;
    this.closed.set(index, point(index, s));
    s.hist.destroy();
    this.open.delete(index);
  }
}

function emptyPoint(t: number): TimelinePoint {
  return { t, requests: 0, errors: 0, rps: 0, p50: 0, p95: 0, p99: 0, bytes: 0 };
}

function point(index: number, s: EndpointSlice): TimelinePoint {
  return {
    t: index,
    requests: s.requests,
    errors: s.errors,
    rps: s.requests,
    p50: percentileMs(s.hist, 50),
    p95: percentileMs(s.hist, 95),
    p99: percentileMs(s.hist, 99),
    bytes: s.bytes,
  };
}
