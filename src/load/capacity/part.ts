import path from 'node:path';
import type { BreakingPoint } from '../../core/breaking-point.js';
import { kneeText } from '../../core/breaking-point.js';
import { UsageError } from '../../core/errors.js';
import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import type { CheckResult } from '../../core/result.js';
import { profileWantsBreakingPoint } from '../profiles/breaking-point.js';
import { capacitySectionFlags, stepConfig } from './after-load.js';
import { resolveCapacity } from './options.js';
import type { CapacityResult } from './result.js';
import { runCapacity } from './run.js';

/**
 * The `capacity` part of `gonogo run`: the same search as `gonogo capacity`, configured by the
 * `capacity` section, reported as the "Breaking point". Configured but unable to run is an error
 * (missing evidence), never a skip.
 */
export const capacityPart: Part = {
  name: 'capacity',
  title: PART_CATALOGUE.capacity.title,
  skipReason(config) {
    return config.capacity || profileWantsBreakingPoint(config) ? undefined : 'no `capacity` section in the config, and the load profile has no `breakingPoint: true`';
  },
  async run(ctx) {
    // A profile with `breakingPoint: true` and no `capacity` section searches with the defaults.
    const c = ctx.config.capacity ?? {};
    const base = c.url ?? (c.scenario === undefined ? ctx.config.load?.url : undefined);
    if ((base === undefined && !ctx.target && !ctx.config.load?.scenario && c.scenario === undefined) || (base?.startsWith('/') && !ctx.target)) {
      throw new UsageError('capacity: no target to search', { where: 'capacity.url', hint: 'set `target`, or an absolute `capacity.url`' });
    }
    const url = base === undefined ? undefined : new URL(base, ctx.target).href;
    const scenario = c.scenario === undefined ? undefined : path.resolve(ctx.configFile ? path.dirname(ctx.configFile) : ctx.root, c.scenario);
    const flags = { scenario, ...capacitySectionFlags(c), quiet: true };
    const plan = resolveCapacity(url ?? ctx.target, flags, stepConfig(ctx.config, url !== undefined || scenario !== undefined), ctx.configFile, ctx.root);
    ctx.log(`capacity: ${plan.target} from ${plan.settings.startRate} to at most ${plan.settings.maxRate} req/s, ${plan.stepDurationMs / 1000} s steps, within ${plan.timeLimitMs / 1000} s`);
    const result = await runCapacity({
      ...plan,
      signal: ctx.signal,
      onStep: (s, i) => ctx.log(`capacity: step ${i + 1} ${s.rate} req/s ${s.passed ? 'passed' : 'failed'} (p95 ${s.latencyMs.p95} ms)`),
    });
    const breakingPoint = breakingPointOf(result);
    return { checks: [capacityCheck(breakingPoint)], breakingPoint };
  },
};

export function breakingPointOf(r: CapacityResult): BreakingPoint {
  return {
    maxRate: r.maxRate,
    failedAt: r.failedAt,
    limitedBy: r.limitedBy,
    stoppedBy: r.stoppedBy,
    steps: r.steps.map((s) => ({ rate: s.rate, passed: s.passed, achievedRps: s.achievedRps, errorRate: s.errorRate, latencyMs: { p95: s.latencyMs.p95 } })),
    bottlenecks: r.bottlenecks,
  };
}

/** One check: passed when a rate met every threshold; the evidence names the knee, what broke and what saturated. */
export function capacityCheck(b: BreakingPoint): CheckResult {
  const broke = b.limitedBy ? `; ${b.limitedBy.metric} ${b.limitedBy.expression} broke at ${b.limitedBy.rate} req/s` : '';
  const at = b.bottlenecks[0];
  const bottleneck = at ? `; bottleneck at the knee: ${at.resource} (${at.evidence})` : '';
  const interrupted = b.stoppedBy === 'interrupted';
  const found = b.maxRate !== null && !interrupted;
  return {
    id: 'capacity.breaking-point',
    title: 'Breaking point found',
    category: 'Performance',
    status: found ? 'pass' : 'fail',
    evidence: `${b.maxRate === null ? 'no rate met every threshold' : `max rate that passed: ${b.maxRate} req/s`}; knee ${kneeText(b)}${broke}${bottleneck}${interrupted ? '; the search was interrupted before it finished' : ''} (${b.steps.length} steps)`,
    ...(at ? { remediation: at.recommendation } : found ? {} : { remediation: 'lower the start rate or fix what fails at it, then run the search again' }),
  };
}
