import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { GonogoError } from '../../core/errors.js';
import { evaluateThresholds, shouldAbort, type Threshold } from '../../core/thresholds/index.js';
import type { DriverStats } from '../driver.js';
import { preflight } from '../preflight.js';
import type { SpikeShape } from '../profiles/builtin.js';
import { spikeRecovery } from '../profiles/recovery.js';
import { buildLoadResult } from '../result.js';
import { RunBase, runInWorker, type Runner } from '../run-base.js';
import { selfCheck } from '../self-check.js';
import type { Scenario, SetupContext } from './api.js';
import type { ScenarioModule } from './loader.js';
import { endpointOf, PoolSet, UserHttp, renderHeaders } from './client.js';
import { scenarioMetricsView } from './metrics-view.js';
import { runDurationMs, type ScenarioPlan, type ScenarioWorkerInit } from './plan.js';
import { extendResult, type ScenarioLoadResult } from './result.js';
import { ScenarioWorker, type ScenarioMessage } from './runner.js';
import { ScenarioTotals } from './totals.js';

export interface ScenarioRunOptions {
  /** The compiled modules (see loader.ts) and the scenarios this thread imported from them. */
  modules: ScenarioModule[];
  scenarios: ReadonlyMap<string, Scenario>;
  plans: ScenarioPlan[];
  /** Shown as the result's target. */
  target: string;
  workers: number;
  insecure: boolean;
  thresholds: Threshold[];
  graceMs: number;
  lateMs?: number;
  /** Connections per origin per worker (default: as many as users). */
  maxConnections?: number;
  /** The profile this run plays, when there is one (result.profile). */
  profile?: string;
  /** Spike profiles: where the spike is, to report the time to recover. */
  spike?: SpikeShape;
}

const START_DELAY_MS = 100;

/**
 * A running scripted load test. Same events as quick mode's LoadRun (start, progress, abort), so
 * the terminal progress subscribes unchanged; `result` resolves with a load-result@1 that adds
 * scenarios, checks and custom metrics.
 */
export class ScenarioRun extends RunBase<ScenarioLoadResult> {
  constructor(private readonly opts: ScenarioRunOptions) {
    super();
  }

  /** @internal */
  begin(): void {
    const o = this.opts;
    const workers = Math.max(1, o.workers);
    const totals = new ScenarioTotals(workers, o.plans.map((p) => p.name));
    const durationMs = runDurationMs(o.plans);
    const startAt = performance.timeOrigin + performance.now() + START_DELAY_MS;
    const startedAt = new Date(Date.now() + START_DELAY_MS);
    const stats: DriverStats[] = [];
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const elapsedSec = () => Math.max(0.001, (performance.timeOrigin + performance.now() - startAt) / 1000);
    const view = scenarioMetricsView(totals, elapsedSec);
    let usersNow = 0;
    const lastUsers: Record<string, number>[] = Array.from({ length: workers }, () => ({}));

    const onMessage = (worker: number, msg: ScenarioMessage) => {
      const second = msg.type === 'flush' ? msg.through + 1 : Infinity;
      totals.merge(worker, msg.flush, Number.isFinite(second) ? second : -1);
      totals.agg.complete(worker, msg.type === 'done' ? Infinity : msg.through);
      lastUsers[worker] = msg.type === 'done' ? {} : msg.flush.users;
      usersNow = lastUsers.reduce((a, u) => a + Object.values(u).reduce((x, y) => x + y, 0), 0);
      if (msg.type === 'done') {
        stats.push(msg.stats);
        if (stats.length === workers) void finish();
      }
    };

    const onTick = () => {
      const elapsedMs = performance.timeOrigin + performance.now() - startAt;
      if (elapsedMs < 0) return;
      const last = totals.agg.lastComplete();
      this.emit('progress', { elapsedMs, remainingMs: Math.max(0, durationMs - elapsedMs), requests: totals.agg.grand.requests, errors: totals.agg.grand.errors, rps: last?.rps ?? 0, p95Ms: last?.p95 ?? 0, connections: usersNow });
      if (o.thresholds.some((t) => t.abortOnFail)) {
        const failing = shouldAbort(evaluateThresholds(o.thresholds, view), o.thresholds, elapsedMs);
        if (failing) this.stop(`threshold ${failing.source} failed (abortOnFail)`);
      }
    };
    this.startTicks(START_DELAY_MS + 1000 + 60, onTick);

    const finish = async () => {
      this.stopTicks();
      try {
        const cpu = process.cpuUsage(cpu0);
        const wallMs = performance.now() - wall0;
        const sendWindowMs = Math.min(durationMs, Math.max(...stats.map((s) => s.sendWindowMs)));
        // Late and dropped iterations arrive with every flush; the totals hold the exact sums.
        stats.forEach((s, i) => {
          s.late = i === 0 ? totals.late() : 0;
          s.dropped = i === 0 ? totals.dropped() : 0;
        });
        const open = o.plans.every((p) => p.executor.model === 'open');
        const maxUsers = o.plans.reduce((a, p) => a + p.executor.maxUsers, 0);
        const generator = selfCheck({ stats, connections: maxUsers, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, cores: Math.min(os.availableParallelism(), workers === 1 ? 1 : workers + 1), sent: totals.agg.grand.requests, openModel: open });
        generator.reasons = generator.reasons.map((r) => r.replace('scheduled requests were never sent', 'scheduled iterations found no free virtual user (maxUsers reached) and were dropped'));
        const thresholds = evaluateThresholds(o.thresholds, scenarioMetricsView(totals, () => Math.max(0.001, sendWindowMs / 1000)));
        const peakRate = open ? o.plans.reduce((a, p) => a + (p.executor.model === 'open' ? Math.max(p.executor.startRate, ...p.executor.stages.map((s) => s.target)) : 0), 0) : null;
        const base = buildLoadResult({
          target: o.target,
          startedAt,
          durationMs: sendWindowMs,
          options: { method: 'SCRIPT', connections: maxUsers, rate: peakRate, workers, timeoutMs: Math.max(...o.plans.map((p) => p.timeoutMs)), durationMs },
          endpointNames: totals.endpoints.map((e) => e.name),
          aggregate: totals.agg,
          thresholds,
          aborted: this.abortReason === null ? null : { reason: this.abortReason },
          generator,
        });
        const result = extendResult(base, totals, o.plans, o.profile);
        if (o.spike) result.recovery = spikeRecovery(result.timeline, o.spike);
        await runTeardowns(o);
        this.resolve(result);
      } catch (err) {
        this.reject(err);
      }
    };

    const inits: ScenarioWorkerInit[] = Array.from({ length: workers }, (_, index) => ({
      modules: o.modules,
      index,
      workers,
      startAt,
      insecure: o.insecure,
      graceMs: o.graceMs,
      lateMs: o.lateMs ?? 5,
      maxConnections: o.maxConnections ?? 100_000,
      scenarios: o.plans,
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
  const http = new UserHttp({ scenario: plan.name, base: new URL(plan.baseUrl), scenarioHeaders: renderHeaders(plan.headers), scenarioHeaderNames: new Set(Object.keys(plan.headers).map((h) => h.toLowerCase())), timeoutMs: plan.timeoutMs, pools, recorder: undefined, stopped: false });
  return { http, baseUrl: plan.baseUrl };
}

/**
 * Check every base URL answers, run each scenario's global setup once (its result becomes
 * `vu.data`), then start. Throws TargetUnreachableError (exit 3) when a target is down.
 */
export async function startScenarioRun(opts: ScenarioRunOptions): Promise<ScenarioRun> {
  const origins = new Map(opts.plans.map((p) => [new URL(p.baseUrl).origin, new URL(p.baseUrl)]));
  for (const u of origins.values()) await preflight(endpointOf(u, opts.insecure), u.href, Math.min(10_000, Math.max(...opts.plans.map((p) => p.timeoutMs))));
  const pools = new PoolSet(8, opts.insecure);
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
  const run = new ScenarioRun(opts);
  run.begin();
  return run;
}

async function runTeardowns(o: ScenarioRunOptions): Promise<void> {
  const pools = new PoolSet(8, o.insecure);
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
