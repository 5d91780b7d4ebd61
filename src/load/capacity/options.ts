import type { GonogoConfig } from '../../core/config/schema.js';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from '../../core/duration.js';
import { LAUNCH_DEFAULT_THRESHOLDS } from '../../core/thresholds/launch-defaults.js';
import { startLoad } from '../engine.js';
import { positiveNumber, resolveLoadOptions } from '../options.js';
import { startScriptedRun } from '../scenario/run-file.js';
import { resolveScriptedOptions, scenarioFiles, type ScriptedFlags } from '../scripted-options.js';
import type { StartStep } from './run.js';
import { DEFAULT_GROWTH, DEFAULT_RESOLUTION, type SearchSettings } from './search.js';

/** Raw flags of `gonogo capacity` (the load flags it shares keep their meaning). */
export interface CapacityFlags extends Omit<ScriptedFlags, 'scenario' | 'profile' | 'scale' | 'rate' | 'duration' | 'abortOnFail'> {
  scenario?: string;
  startRate?: string;
  maxRate?: string;
  stepDuration?: string;
  timeLimit?: string;
}

export const CAPACITY_DEFAULTS = { startRate: 10, maxRate: 10_000, stepDurationMs: 10_000, timeLimitMs: 300_000 } as const;

/** The shortest step whose figures mean anything: the load engine aggregates per second. */
const MIN_STEP_MS = 2000;

export interface CapacityPlan {
  target: string;
  settings: SearchSettings;
  stepDurationMs: number;
  timeLimitMs: number;
  thresholds: string[];
  /** Generator worker threads of every step. */
  workers: number;
  startStep: StartStep;
}

/**
 * Flags over config over defaults into a search plan; every bad value is a UsageError naming its flag
 * (exit 2) before any request is sent. Each step is an ordinary open-model load run: quick mode
 * (one request, `resolveLoadOptions`) or the scenario file's iterations at a constant arrival rate.
 */
export function resolveCapacity(urlArg: string | undefined, flags: CapacityFlags, config: GonogoConfig | undefined, configFile: string | undefined, cwd: string): CapacityPlan {
  const startRate = flags.startRate !== undefined ? positiveNumber(flags.startRate, '--start-rate') : CAPACITY_DEFAULTS.startRate;
  const maxRate = flags.maxRate !== undefined ? positiveNumber(flags.maxRate, '--max-rate') : Math.max(CAPACITY_DEFAULTS.maxRate, startRate);
  if (startRate > maxRate) throw new UsageError(`--start-rate ${startRate} is above --max-rate ${maxRate}`, { where: '--start-rate', hint: 'the search ramps up from the start rate to at most the max rate: give a start rate at or below it' });
  const stepDurationMs = flags.stepDuration !== undefined ? parseDuration(flags.stepDuration, '--step-duration') : CAPACITY_DEFAULTS.stepDurationMs;
  if (stepDurationMs < MIN_STEP_MS) throw new UsageError(`--step-duration must be at least 2s, got "${flags.stepDuration}"`, { where: '--step-duration', hint: 'a step needs a few one-second slices to be judged; 10s or more is steadier (docs/capacity.md)' });
  const timeLimitMs = flags.timeLimit !== undefined ? parseDuration(flags.timeLimit, '--time-limit') : CAPACITY_DEFAULTS.timeLimitMs;
  if (timeLimitMs < stepDurationMs) throw new UsageError(`--time-limit ${flags.timeLimit ?? '5m'} is shorter than one step (${stepDurationMs / 1000} s)`, { where: '--time-limit', hint: 'allow several steps: a search needs about 8 to 12 (docs/capacity.md)' });
  // The generator's threads for every step: --workers, else capacity.workers, else load.workers (one per core).
  const capWorkers = config?.capacity?.workers;
  if (flags.workers === undefined && capWorkers !== undefined) flags = { ...flags, workers: String(capWorkers) };
  const hasThresholds = (flags.threshold?.length ?? 0) > 0 || config?.load?.thresholds !== undefined;
  const threshold = hasThresholds ? flags.threshold : [...LAUNCH_DEFAULT_THRESHOLDS];
  const settings: SearchSettings = { startRate, maxRate, resolution: DEFAULT_RESOLUTION, growth: DEFAULT_GROWTH };
  const common = { stepDurationMs, timeLimitMs, settings };

  const files = scenarioFiles({ scenario: flags.scenario === undefined ? undefined : [flags.scenario] }, config, configFile, cwd);
  if (files.length > 0) {
    // The scenario's iterations are sent at each step's rate: a profile in the config does not apply.
    const base = resolveScriptedOptions(files, urlArg, { ...flags, scenario: undefined, threshold, rate: String(startRate), duration: `${stepDurationMs}ms` }, withoutProfile(config), configFile, cwd);
    return {
      ...common,
      target: base.baseUrl?.href ?? files.join(', '),
      thresholds: base.thresholdSources.map((s) => (typeof s.input === 'string' ? s.input : s.input.threshold)),
      workers: base.workers,
      startStep: async (rate, durationMs) => {
        const prepared = await startScriptedRun({ ...base, override: { ...base.override, rate, durationMs } });
        void prepared.run.result.finally(() => prepared.dispose()).catch(() => {});
        return prepared.run;
      },
    };
  }
  const opts = resolveLoadOptions(urlArg, { ...flags, threshold }, config, configFile, cwd);
  return {
    ...common,
    target: opts.url.href,
    thresholds: opts.thresholds.map((t) => `${t.selector}: ${t.condition}`),
    workers: opts.workers,
    startStep: (rate, durationMs) => startLoad({ ...opts, rate, durationMs }),
  };
}

function withoutProfile(config: GonogoConfig | undefined): GonogoConfig | undefined {
  if (config?.load?.profile === undefined) return config;
  const { profile: _drop, ...load } = config.load;
  return { ...config, load };
}
