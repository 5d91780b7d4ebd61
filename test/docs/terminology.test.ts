import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GonogoError } from '../../src/core/errors.js';
import { termMatcher, prose } from '../../src/docs/check-terms.js';
import { loadGlossary } from '../../src/docs/glossary.js';
import { resolveDocsOptions } from '../../src/docs/options.js';
import { reviewDocs } from '../../src/docs/review.js';
import { FIXTURES } from './helpers.js';

const DIR = path.join(FIXTURES, 'terminology');
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

async function reviewFixture() {
  const { review } = resolveDocsOptions({ config: { paths: ['docs'], glossary: 'glossary.yaml', drift: { cli: false, dependencies: false } }, flags: {}, args: [], root: DIR, cwd: DIR });
  const result = await reviewDocs(review);
  const check = result.checks.find((c) => c.id === 'docs.terms')!;
  const lines = (check.findings ?? []).map((f) => `${'file' in f.location ? `${f.location.file}:${f.location.line}` : ''} ${f.ruleId} ${f.severity} ${f.message}`);
  return { check, lines };
}

describe('terminology check (docs.glossary)', () => {
  it('reports banned terms, listed variants and wrong casing at file:line, once per term per line', async () => {
    const { check, lines } = await reviewFixture();
    expect([...lines].sort(byLine)).toEqual([
      'docs/cases.md:1 docs.term-casing low "Github": write "GitHub"',
      'docs/cases.md:3 docs.term-banned medium "simply" is banned',
      'docs/cases.md:3 docs.term-banned medium "whitelist" is banned: use "allowlist" (say what it does)',
      'docs/cases.md:3 docs.term-variant low "Log in": the glossary prefers "sign in"',
      'docs/cases.md:5 docs.term-variant low "e-mail": the glossary prefers "email"',
      'docs/cases.md:5 docs.term-casing low "Javascript": write "JavaScript"',
      'docs/cases.md:7 docs.term-banned medium "Whitelist" is banned: use "allowlist" (say what it does)',
      'docs/cases.md:7 docs.term-casing low "NPM": write "npm"',
      'docs/cases.md:9 docs.term-variant low "Strasse": the glossary prefers "Straße"',
      'docs/cases.md:9 docs.term-casing low "ökosystem": write "Ökosystem"',
      'docs/cases.md:10 docs.term-variant low "log in": the glossary prefers "sign in"',
      'docs/cases.md:15 docs.term-casing low "Github": write "GitHub"',
      'docs/cases.md:17 docs.term-casing low "Github": write "GitHub"',
      'docs/cases.md:17 docs.term-variant low "signin": the glossary prefers "sign in"',
    ].sort(byLine));
    expect(check.status).toBe('fail');
    expect(check.title).toBe('Terminology');
    expect(check.evidence).toBe('14 terminology findings across 2 files (9 glossary entries from glossary.yaml)');
  });

  it('finds nothing in code, URLs, link targets, HTML attributes, paths, addresses, longer words, generated or silenced sections', async () => {
    const { lines } = await reviewFixture();
    expect(lines.filter((l) => l.startsWith('docs/negatives.md'))).toEqual([]);
  });

  it('is skipped with a reason when no glossary is configured', async () => {
    const { review } = resolveDocsOptions({ config: { paths: ['docs'] }, flags: {}, args: [], root: DIR, cwd: DIR });
    const check = (await reviewDocs(review)).checks.find((c) => c.id === 'docs.terms')!;
    expect(check.status).toBe('skip');
    expect(check.evidence).toBe('no glossary configured (docs.glossary)');
  });

  it('blanks code spans, link targets and URLs but keeps lines and link text', () => {
    const text = 'a `x` [Github](https://g/h)\nsee https://github.com/a and <b href="c">d</b>';
    const out = prose(text);
    expect(out).toHaveLength(text.length);
    expect(out.split('\n')).toHaveLength(2);
    expect(out.replace(/ +/g, ' ')).toBe('a [Github \nsee and d ');
  });

  it('matches whole words only, case-insensitively for variants, Unicode letters included', () => {
    const m = termMatcher({ terms: [{ preferred: 'café', variants: ['cafe'] }], casing: ['Ελλάδα'] });
    const found = m.check('x.md', [{ text: 'cafe, cafeteria, CAFE; ελλάδα and Ελλάδα, ελλάδαs', line: 4 }]);
    expect(found.map((f) => f.message)).toEqual(['"cafe": the glossary prefers "café"', '"ελλάδα": write "Ελλάδα"']);
    expect(found.every((f) => 'line' in f.location && f.location.line === 4)).toBe(true);
  });
});

describe('a bad glossary is a config mistake', () => {
  it('names the file, the line and the path of every problem', () => {
    let err: unknown;
    try {
      loadGlossary(path.join(DIR, 'bad-glossary'), 'glossary.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GonogoError);
    const g = err as GonogoError;
    expect(g.code).toBe('GONOGO_CONFIG_INVALID');
    expect(g.message).toBe('5 problems in the glossary glossary.yaml');
    expect(g.details).toEqual([
      'glossary.yaml:3:5 terms[0].variants: expected a list, got "log in"',
      'glossary.yaml:5:16 terms[1].variants[0]: "Email" differs from "email" only in case: list the name under casing instead, got "Email"',
      'glossary.yaml:7:5 banned[0].term: expected a word or phrase, got nothing',
      'glossary.yaml:7:5 banned[0].word: unknown key (expected one of term, replacement, reason)',
      'glossary.yaml:8:10 casing[0]: expected a non-empty word or phrase, got ""',
    ]);
  });

  for (const [dir, text] of [
    ['bad-glossary', 'error[GONOGO_CONFIG_INVALID]: 5 problems in the glossary glossary.yaml'],
    ['missing-glossary', 'error[GONOGO_CONFIG_INVALID]: cannot read the glossary no-such-glossary.yaml: ENOENT'],
  ] as const) {
    it(`${dir}: gonogo docs exits 2 with a message, no stack trace`, () => {
      const res = spawnSync(process.execPath, [CLI, 'docs'], { cwd: path.join(DIR, dir), encoding: 'utf8', timeout: 30_000 });
      expect(res.status, res.stderr).toBe(2);
      expect(res.stderr).toContain(text);
      expect(res.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    });
  }
});

/** Findings are sorted by file and line; within a line, the test compares them as a set. */
function byLine(a: string, b: string): number {
  const la = Number(/:(\d+) /.exec(a)![1]);
  const lb = Number(/:(\d+) /.exec(b)![1]);
  return la - lb || (a < b ? -1 : a > b ? 1 : 0);
}
