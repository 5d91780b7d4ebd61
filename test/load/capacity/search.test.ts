import { describe, expect, it } from 'vitest';
import { bracket, nextStep, roundRate, type SearchSettings, type StepOutcome } from '../../../src/load/capacity/search.js';

const settings: SearchSettings = { startRate: 10, maxRate: 10_000, resolution: 0.05, growth: 2 };

/** Drive the planner against a target that passes every rate up to `knee`; returns the steps it took. */
function search(knee: number, s: SearchSettings = settings): StepOutcome[] {
  const steps: StepOutcome[] = [];
  for (let next = nextStep(s, steps); next !== null; next = nextStep(s, steps)) {
    steps.push({ rate: next.rate, passed: next.rate <= knee });
    if (steps.length > 100) throw new Error('search did not stop');
  }
  return steps;
}

describe('capacity search planner', () => {
  it('ramps by doubling from the start rate until a step fails, then bisects', () => {
    const steps = search(100);
    expect(steps.slice(0, 5).map((s) => s.rate)).toEqual([10, 20, 40, 80, 160]);
    expect(steps[4]!.passed).toBe(false);
    expect(steps[5]!.rate).toBe(120); // midway between 80 (passed) and 160 (failed)
  });

  it.each([37, 100, 333, 950, 4200])('brackets a knee of %d req/s within the resolution', (knee) => {
    const { highestPass, lowestFail } = bracket(search(knee));
    expect(highestPass).not.toBeNull();
    expect(highestPass!).toBeLessThanOrEqual(knee);
    expect(lowestFail!).toBeGreaterThan(knee);
    expect((lowestFail! - highestPass!) / highestPass!).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(highestPass! - knee) / knee).toBeLessThan(0.05);
  });

  it('needs far fewer steps than a linear ramp of the same resolution', () => {
    for (const knee of [100, 950, 4200]) {
      const searched = search(knee).length;
      // A linear ramp that finds the knee to 5% steps by 5% of it: about 1 / 0.05 = 20 steps from zero.
      const linear = Math.ceil(knee / (0.05 * knee)) + 1;
      expect(searched).toBeLessThan(linear);
    }
  });

  it('stops at once when the start rate fails', () => {
    expect(search(5)).toEqual([{ rate: 10, passed: false }]);
    expect(nextStep(settings, [{ rate: 10, passed: false }])).toBeNull();
  });

  it('stops at the max rate when everything passes, and never goes above it', () => {
    const steps = search(1e9, { ...settings, maxRate: 300 });
    expect(steps.map((s) => s.rate)).toEqual([10, 20, 40, 80, 160, 300]);
    expect(steps.every((s) => s.passed)).toBe(true);
  });

  it('keeps the bracket below the lowest failure when a higher rate passed by chance', () => {
    expect(bracket([{ rate: 10, passed: true }, { rate: 40, passed: false }, { rate: 25, passed: true }, { rate: 80, passed: true }])).toEqual({ highestPass: 25, lowestFail: 40 });
  });

  it('rounds rates to three significant digits', () => {
    expect([roundRate(1234.5), roundRate(12.345), roundRate(97.5), roundRate(0.12345)]).toEqual([1230, 12.3, 97.5, 0.123]);
  });
});
