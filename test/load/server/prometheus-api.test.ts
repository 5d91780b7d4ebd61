import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { promApiGet } from '../../../src/load/server/prometheus-api.js';
import { httpServer, serverPool } from '../../helpers/servers.js';

const { track } = serverPool(afterEach);

/** A fake Prometheus API on loopback: each path answers one way a real or broken endpoint can. */
async function fakeApi() {
  return track(
    httpServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const q = u.searchParams.get('query');
      if (q === 'ok') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '2'] }] } }));
      if (q === 'html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      if (q === 'bad') return res.writeHead(400).end(JSON.stringify({ status: 'error', error: 'parse error at char 3' }));
      if (q === 'big') return res.writeHead(200).end(Buffer.alloc(4096, 32));
      // 'hang': headers never come.
    }),
  );
}

describe('one Prometheus API call (shared by the after-run query_range and the live poller)', () => {
  const agent = new Agent();
  const get = (url: string, query: string, extra: { timeoutMs?: number; maxBody?: number; signal?: AbortSignal } = {}) =>
    promApiGet(url, 'query', { query }, { agent, timeoutMs: extra.timeoutMs ?? 2000, maxBody: extra.maxBody ?? 1024, ...(extra.signal ? { signal: extra.signal } : {}) });

  it('returns the data of a success answer and sends the query under /api/v1/', async () => {
    const srv = await fakeApi();
    expect(await get(`${srv.url}prom`, 'ok')).toEqual({ resultType: 'vector', result: [{ metric: {}, value: [1, '2'] }] });
  });

  it('names what went wrong instead of throwing: HTML, an API error, a body over the limit, a hang, a refused port', async () => {
    const srv = await fakeApi();
    expect(await get(srv.url, 'html')).toBe('HTTP 200, not the Prometheus API (no JSON)');
    expect(await get(srv.url, 'bad')).toBe('HTTP 400: parse error at char 3');
    expect(await get(srv.url, 'big')).toBe('answer over 1024 bytes');
    const t0 = performance.now();
    expect(await get(srv.url, 'hang', { timeoutMs: 300 })).toBe('timed out after 300 ms');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(await get('http://127.0.0.1:9/', 'ok')).toBe('ECONNREFUSED');
  });

  it('a caller that stops (the live poller at the end of a run) aborts the call at once, reported as stopped, not as a timeout', async () => {
    const srv = await fakeApi();
    const stop = new AbortController();
    const pending = get(srv.url, 'hang', { timeoutMs: 10_000, signal: stop.signal });
    setTimeout(() => stop.abort(), 50);
    const t0 = performance.now();
    const r = await pending;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r).toBe('stopped');
  });
});
