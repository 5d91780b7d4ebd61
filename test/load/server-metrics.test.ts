import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readJson, runCli, runLoadJson, tmpDir } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';
import { poolServer } from './server/pool-server.js';

const { track } = serverPool(afterEach);

describe('gonogo load --metrics (server metrics on the load timeline)', () => {
  it('a pool that saturates while load runs is named as the bottleneck, with evidence and a bigger pool', async () => {
    // 5 pool slots held 40 ms each serve ~125 req/s; 30 connections keep ~25 requests waiting.
    const srv = await track(poolServer({ max: 5, holdMs: 40 }));
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '30', '-d', '4s', '--workers', '1', '-q', '--metrics', srv.metricsUrl]);
    expect(r.code, r.stderr).toBe(0);
    const server = j.server;
    expect(server.sources).toEqual([expect.objectContaining({ source: srv.metricsUrl, failed: 0 })]);
    expect(server.sources[0].ok).toBeGreaterThanOrEqual(3);
    const names = server.series.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['db_pool.used{main}', 'db_pool.limit{main}', 'db_pool.pending{main}', 'cpu.used', 'memory.used', 'event_loop.lag']));
    // Series sit on the load timeline: every t is a second the timeline has.
    const ts = new Set(j.timeline.map((p: { t: number }) => p.t));
    for (const s of server.series) for (const p of s.points) expect(ts.has(p.t)).toBe(true);
    const pool = server.bottlenecks.find((b: { resource: string }) => b.resource === 'db_pool');
    expect(pool).toBeDefined();
    expect(pool.metric).toBe('db_pool.used{main}');
    expect(pool.severity).toBe('high');
    expect(pool.peak).toMatchObject({ value: 5, limit: 5 });
    expect(pool.evidence).toMatch(/DB pool "main" 5\/5 in use with \d+ waiting at \d+ s/);
    // max(1.5 x 5, 5 in use + peak waiting): at least 8 and no more than 5 + 30 connections' worth.
    const target = Number(/raise the pool from 5 to (\d+) connections/.exec(pool.recommendation)?.[1]);
    expect(target).toBeGreaterThanOrEqual(8);
    expect(target).toBeLessThanOrEqual(40);
    expect(srv.peak().pending).toBeGreaterThan(0);
  });

  it('endpoints that answer HTML, garbage, 10 MB or hang are gaps with warnings, and the run ends on time', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const target = await track(httpServer((req, res) => {
      switch (req.url) {
        case '/html':
          res.setHeader('content-type', 'text/html');
          return void res.end('<!DOCTYPE html><html><body>Sign in</body></html>');
        case '/garbage':
          return void res.end('this is { not metrics\n\u0000\u0001');
        case '/big':
          return void res.end(big);
        case '/hang':
          return; // never answers
        default:
          res.end('ok');
      }
    }));
    const u = (p: string) => new URL(p, target.url).href;
    const out = path.join(tmpDir(), 'r.json');
    const r = await runCli(['load', target.url, '-c', '2', '-d', '3s', '--workers', '1', '-q', '--out', out, '--metrics', u('/html'), '--metrics', u('/garbage'), '--metrics', u('/big'), '--metrics', u('/hang'), '--metrics-interval', '500ms']);
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(out);
    // From the run's start to the result on disk: 3 s of load plus the in-flight grace (2 s at most); a hanging
    // endpoint adds nothing. CLI start-up is left out: it varies with how busy the machine is.
    expect(statSync(out).mtimeMs - Date.parse(j.startedAt)).toBeLessThan(3000 + 2000 + 500);
    expect(r.ms).toBeLessThan(3000 + 10_000);
    expect(j.totals.requests).toBeGreaterThan(0);
    const server = j.server;
    expect(server.series).toEqual([]);
    const bySource = (p: string) => server.sources.find((s: { source: string }) => s.source === u(p));
    for (const p of ['/html', '/garbage', '/big', '/hang']) {
      expect(bySource(p).ok).toBe(0);
      expect(bySource(p).failed).toBeGreaterThanOrEqual(3);
    }
    const reasons = (p: string) => server.gaps.filter((g: { source: string }) => g.source === u(p)).map((g: { reason: string }) => g.reason);
    expect(reasons('/html')[0]).toBe('answered text/html, not Prometheus text');
    expect(reasons('/garbage')[0]).toMatch(/^not Prometheus text \(line 1: /);
    expect(reasons('/big')[0]).toMatch(/over the 5242880-byte cap/);
    expect(reasons('/hang')).toContain('timed out');
    expect(server.warnings).toHaveLength(4);
    expect(server.warnings.join('\n')).toContain(`scrapes of ${u('/hang')} gave no data: timed out`);
  });

  it('gonogo run --metrics: the report names the bottleneck and recommends the bigger pool', async () => {
    const srv = await track(poolServer({ max: 4, holdMs: 40 }));
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: ${srv.url}\nload:\n  connections: 24\n  duration: 3s\n  workers: 1\n`);
    const r = await runCli(['run', '--out', 'out', '-q', '--metrics', srv.metricsUrl], { cwd: dir });
    // READY WITH WARNINGS (0) or, if the launch latency default fails on a busy machine, NOT READY (1): reports either way.
    expect(r.code, r.stderr).toBeLessThan(2);
    const md = readFileSync(path.join(dir, 'out/report.md'), 'utf8');
    const section = md.slice(md.indexOf('## Bottlenecks identified'), md.indexOf('## Recommendations'));
    expect(section).toMatch(/database connections saturated at \d+ s\*\* — DB pool "main" 4\/4 in use with \d+ waiting/);
    expect(section).toMatch(/→ raise the pool from 4 to \d+ connections/);
    const recs = md.slice(md.indexOf('## Recommendations'));
    expect(recs).toMatch(/- \*\*high\*\* load: database connections — DB pool "main"/);
    const json = readJson(path.join(dir, 'out/report.json'));
    expect(json.loads[0].result.server.bottlenecks[0].resource).toBe('db_pool');
  });

  it('a bad --metrics URL or interval is a usage error (exit 2) naming the flag', async () => {
    const a = await runCli(['load', 'http://127.0.0.1:9/', '--metrics', 'ftp://x/metrics']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--metrics');
    const b = await runCli(['load', 'http://127.0.0.1:9/', '--metrics', 'http://127.0.0.1:9/metrics', '--metrics-interval', '10ms']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--metrics-interval');
    expect(b.stderr).not.toMatch(/\.js:\d+/);
  });
});
