import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';
const BLOCK_MS = 300;

/** A page whose button handler blocks the main thread BLOCK_MS, then shows a result the steps wait for. */
const PAGE = `<!doctype html><body><h1>Search</h1><input id="search"><button id="go">go</button><p id="out"></p>
<script>document.getElementById('go').addEventListener('click', () => {
  const t = performance.now(); while (performance.now() - t < ${BLOCK_MS});
  const c = document.createElement('span'); c.id = 'count'; c.textContent = document.getElementById('search').value;
  document.getElementById('out').append(c);
});</script>`;

describe('gonogo vitals --step, bad steps', () => {
  it.each([
    ['clack #go', 'unknown step kind "clack"'],
    ['type #search', 'expected a selector and the text to type'],
    ['wait 0ms', 'expected a duration greater than 0'],
    ['click', 'expected a CSS selector'],
  ])('refuses "%s" before any browser starts: exit 2 naming the flag and the step', async (step, why) => {
    const r = await runCli(['vitals', 'http://127.0.0.1:9/', '--step', 'click #go', '--step', step, '--chromium', '/nonexistent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bad step "${step}": ${why}`);
    expect(r.stderr).toContain('--step #2');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});

describe.runIf(requireProgram(CHROMIUM))('gonogo vitals --step, in real Chromium', () => {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('runs the steps in order on every run; INP of the click exceeds the time its handler blocks', async () => {
    const steps = ['type #search hello', 'click #go', 'waitFor #count', 'press Enter', 'wait 100ms'];
    const r = await runCli(['vitals', base, '--runs', '1', '--settle', '200ms', '--format', 'json', '-q', '--chromium', CHROMIUM, '--threshold', 'inp p(75)<100000', ...steps.flatMap((s) => ['--step', s])], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const runs = j.pages[0].runs;
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(run.error, JSON.stringify(run)).toBeUndefined();
      expect(run.interactions).toEqual(['type #search "hello"', 'click #go', 'waitFor #count', 'press Enter', 'wait 100ms']);
      expect(run.inp).toBeGreaterThanOrEqual(BLOCK_MS);
    }
  }, 120_000);

  it('a step that fails at run time is the run\'s failedStep', async () => {
    const r = await runCli(['vitals', base, '--runs', '1', '--settle', '100ms', '--timeout', '3s', '--format', 'json', '-q', '--chromium', CHROMIUM, '--step', 'click #go', '--step', 'waitFor #never'], { timeoutMs: 90_000 });
    const j = JSON.parse(r.stdout);
    for (const run of j.pages[0].runs) {
      expect(run.failedStep).toBe('#2 waitFor #never');
      expect(run.error).toMatch(/^step-failed: /);
    }
  }, 120_000);
});
