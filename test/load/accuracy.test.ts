import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { httpServer, type TestServer } from '../helpers/servers.js';
import { requirePrerequisite } from '../helpers/system.js';
import { expectWithin, median } from './timing-helpers.js';
import { hasOpenssl, selfSignedCert } from './tls-cert.js';

/**
 * Runs on its own (the last vitest pass of `npm test`, scripts/test.mjs): other system tests
 * running beside it on a 2-core machine delay both server and generator by more than the 1 ms
 * this test allows, which would measure the machine, not gonogo.
 *
 * Accuracy against a server whose delays are known: 90% of responses after 20 ms, 10% after
 * 200 ms. The truth is what the server itself measured per request (timer lateness included),
 * and gonogo's p50/p95/p99 must be within 5% of it or 1 ms, whichever is larger.
 */
let srv: TestServer;
let served: number[] = [];

beforeAll(async () => {
  srv = await httpServer((_req, res, n) => {
    const t0 = performance.now();
    setTimeout(() => {
      res.end('ok');
      served.push(performance.now() - t0);
    }, n % 10 === 9 ? 200 : 20);
  });
});
afterAll(() => srv.close());

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(args: string[]) {
  served = [];
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'gonogo-acc-')), 'r.json');
  const r = await runCli(['load', srv.url, '-q', '--out', out, ...args]);
  expect(r.code).toBe(0);
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const truth = [...served].sort((a, b) => a - b);
  return { j, truth };
}

function expectClose(actual: number, truth: number, label: string) {
  if (process.env.ACC_DEBUG) console.log(label, actual, truth.toFixed(3));
  const tol = Math.max(truth * 0.05, 1);
  expect(Math.abs(actual - truth), `${label}: gonogo ${actual} ms vs server ${truth.toFixed(3)} ms (tolerance ${tol.toFixed(2)})`).toBeLessThanOrEqual(tol);
}

describe('latency accuracy', () => {
  it.each([
    { model: 'closed model', args: ['-c', '20', '-d', '4s', '--workers', '2'] },
    { model: 'open model', args: ['-R', '150', '-c', '50', '-d', '4s', '--workers', '2'] },
  ])('$model: p50/p95/p99 within 5% (or 1 ms) of the truth', async ({ args }) => {
    const { j, truth } = await measure(args);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(400);
    // Every response gonogo counted was one the server sent (abandoned ones may be served late).
    expect(truth.length).toBeGreaterThanOrEqual(j.totals.requests);
    expect(truth.length).toBeLessThanOrEqual(j.totals.requests + j.totals.interrupted);
    for (const p of [50, 95, 99] as const) expectClose(j.latencyMs[`p${p}`], percentile(truth, p), `p${p}`);
    // And against the nominal delays themselves.
    expect(j.latencyMs.p50).toBeGreaterThanOrEqual(20);
    expect(j.latencyMs.p50).toBeLessThan(23);
    expect(j.latencyMs.p99).toBeGreaterThanOrEqual(200);
    expect(j.latencyMs.p99).toBeLessThan(210);
  });
});

/**
 * Phase timings against servers whose delays are known (issue 17): within max(10%, 2 ms) of what the server itself
 * measured. Here, not in phases.test.ts, because this file runs alone.
 */
describe('phase accuracy', () => {
  it('HTTP/1.1: ttfb is the wait for the head, receive the gap inside the body', async () => {
    const waited: number[] = [];
    const gaps: number[] = [];
    const s = await httpServer((_req, res) => {
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
    });
    try {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'gonogo-acc-')), 'r.json');
      const r = await runCli(['load', s.url, '-q', '-c', '4', '-d', '3s', '--workers', '1', '--out', out]);
      expect(r.code).toBe(0);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      expectWithin(j.phasesMs.ttfb.p50, median(waited), 'ttfb p50');
      expectWithin(j.phasesMs.receive.p50, median(gaps), 'receive p50');
    } finally {
      await s.close();
    }
  });

  it('SSE: the first event and the gaps between events', async () => {
    const firsts: number[] = [];
    const gaps: number[] = [];
    const s = await httpServer((_req, res) => {
      const t0 = performance.now();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let last = t0;
      let i = 0;
      const next = () => {
        res.write(`data: token ${i}\n\n`);
        const now = performance.now();
        (i === 0 ? firsts : gaps).push(now - (i === 0 ? t0 : last));
        last = now;
        if (++i < 5) setTimeout(next, 20);
        else res.end();
      };
      setTimeout(next, 60);
    });
    try {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'gonogo-acc-')), 'r.json');
      const r = await runCli(['load', s.url, '-q', '--sse', '-c', '3', '-d', '3s', '--workers', '1', '--out', out]);
      expect(r.code).toBe(0);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      expectWithin(j.stream.firstEventMs.p50, median(firsts), 'first event p50');
      expectWithin(j.stream.eventGapMs.p50, median(gaps), 'event gap p50');
    } finally {
      await s.close();
    }
  });

  it.runIf(requirePrerequisite(hasOpenssl, 'openssl', 'install the openssl package (it makes the test certificates)'))('HTTP/2 over TLS: ttfb is the wait for the response headers', async () => {
    const { key, cert } = selfSignedCert();
    const waited: number[] = [];
    const server = http2.createSecureServer({ key, cert });
    server.on('stream', (stream) => {
      const t0 = performance.now();
      setTimeout(() => {
        if (stream.destroyed) return;
        stream.respond({ ':status': 200 });
        waited.push(performance.now() - t0);
        stream.end('ok');
      }, 30);
    });
    const sessions = new Set<http2.ServerHttp2Session>();
    server.on('session', (x) => sessions.add(x));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'gonogo-acc-')), 'r.json');
      const r = await runCli(['load', `https://127.0.0.1:${port}/`, '-q', '-c', '2', '--streams', '2', '-d', '3s', '--workers', '1', '--insecure', '--out', out]);
      expect(r.code).toBe(0);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      expect(j.protocols.h2).toBe(j.totals.requests);
      expectWithin(j.phasesMs.ttfb.p50, median(waited), 'h2 ttfb p50');
    } finally {
      for (const x of sessions) x.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
