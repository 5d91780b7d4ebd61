import http2 from 'node:http2';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadJson } from '../helpers/cli.js';
import { requirePrerequisite } from '../helpers/system.js';
import { listenH2 } from './h2-server.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';
import { hasOpenssl, selfSignedCert } from './tls-cert.js';

/**
 * Exact request accounting when an HTTP/2 server goes away with several streams in flight (RFC 9113 6.8).
 * The servers count what they received and answered; every assertion compares counts, never times, so a
 * slow machine changes how many requests a run makes but not whether the books balance.
 */

const runTls = requirePrerequisite(hasOpenssl, 'openssl', 'install the openssl package (it makes the test certificates)');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const { NGHTTP2_NO_ERROR, NGHTTP2_PROTOCOL_ERROR, NGHTTP2_INTERNAL_ERROR, NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_REFUSED_STREAM } = http2.constants;

/**
 * Per connection: answers streams 1..perSession-1 at once; the perSession-th stream is accepted and never
 * answered ("cut"). Once every answered stream has been fully sent, it sends GOAWAY(code, id of the cut
 * stream), so the client has every answered response before the GOAWAY. Streams that arrive after the cut
 * one (above the last-stream-id) are never processed. With code NO_ERROR the cut stream is answered too.
 */
function goawayServer(perSession: number, code: number) {
  const counts = { received: 0, served: 0, cut: 0, above: 0, goaways: 0, sessions: 0 };
  const handle = <S extends http2.Http2SecureServer | http2.Http2Server>(server: S): S => {
    server.on('session', (session: http2.ServerHttp2Session) => {
      let n = 0;
      let unsent = 0;
      let goaway: (() => void) | undefined;
      const sent = () => {
        if (--unsent === 0 && goaway !== undefined) goaway();
      };
      session.on('stream', (stream) => {
        stream.on('error', () => {});
        counts.received++;
        if (++n === 1) counts.sessions++;
        if (n > perSession) return void counts.above++;
        const answer = n < perSession || code === NGHTTP2_NO_ERROR;
        if (answer) {
          unsent++;
          stream.on('close', sent);
          stream.respond({ ':status': 200 });
          stream.end('served');
          counts.served++;
        } else counts.cut++;
        if (n === perSession) {
          const id = stream.id!;
          goaway = () => {
            goaway = undefined;
            counts.goaways++;
            session.goaway(code, id);
          };
          if (unsent === 0) goaway();
        }
      });
    });
    return server;
  };
  return { counts, handle };
}

async function h2Server(tls: boolean) {
  if (!tls) return { server: http2.createServer(), scheme: 'http' };
  const { key, cert } = selfSignedCert();
  return { server: http2.createSecureServer({ key, cert }), scheme: 'https' };
}

/** Quick-mode load against `port`; returns the result and how long the CLI took. */
async function quick(url: string, args: string[], tls: boolean) {
  const t0 = performance.now();
  const { r, j } = await runLoadJson(['load', url, '--workers', '1', '-q', ...(tls ? ['--insecure'] : ['--http2']), ...args], { timeoutMs: 60_000 });
  return { r, j, wallMs: performance.now() - t0 };
}

const codes = { PROTOCOL_ERROR: NGHTTP2_PROTOCOL_ERROR, INTERNAL_ERROR: NGHTTP2_INTERNAL_ERROR, ENHANCE_YOUR_CALM: NGHTTP2_ENHANCE_YOUR_CALM } as const;

describe.runIf(runTls)('HTTP/2 GOAWAY with an error code, several streams in flight (quick mode)', () => {
  // Over TLS with several streams, the last responses and the GOAWAY behind them often arrive in one decrypted chunk:
  // Node destroys the session before those streams' 'end' (before the fix, 3 of 6 runs of the first case failed).
  // perSession >= 2 x streams: a request sent again after a GOAWAY lands among the first streams of the new connection.
  it.each([
    { name: 'ENHANCE_YOUR_CALM', streams: 8, conns: 2, perSession: 20, tls: true },
    { name: 'PROTOCOL_ERROR', streams: 8, conns: 2, perSession: 20, tls: false },
    { name: 'INTERNAL_ERROR', streams: 1, conns: 3, perSession: 5, tls: false },
    { name: 'ENHANCE_YOUR_CALM', streams: 1, conns: 3, perSession: 5, tls: true },
  ] as const)('GOAWAY $name, --streams $streams, tls $tls: requests = answered + cut, errors = cut, retries not counted', async ({ name, streams, conns, perSession, tls }) => {
    const { server, scheme } = await h2Server(tls);
    const { counts, handle } = goawayServer(perSession, codes[name]);
    const port = await listenH2(handle(server), cleanups);
    const { r, j, wallMs } = await quick(`${scheme}://127.0.0.1:${port}/`, ['-c', String(conns), '--streams', String(streams), '-d', '1500ms', '--timeout', '5s'], tls);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.interrupted).toBe(0);
    // Every answered stream is one successful request, every cut stream one error; nothing else is counted.
    expect(j.totals.requests).toBe(counts.served + counts.cut);
    expect(j.totals.errors).toBe(counts.cut);
    expect(j.errorClasses).toEqual({ protocol: counts.cut });
    expect(j.statusCodes).toEqual({ 200: counts.served });
    expect(j.protocols).toEqual({ 'http/1.1': 0, h2: counts.served });
    // Streams above the last-stream-id were sent again on a new connection and counted once (as served or cut there).
    expect(counts.received).toBe(counts.served + counts.cut + counts.above);
    if (streams > 1) expect(counts.above).toBeGreaterThan(0);
    else expect(counts.above).toBe(0);
    // The connection was replaced again and again and the load went on.
    expect(counts.goaways).toBeGreaterThanOrEqual(3);
    expect(counts.cut).toBe(counts.goaways);
    expect(j.generator.connectionsOpened).toBe(counts.sessions);
    // Within duration + grace (2 s) + CLI start and exit, generously for a loaded machine.
    expect(j.durationMs).toBeLessThan(1500 + 3500);
    expect(wallMs).toBeLessThan(30_000);
  });

  it('graceful GOAWAY (NO_ERROR) every 20 streams with --streams 8: no errors, every answered stream counted once', async () => {
    const { server, scheme } = await h2Server(false);
    const { counts, handle } = goawayServer(20, NGHTTP2_NO_ERROR);
    const port = await listenH2(handle(server), cleanups);
    const { r, j } = await quick(`${scheme}://127.0.0.1:${port}/`, ['-c', '2', '--streams', '8', '-d', '1500ms'], false);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.interrupted).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(counts.cut).toBe(0);
    expect(j.totals.requests).toBe(counts.served);
    expect(counts.received).toBe(counts.served + counts.above);
    expect(counts.above).toBeGreaterThan(0);
    expect(counts.goaways).toBeGreaterThanOrEqual(3);
    expect(j.generator.connectionsOpened).toBe(counts.sessions);
  });
});

describe.runIf(runTls)('HTTP/2 GOAWAY with an error code, several streams in flight (scenario files)', () => {
  const scenario = (users: number) => `import { defineScenario, task } from 'gonogo';
    export default defineScenario({ executor: { type: 'constant-users', users: ${users}, duration: '1500ms' },
      tasks: [task('get', async (vu) => { await vu.http.get('/item'); })] });`;

  it.each([
    { name: 'ENHANCE_YOUR_CALM', streams: 8, users: 16, perSession: 20, tls: true },
    { name: 'INTERNAL_ERROR', streams: 1, users: 3, perSession: 5, tls: false },
  ] as const)('GOAWAY $name, --streams $streams: requests = answered + cut, errors = cut', async ({ name, streams, users, perSession, tls }) => {
    const { server, scheme } = await h2Server(tls);
    const { counts, handle } = goawayServer(perSession, codes[name]);
    const port = await listenH2(handle(server), cleanups);
    const dir = scenarioDir({ 's.ts': scenario(users) });
    const res = await runScenario(path.join(dir, 's.ts'), `${scheme}://127.0.0.1:${port}/`, tls ? { insecure: true, streams } : { protocol: 'http2', streams });
    expect(res.totals.interrupted).toBe(0);
    expect(res.totals.requests).toBe(counts.served + counts.cut);
    expect(res.totals.errors).toBe(counts.cut);
    expect(res.errorClasses).toEqual({ protocol: counts.cut });
    expect(res.protocols).toEqual({ 'http/1.1': 0, h2: counts.served });
    expect(counts.received).toBe(counts.served + counts.cut + counts.above);
    if (streams > 1) expect(counts.above).toBeGreaterThan(0);
    expect(counts.goaways).toBeGreaterThanOrEqual(2);
    expect(counts.cut).toBe(counts.goaways);
  });
});

describe('HTTP/2 refused streams and flow-control stalls with several streams in flight', () => {
  it('REFUSED_STREAM for the first 8 streams of each connection: each sent once more, no errors, exact counts', async () => {
    const counts = { received: 0, refused: 0, served: 0, sessions: 0 };
    const server = http2.createServer();
    server.on('session', (session) => {
      let n = 0;
      session.on('stream', (stream) => {
        stream.on('error', () => {});
        counts.received++;
        if (++n === 1) counts.sessions++;
        // Above the GOAWAY's last-stream-id (arrived in the same read as the 40th): never processed.
        if (n > 40) return;
        if (n <= 8) {
          counts.refused++;
          return void stream.close(NGHTTP2_REFUSED_STREAM);
        }
        stream.respond({ ':status': 200 });
        stream.end('ok');
        counts.served++;
        // A new connection every 40 streams: its first 8 are refused again.
        if (n === 40) session.goaway(NGHTTP2_NO_ERROR, stream.id!);
      });
    });
    const port = await listenH2(server, cleanups);
    const { r, j } = await quick(`http://127.0.0.1:${port}/`, ['-c', '1', '--streams', '8', '-d', '1s'], false);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.interrupted).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.totals.requests).toBe(counts.served);
    expect(counts.sessions).toBeGreaterThanOrEqual(2);
    expect(counts.refused).toBe(8 * counts.sessions);
  });

  it('a server that stops reading (request bodies stall on flow control): timeouts, run ends in time, every request counted', async () => {
    let received = 0;
    const server = http2.createServer();
    server.on('stream', (stream) => {
      stream.on('error', () => {});
      received++;
      stream.pause(); // never reads the body, never answers: the client's send window runs out
    });
    const port = await listenH2(server, cleanups);
    // 100 kB bodies: more than a stream's (and the connection's) initial 64 KiB window.
    const { r, j, wallMs } = await quick(`http://127.0.0.1:${port}/`, ['-c', '1', '--streams', '4', '-d', '1500ms', '--timeout', '400ms', '-m', 'POST', '-b', 'x'.repeat(100_000)], false);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(4);
    expect(j.totals.errors).toBe(j.totals.requests);
    expect(j.errorClasses).toEqual({ timeout: j.totals.requests });
    // Every stream the server saw is one counted request (in-flight ones at the end as timeouts or interrupted).
    expect(received).toBe(j.totals.requests + j.totals.interrupted);
    expect(j.durationMs).toBeLessThan(1500 + 3500);
    expect(wallMs).toBeLessThan(30_000);
  });
});
