import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseThresholds } from '../../src/core/thresholds/index.js';
import { goTemplateLiteral, promString } from '../../src/export/monitoring/escape.js';
import { dashboardExpressions } from '../../src/export/monitoring/grafana/panels.js';
import { buildMonitoringKit, type MonitoringKit } from '../../src/export/monitoring/kit.js';
import { objectivesFrom, selectorFromName } from '../../src/export/monitoring/objectives.js';

const thresholds = (list: string[]) => parseThresholds(list.map((input, i) => ({ input, where: `load.thresholds[${i}]` })));
const SERVICE = 'Shop "API" {{ .Oops }} $job';

function kit(list: string[], service = SERVICE): MonitoringKit {
  return buildMonitoringKit({ service, target: 'https://shop.example:8443/v1', thresholds: thresholds(list), dashboardsPath: '/var/lib/grafana/dashboards' });
}
const file = (k: MonitoringKit, path: string) => k.files.find((f) => f.path === path)?.text ?? '';

interface Rule { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }
const rulesOf = (k: MonitoringKit): Rule[] =>
  k.files.filter((f) => f.path.startsWith('prometheus/rules/')).flatMap((f) => (parse(f.text) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));

describe('objectives from thresholds', () => {
  it('turns p(N)<X into a latency objective with a (100-N)% budget, and rate<X into an error objective', () => {
    const { objectives, notConverted } = objectivesFrom(thresholds(['p(95)<500', 'rate<0.01', 'http_req_duration{name:GET /api/items}: p(99.9)<1s']));
    expect(notConverted).toEqual([]);
    expect(objectives.map((o) => [o.kind, o.id, 'budget' in o ? o.budget : undefined])).toEqual([
      ['latency', 'latency_p95_500ms', 0.05],
      ['errors', 'errors_0_01', 0.01],
      ['latency', 'latency_p99_9_1000ms_get_api_items', 0.001],
    ]);
    expect(objectives[2]).toMatchObject({ limitSeconds: 1, selector: { method: 'GET', route: '/api/items' }, scope: 'GET /api/items' });
  });

  it('names every threshold it cannot convert, with the reason', () => {
    const { objectives, notConverted } = objectivesFrom(thresholds(['max<2s', 'min<1', 'p(95)>10', 'iterations: count>5', 'http_req_duration{scenario:checkout}: p(90)<1s', 'http_req_duration{name:login}: p(90)<1s', 'rate<=0', 'http_reqs: count>100']));
    expect(objectives).toEqual([]);
    expect(notConverted.map((n) => [n.where, n.source])).toEqual([
      ['load.thresholds[0]', 'max<2s'],
      ['load.thresholds[1]', 'min<1'],
      ['load.thresholds[2]', 'p(95)>10'],
      ['load.thresholds[3]', 'iterations: count>5'],
      ['load.thresholds[4]', 'http_req_duration{scenario:checkout}: p(90)<1s'],
      ['load.thresholds[5]', 'http_req_duration{name:login}: p(90)<1s'],
      ['load.thresholds[6]', 'rate<=0'],
      ['load.thresholds[7]', 'http_reqs: count>100'],
    ]);
    expect(notConverted[0]!.reason).toMatch(/histograms do not record the slowest request/);
    expect(notConverted[4]!.reason).toMatch(/tag "scenario" exists only inside the load generator/);
    expect(notConverted[5]!.reason).toMatch(/name "login" is not "METHOD \/path"/);
    expect(notConverted[6]!.reason).toMatch(/no error budget/);
  });

  it('reads a URL name as its path', () => {
    expect(selectorFromName('GET http://127.0.0.1:8080/api/items?q=1')).toEqual({ method: 'GET', route: '/api/items' });
    expect(selectorFromName('/health')).toEqual({ method: undefined, route: '/health' });
  });

  it('leaves out burn tiers a large budget can never reach, and says so', () => {
    const k = kit(['med<300']);
    expect(rulesOf(k).filter((r) => r.alert?.startsWith('LatencyP50')).map((r) => r.alert)).toEqual(['LatencyP50_300msBudgetBurn', 'LatencyP50_300msBucketMissing']);
    expect(k.notes.join('\n')).toMatch(/"med<300": a budget of 50% cannot burn 14.4x or 6x or 3x faster/);
  });
});

describe('the monitoring kit', () => {
  const k = kit(['p(95)<500', 'rate<0.01', 'http_req_duration{name:GET /api/items}: p(99)<1s', 'avg<200', 'http_reqs: rate<100', 'http_reqs: rate>10', 'max<2s']);
  const rules = rulesOf(k);
  const alerts = rules.filter((r) => r.alert);

  it('writes multi-window burn-rate alerts for each latency and error objective (SRE workbook tiers)', () => {
    const p95 = alerts.filter((a) => a.labels?.slo === 'latency_p95_500ms' && a.labels.window);
    expect(p95.map((a) => [a.alert, a.labels?.severity, a.labels?.window])).toEqual([
      ['LatencyP95_500msFastBurn', 'critical', '1h/5m'],
      ['LatencyP95_500msMediumBurn', 'critical', '6h/30m'],
      ['LatencyP95_500msSlowBurn', 'warning', '1d/2h'],
      ['LatencyP95_500msBudgetBurn', 'warning', '3d/6h'],
    ]);
    expect(p95[0]!.expr).toBe('gonogo_slo:bad_ratio:rate1h{slo="latency_p95_500ms"} > 0.72 and gonogo_slo:bad_ratio:rate5m{slo="latency_p95_500ms"} > 0.72');
    expect(alerts.find((a) => a.alert === 'Errors0_01MediumBurn')!.expr).toContain('> 0.06');
  });

  it('warns when the histogram bucket a latency objective reads is missing, instead of staying blind', () => {
    const missing = alerts.find((a) => a.alert === 'LatencyP95_500msBucketMissing')!;
    expect(missing.expr).toContain('unless sum(rate(http_request_duration_seconds_bucket{job=');
    expect(missing.expr).toContain('le=~"0\\\\.50*"');
  });

  it('gives every alert severity, summary, description and runbook_url, and runbooks.md a section for each', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(30);
    const book = file(k, 'runbooks.md');
    for (const a of alerts) {
      expect(a.labels?.severity, a.alert).toMatch(/^(critical|warning|info)$/);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      expect(a.annotations?.runbook_url, a.alert).toBe(`runbooks.md#${a.alert!.toLowerCase()}`);
      expect(book).toContain(`\n## ${a.alert}\n`);
    }
  });

  it('covers the resource families of the server-side catalogue', () => {
    const families = new Set(alerts.map((a) => a.labels?.family).filter(Boolean));
    for (const f of ['cpu', 'memory', 'db_pool', 'cache', 'event_loop', 'restarts', 'availability', 'certificates', 'errors', 'rate_limit']) expect(families, f).toContain(f);
  });

  it('writes a fire and a quiet promtool test for every alert', () => {
    const tests = k.files.filter((f) => f.path.startsWith('prometheus/tests/')).flatMap((f) => (parse(f.text) as { tests: { name: string; alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] }).tests);
    for (const a of alerts) {
      const cases = tests.flatMap((t) => t.alert_rule_test.filter((c) => c.alertname === a.alert));
      expect(cases.map((c) => c.exp_alerts.length).sort(), a.alert).toEqual([0, 1]);
    }
  });

  it('escapes the service name for Go templates in labels and annotations, and for PromQL in expressions', () => {
    const fast = alerts.find((a) => a.alert === 'LatencyP95_500msFastBurn')!;
    expect(fast.labels?.service).toBe('Shop "API" {{ "{{" }} .Oops {{ "}}" }} $job');
    expect(fast.annotations?.summary).toContain(goTemplateLiteral(SERVICE));
    expect(rules.find((r) => r.record)!.expr).toContain(`job=${promString(SERVICE)}`);
    const prom = parse(file(k, 'prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; scheme: string; static_configs: { targets: string[] }[] }[] };
    expect(prom.scrape_configs[0]).toMatchObject({ job_name: SERVICE, scheme: 'https', static_configs: [{ targets: ['shop.example:8443'] }] });
  });

  it('writes four dashboards with variables, each threshold on a panel that names it and shows the limit as a step', () => {
    expect(k.dashboards.map((d) => d.path)).toEqual(['grafana/dashboards/api-performance.json', 'grafana/dashboards/infrastructure.json', 'grafana/dashboards/model-providers.json', 'grafana/dashboards/business.json']);
    for (const d of k.dashboards) {
      const json = JSON.parse(file(k, d.path)) as { title: string; templating: { list: { name: string }[] } };
      // `$job` in the service name carries an invisible word joiner so Grafana does not expand it.
      expect(json.title.replaceAll('\u2060', '').startsWith(SERVICE)).toBe(true);
      expect(json.templating.list.map((v) => v.name)).toContain('datasource');
      expect(json.templating.list.length).toBeGreaterThanOrEqual(3);
      // The variables' queries are among the expressions promtool parses (monitoring-tools.test.ts).
      expect(dashboardExpressions(d.json).filter((e) => e.startsWith('label_values(')).length, d.path).toBeGreaterThanOrEqual(1);
    }
    const api = JSON.parse(file(k, 'grafana/dashboards/api-performance.json')) as { panels: { title: string; description?: string; fieldConfig?: { defaults: { thresholds: { steps: { value: number | null }[] } } } }[] };
    const limits: [string, number][] = [['p(95)<500', 0.5], ['rate<0.01', 0.01], ['http_req_duration{name:GET /api/items}: p(99)<1s', 1], ['avg<200', 0.2], ['http_reqs: rate<100', 100], ['http_reqs: rate>10', 10]];
    for (const [source, limit] of limits) {
      const panel = api.panels.find((p) => p.description?.includes(`\`${source}\``));
      expect(panel, source).toBeDefined();
      expect(panel!.fieldConfig!.defaults.thresholds.steps.map((s) => s.value)).toContain(limit);
    }
    expect(api.panels.some((p) => p.description?.includes('max<2s'))).toBe(false);
  });

  it('puts every threshold either on a panel that names it with its limit as a step, or in the not-converted list with a reason: never both, never neither', () => {
    // [threshold, limit in the panel's unit, or null when it cannot become PromQL]
    const cases: [string, number | null][] = [
      ['p(95)<500', 0.5], ['med<300', 0.3], ['p(99.9)<2s', 2], ['rate<0.01', 0.01], ['http_req_failed{method:POST}: rate<0.05', 0.05],
      ['http_req_duration{method:GET}: p(90)<800', 0.8], ['http_reqs{name:GET /api/x}: rate<50', 50], ['http_req_duration{name:POST /api/y}: avg<300', 0.3],
      ['http_reqs: rate>10', 10], ['http_req_duration{name:GET /a}: med<100', 0.1],
      ['max<2s', null], ['min<1', null], ['p(95)>10', null], ['rate<=0', null], ['iterations: count>5', null], ['checks: rate>0.99', null], ['http_req_duration{scenario:checkout}: p(90)<1s', null],
    ];
    const all = kit(cases.map(([t]) => t));
    const panels = all.dashboards.flatMap((d) => d.json.panels as { description?: string; fieldConfig?: { defaults: { thresholds: { steps: { value: number | null }[] } } } }[]);
    const { notConverted } = objectivesFrom(thresholds(cases.map(([t]) => t)));
    for (const [source, limit] of cases) {
      const named = panels.filter((p) => p.description?.includes(`\`${source}\``));
      const skipped = notConverted.filter((n) => n.source === source);
      if (limit === null) {
        expect(named, source).toEqual([]);
        expect(skipped.map((n) => n.reason.length > 10), source).toEqual([true]);
        expect(file(all, 'README.md'), source).toContain(`| \`${source}\` |`);
      } else {
        expect(skipped, source).toEqual([]);
        expect(named.some((p) => p.fieldConfig!.defaults.thresholds.steps.some((s) => s.value === limit)), source).toBe(true);
      }
    }
  });

  it('provisions Grafana with the data source and the dashboards folder, $ kept literal', () => {
    const ds = parse(file(k, 'grafana/provisioning/datasources/prometheus.yml')) as { datasources: { type: string; url: string }[] };
    expect(ds.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://localhost:9090' });
    const dash = parse(file(k, 'grafana/provisioning/dashboards/gonogo.yml')) as { providers: { folder: string; options: { path: string } }[] };
    expect(dash.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    expect(dash.providers[0]!.folder).toBe('gonogo: Shop "API" {{ .Oops }} $$job');
  });

  it('lists the thresholds it could not convert in the README, with the reason', () => {
    expect(file(k, 'README.md')).toMatch(/\| `max<2s` \| `load.thresholds\[6\]` \| not converted: Prometheus histograms do not record the slowest request/);
  });
});

describe('Grafana never expands names from the config as variables', () => {
  /** Grafana's own variable pattern (public/app/features/variables/utils.ts): $name, [[name]], ${name...}. */
  const GRAFANA_VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;
  // A threshold's tag cannot hold braces, so ${...} comes through the service name.
  const ROUTE = '/api/$__user/[[route]]/$id';
  const HOSTILE_SERVICE = 'shop $__dashboard ${instance} [[job]]';
  const k = kit([`http_req_duration{name:GET ${ROUTE}}: p(99)<1s`, 'rate<0.01'], HOSTILE_SERVICE);

  /** Every string of a dashboard with the JSON path it sits at. */
  function strings(v: unknown, at = ''): [string, string][] {
    if (typeof v === 'string') return [[at, v]];
    if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
    if (v && typeof v === 'object') return Object.entries(v).flatMap(([key, x]) => strings(x, `${at}.${key}`));
    return [];
  }

  it('leaves only the dashboard\'s own variables and the built-ins the kit uses for Grafana to expand', () => {
    for (const d of k.dashboards) {
      const own = new Set([...((d.json.templating as { list: { name: string }[] }).list.map((v) => v.name)), '__rate_interval', '__all', '1']);
      for (const [at, text] of strings(d.json)) {
        // A variable's current value is substituted as data (one pass), never expanded itself.
        if (at.startsWith('.templating')) continue;
        for (const m of text.matchAll(GRAFANA_VARIABLE)) {
          const name = m[1] ?? m[2] ?? m[4];
          expect(own.has(name!), `${d.path} ${at}: ${m[0]} in ${text}`).toBe(true);
        }
      }
    }
  });

  it('keeps the hostile route and service readable: the query selects exactly the route, titles show it as written', () => {
    const api = k.dashboards.find((d) => d.path.endsWith('api-performance.json'))!.json as { title: string; panels: { title: string; targets?: { expr: string }[] }[] };
    const panel = api.panels.find((p) => p.title.replaceAll('\u2060', '').includes(ROUTE))!;
    expect(panel.title.replaceAll('\u2060', '')).toBe(`p(99) < 1s: GET ${ROUTE}`);
    const literal = /route=("(?:[^"\\]|\\.)*")/.exec(panel.targets![0]!.expr)![1]!;
    expect(literal).not.toMatch(/[$[]/);
    // PromQL strings take Go's escapes, which JSON shares for these: the string Prometheus reads is the route.
    expect(JSON.parse(literal)).toBe(ROUTE);
    expect(api.title.replaceAll('\u2060', '')).toBe(`${HOSTILE_SERVICE}: API performance`);
  });

  it('writes a name with a lone surrogate as valid PromQL (the replacement character), not a \\ud800 escape Go refuses', () => {
    expect(promString('/a\ud800b')).toBe('"/a\ufffdb"');
    expect(promString('/ok\ud83d\ude00')).toBe('"/ok\ud83d\ude00"');
  });
});
