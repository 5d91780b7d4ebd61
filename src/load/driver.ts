import { performance } from 'node:perf_hooks';
import { Connection, type ConnectionEvents, type RequestSlot } from './http/connection.js';
import { H2Session, H2Slot } from './http/h2.js';
import { h2FromWire } from './http/h2-request.js';
import { EventScanner } from './http/event-stream.js';
import type { ParsedResponse } from './http/response-parser.js';
import type { ErrorClass } from './error-class.js';
import type { WorkerPlan } from './plan.js';
import { RedirectFollower, type RedirectHop } from './redirects.js';
import type { EncodedSlice } from './slice.js';
import { scheduleFlushes } from './flush-schedule.js';
import { LoopProbe, type GeneratorStats } from './generator-stats.js';
import { SliceRecorder } from './slice-recorder.js';
import { FreeWindows } from './free-windows.js';
import { usersOnWorker } from './executors/closed.js';
import { stripeCount, stripeIndex } from './segment/execution-segment.js';

/**
 * `through`: every slice up to this index is complete for this worker (it will send no more
 * data for them), so the parent can close those seconds exactly; `done` completes them all.
 */
export type DriverMessage = { type: 'slices'; slices: EncodedSlice[]; through: number } | { type: 'done'; slices: EncodedSlice[]; stats: GeneratorStats };

const BACKOFF_MIN_MS = 10;
/** How far ahead of its intended time the open-model pacer may send (see pump). */
const EARLY_MS = 1;
const BACKOFF_MAX_MS = 1000;

/**
 * The hot loop of one worker: keeps `connections` busy (closed model) or sends on a fixed
 * schedule (open model), records every outcome and flushes encoded slices once a second.
 * It never touches the terminal; whoever owns it subscribes to its messages.
 */
export class Driver implements ConnectionEvents {
  private readonly conns: RequestSlot[] = [];
  private readonly idle: RequestSlot[] = [];
  private readonly recorder: SliceRecorder;
  private readonly runStart: number;
  private readonly runEnd: number;
  private readonly request: Buffer;
  private readonly isHead: boolean;
  private readonly interval: number;
  private readonly failures: Uint16Array;
  /** Per connection: redirect hops taken by the request in flight (0 when none). */
  private readonly hops: Uint8Array;
  private readonly hopAt: (RedirectHop | undefined)[];
  private readonly redirects: RedirectFollower | undefined;
  /** --sse: per slot, the event scanner of its response and when its last event came. */
  private readonly scanners: EventScanner[] = [];
  private lastEventAt = new Float64Array(0);
  private next = 0;
  /** Open model: when a connection was free (decides how a late send is timed, see pump). */
  private readonly free = new FreeWindows();
  private stopping = false;
  private finished = false;
  private inFlight = 0;
  private stoppedAt = 0;
  private pacer: NodeJS.Timeout | undefined;
  private timers: NodeJS.Timeout[] = [];
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly probe = new LoopProbe();
  private readonly stats: GeneratorStats = {
    late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 0, interrupted: 0, opens: 0,
    eventLoopUtilization: 0, eventLoopDelayP99Ms: 0, eventLoopDelayMaxMs: 0, sendWindowMs: 0,
  };

  constructor(
    private readonly plan: WorkerPlan,
    private readonly post: (msg: DriverMessage) => void,
  ) {
    // Local clock: performance.now() of this thread, aligned with the shared epoch start.
    this.runStart = plan.startAt - performance.timeOrigin;
    this.runEnd = this.runStart + plan.durationMs;
    this.recorder = new SliceRecorder(this.runStart);
    const tmpl = plan.requests[0]!;
    this.request = Buffer.from(tmpl.bytes.buffer, tmpl.bytes.byteOffset, tmpl.bytes.byteLength);
    this.isHead = tmpl.method === 'HEAD';
    this.interval = plan.rate === null ? 0 : plan.slotMs;
    const slots = plan.h2 ? plan.connections * plan.h2.streams : plan.connections;
    this.failures = new Uint16Array(slots);
    this.hops = new Uint8Array(slots);
    this.hopAt = new Array<RedirectHop | undefined>(slots);
    this.redirects = plan.maxRedirects > 0 ? new RedirectFollower(plan.origin, tmpl) : undefined;
    if (plan.h2) {
      const { request, streams } = plan.h2;
      for (let i = 0; i < plan.connections; i++) {
        const session = new H2Session(plan.endpoint);
        for (let j = 0; j < streams; j++) this.conns.push(new H2Slot(i * streams + j, session, j === 0, request, this));
      }
    } else for (let i = 0; i < plan.connections; i++) this.conns.push(new Connection(i, plan.endpoint, this));
    if (plan.stream) {
      const kind = plan.stream;
      this.lastEventAt = new Float64Array(slots);
      for (const c of this.conns) {
        const sc = new EventScanner(kind, () => this.onStreamEvent(c, sc), plan.maxEventBytes);
        this.scanners[c.id] = sc;
        c.setBodySink((buf, from, to) => sc.feed(buf, from, to));
      }
    }
  }

  /** An event of a streamed response: the first is timed from the request's start (time to first token), the rest from the one before. */
  private onStreamEvent(c: RequestSlot, sc: EventScanner): void {
    const now = performance.now();
    const first = sc.events === 1;
    this.recorder.streamEvent(now, c.tag, now - (first ? c.startedAt : this.lastEventAt[c.id]!), first);
    this.lastEventAt[c.id] = now;
  }

  start(): void {
    const wait = Math.max(0, this.runStart - performance.now());
    this.timers.push(setTimeout(() => this.begin(), wait));
  }

  /** Stop sending now (SIGINT, threshold abort); in-flight requests get the grace period. */
  stop(): void {
    if (!this.stopping) this.beginStop();
  }

  private begin(): void {
    this.probe.start();
    const now = performance.now();
    this.timers.push(setTimeout(() => this.stop(), Math.max(0, this.runEnd - now)));
    scheduleFlushes(this.runStart, this.timers, () => this.finished, (through) => this.post({ type: 'slices', slices: this.recorder.flushSlices(), through }));
    const sweepEvery = Math.max(5, Math.min(250, this.plan.timeoutMs / 4));
    this.timers.push(setInterval(() => this.sweepTimeouts(), sweepEvery));
    if (this.interval === 0) {
      for (const c of this.conns) this.sendClosed(c, now);
    } else {
      for (const c of this.conns) this.idle.push(c);
      // Free from the start: sends due before a late first timer are the generator's lateness.
      this.free.open(this.runStart);
      this.pump(now);
    }
  }

  private sendClosed(c: RequestSlot, now: number): void {
    if (this.stopping) return;
    this.inFlight++;
    c.send(this.request, now, now, this.isHead);
  }

  /**
   * Open model: send every request whose time has come, as far as connections allow.
   * Node timers fire up to ~1 ms after their time, which would add a systematic millisecond to
   * every latency measured from the intended time. So the pacer aims up to EARLY_MS before the
   * intended time; a request sent early is timed from its actual send. A late one is timed from its
   * intended time when it waited for a connection (every connection was busy at that time: the target
   * held them, the coordinated-omission correction); when a connection was free and the generator
   * itself was late (its timer or event loop), from its actual send: the target had no part in that
   * delay, which the self-check reports as late sends instead of adding it to the target's latency.
   */
  private pump(now: number): void {
    if (this.stopping) return;
    const { index, workers, stripe } = this.plan;
    while (this.idle.length > 0) {
      // Send n of this worker is global slot stripeIndex(index + n * workers): the segment's slots, dealt round-robin.
      const intended = this.runStart + stripeIndex(stripe, index + this.next * workers) * this.interval;
      if (intended >= this.runEnd) return;
      if (intended > now + EARLY_MS) {
        this.armPacer(intended - now - EARLY_MS);
        return;
      }
      this.next++;
      const lag = now - intended;
      // Every connection was busy when it fell due: it waited for one.
      const waited = intended < now && !this.free.freeAt(intended);
      if (lag > this.plan.lateMs) {
        this.stats.late++;
        if (waited) this.stats.lateNoConnection++;
      }
      if (lag > this.stats.maxSendLagMs) this.stats.maxSendLagMs = lag;
      const c = this.idle.pop()!;
      if (this.idle.length === 0) this.free.close(now);
      this.inFlight++;
      c.send(this.request, waited ? intended : now, now, this.isHead);
    }
  }

  private armPacer(delayMs: number): void {
    if (this.pacer !== undefined) return;
    this.pacer = setTimeout(() => {
      this.pacer = undefined;
      this.pump(performance.now());
    }, delayMs);
  }

  onResponse(c: RequestSlot, res: ParsedResponse): void {
    const now = performance.now();
    if (res.location !== undefined && this.redirects !== undefined && this.followRedirect(c, res, now)) return;
    this.hops[c.id] = 0;
    this.hopAt[c.id] = undefined;
    this.inFlight--;
    this.failures[c.id] = 0;
    const sc = this.scanners[c.id];
    if (sc !== undefined && res.status < 300) {
      const events = sc.events;
      sc.reset();
      // The endpoint was said to stream: a success without a single event is a broken stream.
      if (events === 0) {
        this.recorder.error(now, c.tag, 'stream');
        this.afterRequest(c, now);
        return;
      }
      this.recorder.streamEnd(now, c.tag);
    }
    this.recorder.response(now, c.tag, now - c.startedAt, res.status, res.bytes, res.status >= 400, c.timingAt(now));
    this.afterRequest(c, now);
  }

  onError(c: RequestSlot, cls: ErrorClass): void {
    const now = performance.now();
    this.scanners[c.id]?.reset();
    this.inFlight--;
    this.hops[c.id] = 0;
    this.hopAt[c.id] = undefined;
    this.recorder.error(now, c.tag, cls);
    if (cls === 'timeout' || this.stopping) {
      this.afterRequest(c, now);
      return;
    }
    // A refused or failing connection retried at once would spin the CPU: back off per connection.
    const n = ++this.failures[c.id]!;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(n - 1, 10));
    setTimeout(() => this.afterRequest(c, performance.now()), delay).unref();
  }

  /** Send the next hop on the same connection; the chain counts as one request, timed from its start. */
  private followRedirect(c: RequestSlot, res: ParsedResponse, now: number): boolean {
    const hops = this.hops[c.id]!;
    if (hops >= this.plan.maxRedirects) return false;
    const tmpl = this.plan.requests[0]!;
    const at = this.hopAt[c.id];
    const hop = this.redirects!.next(res.status, res.location!, at?.path ?? tmpl.path, at?.method ?? tmpl.method);
    if (!hop) return false;
    this.hops[c.id] = hops + 1;
    this.hopAt[c.id] = hop;
    // Over HTTP/2 the hop goes as headers made from its HTTP/1.1 encoding (once per cached hop).
    c.send(hop.bytes, c.startedAt, now, hop.isHead, this.plan.h2 ? (hop.h2 ??= h2FromWire(hop.bytes)) : undefined);
    return true;
  }

  private afterRequest(c: RequestSlot, now: number): void {
    if (this.finished) return;
    if (this.stopping) {
      if (this.inFlight === 0) this.finish();
      return;
    }
    if (this.interval === 0) this.sendClosed(c, now);
    else {
      if (this.idle.length === 0) this.free.open(now);
      this.idle.push(c);
      this.pump(now);
    }
  }

  private sweepTimeouts(): void {
    const now = performance.now();
    const limit = this.plan.timeoutMs;
    for (const c of this.conns) {
      if (c.inFlight && now - c.sentAt > limit) {
        c.abort();
        this.onError(c, 'timeout');
      }
    }
  }

  private beginStop(): void {
    this.stopping = true;
    const now = performance.now();
    this.stoppedAt = now;
    if (this.pacer !== undefined) clearTimeout(this.pacer);
    if (this.interval > 0) {
      const end = Math.min(this.runEnd, now);
      const slots = end > this.runStart ? Math.ceil((end - this.runStart) / this.interval) : 0;
      const due = usersOnWorker(stripeCount(this.plan.stripe, slots), this.plan.index, this.plan.workers);
      this.stats.dropped = Math.max(0, due - this.next);
    }
    if (this.inFlight === 0) this.finish();
    else this.graceTimer = setTimeout(() => this.finish(), this.plan.graceMs);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    for (const c of this.conns) {
      if (c.inFlight) this.stats.interrupted++;
      c.close();
      this.stats.opens += c.opens;
    }
    Object.assign(this.stats, this.probe.stop());
    this.stats.sendWindowMs = Math.max(0, Math.min(this.stoppedAt, this.runEnd) - this.runStart);
    this.post({ type: 'done', slices: this.recorder.flushSlices(), stats: this.stats });
  }
}
