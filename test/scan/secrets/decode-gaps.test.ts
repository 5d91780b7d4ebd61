import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { scanString } from '../../../src/scan/secrets/text-scan.js';

const m = createMatcher(SECRET_RULES);
const today = '2026-12-04';
const scan = (text: string) => scanString(text, m, { today }).map((h) => ({ rule: h.rule.id, secret: h.secret, line: h.line, decoded: h.decoded }));
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('decoding: the gaps closed in session 4', () => {
  it('several secrets of one rule decoded from one line are each reported', () => {
    const a = expandSample('ghp_{a62:36}');
    const b = expandSample('ghp_{a62:36}x').slice(0, 40);
    // Two encoded values on one line, and one encoded .env holding two tokens.
    expect(scan(`tokens: {"a": "${b64(a)}", "b": "${b64(b)}"}`)).toEqual([
      { rule: 'secrets.github-pat', secret: a, line: 1, decoded: 'base64' },
      { rule: 'secrets.github-pat', secret: b, line: 1, decoded: 'base64' },
    ]);
    expect(scan(`env: ${b64(`A=${a}\nB=${b}\n`)}`).map((h) => h.secret).sort()).toEqual([a, b].sort());
  });

  it('a bare base64 line (a value on its own line, a wrapped blob) is decoded', () => {
    const gh = expandSample('ghp_{a62:36}');
    expect(scan(`data:\n  ${b64(`GITHUB_TOKEN=${gh}\n`)}\n`)).toEqual([{ rule: 'secrets.github-pat', secret: gh, line: 2, decoded: 'base64' }]);
    // Ordinary identifiers and words on their own line are not decoded into anything.
    expect(scan('  CDIJKLMNOPQRSTUVWXYZabcdef\n  someIdentifierName\n')).toEqual([]);
  });
});
