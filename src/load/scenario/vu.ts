import { performance } from 'node:perf_hooks';
import type { FlowNode, Scenario, ThinkTime, VU } from './api.js';
import type { UserHttp } from './client.js';
import type { Feeder } from './feeder.js';
import type { ScenarioRecorder } from './recorder.js';
import type { UserWs } from './websocket.js';
import { iterationVisit, WeightedChoice } from './task-choice.js';

/** A scenario's flow compiled for picking (task-choice.ts). */
export type CompiledNode =
  | { kind: 'task'; name: string; run: (vu: VU) => unknown }
  | { kind: 'weighted'; name: string; nested: boolean; children: CompiledNode[]; choice: WeightedChoice }
  | { kind: 'sequence'; name: string; nested: boolean; children: CompiledNode[] };

export function compileFlow(s: Scenario): CompiledNode {
  if (s.run) return { kind: 'task', name: 'default', run: s.run as (vu: VU) => unknown };
  const root = (s.tasks ?? s.journey)!;
  return compileGroup(s.tasks ? 'weighted' : 'sequence', '', root, false);
}

function compileGroup(mode: 'weighted' | 'sequence', name: string, nodes: readonly FlowNode[], nested: boolean): CompiledNode {
  const children = nodes.map(compileNode);
  if (mode === 'sequence') return { kind: 'sequence', name, nested, children };
  return { kind: 'weighted', name, nested, children, choice: new WeightedChoice(nodes.map((n) => n.weight)) };
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
  /** The scenario's time is up: no new iterations start; those running may finish within the grace period. */
  ending: boolean;
  /** The grace period is over: sleeps end at once, requests are not sent, nothing more is recorded. */
  cut: boolean;
  sleepers: Set<() => void>;
  /** Users pausing between iterations: woken when the scenario ends (there is no next iteration). */
  between: Set<() => void>;
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
  /** Tasks run so far in the current iteration. */
  private tasksRun = 0;

  constructor(
    readonly id: number,
    private readonly rt: ScenarioRuntime,
    readonly http: UserHttp,
    readonly ws: UserWs,
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
    return this.sleepIn(seconds, this.rt.sleepers);
  }

  /** `between`: sleeps between iterations, which the end of the scenario interrupts at once. */
  private sleepIn(seconds: number, set: Set<() => void>): Promise<void> {
    if (this.rt.cut || !(seconds > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, seconds * 1000);
      set.add(wake);
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

  /**
   * One iteration: per-user setup the first time, then the flow; errors are recorded, never thrown.
   * `arrival`: the iteration's number in the unsplit run (open model), which decides its weighted picks.
   */
  async iterate(intendedAt: number, arrival?: number): Promise<void> {
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
    // Timed from the actual start: a late start here is the generator's (a user was free, else the
    // iteration was dropped), counted late by the runner. Its first request may move the start back
    // to the intended one when the target held every connection (OriginPool.send).
    let t0 = performance.now();
    this.http.intendedAt = intendedAt;
    this.http.firstStartAt = 0;
    let failed: string | undefined;
    this.tasksRun = 0;
    try {
      await this.runNode(rt.flow, iterationVisit(arrival, this.id, this.iteration));
    } catch (err) {
      failed = message(err);
    }
    await this.ws.closeAll();
    this.iteration++;
    if (this.http.firstStartAt > 0 && this.http.firstStartAt < t0) t0 = this.http.firstStartAt;
    const elapsed = performance.now() - t0;
    // An iteration cut short by the end of the grace period is not counted (nor its error, which the cut caused).
    if (rt.cut) return;
    rt.recorder.iteration(rt.name, elapsed, failed);
    // The pause before the next iteration; none when there will be no next one.
    if (rt.ending || this.stopRequested) return;
    const think = rt.think;
    if (think?.kind === 'pacing') {
      if (think.seconds * 1000 > elapsed) await this.sleepIn((think.seconds * 1000 - elapsed) / 1000, rt.between);
    } else if (think !== undefined) await this.think(think, rt.between);
  }

  private think(t: Exclude<ThinkTime, { kind: 'pacing' }>, set: Set<() => void>): Promise<void> {
    return this.sleepIn(t.kind === 'constant' ? t.seconds : t.min + Math.random() * (t.max - t.min), set);
  }

  /** `visit`: this node's visit number (task-choice.ts), which decides a weighted group's pick. */
  private async runNode(n: CompiledNode, visit: number): Promise<void> {
    switch (n.kind) {
      case 'task': {
        // Think time goes between tasks; the one after the last task is taken in iterate().
        const think = this.rt.think;
        if (this.tasksRun++ > 0 && think !== undefined && think.kind !== 'pacing') await this.think(think, this.rt.sleepers);
        this.rt.recorder.task(this.rt.name, n.name);
        const r = n.run(this);
        if (r !== null && typeof r === 'object' && typeof (r as Promise<unknown>).then === 'function') await r;
        return;
      }
      case 'weighted': {
        const pick = n.choice.pick(visit);
        const child = n.children[pick.child]!;
        if (n.nested) return this.group(n.name, () => this.runNode(child, pick.visit));
        return this.runNode(child, pick.visit);
      }
      case 'sequence': {
        // Each step is visited once per visit of the sequence: its visit number is the sequence's.
        const all = async () => {
          for (const c of n.children) await this.runNode(c, visit);
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
