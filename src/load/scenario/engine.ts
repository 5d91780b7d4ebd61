import { performance } from 'node:perf_hooks';
import { GonogoError } from '../../core/errors.js';
import type { Threshold } from '../../core/thresholds/index.js';
import { RunCollector } from '../collector.js';
import { negotiateProtocol, type ProtocolChoice } from '../preflight.js';
import type { ScenarioHttp } from './pool.js';
import type { SpikeShape } from '../profiles/builtin.js';
import { spikeRecovery } from '../profiles/recovery.js';
import { RunBase, runInWorker, type Runner } from '../run-base.js';
import type { Scenario, SetupContext } from './api.js';
import type { ScenarioModule } from './loader.js';
import { PoolSet, UserHttp, renderHeaders } from './client.js';
import { scenarioMetrics } from './scenario-metrics.js';
import { runDurationMs, type ScenarioPlan, type ScenarioWorkerInit } from './plan.js';
import { extendResult, type ScenarioLoadResult } from './result.js';
import { ScenarioWorker, type ScenarioMessage } from './runner.js';
import { ScenarioTotals } from './totals.js';
import { executionInfo, UNSPLIT, withLateStart, type SplitRun } from '../segment/run-identity.js';
import type { ServerMetricsOptions } from '../server/options.js';
import { ServerWatch } from '../server/watch.js';

export interface ScenarioRunOptions {
  /** The compiled modules (see loader.ts) and the scenarios this thread imported from them. */
  modules: ScenarioModule[];
  scenarios: ReadonlyMap<string, Scenario>;
  plans: ScenarioPlan[];
  /** Shown as the result's target. */
  target: string;
  workers: number;
  insecure: boolean;
  /** --http1 / --http2 (default auto: h2 where an origin's ALPN picks it; h2c only with http2). */
  protocol?: ProtocolChoice;
  /** HTTP/2 requests in flight per connection (default 1). */
  streams?: number;
  thresholds: Threshold[];
  graceMs: number;
  lateMs?: number;
  /** Connections per origin per worker (default: as many as users). */
  maxConnections?: number;
  /** The profile this run plays, when there is one (result.profile). */
  profile?: string;
  /** Spike profiles: where the spike is, to report the time to recover. */
  spike?: SpikeShape;
  /** This process's execution segment and start time (docs/distributed.md). */
  split?: SplitRun;
  /** sha256 of what shapes the load (see run-file.ts); recorded so segments of different runs do not merge. */
  fingerprint?: string;
  /** Server metrics to scrape during the run (result.server); see docs/server-metrics.md. */
  metrics?: ServerMetricsOptions;
}

/**
 * A running scripted load test. Same events as quick mode's LoadRun (start, progress, abort), so
 * the terminal progress subscribes unchanged; `result` resolves with a load-result@1 that adds
 * scenarios, checks and custom metrics.
 */
export class ScenarioRun extends RunBase<ScenarioLoadResult> {
  constructor(
    private readonly opts: ScenarioRunOptions,
    /** What the preflight settled per base URL origin. */
    private readonly http: ScenarioHttp = { protocol: opts.protocol ?? 'auto', streams: opts.streams ?? 1, known: {} },
  ) {
    super();
  }

  /** @internal */
  begin(): void {
    const o = this.opts;
    const workers = Math.max(1, o.workers);
    const totals = new ScenarioTotals(o.plans.map((p) => p.name));
    const durationMs = runDurationMs(o.plans);
    const split = o.split ?? UNSPLIT;
    const collector = new RunCollector({ workers, thresholds: o.thresholds, durationMs, extra: () => scenarioMetrics(totals), startAtMs: split.startAt?.ms, timelineHist: split !== UNSPLIT });
    let usersNow = 0;
    const lastUsers: Record<string, number>[] = Array.from({ length: workers }, () => ({}));

    const onMessage = (worker: number, msg: ScenarioMessage) => {
      const through = msg.type === 'done' ? Infinity : msg.through;
      collector.add(worker, msg.flush.slices, through, msg.flush.endpoints);
      totals.merge(worker, msg.flush, msg.type === 'flush' ? msg.through + 1 : -1);
      lastUsers[worker] = msg.type === 'done' ? {} : msg.flush.users;
      usersNow = lastUsers.reduce((a, u) => a + Object.values(u).reduce((x, y) => x + y, 0), 0);
      if (msg.type === 'done' && collector.done(msg.stats)) void finish();
    };
    this.startProgress(collector, () => usersNow);
    const watch = ServerWatch.start(o.metrics, collector.startAt);
    this.onFail(() => watch?.stop());
    if (watch) this.liveServer = () => watch.live();

    const finish = async () => {
      this.stopTicks();
      watch?.stop();
      try {
        const open = o.plans.every((p) => p.executor.model === 'open');
        const maxUsers = o.plans.reduce((a, p) => a + p.executor.maxUsers, 0);
        // Late and dropped iterations arrive with every flush; the totals hold the exact sums.
        const execution = executionInfo(split, o.fingerprint ?? '', collector.lateStartMs);
        const generator = withLateStart(collector.generator({ connections: maxUsers, openModel: open, late: totals.late(), dropped: totals.dropped() }), execution);
        generator.reasons = generator.reasons.map((r) => r.replace('scheduled requests were never sent', 'scheduled iterations found no free virtual user (maxUsers reached) and were dropped'));
        const peakRate = open ? o.plans.reduce((a, p) => a + (p.executor.model === 'open' ? Math.max(p.executor.startRate, ...p.executor.stages.map((s) => s.target)) : 0), 0) : null;
        const options = { method: 'SCRIPT', ...protocolOption(this.http), connections: maxUsers, rate: peakRate, workers, timeoutMs: Math.max(...o.plans.map((p) => p.timeoutMs)), durationMs };
        const base = { ...collector.result({ target: o.target, options, aborted: this.aborted(), generator }), execution };
        const result = extendResult(base, collector.agg, totals, o.plans, o.profile);
        if (o.spike) result.recovery = spikeRecovery(result.timeline, o.spike);
        if (watch) result.server = await watch.report(result);
        await runTeardowns(o, this.http);
        this.resolve(result);
      } catch (err) {
        this.reject(err);
      }
    };

    const inits: ScenarioWorkerInit[] = Array.from({ length: workers }, (_, index) => ({
      modules: o.modules,
      index,
      workers,
      startAt: collector.startAt,
      insecure: o.insecure,
      http: this.http,
      graceMs: o.graceMs,
      lateMs: o.lateMs ?? 5,
      maxConnections: o.maxConnections ?? 100_000,
      scenarios: o.plans,
      stripe: split.segmentation.stripe,
    }));
    this.emit('start', { workers, connections: o.plans.reduce((a, p) => a + p.executor.maxUsers, 0), rate: null, durationMs });
    const script = new URL('./worker.js', import.meta.url);
    try {
      this.setRunners(
        workers === 1
          ? [runInline(inits[0]!, o.scenarios, (m) => onMessage(0, m))]
          : inits.map((init) => runInWorker<ScenarioMessage>(script, init, `scenario worker ${init.index}`, (m) => onMessage(init.index, m), (e) => this.fail(e))),
      );
    } catch (err) {
      this.fail(err);
    }
  }
}

/** A client for setup/teardown: same request building, nothing recorded. */
export function setupContext(plan: ScenarioPlan, pools: PoolSet): SetupContext {
  const http = new UserHttp({ scenario: plan.name, base: new URL(plan.baseUrl), scenarioHeaders: renderHeaders(plan.headers), scenarioHeaderNames: new Set(Object.keys(plan.headers).map((h) => h.toLowerCase())), timeoutMs: plan.timeoutMs, maxRedirects: plan.maxRedirects ?? 0, pools, recorder: undefined, stopped: false });
  return { http, baseUrl: plan.baseUrl };
}

/**
 * Check every base URL answers, run each scenario's global setup once (its result becomes
 * `vu.data`), then start. Throws TargetUnreachableError (exit 3) when a target is down.
 */
export async function startScenarioRun(opts: ScenarioRunOptions): Promise<ScenarioRun> {
  const origins = new Map(opts.plans.map((p) => [new URL(p.baseUrl).origin, new URL(p.baseUrl)]));
  const http: ScenarioHttp = { protocol: opts.protocol ?? 'auto', streams: opts.streams ?? 1, known: {} };
  for (const [origin, u] of origins) http.known[origin] = await negotiateProtocol(u, opts.insecure, http.protocol, Math.min(10_000, Math.max(...opts.plans.map((p) => p.timeoutMs))));
  const pools = new PoolSet(8, opts.insecure, http);
  const sweeper = setInterval(() => pools.sweep(performance.now()), 100);
  try {
    for (const plan of opts.plans) {
      const def = opts.scenarios.get(plan.key)!;
      if (def.setup) {
        try {
          plan.data = await def.setup(setupContext(plan, pools));
        } catch (err) {
          throw new GonogoError('GONOGO_SCENARIO_INVALID', `scenario "${plan.name}": setup failed: ${err instanceof Error ? err.message : String(err)}`, { where: `${plan.name}.setup`, hint: 'setup runs once before any user starts; fix it or the target' });
        }
        try {
          structuredClone(plan.data);
        } catch {
          throw new GonogoError('GONOGO_SCENARIO_INVALID', `scenario "${plan.name}": setup returned data that cannot be copied to worker threads (functions, sockets, class instances with private state)`, { where: `${plan.name}.setup`, hint: 'return plain data: objects, arrays, strings, numbers' });
        }
      }
    }
  } finally {
    clearInterval(sweeper);
    pools.close();
  }
  const run = new ScenarioRun(opts, http);
  run.begin();
  return run;
}

/** `options.protocol` (and `streams`) when every base URL speaks the same protocol; `protocols` counts what answered. */
function protocolOption(http: ScenarioHttp): { protocol?: string; streams?: number } {
  const all = Object.values(http.known);
  if (all.length === 0 || !all.every((h2) => h2 === all[0])) return {};
  return all[0] ? { protocol: 'h2', streams: http.streams } : { protocol: 'http/1.1' };
}

async function runTeardowns(o: ScenarioRunOptions, http: ScenarioHttp): Promise<void> {
  const pools = new PoolSet(8, o.insecure, http);
  const sweeper = setInterval(() => pools.sweep(performance.now()), 100);
  try {
    for (const plan of o.plans) {
      const def = o.scenarios.get(plan.key);
      if (def?.teardown) {
        try {
          await def.teardown(plan.data, setupContext(plan, pools));
        } catch {
          // A failing teardown must not lose the run's figures; it is the user's cleanup.
        }
      }
    }
  } finally {
    clearInterval(sweeper);
    pools.close();
  }
}

function runInline(init: ScenarioWorkerInit, scenarios: ReadonlyMap<string, Scenario>, onMessage: (m: ScenarioMessage) => void): Runner {
  const w = new ScenarioWorker(init, scenarios, onMessage);
  w.start();
  return { stop: () => w.stop() };
}
