import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../../src/report/reporters/html.js';
import { requireProgram } from '../helpers/system.js';
import { HOSTILE, readyRunReport, sampleRunReport } from './sample-run-report.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.runIf(requireProgram(CHROMIUM))('report.html in real Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gonogo-html-'));
  let browser: Browser;
  beforeAll(async () => {
    // launch() gives the browser a fresh temporary profile (user-data-dir) of its own and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  }, 40_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Open a report from a file:// URL with the network cut off, recording console errors, dialogs and requests. */
  async function open(name: string, text: string) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.waitForTimeout(300); // an injected onerror would fire by now
    return { page, context, errors, dialogs, requests };
  }

  it('opens offline with no console errors, fetches nothing, and draws the four timeline charts', async () => {
    const { page, context, errors, requests } = await open('run.html', html(sampleRunReport(), { color: false }));
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe('NOT_READY');
      const charts = page.locator('.charts svg.chart');
      expect(await charts.count()).toBe(4);
      for (let i = 0; i < 4; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box!.width).toBeGreaterThan(100);
        expect(box!.height).toBeGreaterThan(30);
        // Every series is a polyline with one vertex per timeline second.
        const points = await charts.nth(i).locator('polyline').first().getAttribute('points');
        expect(points!.trim().split(/\s+/)).toHaveLength(9);
      }
      const latencySeries = await charts.nth(0).locator('polyline').evaluateAll((els) => els.map((e) => e.getAttribute('data-series')));
      expect(latencySeries).toEqual(['p50', 'p95', 'p99']);
      // The rendered polyline is really painted: it has a length on screen.
      const len = await charts.nth(0).locator('polyline').first().evaluate((el) => (el as unknown as { getTotalLength(): number }).getTotalLength());
      expect(len).toBeGreaterThan(100);
    } finally {
      await context.close();
    }
  });

  it('shows a hostile endpoint name and response body as text and never runs them', async () => {
    const { page, context, errors, dialogs } = await open('hostile.html', html(sampleRunReport(), { color: false }));
    try {
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      // No element the hostile strings could have created exists ...
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      // ... and the strings are on the page, as text.
      const perf = await page.locator('#perf-table').innerText();
      expect(perf).toContain(`GET /search/${HOSTILE}`);
      const checks = await page.locator('#checks-table').innerText();
      expect(checks).toContain(`${HOSTILE}<script>alert(2)</script>`);
      expect(await page.locator('#findings-table').innerText()).toContain('<a href="javascript:alert(1)">here</a>');
    } finally {
      await context.close();
    }
  });

  it('sorts a table by a numeric column, both ways, when its header is clicked', async () => {
    const { page, context, errors } = await open('sort.html', html(sampleRunReport(), { color: false }));
    try {
      const p95 = () => page.locator('#perf-table tbody tr td:nth-child(6)').allInnerTexts();
      expect(await p95()).toEqual(['41.20', '30.50', '95.10']);
      await page.locator('#perf-table th', { hasText: 'p95' }).locator('button').click();
      expect(await p95()).toEqual(['30.50', '41.20', '95.10']);
      expect(await page.locator('#perf-table th', { hasText: 'p95' }).getAttribute('aria-sort')).toBe('ascending');
      await page.locator('#perf-table th', { hasText: 'p95' }).locator('button').click();
      expect(await p95()).toEqual(['95.10', '41.20', '30.50']);
      // Text columns sort alphabetically; severity sorts by rank, not by name.
      await page.locator('#findings-table th', { hasText: 'severity' }).locator('button').click();
      expect(await page.locator('#findings-table tbody tr td:nth-child(1)').allInnerTexts()).toEqual(['low', 'low', 'medium', 'high', 'critical']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a READY run shows the staged rollout with success metrics and a rollback trigger', async () => {
    const { page, context, errors } = await open('ready.html', html(readyRunReport(), { color: false }));
    try {
      expect(errors).toEqual([]);
      expect(await page.locator('#verdict').innerText()).toBe('READY');
      const text = await page.locator('#deployment').innerText();
      expect(text).toContain('canary 5% — hold 48 h');
      expect(text).toContain('50% — hold 24 h');
      expect(text).toContain('100%');
      expect(text).toContain('journey: http_req_duration p(95)<500 (measured 41.2)');
      expect(text).toMatch(/Roll back when:[\s\S]*p95 above/);
    } finally {
      await context.close();
    }
  });
});
