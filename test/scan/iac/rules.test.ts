import { describe, expect, it } from 'vitest';
import { scanIacText } from '../../../src/scan/iac/engine.js';
import { IAC_RULES } from '../../../src/scan/iac/rules/index.js';

const FILE = { dockerfile: ['Dockerfile', 'dockerfile'], compose: ['compose.yaml', 'compose'], k8s: ['deploy.yaml', 'yaml'], 'k8s-object': ['deploy.yaml', 'yaml'] } as const;

describe('every IaC rule flags its bad samples and leaves its good ones alone', () => {
  it('has unique ids, remediation and at least one equivalent-tool reference or CWE', () => {
    expect(new Set(IAC_RULES.map((r) => r.id)).size).toBe(IAC_RULES.length);
    for (const r of IAC_RULES) {
      expect(r.id).toMatch(new RegExp(`^iac\\.${r.kind === 'k8s' ? 'k8s' : r.kind}-[a-z0-9-]+$`));
      expect(r.remediation.length).toBeGreaterThan(20);
      expect(r.samples.bad.length).toBeGreaterThan(0);
      expect(r.samples.good.length).toBeGreaterThan(0);
    }
  });

  for (const rule of IAC_RULES) {
    const [name, kind] = FILE[rule.kind];
    describe(rule.id, () => {
      rule.samples.bad.forEach((text, i) => {
        it(`flags bad sample ${i + 1} with a line number`, () => {
          const r = scanIacText(text, name, kind, [rule]);
          const hits = r.findings.filter((f) => f.ruleId === rule.id);
          expect(hits.length, text).toBeGreaterThan(0);
          for (const f of hits) expect('line' in f.location && f.location.line! >= 1).toBe(true);
        });
      });
      rule.samples.good.forEach((text, i) => {
        it(`leaves good sample ${i + 1} alone`, () => {
          expect(scanIacText(text, name, kind, [rule]).findings, text).toEqual([]);
        });
      });
    });
  }
});
