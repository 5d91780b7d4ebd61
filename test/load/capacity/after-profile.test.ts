import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../../helpers/cli.js';
import { serverPool } from '../../helpers/servers.js';
import { poolServer } from '../server/pool-server.js';

const { track } = serverPool(afterEach);

describe('the stress profile ends with the capacity search (system, loopback)', () => {
  it('profiles.stress.breakingPoint: gonogo load --profile stress runs the profile, then finds the pool-limited knee (2 x 20 ms: 100 req/s)', async () => {
    const srv = await track(poolServer({ max: 2, holdMs: 20 }));
    const dir = tmpDir();
    writeFileSync(
      path.join(dir, 'gonogo.config.yaml'),
      // A tiny stress profile (2 users, 3 s), then the search with the capacity section's settings and one worker.
      `profiles:\n  stress:\n    users: 2\n    duration: 3s\n    spawnRate: 100\n    breakingPoint: true\ncapacity:\n  startRate: 30\n  maxRate: 400\n  stepDuration: 3s\n  timeLimit: 30s\n  thresholds: ['p(95)<250']\n  workers: 1\n`,
    );
    const r = await runCli(['load', srv.url, '--profile', 'stress', '--workers', '1', '--metrics', srv.metricsUrl, '-q', '--out', 'r.json'], { cwd: dir, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(path.join(dir, 'r.json'));
    // The profile's own run is the result; the search is added as breakingPoint.
    expect(j.schema).toBe('gonogo/load-result@1');
    expect(j.totals.requests).toBeGreaterThan(0);
    const bp = j.breakingPoint;
    expect(bp.steps[0]).toMatchObject({ rate: 30, passed: true });
    expect(bp.maxRate, JSON.stringify(bp.steps)).toBeGreaterThanOrEqual(60);
    expect(bp.maxRate).toBeLessThanOrEqual(115);
    expect(bp.failedAt).toBeLessThanOrEqual(120);
    expect(bp.limitedBy).toMatchObject({ metric: 'http_req_duration', expression: 'p(95)<250' });
    expect(bp.bottlenecks[0]).toMatchObject({ resource: 'db_pool', evidence: expect.stringMatching(/2\/2 in use/) });
    expect(r.stdout).toContain('Breaking point (after the load):');
    expect(r.stdout).toContain(`capacity: ${bp.maxRate} req/s`);
  }, 100_000);

  it('--breaking-point asks for it on any run; a profile without the key runs no search', async () => {
    const srv = await track(poolServer({ max: 8, holdMs: 1 }));
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `capacity:\n  startRate: 20\n  stepDuration: 2s\n  timeLimit: 3s\n  workers: 1\n  thresholds: ['p(95)<5000']\n`);
    const quick = await runCli(['load', srv.url, '-c', '2', '-d', '2s', '--workers', '1', '--breaking-point', '-q', '--out', 'q.json'], { cwd: dir, timeoutMs: 60_000 });
    expect(quick.code, quick.stderr).toBe(0);
    expect(readJson(path.join(dir, 'q.json')).breakingPoint).toMatchObject({ maxRate: 20, stoppedBy: 'time-limit', steps: [{ rate: 20, passed: true }] });
    const plain = await runCli(['load', srv.url, '--profile', 'smoke', '--scale', '0.1', '--workers', '1', '-q', '--out', 'p.json'], { cwd: dir, timeoutMs: 60_000 });
    expect(plain.code, plain.stderr).toBe(0);
    expect(readJson(path.join(dir, 'p.json')).breakingPoint).toBeUndefined();
    expect(plain.stdout).not.toContain('Breaking point');
  }, 100_000);

  it('profiles.NAME.breakingPoint must be true or false (exit 2 naming the path)', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'profiles:\n  stress:\n    breakingPoint: yes please\n');
    const r = await runCli(['load', 'http://127.0.0.1:9/', '--profile', 'stress', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profiles.stress.breakingPoint');
  });
});
