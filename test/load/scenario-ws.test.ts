import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioLoadResult } from '../../src/load/scenario/result.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';
import { startWsServer, type WsTestServer } from './ws-server.js';
import { hasOpenssl, selfSignedCert } from './tls-cert.js';
import { requirePrerequisite } from '../helpers/system.js';
import { runLoadJson } from '../helpers/cli.js';

const servers: WsTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(): Promise<WsTestServer> {
  const s = await startWsServer();
  servers.push(s);
  return s;
}

const file = (dir: string) => path.join(dir, 's.ts');
const metric = (r: ScenarioLoadResult, name: string, tags: Record<string, string> = {}) => r.metrics.filter((m) => m.metric === name && Object.entries(tags).every(([k, v]) => m.tags[k] === v));
const count = (r: ScenarioLoadResult, name: string, tags: Record<string, string> = {}) => metric(r, name, tags).reduce((a, m) => a + m.value, 0);

describe('scenario WebSocket (vu.ws)', () => {
  it('times the round trip of request() against an echo server with a known delay, and counts messages', async () => {
    const srv = await server();
    const DELAY = 40;
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 1, duration: '900ms' },
          run: async (vu) => {
            const ws = await vu.ws.connect('/echo?delay=${DELAY}', { headers: { 'x-token': 'abc' }, name: 'echo' });
            check(ws, { 'connected': (s) => s.ok });
            for (let i = 0; i < 3; i++) {
              const m = await ws.request('ping-' + i, { timeout: '2s' });
              check(m, { 'echoed': (x) => x.data === 'ping-' + i });
            }
            ws.send('one-way');
            check(await ws.receive({ timeout: '2s' }), { 'received': (x) => x.data === 'one-way' });
            await ws.close();
          } });`,
    });
    const r = await runScenario(file(dir), srv.url, { threshold: ['ws_round_trip: p(95)<1000', 'ws_msgs_sent: count>3', 'ws_errors: count<1', 'ws_connecting{name:echo}: max<1000'] });
    expect(srv.handshakes.length).toBeGreaterThan(0);
    expect(srv.handshakes[0]!['x-token']).toBe('abc');
    expect(r.checks.fails).toBe(0);
    expect(r.checks.passes).toBeGreaterThan(0);
    const rt = metric(r, 'ws_round_trip', { name: 'echo' });
    expect(rt).toHaveLength(1);
    const trend = rt[0]!.trend!;
    const tol = Math.max(DELAY * 0.1, 2);
    // The echo cannot come back before the delay; timers fire late on a busy machine, hence the median.
    expect(trend.min).toBeGreaterThanOrEqual(DELAY - 1);
    expect(Math.abs(trend.p50 - DELAY)).toBeLessThanOrEqual(tol);
    const sent = count(r, 'ws_msgs_sent');
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(count(r, 'ws_msgs_received')).toBe(sent);
    expect(rt[0]!.count).toBe((sent / 4) * 3);
    expect(metric(r, 'ws_connecting')[0]!.count).toBe(sent / 4);
    expect(metric(r, 'ws_session_duration')[0]!.trend!.min).toBeGreaterThanOrEqual(DELAY * 4 - 1);
    expect(r.thresholds.map((t) => t.ok)).toEqual([true, true, true, true]);
  });

  it('classifies a receive that times out on a silent server; the run completes on time and sessions are closed', async () => {
    const srv = await server();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '700ms' },
          run: async (vu) => {
            const ws = await vu.ws.connect('/silent');
            const m = await ws.receive({ timeout: '150ms' });
            check(m, { 'got a message': (x) => x.ok });
            if (m.error !== 'timeout') throw new Error('expected timeout, got ' + m.error);
          } });`,
    });
    const t0 = Date.now();
    const r = await runScenario(file(dir), srv.url, { threshold: ['ws_errors{error:timeout}: count<1'] });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(3000);
    const timeouts = count(r, 'ws_errors', { error: 'timeout' });
    expect(timeouts).toBeGreaterThanOrEqual(2);
    expect(r.checks.fails).toBe(timeouts);
    expect(r.scenarios[0]!.failedIterations).toBe(0);
    // Sessions left open were closed at the end of each iteration: one session duration per iteration.
    expect(metric(r, 'ws_session_duration')[0]!.count).toBe(r.scenarios[0]!.iterations);
    expect(r.thresholds[0]).toMatchObject({ ok: false });
  });

  it('ends a wait at the end of the run instead of holding it (receive timeout far beyond the run)', async () => {
    const srv = await server();
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 1, duration: '300ms' },
          run: async (vu) => { const ws = await vu.ws.connect('/silent'); await ws.receive({ timeout: '60s' }); } });`,
    });
    const t0 = Date.now();
    await runScenario(file(dir), srv.url, { timeoutMs: 500 });
    // 300 ms run + 500 ms grace, then the session is closed and the wait ends.
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('classifies a refused connection and an abnormal close without failing the iteration', async () => {
    const srv = await server();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 1, duration: '500ms' },
          run: async (vu) => {
            const bad = await vu.ws.connect('ws://127.0.0.1:${port}/x', { name: 'refused' });
            if (bad.ok || bad.error !== 'connect') throw new Error('expected connect error, got ' + bad.error);
            check(await bad.receive({ timeout: '1s' }), { 'nothing on a failed session': (m) => m.error === 'connect' });
            const ws = await vu.ws.connect('/drop', { name: 'drop' });
            ws.send('bye');
            const m = await ws.receive({ timeout: '2s' });
            check(m, { 'abnormal close seen': (x) => x.error === 'abnormal-close' });
            check(ws, { 'close code 1006': (s) => s.closeCode === 1006 && !s.ok });
          } });`,
    });
    const r = await runScenario(file(dir), srv.url);
    expect(r.scenarios[0]!.failedIterations).toBe(0);
    expect(r.checks.fails).toBe(0);
    expect(count(r, 'ws_errors', { error: 'connect', name: 'refused' })).toBe(r.scenarios[0]!.iterations);
    expect(count(r, 'ws_errors', { error: 'abnormal-close', name: 'drop' })).toBe(r.scenarios[0]!.iterations);
    expect(metric(r, 'ws_errors')).toHaveLength(2);
    expect(metric(r, 'ws_connecting', { name: 'refused' })).toHaveLength(0);
  });
});

describe('scenario WebSocket over TLS and across workers', () => {
  it.runIf(requirePrerequisite(hasOpenssl, 'openssl (test certificates)', 'apt-get install openssl'))('wss:// with a self-signed certificate connects with --insecure and is refused without it', async () => {
    const tls = await startWsServer(selfSignedCert());
    servers.push(tls);
    const plain = await server();
    const wss = tls.url.replace('https:', 'wss:');
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 4, duration: '500ms', preAllocatedUsers: 2 },
          run: async (vu) => {
            const ws = await vu.ws.connect('${wss}/echo', { name: 'tls' });
            check(ws, { 'connected': (s) => s.ok });
            if (ws.ok) check(await ws.request('hi', { timeout: '2s' }), { 'echoed': (m) => m.data === 'hi' });
            await ws.close();
          } });`,
    });
    const ok = await runScenario(file(dir), tls.url, { insecure: true });
    expect(ok.checks.fails).toBe(0);
    expect(ok.checks.passes).toBe(4);
    expect(tls.handshakes.length).toBe(2);
    const refused = await runScenario(file(dir), plain.url, { insecure: false });
    expect(refused.checks.items.find((c) => c.check === 'connected')).toMatchObject({ passes: 0, fails: 2 });
    expect(count(refused, 'ws_errors')).toBe(2);
    expect(tls.handshakes.length).toBe(2);
  }, 30_000);

  it('two workers: messages, sessions and round trips add up across the workers', async () => {
    const srv = await server();
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 12, duration: '1s', preAllocatedUsers: 4 },
          run: async (vu) => {
            const ws = await vu.ws.connect('/echo');
            for (let i = 0; i < 2; i++) await ws.request('m' + i, { timeout: '2s' });
            await ws.close();
          } });`,
    });
    // Worker threads load the compiled engine: run through the CLI (dist/).
    const { r: cli, j } = await runLoadJson(['load', '--scenario', file(dir), srv.url, '--workers', '2', '-q', '--threshold', 'ws_msgs_sent: count==24', '--threshold', 'ws_round_trip: count==24'], { cwd: dir });
    expect(cli.code, cli.stderr).toBe(0);
    const r = j as ScenarioLoadResult;
    expect(r.thresholds.map((t) => t.ok)).toEqual([true, true]);
    expect(count(r, 'ws_msgs_sent')).toBe(24);
    expect(count(r, 'ws_msgs_received')).toBe(24);
    expect(count(r, 'ws_connecting')).toBe(12);
    expect(srv.handshakes.length).toBe(12);
    expect(r.generator.workers).toBe(2);
  }, 30_000);
});
