import { addSparseBuckets, newHistogram } from '../../core/hdr.js';
import type { ScenarioFlush } from './recorder.js';
import { MAX_ERROR_SAMPLES, newScenarioTally, tagKey, type CheckTally, type MetricTally, type ScenarioTally } from './tallies.js';

export interface ScenarioTotal extends ScenarioTally {
  /** Users per second (sum over workers of their snapshot at that second's flush). */
  users: Map<number, number>;
  /** Per worker: the most users it ran at once. */
  peaks: number[];
}

/**
 * What a scripted run adds to the shared back half (requests go to the RunCollector's aggregate):
 * checks, custom metrics and per-scenario counts, each a sum of the workers' flushes.
 */
export class ScenarioTotals {
  readonly checks = new Map<string, CheckTally>();
  readonly metrics = new Map<string, MetricTally>();
  readonly scenarios = new Map<string, ScenarioTotal>();

  constructor(scenarioNames: readonly string[]) {
    for (const n of scenarioNames) this.scenario(n);
  }

  scenario(name: string): ScenarioTotal {
    let s = this.scenarios.get(name);
    if (!s) this.scenarios.set(name, (s = { ...newScenarioTally(), users: new Map(), peaks: [] }));
    return s;
  }

  merge(worker: number, f: ScenarioFlush, second: number): void {
    for (const c of f.checks) {
      const key = `${c.scenario}\u0000${c.check}\u0000${c.name}`;
      const t = this.checks.get(key);
      if (t) {
        t.passes += c.passes;
        t.total += c.total;
      } else this.checks.set(key, { ...c });
    }
    for (const m of f.metrics) {
      const key = `${m.metric}\u0000${tagKey(m.tags)}`;
      let t = this.metrics.get(key);
      if (!t) this.metrics.set(key, (t = { metric: m.metric, kind: m.kind, tags: m.tags, value: 0, total: 0, hist: m.kind === 'trend' ? newHistogram() : undefined }));
      t.value += m.value;
      t.total += m.total;
      if (m.hist && t.hist) addSparseBuckets(t.hist, m.hist);
    }
    for (const d of f.scenarios) {
      const s = this.scenario(d.scenario);
      s.iterations += d.iterations;
      s.failedIterations += d.failedIterations;
      s.dropped += d.dropped;
      s.late += d.late;
      for (const [task, n] of d.tasks) s.tasks.set(task, (s.tasks.get(task) ?? 0) + n);
      for (const e of d.errorSamples) if (s.errorSamples.length < MAX_ERROR_SAMPLES && !s.errorSamples.includes(e)) s.errorSamples.push(e);
    }
    for (const [name, n] of Object.entries(f.peaks ?? {})) {
      const p = this.scenario(name).peaks;
      p[worker] = Math.max(p[worker] ?? 0, n);
    }
    for (const [name, n] of Object.entries(f.users)) {
      const u = this.scenario(name).users;
      u.set(second, (u.get(second) ?? 0) + n);
    }
  }

  dropped(): number {
    let n = 0;
    for (const s of this.scenarios.values()) n += s.dropped;
    return n;
  }

  late(): number {
    let n = 0;
    for (const s of this.scenarios.values()) n += s.late;
    return n;
  }
}
