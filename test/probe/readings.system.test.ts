import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { httpsServer, serverPool } from '../helpers/servers.js';
import { requireProgram } from '../helpers/system.js';
import { apiLeakService, lowercaseWafService, notImplementedService, serve } from '../fixtures/probe/readings-services.js';
import { byId, describe as show, probe } from './probe-helpers.js';

const servers = serverPool(afterEach);
const sh = promisify(execFile);

it.each(['link', 'robots', 'sitemap', 'openapi'] as const)('disclosure.errors finds a traceback only at an API route discovered via %s', async (via) => {
  const srv = await servers.track(apiLeakService(via));
  const r = await probe(srv.url, { checks: ['disclosure.errors'] });
  const c = byId(r.checks)['disclosure.errors']!;
  expect(c.status, c.evidence).toBe('fail');
  expect(c.evidence).toContain('Python traceback in POST /api/orders');
  expect(c.evidence).toMatch(new RegExp(`1 from ${via === 'openapi' ? 'OpenAPI' : via}`));
  // DELETE from the OpenAPI document is never sent; other origins from links and sitemaps are ignored.
  expect(r.plan.find((p) => p.check === 'discovery')?.spent).toBeGreaterThan(0);
});

it('disclosure.errors passes when the same service answers malformed JSON cleanly (the route is probed, nothing leaks)', async () => {
  const srv = await servers.track(serve((req, res) => res.writeHead(req.url === '/' ? 200 : 400, { 'content-type': 'text/html' }).end(req.url === '/' ? '<a href="/api/orders">o</a>' : '{"error":"bad json"}')));
  const c = byId((await probe(srv.url, { checks: ['disclosure.errors'] })).checks)['disclosure.errors']!;
  expect(c.status, c.evidence).toBe('pass');
  expect(c.evidence).toMatch(/1 of 1 discovered endpoint/);
});

it('TRACE answered 501 Not Implemented is a refusal (pass), and a 501 to malformed input is not a server error', async () => {
  const srv = await servers.track(notImplementedService());
  const checks = byId((await probe(srv.url, { checks: ['methods.trace', 'disclosure.errors'] })).checks);
  expect(checks['methods.trace']!.status, checks['methods.trace']!.evidence).toBe('pass');
  expect(checks['methods.trace']!.evidence).toContain('TRACE / [x-gonogo-trace: gonogo-trace-marker] → 501 Not Implemented (refused)');
  expect(checks['disclosure.errors']!.status, checks['disclosure.errors']!.evidence).toBe('pass');
});

it('a 503 with Retry-After and a 429 are throttling, not judged: not a server error, not a WAF verdict', async () => {
  let n = 0;
  const srv = await servers.track(serve((_q, res) => (n++ % 2 ? res.writeHead(503, { 'retry-after': '30' }).end('maintenance') : res.writeHead(429).end('slow down'))));
  const checks = byId((await probe(srv.url, { checks: ['disclosure.errors', 'waf.matrix', 'methods.trace'] }, { maxRequests: 300 })).checks);
  expect(checks['disclosure.errors']!.status).toBe('warn');
  expect(checks['disclosure.errors']!.evidence).toContain('nothing could be judged');
  expect(checks['waf.matrix']!.status).toBe('warn');
  expect(checks['waf.matrix']!.evidence).toContain('no answers to judge');
  expect(checks['methods.trace']!.evidence).toMatch(/throttled, Retry-After 30: not judged|Too Many Requests/);
});

it('a WAF that blocks only lowercase payloads: the matrix names mixed-case as the gap, with a curl line that replays a bypass', async () => {
  const srv = await servers.track(lowercaseWafService());
  const r = await probe(srv.url, { checks: ['waf.matrix'] });
  const c = byId(r.checks)['waf.matrix']!;
  console.log(c.evidence);
  const perEncoding = Object.fromEntries([...c.evidence.matchAll(/(plain|mixed-case|url|double-url|base64|json-unicode) (\d+)\/(\d+)/g)].filter((m) => c.evidence.indexOf(m[0]) > c.evidence.indexOf('blocked per encoding')).map((m) => [m[1], Number(m[2])]));
  expect(perEncoding['mixed-case']).toBeLessThan(perEncoding.plain! / 2);
  expect(c.evidence).toMatch(/why [A-F]: /);
  expect(c.evidence).toMatch(/xss \d+\/72 \([^)]*mixed-case \d+\/12[^)]*through\)/);
  const xss = c.findings!.find((f) => f.message.startsWith('bypass: xss') && f.message.includes('(mixed-case)') && f.message.includes('in query'))!;
  expect(xss.message).toContain('replay: curl');
  if (!requireProgram('curl')) return;
  const replay = (line: string) => sh('sh', ['-c', line], { timeout: 10_000 }).then((o) => o.stdout.trim());
  expect(await replay(xss.message.slice(xss.message.indexOf('replay: ') + 8))).toBe('200');
  // The same payload in lowercase is blocked: the curl line for it shows the 403 the WAF gives.
  const lower = xss.message.slice(xss.message.indexOf('replay: ') + 8).replace(/ScRiPt/g, 'script').replace(/sCrIpT/g, 'script').replace(/aLeRt/g, 'alert');
  expect(await replay(lower)).toBe('403');
});

it('a small budget still covers every category x encoding cell and leaves the checks after the matrix their share', async () => {
  let limited = 0;
  const srv = await servers.track(serve((req, res) => {
    if (req.url === '/login') return res.writeHead(++limited > 5 ? 429 : 401).end('{"error":"invalid"}');
    res.writeHead(/script|union/i.test(unescape(req.url ?? '')) ? 403 : 200).end('ok');
  }));
  const r = await probe(srv.url, { checks: ['waf.matrix', 'auth.bruteforce'], login: { path: '/login', username: 'bob', password: 'bob-pw' } }, { maxRequests: 150 });
  const checks = byId(r.checks);
  expect(r.requests).toBeLessThanOrEqual(150);
  const m = checks['waf.matrix']!.evidence;
  expect(m, show(r.checks)).toMatch(/sampled \d+ of 864 cases/);
  for (const cat of ['sqli', 'xss', 'traversal', 'cmdi', 'ssti', 'xxe', 'ldap', 'nosql', 'crlf', 'jndi']) expect(m).toMatch(new RegExp(`${cat} \\d+/\\d+`));
  expect(m).not.toContain('not covered:');
  expect(checks['auth.bruteforce']!.evidence).not.toMatch(/budget/);
  expect(r.plan.find((p) => p.check === 'waf.matrix')?.uncovered).toMatch(/of 864 matrix cases/);
});

it.each([
  ['max-age=300', 'warn', /max-age=300 is under six months .*not ready for the HSTS preload list \(max-age 300 < 31536000, no includeSubDomains, no preload directive\)/],
  ['max-age=63072000; preload', 'warn', /the preload directive is set but not ready for the HSTS preload list \(no includeSubDomains\)/],
  ['max-age=63072000; includeSubDomains; preload', 'pass', /with includeSubDomains; ready for the HSTS preload list/],
] as const)('headers.hsts reads "%s" as %s, with its HSTS preload readiness', async (value, status, evidence) => {
  const srv = await servers.track(httpsServer((_q, res) => res.writeHead(200, { 'strict-transport-security': value }).end('ok')));
  const c = byId((await probe(srv.url, { checks: ['headers.hsts'], insecure: true })).checks)['headers.hsts']!;
  expect(c.status, c.evidence).toBe(status);
  expect(c.evidence).toMatch(evidence);
});

it('passive.pages reports each page problem once, with its CWE, and passes a clean page', async () => {
  const bad = await servers.track(serve((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/') {
      return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><!-- TODO: remove admin password hint -->
        <script>window.boot()</script><a href="/search">search</a>
        <form method="post" action="/login"><input name="user"><input type="password" name="pw"></form></body></html>`);
    }
    if (u.pathname === '/search') return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>Results for ${u.searchParams.get('gonogo_reflect') ?? u.searchParams.get('q') ?? ''}</body></html>`);
    res.writeHead(404).end();
  }));
  const c = byId((await probe(bad.url, { checks: ['passive.pages'] })).checks)['passive.pages']!;
  expect(c.status, c.evidence).toBe('fail');
  const rules = (c.findings ?? []).map((f) => f.ruleId).sort();
  expect(rules).toEqual(['passive.comment-info', 'passive.csrf-token', 'passive.inline-script', 'passive.password-autocomplete', 'passive.reflected-param']);
  expect(c.findings!.find((f) => f.ruleId === 'passive.csrf-token')!.message).toContain('(CWE-352, A01:2021)');
  const clean = await servers.track(serve((req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "script-src 'nonce-abc'" }).end(`<html><body><script nonce="abc">go()</script>
    <form method="post" action="/login"><input type="hidden" name="csrf_token" value="t"><input type="password" name="pw" autocomplete="current-password"></form>${(req.url ?? '').includes('gonogo_reflect') ? 'escaped &lt;x&gt;' : ''}</body></html>`)));
  const ok = byId((await probe(clean.url, { checks: ['passive.pages'] })).checks)['passive.pages']!;
  expect(ok.status, JSON.stringify(ok.findings)).toBe('pass');
});

it('passive.pages flags mixed content on an https page', async () => {
  const srv = await servers.track(httpsServer((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><img src="http://127.0.0.1/logo.png"><script src="/app.js"></script></body></html>')));
  const c = byId((await probe(srv.url, { checks: ['passive.pages'], insecure: true })).checks)['passive.pages']!;
  expect(c.findings?.map((f) => [f.ruleId, f.message])).toEqual([['passive.mixed-content', '<img> loads http://127.0.0.1/logo.png (CWE-319, A02:2021)']]);
});
