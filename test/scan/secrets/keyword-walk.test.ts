import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../../src/scan/secrets/keyword-index.js';
import { buildTables } from '../../../src/scan/secrets/matcher-tables.js';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

const tables = buildTables(SECRET_RULES);
const depth = Math.max(...SECRET_RULES.flatMap((r) => r.keywords.map((k) => k.length)));
const index = new KeywordIndex(tables, SECRET_RULES.length, tables.back, tables.reach, depth);

/** The plain single walk the two-walk pass must equal: every stop in order, windows merged the same way. */
function reference(text: Uint8Array): { windows: (number[] | undefined)[]; b64: number[] } {
  const found: (number[] | undefined)[] = new Array<number[] | undefined>(SECRET_RULES.length);
  const b64: number[] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    s = tables.goto[(s << 8) | text[i]!]!;
    if (s < tables.firstOut) continue;
    if (s >= tables.firstOp) {
      let j = i + 1;
      while (text[j] === 0x20 || text[j] === 0x09) j++;
      if (text[j] === 0x22 || text[j] === 0x27 || text[j] === 0x60) j++;
      const v = Buffer.from(text.subarray(j, j + 16)).toString('latin1');
      if (/^[CDI-Za-f][A-Za-z0-9+/_-]{15}$/.test(v)) b64.push(i, j);
    }
    for (const ri of tables.out[s]!) {
      const w = found[ri];
      const start = i + 1 - tables.back[ri]!;
      if (w === undefined) found[ri] = [start, i + 1];
      else if (start <= w[w.length - 1]! + tables.reach[ri]!) w[w.length - 1] = i + 1;
      else w.push(start, i + 1);
    }
  }
  return { windows: found, b64 };
}

const gh = expandSample('ghp_{a62:36}');
const b64gh = Buffer.from(`GITHUB_TOKEN=${gh}`).toString('base64');

describe('the keyword pass walks a text as two halves at once', () => {
  it('finds every stop a single walk finds, whatever straddles the middle (keywords, operators, base64 starts)', () => {
    let checked = 0;
    for (const len of [1023, 1024, 1025, 4000, 4001]) {
      for (let d = -depth - 2; d <= depth + 2; d++) {
        for (const planted of [`api_key=${gh}`, `password: "${b64gh}"`, `Authorization: Bearer ${gh}`]) {
          const mid = len >> 1;
          const at = Math.max(0, mid + d - 6);
          const filler = 'lorem ipsum token secret key: value\n'.repeat(Math.ceil(len / 36)).slice(0, len);
          const text = Buffer.from(`${filler.slice(0, at)}${planted}${filler.slice(at)}`, 'latin1');
          const b64: number[] = [];
          const windows = index.windowsInBytes(text, b64);
          const ref = reference(text);
          expect(windows, `${len} ${d} ${planted}`).toEqual(ref.windows);
          expect(b64).toEqual(ref.b64);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('a secret whose keyword is cut by the middle is still reported, once', () => {
    const m = createMatcher(SECRET_RULES);
    for (let d = -8; d <= 8; d++) {
      const half = 3000;
      const text = `${'x = 1;\n'.repeat(half / 7)}`.padEnd(half + d, ' ') + `\ntoken ${gh}\n` + 'y = 2;\n'.repeat(half / 7);
      const hits = m.findInBytes(Buffer.from(text, 'latin1')).filter((h) => h.secret === gh);
      expect(hits.map((h) => h.rule.id), String(d)).toEqual(['secrets.github-pat']);
    }
  });
});
