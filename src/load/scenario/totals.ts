import { decodeFromCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { Aggregate } from '../aggregate.js';
import { newHistogram } from '../../core/hdr.js';
import { newEndpointSlice } from '../slice.js';
import type { EndpointKey, ScenarioFlush } from './recorder.js';
import { tagKey } from './recorder.js';
import type { CustomMetricKind } from './sink.js';

export interface EndpointMetaS {
  name: string;
  method: string;
  scenario: string;
}

export interface CheckTotal {
  scenario: string;
  check: string;
  name: string;
  passes: number;
  total: number;
}

export interface MetricTotal {
  metric: string;
  kind: CustomMetricKind;
  tags: Record<string, string>;
  value: number;
  total: number;
  hist?: Histogram;
}

export interface ScenarioTotal {
  iterations: number;
  failedIterations: number;
  dropped: number;
  late: number;
  tasks: Map<string, number>;
  errorSamples: string[];
  /** Users per second (sum over workers of their snapshot at that second's flush). */
  users: Map<number, number>;
  /** Per worker: the most users it ran at once. */
  peaks: number[];
}

/**
 * The parent's merged view of a scripted run: the request Aggregate of quick mode (endpoints
 * added as workers report new request names) plus checks, custom metrics and per-scenario counts.
 */
export class ScenarioTotals {
  readonly agg: Aggregate;
  readonly endpoints: EndpointMetaS[] = [];
  readonly checks = new Map<string, CheckTotal>();
  readonly metrics = new Map<string, MetricTotal>();
  readonly scenarios = new Map<string, ScenarioTotal>();
  private readonly globalIndex = new Map<string, number>();
  /** Per worker: local endpoint index -> global index. */
  private readonly local: number[][];

  constructor(workers: number, scenarioNames: readonly string[]) {
    this.agg = new Aggregate(0, workers);
    this.local = Array.from({ length: workers }, () => []);
    for (const n of scenarioNames) this.scenario(n);
  }

  scenario(name: string): ScenarioTotal {
    let s = this.scenarios.get(name);
    if (!s) this.scenarios.set(name, (s = { iterations: 0, failedIterations: 0, dropped: 0, late: 0, tasks: new Map(), errorSamples: [], users: new Map(), peaks: [] }));
    return s;
  }

  merge(worker: number, f: ScenarioFlush, second: number): void {
    for (const e of f.endpoints) this.register(worker, e);
    const map = this.local[worker]!;
    for (const s of f.slices) for (const e of s.endpoints) e.ep = map[e.ep]!;
    this.agg.merge(f.slices);
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
      if (m.hist && t.hist) {
        const h = decodeFromCompressedBase64(m.hist, 32, false);
        t.hist.add(h);
        h.destroy();
      }
    }
    for (const d of f.scenarios) {
      const s = this.scenario(d.scenario);
      s.iterations += d.iterations;
      s.failedIterations += d.failedIterations;
      s.dropped += d.dropped;
      s.late += d.late;
      for (const [task, n] of d.tasks) s.tasks.set(task, (s.tasks.get(task) ?? 0) + n);
      for (const e of d.errorSamples) if (s.errorSamples.length < 5 && !s.errorSamples.includes(e)) s.errorSamples.push(e);
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

  private register(worker: number, e: EndpointKey): void {
    const key = `${e.scenario}\u0000${e.name}`;
    let g = this.globalIndex.get(key);
    if (g === undefined) {
      g = this.endpoints.length;
      this.globalIndex.set(key, g);
      this.endpoints.push({ name: e.name, method: e.method, scenario: e.scenario });
      this.agg.endpoints.push(newEndpointSlice());
    }
    this.local[worker]![e.ep] = g;
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
