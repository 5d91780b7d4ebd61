import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeReview } from '../../src/docs/code/check-code.js';
import { DEFAULT_CODE_LANGUAGES } from '../../src/core/config/code-languages.js';
import { parseMarkdown } from '../../src/docs/markdown.js';
import { requireProgram } from '../helpers/system.js';

const MD = '# Install\n\n```bash\necho one\n```\n\ntext\n\n```sh\necho two\n```\n';

async function review(shellcheck: boolean) {
  const code = new CodeReview({ languages: new Set(DEFAULT_CODE_LANGUAGES), requireLanguage: true, shellcheck });
  const findings = [...code.add('guide.md', parseMarkdown(MD).codeBlocks), ...(await code.finish())];
  return { findings, missing: code.shellcheckMissing };
}

describe('docs review without ShellCheck', () => {
  const savedPath = process.env.PATH;
  let bin = '';
  beforeEach(() => {
    // A PATH with the shells (for the syntax check) and nothing else: ShellCheck is "not installed".
    bin = mkdtempSync(path.join(tmpdir(), 'gonogo-noshellcheck-'));
    for (const sh of ['bash', 'sh']) symlinkSync(`/bin/${sh}`, path.join(bin, sh));
    process.env.PATH = bin;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(bin, { recursive: true, force: true });
  });

  it('reports "not checked: shellcheck missing" instead of a clean result', async () => {
    const { findings, missing } = await review(true);
    expect(missing).toBe(2);
    const notChecked = findings.filter((f) => f.ruleId === 'docs.code-shellcheck-missing');
    expect(notChecked).toHaveLength(1);
    expect(notChecked[0]).toMatchObject({ severity: 'info', location: { file: 'guide.md', line: 3 } });
    expect(notChecked[0]!.message).toMatch(/^not checked: shellcheck missing; bash block had a syntax check only \(and 1 more shell block\)$/);
  });

  it('says nothing when ShellCheck is turned off on purpose (docs.code.shellcheck: false)', async () => {
    const { findings, missing } = await review(false);
    expect(missing).toBe(0);
    expect(findings).toEqual([]);
  });
});

describe('docs review with ShellCheck installed', () => {
  it.runIf(requireProgram('shellcheck'))('checks the blocks and reports nothing missing', async () => {
    const { findings, missing } = await review(true);
    expect(missing).toBe(0);
    expect(findings.filter((f) => f.ruleId === 'docs.code-shellcheck-missing')).toEqual([]);
  });
});
