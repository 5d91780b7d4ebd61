#!/usr/bin/env node
// `node bench/iac-peer.mjs DIR [--verbose]` (after `npm run build`): score gonogo's IaC rules on peers' query test
// fixtures kept OUT of this repository, laid out as DIR/<query>/{positive,negative}N.<ext> (KICS's layout; e.g.
// /work/shared/peer/kics/compose; hadolint, kube-linter and checkov cases in the same layout under /work/wt/peer-iac/<peer>/,
// BENCHMARKS.md "IaC peers' fixtures"). A positive file counts as found when a gonogo rule mapped to its query reports
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
/**
 * KICS / checkov / kube-linter / hadolint query name -> the gonogo rules that cover it (docs/iac.md lists peer ids).
 * DIR may hold compose, Kubernetes and Dockerfile queries side by side (or in compose/, k8s/, dockerfile/ below it).
 */
const MAP = {
  container_capabilities_unrestricted: ['iac.compose-cap-add'],
  docker_socket_mounted_in_container: ['iac.compose-docker-socket'],
  host_namespace_is_shared: ['iac.compose-host-namespaces'],
  privileged_containers_enabled: ['iac.compose-privileged'],
  privilege_escalation_allowed: ['iac.k8s-privilege-escalation'],
  shared_host_network_namespace: ['iac.k8s-host-namespaces'],
  shared_host_ipc_namespace: ['iac.k8s-host-namespaces'],
  shared_host_pid_namespace: ['iac.k8s-host-namespaces'],
  // rule:text = that rule with a message naming the text (one gonogo rule covers several single-resource queries).
  memory_limits_not_defined: ['iac.k8s-resources:limits.memory'],
  cpu_limits_not_set: ['iac.k8s-resources:limits.cpu'],
  seccomp_profile_is_not_configured: ['iac.k8s-seccomp-not-set', 'iac.k8s-seccomp-unconfined'],
  missing_user_instruction: ['iac.dockerfile-root-user'],
  add_instead_of_copy: ['iac.dockerfile-add'],
  healthcheck_instruction_missing: ['iac.dockerfile-no-healthcheck'],
  run_using_sudo: ['iac.dockerfile-sudo'],
  image_version_using_latest: ['iac.dockerfile-latest-tag'],
  image_version_not_explicit: ['iac.dockerfile-latest-tag'],
  exposing_port_22: ['iac.dockerfile-expose-ssh'],
  apt_get_install_pin_version_not_defined: ['iac.dockerfile-unpinned-packages'],
  // hadolint rule ids (DIR/hadolint/<DLxxxx>/: its spec strings, one case a file; see BENCHMARKS.md).
  DL3002: ['iac.dockerfile-root-user'],
  DL3004: ['iac.dockerfile-sudo'],
  DL3006: ['iac.dockerfile-latest-tag'],
  DL3007: ['iac.dockerfile-latest-tag'],
  DL3008: ['iac.dockerfile-unpinned-packages:DL3008'],
  DL3013: ['iac.dockerfile-unpinned-packages:DL3013'],
  DL3016: ['iac.dockerfile-unpinned-packages:DL3016'],
  DL3018: ['iac.dockerfile-unpinned-packages:DL3018'],
  DL3020: ['iac.dockerfile-add'],
  // kube-linter check names (DIR/kube-linter/<check>/: one document of tests/checks/<check>.yml a file).
  'privileged-container': ['iac.k8s-privileged'],
  'run-as-non-root': ['iac.k8s-run-as-root'],
  'host-network': ['iac.k8s-host-namespaces'],
  'privilege-escalation-container': ['iac.k8s-privilege-escalation'],
  'no-read-only-root-fs': ['iac.k8s-writable-root-fs'],
  'latest-tag': ['iac.k8s-latest-image'],
  'unset-memory-requirements': ['iac.k8s-resources:memory'],
  'unset-cpu-requirements': ['iac.k8s-resources:cpu'],
  'host-pid': ['iac.k8s-host-namespaces'],
  'host-ipc': ['iac.k8s-host-namespaces'],
  'drop-net-raw-capability': ['iac.k8s-capabilities:NET_RAW'],
  'default-service-account': ['iac.k8s-default-service-account'],
  'no-readiness-probe': ['iac.k8s-probes:readinessProbe'],
  // checkov Dockerfile check classes (DIR/checkov/<Check>/: tests/dockerfile/checks/example_<Check>/{failure,success}*).
  ExposePort22: ['iac.dockerfile-expose-ssh'],
  HealthcheckExists: ['iac.dockerfile-no-healthcheck'],
  RootUser: ['iac.dockerfile-root-user'],
  UserExists: ['iac.dockerfile-root-user'],
  ReferenceLatestTag: ['iac.dockerfile-latest-tag'],
};
/** Query folders: DIR/<query>/ or one level deeper (DIR/<kind>/<query>/). */
function queryDirs(root) {
  const out = [];
  for (const name of readdirSync(root).sort()) {
    const full = path.join(root, name);
    if (!statSync(full).isDirectory()) continue;
    if (MAP[name] || readdirSync(full).some((f) => /^(positive|negative)\d*\./i.test(f))) out.push([name, full]);
    else out.push(...queryDirs(full));
  }
  return out;
}
const t = { pos: 0, found: 0, neg: 0, clean: 0 };
for (const [query, qdir] of queryDirs(dir)) {
  const rules = MAP[query];
  if (!rules) {
    process.stdout.write(`${query}: no mapped rule, skipped\n`);
    continue;
  }
  for (const file of readdirSync(qdir).sort()) {
    const m = /^(positive|negative)\d*\.(ya?ml|json|dockerfile)$/i.exec(file);
    if (!m) continue;
    // Each case alone in a scratch folder under its own name: the scanner tells compose from Kubernetes by content.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'gonogo-iac-peer-'));
    copyFileSync(path.join(qdir, file), path.join(tmp, file));
    const r = await scanIac(tmp);
    rmSync(tmp, { recursive: true, force: true });
    const hit = r.findings.some((f) => rules.some((spec) => {
      const [id, text] = spec.split(':');
      return f.ruleId === id && (text === undefined || f.message.includes(text));
    }));
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
