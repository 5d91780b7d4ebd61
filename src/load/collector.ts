import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { GeneratorReport, LoadResult } from '../core/load-result.js';
import type { LiveServerValue, LiveSnapshot } from '../core/live-snapshot.js';
import { liveSnapshot } from './live-snapshot.js';
import { evaluateThresholds, shouldAbort, type MetricsView, type Threshold } from '../core/thresholds/index.js';
import { Aggregate, type EndpointMeta } from './aggregate.js';
import type { GeneratorStats } from './generator-stats.js';
import { metricsView, type ExtraMetrics } from './metrics-view.js';
import { buildLoadResult } from './result.js';
import { selfCheck } from './self-check.js';
import type { EncodedSlice } from './slice.js';

/** Workers start this long after the run is created, so every thread starts on the same tick. */
export const START_DELAY_MS = 100;

export interface Progress {
  elapsedMs: number;
  remainingMs: number;
  requests: number;
  errors: number;
  /** Requests in the last complete second. */
  rps: number;
  p95Ms: number;
  connections: number;
}

export interface CollectorOptions {
  workers: number;
  /** Endpoints every worker numbers the same (quick mode); scripted workers register theirs as they go. */
  endpoints?: readonly EndpointMeta[];
  thresholds: readonly Threshold[];
  /** Planned run length (ms): progress counts down from it and the send window is capped at it. */
  durationMs: number;
  /** --start-at as epoch ms (Date.now() clock): every worker starts then, or at once if it has passed. */
  startAtMs?: number;
  /** Keep each second's histogram in the timeline (runs that are one segment of a split run). */
  timelineHist?: boolean;
  /** The front end's metrics beyond the request metrics (see ExtraMetrics); `stats` are the finished workers'. */
  extra(agg: Aggregate, stats: readonly GeneratorStats[]): ExtraMetrics;
}

/**
 * The parent side of the one back half both load front ends feed. Workers post encoded slices
 * (`add`) and, at the end, their generator stats (`done`); the collector keeps the aggregate (per
 * endpoint, per second), answers progress and abort-on-fail checks once a second, and builds the
 * load-result@1. Nothing here runs per request.
 */
export class RunCollector {
  readonly agg: Aggregate;
  /** Epoch ms (performance.timeOrigin + now()) at which every worker starts. */
  readonly startAt: number;
  readonly startedAt: Date;
  /** How long after the requested --start-at the workers start (0 without one, or when on time). */
  readonly lateStartMs: number;
  private readonly stats: GeneratorStats[] = [];
  private readonly extra: ExtraMetrics;
  private readonly live: MetricsView;
  private readonly cpu0 = process.cpuUsage();
  private readonly wall0 = performance.now();

  constructor(private readonly o: CollectorOptions) {
    this.agg = new Aggregate(o.workers, o.endpoints, o.timelineHist === true);
    const perfNow = performance.timeOrigin + performance.now();
    const dateNow = Date.now();
    const soonest = perfNow + START_DELAY_MS;
    // --start-at is wall-clock time; workers schedule on the performance clock, so translate it.
    const wanted = o.startAtMs === undefined ? soonest : o.startAtMs + (perfNow - dateNow);
    this.startAt = Math.max(soonest, wanted);
    this.lateStartMs = o.startAtMs === undefined ? 0 : Math.round(Math.max(0, this.startAt - wanted));
    this.startedAt = new Date(dateNow + (this.startAt - perfNow));
    this.extra = o.extra(this.agg, this.stats);
    this.live = metricsView(this.agg, () => Math.max(0.001, this.elapsedMs() / 1000), this.extra);
  }

  /**
   * A worker's flush: its slices, the endpoints it named since its last flush (worker-local
   * indices), and the last second it has completed (Infinity once it is done).
   */
  add(worker: number, slices: readonly EncodedSlice[], through: number, endpoints: readonly (EndpointMeta & { ep: number })[] = []): void {
    for (const e of endpoints) this.agg.register(worker, e.ep, e);
    this.agg.merge(worker, slices);
    this.agg.complete(worker, through);
  }

  /** A worker has finished (after its last `add`); true once every worker has. */
  done(stats: GeneratorStats): boolean {
    this.stats.push(stats);
    return this.stats.length === this.o.workers;
  }

  elapsedMs(): number {
    return performance.timeOrigin + performance.now() - this.startAt;
  }

  /** Live figures for the terminal, or undefined before the start. */
  progress(connections: number): Progress | undefined {
    const elapsedMs = this.elapsedMs();
    if (elapsedMs < 0) return undefined;
    const last = this.agg.lastComplete();
    return { elapsedMs, remainingMs: Math.max(0, this.o.durationMs - elapsedMs), requests: this.agg.grand.requests, errors: this.agg.grand.errors, rps: last?.rps ?? 0, p95Ms: last?.p95 ?? 0, connections };
  }

  /** The live outputs' picture of the run so far (see core/live-snapshot.ts); built only when someone listens. */
  snapshot(run: number, users: number, server: LiveServerValue[]): LiveSnapshot {
    const results = evaluateThresholds(this.o.thresholds, this.live);
    return liveSnapshot(this.agg, { run, users, server, elapsedMs: this.elapsedMs(), durationMs: this.o.durationMs, thresholds: results });
  }

  /** An abortOnFail threshold that fails now (past its delay), if any. */
  failingAbort(elapsedMs: number): Threshold | undefined {
    const ts = this.o.thresholds;
    if (!ts.some((t) => t.abortOnFail)) return undefined;
    return shouldAbort(evaluateThresholds(ts, this.live), ts, elapsedMs);
  }

  /** How long the workers actually sent, capped at the planned duration. */
  sendWindowMs(): number {
    return Math.min(this.o.durationMs, Math.max(...this.stats.map((s) => s.sendWindowMs)));
  }

  /**
   * Was the generator the bottleneck? `late`/`dropped`: exact run totals a front end kept apart from
   * the workers' final stats (scripted mode counts them per flush); the workers' `lateNoConnection`
   * (requests that waited for a connection) is added to `late`, as quick mode counts it.
   */
  generator(o: { connections: number; openModel: boolean; late?: number; dropped?: number }): GeneratorReport {
    const cpu = process.cpuUsage(this.cpu0);
    const wallMs = performance.now() - this.wall0;
    const stats = this.stats;
    // Late starts the front end counted, plus the requests that waited for a connection (the workers' own count).
    const waited = stats.reduce((a, s) => a + s.lateNoConnection, 0);
    if (o.late !== undefined) stats.forEach((s, i) => (s.late = i === 0 ? o.late! + waited : 0));
    if (o.dropped !== undefined) stats.forEach((s, i) => (s.dropped = i === 0 ? o.dropped! : 0));
    const threads = stats.length === 1 ? 1 : stats.length + 1;
    return selfCheck({ stats, connections: o.connections, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, cores: Math.min(os.availableParallelism(), threads), sent: this.agg.grand.requests, openModel: o.openModel });
  }

  /** The load-result@1: thresholds evaluated over the send window, then every figure from the aggregate. */
  result(o: { target: string; options: LoadResult['options']; aborted: { reason: string } | null; generator: GeneratorReport }): LoadResult {
    const durationMs = this.sendWindowMs();
    const thresholds = evaluateThresholds(this.o.thresholds, metricsView(this.agg, () => durationMs / 1000, this.extra));
    return buildLoadResult({ ...o, startedAt: this.startedAt, durationMs, aggregate: this.agg, thresholds });
  }
}
