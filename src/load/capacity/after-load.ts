import type { CapacityConfig } from '../../core/config/capacity-section.js';
import type { GonogoConfig } from '../../core/config/schema.js';
import type { ScriptedFlags } from '../scripted-options.js';
import { CAPACITY_DEFAULTS, resolveCapacity, type CapacityFlags } from './options.js';
import type { CapacityResult } from './result.js';
import { runCapacity } from './run.js';

/** The search's own settings from the `capacity` section (or its defaults), as the flags of `gonogo capacity`. */
export function capacitySectionFlags(c: CapacityConfig | undefined): Pick<CapacityFlags, 'startRate' | 'maxRate' | 'stepDuration' | 'timeLimit'> {
  // Not scaled by --scale: the time limit is already the search's budget, and a shorter step is not steady.
  const stepMs = c?.stepDurationMs ?? CAPACITY_DEFAULTS.stepDurationMs;
  const limitMs = Math.max(stepMs, c?.timeLimitMs ?? CAPACITY_DEFAULTS.timeLimitMs);
  return {
    startRate: c?.startRate === undefined ? undefined : String(c.startRate),
    maxRate: c?.maxRate === undefined ? undefined : String(c.maxRate),
    stepDuration: `${stepMs}ms`,
    timeLimit: `${limitMs}ms`,
  };
}

/** The config each step runs with: `capacity.thresholds` replace the load's; a URL or scenario of the search's own replaces the load's. */
export function stepConfig(config: GonogoConfig | undefined, ownTarget: boolean): GonogoConfig {
  const c = config?.capacity;
  const { scenario: _s, profile: _p, url: _u, ...rest } = config?.load ?? {};
  const load = ownTarget ? rest : { ...(config?.load ?? {}) };
  return { ...(config ?? {}), load: { ...load, ...(c?.thresholds !== undefined ? { thresholds: c.thresholds } : {}), ...(c?.metrics !== undefined ? { metrics: c.metrics } : {}) } } as GonogoConfig;
}

/**
 * The breaking point after a load run (`gonogo load --breaking-point`, or a profile with `breakingPoint: true`): the
 * same search as `gonogo capacity`, on the run's URL or first scenario with its request flags, thresholds and
 * metrics; rates, step length and time limit from the `capacity` section.
 */
export async function searchAfterLoad(
  url: string | undefined,
  flags: ScriptedFlags,
  config: GonogoConfig | undefined,
  configFile: string | undefined,
  cwd: string,
  o: { signal?: AbortSignal; log: (line: string) => void },
): Promise<CapacityResult> {
  const { scenario, profile: _p, scale: _s, rate: _r, duration: _d, abortOnFail: _a, ...request } = flags;
  const capFlags: CapacityFlags = { ...request, scenario: scenario?.[0], ...capacitySectionFlags(config?.capacity) };
  const plan = resolveCapacity(url, capFlags, stepConfig(config, url !== undefined || scenario !== undefined), configFile, cwd);
  o.log(`breaking point: ${plan.target} from ${plan.settings.startRate} to at most ${plan.settings.maxRate} req/s, ${plan.stepDurationMs / 1000} s steps, within ${plan.timeLimitMs / 1000} s`);
  return runCapacity({
    ...plan,
    signal: o.signal,
    onStep: (s, i) => o.log(`breaking point: step ${i + 1} ${s.rate} req/s ${s.passed ? 'passed' : 'failed'} (p95 ${s.latencyMs.p95} ms)`),
  });
}
