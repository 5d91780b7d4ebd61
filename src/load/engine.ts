import type { LoadResult } from '../core/load-result.js';
import type { Threshold } from '../core/thresholds/index.js';
import { RunCollector } from './collector.js';
import { Driver, type DriverMessage } from './driver.js';
import { endpointOf } from './http/connection.js';
import { encodeRequest } from './http/request.js';
import { h2Request } from './http/h2-request.js';
import type { StreamKind } from './http/event-stream.js';
import { quickMetrics } from './metrics-view.js';
import { buildWorkerPlans, splitAcrossWorkers, type RequestTemplate, type WorkerPlan } from './plan.js';
import { negotiateProtocol, type ProtocolChoice } from './preflight.js';
import { RunBase, runInWorker, type Runner } from './run-base.js';
import { stripeCount, stripeShare } from './segment/execution-segment.js';
import { executionInfo, optionsFingerprint, UNSPLIT, withLateStart, type SplitRun } from './segment/run-identity.js';
import type { ServerMetricsOptions } from './server/options.js';
import { ServerWatch } from './server/watch.js';

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
  /** auto: HTTP/2 when the server's ALPN picks it (https only); http2 over http:// is h2c (prior knowledge). */
  protocol?: ProtocolChoice;
  /** HTTP/2 streams in flight per connection. */
  streams?: number;
  /** Time the events of streamed responses. */
  stream?: StreamKind;
  /** The largest streamed event accepted (bytes; default 1 MiB, event-stream.ts). */
  maxEventBytes?: number;
  /** Same-origin redirects to follow per request; 0 records 3xx responses as they are. */
  maxRedirects: number;
  thresholds: Threshold[];
  /** Time in-flight requests get to finish after the duration (default min(timeout, 2 s)). */
  graceMs?: number;
  lateMs?: number;
  /** This process's execution segment and start time (docs/distributed.md); default: the whole run, now. */
  split?: SplitRun;
  /** Server metrics to scrape during the run (result.server); see docs/server-metrics.md. */
  metrics?: ServerMetricsOptions;
}

/** What shapes a quick run's load: equal for every segment of one split run. */
export function quickFingerprint(o: LoadOptions): string {
  return optionsFingerprint({ mode: 'quick', url: o.url.href, method: o.method, headers: o.headers, body: o.body ?? null, connections: o.connections, durationMs: o.durationMs, rate: o.rate, timeoutMs: o.timeoutMs, insecure: o.insecure, maxRedirects: o.maxRedirects, protocol: o.protocol, streams: o.streams, stream: o.stream });
}

export type { LoadEvents } from './run-base.js';
export type { Progress } from './collector.js';

/** Default lateness tolerance: timers in Node fire up to ~1 ms late by design. */
const DEFAULT_LATE_MS = 5;

/**
 * A running load test. It emits events (start, progress, abort) and resolves `result` with plain
 * data; the terminal progress, summary and file writers are subscribers (autocannon's design).
 */
export class LoadRun extends RunBase<LoadResult> {
  constructor(
    private readonly opts: LoadOptions,
    /** What the preflight settled: every connection of the run speaks it. */
    private readonly h2 = false,
  ) {
    super();
  }

  /** @internal */
  begin(): void {
    const o = this.opts;
    const endpoint = endpointOf(o.url, o.insecure);
    const path = o.url.pathname + o.url.search;
    const name = `${o.method} ${o.url.pathname}`;
    // An event stream is asked for as one (many SSE servers answer JSON otherwise), unless the user set Accept.
    const headers = o.stream === 'sse' && !Object.keys(o.headers).some((h) => h.toLowerCase() === 'accept') ? { ...o.headers, Accept: 'text/event-stream' } : o.headers;
    const template: RequestTemplate = { name, method: o.method, path, headers, body: o.body, bytes: encodeRequest({ method: o.method, path, host: o.url.host, headers, body: o.body }) };
    const split = o.split ?? UNSPLIT;
    const stripe = split.segmentation.stripe;
    // The segment's connections: exact shares of the numbered connections (closed model); an open-model segment needs at least one.
    const segConnections = o.rate === null ? stripeCount(stripe, o.connections) : Math.max(1, stripeCount(stripe, o.connections));
    const segRate = o.rate === null ? null : o.rate * stripeShare(stripe);
    const shares = splitAcrossWorkers(segConnections, segRate, o.workers);
    const collector = new RunCollector({
      startAtMs: split.startAt?.ms,
      timelineHist: split !== UNSPLIT,
      workers: shares.length,
      endpoints: [{ name, method: o.method }],
      thresholds: o.thresholds,
      durationMs: o.durationMs,
      extra: (agg, stats) => quickMetrics(agg, () => stats.reduce((a, s) => a + s.dropped, 0)),
    });
    const graceMs = o.graceMs ?? Math.min(o.timeoutMs, 2000);
    const watch = ServerWatch.start(o.metrics, collector.startAt);
    this.onFail(() => watch?.stop());
    if (watch) this.liveServer = () => watch.live();

    const onMessage = (worker: number, msg: DriverMessage) => {
      collector.add(worker, msg.slices, msg.type === 'done' ? Infinity : msg.through);
      if (msg.type === 'done' && collector.done(msg.stats)) void finish();
    };
    this.startProgress(collector, () => segConnections);

    const finish = async () => {
      this.stopTicks();
      watch?.stop();
      try {
        const execution = executionInfo(split, quickFingerprint(o), collector.lateStartMs);
        const generator = withLateStart(collector.generator({ connections: segConnections, openModel: o.rate !== null }), execution);
        const options = { method: o.method, protocol: this.h2 ? 'h2' : 'http/1.1', ...(this.h2 ? { streams: o.streams ?? 1 } : {}), connections: o.connections, rate: o.rate, workers: shares.length, timeoutMs: o.timeoutMs, durationMs: o.durationMs };
        const result: LoadResult = { ...collector.result({ target: o.url.href, options, aborted: this.aborted(), generator }), execution };
        if (watch) result.server = await watch.report(result);
        this.resolve(result);
      } catch (err) {
        this.reject(err);
      }
    };

    const h2 = this.h2 ? { request: h2Request({ method: o.method, path, authority: o.url.host, headers, body: o.body }), streams: o.streams ?? 1 } : undefined;
    const plans = buildWorkerPlans(shares, { endpoint, template, startAt: collector.startAt, durationMs: o.durationMs, timeoutMs: o.timeoutMs, graceMs, lateMs: o.lateMs ?? DEFAULT_LATE_MS, maxRedirects: o.maxRedirects, origin: o.url.origin, stripe, ...(h2 ? { h2 } : {}), ...(o.stream ? { stream: o.stream } : {}), ...(o.maxEventBytes !== undefined ? { maxEventBytes: o.maxEventBytes } : {}) }, o.rate);
    this.emit('start', { workers: plans.length, connections: segConnections, rate: segRate, durationMs: o.durationMs });
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
  const h2 = await negotiateProtocol(opts.url, opts.insecure, opts.protocol ?? 'auto', Math.min(opts.timeoutMs, 10_000));
  const run = new LoadRun(opts, h2);
  run.begin();
  return run;
}

function runInline(plan: WorkerPlan, onMessage: (m: DriverMessage) => void): Runner {
  const d = new Driver(plan, onMessage);
  d.start();
  return { stop: () => d.stop() };
}
