import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IAC_RULES } from '../../../src/scan/iac/rules/index.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

describe('rule docs stay in step with the rules', () => {
  it('docs/sast.md has a row for every SAST rule with its CWE and Bandit / eslint ids', () => {
    const text = doc('sast.md');
    for (const r of SAST_RULES) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${r.id}\` |`));
      expect(row, r.id).toBeDefined();
      expect(row).toContain(r.cwe);
      if (r.bandit) expect(row).toContain(r.bandit);
      if (r.eslint) expect(row).toContain(r.eslint);
    }
  });

  it('docs/iac.md has a row for every IaC rule with its hadolint / trivy / kube-linter ids', () => {
    const text = doc('iac.md');
    for (const r of IAC_RULES) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${r.id}\` |`));
      expect(row, r.id).toBeDefined();
      for (const ref of Object.values(r.refs)) expect(row).toContain(ref);
    }
  });
});
