import type { OpenPlan } from './plan.js';

/**
 * When the k-th iteration of an arrival-rate executor is due, in ms from the scenario start.
 * The rate is piecewise linear, so the cumulative count C(t) is piecewise quadratic and C(t) = k
 * is solved per stage. Pure; `next` keeps a cursor because k only grows.
 */
export class ArrivalSchedule {
  private seg = 0;
  private segStart = 0;
  private segCount = 0;
  private segRate: number;

  constructor(private readonly plan: OpenPlan) {
    this.segRate = plan.startRate;
  }

  /** ms offset of arrival k (k = 0, 1, ...), or Infinity when it falls after the end. */
  timeOf(k: number): number {
    const stages = this.plan.stages;
    while (this.seg < stages.length) {
      const s = stages[this.seg]!;
      const r0 = this.segRate;
      const r1 = s.target;
      const D = s.durationMs / 1000;
      const segTotal = D * (r0 + r1) / 2;
      if (k < this.segCount + segTotal - 1e-9) {
        const need = k - this.segCount;
        const a = D > 0 ? (r1 - r0) / (2 * D) : 0;
        let x: number;
        if (Math.abs(a) < 1e-12) x = r0 > 0 ? need / r0 : 0;
        else x = (-r0 + Math.sqrt(Math.max(0, r0 * r0 + 4 * a * need))) / (2 * a);
        return this.segStart + x * 1000;
      }
      this.segCount += segTotal;
      this.segStart += s.durationMs;
      this.segRate = r1;
      this.seg++;
    }
    return Infinity;
  }
}

/** Total iterations the plan schedules (for the "held within 2%" check and dropped counting). */
export function scheduledIterations(plan: OpenPlan): number {
  let r0 = plan.startRate;
  let total = 0;
  for (const s of plan.stages) {
    total += (s.durationMs / 1000) * (r0 + s.target) / 2;
    r0 = s.target;
  }
  return Math.ceil(total - 1e-9);
}
