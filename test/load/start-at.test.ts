import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const { track } = serverPool(afterEach);

describe('--start-at', () => {
  it('a segment started after --start-at had passed starts at once and says so: summary, result, generator reason', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const out = path.join(tmpDir(), 'late.json');
    const startAt = new Date(Date.now() - 5000).toISOString();
    const r = await runCli(['load', srv.url, '-R', '20', '-d', '1s', '-c', '2', '--workers', '1', '--execution-segment', '0:1/2', '--execution-segment-sequence', '0,1/2,1', '--start-at', startAt, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(out);
    expect(j.execution.startAt).toBe(startAt);
    expect(j.execution.lateStartMs).toBeGreaterThanOrEqual(5000);
    expect(j.execution.lateStartMs).toBeLessThan(60_000);
    expect(j.totals.requests).toBe(10);
    expect(j.generator.reasons.join('\n')).toMatch(new RegExp(`started \\d+ ms after --start-at ${startAt.replace(/[.]/g, '\\.')}`));
    expect(r.stdout).toMatch(new RegExp(`start at ${startAt.replace(/[.]/g, '\\.')}, started \\d+ ms late`));
  }, 30_000);

  it('on time: no late start recorded', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const out = path.join(tmpDir(), 'ontime.json');
    // Far enough ahead for the CLI to start and check the target on a busy machine.
    const startAt = new Date(Date.now() + 6000).toISOString();
    const r = await runCli(['load', srv.url, '-R', '20', '-d', '1s', '-c', '2', '--workers', '1', '--start-at', startAt, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(out);
    expect(j.execution.lateStartMs).toBe(0);
    expect(j.startedAt).toBe(startAt);
    expect(j.generator.reasons.join('\n')).not.toMatch(/after --start-at/);
  }, 30_000);
});
