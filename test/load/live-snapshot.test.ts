import { describe, expect, it } from 'vitest';
import { MAX_LIVE_ENDPOINTS } from '../../src/core/live-snapshot.js';
import { Aggregate } from '../../src/load/aggregate.js';
import { liveSnapshot } from '../../src/load/live-snapshot.js';

describe('liveSnapshot', () => {
  it('keeps the busiest endpoints up to the cap, counts the rest, and classes statuses (none = no response)', () => {
    const n = MAX_LIVE_ENDPOINTS + 50;
    const agg = new Aggregate(1, Array.from({ length: n }, (_, i) => ({ name: `GET /e/${i}`, method: 'GET' })));
    agg.endpoints.forEach((s, i) => {
      s.requests = i + 1;
      s.statuses.set(200, i);
      if (i > 0) s.hist.recordValue(1000 * (i + 1)); // µs: endpoint i answers in i+1 ms
    });
    agg.endpoints[n - 1]!.statuses.set(503, 0);
    const s = liveSnapshot(agg, { run: 3, users: 7, server: [{ name: 'cpu.used', unit: 'cores', value: 0.5 }], elapsedMs: 1234.6, durationMs: 5000, thresholds: [{ metric: 'http_req_duration', expression: 'p(95)<500', actual: null, ok: false, abortOnFail: false }] });
    expect(s.endpoints).toHaveLength(MAX_LIVE_ENDPOINTS);
    expect(s.endpointsOmitted).toBe(50);
    expect(s.endpoints[0]!.name).toBe(`GET /e/${n - 1}`);
    expect(Math.min(...s.endpoints.map((e) => e.requests))).toBe(51);
    expect(s.endpoints[0]!.statusClasses).toEqual({ '2xx': n - 1, '5xx': 0, none: 1 });
    expect(s.endpoints[0]!.p50).toBeCloseTo(n, 0);
    expect(s).toMatchObject({ run: 3, users: 7, elapsedMs: 1235, durationMs: 5000, second: { t: -1 }, server: [{ name: 'cpu.used', value: 0.5 }] });
    expect(s.thresholds).toEqual([{ metric: 'http_req_duration', expression: 'p(95)<500', actual: null, ok: false }]);
  });
});
