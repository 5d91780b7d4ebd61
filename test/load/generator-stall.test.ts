import { afterEach, describe, expect, it } from 'vitest';
import { decodeHistogram, sparseBuckets } from '../../src/core/hdr.js';
import { startLoad } from '../../src/load/engine.js';
import { FreeWindows } from '../../src/load/free-windows.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const { track } = serverPool(afterEach);

/** Keep this thread (the generator's: one worker runs on the main thread) busy for `ms`. */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy: the generator's timers cannot fire */
  }
}

describe('open model: whose delay is it', () => {
  it('a stall of the generator itself, with connections free, is reported as late sends, not added to the target\'s latency', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const run = await startLoad({ url: new URL(srv.url), method: 'GET', headers: {}, connections: 100, durationMs: 1500, rate: 100, workers: 1, timeoutMs: 5000, insecure: false, maxRedirects: 0, thresholds: [] });
    // The run starts 100 ms after startLoad; stall 400 ms in the middle of it.
    setTimeout(() => stall(400), 600);
    const j = await run.result;
    expect(j.totals.requests).toBe(150);
    // ~40 sends were due during the stall: they left late, with free connections (100: the burst after the stall takes
    // none of them away), so the generator was at fault...
    expect(j.totals.late).toBeGreaterThanOrEqual(30);
    expect(j.generator.lateNoConnection).toBeLessThan(j.totals.late / 4);
    expect(j.generator.maxSendLagMs).toBeGreaterThanOrEqual(300);
    expect(j.generator.bottleneck).toBe(true);
    // ...and are timed from when they were sent. Timed from their intended time, the ~20 due in the stall's first
    // 200 ms would each show over 200 ms; now only a request in flight when the stall began can (the burst sent
    // after it, ~40 requests on fresh connections, took up to ~60 ms on a loaded 2-core machine).
    const buckets = sparseBuckets(decodeHistogram(j.latencyHdr));
    let over200ms = 0;
    for (let i = 0; i < buckets.length; i += 2) if (buckets[i]! >= 200_000) over200ms += buckets[i + 1]!;
    expect(over200ms).toBeLessThanOrEqual(5);
  }, 20_000);
});

describe('FreeWindows: was a connection free when a send fell due?', () => {
  it('answers from the windows between "one became free" and "the last was taken", in time order', () => {
    const w = new FreeWindows();
    w.open(0);
    w.close(10); // all busy from 10
    w.open(25); // one free again at 25 ...
    w.open(26); // ... (already open: no change)
    w.close(30);
    expect([5, 10, 11, 24, 25, 29, 31].map((t) => w.freeAt(t))).toEqual([true, true, false, false, true, true, false]);
    w.open(40);
    expect(w.freeAt(39)).toBe(false);
    expect(w.freeAt(1000)).toBe(true);
  });

  it('keeps a handful of numbers however long the run', () => {
    const w = new FreeWindows();
    for (let t = 0; t < 100_000; t += 10) {
      w.open(t);
      w.close(t + 5);
      expect(w.freeAt(t + 2)).toBe(true);
    }
    expect((w as unknown as { closed: number[] }).closed.length).toBeLessThan(100);
  });
});
