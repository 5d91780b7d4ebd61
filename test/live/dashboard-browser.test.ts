import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tmpDir } from '../helpers/cli.js';
import { httpServer, type TestServer } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A request name from the target's side (a scenario) that would run if the page parsed it as HTML. */
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

describe.runIf(requireProgram(CHROMIUM))('live dashboard in real Chromium', () => {
  const dir = tmpDir('gonogo-dash-');
  let target: TestServer;
  let browser: Browser;
  let cli: ChildProcess;
  let stderr = '';
  let exit: Promise<number | null>;
  let dashboardUrl: string;

  beforeAll(async () => {
    // The browser first: the run (and so the dashboard) must still be going when the page opens, on a busy machine too.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
    // Some 500s give the errors-by-class table something to show.
    target = await httpServer((req, res, n) => {
      setTimeout(() => {
        res.statusCode = req.url?.startsWith('/flaky') && n % 5 === 0 ? 500 : 200;
        res.end('ok');
      }, 2);
    });
    writeFileSync(
      path.join(dir, 'live.ts'),
      `import { defineScenario, step } from 'gonogo';
      export default defineScenario({
        name: 'live',
        executor: { type: 'constant-users', users: 3, duration: '12s' },
        journey: [
          step('get', (vu) => vu.http.get('/items', { name: ${JSON.stringify(HOSTILE)} })),
          step('flaky', (vu) => vu.http.get('/flaky')),
        ],
      });`,
    );
    cli = spawn(process.execPath, [CLI, 'load', target.url, '--scenario', path.join(dir, 'live.ts'), '--workers', '1', '--threshold', 'p(95)<2000', '--out', path.join(dir, 'result.json'), '--dashboard', '127.0.0.1:0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    cli.stdout!.resume();
    exit = new Promise((r) => cli.on('close', (code) => r(code)));
    dashboardUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no dashboard URL on stderr: ${stderr}`)), 20_000);
      cli.stderr!.on('data', (d: Buffer) => {
        stderr += d;
        const m = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (cli && cli.exitCode === null) cli.kill('SIGKILL');
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records console errors, dialogs and every request that would leave 127.0.0.1 (those are blocked). */
  async function open(): Promise<{ context: BrowserContext; page: Page; errors: string[]; offLoopback: string[]; dialogs: string[] }> {
    // bypassCSP: Playwright evaluates string predicates, which the page's CSP forbids. It also makes the escaping
    // check stricter: the hostile name must stay text by itself, not because the CSP stops it (the CSP is tested apart).
    const context = await browser.newContext({ bypassCSP: true });
    const errors: string[] = [];
    const offLoopback: string[] = [];
    const dialogs: string[] = [];
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname !== '127.0.0.1') {
        offLoopback.push(u.href);
        return route.abort();
      }
      return route.continue();
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(dashboardUrl, { waitUntil: 'load' });
    return { context, page, errors, offLoopback, dialogs };
  }

  it('updates while the run goes, shows target names as text, keeps history for a reopened page, then shows the verdict and serves the report', async () => {
    const first = await open();
    const { page } = first;
    await page.waitForFunction("document.getElementById('rps').textContent !== '–'", undefined, { timeout: 20_000 });
    const reading1 = { total: await page.textContent('#errs'), elapsed: await page.textContent('#elapsed') };
    await page.waitForTimeout(2500);
    const reading2 = { total: await page.textContent('#errs'), elapsed: await page.textContent('#elapsed') };
    expect(reading2.total).not.toBe(reading1.total);
    expect(reading2.elapsed).not.toBe(reading1.elapsed);
    expect(Number((await page.textContent('#users'))!.trim())).toBeGreaterThan(0);
    expect(await page.textContent('#lat')).toMatch(/^\d+\.\d \/ \d+\.\d \/ \d+\.\d$/);

    // The hostile request name is a cell's text: no element was made of it, nothing ran.
    const names = await page.locator('#endpoints tbody td:first-child').allTextContents();
    expect(names).toContain(`live: GET ${HOSTILE}`);
    // (Expressions as strings: the tests are type-checked without the DOM library.)
    expect(await page.evaluate("document.querySelectorAll('script').length")).toBe(1);
    expect(await page.evaluate("document.querySelectorAll('#endpoints img').length")).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    // Thresholds, errors by class and the metric names from the one list.
    expect(await page.locator('#thresholds tbody tr').first().textContent()).toContain('p(95)<2000');
    expect(await page.locator('#thresholds tbody td.pass').count()).toBe(1);
    await page.waitForFunction("document.querySelector('#classes tbody').textContent.includes('http_5xx')", undefined, { timeout: 5000 });
    expect(await page.locator('code[data-metric="requests"]').first().textContent()).toBe('gonogo_http_requests_total');
    const firstPage = { errors: first.errors, offLoopback: first.offLoopback, dialogs: first.dialogs };
    await first.context.close();

    // Closed and reopened: the first frame carries the history, so the chart has several seconds at once.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await open();
    // Read the chart the moment the first frame is drawn ('live'): a page without history would have no line yet
    // (a line needs two seconds), at most one more second can have arrived since.
    const points = await second.page.waitForFunction("document.getElementById('status').textContent === 'live' && (document.querySelector('#chart-rps polyline')?.getAttribute('points') ?? '').trim().split(/\\s+/).length", undefined, { timeout: 10_000, polling: 'raf' });
    expect(await points.jsonValue()).toBeGreaterThanOrEqual(4);

    // The run ends: the verdict and a link to the report, which the dashboard serves while it lingers.
    await second.page.waitForSelector('#verdict:not([hidden])', { timeout: 20_000 });
    expect(await second.page.textContent('#verdict')).toContain('Verdict: PASS');
    expect(await second.page.getAttribute('#verdict a', 'href')).toBe('/report');
    const report = (await second.page.evaluate("fetch('/report').then(async (r) => ({ status: r.status, body: await r.text() }))")) as { status: number; body: string };
    expect(report.status).toBe(200);
    expect(JSON.parse(report.body).schema).toBe('gonogo/load-result@1');
    expect(await second.page.textContent('#status')).toBe('run finished');

    for (const p of [firstPage, second]) {
      expect(p.errors).toEqual([]);
      expect(p.offLoopback).toEqual([]);
      expect(p.dialogs).toEqual([]);
    }
    await second.context.close();

    // The command ends after the linger and the dashboard is gone with it.
    expect(await exit).toBe(0);
    await expect(fetch(dashboardUrl)).rejects.toThrow();
  }, 60_000);
});
