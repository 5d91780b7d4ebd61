import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { closedPort, httpServer, until } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { poolServer } from '../load/server/pool-server.js';


type Vector = { metric: Record<string, string>; value: [number, string] }[];

describe.runIf(requireProgram('prometheus'))('--remote-write into a real Prometheus (remote-write receiver) on loopback', () => {
  let prom: ChildProcess | undefined;
  afterAll(() => {
    prom?.kill('SIGKILL');
  });

  it('the run\'s metrics arrive while it runs, under the documented names, with plausible values', async () => {
    const srv = await poolServer({ max: 8, holdMs: 5 });
    try {
      const dir = tmpDir('gonogo-rw-');
      const port = await closedPort();
      writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
      prom = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver', '--log.level=warn'], { stdio: 'ignore' });
      const base = `http://127.0.0.1:${port}`;
      await until('Prometheus ready', 30_000, async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined));
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'service: shop-api\n');
      const out = path.join(dir, 'r.json');
      const r = await runCli(['load', srv.url, '-c', '2', '-d', '5s', '--workers', '1', '-q', '--threshold', 'p(95)<1000', '--metrics', srv.metricsUrl, '--out', out, '--remote-write', `${base}/api/v1/write`], { cwd: dir, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/remote write/);
      const total = readJson(out).totals.requests as number;

      const query = async (q: string): Promise<Vector> => {
        const j = (await (await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: Vector } };
        expect(j.status).toBe('success');
        return j.data.result;
      };
      const reqs = await query('gonogo_http_requests_total{job="gonogo",service="shop-api",run="1"}');
      expect(reqs).toHaveLength(1);
      expect(reqs[0]!.metric).toMatchObject({ endpoint: 'GET /', method: 'GET', status_class: '2xx' });
      // The last snapshot is the last complete second before the end: most of the run, never more than it.
      const sent = Number(reqs[0]!.value[1]);
      expect(sent).toBeGreaterThan(total * 0.5);
      expect(sent).toBeLessThanOrEqual(total);

      const p95 = await query('gonogo_http_request_duration_seconds{quantile="0.95"}');
      expect(Number(p95[0]!.value[1])).toBeGreaterThan(0.004); // each request is held 5 ms
      expect(Number(p95[0]!.value[1])).toBeLessThan(1);
      expect(Number((await query('gonogo_vus'))[0]!.value[1])).toBe(2);
      const passing = await query('gonogo_threshold_passing');
      expect(passing.map((v) => [v.metric.threshold, v.value[1]])).toEqual([['http_req_duration: p(95)<1000', '1']]);
      expect(Number((await query('gonogo_http_received_bytes_total'))[0]!.value[1])).toBeGreaterThan(0);
      const endpointP99 = await query('gonogo_http_endpoint_duration_seconds{quantile="0.99",endpoint="GET /"}');
      expect(Number(endpointP99[0]!.value[1])).toBeGreaterThan(0.004);
      // Server-side series scraped with --metrics come along.
      const server = await query('gonogo_server_value{series="cpu.used"}');
      expect(server).toHaveLength(1);
      expect(server[0]!.metric.unit).toBe('cores');
      // Sent while the run went (every 2 s), not once at the end.
      const samples = await query('count_over_time(gonogo_vus[5m])');
      expect(Number(samples[0]!.value[1])).toBeGreaterThanOrEqual(2);
    } finally {
      await srv.close();
    }
  }, 90_000);
});

describe('--remote-write to a receiver that fails', () => {
  it('records warnings on stderr and never stops the run', async () => {
    const target = await httpServer((_req, res) => res.end('ok'));
    const sink = await httpServer((_req, res) => {
      res.statusCode = 503;
      res.end('down');
    });
    try {
      const r = await runCli(['load', target.url, '-c', '2', '-d', '3s', '--workers', '1', '-q', '--remote-write', `${sink.url}api/v1/write`], { timeoutMs: 30_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning: remote write to http:\/\/127\.0\.0\.1:\d+: \d+ request\(s\) failed: HTTP 503/);
      expect(sink.count()).toBeGreaterThanOrEqual(1);
    } finally {
      await target.close();
      await sink.close();
    }
  }, 40_000);
});
