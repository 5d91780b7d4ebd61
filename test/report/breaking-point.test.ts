import { describe, expect, it } from 'vitest';
import type { BreakingPoint } from '../../src/core/breaking-point.js';
import type { RunReport } from '../../src/core/run-report.js';
import { launchModel } from '../../src/report/launch/model.js';
import { REPORTERS } from '../../src/report/registry.js';
import { capacityCheck } from '../../src/load/capacity/part.js';
import { sampleRunReport } from './sample-run-report.js';

const EVIL = '<img src=x onerror=alert(1)>';

function breakingPoint(over: Partial<BreakingPoint> = {}): BreakingPoint {
  return {
    maxRate: 80,
    failedAt: 160,
    limitedBy: { metric: 'http_req_duration', expression: 'p(95)<250', actual: 3391.5, rate: 160 },
    stoppedBy: 'converged',
    steps: [
      { rate: 80, passed: true, achievedRps: 82.7, errorRate: 0, latencyMs: { p95: 53.4 } },
      { rate: 160, passed: false, achievedRps: 150.1, errorRate: 0, latencyMs: { p95: 3391.5 } },
    ],
    bottlenecks: [{ resource: 'db_pool', metric: `db_pool.used{${EVIL}}`, evidence: `at 160 req/s: DB pool "${EVIL}" 2/2 in use with 61 waiting`, recommendation: 'raise the pool from 2 to 190 connections' }],
    ...over,
  };
}

describe('reports: Breaking point', () => {
  it('markdown shows the max rate, the threshold that broke, the knee, the bottleneck and its recommendation, and the steps', () => {
    const report: RunReport = { ...sampleRunReport(), breakingPoint: breakingPoint() };
    const md = REPORTERS.markdown(report, { color: false });
    const section = md.slice(md.indexOf('## Breaking point'), md.indexOf('## Bottlenecks identified'));
    expect(section).toContain('**Max rate that passed:** 80 req/s');
    expect(section).toContain('**Threshold that broke above it:** http\\_req\\_duration p(95)&lt;250 at 160 req/s');
    expect(section).toContain('**Knee:** between 80 and 160 req/s');
    expect(section).toMatch(/\*\*Bottleneck at the knee:\*\* database connections/);
    expect(section).toContain('**Recommendation:** raise the pool from 2 to 190 connections');
    expect(section).toMatch(/\| 160\.0 \| 150\.1 \| 3391\.50 \| 0\.00 \| \*\*FAIL\*\* \|/);
    // The knee's bottleneck leads the bottlenecks and becomes a high-priority recommendation.
    const m = launchModel(report);
    expect(m.bottlenecks[0]!.title).toBe('Breaking point: database connections at the knee (between 80 and 160 req/s)');
    expect(m.recommendations).toContainEqual({ priority: 'high', title: expect.stringContaining('Breaking point between 80 and 160 req/s: database connections'), action: 'raise the pool from 2 to 190 connections' });
  });

  it('HTML has the section and escapes what came from the target', () => {
    const report: RunReport = { ...sampleRunReport(), breakingPoint: breakingPoint() };
    const html = REPORTERS.html(report, { color: false });
    const section = html.slice(html.indexOf('<section id="breaking-point">'), html.indexOf('<section id="bottlenecks">'));
    expect(section).toContain('<dt>Max rate that passed</dt><dd>80 req/s</dd>');
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(EVIL);
  });

  it('no section without a capacity part', () => {
    expect(REPORTERS.markdown(sampleRunReport(), { color: false })).not.toContain('## Breaking point');
  });

  it('the capacity check passes only with a rate that passed and a search that finished', () => {
    expect(capacityCheck(breakingPoint())).toMatchObject({ id: 'capacity.breaking-point', status: 'pass', remediation: 'raise the pool from 2 to 190 connections' });
    expect(capacityCheck(breakingPoint()).evidence).toMatch(/^max rate that passed: 80 req\/s; knee between 80 and 160 req\/s; http_req_duration p\(95\)<250 broke at 160 req\/s; bottleneck at the knee: db_pool/);
    const none = capacityCheck(breakingPoint({ maxRate: null, failedAt: 20, steps: [] }));
    expect(none.status).toBe('fail');
    expect(none.evidence).toMatch(/^no rate met every threshold; knee below 20 req\/s/);
    expect(capacityCheck(breakingPoint({ stoppedBy: 'interrupted' })).status).toBe('fail');
  });
});
