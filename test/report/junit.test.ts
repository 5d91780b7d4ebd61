import { parse, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/reporters/junit.js';
import { sampleRunReport } from './sample-run-report.js';
import { sampleReport } from './sample-report.js';

describe('junit reporter read back with a JUnit parser (junit2json / xml2js)', () => {
  it('has one testcase per check, grouped by category, with failures and skips where the checks say', async () => {
    const report = sampleRunReport();
    const doc = (await parse(junit(report, { color: false }))) as TestSuites;
    const cases = doc.testsuite!.flatMap((s) => s.testcase ?? []);
    expect(cases).toHaveLength(report.checks.length);
    expect(doc.tests).toBe(report.checks.length);
    expect(doc.failures).toBe(report.checks.filter((c) => c.status === 'fail').length);
    expect(doc.testsuite!.map((s) => s.name)).toEqual([...new Set(report.checks.map((c) => c.category))]);
    for (const c of report.checks) {
      const tc = cases.find((t) => t.name === `${c.id}: ${c.title}`);
      expect(tc, c.id).toBeDefined();
      expect(tc!.classname).toBe(`gonogo.${c.category}`);
      expect(Boolean(tc!.failure?.length)).toBe(c.status === 'fail');
      expect(Boolean(tc!.skipped?.length)).toBe(c.status === 'skip');
    }
  });

  it('keeps untrusted text as text: markup, control characters and bidi overrides survive as characters, never as XML', async () => {
    const doc = (await parse(junit(sampleReport(), { color: false }))) as TestSuites;
    const docs = doc.testsuite!.find((s) => s.name === 'Documentation')!.testcase![0]!;
    const out = docs['system-out']![0]!;
    expect(out).toContain('<a href="javascript:alert(1)">here</a>');
    expect(out).toContain('\\u{1b}[31m');
    expect(out).toContain('\\u{202e}evil');
    // eslint-disable-next-line no-control-regex -- the point is that none are left
    expect(out).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);
    const secrets = doc.testsuite!.find((s) => s.name === 'Security')!.testcase![0]!;
    expect(secrets.failure![0]!.inner).toContain('[critical] secrets.aws-access-key at src/config.ts:12');
  });
});
