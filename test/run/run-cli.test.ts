import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { parseDataConfig } from '../../src/core/config/read.js';
import { closedPort, httpServer, serverPool } from '../helpers/servers.js';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';

const servers = serverPool(afterEach);

/** The verdict's reasons without the load generator's own "I was the bottleneck" warning, which a busy CI machine can cause. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- report JSON is asserted field by field
function withoutGeneratorWarning(reasons: any[]): any[] {
  return reasons.filter((r) => !(r.code === 'check-warned' && r.checks.length === 1 && r.checks[0] === 'load.generator'));
}

function writeConfig(dir: string, yaml: string): void {
  writeFileSync(path.join(dir, 'gonogo.config.yaml'), yaml);
}

const loadYaml = (target: string, thresholds = '["p(95)<500", "rate<0.01"]') => `target: ${target}
load:
  url: /api
  connections: 2
  duration: 1s
  workers: 1
  thresholds: ${thresholds}
checklist:
  Performance:
    - title: p95 under 500 ms
      threshold: "p(95)<500"
  Monitoring:
    - title: Alerts page on-call
      attested: { by: ann, date: 2026-01-02, expires: 2099-01-02, evidence: "https://wiki.example.com/alerts" }
`;

describe('gonogo run', () => {
  it('a passing load test alone is READY WITH WARNINGS naming what it did not cover; it writes the five reports into .gonogo/runs/<timestamp>/', async () => {
    const ok = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = tmpDir();
    writeConfig(dir, loadYaml(ok.url));
    const r = await runCli(['run', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    // Never plain READY: no security check ran. (On a busy machine the load generator may also warn that it was the bottleneck.)
    expect(r.stdout).toMatch(/^Verdict: READY WITH WARNINGS\n {2}! 6 areas not covered: secret scan, dependency scan, code scan, config scan, live security, docs /);
    expect(r.stdout).toMatch(/\nCoverage:\n {2}✔ performance {6}passed: load ran 4 checks: [34] passed/);
    expect(r.stdout).toContain('  - secret scan      not covered: secrets skipped: no `scan` section in the config\n');
    const runs = readdirSync(path.join(dir, '.gonogo', 'runs'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    const folder = path.join(dir, '.gonogo', 'runs', runs[0]!);
    expect(readdirSync(folder).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md', 'results.sarif']);
    expect(r.stdout).toContain(path.join('.gonogo', 'runs', runs[0]!, 'report.html'));
    const j = readJson(path.join(folder, 'report.json'));
    expect(j.schema).toBe('gonogo/run-report@1');
    expect(j.verdict).toBe('READY_WITH_WARNINGS');
    expect(withoutGeneratorWarning(j.reasons).map((x: { code: string }) => x.code)).toEqual(['area-not-covered']);
    expect(j.coverage.map((a: { area: string; status: string }) => `${a.area}:${a.status}`)).toEqual([
      'performance:passed',
      // The pages and capacity parts (no section): a row each; load already covers the area.
      'performance:not-covered',
      'performance:not-covered',
      'secrets:not-covered',
      'dependencies:not-covered',
      'code:not-covered',
      'dependencies:not-covered',
      'config:not-covered',
      'live-security:not-covered',
      'docs:not-covered',
    ]);
    expect(readFileSync(path.join(folder, 'report.md'), 'utf8')).toContain('| secret scan | **not covered** | secrets skipped: no \\`scan\\` section in the config |');
    expect(readFileSync(path.join(folder, 'report.html'), 'utf8')).toContain('<span class="st st-not-covered">not-covered</span>');
    expect(j.parts.find((p: { name: string }) => p.name === 'load').status).toBe('ran');
    // Every known part is listed; none is silently absent.
    expect(j.parts.map((p: { name: string }) => p.name).sort()).toEqual(['capacity', 'deps', 'docs', 'iac', 'image', 'load', 'pages', 'probe', 'sast', 'secrets']);
    for (const p of j.parts.filter((x: { status: string }) => x.status === 'skipped')) expect(p.reason).toMatch(/\S/);
    expect(j.checks.map((c: { id: string }) => c.id)).toContain('checklist.monitoring.alerts-page-on-call');
    expect(j.loads[0].result.timeline.length).toBeGreaterThan(0);
    expect(ok.count()).toBeGreaterThan(0);
  }, 30_000);

  it('verdict.require turns an uncovered area into NOT READY (exit 1); an unknown part name is exit 2 with "did you mean"', async () => {
    const ok = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = tmpDir();
    writeConfig(dir, `${loadYaml(ok.url)}verdict:\n  require: [load, secrets]\n`);
    const r = await runCli(['run', '-q', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Verdict: NOT READY\n {2}✖ secret scan is required \(secrets\) but not covered: secrets skipped: no `scan` section in the config\n/);
    const j = readJson(path.join(dir, 'out', 'report.json'));
    expect(withoutGeneratorWarning(j.reasons).map((x: { level: string; code: string }) => `${x.level}:${x.code}`)).toEqual(['blocker:required-part-skipped', 'warning:area-not-covered']);
    writeConfig(dir, `${loadYaml(ok.url)}verdict:\n  require: [secret]\n`);
    const bad = await runCli(['run', '-q', '--out', 'out2'], { cwd: dir });
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/verdict\.require\[0\].*did you mean "secrets"/);
    expect(existsSync(path.join(dir, 'out2'))).toBe(false);
  }, 30_000);

  it('a load test with no thresholds is judged by the launch defaults and says so: 100% errors is NOT READY', async () => {
    const failing = await servers.track(httpServer((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    }));
    const dir = tmpDir();
    writeConfig(dir, `target: ${failing.url}\nload:\n  url: /api\n  connections: 2\n  duration: 1s\n  workers: 1\n`);
    const r = await runCli(['run', '-q', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Verdict: NOT READY\n {2}✖ 1 performance threshold not met: http_req_failed rate<0\.01\n/);
    const j = readJson(path.join(dir, 'out', 'report.json'));
    const byId = Object.fromEntries(j.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId['load.threshold:http_req_failed:rate<0.01']).toMatchObject({ status: 'fail', evidence: 'actual 1 (no thresholds configured; launch defaults applied)' });
    expect(byId['load.threshold:http_req_duration:p(95)<500']).toMatchObject({ status: 'pass', evidence: expect.stringMatching(/^actual [\d.]+ \(no thresholds configured; launch defaults applied\)$/) });
    expect(j.loads[0].result.thresholds.map((t: { expression: string; ok: boolean }) => `${t.expression}:${t.ok}`)).toEqual(['p(95)<500:true', 'rate<0.01:false']);
    expect(j.loads[0].result.passed).toBe(false);
    expect(failing.count()).toBeGreaterThan(0);
  }, 30_000);

  it('NOT READY when a threshold fails (exit 1); --out picks the folder', async () => {
    const slow = await servers.track(httpServer((_req, res) => setTimeout(() => res.end('slow'), 30)));
    const dir = tmpDir();
    writeConfig(dir, loadYaml(slow.url, '["p(95)<5"]'));
    const out = path.join(dir, 'my-reports');
    const r = await runCli(['run', '-q', '--out', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Verdict: NOT READY\n {2}✖ 1 performance threshold not met: http_req_duration p\(95\)<5/);
    expect(readJson(path.join(out, 'report.json')).verdict).toBe('NOT_READY');
    expect(existsSync(path.join(dir, '.gonogo'))).toBe(false);
    expect(readFileSync(path.join(out, 'junit.xml'), 'utf8')).toContain('<failure');
  }, 30_000);

  it('--strict turns warnings into NOT READY; --target overrides the config target', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = tmpDir();
    const unattested = loadYaml('http://127.0.0.1:1/').replace(/ {6}attested:.*\n/, '');
    writeConfig(dir, unattested);
    const loose = await runCli(['run', '-q', '--target', srv.url, '--out', path.join(dir, 'a')], { cwd: dir });
    expect(loose.code, loose.stderr).toBe(0);
    expect(loose.stdout).toMatch(/^Verdict: READY WITH WARNINGS\n/);
    expect(loose.stdout).toContain('  ! 1 checklist item not confirmed: Alerts page on-call\n');
    expect(withoutGeneratorWarning(readJson(path.join(dir, 'a', 'report.json')).reasons).map((x: { code: string }) => x.code)).toEqual(['area-not-covered', 'checklist-open']);
    const strict = await runCli(['run', '-q', '--strict', '--target', srv.url, '--out', path.join(dir, 'b')], { cwd: dir });
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toMatch(/^Verdict: NOT READY\n/);
    expect(readJson(path.join(dir, 'b', 'report.json')).strict).toBe(true);
  }, 30_000);

  it('an unreachable target still writes the reports, with the part as an error, and exits 3', async () => {
    const dir = tmpDir();
    writeConfig(dir, loadYaml(`http://127.0.0.1:${await closedPort()}/`));
    const r = await runCli(['run', '-q', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(3);
    const j = readJson(path.join(dir, 'out', 'report.json'));
    expect(j.verdict).toBe('NOT_READY');
    expect(j.parts[0]).toMatchObject({ name: 'load', status: 'error' });
    expect(j.reasons[0].code).toBe('part-error');
  }, 30_000);

  it('a config mistake is exit 2 with "did you mean", and nothing is written', async () => {
    const dir = tmpDir();
    writeConfig(dir, 'checklist:\n  Securty:\n    - title: x\n');
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/checklist\.Securty: unknown key \(did you mean "Security"\?\)/);
    expect(existsSync(path.join(dir, '.gonogo'))).toBe(false);
  }, 30_000);

  it('Ctrl-C stops the current part, still writes the reports, and exits 3', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = tmpDir();
    writeConfig(dir, loadYaml(srv.url).replace('duration: 1s', 'duration: 60s'));
    let sentAt = 0;
    const r = await runCli(['run', '--out', 'out'], {
      cwd: dir,
      onSpawn: (child) => {
        // Interrupt once the load part is under way (start-up time varies on a busy machine).
        child.stderr!.on('data', (d: Buffer) => {
          if (sentAt === 0 && String(d).includes('▶ Load test')) {
            sentAt = Date.now();
            setTimeout(() => child.kill('SIGINT'), 1000);
          }
        });
      },
    });
    expect(r.code, r.stderr).toBe(3);
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    expect(r.stderr).toContain('interrupted: finishing the current part and writing the reports');
    const j = readJson(path.join(dir, 'out', 'report.json'));
    expect(j.parts[0]).toMatchObject({ name: 'load', status: 'ran' });
    expect(j.loads[0].result.aborted).not.toBeNull();
  }, 60_000);

  it('an --out folder that cannot be created is exit 2 before anything is sent', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = tmpDir();
    writeConfig(dir, loadYaml(srv.url));
    writeFileSync(path.join(dir, 'file'), 'x');
    const r = await runCli(['run', '-q', '--out', path.join(dir, 'file', 'sub')], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('GONOGO_OUTPUT_WRITE');
    expect(srv.count()).toBe(0);
  }, 30_000);

  it('with no config at all there is nothing to check: exit 2 with the hint to run gonogo init, and no verdict', async () => {
    const dir = tmpDir();
    const r = await runCli(['run', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('GONOGO_NOTHING_TO_CHECK');
    expect(r.stderr).toContain(`nothing to check: no gonogo.config.* in ${dir}`);
    expect(r.stderr).toContain('run `gonogo init` to create a config');
    expect(existsSync(path.join(dir, '.gonogo'))).toBe(false);
  }, 30_000);

  it('a config under which every part is skipped is nothing to check too (exit 2), not READY', async () => {
    const dir = tmpDir();
    writeConfig(dir, 'target: http://127.0.0.1:9/\n');
    const r = await runCli(['run', '-q', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).not.toContain('Verdict');
    expect(r.stderr).toContain('nothing to check: every part was skipped');
    expect(r.stderr).toContain('load: no `load` section in the config');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  }, 30_000);
});

describe('gonogo compare', () => {
  it('compares two run folders in terminal, Markdown and JSON; a regression exits 1', async () => {
    const fast = await servers.track(httpServer((_req, res) => res.end('ok')));
    const slow = await servers.track(httpServer((_req, res) => setTimeout(() => res.end('ok'), 20)));
    const dir = tmpDir();
    writeConfig(dir, loadYaml(fast.url, '["p(95)<500"]'));
    await runCli(['run', '-q', '--out', 'a'], { cwd: dir });
    await runCli(['run', '-q', '--out', 'b', '--target', slow.url], { cwd: dir });
    const t = await runCli(['compare', 'a', 'b'], { cwd: dir });
    expect(t.code, t.stderr).toBe(1);
    expect(t.stdout).toMatch(/p95 ms\s+[\d.]+ → [\d.]+ \(\+[\d.]+%\) REGRESSION/);
    const j = await runCli(['compare', 'a', path.join(dir, 'b', 'report.json'), '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(j.stdout);
    expect(doc.schema).toBe('gonogo/compare@1');
    expect(doc.rows[0].metrics.p95.regression).toBe(true);
    const md = await runCli(['compare', 'b', 'b', '--format', 'markdown'], { cwd: dir });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('| scenario | endpoint |');
    expect(md.stdout).toContain('No regressions beyond the noise margin.');
  }, 40_000);

  it('a missing or foreign file is a usage error naming the argument', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'x.json'), '{"schema":"other"}');
    const r = await runCli(['compare', 'nope', 'x.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('<runA>');
    const r2 = await runCli(['compare', 'x.json', 'x.json'], { cwd: dir });
    expect(r2.stderr).toMatch(/not a gonogo run report, load result or vitals result/);
  }, 30_000);
});

describe('gonogo init', () => {
  it('writes a commented starter config that validates, and an example scenario; refuses to overwrite', async () => {
    const dir = tmpDir();
    const r = await runCli(['init', '--target', 'http://127.0.0.1:9000'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'gonogo.config.yaml'), 'utf8');
    expect(text).toMatch(/^# gonogo config/);
    const cfg = validateConfig(parseDataConfig(text, 'gonogo.config.yaml').raw);
    expect(cfg.target).toBe('http://127.0.0.1:9000');
    expect(cfg.verdict?.require).toEqual(['load', 'secrets']);
    expect(cfg.checklist!.map((i) => i.category)).toEqual(['Infrastructure', 'Security', 'Monitoring', 'Performance', 'Documentation'].filter((c) => cfg.checklist!.some((i) => i.category === c)));
    expect(readFileSync(path.join(dir, 'scenarios', 'example.scenario.ts'), 'utf8')).toContain('defineScenario(');
    const before = readFileSync(path.join(dir, 'gonogo.config.yaml'), 'utf8');
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toContain('GONOGO_INIT_EXISTS');
    expect(readFileSync(path.join(dir, 'gonogo.config.yaml'), 'utf8')).toBe(before);
    // `gonogo config check` accepts what init wrote.
    expect((await runCli(['config', 'check'], { cwd: dir })).code).toBe(0);
  }, 30_000);
});
