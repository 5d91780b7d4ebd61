import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CodeReview } from '../../src/docs/code/check-code.js';
import type { Finding } from '../../src/core/result.js';
import { checkTypeScript } from '../../src/docs/code/typescript.js';
import { parseMarkdown } from '../../src/docs/markdown.js';

const require = createRequire(import.meta.url);
const loaded = () => require.resolve('typescript') in require.cache;

const MD = '# T\n\n```\nno tag\n```\n\n```ts\nconst a: number = ;\n```\n\n```json\n{ "a": 1, }\n```\n\n```json\n{ "ok": true }\n```\n';

describe('code blocks that need TypeScript wait for the end of the review', () => {
  it('finds ts/js and broken JSON problems only in finish, at the place reserved for them, then lets TypeScript go', async () => {
    const code = new CodeReview({ languages: new Set(['ts', 'json']), requireLanguage: true, shellcheck: false });
    let next = 10;
    const now = code.add('doc.md', parseMarkdown(MD).codeBlocks, () => next++);
    // The untagged block is reported at once; the ts block and the broken JSON block took slots 10 and 11.
    expect(now.map((f) => f.ruleId)).toEqual(['docs.code-no-lang']);
    expect(next).toBe(12);
    // (Loaded here through the same cache the check uses, to see it go.)
    checkTypeScript('let a = 1;', 'ts');
    expect(loaded()).toBe(true);
    const placed: [string, number | undefined, number][] = [];
    const rest = await code.finish((f: Finding, slot) => placed.push([f.ruleId, 'line' in f.location ? f.location.line : undefined, slot]));
    expect(rest).toEqual([]);
    expect(placed).toEqual([
      ['docs.code-syntax', 8, 10],
      ['docs.code-syntax', 12, 11],
    ]);
    // Released: out of the module cache, so the collector can free the ~47 MB parser.
    expect(loaded()).toBe(false);
  });

  it('without a place callback, finish returns them with the rest', async () => {
    const code = new CodeReview({ languages: new Set(['ts']), requireLanguage: false, shellcheck: false });
    expect(code.add('doc.md', parseMarkdown(MD).codeBlocks)).toEqual([]);
    const rest = await code.finish();
    expect(rest.map((f) => [f.ruleId, 'line' in f.location ? f.location.line : 0, f.message])).toEqual([['docs.code-syntax', 8, 'ts: Expression expected.']]);
  });
});
