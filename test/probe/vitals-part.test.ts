import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { PARTS } from '../../src/run/parts.js';
import { runGate } from '../../src/run/run.js';
import { renderHtml } from '../../src/report/html/page.js';
import { markdown } from '../../src/report/reporters/markdown.js';
import { runReportJson } from '../../src/report/run-json.js';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * A UI whose document waits 2 s whenever the API is busy (a request in the last 300 ms): the same page is fast
 * idle and slow while the load part hammers /api, which the under-load measurement must show.
 */
function uiServer() {
  let lastApi = 0;
  const pages: Record<string, string> = {
    '/ui': '<!doctype html><body><h1>Dashboard</h1><button id="b" onclick="this.textContent=\'ok\'">refresh</button>',
    // A 1280x400 block pushed down by 200 px once it has been painted: CLS 0.13, above Google's "good" 0.1.
    '/shift': `<!doctype html><body style="margin:0"><div id="c" style="height:400px;background:#c83">content</div><script>addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(() => { const d = document.createElement('div'); d.style.height = '200px'; document.body.insertBefore(d, document.getElementById('c')); })));</script>`,
  };
  return http.createServer((req, res) => {
    if (req.url === '/api') {
      lastApi = Date.now();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const body = pages[req.url ?? ''];
    const send = () => res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body ?? 'not found');
    if (Date.now() - lastApi < 300) setTimeout(send, 2000);
    else send();
  });
}

const gate = (raw: object, signal = new AbortController().signal) => {
  const logs: string[] = [];
  return {
    logs,
    run: () => runGate({ config: validateConfig(raw), root: '/tmp', scale: 1, strict: false, signal, log: (l) => logs.push(l), parts: { pages: PARTS.pages } }),
  };
};

describe.runIf(requireProgram(CHROMIUM))('the pages part of gonogo run, in real Chromium', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = uiServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('judges the pages on Google\'s "good" limits when no thresholds are configured, and reports them in every format', async () => {
    const { run } = gate({ target: base, pages: { urls: ['/ui', '/shift'], runs: 1, settle: '300ms' } });
    const { report } = await run();
    expect(report.parts.find((p) => p.name === 'pages')).toMatchObject({ status: 'ran' });
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual(['pages.threshold:lcp:p(75)<=2500', 'pages.threshold:cls:p(75)<=0.1', 'pages.threshold:inp:p(75)<=200', 'pages.loads']);
    // The shifting page's CLS (0.13) fails the default CLS limit; the rest are fast on loopback.
    expect(byId['pages.threshold:cls:p(75)<=0.1']).toMatchObject({ status: 'fail', role: 'threshold' });
    expect(byId['pages.threshold:lcp:p(75)<=2500']!.status).toBe('pass');
    expect(byId['pages.threshold:cls:p(75)<=0.1']!.title).toContain('default');
    expect(byId['pages.loads']).toMatchObject({ status: 'pass', evidence: '4 of 4 loads measured' });
    expect(report.verdict.verdict).toBe('NOT_READY');
    expect(report.vitals?.thresholds).toEqual({ expressions: ['lcp p(75)<=2500', 'cls p(75)<=0.1', 'inp p(75)<=200'], defaulted: true });
    expect(report.vitals?.underLoad).toBeUndefined();
    const shift = report.vitals!.idle.pages[1]!;
    expect(shift.vitals.cold.cls.band).toBe('needs-improvement');

    const md = markdown(report, { color: false });
    expect(md).toContain('## Web Vitals');
    expect(md).toMatch(/\| http:\/\/127\.0\.0\.1:\d+\/shift \| cold \| CLS \| 0\.1\d\d \| 0\.1\d\d \| 0\.1\d\d \| needs improvement \|/);
    expect(md).toContain('none configured: Google\'s "good" limits at p75');
    const html = renderHtml(report);
    expect(html).toContain('<section id="web-vitals"><h2>Web Vitals</h2>');
    expect(html).toMatch(/<td class="band-needs-improvement">needs improvement<\/td>/);
    const json = JSON.parse(runReportJson(report));
    expect(json.vitals.idle.schema).toBe('gonogo/vitals-result@1');
    expect(json.vitals.idle.pages[1].vitals.cold.cls.p75).toBeGreaterThan(0.1);
  }, 120_000);

  // A page that is slow only under load is a warning (docs/vitals.md), never a blocker: the run is READY WITH WARNINGS,
  // exit 0. The load's own thresholds are set wide so that a busy test machine (generator delay counted into the
  // latency from the intended send time) cannot add a blocker of its own: the verdict then rests on the pages alone.
  it('pages.duringLoad measures the pages again while the load part runs, and the report shows both side by side', async () => {
    const dir = tmpDir();
    // The load workers run from dist/, so this goes through the CLI as a user would.
    writeFileSync(
      path.join(dir, 'gonogo.config.json'),
      JSON.stringify({
        target: base,
        run: { parts: ['load', 'pages'] },
        load: { url: '/api', workers: 1, connections: 2, rate: 200, duration: '12s', thresholds: ['rate<0.5', 'p(95)<60000'] },
        pages: { urls: ['/ui'], runs: 2, settle: '200ms', thresholds: ['fcp p(75)<1500'], duringLoad: true },
      }),
    );
    const r = await runCli(['run', '--out', 'out'], { cwd: dir, timeoutMs: 150_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('pages: measuring while the load runs');
    const report = readJson(path.join(dir, 'out/report.json'));
    expect(report.verdict).toBe('READY_WITH_WARNINGS');
    expect(report.reasons.filter((x: { level: string }) => x.level === 'blocker')).toEqual([]);
    expect(report.reasons.some((x: { level: string; checks: string[] }) => x.level === 'warning' && x.checks.includes('pages.under-load'))).toBe(true);
    const v = report.vitals;
    const under = v.underLoad;
    expect(under, v.underLoadNote).toBeTruthy();
    const measured = under.pages[0].runs.filter((x: { error?: string }) => !x.error);
    expect(measured.length).toBeGreaterThan(0);
    // Every page load under load started while the load sent requests, and says at what rate.
    for (const x of measured) expect(x.loadRps).toBeGreaterThan(0);
    // Idle the document is immediate; under load it waits 2 s, and FCP shows it.
    const idleFcp = v.idle.pages[0].vitals.cold.fcp.p50;
    const loadedFcp = Math.max(...measured.map((x: { fcp: number }) => x.fcp));
    expect(loadedFcp).toBeGreaterThanOrEqual(idleFcp + 1500);
    expect(v.idle.thresholds[0]).toMatchObject({ metric: 'fcp', ok: true });
    expect(under.thresholds[0]).toMatchObject({ metric: 'fcp', ok: false });
    const check = report.checks.find((c: { id: string }) => c.id === 'pages.under-load');
    expect(check.status).toBe('warn');
    expect(check.evidence).toMatch(/fcp p\(75\)<1500: \d+ ms idle, \d+ ms under load \(FAIL\)/);
    const md = readFileSync(path.join(dir, 'out/report.md'), 'utf8');
    expect(md).toContain('| page | mode | vital | p50 | p75 | p95 | band | p50 under load | p75 under load | p95 under load | band under load |');
    expect(md).toMatch(/Under load: measured while the load part ran \(load at \d+–\d+ req\/s/);
    expect(readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('p75 under load');
  }, 180_000);
});

describe('the pages part without a browser, and bad pages config', () => {
  it('a missing browser is the part\'s error (NOT READY, saying how to install one), never a skip', async () => {
    const { run } = gate({ target: 'http://127.0.0.1:9', pages: { urls: ['/'], chromium: '/nonexistent/chromium' } });
    const { report } = await run();
    const part = report.parts.find((p) => p.name === 'pages')!;
    expect(part.status).toBe('error');
    expect(part.reason).toContain('no executable browser at "/nonexistent/chromium" (pages.chromium)');
    expect(report.checks.find((c) => c.id === 'run.pages')?.status).toBe('fail');
    expect(report.verdict.verdict).toBe('NOT_READY');
    const env = gate({ target: 'http://127.0.0.1:9', pages: { urls: ['/'] } });
    const saved = process.env.GONOGO_CHROMIUM;
    process.env.GONOGO_CHROMIUM = '/nonexistent/chrome';
    try {
      const r = (await env.run()).report;
      expect(r.parts.find((p) => p.name === 'pages')?.reason).toMatch(/GONOGO_CHROMIUM.*Chromium or Chrome binary/);
      expect(r.verdict.verdict).toBe('NOT_READY');
    } finally {
      if (saved === undefined) delete process.env.GONOGO_CHROMIUM;
      else process.env.GONOGO_CHROMIUM = saved;
    }
  });

  it('gonogo run exits 2 naming every bad pages key, before any browser starts', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.json'), JSON.stringify({ pages: { urls: ['nope', '/x'], runs: 0, thresholds: ['lcp p(75)<<1', 'http_reqs p(75)<1'], network: '5g', cpuThrottle: 0.5, settle: 'soon', duringLoad: 'yes' } }));
    const r = await runCli(['run'], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    for (const p of ['pages.urls[0]', 'pages.runs', 'pages.network', 'pages.cpuThrottle', 'pages.settle', 'pages.duringLoad']) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    // Thresholds and paths are checked once the shape is right.
    writeFileSync(path.join(dir, 'gonogo.config.json'), JSON.stringify({ pages: { urls: ['/x'], thresholds: ['lcp p(75)<<1', 'http_reqs p(75)<1'] } }));
    const t = await runCli(['run'], { cwd: dir, timeoutMs: 30_000 });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/pages\.urls\[0\]: "\/x" is a path, so `target`/);
    expect(t.stderr).toMatch(/pages\.thresholds\[0\]: .*expected a number after '<'/);
    expect(t.stderr).toMatch(/pages\.thresholds\[1\]: /);
  }, 60_000);
});
