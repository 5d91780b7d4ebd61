import type http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { httpServer, serverPool } from '../helpers/servers.js';
import { byId, probe } from './probe-helpers.js';

const servers = serverPool(afterEach);
const serve = (fn: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) =>
  servers.track(
    httpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => fn(req, res, body));
    }),
  );

it('exposure.files ignores a catch-all page that answers 200 everywhere', async () => {
  const srv = await serve((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>app shell</body></html>'));
  const c = byId((await probe(srv.url, { checks: ['exposure.files'] })).checks)['exposure.files']!;
  expect(c.status, c.evidence).toBe('pass');
});

it('auth.bruteforce fails when throttling works but the answers reveal which users exist', async () => {
  let failures = 0;
  const srv = await serve((req, res, body) => {
    if (req.url !== '/api/login') return res.writeHead(404).end();
    if (++failures > 5) return res.writeHead(429, { 'retry-after': '60' }).end('{"error":"too many attempts"}');
    const { username } = JSON.parse(body) as { username: string };
    res.writeHead(401).end(username === 'bob' ? '{"error":"wrong password"}' : '{"error":"unknown user"}');
  });
  const c = byId((await probe(srv.url, { checks: ['auth.bruteforce'], login: { path: '/api/login', username: 'bob', password: 'bob-secret-pw' } })).checks)['auth.bruteforce']!;
  expect(c.status).toBe('fail');
  expect(c.evidence).toContain('different answers');
  expect(c.evidence).not.toContain('bob-secret-pw');
});

it('auth.bruteforce finds a common login path on its own and passes a throttled, uniform login', async () => {
  let failures = 0;
  const srv = await serve((req, res) => {
    if (req.url !== '/login') return res.writeHead(404).end();
    if (++failures > 8) return res.writeHead(429, { 'retry-after': '60' }).end('{"error":"slow down"}');
    res.writeHead(401).end('{"error":"invalid credentials"}');
  });
  const c = byId((await probe(srv.url, { checks: ['auth.bruteforce'] })).checks)['auth.bruteforce']!;
  // Without a test account only "admin" is compared, so the best it can say is a warning.
  expect(c.status, c.evidence).toBe('warn');
  expect(c.evidence).toMatch(/throttled at attempt \d+/);
});

it('cors.policy warns on an origin reflected without credentials', async () => {
  const srv = await serve((req, res) => res.writeHead(200, req.headers.origin ? { 'access-control-allow-origin': req.headers.origin } : {}).end('ok'));
  const c = byId((await probe(srv.url, { checks: ['cors.policy'] })).checks)['cors.policy']!;
  expect(c.status).toBe('warn');
});

it('waf.sqli is inconclusive when the endpoint blocks even the benign control, and honours a block-page pattern', async () => {
  const all403 = await serve((_q, res) => res.writeHead(403).end('forbidden'));
  const c = byId((await probe(all403.url, { checks: ['waf.sqli'] })).checks)['waf.sqli']!;
  expect(c.status).toBe('warn');
  expect(c.evidence).toContain('inconclusive');
  // A WAF that answers 200 with a block page is recognised through waf.blockPattern.
  const page = await serve((_q, res, body) => res.writeHead(200).end(body.includes('DROP') ? 'Request Rejected by policy' : 'ok'));
  const p = byId((await probe(page.url, { checks: ['waf.sqli'], waf: { blockPattern: 'request rejected' } })).checks)['waf.sqli']!;
  expect(p.status).toBe('warn'); // the canonical body is caught; the query and form variants are not
  expect(p.evidence).toContain('variants got through');
});

it('disclosure.banner warns on a technology header without a version and passes a bare Server name', async () => {
  const srv = await serve((_q, res) => res.writeHead(200, { server: 'nginx', 'x-powered-by': 'Express' }).end('ok'));
  const c = byId((await probe(srv.url, { checks: ['disclosure.banner'] })).checks)['disclosure.banner']!;
  expect(c.status).toBe('warn');
  expect(c.evidence).toContain('X-Powered-By: Express');
});

it('auth.required derives protected endpoints from an OpenAPI file and fails on a 200', async () => {
  const srv = await serve((req, res) => res.writeHead(req.url === '/items/1' ? 200 : 401).end('{}'));
  const { writeFileSync } = await import('node:fs');
  const { tmpDir } = await import('../helpers/cli.js');
  const { loadProbeFiles } = await import('../../src/probe/load-files.js');
  const dir = tmpDir();
  writeFileSync(`${dir}/openapi.yaml`, 'openapi: 3.0.0\nsecurity: [{ bearer: [] }]\npaths:\n  /items/{id}:\n    get: {}\n  /me:\n    get: {}\n  /health:\n    get: { security: [] }\n');
  const files = await loadProbeFiles({ openapi: 'openapi.yaml' }, dir);
  expect(files.openapiEndpoints.map((e) => e.path)).toEqual(['/items/1', '/me']);
  const c = byId((await probe(srv.url, { checks: ['auth.required'] }, {}, { openapiEndpoints: files.openapiEndpoints })).checks)['auth.required']!;
  expect(c.status).toBe('fail');
  expect(c.evidence).toContain('GET /items/1 → 200');
});
