import { afterEach, describe, expect, it } from 'vitest';
import { checkExternal, type ExternalOptions, type ExternalUse } from '../../src/docs/external/check-external.js';
import { retryAfterMs } from '../../src/docs/external/retry-after.js';
import { tmpDir } from '../helpers/cli.js';
import { closedPort, httpServer, serverPool, tcpServer } from '../helpers/servers.js';

const servers = serverPool(afterEach);

function options(over: Partial<ExternalOptions> = {}): ExternalOptions {
  return {
    concurrencyPerHost: 4,
    spacingMs: 0,
    concurrency: 8,
    retries: 2,
    timeoutMs: 2000,
    maxRetryAfterMs: 5000,
    backoffMs: 50,
    maxRedirects: 10,
    accept: new Set(),
    exclude: [],
    cacheMaxAgeMs: 86_400_000,
    userAgent: 'gonogo-test',
    ...over,
  };
}

const uses = (base: string, ...paths: string[]): ExternalUse[] => paths.map((p, i) => ({ url: new URL(p, base).href, file: 'README.md', line: i + 1 }));
const messages = (r: Awaited<ReturnType<typeof checkExternal>>) => r.findings.map((f) => `${'line' in f.location ? f.location.line : 0} ${f.message.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`);

describe('external links against loopback servers', () => {
  it('reports 404 and passes 200, trying HEAD first and GET when HEAD is refused', async () => {
    const seen: string[] = [];
    const srv = await servers.track(
      httpServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        if (req.url === '/ok') return res.writeHead(200).end('ok');
        if (req.url === '/no-head') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
        res.writeHead(404).end();
      }),
    );
    const r = await checkExternal(uses(srv.url, '/ok', '/missing', '/no-head', '/ok#fragment'), options());
    expect(messages(r)).toEqual(['2 /missing: HTTP 404']);
    expect(seen.sort()).toEqual(['GET /missing', 'GET /no-head', 'HEAD /missing', 'HEAD /no-head', 'HEAD /ok'].sort());
    expect(r.urls).toBe(3);
  });

  it('waits as long as Retry-After asks on 429, then succeeds', async () => {
    const times: number[] = [];
    const srv = await servers.track(
      httpServer((_req, res, n) => {
        times.push(Date.now());
        if (n === 0) return res.writeHead(429, { 'retry-after': '1' }).end();
        res.writeHead(200).end();
      }),
    );
    const r = await checkExternal(uses(srv.url, '/limited'), options());
    expect(r.findings).toEqual([]);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('retries 5xx and reports it when it persists, without caching it', async () => {
    const dir = tmpDir();
    const srv = await servers.track(httpServer((_req, res) => res.writeHead(503).end()));
    const r = await checkExternal(uses(srv.url, '/down'), options({ retries: 2, cacheDir: dir }));
    expect(messages(r)).toEqual(['1 /down: HTTP 503']);
    expect(srv.count()).toBe(3); // HEAD + 2 retries; no GET fallback for a transient status
    await checkExternal(uses(srv.url, '/down'), options({ retries: 0, cacheDir: dir }));
    expect(srv.count()).toBe(4); // asked again: a 503 is transient, so it was not cached
  });

  it('follows redirect chains, and reports loops and chains that are too long', async () => {
    const srv = await servers.track(
      httpServer((req, res) => {
        const m = /^\/hop(\d+)$/.exec(req.url ?? '');
        if (m) return Number(m[1]) < 3 ? res.writeHead(301, { location: `/hop${Number(m[1]) + 1}` }).end() : res.writeHead(200).end();
        if (req.url === '/loop-a') return res.writeHead(302, { location: '/loop-b' }).end();
        if (req.url === '/loop-b') return res.writeHead(302, { location: '/loop-a' }).end();
        const far = /^\/far(\d+)$/.exec(req.url ?? '');
        if (far) return res.writeHead(307, { location: `/far${Number(far[1]) + 1}` }).end();
        if (req.url === '/to-gone') return res.writeHead(301, { location: '/gone' }).end();
        res.writeHead(404).end();
      }),
    );
    const r = await checkExternal(uses(srv.url, '/hop0', '/loop-a', '/far0', '/to-gone'), options({ maxRedirects: 5 }));
    expect(messages(r).map((m) => m.replace(/127\.0\.0\.1:\d+/g, 'HOST'))).toEqual([
      '2 /loop-a: redirect loop back to http://HOST/loop-a',
      '3 /far0: more than 5 redirects',
      '4 /to-gone: HTTP 404 (after 1 redirect, ending at http://HOST/gone)',
    ]);
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const srv = await servers.track(httpServer(() => {}));
    const t0 = Date.now();
    const r = await checkExternal(uses(srv.url, '/hang'), options({ timeoutMs: 300, retries: 1, backoffMs: 10 }));
    expect(messages(r)).toEqual(['1 /hang: no answer within 0.3 s']);
    expect(srv.count()).toBe(2);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('honours the cache: a second run sends no requests; max age 0 asks again', async () => {
    const dir = tmpDir();
    const srv = await servers.track(httpServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end()));
    const first = await checkExternal(uses(srv.url, '/ok', '/missing'), options({ cacheDir: dir }));
    const sent = srv.count();
    expect(sent).toBe(3);
    const second = await checkExternal(uses(srv.url, '/ok', '/missing'), options({ cacheDir: dir }));
    expect(srv.count()).toBe(sent);
    expect(second.fromCache).toBe(2);
    expect(messages(second)).toEqual(messages(first));
    await checkExternal(uses(srv.url, '/ok', '/missing'), options({ cacheDir: dir, cacheMaxAgeMs: 0 }));
    expect(srv.count()).toBe(2 * sent);
  });

  it('keeps to the per-host concurrency and spacing', async () => {
    let inFlight = 0;
    let most = 0;
    const starts: number[] = [];
    const srv = await servers.track(
      httpServer((_req, res) => {
        starts.push(Date.now());
        most = Math.max(most, ++inFlight);
        // Held long enough that a busy machine still overlaps the requests the limit allows.
        setTimeout(() => {
          inFlight--;
          res.writeHead(200).end();
        }, 400);
      }),
    );
    await checkExternal(uses(srv.url, '/1', '/2', '/3', '/4'), options({ concurrencyPerHost: 2 }));
    expect(most).toBe(2);
    starts.length = 0;
    await checkExternal(uses(srv.url, '/a', '/b', '/c'), options({ concurrencyPerHost: 3, spacingMs: 120 }));
    // Starts are paced on the client; connection set-up jitter moves single arrivals, so check the span.
    expect(starts).toHaveLength(3);
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(2 * 120 - 40);
  });

  it('accepts listed statuses and never requests excluded URLs', async () => {
    const srv = await servers.track(httpServer((req, res) => res.writeHead(req.url === '/robots-hate-us' ? 403 : 500).end()));
    const r = await checkExternal(uses(srv.url, '/robots-hate-us', '/private/x'), options({ accept: new Set([403]), exclude: [`${srv.url}private/*`] }));
    expect(r.findings).toEqual([]);
    expect(r.excluded).toBe(1);
    expect(srv.count()).toBe(1); // HEAD 403 is accepted as it is; nothing for /private
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('a cache folder that cannot be written', () => {
  it('still reports the results and says why nothing was cached', async () => {
    const srv = await servers.track(httpServer((_req, res) => res.writeHead(200).end()));
    const file = `${tmpDir()}/not-a-folder`;
    (await import('node:fs')).writeFileSync(file, 'x');
    const r = await checkExternal(uses(srv.url, '/ok'), options({ cacheDir: `${file}/cache` }));
    expect(r.findings).toEqual([]);
    expect(r.cacheError).toMatch(/^cannot write the link cache in .*not-a-folder\/cache: ENOTDIR$/);
  });
});

describe('misbehaving servers are reported, never crash the review', () => {
  it('reset, garbage and a closed port each become a finding', async () => {
    const reset = await servers.track(tcpServer((socket) => socket.destroy()));
    const garbage = await servers.track(tcpServer((socket) => socket.end('NOT HTTP AT ALL\r\n\r\n')));
    const port = await closedPort();
    const list: ExternalUse[] = [
      { url: `${reset.url}x`, file: 'README.md', line: 1 },
      { url: `${garbage.url}x`, file: 'README.md', line: 2 },
      { url: `http://127.0.0.1:${port}/x`, file: 'README.md', line: 3 },
    ];
    const r = await checkExternal(list, options({ retries: 1, backoffMs: 10 }));
    expect(r.findings.map((f) => ('line' in f.location ? f.location.line : 0))).toEqual([1, 2, 3]);
    expect(r.findings[2]!.message).toContain('ECONNREFUSED');
    expect(reset.count()).toBe(2); // a reset is retried once
  });
});
