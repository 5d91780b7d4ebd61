import { describe, expect, it } from 'vitest';
import { JSON_REPORT_SCHEMA, json } from '../../src/report/reporters/json.js';
import { sampleReport } from './sample-report.js';

describe('json reporter', () => {
  const text = json(sampleReport(), { color: false });
  const doc = JSON.parse(text);

  it('has the documented top-level keys in a stable order', () => {
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'command', 'startedAt', 'finishedAt', 'checks', 'findings', 'summary']);
    expect(doc.schema).toBe(JSON_REPORT_SCHEMA);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes checks and findings in the contract shapes, every entry with the same keys', () => {
    for (const c of doc.checks) {
      expect(Object.keys(c)).toEqual(['id', 'title', 'category', 'status', 'evidence', 'refs']);
      expect(Object.keys(c.refs)).toEqual(['owasp', 'cwe', 'soc2', 'iso27001']);
    }
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'message', 'location', 'fingerprint']);
      expect([['file', 'line'], ['url', 'method']]).toContainEqual(Object.keys(f.location));
    }
    expect(doc.findings.map((f: { location: unknown }) => f.location)).toContainEqual({ file: './deploy/.env', line: null });
  });

  it('keeps messages byte for byte, escaping controls and bidi overrides so the file is safe to cat', () => {
    const broken = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'docs.broken-link');
    expect(broken.message).toBe(sampleReport().checks[3]!.findings![0]!.message);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\u202e');
  });

  it('summarises counts with every status and severity present', () => {
    expect(doc.summary).toEqual({
      checks: { total: 7, fail: 2, warn: 3, pass: 1, skip: 1 },
      findings: { total: 5, critical: 1, high: 1, medium: 1, low: 2, info: 0 },
    });
  });
});
