import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, runLoadJson, tmpDir } from '../helpers/cli.js';
import { httpServer, tcpServer, serverPool } from '../helpers/servers.js';
import { requirePrerequisite } from '../helpers/system.js';

const { track } = serverPool(afterEach);
const tmp = () => tmpDir();
const hasIpv6Loopback = requirePrerequisite(
  await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  }),
  'IPv6 loopback (::1)',
  'enable IPv6 on the loopback interface (sysctl net.ipv6.conf.lo.disable_ipv6=0)',
);

describe('gonogo load against misbehaving targets', () => {
  it('a target that goes away mid-run is measured, and the run still ends on time', async () => {
    // Close 500 ms after the first request, not on a wall clock: CLI start-up varies on a busy machine.
    let closing = false;
    const srv = await track(
      httpServer((_req, res) => {
        if (!closing) {
          closing = true;
          setTimeout(() => void srv.close(), 500);
        }
        res.end('ok');
      }),
    );
    const out = path.join(tmp(), 'r.json');
    const r = await runCli(['load', srv.url, '-c', '4', '-d', '3s', '-q', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(3000 + 4000);
    const j = readJson(out);
    expect(j.totals.requests - j.totals.errors).toBeGreaterThan(0);
    const classes = Object.keys(j.errorClasses);
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(['refused', 'reset']).toContain(c);
    // Back-off keeps a dead target from turning into a busy loop: 4 connections, 2 s, at most ~1/10 ms each.
    expect(j.totals.errors).toBeLessThan(1000);
  });

  it('huge bodies are counted, not buffered', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 'x');
    const srv = await track(httpServer((_req, res) => res.end(body)));
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '2', '-d', '1s', '-q']);
    expect(r.code).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(0);
    expect(j.totals.bytesReceived).toBeGreaterThan(j.totals.requests * body.length);
  });

  it('a chunked response split into tiny writes is parsed', async () => {
    const srv = await track(tcpServer((s) => {
      const parts = ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n', '\r\n3\r', '\nabc\r\n', '0\r\n\r\n'];
      parts.forEach((p, i) => setTimeout(() => s.writable && s.write(p), i * 2));
    }));
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '1', '-d', '1s', '-q']);
    expect(r.code).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.statusCodes).toEqual({ '200': j.totals.requests });
    expect(j.totals.requests).toBeGreaterThan(20);
  });

  it('a TLS handshake against a plain TCP server is an unreachable target (exit 3)', async () => {
    const srv = await track(tcpServer((s) => s.end('hello, not TLS\r\n')));
    const r = await runCli(['load', `https://127.0.0.1:${srv.port}/`, '-d', '1s', '-q', '--timeout', '2s']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/GONOGO_TARGET_UNREACHABLE/);
    expect(r.stderr).toMatch(/TLS handshake failed/);
    expect(r.stderr).toMatch(/use http:\/\//);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m);
  });

  it('a target that accepts but never answers the preflight is reported as unreachable', async () => {
    // A listening socket that never accepts: backlog 0 plus a full queue would be fragile, so
    // instead the server accepts TCP but stalls TLS: the handshake times out.
    const stall = net.createServer(() => {});
    await new Promise<void>((r) => stall.listen(0, '127.0.0.1', r));
    const port = (stall.address() as net.AddressInfo).port;
    try {
      const r = await runCli(['load', `https://127.0.0.1:${port}/`, '-d', '1s', '-q', '--timeout', '1s']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/no connection within 1000 ms/);
    } finally {
      stall.close();
    }
  });
});

describe('gonogo load request shapes', () => {
  it('HEAD: a Content-Length without a body does not stall the connection', async () => {
    const srv = await track(httpServer((_req, res) => {
      res.setHeader('content-length', '1000');
      res.end();
    }));
    const { r, j } = await runLoadJson(['load', srv.url, '-m', 'HEAD', '-c', '2', '-d', '1s', '-q', '--timeout', '500ms']);
    expect(r.code).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(50);
  });

  // Skipped, and reported as skipped, on a laptop without IPv6 loopback; fails in CI.
  it.skipIf(!hasIpv6Loopback)('IPv6 loopback [::1]', async () => {
    const srv = await track(httpServer((_req, res) => res.end('v6'), '::1'));
    const out = path.join(tmp(), 'r.json');
    const r = await runCli(['load', `http://[::1]:${srv.port}/`, '-c', '2', '-d', '1s', '-q', '--out', out]);
    expect(r.code).toBe(0);
    expect(readJson(out).totals.requests).toBeGreaterThan(10);
  });
});

describe('gonogo load with a config file', () => {
  it('takes target, url and thresholds from gonogo.config.yaml; flags override', async () => {
    const srv = await track(httpServer((req, res) => res.end(req.url)));
    const dir = tmp();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: ${srv.url}\nload:\n  url: /api/items\n  connections: 3\n  duration: 1s\n  thresholds:\n    - p(95)<0.0001\n`);
    const out = path.join(dir, 'r.json');
    const r = await runCli(['load', '-q', '--out', out], { cwd: dir });
    expect(r.code).toBe(1);
    const j = readJson(out);
    expect(j.target).toBe(`${srv.url}api/items`);
    expect(j.options.connections).toBe(3);
    expect(j.thresholds).toEqual([expect.objectContaining({ metric: 'http_req_duration', expression: 'p(95)<0.0001', ok: false })]);
    const r2 = await runCli(['load', '-q', '-c', '2', '--out', out], { cwd: dir });
    expect(readJson(out).options.connections).toBe(2);
    expect(r2.code).toBe(1);
  });

  it('a bad threshold in the config names the file and path, exit 2, no request sent', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const dir = tmp();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `target: ${srv.url}\nload:\n  duration: 1s\n  thresholds:\n    - p(95)<500\n    - http_reqs: p(95)<5\n`);
    const r = await runCli(['load', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gonogo\.config\.yaml: load\.thresholds\[1\]/);
    expect(srv.count()).toBe(0);
  });

  it('an invalid config lists every problem with file:line and exits 2', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'load:\n  conections: 5\n  duration: fast\n');
    const r = await runCli(['load', 'http://127.0.0.1:9/', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GONOGO_CONFIG_INVALID/);
    expect(r.stderr).toMatch(/gonogo\.config\.yaml:2:\d+ load\.conections/);
    expect(r.stderr).toMatch(/did you mean "connections"/);
    expect(r.stderr).toMatch(/gonogo\.config\.yaml:3:\d+ load\.duration/);
  });

  it('--format json prints the run as a report with one check per threshold', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const r = await runCli(['load', srv.url, '-c', '1', '-d', '1s', '-q', '--format', 'json', '--threshold', 'p(99)<10000']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('gonogo/report@1');
    expect(report.command).toBe('load');
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(['load.threshold:http_req_duration:p(99)<10000', 'load.errors', 'load.generator']);
    expect(report.checks[0].status).toBe('pass');
  });
});

describe('live progress', () => {
  it('prints plain periodic lines when stderr is not a terminal', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const r = await runCli(['load', srv.url, '-c', '1', '-d', '6s']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^5s \/ 6s \(1s left\) {2}[\d,]+ req\/s {2}p95 [\d.]+ m?s {2}[\d,]+ requests {2}0 errors {2}1 connections$/);
    expect(r.stderr).not.toContain('\x1b');
  });
});
