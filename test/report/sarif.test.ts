import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding, Report, Severity } from '../../src/core/result.js';
import { FINGERPRINT_KEY, sarif } from '../../src/report/reporters/sarif.js';
import { GITHUB_LIMITS } from '../../src/report/reporters/sarif-limits.js';
import { sampleReport } from './sample-report.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking parsed SARIF JSON */
const render = (report: Report, configFile?: string): any => JSON.parse(sarif(report, { color: false, configFile }));

function reportWith(checks: CheckResult[]): Report {
  return { ...sampleReport(), checks };
}

function finding(severity: Severity, extra: Partial<Finding> = {}): Finding {
  return { ruleId: `rule.${severity}`, severity, message: `a ${severity} problem`, location: { file: 'a.ts', line: 1 }, fingerprint: `fp-${severity}`, ...extra };
}

describe('sarif reporter', () => {
  it('maps severities to levels and GitHub security-severity scores', () => {
    const check: CheckResult = {
      id: 'sec', title: 'Sec', category: 'Security', status: 'fail', evidence: '',
      findings: (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => finding(s)),
    };
    const results = render(reportWith([check])).runs[0].results;
    expect(results.map((r: any) => [r.level, r.properties['security-severity']])).toEqual([
      ['error', '9.5'], ['error', '8.0'], ['warning', '5.5'], ['note', '3.0'], ['note', undefined],
    ]);
  });

  it('keeps security scores and the security tag off non-security rules', () => {
    const run = render(sampleReport()).runs[0];
    const docs = run.tool.driver.rules.find((r: any) => r.id === 'docs.broken-link');
    expect(docs.properties).toEqual({ tags: ['documentation'] });
    const secret = run.tool.driver.rules.find((r: any) => r.id === 'secrets.aws-access-key');
    expect(secret.properties.tags).toEqual(['security', 'external/cwe/cwe-798', 'external/owasp/a07:2021']);
  });

  it('has one rule per distinct ruleId, and every ruleIndex points at its rule', () => {
    const run = render(sampleReport()).runs[0];
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('turns failing and warning checks with no findings into results anchored to the config file', () => {
    const results = render(sampleReport(), 'ops/gonogo.yaml').runs[0].results;
    const load = results.find((r: any) => r.ruleId === 'load.threshold');
    expect(load.level).toBe('error');
    expect(load.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ops/gonogo.yaml', uriBaseId: '%SRCROOT%' });
    expect(load.partialFingerprints[FINGERPRINT_KEY]).toBe('check:load.threshold');
    expect(results.find((r: any) => r.ruleId === 'monitoring.health').level).toBe('warning');
    // pass and skip checks are not problems
    expect(results.some((r: any) => r.ruleId === 'tls.versions' || r.ruleId === 'ratelimit.login')).toBe(false);
  });

  it('writes relative, percent-encoded URIs and a region only for a real line', () => {
    const files: Finding[] = [
      finding('low', { location: { file: './src/app.ts', line: 0 } }),
      finding('low', { location: { file: 'src\\win dir\\x.ts', line: 3, endLine: 2 } }),
      finding('low', { location: { file: '/abs/path/y.ts', line: 2.5 } }),
    ];
    const check: CheckResult = { id: 'c', title: 'C', category: 'Code', status: 'warn', evidence: '', findings: files };
    const locs = render(reportWith([check])).runs[0].results.map((r: any) => r.locations[0].physicalLocation);
    expect(locs).toEqual([
      { artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' } },
      { artifactLocation: { uri: 'src/win%20dir/x.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } },
      { artifactLocation: { uri: 'file:///abs/path/y.ts' } },
    ]);
  });

  it('carries our fingerprint under a stable key', () => {
    const results = render(sampleReport()).runs[0].results;
    const aws = results.find((r: any) => r.ruleId === 'secrets.aws-access-key');
    expect(aws.partialFingerprints).toEqual({ 'gonogo/v1': 'a3f1c2d4e5b60718' });
  });

  it('keeps the worst results and says so when a run exceeds 25,000 results', () => {
    const findings = Array.from({ length: GITHUB_LIMITS.maxResults + 2 }, (_, i) =>
      finding(i === 0 ? 'critical' : 'info', { fingerprint: `fp${i}`, location: { file: 'f.ts', line: i + 1 } }));
    const check: CheckResult = { id: 'c', title: 'C', category: 'Code', status: 'fail', evidence: '', findings };
    const run = render(reportWith([check])).runs[0];
    expect(run.results).toHaveLength(GITHUB_LIMITS.maxResults);
    expect(run.results[0].level).toBe('error');
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^2 of 25002 results were left out/);
  });

  it('stays under 10 MB by dropping the least severe results', () => {
    const big = 'x'.repeat(1024 * 1024);
    const findings = Array.from({ length: 12 }, (_, i) =>
      finding(i === 11 ? 'high' : 'low', { message: big, fingerprint: `fp${i}` }));
    const check: CheckResult = { id: 'c', title: 'C', category: 'Code', status: 'fail', evidence: '', findings };
    const text = sarif(reportWith([check]), { color: false });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(GITHUB_LIMITS.maxBytes);
    const run = JSON.parse(text).runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.some((r: any) => r.level === 'error')).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
  });

  it('leaves notifications out when nothing was dropped', () => {
    expect(render(sampleReport()).runs[0].invocations[0].toolExecutionNotifications).toBeUndefined();
  });
});
