import { stageValueAt, type ClosedPlan } from './plan.js';

/**
 * How many users should run at a time, following the stages and never adding users faster than
 * the spawn rate. A small state machine fed with the clock (pure, unit-tested without timers).
 */
export class UserRamp {
  private current: number;
  private lastT = 0;
  private budget = 0;

  constructor(private readonly plan: ClosedPlan) {
    this.current = plan.spawnRate === null ? plan.startUsers : 0;
  }

  /** The global user count at tMs (non-decreasing t). */
  at(tMs: number): number {
    const want = Math.floor(stageValueAt(this.plan.startUsers, this.plan.stages, tMs) + 1e-9);
    const dt = Math.max(0, tMs - this.lastT);
    this.lastT = tMs;
    if (want <= this.current || this.plan.spawnRate === null) {
      this.current = want;
      this.budget = 0;
      return want;
    }
    this.budget += (this.plan.spawnRate * dt) / 1000;
    // At t = 0 the first spawn happens at once: Locust starts its first user immediately.
    const add = Math.min(want - this.current, Math.floor(this.budget) + (tMs === 0 && this.current === 0 ? 1 : 0));
    if (add > 0) {
      this.current += add;
      this.budget = Math.max(0, this.budget - add);
    }
    return this.current;
  }
}

/** Of `total` users numbered 0.., how many belong to worker `w` of `workers` (user i runs on worker i mod workers). */
export function usersOnWorker(total: number, w: number, workers: number): number {
  return total > w ? Math.floor((total - 1 - w) / workers) + 1 : 0;
}
