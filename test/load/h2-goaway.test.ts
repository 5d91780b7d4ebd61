import http2 from 'node:http2';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadJson } from '../helpers/cli.js';
import { listenH2 } from './h2-server.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';
import { hasOpenssl, selfSignedCert } from './tls-cert.js';
import { requirePrerequisite } from '../helpers/system.js';

const runTls = requirePrerequisite(hasOpenssl, 'openssl', 'install the openssl package (it makes the test certificates)');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const { NGHTTP2_NO_ERROR, NGHTTP2_INTERNAL_ERROR, NGHTTP2_REFUSED_STREAM } = http2.constants;

/**
 * An h2 server that answers `perSession` streams per connection, then sends GOAWAY whose
 * last-stream-id is the last one it answered (graceful: NO_ERROR, like nginx after
 * keepalive_requests) or, with `code`, leaves that stream unanswered and goes away with an error.
 * Streams that arrive after it are never answered: the client must send them again elsewhere.
 */
function goawayServer(perSession: number, code = NGHTTP2_NO_ERROR) {
  const counts = { served: 0, streams: 0, goaways: 0, sessions: 0 };
  const handle = (server: http2.Http2SecureServer | http2.Http2Server) => {
    server.on('session', () => counts.sessions++);
    server.on('stream', (stream) => {
      counts.streams++;
      stream.on('error', () => {}); // streams above last-stream-id are closed REFUSED_STREAM on this side too
      const session = stream.session!;
      const n = ((session as unknown as { n?: number }).n = ((session as unknown as { n?: number }).n ?? 0) + 1);
      if (n > perSession) return; // above the GOAWAY's last-stream-id: never processed
      if (n === perSession && code !== NGHTTP2_NO_ERROR) {
        counts.goaways++;
        session.goaway(code, stream.id!);
        return;
      }
      stream.respond({ ':status': 200 });
      stream.end('served');
      counts.served++;
      if (n === perSession) {
        counts.goaways++;
        session.goaway(NGHTTP2_NO_ERROR, stream.id!);
      }
    });
    return server;
  };
  return { counts, handle };
}

describe.runIf(runTls)('HTTP/2 GOAWAY and refused streams (quick mode)', () => {
  it('a server that sends GOAWAY every 7 streams: no errors, every request counted once, streams above last-stream-id sent again', async () => {
    const { key, cert } = selfSignedCert();
    const { counts, handle } = goawayServer(7);
    const port = await listenH2(handle(http2.createSecureServer({ key, cert })), cleanups);
    const { r, j } = await runLoadJson(['load', `https://127.0.0.1:${port}/`, '-c', '2', '--streams', '4', '-d', '1500ms', '--workers', '1', '--insecure', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.interrupted).toBe(0);
    expect(j.totals.requests).toBe(counts.served);
    expect(j.protocols).toEqual({ 'http/1.1': 0, h2: counts.served });
    expect(counts.goaways).toBeGreaterThan(10);
    // Streams that arrived after a GOAWAY were never answered, and were sent again on a new connection.
    expect(counts.streams).toBeGreaterThan(counts.served);
    expect(j.generator.connectionsOpened).toBe(counts.sessions);
    expect(j.phasesMs.tls.count).toBe(counts.sessions);
  });

  it('a server that goes away with an error code: the stream it had accepted fails as protocol, the run completes', async () => {
    const { key, cert } = selfSignedCert();
    const { counts, handle } = goawayServer(5, NGHTTP2_INTERNAL_ERROR);
    const port = await listenH2(handle(http2.createSecureServer({ key, cert })), cleanups);
    // One stream per connection: each answered response has ended before the next request goes (see docs/load.md on error GOAWAYs).
    const { r, j } = await runLoadJson(['load', `https://127.0.0.1:${port}/`, '-c', '3', '-d', '1s', '--workers', '1', '--insecure', '-q'], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(j.errorClasses)).toEqual(['protocol']);
    expect(j.totals.requests - j.totals.errors).toBe(counts.served);
    // One failed request per GOAWAY: the stream at its last-stream-id, which the server never answered.
    expect(j.totals.errors).toBe(counts.goaways);
    expect(counts.goaways).toBeGreaterThan(5);
  });

  it('REFUSED_STREAM: a refused stream is sent once more; refused twice it is a protocol error', async () => {
    let streams = 0;
    let served = 0;
    // Refuses every other stream: each request's first try may be refused, its retry is answered.
    const flaky = http2.createServer();
    flaky.on('stream', (stream) => {
      stream.on('error', () => {});
      if (streams++ % 2 === 0) return stream.close(NGHTTP2_REFUSED_STREAM);
      served++;
      stream.respond({ ':status': 200 });
      stream.end('ok');
    });
    const port = await listenH2(flaky, cleanups);
    const a = await runLoadJson(['load', `http://127.0.0.1:${port}/`, '-c', '1', '-d', '700ms', '--workers', '1', '--http2', '-q']);
    expect(a.r.code, a.r.stderr).toBe(0);
    expect(a.j.totals.errors).toBe(0);
    expect(a.j.totals.requests).toBe(served);
    expect(streams).toBeGreaterThanOrEqual(2 * served - 1);

    let tries = 0;
    const never = http2.createServer();
    never.on('stream', (stream) => {
      stream.on('error', () => {});
      tries++;
      stream.close(NGHTTP2_REFUSED_STREAM);
    });
    const neverPort = await listenH2(never, cleanups);
    const b = await runLoadJson(['load', `http://127.0.0.1:${neverPort}/`, '-c', '1', '-d', '700ms', '--workers', '1', '--http2', '-q']);
    expect(b.r.code, b.r.stderr).toBe(0);
    expect(b.j.totals.requests).toBeGreaterThan(0);
    expect(b.j.totals.errors).toBe(b.j.totals.requests);
    expect(Object.keys(b.j.errorClasses)).toEqual(['protocol']);
    expect(tries).toBe(2 * b.j.totals.requests);
  });

  it('follows same-origin redirects over h2 with --max-redirects', async () => {
    const paths: Record<string, number> = {};
    const server = http2.createServer();
    server.on('stream', (stream, headers) => {
      const p = String(headers[':path']);
      paths[p] = (paths[p] ?? 0) + 1;
      if (p === '/start') stream.respond({ ':status': 302, location: '/next?x=1' });
      else if (p === '/next?x=1') stream.respond({ ':status': 307, location: `http://127.0.0.1:${port}/final` });
      else stream.respond({ ':status': 200 });
      stream.end(p === '/final' ? 'done' : '');
    });
    const port = await listenH2(server, cleanups);
    const { r, j } = await runLoadJson(['load', `http://127.0.0.1:${port}/start`, '-c', '2', '-d', '700ms', '--workers', '1', '--http2', '--max-redirects', '2', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.statusCodes).toEqual({ 200: j.totals.requests });
    expect(j.protocols.h2).toBe(j.totals.requests);
    expect(paths['/final']).toBe(j.totals.requests);
    expect(paths['/start']).toBe(j.totals.requests);
  });
});

describe.runIf(runTls)('HTTP/2 GOAWAY in scenario files', () => {
  it('GOAWAY every 5 streams: no errors, exact counts, every response over h2', async () => {
    const { key, cert } = selfSignedCert();
    const { counts, handle } = goawayServer(5);
    const port = await listenH2(handle(http2.createSecureServer({ key, cert })), cleanups);
    const dir = scenarioDir({
      's.ts': `import { defineScenario, task } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 6, duration: '1s' },
          tasks: [task('get', async (vu) => { await vu.http.get('/item'); })] });`,
    });
    const r = await runScenario(path.join(dir, 's.ts'), `https://127.0.0.1:${port}/`, { insecure: true, streams: 3 });
    expect(r.totals.errors).toBe(0);
    expect(r.totals.interrupted).toBe(0);
    expect(r.totals.requests).toBe(counts.served);
    expect(r.protocols).toEqual({ 'http/1.1': 0, h2: counts.served });
    expect(counts.goaways).toBeGreaterThan(10);
    expect(counts.streams).toBeGreaterThan(counts.served);
  });
});

describe.runIf(runTls)('HTTP/2 in scenario files', () => {
  /** An h2 server (TLS, or h2c without key) that echoes what a scenario sends and sets a cookie. */
  function echoServer(server: http2.Http2SecureServer | http2.Http2Server) {
    const seen = { sessions: 0, maxPerSession: 0, cookies: [] as string[] };
    // Sessions that carried a request (the preflight's connection carries none).
    server.on('session', (session) => {
      let open = 0;
      let used = false;
      session.on('stream', (stream) => {
        if (!used) {
          used = true;
          seen.sessions++;
        }
        seen.maxPerSession = Math.max(seen.maxPerSession, ++open);
        stream.on('close', () => open--);
      });
    });
    server.on('stream', (stream, headers) => {
      if (headers.cookie) seen.cookies.push(String(headers.cookie));
      let body = '';
      stream.on('data', (d) => (body += d));
      stream.on('end', () => {
        // Held 30 ms so that the users' requests overlap on their connections.
        setTimeout(() => {
          if (stream.destroyed) return;
          stream.respond({ ':status': 200, 'content-type': 'application/json', 'set-cookie': ['sid=abc; Path=/', 'theme=dark'], 'x-seen-method': String(headers[':method']) });
          stream.end(JSON.stringify({ method: headers[':method'], path: headers[':path'], body, authority: headers[':authority'] }));
        }, 30);
      });
    });
    return seen;
  }

  const scenario = `import { defineScenario, task, check } from 'gonogo';
    export default defineScenario({ executor: { type: 'constant-users', users: 4, duration: '800ms' },
      tasks: [task('post', async (vu) => {
        const r = await vu.http.post('/orders?x=1', { qty: 2 });
        const j = r.json();
        check(r, { 'json echoed': () => j.method === 'POST' && j.path === '/orders?x=1' && j.body === '{"qty":2}',
          'headers read': () => r.headers['x-seen-method'] === 'POST' && r.headers['set-cookie'].includes('theme=dark') });
        await vu.http.get('/next', { name: 'next' });
      })] });`;

  it('negotiates h2 by ALPN, honours --streams, reads headers, body and cookies, times phases', async () => {
    const { key, cert } = selfSignedCert();
    const server = http2.createSecureServer({ key, cert, allowHTTP1: true });
    const seen = echoServer(server);
    const port = await listenH2(server, cleanups);
    const dir = scenarioDir({ 's.ts': scenario });
    const r = await runScenario(path.join(dir, 's.ts'), `https://127.0.0.1:${port}/`, { insecure: true, streams: 2 });
    expect(r.totals.errors).toBe(0);
    expect(r.options).toMatchObject({ protocol: 'h2', streams: 2 });
    expect(r.protocols).toEqual({ 'http/1.1': 0, h2: r.totals.requests });
    expect(r.checks.items.length).toBe(2);
    expect(r.checks).toMatchObject({ fails: 0, passes: 2 * r.scenarios[0]!.iterations });
    // Four users, two streams per connection: two connections, each carrying two requests at once.
    expect(seen.sessions).toBe(2);
    expect(seen.maxPerSession).toBe(2);
    expect(r.generator.connectionsOpened).toBe(2);
    expect(r.phasesMs!.tls.count).toBe(2);
    expect(r.phasesMs!.ttfb.p50).toBeGreaterThanOrEqual(29);
    // The cookie jar fed by HTTP/2 Set-Cookie headers sends them back.
    expect(seen.cookies.some((c) => c.includes('sid=abc') && c.includes('theme=dark'))).toBe(true);
  });

  it('--http1 keeps HTTP/1.1 on a server that offers h2; --http2 over http:// is h2c', async () => {
    const { key, cert } = selfSignedCert();
    const both = http2.createSecureServer({ key, cert, allowHTTP1: true }, (_req, res) => res.end('{}'));
    const bothPort = await listenH2(both, cleanups);
    const get = scenarioDir({ 's.ts': `import { defineScenario, task } from 'gonogo';
      export default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '400ms' }, tasks: [task('t', async (vu) => { await vu.http.get('/'); })] });` });
    const h1 = await runScenario(path.join(get, 's.ts'), `https://127.0.0.1:${bothPort}/`, { insecure: true, protocol: 'http1' });
    expect(h1.totals.errors).toBe(0);
    expect(h1.protocols).toEqual({ 'http/1.1': h1.totals.requests, h2: 0 });
    expect(h1.options.protocol).toBe('http/1.1');

    const plain = http2.createServer();
    const seen = echoServer(plain);
    const plainPort = await listenH2(plain, cleanups);
    const dir = scenarioDir({ 's.ts': scenario });
    const c = await runScenario(path.join(dir, 's.ts'), `http://127.0.0.1:${plainPort}/`, { protocol: 'http2' });
    expect(c.totals.errors).toBe(0);
    expect(c.protocols).toEqual({ 'http/1.1': 0, h2: c.totals.requests });
    expect(c.phasesMs!.tls.count).toBe(0);
    // --streams 1 (the default): one connection per user in flight.
    expect(c.generator.connectionsOpened).toBe(4);
    expect(seen.sessions).toBe(4);
  });
});
