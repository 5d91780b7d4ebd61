import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customSecretRules } from '../../../src/scan/secrets/custom-rules.js';
import { createMatcher, type RawMatch } from '../../../src/scan/secrets/matcher.js';
import { buildTables, decodeTables, encodeTables, rulesFingerprint, type MatcherTables } from '../../../src/scan/secrets/matcher-tables.js';
import type { SecretRule } from '../../../src/scan/secrets/rule.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { requirePrerequisite } from '../../helpers/system.js';
import { SECRETS } from './helpers.js';

const built = buildTables(SECRET_RULES);
const print = rulesFingerprint(SECRET_RULES);
const CUSTOM = customSecretRules([{ id: 'secrets.custom.acme', regex: '(acme_int_[A-Za-z0-9]{30})', keywords: ['acme_int_'] }]);
const ACME = expandSample('acme_int_{a62:30}');

function expectSameTables(a: MatcherTables, b: MatcherTables): void {
  expect(a.goto.constructor).toBe(b.goto.constructor);
  expect(Array.from(a.goto)).toEqual(Array.from(b.goto));
  expect(a.firstOut).toBe(b.firstOut);
  expect(a.out).toEqual(b.out);
  expect(Array.from(a.back)).toEqual(Array.from(b.back));
  expect(Array.from(a.reach)).toEqual(Array.from(b.reach));
}

const brief = (ms: RawMatch[]) => ms.map((m) => `${m.rule.id} ${m.index} ${m.secret}`);

describe('secrets matcher tables built at build time (matcher-tables.ts)', () => {
  it('written and read back, they equal the tables built at run time, and a matcher on them finds the same', () => {
    const file = encodeTables(built, print);
    const loaded = decodeTables(file, print);
    expect(loaded).toBeDefined();
    expectSameTables(loaded!, built);
    // Read from an unaligned buffer too (a small file may sit at any offset of Node's buffer pool).
    const odd = new Uint8Array(file.length + 1);
    odd.set(file, 1);
    expectSameTables(decodeTables(odd.subarray(1), print)!, built);
    const text = SECRET_RULES.flatMap((r) => [...r.samples.tp, ...r.samples.fp]).map((s) => expandSample(s)).join('\n');
    const fromFile = createMatcher(SECRET_RULES, loaded);
    const atRunTime = createMatcher(SECRET_RULES);
    expect(fromFile.tables).toBe('prebuilt');
    expect(atRunTime.tables).toBe('built'); // from the sources there is no table file
    const found = brief(fromFile.find(text));
    expect(found.length).toBeGreaterThan(SECRET_RULES.length);
    expect(found).toEqual(brief(atRunTime.find(text)));
  });

  it('is refused for another rule set, another format or a damaged file', () => {
    const file = encodeTables(built, print);
    const other = (rules: readonly SecretRule[]) => rulesFingerprint(rules);
    const [first, second] = SECRET_RULES as [SecretRule, SecretRule];
    const prints = [
      other([...SECRET_RULES, ...CUSTOM]),
      other([second, first, ...SECRET_RULES.slice(2)]),
      other([{ ...first, keywords: [...first.keywords, 'zz'] }, ...SECRET_RULES.slice(1)]),
      other([{ ...first, regex: new RegExp(`${first.regex.source}x`, first.regex.flags) }, ...SECRET_RULES.slice(1)]),
    ];
    expect(new Set([print, ...prints]).size).toBe(5);
    for (const p of prints) expect(decodeTables(file, p)).toBeUndefined();
    const badMagic = file.slice();
    badMagic[0] = badMagic[0]! ^ 1;
    expect(decodeTables(badMagic, print)).toBeUndefined();
    expect(decodeTables(file.subarray(0, file.length - 2), print)).toBeUndefined();
    expect(decodeTables(file.subarray(0, 10), print)).toBeUndefined();
  });

  it('the build writes the table for the built-in rules; custom rules are built at run time and still find', async () => {
    const dist = new URL('../../../dist/scan/secrets/', import.meta.url);
    const file = fileURLToPath(new URL('keyword-table.bin', dist));
    if (!requirePrerequisite(existsSync(file), file, 'run `npm run build` (it writes the table after tsc)')) return;
    const { createMatcher: distMatcher } = (await import(new URL('matcher.js', dist).href)) as typeof import('../../../src/scan/secrets/matcher.js');
    const { SECRET_RULES: distRules } = (await import(new URL('rules/index.js', dist).href)) as typeof import('../../../src/scan/secrets/rules/index.js');
    const { customSecretRules: distCustom } = (await import(new URL('custom-rules.js', dist).href)) as typeof import('../../../src/scan/secrets/custom-rules.js');
    const tables = (await import(new URL('matcher-tables.js', dist).href)) as typeof import('../../../src/scan/secrets/matcher-tables.js');
    // The file holds what the built code derives from the built rules (not a stale table from another build).
    expectSameTables(tables.prebuiltTables(distRules)!, tables.buildTables(distRules));
    const text = `a = "${SECRETS.github}"\nb = "${ACME}"\n`;
    const builtIn = distMatcher(distRules);
    expect(builtIn.tables).toBe('prebuilt');
    expect(builtIn.find(text).map((m) => m.secret)).toEqual([SECRETS.github]);
    const withCustom = distMatcher([...distRules, ...distCustom([{ id: 'secrets.custom.acme', regex: '(acme_int_[A-Za-z0-9]{30})', keywords: ['acme_int_'] }])]);
    expect(withCustom.tables).toBe('built');
    expect(withCustom.find(text).map((m) => `${m.rule.id} ${m.secret}`)).toEqual([`secrets.github-pat ${SECRETS.github}`, `secrets.custom.acme ${ACME}`]);
  });
});
