import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult, LoadVitals } from '../../src/core/load-result.js';
import type { RunReport } from '../../src/core/run-report.js';
import type { VitalsResult } from '../../src/core/vitals.js';
import { runReportJson } from '../../src/report/run-json.js';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { httpServer, type TestServer } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { sampleRunReport } from '../report/sample-run-report.js';

const CHROMIUM = '/usr/bin/chromium';
const PAGE = '<!doctype html><body><h1>Orders</h1><p>Every order of the week.</p><button id="b">go</button>';
/** The server-side delay of the document: the actual run answers 400 ms later, so TTFB (and FCP, LCP) grow by that. */
const SLOWER_MS = 400;

describe.runIf(requireProgram(CHROMIUM))('gonogo compare with Web Vitals (results of real `gonogo vitals` runs)', () => {
  let server: TestServer;
  let delayMs = 0;
  const dir = tmpDir();
  const file = (name: string) => path.join(dir, name);
  let fast: VitalsResult;
  let slow: VitalsResult;

  beforeAll(async () => {
    server = await httpServer((_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE), delayMs));
    const measure = async (out: string) => {
      const r = await runCli(['vitals', `${server.url}orders`, '--runs', '1', '--settle', '300ms', '--chromium', CHROMIUM, '--format', 'json', '-q', '--out', file(out)], { timeoutMs: 90_000 });
      expect(r.code, r.stderr).toBe(0);
      return readJson(file(out)) as VitalsResult;
    };
    fast = await measure('fast.json');
    delayMs = SLOWER_MS;
    slow = await measure('slow.json');
  }, 200_000);
  afterAll(() => server.close());

  it('reads two `gonogo vitals` results: the slower document is a TTFB regression per page and mode, exit 1', async () => {
    const r = await runCli(['compare', file('fast.json'), file('slow.json'), '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toEqual([]);
    expect(doc.vitals.map((x: { condition: string; page: string; mode: string }) => [x.condition, x.page, x.mode])).toEqual([
      ['idle', `${server.url}orders`, 'cold'],
      ['idle', `${server.url}orders`, 'warm'],
    ]);
    for (const row of doc.vitals) {
      const t = row.vitals.ttfb;
      // The server's delay is a floor for the actual TTFB (the baseline's own TTFB varies with the machine's load).
      expect(t.actual).toBeGreaterThanOrEqual(SLOWER_MS);
      expect(t).toMatchObject({ regression: true, improvement: false });
      expect(Object.keys(row.vitals)).toEqual(['lcp', 'cls', 'inp', 'fcp', 'ttfb']);
      // Nothing shifts on this page: CLS 0 on both sides is no change.
      expect(row.vitals.cls).toMatchObject({ baseline: 0, actual: 0, regression: false });
    }
    expect(doc.regressions).toBeGreaterThanOrEqual(2);

    const t = await runCli(['compare', file('fast.json'), file('slow.json')], { cwd: dir });
    expect(t.stdout).toContain(`pages › idle › ${server.url}orders › cold (Web Vitals p75)`);
    expect(t.stdout).toMatch(/\n {2}TTFB {5}\d+ ms → \d+ ms \(\+[\d.]+%\) REGRESSION\n/);
    const md = await runCli(['compare', file('fast.json'), file('slow.json'), '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('## Web Vitals (p75)');
    expect(md.stdout).toMatch(/\| idle \| http:\/\/127\.0\.0\.1:\d+\/orders \| warm \|.*\| \*\*\d+ ms → \d+ ms \(\+[\d.]+%\) REGRESSION\*\* \|\n/);

    // The other way round the same change is an improvement.
    const back = JSON.parse((await runCli(['compare', file('slow.json'), file('fast.json'), '--format', 'json'], { cwd: dir })).stdout);
    for (const row of back.vitals) expect(row.vitals.ttfb).toMatchObject({ regression: false, improvement: true });
  }, 60_000);

  it('reads the vitals of a `gonogo load --out` result: idle and under load compared apart', async () => {
    // A real load result (no browser needed), given the vitals section `gonogo load --vitals` writes.
    const base = tmpDir();
    const l = await runCli(['load', `${server.url}orders`, '-d', '1s', '-c', '1', '--out', path.join(base, 'load.json'), '-q'], { timeoutMs: 30_000 });
    expect(l.code, l.stderr).toBe(0);
    const load = readJson(path.join(base, 'load.json')) as LoadResult;
    const withVitals = (underLoad: VitalsResult, idle: VitalsResult): LoadResult => ({ ...load, vitals: { underLoad, idle, thresholds: { expressions: [], defaulted: true }, passed: true } satisfies LoadVitals });
    writeFileSync(file('load-a.json'), JSON.stringify(withVitals(fast, fast)));
    writeFileSync(file('load-b.json'), JSON.stringify(withVitals(slow, fast)));
    const r = await runCli(['compare', file('load-a.json'), file('load-b.json'), '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.rows.map((x: { endpoint: string }) => x.endpoint)).toContain('all');
    const by = (condition: string, mode: string) => doc.vitals.find((x: { condition: string; mode: string }) => x.condition === condition && x.mode === mode);
    for (const mode of ['cold', 'warm']) {
      expect(by('under load', mode).vitals.ttfb.regression).toBe(true);
      // The same idle figures on both sides: no change at all.
      for (const v of ['lcp', 'cls', 'inp', 'fcp', 'ttfb']) expect(by('idle', mode).vitals[v]).toMatchObject({ regression: false, improvement: false });
      expect(by('idle', mode).vitals.ttfb.change).toBe(0);
    }
    expect(r.code).toBe(1);
  }, 60_000);

  it('matches a `gonogo vitals` result against the idle pages of a run report; pages in only one side are listed', async () => {
    const report: RunReport = { ...sampleRunReport(), vitals: { idle: slow, thresholds: { expressions: ['lcp p(75)<=2500'], defaulted: true } } };
    writeFileSync(file('report.json'), runReportJson(report));
    const other = { ...fast, pages: [...fast.pages, { ...fast.pages[0]!, url: `${server.url}gone` }] } satisfies VitalsResult;
    writeFileSync(file('two-pages.json'), JSON.stringify(other));
    const r = await runCli(['compare', file('two-pages.json'), file('report.json'), '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.vitals).toHaveLength(2);
    expect(doc.vitals.every((x: { vitals: { ttfb: { regression: boolean } } }) => x.vitals.ttfb.regression)).toBe(true);
    expect(doc.onlyInBaseline).toEqual([`pages › idle › ${server.url}gone › cold`, `pages › idle › ${server.url}gone › warm`]);
    expect(doc.actual.verdict).toBe(report.verdict.verdict);
  }, 30_000);

  it('a vital without samples on one side is shown as "-" and never a regression', async () => {
    const none = { ...fast, pages: fast.pages.map((p) => ({ ...p, vitals: { ...p.vitals, cold: { ...p.vitals.cold, inp: { count: 0, p50: null, p75: null, p95: null, band: null } } } })) } satisfies VitalsResult;
    writeFileSync(file('no-inp.json'), JSON.stringify(none));
    const r = await runCli(['compare', file('no-inp.json'), file('fast.json')], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/› cold \(Web Vitals p75\)\n(?:.*\n){2} {2}INP {6}- → \d+ ms\n/);
    expect(r.stdout).toContain('No regressions beyond the noise margin.');
  }, 30_000);
});
