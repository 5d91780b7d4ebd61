import { parseDuration } from '../../core/duration.js';
import type { DurationLike, ExecutorSpec, Stage } from '../scenario/api.js';
import type { SpikeShape } from './builtin.js';

/** Durations never shrink below this, so a tiny --scale still runs each stage. */
const MIN_STAGE_MS = 100;

const ms = (d: DurationLike) => parseDuration(d, 'duration');
const dur = (d: DurationLike, f: number): string => {
  const v = ms(d);
  return `${v === 0 ? 0 : Math.max(MIN_STAGE_MS, Math.round(v * f))}ms`;
};
const users = (n: number, f: number, min = 1) => Math.max(n > 0 ? min : 0, Math.round(n * f));

/** What `--scale` shrinks: users and rates too by default; the demo keeps them and shrinks time only. */
export interface ScaleOptions {
  users?: boolean;
}

/**
 * `--scale F` shrinks users (and arrival rates) and durations by F, for CI and the demo. Pure.
 * Spawn rates stay, so a ramp takes F times as long, like everything else.
 */
export function scaleExecutor(spec: ExecutorSpec, f: number, opts: ScaleOptions = {}): ExecutorSpec {
  if (f === 1) return spec;
  if (opts.users === false) return scaleDurationsOnly(spec, f);
  const stages = (st: Stage[], min: number) => st.map((s) => ({ duration: dur(s.duration, f), target: users(s.target, f, min) }));
  switch (spec.type) {
    case 'constant-users':
      return { ...spec, users: users(spec.users, f), duration: dur(spec.duration, f) };
    case 'ramping-users':
      return { ...spec, startUsers: spec.startUsers === undefined ? undefined : users(spec.startUsers, f), stages: stages(spec.stages, 1) };
    case 'constant-arrival-rate':
      return { ...spec, rate: Math.max(1e-3, spec.rate * f), duration: dur(spec.duration, f), preAllocatedUsers: spec.preAllocatedUsers && users(spec.preAllocatedUsers, f), maxUsers: spec.maxUsers && users(spec.maxUsers, f) };
    case 'ramping-arrival-rate':
      return { ...spec, startRate: spec.startRate && spec.startRate * f, stages: spec.stages.map((s) => ({ duration: dur(s.duration, f), target: s.target * f })), preAllocatedUsers: spec.preAllocatedUsers && users(spec.preAllocatedUsers, f), maxUsers: spec.maxUsers && users(spec.maxUsers, f) };
  }
}

export function scaleSpike(s: SpikeShape, f: number, opts: ScaleOptions = {}): SpikeShape {
  if (f === 1) return s;
  const u = (n: number) => (opts.users === false ? n : users(n, f));
  const d = (x: number) => (x === 0 ? 0 : Math.max(MIN_STAGE_MS, Math.round(x * f)));
  return { baseUsers: u(s.baseUsers), peakUsers: u(s.peakUsers), baselineMs: d(s.baselineMs), rampUpMs: d(s.rampUpMs), holdMs: d(s.holdMs), rampDownMs: d(s.rampDownMs), afterMs: d(s.afterMs) };
}

/** Time shrinks, load stays: the same users and rates for a shorter while. */
function scaleDurationsOnly(spec: ExecutorSpec, f: number): ExecutorSpec {
  switch (spec.type) {
    case 'constant-users':
    case 'constant-arrival-rate':
      return { ...spec, duration: dur(spec.duration, f) };
    case 'ramping-users':
    case 'ramping-arrival-rate':
      return { ...spec, stages: spec.stages.map((s) => ({ ...s, duration: dur(s.duration, f) })) } as ExecutorSpec;
  }
}
