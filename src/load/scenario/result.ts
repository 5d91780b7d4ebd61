import type { ExecutorPlan } from '../executors/plan.js';
import { encodeHistogram, round3, summariseMs, type LatencySummaryMs } from '../../core/hdr.js';
import type { LoadResult } from '../../core/load-result.js';
import type { Aggregate } from '../aggregate.js';
import { round6 } from '../result.js';
import type { ScenarioPlan } from './plan.js';
import type { ScenarioTotals } from './totals.js';

export interface ScenarioSummary {
  name: string;
  executor: ExecutorPlan;
  startTimeMs: number;
  requests: number;
  errors: number;
  iterations: number;
  /** Iterations whose code threw; `errorSamples` keeps the first messages. */
  failedIterations: number;
  droppedIterations: number;
  lateIterations: number;
  /** Iterations per task name (weights show here). */
  tasks: Record<string, number>;
  /** The most users that ran at once (per-second samples). */
  peakUsers: number;
  /** Users running, one value per second of the run. */
  usersTimeline: number[];
  iterationMs: LatencySummaryMs;
  /** iteration_duration as an HDR histogram (like latencyHdr), so merged runs add exactly. */
  iterationHdr?: string;
  errorSamples: string[];
}

export interface CheckSummary {
  scenario: string;
  check: string;
  /** The request name of the checked responses ("" when not a response). */
  name: string;
  passes: number;
  fails: number;
}

export interface MetricSummary {
  metric: string;
  kind: 'counter' | 'rate' | 'trend';
  tags: Record<string, string>;
  /** counter: sum; rate: fraction of true; trend: number of samples. */
  value: number;
  count: number;
  trend?: { min: number; mean: number; p50: number; p90: number; p95: number; p99: number; max: number };
  /** Rates: how many samples were true (value = passes / count), so merged runs add exactly. */
  passes?: number;
  /** Trends: the samples as an HDR histogram of value x 1000, so merged runs add exactly. */
  hdr?: string;
}

/** load-result@1 plus what scripted runs add (every addition is a new key: older readers ignore them). */
export interface ScenarioLoadResult extends LoadResult {
  mode: 'scenario';
  profile?: string;
  scenarios: ScenarioSummary[];
  checks: { passes: number; fails: number; rate: number | null; items: CheckSummary[] };
  metrics: MetricSummary[];
  endpoints: (LoadResult['endpoints'][number] & { scenario: string })[];
  /** Spike profile: time to recover to the pre-spike latency (see profiles/recovery.ts). */
  recovery?: import('../profiles/recovery.js').RecoveryReport;
}

/** The shared result (`base`, built from `agg`) plus what only scripted runs have. */
export function extendResult(base: LoadResult, agg: Aggregate, t: ScenarioTotals, plans: readonly ScenarioPlan[], profile: string | undefined): ScenarioLoadResult {
  const bySc = new Map<string, { requests: number; errors: number }>();
  agg.meta.forEach((e, i) => {
    const s = agg.endpoints[i]!;
    const x = bySc.get(e.scenario!) ?? { requests: 0, errors: 0 };
    x.requests += s.requests;
    x.errors += s.errors;
    bySc.set(e.scenario!, x);
  });
  const seconds = base.timeline.length;
  const scenarios: ScenarioSummary[] = plans.map((p) => {
    const s = t.scenario(p.name);
    const usersTimeline = Array.from({ length: Math.max(seconds, ...[...s.users.keys()].map((k) => k + 1)) }, (_, i) => s.users.get(i) ?? 0);
    const iter = [...t.metrics.values()].find((m) => m.metric === 'iteration_duration' && m.tags.scenario === p.name);
    return {
      name: p.name,
      executor: p.executor,
      startTimeMs: p.startTimeMs,
      requests: bySc.get(p.name)?.requests ?? 0,
      errors: bySc.get(p.name)?.errors ?? 0,
      iterations: s.iterations,
      failedIterations: s.failedIterations,
      droppedIterations: s.dropped,
      lateIterations: s.late,
      tasks: Object.fromEntries([...s.tasks].sort((a, b) => b[1] - a[1])),
      // Per-worker peaks add up exactly when they coincide (ramps); the per-second samples are a floor.
      peakUsers: Math.max(0, ...usersTimeline, s.peaks.reduce((a, n) => a + (n ?? 0), 0)),
      usersTimeline,
      iterationMs: iter?.hist ? summariseMs(iter.hist) : summariseMs({ totalCount: 0 } as never),
      ...(iter?.hist ? { iterationHdr: encodeHistogram(iter.hist) } : {}),
      errorSamples: s.errorSamples,
    };
  });
  const items: CheckSummary[] = [...t.checks.values()].map((c) => ({ scenario: c.scenario, check: c.check, name: c.name, passes: c.passes, fails: c.total - c.passes }));
  const passes = items.reduce((a, c) => a + c.passes, 0);
  const fails = items.reduce((a, c) => a + c.fails, 0);
  const metrics: MetricSummary[] = [...t.metrics.values()]
    .filter((m) => m.metric !== 'iteration_duration')
    .map((m) => {
      if (m.kind === 'trend') {
        const h = m.hist!;
        const at = (p: number) => (h.totalCount ? round3(h.getValueAtPercentile(p) / 1000) : 0);
        return { metric: m.metric, kind: m.kind, tags: m.tags, value: h.totalCount, count: h.totalCount, trend: { min: h.totalCount ? round3(h.minNonZeroValue / 1000) : 0, mean: round3(h.mean / 1000), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: round3(h.maxValue / 1000) }, hdr: encodeHistogram(h) };
      }
      if (m.kind === 'rate') return { metric: m.metric, kind: m.kind, tags: m.tags, value: m.total ? round6(m.value / m.total) : 0, count: m.total, passes: m.value };
      return { metric: m.metric, kind: m.kind, tags: m.tags, value: m.value, count: m.total };
    });
  return {
    ...base,
    mode: 'scenario',
    ...(profile !== undefined ? { profile } : {}),
    model: plans.every((p) => p.executor.model === 'open') ? 'open' : 'closed',
    endpoints: base.endpoints.map((e, i) => ({ ...e, scenario: agg.meta[i]!.scenario! })),
    scenarios,
    checks: { passes, fails, rate: passes + fails ? round6(passes / (passes + fails)) : null, items },
    metrics,
  };
}
