import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/result.js';
import { FindingStore } from '../../src/docs/finding-store.js';
import { DOC_CHECKS, docFinding } from '../../src/docs/rules.js';

describe('FindingStore: findings held compactly until the report', () => {
  it('gives back each finding as it was made, by check, sorted by file, line and then the order it was kept in', () => {
    const store = new FindingStore();
    const made: [Finding, number][] = [
      [docFinding('docs.link-broken', 'b.md', 3, 'link target "x y.md" does not exist', 'x'), 5],
      [docFinding('docs.anchor-broken', 'a.md', 9, 'no heading "#ü" in 😀.md\0 with\ttabs\nand a newline', 'k'), 7],
      [docFinding('docs.link-broken', 'a.md', 9, 'link target "z.md" does not exist', 'z'), 2],
      [docFinding('docs.code-syntax', 'a.md', 12, 'js: \';\' expected.', 'c'), 1],
      [docFinding('docs.code-shellcheck-missing', 'a.md', undefined, 'no line', 's'), 0],
      [docFinding('docs.ref-unused', 'dir/c.md', 1, '', 'r'), 3],
    ];
    for (const [f, at] of made) store.add(f, at);
    expect(store.size).toBe(6);
    const out = store.take();
    expect([...out.keys()]).toEqual(Object.keys(DOC_CHECKS));
    // Objects equal to what docFinding made (severity and remediation from the rule), in location order.
    expect(out.get('docs.links')).toEqual([made[2]![0], made[1]![0], made[0]![0]]);
    expect(out.get('docs.code')).toEqual([made[4]![0], made[3]![0]]);
    expect(out.get('docs.code')![0]!.location).toEqual({ file: 'a.md' });
    expect(out.get('docs.references')).toEqual([made[5]![0]]);
    expect(out.get('docs.terms')).toEqual([]);
    expect(store.size).toBe(0);
    expect([...store.take().values()].flat()).toEqual([]);
  });

  it('keeps a finding of any other shape as it is, in its place', () => {
    const store = new FindingStore();
    const odd: Finding = { ...docFinding('docs.external-broken', 'a.md', 4, 'HTTP 404', 'u'), aliases: ['x'] };
    const plain = docFinding('docs.external-broken', 'a.md', 4, 'HTTP 500', 'v');
    store.add(plain, 2);
    store.add(odd, 1);
    const back = store.take().get('docs.external')!;
    expect(back[0]).toBe(odd);
    expect(back[1]).toEqual(plain);
  });

  it('holds more than one chunk of records', () => {
    const store = new FindingStore();
    const long = 'm'.repeat(300);
    const all = Array.from({ length: 8000 }, (_, i) => docFinding('docs.link-broken', `f${String(i).padStart(5, '0')}.md`, i + 1, `${long}${i}`, String(i)));
    all.forEach((f, i) => store.add(f, i));
    // 8000 records of ~370 bytes: three 1 MB chunks.
    expect(store.take().get('docs.links')).toEqual(all);
  });
});
