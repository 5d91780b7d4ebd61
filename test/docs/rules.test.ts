import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataConfig, validateConfig } from '../../src/core/config/index.js';
import { docsSchema } from '../../src/core/config/docs-section.js';
import { DOC_RULES, type DocRuleId } from '../../src/docs/rules.js';
import { requireProgram } from '../helpers/system.js';
import { FIXTURES, review } from './helpers.js';

// Rules whose samples need more than a folder of Markdown (a server, a PATH without shellcheck, a glossary: test/docs/terminology.test.ts) are tested in their own files.
const ELSEWHERE: DocRuleId[] = ['docs.external-broken', 'docs.code-shellcheck-missing', 'docs.term-banned', 'docs.term-variant', 'docs.term-casing'];
const STRUCTURE = [{ glob: 'guides/*.md', sections: ['Overview', 'Prerequisites', 'Steps', 'Troubleshooting'] }];

/** A fixture folder's root: the rule's folder when it has a package.json (dep-version), else the sample folder. */
async function findingsOf(rule: string, sample: 'bad' | 'good') {
  const ruleDir = path.join(FIXTURES, rule.replace(/^docs\./, ''));
  const dir = path.join(ruleDir, sample);
  const root = existsSync(path.join(ruleDir, 'package.json')) ? ruleDir : dir;
  return review(root, { paths: [dir], structure: STRUCTURE });
}

describe('every docs rule has a failing and a passing sample', () => {
  for (const rule of Object.keys(DOC_RULES) as DocRuleId[]) {
    if (ELSEWHERE.includes(rule)) continue;
    const needsShellcheck = rule === 'docs.code-shellcheck';
    it.runIf(!needsShellcheck || requireProgram('shellcheck'))(`${rule}: bad sample is found, good sample is clean`, async () => {
      const bad = await findingsOf(rule, 'bad');
      expect(bad.filter((f) => f.ruleId === rule).length, JSON.stringify(bad, null, 1)).toBeGreaterThan(0);
      const good = await findingsOf(rule, 'good');
      expect(good, JSON.stringify(good, null, 1)).toEqual([]);
    });
  }
});

describe('docs/docs-review.md', () => {
  it('explains every finding id', () => {
    const page = readFileSync(new URL('../../docs/docs-review.md', import.meta.url), 'utf8');
    for (const rule of Object.keys(DOC_RULES)) expect(page, rule).toContain(`### \`${rule}\``);
  });
  it('shows a docs config that loads, and documents every docs key', () => {
    const page = readFileSync(new URL('../../docs/docs-review.md', import.meta.url), 'utf8');
    // The config sample (the other YAML block is a glossary file).
    const yaml = [...page.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).filter((y) => y.startsWith('docs:'));
    expect(yaml).toHaveLength(1);
    const { raw, positions } = parseDataConfig(yaml[0]!, 'gonogo.config.yaml');
    const config = validateConfig(raw, 'gonogo.config.yaml', positions);
    expect(config.docs?.external?.cacheMaxAgeMs).toBe(86_400_000);
    expect(config.docs?.structure).toEqual({ 'docs/guides/*.md': ['Overview', 'Prerequisites', 'Steps', 'Troubleshooting'] });
    const groups = { external: docsSchema.shape.external, code: docsSchema.shape.code, drift: docsSchema.shape.drift };
    for (const key of Object.keys(docsSchema.shape)) if (!(key in groups)) expect(page).toContain(`| \`${key}\` |`);
    for (const [group, schema] of Object.entries(groups)) for (const key of Object.keys(schema.unwrap().shape)) expect(page).toContain(`| \`${group}.${key}\` |`);
  });

  it('has a sample folder for each rule that has one', () => {
    for (const rule of Object.keys(DOC_RULES) as DocRuleId[]) {
      if (ELSEWHERE.includes(rule)) continue;
      expect(existsSync(path.join(FIXTURES, rule.replace(/^docs\./, ''), 'bad')), rule).toBe(true);
    }
  });
});
