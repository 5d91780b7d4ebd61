#!/usr/bin/env node
// `node bench/iac-peer.mjs DIR [--verbose]` (after `npm run build`): score gonogo's IaC rules on peers' query test
// fixtures kept OUT of this repository, laid out as DIR/<query>/{positive,negative}N.<ext> (KICS's layout; e.g.
// /work/shared/peer/kics/compose). A positive file counts as found when the gonogo rule mapped to its query reports
// in it; a negative file stays clean when that rule does not. Queries with no mapped rule are listed and skipped.
import { mkdtempSync, readdirSync, copyFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scanIac } = await import(path.join(ROOT, 'dist/scan/iac/scan.js'));
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const verbose = args.includes('--verbose');
if (!dir) {
  process.stderr.write('usage: node bench/iac-peer.mjs DIR [--verbose]   (DIR/<query>/{positive,negative}N.yaml)\n');
  process.exit(2);
}
/** KICS / checkov / kube-linter / hadolint query name -> the gonogo rule that covers it (docs/iac.md lists peer ids). */
const MAP = {
  container_capabilities_unrestricted: 'iac.compose-cap-add',
  docker_socket_mounted_in_container: 'iac.compose-docker-socket',
  host_namespace_is_shared: 'iac.compose-host-namespaces',
  privileged_containers_enabled: 'iac.compose-privileged',
};
const t = { pos: 0, found: 0, neg: 0, clean: 0 };
for (const query of readdirSync(dir).sort()) {
  const qdir = path.join(dir, query);
  if (!statSync(qdir).isDirectory()) continue;
  const rule = MAP[query];
  if (!rule) {
    process.stdout.write(`${query}: no mapped rule, skipped\n`);
    continue;
  }
  for (const file of readdirSync(qdir).sort()) {
    const m = /^(positive|negative)\d*\.(ya?ml|json|dockerfile)$/i.exec(file);
    if (!m) continue;
    // The scanner detects compose files by name: copy each case to a scratch folder as compose.yaml.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'gonogo-iac-peer-'));
    copyFileSync(path.join(qdir, file), path.join(tmp, 'compose.yaml'));
    const r = await scanIac(tmp);
    rmSync(tmp, { recursive: true, force: true });
    const hit = r.findings.some((f) => f.ruleId === rule);
    if (m[1] === 'positive') {
      t.pos++;
      if (hit) t.found++;
    } else {
      t.neg++;
      if (!hit) t.clean++;
    }
    if (verbose || (m[1] === 'positive') !== hit) process.stdout.write(`${query}/${file}: ${hit ? 'flagged' : 'clean'}${(m[1] === 'positive') !== hit ? '  <- wrong' : ''}\n`);
  }
}
const pct = (a, b) => (b === 0 ? '-' : (a / b).toFixed(2));
process.stdout.write(`\nTOTAL expected findings found ${pct(t.found, t.pos)} (${t.found}/${t.pos}), clean cases kept clean ${pct(t.clean, t.neg)} (${t.clean}/${t.neg})\n`);
