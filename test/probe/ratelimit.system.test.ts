import type http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { httpServer, serverPool } from '../helpers/servers.js';
import { byId, probe } from './probe-helpers.js';

const servers = serverPool(afterEach);

/** A fixed-window limiter: `limit` requests per `windowMs`, with or without the standard headers. */
function limited(limit: number, windowMs: number, headers: boolean) {
  let count = 0;
  let resetAt = 0;
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.resume();
    const now = Date.now();
    // The window starts with the first request, so a quick burst cannot straddle two windows.
    if (now >= resetAt) {
      count = 0;
      resetAt = now + windowMs;
    }
    count++;
    const secs = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    if (count > limit) {
      res.writeHead(429, headers ? { 'retry-after': secs, 'ratelimit-limit': String(limit), 'ratelimit-reset': secs } : {}).end('slow down');
      return;
    }
    res.end('ok');
  };
}

it('passes with 429, Retry-After and RateLimit headers, and checks that the limit lifts after a short window', async () => {
  const srv = await servers.track(httpServer(limited(20, 2000, true)));
  const c = byId((await probe(srv.url, { checks: ['ratelimit'], rateLimit: { limit: 20, window: '2s' } })).checks).ratelimit!;
  expect(c.status, c.evidence).toBe('pass');
  // The reachability GET opened the window, so the burst's 429 comes at its 20th request.
  expect(c.evidence).toMatch(/first 429 at request 20 /);
  expect(c.evidence).toContain('recovered after');
});

it('warns when the 429 carries neither Retry-After nor RateLimit headers', async () => {
  const srv = await servers.track(httpServer(limited(10, 60_000, false)));
  const c = byId((await probe(srv.url, { checks: ['ratelimit'], rateLimit: { limit: 10, window: '1m' } })).checks).ratelimit!;
  expect(c.status).toBe('warn');
  expect(c.evidence).toContain('no Retry-After');
  expect(c.evidence).toContain('recovery not checked');
});

it('fails when no 429 comes, and warns instead when the budget cannot reach the limit', async () => {
  const srv = await servers.track(httpServer((req, res) => (req.resume(), res.end('ok'))));
  const none = byId((await probe(srv.url, { checks: ['ratelimit'], rateLimit: { limit: 30, window: '1m' } })).checks).ratelimit!;
  expect(none.status).toBe('fail');
  // The reachability GET, then up to twice the limit + 1 (a fixed window may roll over mid-burst).
  expect(srv.count()).toBe(1 + 61);
  expect(none.evidence).toContain('no 429 after 61 requests');
  const capped = byId((await probe(srv.url, { checks: ['ratelimit'], rateLimit: { limit: 100, window: '1m' } }, { maxRequests: 40 })).checks).ratelimit!;
  expect(capped.status).toBe('warn');
  expect(capped.evidence).toContain('raise --max-requests');
});
