import type { ProfileConfig, ProfilesConfig } from '../../core/config/profiles-section.js';
import { parseDuration } from '../../core/duration.js';
import { GonogoError } from '../../core/errors.js';
import { didYouMean } from '../../core/did-you-mean.js';
import type { ExecutorSpec } from '../scenario/api.js';
import { BUILTIN_PROFILES, DEFAULT_THRESHOLDS, spikeStages, type ProfileDef, type SpikeShape } from './builtin.js';
import { scaleExecutor, scaleSpike, type ScaleOptions } from './scale.js';

/** Every profile name known: built-ins plus the config's. */
export function profileNames(config: ProfilesConfig | undefined): string[] {
  return [...new Set([...Object.keys(BUILTIN_PROFILES), ...Object.keys(config ?? {})])];
}

/**
 * A profile by name: the built-in, with the config's fields over it (or a profile only the config
 * defines), scaled by `scale`. Throws GONOGO_SCENARIO_INVALID for an unknown name.
 */
export function resolveProfile(name: string, config: ProfilesConfig | undefined, scale: number, where = '--profile', scaleOpts: ScaleOptions = {}): ProfileDef {
  const builtin = BUILTIN_PROFILES[name];
  const over = config?.[name];
  if (!builtin && !over) {
    const names = profileNames(config);
    const guess = didYouMean(name, names);
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `unknown profile "${name}"`, { where, hint: `${guess ? `did you mean "${guess}"? ` : ''}known profiles: ${names.join(', ')} (add your own under \`profiles\` in the config)` });
  }
  const def = over ? merge(name, builtin, over) : builtin!;
  return scale === 1 ? def : { ...def, executor: def.spike ? spikeExecutor(scaleSpike(def.spike, scale, scaleOpts)) : scaleExecutor(def.executor, scale, scaleOpts), spike: def.spike && scaleSpike(def.spike, scale, scaleOpts) };
}

function spikeExecutor(s: SpikeShape): ExecutorSpec {
  return { type: 'ramping-users', startUsers: s.baseUsers, stages: spikeStages(s) };
}

function merge(name: string, base: ProfileDef | undefined, c: ProfileConfig): ProfileDef {
  const description = c.description ?? base?.description ?? `profile ${name} from the config`;
  const thresholds = c.thresholds ?? base?.thresholds ?? DEFAULT_THRESHOLDS;
  const ms = (v: number | undefined) => (v === undefined ? undefined : `${v}ms`);
  if (c.stages) {
    return { name, description, thresholds, executor: { type: 'ramping-users', stages: c.stages.map((s) => ({ duration: `${s.durationMs}ms`, target: s.target })), startUsers: c.startUsers, spawnRate: c.spawnRate } };
  }
  if (c.rate !== undefined) {
    const durationMs = c.durationMs ?? durationOf(base);
    if (durationMs === undefined) throw new GonogoError('GONOGO_SCENARIO_INVALID', `profile "${name}" sets a rate but no duration`, { where: `profiles.${name}.duration`, hint: 'add duration: 1m' });
    return { name, description, thresholds, executor: { type: 'constant-arrival-rate', rate: c.rate, duration: `${durationMs}ms`, maxUsers: c.maxUsers } };
  }
  if (base?.spike) {
    const s = base.spike;
    const spike: SpikeShape = {
      baseUsers: c.baseUsers ?? s.baseUsers,
      peakUsers: c.users ?? s.peakUsers,
      baselineMs: c.baselineMs ?? s.baselineMs,
      rampUpMs: c.rampUpMs ?? s.rampUpMs,
      holdMs: c.durationMs ?? s.holdMs,
      rampDownMs: c.rampDownMs ?? s.rampDownMs,
      afterMs: c.afterMs ?? s.afterMs,
    };
    return { name, description, thresholds, executor: spikeExecutor(spike), spike };
  }
  const users = c.users ?? (base?.executor.type === 'constant-users' ? base.executor.users : undefined);
  const duration = ms(c.durationMs) ?? (base?.executor.type === 'constant-users' ? base.executor.duration : undefined);
  if (users === undefined || duration === undefined) {
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `profile "${name}" needs users and duration (or stages, or rate and duration)`, { where: `profiles.${name}`, hint: 'e.g. profiles: { soak: { users: 50, duration: 1h } }' });
  }
  const spawnRate = c.spawnRate ?? (base?.executor.type === 'constant-users' ? base.executor.spawnRate : undefined);
  return { name, description, thresholds, executor: { type: 'constant-users', users, duration, ...(spawnRate !== undefined ? { spawnRate } : {}) } };
}

function durationOf(p: ProfileDef | undefined): number | undefined {
  if (p?.executor.type === 'constant-users') return parseDuration(p.executor.duration, 'duration');
  return undefined;
}
