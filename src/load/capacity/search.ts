/**
 * The capacity search as a pure planner: given the steps run so far, which arrival rate to try next
 * (or none). Ramp geometrically from the start rate until a step fails (or the maximum passes), then
 * bisect between the highest rate that passed and the lowest that failed until they are within the
 * resolution. A ramp that doubles reaches a knee K from a start S in log2(K/S) steps and bisection
 * halves the bracket each step, so the whole search costs O(log) steps where a linear ramp of the same
 * resolution costs K / (resolution x K) = 1 / resolution steps (bench/capacity-steps.mjs prints both).
 */

export interface SearchSettings {
  /** First rate tried, req/s. */
  startRate: number;
  /** Highest rate tried, req/s. */
  maxRate: number;
  /** Stop bisecting when (lowest fail - highest pass) <= resolution x highest pass. */
  resolution: number;
  /** Ramp factor between ramp steps (2: double). */
  growth: number;
}

export interface StepOutcome {
  rate: number;
  passed: boolean;
}

export type SearchPhase = 'ramp' | 'bisect';

export interface NextStep {
  rate: number;
  phase: SearchPhase;
}

export const DEFAULT_RESOLUTION = 0.05;
export const DEFAULT_GROWTH = 2;

/** What the steps so far say: the bracket around the knee. Assumes pass/fail is monotone in the rate. */
export function bracket(steps: readonly StepOutcome[]): { highestPass: number | null; lowestFail: number | null } {
  let lowestFail: number | null = null;
  for (const s of steps) if (!s.passed && (lowestFail === null || s.rate < lowestFail)) lowestFail = s.rate;
  let highestPass: number | null = null;
  // A pass above a lower failure is noise on a monotone curve: the bracket keeps below the first failure.
  for (const s of steps) if (s.passed && (lowestFail === null || s.rate < lowestFail) && (highestPass === null || s.rate > highestPass)) highestPass = s.rate;
  return { highestPass, lowestFail };
}

/** The next rate to try, or null when the search is over (start failed, max passed, or bracket narrow enough). */
export function nextStep(s: SearchSettings, steps: readonly StepOutcome[]): NextStep | null {
  if (steps.length === 0) return { rate: s.startRate, phase: 'ramp' };
  const { highestPass, lowestFail } = bracket(steps);
  if (highestPass === null) return null; // even the start rate (or every rate tried) failed
  if (lowestFail === null) {
    if (highestPass >= s.maxRate) return null;
    return { rate: Math.min(s.maxRate, roundRate(highestPass * s.growth)), phase: 'ramp' };
  }
  if (lowestFail - highestPass <= s.resolution * highestPass) return null;
  const mid = roundRate((highestPass + lowestFail) / 2);
  if (mid <= highestPass || mid >= lowestFail) return null; // rounding left nothing between them
  return { rate: mid, phase: 'bisect' };
}

/** Rates shown to people: three significant digits (1234.5 -> 1230, 12.345 -> 12.3). */
export function roundRate(r: number): number {
  return r > 0 ? Number(r.toPrecision(3)) : 0;
}
