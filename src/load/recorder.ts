import { ERROR_CLASS_INDEX, type ErrorClass } from './error-class.js';
import { encodeEndpointSlice, newEndpointSlice, type EncodedSlice, type EndpointSlice } from './slice.js';

/**
 * Per-worker accumulation between flushes: slice index -> endpoint index -> stats.
 * A request is recorded once, into the slice of the second in which it completed;
 * overall and per-endpoint totals are sums of slices, so nothing is recorded twice.
 */
export class Recorder {
  private slices = new Map<number, EndpointSlice[]>();
  private cachedIndex = -1;
  private cached: EndpointSlice[] | undefined;

  constructor(
    private readonly runStart: number,
    private readonly endpointCount: number,
  ) {}

  private slot(now: number, ep: number): EndpointSlice {
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

  response(now: number, ep: number, latencyMs: number, status: number, bytes: number): void {
    const s = this.slot(now, ep);
    s.hist.recordValue(latencyMs > 0.001 ? Math.round(latencyMs * 1000) : 1);
    s.requests++;
    s.bytes += bytes;
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    if (status >= 400) {
      s.errors++;
      s.errorClasses[status >= 500 ? ERROR_CLASS_INDEX.http_5xx : ERROR_CLASS_INDEX.http_4xx]!++;
    }
  }

  error(now: number, ep: number, cls: ErrorClass): void {
    const s = this.slot(now, ep);
    s.requests++;
    s.errors++;
    s.errorClasses[ERROR_CLASS_INDEX[cls]]!++;
  }

  /** Encode and forget everything recorded since the last flush. */
  flush(): EncodedSlice[] {
    const out: EncodedSlice[] = [];
    for (const [index, eps] of this.slices) {
      const endpoints = [];
      for (let ep = 0; ep < this.endpointCount; ep++) {
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
