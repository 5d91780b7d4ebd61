/**
 * The breaking point `gonogo run` found with its `capacity` part: the part of a capacity result
 * (gonogo/capacity-result@1, docs/capacity.md) the report and the verdict read. Declared in core so the
 * report never imports the load engine.
 */
export interface BreakingPoint {
  /** Highest arrival rate (req/s) at which every threshold passed; null when even the start rate failed. */
  maxRate: number | null;
  /** Lowest rate that failed: the knee lies between maxRate and it; null when no rate failed. */
  failedAt: number | null;
  /** The first threshold that failed at `failedAt`. */
  limitedBy: { metric: string; expression: string; actual: number | null; rate: number } | null;
  stoppedBy: string;
  steps: { rate: number; passed: boolean; achievedRps: number; errorRate: number; latencyMs: { p95: number } }[];
  /** What saturated at the knee, each with its evidence and recommendation. */
  bottlenecks: { resource: string; metric: string; evidence: string; recommendation: string }[];
}

/** "between 120 and 150 req/s", "above 400 req/s (the max rate passed)", "below 10 req/s (the start rate failed)". */
export function kneeText(b: BreakingPoint): string {
  if (b.maxRate === null) return `below ${b.failedAt ?? b.steps[0]?.rate ?? '?'} req/s (the start rate failed)`;
  if (b.failedAt === null) return `above ${b.maxRate} req/s (no rate tried failed)`;
  return `between ${b.maxRate} and ${b.failedAt} req/s`;
}
