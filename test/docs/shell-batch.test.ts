import { describe, expect, it } from 'vitest';
import { shellSyntax, shellSyntaxBatch } from '../../src/docs/code/shell.js';
import { requireProgram } from '../helpers/system.js';

describe('shellSyntaxBatch', () => {
  it.runIf(requireProgram('bash'))('gives each snippet the result it has on its own, with few broken ones among many good ones', async () => {
    const good = Array.from({ length: 40 }, (_, i) => `echo "block ${i}" | tr a-z A-Z\nls -la /tmp > /dev/null`);
    const snippets = [...good];
    snippets.splice(3, 0, 'if then fi');
    snippets.splice(17, 0, 'for x in a b; do\n  echo $x\n');
    snippets.splice(30, 0, 'echo "unterminated');
    snippets.push('echo )');
    const batch = await shellSyntaxBatch(snippets, 'bash');
    const alone = await Promise.all(snippets.map((s) => shellSyntax(s, 'bash')));
    expect(batch).toEqual(alone);
    expect(batch.filter((p) => p !== undefined && p.length > 0)).toHaveLength(4);
  });
});
