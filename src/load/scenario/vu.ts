import { performance } from 'node:perf_hooks';
import type { FlowNode, Scenario, ThinkTime, VU } from './api.js';
import type { UserHttp } from './client.js';
import type { Feeder } from './feeder.js';
import type { ScenarioRecorder } from './recorder.js';

/** A scenario's flow compiled for fast picking: cumulative weights precomputed. */
export type CompiledNode =
  | { kind: 'task'; name: string; run: (vu: VU) => unknown }
  | { kind: 'weighted'; name: string; nested: boolean; children: CompiledNode[]; cumulative: number[]; total: number }
  | { kind: 'sequence'; name: string; nested: boolean; children: CompiledNode[] };

export function compileFlow(s: Scenario): CompiledNode {
  if (s.run) return { kind: 'task', name: 'default', run: s.run as (vu: VU) => unknown };
  const root = (s.tasks ?? s.journey)!;
  return compileGroup(s.tasks ? 'weighted' : 'sequence', '', root, false);
}

function compileGroup(mode: 'weighted' | 'sequence', name: string, nodes: readonly FlowNode[], nested: boolean): CompiledNode {
  const children = nodes.map(compileNode);
  if (mode === 'sequence') return { kind: 'sequence', name, nested, children };
  const cumulative: number[] = [];
  let total = 0;
  for (const n of nodes) cumulative.push((total += n.weight));
  return { kind: 'weighted', name, nested, children, cumulative, total };
}

function compileNode(n: FlowNode): CompiledNode {
  if (n.kind === 'task') return { kind: 'task', name: n.name, run: n.run as (vu: VU) => unknown };
  return compileGroup(n.mode, n.name, n.children, true);
}

/** Scenario-wide state in one worker: what every user of the scenario shares. */
export interface ScenarioRuntime {
  name: string;
  def: Scenario;
  flow: CompiledNode;
  think: ThinkTime | undefined;
  recorder: ScenarioRecorder;
  data: unknown;
  /** No new iterations start; sleeps end at once (the scenario's time is up). */
  ending: boolean;
  sleepers: Set<() => void>;
}

/**
 * One virtual user: a small object and, while it runs, one pending async function. It owns no
 * socket: its requests borrow connections from the worker's pool only while in flight.
 */
export class VirtualUser implements VU {
  iteration = 0;
  state: Record<string, unknown>;
  /** Asked to stop after the current iteration (ramp-down). */
  stopRequested = false;
  private setupDone = false;
  private rows: Map<Feeder<unknown>, unknown> | undefined;
  private groupPath = '';

  constructor(
    readonly id: number,
    private readonly rt: ScenarioRuntime,
    readonly http: UserHttp,
  ) {
    this.state = rt.def.state ? (rt.def.state() as Record<string, unknown>) : {};
  }

  get scenario(): string {
    return this.rt.name;
  }

  get data(): unknown {
    return this.rt.data;
  }

  feed<T>(f: Feeder<T>): T {
    if (f.mode !== 'unique') return f.next();
    const rows = (this.rows ??= new Map());
    if (rows.has(f)) return rows.get(f) as T;
    const row = f.next();
    rows.set(f, row);
    return row;
  }

  sleep(seconds: number): Promise<void> {
    const rt = this.rt;
    if (rt.ending || this.stopRequested || !(seconds > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        rt.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, seconds * 1000);
      rt.sleepers.add(wake);
    });
  }

  async group<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const prev = this.groupPath;
    this.groupPath = prev ? `${prev}::${name}` : name;
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.rt.recorder.metric('group_duration', 'trend', performance.now() - t0, { scenario: this.rt.name, group: this.groupPath });
      this.groupPath = prev;
    }
  }

  /** One iteration: per-user setup the first time, then the flow; errors are recorded, never thrown. */
  async iterate(intendedAt: number): Promise<void> {
    const rt = this.rt;
    if (!this.setupDone) {
      this.setupDone = true;
      if (rt.def.userSetup) {
        try {
          await rt.def.userSetup(this);
        } catch (err) {
          rt.recorder.iteration(rt.name, 0, `userSetup: ${message(err)}`);
        }
      }
    }
    const t0 = intendedAt > 0 ? Math.min(intendedAt, performance.now()) : performance.now();
    this.http.intendedAt = intendedAt;
    let failed: string | undefined;
    try {
      await this.runNode(rt.flow);
    } catch (err) {
      failed = message(err);
    }
    this.iteration++;
    const elapsed = performance.now() - t0;
    rt.recorder.iteration(rt.name, elapsed, failed);
    const think = rt.think;
    if (think?.kind === 'pacing' && think.seconds * 1000 > elapsed) await this.sleep((think.seconds * 1000 - elapsed) / 1000);
  }

  private async runNode(n: CompiledNode): Promise<void> {
    switch (n.kind) {
      case 'task': {
        this.rt.recorder.task(this.rt.name, n.name);
        const r = n.run(this);
        if (r !== null && typeof r === 'object' && typeof (r as Promise<unknown>).then === 'function') await r;
        const think = this.rt.think;
        if (think !== undefined && think.kind !== 'pacing' && !this.rt.ending) {
          await this.sleep(think.kind === 'constant' ? think.seconds : think.min + Math.random() * (think.max - think.min));
        }
        return;
      }
      case 'weighted': {
        const r = Math.random() * n.total;
        let i = 0;
        while (i < n.cumulative.length - 1 && r >= n.cumulative[i]!) i++;
        const child = n.children[i]!;
        if (n.nested) return this.group(n.name, () => this.runNode(child));
        return this.runNode(child);
      }
      case 'sequence': {
        const all = async () => {
          for (const c of n.children) await this.runNode(c);
        };
        if (n.nested) return this.group(n.name, all);
        return all();
      }
    }
  }
}

function message(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.length > 300 ? `${m.slice(0, 300)}...` : m;
}
