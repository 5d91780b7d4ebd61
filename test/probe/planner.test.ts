import { describe, expect, it } from 'vitest';
import { allowance } from '../../src/probe/budget-plan.js';
import { endpointKey, robotsEntries, sitemapLocs } from '../../src/probe/discovery.js';
import { malformedFor } from '../../src/probe/checks/disclosure.errors.js';
import { ratelimit } from '../../src/probe/checks/ratelimit.js';
import { readCipher } from '../../src/probe/checks/tls.ciphers.js';
import { cellOf, curlLine, gradeReason, matrixCases, sampleCases } from '../../src/probe/matrix.js';
import { operationsFromOpenApi } from '../../src/probe/openapi.js';
import { parsePage } from '../../src/probe/page.js';
import { explainStatus, readStatus } from '../../src/probe/status-reading.js';
import { scenarioEndpoints } from '../../src/run/scenario-endpoints.js';

describe('budget planner', () => {
  it('asks for the rate-limit burst only what it uses, so the WAF matrix before it gets the rest of a tight budget', () => {
    const cost = (ratelimit.cost as (ctx: never) => { min: number; max: number })({ settings: { rateLimit: { limit: 100 } } } as never);
    // The burst to the limit + 10 %, four requests in flight when the 429 lands, one recovery request.
    expect(cost).toEqual({ min: 103, max: 100 + 10 + 4 + 1 });
    const waf = { min: 72, max: 864 };
    // 400 requests: the matrix gets 285 (it got 198 when the rate limit asked for 2 x limit + 2), the rate limit the rest.
    expect(allowance([waf, cost], 400)).toBe(285);
    expect(allowance([cost], 400 - 285)).toBe(cost.max);
  });
  it('gives a check all the slack when everything fits, and keeps the later checks their max', () => {
    expect(allowance([{ min: 60, max: 864 }, { min: 8, max: 26 }, { min: 2, max: 12 }], 2000)).toBe(2000 - 38);
  });

  it('spreads a short budget: minimums first, then small checks topped up, the hungry one gets what is left', () => {
    const costs = [{ min: 72, max: 864 }, { min: 8, max: 26 }, { min: 13, max: 37 }];
    // 150 - 93 mins = 57 spare: the 18 the second check wants, then 19.5 each for the other two.
    expect(allowance(costs, 150)).toBe(72 + 19);
    expect(allowance(costs.slice(1), 150 - 91)).toBe(26);
    expect(allowance(costs.slice(2), 150 - 91 - 26)).toBe(33);
  });

  it('when not even the minimums fit, serves them in run order', () => {
    expect(allowance([{ min: 10, max: 20 }, { min: 50, max: 50 }], 30)).toBe(10);
    expect(allowance([{ min: 10, max: 20 }], 4)).toBe(4);
    expect(allowance([], 100)).toBe(0);
  });
});

describe('WAF matrix sample and explanation', () => {
  const all = matrixCases();
  it('covers every category x encoding cell before a second round, and says which cells it missed', () => {
    const cells = new Set(all.filter((c) => c.kind === 'attack').map(cellOf));
    const { cases, missingCells } = sampleCases(all, 100);
    expect(cases).toHaveLength(100);
    expect(new Set(cases.filter((c) => c.kind === 'attack').map(cellOf))).toEqual(cells);
    expect(cases.filter((c) => c.kind === 'benign').length).toBeGreaterThanOrEqual(12);
    expect(missingCells).toEqual([]);
    const tiny = sampleCases(all, 30);
    expect(tiny.cases).toHaveLength(30);
    expect(tiny.missingCells.length).toBe(cells.size - tiny.cases.filter((c) => c.kind === 'attack').length);
    expect(sampleCases(all, 10_000).cases).toHaveLength(all.length);
  });

  it('spreads the placements across cells instead of sending only query cases', () => {
    const { cases } = sampleCases(all, 72);
    expect(new Set(cases.filter((c) => c.kind === 'attack').map((c) => c.placement)).size).toBe(6);
  });

  it('says what the next grade needs', () => {
    expect(gradeReason('F', 40.7, 96.5)).toBe('40.7 % of attacks blocked, D needs ≥ 50 %');
    expect(gradeReason('D', 99, 85)).toBe('85.0 % of benign requests passed, C needs ≥ 90 %');
  });

  it('writes curl lines a shell replays byte for byte', () => {
    expect(curlLine('http://127.0.0.1:1', { method: 'GET', target: "/../etc/passwd?q='x'", headers: { 'x-a': 'b' } })).toBe(
      `curl -sS -o /dev/null -w '%{http_code}\\n' --path-as-is -g -H 'x-a: b' 'http://127.0.0.1:1/../etc/passwd?q='\\''x'\\'''`,
    );
    expect(curlLine('http://h', { method: 'POST', target: '/', headers: {}, body: 'q=x\r\nSet-Cookie: a' })).toContain(`-X POST --data-binary $'q=x\\x0d\\x0aSet-Cookie: a'`);
  });
});

describe('endpoint discovery parsers', () => {
  it('reads robots.txt paths without wildcards and its sitemaps', () => {
    expect(robotsEntries('User-agent: *\nDisallow: /admin/ # staff\nDisallow: /*.pdf$\nAllow: /api/public\nDisallow: /\nSitemap: https://h/s.xml\n')).toEqual({ paths: ['/admin/', '/api/public'], sitemaps: ['https://h/s.xml'] });
  });

  it('reads sitemap <loc> entries', () => {
    expect(sitemapLocs('<urlset><url><loc> https://h/a?x=1&amp;y=2 </loc></url><url><loc>https://h/b</loc></url></urlset>')).toEqual(['https://h/a?x=1&y=2', 'https://h/b']);
  });

  it('treats ids and uuids in a path as one endpoint', () => {
    expect(endpointKey('GET', 'http://h/items/12')).toBe(endpointKey('GET', 'http://h/items/7?x=1'));
    expect(endpointKey('GET', 'http://h/items/0b9f1c2e-1111-4222-8333-444455556666')).toBe('GET /items/:id');
    expect(endpointKey('POST', 'http://h/items/12')).not.toBe(endpointKey('GET', 'http://h/items/12'));
  });

  it('parses links, forms, scripts and comments in one pass', () => {
    const page = parsePage('<a href="/a">a</a><form action="/login" method="post"><input name="user"><input type="password" name="pw" autocomplete="off"></form><script nonce="n">x()</script><script src="/app.js"></script><!-- TODO: remove -->');
    expect(page.links).toEqual(['/a']);
    expect(page.forms).toEqual([{ action: '/login', method: 'POST', fields: [{ name: 'user', type: 'text', autocomplete: undefined }, { name: 'pw', type: 'password', autocomplete: 'off' }] }]);
    expect(page.scripts).toEqual([{ src: undefined, nonce: true, code: 'x()' }, { src: '/app.js', nonce: false, code: '' }]);
    expect(page.comments).toEqual([' TODO: remove ']);
  });

  it('lists every OpenAPI operation with its JSON body and protection', () => {
    const ops = operationsFromOpenApi({ security: [{ k: [] }], paths: { '/o/{id}': { post: { requestBody: { content: { 'application/json': {} } } }, get: { security: [] } } } });
    expect(ops).toEqual([
      { method: 'GET', path: '/o/1', protected: false, json: false },
      { method: 'POST', path: '/o/1', protected: true, json: true },
    ]);
  });

  it('finds the literal request paths of a scenario without running it', () => {
    const src = "await vu.http.get('/health'); await vu.http.post(\"/api/items\", {}); await vu.http.get(`/api/items/${id}`); vu.http.del('/api/x')";
    expect(scenarioEndpoints(src)).toEqual([
      { method: 'GET', path: '/health' },
      { method: 'POST', path: '/api/items' },
      { method: 'DELETE', path: '/api/x' },
    ]);
  });

  it('sends truncated JSON to API routes and broken query values to pages', () => {
    expect(malformedFor({ method: 'POST', url: 'http://h/api/o', source: 'openapi', json: true, fields: [] }).map((r) => `${r.method} ${r.body ?? r.rawTarget}`)).toEqual(['POST {"a": [1, 2', "GET /api/o?id=%27%22%3C&q[]=1&q[x]=2"]);
    expect(malformedFor({ method: 'GET', url: 'http://h/search?q=1', source: 'link', json: false, fields: ['q'] })).toHaveLength(1);
  });
});

describe('status readings', () => {
  const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: '', ms: 1 });
  it('reads 405 and 501 as refusals, 429 and 503 with Retry-After as throttling, other 5xx as errors', () => {
    expect([405, 501, 429, 500, 502, 404, 301, 200, 0].map((s) => readStatus(res(s)))).toEqual(['refused', 'refused', 'throttled', 'server-error', 'server-error', 'client-error', 'redirect', 'ok', 'no-answer']);
    expect(readStatus(res(503, { 'retry-after': '120' }))).toBe('throttled');
    expect(readStatus(res(503))).toBe('server-error');
    expect(explainStatus(res(501))).toBe('501 Not Implemented (refused)');
    expect(explainStatus(res(503, { 'retry-after': '120' }))).toBe('503 Service Unavailable (throttled, Retry-After 120: not judged)');
  });
});

describe('cipher suite readings', () => {
  it('reads forward secrecy from the key exchange and flags weak suites by name', () => {
    expect(readCipher('TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256')).toEqual({ protocol: 'TLSv1.2', name: 'ECDHE-RSA-AES128-GCM-SHA256', forwardSecrecy: true, weak: false });
    expect(readCipher('TLSv1.2', 'AES256-SHA').forwardSecrecy).toBe(false);
    expect(readCipher('TLSv1.3', 'TLS_AES_128_GCM_SHA256').forwardSecrecy).toBe(true);
    for (const weak of ['DES-CBC3-SHA', 'RC4-SHA', 'NULL-SHA256', 'EXP-RC4-MD5', 'ADH-AES128-SHA', 'ECDHE-RSA-DES-CBC3-SHA']) expect(readCipher('TLSv1.2', weak).weak, weak).toBe(true);
    expect(readCipher('TLSv1.2', 'DHE-RSA-AES128-SHA').weak).toBe(false);
  });
});
