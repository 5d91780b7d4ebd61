import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { httpServer, type TestServer } from '../helpers/servers.js';

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
