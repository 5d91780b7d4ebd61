#!/usr/bin/env node
// `node bench/secrets-peer.mjs [FILE] [--verbose] [--family NAME] [--json OUT]` (after `npm run build`): score
// gonogo's secret scanner on a peer's per-rule samples kept OUT of this repository (default
// /work/shared/peer/gitleaks-samples/gitleaks-samples.json.gz: a gzipped JSON array of
// { rule, kind: "tp" | "fp", text, path?, ctx?, gitleaks_flags? }). Each sample is scanned on its own through the real
// engine (scanSecrets over stdin, named by its `path` when it has one), so engine changes (decoding, contexts) count.
// A true sample counts as found when any gonogo rule reports in it (inline-allowed hits do not count); a known-false
// sample counts as flagged the same way. Prints per-family recall (family = the peer's rule id), the known-false
// flagged rate, and the families never matched. Measure with the samples; never copy them into gonogo's rules or tests.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scanSecrets } = await import(path.join(ROOT, 'dist/scan/secrets/scan.js'));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const family = flag('--family');
const jsonOut = flag('--json');
const verbose = args.includes('--verbose');
const file = args.find((a) => !a.startsWith('--')) ?? '/work/shared/peer/gitleaks-samples/gitleaks-samples.json.gz';
let samples;
try {
  const raw = readFileSync(file);
  samples = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
} catch (e) {
  process.stderr.write(`cannot read ${file}: ${e.message}\nusage: node bench/secrets-peer.mjs [samples.json(.gz)] [--verbose] [--family NAME] [--json OUT]\n`);
  process.exit(2);
}
if (family) samples = samples.filter((s) => s.rule === family);

async function rulesFor(s) {
  const text = Buffer.from(s.text, 'utf8');
  const input = (async function* () {
    yield text;
  })();
  const r = await scanSecrets({ source: { kind: 'stdin', input, name: s.path ?? 'sample.txt' }, today: '2026-01-01' });
  return [...new Set(r.hits.filter((h) => h.allow?.status !== 'allowed').map((h) => h.rule.id))];
}

const fams = new Map();
const t = { tp: 0, found: 0, fp: 0, flagged: 0, fpPeerClean: 0, flaggedPeerClean: 0 };
const byRule = new Map();
const start = process.hrtime.bigint();
for (const s of samples) {
  const got = await rulesFor(s);
  const f = fams.get(s.rule) ?? { tp: 0, found: 0, fp: 0, flagged: 0 };
  fams.set(s.rule, f);
  const hit = got.length > 0;
  if (s.kind === 'tp') {
    t.tp++;
    f.tp++;
    if (hit) {
      t.found++;
      f.found++;
    }
    for (const id of got) byRule.set(id, (byRule.get(id) ?? 0) + 1);
  } else {
    t.fp++;
    f.fp++;
    // Known-false samples the peer itself flags (with another of its rules) are counted apart as well.
    const peerClean = !(s.gitleaks_flags?.length > 0);
    if (peerClean) t.fpPeerClean++;
    if (hit) {
      t.flagged++;
      f.flagged++;
      if (peerClean) t.flaggedPeerClean++;
    }
  }
  if (verbose && (s.kind === 'tp') !== hit) process.stdout.write(`${s.kind === 'tp' ? 'MISSED ' : 'FLAGGED'} ${s.rule} [${s.ctx ?? s.path ?? ''}] ${hit ? got.join(',') : ''}\n  ${JSON.stringify(s.text.length > 300 ? `${s.text.slice(0, 300)}...` : s.text)}\n`);
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
const pct = (a, b) => (b === 0 ? '   -' : (a / b).toFixed(2));
const rows = [...fams.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
process.stdout.write('family                                          recall (found/true)   known-false flagged\n');
for (const [name, f] of rows) {
  process.stdout.write(`${name.padEnd(48)}${pct(f.found, f.tp)} (${`${f.found}/${f.tp}`.padEnd(7)})        ${f.fp ? `${f.flagged}/${f.fp}` : '-'}\n`);
}
const never = rows.filter(([, f]) => f.tp > 0 && f.found === 0).map(([n]) => n);
const partial = rows.filter(([, f]) => f.tp > 0 && f.found > 0 && f.found < f.tp).length;
process.stdout.write(`\nfamilies never matched (${never.length}): ${never.join(', ') || '-'}\n`);
process.stdout.write(`families partly matched: ${partial} of ${rows.filter(([, f]) => f.tp > 0).length}\n`);
process.stdout.write(`\nTOTAL recall ${pct(t.found, t.tp)} (${t.found}/${t.tp}); known-false flagged ${pct(t.flagged, t.fp)} (${t.flagged}/${t.fp}); ` +
  `of those the peer leaves clean: ${pct(t.flaggedPeerClean, t.fpPeerClean)} (${t.flaggedPeerClean}/${t.fpPeerClean}); ${samples.length} samples in ${secs.toFixed(1)} s\n`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ file, total: t, never, families: Object.fromEntries(rows), byRule: Object.fromEntries(byRule) }, null, 1)}\n`);
