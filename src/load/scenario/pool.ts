import { performance } from 'node:perf_hooks';
import { Connection, type ConnectionEvents, type Endpoint } from '../http/connection.js';
import type { ParsedResponse } from '../http/response-parser.js';
import type { ErrorClass } from '../error-class.js';
import type { RequestTiming } from '../http/timing.js';

/** What became of one request: a response, or an error class. */
export type Outcome = { res: ParsedResponse; timing: RequestTiming; error?: undefined; message?: undefined } | { res?: undefined; error: ErrorClass; message: string };

export interface PoolRequest {
  bytes: Buffer;
  isHead: boolean;
  /** Intended start (open model, first request of a late iteration), else 0: timed from the send. */
  intendedAt: number;
  timeoutMs: number;
  /** Sees the 2xx body's bytes as they arrive (streamed-event timing); may throw StreamError. */
  bodySink?: (buf: Buffer, from: number, to: number) => void;
  done: (outcome: Outcome, latencyMs: number, now: number) => void;
}

const BACKOFF_MIN_MS = 10;
const BACKOFF_MAX_MS = 1000;

/**
 * Keep-alive connections to one origin shared by every virtual user of a worker. A user holds a
 * connection only while its request is in flight, so users thinking or sleeping cost no socket;
 * the pool grows to the peak number of requests in flight (at most `max`), and requests beyond
 * that wait for the next free connection.
 */
export class OriginPool implements ConnectionEvents {
  private readonly conns: Connection[] = [];
  private readonly idle: Connection[] = [];
  private readonly waiting: PoolRequest[] = [];
  private readonly inFlight: (PoolRequest | undefined)[] = [];
  private readonly deadline: number[] = [];
  /** Consecutive connection failures: a refusing target is retried with back-off, not in a hot loop. */
  private failures = 0;
  private closed = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly max: number,
  ) {}

  get opens(): number {
    return this.conns.reduce((a, c) => a + c.opens, 0);
  }

  get size(): number {
    return this.conns.length;
  }

  send(req: PoolRequest): void {
    if (this.closed) {
      req.done({ error: 'reset', message: 'run stopped' }, 0, performance.now());
      return;
    }
    let c = this.idle.pop();
    if (c === undefined) {
      if (this.conns.length >= this.max) {
        this.waiting.push(req);
        return;
      }
      c = new Connection(this.conns.length, this.endpoint, this, true);
      this.conns.push(c);
    }
    this.dispatch(c, req);
  }

  private dispatch(c: Connection, req: PoolRequest): void {
    const now = performance.now();
    this.inFlight[c.id] = req;
    this.deadline[c.id] = now + req.timeoutMs;
    c.setBodySink(req.bodySink);
    c.send(req.bytes, req.intendedAt > 0 && req.intendedAt < now ? req.intendedAt : now, now, req.isHead);
  }

  private release(c: Connection): void {
    this.inFlight[c.id] = undefined;
    const next = this.waiting.shift();
    if (next !== undefined && !this.closed) this.dispatch(c, next);
    else this.idle.push(c);
  }

  onResponse(c: Connection, res: ParsedResponse): void {
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

  onError(c: Connection, cls: ErrorClass, message: string): void {
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
