import { ERROR_CLASS_INDEX } from './error-class.js';
import type { EncodedSlice } from './slice.js';
import { SliceRecorder } from './slice-recorder.js';

/**
 * Per-worker accumulation between flushes: slice index -> endpoint index -> stats.
 * A request is recorded once, into the slice of the second in which it completed;
 * overall and per-endpoint totals are sums of slices, so nothing is recorded twice.
 */
export class Recorder extends SliceRecorder {
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

  /** Encode and forget everything recorded since the last flush. */
  flush(): EncodedSlice[] {
    return this.flushSlices();
  }
}
