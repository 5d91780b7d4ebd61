import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const run = promisify(execFile);
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> };

async function init(template: string): Promise<string> {
  const dir = tmpDir(`gonogo-init-${template}-`);
  const res = await runCli(['init', '--template', template, '--dir', dir], { cwd: dir });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return dir;
}

async function iacFindings(dir: string): Promise<{ evidence: string; findings: { ruleId: string; severity: string }[] }> {
  const res = await runCli(['scan', 'iac', dir, '--format', 'json']);
  const report = JSON.parse(res.stdout) as { checks: { evidence: string }[]; findings: { ruleId: string; severity: string }[] };
  return { evidence: report.checks[0]!.evidence, findings: report.findings };
}

const manifestsOf = (file: string): Manifest[] => parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Manifest);

describe('gonogo init --template', () => {
  it('compose: a compose file, a Dockerfile and the monitoring kit that gonogo scan iac passes without a finding', async () => {
    const dir = await init('compose');
    const { evidence, findings } = await iacFindings(dir);
    expect(evidence).toMatch(/^1 Dockerfiles, 1 compose files/);
    expect(findings).toEqual([]);
    const compose = readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    for (const svc of ['demo:', 'prometheus:', 'alertmanager:', 'grafana:']) expect(compose).toContain(`\n  ${svc}\n`);
    expect(compose).not.toMatch(/- "?\d+:\d+"?$/m); // every published port is bound to 127.0.0.1
    expect(readFileSync(path.join(dir, 'monitoring', 'prometheus', 'prometheus.yml'), 'utf8')).toContain('demo:8080');
  }, 60_000);

  it('k8s: manifests with 3+ replicas, probes, resources, PDB, HPA, Service and ConfigMaps, and no iac finding', async () => {
    const dir = await init('k8s');
    const { evidence, findings } = await iacFindings(dir);
    expect(evidence).toMatch(/2 Kubernetes manifests/);
    expect(findings).toEqual([]);
    const service = manifestsOf(path.join(dir, 'k8s', 'service.yaml'));
    expect(service.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Namespace', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount']);
    const deployment = service.find((m) => m.kind === 'Deployment')!.spec as { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } };
    expect(deployment.replicas).toBeGreaterThanOrEqual(3);
    const container = deployment.template.spec.containers[0]!;
    expect(Object.keys(container)).toEqual(expect.arrayContaining(['readinessProbe', 'livenessProbe', 'resources']));
    expect(manifestsOf(path.join(dir, 'k8s', 'monitoring.yaml')).filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name)).toEqual(['prometheus-files', 'alertmanager-files', 'grafana-files', 'grafana-files-1']);
  }, 60_000);

  it('k8s: the scan does see the manifests (running as UID 0 is a high finding)', async () => {
    const dir = await init('k8s');
    const file = path.join(dir, 'k8s', 'service.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/runAsUser: 1000/g, 'runAsUser: 0'));
    const { findings } = await iacFindings(dir);
    expect(findings.filter((f) => f.ruleId === 'iac.k8s-run-as-root' && f.severity === 'high').length).toBeGreaterThan(0);
  }, 60_000);

  it('k8s: every manifest passes the official Kubernetes JSON schemas (kubernetes-models, offline)', async () => {
    const dir = await init('k8s');
    const all = [...manifestsOf(path.join(dir, 'k8s', 'service.yaml')), ...manifestsOf(path.join(dir, 'k8s', 'monitoring.yaml'))];
    expect(all.length).toBeGreaterThan(15);
    for (const m of all) {
      const mod = (await import(`kubernetes-models/${m.apiVersion}/${m.kind}`)) as Record<string, new (x: unknown) => { validate(): void }>;
      const Model = mod[m.kind]!;
      expect(() => new Model(m).validate(), `${m.kind} ${m.metadata.name}`).not.toThrow();
    }
    // The check is real: a typo in a field the schema types is refused.
    const broken = { ...all.find((m) => m.kind === 'Deployment')!, spec: { replicas: 'three' } };
    const { Deployment } = await import('kubernetes-models/apps/v1/Deployment');
    expect(() => new Deployment(broken as never).validate()).toThrow();
  }, 60_000);

  it.runIf(requireProgram('promtool'))('k8s: the Prometheus ConfigMap, mounted as its items say, passes promtool check config', async () => {
    const dir = await init('k8s');
    const cm = manifestsOf(path.join(dir, 'k8s', 'monitoring.yaml')).find((m) => m.kind === 'Deployment' && m.metadata.name === 'prometheus')!;
    const volume = (cm.spec as { template: { spec: { volumes: { configMap?: { name: string; items: { key: string; path: string }[] } }[] } } }).template.spec.volumes[0]!.configMap!;
    const data = manifestsOf(path.join(dir, 'k8s', 'monitoring.yaml')).find((m) => m.kind === 'ConfigMap' && m.metadata.name === volume.name)!.data!;
    const etc = path.join(dir, 'etc-prometheus');
    for (const item of volume.items) {
      mkdirSync(path.dirname(path.join(etc, item.path)), { recursive: true });
      writeFileSync(path.join(etc, item.path), data[item.key]!);
    }
    const res = await run('promtool', ['check', 'config', path.join(etc, 'prometheus.yml')]);
    expect(res.stdout).toMatch(/SUCCESS: 3 rule files found/);
    expect(readFileSync(path.join(etc, 'prometheus.yml'), 'utf8')).toContain('dns_sd_configs');
  }, 60_000);

  it('bare-metal: a hardened systemd unit, a guide and the kit, no iac finding', async () => {
    const dir = await init('bare-metal');
    const unit = readFileSync(path.join(dir, 'gonogo-demo-target.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/env gonogo demo-target --host 127\.0\.0\.1/m);
    for (const line of ['DynamicUser=yes', 'NoNewPrivileges=yes', 'ProtectSystem=strict']) expect(unit).toContain(`\n${line}\n`);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('systemctl enable --now gonogo-demo-target');
    expect((await iacFindings(dir)).findings).toEqual([]);
  }, 60_000);

  it('never overwrites: a second init into the same folder exits 2 and leaves the files as they were', async () => {
    const dir = await init('compose');
    writeFileSync(path.join(dir, 'compose.yaml'), 'mine\n');
    const res = await runCli(['init', '--template', 'compose', '--dir', dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/GONOGO_INIT_EXISTS/);
    expect(readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe('mine\n');
  }, 60_000);
});
