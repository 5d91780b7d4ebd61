import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runCli, tmpDir } from '../helpers/cli.js';
import { dashboardSchemaErrors, GRAFANA_SCHEMA_VERSION, provisioningErrors } from './grafana-check.js';

/**
 * Every dashboard and provisioning file gonogo writes, checked offline against what Grafana publishes
 * (see grafana-check.ts). No Grafana runs here: Debian has no package and npm no server.
 */
const CONFIG = [
  'target: http://127.0.0.1:8080',
  'service: "Shop $job"',
  'load:',
  '  thresholds:',
  '    - p(95)<500',
  '    - rate<0.01',
  '    - "http_req_duration{name:GET /api/items}: p(99)<1s"',
  '    - avg<200',
  '    - "http_reqs: rate<100"',
  '    - "http_reqs: rate>10"',
  '',
].join('\n');

type Manifest = { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> };
interface Kit { dashboards: Map<string, unknown>; datasources: unknown; providers: { providers: { options: { path: string } }[] } }
interface GrafanaPod { containers: { env?: { name: string; value?: string }[]; volumeMounts: { name: string; mountPath: string }[] }[]; volumes: { name: string; configMap?: { name: string; items: { key: string; path: string }[] } }[] }

const jsonFiles = (dir: string) => new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown]));

function kitFrom(monitoring: string): Kit {
  return {
    dashboards: jsonFiles(path.join(monitoring, 'grafana', 'dashboards')),
    datasources: parse(readFileSync(path.join(monitoring, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')),
    providers: parse(readFileSync(path.join(monitoring, 'grafana', 'provisioning', 'dashboards', 'gonogo.yml'), 'utf8')) as Kit['providers'],
  };
}

describe('Grafana files against Grafana\'s published schema (offline)', () => {
  const root = tmpDir('gonogo-grafana-');
  const exported = path.join(root, 'export', 'monitoring');
  const kits = new Map<string, string>();

  beforeAll(async () => {
    const exp = path.join(root, 'export');
    mkdirSync(exp, { recursive: true });
    writeFileSync(path.join(exp, 'gonogo.config.yaml'), CONFIG);
    const res = await runCli(['export', 'monitoring'], { cwd: exp });
    expect(res.code, res.stderr).toBe(0);
    for (const template of ['compose', 'k8s', 'bare-metal']) {
      const dir = path.join(root, template);
      const init = await runCli(['init', '--template', template, '--dir', dir], { cwd: root });
      expect(init.code, init.stderr).toBe(0);
      kits.set(template, dir);
    }
  }, 120_000);

  it(`the four exported dashboards type-check as @grafana/schema ${GRAFANA_SCHEMA_VERSION} Dashboard (timeseries panels as its timeseries panel config)`, () => {
    const { dashboards } = kitFrom(exported);
    expect([...dashboards.keys()].sort()).toEqual(['api-performance.json', 'business.json', 'infrastructure.json', 'model-providers.json']);
    const errors = dashboardSchemaErrors(dashboards);
    for (const [name, list] of errors) expect(list, name).toEqual([]);
  }, 120_000);

  it('the same check refuses a broken dashboard: unknown key, missing schemaVersion, wrong thresholds mode, step value as text, panel without type', () => {
    const api = kitFrom(exported).dashboards.get('api-performance.json') as Record<string, unknown> & { panels: Record<string, unknown>[] };
    const panel = api.panels.find((p) => p.type === 'timeseries')!;
    const withPanel = (change: (p: Record<string, unknown>) => void) => {
      const copy = structuredClone(api);
      change(copy.panels.find((p) => p.id === panel.id)!);
      return copy;
    };
    const broken = new Map<string, unknown>([
      ['typo', { ...api, pannels: api.panels }],
      ['no-schema-version', Object.fromEntries(Object.entries(api).filter(([k]) => k !== 'schemaVersion'))],
      ['thresholds-mode', withPanel((p) => ((p.fieldConfig as { defaults: { thresholds: { mode: string } } }).defaults.thresholds.mode = 'absolut'))],
      ['step-as-text', withPanel((p) => ((p.fieldConfig as { defaults: { thresholds: { steps: { value: unknown }[] } } }).defaults.thresholds.steps[1]!.value = '0.5'))],
      ['no-panel-type', withPanel((p) => delete p.type)],
      ['legend-mode', withPanel((p) => ((p.options as { legend: { displayMode: string } }).legend.displayMode = 'bullets'))],
      ['draw-style', withPanel((p) => ((p.fieldConfig as { defaults: { custom: { drawStyle: string } } }).defaults.custom.drawStyle = 'zigzag'))],
    ]);
    const errors = dashboardSchemaErrors(broken);
    expect(errors.get('typo')!.join('\n')).toMatch(/'"pannels"' does not exist in type/);
    expect(errors.get('no-schema-version')!.join('\n')).toMatch(/Property 'schemaVersion' is missing/);
    expect(errors.get('thresholds-mode')!.join('\n')).toMatch(/"absolut"/);
    expect(errors.get('step-as-text')!.join('\n')).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(errors.get('no-panel-type')!.join('\n')).toMatch(/'type' is missing/);
    expect(errors.get('legend-mode')!.join('\n')).toMatch(/"bullets"/);
    expect(errors.get('draw-style')!.join('\n')).toMatch(/"zigzag"/);
  }, 120_000);

  it('the dashboards init --template writes (compose, bare-metal folders; k8s ConfigMap) type-check too', () => {
    const all = new Map<string, unknown>();
    for (const t of ['compose', 'bare-metal']) for (const [f, json] of kitFrom(path.join(kits.get(t)!, 'monitoring')).dashboards) all.set(`${t}/${f}`, json);
    const cm = parseAllDocuments(readFileSync(path.join(kits.get('k8s')!, 'k8s', 'monitoring.yaml'), 'utf8')).map((d) => d.toJS() as Manifest).find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'grafana-files-1')!;
    for (const [key, text] of Object.entries(cm.data!)) all.set(`k8s/${key}`, JSON.parse(text));
    expect(all.size).toBe(12);
    for (const [name, list] of dashboardSchemaErrors(all)) expect(list, name).toEqual([]);
  }, 120_000);

  it('meets what Grafana\'s file provisioning demands of a dashboard: a title, a unique uid of at most 40 characters', () => {
    const { dashboards } = kitFrom(exported);
    const uids = [...dashboards.values()].map((d) => (d as { uid: string }).uid);
    expect(new Set(uids).size).toBe(4);
    for (const d of dashboards.values()) {
      expect((d as { title: string }).title.length).toBeGreaterThan(0);
      expect((d as { uid: string }).uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    }
  });

  it('provisioning files follow Grafana\'s format (apiVersion 1, only keys Grafana reads) and the provider points at the exported dashboards', () => {
    const { datasources, providers, dashboards } = kitFrom(exported);
    expect(provisioningErrors('datasources', datasources)).toEqual([]);
    expect(provisioningErrors('dashboards', providers)).toEqual([]);
    const folder = providers.providers[0]!.options.path;
    expect(folder).toBe(path.join(exported, 'grafana', 'dashboards'));
    expect(readdirSync(folder).filter((f) => f.endsWith('.json')).length).toBe(dashboards.size);
    // Each dashboard's data source variable offers the provisioned data source's type.
    const dsType = (datasources as { datasources: { type: string }[] }).datasources[0]!.type;
    for (const d of dashboards.values()) expect((d as { templating: { list: { name: string; query: string }[] } }).templating.list.find((v) => v.name === 'datasource')!.query).toBe(dsType);
  });

  it('the provisioning check refuses a misspelt key, a missing path, a relative path and a wrong apiVersion', () => {
    const { datasources, providers } = kitFrom(exported);
    const p = structuredClone(providers) as unknown as { apiVersion: number; providers: Record<string, unknown>[] };
    expect(provisioningErrors('dashboards', { ...p, providers: [{ ...p.providers[0], folderUID: 'x' }] }).join('\n')).toMatch(/additional properties: folderUID/);
    expect(provisioningErrors('dashboards', { ...p, providers: [{ ...p.providers[0], options: {} }] }).join('\n')).toMatch(/must have required property 'path'/);
    expect(provisioningErrors('dashboards', { ...p, providers: [{ ...p.providers[0], options: { path: 'grafana/dashboards' } }] }).join('\n')).toMatch(/must match pattern/);
    expect(provisioningErrors('dashboards', { ...p, apiVersion: 2 }).join('\n')).toMatch(/must be equal to constant/);
    const ds = structuredClone(datasources) as { datasources: Record<string, unknown>[] };
    expect(provisioningErrors('datasources', { ...ds, datasources: [{ ...ds.datasources[0], is_default: true }] }).join('\n')).toMatch(/additional properties: is_default/);
  });

  it('compose: Grafana finds the provisioning folder and the dashboards where the provider says, and the data source URL names the prometheus service', () => {
    const dir = kits.get('compose')!;
    const { datasources, providers } = kitFrom(path.join(dir, 'monitoring'));
    expect(provisioningErrors('datasources', datasources)).toEqual([]);
    expect(provisioningErrors('dashboards', providers)).toEqual([]);
    const compose = parse(readFileSync(path.join(dir, 'compose.yaml'), 'utf8')) as { services: Record<string, { volumes?: string[]; environment?: Record<string, string>; ports?: string[] }> };
    const grafana = compose.services.grafana!;
    const mountOf = (host: string) => grafana.volumes!.map((v) => v.split(':')).find(([from]) => from === host)?.[1];
    expect(mountOf('./monitoring/grafana/dashboards')).toBe(providers.providers[0]!.options.path);
    expect(mountOf('./monitoring/grafana/provisioning')).toBe(grafana.environment!.GF_PATHS_PROVISIONING ?? '/etc/grafana/provisioning');
    for (const sub of ['datasources/prometheus.yml', 'dashboards/gonogo.yml']) expect(existsSync(path.join(dir, 'monitoring', 'grafana', 'provisioning', sub)), sub).toBe(true);
    const url = new URL((datasources as { datasources: { url: string }[] }).datasources[0]!.url);
    expect(Object.keys(compose.services)).toContain(url.hostname);
    expect(url.port).toBe('9090');
  });

  it('k8s: the grafana Deployment mounts the provisioning files under datasources/ and dashboards/ and every dashboard at the provider\'s path', () => {
    const all = parseAllDocuments(readFileSync(path.join(kits.get('k8s')!, 'k8s', 'monitoring.yaml'), 'utf8')).map((d) => d.toJS() as Manifest);
    const pod = (all.find((m) => m.kind === 'Deployment' && m.metadata.name === 'grafana')!.spec as { template: { spec: GrafanaPod } }).template.spec;
    const container = pod.containers[0]!;
    const provisioningAt = container.env!.find((e) => e.name === 'GF_PATHS_PROVISIONING')!.value!;
    const filesAt = (mountPath: string) => {
      const volume = pod.volumes.find((v) => v.name === container.volumeMounts.find((m) => m.mountPath === mountPath)!.name)!.configMap!;
      const data = all.find((m) => m.kind === 'ConfigMap' && m.metadata.name === volume.name)!.data!;
      return new Map(volume.items.map((i) => [i.path, data[i.key]!]));
    };
    const provisioning = filesAt(provisioningAt);
    const datasources = parse(provisioning.get('datasources/prometheus.yml')!) as unknown;
    const providers = parse(provisioning.get('dashboards/gonogo.yml')!) as Kit['providers'];
    expect(provisioningErrors('datasources', datasources)).toEqual([]);
    expect(provisioningErrors('dashboards', providers)).toEqual([]);
    const dashboards = filesAt(providers.providers[0]!.options.path);
    expect([...dashboards.keys()].sort()).toEqual(['api-performance.json', 'business.json', 'infrastructure.json', 'model-providers.json']);
    const url = new URL((datasources as { datasources: { url: string }[] }).datasources[0]!.url);
    const service = all.find((m) => m.kind === 'Service' && m.metadata.name === url.hostname)!;
    expect((service.spec as { ports: { port: number }[] }).ports.map((p) => p.port)).toContain(Number(url.port));
  });

  it('bare-metal: the guide copies the dashboards into the provider\'s path and the provisioning files into Grafana\'s folder', () => {
    const dir = kits.get('bare-metal')!;
    const { providers } = kitFrom(path.join(dir, 'monitoring'));
    expect(provisioningErrors('dashboards', providers)).toEqual([]);
    const guide = readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(guide).toContain(`cp monitoring/grafana/dashboards/*.json ${providers.providers[0]!.options.path}/`);
    expect(guide).toContain('cp -r monitoring/grafana/provisioning/* /etc/grafana/provisioning/');
  });
});
