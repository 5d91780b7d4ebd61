import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioLoadResult } from '../../src/load/scenario/result.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * Redirect routes, the same over HTTP/1.1 and h2c: /start -> 302 /mid (sets a cookie) -> 60 ms, 307 end?x=1 -> /end,
 * which answers with what it received. Every request the server saw is logged (method, url, body, cookie).
 */
async function redirectServer(h2: boolean) {
  const seen: { method: string; url: string; body: string; cookie?: string }[] = [];
  const handler = (req: Req, res: Res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ method: req.method ?? '', url, body, cookie: req.headers.cookie });
      const go = (status: number, location: string, extra: Record<string, string> = {}) => {
        res.writeHead(status, { location, ...extra });
        res.end();
      };
      if (url === '/start') return go(302, '/mid', { 'set-cookie': 'sid=abc; Path=/' });
      if (url === '/mid') return void setTimeout(() => go(307, 'end?x=1'), 60);
      if (url === '/post303') return go(303, '/end');
      if (url === '/keep308') return go(308, '/end');
      if (url === '/away') return go(302, 'http://127.0.0.2:9/elsewhere');
      if (url === '/loop') return go(302, '/loop');
      if (url.startsWith('/end')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url, body, cookie: req.headers.cookie ?? null }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
  };
  const server = h2 ? http2.createServer(handler) : http.createServer(handler);
  const sessions = new Set<{ destroy(): void }>();
  server.on('session', (s: { destroy(): void }) => sessions.add(s));
  server.on('connection', (s: { destroy(): void }) => sessions.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of sessions) s.destroy();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const SCENARIO = `import { defineScenario, check } from 'gonogo';
export default defineScenario({
  maxRedirects: 3,
  executor: { type: 'constant-users', users: 1, duration: '600ms' },
  run: async (vu) => {
    const a = await vu.http.get('/start');
    check(a, {
      'chain ends 200': (r) => r.status === 200,
      'lands on the relative Location with its query': (r) => r.json().url === '/end?x=1',
      'the hop sent the cookie the 302 set': (r) => r.json().cookie === 'sid=abc',
      'timed from the start': (r) => r.durationMs >= 60,
    });
    check(await vu.http.post('/post303', 'payload'), { '303 continues as GET without body': (r) => r.json().method === 'GET' && r.json().body === '' });
    check(await vu.http.post('/keep308', 'payload'), { '308 keeps POST and body': (r) => r.json().method === 'POST' && r.json().body === 'payload' });
    check(await vu.http.get('/away'), { 'other origin not followed': (r) => r.status === 302 });
    check(await vu.http.get('/loop'), { 'stops after maxRedirects': (r) => r.status === 302 });
    check(await vu.http.get('/start', { maxRedirects: 0 }), { 'request option 0 wins': (r) => r.status === 302 });
  },
});`;

function expectRedirectsFollowed(r: ScenarioLoadResult, seen: { method: string; url: string }[]) {
  for (const c of r.checks.items) expect({ check: c.check, fails: c.fails }).toEqual({ check: c.check, fails: 0 });
  expect(r.checks.items.every((c) => c.passes > 0)).toBe(true);
  expect(r.checks.items).toHaveLength(9);
  const ep = Object.fromEntries(r.endpoints.map((e) => [e.name, e]));
  // One chain is one request with the final status, as quick mode's --max-redirects counts it.
  const chains = seen.filter((s) => s.url === '/start').length;
  const followed = seen.filter((s) => s.url === '/mid').length;
  expect(ep['GET /start']!.requests).toBe(chains);
  expect(ep['GET /start']!.statusCodes).toEqual({ 200: followed, 302: chains - followed });
  expect(seen.filter((s) => s.url === '/end?x=1').length).toBe(followed);
  expect(ep['GET /start']!.latencyMs.max).toBeGreaterThanOrEqual(60);
  // /loop: the first request plus 3 hops, recorded once as the 302 it ended on.
  const loops = ep['GET /loop']!.requests;
  expect(seen.filter((s) => s.url === '/loop').length).toBe(loops * 4);
  expect(ep['GET /loop']!.statusCodes).toEqual({ 302: loops });
  expect(ep['GET /away']!.statusCodes).toEqual({ 302: ep['GET /away']!.requests });
  expect(seen.some((s) => s.url.includes('elsewhere'))).toBe(false);
  expect(r.totals.requests).toBe(r.endpoints.reduce((n, e) => n + e.requests, 0));
}

describe('redirects in scenario files (maxRedirects)', () => {
  it('HTTP/1.1: same-origin redirects followed per request, counted once with the final status and the whole time', async () => {
    const srv = await redirectServer(false);
    const dir = scenarioDir({ 's.ts': SCENARIO });
    const r = await runScenario(path.join(dir, 's.ts'), srv.url, { protocol: 'http1' });
    expectRedirectsFollowed(r, srv.seen);
  });

  it('h2c: the same redirects followed as new streams', async () => {
    const srv = await redirectServer(true);
    const dir = scenarioDir({ 's.ts': SCENARIO });
    const r = await runScenario(path.join(dir, 's.ts'), srv.url, { protocol: 'http2' });
    expect(r.protocols?.h2).toBe(r.totals.requests);
    expectRedirectsFollowed(r, srv.seen);
  });

  it('without maxRedirects a 3xx is the answer; a bad maxRedirects is a scenario problem naming the key', async () => {
    const srv = await redirectServer(false);
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 1, duration: '300ms' }, run: async (vu) => { check(await vu.http.get('/start'), { '302 as is': (r) => r.status === 302 }); } });`,
      'bad.ts': `import { defineScenario } from 'gonogo'; export default defineScenario({ maxRedirects: -1, run: (vu) => vu.http.get('/') });`,
    });
    const r = await runScenario(path.join(dir, 's.ts'), srv.url);
    expect(r.checks.items[0]).toMatchObject({ check: '302 as is', fails: 0 });
    expect(srv.seen.some((s) => s.url === '/mid')).toBe(false);
    const err = await runScenario(path.join(dir, 'bad.ts'), srv.url).catch((e: { details: string[] }) => e);
    expect((err as { details: string[] }).details.join('\n')).toMatch(/scenario "default".maxRedirects: -1 is not a whole number >= 0/);
  });
});
