import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVitals, type VitalsSettings } from '../../src/probe/vitals/run.js';
import { parseVitalsThreshold } from '../../src/probe/vitals/settings.js';
import { runCli } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/** Pages with one known vital each: a late LCP block, a known layout shift, a click handler that blocks 150 ms. */
const PAGES: Record<string, string> = {
  '/lcp': `<!doctype html><body style="margin:0"><p>x</p><script>setTimeout(() => { const d = document.createElement('div'); d.style.cssText = 'width:900px;height:600px;background:#38c'; d.textContent = 'late'; document.body.appendChild(d); }, 300);</script>`,
  // A 1280x400 block pushed down by 200 px in a 1280x720 viewport: impact 600/720, distance 200/1280 -> CLS 0.130.
  '/cls': `<!doctype html><body style="margin:0"><div id="c" style="height:400px;background:#c83">content</div><script>setTimeout(() => { const d = document.createElement('div'); d.style.height = '200px'; document.body.insertBefore(d, document.getElementById('c')); }, 200);</script>`,
  '/inp': `<!doctype html><body><button id="b" onclick="const t = performance.now(); while (performance.now() - t < 150); this.textContent = 'done'">go</button>`,
  '/foreign': `<!doctype html><body><p>x</p><img src="http://192.0.2.1/pixel.png">`,
};

describe.runIf(requireProgram(CHROMIUM))('gonogo vitals in real Chromium', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = PAGES[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const settings = (paths: string[], thresholds: string[] = []): VitalsSettings => ({
    urls: paths.map((p) => base + p),
    runs: 1,
    thresholds: thresholds.map((t, i) => parseVitalsThreshold(t, `t${i}`)),
    chromium: CHROMIUM,
    pageTimeoutMs: 20_000,
    maxTimeMs: 120_000,
    settleMs: 700,
    allowOrigins: [],
  });

  it('measures a late LCP, a known layout shift and a blocking click handler, cold and warm', async () => {
    const r = await runVitals(settings(['/lcp', '/cls', '/inp', '/foreign'], ['lcp{mode:cold} p(75)<10000', 'inp p(95)<100']));
    expect(r.schema).toBe('gonogo/vitals-result@1');
    const [lcp, cls, inp, foreign] = r.pages;
    for (const mode of ['cold', 'warm'] as const) {
      const l = lcp!.vitals[mode].lcp;
      expect(l.count).toBe(1);
      expect(l.p75!).toBeGreaterThanOrEqual(300);
      expect(l.p75!).toBeLessThan(5000);
      const c = cls!.vitals[mode].cls;
      expect(c.p75!).toBeGreaterThan(0.11);
      expect(c.p75!).toBeLessThan(0.15);
      expect(c.band).toBe('needs-improvement');
      expect(inp!.vitals[mode].inp.p75!).toBeGreaterThanOrEqual(150);
      expect(inp!.vitals[mode].fcp.p75!).toBeGreaterThan(0);
      expect(inp!.vitals[mode].ttfb.p75!).toBeGreaterThanOrEqual(0);
    }
    expect(inp!.runs[0]!.interaction).toBe('click button#b');
    expect(lcp!.runs[0]!.interaction).toBe('click page corner');
    // The image on another origin was never fetched.
    expect(foreign!.blockedRequests).toContain('http://192.0.2.1/pixel.png');
    expect(r.thresholds.map((t) => t.ok)).toEqual([true, false]);
  }, 120_000);

  it('exits 0 when thresholds pass, 1 when one fails, and prints the JSON result', async () => {
    const pass = await runCli(['vitals', `${base}/inp`, '--runs', '1', '--settle', '300ms', '--threshold', 'inp p(75)<5000', '--format', 'json', '-q'], { timeoutMs: 90_000 });
    expect(pass.code).toBe(0);
    const j = JSON.parse(pass.stdout);
    expect(j.thresholds[0]).toMatchObject({ metric: 'inp', ok: true });
    const fail = await runCli(['vitals', `${base}/inp`, '--runs', '1', '--settle', '300ms', '--threshold', 'inp p(75)<100', '-q'], { timeoutMs: 90_000 });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('FAIL  inp p(75)<100');
  }, 200_000);

  it('classifies an unreachable page (exit 3) and a 404 page without crashing', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await runCli(['vitals', `http://127.0.0.1:${port}/`, `${base}/missing`, '--runs', '1', '--settle', '200ms', '--format', 'json', '-q'], { timeoutMs: 90_000 });
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.pages[0].runs[0].error).toMatch(/^unreachable/);
    expect(j.pages[1].runs[0].error).toBe('http-404');
  }, 120_000);
});

describe('gonogo vitals bad input', () => {
  it('rejects a non-http URL, a bad threshold and a missing browser with exit 2, before launching anything', async () => {
    const url = await runCli(['vitals', 'ftp://example.com/'], { timeoutMs: 20_000 });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('GONOGO_URL_INVALID');
    const th = await runCli(['vitals', 'http://127.0.0.1:9/', '--threshold', 'lcp p(75)<<1'], { timeoutMs: 20_000 });
    expect(th.code).toBe(2);
    expect(th.stderr).toContain('GONOGO_THRESHOLD');
    const unknown = await runCli(['vitals', 'http://127.0.0.1:9/', '--threshold', 'http_reqs p(75)<1'], { timeoutMs: 20_000 });
    expect(unknown.code).toBe(2);
    const nob = await runCli(['vitals', 'http://127.0.0.1:9/', '--chromium', '/nonexistent/chromium'], { timeoutMs: 20_000 });
    expect(nob.code).toBe(2);
    expect(nob.stderr).toContain('GONOGO_BROWSER_MISSING');
    expect(nob.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  }, 60_000);

  it('parses "lcp p(75)<2500" and "cls: p(75)<0.1" with the load thresholds\' parser', () => {
    expect(parseVitalsThreshold('lcp p(75)<2.5s', 'x')).toMatchObject({ metric: 'lcp', value: 2500, op: '<', source: 'lcp p(75)<2.5s' });
    expect(parseVitalsThreshold('cls: p(75)<0.1', 'x')).toMatchObject({ metric: 'cls', value: 0.1 });
    expect(parseVitalsThreshold('inp{mode:warm} p(95)<=200', 'x')).toMatchObject({ metric: 'inp', tags: { mode: 'warm' } });
  });
});
