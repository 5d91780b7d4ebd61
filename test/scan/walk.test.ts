import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProbablyBinary, walkFiles, type SkipReason, type WalkOptions } from '../../src/scan/walk.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gonogo-walk-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

async function walk(root: string, opts: WalkOptions = {}): Promise<{ rels: string[]; skipped: [string, SkipReason][] }> {
  const rels: string[] = [];
  const skipped: [string, SkipReason][] = [];
  for await (const f of walkFiles(root, { ...opts, onSkip: (rel, reason) => skipped.push([rel, reason]) })) {
    expect(path.isAbsolute(f.path)).toBe(true);
    rels.push(f.rel);
  }
  return { rels, skipped };
}

describe('walkFiles', () => {
  it('yields every file with posix rel paths, sizes, files before subdirectories, names sorted; skips .git and node_modules', async () => {
    const root = tree({ 'b.txt': 'bb', 'a/z.txt': 'z', 'a/b/c.txt': 'ccc', '.git/config': 'x', 'node_modules/p/i.js': 'x', 'a/node_modules/q.js': 'x' });
    const seen: Record<string, number> = {};
    for await (const f of walkFiles(root)) seen[f.rel] = f.size;
    expect(seen).toEqual({ 'a/b/c.txt': 3, 'a/z.txt': 1, 'b.txt': 2 });
    expect(Object.keys(seen)).toEqual(['b.txt', 'a/z.txt', 'a/b/c.txt']);
  });

  it('honours .gitignore at every level, negations, .gonogoignore and exclude', async () => {
    const root = tree({
      '.gitignore': '*.log\nbuild/\n!keep.log\n',
      'x.log': '',
      'keep.log': '',
      'build/out.js': '',
      'src/.gitignore': 'gen/\n!x.log\n',
      'src/x.log': '',
      'src/gen/g.ts': '',
      'src/main.ts': '',
      'src/deep/.gonogoignore': 'secret-fixture.txt\n',
      'src/deep/secret-fixture.txt': '',
      'src/deep/ok.txt': '',
      'vendor/lib.js': '',
    });
    const { rels } = await walk(root, { exclude: ['vendor/'] });
    expect(rels.sort()).toEqual(['.gitignore', 'keep.log', 'src/.gitignore', 'src/deep/.gonogoignore', 'src/deep/ok.txt', 'src/main.ts', 'src/x.log'].sort());
  });

  it('gitignore:false still honours .gonogoignore', async () => {
    const root = tree({ '.gitignore': 'a.txt\n', '.gonogoignore': 'b.txt\n', 'a.txt': '', 'b.txt': '' });
    const { rels } = await walk(root, { gitignore: false });
    expect(rels.sort()).toEqual(['.gitignore', '.gonogoignore', 'a.txt']);
  });

  it('reads .git/info/exclude', async () => {
    const root = tree({ '.git/info/exclude': 'local.txt\n', 'local.txt': '', 'kept.txt': '' });
    expect((await walk(root)).rels).toEqual(['kept.txt']);
  });

  it('never follows symlinks: loops and links out of the tree are reported, not read', async () => {
    const outside = tree({ 'outside-secret.txt': 'x' });
    const root = tree({ 'a/file.txt': 'x' });
    symlinkSync(root, path.join(root, 'a', 'loop'));
    symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'self'));
    symlinkSync(outside, path.join(root, 'out-dir'));
    symlinkSync(path.join(outside, 'outside-secret.txt'), path.join(root, 'out-file.txt'));
    symlinkSync(path.join(root, 'nope'), path.join(root, 'dangling'));
    const { rels, skipped } = await walk(root);
    expect(rels).toEqual(['a/file.txt']);
    expect(skipped.filter(([, r]) => r === 'symlink').map(([p]) => p).sort()).toEqual(['a/loop', 'a/self', 'dangling', 'out-dir', 'out-file.txt']);
  });

  it('skips files over maxFileBytes and reports them', async () => {
    const root = tree({ 'small.txt': 'x', 'big.txt': 'x'.repeat(2000) });
    const { rels, skipped } = await walk(root, { maxFileBytes: 1000 });
    expect(rels).toEqual(['small.txt']);
    expect(skipped).toEqual([['big.txt', 'too-large']]);
  });

  it('reports unreadable directories instead of throwing', async () => {
    if (process.getuid?.() === 0) return; // root reads everything; nothing to observe
    const root = tree({ 'locked/a.txt': 'x', 'ok.txt': 'x' });
    chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const { rels, skipped } = await walk(root);
      expect(rels).toEqual(['ok.txt']);
      expect(skipped).toEqual([['locked', 'unreadable']]);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('reports a missing root instead of throwing, and accepts a single file as root', async () => {
    const { rels, skipped } = await walk('/nonexistent/gonogo-walk');
    expect(rels).toEqual([]);
    expect(skipped[0]?.[1]).toBe('unreadable');
    const root = tree({ 'one.txt': 'abc' });
    expect((await walk(path.join(root, 'one.txt'))).rels).toEqual(['one.txt']);
  });

  it('stops when the signal aborts', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i % 5}/f${i}.txt`] = '';
    const root = tree(files);
    const ac = new AbortController();
    let n = 0;
    for await (const _ of walkFiles(root, { signal: ac.signal })) {
      if (++n === 10) ac.abort();
    }
    expect(n).toBeLessThan(200);
  });
});

describe('isProbablyBinary', () => {
  it('treats a NUL byte in the first 8000 bytes as binary', () => {
    expect(isProbablyBinary(Buffer.from('plain text\nconst a = 1;\n'))).toBe(false);
    expect(isProbablyBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
    expect(isProbablyBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]))).toBe(false);
  });
});
