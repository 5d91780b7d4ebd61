import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, runCli, runLoadJson, tmpDir } from '../helpers/cli.js';
import { closedPort, httpServer, httpsServer, tcpServer, serverPool } from '../helpers/servers.js';

const { track } = serverPool(afterEach);
const tmp = () => tmpDir();

describe('gonogo load (system, loopback servers)', () => {
  it('closed model: keeps -c connections busy and writes the JSON contract and CSVs', async () => {
    const srv = await track(httpServer((_req, res) => res.end('hello')));
    const dir = tmp();
    const out = path.join(dir, 'r.json');
    const r = await runCli(['load', srv.url + 'api/items?x=1', '-c', '8', '-d', '2s', '--workers', '2', '-q', '--out', out, '--csv', path.join(dir, 'r')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = readJson(out);
    expect(j.schema).toBe('gonogo/load-result@1');
    expect(j.model).toBe('closed');
    expect(j.options).toMatchObject({ connections: 8, workers: 2, rate: null });
    for (const k of ['requests', 'errors', 'rps', 'errorRate']) expect(typeof j.totals[k]).toBe('number');
    for (const k of ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max']) expect(typeof j.latencyMs[k]).toBe('number');
    expect(j.endpoints).toHaveLength(1);
    expect(j.endpoints[0]).toMatchObject({ name: 'GET /api/items', errors: 0 });
    expect(j.totals.errors).toBe(0);
    // Exact merge across two workers: every request the server saw is counted once.
    expect(j.totals.requests + j.totals.interrupted).toBe(srv.count());
    expect(j.totals.requests).toBeGreaterThan(100);
    expect(j.durationMs).toBeGreaterThan(1900);
    expect(j.durationMs).toBeLessThan(2600);
    expect(j.timeline.length).toBeGreaterThanOrEqual(2);
    expect(j.timeline.reduce((a: number, p: { requests: number }) => a + p.requests, 0)).toBe(j.totals.requests);
    expect(j.passed).toBe(true);
    // The encoded histogram decodes to the same count and percentiles as the summary.
    const h = decodeFromCompressedBase64(j.latencyHdr, 32, false);
    expect(h.totalCount).toBe(j.totals.requests);
    expect(h.getValueAtPercentile(99) / 1000).toBe(j.latencyMs.p99);
    expect(decodeFromCompressedBase64(j.endpoints[0].latencyHdr, 32, false).totalCount).toBe(j.endpoints[0].requests);
    expect(readFileSync(path.join(dir, 'r-endpoints.csv'), 'utf8')).toMatch(/^name,requests,errors,error_rate,rps,min_ms/);
    expect(readFileSync(path.join(dir, 'r-timeline.csv'), 'utf8').trim().split('\n').length).toBe(j.timeline.length + 1);
    expect(r.stdout).toMatch(/latency/);
    expect(r.stdout).toMatch(/PASSED/);
  });

  it('open model: paces -R requests per second and measures from the intended time', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const { r, j } = await runLoadJson(['load', srv.url, '-R', '200', '-c', '10', '-d', '3s', '--workers', '2', '-q']);
    expect(r.code).toBe(0);
    expect(j.model).toBe('open');
    // 200/s for 3 s = 600 scheduled; every one is sent, late or not, or counted as dropped.
    expect(j.totals.requests + j.totals.dropped + j.totals.interrupted).toBeGreaterThanOrEqual(598);
    expect(j.totals.requests).toBeLessThanOrEqual(601);
    expect(j.totals.rps).toBeGreaterThan(190);
    expect(j.totals.rps).toBeLessThan(210);
  });

  it('open model: a slow server with too few connections shows up as late requests and long latency', async () => {
    const srv = await track(httpServer((_req, res) => setTimeout(() => res.end('slow'), 100)));
    const out = path.join(tmp(), 'r.json');
    // 2 connections x 10 req/s each can serve 20/s; 50/s is asked, so requests queue.
    const r = await runCli(['load', srv.url, '-R', '50', '-c', '2', '-d', '2s', '--workers', '1', '-q', '--out', out]);
    expect(r.code).toBe(0);
    const j = readJson(out);
    expect(j.totals.late).toBeGreaterThan(10);
    expect(j.generator.lateNoConnection).toBeGreaterThan(10);
    // Coordinated omission: queueing time counts, so p99 is far above the 100 ms service time.
    expect(j.latencyMs.p99).toBeGreaterThan(500);
    expect(j.totals.dropped).toBeGreaterThan(0);
    expect(j.generator.reasons.join(' ')).toMatch(/connections? were busy|all 2 were busy/);
  });

  it('classifies 500 answers as http_5xx errors', async () => {
    const srv = await track(httpServer((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    }));
    const { r, j } = await runLoadJson(['load', srv.url, '-c', '2', '-d', '1s', '-q']);
    expect(r.code).toBe(0);
    expect(j.totals.errors).toBe(j.totals.requests);
    expect(j.errorClasses).toEqual({ http_5xx: j.totals.requests });
    expect(j.statusCodes).toEqual({ '500': j.totals.requests });
  });

  it('classifies resets, timeouts and garbage without crashing', async () => {
    const reset = await track(tcpServer((s) => s.resetAndDestroy()));
    const hang = await track(tcpServer(() => {}));
    const garbage = await track(tcpServer((s) => s.write('NOT HTTP AT ALL\r\n\r\n')));
    const run = async (url: string, extra: string[] = []) => {
      const out = path.join(tmp(), 'r.json');
      const r = await runCli(['load', url, '-c', '2', '-d', '1s', '-q', '--out', out, ...extra]);
      expect(r.code).toBe(0);
      return { r, j: readJson(out) };
    };
    const a = await run(reset.url);
    expect(Object.keys(a.j.errorClasses)).toEqual(['reset']);
    expect(a.j.totals.errors).toBeGreaterThan(0);
    const b = await run(hang.url, ['--timeout', '300ms']);
    expect(Object.keys(b.j.errorClasses)).toEqual(['timeout']);
    // 2 connections, 1 s, 300 ms timeout: about 3 timeouts each.
    expect(b.j.totals.errors).toBeGreaterThanOrEqual(4);
    expect(b.r.ms).toBeLessThan(6000);
    const c = await run(garbage.url);
    expect(Object.keys(c.j.errorClasses)).toEqual(['protocol']);
  });

  it('exits 0 when thresholds pass and 1 when one fails, naming it', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const pass = await runCli(['load', srv.url, '-c', '2', '-d', '1s', '-q', '--threshold', 'p(95)<5000', '--threshold', 'rate<0.01']);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/✓ http_req_duration: p\(95\)<5000/);
    const fail = await runCli(['load', srv.url, '-c', '2', '-d', '1s', '-q', '--threshold', 'p(95)<0.001', '--threshold', 'rps>=1']);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/✗ http_req_duration: p\(95\)<0.001/);
    expect(fail.stdout).toMatch(/✓ http_reqs: rps>=1/);
    expect(fail.stdout).toMatch(/FAILED/);
  });

  it('rejects a bad threshold before sending any request (exit 2)', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const r = await runCli(['load', srv.url, '-d', '1s', '-q', '--threshold', 'p(95)<<5', '--threshold', 'http_reqs: p(95)<5']);
    expect(r.code).toBe(2);
    expect(srv.count()).toBe(0);
    expect(r.stderr).toMatch(/GONOGO_THRESHOLD/);
    expect(r.stderr).toMatch(/--threshold #1/);
    expect(r.stderr).toMatch(/--threshold #2/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('abort-on-fail stops the run early', async () => {
    const srv = await track(httpServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    }));
    const out = path.join(tmp(), 'r.json');
    const r = await runCli(['load', srv.url, '-c', '2', '-d', '30s', '-q', '--threshold', 'rate<0.01', '--abort-on-fail', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(10_000);
    const j = readJson(out);
    expect(j.aborted.reason).toMatch(/rate<0.01/);
    expect(j.passed).toBe(false);
  });

  it('SIGINT stops gracefully with a summary and exit 3', async () => {
    // Interrupt once load is flowing (the signal handler is set up before the first request), not on a wall clock.
    let child: { kill(sig: NodeJS.Signals): boolean } | undefined;
    let seen = 0;
    const srv = await track(
      httpServer((_req, res) => {
        if (++seen === 1) setTimeout(() => child?.kill('SIGINT'), 300);
        res.end('ok');
      }),
    );
    const out = path.join(tmp(), 'r.json');
    const r = await runCli(['load', srv.url, '-c', '2', '-d', '60s', '-q', '--out', out], {
      onSpawn: (p) => {
        child = p;
      },
    });
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stdout).toMatch(/aborted: interrupted \(SIGINT\)/);
    const j = readJson(out);
    expect(j.aborted).toEqual({ reason: 'interrupted (SIGINT)' });
    expect(j.totals.requests).toBeGreaterThan(0);
    expect(j.durationMs).toBeLessThan(10_000);
  });

  it('an unreachable target is a clear error with exit 3', async () => {
    const port = await closedPort();
    const r = await runCli(['load', `http://127.0.0.1:${port}/`, '-d', '1s', '-q']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/GONOGO_TARGET_UNREACHABLE/);
    expect(r.stderr).toMatch(/connection refused/);
    expect(r.stdout).toBe('');
  });

  it('HTTPS: verifies certificates by default, --insecure skips verification', async () => {
    const srv = await track(httpsServer((_req, res) => res.end('secure')));
    const strict = await runCli(['load', srv.url, '-c', '2', '-d', '1s', '-q']);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/--insecure/);
    const out = path.join(tmp(), 'r.json');
    const ok = await runCli(['load', srv.url, '-c', '2', '-d', '1s', '-q', '--insecure', '--out', out]);
    expect(ok.code).toBe(0);
    const j = readJson(out);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(10);
  });

  it('sends the method, headers and body it was given', async () => {
    const seen: { method?: string; auth?: string; body: string }[] = [];
    const srv = await track(httpServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (seen.length < 3) seen.push({ method: req.method, auth: req.headers.authorization, body });
        res.end('ok');
      });
    }));
    const r = await runCli(['load', srv.url, '-c', '1', '-d', '1s', '-q', '-m', 'POST', '-H', 'Authorization: Bearer t0k', '-b', '{"a":1}']);
    expect(r.code).toBe(0);
    expect(seen[0]).toEqual({ method: 'POST', auth: 'Bearer t0k', body: '{"a":1}' });
  });

  it('--out - puts the JSON on stdout and the summary on stderr; --body-file sends a file', async () => {
    let body = '';
    const srv = await track(httpServer((req, res) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => {
        body = b;
        res.end('ok');
      });
    }));
    const file = path.join(tmp(), 'body.json');
    writeFileSync(file, '{"from":"file"}');
    const r = await runCli(['load', srv.url, '-m', 'POST', '--body-file', file, '-c', '1', '-d', '1s', '-q', '--out', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schema).toBe('gonogo/load-result@1');
    expect(r.stderr).toMatch(/PASSED/);
    expect(body).toBe('{"from":"file"}');
    const both = await runCli(['load', srv.url, '-b', 'x', '--body-file', file]);
    expect(both.code).toBe(2);
    const missing = await runCli(['load', srv.url, '--body-file', '/nonexistent/body']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/body: ENOENT/);
  });

  it('records redirects by default and follows same-origin ones with --max-redirects', async () => {
    const srv = await track(httpServer((req, res) => {
      const go = (status: number, to: string) => {
        res.writeHead(status, { location: to });
        res.end();
      };
      if (req.url === '/start') return go(302, '/mid?x=1');
      if (req.url === '/mid?x=1') return go(307, 'end');
      if (req.url === '/away') return go(301, 'http://127.0.0.2:9/elsewhere');
      res.end(`at ${req.url}`);
    }));
    const run = async (p: string, extra: string[]) => {
      const out = path.join(tmp(), 'r.json');
      const r = await runCli(['load', srv.url + p, '-c', '2', '-d', '1s', '-q', '--out', out, ...extra]);
      expect(r.code).toBe(0);
      return readJson(out);
    };
    expect(Object.keys((await run('start', [])).statusCodes)).toEqual(['302']);
    const followed = await run('start', ['--max-redirects', '2']);
    expect(Object.keys(followed.statusCodes)).toEqual(['200']);
    const tooFew = await run('start', ['--max-redirects', '1']);
    expect(Object.keys(tooFew.statusCodes)).toEqual(['307']);
    // Another origin is out of scope: recorded, never contacted.
    expect(Object.keys((await run('away', ['--max-redirects', '5'])).statusCodes)).toEqual(['301']);
  });

  it('bad flags are usage errors (exit 2) that name the flag', async () => {
    const r = await runCli(['load', 'http://127.0.0.1:1/', '-c', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--connections/);
    const u = await runCli(['load', 'ftp://example/']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/GONOGO_URL_INVALID/);
    const inject = await runCli(['load', 'http://127.0.0.1:9/', '-H', 'X-A: a\r\nGET /evil HTTP/1.1']);
    expect(inject.code).toBe(2);
    expect(inject.stderr).toMatch(/CR, LF or NUL/);
    const badName = await runCli(['load', 'http://127.0.0.1:9/', '-H', 'Bad Name: x']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/header name "Bad Name"/);
    const unknown = await runCli(['load', '--nope']);
    expect(unknown.code).toBe(2);
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    const out = await runCli(['load', srv.url, '-d', '1s', '--out', '/nonexistent-dir/r.json']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/GONOGO_OUTPUT_WRITE/);
    expect(srv.count()).toBe(0);
  });
});
