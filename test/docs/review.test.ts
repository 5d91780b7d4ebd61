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

describe('reviewDocs on a tree read once, keeping only anchors', () => {
  it('checks anchors into files read later and earlier, in link order, and into files outside the reviewed paths', async () => {
    const root = tmpDir('gonogo-docs-review-');
    mkdirSync(path.join(root, 'docs'));
    mkdirSync(path.join(root, 'other'));
    // a.md is read first: its links into z.md wait until z.md is read, and keep their place among a.md's findings.
    writeFileSync(path.join(root, 'docs', 'a.md'), '# A\n\n[one](z.md#nope) [two](gone.md) [three](z.md#Zed) [four](z.md#zed)\n[five](../other/o.md#missing) [six](../other/o.md#outside)\n');
    writeFileSync(path.join(root, 'docs', 'z.md'), '# Zed\n\n[back](a.md#not-here) [ok](a.md#a)\n');
    writeFileSync(path.join(root, 'other', 'o.md'), '# Outside\n');
    const r = await reviewDocs({ root, cwd: root, paths: ['docs'], exclude: [], code: { languages: new Set(), requireLanguage: false, shellcheck: false }, structure: [], versions: false });
    const links = r.checks.find((c) => c.id === 'docs.links')!.findings!;
    expect(links.map((f) => [f.ruleId, 'file' in f.location ? `${f.location.file}:${f.location.line}` : '', f.message])).toEqual([
      ['docs.anchor-broken', 'docs/a.md:3', 'no heading or anchor "#nope" in z.md'],
      ['docs.link-broken', 'docs/a.md:3', 'link target "gone.md" does not exist'],
      ['docs.anchor-case', 'docs/a.md:3', '"#Zed" differs only in case from the anchor "#zed" in z.md'],
      ['docs.anchor-broken', 'docs/a.md:4', 'no heading or anchor "#missing" in ../other/o.md'],
      ['docs.anchor-broken', 'docs/z.md:3', 'no heading or anchor "#not-here" in a.md'],
    ]);
  });

  it('hands the findings of each file on as soon as it is read; an anchor check waiting for a later file comes with that file', async () => {
    const root = tmpDir('gonogo-docs-review-');
    writeFileSync(path.join(root, 'a.md'), '# A\n\n[one](z.md#nope) [two](gone.md)\n\n```\nno tag\n```\n');
    writeFileSync(path.join(root, 'm.md'), '# M\n\nclean\n');
    writeFileSync(path.join(root, 'z.md'), '# Zed\n\n[back](a.md#not-here)\n');
    const batches: string[][] = [];
    const r = await reviewDocs({
      root,
      cwd: root,
      paths: ['.'],
      exclude: [],
      code: { languages: new Set(), requireLanguage: true, shellcheck: false },
      structure: [],
      versions: false,
      onFindings: (found) => batches.push(found.map((f) => `${f.ruleId} ${'file' in f.location ? `${f.location.file}:${f.location.line}` : ''}`)),
    });
    expect(r.files).toEqual(['a.md', 'm.md', 'z.md']);
    expect(batches).toEqual([
      ['docs.link-broken a.md:3', 'docs.code-no-lang a.md:5'],
      // z.md's own finding, and a.md's anchor into z.md that waited for it (sorted by file and line).
      ['docs.anchor-broken a.md:3', 'docs.anchor-broken z.md:3'],
    ]);
    const all = r.checks.flatMap((c) => c.findings ?? []);
    expect(all).toHaveLength(4);
  });
});
