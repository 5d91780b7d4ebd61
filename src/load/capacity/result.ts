import type { LoadResult } from '../../core/load-result.js';
import { reportEnvelope } from '../../core/report-envelope.js';
import { bracket, type SearchPhase, type SearchSettings } from './search.js';

export const CAPACITY_RESULT_SCHEMA = 'gonogo/capacity-result@1';

/** One load run of the search, at one arrival rate. */
export interface CapacityStep {
  /** Target arrival rate, req/s. */
  rate: number;
  passed: boolean;
  phase: SearchPhase;
  /** Answers per second actually measured. */
  achievedRps: number;
  requests: number;
  errorRate: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** The thresholds that failed at this rate (empty when it passed). */
  failed: { metric: string; expression: string; actual: number | null }[];
  /** The load generator, not the target, limited this step (its reasons are in `generatorReasons`). */
  generatorLimited: boolean;
  generatorReasons: string[];
  durationMs: number;
}

/** A resource that saturated at the knee, with what showed it and what to do. */
export interface CapacityBottleneck {
  resource: string;
  metric: string;
  evidence: string;
  recommendation: string;
}

export type StopReason = 'converged' | 'max-rate-passed' | 'start-rate-failed' | 'time-limit' | 'interrupted';

export interface CapacityResult {
  schema: typeof CAPACITY_RESULT_SCHEMA;
  tool: { name: string; version: string };
  command: string;
  startedAt: string;
  finishedAt: string;
  target: string;
  settings: SearchSettings & { stepDurationMs: number; timeLimitMs: number; thresholds: string[]; workers?: number };
  /** Highest arrival rate (req/s) at which every threshold passed; null when even the start rate failed. */
  maxRate: number | null;
  /** Lowest rate that failed (the knee lies between maxRate and it); null when none failed. */
  failedAt: number | null;
  /** The first threshold that failed at `failedAt`; null when no rate failed. */
  limitedBy: { metric: string; expression: string; actual: number | null; rate: number } | null;
  stoppedBy: StopReason;
  steps: CapacityStep[];
  /** What saturated at the knee (from the server metrics of the step at `failedAt`, else of the step at `maxRate`). */
  bottlenecks: CapacityBottleneck[];
  passed: boolean;
}

/** The per-step summary the table and the JSON show, from that step's load result. */
export function stepOf(rate: number, phase: SearchPhase, r: LoadResult): CapacityStep {
  return {
    rate,
    passed: r.passed,
    phase,
    achievedRps: round(r.totals.rps),
    requests: r.totals.requests,
    errorRate: r.totals.errorRate,
    latencyMs: { p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99 },
    failed: r.thresholds.filter((t) => !t.ok).map((t) => ({ metric: t.metric, expression: t.expression, actual: t.actual })),
    generatorLimited: r.generator.bottleneck,
    generatorReasons: r.generator.reasons,
    durationMs: r.durationMs,
  };
}

/**
 * Bottlenecks a load result names: the server analysis of the metrics scraped with --metrics
 * (`server.bottlenecks`, the generator's self-check among them), else the generator's self-check alone.
 */
export function bottlenecksOf(r: LoadResult, rate: number): CapacityBottleneck[] {
  const found: CapacityBottleneck[] = (r.server?.bottlenecks ?? []).map(({ resource, metric, evidence, recommendation }) => ({ resource, metric, evidence: `at ${rate} req/s: ${evidence}`, recommendation }));
  if (r.generator.bottleneck && !found.some((b) => b.resource === 'generator')) {
    found.push({
      resource: 'generator',
      metric: 'generator self-check',
      evidence: `at ${rate} req/s: ${r.generator.reasons.join('; ')}`,
      recommendation: 'the load generator, not the target, saturated: add --workers, a bigger machine, or split the load; the knee measured here is a lower bound',
    });
  }
  return found;
}

export interface FinishInput {
  startedAt: Date;
  target: string;
  settings: CapacityResult['settings'];
  steps: CapacityStep[];
  /** Bottlenecks per step rate, taken from each step's load result. */
  bottlenecksAt: Map<number, CapacityBottleneck[]>;
  stoppedBy: StopReason;
}

/** The search's outcome from its steps: the bracket, the threshold that broke, the bottleneck at the knee. */
export function capacityResult(i: FinishInput): CapacityResult {
  const { highestPass, lowestFail } = bracket(i.steps);
  const failStep = lowestFail === null ? undefined : i.steps.find((s) => s.rate === lowestFail && !s.passed);
  const first = failStep?.failed[0];
  const limitedBy = failStep === undefined ? null : { ...(first ?? { metric: 'run', expression: 'completed without errors', actual: null }), rate: failStep.rate };
  const bottlenecks = (lowestFail !== null ? i.bottlenecksAt.get(lowestFail) : undefined)?.length
    ? i.bottlenecksAt.get(lowestFail!)!
    : (highestPass !== null ? i.bottlenecksAt.get(highestPass) : undefined) ?? [];
  return {
    schema: CAPACITY_RESULT_SCHEMA,
    ...reportEnvelope('capacity', i.startedAt),
    target: i.target,
    settings: i.settings,
    maxRate: highestPass,
    failedAt: lowestFail,
    limitedBy,
    stoppedBy: highestPass === null ? 'start-rate-failed' : i.stoppedBy,
    steps: i.steps,
    bottlenecks,
    passed: highestPass !== null,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
