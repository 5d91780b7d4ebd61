import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runLoadJson, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * A service that gets slower under load: each /api request busy-waits 2 ms (the event loop is busy), and while /api
 * has been hit in the last 300 ms the UI document waits 800 ms more (a backend queue the UI shares with the API).
 * Idle the page's TTFB is a few ms; while `gonogo load` sends to /api it is at least 800 ms.
 */
function slowUnderLoad() {
  let lastApi = 0;
  let api = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/api') {
      api++;
      lastApi = Date.now();
      const t = performance.now();
      while (performance.now() - t < 2);
      res.end('{"ok":true}');
      return;
    }
    const send = () => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><body><h1>Orders</h1><button id="b" onclick="this.textContent=\'ok\'">refresh</button>');
    if (Date.now() - lastApi < 300) setTimeout(send, 800);
    else send();
  });
  return { server, apiRequests: () => api };
}

interface Run { mode: string; ttfb: number | null; loadRps?: number; error?: string }

describe.runIf(requireProgram(CHROMIUM))('gonogo load --vitals, in real Chromium against a server that slows under load', () => {
  const svc = slowUnderLoad();
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => svc.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(svc.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => svc.server.close(() => r())));

  // Wide load thresholds: on a busy test machine the verdict must rest on the vitals threshold alone.
  const load = () => [`${base}/api`, '--workers', '1', '-c', '2', '-R', '100', '-d', '10s', '--threshold', 'p(95)<60000'];

  it('measures the page while the load runs and idle after it: under-load TTFB above idle, loadRps on every run, a failing vitals threshold exits 1', async () => {
    const before = svc.apiRequests();
    const { r, j } = await runLoadJson(['load', ...load(), '-d', '12s', '--vitals', `${base}/ui`, '--vitals-runs', '2', '--vitals-threshold', 'ttfb p(75)<500'], { timeoutMs: 150_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(j.vitals, r.stderr).toBeTruthy();
    const v = j.vitals;
    expect(v.underLoad.schema).toBe('gonogo/vitals-result@1');
    expect(v.idle.schema).toBe('gonogo/vitals-result@1');
    expect(v.thresholds).toEqual({ expressions: ['ttfb p(75)<500'], defaulted: false });
    // The load ran as asked, undisturbed in count: the page loads are not load requests.
    expect(j.totals.requests).toBeGreaterThan(500);
    const served = svc.apiRequests() - before;
    expect(served - j.totals.requests).toBeGreaterThanOrEqual(0);
    expect(served - j.totals.requests).toBeLessThanOrEqual(2); // at most the 2 connections' requests abandoned at the end
    // Under load: one browser, pages one after another, at most runs x 2 modes; each started while the load sent.
    const under: Run[] = v.underLoad.pages[0].runs;
    const measured = under.filter((x) => !x.error);
    expect(measured.length).toBeGreaterThan(0);
    expect(under.length + v.underLoad.skippedRuns).toBe(4);
    for (const x of measured) expect(x.loadRps).toBeGreaterThan(0);
    // Idle, after the load: every run of both modes, none stamped with a load rate.
    const idle: Run[] = v.idle.pages[0].runs;
    expect(idle.map((x) => x.mode)).toEqual(['cold', 'cold', 'warm', 'warm']);
    expect(idle.every((x) => !x.error && x.loadRps === undefined)).toBe(true);
    const idleMax = Math.max(...idle.map((x) => x.ttfb!));
    // p75 of the under-load TTFBs (a rare page load in a generator stall on a busy machine may be fast).
    const underP75 = v.underLoad.thresholds[0].actual;
    expect(underP75).toBeGreaterThan(idleMax);
    expect(underP75).toBeGreaterThanOrEqual(700);
    // The threshold is judged under load (fails) and shown idle (holds); it fails the run as a load threshold does.
    expect(v.underLoad.thresholds[0]).toMatchObject({ metric: 'ttfb', expression: 'p(75)<500', ok: false });
    expect(v.idle.thresholds[0]).toMatchObject({ metric: 'ttfb', ok: true });
    expect(v.passed).toBe(false);
    expect(j.passed).toBe(false);
    expect(j.thresholds.every((t: { ok: boolean }) => t.ok)).toBe(true);
    // The summary: idle vs under load p75 with Google's bands, and the threshold.
    expect(r.stdout).toContain('web vitals (p75 and Google\'s band; idle: after the load)');
    expect(r.stdout).toMatch(/TTFB cold\s+\d+ ms good\s+\d+ ms (needs-improvement|poor)/);
    expect(r.stdout).toMatch(/✗ ttfb: p\(75\)<500 {2}\(under load \d+(\.\d+)?, idle \d+(\.\d+)?\)/);
    expect(r.stdout).toMatch(/FAILED\n$/);
  }, 180_000);

  it('a vitals threshold that holds under load passes the run (exit 0)', async () => {
    const { r, j } = await runLoadJson(['load', ...load(), '-d', '8s', '--vitals', `${base}/ui`, '--vitals-runs', '1', '--vitals-threshold', 'ttfb p(75)<20000', '-q'], { timeoutMs: 150_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(j.vitals.passed).toBe(true);
    expect(j.vitals.underLoad.thresholds[0]).toMatchObject({ metric: 'ttfb', ok: true });
    expect(r.stdout).toMatch(/✓ ttfb: p\(75\)<20000/);
  }, 180_000);

  it('pages.duringLoad in the config makes `gonogo load` measure the configured pages too', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.json'), JSON.stringify({ target: base, pages: { urls: ['/ui'], runs: 1, settle: '200ms', thresholds: ['ttfb p(75)<20000'], duringLoad: true } }));
    const out = path.join(dir, 'r.json');
    const r = await runCli(['load', ...load(), '-d', '8s', '--out', out], { cwd: dir, timeoutMs: 150_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('vitals: measuring the pages while the load runs');
    const j = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    expect(j.vitals.thresholds).toEqual({ expressions: ['ttfb p(75)<20000'], defaulted: false });
    expect(j.vitals.idle.pages[0].url).toBe(`${base}/ui`);
    expect(j.vitals.underLoad.runsPerMode).toBe(1);
  }, 180_000);

  it('a scenario file run measures the pages too, each under-load run at the scenario\'s request rate', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 's.ts'), `import { defineScenario } from 'gonogo';
      export default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '8s' }, run: async (vu) => { await vu.http.get('/api'); await vu.sleep(0.01); } });`);
    const { r, j } = await runLoadJson(['load', '--scenario', path.join(dir, 's.ts'), base, '--workers', '1', '-q', '--vitals', `${base}/ui`, '--vitals-runs', '1', '--vitals-threshold', 'ttfb{mode:cold} p(75)<20000'], { cwd: dir, timeoutMs: 150_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(j.mode).toBe('scenario');
    const measured: Run[] = j.vitals.underLoad.pages[0].runs.filter((x: Run) => !x.error);
    expect(measured.length).toBeGreaterThan(0);
    for (const x of measured) expect(x.loadRps).toBeGreaterThan(0);
    expect(j.vitals.idle.pages[0].runs).toHaveLength(2);
    expect(j.vitals.passed).toBe(true);
  }, 180_000);
});

describe('gonogo load --vitals: bad input and a missing browser are exit 2 before any request is sent', () => {
  let server: http.Server;
  let base = '';
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cases: [string, string[], RegExp, Record<string, string>?][] = [
    ['a page that is not a URL', ['--vitals', 'ui'], /"ui" is not an absolute http:\/\/ or https:\/\/ URL\n {2}at --vitals #1/],
    ['a page that is not http(s)', ['--vitals', 'ftp://127.0.0.1/'], /GONOGO_URL_INVALID[\s\S]*at --vitals #1/],
    ['--vitals-runs 0', ['--vitals', 'http://127.0.0.1:9/', '--vitals-runs', '0'], /--vitals-runs expects a whole number from 1 to 100, got "0"/],
    ['--vitals-runs abc', ['--vitals', 'http://127.0.0.1:9/', '--vitals-runs', 'abc'], /--vitals-runs expects a whole number from 1 to 100, got "abc"/],
    ['a vitals threshold on an unknown metric', ['--vitals', 'http://127.0.0.1:9/', '--vitals-threshold', 'speed p(75)<1'], /GONOGO_THRESHOLD_SYNTAX[\s\S]*--vitals-threshold #1: "speed p\(75\)<1"/],
    ['a vitals threshold with bad syntax', ['--vitals', 'http://127.0.0.1:9/', '--vitals-threshold', 'lcp p(75)<<1'], /--vitals-threshold #1: .*expected a number after '<'/],
    ['--vitals-runs without --vitals', ['--vitals-runs', '2'], /--vitals-runs needs --vitals PAGE_URL/],
    ['--vitals-threshold without --vitals', ['--vitals-threshold', 'lcp p(75)<2500'], /--vitals-threshold needs --vitals PAGE_URL/],
    ['no browser at GONOGO_CHROMIUM', ['--vitals', 'http://127.0.0.1:9/'], /GONOGO_BROWSER_MISSING[\s\S]*no executable browser at "\/nonexistent\/chromium"/, { GONOGO_CHROMIUM: '/nonexistent/chromium' }],
  ];
  for (const [name, args, message, env] of cases) {
    it(name, async () => {
      const before = hits;
      const r = await runCli(['load', `${base}/`, '-d', '2s', '-c', '1', ...args], { env, timeoutMs: 30_000 });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(hits - before).toBe(0);
    });
  }
});
