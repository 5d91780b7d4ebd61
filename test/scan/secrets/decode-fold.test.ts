import { describe, expect, it } from 'vitest';
import { findDecoded, MAX_DEPTH } from '../../../src/scan/secrets/decode.js';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { scanBytes, scanString } from '../../../src/scan/secrets/text-scan.js';

const m = createMatcher(SECRET_RULES);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const B64_START = /[:=>\n][ \t]*["'`]?(?=[CDI-Za-f][A-Za-z0-9+/_-]{15})/g;

/** Every B64_START match, overlapping ones included, as [operator, value start] pairs. */
function regexStarts(text: string): number[] {
  const all: number[] = [];
  B64_START.lastIndex = 0;
  for (let x = B64_START.exec(text); x !== null; x = B64_START.exec(text)) {
    all.push(x.index, x.index + x[0].length);
    B64_START.lastIndex = x.index + 1;
  }
  return all;
}

const gh = expandSample('ghp_{a62:36}');
const pw = expandSample('{a62:14}{d:3}');
// Operators inside keywords (`password=`, `jdbc:`, `sig=`), after a keyword prefix, back to back, at the end, with
// quotes and tabs, a base64 run holding operators-lookalikes, a value too short by one, non-ASCII bytes before it.
const TEXTS = [
  `apiVersion: v1\ndata:\n  DB_PASSWORD: ${b64(pw)}\n  GITHUB_TOKEN: ${b64(gh)}\n`,
  `password=${b64(pw)}\njdbc:${b64(`x=${gh}`)}\nsig=\t'${b64(gh)}'\n`,
  `A:B=C>Dxxxxxxxxxxxxxxxxxxxxxxx=:=${b64(gh)}`,
  `k=${'Z'.repeat(15)}\nk=${'Z'.repeat(16)}\nk=\`${'Z'.repeat(16)}\`\n>\t\t"${'Z'.repeat(16)}`,
  `caf\u00e9: ${b64(`token: ${gh}`)}\n\u00ff=${b64(`pw=${pw}`)}`,
  `${b64(`GITHUB_TOKEN=${gh}\n`)}\nx: ${b64(`y: ${b64(`GITHUB_TOKEN=${gh}`)}`)}`,
  `value:=`,
];

describe('base64 candidates found by the keyword pass (one pass over the bytes)', () => {
  it('are exactly B64_START matches, and decoding with them finds what decoding with the regex finds', () => {
    let decoded = 0;
    for (const text of TEXTS) {
      const bytes = Buffer.from(text, 'latin1');
      const starts: number[] = [];
      const direct = m.find(text, 0, text.length, bytes, starts);
      expect(starts, text).toEqual(regexStarts(text));
      expect(direct).toEqual(m.find(text)); // a string alone is converted to the same bytes
      const fromString: number[] = [];
      m.find(text, 0, text.length, undefined, fromString);
      expect(fromString).toEqual(starts);
      const viaPass = findDecoded(bytes, 0, text.length, m, MAX_DEPTH, starts);
      expect(viaPass, text).toEqual(findDecoded(bytes, 0, text.length, m, MAX_DEPTH, regexStarts(text)));
      decoded += viaPass.length;
    }
    expect(decoded).toBeGreaterThanOrEqual(8);
  });

  it('a file scanned from its bytes reports the same decoded secrets as the same text scanned as a string', () => {
    const opts = { today: '2026-12-05' };
    for (const text of TEXTS) {
      const r = scanBytes(Buffer.from(text, 'latin1'), m, opts);
      expect(r.binary).toBe(false);
      if (!r.binary) expect(r.hits, text).toEqual(scanString(text, m, opts));
    }
    const r = scanBytes(Buffer.from(TEXTS[0]!, 'latin1'), m, opts);
    expect(r.binary ? [] : r.hits.map((h) => [h.rule.id, h.line, h.decoded])).toEqual([
      ['secrets.generic-password', 3, 'base64'],
      ['secrets.github-pat', 4, 'base64'],
    ]);
  });
});
