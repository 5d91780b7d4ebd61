import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { dashboardExpressions } from '../../src/export/monitoring/grafana/panels.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { closedPort } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { closeAll, startTarget } from '../demo/helpers.js';

const run = promisify(execFile);
const CONFIG = [
  'target: http://127.0.0.1:8080',
  'service: "Shop \\"API\\" {{ .Oops }}"',
  'load:',
  '  thresholds:',
  '    - p(95)<500',
  '    - rate<0.01',
  '    - "http_req_duration{name:GET /api/items}: p(99)<1s"',
  // Grafana would expand $__user and [[route]]: the dashboards write them as PromQL escapes, which promtool must parse.
  '    - "http_req_duration{name:GET /api/$__user/[[route]]/$id}: p(99.5)<2s"',
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
    expect(cli.stderr).toContain('warning: load.thresholds[6] "max<2s" has no production equivalent: Prometheus histograms do not record the slowest request');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^wrote \d+ files to monitoring: \d+ alerts \(\d+ critical\), 6 of 7 thresholds exported, 4 dashboards$/m);
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
    writeFileSync(broken, readFileSync(test, 'utf8').replace('uses more than 85% of a CPU core', 'uses a lot of CPU'));
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

describe.runIf(requireProgram('prometheus'))('a real Prometheus loads the exported rules and scrapes the reference service', () => {
  const dir = tmpDir('gonogo-export-prom-');
  let child: ReturnType<typeof spawn> | undefined;
  let base = '';
  const JOB = 'Shop "API" {{ .Oops }}';

  beforeAll(async () => {
    const demo = await startTarget();
    // Traffic before the first scrape, so the histogram series exist from the start.
    for (let i = 0; i < 20; i++) await fetch(`${demo.url}/api/info`).then((r) => r.arrayBuffer());
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), CONFIG.replace('target: http://127.0.0.1:8080', `target: ${demo.url}`).replace('    - max<2s\n', '    - "http_req_duration{name:GET /api/info}: p(95)<500"\n'));
    const cli = await runCli(['export', 'monitoring', '--out', 'kit'], { cwd: dir });
    expect(cli.code).toBe(0);
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    mkdirSync(path.join(dir, 'data'));
    child = spawn('prometheus', [`--config.file=${path.join(dir, 'kit', 'prometheus', 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    // Keep the service busy while Prometheus scrapes it (bounded: at most 60 s, a request every 200 ms).
    const until = Date.now() + 60_000;
    void (async () => {
      while (Date.now() < until && child?.exitCode === null) {
        await fetch(`${demo.url}/api/info`).then((r) => r.arrayBuffer()).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await closeAll();
  });

  async function query(q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`);
    return ((await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
  }

  async function eventually<T>(what: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const got = await what().catch(() => undefined);
      if (got !== undefined) return got;
      await new Promise((r) => setTimeout(r, 1000));
    }
    return undefined;
  }

  it('shows every rule group healthy in its API once evaluated', async () => {
    type Rules = { data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] } };
    const groups =
      (await eventually(async () => {
        const res = await fetch(`${base}/api/v1/rules`);
        const g = ((await res.json()) as Rules).data.groups;
        return g.length === 3 && g.every((x) => x.rules.every((r) => r.health !== 'unknown')) ? g : undefined;
      }, 60_000)) ?? [];
    expect(groups.map((g) => g.name).sort()).toEqual([`${JOB} SLOs (gonogo thresholds)`, `${JOB} infrastructure`, `${JOB} service resources`]);
    const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`));
    expect(unhealthy).toEqual([]);
    expect(groups.flatMap((g) => g.rules).length).toBeGreaterThan(60);
  }, 90_000);

  it('scrapes the reference service under the service\'s job, and the SLO rules compute from its metrics', async () => {
    const up = await eventually(async () => (await query(`up{job=${JSON.stringify(JOB)}}`))[0], 30_000);
    expect(up?.value[1]).toBe('1');
    // Both thresholds on latency read the 0.5 s bucket the reference service exports; /api/info answers fast.
    const ratios = await eventually(async () => {
      const r = await query('gonogo_slo:bad_ratio:rate5m');
      return r.filter((x) => x.metric.slo?.startsWith('latency_p95_500ms')).length === 2 ? r : undefined;
    }, 90_000);
    const byId = Object.fromEntries((ratios ?? []).map((x) => [x.metric.slo, Number(x.value[1])]));
    expect(byId).toMatchObject({ latency_p95_500ms: 0, latency_p95_500ms_get_api_info: 0 });
  }, 150_000);
});
