import { percentileMs, sparseBuckets } from '../core/hdr.js';
import type { TimelinePoint } from '../core/load-result.js';
import { newEndpointSlice, type EndpointSlice } from './slice.js';

/**
 * The per-second timeline of a run, shared by both front ends. A second keeps its whole slice (with
 * its histogram) only until every worker has said it is done with it, then shrinks to a
 * TimelinePoint, so memory stays flat however long the run. Seconds are keyed by their index from
 * the run start: other per-second series (e.g. server-side metrics) can join on `t`.
 */
export class Timeline {
  private readonly open = new Map<number, EndpointSlice>();
  private readonly closed = new Map<number, TimelinePoint>();
  /** Per worker: the highest slice index it has completed. */
  private readonly through: number[];

  /** `keepHist`: points keep their second's histogram (sparse) so a split run's segments merge exactly. */
  constructor(workers: number, private readonly keepHist = false) {
    this.through = new Array<number>(workers).fill(-1);
  }

  /** The open slice of second `index`, for the aggregate to add into. */
  second(index: number): EndpointSlice {
    let sec = this.open.get(index);
    if (!sec) {
      sec = newEndpointSlice();
      this.open.set(index, sec);
    }
    return sec;
  }

  /** Worker `worker` will send nothing more for seconds up to `index`: close what every worker finished. */
  complete(worker: number, index: number): void {
    this.through[worker] = Math.max(this.through[worker] ?? -1, index);
    const done = Math.min(...this.through);
    for (const i of [...this.open.keys()]) if (i <= done) this.close(i);
  }

  /** The most recent second that every worker has completed, for live progress. */
  lastComplete(): TimelinePoint | undefined {
    const done = Math.min(...this.through);
    return done < 0 || !Number.isFinite(done) ? undefined : (this.closed.get(done) ?? emptyPoint(done));
  }

  /** Every second from the first to the last, with zeros for seconds in which nothing completed (a stall). */
  points(): TimelinePoint[] {
    for (const index of [...this.open.keys()]) this.close(index);
    const last = Math.max(-1, ...this.closed.keys());
    return Array.from({ length: last + 1 }, (_, t) => this.closed.get(t) ?? emptyPoint(t));
  }

  private close(index: number): void {
    const s = this.open.get(index)!;
    const p = point(index, s);
    if (this.keepHist) p.hist = sparseBuckets(s.hist);
    this.closed.set(index, p);
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
