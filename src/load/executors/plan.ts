import { parseDuration } from '../../core/duration.js';
import type { DurationLike, ExecutorSpec } from '../scenario/api.js';

/** A stage with its duration in ms. */
export interface StagePlan {
  durationMs: number;
  target: number;
}

/** Closed model: users follow stages (linear), capped by spawnRate. */
export interface ClosedPlan {
  model: 'closed';
  type: 'constant-users' | 'ramping-users';
  startUsers: number;
  stages: StagePlan[];
  /** Users per second; null = as fast as the stages say. */
  spawnRate: number | null;
  durationMs: number;
  maxUsers: number;
}

/** Open model: iterations per second follow stages (linear). */
export interface OpenPlan {
  model: 'open';
  type: 'constant-arrival-rate' | 'ramping-arrival-rate';
  /** Iterations per second at time 0. */
  startRate: number;
  /** Targets in iterations per second. */
  stages: StagePlan[];
  durationMs: number;
  preAllocatedUsers: number;
  maxUsers: number;
}

export type ExecutorPlan = ClosedPlan | OpenPlan;

const TYPES = ['constant-users', 'ramping-users', 'constant-arrival-rate', 'ramping-arrival-rate'];

/**
 * Check an executor spec and turn it into a plan (durations in ms, rates per second). Pure;
 * returns every problem found as "field: message" so the user fixes them all at once (k6 does the same).
 */
export function planExecutor(spec: ExecutorSpec, at: string): { plan?: ExecutorPlan; problems: string[] } {
  const problems: string[] = [];
  const p = (field: string, msg: string) => problems.push(`${at}.${field}: ${msg}`);
  const dur = (v: DurationLike | undefined, field: string, positive = true): number => {
    if (v === undefined) {
      p(field, 'is required');
      return 0;
    }
    try {
      const ms = parseDuration(v, field);
      if (positive && ms <= 0) p(field, 'must be longer than 0');
      return ms;
    } catch {
      p(field, `invalid duration ${JSON.stringify(v)}; use "30s", "1m30s", "500ms" or a number of seconds`);
      return 0;
    }
  };
  const count = (v: unknown, field: string, min: number, required = true): number | undefined => {
    if (v === undefined) {
      if (required) p(field, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
      p(field, `expected a number >= ${min}, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };
  const stages = (v: unknown): StagePlan[] => {
    if (!Array.isArray(v) || v.length === 0) {
      p('stages', 'expected a non-empty list of { duration, target }');
      return [];
    }
    return v.map((s: { duration?: DurationLike; target?: number }, i) => ({
      durationMs: dur(s?.duration, `stages[${i}].duration`, false),
      target: count(s?.target, `stages[${i}].target`, 0) ?? 0,
    }));
  };
  if (typeof spec !== 'object' || spec === null || !TYPES.includes((spec as { type: string }).type)) {
    problems.push(`${at}.type: expected one of ${TYPES.join(', ')}, got ${JSON.stringify((spec as { type?: unknown } | null)?.type)}`);
    return { problems };
  }
  let plan: ExecutorPlan;
  switch (spec.type) {
    case 'constant-users': {
      const users = Math.round(count(spec.users, 'users', 1) ?? 1);
      const durationMs = dur(spec.duration, 'duration');
      const spawnRate = count(spec.spawnRate, 'spawnRate', Number.MIN_VALUE, false) ?? null;
      plan = { model: 'closed', type: spec.type, startUsers: users, stages: [{ durationMs, target: users }], spawnRate, durationMs, maxUsers: users };
      break;
    }
    case 'ramping-users': {
      const st = stages(spec.stages);
      const startUsers = Math.round(count(spec.startUsers, 'startUsers', 0, false) ?? 0);
      const spawnRate = count(spec.spawnRate, 'spawnRate', Number.MIN_VALUE, false) ?? null;
      const durationMs = st.reduce((a, s) => a + s.durationMs, 0);
      if (st.length > 0 && durationMs <= 0) p('stages', 'the stages add up to no time at all');
      plan = { model: 'closed', type: spec.type, startUsers, stages: st.map((s) => ({ ...s, target: Math.round(s.target) })), spawnRate, durationMs, maxUsers: Math.max(startUsers, ...st.map((s) => Math.round(s.target))) };
      break;
    }
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const unitMs = spec.timeUnit === undefined ? 1000 : dur(spec.timeUnit, 'timeUnit');
      const perSec = (r: number) => (unitMs > 0 ? (r * 1000) / unitMs : 0);
      let startRate: number;
      let st: StagePlan[];
      let durationMs: number;
      if (spec.type === 'constant-arrival-rate') {
        startRate = perSec(count(spec.rate, 'rate', Number.MIN_VALUE) ?? 0);
        durationMs = dur(spec.duration, 'duration');
        st = [{ durationMs, target: startRate }];
      } else {
        startRate = perSec(count(spec.startRate, 'startRate', 0, false) ?? 0);
        st = stages(spec.stages).map((s) => ({ ...s, target: perSec(s.target) }));
        durationMs = st.reduce((a, s) => a + s.durationMs, 0);
        if (st.length > 0 && durationMs <= 0) p('stages', 'the stages add up to no time at all');
      }
      const peak = Math.max(startRate, ...st.map((s) => s.target));
      const pre = Math.round(count(spec.preAllocatedUsers, 'preAllocatedUsers', 1, false) ?? Math.max(1, Math.ceil(peak)));
      const max = Math.round(count(spec.maxUsers, 'maxUsers', 1, false) ?? Math.max(pre, pre * 10));
      if (max < pre) p('maxUsers', `must be at least preAllocatedUsers (${pre})`);
      plan = { model: 'open', type: spec.type, startRate, stages: st, durationMs, preAllocatedUsers: pre, maxUsers: Math.max(max, pre) };
      break;
    }
  }
  return problems.length ? { problems } : { plan, problems };
}

/** The value the stages give at time t (linear within a stage, holding the last target after the end). */
export function stageValueAt(start: number, stages: readonly StagePlan[], tMs: number): number {
  let from = start;
  let t0 = 0;
  for (const s of stages) {
    if (tMs < t0 + s.durationMs) return s.durationMs <= 0 ? s.target : from + ((s.target - from) * (tMs - t0)) / s.durationMs;
    t0 += s.durationMs;
    from = s.target;
  }
  return from;
}
