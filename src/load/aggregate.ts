import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { ERROR_CLASSES } from './error-class.js';
import { percentileMs } from './histogram.js';
import { newEndpointSlice, type EncodedSlice, type EndpointSlice } from './slice.js';

export interface TimelinePoint {
  /** Seconds since the start of the run (slice start). */
  t: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
}

/** Slices this many seconds behind the newest are complete: every worker has flushed them. */
const OPEN_SLICES = 3;

/**
 * The parent's merged view of a run. Totals per endpoint and overall are kept whole; the
 * per-second timeline keeps a histogram only while a second may still receive data, then
 * shrinks to a few numbers, so memory stays flat however long the run.
 */
export class Aggregate {
  readonly grand: EndpointSlice = newEndpointSlice();
  readonly endpoints: EndpointSlice[];
  private readonly open = new Map<number, EndpointSlice>();
  private readonly closed = new Map<number, TimelinePoint>();
  private newest = -1;

  constructor(endpointCount: number) {
    this.endpoints = Array.from({ length: endpointCount }, () => newEndpointSlice());
  }

  merge(slices: EncodedSlice[]): void {
    for (const s of slices) {
      if (this.closed.has(s.index)) this.reopen(s.index);
      let sec = this.open.get(s.index);
      if (!sec) {
        sec = newEndpointSlice();
        this.open.set(s.index, sec);
      }
      for (const e of s.endpoints) {
        const h = decodeFromCompressedBase64(e.hist, 32, false);
        for (const into of [this.grand, this.endpoints[e.ep]!, sec]) {
          into.hist.add(h);
          into.requests += e.requests;
          into.errors += e.errors;
          into.bytes += e.bytes;
          for (let i = 0; i < e.errorClasses.length; i++) into.errorClasses[i]! += e.errorClasses[i]!;
          for (const [code, n] of e.statuses) into.statuses.set(code, (into.statuses.get(code) ?? 0) + n);
        }
        h.destroy();
      }
      if (s.index > this.newest) this.newest = s.index;
    }
    for (const index of [...this.open.keys()]) if (index < this.newest - OPEN_SLICES) this.close(index);
  }

  /** The most recent second that is complete, for live progress. */
  lastComplete(): TimelinePoint | undefined {
    const idx = this.newest - 1;
    if (idx < 0) return undefined;
    const closed = this.closed.get(idx);
    if (closed) return closed;
    const open = this.open.get(idx);
    return open ? point(idx, open) : undefined;
  }

  timeline(): TimelinePoint[] {
    for (const index of [...this.open.keys()]) this.close(index);
    return [...this.closed.values()].sort((a, b) => a.t - b.t);
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

  /** A late flush for a second already closed: rare (a stalled worker). Add it as counts only. */
  private reopen(index: number): void {
    const p = this.closed.get(index)!;
    this.closed.delete(index);
    const s = newEndpointSlice();
    s.requests = p.requests;
    s.errors = p.errors;
    s.bytes = p.bytes;
    this.open.set(index, s);
  }
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
