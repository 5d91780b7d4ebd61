import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { closedPort, until } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { poolServer } from './server/pool-server.js';

const hasPrometheus = requireProgram('prometheus');


describe.runIf(hasPrometheus)('gonogo load --prometheus against a real Prometheus on loopback', () => {
  let prom: ChildProcess | undefined;
  afterAll(() => {
    prom?.kill('SIGKILL');
  });

  it('query_range over the run window gives the same pool series and bottleneck as scraping', async () => {
    const srv = await poolServer({ max: 4, holdMs: 40 });
    try {
      const dir = tmpDir('gonogo-prom-');
      const port = await closedPort();
      writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: svc\n    scrape_interval: 1s\n    scrape_timeout: 900ms\n    static_configs:\n      - targets: ['127.0.0.1:${srv.port}']\n`);
      prom = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
      const base = `http://127.0.0.1:${port}`;
      await until('Prometheus ready', 30_000, async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined));
      await until('a first scrape of the service', 30_000, async () => {
        const j = (await (await fetch(`${base}/api/v1/query?query=up{job="svc"}`)).json()) as { data: { result: { value: [number, string] }[] } };
        return j.data.result[0]?.value[1] === '1' ? true : undefined;
      });
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), `load:\n  prometheus:\n    url: ${base}\n    selector: 'job="svc"'\n    queries:\n      thread_pool.used: 'sum(hikaricp_connections_active{job="svc"})'\n`);
      const out = path.join(dir, 'r.json');
      const r = await runCli(['load', srv.url, '-c', '24', '-d', '5s', '--workers', '1', '-q', '--out', out], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const server = readJson(out).server;
      expect(server.warnings).toEqual([]);
      const source = `prometheus ${base}/`;
      const fromProm = server.series.filter((s: { source: string }) => s.source === source);
      const names = fromProm.map((s: { name: string }) => s.name);
      // The catalogue query found the service's families through Prometheus, counters as rates.
      expect(names).toEqual(expect.arrayContaining(['db_pool.used{main}', 'db_pool.limit{main}', 'db_pool.pending{main}', 'cpu.used', 'memory.used']));
      const used = fromProm.find((s: { name: string }) => s.name === 'db_pool.used{main}');
      expect(used.summary.max).toBe(4);
      // The configured PromQL query is a series of its own.
      const custom = fromProm.find((s: { metric: string }) => s.metric === 'sum(hikaricp_connections_active{job="svc"})');
      expect(custom).toMatchObject({ resource: 'thread_pool', role: 'used' });
      expect(custom.summary.max).toBe(4);
      const pool = server.bottlenecks.find((b: { resource: string; metric: string }) => b.resource === 'db_pool');
      expect(pool.evidence).toMatch(/DB pool "main" 4\/4 in use/);
    } finally {
      await srv.close();
    }
  }, 90_000);

  it('the configured queries are polled during the run: their series is on the live dashboard while the run goes', async () => {
    const srv = await poolServer({ max: 4, holdMs: 40 });
    try {
      const dir = tmpDir('gonogo-prom-live-');
      const port = await closedPort();
      writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: svc\n    scrape_interval: 1s\n    scrape_timeout: 900ms\n    static_configs:\n      - targets: ['127.0.0.1:${srv.port}']\n`);
      const live = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
      try {
        const base = `http://127.0.0.1:${port}`;
        await until('Prometheus ready', 30_000, async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined));
        await until('a first scrape of the service', 30_000, async () => {
          const j = (await (await fetch(`${base}/api/v1/query?query=up{job="svc"}`)).json()) as { data: { result: { value: [number, string] }[] } };
          return j.data.result[0]?.value[1] === '1' ? true : undefined;
        });
        writeFileSync(path.join(dir, 'gonogo.config.yaml'), `load:\n  prometheus:\n    url: ${base}\n    queries:\n      thread_pool.used: 'sum(hikaricp_connections_active{job="svc"})'\n`);
        const dash = await closedPort();
        let done = false;
        const run = runCli(['load', srv.url, '-c', '24', '-d', '8s', '--workers', '1', '-q', '--dashboard', String(dash), '--out', path.join(dir, 'r.json')], { cwd: dir, timeoutMs: 60_000 }).finally(() => (done = true));
        const seen = await until('the query series on the live dashboard', 20_000, async () => {
          const v = await snapshotValue(`http://127.0.0.1:${dash}/events`, 'thread_pool.used');
          return v !== undefined && v > 0 ? v : undefined;
        });
        // Seen live: the run had not finished when the dashboard showed it.
        expect(done).toBe(false);
        expect(seen).toBeGreaterThan(0);
        expect(seen).toBeLessThanOrEqual(4);
        const r = await run;
        expect(r.code, r.stderr).toBe(0);
        expect(readJson(path.join(dir, 'r.json')).server.warnings).toEqual([]);
      } finally {
        live.kill('SIGKILL');
      }
    } finally {
      await srv.close();
    }
  }, 90_000);

  it('a dead Prometheus gives gaps in the live queries, the run completes', async () => {
    const srv = await poolServer({ max: 4, holdMs: 5 });
    try {
      const dir = tmpDir('gonogo-prom-dead-');
      const dead = await closedPort();
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), `load:\n  prometheus:\n    url: http://127.0.0.1:${dead}\n    timeout: 1s\n    queries:\n      thread_pool.used: 'sum(up)'\n`);
      const out = path.join(dir, 'r.json');
      const r = await runCli(['load', srv.url, '-c', '2', '-d', '3s', '--workers', '1', '-q', '--out', out], { cwd: dir, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      const warnings: string[] = readJson(out).server.warnings;
      expect(warnings.join('\n')).toMatch(/\d+ of \d+ live Prometheus queries gave no data: ECONNREFUSED/);
      expect(readJson(out).totals.requests).toBeGreaterThan(0);
    } finally {
      await srv.close();
    }
  }, 60_000);
});

/** Open the dashboard's event stream, read frames for up to 3 s, return the latest live value of `name` seen. */
async function snapshotValue(url: string, name: string): Promise<number | undefined> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 3000);
  let found: number | undefined;
  try {
    const res = await fetch(url, { signal: ac.signal });
    const dec = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += dec.decode(chunk, { stream: true });
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const j = JSON.parse(data.slice(6)) as { snapshot?: { server?: { name: string; value: number }[] } | null };
        const v = j.snapshot?.server?.find((s) => s.name === name)?.value;
        if (v !== undefined) found = v;
      }
      if (found !== undefined) break;
    }
  } catch {
    // aborted after 3 s or the dashboard not up yet
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return found;
}
