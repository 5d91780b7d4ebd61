import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, httpServer, type TestServer } from '../helpers/servers.js';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/** Pages with a known behaviour: the late big block (LCP), the shift (CLS), the slow click handler (INP). */
const PAGES: Record<string, string> = {
  '/late': `<!doctype html><html><body><p>x</p><script>setTimeout(() => { const d = document.createElement('div'); d.style.cssText = 'width:900px;height:500px;background:#369'; d.textContent = 'hero'; document.body.append(d); }, 400);</script></body></html>`,
  '/shift': `<!doctype html><html><body><p style="font-size:40px">first line of text that will move</p><p style="font-size:40px">second line of text that will move</p><script>setTimeout(() => { const d = document.createElement('div'); d.style.cssText = 'height:300px;background:#c33'; document.body.prepend(d); }, 200);</script></body></html>`,
  '/slow-click': `<!doctype html><html><body><h1>stable</h1><button onclick="const t = performance.now(); while (performance.now() - t < 200) {} this.textContent = 'done';">go</button><img src="https://cdn.example.invalid/pixel.png" alt=""></body></html>`,
};

describe.runIf(requireProgram(CHROMIUM))('gonogo vitals in real Chromium', () => {
  let srv: TestServer;
  const seen: string[] = [];
  beforeAll(async () => {
    srv = await httpServer((req, res) => {
      seen.push(req.url ?? '');
      const body = PAGES[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body ?? 'no');
    });
  });
  afterAll(async () => srv?.close());

  it('measures LCP after the late block, CLS of the shift, INP of the slow handler; blocks other origins', async () => {
    const out = path.join(tmpDir('gonogo-vitals-'), 'v.json');
    const r = await runCli(['vitals', `${srv.url}late`, `${srv.url}shift`, `${srv.url}slow-click`, '--runs', '1', '--out', out, '-q'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const j = readJson(out);
    expect(j.schema).toBe('gonogo/vitals-result@1');
    const cold = (p: string) => j.pages.find((x: { url: string; mode: string }) => x.url === `${srv.url}${p.slice(1)}` && x.mode === 'cold').metrics;
    expect(cold('/late').lcp.p50).toBeGreaterThanOrEqual(400);
    expect(cold('/late').lcp.p50).toBeLessThan(10_000);
    expect(cold('/late').fcp.p50).toBeLessThanOrEqual(cold('/late').lcp.p50);
    expect(cold('/shift').cls.p50).toBeGreaterThan(0.05);
    expect(cold('/late').cls.p50).toBe(0);
    expect(cold('/slow-click').inp.p50).toBeGreaterThanOrEqual(200);
    expect(cold('/slow-click').ttfb.p50).toBeGreaterThan(0);
    for (const p of j.pages) expect(['good', 'needs-improvement', 'poor']).toContain(p.metrics.lcp.band);
    // The image on another origin was aborted, never requested; our server saw only its own pages.
    expect(j.blocked[`${srv.url}slow-click`]).toBeGreaterThanOrEqual(2);
    expect(seen.every((u) => u in PAGES || u === '/favicon.ico')).toBe(true);
    expect(r.stdout).toMatch(/LCP\s+\d+ ms/);
    expect(r.stdout).toMatch(/band \(p75\)/);
  }, 150_000);

  it('thresholds: a met one exits 0, a broken one exits 1 and names it', async () => {
    const ok = await runCli(['vitals', `${srv.url}slow-click`, '--runs', '1', '--threshold', 'cls: p(75)<0.1', '-q'], { timeoutMs: 90_000 });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/✔ cls: p\(75\)<0\.1/);
    const bad = await runCli(['vitals', `${srv.url}slow-click`, '--runs', '1', '--threshold', 'inp{mode:cold}: p(75)<100', '-q'], { timeoutMs: 90_000 });
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/✖ inp\{mode:cold\}: p\(75\)<100/);
  }, 150_000);

  it('bad input is exit 2 before a browser starts; an unreachable page is exit 3', async () => {
    for (const [args, what] of [
      [['ftp://example.com/'], /not an http\(s\) URL/],
      [['http://127.0.0.1:1/', '--threshold', 'http_req_duration: p(95)<1'], /not a page vital/],
      [['http://127.0.0.1:1/', '--threshold', 'lcp p(75)<1'], /expected ':'/],
      [['http://127.0.0.1:1/', '--runs', '0'], /--runs/],
      [['http://127.0.0.1:1/', '--chromium', '/nonexistent/chrome'], /no browser at/],
    ] as const) {
      const r = await runCli(['vitals', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(what);
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
    }
    const down = await runCli(['vitals', `http://127.0.0.1:${await closedPort()}/`, '--runs', '1', '--timeout', '5s', '-q'], { timeoutMs: 60_000 });
    expect(down.code, down.stderr).toBe(3);
    expect(down.stderr).toMatch(/no page loaded/);
  }, 120_000);
});
