import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { scanSecrets } from '../../../src/scan/secrets/scan.js';

const DECOYS = fileURLToPath(new URL('../../fixtures/secrets/decoys/', import.meta.url));
const MINIFIED = ['source-map/dist/source-map.min.js', 'markdown-it/dist/markdown-it.min.js', 'esquery/dist/esquery.min.js'];

/** Wrap a sample in ordinary code, as it would sit in a real file. */
function inContext(sample: string, i: number): string {
  const before = ['import fs from "node:fs";', 'const port = Number(process.env.PORT ?? 8080);', ''];
  const after = ['', 'export function handler(req, res) {', '  res.end("ok");', '}'];
  return i % 2 === 0 ? [...before, sample, ...after].join('\n') : sample;
}

describe('labelled corpus: rule samples plus realistic decoys', () => {
  it('reaches recall >= 95% and precision >= 95% with the full rule set', async () => {
    const matcher = createMatcher(SECRET_RULES);
    const positives = SECRET_RULES.flatMap((r) => r.samples.tp.map((t, i) => inContext(expandSample(t), i)));
    const negatives = SECRET_RULES.flatMap((r) => r.samples.fp.map((t) => expandSample(t)));

    let detected = 0;
    let truePositives = 0;
    for (const text of positives) {
      const n = matcher.find(text).length;
      if (n > 0) detected++;
      truePositives += n;
    }
    let falsePositives = 0;
    const fpDetails: string[] = [];
    for (const text of negatives) {
      const found = matcher.find(text);
      falsePositives += found.length;
      for (const f of found) fpDetails.push(`${f.rule.id} in sample: ${text.slice(0, 80)}`);
    }
    // Decoy files (placeholders, hashes, UUIDs, prose, tests, lockfiles, CSS data URIs) and real minified bundles.
    const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-decoys-'));
    for (const f of readdirSync(DECOYS)) copyFileSync(path.join(DECOYS, f), path.join(dir, f));
    for (const m of MINIFIED) copyFileSync(fileURLToPath(new URL(`../../../node_modules/${m}`, import.meta.url)), path.join(dir, path.basename(m)));
    const decoyScan = await scanSecrets({ source: { kind: 'dir', path: dir } });
    expect(decoyScan.files).toBe(readdirSync(DECOYS).length + MINIFIED.length);
    falsePositives += decoyScan.hits.length;
    for (const h of decoyScan.hits) fpDetails.push(`${h.rule.id} in ${h.file}:${h.line}`);

    const recall = detected / positives.length;
    const precision = truePositives / (truePositives + falsePositives);
    console.log(
      `secrets corpus: ${positives.length} positives, ${negatives.length} negative samples + ${decoyScan.files} decoy files (${(decoyScan.bytes / 1024).toFixed(0)} KiB); ` +
        `recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}% (${falsePositives} false positives)`,
    );
    if (fpDetails.length > 0) console.log(fpDetails.join('\n'));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });
});
