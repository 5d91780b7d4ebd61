import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/result.js';
import { json, jsonReportChunks } from '../../src/report/reporters/json.js';
import { sampleReport } from './sample-report.js';

/** A report whose strings try to look like the `"findings": []` slot the chunks split at, with newlines and bidi text. */
function tricky(): Report {
  const r = sampleReport();
  r.checks[0]!.evidence = 'x\n  "findings": []\n  "findings": [] \u202e';
  r.checks[3]!.findings!.push({
    ruleId: 'docs.x',
    severity: 'low',
    message: 'line one\nline two "findings": [] \u2028 end',
    location: { file: 'a\n  "findings": [].md', line: 3 },
    fingerprint: 'f0',
  });
  return r;
}

describe('json report in chunks (gonogo docs writes it a finding at a time)', () => {
  it('joins to exactly the json reporter text', () => {
    for (const report of [sampleReport(), tricky()]) {
      const chunks = [...jsonReportChunks(report)];
      expect(chunks.length).toBe(report.checks.flatMap((c) => c.findings ?? []).length + 2);
      expect(chunks.join('')).toBe(json(report, { color: false }));
    }
  });

  it('is the json reporter text for a report without findings, in one piece', () => {
    const r = sampleReport();
    for (const c of r.checks) delete c.findings;
    expect([...jsonReportChunks(r)]).toEqual([json(r, { color: false })]);
  });
});
