import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { dashboardExpressions } from '../../src/export/monitoring/grafana/panels.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const run = promisify(execFile);
const CONFIG = [
  'target: http://127.0.0.1:8080',
  'service: "Shop \\"API\\" {{ .Oops }}"',
  'load:',
  '  thresholds:',
  '    - p(95)<500',
  '    - rate<0.01',
  '    - "http_req_duration{name:GET /api/items}: p(99)<1s"',
  '    - avg<200',
  '    - "http_reqs: rate<100"',
  '    - max<2s',
  '',
].join('\n');

const hasTools = requireProgram('promtool') && requireProgram('amtool');

describe.runIf(hasTools)('gonogo export monitoring, checked by the real tools', () => {
  const dir = tmpDir('gonogo-export-');
  const out = path.join(dir, 'monitoring');
  const files = (sub: string) => readdirSync(path.join(out, sub)).filter((f) => f.endsWith('.yml')).map((f) => path.join(out, sub, f));
  let cli: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), CONFIG);
    cli = await runCli(['export', 'monitoring'], { cwd: dir });
  }, 60_000);

  it('exits 0, says what it wrote and warns about the threshold it could not convert', () => {
    expect(cli.stderr).toContain('warning: load.thresholds[5] "max<2s" has no production equivalent: Prometheus histograms do not record the slowest request');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^wrote \d+ files to monitoring: \d+ alerts \(\d+ critical\), 5 of 6 thresholds exported, 4 dashboards$/m);
  });

  it('passes promtool check config and check rules', async () => {
    const cfg = await run('promtool', ['check', 'config', path.join(out, 'prometheus', 'prometheus.yml')]);
    expect(cfg.stdout).toMatch(/SUCCESS: 3 rule files found/);
    const rules = await run('promtool', ['check', 'rules', ...files('prometheus/rules')]);
    expect(rules.stdout.match(/SUCCESS: \d+ rules found/g)).toHaveLength(3);
  }, 60_000);

  it('passes its own promtool unit tests: every alert fires on bad series and stays quiet on good ones', async () => {
    const tests = files('prometheus/tests');
    expect(tests.length).toBeGreaterThanOrEqual(3);
    const res = await run('promtool', ['test', 'rules', ...tests], { timeout: 240_000 });
    expect(res.stdout.match(/SUCCESS/g)).toHaveLength(tests.length);
  }, 300_000);

  it('fails promtool test rules when an expected annotation is wrong (the tests compare them)', async () => {
    const test = path.join(out, 'prometheus', 'tests', 'service.test.yml');
    const broken = path.join(out, 'prometheus', 'tests', 'broken.test.yml.txt');
    writeFileSync(broken, readFileSync(test, 'utf8').replace('uses more than 90% of a CPU core', 'uses a lot of CPU'));
    const res = (await run('promtool', ['test', 'rules', broken]).catch((e: { code: number; stdout: string; stderr: string }) => e)) as { code?: number; stdout: string; stderr: string };
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).toMatch(/FAILED[\s\S]*uses a lot of CPU/);
  }, 120_000);

  it('passes amtool check-config, templates included', async () => {
    const res = await run('amtool', ['check-config', path.join(out, 'alertmanager', 'alertmanager.yml')]);
    expect(res.stdout).toMatch(/3 receivers[\s\S]*1 templates[\s\S]*SUCCESS/);
    const text = await run('amtool', ['template', 'render', `--template.glob=${path.join(out, 'alertmanager', 'templates', '*.tmpl')}`, '--template.text={{ template "gonogo.text" . }}']);
    expect(text.stdout).toMatch(/Started: \d{4}-\d\d-\d\d/);
  }, 60_000);

  it('has dashboards whose every PromQL expression promtool parses', async () => {
    const exprs = readdirSync(path.join(out, 'grafana', 'dashboards')).flatMap((f) => dashboardExpressions(JSON.parse(readFileSync(path.join(out, 'grafana', 'dashboards', f), 'utf8')) as Record<string, unknown>));
    expect(exprs.length).toBeGreaterThan(40);
    // Grafana fills the variables in before Prometheus sees a query; label_values(q, l) is Grafana's, not PromQL.
    const promql = exprs.map((e) =>
      e
        .replace(/^label_values\((.*), (\w+)\)$/, 'group by ($2) ($1)')
        .replace(/\$__rate_interval/g, '5m')
        .replace(/\$job\b/g, 'shop')
        .replace(/\$\w+/g, '.*'),
    );
    const file = path.join(dir, 'dashboard-exprs.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules: promql.map((expr, i) => ({ record: `dashboard:expr_${i}`, expr })) }] }));
    const res = await run('promtool', ['check', 'rules', file]);
    expect(res.stdout).toContain(`SUCCESS: ${promql.length} rules found`);
  }, 60_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe.runIf(requireProgram('prometheus'))('a real Prometheus loads the exported rules', () => {
  const dir = tmpDir('gonogo-export-prom-');
  let child: ReturnType<typeof spawn> | undefined;
  let base = '';

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), CONFIG);
    const cli = await runCli(['export', 'monitoring', '--out', 'kit'], { cwd: dir });
    expect(cli.code).toBe(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    mkdirSync(path.join(dir, 'data'));
    child = spawn('prometheus', [`--config.file=${path.join(dir, 'kit', 'prometheus', 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('shows every rule group healthy in its API once evaluated', async () => {
    type Rules = { data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] } };
    let groups: Rules['data']['groups'] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/api/v1/rules`);
        if (res.ok) {
          groups = ((await res.json()) as Rules).data.groups;
          if (groups.length === 3 && groups.every((g) => g.rules.every((r) => r.health !== 'unknown'))) break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(groups.map((g) => g.name).sort()).toEqual(['Shop "API" {{ .Oops }} SLOs (gonogo thresholds)', 'Shop "API" {{ .Oops }} infrastructure', 'Shop "API" {{ .Oops }} service resources']);
    const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`));
    expect(unhealthy).toEqual([]);
    expect(groups.flatMap((g) => g.rules).length).toBeGreaterThan(60);
  }, 90_000);
});
