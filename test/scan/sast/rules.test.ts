import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { familyOf } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

const ext = { javascript: 'js', typescript: 'ts', tsx: 'tsx', python: 'py' } as const;

describe('every SAST rule flags its vulnerable samples and leaves its safe twins alone', () => {
  it('has at least 40 rules with unique ids and complete metadata', () => {
    expect(SAST_RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SAST_RULES.map((r) => r.id)).size).toBe(SAST_RULES.length);
    for (const r of SAST_RULES) {
      expect(r.id, r.id).toMatch(/^sast\.[a-z0-9-]+$/);
      expect(r.cwe, r.id).toMatch(/^CWE-\d+$/);
      expect(r.owasp, r.id).toMatch(/^A\d\d:2021-/);
      expect(r.remediation.length, r.id).toBeGreaterThan(20);
      // Every family the rule covers has at least one sample each way.
      for (const fam of r.families) {
        expect(r.samples.bad.some((s) => familyOf(s.lang) === fam), `${r.id} bad ${fam}`).toBe(true);
        expect(r.samples.good.some((s) => familyOf(s.lang) === fam), `${r.id} good ${fam}`).toBe(true);
      }
    }
  });

  for (const rule of SAST_RULES) {
    describe(rule.id, () => {
      rule.samples.bad.forEach((s, i) => {
        it(`flags bad sample ${i + 1} (${s.lang})`, async () => {
          const r = await scanSource(s.code, s.lang, `bad${i}.${ext[s.lang]}`, [rule], undefined, { installed: new Map(Object.entries(s.installed ?? {})) });
          expect(r.findings.map((f) => f.ruleId), s.code).toContain(rule.id);
        });
      });
      rule.samples.good.forEach((s, i) => {
        it(`leaves good sample ${i + 1} alone (${s.lang})`, async () => {
          const r = await scanSource(s.code, s.lang, `good${i}.${ext[s.lang]}`, [rule], undefined, { installed: new Map(Object.entries(s.installed ?? {})) });
          expect(r.findings, s.code).toEqual([]);
        });
      });
    });
  }
});
