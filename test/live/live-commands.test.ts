import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { WriteRequest } from '../../src/live/remote-write-encode.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { httpServer, type TestServer } from '../helpers/servers.js';

/** A remote-write receiver that keeps each request's headers and body. */
async function receiver(): Promise<TestServer & { got: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] }> {
  const got: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
  const srv = await httpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = 204;
      res.end();
    });
  });
  return { ...srv, got };
}

describe('live outputs on every command that runs load', () => {
  it('gonogo capacity: every step is a run of its own (run="1", run="2", ...)', async () => {
    const target = await httpServer((_req, res) => res.end('ok'));
    const rw = await receiver();
    try {
      const r = await runCli(['capacity', target.url, '--start-rate', '20', '--max-rate', '40', '--step-duration', '2s', '--workers', '1', '-q', '--remote-write', `${rw.url}api/v1/write`, '--dashboard', '127.0.0.1:0'], { timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/dashboard: http:\/\/127\.0\.0\.1:\d+\//);
      expect(rw.got.length).toBeGreaterThanOrEqual(2);
      for (const g of rw.got) {
        expect(g.headers['content-encoding']).toBe('snappy');
        expect(g.headers['content-type']).toBe('application/x-protobuf');
        expect(g.headers['x-prometheus-remote-write-version']).toBe('0.1.0');
      }
      // Each body is a snappy-compressed WriteRequest; the `run` label of its series says which run sent it.
      const runs = new Set<string>();
      for (const g of rw.got) {
        const raw = uncompress(g.body);
        // Really compressed (label names and values repeat in every series), not literal-only snappy.
        expect(g.body.length).toBeLessThan(raw.length * 0.7);
        const req = WriteRequest.toObject(WriteRequest.decode(raw)) as { timeseries: { labels: { name: string; value: string }[] }[] };
        for (const t of req.timeseries) for (const l of t.labels) if (l.name === 'run') runs.add(l.value);
      }
      // The warm-up and each step: at least two runs.
      expect(runs.has('1') && runs.has('2')).toBe(true);
    } finally {
      await target.close();
      await rw.close();
    }
  }, 70_000);

  it('gonogo run: the load part feeds remote write; the config key turns it on', async () => {
    const target = await httpServer((_req, res) => res.end('ok'));
    const rw = await receiver();
    try {
      const dir = tmpDir('gonogo-live-run-');
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: ${target.url}\nremoteWrite: ${rw.url}api/v1/write\nrun:\n  parts: [load]\nload:\n  connections: 2\n  duration: 3s\n  workers: 1\n`);
      const r = await runCli(['run', '-q', '--out', path.join(dir, 'out')], { cwd: dir, timeoutMs: 60_000 });
      expect([0, 1], r.stderr + r.stdout).toContain(r.code);
      expect(r.stderr).not.toMatch(/remote write/);
      expect(rw.got.length).toBeGreaterThanOrEqual(1);
      expect(rw.got.some((g) => g.body.includes('gonogo_http_requests_total'))).toBe(true);
    } finally {
      await target.close();
      await rw.close();
    }
  }, 70_000);

  it('gonogo baseline: --dashboard prints its URL and each profile is a run of its own on --remote-write', async () => {
    const target = await httpServer((_req, res) => res.end('ok'));
    const rw = await receiver();
    try {
      const dir = tmpDir('gonogo-live-baseline-');
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), ['profiles:', '  first: { users: 2, duration: 1500ms }', '  second: { users: 3, duration: 1500ms }', 'baseline:', '  profiles: [first, second]', ''].join('\n'));
      const r = await runCli(['baseline', target.url, '-q', '--remote-write', `${rw.url}api/v1/write`, '--dashboard', '127.0.0.1:0'], { cwd: dir, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/dashboard: http:\/\/127\.0\.0\.1:\d+\//);
      const runs = new Set<string>();
      for (const g of rw.got) {
        const req = WriteRequest.toObject(WriteRequest.decode(uncompress(g.body))) as { timeseries: { labels: { name: string; value: string }[] }[] };
        for (const t of req.timeseries) for (const l of t.labels) if (l.name === 'run') runs.add(l.value);
      }
      expect(runs.has('1') && runs.has('2'), [...runs].join(',')).toBe(true);
    } finally {
      await target.close();
      await rw.close();
    }
  }, 70_000);
});
