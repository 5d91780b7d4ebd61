import { describe, expect, it } from 'vitest';
import { CodeReview } from '../../src/docs/code/check-code.js';
import { DEFAULT_CODE_LANGUAGES } from '../../src/core/config/code-languages.js';
import { parseMarkdown } from '../../src/docs/markdown.js';
import { requireProgram } from '../helpers/system.js';

/** A Markdown file whose block's opening fence is on line 40; the error sits on the block's line 3. */
function docWith(lang: string, body: string): string {
  return `${'filler\n\n'.repeat(19)}\n\`\`\`${lang}\n${body}\n\`\`\`\n`;
}

async function findings(md: string, shellcheck = false) {
  const review = new CodeReview({ languages: new Set(DEFAULT_CODE_LANGUAGES), requireLanguage: true, shellcheck });
  const doc = parseMarkdown(md);
  return [...review.add('doc.md', doc.codeBlocks), ...(await review.finish())];
}
const at = (fs: Awaited<ReturnType<typeof findings>>) => fs.map((f) => [f.ruleId, 'line' in f.location ? f.location.line : 0]);

describe('code block errors map back to their Markdown line', () => {
  const cases: [string, string][] = [
    ['json', '{\n  "a": 1,\n  "b": ,\n  "c": 3\n}'],
    ['yaml', 'a: 1\nb: 2\nc: d: e\nf: 4'],
    ['yml', 'a: 1\n---\nb: c: d\n'],
    ['ts', 'const a = 1;\nconst b = 2;\nconst c: number = ;\n'],
    ['javascript', 'let a = 1;\nlet b = 2;\nlet c = {;\n'],
    ['bash', 'echo one\necho two\necho )\necho four'],
    ['sh', 'echo one\necho two\nif then fi )\n'],
  ];
  for (const [lang, body] of cases) {
    it(`${lang}: an error on line 3 of a block whose fence is on line 40 is reported at line 43`, async () => {
      const md = docWith(lang, body);
      expect(md.split('\n')[39]).toBe(`\`\`\`${lang}`);
      expect(at(await findings(md))).toEqual([['docs.code-syntax', 43]]);
    });
  }

  it('reports every document of a multi-document YAML block', async () => {
    const md = '# T\n\n```yaml\na: b: c\n---\nb: ok\n---\nc: d: e\n```\n';
    expect(at(await findings(md))).toEqual([
      ['docs.code-syntax', 4],
      ['docs.code-syntax', 8],
    ]);
  });

  it('checks each shell block on its own when they are batched: one bad block does not hide or blame another', async () => {
    const md = '```bash\necho ok\n```\n\n```bash\nif true; then\n```\n\n```bash\ncase x in\n  x) echo x ;;\nesac\n```\n';
    expect(at(await findings(md))).toEqual([['docs.code-syntax', 6]]);
  });

  it.runIf(requireProgram('shellcheck'))('maps ShellCheck advice to its line too', async () => {
    const md = docWith('bash', 'echo one\necho two\nfor f in $(ls *.md); do echo "$f"; done');
    const fs = await findings(md, true);
    expect(fs.length).toBeGreaterThan(0);
    expect(new Set(at(fs).map((x) => JSON.stringify(x)))).toEqual(new Set([JSON.stringify(['docs.code-shellcheck', 43])]));
  });

  it('reports a missing language at the fence, and leaves other languages unchecked', async () => {
    expect(at(await findings('# T\n\n```\nnot checked (\n```\n\n```python\ndef (:\n```\n'))).toEqual([['docs.code-no-lang', 3]]);
  });
});
