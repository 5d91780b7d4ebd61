import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVitals, type VitalsSettings } from '../../src/probe/vitals/run.js';
import { NETWORK_PRESETS, parseCpuThrottle, parseNetwork } from '../../src/probe/vitals/throttle.js';
import type { VitalsThrottle } from '../../src/core/vitals.js';
import { runCli } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/** A click handler doing a fixed amount of work (tens of ms here): 4x CPU throttling makes the same work take longer. */
const INP_PAGE = `<!doctype html><body><button id="b" onclick="let x = 0; for (let i = 0; i < 5e5; i++) x += Math.sqrt(i); this.textContent = 'done ' + x">go</button>`;

describe.runIf(requireProgram(CHROMIUM))('vitals throttling in real Chromium', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(INP_PAGE);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const settings = (throttle: VitalsThrottle): VitalsSettings => ({
    urls: [`${base}/`], runs: 2, thresholds: [], chromium: CHROMIUM, pageTimeoutMs: 30_000, maxTimeMs: 120_000, settleMs: 300, allowOrigins: [], throttle,
  });

  it('a 4x CPU throttle raises the INP of a click handler that does a fixed amount of work', async () => {
    // Three runs each: the median shrugs off one run slowed by a busy machine (a lone spike in the plain run was
    // enough to fail this on a loaded box).
    const plain = await runVitals({ ...settings({ cpu: 1, network: null }), runs: 3 });
    const slow = await runVitals({ ...settings({ cpu: 4, network: null }), runs: 3 });
    const p50 = (r: typeof plain) => r.pages[0]!.vitals.cold.inp.p50!;
    expect(slow.throttle.cpu).toBe(4);
    expect(p50(plain)).toBeGreaterThan(16);
    // 4x on the handler's fixed work; allow for frame alignment and a busy machine.
    expect(p50(slow)).toBeGreaterThan(2 * p50(plain));
  }, 180_000);

  it('emulated network latency delays the first paint by at least that latency', async () => {
    const r = await runVitals({ ...settings({ cpu: 1, network: { name: 'custom', latencyMs: 400, downloadKbps: 0, uploadKbps: 0 } }), runs: 1 });
    // Chromium delays the response it hands the page; FCP always includes the latency (the navigation entry's
    // responseStart does not always: docs/vitals.md#throttling).
    for (const mode of ['cold', 'warm'] as const) expect(r.pages[0]!.vitals[mode].fcp.p50!).toBeGreaterThanOrEqual(400);
    expect(r.throttle.network?.latencyMs).toBe(400);
  }, 120_000);
});

describe('vitals throttling flags', () => {
  it('reads presets and LATENCY,DOWN,UP, and rejects the rest naming the flag', async () => {
    expect(parseNetwork('Slow-4G', '--network')).toEqual(NETWORK_PRESETS['slow-4g']);
    expect(parseNetwork('300ms,1600,750', '--network')).toEqual({ name: 'custom', latencyMs: 300, downloadKbps: 1600, uploadKbps: 750 });
    expect(() => parseNetwork('5g', '--network')).toThrow(/--network/);
    expect(() => parseNetwork('300ms,-1,2', '--network')).toThrow(/kbit/);
    expect(parseCpuThrottle('4', '--cpu-throttle')).toBe(4);
    expect(() => parseCpuThrottle('0.5', '--cpu-throttle')).toThrow(/1 to 20/);
    const bad = await runCli(['vitals', 'http://127.0.0.1:9/', '--cpu-throttle', 'fast'], { timeoutMs: 20_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cpu-throttle');
    expect(bad.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  }, 30_000);
});
