import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../src/core/live-snapshot.js';
import { UsageError } from '../../src/core/errors.js';
import { parseDashboardAddress } from '../../src/live/address.js';
import { DashboardServer, HISTORY_POINTS } from '../../src/live/dashboard-server.js';
import { startLive } from '../../src/live/session.js';

function snap(t: number, o: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return { run: 1, at: 1_700_000_000_000 + t * 1000, elapsedMs: (t + 1) * 1000, durationMs: 60_000, second: { t, requests: 100 + t, errors: 0, p50: 1, p95: 2, p99: 3 }, requests: 100 * (t + 1), errors: 0, bytes: 0, errorClasses: {}, users: 4, thresholds: [], endpoints: [], endpointsOmitted: 0, server: [], ...o };
}

/** GET a path with a chosen Host header; for /events, the first SSE frame. */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
        if (path === '/events' && body.includes('\n\n')) {
          req.destroy();
          resolve({ status: res.statusCode!, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
  });
}

function hello(body: string): { history: { t: number }[]; snapshot: LiveSnapshot | null; metrics: Record<string, string> } {
  const data = /event: hello\ndata: (.*)\n/.exec(body)![1]!;
  return JSON.parse(data);
}

describe('parseDashboardAddress', () => {
  it('defaults to 127.0.0.1:5665, reads port and host:port, and marks non-loopback hosts', () => {
    expect(parseDashboardAddress(true, '--dashboard')).toEqual({ host: '127.0.0.1', port: 5665, exposed: false });
    expect(parseDashboardAddress('8080', '--dashboard')).toEqual({ host: '127.0.0.1', port: 8080, exposed: false });
    expect(parseDashboardAddress(0, 'dashboard')).toEqual({ host: '127.0.0.1', port: 0, exposed: false });
    expect(parseDashboardAddress('localhost:9000', '--dashboard').exposed).toBe(false);
    expect(parseDashboardAddress('[::1]:9000', '--dashboard')).toEqual({ host: '::1', port: 9000, exposed: false });
    expect(parseDashboardAddress('0.0.0.0:9000', '--dashboard')).toEqual({ host: '0.0.0.0', port: 9000, exposed: true });
  });

  it('rejects what is not [host:]port, with a hint for a URL swallowed as the value', () => {
    expect(() => parseDashboardAddress('70000', '--dashboard')).toThrow(UsageError);
    let err: UsageError | undefined;
    try {
      parseDashboardAddress('http://127.0.0.1:8080/', '--dashboard');
    } catch (e) {
      err = e as UsageError;
    }
    expect(err?.message).toContain('--dashboard: "http://127.0.0.1:8080/" is not [host:]port');
    expect(err?.hint).toMatch(/put the target URL before --dashboard/);
  });
});

describe('DashboardServer', () => {
  let d: DashboardServer | undefined;
  afterEach(async () => {
    await d?.close(0);
    d = undefined;
  });
  const port = (s: DashboardServer) => Number(new URL(s.url).port);

  it('gives a late joiner the history so far, one point per completed second, bounded', async () => {
    d = await DashboardServer.start({ host: '127.0.0.1', port: 0, exposed: false });
    for (let t = 0; t < 5; t++) {
      d.push(snap(t));
      d.push(snap(t)); // a tick that saw no new second adds no point
    }
    const h = hello((await get(port(d), '/events')).body);
    expect(h.history.map((p) => p.t)).toEqual([0, 1, 2, 3, 4]);
    expect(h.snapshot?.second.t).toBe(4);
    expect(h.metrics.requests).toBe('gonogo_http_requests_total');
    for (let t = 5; t < HISTORY_POINTS + 10; t++) d.push(snap(t));
    const h2 = hello((await get(port(d), '/events')).body);
    expect(h2.history).toHaveLength(HISTORY_POINTS);
    expect(h2.history[0]!.t).toBe(10);
  });

  it('answers loopback Host names only when bound to loopback (DNS rebinding), with a strict CSP', async () => {
    d = await DashboardServer.start({ host: '127.0.0.1', port: 0, exposed: false });
    expect((await get(port(d), '/', 'evil.example:80')).status).toBe(421);
    const page = await fetch(d.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect((await get(port(d), '/report')).status).toBe(404);
  });

  it('drops a page that stops reading instead of buffering for it, and push stays fast', async () => {
    d = await DashboardServer.start({ host: '127.0.0.1', port: 0, exposed: false });
    // A client that sends the request and never reads: the kernel buffers fill, then our backlog grows.
    const sock = net.connect(port(d), '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    sock.pause();
    await new Promise((r) => setTimeout(r, 100));
    expect(d.clientCount).toBe(1);
    const endpoints = Array.from({ length: 2000 }, (_, i) => ({ name: `GET /item/${i}`, method: 'GET', requests: i, errors: 0, statusClasses: { '2xx': i }, p50: 1, p95: 2, p99: 3 }));
    let slowest = 0;
    for (let t = 0; t < 400 && d.clientCount > 0; t++) {
      const t0 = performance.now();
      d.push(snap(t, { endpoints }));
      slowest = Math.max(slowest, performance.now() - t0);
      await new Promise((r) => setImmediate(r));
    }
    expect(d.clientCount).toBe(0);
    expect(slowest).toBeLessThan(250);
    sock.destroy();
  });

  it('closes at once when no page is open, and the port is free again', async () => {
    const s = await DashboardServer.start({ host: '127.0.0.1', port: 0, exposed: false });
    const t0 = Date.now();
    await s.close(5000);
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(fetch(s.url)).rejects.toThrow();
  });
});

describe('startLive', () => {
  it('warns when the dashboard listens beyond loopback', async () => {
    const lines: string[] = [];
    const live = await startLive({ dashboard: '0.0.0.0:0' }, undefined, (l) => lines.push(l));
    try {
      expect(lines[0]).toMatch(/^warning: the dashboard listens on 0\.0\.0\.0, not loopback/);
      expect(lines[1]).toMatch(/^dashboard: http:\/\/0\.0\.0\.0:\d+\/$/);
    } finally {
      await live!.close();
    }
  });

  it('is off when neither the flags nor the config ask, and the config key works alone', async () => {
    expect(await startLive({}, undefined, () => {})).toBeUndefined();
    const lines: string[] = [];
    const live = await startLive({}, { dashboard: 0 }, (l) => lines.push(l));
    try {
      expect(lines).toEqual([expect.stringMatching(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/$/)]);
    } finally {
      await live!.close();
    }
  });
});
