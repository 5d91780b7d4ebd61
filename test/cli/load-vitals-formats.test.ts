import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport, LoadResult } from '../../src/core/load-result.js';
import { newReport } from '../../src/core/report-envelope.js';
import { loadChecks } from '../../src/load/checks.js';
import { REPORTERS } from '../../src/report/registry.js';
import { readJson, runCli, tmpDir, type CliResult } from '../helpers/cli.js';
import { httpServer, type TestServer } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';
/** A page URL whose query holds a character HTML must escape (`<`, `"` and `'` are percent-encoded by URL parsing, `&` is not). */
const QUERY = '?a=1&b=2';

describe.runIf(requireProgram(CHROMIUM))('gonogo load --vitals in every output format (one real run in Chromium)', () => {
  let server: TestServer;
  const dir = tmpDir();
  let run: CliResult;
  let result: LoadResult;
  let page = '';

  beforeAll(async () => {
    server = await httpServer((req, res) => {
      if (req.url === '/api') return res.end('{"ok":true}');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><body><h1>Orders</h1><button id="b">refresh</button>');
    });
    page = `${server.url}ui${QUERY}`;
    // One threshold that holds and one no page can meet (LCP under 1 ms): the run fails on the vitals alone.
    run = await runCli(
      ['load', `${server.url}api`, '--workers', '1', '-c', '2', '-R', '50', '-d', '8s', '--threshold', 'p(95)<60000', '--vitals', page, '--vitals-runs', '1',
        '--vitals-threshold', 'ttfb p(75)<20000', '--vitals-threshold', 'lcp p(75)<1', '--format', 'html', '--csv', path.join(dir, 'r'), '--out', path.join(dir, 'r.json'), '-q'],
      { timeoutMs: 150_000 },
    );
    result = readJson(path.join(dir, 'r.json')) as LoadResult;
  }, 180_000);
  afterAll(() => server.close());

  it('the HTML report has the Web Vitals section with the page URL escaped, and the vitals thresholds as checks; exit 1', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(result.vitals?.underLoad?.pages[0]?.url).toBe(page);
    const html = run.stdout;
    expect(html).toContain('<section id="web-vitals"><h2>Web Vitals</h2>');
    expect(html).toContain('ui?a=1&amp;b=2</td>');
    expect(html).not.toContain('ui?a=1&b=2');
    expect(html).toMatch(/<th scope="col"><button type="button">p75 under load<\/button><\/th>/);
    expect(html).toContain('Thresholds, judged under load: ttfb p(75)&lt;20000 pass, lcp p(75)&lt;1 FAIL; FAILED.');
    expect(html).toMatch(/<span class="st st-fail">fail<\/span><\/td><td class="mono">load\.vitals-threshold:lcp:p\(75\)&lt;1<\/td>/);
    expect(html).toMatch(/<span class="st st-pass">pass<\/span><\/td><td class="mono">load\.vitals-threshold:ttfb:p\(75\)&lt;20000<\/td>.*under load \d+(\.\d+)? ms, idle \d+(\.\d+)? ms/);
  });

  it('--csv writes PREFIX-vitals.csv: every condition, page, mode and vital, then the thresholds with their under-load and idle values', () => {
    const lines = readFileSync(path.join(dir, 'r-vitals.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('condition,page,mode,vital,count,p50,p75,p95,band,threshold,threshold_actual,threshold_idle,threshold_status');
    // 2 conditions x 1 page x 2 modes x 5 vitals, then 2 thresholds.
    expect(lines).toHaveLength(1 + 20 + 2);
    const ttfb = result.vitals!.underLoad!.pages[0]!.vitals.cold.ttfb;
    expect(lines).toContain(`under_load,${page},cold,ttfb,${ttfb.count},${ttfb.p50},${ttfb.p75},${ttfb.p95},${ttfb.band},,,,`);
    expect(lines.filter((l) => l.startsWith('idle,'))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^under_load,,,lcp,,,,,,p\(75\)<1,\d+(\.\d+)?,\d+(\.\d+)?,fail$/);
    expect(lines.at(-2)).toMatch(/^under_load,,,ttfb,,,,,,p\(75\)<20000,\d+(\.\d+)?,\d+(\.\d+)?,pass$/);
  });

  it('markdown, JSON, JUnit, SARIF and the table show the vitals results (rendered from the run\'s own --out)', () => {
    // What `gonogo load --format X` hands the reporter (src/cli/load-action.ts), from the real result.
    const report: LoadReport = { ...newReport('load', new Date(result.startedAt), loadChecks(result)), vitals: result.vitals! };
    const md = REPORTERS.markdown(report, { color: false });
    expect(md).toContain('## Web Vitals');
    expect(md).toMatch(/\| p50 \| p75 \| p95 \| band \| p50 under load \| p75 under load \| p95 under load \| band under load \|/);
    expect(md).toContain(`| http://127.0.0.1:${server.port}/ui?a=1&amp;b=2 | cold | TTFB |`);
    expect(md).toContain('| **FAIL** | load.vitals-threshold:lcp:p(75)&lt;1 |');
    const json = JSON.parse(REPORTERS.json(report, { color: false }));
    expect(json.vitals.underLoad.pages[0].url).toBe(page);
    const statuses = json.checks.map((c: { id: string; status: string }) => [c.id, c.status]);
    expect(statuses).toEqual(expect.arrayContaining([['load.vitals-threshold:ttfb:p(75)<20000', 'pass'], ['load.vitals-threshold:lcp:p(75)<1', 'fail']]));
    // A starved box (the generator's self-check warns) may time out a page load: then, and only then, a warn.
    const starved = statuses.some(([id, st]: string[]) => id === 'load.generator' && st !== 'pass');
    expect(starved ? ['pass', 'warn'] : ['pass']).toContain(statuses.find(([id]: string[]) => id === 'load.vitals-pages')?.[1]);
    const junit = REPORTERS.junit(report, { color: false });
    const lcpCase = junit.slice(junit.indexOf('name="load.vitals-threshold:lcp:p(75)&lt;1'));
    expect(lcpCase.slice(0, lcpCase.indexOf('</testcase>'))).toContain('<failure message="under load ');
    const sarif = JSON.parse(REPORTERS.sarif(report, { color: false }));
    expect(JSON.stringify(sarif)).toContain('load.vitals-threshold:lcp:p(75)<1');
    const table = REPORTERS.table(report, { color: false });
    // The table is the checks, cut to the terminal's columns: the vitals thresholds and the page loads are among them.
    expect(table).toMatch(/^FAIL {2}load\.vitals-threshold:lcp:p\(75\).* {2}lcp p\(75\)<1 under load +under load \d/m);
    expect(table).toMatch(starved ? /^(?:PASS|WARN) {2}load\.vitals-pages +Every page loaded/m : /^PASS {2}load\.vitals-pages +Every page loaded/m);
  });
});
