import { setTimeout as sleep } from 'node:timers/promises';
import { TargetUnreachableError } from '../../core/errors.js';
import type { LoadResult } from '../../core/load-result.js';
import { bottlenecksOf, capacityResult, stepOf, type CapacityBottleneck, type CapacityResult, type CapacityStep, type StopReason } from './result.js';
import { nextStep, type NextStep, type SearchSettings, type StepOutcome } from './search.js';

/** A started load run, as the search drives it (LoadRun and ScenarioRun both are). */
export interface StepRun {
  readonly result: Promise<LoadResult>;
  stop(reason: string): void;
}

/** Start one ordinary open-model load run at `rate` req/s for `durationMs`. */
export type StartStep = (rate: number, durationMs: number) => Promise<StepRun>;

/** Chooses the next rate from the steps so far (the capacity search by default; the benchmark passes a linear ramp). */
export type Planner = (steps: readonly StepOutcome[]) => NextStep | null;

export interface CapacityRunOptions {
  target: string;
  settings: SearchSettings;
  stepDurationMs: number;
  timeLimitMs: number;
  /** The thresholds every step is judged by, as written (for the result). */
  thresholds: string[];
  /** Generator worker threads per step, for the result (the steps already run with them). */
  workers?: number;
  startStep: StartStep;
  planner?: Planner;
  /** Quiet time between steps so a backlog left by a failed step drains before the next (default 1 s). */
  pauseMs?: number;
  /** An unjudged run at the start rate before the first step, to open connections and warm caches and JITs (default 2 s; 0: none). */
  warmupMs?: number;
  onWarmup?: (rate: number, ms: number) => void;
  onStepStart?: (next: NextStep, index: number) => void;
  onStep?: (step: CapacityStep, index: number) => void;
  /** Aborting stops the running step; the result covers the steps finished so far. */
  signal?: AbortSignal;
}

const DEFAULT_PAUSE_MS = 1000;
const DEFAULT_WARMUP_MS = 2000;

/**
 * Run the search: each step is an ordinary load run (same executor, same thresholds, same result),
 * one after the other, until the planner says stop or the next step would overrun the time limit.
 */
export async function runCapacity(o: CapacityRunOptions): Promise<CapacityResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const planner = o.planner ?? ((steps) => nextStep(o.settings, steps));
  const pauseMs = o.pauseMs ?? DEFAULT_PAUSE_MS;
  const steps: CapacityStep[] = [];
  const bottlenecksAt = new Map<number, CapacityBottleneck[]>();
  let stoppedBy: StopReason = 'converged';
  // A step costs its duration plus start-up, the grace for in-flight requests and the pause: learn it from the last one.
  let stepCostMs = o.stepDurationMs;
  const warmupMs = Math.min(o.warmupMs ?? DEFAULT_WARMUP_MS, o.timeLimitMs - o.stepDurationMs);
  if (warmupMs >= 1000 && !o.signal?.aborted) await warmUp(o, warmupMs);
  for (let next = planner(steps); next !== null; next = planner(steps)) {
    if (o.signal?.aborted) {
      stoppedBy = 'interrupted';
      break;
    }
    const elapsed = performance.now() - t0;
    if (steps.length > 0 && elapsed + stepCostMs > o.timeLimitMs) {
      stoppedBy = 'time-limit';
      break;
    }
    o.onStepStart?.(next, steps.length);
    const began = performance.now();
    const step = await runOneStep(o, next, steps.length === 0, bottlenecksAt);
    steps.push(step);
    o.onStep?.(step, steps.length - 1);
    if (o.signal?.aborted) {
      stoppedBy = 'interrupted';
      break;
    }
    if (planner(steps) !== null) await sleep(pauseMs);
    stepCostMs = Math.max(o.stepDurationMs, performance.now() - began);
  }
  if (stoppedBy === 'converged') {
    const ramped = steps.every((s) => s.passed);
    if (ramped && steps.length > 0) stoppedBy = 'max-rate-passed';
  }
  return capacityResult({
    startedAt,
    target: o.target,
    settings: { ...o.settings, stepDurationMs: o.stepDurationMs, timeLimitMs: o.timeLimitMs, thresholds: o.thresholds, ...(o.workers !== undefined && { workers: o.workers }) },
    steps,
    bottlenecksAt,
    stoppedBy,
  });
}

/** Send the start rate for a moment and throw the figures away: the first step then measures a warm service. */
async function warmUp(o: CapacityRunOptions, ms: number): Promise<void> {
  o.onWarmup?.(o.settings.startRate, ms);
  const run = await o.startStep(o.settings.startRate, ms);
  const onAbort = () => run.stop('interrupted');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await run.result;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}

async function runOneStep(o: CapacityRunOptions, next: NextStep, first: boolean, bottlenecksAt: Map<number, CapacityBottleneck[]>): Promise<CapacityStep> {
  let run: StepRun;
  try {
    run = await o.startStep(next.rate, o.stepDurationMs);
  } catch (err) {
    // Unreachable before any step: the user's problem (exit 3). After a step: the target fell over under load, which is a failed step.
    if (first || !(err instanceof TargetUnreachableError)) throw err;
    return unreachableStep(next, err.message);
  }
  const onAbort = () => run.stop('interrupted');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await run.result;
    bottlenecksAt.set(next.rate, bottlenecksOf(result, next.rate));
    return stepOf(next.rate, next.phase, result);
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}

function unreachableStep(next: NextStep, message: string): CapacityStep {
  return {
    rate: next.rate,
    passed: false,
    phase: next.phase,
    achievedRps: 0,
    requests: 0,
    errorRate: 1,
    latencyMs: { p50: 0, p95: 0, p99: 0 },
    failed: [{ metric: 'target', expression: `reachable (${message})`, actual: null }],
    generatorLimited: false,
    generatorReasons: [],
    durationMs: 0,
  };
}
