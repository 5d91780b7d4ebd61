import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../../helpers/cli.js';
import { serverPool } from '../../helpers/servers.js';
import { poolServer } from '../server/pool-server.js';

const { track } = serverPool(afterEach);

describe('gonogo run with a capacity section (system, loopback)', () => {
  it('finds the breaking point of a pool-limited server (2 connections x 20 ms: 100 req/s) and names the pool in the report', async () => {
    const srv = await track(poolServer({ max: 2, holdMs: 20 }));
    const dir = tmpDir();
    writeFileSync(
      path.join(dir, 'gonogo.config.yaml'),
      // One worker, as the capacity CLI test: worker processes cost more than they give on a shared 2-core machine.
      `target: ${srv.url}\nload:\n  workers: 1\nrun:\n  parts: [capacity]\ncapacity:\n  metrics: ${srv.metricsUrl}\n  startRate: 30\n  maxRate: 400\n  stepDuration: 3s\n  timeLimit: 30s\n  thresholds: ['p(95)<250']\n`,
    );
    const r = await runCli(['run', '--out', 'out', '-q'], { cwd: dir, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBeLessThan(2);
    const j = readJson(path.join(dir, 'out/report.json'));
    const bp = j.breakingPoint;
    // Ramp 30, 60, 120 (fails: above the pool's 100 req/s), then bisection as far as 30 s allows.
    expect(bp.maxRate, JSON.stringify(bp.steps)).toBeGreaterThanOrEqual(60);
    expect(bp.maxRate).toBeLessThanOrEqual(115);
    expect(bp.failedAt).toBeGreaterThan(bp.maxRate);
    expect(bp.failedAt).toBeLessThanOrEqual(120);
    expect(bp.limitedBy).toMatchObject({ metric: 'http_req_duration', expression: 'p(95)<250' });
    expect(bp.bottlenecks[0]).toMatchObject({ resource: 'db_pool', evidence: expect.stringMatching(/2\/2 in use/) });
    const check = j.checks.find((c: { id: string }) => c.id === 'capacity.breaking-point');
    expect(check).toMatchObject({ status: 'pass', remediation: expect.stringMatching(/^raise the pool from 2 to \d+ connections/) });
    expect(j.parts.find((p: { name: string }) => p.name === 'capacity')).toMatchObject({ status: 'ran' });
    const md = readFileSync(path.join(dir, 'out/report.md'), 'utf8');
    expect(md).toContain(`- **Max rate that passed:** ${bp.maxRate} req/s`);
    expect(md).toMatch(/- \*\*Bottleneck at the knee:\*\* database connections/);
    expect(readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('<section id="breaking-point">');
  }, 100_000);

  it('a load profile with breakingPoint: true and no capacity section switches the search on with its defaults (10 req/s first, 10 s steps)', async () => {
    // One slot held 200 ms: 5 req/s at most, so the default start rate (10 req/s) already breaks p(95)<500 and the
    // search ends after its first 10 s step: the profile alone asked for it, the defaults ran it.
    const srv = await track(poolServer({ max: 1, holdMs: 200 }));
    const dir = tmpDir();
    writeFileSync(
      path.join(dir, 'gonogo.config.yaml'),
      `target: ${srv.url}\nload:\n  profile: stress\n  workers: 1\nprofiles:\n  stress:\n    users: 1\n    duration: 2s\n    spawnRate: 100\n    breakingPoint: true\nrun:\n  parts: [load, capacity]\n`,
    );
    const r = await runCli(['run', '--out', 'out'], { cwd: dir, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('capacity: ' + srv.url.replace(/\/$/, ''));
    expect(r.stdout + r.stderr).toMatch(/from 10 to at most 10000 req\/s, 10 s steps, within 300 s/);
    const j = readJson(path.join(dir, 'out/report.json'));
    expect(j.parts.find((p: { name: string }) => p.name === 'load')).toMatchObject({ status: 'ran' });
    expect(j.parts.find((p: { name: string }) => p.name === 'capacity')).toMatchObject({ status: 'ran' });
    expect(j.loads.length).toBeGreaterThan(0);
    const bp = j.breakingPoint;
    expect(bp.steps).toHaveLength(1);
    expect(bp.steps[0]).toMatchObject({ rate: 10, passed: false });
    expect(bp.maxRate).toBeNull();
    expect(bp.limitedBy).toMatchObject({ metric: 'http_req_duration', expression: 'p(95)<500' });
    expect(j.checks.find((c: { id: string }) => c.id === 'capacity.breaking-point')).toMatchObject({ status: 'fail' });
    expect(j.verdict).not.toBe('READY');
  }, 100_000);

  it('a configured search that cannot reach its target is missing evidence: the part errors and the verdict is not READY', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: http://127.0.0.1:9/\ncapacity:\n  stepDuration: 2s\n  timeLimit: 4s\n`);
    const r = await runCli(['run', '--out', 'out', '-q'], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(3);
    const j = readJson(path.join(dir, 'out/report.json'));
    expect(j.verdict).toBe('NOT_READY');
    expect(j.parts.find((p: { name: string }) => p.name === 'capacity')).toMatchObject({ status: 'error' });
    expect(j.checks.find((c: { id: string }) => c.id === 'run.capacity')).toMatchObject({ status: 'fail' });
    expect(j.breakingPoint).toBeNull();
  });

  it('a bad capacity section is a usage error naming the config path (exit 2)', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: http://127.0.0.1:9/\ncapacity:\n  startRate: 50\n  maxRate: 10\n  stepDuration: 1s\n`);
    const r = await runCli(['run', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('capacity.startRate');
    expect(r.stderr).toContain('capacity.stepDuration');
    expect(r.stderr).not.toMatch(/\.js:\d+/);
  });
});
