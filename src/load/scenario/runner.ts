import { performance } from 'node:perf_hooks';
import { ArrivalSchedule } from '../executors/arrival.js';
import { UserRamp, usersOnWorker } from '../executors/closed.js';
import type { ClosedPlan, OpenPlan } from '../executors/plan.js';
import type { Scenario } from './api.js';
import { PoolSet, UserHttp, renderHeaders, type ClientContext } from './client.js';
import type { ScenarioPlan, ScenarioWorkerInit } from './plan.js';
import { ScenarioRecorder, type ScenarioFlush } from './recorder.js';
import { installSink } from './sink.js';
import { compileFlow, VirtualUser, type ScenarioRuntime } from './vu.js';
import { UserWs } from './websocket.js';
import { scheduleFlushes } from '../flush-schedule.js';
import { LoopProbe, type GeneratorStats } from '../generator-stats.js';
import { stripeCount, stripeIndex } from '../segment/execution-segment.js';

export type ScenarioMessage = { type: 'flush'; flush: ScenarioFlush; through: number } | { type: 'done'; flush: ScenarioFlush; stats: GeneratorStats };

const RAMP_TICK_MS = 100;
/** The open-model pacer aims this early: Node timers fire up to ~1 ms late (see driver.ts). */
const EARLY_MS = 1;

interface Running {
  plan: ScenarioPlan;
  /** This worker's share: users / arrivals whose global number is slot (mod workers). */
  slot: number;
  rt: ScenarioRuntime;
  ctx: ClientContext;
  /** Closed model: user slots; a slot's user loops until asked to stop. */
  slots: VirtualUser[];
  looping: Set<VirtualUser>;
  /** Open model: iterations in flight. */
  live: number;
  idle: VirtualUser[];
  created: number;
  timers: NodeJS.Timeout[];
  started: boolean;
  done: boolean;
  /** Every user's WebSocket client, closed when the scenario is cut. */
  ws: UserWs[];
  graceTimer?: NodeJS.Timeout;
}

/**
 * Runs this worker's share of every scenario: closed executors get the users whose global index
 * is this worker's (i mod workers), open executors the arrivals whose global number is. Records
 * into one ScenarioRecorder and posts a flush every second; never touches the terminal.
 */
export class ScenarioWorker {
  private readonly recorder: ScenarioRecorder;
  private readonly pools: PoolSet;
  private readonly running: Running[] = [];
  private readonly runStart: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private finished = false;
  private stoppedAt = 0;
  private readonly probe = new LoopProbe();
  private maxSendLagMs = 0;
  private readonly peaks: Record<string, number> = {};

  constructor(
    private readonly init: ScenarioWorkerInit,
    scenarios: ReadonlyMap<string, Scenario>,
    private readonly post: (m: ScenarioMessage) => void,
  ) {
    this.runStart = init.startAt - performance.timeOrigin;
    this.recorder = new ScenarioRecorder(this.runStart);
    const maxUsers = init.scenarios.reduce((a, p, i) => a + usersOnWorker(stripeCount(init.stripe, p.executor.maxUsers), (init.index - (i % init.workers) + init.workers) % init.workers, init.workers), 0);
    this.pools = new PoolSet(Math.max(1, Math.min(init.maxConnections, maxUsers)), init.insecure, init.http, init.lateMs);
    const only = init.scenarios.length === 1 ? init.scenarios[0]!.name : '';
    const rec = this.recorder;
    installSink({
      check: (name, ok, scenario, requestName) => rec.check(scenario ?? only, name, requestName ?? '', ok),
      metric: (name, kind, value, tags) => rec.metric(name, kind, value, tags ?? {}),
    });
    for (const plan of init.scenarios) {
      const def = scenarios.get(plan.key);
      if (!def) throw new Error(`scenario ${plan.key} not found in the compiled module`);
      const headerNames = new Set(Object.keys(plan.headers).map((h) => h.toLowerCase()));
      const ctx: ClientContext = { scenario: plan.name, base: new URL(plan.baseUrl), scenarioHeaders: renderHeaders(plan.headers), scenarioHeaderNames: headerNames, timeoutMs: plan.timeoutMs, maxRedirects: plan.maxRedirects ?? 0, pools: this.pools, recorder: rec, stopped: false };
      const rt: ScenarioRuntime = { name: plan.name, def, flow: compileFlow(def), think: def.thinkTime, recorder: rec, data: plan.data, ending: false, cut: false, sleepers: new Set(), between: new Set() };
      // Rotate which worker gets user 0 per scenario, so several small scenarios spread over the workers.
      const slot = (init.index - (this.running.length % init.workers) + init.workers) % init.workers;
      this.running.push({ plan, rt, ctx, slot, slots: [], looping: new Set(), live: 0, idle: [], created: 0, timers: [], started: false, done: false, ws: [] });
    }
  }

  start(): void {
    const wait = Math.max(0, this.runStart - performance.now());
    this.timers.push(setTimeout(() => this.begin(), wait));
  }

  /** Stop now (SIGINT, abort-on-fail): running iterations get the grace period. */
  stop(): void {
    if (this.stoppedAt === 0) this.stoppedAt = performance.now();
    for (const r of this.running) this.endScenario(r);
  }

  private begin(): void {
    this.probe.start();
    scheduleFlushes(this.runStart, this.timers, () => this.finished, (through) => this.post({ type: 'flush', flush: this.recorder.flush(this.users(), this.peaks), through }));
    const sweep = Math.max(5, Math.min(250, Math.min(...this.running.map((r) => r.plan.timeoutMs)) / 4));
    this.timers.push(setInterval(() => this.pools.sweep(performance.now()), sweep));
    for (const r of this.running) {
      if (r.done) continue;
      r.timers.push(setTimeout(() => this.startScenario(r), r.plan.startTimeMs));
    }
  }

  private startScenario(r: Running): void {
    if (r.done || r.rt.ending) return;
    r.started = true;
    const ex = r.plan.executor;
    r.timers.push(setTimeout(() => this.endScenario(r), ex.durationMs));
    if (ex.model === 'closed') this.runClosed(r, ex);
    else this.runOpen(r, ex);
  }

  /** The segment's `local`-th user: its id is its number in the whole (unsplit) run, plus one. */
  private newUser(r: Running, local: number): VirtualUser {
    const http = new UserHttp(r.ctx);
    const ws = new UserWs(r.ctx, http.headers);
    r.ws.push(ws);
    return new VirtualUser(stripeIndex(this.init.stripe, local) + 1, r.rt, http, ws);
  }

  private runClosed(r: Running, ex: ClosedPlan): void {
    const ramp = new UserRamp(ex);
    const t0 = performance.now();
    const { workers: W, stripe } = this.init;
    const w = r.slot;
    const tick = () => {
      if (r.rt.ending) return;
      // The whole run's user count -> this segment's share (its numbered users) -> this worker's.
      const local = usersOnWorker(stripeCount(stripe, ramp.at(performance.now() - t0)), w, W);
      let active = 0;
      for (const u of r.slots) if (!u.stopRequested) active++;
      // Grow: reuse a slot whose user was asked to stop, else add one.
      for (let j = 0; j < r.slots.length && active < local; j++) {
        const u = r.slots[j]!;
        if (u.stopRequested) {
          u.stopRequested = false;
          active++;
          if (!r.looping.has(u)) void this.loop(r, u);
        }
      }
      while (active < local) {
        const u = this.newUser(r, w + r.slots.length * W);
        r.slots.push(u);
        active++;
        void this.loop(r, u);
      }
      if (active > (this.peaks[r.plan.name] ?? 0)) this.peaks[r.plan.name] = active;
      // Shrink from the top: those users finish their iteration and stop.
      for (let j = r.slots.length - 1; j >= 0 && active > local; j--) {
        const u = r.slots[j]!;
        if (!u.stopRequested) {
          u.stopRequested = true;
          active--;
        }
      }
    };
    tick();
    r.timers.push(setInterval(tick, RAMP_TICK_MS));
  }

  private async loop(r: Running, u: VirtualUser): Promise<void> {
    r.looping.add(u);
    try {
      let n = 0;
      while (!u.stopRequested && !r.rt.ending) {
        await u.iterate(0);
        // An iteration that never waits on I/O would starve timers (and the run would never end): yield now and then.
        if ((++n & 31) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      r.looping.delete(u);
      if (r.rt.ending) this.maybeDone(r);
    }
  }

  private runOpen(r: Running, ex: OpenPlan): void {
    const sched = new ArrivalSchedule(ex);
    const t0 = performance.now();
    const { workers: W, stripe } = this.init;
    const w = r.slot;
    const end = t0 + ex.durationMs;
    const maxLocal = Math.max(1, usersOnWorker(stripeCount(stripe, ex.maxUsers), w, W));
    for (let i = 0, n = usersOnWorker(stripeCount(stripe, ex.preAllocatedUsers), w, W); i < n; i++) r.idle.push(this.newUser(r, w + r.created++ * W));
    let k = w;
    let pacer: NodeJS.Timeout | undefined;
    const pump = () => {
      pacer = undefined;
      if (r.rt.ending) return;
      const now = performance.now();
      for (;;) {
        // Local arrival k of the segment is arrival stripeIndex(k) of the whole run.
        const arrival = stripeIndex(stripe, k);
        const due = t0 + sched.timeOf(arrival);
        if (!(due < end)) return;
        if (due > now + EARLY_MS) {
          pacer = setTimeout(pump, due - now - EARLY_MS);
          r.timers.push(pacer);
          if (r.timers.length > 64) r.timers = r.timers.slice(-8);
          return;
        }
        k += W;
        let u = r.idle.pop();
        if (u === undefined && r.created < maxLocal) u = this.newUser(r, w + r.created++ * W);
        if (u === undefined) {
          r.rt.recorder.dropped(r.rt.name);
          continue;
        }
        const lag = now - due;
        if (lag > this.init.lateMs) r.rt.recorder.late(r.rt.name);
        if (lag > this.maxSendLagMs) this.maxSendLagMs = lag;
        r.live++;
        if (r.live > (this.peaks[r.plan.name] ?? 0)) this.peaks[r.plan.name] = r.live;
        const user = u;
        void user.iterate(due, arrival).finally(() => {
          r.live--;
          if (r.rt.ending) this.maybeDone(r);
          else r.idle.push(user);
        });
      }
    };
    pump();
    void pacer;
  }

  private endScenario(r: Running): void {
    if (r.rt.ending) return;
    r.rt.ending = true;
    for (const t of r.timers) clearTimeout(t);
    r.timers = [];
    for (const wake of [...r.rt.between]) wake();
    if (this.busy(r) === 0) this.markDone(r);
    else r.graceTimer = setTimeout(() => this.markDone(r), this.init.graceMs);
  }

  private busy(r: Running): number {
    return r.looping.size + r.live;
  }

  private maybeDone(r: Running): void {
    if (!r.done && this.busy(r) === 0) this.markDone(r);
  }

  private markDone(r: Running): void {
    if (r.done) return;
    r.done = true;
    if (r.graceTimer) clearTimeout(r.graceTimer);
    // Anything still running is abandoned: its sleeps end, its requests fail at once, nothing more is recorded.
    r.ctx.stopped = true;
    r.rt.cut = true;
    for (const wake of [...r.rt.sleepers]) wake();
    // WebSocket sessions still open end now: their waits return "stopped".
    for (const ws of r.ws) void ws.closeAll();
    if (this.running.every((x) => x.done)) this.finish();
  }

  private users(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.running) {
      if (r.plan.executor.model === 'closed') {
        let n = 0;
        for (const u of r.slots) if (!u.stopRequested && r.looping.has(u)) n++;
        out[r.plan.name] = r.rt.ending ? 0 : n;
      } else out[r.plan.name] = r.live;
    }
    return out;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const interrupted = this.pools.busy();
    for (const t of this.timers) clearTimeout(t);
    for (const r of this.running) for (const t of r.timers) clearTimeout(t);
    this.pools.close();
    installSink(undefined);
    const loop = this.probe.stop();
    const end = performance.now();
    const flush = this.recorder.flush(this.users(), this.peaks);
    let late = 0;
    let dropped = 0;
    for (const s of flush.scenarios) {
      late += s.late;
      dropped += s.dropped;
    }
    const stats: GeneratorStats = {
      late,
      lateNoConnection: this.pools.lateNoConnection(),
      dropped,
      maxSendLagMs: this.maxSendLagMs,
      interrupted,
      opens: this.pools.opens(),
      ...loop,
      sendWindowMs: Math.max(0, Math.min(this.stoppedAt || end, end) - this.runStart),
    };
    this.post({ type: 'done', flush, stats });
  }
}
