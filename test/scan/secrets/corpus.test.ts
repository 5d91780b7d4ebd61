import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSecrets } from '../../../src/scan/secrets/run.js';
import { scanSecrets } from '../../../src/scan/secrets/scan.js';
import { corpusTokens } from './corpus-tokens.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/secrets/corpus/', import.meta.url));
const DECOYS = fileURLToPath(new URL('../../fixtures/secrets/decoys/', import.meta.url));
const MINIFIED = ['source-map/dist/source-map.min.js', 'markdown-it/dist/markdown-it.min.js', 'esquery/dist/esquery.min.js'];

interface Expected {
  findings: { file: string; line: number; rule: string; severity?: string; why: string }[];
  negatives: { file: string; line: number; why: string }[];
}

/** Copy the corpus to a temporary folder with every `${{NAME}}` marker replaced by its fake token. */
function materialise(tokens: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-corpus-'));
  cpSync(CORPUS, dir, { recursive: true });
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8').replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
      const t = tokens[name];
      if (t === undefined) throw new Error(`${path.relative(dir, file)}: no fake token for \${{${name}}}`);
      return t;
    });
    writeFileSync(file, text);
  }
  return dir;
}

describe('realistic corpus, written independently of the rules (test/fixtures/secrets/corpus)', () => {
  const expected = JSON.parse(readFileSync(path.join(CORPUS, '..', 'corpus.expected.json'), 'utf8')) as Expected;

  it('finds exactly the listed secrets (rule, file, line) and nothing else', async () => {
    const dir = materialise(corpusTokens());
    const r = await runSecrets({ source: { kind: 'dir', path: dir }, scan: undefined, configDir: dir });
    const found = r.current.map((f) => `${(f.location as { file: string }).file}:${(f.location as { line: number }).line} ${f.ruleId}`).sort();
    expect(found).toEqual(expected.findings.map((e) => `${e.file}:${e.line} ${e.rule}`).sort());
    for (const e of expected.findings.filter((x) => x.severity)) {
      const f = r.current.find((x) => x.ruleId === e.rule && (x.location as { file: string }).file === e.file)!;
      expect(f.severity, `${e.file}:${e.line}`).toBe(e.severity);
    }
  });

  it('flags none of the known negatives (placeholders, hashes, identifiers, env references)', async () => {
    const dir = materialise(corpusTokens());
    const r = await runSecrets({ source: { kind: 'dir', path: dir }, scan: undefined, configDir: dir });
    const at = new Set(r.current.map((f) => `${(f.location as { file: string }).file}:${(f.location as { line: number }).line}`));
    expect(expected.negatives.length).toBeGreaterThanOrEqual(15);
    for (const n of expected.negatives) {
      // The line really holds what the list says it does, so the list cannot drift from the files.
      expect(readFileSync(path.join(CORPUS, n.file), 'utf8').split('\n')[n.line - 1], `${n.file}:${n.line}`).toBeTruthy();
      expect(at.has(`${n.file}:${n.line}`), `${n.file}:${n.line} (${n.why})`).toBe(false);
    }
  });

  it('the fixtures hold no secret themselves: the corpus as committed (markers only) gives no finding', async () => {
    const r = await runSecrets({ source: { kind: 'dir', path: CORPUS }, scan: undefined, configDir: CORPUS });
    expect(r.current.filter((f) => f.severity !== 'low').map((f) => `${(f.location as { file: string }).file}:${(f.location as { line: number }).line} ${f.ruleId}`)).toEqual([]);
  });
});

describe('decoys: files full of secret-looking things that are not secrets', () => {
  it('placeholders, hashes, UUIDs, prose, test code, lock files, CSS data URIs and real minified bundles give no finding', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-decoys-'));
    for (const f of readdirSync(DECOYS)) copyFileSync(path.join(DECOYS, f), path.join(dir, f));
    for (const m of MINIFIED) copyFileSync(fileURLToPath(new URL(`../../../node_modules/${m}`, import.meta.url)), path.join(dir, path.basename(m)));
    const r = await scanSecrets({ source: { kind: 'dir', path: dir } });
    expect(r.files).toBe(readdirSync(DECOYS).length + MINIFIED.length);
    expect(r.hits.map((h) => `${h.rule.id} in ${h.file}:${h.line}`)).toEqual([]);
  });
});
