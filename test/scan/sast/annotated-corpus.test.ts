import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { langOf } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { corpusLabels } from './corpus-labels.js';

/**
 * test/fixtures/sast/annotated: code in the shapes of real frameworks (Flask, Django, DRF, FastAPI, Pyramid, AWS
 * Lambda, Express, Koa, Next.js), written by us, with a label comment before each case: `ruleid: <rule>` means
 * the code after it (up to the next blank line or label) must get a finding of that rule, `ok: <rule>` that it must
 * not. bench/sast-corpus.mjs scores any folder written in this convention.
 */
const ROOT = fileURLToPath(new URL('../../fixtures/sast/annotated/', import.meta.url));
const labels = (lines: string[]) => corpusLabels(lines, ['ruleid', 'ok']);

const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => langOf(f)).sort();

describe('annotated corpus: framework shapes, each case labelled', () => {
  it('holds over a hundred labelled cases, at least 50 of each kind, across Python and JS/TS', () => {
    const all = files.flatMap((f) => labels(readFileSync(path.join(ROOT, f), 'utf8').split('\n')));
    expect(all.filter((l) => l.kind === 'ruleid').length).toBeGreaterThanOrEqual(50);
    expect(all.filter((l) => l.kind === 'ok').length).toBeGreaterThanOrEqual(50);
  });
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const cases = labels(text.split('\n'));
    describe(file, () => {
      const scanned = scanSource(text, langOf(file)!, file, SAST_RULES);
      for (const l of cases) {
        it(`line ${l.line}: ${l.rule} ${l.kind === 'ruleid' ? 'is reported' : 'is not reported'}`, async () => {
          const { findings } = await scanned;
          const hits = findings.filter((f) => f.ruleId === l.rule && 'line' in f.location && f.location.line! >= l.from && f.location.line! <= l.to);
          expect(hits.length > 0, `${file}:${l.line} ${l.kind} ${l.rule}; findings in the file: ${findings.map((f) => `${'line' in f.location ? f.location.line : '?'} ${f.ruleId}`).join(', ')}`).toBe(l.kind === 'ruleid');
        });
      }
    });
  }
});
