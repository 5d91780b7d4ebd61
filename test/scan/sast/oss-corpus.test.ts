import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import type { Finding } from '../../../src/core/result.js';
import { langOf } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { corpusLabels, type Label } from './corpus-labels.js';

/**
 * test/fixtures/sast-oss: short snippets of permissively licensed open-source code (framework examples, real
 * applications before and after a CVE fix), copied verbatim with a provenance header and label comments
 * (corpus-labels.ts). Every label is asserted, and every finding in a snippet must sit under a `ruleid` or
 * `todook` label of its rule, so an unexpected finding fails too. `todoruleid` (a known miss) and `todook` (a
 * known false positive) assert today's behaviour: a fix flips them and the label must then be changed, with the
 * row in SOURCES.md.
 */
const ROOT = fileURLToPath(new URL('../../fixtures/sast-oss/', import.meta.url));
const PERMISSIVE = new Set(['MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'ISC', 'PostgreSQL']);
const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => langOf(f)).sort();
const manifest = readFileSync(path.join(ROOT, 'SOURCES.md'), 'utf8');

const lineOf = (f: Finding): number | undefined => ('line' in f.location ? f.location.line : undefined);
const inside = (f: Finding, l: Label): boolean => f.ruleId === l.rule && (lineOf(f) ?? 0) >= l.from && (lineOf(f) ?? 0) <= l.to;
const describeLabel = (l: Label): string => ({
  ruleid: `${l.rule} is reported`,
  ok: `${l.rule} is not reported`,
  todoruleid: `${l.rule} is still missed (known miss; relabel ruleid when found)`,
  todook: `${l.rule} is still reported (known false positive; relabel ok when fixed)`,
})[l.kind];

interface Snippet { file: string; text: string; labels: Label[]; findings: Promise<Finding[]> }
const snippets: Snippet[] = files.map((file) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const findings = scanSource(text, langOf(file)!, file, SAST_RULES).then((r) => r.findings);
  return { file, text, labels: corpusLabels(text.split('\n')), findings };
});

describe('open-source corpus: real code, licence noted, each case labelled', () => {
  it('holds at least 60 snippets in Python and JS/TS, vulnerable and safe, each with its source and a permissive licence', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(60);
    expect(snippets.some((s) => s.file.endsWith('.py')) && snippets.some((s) => /\.(js|ts)$/.test(s.file))).toBe(true);
    const kinds = snippets.flatMap((s) => s.labels.map((l) => l.kind));
    expect(kinds.filter((k) => k === 'ruleid' || k === 'todoruleid').length).toBeGreaterThanOrEqual(15);
    expect(kinds.filter((k) => k === 'ok' || k === 'todook').length).toBeGreaterThanOrEqual(50);
    for (const s of snippets) {
      const source = /^(?:#|\/\/) Source: (\S+) (\S+) lines ([\d, -]+), commit (.+)$/m.exec(s.text);
      const licence = /^(?:#|\/\/) Licence: ([\w.-]+)\. /m.exec(s.text);
      expect(source, `${s.file}: no "Source:" header`).not.toBeNull();
      expect(licence && PERMISSIVE.has(licence[1]!), `${s.file}: licence ${licence?.[1]} is not one we accept`).toBe(true);
      expect(manifest.includes(`\`${s.file}\``), `${s.file} is not listed in SOURCES.md`).toBe(true);
      expect(s.labels.length, `${s.file} has no label`).toBeGreaterThan(0);
    }
  });

  it('prints found / expected and clean spots flagged (the figures in SOURCES.md)', async () => {
    const tally = { ruleid: 0, todoruleid: 0, ok: 0, todook: 0 };
    for (const s of snippets) for (const l of s.labels) tally[l.kind]++;
    const expected = tally.ruleid + tally.todoruleid;
    const clean = tally.ok + tally.todook;
    console.log(`oss corpus: ${snippets.length} snippets; found ${tally.ruleid} / ${expected} expected findings; ` +
      `${tally.todook} of ${clean} clean spots flagged`);
    expect(expected).toBeGreaterThan(0);
  });

  for (const s of snippets) {
    describe(s.file, () => {
      for (const l of s.labels) {
        it(`line ${l.line}: ${describeLabel(l)}`, async () => {
          const findings = await s.findings;
          const hit = findings.some((f) => inside(f, l));
          const seen = findings.map((f) => `${lineOf(f) ?? '?'} ${f.ruleId}`).join(', ') || 'none';
          expect(hit, `${s.file}:${l.line} ${l.kind} ${l.rule}; findings: ${seen}`).toBe(l.kind === 'ruleid' || l.kind === 'todook');
        });
      }
      it('has no finding outside a ruleid / todook label of its rule', async () => {
        const findings = await s.findings;
        const expectedSpots = s.labels.filter((l) => l.kind === 'ruleid' || l.kind === 'todook');
        const stray = findings.filter((f) => !expectedSpots.some((l) => inside(f, l)));
        expect(stray.map((f) => `${lineOf(f) ?? '?'} ${f.ruleId}: ${f.message}`)).toEqual([]);
      });
    });
  }
});
