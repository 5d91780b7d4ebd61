import net from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluateThresholds, shouldAbort, type Threshold, type ThresholdResult } from '../core/thresholds/index.js';
import { Aggregate } from './aggregate.js';
import { Driver, type DriverMessage, type DriverStats } from './driver.js';
import type { Endpoint } from './http/connection.js';
import { encodeRequest } from './http/request.js';
import { metricsView, type EndpointMeta } from './metrics-view.js';
import { buildWorkerPlans, splitAcrossWorkers, type RequestTemplate, type WorkerPlan } from './plan.js';
import { preflight } from './preflight.js';
import { RunBase, runInWorker, type Runner } from './run-base.js';
import type { LoadResult } from '../core/load-result.js';
import { buildLoadResult } from './result.js';
import { selfCheck } from './self-check.js';

export interface LoadOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationMs: number;
  /** Requests per second (open model), or null (closed model). */
  rate: number | null;
  /** Worker threads; 1 runs the generator on the main thread. */
  workers: number;
  timeoutMs: number;
  insecure: boolean;
  /** Same-origin redirects to follow per request; 0 records 3xx responses as they are. */
  maxRedirects: number;
  thresholds: Threshold[];
  /** Time in-flight requests get to finish after the duration (default min(timeout, 2 s)). */
  graceMs?: number;
  lateMs?: number;
}

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

export interface LoadEvents {
  start: [{ workers: number; connections: number; rate: number | null; durationMs: number }];
  progress: [Progress];
  abort: [string];
}

/** Default lateness tolerance: timers in Node fire up to ~1 ms late by design. */
const DEFAULT_LATE_MS = 5;
const START_DELAY_MS = 100;

/**
 * A running load test. It emits events (start, progress, abort) and resolves `result` with plain
 * data; the terminal progress, summary and file writers are subscribers (autocannon's design).
 */
export class LoadRun extends RunBase<LoadResult> {
  constructor(private readonly opts: LoadOptions) {
    super();
  }

  /** @internal */
  begin(): void {
    const o = this.opts;
    const endpoint = endpointOf(o.url, o.insecure);
    const path = o.url.pathname + o.url.search;
    const name = `${o.method} ${o.url.pathname}`;
    const template: RequestTemplate = { name, method: o.method, path, headers: o.headers, body: o.body, bytes: encodeRequest({ method: o.method, path, host: o.url.host, headers: o.headers, body: o.body }) };
    const endpoints: EndpointMeta[] = [{ name, method: o.method }];
    const shares = splitAcrossWorkers(o.connections, o.rate, o.workers);
    const startAt = performance.timeOrigin + performance.now() + START_DELAY_MS;
    const startedAt = new Date(Date.now() + START_DELAY_MS);
    const agg = new Aggregate(endpoints.length, shares.length);
    const stats: DriverStats[] = [];
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let dropped = 0;
    const elapsedSec = () => Math.max(0.001, (performance.timeOrigin + performance.now() - startAt) / 1000);
    const view = metricsView(agg, endpoints, elapsedSec, () => dropped);
    const graceMs = o.graceMs ?? Math.min(o.timeoutMs, 2000);

    const onMessage = (worker: number, msg: DriverMessage) => {
      agg.merge(msg.slices);
      agg.complete(worker, msg.type === 'done' ? Infinity : msg.through);
      if (msg.type === 'done') {
        stats.push(msg.stats);
        dropped += msg.stats.dropped;
        if (stats.length === shares.length) finish();
      }
    };

    const onTick = () => {
      const elapsedMs = performance.timeOrigin + performance.now() - startAt;
      if (elapsedMs < 0) return;
      const last = agg.lastComplete();
      this.emit('progress', {
        elapsedMs,
        remainingMs: Math.max(0, o.durationMs - elapsedMs),
        requests: agg.grand.requests,
        errors: agg.grand.errors,
        rps: last?.rps ?? 0,
        p95Ms: last?.p95 ?? 0,
        connections: o.connections,
      });
      if (o.thresholds.some((t) => t.abortOnFail)) {
        const failing = shouldAbort(evaluateThresholds(o.thresholds, view), o.thresholds, elapsedMs);
        if (failing) this.stop(`threshold ${failing.source} failed (abortOnFail)`);
      }
    };
    // Tick just after each second's slices have been flushed by the workers.
    this.startTicks(START_DELAY_MS + 1000 + 60, onTick);

    const finish = () => {
      this.stopTicks();
      try {
        const cpu = process.cpuUsage(cpu0);
        const wallMs = performance.now() - wall0;
        const sendWindowMs = Math.max(...stats.map((s) => s.sendWindowMs));
        const sent = agg.grand.requests;
        const threads = shares.length === 1 ? 1 : shares.length + 1;
        const generator = selfCheck({
          stats,
          connections: o.connections,
          cpuMs: (cpu.user + cpu.system) / 1000,
          wallMs,
          cores: Math.min(os.availableParallelism(), threads),
          sent,
          openModel: o.rate !== null,
        });
        const thresholds: ThresholdResult[] = evaluateThresholds(o.thresholds, metricsView(agg, endpoints, () => sendWindowMs / 1000, () => dropped));
        this.resolve(
          buildLoadResult({
            target: o.url.href,
            startedAt,
            durationMs: sendWindowMs,
            options: { method: o.method, connections: o.connections, rate: o.rate, workers: shares.length, timeoutMs: o.timeoutMs, durationMs: o.durationMs },
            endpointNames: endpoints.map((e) => e.name),
            aggregate: agg,
            thresholds,
            aborted: this.abortReason === null ? null : { reason: this.abortReason },
            generator,
          }),
        );
      } catch (err) {
        this.reject(err);
      }
    };

    const plans = buildWorkerPlans(shares, { endpoint, template, startAt, durationMs: o.durationMs, timeoutMs: o.timeoutMs, graceMs, lateMs: o.lateMs ?? DEFAULT_LATE_MS, maxRedirects: o.maxRedirects, origin: o.url.origin });
    this.emit('start', { workers: plans.length, connections: o.connections, rate: o.rate, durationMs: o.durationMs });
    const script = new URL('./worker.js', import.meta.url);
    this.setRunners(
      plans.length === 1
        ? [runInline(plans[0]!, (m) => onMessage(0, m))]
        : plans.map((p) => runInWorker<DriverMessage>(script, p, `load worker ${p.index}`, (m) => onMessage(p.index, m), (e) => this.fail(e))),
    );
  }
}

/** Check the target is reachable, then start. Throws TargetUnreachableError (exit 3). */
export async function startLoad(opts: LoadOptions): Promise<LoadRun> {
  await preflight(endpointOf(opts.url, opts.insecure), opts.url.href, Math.min(opts.timeoutMs, 10_000));
  const run = new LoadRun(opts);
  run.begin();
  return run;
}

function endpointOf(url: URL, insecure: boolean): Endpoint {
  const isTls = url.protocol === 'https:';
  // URL keeps IPv6 literals in brackets; sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // SNI carries host names only (RFC 6066); an IP literal gets none.
  return { host, port: url.port ? Number(url.port) : isTls ? 443 : 80, tls: isTls, servername: net.isIP(host) ? '' : host, insecure };
}

function runInline(plan: WorkerPlan, onMessage: (m: DriverMessage) => void): Runner {
  const d = new Driver(plan, onMessage);
  d.start();
  return { stop: () => d.stop() };
}
