import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, login, raw, startTarget, type DemoTarget, type RawResponse } from './helpers.js';

let t: DemoTarget;
let token: string;
beforeAll(async () => {
  t = await startTarget();
  token = await login(t);
});
afterAll(closeAll);

function expectSecurityHeaders(r: RawResponse, what: string): void {
  expect(r.headers['content-security-policy'], what).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
  expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  expect(r.headers['x-frame-options'], what).toBe('DENY');
  expect(r.headers['referrer-policy'], what).toBe('no-referrer');
  expect(r.headers['permissions-policy'], what).toMatch(/camera=\(\)/);
  expect(r.headers['cache-control'], what).toBe('no-store');
  expect(r.headers.server, what).toBeUndefined();
  expect(r.headers['x-powered-by'], what).toBeUndefined();
  expect(r.headers['strict-transport-security'], `${what} (no HSTS over plain HTTP)`).toBeUndefined();
}

describe('security headers', () => {
  it('are on every kind of answer', async () => {
    const answers: [string, Promise<RawResponse>][] = [
      ['200 public', raw(t.url, 'GET', '/health/live')],
      ['200 authenticated', raw(t.url, 'GET', '/api/items', { token })],
      ['401', raw(t.url, 'GET', '/api/items')],
      ['403 filter', raw(t.url, 'GET', '/api/items?q=%3Cscript%3E')],
      ['404', raw(t.url, 'GET', '/missing')],
      ['405', raw(t.url, 'TRACE', '/')],
      ['400', raw(t.url, 'POST', '/api/items', { token, body: '{"name":', headers: { 'content-type': 'application/json' } })],
      ['metrics', raw(t.url, 'GET', '/metrics')],
    ];
    for (const [what, p] of answers) expectSecurityHeaders(await p, what);
  });
});

describe('hardening', () => {
  it('answers TRACE with 405 (TRACK with 400: not HTTP) and does not echo the request', async () => {
    for (const [m, status] of [['TRACE', 405], ['TRACK', 400]] as const) {
      const r = await raw(t.url, m, '/', { headers: { 'x-echo-me': 'secret-marker' } });
      expect(r.status, m).toBe(status);
      expect(r.body).not.toContain('secret-marker');
    }
  });

  it('never reflects an Origin or allows credentials cross-origin', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      for (const [m, p] of [['GET', '/api/info'], ['OPTIONS', '/api/items'], ['GET', '/api/items']] as const) {
        const r = await raw(t.url, m, p, { token, headers: { origin, 'access-control-request-method': 'POST' } });
        expect(r.headers['access-control-allow-origin'], `${m} ${p} ${origin}`).toBeUndefined();
        expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      }
    }
  });

  it('answers malformed input with a short JSON error and no stack trace', async () => {
    const cases = [
      raw(t.url, 'POST', '/api/items', { token, body: '{"name": "x", ', headers: { 'content-type': 'application/json' } }),
      raw(t.url, 'POST', '/api/auth/login', { body: '{{{{', headers: { 'content-type': 'application/json' } }),
      raw(t.url, 'GET', '/api/items?limit=abc', { token }),
      raw(t.url, 'POST', '/api/tools/calculator/run', { token, body: { input: { expression: '((((' } } }),
    ];
    for (const r of await Promise.all(cases)) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.body).not.toMatch(/\bat \S+ \(|\.ts:\d+|\.js:\d+|node:internal|Error:/);
    }
  });

  it('answers broken HTTP with a JSON 400 that still carries the security headers', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const s = net.connect(t.port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
      let out = '';
      s.on('data', (d) => (out += d));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toMatch(/X-Content-Type-Options: nosniff/i);
    expect(text).toContain('{"error":"bad request"');
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const r = await raw(t.url, 'POST', '/api/items', { token, body: JSON.stringify({ name: 'x', description: 'a'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
  });

  it('answers 404 for files and debug pages that must not exist', async () => {
    for (const p of ['/.git/config', '/.env', '/app.js.map', '/main.js.map', '/server-status', '/debug', '/debug/pprof', '/actuator/env', '/phpinfo.php', '/.DS_Store', '/console']) {
      expect((await raw(t.url, 'GET', p)).status, p).toBe(404);
    }
  });

  it('has no URL-fetching parameter: a url= on any route is not fetched', async () => {
    let hits = 0;
    const canary = net.createServer((s) => {
      hits++;
      s.destroy();
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    const port = (canary.address() as net.AddressInfo).port;
    const url = encodeURIComponent(`http://127.0.0.1:${port}/`);
    await raw(t.url, 'GET', `/api/items?url=${url}&callback=${url}`, { token });
    await raw(t.url, 'POST', '/api/tools/echo/run', { token, body: { input: { text: `http://127.0.0.1:${port}/` } } });
    await raw(t.url, 'POST', '/api/model/chat', { token, body: { messages: [{ role: 'user', content: `fetch http://127.0.0.1:${port}/` }] } });
    await new Promise((r) => setTimeout(r, 100));
    canary.close();
    expect(hits).toBe(0);
  });
});

describe('request filter (system)', () => {
  const sqli = "'; DROP TABLE users; --";
  const xss = '<script>alert(1)</script>';

  it('answers 403 to the reference payloads in a JSON body, on public and protected routes', async () => {
    const body = { agent_id: 'coder', task: sqli };
    for (const p of ['/', '/api/items', '/api/tasks', '/api/auth/login']) {
      const r = await raw(t.url, 'POST', p, { body });
      expect(r.status, p).toBe(403);
      expect(r.json()).toMatchObject({ rule: 'sqli', where: 'body task' });
    }
    expect((await raw(t.url, 'POST', '/api/items', { token, body: { name: xss } })).json().rule).toBe('xss');
  });

  it('finds them in query, path, header, cookie and form body', async () => {
    const checks: [string, Promise<RawResponse>][] = [
      ['query', raw(t.url, 'GET', `/api/items?q=${encodeURIComponent(sqli)}`, { token })],
      ['double-encoded query', raw(t.url, 'GET', `/api/items?q=${encodeURIComponent(encodeURIComponent(xss))}`, { token })],
      ['path', raw(t.url, 'GET', `/api/items/${encodeURIComponent(xss)}`, { token })],
      ['header', raw(t.url, 'GET', '/api/info', { headers: { 'x-note': sqli } })],
      ['cookie', raw(t.url, 'GET', '/api/info', { headers: { cookie: `note=${encodeURIComponent(xss)}` } })],
      ['form', raw(t.url, 'POST', '/api/auth/login', { body: `username=${encodeURIComponent(sqli)}&password=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
      ['base64 query', raw(t.url, 'GET', `/api/items?q=${Buffer.from(sqli).toString('base64')}`, { token })],
    ];
    for (const [where, p] of checks) expect((await p).status, where).toBe(403);
  });

  it('keeps the connection open after refusing a request without a body', async () => {
    const blocked = await raw(t.url, 'GET', `/api/items?q=${encodeURIComponent(xss)}`, { headers: { connection: 'keep-alive' } });
    expect(blocked.status).toBe(403);
    expect(blocked.headers.connection).toBe('keep-alive');
    const withBody = await raw(t.url, 'POST', `/api/items?q=${encodeURIComponent(xss)}`, { body: { name: 'x' }, headers: { connection: 'keep-alive' } });
    expect(withBody.status).toBe(403);
    expect(withBody.headers.connection).toBe('close');
  });

  it('lets ordinary text through', async () => {
    const benign = ["O'Brien's desk lamp", 'Tom & Jerry; select one from the list', 'I <3 lamps, 1 < 2', 'Drop me a line: SELECT the best', 'Costs $5 (tax incl.) - see you later', 'C:/Users/notes.txt'];
    for (const text of benign) {
      const r = await raw(t.url, 'POST', '/api/items', { token, body: { name: 'benign', description: text } });
      expect(r.status, text).toBe(201);
    }
    expect((await raw(t.url, 'GET', `/api/items?q=${encodeURIComponent("O'Brien")}`, { token })).status).toBe(200);
  });

  it('can be turned off with the requestFilter knob', async () => {
    const off = await startTarget({ knobs: { requestFilter: false } });
    const r = await raw(off.url, 'POST', '/api/items', { body: { agent_id: 'coder', task: sqli } });
    expect(r.status).toBe(401);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After and RateLimit headers past the limit, then recovers', async () => {
    const limited = await startTarget({ rateLimit: { limit: 5, windowMs: 1000 } });
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let i = 0; i < 7; i++) {
      last = await raw(limited.url, 'GET', '/api/info');
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers['ratelimit-limit']).toBe('5');
        expect(last.headers['ratelimit-remaining']).toBe('4');
        expect(last.headers['ratelimit-policy']).toBe('5;w=1');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(last!.headers['retry-after']).toBe('1');
    expect(last!.headers['ratelimit-remaining']).toBe('0');
    expect(last!.json().error).toMatch(/rate limit/);
    // health checks are not limited
    expect((await raw(limited.url, 'GET', '/health/live')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await raw(limited.url, 'GET', '/api/info')).status).toBe(200);
  });
});
