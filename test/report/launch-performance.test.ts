import { describe, expect, it } from 'vitest';
import { encodeHistogram, newHistogram } from '../../src/core/hdr.js';
import { launchModel } from '../../src/report/launch/model.js';
import { sampleRunLoad, sampleRunReport } from './sample-run-report.js';

/** An encoded histogram of these latencies in milliseconds (recorded as microseconds, like the engine). */
function hdr(ms: number[]): string {
  const h = newHistogram();
  for (const v of ms) h.recordValue(Math.round(v * 1000));
  return encodeHistogram(h);
}

describe('launch report: performance rows', () => {
  it('a quick-mode load gives one row for the run and one per endpoint', () => {
    const rows = launchModel(sampleRunReport()).performance;
    expect(rows.map((r) => r.scenario)).toEqual(['journey', 'journey', 'journey']);
    expect(rows[0]!.endpoint).toBeUndefined();
  });

  it('a scripted run gives a row per scenario with its own users, throughput, merged latency and scoped status', () => {
    const report = sampleRunReport();
    const base = sampleRunLoad();
    const endpoints = [
      { ...base.endpoints[0]!, name: 'GET /fast', scenario: 'fast', requests: 100, errors: 0, errorRate: 0, rps: 10, latencyHdr: hdr(Array.from({ length: 100 }, () => 10)) },
      { ...base.endpoints[0]!, name: 'GET /slow', scenario: 'slow', requests: 50, errors: 0, errorRate: 0, rps: 5, latencyHdr: hdr(Array.from({ length: 50 }, () => 200)) },
      { ...base.endpoints[0]!, name: 'POST /login', scenario: 'slow', requests: 50, errors: 5, errorRate: 0.1, rps: 5, latencyHdr: hdr(Array.from({ length: 50 }, () => 400)) },
    ];
    const load = {
      ...base,
      durationMs: 10_000,
      endpoints,
      thresholds: [
        { metric: 'http_reqs{scenario:fast}', expression: 'rate>=5', actual: 10, ok: true, abortOnFail: false },
        { metric: 'http_reqs{scenario:slow}', expression: 'rate>=100', actual: 10, ok: false, abortOnFail: false },
      ],
      scenarios: [
        { name: 'fast', requests: 100, errors: 0, peakUsers: 3 },
        { name: 'slow', requests: 100, errors: 5, peakUsers: 7 },
      ],
    };
    report.loads = [{ name: 'load', result: load as typeof base }];
    const rows = launchModel(report).performance;
    const scenarioRows = rows.filter((r) => r.endpoint === undefined);
    expect(scenarioRows.map((r) => [r.scenario, r.users, r.status])).toEqual([
      ['load', '10', base.passed ? 'pass' : 'fail'],
      ['fast', '3', 'pass'],
      ['slow', '7', 'fail'],
    ]);
    const slow = scenarioRows[2]!;
    expect(slow.rps).toBeCloseTo(10, 5);
    expect(slow.errorPct).toBeCloseTo(5, 5);
    // Half the slow scenario's requests took 200 ms and half 400 ms: its histograms were added, not averaged.
    expect(slow.p50).toBeCloseTo(200, 0);
    expect(slow.p99).toBeCloseTo(400, 0);
    expect(scenarioRows[1]!.p95).toBeCloseTo(10, 1);
    // Endpoints sit under their own scenario.
    expect(rows.filter((r) => r.endpoint).map((r) => [r.scenario, r.endpoint])).toEqual([
      ['fast', 'GET /fast'],
      ['slow', 'GET /slow'],
      ['slow', 'POST /login'],
    ]);
  });
});
