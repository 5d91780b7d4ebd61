import type { ThresholdsConfig } from '../../core/config/load-section.js';
import type { ExecutorSpec, Stage } from '../scenario/api.js';

/** Spike profiles record where the spike is so the run can report the time to recover. */
export interface SpikeShape {
  /** Users before and after the spike. */
  baseUsers: number;
  peakUsers: number;
  /** Pre-spike baseline, ramp up, hold, ramp down, observation afterwards (ms). */
  baselineMs: number;
  rampUpMs: number;
  holdMs: number;
  rampDownMs: number;
  afterMs: number;
}

export interface ProfileDef {
  name: string;
  description: string;
  executor: ExecutorSpec;
  thresholds?: ThresholdsConfig;
  spike?: SpikeShape;
}

export const DEFAULT_THRESHOLDS: ThresholdsConfig = { http_req_failed: ['rate<0.01'] };

/** Stages for a spike shape: baseline, up, hold, down, observe. */
export function spikeStages(s: SpikeShape): Stage[] {
  return [
    { duration: `${s.baselineMs}ms`, target: s.baseUsers },
    { duration: `${s.rampUpMs}ms`, target: s.peakUsers },
    { duration: `${s.holdMs}ms`, target: s.peakUsers },
    { duration: `${s.rampDownMs}ms`, target: s.baseUsers },
    { duration: `${s.afterMs}ms`, target: s.baseUsers },
  ];
}

export const SPIKE_DEFAULT: SpikeShape = { baseUsers: 10, peakUsers: 1000, baselineMs: 30_000, rampUpMs: 10_000, holdMs: 60_000, rampDownMs: 10_000, afterMs: 60_000 };

/**
 * The built-in profiles (issue 3): light to heavy. Users and durations shrink with --scale; config
 * `profiles.NAME` overrides any field or adds new profiles.
 */
export const BUILTIN_PROFILES: Readonly<Record<string, ProfileDef>> = Object.freeze({
  smoke: { name: 'smoke', description: '10 users for 30 s: does it work at all under a little load', executor: { type: 'constant-users', users: 10, duration: '30s' }, thresholds: DEFAULT_THRESHOLDS },
  load: { name: 'load', description: '100 users for 5 min, 10 new users per second: normal traffic', executor: { type: 'constant-users', users: 100, duration: '5m', spawnRate: 10 }, thresholds: DEFAULT_THRESHOLDS },
  stress: { name: 'stress', description: '500 users for 10 min, 50 new users per second: well above normal', executor: { type: 'constant-users', users: 500, duration: '10m', spawnRate: 50 }, thresholds: DEFAULT_THRESHOLDS },
  endurance: { name: 'endurance', description: '200 users for 30 min, 20 new users per second: leaks and slow degradation', executor: { type: 'constant-users', users: 200, duration: '30m', spawnRate: 20 }, thresholds: DEFAULT_THRESHOLDS },
  peak: { name: 'peak', description: '1,000 users for 20 min, 100 new users per second: the busiest hour', executor: { type: 'constant-users', users: 1000, duration: '20m', spawnRate: 100 }, thresholds: DEFAULT_THRESHOLDS },
  spike: {
    name: 'spike',
    description: '10 users, then 0 -> 1,000 more in 10 s, hold 1 min, back down in 10 s; reports the time to recover to the pre-spike latency',
    executor: { type: 'ramping-users', startUsers: SPIKE_DEFAULT.baseUsers, stages: spikeStages(SPIKE_DEFAULT) },
    thresholds: DEFAULT_THRESHOLDS,
    spike: SPIKE_DEFAULT,
  },
});

/** The baseline suite's default order: light -> normal -> peak -> endurance. */
export const DEFAULT_BASELINE_ORDER = ['smoke', 'load', 'peak', 'endurance'] as const;
