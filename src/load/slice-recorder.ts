import { ERROR_CLASS_INDEX, type ErrorClass } from './error-class.js';
import { encodeEndpointSlice, newEndpointSlice, type EncodedSlice, type EndpointSlice } from './slice.js';

/**
 * The per-second slice table both recorders (quick mode's Recorder, scripted mode's ScenarioRecorder)
 * write requests into: slice index -> endpoint index -> stats. A request is recorded once, into the
 * slice of the second in which it completed. The current second's row is cached: `slot` runs per request.
 */
export abstract class SliceRecorder {
  private slices = new Map<number, EndpointSlice[]>();
  private cachedIndex = -1;
  private cached: EndpointSlice[] | undefined;

  constructor(protected readonly runStart: number) {}

  protected slot(now: number, ep: number): EndpointSlice {
    const index = Math.max(0, Math.floor((now - this.runStart) / 1000));
    if (index !== this.cachedIndex || this.cached === undefined) {
      let eps = this.slices.get(index);
      if (!eps) {
        eps = [];
        this.slices.set(index, eps);
      }
      this.cached = eps;
      this.cachedIndex = index;
    }
    return (this.cached[ep] ??= newEndpointSlice());
  }

  /** A request that got no response (refused, reset, timeout, ...). */
  error(now: number, ep: number, cls: ErrorClass): void {
    const s = this.slot(now, ep);
    s.requests++;
    s.errors++;
    s.errorClasses[ERROR_CLASS_INDEX[cls]]!++;
  }

  /** Encode and forget the slices recorded since the last flush. */
  protected flushSlices(): EncodedSlice[] {
    const out: EncodedSlice[] = [];
    for (const [index, eps] of this.slices) {
      const endpoints = [];
      for (let ep = 0; ep < eps.length; ep++) {
        const s = eps[ep];
        if (s) endpoints.push(encodeEndpointSlice(ep, s));
      }
      out.push({ index, endpoints });
    }
    this.slices = new Map();
    this.cached = undefined;
    this.cachedIndex = -1;
    return out;
  }
}
