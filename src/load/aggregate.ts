import { addSparseBuckets } from '../core/hdr.js';
import type { TimelinePoint } from '../core/load-result.js';
import { ERROR_CLASSES } from './error-class.js';
import { addCounts, addPhases, addStream, newEndpointSlice, type EncodedSlice, type EndpointSlice } from './slice.js';
import { Timeline } from './timeline.js';

/** A request name as results and thresholds know it. Quick mode has one; a scenario adds its name. */
export interface EndpointMeta {
  /** "METHOD name", e.g. "GET /api/items". */
  name: string;
  method: string;
  /** Scripted mode: the scenario that sent it (the same request name in two scenarios is two endpoints). */
  scenario?: string;
}

/**
 * The parent's merged view of a run, fed by both front ends: totals overall and per endpoint (kept
 * whole, histograms included) and the per-second timeline. Workers send encoded slices with their
 * own endpoint indices; `register` maps them to this run's, so threads (and later processes or
 * machines) merge exactly.
 */
export class Aggregate {
  readonly grand: EndpointSlice = newEndpointSlice();
  readonly endpoints: EndpointSlice[] = [];
  /** endpoints[i] is the request named meta[i]. */
  readonly meta: EndpointMeta[] = [];
  readonly timeline: Timeline;
  private readonly byKey = new Map<string, number>();
  /** Per worker: its endpoint index -> this run's. */
  private readonly local: number[][];

  /** `endpoints`: known before the run (quick mode); every worker numbers them the same. */
  constructor(workers = 1, endpoints: readonly EndpointMeta[] = [], timelineHist = false) {
    this.timeline = new Timeline(workers, timelineHist);
    this.local = Array.from({ length: workers }, () => []);
    endpoints.forEach((e, i) => {
      for (let w = 0; w < workers; w++) this.register(w, i, e);
    });
  }

  /** Worker `worker` calls endpoint `meta` `ep`; the same scenario + name from any worker is one endpoint. */
  register(worker: number, ep: number, meta: EndpointMeta): number {
    const key = `${meta.scenario ?? ''}\u0000${meta.name}`;
    let g = this.byKey.get(key);
    if (g === undefined) {
      g = this.meta.length;
      this.byKey.set(key, g);
      this.meta.push({ ...meta });
      this.endpoints.push(newEndpointSlice());
    }
    this.local[worker]![ep] = g;
    return g;
  }

  /** Add a worker's encoded slices (endpoint indices are that worker's, see `register`). */
  merge(worker: number, slices: readonly EncodedSlice[]): void {
    const map = this.local[worker]!;
    for (const s of slices) {
      const sec = this.timeline.second(s.index);
      for (const e of s.endpoints) {
        const ep = this.endpoints[map[e.ep]!]!;
        for (const into of [this.grand, ep, sec]) {
          addSparseBuckets(into.hist, e.hist);
          addCounts(into, e);
        }
        // Phases are run-wide figures: the timeline's seconds do not carry them.
        if (e.phases) for (const into of [this.grand, ep]) addPhases(into, e.phases);
        if (e.stream) for (const into of [this.grand, ep]) addStream(into, e.stream);
      }
    }
  }

  /** Worker `worker` will send nothing more for seconds up to `index` (Infinity: it is done). */
  complete(worker: number, index: number): void {
    this.timeline.complete(worker, index);
  }

  lastComplete(): TimelinePoint | undefined {
    return this.timeline.lastComplete();
  }

  /**
   * The endpoints a threshold's tags pick (`name`, `method`, `scenario`), or the run's totals for no
   * tags; undefined when none matches. An endpoint without a scenario (quick mode) ignores `scenario`.
   */
  select(tags: Record<string, string>): EndpointSlice[] | undefined {
    if (Object.keys(tags).length === 0) return [this.grand];
    const picked = this.endpoints.filter((_, i) => {
      const e = this.meta[i]!;
      return (
        (tags.name === undefined || tags.name === e.name) &&
        (tags.method === undefined || tags.method.toUpperCase() === e.method) &&
        (tags.scenario === undefined || e.scenario === undefined || tags.scenario === e.scenario)
      );
    });
    return picked.length > 0 ? picked : undefined;
  }

  errorClassCounts(s: EndpointSlice = this.grand): Record<string, number> {
    const out: Record<string, number> = {};
    s.errorClasses.forEach((n, i) => {
      if (n > 0) out[ERROR_CLASSES[i]!] = n;
    });
    return out;
  }
}
