import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectBody, inspectRequestHead, type FilterHit } from './filter/inspect.js';
import { BodyTooLargeError, hasBody, parseBody, readRaw } from './http/body.js';
import type { Ctx } from './http/context.js';
import { PoolTimeoutError } from './db/pool.js';
import type { Route, Router } from './http/router.js';
import { injectedLatencyMs } from './knobs.js';
import type { RateLimiter } from './rate-limit.js';
import type { Services } from './services.js';

const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

export interface AppParts {
  services: Services;
  router: Router<Services>;
  limiter: RateLimiter;
  log: (line: string) => void;
}

/**
 * The request pipeline, in the order a hardened gateway applies it: refuse TRACE, filter the URL and
 * headers, rate-limit, read and filter the body, route (404/405), authenticate (401/403), inject the
 * configured faults, then run the handler. Every answer goes through the Responder (security headers,
 * metrics); an unexpected error becomes a plain 500 without details.
 */
export function createHandler(p: AppParts): (req: IncomingMessage, res: ServerResponse) => void {
  const s = p.services;
  return (req, res) => {
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const ctx: Ctx = {
      req, res, method: req.method ?? 'GET', path: qi < 0 ? url : url.slice(0, qi), rawQuery: qi < 0 ? '' : url.slice(qi + 1),
      route: 'unmatched', params: {}, body: undefined, bodyKind: 'none', bodyInvalid: false, client: req.socket.remoteAddress ?? 'unknown',
      user: undefined, start: performance.now(), headers: [], done: false,
    };
    handle(ctx, p).catch((err: unknown) => {
      // An exhausted database pool is load, not a bug: 503 and a hint to retry, as a service behind HikariCP would.
      if (err instanceof PoolTimeoutError && !res.headersSent) return s.send.error(ctx, 503, 'database busy; retry later', ['Retry-After', '1']);
      p.log(`demo-target: ${ctx.method} ${ctx.route} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) s.send.error(ctx, 500, 'internal error');
      else res.destroy();
    });
  };
}

async function handle(ctx: Ctx, p: AppParts): Promise<void> {
  const { services: s, router, limiter } = p;
  const send = s.send;
  if (REFUSED_METHODS.has(ctx.method)) return send.error(ctx, 405, 'method not allowed', ['Allow', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS']);
  if (!ctx.path.startsWith('/')) return send.error(ctx, 400, 'bad request target');
  const knobs = s.knobs();
  if (knobs.requestFilter) {
    const hit = inspectRequestHead({ path: ctx.path, rawQuery: ctx.rawQuery, headers: ctx.req.headers });
    if (hit) return block(ctx, s, hit);
  }

  const match = router.match(ctx.method, ctx.path);
  const route: Route<Services> | undefined = match && 'route' in match ? match.route : undefined;
  if (route) {
    ctx.route = route.pattern;
    ctx.params = 'params' in match! ? match.params : {};
  }
  if (route?.limited ?? true) {
    const decision = limiter.take(ctx.client);
    ctx.headers.push(...decision.headers);
    if (!decision.allowed) {
      s.metrics.rateLimited();
      return send.error(ctx, 429, 'rate limit exceeded; slow down');
    }
  }

  if (hasBody(ctx.req)) {
    let raw: string;
    try {
      raw = await readRaw(ctx.req);
    } catch (err) {
      ctx.headers.push('Connection', 'close');
      if (err instanceof BodyTooLargeError) return send.error(ctx, 413, 'request body too large');
      return send.error(ctx, 400, 'could not read the request body');
    }
    const body = parseBody(raw, ctx.req.headers['content-type']);
    ctx.body = body.value;
    ctx.bodyKind = body.kind;
    ctx.bodyInvalid = body.invalidJson;
    if (knobs.requestFilter) {
      const hit = inspectBody(body.value, raw, body.kind === 'form');
      if (hit) return block(ctx, s, hit);
    }
  }

  if (!match) return send.error(ctx, 404, 'not found');
  if (!route) {
    const allowed = 'allowed' in match ? match.allowed : [];
    if (ctx.method === 'OPTIONS') return send.empty(ctx, 204, ['Allow', [...allowed, 'OPTIONS'].join(', ')]);
    return send.error(ctx, 405, 'method not allowed', ['Allow', allowed.join(', ')]);
  }

  if (route.access !== 'public') {
    const auth = ctx.req.headers.authorization;
    const token = auth !== undefined && /^Bearer [A-Za-z0-9._~+/-]+=*$/i.test(auth) ? auth.slice(7) : undefined;
    ctx.user = token === undefined ? undefined : await s.tokens.verify(token);
    const challenge = ['WWW-Authenticate', token === undefined ? 'Bearer realm="gonogo-demo"' : 'Bearer realm="gonogo-demo", error="invalid_token"'];
    if (!ctx.user) return send.error(ctx, 401, token === undefined ? 'authentication required' : 'invalid or expired token', challenge);
    if (route.access === 'admin' && ctx.user.role !== 'admin') return send.error(ctx, 403, 'admin role required');
  }

  if (route.faults) {
    const delay = injectedLatencyMs(knobs, route.pattern);
    if (delay > 0) await sleep(delay);
    if (knobs.errorRate > 0 && Math.random() < knobs.errorRate) {
      return send.error(ctx, knobs.errorStatus, 'injected failure', knobs.errorStatus === 503 ? ['Retry-After', '1'] : undefined);
    }
  }
  await route.handler(ctx, s);
}

function block(ctx: Ctx, s: Services, hit: FilterHit): void {
  s.metrics.blockedBy(hit.rule);
  // A body still unread when the head was refused: close the connection rather than read what we refused.
  // (Without a body the connection stays open: a refused GET costs the client no new handshake.)
  if (hasBody(ctx.req) && ctx.bodyKind === 'none') ctx.headers.push('Connection', 'close');
  s.send.error(ctx, 403, 'request blocked by the request filter', undefined, { rule: hit.rule, reason: hit.title, where: hit.where });
}
