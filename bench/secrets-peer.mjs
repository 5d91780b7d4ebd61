#!/usr/bin/env node
// `node bench/secrets-peer.mjs [FILE] [--verbose] [--family NAME] [--json OUT]` (after `npm run build`): score
// gonogo's secret scanner on a peer's per-rule samples kept OUT of this repository (default
// /work/shared/peer/gitleaks-samples/gitleaks-samples.json.gz: a gzipped JSON array of
// { rule, kind: "tp" | "fp", text, path?, ctx?, gitleaks_flags? }). Each sample is scanned on its own through the real
// engine (scanSecrets over stdin, named by its `path` when it has one), so engine changes (decoding, contexts) count.
// A true sample counts as found when any gonogo rule reports in it (inline-allowed hits do not count); a known-false
// sample counts as flagged the same way ("any rule"). The peer validates each rule's known-false samples against
// THAT RULE ALONE (gitleaks cmd/generate/config/utils/validate.go: createSingleRuleDetector), so a second, faithful
// figure ("per rule") counts a known-false sample of peer rule X as flagged only when gonogo reports it under a rule
// equivalent to X (one that reports on more than half of X's true samples) or under a generic rule (generic.ts ids),
// not when another vendor rule recognises a different credential in it. Prints per-family recall (family = the peer's rule id), the known-false
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

// Rules of src/scan/secrets/rules/generic.ts: name-based, not one vendor's format.
const GENERIC = /^secrets\.(generic-|basic-auth-header|bearer-token-header|curl-basic-auth|oauth-token-in-git-url|netrc-password|htpasswd-plaintext)/;
const fams = new Map();
const fpHits = []; // [sample, rules] for the per-rule figure, decided once every family's true samples are seen
const tpRules = new Map(); // peer family -> Map(gonogo rule -> true samples it reports on)
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
    const m = tpRules.get(s.rule) ?? new Map();
    tpRules.set(s.rule, m);
    for (const id of got) m.set(id, (m.get(id) ?? 0) + 1);
  } else {
    t.fp++;
    f.fp++;
    // Known-false samples the peer itself flags (with another of its rules) are counted apart as well.
    const peerClean = !(s.gitleaks_flags?.length > 0);
    if (peerClean) t.fpPeerClean++;
    if (hit) fpHits.push([s, got]);
    if (hit) {
      t.flagged++;
      f.flagged++;
      if (peerClean) t.flaggedPeerClean++;
    }
  }
  if (verbose && (s.kind === 'tp') !== hit) process.stdout.write(`${s.kind === 'tp' ? 'MISSED ' : 'FLAGGED'} ${s.rule} [${s.ctx ?? s.path ?? ''}] ${hit ? got.join(',') : ''}\n  ${JSON.stringify(s.text.length > 300 ? `${s.text.slice(0, 300)}...` : s.text)}\n`);
}
// Per-rule figure: equivalent rules of a family are those reporting on more than half of its true samples.
const equivalent = (fam, id) => {
  const m = tpRules.get(fam);
  const f = fams.get(fam);
  return m !== undefined && (m.get(id) ?? 0) * 2 > f.tp;
};
let flaggedPerRule = 0;
for (const [s, got] of fpHits) {
  const own = got.filter((id) => GENERIC.test(id) || equivalent(s.rule, id));
  if (own.length > 0) flaggedPerRule++;
  fams.get(s.rule).flaggedPerRule = (fams.get(s.rule).flaggedPerRule ?? 0) + (own.length > 0 ? 1 : 0);
  if (verbose) process.stdout.write(`${own.length > 0 ? 'PER-RULE' : 'OTHER   '} ${s.rule}: ${got.join(',')}\n`);
}
t.flaggedPerRule = flaggedPerRule;
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
  `of those the peer leaves clean: ${pct(t.flaggedPeerClean, t.fpPeerClean)} (${t.flaggedPeerClean}/${t.fpPeerClean}); ` +
  `per rule (the peer's own definition): ${pct(t.flaggedPerRule, t.fp)} (${t.flaggedPerRule}/${t.fp}); ${samples.length} samples in ${secs.toFixed(1)} s\n`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ file, total: t, never, families: Object.fromEntries(rows), byRule: Object.fromEntries(byRule) }, null, 1)}\n`);
