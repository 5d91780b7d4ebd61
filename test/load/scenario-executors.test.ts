import { describe, expect, it } from 'vitest';
import { ArrivalSchedule, scheduledIterations } from '../../src/load/executors/arrival.js';
import { UserRamp, usersOnWorker } from '../../src/load/executors/closed.js';
import { planExecutor, type ClosedPlan, type OpenPlan } from '../../src/load/executors/plan.js';
import { resolveProfile } from '../../src/load/profiles/resolve.js';
import { spikeRecovery } from '../../src/load/profiles/recovery.js';
import type { TimelinePoint } from '../../src/core/load-result.js';

const closed = (spec: Parameters<typeof planExecutor>[0]) => planExecutor(spec, 'x').plan as ClosedPlan;
const open = (spec: Parameters<typeof planExecutor>[0]) => planExecutor(spec, 'x').plan as OpenPlan;

describe('executor plans', () => {
  it('collects every problem with its field', () => {
    const { problems } = planExecutor({ type: 'ramping-users', stages: [{ duration: 'soon', target: -1 }], spawnRate: 0 }, 'scenario "a".executor');
    expect(problems).toEqual([
      'scenario "a".executor.stages[0].duration: invalid duration "soon"; use "30s", "1m30s", "500ms" or a number of seconds',
      'scenario "a".executor.stages[0].target: expected a number >= 0, got -1',
      `scenario "a".executor.spawnRate: expected a number >= ${Number.MIN_VALUE}, got 0`,
      'scenario "a".executor.stages: the stages add up to no time at all',
    ]);
    expect(planExecutor({ type: 'nope' } as never, 'e').problems[0]).toMatch(/e\.type: expected one of constant-users/);
  });

  it('converts rates per timeUnit to per second', () => {
    expect(open({ type: 'constant-arrival-rate', rate: 60, timeUnit: '1m', duration: '10s' })).toMatchObject({ startRate: 1, durationMs: 10_000, preAllocatedUsers: 1, maxUsers: 10 });
  });
});

describe('closed model: users follow the stages', () => {
  it('ramps linearly and reaches every stage target', () => {
    const r = new UserRamp(closed({ type: 'ramping-users', stages: [{ duration: '10s', target: 100 }, { duration: '5s', target: 100 }, { duration: '5s', target: 0 }] }));
    expect([0, 2500, 5000, 10_000, 12_000, 17_500, 20_000, 25_000].map((t) => r.at(t))).toEqual([0, 25, 50, 100, 100, 50, 0, 0]);
  });

  it('never adds users faster than the spawn rate', () => {
    const r = new UserRamp(closed({ type: 'constant-users', users: 100, duration: '1m', spawnRate: 10 }));
    const seen = [];
    for (let t = 0; t <= 12_000; t += 100) seen.push(r.at(t));
    expect(seen[0]).toBe(1);
    // user k starts at k / spawnRate: the first at once, 10 more each second
    expect(seen[10]).toBe(11);
    expect(seen[50]).toBe(51);
    expect(seen[100]).toBe(100);
    expect(seen[120]).toBe(100);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBeLessThanOrEqual(2);
  });

  it('gives user i to worker i mod workers', () => {
    expect([0, 1, 2].map((w) => usersOnWorker(7, w, 3))).toEqual([3, 2, 2]);
    expect([0, 1, 2].map((w) => usersOnWorker(1, w, 3))).toEqual([1, 0, 0]);
  });
});

describe('open model: arrival schedule', () => {
  it('spaces a constant rate evenly', () => {
    const s = new ArrivalSchedule(open({ type: 'constant-arrival-rate', rate: 100, duration: '1s' }));
    expect([0, 1, 50, 99].map((k) => s.timeOf(k))).toEqual([0, 10, 500, 990]);
    expect(s.timeOf(100)).toBe(Infinity);
  });

  it('follows a linear ramp (the count grows quadratically)', () => {
    const p = open({ type: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '10s', target: 100 }] });
    expect(scheduledIterations(p)).toBe(500);
    const s = new ArrivalSchedule(p);
    // C(t) = 5 t^2: the 125th arrival is at 5 s, the 500th would be at 10 s (the end).
    expect(s.timeOf(125)).toBeCloseTo(5000, 6);
    expect(s.timeOf(499)).toBeLessThan(10_000);
    expect(s.timeOf(500)).toBe(Infinity);
  });
});

describe('profiles', () => {
  it('scales users and durations, keeping at least one user', () => {
    const p = resolveProfile('load', undefined, 0.1);
    expect(p.executor).toEqual({ type: 'constant-users', users: 10, duration: '30000ms', spawnRate: 10 });
    expect(resolveProfile('smoke', undefined, 0.01).executor).toMatchObject({ users: 1, duration: '300ms' });
  });

  it('lets the config override a built-in and add new ones', () => {
    expect(resolveProfile('smoke', { smoke: { users: 3, durationMs: 2000 } }, 1).executor).toEqual({ type: 'constant-users', users: 3, duration: '2000ms' });
    expect(resolveProfile('soak', { soak: { users: 5, durationMs: 60_000, spawnRate: 1 } }, 1).executor).toEqual({ type: 'constant-users', users: 5, duration: '60000ms', spawnRate: 1 });
    expect(resolveProfile('burst', { burst: { rate: 50, durationMs: 1000 } }, 1).executor).toMatchObject({ type: 'constant-arrival-rate', rate: 50 });
  });

  it('rejects an unknown profile with a suggestion', () => {
    expect(() => resolveProfile('smok', undefined, 1)).toThrow(/unknown profile "smok"/);
    try {
      resolveProfile('smok', undefined, 1);
    } catch (err) {
      expect((err as { hint: string }).hint).toMatch(/did you mean "smoke"/);
    }
  });

  it('builds the spike as baseline, up, hold, down, observe', () => {
    const p = resolveProfile('spike', undefined, 1);
    expect(p.executor).toMatchObject({ type: 'ramping-users', startUsers: 10 });
    expect(p.spike).toMatchObject({ peakUsers: 1000, rampUpMs: 10_000, holdMs: 60_000, rampDownMs: 10_000 });
  });
});

describe('spike recovery', () => {
  const point = (t: number, p95: number): TimelinePoint => ({ t, requests: 100, errors: 0, rps: 100, p50: p95 / 2, p95, p99: p95, bytes: 0 });
  const shape = { baseUsers: 1, peakUsers: 10, baselineMs: 3000, rampUpMs: 1000, holdMs: 2000, rampDownMs: 1000, afterMs: 8000 };

  it('measures from the end of the ramp-down to the first stable second back at the baseline', () => {
    // spike ends at 7 s; latency stays high until 10 s, then back to 5 ms
    const tl = [5, 5, 5, 40, 80, 90, 60, 50, 30, 20, 5, 5, 5, 5, 5].map((v, t) => point(t, v));
    const r = spikeRecovery(tl, shape);
    expect(r).toMatchObject({ baselineP95Ms: 5, recovered: true, timeToRecoverMs: 3000, peakP95Ms: 90 });
  });

  it('reports no recovery when latency stays high', () => {
    const tl = [5, 5, 5, 40, 80, 90, 60, 50, 50, 50, 50, 50, 50, 50, 50].map((v, t) => point(t, v));
    expect(spikeRecovery(tl, shape)).toMatchObject({ recovered: false, timeToRecoverMs: null });
  });
});
