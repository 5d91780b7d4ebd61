import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_RULES, type DocRuleId } from '../../src/docs/rules.js';
import { requireProgram } from '../helpers/system.js';
import { FIXTURES, review } from './helpers.js';

// Rules whose samples need more than a folder of Markdown (a server) are tested in their own files.
const ELSEWHERE: DocRuleId[] = ['docs.external-broken'];
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
  it('has a sample folder for each rule that has one', () => {
    for (const rule of Object.keys(DOC_RULES) as DocRuleId[]) {
      if (ELSEWHERE.includes(rule)) continue;
      expect(existsSync(path.join(FIXTURES, rule.replace(/^docs\./, ''), 'bad')), rule).toBe(true);
    }
  });
});
