import { describe, expect, it } from 'vitest';
import { renderCapacity } from '../../src/cli/capacity-summary.js';
import { capacityResult, type CapacityStep } from '../../src/load/capacity/result.js';

const step = (rate: number, passed: boolean): CapacityStep =>
  ({ rate, phase: 'ramp', passed, failed: passed ? [] : [{ metric: 'http_req_duration', expression: 'p(95)<200', actual: 450 }], achievedRps: rate, latencyMs: { p50: 5, p95: 9, p99: 12 }, errorRate: 0, generatorLimited: false }) as unknown as CapacityStep;
const settings = { startRate: 10, maxRate: 160, resolution: 0.05, growth: 2, stepDurationMs: 10_000, timeLimitMs: 30_000, thresholds: ['p(95)<200'] } as never;
const render = (steps: CapacityStep[], stoppedBy: 'converged' | 'time-limit') =>
  renderCapacity(capacityResult({ startedAt: new Date(), target: 'http://127.0.0.1:1/', settings, steps, bottlenecksAt: new Map(), stoppedBy }));

describe('capacity summary line', () => {
  it('says every rate passed only when the search reached --max-rate', () => {
    expect(render([step(10, true), step(20, true), step(40, true), step(80, true), step(160, true)], 'converged')).toContain('capacity: at least 160 req/s (every rate up to --max-rate 160 passed)');
  });

  it('a search stopped by its time limit below --max-rate does not claim the higher rates passed', () => {
    const out = render([step(10, true), step(20, true), step(40, true)], 'time-limit');
    expect(out).toContain('capacity: at least 40 req/s (no rate failed before the search stopped; the knee is above it)');
    expect(out).not.toContain('every rate up to');
    expect(out).toContain('stopped by --time-limit (30 s) after 3 steps');
  });

  it('names the knee when a rate failed', () => {
    expect(render([step(10, true), step(20, true), step(40, false)], 'converged')).toContain('capacity: 20 req/s (knee between 20 and 40 req/s)');
  });
});
