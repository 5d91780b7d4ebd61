import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanIacText } from '../../../src/scan/iac/engine.js';
import { IAC_RULES } from '../../../src/scan/iac/rules/index.js';
import { scanIac } from '../../../src/scan/iac/scan.js';

const ROOT = fileURLToPath(new URL('../../fixtures/iac/', import.meta.url));
const at = (findings: { ruleId: string; location: unknown }[]) =>
  findings.map((f) => `${(f.location as { file: string }).file}:${(f.location as { line: number }).line} ${f.ruleId}`);

describe('IaC scan of real-looking files', () => {
  it('finds files by name and content and checks every kind', async () => {
    const r = await scanIac(ROOT);
    // Dockerfile, api.dockerfile, broken/Dockerfile; one compose file; shop.yaml, hardened.yml, broken/deploy.yaml (settings.yaml is not a manifest).
    expect(r.files).toEqual({ dockerfile: 3, compose: 1, k8s: 3 });
  });

  it('multi-document manifest: each workload kind is checked at the right line; Services are ignored', async () => {
    const r = await scanIac(`${ROOT}k8s`);
    const got = at(r.findings);
    expect(got).toContain('shop.yaml:35 iac.k8s-privileged');
    expect(got).toContain('shop.yaml:31 iac.k8s-latest-image');
    expect(got).toContain('shop.yaml:37 iac.k8s-capabilities');
    expect(got).toContain('shop.yaml:52 iac.k8s-host-namespaces');
    expect(got).toContain('shop.yaml:53 iac.k8s-host-namespaces');
    expect(got).toContain('shop.yaml:57 iac.k8s-seccomp-unconfined');
    expect(got).toContain('shop.yaml:69 iac.k8s-host-path');
    expect(got).toContain('shop.yaml:30 iac.k8s-resources');
    // The hardened CronJob (no probes needed for batch) and the hardened StatefulSet give nothing.
    expect(r.findings.filter((f) => /CronJob|StatefulSet|Service /.test(f.message))).toEqual([]);
    expect(got.filter((g) => g.startsWith('hardened.yml'))).toEqual([]);
  });

  it('compose v3: privileged, host namespaces, docker.sock, cap_add and literal secrets, not ${VAR} ones', async () => {
    const r = await scanIac(`${ROOT}compose`);
    expect(at(r.findings).sort()).toEqual([
      'docker-compose.yml:10 iac.compose-secret-env',
      'docker-compose.yml:25 iac.compose-privileged',
      'docker-compose.yml:26 iac.compose-host-namespaces',
      'docker-compose.yml:27 iac.compose-host-namespaces',
      'docker-compose.yml:28 iac.compose-cap-add',
      'docker-compose.yml:31 iac.compose-docker-socket',
    ]);
  });

  it('Dockerfiles: the insecure one trips each rule on its line; the hardened multi-stage one is clean', async () => {
    const r = await scanIac(`${ROOT}docker`);
    const got = at(r.findings);
    for (const want of ['Dockerfile:2 iac.dockerfile-latest-tag', 'Dockerfile:2 iac.dockerfile-root-user', 'Dockerfile:5 iac.dockerfile-secret-env', 'Dockerfile:7 iac.dockerfile-unpinned-packages', 'Dockerfile:7 iac.dockerfile-curl-pipe-shell', 'Dockerfile:10 iac.dockerfile-sudo', 'Dockerfile:13 iac.dockerfile-add', 'Dockerfile:16 iac.dockerfile-expose-ssh', 'Dockerfile:2 iac.dockerfile-no-healthcheck']) {
      expect(got).toContain(want);
    }
    expect(got.filter((g) => g.startsWith('api.dockerfile'))).toEqual([]);
  });

  it('malformed YAML and Dockerfile give a parse finding naming file:line, and the rest is still scanned', async () => {
    const r = await scanIac(`${ROOT}broken`);
    const errors = r.findings.filter((f) => f.ruleId === 'iac.parse-error').map((f) => f.message);
    expect(errors).toEqual(['Dockerfile:2: unknown Dockerfile instruction "RUNN"', expect.stringMatching(/^deploy\.yaml:11: YAML does not parse/)]);
    // The second document of the broken file still parses and is checked.
    expect(at(r.findings)).toContain('deploy.yaml:22 iac.k8s-privileged');
    // And other folders are unaffected by the broken ones.
    const all = await scanIac(ROOT);
    expect(at(all.findings)).toContain('k8s/shop.yaml:35 iac.k8s-privileged');
  });

  it('an inline gonogo:allow with a reason suppresses one IaC finding', () => {
    const text = 'services:\n  ops:\n    image: x/y:1\n    privileged: true # gonogo:allow iac.compose-privileged needs /dev/kvm, tracked in OPS-12\n';
    const r = scanIacText(text, 'compose.yaml', 'compose', IAC_RULES);
    expect(r.findings.map((f) => f.ruleId)).not.toContain('iac.compose-privileged');
    expect(r.allowed).toBe(1);
  });

  it('garbage and empty files do not crash the scan', () => {
    for (const text of ['', '\0\0\0', ':::\n- - -\n  ]]', 'apiVersion: v1\nkind: Pod\nspec: 42\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: "nope"\n']) {
      expect(() => scanIacText(text, 'x.yaml', 'yaml', IAC_RULES)).not.toThrow();
      expect(() => scanIacText(text, 'Dockerfile', 'dockerfile', IAC_RULES)).not.toThrow();
    }
  });
});
