import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewDocs } from '../../src/docs/review.js';
import { tmpDir } from '../helpers/cli.js';

describe('reviewDocs', () => {
  it('skips a binary file named .md with a note, and reviews the rest', async () => {
    const root = tmpDir('gonogo-docs-review-');
    writeFileSync(path.join(root, 'README.md'), '# R\n\n[gone](gone.md)\n');
    writeFileSync(path.join(root, 'blob.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x00]));
    mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'pkg', 'README.md'), '[x](nope.md)\n');
    writeFileSync(path.join(root, '.gitignore'), 'build/\n');
    mkdirSync(path.join(root, 'build'));
    writeFileSync(path.join(root, 'build', 'out.md'), '[x](nope.md)\n');
    const log: string[] = [];
    const r = await reviewDocs({
      root,
      cwd: root,
      paths: ['.'],
      exclude: [],
      code: { languages: new Set(), requireLanguage: true, shellcheck: false },
      structure: [],
      versions: false,
      log: (l) => log.push(l),
    });
    expect(r.files).toEqual(['README.md', 'blob.md']);
    expect(log).toEqual(['docs: skipped blob.md (unreadable, binary or larger than 8 MB)']);
    const links = r.checks.find((c) => c.id === 'docs.links')!;
    expect(links.evidence).toBe('1 broken internal link across 1 file (1 link checked)');
    expect(r.checks.find((c) => c.id === 'docs.drift')!.status).toBe('skip');
  });
});
