import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadJson } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';
import { median } from './timing-helpers.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';
import path from 'node:path';

const { track } = serverPool(afterEach);

describe('per-phase timings (HTTP/1.1)', () => {
  it('ttfb is the server\'s think time and receive the gap inside the body; connection phases count per connection', async () => {
    // Head after 40 ms, then the body's second half 15 ms later: ttfb ~ 40 ms, receive ~ 15 ms.
    const waited: number[] = [];
    const gaps: number[] = [];
    const srv = await track(
      httpServer((_req, res) => {
        const t0 = performance.now();
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('first half ');
          const t1 = performance.now();
          waited.push(t1 - t0);
          setTimeout(() => {
            gaps.push(performance.now() - t1);
            res.end('second half');
          }, 15);
        }, 40);
      }),
    );
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '3', '-d', '2s', '--workers', '1', '-q', '--threshold', 'phase:ttfb p(50)>30', '--threshold', 'phase:receive: p(50)<5']);
    expect(r.code, r.stderr).toBe(1); // the second threshold must fail: receive is ~15 ms
    expect(j.totals.errors).toBe(0);
    const ph = j.phasesMs;
    expect(ph.ttfb.count).toBe(j.totals.requests);
    // The server's own figures bound them from below (the tight tolerance is in accuracy.test.ts, which runs alone).
    expect(ph.ttfb.p50).toBeGreaterThanOrEqual(median(waited) - 0.5);
    expect(ph.receive.p50).toBeGreaterThanOrEqual(median(gaps) - 0.5);
    expect(ph.receive.p50).toBeLessThan(ph.ttfb.p50);
    // Three keep-alive connections, opened once each, to an IP address (no lookup), without TLS.
    expect(ph.connect.count).toBe(3);
    expect(ph.dns).toMatchObject({ count: 3, max: 0 });
    expect(ph.tls.count).toBe(0);
    expect(j.phasesHdr.tls).toBe('');
    expect(j.phasesHdr.ttfb).toMatch(/^HISTFAA/);
    expect(j.endpoints[0].phasesMs.ttfb.count).toBe(ph.ttfb.count);
    expect(j.protocols).toEqual({ 'http/1.1': j.totals.requests, h2: 0 });
    expect(j.thresholds.map((t: { ok: boolean }) => t.ok)).toEqual([true, false]);
  });

  it('a server that closes every connection gives one connect sample per request', async () => {
    const srv = await track(httpServer((_req, res) => res.writeHead(200, { connection: 'close' }).end('bye')));
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '2', '-d', '1s', '--workers', '1', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const responses = j.statusCodes['200'];
    expect(responses).toBeGreaterThan(5);
    expect(j.phasesMs.connect.count).toBe(responses);
  });
});

describe('per-phase timings (scenario files)', () => {
  it('a scenario records the same phases, per endpoint, and phase thresholds read them', async () => {
    const waited: number[] = [];
    const srv = await track(
      httpServer((_req, res) => {
        const t0 = performance.now();
        setTimeout(() => {
          waited.push(performance.now() - t0);
          res.end('ok');
        }, 25);
      }),
    );
    const dir = scenarioDir({
      'slow.scenario.ts': `import { defineScenario } from 'gonogo';
export default defineScenario({
  name: 'slow',
  executor: { type: 'constant-users', users: 2, duration: '1500ms' },
  thresholds: { 'phase:ttfb{name:GET /slow}': ['p(50)>20', 'p(50)<5'] },
  async run(vu) { await vu.http.get('/slow'); },
});
`,
    });
    const r = await runScenario(path.join(dir, 'slow.scenario.ts'), srv.url);
    const ep = r.endpoints.find((e) => e.name === 'GET /slow')!;
    expect(ep.phasesMs!.ttfb.count).toBe(ep.requests);
    expect(ep.phasesMs!.ttfb.p50).toBeGreaterThanOrEqual(median(waited) - 0.5);
    expect(r.phasesMs!.connect.count).toBeGreaterThanOrEqual(1);
    expect(r.protocols).toEqual({ 'http/1.1': r.totals.requests, h2: 0 });
    expect(r.thresholds.map((t) => [t.expression, t.ok])).toEqual([
      ['p(50)>20', true],
      ['p(50)<5', false],
    ]);
  });
});
