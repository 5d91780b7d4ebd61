import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVitals, type VitalsSettings } from '../../src/probe/vitals/run.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';

/** The button blocks the main thread for 300 ms only once text was typed: the default single click stays fast. */
const FORM = `<!doctype html><body><button id="b" onclick="if (document.getElementById('q').value) { const t = performance.now(); while (performance.now() - t < 300); } this.textContent = 'done'">go</button><input id="q">`;

describe.runIf(requireProgram(CHROMIUM))('scripted interactions in real Chromium', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(FORM);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const settings = (steps?: VitalsSettings['steps']): VitalsSettings => ({
    urls: [`${base}/form`],
    ...(steps ? { steps } : {}),
    runs: 1,
    thresholds: [],
    chromium: CHROMIUM,
    pageTimeoutMs: 5_000,
    maxTimeMs: 120_000,
    settleMs: 300,
    allowOrigins: [],
  });

  it('only the scripted type+click sequence gives a long INP; the default click does not', async () => {
    const auto = await runVitals(settings());
    expect(auto.pages[0]!.runs[0]!.interactions).toEqual(['click button#b']);
    expect(auto.pages[0]!.vitals.cold.inp.p75 ?? 0).toBeLessThan(300);
    const scripted = await runVitals(settings({ [`${base}/form`]: [{ type: '#q', text: 'abc' }, { click: '#b' }, { waitFor: '#b' }, { wait: 50 }] }));
    const run = scripted.pages[0]!.runs[0]!;
    expect(run.error).toBeUndefined();
    expect(run.interactions).toEqual(['type #q "abc"', 'click #b', 'waitFor #b', 'wait 50ms']);
    for (const mode of ['cold', 'warm'] as const) expect(scripted.pages[0]!.vitals[mode].inp.p75!).toBeGreaterThanOrEqual(300);
  }, 120_000);

  it('a failing step is reported with the step named, and the run completes', async () => {
    const r = await runVitals(settings({ [`${base}/form`]: [{ click: '#b' }, { click: '#missing' }] }));
    expect(r.pages[0]!.runs).toHaveLength(2);
    for (const run of r.pages[0]!.runs) {
      expect(run.failedStep).toBe('#2 click #missing');
      expect(run.error).toMatch(/^step-failed: #2 click #missing: .*Timeout/);
    }
    expect(r.pages[0]!.errors).toBe(2);
  }, 120_000);
});

describe('pages.urls interactions in config', () => {
  it('gonogo run exits 2 naming the bad step path', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.json'), JSON.stringify({ target: 'http://127.0.0.1:9', pages: { urls: ['/ok', { url: '/f', interactions: [{ click: '' }, { tap: '#x' }] }] } }));
    const r = await runCli(['run'], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pages\.urls\[1\]\.interactions\[0\]\.click: expected a CSS selector/);
    expect(r.stderr).toMatch(/pages\.urls\[1\]\.interactions\[1\]: expected one step: \{ click: SEL \}/);
    expect(r.stderr).not.toContain('pages.urls[0]');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  }, 60_000);
});
