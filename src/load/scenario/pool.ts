import { performance } from 'node:perf_hooks';
import { Connection, type ConnectionEvents, type Endpoint, type RequestSlot } from '../http/connection.js';
import { H2Session, H2Slot } from '../http/h2.js';
import { h2FromWire } from '../http/h2-request.js';
import type { ParsedResponse } from '../http/response-parser.js';
import type { ErrorClass } from '../error-class.js';
import type { RequestTiming } from '../http/timing.js';
import { preflight, type ProtocolChoice } from '../preflight.js';
import { FreeWindows } from '../free-windows.js';

/** What became of one request: a response, or an error class. */
export type Outcome = { res: ParsedResponse; timing: RequestTiming; error?: undefined; message?: undefined } | { res?: undefined; error: ErrorClass; message: string };

export interface PoolRequest {
  bytes: Buffer;
  isHead: boolean;
  /** Intended start (open model, first request of an iteration), else 0: timed from the send. */
  intendedAt: number;
  /** Set by the pool when it takes the request: when its latency starts counting (see OriginPool.send). */
  startAt?: number;
  timeoutMs: number;
  /** Sees the 2xx body's bytes as they arrive (streamed-event timing); may throw StreamError. */
  bodySink?: (buf: Buffer, from: number, to: number) => void;
  done: (outcome: Outcome, latencyMs: number, now: number) => void;
}

/** How an origin's requests travel. */
export interface PoolProtocol {
  /** true: HTTP/2 (h2 over TLS, h2c over http://); false: HTTP/1.1; undefined: settled by ALPN on first use. */
  h2: boolean | undefined;
  /** HTTP/2 requests in flight per connection (--streams). */
  streams: number;
  /** Preflights the origin when `h2` is undefined: true when its ALPN picks h2. */
  negotiate?: () => Promise<boolean>;
}

/** A scripted run's HTTP version settings (plain data: they cross to workers). */
export interface ScenarioHttp {
  protocol: ProtocolChoice;
  streams: number;
  /** Origins the run's preflight settled (base URLs): true when they speak HTTP/2. */
  known: Record<string, boolean>;
}

/** How requests to `url`'s origin travel: as the preflight found, else as asked, else by ALPN on first use. */
export function poolProtocol(url: URL, ep: Endpoint, http: ScenarioHttp | undefined): PoolProtocol {
  const streams = http?.streams ?? 1;
  const known = http?.known[url.origin];
  if (known !== undefined) return { h2: known, streams };
  const protocol = http?.protocol ?? 'auto';
  // h2c only when asked (no negotiation over plain TCP); a forced h2 over TLS offers only h2 on every connection.
  if (protocol === 'http1' || (!ep.tls && protocol === 'auto')) return { h2: false, streams };
  if (protocol === 'http2') return { h2: true, streams };
  return { h2: undefined, streams, negotiate: async () => (await preflight(ep, url.href, 10_000, ['h2', 'http/1.1'])) === 'h2' };
}

const BACKOFF_MIN_MS = 10;
const BACKOFF_MAX_MS = 1000;

/**
 * Keep-alive connections to one origin shared by every virtual user of a worker. A user holds a
 * connection (over HTTP/2: a stream slot of one) only while its request is in flight, so users
 * thinking or sleeping cost no socket; the pool grows to the peak number of requests in flight (at
 * most `max`; over HTTP/2 `streams` of them share a connection), and requests beyond that wait.
 */
export class OriginPool implements ConnectionEvents {
  private readonly conns: RequestSlot[] = [];
  private readonly idle: RequestSlot[] = [];
  private readonly waiting: PoolRequest[] = [];
  private readonly inFlight: (PoolRequest | undefined)[] = [];
  private readonly deadline: number[] = [];
  /** Consecutive connection failures: a refusing target is retried with back-off, not in a hot loop. */
  private failures = 0;
  private closed = false;
  private h2: boolean | undefined;
  /** The HTTP/2 connection new slots join until it has `streams` of them. */
  private session: H2Session | undefined;
  private negotiating = false;
  /** When a connection was free (or could be opened): tells whose delay a late request is (free-windows.ts). */
  private readonly free = new FreeWindows();
  /** Requests that waited longer than `lateMs` because every connection was busy. */
  lateNoConnection = 0;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly max: number,
    private readonly protocol: PoolProtocol = { h2: false, streams: 1 },
    private readonly lateMs = 5,
  ) {
    this.h2 = protocol.h2;
    // Free since before the run: an iteration due before the pool's first use found every connection free.
    this.free.open(Number.NEGATIVE_INFINITY);
  }

  get opens(): number {
    return this.conns.reduce((a, c) => a + c.opens, 0);
  }

  get size(): number {
    return this.conns.length;
  }

  /**
   * Latency counts from when the user asked, or, for an open-model iteration's first request that is
   * late, by quick mode's rule (driver.ts pump): from its intended start when every connection was busy
   * then (the target held them: the coordinated-omission correction), from now when one was free (the
   * generator itself was late; the runner counts the late start). A request that waits here for a
   * connection keeps that start, so the wait is in its latency.
   */
  send(req: PoolRequest): void {
    const now = performance.now();
    if (this.closed) {
      req.done({ error: 'reset', message: 'run stopped' }, 0, now);
      return;
    }
    // Kept when set: a request held while the origin's protocol was negotiated comes back here.
    if (req.startAt === undefined) {
      const d = req.intendedAt;
      req.startAt = d > 0 && d < now && !this.free.freeAt(d) ? d : now;
    }
    if (this.h2 === undefined) {
      this.waiting.push(req);
      this.negotiate();
      return;
    }
    let c = this.idle.pop();
    if (c === undefined) {
      if (this.conns.length >= this.max) {
        this.waiting.push(req);
        return;
      }
      c = this.newSlot();
    }
    if (this.idle.length === 0 && this.conns.length >= this.max) this.free.close(now);
    this.dispatch(c, req);
  }

  private newSlot(): RequestSlot {
    const id = this.conns.length;
    let c: RequestSlot;
    if (this.h2) {
      const first = id % this.protocol.streams === 0;
      if (first) this.session = new H2Session(this.endpoint);
      c = new H2Slot(id, this.session!, first, undefined, this, true);
    } else c = new Connection(id, this.endpoint, this, true);
    this.conns.push(c);
    return c;
  }

  /** An origin first met in scenario code: ask its ALPN once, holding its requests meanwhile (unreachable: HTTP/1.1, whose requests then fail as they would). */
  private negotiate(): void {
    if (this.negotiating) return;
    this.negotiating = true;
    const ask = this.protocol.negotiate ?? (() => Promise.resolve(false));
    void ask()
      .catch(() => false)
      .then((h2) => {
        this.h2 = h2;
        for (const r of this.waiting.splice(0)) this.send(r);
      });
  }

  private dispatch(c: RequestSlot, req: PoolRequest): void {
    const now = performance.now();
    const start = Math.min(req.startAt ?? now, now);
    // It waited for a connection (queued here, or every one was busy when it fell due).
    if (now - start > this.lateMs) this.lateNoConnection++;
    this.inFlight[c.id] = req;
    this.deadline[c.id] = now + req.timeoutMs;
    c.setBodySink(req.bodySink);
    // One encoder for both protocols: over HTTP/2 the same request goes as headers (h2-request.ts).
    c.send(req.bytes, start, now, req.isHead, this.h2 ? h2FromWire(req.bytes) : undefined);
  }

  private release(c: RequestSlot): void {
    this.inFlight[c.id] = undefined;
    const next = this.waiting.shift();
    if (next !== undefined && !this.closed) this.dispatch(c, next);
    else {
      this.idle.push(c);
      this.free.open(performance.now());
    }
  }

  onResponse(c: RequestSlot, res: ParsedResponse): void {
    const now = performance.now();
    const req = this.inFlight[c.id];
    if (req === undefined) return;
    this.failures = 0;
    const latency = now - c.startedAt;
    // A copy: release() may hand the connection (and its timing) to the next request at once.
    const timing = { ...c.timingAt(now) };
    this.release(c);
    req.done({ res, timing }, latency, now);
  }

  onError(c: RequestSlot, cls: ErrorClass, message: string): void {
    const now = performance.now();
    const req = this.inFlight[c.id];
    if (req === undefined) return;
    const latency = now - c.startedAt;
    this.release(c);
    if (cls === 'timeout' || this.closed) {
      req.done({ error: cls, message }, latency, now);
      return;
    }
    const n = ++this.failures;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(n - 1, 10));
    setTimeout(() => req.done({ error: cls, message }, latency, now), delay).unref();
  }

  /** Abort requests past their timeout. */
  sweep(now: number): void {
    for (const c of this.conns) {
      const req = this.inFlight[c.id];
      if (req !== undefined && c.inFlight && now > this.deadline[c.id]!) {
        c.abort();
        const latency = now - c.startedAt;
        this.release(c);
        req.done({ error: 'timeout', message: `no response within ${req.timeoutMs} ms` }, latency, now);
      }
    }
  }

  /** Requests in flight (for the interrupted count at the end). */
  busy(): number {
    let n = 0;
    for (const c of this.conns) if (this.inFlight[c.id] !== undefined) n++;
    return n + this.waiting.length;
  }

  close(): void {
    this.closed = true;
    for (const c of this.conns) c.close();
    const waiting = this.waiting.splice(0);
    const now = performance.now();
    for (const w of waiting) w.done({ error: 'reset', message: 'run stopped' }, 0, now);
  }
}
