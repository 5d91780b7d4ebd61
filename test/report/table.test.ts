import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/result.js';
import { table, tableFindingLines } from '../../src/report/reporters/table.js';
import { sampleReport } from './sample-report.js';

// Our own SGR codes, e.g. \x1b[1;31m and \x1b[0m; anything else with ESC came from the input.
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[[0-9;]*m/g;

describe('table reporter', () => {
  it('prints no escape codes at all without colour', () => {
    expect(table(sampleReport(), { color: false })).not.toContain('\u001b');
  });

  it('colours status and severity words when asked, and nothing from the report gets through raw', () => {
    const out = table(sampleReport(), { color: true, width: 100 });
    expect(out).toContain('\u001b[1;31mFAIL\u001b[0m');
    expect(out).toContain('\u001b[1;31mcritical\u001b[0m');
    expect(out.replace(OWN_SGR, '')).not.toContain('\u001b');
    expect(out).not.toContain('\u202e');
    // Same layout once our colours are removed.
    expect(out.replace(OWN_SGR, '')).toBe(table(sampleReport(), { color: false, width: 100 }));
  });

  it('keeps check rows within the width by truncating evidence', () => {
    for (const width of [60, 80, 120]) {
      const rows = table(sampleReport(), { color: false, width }).split('\n').filter((l) => /^(FAIL|WARN|PASS|SKIP) /.test(l));
      expect(rows).toHaveLength(7);
      for (const row of rows) expect(Array.from(row).length).toBeLessThanOrEqual(width);
    }
  });

  it('ends with the one-line summary', () => {
    const lines = table(sampleReport(), { color: false }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('7 checks: 2 fail, 3 warn, 1 pass, 1 skip; 5 findings: 1 critical, 1 high, 1 medium, 2 low');
  });

  it('says so when there is nothing to report', () => {
    const empty: Report = { ...sampleReport(), checks: [] };
    expect(table(empty, { color: false })).toBe('gonogo 0.1.0 — run (42.5s)\n\nNo checks ran.\n\n0 checks; 0 findings\n');
  });

  it('uses singular nouns for one check and one finding', () => {
    const one: Report = { ...sampleReport(), checks: [sampleReport().checks[3]!] };
    expect(table(one, { color: false })).toContain('\n1 check: 1 warn; 1 finding: 1 low\n');
  });
});

describe('table finding lines shown while a command runs', () => {
  it('prints the same finding rows as the table, and the table can leave its Findings section out', () => {
    const report = sampleReport();
    const findings = report.checks.flatMap((c) => c.findings ?? []);
    const rows = tableFindingLines(findings, { color: false }).trimEnd().split('\n');
    expect(rows).toHaveLength(findings.length);
    for (const f of findings) expect(rows.some((row) => row.includes(f.ruleId))).toBe(true);
    expect(table(report, { color: false })).toContain('\nFindings\n');
    const closing = table(report, { color: false, findingsShown: true });
    expect(closing).not.toContain('\nFindings\n');
    expect(closing.trimEnd().split('\n').at(-1)).toBe(table(report, { color: false }).trimEnd().split('\n').at(-1));
    expect(tableFindingLines([], { color: false })).toBe('');
  });
});
