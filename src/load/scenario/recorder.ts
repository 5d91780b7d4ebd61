import type { Histogram } from 'hdr-histogram-js';
import { newHistogram, wireBuckets } from '../../core/hdr.js';
import { SliceRecorder } from '../slice-recorder.js';
import type { EncodedSlice, WireHistogram } from '../slice.js';
import type { CustomMetricKind } from './sink.js';
import { MAX_ERROR_SAMPLES, newScenarioTally, tagKey, type CheckTally, type MetricTally, type ScenarioTally } from './tallies.js';

/** A request name as results and thresholds know it, per scenario. */
export interface EndpointKey {
  ep: number;
  scenario: string;
  name: string;
  method: string;
}

/** A check's outcomes since the last flush. */
export type CheckDelta = CheckTally;

/** Custom metric and built-in trends (iteration_duration, group_duration) since the last flush; `hist` encoded. */
/** A metric's change since the last flush; a trend's histogram travels as bucket pairs (core/hdr.ts wireBuckets). */
export type MetricDelta = Omit<MetricTally, 'hist'> & { hist?: WireHistogram };

export interface ScenarioDelta {
  scenario: string;
  iterations: number;
  /** Iterations whose code threw (the first messages are kept in `errorSamples`). */
  failedIterations: number;
  dropped: number;
  late: number;
  tasks: [string, number][];
  errorSamples: string[];
}

export interface ScenarioFlush {
  slices: EncodedSlice[];
  /** Endpoints first seen since the last flush (worker-local indices). */
  endpoints: EndpointKey[];
  checks: CheckDelta[];
  metrics: MetricDelta[];
  scenarios: ScenarioDelta[];
  /** Users running now, per scenario. */
  users: Record<string, number>;
  /** The most users this worker ran at once so far, per scenario. */
  peaks: Record<string, number>;
}

type ScenarioAcc = ScenarioTally & { iterHist?: Histogram };

/**
 * Per-worker accumulation for scripted runs. Requests go into the same 1-second EndpointSlices as
 * quick mode (so the parent merges them with the same Aggregate); the endpoint table grows as
 * request names appear. Everything else (checks, custom metrics, iterations) is a delta since the
 * last flush that the parent adds up, so every figure merges exactly across threads.
 */
export class ScenarioRecorder extends SliceRecorder {
  private readonly index = new Map<string, Map<string, Map<string, number>>>();
  private endpointCount = 0;
  private fresh: EndpointKey[] = [];
  private checks = new Map<string, Map<string, Map<string, CheckDelta>>>();
  private metrics = new Map<string, MetricTally>();
  private scenarios = new Map<string, ScenarioAcc>();

  /** The endpoint index of scenario + "METHOD name", allocated on first use. Nested maps: no key string per request. */
  endpoint(scenario: string, method: string, name: string): number {
    let byMethod = this.index.get(scenario);
    if (!byMethod) this.index.set(scenario, (byMethod = new Map()));
    let byName = byMethod.get(method);
    if (!byName) byMethod.set(method, (byName = new Map()));
    let ep = byName.get(name);
    if (ep === undefined) {
      ep = this.endpointCount++;
      byName.set(name, ep);
      this.fresh.push({ ep, scenario, name: `${method} ${name}`, method });
    }
    return ep;
  }

  check(scenario: string, check: string, name: string, ok: boolean): void {
    let byName = this.checks.get(scenario);
    if (!byName) this.checks.set(scenario, (byName = new Map()));
    let byCheck = byName.get(name);
    if (!byCheck) byName.set(name, (byCheck = new Map()));
    let c = byCheck.get(check);
    if (!c) byCheck.set(check, (c = { scenario, check, name, passes: 0, total: 0 }));
    c.total++;
    if (ok) c.passes++;
  }

  metric(metric: string, kind: CustomMetricKind, value: number, tags: Record<string, string>): void {
    const key = `${metric}\u0000${tagKey(tags)}`;
    let m = this.metrics.get(key);
    if (!m) this.metrics.set(key, (m = { metric, kind, tags, value: 0, total: 0, hist: kind === 'trend' ? newHistogram() : undefined }));
    if (kind === 'trend') {
      // HDR histograms hold non-negative integers: keep three decimals (µs for time trends).
      m.hist!.recordValue(Math.max(0, Math.round(value * 1000)));
      m.total++;
    } else {
      m.value += value;
      m.total++;
    }
  }

  private scenario(name: string): ScenarioAcc {
    let s = this.scenarios.get(name);
    if (!s) this.scenarios.set(name, (s = newScenarioTally()));
    return s;
  }

  iteration(scenario: string, durationMs: number, failed: string | undefined): void {
    const s = this.scenario(scenario);
    s.iterations++;
    if (failed !== undefined) {
      s.failedIterations++;
      if (s.errorSamples.length < MAX_ERROR_SAMPLES) s.errorSamples.push(failed);
    }
    (s.iterHist ??= newHistogram()).recordValue(Math.max(0, Math.round(durationMs * 1000)));
  }

  task(scenario: string, task: string): void {
    const t = this.scenario(scenario).tasks;
    t.set(task, (t.get(task) ?? 0) + 1);
  }

  dropped(scenario: string): void {
    this.scenario(scenario).dropped++;
  }

  late(scenario: string): void {
    this.scenario(scenario).late++;
  }

  flush(users: Record<string, number>, peaks: Record<string, number> = {}): ScenarioFlush {
    const slices: EncodedSlice[] = this.flushSlices();
    const out: ScenarioFlush = {
      slices,
      endpoints: this.fresh,
      checks: [...this.checks.values()].flatMap((m) => [...m.values()].flatMap((x) => [...x.values()])),
      metrics: [...[...this.scenarios].filter(([, s]) => s.iterHist).map(([scenario, s]) => ({ metric: 'iteration_duration', kind: 'trend' as const, tags: { scenario }, value: 0, total: s.iterHist!.totalCount, hist: wireBuckets(s.iterHist!) })), ...[...this.metrics.values()].map((m) => ({ metric: m.metric, kind: m.kind, tags: m.tags, value: m.value, total: m.total, hist: m.hist ? wireBuckets(m.hist) : undefined }))],
      scenarios: [...this.scenarios].map(([scenario, s]) => ({ scenario, iterations: s.iterations, failedIterations: s.failedIterations, dropped: s.dropped, late: s.late, tasks: [...s.tasks], errorSamples: s.errorSamples })),
      users,
      peaks,
    };
    this.fresh = [];
    this.checks = new Map();
    this.metrics = new Map();
    this.scenarios = new Map();
    return out;
  }
}
