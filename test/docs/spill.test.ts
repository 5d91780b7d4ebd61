import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSpill } from '../../src/docs/code/spill.js';

describe('RecordSpill: code blocks waiting on disk', () => {
  const saved = process.env.TMPDIR;
  let dir = '';
  beforeEach(() => {
    // A temp folder of our own, so "nothing left behind" is checked on it alone.
    dir = mkdtempSync(path.join(tmpdir(), 'gonogo-spill-test-'));
    process.env.TMPDIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every record back in the order it was put, across read blocks and for records larger than one', () => {
    const spill = new RecordSpill<{ file: string; content: string; n: number }>();
    const big = 'x'.repeat(3 * 1024 * 1024);
    const records = [
      { file: 'a.md', content: 'let a = 1;\n', n: 0 },
      { file: 'ü/ß.md', content: 'const s = "😀\\u2028";\n\0\n', n: 1 },
      ...Array.from({ length: 5000 }, (_, i) => ({ file: `f${i}.md`, content: `// block ${i}\n${'y'.repeat(i % 700)}`, n: 2 + i })),
      { file: 'big.md', content: big, n: 5002 },
      { file: 'z.md', content: '', n: 5003 },
    ];
    for (const r of records) spill.put(r);
    expect(spill.count).toBe(records.length);
    // The file is removed as soon as it is open: nothing is left in the temp folder, even while records wait.
    expect(readdirSync(dir)).toEqual([]);
    expect([...spill.drain()]).toEqual(records);
    // Drained: a second pass has nothing.
    expect([...spill.drain()]).toEqual([]);
  });

  it('keeps the records in memory when no temp file can be made', () => {
    process.env.TMPDIR = path.join(dir, 'missing', 'folder');
    const spill = new RecordSpill<{ n: number }>();
    spill.put({ n: 1 });
    spill.put({ n: 2 });
    expect([...spill.drain()]).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('close drops what was not read', () => {
    const spill = new RecordSpill<{ n: number }>();
    spill.put({ n: 1 });
    spill.close();
    expect([...spill.drain()]).toEqual([]);
  });
});
