import type { Histogram } from 'hdr-histogram-js';
import { ERROR_CLASS_INDEX, type ErrorClass } from './error-class.js';
import type { RequestTiming } from './http/timing.js';
import { encodeEndpointSlice, newEndpointSlice, newPhaseHistograms, newStreamStats, type EncodedSlice, type EndpointSlice } from './slice.js';

/**
 * The worker side of the one back half both front ends share: quick mode's Driver and scripted
 * mode's ScenarioRecorder write every request outcome here (slice index -> endpoint index -> stats).
 * A request is recorded once, into the slice of the second in which it completed. `response` and
 * `error` run per request: the current second's row is cached and nothing is allocated per call.
 */
export class SliceRecorder {
  private slices = new Map<number, EndpointSlice[]>();
  private cachedIndex = -1;
  private cached: EndpointSlice[] | undefined;

  constructor(protected readonly runStart: number) {}

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

  /**
   * A response, timed in ms. `failed`: quick mode passes status >= 400; a scenario may decide
   * otherwise (expected statuses). A failed 4xx/5xx is classed http_4xx/http_5xx.
   */
  response(now: number, ep: number, latencyMs: number, status: number, bytes: number, failed: boolean, timing?: RequestTiming): void {
    const s = this.slot(now, ep);
    s.hist.recordValue(latencyMs > 0.001 ? Math.round(latencyMs * 1000) : 1);
    if (timing !== undefined) {
      recordPhases((s.phases ??= newPhaseHistograms()), timing);
      if (timing.h2) s.h2++;
    }
    s.requests++;
    s.bytes += bytes;
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    if (failed) {
      s.errors++;
      if (status >= 400) s.errorClasses[status >= 500 ? ERROR_CLASS_INDEX.http_5xx : ERROR_CLASS_INDEX.http_4xx]!++;
    }
  }

  /** A streamed event: the first of its response (ms since the request started) or a later one (ms since the last). */
  streamEvent(now: number, ep: number, ms: number, first: boolean): void {
    const st = (this.slot(now, ep).stream ??= newStreamStats());
    (first ? st.first : st.gap).recordValue(Math.round(ms * 1000));
    st.events++;
  }

  /** A streamed response ended with at least one event. */
  streamEnd(now: number, ep: number): void {
    (this.slot(now, ep).stream ??= newStreamStats()).streams++;
  }

  /** A request that got no response (refused, reset, timeout, ...). */
  error(now: number, ep: number, cls: ErrorClass): void {
    const s = this.slot(now, ep);
    s.requests++;
    s.errors++;
    s.errorClasses[ERROR_CLASS_INDEX[cls]]!++;
  }

  /** Encode and forget the slices recorded since the last flush (what a worker posts once a second). */
  flushSlices(): EncodedSlice[] {
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

/** µs like the latency histogram; indices as PHASES (dns, connect, tls, send, ttfb, receive). */
function recordPhases(hs: Histogram[], t: RequestTiming): void {
  if (t.newConnection) {
    hs[0]!.recordValue(Math.round(t.dns * 1000));
    hs[1]!.recordValue(Math.round(t.connect * 1000));
    if (t.tls >= 0) hs[2]!.recordValue(Math.round(t.tls * 1000));
  }
  hs[3]!.recordValue(Math.round(t.send * 1000));
  hs[4]!.recordValue(Math.round(t.ttfb * 1000));
  hs[5]!.recordValue(Math.round(t.receive * 1000));
}
