import { describe, expect, it } from 'vitest';
import { encodeHistogram, newHistogram } from '../../src/core/hdr.js';
import { DEFAULTS_NOTE, LAUNCH_DEFAULT_THRESHOLDS, withLaunchDefaults } from '../../src/run/load-defaults.js';
import { sampleRunLoad } from '../report/sample-run-report.js';

describe('launch default thresholds', () => {
  it('are p(95)<500 and rate<0.01', () => {
    expect(LAUNCH_DEFAULT_THRESHOLDS).toEqual(['p(95)<500', 'rate<0.01']);
  });

  it('a result without thresholds is judged by them, from its own histogram and error count, and says so', () => {
    const result = { ...sampleRunLoad(), thresholds: [], passed: true };
    result.totals = { ...result.totals, requests: 200, errors: 200, errorRate: 1 };
    const out = withLaunchDefaults({ checks: [{ id: 'load.errors', title: 'e', category: 'Performance', status: 'warn', evidence: '200 of 200 failed' }], loads: [{ name: 'load', result }] });
    const byId = Object.fromEntries(out.checks.map((c) => [c.id, c]));
    expect(byId['load.threshold:http_req_failed:rate<0.01']).toMatchObject({ status: 'fail', evidence: `actual 1 (${DEFAULTS_NOTE})` });
    // The sample histogram's p95 is far under 500 ms.
    expect(byId['load.threshold:http_req_duration:p(95)<500']!.status).toBe('pass');
    expect(byId['load.threshold:http_req_duration:p(95)<500']!.evidence).toMatch(/^actual [\d.]+ \(no thresholds configured; launch defaults applied\)$/);
    expect(byId['load.errors']!.status).toBe('warn');
    const r = out.loads![0]!.result;
    expect(r.thresholds.map((t) => [t.metric, t.expression, t.ok])).toEqual([
      ['http_req_duration', 'p(95)<500', true],
      ['http_req_failed', 'rate<0.01', false],
    ]);
    expect(r.passed).toBe(false);
  });

  it('no requests at all fails the defaults: nothing measured proves no SLA', () => {
    const result = { ...sampleRunLoad(), thresholds: [], passed: true, latencyHdr: encodeHistogram(newHistogram()) };
    result.totals = { ...result.totals, requests: 0, errors: 0, errorRate: 0 };
    const out = withLaunchDefaults({ checks: [], loads: [{ name: 'load', result }] });
    expect(out.checks.map((c) => [c.id, c.status])).toEqual([
      ['load.threshold:http_req_duration:p(95)<500', 'fail'],
      ['load.threshold:http_req_failed:rate<0.01', 'fail'],
    ]);
    expect(out.checks[0]!.evidence).toBe(`no data for this metric (${DEFAULTS_NOTE})`);
    // A result without a histogram at all has no latency data either.
    const bare = withLaunchDefaults({ checks: [], loads: [{ name: 'load', result: { ...result, latencyHdr: '' } }] });
    expect(bare.checks[0]).toMatchObject({ id: 'load.threshold:http_req_duration:p(95)<500', status: 'fail' });
  });

  it('leaves a result with its own thresholds on latency and failures alone', () => {
    const result = sampleRunLoad();
    result.thresholds.push({ metric: 'http_req_failed', expression: 'rate<0.05', actual: 0.000758, ok: true, abortOnFail: false });
    const outcome = { checks: [], loads: [{ name: 'load', result }] };
    expect(withLaunchDefaults(outcome)).toBe(outcome);
  });

  it('a result that bounds only latency gets the failure-rate default', () => {
    const out = withLaunchDefaults({ checks: [], loads: [{ name: 'load', result: sampleRunLoad() }] });
    expect(out.checks.map((c) => [c.id, c.status])).toEqual([['load.threshold:http_req_failed:rate<0.01', 'pass']]);
  });

  it('a result that sets only a failure threshold (a built-in profile\'s rate<0.01) still gets the latency default', () => {
    const base = sampleRunLoad();
    const own = [{ metric: 'http_req_failed', expression: 'rate<0.0001', actual: 0.000758, ok: false, abortOnFail: false }];
    const result = { ...base, thresholds: own, passed: own.every((t) => t.ok) };
    const out = withLaunchDefaults({ checks: [], loads: [{ name: 'load', result }] });
    expect(out.checks.map((c) => [c.id, c.status])).toEqual([['load.threshold:http_req_duration:p(95)<500', 'pass']]);
    expect(out.checks[0]!.evidence).toContain(DEFAULTS_NOTE);
    expect(out.loads![0]!.result.thresholds.map((t) => t.expression)).toEqual([...own.map((t) => t.expression), 'p(95)<500']);
    // Its own failed rate threshold still fails the result; the default does not hide it.
    expect(out.loads![0]!.result.passed).toBe(false);
  });
});
