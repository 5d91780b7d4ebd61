import type { Histogram } from 'hdr-histogram-js';
import { decodeHistogram, encodeHistogram, newHistogram, round3, summariseMs } from '../../core/hdr.js';
import { round6 } from '../result.js';
import type { CheckSummary, MetricSummary, ScenarioLoadResult, ScenarioSummary } from '../scenario/result.js';
import { MAX_ERROR_SAMPLES, tagKey } from '../scenario/tallies.js';

interface ScenarioAcc {
  first: ScenarioSummary;
  requests: number;
  errors: number;
  iterations: number;
  failedIterations: number;
  droppedIterations: number;
  lateIterations: number;
  tasks: Map<string, number>;
  peaks: number;
  users: Map<number, number>;
  iter: Histogram;
  errorSamples: string[];
}

interface MetricAcc {
  metric: string;
  kind: MetricSummary['kind'];
  tags: Record<string, string>;
  value: number;
  count: number;
  passes: number;
  hist?: Histogram;
}

/**
 * What scripted results add (scenarios, checks, custom metrics), merged by kind: counters and check
 * tallies add, rates add their passes and totals, trends add their HDR histograms.
 */
export class ScenarioMerge {
  private readonly scenarios = new Map<string, ScenarioAcc>();
  private readonly checks = new Map<string, CheckSummary>();
  private readonly metrics = new Map<string, MetricAcc>();
  readonly notes = new Set<string>();
  seen = false;

  add(r: Partial<ScenarioLoadResult>, offset: number): void {
    if (r.mode !== 'scenario') return;
    this.seen = true;
    for (const s of r.scenarios ?? []) {
      let a = this.scenarios.get(s.name);
      if (!a) this.scenarios.set(s.name, (a = { first: s, requests: 0, errors: 0, iterations: 0, failedIterations: 0, droppedIterations: 0, lateIterations: 0, tasks: new Map(), peaks: 0, users: new Map(), iter: newHistogram(), errorSamples: [] }));
      a.requests += s.requests;
      a.errors += s.errors;
      a.iterations += s.iterations;
      a.failedIterations += s.failedIterations;
      a.droppedIterations += s.droppedIterations;
      a.lateIterations += s.lateIterations;
      for (const [k, n] of Object.entries(s.tasks ?? {})) a.tasks.set(k, (a.tasks.get(k) ?? 0) + n);
      a.peaks += s.peakUsers;
      (s.usersTimeline ?? []).forEach((n, i) => a.users.set(i + offset, (a.users.get(i + offset) ?? 0) + n));
      if (typeof s.iterationHdr === 'string') addEncoded(a.iter, s.iterationHdr);
      else if (s.iterations > 0) this.notes.add(`scenario ${s.name}: a segment has no iterationHdr (an older result); iteration_duration is the other segments' only`);
      for (const e of s.errorSamples ?? []) if (a.errorSamples.length < MAX_ERROR_SAMPLES && !a.errorSamples.includes(e)) a.errorSamples.push(e);
    }
    for (const c of r.checks?.items ?? []) {
      const key = `${c.scenario}\u0000${c.check}\u0000${c.name}`;
      const have = this.checks.get(key);
      if (have) {
        have.passes += c.passes;
        have.fails += c.fails;
      } else this.checks.set(key, { ...c });
    }
    for (const m of r.metrics ?? []) {
      const key = `${m.metric}\u0000${tagKey(m.tags)}`;
      let a = this.metrics.get(key);
      if (!a) this.metrics.set(key, (a = { metric: m.metric, kind: m.kind, tags: m.tags, value: 0, count: 0, passes: 0, hist: m.kind === 'trend' ? newHistogram() : undefined }));
      a.count += m.count;
      if (m.kind === 'counter') a.value += m.value;
      else if (m.kind === 'rate') a.passes += m.passes ?? Math.round(m.value * m.count);
      else if (typeof m.hdr === 'string') addEncoded(a.hist!, m.hdr);
      else this.notes.add(`metric ${m.metric}: a segment has no histogram (an older result); its trend is the other segments' only`);
    }
  }

  /** The merged scripted parts; `shift` re-bases the users timelines like the request timeline. */
  result(shift: number, seconds: number): Pick<ScenarioLoadResult, 'scenarios' | 'checks' | 'metrics'> {
    const scenarios: ScenarioSummary[] = [...this.scenarios.values()].map((a) => {
      const keys = [...a.users.keys()];
      const len = Math.max(seconds, keys.length ? Math.max(...keys) - shift + 1 : 0);
      const usersTimeline = Array.from({ length: len }, (_, i) => a.users.get(i + shift) ?? 0);
      const { first } = a;
      return {
        name: first.name,
        executor: first.executor,
        startTimeMs: first.startTimeMs,
        requests: a.requests,
        errors: a.errors,
        iterations: a.iterations,
        failedIterations: a.failedIterations,
        droppedIterations: a.droppedIterations,
        lateIterations: a.lateIterations,
        tasks: Object.fromEntries([...a.tasks].sort((x, y) => y[1] - x[1])),
        peakUsers: Math.max(0, a.peaks, ...usersTimeline),
        usersTimeline,
        iterationMs: summariseMs(a.iter),
        iterationHdr: encodeHistogram(a.iter),
        errorSamples: a.errorSamples,
      };
    });
    const items = [...this.checks.values()];
    const passes = items.reduce((x, c) => x + c.passes, 0);
    const fails = items.reduce((x, c) => x + c.fails, 0);
    const metrics: MetricSummary[] = [...this.metrics.values()].map((m) => {
      if (m.kind === 'trend') {
        const h = m.hist!;
        const at = (p: number) => (h.totalCount ? round3(h.getValueAtPercentile(p) / 1000) : 0);
        return { metric: m.metric, kind: m.kind, tags: m.tags, value: h.totalCount, count: h.totalCount, trend: { min: h.totalCount ? round3(h.minNonZeroValue / 1000) : 0, mean: round3(h.mean / 1000), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: round3(h.maxValue / 1000) }, hdr: encodeHistogram(h) };
      }
      if (m.kind === 'rate') return { metric: m.metric, kind: m.kind, tags: m.tags, value: m.count ? round6(m.passes / m.count) : 0, count: m.count, passes: m.passes };
      return { metric: m.metric, kind: m.kind, tags: m.tags, value: m.value, count: m.count };
    });
    return { scenarios, checks: { passes, fails, rate: passes + fails ? round6(passes / (passes + fails)) : null, items }, metrics };
  }

  /** Histograms for the merged metrics view (thresholds). */
  iterationHist(scenario: string | undefined): Histogram[] {
    return [...this.scenarios.values()].filter((a) => scenario === undefined || a.first.name === scenario).map((a) => a.iter);
  }
}

function addEncoded(into: Histogram, encoded: string): void {
  const h = decodeHistogram(encoded);
  into.add(h);
  h.destroy();
}
