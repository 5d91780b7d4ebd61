import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, httpServer, serverPool } from '../helpers/servers.js';
import { readJson, runCli, runLoadJson, tmpDir } from '../helpers/cli.js';
import { scenarioDir } from './scenario-helpers.js';

// These run the built CLI (dist/): worker threads need the compiled worker file.
const servers = serverPool(afterEach);
beforeAll(() => {}, 1000);

describe('gonogo load --scenario (built CLI, worker threads)', () => {
  it('merges several workers exactly and keeps unique feeder rows unique across them', async () => {
    const rows = new Map<string, Set<string>>();
    const srv = await servers.track(
      httpServer((req, res) => {
        const u = String(req.headers['x-user']);
        const s = rows.get(u) ?? new Set();
        s.add(String(req.headers['x-row']));
        rows.set(u, s);
        res.end('ok');
      }),
    );
    const dir = scenarioDir({
      'rows.csv': 'id\n' + Array.from({ length: 20 }, (_, i) => `r${i}`).join('\n') + '\n',
      's.ts': `import { defineScenario, feeder, check } from 'gonogo';
        const rows = feeder.csv('rows.csv', { mode: 'unique' });
        export default defineScenario({ thresholds: { checks: ['rate==1'] },
          run: async (vu) => { const r = await vu.http.get('/x', { headers: { 'x-user': String(vu.id), 'x-row': vu.feed(rows).id } }); check(r, { ok: (x) => x.ok }); } });`,
    });
    const { r, j } = await runLoadJson(['load', '--scenario', path.join(dir, 's.ts'), srv.url, '-c', '8', '-d', '1s', '--workers', '2', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(j.generator.workers).toBe(2);
    expect(j.totals.requests).toBe(srv.count());
    expect(j.scenarios[0].peakUsers).toBe(8);
    expect(j.checks.passes).toBe(j.totals.requests);
    expect(rows.size).toBe(8);
    const all = [...rows.values()].map((s) => {
      expect(s.size).toBe(1);
      return [...s][0];
    });
    expect(new Set(all).size).toBe(8);
  });

  it('runs every file of load.scenario together, each scenario with its own executor', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('ok')));
    const dir = scenarioDir({
      'gonogo.config.yaml': `target: ${srv.url}\nload:\n  scenario: [a.scenario.ts, b.scenario.ts]\n`,
      'a.scenario.ts': `import { defineScenario } from 'gonogo'; export default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '700ms' }, run: (vu) => vu.http.get('/a') });`,
      'b.scenario.ts': `import { defineScenario } from 'gonogo'; export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 20, duration: '700ms' }, run: (vu) => vu.http.get('/b') });`,
    });
    const { r, j } = await runLoadJson(['load', '--workers', '1', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(j.scenarios.map((s: { name: string; executor: { type: string } }) => [s.name, s.executor.type])).toEqual([['a', 'constant-users'], ['b', 'constant-arrival-rate']]);
    expect(j.endpoints.map((e: { scenario: string; name: string }) => `${e.scenario} ${e.name}`).sort()).toEqual(['a GET /a', 'b GET /b']);
  });

  it('exits 1 when checks fail their threshold', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('nope')));
    const dir = scenarioDir({ 's.ts': `import { defineScenario, check } from 'gonogo'; export default defineScenario({ thresholds: { checks: ['rate>0.99'] }, run: async (vu) => { check(await vu.http.get('/'), { 'says yes': (r) => r.body === 'yes' }); } });` });
    const { r, j } = await runLoadJson(['load', '--scenario', path.join(dir, 's.ts'), srv.url, '-c', '2', '-d', '500ms', '--workers', '1', '-q'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(j.thresholds[0]).toMatchObject({ metric: 'checks', expression: 'rate>0.99', actual: 0, ok: false });
    expect(r.stdout).toContain('✗ says yes');
  });

  it('reports scenario mistakes with exit 2 and where they are', async () => {
    const dir = scenarioDir({
      'bad.ts': `import { defineScenario } from 'gonogo';\nexport default defineScenario({ run: (vu) => vu.http.get('/') ;\n`,
      'none.ts': `export const x = 1;\n`,
      'exec.ts': `import { defineScenario } from 'gonogo'; export default defineScenario({ executor: { type: 'ramping-users', stages: [] }, run: () => {} });`,
    });
    const bad = await runCli(['load', '--scenario', 'bad.ts', 'http://127.0.0.1:9/'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error\[GONOGO_SCENARIO_INVALID\]: could not compile bad\.ts/);
    expect(bad.stderr).toMatch(/at bad\.ts:2:\d+/);
    const none = await runCli(['load', '--scenario', 'none.ts', 'http://127.0.0.1:9/'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('none.ts exports no scenario');
    const exec = await runCli(['load', '--scenario', 'exec.ts', 'http://127.0.0.1:9/'], { cwd: dir });
    expect(exec.code).toBe(2);
    expect(exec.stderr).toContain('scenario "default".executor.stages: expected a non-empty list');
    const prof = await runCli(['load', '--profile', 'smok', 'http://127.0.0.1:9/'], { cwd: dir });
    expect(prof.code).toBe(2);
    expect(prof.stderr).toMatch(/unknown profile "smok"[\s\S]*did you mean "smoke"/);
  });

  it('runs a built-in profile scaled down against a URL with no scenario file', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.end('ok')));
    const { r, j } = await runLoadJson(['load', '--profile', 'smoke', '--scale', '0.05', `${srv.url}health`, '--workers', '1', '-q']);
    expect(r.code).toBe(0);
    expect(j.profile).toBe('smoke');
    expect(j.endpoints.map((e: { name: string }) => e.name)).toEqual(['GET /health']);
    expect(j.durationMs).toBeLessThan(2500);
    expect(j.scenarios[0].executor).toMatchObject({ type: 'constant-users', maxUsers: 1, durationMs: 1500 });
  });
});

describe('gonogo baseline', () => {
  const config = (dir: string) => {
    writeFileSync(
      path.join(dir, 'gonogo.config.yaml'),
      ['profiles:', '  first: { users: 2, duration: 600ms }', '  second: { users: 3, duration: 600ms }', 'baseline:', '  profiles: [first, second]', '  health: /health', ''].join('\n'),
    );
    return dir;
  };

  it('exits 3 with a clear message when the target is down', async () => {
    const port = await closedPort();
    const r = await runCli(['baseline', `http://127.0.0.1:${port}/`, '--profiles', 'smoke']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`error[GONOGO_TARGET_UNREACHABLE]: health check failed: http://127.0.0.1:${port}/ refused the connection`);
  });

  it('stops at the first failed profile unless --continue, with a summary in table, Markdown and JSON', async () => {
    let failing = true;
    const srv = await servers.track(httpServer((req, res) => {
      res.statusCode = req.url === '/health' || !failing ? 200 : 500;
      res.end('x');
    }));
    const dir = config(tmpDir());
    const stop = await runCli(['baseline', srv.url, '-q'], { cwd: dir });
    expect(stop.stderr).toBe('');
    expect(stop.code).toBe(1);
    expect(stop.stdout).toMatch(/^profile\s+users\s+throughput\s+p50\s+p95\s+p99\s+error %\s+status$/m);
    expect(stop.stdout).toMatch(/^first\s+2\s+.*100\.00%\s+FAIL$/m);
    expect(stop.stdout).toMatch(/^second\s+-\s+-\s+-\s+-\s+-\s+-\s+SKIPPED$/m);
    expect(stop.stdout).toContain('http_req_failed rate<0.01 (actual 1)');

    const md = await runCli(['baseline', srv.url, '-q', '--continue', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('| profile | users | throughput | p50 | p95 | p99 | error % | status |');
    expect(md.stdout).toMatch(/^\| second \| 3 \| .* \| FAIL \|$/m);

    failing = false;
    const out = path.join(tmpDir(), 'b.json');
    const js = await runCli(['baseline', srv.url, '-q', '--format', 'json', '--out', out], { cwd: dir });
    expect(js.stderr).toBe('');
    expect(js.code).toBe(0);
    const j = readJson(out);
    expect(j).toMatchObject({ schema: 'gonogo/baseline@1', passed: true, stoppedAt: null, health: { status: 200 } });
    expect(j.profiles.map((p: { profile: string; status: string; users: number }) => [p.profile, p.status, p.users])).toEqual([['first', 'pass', 2], ['second', 'pass', 3]]);
    expect(j.results.second.schema).toBe('gonogo/load-result@1');
    expect(JSON.parse(js.stdout).passed).toBe(true);
  }, 60_000);
});
