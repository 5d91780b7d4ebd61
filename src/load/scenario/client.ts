import { parseDuration } from '../../core/duration.js';
import { performance } from 'node:perf_hooks';
import { endpointOf } from '../http/connection.js';
import { EventScanner, type StreamKind } from '../http/event-stream.js';
import type { HttpClient, HttpResponse, RequestBody, RequestOptions } from './api.js';
import { UserCookieJar } from './cookies.js';
import { OriginPool, poolProtocol, type Outcome, type ScenarioHttp } from './pool.js';
import type { ScenarioRecorder } from './recorder.js';
import { ScenarioResponse, setCookies } from './response.js';
import { isFollowedRedirect, redirectMethod } from '../redirects.js';

/** What every user of one scenario in one worker shares. */
export interface ClientContext {
  scenario: string;
  /** Parsed base URL; its path is a prefix for relative request paths. */
  base: URL;
  /** Rendered "Name: value\r\n" lines of the scenario's headers. */
  scenarioHeaders: string;
  scenarioHeaderNames: ReadonlySet<string>;
  timeoutMs: number;
  /** The scenario's `maxRedirects` (0: a 3xx is the answer). */
  maxRedirects: number;
  pools: PoolSet;
  /** undefined: requests are not recorded (global setup / teardown). */
  recorder: ScenarioRecorder | undefined;
  /** Set when the run stops: requests then fail at once without being sent or recorded. */
  stopped: boolean;
  /** The base URL's pool, looked up once. */
  basePool?: OriginPool;
}

/** One pool per origin, created on first use. */
export class PoolSet {
  private readonly pools = new Map<string, OriginPool>();
  constructor(
    private readonly maxPerOrigin: number,
    /** --insecure: accept self-signed certificates (https and wss). */
    readonly insecure: boolean,
    /** --http1 / --http2 / --streams and the protocols the preflight found (default: HTTP/1.1 unless ALPN picks h2). */
    private readonly http?: ScenarioHttp,
    /** A request that waited longer than this for a connection counts as late (lateNoConnection). */
    private readonly lateMs = 5,
  ) {}

  get(url: URL): OriginPool {
    let p = this.pools.get(url.origin);
    if (!p) {
      const ep = endpointOf(url, this.insecure);
      p = new OriginPool(ep, this.maxPerOrigin, poolProtocol(url, ep, this.http), this.lateMs);
      this.pools.set(url.origin, p);
    }
    return p;
  }

  sweep(now: number): void {
    for (const p of this.pools.values()) p.sweep(now);
  }

  busy(): number {
    let n = 0;
    for (const p of this.pools.values()) n += p.busy();
    return n;
  }

  opens(): number {
    let n = 0;
    for (const p of this.pools.values()) n += p.opens;
    return n;
  }

  lateNoConnection(): number {
    let n = 0;
    for (const p of this.pools.values()) n += p.lateNoConnection;
    return n;
  }

  close(): void {
    for (const p of this.pools.values()) p.close();
  }
}

const FORBIDDEN = /[\r\n\0]/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** "Name: value\r\n" lines, refusing names and values that would corrupt or smuggle requests. */
export function renderHeaders(headers: Record<string, string> | undefined): string {
  let out = '';
  if (!headers) return out;
  for (const name in headers) {
    const value = String(headers[name]);
    if (!HEADER_NAME.test(name)) throw new TypeError(`header name ${JSON.stringify(name)} has characters HTTP does not allow`);
    if (FORBIDDEN.test(value)) throw new TypeError(`header ${JSON.stringify(name)} contains CR, LF or NUL`);
    out += `${name}: ${value}\r\n`;
  }
  return out;
}

/**
 * A virtual user's HTTP client: builds HTTP/1.1 requests by hand (no per-request objects beyond the
 * bytes), sends them on the worker's shared pool and records each outcome under its request name.
 */
export class UserHttp implements HttpClient {
  readonly headers: Record<string, string> = {};
  readonly cookies = new UserCookieJar();
  /** Open model: the intended start of the current iteration, consumed by its first request. */
  intendedAt = 0;
  /** When the pool started timing that first request (its intended start if the target made it wait), else 0. */
  firstStartAt = 0;

  constructor(private readonly ctx: ClientContext) {}

  get baseUrl(): string {
    return this.ctx.base.href;
  }

  get(path: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('GET', path, undefined, options);
  }
  head(path: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('HEAD', path, undefined, options);
  }
  del(path: string, options?: RequestOptions & { body?: RequestBody }): Promise<HttpResponse> {
    return this.send('DELETE', path, options?.body, options);
  }
  post(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('POST', path, body, options);
  }
  put(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('PUT', path, body, options);
  }
  patch(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('PATCH', path, body, options);
  }
  request(method: string, path: string, options?: RequestOptions & { body?: RequestBody }): Promise<HttpResponse> {
    return this.send(method.toUpperCase(), path, options?.body, options);
  }

  private send(method: string, path: string, body: RequestBody, opts: RequestOptions | undefined): Promise<HttpResponse> {
    const ctx = this.ctx;
    // Resolve the target: a path joins onto the base URL's path; an absolute URL goes to its own origin.
    let url = ctx.base;
    let target: string;
    if (path.startsWith('http://') || path.startsWith('https://')) {
      url = new URL(path);
      target = url.pathname + url.search;
    } else {
      const prefix = ctx.base.pathname === '/' ? '' : ctx.base.pathname.replace(/\/+$/, '');
      target = prefix + (path.startsWith('/') ? path : `/${path}`);
    }
    if (opts?.query) {
      const q = new URLSearchParams();
      for (const k in opts.query) q.append(k, String(opts.query[k]));
      const qs = q.toString();
      if (qs) target += (target.includes('?') ? '&' : '?') + qs;
    }
    // A space or line break in the request line would break (or smuggle) the request: percent-encode it.
    if (/[\s\0]/.test(target)) target = target.replace(/[\s\0]/g, (c) => encodeURIComponent(c));
    const q = target.indexOf('?');
    const name = opts?.name ?? (q === -1 ? target : target.slice(0, q));

    let payload: Buffer | undefined;
    let contentType: string | undefined;
    if (body !== undefined && body !== null) {
      if (typeof body === 'string') payload = Buffer.from(body);
      else if (body instanceof Uint8Array) payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      else {
        payload = Buffer.from(JSON.stringify(body));
        contentType = 'application/json';
      }
    }

    const reqHeaders = opts?.headers;
    const overridden = (n: string) => reqHeaders !== undefined && hasHeader(reqHeaders, n);
    // One request (and each redirect hop: its cookie header is made again after the hop's Set-Cookie).
    const encode = (method: string, target: string, host: string, payload: Buffer | undefined): Buffer => {
      let head = `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n`;
      head += reqHeaders === undefined && isEmpty(this.headers) ? ctx.scenarioHeaders : renderMerged(ctx.scenarioHeaders, ctx.scenarioHeaderNames, this.headers, reqHeaders);
      if (payload !== undefined && contentType !== undefined && !overridden('content-type') && !hasHeader(this.headers, 'content-type') && !ctx.scenarioHeaderNames.has('content-type')) head += `Content-Type: ${contentType}\r\n`;
      if (payload !== undefined) head += `Content-Length: ${payload.length}\r\n`;
      else if (BODY_METHODS.has(method) && method !== 'DELETE') head += 'Content-Length: 0\r\n';
      const cookie = this.cookies.cookieHeader();
      if (cookie !== undefined && !overridden('cookie')) head += `Cookie: ${cookie}\r\n`;
      if (!ctx.scenarioHeaderNames.has('user-agent') && !overridden('user-agent') && !hasHeader(this.headers, 'user-agent')) head += 'User-Agent: gonogo\r\n';
      head += '\r\n';
      const headBuf = Buffer.from(head, 'latin1');
      return payload === undefined ? headBuf : Buffer.concat([headBuf, payload]);
    };
    const bytes = encode(method, target, url.host, payload);
    const maxRedirects = opts?.maxRedirects ?? ctx.maxRedirects;
    if (!(Number.isInteger(maxRedirects) && maxRedirects >= 0)) throw new TypeError(`maxRedirects ${JSON.stringify(maxRedirects)} is not a whole number >= 0`);

    const timeoutMs = opts?.timeout === undefined ? ctx.timeoutMs : parseDuration(opts.timeout, 'timeout');
    const intendedAt = this.intendedAt;
    this.intendedAt = 0;
    const recorder = ctx.recorder;
    const ep = recorder?.endpoint(ctx.scenario, method, name) ?? 0;
    const okFn = opts?.ok;
    if (ctx.stopped) return Promise.resolve(new ScenarioResponse(0, false, 'stopped', undefined, undefined, 0, `${method} ${name}`, method, target, ctx.scenario));
    const req: { startAt?: number } = {};
    const scanner = opts?.stream !== undefined && recorder ? streamScanner(opts.stream, recorder, ep, () => req.startAt ?? performance.now(), () => ctx.stopped) : undefined;
    return new Promise<HttpResponse>((resolve) => {
      const full = `${method} ${name}`;
      // Redirects (maxRedirects): each hop on the same origin's pool; the chain is one request with the final
      // status, timed from its start (the hops' times added), as quick mode's --max-redirects.
      let hops = 0;
      let chainMs = 0;
      let hopUrl = url;
      let hopTarget = target;
      let hopMethod = method;
      let hopPayload = payload;
      const sendHop = (hopBytes: Buffer, hopIntendedAt: number, into: { startAt?: number } = {}) => {
        const pool = hopUrl === ctx.base ? (ctx.basePool ??= ctx.pools.get(hopUrl)) : ctx.pools.get(hopUrl);
        pool.send(Object.assign(into, {
          bytes: hopBytes,
          isHead: hopMethod === 'HEAD',
          intendedAt: hopIntendedAt,
          timeoutMs,
          ...(scanner ? { bodySink: (b: Buffer, from: number, to: number) => scanner.feed(b, from, to) } : {}),
          done: (o: Outcome, hopMs: number, now: number) => {
            const latencyMs = chainMs + hopMs;
            if (o.res && hops < maxRedirects && o.res.location !== undefined && isFollowedRedirect(o.res.status) && !ctx.stopped) {
              const next = sameOrigin(o.res.location, hopUrl, hopTarget);
              if (next) {
                for (const sc of setCookies(o.res.head)) this.cookies.absorb(sc);
                const nextMethod = redirectMethod(o.res.status, hopMethod);
                // 307/308 keep the method and its body; a method changed to GET drops the body.
                if (nextMethod !== hopMethod) hopPayload = undefined;
                hops++;
                chainMs = latencyMs;
                [hopUrl, hopTarget, hopMethod] = [next.url.origin === ctx.base.origin ? ctx.base : next.url, next.target, nextMethod];
                sendHop(encode(hopMethod, hopTarget, hopUrl.host, hopPayload), 0);
                return;
              }
            }
            // The request said its body streams: a success without a single event is a broken stream.
            if (scanner && o.res && o.res.status < 300) {
              if (scanner.events === 0) o = { error: 'stream', message: 'the response ended without a streamed event' };
              else if (recorder && !ctx.stopped) recorder.streamEnd(now, ep);
            }
            if (o.res) {
              const status = o.res.status;
              const ok = okFn ? okFn(status) : status < 400;
              if (recorder && !ctx.stopped) recorder.response(now, ep, latencyMs, status, o.res.bytes, !ok, o.timing);
              for (const sc of setCookies(o.res.head)) this.cookies.absorb(sc);
              resolve(new ScenarioResponse(status, ok, undefined, o.res.head, o.res.body, latencyMs, full, method, target, ctx.scenario));
            } else {
              if (recorder && !ctx.stopped) recorder.error(now, ep, o.error);
              resolve(new ScenarioResponse(0, false, o.error, undefined, undefined, latencyMs, full, method, target, ctx.scenario));
            }
          },
        }));
      };
      // The first hop's start (set by the pool) times the stream's first event and the open model's iteration.
      sendHop(bytes, intendedAt, req);
      if (intendedAt > 0) this.firstStartAt = req.startAt ?? 0;
    });
  }
}

/** A Location resolved against the request it answered; undefined when it leaves that request's origin (not followed). */
function sameOrigin(location: string, from: URL, fromTarget: string): { url: URL; target: string } | undefined {
  let next: URL;
  try {
    next = new URL(location, from.origin + fromTarget);
  } catch {
    return undefined;
  }
  if (next.origin !== from.origin) return undefined;
  const target = (next.pathname + next.search).replace(/[\s\0]/g, (c) => encodeURIComponent(c));
  return { url: next, target };
}

/** A scanner that records each event of one streamed response: the first from the request's start, the rest from the one before. */
function streamScanner(kind: StreamKind, recorder: ScenarioRecorder, ep: number, startedAt: () => number, stopped: () => boolean): EventScanner {
  let last = Number.NaN;
  const sc: EventScanner = new EventScanner(kind, () => {
    const now = performance.now();
    if (Number.isNaN(last)) last = startedAt();
    if (!stopped()) recorder.streamEvent(now, ep, now - last, sc.events === 1);
    last = now;
  });
  return sc;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function hasHeader(h: Record<string, string>, lower: string): boolean {
  for (const k in h) if (k.toLowerCase() === lower) return true;
  return false;
}

/** Scenario headers, then the user's, then the request's; a later one replaces an earlier one of the same name. */
function renderMerged(scenarioLines: string, scenarioNames: ReadonlySet<string>, user: Record<string, string>, req: Record<string, string> | undefined): string {
  const later = new Set<string>();
  for (const k in req) later.add(k.toLowerCase());
  let userLines = '';
  const userNames = new Set<string>();
  for (const k in user) {
    const lower = k.toLowerCase();
    userNames.add(lower);
    if (!later.has(lower)) userLines += renderHeaders({ [k]: user[k]! });
  }
  for (const n of userNames) later.add(n);
  let out = '';
  if (scenarioLines) {
    if (later.size === 0 || ![...scenarioNames].some((n) => later.has(n))) out = scenarioLines;
    else for (const line of scenarioLines.split('\r\n')) if (line && !later.has(line.slice(0, line.indexOf(':')).toLowerCase())) out += `${line}\r\n`;
  }
  return out + userLines + renderHeaders(req);
}
